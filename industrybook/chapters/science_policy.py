"""Derivations of the science-policy chapter (``chapters/science_policy.ipynb``, tag ``sp``).

Hunan's 14th Five-Year-Plan science record as the January 2026 interview gives it, and Hengyang's
innovation figures from the November 2024 page. What lives here:

* ratios of qualified figures (floors, ceilings) through :mod:`industrybook.measures.qualified`;
* :func:`year_readings` tests which year the "latest" provincial R&D figures refer to;
* tables built from fact ids: instruments, output classes, Hengyang's breakthroughs, the
  Hengyang-Hunan comparison, the 15th-plan directions, the periods behind each figure.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D

from industrybook.chapters.benchmarks import benchmark_source_line, bvalue, official_text, page_and_release_data
from industrybook.data.database import Database, parse_period
from industrybook.measures.arithmetic import cagr, implied_base, implied_prior, pp_change, ratio, share
from industrybook.measures.qualified import fact_ratio
from industrybook.render.charts import clear_of_tick_labels, slope, value_ladder
from industrybook.render.style import MUTED, THEME_COLOURS, Chart, alt_text, chart, chart_data, label_bars
from industrybook.render.tables import derived_frame
from industrybook.text.facts import (
    count_text, date_text, derived_text, fact_digits, fact_text, source_label, source_line,
    worded_text,
)
from industrybook.text.figures import chart_value, fmt_date, fmt_number, fmt_pct, fmt_period, fmt_value
from industrybook.text.phrase import Phrase, Pieces, joined

# ---------------------------------------------------------------------------------------------
# Which year is "latest"?
# ---------------------------------------------------------------------------------------------

def year_readings(total: float, growth_pct: float, intensity_start_pct: float, intensity_latest_pct: float,
                  base_year: int, end_years: tuple[int, ...]) -> pd.DataFrame:
    """For each candidate end year of the growth rate: the base-year R&D spending implied by the
    latest total and the average growth (``total / (1 + g) ** n``), the GDP implied by each
    R&D/GDP ratio (``R&D / intensity``), and the nominal GDP growth a year those two GDPs imply."""
    rows = []
    for end in end_years:
        years = end - base_year
        if years <= 0:
            raise ValueError(f"end year {end} is not after the base year {base_year}")
        base = implied_base(total, growth_pct, years)
        gdp_base = base / (intensity_start_pct / 100.0)
        gdp_latest = total / (intensity_latest_pct / 100.0)
        rows.append({"end_year": end, "growth_years": years, "implied_base_rd": base,
                     "implied_gdp_base": gdp_base, "implied_gdp_latest": gdp_latest,
                     "implied_gdp_cagr": cagr(gdp_base, gdp_latest, years)})
    return pd.DataFrame(rows)


def compound_path(base: float, growth_pct: float, base_year: int, end_year: int) -> pd.Series:
    """Values from ``base_year`` to ``end_year`` growing at a constant ``growth_pct`` a year."""
    years = range(base_year, end_year + 1)
    return pd.Series([base * (1 + growth_pct / 100.0) ** (y - base_year) for y in years], index=list(years))


# ---------------------------------------------------------------------------------------------
# Tables built from fact ids
# ---------------------------------------------------------------------------------------------

INSTRUMENT_TYPES = ("platform", "funding", "finance", "talent", "institutional reform")

# (table, id) of the name; level; type; [(fact_id, what it counts)]; note when no figure is printed.
INSTRUMENTS = [
    (("entities", "hunan_1plus2_labs"), "national, based in Hunan", "platform", [],
     "no figure; bases for the seed-industry and energy national laboratories being linked in"),
    (("entities", "hunan_4plus4_programme"), "province", "platform",
     [("nm_4plus4_cum_investment", "invested"), ("nm_4plus4_researchers", "researchers gathered"),
      ("nm_4plus4_major_results", "major results")], ""),
    (("entities", "hunan_top10_tech_projects"), "province", "funding",
     [("nm_top10_projects_years", "running"), ("nm_top10_projects_firm_investment", "firm money drawn in"),
      ("nm_top10_projects_key_tech", "key technologies"), ("nm_top10_projects_record_results", "'first' or 'best' results")],
     ""),
    (("entities", "hunan_innovation_consortia"), "province, firm-led", "platform",
     [("nm_innov_consortia_first_batch", "consortia"), ("nm_innov_consortia_rd_spend", "R&D spent"),
      ("nm_innov_consortia_key_tech", "key technologies"),
      ("nm_innov_consortia_new_product_revenue", "new-product revenue")], ""),
    (("entities", "xiangjiang_science_city"), "province, sited in Changsha", "platform",
     [("nm_xiangjiang_sci_city_platforms", "high-end R&D platforms")], ""),
    (("entities", "knowledge_value_credit_loan"), "province; Hengyang adds a risk-compensation scheme", "finance",
     [("nm_kv_credit_firms", "technology firms served"), ("nm_kv_credit_amount", "lent")], ""),
    (("terms", "univ_20"), "province", "institutional reform", [],
     "no figure of its own; the local transfer rate of university results is reported beside it"),
    (("terms", "lump_sum"), "province", "institutional reform", [],
     "no figure; part of a three-year action plan on S&T system reform"),
    (("entities", "furong_plan"), "province", "talent", [], "no figure"),
    (("entities", "hunan_sci_commission"), "province", "institutional reform", [],
     "no figure; a steering body under the provincial Party committee"),
    (("entities", "xiaoxiang_tech_market"), "province", "institutional reform", [],
     "no figure; a marketplace for technology transfer"),
]


def _names(db: Database, table: str, key: str) -> tuple[str, str]:
    if table == "entities":
        row = db.entities.loc[key]
        return str(row["name_en"]), str(row["name_zh"])
    row = db.terms.set_index("term_id").loc[key]
    return str(row["term_en"]), str(row["term_zh"])


def instrument_table(db: Database) -> pd.DataFrame:
    """One row per instrument: names, level, type, reported output (with qualifiers) and the
    fact ids behind it. The fact database holds the figures; this table only arranges them."""
    rows = []
    for (table, key), level, kind, outputs, note in INSTRUMENTS:
        if kind not in INSTRUMENT_TYPES:
            raise ValueError(f"unknown instrument type {kind!r}")
        name_en, name_zh = _names(db, table, key)
        reported = joined("; ", [Pieces(fact_text(db, f), f" {what}") for f, what in outputs]) if outputs else note
        rows.append({"instrument": name_en, "name_zh": name_zh, "level": level, "type": kind,
                     "reported_output": reported, "fact_ids": ";".join(f for f, _ in outputs)})
    return pd.DataFrame(rows)




def output_classes(db: Database) -> pd.DataFrame:
    """The claimed results, each classed as input, output, outcome or ranking (data/output_classes.csv),
    with its figure."""
    rows = []
    for fact_id, cls, why in db.tables["output_classes"][["fact_id", "class", "why"]].itertuples(index=False):
        row = db.fact(fact_id)
        rows.append({"fact_id": fact_id, "claim": row["metric_en"], "figure": fact_text(db, fact_id),
                     "period": row["period"], "class": cls, "why": why})
    return pd.DataFrame(rows)


# (entity_id, what was achieved, field, kind of claim, stage reached by the page's date)
BREAKTHROUGHS = [
    ("nanyue_ecu", "gasoline direct injection (GDI) control technology", "vehicle parts",
     "ends reliance on foreign suppliers", "claimed as mastered"),
    ("tbea_hengyang", "gas-insulated switchgear and platform transformers for offshore wind", "power equipment",
     "first in China", "claimed as mastered"),
    ("valin_hengsteel", "third-generation special threaded oil-well casing", "steel pipe",
     "deepest run of any casing of its size", "record claimed"),
    ("hengchundou10", "high-protein soybean variety", "crop breeding",
     "put forward for national production trials", "in trials"),
    ("pcf_gyroscope", "new-generation photonic-crystal fibre gyroscope (a provincial top-ten project)",
     "navigation instruments", "passed expert acceptance on site", "accepted"),
    ("lv_keji", "level-measurement system for fourth-generation nuclear reactors", "nuclear instruments",
     "approved as a provincial major S&T project", "approved, work to come"),
]


def breakthroughs(db: Database) -> pd.DataFrame:
    """Hengyang's named breakthroughs, with the Chinese names from the entities table."""
    rows = []
    for entity_id, what, field, claim, stage in BREAKTHROUGHS:
        ent = db.entities.loc[entity_id]
        rows.append({"who_or_what": ent["name_en"], "name_zh": ent["name_zh"], "breakthrough": what,
                     "field": field, "claim": claim, "stage": stage})
    return pd.DataFrame(rows)


