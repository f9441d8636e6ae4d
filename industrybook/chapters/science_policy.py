"""Derivations of the science-policy chapter (``chapters/science_policy.ipynb``, tag ``sp``).

Hunan's 14th Five-Year-Plan science record as the January 2026 interview gives it, and Hengyang's
innovation figures from the November 2024 page. What lives here:

* :func:`qualified` writes a fact with its printed qualifier ("more than CNY 8 bn", "more than a hundred");
* :func:`bounded_ratio` divides two qualified figures and says whether the result is a floor,
  a ceiling, or undetermined;
* :func:`year_readings` tests which year the "latest" provincial R&D figures refer to;
* :func:`interpolate` fills a year between two observations of a share;
* tables built from fact ids: instruments, output classes, Hengyang's breakthroughs, the
  Hengyang-Hunan comparison, the 15th-plan directions, the periods behind each figure.
"""
from __future__ import annotations

import pandas as pd

from industrybook.data.database import Database, parse_period
from industrybook.text.figures import QUALIFIER_WORDS, fmt_period, fmt_value
from industrybook.measures.arithmetic import cagr, implied_base

# ---------------------------------------------------------------------------------------------
# Qualified figures and ratios of them
# ---------------------------------------------------------------------------------------------


# +1: the true value is at or above the printed figure; -1: at or below; 0: the figure itself.
_DIRECTION = {"exact": 0, "about": 0, "more_than": 1, "at_least": 1, "nearly": -1, "less_than": -1}


def qualified(db: Database, fact_id: str, digits: int | None = None) -> str:
    """A fact as prose with the qualifier it was printed with: ``'more than CNY 8 bn'``; a range coded
    from a word figure prints the page's word: ``'more than a hundred'`` (百余), ``'in the top ten'``."""
    row = db.fact(fact_id)
    if row["qualifier"] == "range":
        return db.text(fact_id)
    body = db.text(fact_id) if digits is None else fmt_value(db.value(fact_id), row["unit"], digits)
    return QUALIFIER_WORDS[row["qualifier"]] + body


def bounded_ratio(num: float, num_qualifier: str, den: float, den_qualifier: str) -> tuple[float, str]:
    """``num / den`` and what kind of figure it is, given the qualifiers of the two inputs.

    Returns ``(value, kind)`` with kind ``'exact'`` (both exact), ``'about'``, ``'at least'``
    (a floor: e.g. more than X yuan over exactly N firms), ``'at most'`` (a ceiling: e.g. X yuan
    over more than N items) or ``'undetermined'`` (the bounds pull opposite ways, e.g. more than X
    over more than N: the true ratio may lie on either side of the printed one)."""
    if den == 0:
        raise ValueError("denominator must be non-zero")
    for q in (num_qualifier, den_qualifier):
        if q not in _DIRECTION:
            raise ValueError(f"no direction for qualifier {q!r} (a range has no point to divide)")
    dirs = {_DIRECTION[num_qualifier], -_DIRECTION[den_qualifier]} - {0}
    value = num / den
    if len(dirs) == 2:
        return value, "undetermined"
    if dirs:
        return value, "at least" if dirs.pop() == 1 else "at most"
    return value, "about" if "about" in (num_qualifier, den_qualifier) else "exact"


def fact_ratio(db: Database, num_id: str, den_id: str) -> tuple[float, str]:
    """:func:`bounded_ratio` of two facts, using their printed qualifiers."""
    return bounded_ratio(db.value(num_id), db.fact(num_id)["qualifier"],
                         db.value(den_id), db.fact(den_id)["qualifier"])


def bound_prefix(kind: str) -> str:
    """Words that go in front of a ratio of the given kind: ``'at least '``, ``'roughly '``..."""
    return {"exact": "", "about": "about ", "at least": "at least ", "at most": "at most ",
            "undetermined": "roughly "}[kind]


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


def interpolate(x0: float, y0: float, x1: float, y1: float, x: float) -> float:
    """Straight-line value at ``x`` between ``(x0, y0)`` and ``(x1, y1)``:
    ``y0 + (y1 - y0) * (x - x0) / (x1 - x0)``."""
    if x1 == x0:
        raise ValueError("the two points need different x")
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


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
     [("nm_top10_projects_years", "years running"), ("nm_top10_projects_firm_investment", "firm money drawn in"),
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
        reported = "; ".join(f"{qualified(db, f)} {what}" for f, what in outputs) or note
        rows.append({"instrument": name_en, "name_zh": name_zh, "level": level, "type": kind,
                     "reported_output": reported, "fact_ids": ";".join(f for f, _ in outputs)})
    return pd.DataFrame(rows)


# (fact_id, class, why). Classes: input (resources put in), output (things produced),
# outcome (economic use of what was produced), ranking (a composite that mixes all three).
OUTPUT_CLASSES = [
    ("nm_hn_rd_total", "input", "money spent on R&D"),
    ("nm_hn_rd_intensity_latest", "input", "R&D money relative to the size of the economy"),
    ("nm_4plus4_researchers", "input", "people gathered"),
    ("nm_innov_consortia_rd_spend", "input", "money the consortia spent"),
    ("nm_kv_credit_amount", "input", "credit made available to firms"),
    ("nm_rd_active_firm_share", "input", "breadth of business R&D: how many firms do any, not what they get from it"),
    ("nm_4plus4_major_results", "output", "results as counted by the programme itself"),
    ("nm_top10_projects_key_tech", "output", "technologies declared mastered"),
    ("nm_innov_consortia_key_tech", "output", "technologies declared mastered"),
    ("nm_changsha_new_rd_institutions", "output", "new organisations; says nothing on their size or work"),
    ("nm_xiangjiang_sci_city_platforms", "output", "platforms gathered in one place"),
    ("nm_innov_consortia_new_product_revenue", "outcome", "sales of what the R&D produced"),
    ("nm_univ_local_transfer_rate", "outcome", "results taken up by firms in the province"),
    ("nm_hn_regional_innov_rank_latest", "ranking", "composite index of inputs, outputs and conditions"),
    ("nm_firm_innovation_index_rank", "ranking", "composite index; edition not named"),
    ("nm_changsha_global_sci_city_rank", "ranking", "composite index; publisher not named"),
]


def output_classes(db: Database) -> pd.DataFrame:
    """The claimed results, each classed as input, output, outcome or ranking, with its figure."""
    rows = []
    for fact_id, cls, why in OUTPUT_CLASSES:
        row = db.fact(fact_id)
        rows.append({"fact_id": fact_id, "claim": row["metric_en"], "figure": qualified(db, fact_id),
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
        return "; ".join(f"{qualified(db, f)} ({fmt_period(db.fact(f)['period'])})" for f in ids)

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