# Three directions for the 15th plan: (direction, what it includes, what it builds on, signal in the sources)
DIRECTIONS_15TH = [
    ("Original innovation and core technologies",
     "more R&D across society and more basic research by firms; more national key laboratories; "
     "chokepoints in integrated circuits, advanced materials and future energy",
     "Ten Major Technology Projects; 4+4 programme", "Hengyang's gyroscope passing acceptance"),
    ("Science-industry integration",
     "leading firms heading innovation consortia; transfer services; ownership reform of research results; "
     "more technology finance",
     "innovation consortia; knowledge-value credit loans; university transfer rules",
     "consortia revenue; Hengyang's industry-university partnerships"),
    ("AI+",
     "technical base in intelligent chips and brain-computer interfaces; pilot-scale test bases; "
     "AI in engineering machinery, modern farming and the creative industries",
     "no 14th-plan instrument named", "two Hunan firms awarded at the national AI contest"),
]


def directions_table() -> pd.DataFrame:
    return pd.DataFrame(DIRECTIONS_15TH, columns=["direction", "includes", "builds_on", "signal"])


# Indicators the articles give for both Hunan and Hengyang.
COMPARISON = [
    ("R&D intensity", ["nm_hn_rd_intensity_start", "nm_hn_rd_intensity_latest"], ["hy_rd_intensity_2023"],
     "close: same definition, different years"),
    ("R&D spending", ["nm_hn_rd_total"], ["hy_rd_spend_jan_sep"],
     "no: a full year against nine months"),
    ("Innovation ranking", ["nm_hn_regional_innov_rank_latest"], ["hy_ccid_innovation_rank_2024"],
     "no: provinces against cities, two different indexes"),
    ("Knowledge-value credit loans", ["nm_kv_credit_firms", "nm_kv_credit_amount"], [],
     "no: Hengyang reports the scheme but no figure"),
    ("University results and transfer", ["nm_univ_local_transfer_rate"], ["hy_st_results_released", "hy_iur_partnerships"],
     "no: a rate against two counts"),
    ("Ten Major Technology Projects", ["nm_top10_projects_key_tech"], [],
     "no: Hengyang names one project (the gyroscope), with no count"),
]


def comparison_table(db: Database) -> pd.DataFrame:
    """Hunan against Hengyang on every indicator both articles touch, each figure with its period."""
    def cell(ids):
        if not ids:
            return "reported, no figure"
        return joined("; ", [fact_text(db, f, period=True) for f in ids])

    rows = [{"indicator": name, "hunan": cell(hn), "hengyang": cell(hy), "comparable": verdict,
             "fact_ids": ";".join(hn + hy)} for name, hn, hy, verdict in COMPARISON]
    return pd.DataFrame(rows)


def periods(db: Database, fact_ids: list[str]) -> pd.DataFrame:
    """First and last day of each fact's period, with its source's publication date."""
    rows = []
    for f in fact_ids:
        row = db.fact(f)
        first, last = parse_period(row["period"])
        published = parse_period(str(db.sources.loc[row["source_id"], "date"]))[1]
        rows.append({"fact_id": f, "metric": row["metric_en"], "source_id": row["source_id"],
                     "first": first, "last": last, "published": published,
                     "lag_days": (published - last).days})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# The notebook's content: derived measures, glued texts, tables and charts
# ---------------------------------------------------------------------------------------------


PROVINCE_COLOUR, CITY_COLOUR = THEME_COLOURS["science_policy"], THEME_COLOURS["power_transmission"]
BASE_YEAR = 2020


def derived_measures(db: Database) -> dict:
    """The chapter's computed figures, shared by its prose, its charts and its table of derived
    measures; ``readings`` is :func:`year_readings` indexed by the candidate end year."""
    v = db.value
    total, g = v("nm_hn_rd_total"), v("nm_hn_rd_growth_avg")
    i0, i1 = v("nm_hn_rd_intensity_start"), v("nm_hn_rd_intensity_latest")
    yr = year_readings(total, g, i0, i1, BASE_YEAR, (2024, 2025)).set_index("end_year")
    fiscal22 = implied_prior(v("hy_fiscal_st_spend_2023"), v("hy_fiscal_st_spend_growth_2023"))
    return {
        "total": total, "growth": g, "intensity_start": i0, "intensity_latest": i1, "readings": yr,
        "hunan_2023": bvalue(db, HUNAN_2023), "hengyang_intensity": v("hy_rd_intensity_2023"),
        "fiscal_2022": fiscal22, "fiscal_increase": v("hy_fiscal_st_spend_2023") - fiscal22,
        "hengyang_rd_gdp": share(v("hy_rd_spend_jan_sep"), v("hy_gdp_jan_sep")),
        "hengyang_share_hunan": share(v("hy_rd_spend_jan_sep"), total),
        "contracts_per_rd": ratio(v("hy_tech_contract_value_jan_sep"), v("hy_rd_spend_jan_sep")),
        "rd_multiple": (1 + g / 100) ** yr.loc[2024, "growth_years"],
        "intensity_multiple": ratio(i1, i0),
        "gdp_multiple": ratio(yr.loc[2024, "implied_gdp_latest"], yr.loc[2024, "implied_gdp_base"]),
        "ai_share": share(v("yy_hunan_firms_ai_contest_awards"), v("yy_ai_contest_awarded_teams")),
    }


def bound_text(db: Database, num_id: str, den_id: str, money: bool = True) -> Phrase:
    """The ratio of two facts with the word that says whether it is a floor or a ceiling."""
    value, kind = fact_ratio(db, num_id, den_id)
    return derived_text(value, "CNY" if money else "ratio", "a / b", {"a": num_id, "b": den_id}, db, bound=kind)


def _rank_places(db: Database, start_id: str, end_id: str) -> Phrase:
    return derived_text(db.value(start_id) - db.value(end_id), "count", "a - b", {"a": start_id, "b": end_id}, db)


# The symbols of the chapter's formulas: R&D total, average growth, intensity at the start and latest.
RD_INPUTS = {"t": "nm_hn_rd_total", "g": "nm_hn_rd_growth_avg", "i0": "nm_hn_rd_intensity_start",
             "i1": "nm_hn_rd_intensity_latest"}
FISCAL_INPUTS = {"x": "hy_fiscal_st_spend_2023", "g": "hy_fiscal_st_spend_growth_2023"}
# Hunan's 2023 R&D intensity is not on the pages; the benchmarks chapter holds the official figure.
HUNAN_2023 = "hn_rd_intensity_2023"


def reading_texts(db: Database) -> dict[str, Phrase]:
    """The end-year test of the provincial R&D figures: base R&D and GDP implied for a latest year
    of 2024 and of 2025, and the growth figures they imply."""
    yr = derived_measures(db)["readings"]
    texts = {}
    for end, row in yr.iterrows():
        n = f"({end} - {BASE_YEAR})"
        base = f"t / (1 + g / 100) ** {n}"
        gdp_base = f"{base} / (i0 / 100)"
        texts |= {
            f"sp-n-{end}": derived_text(row["growth_years"], "count", f"{end} - {BASE_YEAR}"),
            f"sp-base-{end}": derived_text(row["implied_base_rd"], "CNY", base, RD_INPUTS, db),
            f"sp-gdp-base-{end}": derived_text(row["implied_gdp_base"], "CNY", gdp_base, RD_INPUTS, db),
            f"sp-gdp-cagr-{end}": derived_text(row["implied_gdp_cagr"], "percent",
                                               f"((t / (i1 / 100) / ({gdp_base})) ** (1 / {n}) - 1) * 100",
                                               RD_INPUTS, db)}
    return texts


def prose_texts(db: Database) -> dict[str, str]:
    """Every figure the chapter's prose glues, by glue key; none is typed in the text."""
    m, q = derived_measures(db), fact_text
    yr = m["readings"]

    def d(value: float, unit: str, formula: str, **inputs: str) -> Phrase:
        return derived_text(value, unit, formula, inputs, db)

    def f(fact_id: str) -> Phrase:
        return fact_text(db, fact_id, qualified=False)

    gdp_latest, official_gdp = yr.loc[2024, "implied_gdp_latest"], bvalue(db, "hn_gdp_2024")
    rd, i0, i1 = RD_INPUTS["t"], RD_INPUTS["i0"], RD_INPUTS["i1"]
    return {
        "sp-date-nm": date_text(db, "hn20260124"), "sp-date-hy": date_text(db, "hn20241120"),
        "sp-date-yy": date_text(db, "hn20251214"),
        "sp-rd-total": f("nm_hn_rd_total"), "sp-rd-growth": f("nm_hn_rd_growth_avg"),
        "sp-rd-rank-top": fact_digits(db, "nm_hn_rd_rank_top10", bound="value_high"),
        "sp-int-start": f(i0), "sp-int-latest": f(i1),
        "sp-int-pp": d(pp_change(m["intensity_latest"], m["intensity_start"]), "pp", "i1 - i0", i1=i1, i0=i0),
        "sp-int-rank-start": f("nm_hn_rd_intensity_rank_start"),
        "sp-int-rank-latest": f("nm_hn_rd_intensity_rank_latest"),
        "sp-int-rank-gain": _rank_places(db, "nm_hn_rd_intensity_rank_start", "nm_hn_rd_intensity_rank_latest"),
        "sp-reg-rank-start": f("nm_hn_regional_innov_rank_start"),
        "sp-reg-rank-latest": f("nm_hn_regional_innov_rank_latest"),
        "sp-reg-rank-gain": _rank_places(db, "nm_hn_regional_innov_rank_start", "nm_hn_regional_innov_rank_latest"),
        "sp-gdp-latest": d(gdp_latest, "CNY", "t / (i1 / 100)", t=rd, i1=i1),
        "sp-hn-gdp-2024": fact_text(db, "hn_gdp_2024"),
        "sp-gdp-vs-official": d(abs(gdp_latest - official_gdp), "CNY",
                                "o - t / (i1 / 100)" if official_gdp > gdp_latest else "t / (i1 / 100) - o",
                                o="hn_gdp_2024", t=rd, i1=i1),
        **reading_texts(db),
        "sp-rd-multiple": d(m["rd_multiple"], "ratio", f"(1 + g / 100) ** (2024 - {BASE_YEAR})", g=RD_INPUTS["g"]),
        "sp-int-multiple": d(m["intensity_multiple"], "ratio", "i1 / i0", i1=i1, i0=i0),
        "sp-gdp-multiple": d(m["gdp_multiple"], "ratio",
                             f"(t / (i1 / 100)) / (t / (1 + g / 100) ** (2024 - {BASE_YEAR}) / (i0 / 100))", **RD_INPUTS),
        "sp-hy-gdp-growth": f("hy_gdp_growth_jan_sep"),
        # instruments
        "sp-4p4-inv": q(db, "nm_4plus4_cum_investment"), "sp-4p4-res": q(db, "nm_4plus4_researchers"),
        "sp-4p4-results": q(db, "nm_4plus4_major_results"),
        "sp-t10-years": fact_digits(db, "nm_top10_projects_years"),
        "sp-t10-inv": q(db, "nm_top10_projects_firm_investment"), "sp-t10-tech": q(db, "nm_top10_projects_key_tech"),
        "sp-t10-records": q(db, "nm_top10_projects_record_results"),
        "sp-t10-per-year": bound_text(db, "nm_top10_projects_firm_investment", "nm_top10_projects_years"),
        "sp-t10-per-tech": bound_text(db, "nm_top10_projects_firm_investment", "nm_top10_projects_key_tech"),
        "sp-cons-n": q(db, "nm_innov_consortia_first_batch"), "sp-cons-rd": q(db, "nm_innov_consortia_rd_spend"),
        "sp-cons-tech": q(db, "nm_innov_consortia_key_tech"),
        "sp-cons-rev": q(db, "nm_innov_consortia_new_product_revenue"),
        "sp-cons-rd-each": bound_text(db, "nm_innov_consortia_rd_spend", "nm_innov_consortia_first_batch"),
        "sp-cons-rev-each": bound_text(db, "nm_innov_consortia_new_product_revenue", "nm_innov_consortia_first_batch"),
        "sp-cons-rev-rd": bound_text(db, "nm_innov_consortia_new_product_revenue", "nm_innov_consortia_rd_spend",
                                     money=False),
        "sp-xsc": q(db, "nm_xiangjiang_sci_city_platforms"),
        "sp-kv-firms": q(db, "nm_kv_credit_firms"), "sp-kv-amount": q(db, "nm_kv_credit_amount"),
        "sp-kv-avg": bound_text(db, "nm_kv_credit_amount", "nm_kv_credit_firms"),
        "sp-4p4-per-res": bound_text(db, "nm_4plus4_cum_investment", "nm_4plus4_researchers"),
        # claimed results
        "sp-firms-rd": f("nm_rd_active_firm_share"),
        "sp-firms-rd-years": fact_digits(db, "nm_rd_active_firm_share_rank_years"),
        "sp-firms-rd-rank": f("nm_rd_active_firm_share_rank"),
        "sp-firm-index-rank": f("nm_firm_innovation_index_rank"), "sp-univ": q(db, "nm_univ_local_transfer_rate"),
        "sp-cs-inst": q(db, "nm_changsha_new_rd_institutions"), "sp-cs-rank": f("nm_changsha_global_sci_city_rank"),
        # Hengyang
        "sp-hy-fiscal": q(db, "hy_fiscal_st_spend_2023"),
        "sp-hy-fiscal-growth": f("hy_fiscal_st_spend_growth_2023"),
        "sp-hy-fiscal-2022": d(m["fiscal_2022"], "CNY", "x / (1 + g / 100)", **FISCAL_INPUTS),
        "sp-hy-fiscal-increase": d(m["fiscal_increase"], "CNY", "x - x / (1 + g / 100)", **FISCAL_INPUTS),
        "sp-hy-int": f("hy_rd_intensity_2023"),
        "sp-hn-int-2023": official_text(db, HUNAN_2023),
        "sp-hy-int-gap": d(pp_change(m["hunan_2023"], m["hengyang_intensity"]), "pp", "o - h",
                           o=HUNAN_2023, h="hy_rd_intensity_2023"),
        "sp-hy-int-gap-2020": d(pp_change(m["intensity_start"], m["hengyang_intensity"]), "pp", "i0 - h",
                                i0=i0, h="hy_rd_intensity_2023"),
        "sp-hy-rd": q(db, "hy_rd_spend_jan_sep"), "sp-hy-contracts": q(db, "hy_tech_contract_value_jan_sep"),
        "sp-hy-gdp": q(db, "hy_gdp_jan_sep"),
        "sp-hy-rd-gdp": d(m["hengyang_rd_gdp"], "percent", "r / y * 100", r="hy_rd_spend_jan_sep", y="hy_gdp_jan_sep"),
        "sp-hy-contract-ratio": d(m["contracts_per_rd"], "ratio", "c / r", c="hy_tech_contract_value_jan_sep",
                                  r="hy_rd_spend_jan_sep"),
        "sp-hy-share-hn": d(m["hengyang_share_hunan"], "percent", "r / t * 100", r="hy_rd_spend_jan_sep", t=rd),
        "sp-hy-rank": f("hy_ccid_innovation_rank_2024"),
        "sp-hy-top100-years": fact_digits(db, "hy_ccid_top100_consecutive_years", unit="rank"),  # the 2024 list is the 4th
        "sp-hy-iur": q(db, "hy_iur_partnerships"), "sp-hy-results": q(db, "hy_st_results_released"),
        # next
        "sp-ai-firms": fact_digits(db, "yy_hunan_firms_ai_contest_awards"), "sp-ai-teams": q(db, "yy_ai_contest_teams"),
        "sp-ai-projects": q(db, "yy_ai_contest_projects"), "sp-ai-awarded": q(db, "yy_ai_contest_awarded_teams"),
        "sp-ai-tracks": q(db, "yy_ai_contest_tracks"),
        "sp-ai-share": d(m["ai_share"], "percent", "f / a * 100", f="yy_hunan_firms_ai_contest_awards",
                         a="yy_ai_contest_awarded_teams"),
        "sp-ai-proj-per-team": bound_text(db, "yy_ai_contest_projects", "yy_ai_contest_teams", money=False),
        "sp-ai-date": date_text(db, "yy_ev_ai_contest_awards"),
        "sp-zt-age": q(db, "yy_zhitong_firm_age"),
        "sp-n-directions": count_text(len(directions_table()), "directions in the table of the 15th plan"),
    }


SCORECARD = [  # indicator, start fact, latest fact
    ("R&D spending, society-wide", None, "nm_hn_rd_total"),
    ("R&D spending, average growth a year", None, "nm_hn_rd_growth_avg"),
    ("R&D spending, national rank", None, "nm_hn_rd_rank_top10"),
    ("R&D intensity (R&D / GDP)", "nm_hn_rd_intensity_start", "nm_hn_rd_intensity_latest"),
    ("R&D intensity, national rank", "nm_hn_rd_intensity_rank_start", "nm_hn_rd_intensity_rank_latest"),
    ("Regional innovation capability, national rank", "nm_hn_regional_innov_rank_start",
     "nm_hn_regional_innov_rank_latest"),
]


def _scorecard_change(db: Database, start_id: str | None, latest_id: str) -> Phrase | str:
    if start_id is None:
        return ""
    inputs = {"a": start_id, "b": latest_id}
    if db.fact(latest_id)["unit"] == "rank":
        return worded_text(f"up {fmt_number(db.value(start_id) - db.value(latest_id), 0)} places", "a - b", **inputs)
    return worded_text("+" + fmt_value(pp_change(db.value(latest_id), db.value(start_id)), "pp"), "b - a", **inputs)


def scorecard_table(db: Database) -> pd.DataFrame:
    """The provincial scorecard: each indicator at the start of the plan, latest, and the change."""
    def reading(f):
        return Pieces(fact_text(db, f), f" ({fmt_period(db.fact(f)['period'])})")

    return pd.DataFrame([{"Indicator": name, "Start of plan": "" if a is None else reading(a), "Latest": reading(b),
                          "Change": _scorecard_change(db, a, b)} for name, a, b in SCORECARD])


RANKS = [("R&D intensity", "nm_hn_rd_intensity_rank_start", "nm_hn_rd_intensity_rank_latest"),
         ("Regional innovation capability", "nm_hn_regional_innov_rank_start", "nm_hn_regional_innov_rank_latest")]


def ranks_frame(db: Database) -> pd.DataFrame:
    """The two ranks the slope chart draws, start of the plan and latest, one row per line."""
    return pd.DataFrame([{"label": label, "before": db.value(a), "after": db.value(b)} for label, a, b in RANKS])


def ranks_data(db: Database) -> pd.DataFrame:
    """The slope chart's data with its facts, for the chart's CSV download."""
    return chart_data(db, ranks_frame(db), [[a, b] for _, a, b in RANKS], "rank")


def ranks_chart(db: Database) -> Chart:
    """Slope chart: Hunan's two national ranks at the start of the plan and latest."""
    ranks = ranks_frame(db)

    def rank(x):
        return fmt_value(x, "rank")

    alt = alt_text("Slope chart of Hunan's rank among China's provinces at the start of the 14th Five-Year Plan and at "
                   "the latest reading",
                   (f"{r.label}: from {rank(r.before)} to {rank(r.after)}" for r in ranks.itertuples()),
                   "Both lines end at the same rank.")
    c = chart("Hunan moved into the national top ten on two innovation ranks",
              "Rank among China's provinces, start of the 14th Five-Year Plan and latest (1 = best; axis reversed)",
              source_line(db, ["hn20260124"]), alt, height=3.3)
    slope(c.ax, ranks, "label", "before", "after", value_fmt=rank)
    lo, hi = int(ranks[["before", "after"]].min().min()) - 1, int(ranks[["before", "after"]].max().max()) + 1
    c.ax.set_ylim(hi + 0.5, lo - 0.5)
    c.ax.set_yticks(range(lo, hi + 1), [rank(x) for x in range(lo, hi + 1)])
    c.ax.set_xticks([0, 1], [f"Start of plan\n({db.fact('nm_hn_rd_intensity_rank_start')['period']})",
                             f"Latest\n({db.fact('nm_hn_rd_intensity_rank_latest')['period']} / "
                             f"{db.fact('nm_hn_regional_innov_rank_latest')['period']})"])
    return c


def end_years_chart(db: Database) -> Chart:
    """Two panels: R&D spending compounding from each implied base, and the GDP growth each implies."""
    m = derived_measures(db)
    yr_plot, g, total = m["readings"].reset_index(), m["growth"], m["total"]
    readings = reading_texts(db)  # the implied growth as the prose prints it
    alt = ("Two panels. Left: Hunan's R&D spending compounding at the reported average rate from an implied 2020 base, "
           + " or ".join(f"{derived_text(r.implied_base_rd, 'CNY')} if the latest year is {r.end_year}"
                         for r in yr_plot.itertuples())
           + f"; both paths reach {fact_text(db, 'nm_hn_rd_total', qualified=False)}. Right: the nominal GDP growth a year each reading implies, "
           + " and ".join(f"{readings[f'sp-gdp-cagr-{r.end_year}']} for {r.end_year}" for r in yr_plot.itertuples())
           + f", beside Hengyang's real growth of {fact_text(db, 'hy_gdp_growth_jan_sep', qualified=False)} in January–September 2024.")
    c = chart("A 2025 end year would imply faster GDP growth than a 2024 one",
              "Left: R&D spending, CNY bn, nominal. Right: implied nominal GDP growth, % a year since 2020",
              source_line(db, ["hn20241120", "hn20260124"]), alt, ncols=2, height=3.5)
    a1, a2 = c.axes
    styles = {2024: dict(color=PROVINCE_COLOUR, ls="-"), 2025: dict(color=MUTED, ls="--")}
    paths = {r.end_year: compound_path(r.implied_base_rd, g, BASE_YEAR, r.end_year) / 1e9 for r in yr_plot.itertuples()}
    bases = []
    for r in yr_plot.itertuples():
        path = paths[r.end_year]
        a1.plot(path.index, path.values, marker="o", ms=4, lw=2, label=f"latest year = {r.end_year}", **styles[r.end_year])
        # the base as the prose prints it, left of the first point, kept clear of the tick labels when drawn
        bases.append(a1.annotate(chart_value(readings[f"sp-base-{r.end_year}"], "CNY bn"), (BASE_YEAR, path.iloc[0]),
                                 xytext=(-6, 0), textcoords="offset points", ha="right", va="center", fontsize=8.5,
                                 color=styles[r.end_year]["color"]))
    clear_of_tick_labels(a1, bases)
    a1.annotate(chart_value(fact_text(db, "nm_hn_rd_total", qualified=False), "CNY bn"), (2024, total / 1e9), xytext=(0, 7),
                textcoords="offset points", ha="center", va="bottom", fontsize=8.5)
    a1.set_xlim(2018.8, 2025.5)
    low, high = a1.get_ylim()
    a1.set_ylim(low - (high - low) * 0.12, high + (high - low) * 0.1)
    a1.set_xticks(range(2020, 2026))
    a1.set_ylabel("CNY bn")
    a1.legend(loc="upper left", fontsize=8.5)
    bars = a2.barh([f"ends {r.end_year}" for r in yr_plot.itertuples()], yr_plot.implied_gdp_cagr,
                   color=[styles[y]["color"] for y in yr_plot.end_year], height=0.5)
    label_bars(a2, bars, [readings[f"sp-gdp-cagr-{year}"] for year in yr_plot.end_year])
    hyg = db.value("hy_gdp_growth_jan_sep")
    a2.axvline(hyg, color=CITY_COLOUR, lw=1.2, ls=":")
    a2.annotate(f"Hengyang, real,\nJanuary–September 2024: {fmt_pct(hyg)}\n(said to beat Hunan)", (hyg, -0.55),
                xytext=(-7, 0), textcoords="offset points", ha="right", va="top", fontsize=8, color=CITY_COLOUR)
    a2.set_xlim(0, 9.5)
    a2.set_ylim(1.6, -0.6)
    a2.set_xlabel("% a year")
    a2.grid(axis="y", visible=False)
    for a in (a1, a2):
        a.tick_params(axis="both", labelsize=8.5)
    c.data = end_years_data(db, paths, yr_plot, hyg)
    return c


def end_years_data(db: Database, paths: dict, readings: pd.DataFrame, hengyang_growth: float) -> pd.DataFrame:
    """The two panels' marks: each compounding path year by year (CNY bn), each implied growth rate
    and Hengyang's growth line (% a year)."""
    rows, ids, units = [], [], []
    for end_year, path in paths.items():
        for year, value in path.items():
            rows.append({"panel": "R&D spending", "series": f"latest year = {end_year}", "year": year, "value": value})
            ids.append(["nm_hn_rd_total", "nm_hn_rd_growth_avg"])
            units.append("CNY bn")
    for r in readings.itertuples():
        rows.append({"panel": "Implied GDP growth", "series": f"ends {r.end_year}", "year": None,
                     "value": r.implied_gdp_cagr})
        ids.append(list(RD_INPUTS.values()))
        units.append("% a year")
    rows.append({"panel": "Implied GDP growth", "series": "Hengyang, real, January–September 2024", "year": None,
                 "value": hengyang_growth})
    ids.append(["hy_gdp_growth_jan_sep"])
    units.append("% a year")
    frame = pd.DataFrame(rows).astype({"year": "Int64"})
    return chart_data(db, frame, ids, units)


LEVEL_THEMES = {"province": "science_policy", "city": "power_transmission"}  # the colour of each level's dots


def money_ladder(db: Database) -> pd.DataFrame:
    """The figures of data/money_figures.csv in CNY bn, smallest first, as the money chart draws them."""
    def floor(f):
        return db.fact(f)["qualifier"] == "more_than"

    figures = db.tables["money_figures"]
    ladder = pd.DataFrame([{"fact_id": f, "label": lab + (" (more than)" if floor(f) else ""), "value": db.value(f) / 1e9,
                            "floor": floor(f), "colour": LEVEL_THEMES[lvl]}
                           for f, lab, lvl in zip(figures["fact_id"], figures["label"], figures["level"])])
    ladder = ladder.sort_values("value").reset_index(drop=True)
    ladder["low"] = ladder["high"] = ladder["value"]
    return ladder


def money_chart(db: Database) -> Chart:
    """Log-scale dot plot of the chapter's money figures, province and city."""
    ladder = money_ladder(db)
    # each figure as the prose prints it; a floor is marked by its +, so its words are left out
    ladder["text"] = [chart_value(fact_text(db, f, qualified=False), "CNY bn") for f in ladder["fact_id"]]
    alt = alt_text("Dot plot on a logarithmic scale of the money figures in the chapter, CNY bn",
                   (f"{r.label} {r.text}" for r in ladder[::-1].itertuples()),
                   "Hunan's annual R&D spending is the largest; Hengyang's fiscal S&T spending the smallest.")
    c = chart("The province's R&D bill dwarfs each instrument's money",
              "CNY bn, nominal, log scale; periods differ (see labels); 'more than' figures are floors (+)",
              source_line(db, ["hn20241120", "hn20260124"]), alt, height=3.8)
    value_ladder(c.ax, ladder, colour_col="colour")
    for i, r in ladder.iterrows():
        c.ax.annotate(r.text + ("+" if r.floor else ""), (r.value, i), xytext=(7, 0),
                      textcoords="offset points", va="center", fontsize=8)
    ticks = [1, 2, 5, 10, 20, 50, 100, 200]
    c.ax.set_xlim(1, 400)
    c.ax.set_xticks(ticks, [fmt_number(t, 0) for t in ticks])
    c.ax.tick_params(axis="y", labelsize=8.5)
    c.ax.set_xlabel("CNY bn (log scale)")
    c.ax.legend(handles=[Line2D([], [], marker="o", ls="", color=PROVINCE_COLOUR, label="Hunan"),
                         Line2D([], [], marker="o", ls="", color=CITY_COLOUR, label="Hengyang")],
                loc="lower right", fontsize=8.5)
    c.data = chart_data(db, ladder[["label", "value"]], list(ladder["fact_id"]), "CNY bn")
    return c


def averages_chart(db: Database) -> Chart:
    """Log-scale bars of money per unit, coloured by whether each is a floor, a ceiling or exact."""
    averages = db.tables["money_averages"]
    avg = pd.DataFrame([dict(zip(("value", "kind"), fact_ratio(db, n, d)), label=lab, num=n, den=d)
                        for n, d, lab in zip(averages["numerator_fact_id"], averages["denominator_fact_id"],
                                             averages["label"])])
    avg["value_m"] = avg["value"] / 1e6
    # each average as the prose prints it (its bound's word in front), in the axis's CNY m
    avg["text"] = [chart_value(bound_text(db, n, d), "CNY m") for n, d in zip(avg["num"], avg["den"])]

    kind_colour = {"at least": PROVINCE_COLOUR, "at most": CITY_COLOUR, "exact": MUTED,
                   "undetermined": "#949494"}  # greys at 3:1 or more on white
    alt = alt_text("Horizontal bars on a log scale of average money per unit, CNY m",
                   (f"{r.label}, {r.text}" for r in avg.itertuples()),
                   "Floors come from 'more than' amounts over exact counts, ceilings from exact amounts over "
                   "'more than' counts.")
    c = chart("Averages per firm, consortium or technology: floors and ceilings",
              "CNY m per unit, nominal, log scale; the words say whether the true average is higher or lower",
              source_line(db, ["hn20260124"]), alt, height=3.3)
    bars = c.ax.barh(avg.label, avg.value_m, color=[kind_colour[k] for k in avg.kind], height=0.6)
    for b, k in zip(bars, avg.kind):
        b.set_hatch("//" if k == "undetermined" else "")
    label_bars(c.ax, bars, list(avg["text"]))
    ticks = [1, 10, 100, 1000, 10000]
    c.ax.set_xscale("log")
    c.ax.set_xlim(1, 20000)
    c.ax.set_xticks(ticks, [fmt_number(t, 0) for t in ticks])
    c.ax.invert_yaxis()
    c.ax.tick_params(axis="y", labelsize=8.5)
    c.ax.grid(axis="y", visible=False)
    c.ax.set_xlabel("CNY m (log scale)")
    c.data = chart_data(db, avg[["label", "kind", "value_m"]], [[n, d] for n, d in zip(avg.num, avg.den)], "CNY m")
    return c


HENGYANG_FACTS = ["hy_fiscal_st_spend_2023", "hy_fiscal_st_spend_growth_2023", "hy_rd_intensity_2023",
                  "hy_rd_spend_jan_sep", "hy_tech_contract_value_jan_sep", "hy_gdp_jan_sep",
                  "hy_ccid_innovation_rank_2024", "hy_ccid_top100_consecutive_years", "hy_st_results_released",
                  "hy_iur_partnerships"]


def hengyang_table(db: Database) -> pd.DataFrame:
    """Hengyang's innovation record on the November 2024 page, one row a fact."""
    return pd.DataFrame([{"Indicator": db.fact(f)["metric_en"], "Chinese term": db.fact(f)["metric_zh"],
                          "Figure": fact_text(db, f, 3),
                          "Period": fmt_period(db.fact(f)["period"])} for f in HENGYANG_FACTS])


def intensity_chart(db: Database) -> Chart:
    """R&D intensity: Hunan's two printed readings and its official 2023 figure, Hengyang's 2023 and 2024 points."""
    m = derived_measures(db)
    i0, i1, hn23, hy_int, hy_rd_gdp = (m[k] for k in ("intensity_start", "intensity_latest", "hunan_2023",
                                                      "hengyang_intensity", "hengyang_rd_gdp"))
    alt = (f"Line and dot chart of R&D intensity, percent of GDP. Hunan: {fmt_pct(i0, 2)} in 2020 and {fmt_pct(i1, 2)} in 2024; "
           f"the official release gives {fmt_pct(hn23, 2)} for 2023. Hengyang: {fmt_pct(hy_int)} in 2023, below Hunan, "
           f"and {fmt_pct(hy_rd_gdp, 2)} when its January–September 2024 R&D spending is divided by its GDP for the "
           "same months, above it.")
    c = chart("In 2023 Hengyang's R&D intensity sat below Hunan's",
              "R&D spending as % of GDP; hollow markers are not printed on the pages: an official release (Hunan 2023) "
              "and a ratio computed here (Hengyang, January–September 2024)",
              benchmark_source_line(db, ["hn20241120", "hn20260124"], [HUNAN_2023]), alt, height=3.5)
    ax = c.ax
    jan_sep_mid = 2024 + 4.5 / 12  # middle of January–September, in years
    ax.plot([2020, 2024], [i0, i1], color=PROVINCE_COLOUR, lw=2, ls="--", zorder=1)
    ax.plot([2020, 2024], [i0, i1], "o", color=PROVINCE_COLOUR, ms=8, label="Hunan, printed")
    ax.plot([2023], [hn23], "o", mfc="white", mec=PROVINCE_COLOUR, mew=2, ms=8, label="Hunan 2023, official")
    ax.plot([2023], [hy_int], "s", color=CITY_COLOUR, ms=8, label="Hengyang 2023, printed")
    ax.plot([jan_sep_mid], [hy_rd_gdp], "s", mfc="white", mec=CITY_COLOUR, mew=2, ms=8,
            label="Hengyang January–September 2024: R&D / GDP")
    # labels below their markers; Hunan's 2023 label above, off the dashed line between its printed points
    for x, y, t, dy in [(2020, i0, fmt_pct(i0, 2), -14), (2024, i1, fmt_pct(i1, 2), -14),
                        (2023, hn23, fmt_pct(hn23, 2), 8), (2023, hy_int, fmt_pct(hy_int), -14),
                        (jan_sep_mid, hy_rd_gdp, fmt_pct(hy_rd_gdp, 2), -14)]:
        ax.annotate(t, (x, y), xytext=(0, dy), textcoords="offset points", ha="center", fontsize=8.5)
    ax.set_xlim(2019.6, 2024.8)
    ax.set_ylim(1.5, 3.6)
    ax.set_xticks(range(2020, 2025))
    ax.tick_params(labelsize=8.5)
    ax.set_ylabel("% of GDP")
    ax.legend(loc="upper left", fontsize=8)
    points = pd.DataFrame({"label": ["Hunan, printed", "Hunan, printed", "Hunan 2023, official",
                                     "Hengyang 2023, printed", "Hengyang January–September 2024: R&D / GDP"],
                           "year": [2020, 2024, 2023, 2023, jan_sep_mid], "value": [i0, i1, hn23, hy_int, hy_rd_gdp]})
    ids = [["nm_hn_rd_intensity_start"], ["nm_hn_rd_intensity_latest"], [], ["hy_rd_intensity_2023"],
           ["hy_rd_spend_jan_sep", "hy_gdp_jan_sep"]]
    c.data = page_and_release_data(db, points, ids, [[], [], [HUNAN_2023], [], []], "% of GDP")
    return c


def derived_table(db: Database) -> pd.DataFrame:
    """Every measure the chapter computes: the phrases its prose glues, with their formulas and inputs."""
    return derived_frame(db, prose_texts(db), """
    sp-base-2024: Implied 2020 R&D spending, latest year 2024
    sp-base-2025: Implied 2020 R&D spending, latest year 2025
    sp-gdp-latest: Implied Hunan GDP, latest year
    sp-gdp-vs-official: Official 2024 GDP less the implied GDP
    sp-gdp-base-2024: Implied 2020 GDP, latest year 2024
    sp-gdp-cagr-2024: Implied nominal GDP growth a year, 2020–2024
    sp-gdp-cagr-2025: Implied nominal GDP growth a year, 2020–2025
    sp-rd-multiple: Multiple of R&D spending, 2020–2024
    sp-int-multiple: Multiple of R&D intensity, 2020–2024
    sp-gdp-multiple: Multiple of implied GDP, 2020–2024
    sp-int-pp: Change in R&D intensity
    sp-int-rank-gain: Places gained on R&D intensity
    sp-reg-rank-gain: Places gained on regional innovation capability
    sp-hy-int-gap: Hengyang gap to Hunan's official 2023 intensity
    sp-hy-fiscal-2022: Hengyang fiscal S&T spending 2022 (implied)
    sp-hy-fiscal-increase: Increase in Hengyang fiscal S&T spending, 2023
    sp-hy-rd-gdp: Hengyang R&D / GDP, January–September 2024
    sp-hy-contract-ratio: Hengyang technology contracts per yuan of R&D, January–September 2024
    sp-hy-share-hn: Hengyang January–September 2024 R&D as share of Hunan's 2024 total
    sp-kv-avg: Knowledge-value credit per firm
    sp-cons-rd-each: R&D spending per consortium
    sp-cons-rev-each: New-product revenue per consortium
    sp-cons-rev-rd: Consortia revenue per yuan of R&D
    sp-t10-per-year: Top-ten firms' money per year
    sp-t10-per-tech: Top-ten firms' money per key technology
    sp-4p4-per-res: 4+4 investment per researcher
    sp-ai-share: Hunan share of AI contest certificates
    sp-ai-proj-per-team: AI contest projects per team
    """)


PERIOD_FACTS = [  # one fact standing for each group of figures, and the group's label
    ("nm_hn_rd_intensity_start", "Hunan intensity and ranks, start"),
    ("nm_hn_rd_growth_avg", "Hunan R&D average growth"),
    ("nm_hn_rd_total", "Hunan R&D total, intensity (latest)"),
    ("nm_rd_active_firm_share_rank_years", "Hunan first on firms doing R&D"),
    ("nm_kv_credit_amount", "Instruments' cumulative figures"),
    ("nm_hn_regional_innov_rank_latest", "Hunan regional innovation rank (latest)"),
    ("hy_ccid_top100_consecutive_years", "Hengyang in the CCID top 100"),
    ("hy_fiscal_st_spend_2023", "Hengyang fiscal S&T, intensity"),
    ("hy_rd_spend_jan_sep", "Hengyang R&D, contracts, GDP"),
    ("yy_ai_contest_teams", "AI contest"),
]


def periods_chart(db: Database) -> Chart:
    """Range chart of the period behind each group of figures, with the date each page was printed."""
    per = periods(db, [f for f, _ in PERIOD_FACTS]).assign(label=[lab for _, lab in PERIOD_FACTS])
    source_colour = {"hn20241120": CITY_COLOUR, "hn20251214": THEME_COLOURS["metro_area"], "hn20260124": PROVINCE_COLOUR}
    span = per["last"].max().year - per["first"].min().year + 1
    alt = alt_text("Range chart of the periods behind the chapter's figures, coloured by source",
                   (f"{r.label}, {fmt_period(f'{r.first:%Y-%m}/{r.last:%Y-%m}')}, printed {fmt_date(f'{r.published:%Y-%m-%d}')}"
                    for r in per.itertuples()), "")
    c = chart(f"The figures span {fmt_number(span, 0)} calendar years and {fmt_number(per.source_id.nunique(), 0)} pages",
              "Period each figure refers to (bar, coloured by source) and the date of the page that printed it (dashed)",
              source_line(db, list(source_colour)), alt, height=3.9)
    ax = c.ax
    for i, r in per.iterrows():
        ax.barh(i, (r["last"] - r["first"]).days + 1, left=r["first"], height=0.55, color=source_colour[r.source_id],
                alpha=0.85)
    handles = []
    for sid, col in source_colour.items():
        d = parse_period(str(db.sources.loc[sid, "date"]))[0]
        ax.axvline(d, color=col, ls="--", lw=1.2)
        handles.append(Line2D([], [], color=col, ls="--", label=source_label(db, sid)))
    ax.legend(handles=handles, title="Page printed", loc="lower left", fontsize=8, title_fontsize=8)
    ax.set_xlim(pd.Timestamp("2019-12-01"), pd.Timestamp("2026-04-01"))
    ax.set_yticks(range(len(per)), per.label)
    ax.set_ylim(len(per) - 0.4, -0.7)
    ax.tick_params(axis="y", labelsize=8.5)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    bars = per[["label", "first", "published"]].assign(period=[db.fact(f)["period"] for f in per["fact_id"]],
                                                       days=[(r["last"] - r["first"]).days + 1 for _, r in per.iterrows()])
    c.data = chart_data(db, bars, list(per["fact_id"]), "date; days")
    return c
