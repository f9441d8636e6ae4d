"""Derivations of the overview chapter (``chapters/overview.ipynb``, tag ``ov``).

The overview reads three pages: the Hengyang Daily feature on the chain-chief system (``hy202304``,
fact prefix ``ch_``), the Hengyang Daily article on the old industrial base (``hy202305``, ``mf_``)
and the Hunan Daily lead of 20 November 2024 (``hn20241120``, ``hy_``). This module holds what the
chapter computes or declares beyond the shared measures:

* the decoding of the slogan 一核两电三色四新 into its ten slots, kept as data with the basis of
  every assignment and the chapter that covers each member (:data:`LEADING_INDUSTRIES`);
* the chains the articles name (:data:`NAMED_CHAINS`) and the two toolkits of the chain-chief
  system as the 2024 page lists them (:data:`INSTRUMENTS`);
* small formulas: the price-and-scope gap between a compound rate from levels and a printed
  average rate, a naive annualisation, a bound on how many items can reach a threshold;
* the 2023 targets set against what the later page reports (:func:`targets_table`).

The rows this chapter adds to the reconciliation register are data (``data/reconciliations.csv``,
chapter ``overview``); ``tests/test_overview.py`` proves each figure their findings state from the facts.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from industrybook.data.printed import parse_chinese_integer
from industrybook.measures.arithmetic import annualise, cagr, implied_base, implied_prior, pp_change, ratio, share
from industrybook.render.charts import value_ladder
from industrybook.render.style import INK, MUTED, PALETTE, THEME_COLOURS, Chart, chart, chart_data, label_bars
from industrybook.render.tables import derived_frame
from industrybook.text.facts import (
    date_text, derived_text, fact_digits, fact_text, printed_text, record_text, source_line, source_text,
)
from industrybook.text.figures import (
    chart_value, count_words, fmt_money, fmt_number, fmt_pct, fmt_period,
)
from industrybook.text.phrase import Phrase, Pieces

CHAPTER = "overview"
SOURCES = ("hy202304", "hy202305", "hn20241120")

# --------------------------------------------------------------------------------------------
# The slogan 一核两电三色四新 and its ten slots
# --------------------------------------------------------------------------------------------
SLOGAN = "一核两电三色四新"


def slogan_slots(slogan: str = SLOGAN) -> list[tuple[str, int]]:
    """Split a numeral-noun slogan into (group, size): ``'一核两电'`` -> ``[('一核', 1), ('两电', 2)]``.

    Each group is one Chinese numeral followed by one character.
    """
    if len(slogan) % 2:
        raise ValueError(f"not a sequence of numeral-character pairs: {slogan!r}")
    return [(slogan[i:i + 2], parse_chinese_integer(slogan[i])) for i in range(0, len(slogan), 2)]


@dataclass(frozen=True)
class Slot:
    """One member of the ten leading industries, or a group whose members are not known."""

    group: str            # the slogan group, e.g. 两电
    member_en: str        # English name; for unknown members a statement that they are unknown
    member_zh: str        # Chinese name as the articles print it ('' when unknown)
    size: int             # slots this row fills (1, or the whole group when members are unknown)
    basis: str            # where the assignment to the group comes from
    named_in: tuple[str, ...]  # source ids whose pages name this industry as a Hengyang chain or cluster
    chapter: str          # notebook (doc name) of the book that covers it


GLOSSARY_BASIS = "glossary, not the pages"
UNKNOWN_BASIS = "unknown"

LEADING_INDUSTRIES: tuple[Slot, ...] = (
    Slot("一核", "nuclear technology application", "核技术应用", 1, GLOSSARY_BASIS,
         ("hy202304",), "overview"),
    Slot("两电", "power transmission equipment", "输变电", 1, GLOSSARY_BASIS,
         ("hy202304", "hy202305", "hn20241120"), "power_transmission"),
    Slot("两电", "electronic information", "电子信息", 1, GLOSSARY_BASIS,
         ("hy202304",), "overview"),
    Slot("三色", "nonferrous metals", "有色金属", 1, GLOSSARY_BASIS,
         ("hy202304", "hy202305", "hn20260124"), "new_materials"),
    Slot("三色", "steel pipe and deep processing", "钢管及深加工", 1, GLOSSARY_BASIS,
         ("hy202304", "hy202305", "hn20241120"), "overview"),
    Slot("三色", "salt-brine chemicals", "盐卤化工", 1, GLOSSARY_BASIS,
         ("hy202304", "hy202305", "hn20241120", "hn20260124"), "new_materials"),
    Slot("四新", "four 'new' industries, not named", "", 4, UNKNOWN_BASIS,
         (), "overview"),
)

# Chains the articles name with the pattern 衡阳X产业链 (or as an industry heading a feature) that the
# six named slots above do not cover. Some of them may be the four 新 members; no article says which.
NAMED_CHAINS: tuple[tuple[str, str, str], ...] = (
    ("hengyang_nev_chain", "new-energy vehicles", "hy202304"),
    ("hengyang_biomedicine_chain", "biomedicine", "hy202304"),
    ("hengyang_mobile_internet_chain", "mobile internet", "hy202304"),
    ("hengyang_textile_chain", "textiles and apparel", "hy202304"),
    ("hengyang_clock_chain", "clocks and watches", "hy202304"),
    ("hengyang_new_logistics_chain", "new logistics", "hy202304"),
    ("hengyang_new_agriculture_chain", "new agriculture", "hy202304"),
    ("hengyang_new_materials", "new materials", "hn20260124"),
)


def leading_industries_table() -> pd.DataFrame:
    """The ten slots as a frame, one row per known member or unknown group."""
    rows = [{"group": s.group, "member_en": s.member_en, "member_zh": s.member_zh, "slots": s.size,
             "basis": s.basis, "named_in": "; ".join(s.named_in) if s.named_in else "none",
             "chapter": s.chapter} for s in LEADING_INDUSTRIES]
    return pd.DataFrame(rows)


def check_slots(table: pd.DataFrame, slogan: str = SLOGAN) -> None:
    """Raise if the table's slots per group differ from the slogan's numerals."""
    expected = dict(slogan_slots(slogan))
    got = table.groupby("group", sort=False)["slots"].sum().to_dict()
    if got != expected:
        raise ValueError(f"slots per group {got} do not match the slogan {expected}")


# The industrial divisions the May 2023 page says Hengyang lacks (it adds 等, "and so on").
MISSING_DIVISIONS: tuple[tuple[str, str], ...] = (
    ("石油和天然气开采", "oil and gas extraction"),
    ("采矿专业及辅助性活动", "mining support activities"),
    ("其他采矿业", "other mining"),
    ("化学纤维制造业", "chemical fibre manufacturing"),
)


# --------------------------------------------------------------------------------------------
# The chain-chief system's two toolkits, as hn20241120 lists them
# --------------------------------------------------------------------------------------------
INSTRUMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "五单一图谱": (
        ("发展目标清单", "list of development goals"),
        ("在建重大项目清单", "list of major projects under construction"),
        ("招商引资重点项目清单", "list of key projects to attract"),
        ("重点问题清单", "list of key problems"),
        ("可产业化的主要科研成果清单", "list of research results ready for industrial use"),
        ("产业链上下游图谱", "map of the chain, upstream to downstream"),
    ),
    "五制一平台": (
        ("备案监督制", "filing and supervision"),
        ("承诺兑现制", "promises kept and checked"),
        ("规模榜单制", "league tables by size"),
        ("清单管理制", "management by lists"),
        ("现场观摩制", "on-site inspection visits"),
        ("云调度平台", "cloud dispatch platform"),
    ),
}


def instrument_counts(name: str) -> tuple[int, int]:
    """The numerals in a toolkit's name: ``'五单一图谱'`` -> (5, 1)."""
    first, second = name[0], name[2]
    return parse_chinese_integer(first), parse_chinese_integer(second)


def instruments_table() -> pd.DataFrame:
    """The two toolkits, one row per component, checked against the numerals in their names."""
    rows = []
    for name, parts in INSTRUMENTS.items():
        n_first, n_second = instrument_counts(name)
        if len(parts) != n_first + n_second:
            raise ValueError(f"{name} lists {len(parts)} parts, its name promises {n_first + n_second}")
        for i, (zh, en) in enumerate(parts):
            rows.append({"toolkit": name if i == 0 else "", "kind": "list or rule" if i < n_first else "map or platform",
                         "component_zh": zh, "component_en": en})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Formulas
# --------------------------------------------------------------------------------------------
def rate_gap(compound_pct: float, printed_pct: float) -> float:
    """Annual gap between a compound rate from levels and a printed rate, in percent:
    ``((1 + c/100) / (1 + p/100) - 1) * 100``. Nominal-from-levels against comparable-price growth
    gives the implied annual price (and sample) effect."""
    if printed_pct <= -100 or compound_pct <= -100:
        raise ValueError("rates must be above -100 %")
    return ((1 + compound_pct / 100) / (1 + printed_pct / 100) - 1) * 100


def implied_other(own_pct: float, lead_pp: float) -> float:
    """The other region's rate when ``own`` is ``lead`` points above it: ``own - lead``."""
    return own_pct - lead_pp


def max_count_reaching(total: float, threshold: float) -> int:
    """How many items, at most, can each reach ``threshold`` when together they sum to ``total``:
    ``floor(total / threshold)``."""
    if threshold <= 0:
        raise ValueError("threshold must be positive")
    return math.floor(total / threshold + 1e-9)


def rank_gain(before: float, after: float) -> float:
    """Places gained from ``before`` to ``after`` in a ranking where 1 is best: ``before - after``."""
    return before - after


def output_paths(first: float, last: float, years: int, printed_pct: float, first_year: int) -> pd.DataFrame:
    """Three paths between two levels: the compound path through both printed levels, the path at the
    printed rate forward from the first level, and the path at the printed rate back from the last."""
    c = cagr(first, last, years)
    rows = []
    for k in range(years + 1):
        rows.append({"year": first_year + k,
                     "through_levels": first * (1 + c / 100) ** k,
                     "printed_from_first": first * (1 + printed_pct / 100) ** k,
                     "printed_to_last": implied_base(last, printed_pct, years - k)})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Computed figures the chapter uses (all from the database)
# --------------------------------------------------------------------------------------------
def figures(db) -> dict[str, float]:
    """Every derived figure of the chapter, in base units (CNY, percent, count, places)."""
    v = db.value
    out = {}
    out["output_cagr"] = cagr(v("mf_output_2020"), v("mf_output_2022"), 2)
    out["output_printed"] = v("mf_output_avg_growth_2021_2022")
    out["output_gap"] = rate_gap(out["output_cagr"], out["output_printed"])
    out["output_gap_pp"] = pp_change(out["output_cagr"], out["output_printed"])
    out["output_base_at_printed"] = implied_base(v("mf_output_2022"), out["output_printed"], 2)
    out["output_base_diff"] = v("mf_output_2020") - out["output_base_at_printed"]
    out["output_end_at_printed"] = v("mf_output_2020") * (1 + out["output_printed"] / 100) ** 2
    out["va_national"] = implied_other(v("mf_va_growth_2022"), v("mf_va_growth_gap_national_2022"))
    out["va_provincial"] = implied_other(v("mf_va_growth_2022"), v("mf_va_growth_gap_provincial_2022"))
    out["divisions_share"] = share(v("mf_industry_divisions_present"), v("mf_industry_divisions_total_national"))
    out["divisions_missing"] = v("mf_industry_divisions_total_national") - v("mf_industry_divisions_present")
    out["rank_gain"] = rank_gain(v("mf_top100_adv_mfg_rank_2021"), v("mf_top100_adv_mfg_rank_2022"))
    out["chain_output_2021"] = implied_prior(v("ch_chain_output_2022"), v("ch_chain_output_growth_2022"))
    out["chain_tax_2021"] = implied_prior(v("ch_chain_tax_2022"), v("ch_chain_tax_growth_2022"))
    out["chain_tax_ratio_2022"] = share(v("ch_chain_tax_2022"), v("ch_chain_output_2022"))
    out["chain_tax_ratio_2021"] = share(out["chain_tax_2021"], out["chain_output_2021"])
    out["chain_output_2024q3_prior"] = implied_prior(v("hy_chain_output_jan_sep"), v("hy_chain_output_growth_jan_sep"))
    out["chain_output_2024_annualised"] = annualise(v("hy_chain_output_jan_sep"), 9)
    out["chain_prior_vs_2022"] = share(out["chain_output_2024q3_prior"], v("ch_chain_output_2022"))
    out["chain_vs_industry_2022"] = share(v("ch_chain_output_2022"), v("mf_output_2022"))
    out["chain_minus_industry_2022"] = v("ch_chain_output_2022") - v("mf_output_2022")
    out["chains_added"] = v("hy_chain_count") - v("ch_chain_count")
    out["double_digit_share"] = share(v("hy_chains_double_digit_growth"), v("hy_chain_count"))
    out["gdp_2023q3_prior"] = implied_prior(v("hy_gdp_jan_sep"), v("hy_gdp_growth_jan_sep"))
    out["top500_avg"] = ratio(v("hy_top500_projects_investment"), v("hy_top500_projects_signed_jan_sep"))
    out["top500_max_over_1bn"] = float(max_count_reaching(v("hy_top500_projects_investment"),
                                                          v("hy_project_size_threshold")))
    out["top500_min_below_1bn"] = v("hy_top500_projects_signed_jan_sep") - out["top500_max_over_1bn"]
    out["signed_share_of_negotiated"] = share(v("hy_projects_over_1bn_signed_jan_sep"),
                                              v("hy_major_projects_negotiated_jan_sep"))
    return out


# --------------------------------------------------------------------------------------------
# Tables for readers
# --------------------------------------------------------------------------------------------
def fact_rows(db, fact_ids) -> pd.DataFrame:
    """One row per fact: what it measures, the figure as printed, in prose, its period in words and its
    source (the article named as the book cites it, linked to its entry: no source id in a reader's table)."""
    rows = []
    for fid in fact_ids:
        f = db.fact(fid)
        rows.append({"fact_id": fid, "metric": f["metric_en"], "printed": printed_text(db, fid),
                     "figure": fact_text(db, fid), "period": "" if pd.isna(f["period"]) else fmt_period(f["period"]),
                     "period_basis": f["period_basis"], "source": source_text(db, f["source_id"])})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Targets for 2023 and what the later page reports
# --------------------------------------------------------------------------------------------
# Thresholds folded into the metric names of two target facts (omissions.csv: 过亿元, 过百亿).
TARGET_PROJECT_THRESHOLD_CNY = 1e8   # ch_target_projects_over_100m_2023: projects of more than 1亿元 each
TARGET_FIRM_REVENUE_CNY = 1e10       # mf_target_firms_revenue_over_10bn: revenue above 100亿元

TARGETS: tuple[tuple[str, str, str], ...] = (
    # (target fact, what the target is, what a later article reports: ``{fact id}`` prints that fact)
    ("ch_target_new_starts_2023", "chain projects to start construction in 2023",
     "No later count of project starts; the 2024 page reports negotiations and signings instead."),
    ("ch_target_completions_2023", "chain projects to be completed and producing in 2023",
     "No later count of completions."),
    ("ch_target_projects_over_100m_2023", "projects of more than CNY 100 m to be attracted in 2023",
     "Not reported for 2023; for January\u2013September 2024 the page counts signings above a tenfold higher threshold."),
    ("ch_target_single_project_10bn_2023", "a single manufacturing project of more than CNY 10 bn",
     "Not reported; the largest 2024 signings are only said to exceed {hy_project_size_threshold}."),
    ("mf_target_net_new_above_size_firms", "net new above-designated-size industrial firms in 2023",
     "Not reported."),
    ("mf_target_firms_revenue_over_10bn", "firms with revenue above CNY 10 bn by the end of 2023",
     "Not reported; the May 2023 page itself puts Valin Hengsteel's 2022 output above that mark."),
)


def targets_table(db) -> pd.DataFrame:
    """The 2023 targets with their printed figure, qualifier, source and the later report. A target's
    words name its threshold, part of the target fact's definition, so they link to that fact."""
    rows = []
    for fid, what, later in TARGETS:
        f = db.fact(fid)
        rows.append({"fact_id": fid, "target": record_text(what, fid), "figure": fact_text(db, fid),
                     "period": fmt_period(f["period"]), "source": source_text(db, f["source_id"]),
                     "later_report": with_facts(db, later)})
    return pd.DataFrame(rows)


def with_facts(db, text: str) -> Pieces:
    """``text`` with each ``{fact id}`` in it printed as that fact's figure without its qualifier
    (the sentence words it: "said to exceed {id}"), linked to the fact."""
    parts = re.split(r"\{(\w+)\}", text)
    return Pieces(*(fact_text(db, part, qualified=False) if i % 2 else part for i, part in enumerate(parts)))


# --------------------------------------------------------------------------------------------
# The notebook's content: glued texts, tables and charts
# --------------------------------------------------------------------------------------------


def _chain_months(db) -> tuple[str, str]:
    """The months of the chains' latest printed output, and the same months a year earlier, in words."""
    nine_months = db.fact("hy_chain_output_jan_sep")["period"]
    return fmt_period(nine_months), fmt_period(_year_earlier(nine_months))


def _year_earlier(period: str) -> str:
    """The same months a year before: ``'2024-01/2024-09'`` -> ``'2023-01/2023-09'``."""
    return "/".join(f"{int(d[:4]) - 1}{d[4:]}" for d in period.split("/"))


# Fact ids the prose's derived numbers read more than once.
OUT_2020, OUT_2022, OUT_GROWTH = "mf_output_2020", "mf_output_2022", "mf_output_avg_growth_2021_2022"
DIV_PRESENT, DIV_TOTAL = "mf_industry_divisions_present", "mf_industry_divisions_total_national"
CHAIN_OUT, CHAIN_OUT_GROWTH = "ch_chain_output_2022", "ch_chain_output_growth_2022"
CHAIN_TAX, CHAIN_TAX_GROWTH = "ch_chain_tax_2022", "ch_chain_tax_growth_2022"
CHAIN_OUT_9M = "hy_chain_output_jan_sep"
THRESHOLD, TOP500_INV, TOP500_N = "hy_project_size_threshold", "hy_top500_projects_investment", "hy_top500_projects_signed_jan_sep"


def _d(db, value: float, unit: str, formula: str, **inputs: str):
    """A derived number of the prose with its formula over the facts it reads (``symbol=fact id``)."""
    return derived_text(value, unit, formula, inputs, db=db)


def output_cagr_text(db) -> Phrase:
    """Compound growth of output through the two printed levels, as the prose and the charts print it."""
    return _d(db, figures(db)["output_cagr"], "percent", "((b / a) ** (1 / 2) - 1) * 100", a=OUT_2020, b=OUT_2022)


def value_added_texts(db) -> dict[str, Phrase]:
    """2022 value-added growth of Hunan and China implied by Hengyang's printed leads, by glue key."""
    f = figures(db)
    return {"ov-va-nat": _d(db, f["va_national"], "percent", "g - lead", g="mf_va_growth_2022",
                            lead="mf_va_growth_gap_national_2022"),
            "ov-va-prov": _d(db, f["va_provincial"], "percent", "g - lead", g="mf_va_growth_2022",
                             lead="mf_va_growth_gap_provincial_2022")}


def implied_chain_output_texts(db) -> dict[str, Phrase]:
    """The chains' output a year before each printed level, implied by the printed growth, as the prose
    prints it (the chains chart labels its bars with these)."""
    f = figures(db)
    return {
        "ov-chain-out-2021": _d(db, f["chain_output_2021"], "CNY", "o / (1 + g / 100)", o=CHAIN_OUT, g=CHAIN_OUT_GROWTH),
        "ov-chain-out-2023q3": _d(db, f["chain_output_2024q3_prior"], "CNY", "x / (1 + g / 100)", x=CHAIN_OUT_9M,
                                  g="hy_chain_output_growth_jan_sep"),
    }


def prose_texts(db) -> dict[str, str]:
    """Every figure the chapter's prose glues, by glue key; none is typed in the text."""
    f, v = figures(db), db.value
    slots, implied_chain_output = slogan_slots(), implied_chain_output_texts(db)
    return {
        # sources and their dates
        "ov-date-hy202305": date_text(db, "hy202305"),
        "ov-date-hy202304": date_text(db, "hy202304"),
        "ov-date-hn20241120": date_text(db, "hn20241120"),
        # history
        "ov-hist-rank": fact_text(db, "mf_hist_gross_output_rank_wartime", qualified=False),
        "ov-hist-categories": fact_text(db, "mf_hist_industrial_categories", qualified=False),
        "ov-hist-share": fact_text(db, "mf_hist_share_of_hunan_industry"),
        "ov-hist-products": fact_text(db, "mf_hist_named_products"),
        "ov-hist-firsts": fact_text(db, "mf_hist_firsts"),
        # output and growth
        "ov-out-2020": fact_text(db, "mf_output_2020", qualified=False),
        "ov-out-2022": fact_text(db, "mf_output_2022", qualified=False),
        "ov-out-printed": fact_text(db, "mf_output_avg_growth_2021_2022", qualified=False),
        "ov-out-cagr": output_cagr_text(db),
        "ov-out-gap": _d(db, f["output_gap"], "percent", "((b / a) ** (1 / 2) / (1 + p / 100) - 1) * 100",
                         a=OUT_2020, b=OUT_2022, p=OUT_GROWTH),
        "ov-out-gap-pp": _d(db, f["output_gap_pp"], "number", "((b / a) ** (1 / 2) - 1) * 100 - p",
                            a=OUT_2020, b=OUT_2022, p=OUT_GROWTH),
        "ov-out-end-printed": _d(db, f["output_end_at_printed"], "CNY", "a * (1 + p / 100) ** 2", a=OUT_2020, p=OUT_GROWTH),
        "ov-out-base-printed": _d(db, f["output_base_at_printed"], "CNY", "b / (1 + p / 100) ** 2", b=OUT_2022, p=OUT_GROWTH),
        "ov-out-base-diff": _d(db, abs(f["output_base_diff"]), "CNY",
                               "a - b / (1 + p / 100) ** 2" if f["output_base_diff"] >= 0 else "b / (1 + p / 100) ** 2 - a",
                               a=OUT_2020, b=OUT_2022, p=OUT_GROWTH),
        "ov-va-2022": fact_text(db, "mf_va_growth_2022", qualified=False),
        "ov-va-gap-nat": fact_text(db, "mf_va_growth_gap_national_2022", qualified=False),
        "ov-va-gap-prov": fact_text(db, "mf_va_growth_gap_provincial_2022", qualified=False),
        **value_added_texts(db),
        "ov-va-nat-official": fact_text(db, "cn_above_scale_va_growth_2022", 1),
        "ov-ind-va-prov-official": fact_text(db, "hn_industry_va_growth_2022", 1),
        # breadth and ranks
        "ov-div-present": fact_text(db, "mf_industry_divisions_present", qualified=False),
        "ov-div-total": fact_text(db, "mf_industry_divisions_total_national", qualified=False),
        "ov-div-share": _d(db, f["divisions_share"], "percent", "a / n * 100", a=DIV_PRESENT, n=DIV_TOTAL),
        "ov-div-missing": _d(db, f["divisions_missing"], "count", "n - a", a=DIV_PRESENT, n=DIV_TOTAL),
        "ov-div-listed": count_words(len(MISSING_DIVISIONS)),
        "ov-rank-2021": fact_text(db, "mf_top100_adv_mfg_rank_2021", qualified=False),
        "ov-rank-2022": fact_text(db, "mf_top100_adv_mfg_rank_2022", qualified=False),
        "ov-rank-gain": _d(db, f["rank_gain"], "count", "a - b", a="mf_top100_adv_mfg_rank_2021", b="mf_top100_adv_mfg_rank_2022"),
        "ov-ccid-rank": fact_text(db, "hy_ccid_innovation_rank_2024", qualified=False),
        "ov-ccid-years": fact_digits(db, "hy_ccid_top100_consecutive_years", unit="rank"),  # the 2024 list is the 4th
        "ov-hengsteel": fact_text(db, "mf_hengsteel_output_2022", qualified=False),
        # 2024 economy
        "ov-gdp": fact_text(db, "hy_gdp_jan_sep", qualified=False),
        "ov-gdp-growth": fact_text(db, "hy_gdp_growth_jan_sep", qualified=False),
        "ov-gdp-prior": _d(db, f["gdp_2023q3_prior"], "CNY", "x / (1 + g / 100)", x="hy_gdp_jan_sep", g="hy_gdp_growth_jan_sep"),
        # leading industries and chains
        "ov-ten": fact_text(db, "ch_leading_industries_count", qualified=False),
        "ov-slot-sizes": ", ".join(count_words(n) for _, n in slots[:-1]) + f" and {count_words(slots[-1][1])}",
        "ov-named-members": count_words(sum(s.size for s in LEADING_INDUSTRIES if s.member_zh)),
        "ov-new-slots": count_words(sum(s.size for s in LEADING_INDUSTRIES if not s.member_zh)),
        "ov-named-chains": count_words(len(NAMED_CHAINS)),
        "ov-chains-2023": fact_text(db, "ch_chain_count", qualified=False),
        "ov-chains-2024": fact_text(db, "hy_chain_count", qualified=False),
        "ov-chains-added": _d(db, f["chains_added"], "count", "b - a", a="ch_chain_count", b="hy_chain_count"),
        "ov-tool-parts": count_words(len(INSTRUMENTS["五单一图谱"])),
        # chain results
        "ov-chain-out-2022": fact_text(db, "ch_chain_output_2022", qualified=False),
        "ov-chain-out-growth": fact_text(db, CHAIN_OUT_GROWTH, qualified=False),
        "ov-chain-out-2021": implied_chain_output["ov-chain-out-2021"],
        "ov-chain-tax-2022": fact_text(db, "ch_chain_tax_2022", qualified=False),
        "ov-chain-tax-growth": fact_text(db, CHAIN_TAX_GROWTH, qualified=False),
        "ov-chain-tax-2021": _d(db, f["chain_tax_2021"], "CNY", "t / (1 + h / 100)", t=CHAIN_TAX, h=CHAIN_TAX_GROWTH),
        "ov-tax-ratio-2022": _d(db, f["chain_tax_ratio_2022"], "percent", "t / o * 100", t=CHAIN_TAX, o=CHAIN_OUT),
        "ov-tax-ratio-2021": _d(db, f["chain_tax_ratio_2021"], "percent", "t / (1 + h / 100) / (o / (1 + g / 100)) * 100",
                                t=CHAIN_TAX, h=CHAIN_TAX_GROWTH, o=CHAIN_OUT, g=CHAIN_OUT_GROWTH),
        "ov-chain-out-2024": fact_text(db, "hy_chain_output_jan_sep", qualified=False),
        "ov-chain-out-2024-growth": fact_text(db, "hy_chain_output_growth_jan_sep", qualified=False),
        "ov-chain-out-2023q3": implied_chain_output["ov-chain-out-2023q3"],
        "ov-chain-prior-vs-2022": _d(db, f["chain_prior_vs_2022"], "percent", "x / (1 + g / 100) / o * 100", x=CHAIN_OUT_9M,
                                     g="hy_chain_output_growth_jan_sep", o=CHAIN_OUT),
        "ov-chain-annualised": _d(db, f["chain_output_2024_annualised"], "CNY", "x * 12 / 9", x=CHAIN_OUT_9M),
        "ov-dd-chains": fact_text(db, "hy_chains_double_digit_growth", qualified=False),
        "ov-dd-share": _d(db, f["double_digit_share"], "percent", "d / n * 100", d="hy_chains_double_digit_growth", n="hy_chain_count"),
        "ov-chain-vs-ind": _d(db, f["chain_vs_industry_2022"], "percent", "o / m * 100", o=CHAIN_OUT, m=OUT_2022),
        "ov-chain-minus-ind": _d(db, f["chain_minus_industry_2022"], "CNY", "o - m", o=CHAIN_OUT, m=OUT_2022),
        # targets
        "ov-t-starts": fact_text(db, "ch_target_new_starts_2023", qualified=False),
        "ov-t-completions": fact_text(db, "ch_target_completions_2023", qualified=False),
        "ov-t-over100m": fact_text(db, "ch_target_projects_over_100m_2023", qualified=False),
        "ov-t-single": fact_text(db, "ch_target_single_project_10bn_2023"),
        "ov-t-firms": fact_text(db, "mf_target_net_new_above_size_firms"),
        "ov-t-big-firms": fact_text(db, "mf_target_firms_revenue_over_10bn"),
        "ov-n-targets": count_words(len(TARGETS)),
        "ov-t-threshold": record_text(fmt_money(TARGET_PROJECT_THRESHOLD_CNY), "ch_target_projects_over_100m_2023"),
        "ov-t-revenue": record_text(fmt_money(TARGET_FIRM_REVENUE_CNY), "mf_target_firms_revenue_over_10bn"),
        "ov-threshold-ratio": _d(db, v(THRESHOLD) / TARGET_PROJECT_THRESHOLD_CNY, "number",
                                 "t / 1e8", t=THRESHOLD),
        "ov-tool-lists": count_words(instrument_counts("五单一图谱")[0]),
        "ov-tool-rules": count_words(instrument_counts("五制一平台")[0]),
        # pipeline
        "ov-negotiated": fact_text(db, "hy_major_projects_negotiated_jan_sep", qualified=False),
        "ov-over1bn": fact_text(db, "hy_projects_over_1bn_signed_jan_sep", qualified=False),
        "ov-threshold": fact_text(db, "hy_project_size_threshold", qualified=False),
        "ov-signed-share": _d(db, f["signed_share_of_negotiated"], "percent", "s / n * 100", s="hy_projects_over_1bn_signed_jan_sep",
                              n="hy_major_projects_negotiated_jan_sep"),
        "ov-top500-n": fact_text(db, "hy_top500_projects_signed_jan_sep", qualified=False),
        "ov-top500-inv": fact_text(db, "hy_top500_projects_investment", qualified=False),
        "ov-top500-avg": _d(db, f["top500_avg"], "CNY", "total / n", total=TOP500_INV, n=TOP500_N),
        "ov-top500-avg-share": _d(db, share(f["top500_avg"], v(THRESHOLD)), "percent", "total / n / t * 100",
                                  total=TOP500_INV, n=TOP500_N, t=THRESHOLD),
        "ov-top500-max": _d(db, f["top500_max_over_1bn"], "count", "floor(total / t)", total=TOP500_INV, t=THRESHOLD),
        "ov-top500-min-below": _d(db, f["top500_min_below_1bn"], "count", "n - floor(total / t)", n=TOP500_N,
                                  total=TOP500_INV, t=THRESHOLD),
        "ov-forum-n": fact_text(db, "ch_forum_signed_projects", qualified=False),
        "ov-forum-inv": fact_text(db, "ch_forum_signed_investment", qualified=False),
        "ov-forum-avg": _d(db, v("ch_forum_signed_investment") / v("ch_forum_signed_projects"), "CNY", "total / n",
                           total="ch_forum_signed_investment", n="ch_forum_signed_projects"),
    }


def _bn_axis(x: float) -> float:
    """Amounts in CNY bn for chart axes."""
    return x / 1e9


def output_chart(db) -> Chart:
    """(a) Output paths through the printed levels and at the printed rate; (b) 2022 value-added growth."""
    f, v = figures(db), db.value
    p = output_paths(_bn_axis(v("mf_output_2020")), _bn_axis(v("mf_output_2022")), 2, f["output_printed"], 2020)
    growth = pd.DataFrame({
        "label": ["Hengyang (printed)", "Hunan (implied)", "China (implied)"],
        "value": [v("mf_va_growth_2022"), f["va_provincial"], f["va_national"]],
        "implied": [False, True, True],
    })
    cagr_text, va = output_cagr_text(db), value_added_texts(db)
    alt = (f"Two panels. Left, a line chart of Hengyang's above-size industrial output in CNY bn: a solid line "
           f"through the printed levels, {fact_text(db, 'mf_output_2020', qualified=False)} in 2020 and {fact_text(db, 'mf_output_2022', qualified=False)} "
           f"in 2022, rising {cagr_text} a year; a dashed line growing at the printed "
           f"{fmt_pct(f['output_printed'])} from 2020 ends lower, at {derived_text(f['output_end_at_printed'], 'CNY')}; a dotted "
           f"line at the printed rate back from 2022 starts higher, at {derived_text(f['output_base_at_printed'], 'CNY')}. "
           f"Right, horizontal bars of 2022 industrial value-added growth: Hengyang {fmt_pct(v('mf_va_growth_2022'))}, "
           f"Hunan {va['ov-va-prov']} and China {va['ov-va-nat']}, the last two implied by "
           f"Hengyang's printed lead.")
    c = chart("Output grew faster in its levels than in its printed growth rate",
              "(a) Output of above-size industry, CNY bn at current prices; 2021 points are computed, not printed. "
              "(b) Growth of industrial value added in 2022, %; Hunan and China implied from Hengyang's printed lead.",
              source_line(db, ["hy202305"]), alt, ncols=2, height=3.3, gridspec_kw={"width_ratios": [1.5, 1]})
    ax, bx = c.axes
    ax.plot(p["year"], p["through_levels"], "-", color=PALETTE[0], lw=2.2,
            label=f"through the printed levels: {cagr_text} a year")
    ax.plot(p["year"], p["printed_from_first"], "--", color=PALETTE[1], lw=1.8,
            label=f"printed {fmt_pct(f['output_printed'])} a year, from 2020")
    ax.plot(p["year"], p["printed_to_last"], ":", color=PALETTE[3], lw=2.0,
            label=f"printed {fmt_pct(f['output_printed'])} a year, back from 2022")
    ends = p.iloc[[0, -1]]
    ax.plot(ends["year"], ends["through_levels"], "o", color=PALETTE[0], ms=8, zorder=3)
    # each end as the prose prints it: the levels to their page's precision, the paths at the printed rate as derived
    said = prose_texts(db)
    for key, (x, y), offset, style_kw in (
            ("ov-out-2020", (2020, ends["through_levels"].iloc[0]), (8, -4), dict(ha="left", va="top", fontsize=8.5, color=INK)),
            ("ov-out-2022", (2022, ends["through_levels"].iloc[-1]), (8, 0), dict(ha="left", va="center", fontsize=8.5, color=INK)),
            ("ov-out-end-printed", (2022, p["printed_from_first"].iloc[-1]), (8, 0), dict(va="center", fontsize=8, color=PALETTE[1])),
            ("ov-out-base-printed", (2020, p["printed_to_last"].iloc[0]), (-6, 0),
             dict(va="center", ha="right", fontsize=8, color=PALETTE[3]))):
        ax.annotate(chart_value(said[key], "CNY bn"), (x, y), xytext=offset, textcoords="offset points", **style_kw)
    ax.set_xticks([2020, 2021, 2022], ["2020", "2021", "2022"])
    ax.set_xlim(2019.45, 2022.55)  # room for the left labels, clear of the y tick labels
    lo, hi = p[["through_levels", "printed_from_first", "printed_to_last"]].min().min(), p["through_levels"].max()
    ax.set_ylim(lo - (hi - lo) * 0.12, hi + (hi - lo) * 0.12)
    ax.set_ylabel("CNY bn")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(0, -0.1))  # below the panel: inside, it met the lines
    ax.set_title("(a) Output path", fontsize=10, loc="left")
    ypos = np.arange(len(growth))[::-1]
    bars = bx.barh(ypos, growth["value"], color=[PALETTE[5] if i else PALETTE[0] for i in growth["implied"]],
                   hatch=None, edgecolor="white")
    for bar, implied in zip(bars, growth["implied"]):
        if implied:
            bar.set_hatch("///")
    label_bars(bx, bars, [fact_text(db, "mf_va_growth_2022", qualified=False), va["ov-va-prov"], va["ov-va-nat"]])
    bx.set_yticks(ypos, growth["label"])
    bx.set_xlim(0, growth["value"].max() * 1.3)
    bx.set_xlabel("%")
    bx.grid(axis="y", visible=False)
    bx.set_title("(b) Value added, 2022", fontsize=10, loc="left")
    return c


def ranks_chart(db) -> Chart:
    """Hengyang's places in the advanced-manufacturing (2021, 2022) and CCID innovation (2024) rankings."""
    f, v = figures(db), db.value
    alt = (f"A dot chart of Hengyang's places in two national city rankings on an axis from 100th (left) to 1st "
           f"(right). In the advanced-manufacturing list an arrow runs from {fact_text(db, 'mf_top100_adv_mfg_rank_2021', qualified=False)} in 2021 "
           f"to {fact_text(db, 'mf_top100_adv_mfg_rank_2022', qualified=False)} in 2022, a gain of {fmt_number(f['rank_gain'])} places. In the "
           f"CCID innovation-competitiveness list a single dot marks {fact_text(db, 'hy_ccid_innovation_rank_2024', qualified=False)} in 2024, the "
           f"last of {fmt_number(v('hy_ccid_top100_consecutive_years'))} consecutive years in that list; earlier ranks "
           f"are not printed.")
    c = chart("Hengyang climbed in the manufacturing ranking but sits in the lower part of both lists",
              "Rank among Chinese cities (1 = best); each list has 100 places",
              source_line(db, ["hy202305", "hn20241120"]), alt, height=2.4)
    ax = c.ax
    r21, r22, r24 = v("mf_top100_adv_mfg_rank_2021"), v("mf_top100_adv_mfg_rank_2022"), v("hy_ccid_innovation_rank_2024")
    col_m, col_s = THEME_COLOURS["power_transmission"], THEME_COLOURS["science_policy"]
    ax.axvspan(100.5, 75.5, color="#f2f2f2", zorder=0)
    ax.text(88, -0.72, "bottom quarter\nof the list", ha="center", va="bottom", fontsize=8, color=MUTED)
    ax.annotate("", xy=(r22, 1), xytext=(r21, 1), arrowprops=dict(arrowstyle="-|>", color=col_m, lw=2))
    ax.plot([r21], [1], "o", mfc="white", mec=col_m, mew=2, ms=9, zorder=3)
    ax.plot([r22], [1], "o", color=col_m, ms=9, zorder=3)
    ax.annotate(f"2021: {fact_text(db, 'mf_top100_adv_mfg_rank_2021', qualified=False)}", (r21, 1), xytext=(0, -11), textcoords="offset points",
                ha="center", va="top", fontsize=8.5)
    ax.annotate(f"2022: {fact_text(db, 'mf_top100_adv_mfg_rank_2022', qualified=False)}", (r22, 1), xytext=(0, 10), textcoords="offset points",
                ha="center", fontsize=8.5)
    ax.plot([r24], [0], "D", color=col_s, ms=8, zorder=3)
    ax.annotate(f"2024: {fact_text(db, 'hy_ccid_innovation_rank_2024', qualified=False)} (in the list "
                f"{fmt_number(v('hy_ccid_top100_consecutive_years'))} years running)", (r24, 0), xytext=(8, 9),
                textcoords="offset points", ha="left", fontsize=8.5)
    ax.set_xlim(101, 0)
    ax.set_xticks([100, 75, 50, 25, 1], ["100th", "75th", "50th", "25th", "1st"])
    ax.set_ylim(-0.8, 1.6)
    ax.set_yticks([0, 1], ["City innovation\ncompetitiveness (CCID)", "Advanced-manufacturing\ncities"])
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Rank (better to the right)")
    return c


def chains_chart(db) -> Chart:
    """(a) Chain and industry output levels, printed and implied; (b) the growth rates as printed."""
    f, v = figures(db), db.value
    this_year, last_year = _chain_months(db)
    gdp_months = fmt_period(db.fact("hy_gdp_growth_jan_sep")["period"])
    said = implied_chain_output_texts(db)  # each level labelled as the prose prints it
    levels = pd.DataFrame([
        ("Chain firms, 2021 (implied)", f["chain_output_2021"], "implied", said["ov-chain-out-2021"]),
        ("Chain firms, 2022", v("ch_chain_output_2022"), "chain", fact_text(db, "ch_chain_output_2022", qualified=False)),
        ("All above-size industry, 2022", v("mf_output_2022"), "industry", fact_text(db, "mf_output_2022", qualified=False)),
        (f"Chain firms,\n{last_year} (implied)", f["chain_output_2024q3_prior"], "implied", said["ov-chain-out-2023q3"]),
        (f"Chain firms,\n{this_year}", v("hy_chain_output_jan_sep"), "chain",
         fact_text(db, "hy_chain_output_jan_sep", qualified=False)),
    ], columns=["label", "value", "kind", "text"])
    rates = pd.DataFrame([
        ("Chain output, 2022", v("ch_chain_output_growth_2022"), "chain"),
        ("Chain taxes, 2022", v("ch_chain_tax_growth_2022"), "chain"),
        (f"Chain output,\n{this_year}", v("hy_chain_output_growth_jan_sep"), "chain"),
        ("Industrial value added, 2022", v("mf_va_growth_2022"), "industry"),
        (f"GDP, {gdp_months}", v("hy_gdp_growth_jan_sep"), "industry"),
    ], columns=["label", "value", "kind"])
    colours = {"chain": THEME_COLOURS["chain_system"], "implied": "#bbbbbb", "industry": PALETTE[0]}
    alt = ("Two panels of horizontal bars. Top, output in CNY bn: "
           + "; ".join(f"{r.label.replace(chr(10), ' ')} {r.text}" for r in levels.itertuples())
           + ". Bottom, growth rates in percent: "
           + "; ".join(f"{r.label.replace(chr(10), ' ')} {fmt_pct(r.value, 2)}" for r in rates.itertuples()) + ".")
    c = chart("The chains' totals: more than all of industry in 2022, far less in 2024",
              "(a) Output of the chains' above-size firms and of all above-size industry, CNY bn at current prices; "
              "hatched bars are implied by printed growth. (b) Growth on a year earlier, %, as printed.",
              source_line(db, ["hy202304", "hy202305", "hn20241120"]), alt, nrows=2, height=5.4,
              gridspec_kw={"height_ratios": [1, 1]})
    ax, bx = c.axes
    for axis, frame, texts in ((ax, levels, [chart_value(t, "CNY bn") for t in levels["text"]]),
                               (bx, rates, [fmt_pct(x, 2) for x in rates["value"]])):
        y = np.arange(len(frame))[::-1]
        vals = frame["value"].map(_bn_axis) if axis is ax else frame["value"]
        bars = axis.barh(y, vals, color=[colours[k] for k in frame["kind"]], edgecolor="white")
        for bar, kind in zip(bars, frame["kind"]):
            if kind == "implied":
                bar.set_hatch("///")
                bar.set_edgecolor(THEME_COLOURS["chain_system"])
        label_bars(axis, bars, texts)
        axis.set_yticks(y, frame["label"])
        axis.set_xlim(0, vals.max() * 1.16)
        axis.grid(axis="y", visible=False)
    ax.set_xlabel("CNY bn")
    bx.set_xlabel("%")
    ax.set_title("(a) Levels", fontsize=10, loc="left")
    bx.set_title("(b) Growth rates: chains (grey) and the city's own aggregates (blue)", fontsize=10, loc="left")
    return c


def chain_figures_table(db) -> pd.DataFrame:
    """What the chains report, printed and implied, by period in words; the computed values are the
    phrases the prose glues (:func:`prose_texts`), so each figure links to its entry (a fact's entry or
    a derived number's, which names the facts it rests on): the table itself prints no ids."""
    t = prose_texts(db)

    def growth(fid: str) -> Phrase:  # the printed growth rate with the decimals of the table
        return fact_text(db, fid, 2)

    this_year, last_year = _chain_months(db)
    rows = [
        ("Chain firms' output (revenue)", "2022", t["ov-chain-out-2022"], "printed"),
        ("Chain firms' output, growth on 2021", "2022", growth("ch_chain_output_growth_2022"), "printed"),
        ("Chain firms' output, implied 2021 level", "2021", t["ov-chain-out-2021"], "computed"),
        ("Chain firms' taxes", "2022", t["ov-chain-tax-2022"], "printed"),
        ("Chain firms' taxes, growth on 2021", "2022", growth("ch_chain_tax_growth_2022"), "printed"),
        ("Chain firms' taxes, implied 2021 level", "2021", t["ov-chain-tax-2021"], "computed"),
        ("Taxes as a share of output", "2022", t["ov-tax-ratio-2022"], "computed"),
        ("Taxes as a share of output", "2021", t["ov-tax-ratio-2021"], "computed"),
        ("Chain firms' output", this_year, t["ov-chain-out-2024"], "printed"),
        ("Chain firms' output, growth on a year earlier", this_year, growth("hy_chain_output_growth_jan_sep"),
         "printed"),
        ("Chain firms' output, implied level a year earlier", last_year, t["ov-chain-out-2023q3"], "computed"),
        ("Chains with double-digit growth", this_year, t["ov-dd-chains"], "printed"),
        ("Chains with double-digit growth, share of all chains", this_year, t["ov-dd-share"], "computed"),
        ("Number of chains", fmt_period(db.fact("ch_chain_count")["period"]), t["ov-chains-2023"], "printed"),
        ("Number of chains", fmt_period(db.fact("hy_chain_count")["period"]), t["ov-chains-2024"], "printed"),
    ]
    return pd.DataFrame(rows, columns=["Indicator", "Period", "Figure", "Printed or computed"])


def pipeline_chart(db) -> Chart:
    """(a) Project counts in January–September 2024; (b) a log ladder of amounts per project and in total."""
    f, v = figures(db), db.value
    counts = pd.DataFrame([
        ("Major projects negotiated", v("hy_major_projects_negotiated_jan_sep")),
        ("Signed, CNY 1 bn or more each", v("hy_projects_over_1bn_signed_jan_sep")),
        ("Signed with top-500 firms", v("hy_top500_projects_signed_jan_sep")),
    ], columns=["label", "value"])
    said = prose_texts(db)  # each amount labelled as the prose prints it

    def amount(fid: str) -> Phrase:
        return fact_text(db, fid, qualified=False)

    ladder = pd.DataFrame([
        ("Top-500 signing, average (2024)", f["top500_avg"], "chain_system", said["ov-top500-avg"]),
        ("Large-project threshold (2024)", v("hy_project_size_threshold"), "chain_system", said["ov-threshold"]),
        ("Forum signing, average (March 2023)", v("ch_forum_signed_investment") / v("ch_forum_signed_projects"),
         "power_transmission", said["ov-forum-avg"]),
        ("2023 target: one project over", v("ch_target_single_project_10bn_2023"), "chain_system",
         amount("ch_target_single_project_10bn_2023")),
        ("Top-500 signings, total (2024)", v("hy_top500_projects_investment"), "chain_system", said["ov-top500-inv"]),
        ("Forum signings, total (March 2023)", v("ch_forum_signed_investment"), "power_transmission", said["ov-forum-inv"]),
    ], columns=["label", "low", "theme", "text"]).assign(high=lambda d: d["low"])
    alt = ("Two panels. Left, horizontal bars of project counts for January–September 2024: "
           + "; ".join(f"{r.label} {fmt_number(r.value)}" for r in counts.itertuples())
           + ". Right, a ladder of amounts on a logarithmic axis in CNY: "
           + "; ".join(f"{r.label} {r.text}" for r in ladder.itertuples()) + ".")
    c = chart(f"Many projects in talks, few large ones: the average top-500 signing is {said['ov-top500-avg']}",
              "(a) Number of projects, January–September 2024. (b) Amounts per project and in total, CNY, log scale; "
              "grey: Hengyang 2024 pipeline and 2023 target, blue: transmission forum of 28 March 2023.",
              source_line(db, ["hy202304", "hn20241120"]), alt, nrows=2, height=4.6,
              gridspec_kw={"height_ratios": [1, 1.9]})
    ax, bx = c.axes
    y = np.arange(len(counts))[::-1]
    bars = ax.barh(y, counts["value"], color=THEME_COLOURS["chain_system"])
    label_bars(ax, bars, [fmt_number(x) for x in counts["value"]])
    ax.set_yticks(y, counts["label"])
    ax.set_xlim(0, counts["value"].max() * 1.2)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Projects")
    ax.set_title("(a) Counts", fontsize=10, loc="left")
    value_ladder(bx, ladder, colour_col="theme")
    for i, r in ladder.reset_index(drop=True).iterrows():
        bx.annotate(r["text"], (r["low"], i), xytext=(7, 0), textcoords="offset points", va="center",
                    fontsize=8)
    ticks = [1e8, 1e9, 1e10, 1e11]
    bx.set_xticks(ticks, [fmt_money(t) for t in ticks], fontsize=8.5)
    bx.set_xlabel("CNY (log scale)")
    bx.set_xlim(2.5e8, 2.5e11)
    bx.set_title("(b) Amounts", fontsize=10, loc="left")
    return c


def derived_table(db) -> pd.DataFrame:
    """Every measure the chapter computes: the phrases its prose glues, with their formulas and inputs."""
    t = prose_texts(db)
    return derived_frame(db, t, """
    ov-out-cagr: Compound growth of industrial output, 2020–2022
    ov-out-gap-pp: Compound rate less the printed average, percentage points
    ov-out-gap: Annual gap in growth factors (price or scope effect)
    ov-out-base-printed: 2020 output implied by the 2022 level at the printed rate
    ov-out-base-diff: Implied 2020 output less the printed 2020 level
    ov-out-end-printed: 2022 output reached from 2020 at the printed rate
    ov-va-nat: Industrial value-added growth, China, 2022 (implied)
    ov-va-prov: Industrial value-added growth, Hunan, 2022 (implied)
    ov-div-share: Share of national industrial divisions present
    ov-div-missing: National industrial divisions missing
    ov-rank-gain: Places gained in the manufacturing ranking, 2021–2022
    ov-gdp-prior: GDP January–September 2023 at 2024 prices (implied)
    ov-chains-added: Chains added, 2023–2024
    ov-chain-out-2021: Chain output 2021 (implied)
    ov-chain-tax-2021: Chain taxes 2021 (implied)
    ov-tax-ratio-2022: Chain taxes as a share of chain output, 2022
    ov-tax-ratio-2021: Chain taxes as a share of chain output, 2021
    ov-chain-out-2023q3: Chain output January–September 2023 (implied)
    ov-chain-prior-vs-2022: Chain output January–September 2023 as a share of full-year 2022
    ov-chain-annualised: Chain output 2024, naive annualisation
    ov-chain-vs-ind: Chain output 2022 as a share of all above-size industry
    ov-chain-minus-ind: Chain output 2022 less all above-size industry
    ov-dd-share: Chains with double-digit growth, share, January–September 2024
    ov-threshold-ratio: Large-project threshold over the 2023 target's threshold
    ov-signed-share: Large signings as a share of negotiated projects (by count)
    ov-top500-avg: Average top-500 signing, January–September 2024
    ov-top500-avg-share: Average top-500 signing as a share of the large-project threshold
    ov-top500-max: Top-500 signings that can reach the large-project threshold, at most
    ov-top500-min-below: Top-500 signings below the threshold, at least
    ov-forum-avg: Average forum signing, March 2023
    """)


def output_data(db) -> pd.DataFrame:
    """Panel (b) of the output chart: 2022 value-added growth, printed for Hengyang, implied for Hunan and China."""
    f, v = figures(db), db.value
    frame = pd.DataFrame({"label": ["Hengyang (printed)", "Hunan (implied)", "China (implied)"],
                          "value": [v("mf_va_growth_2022"), f["va_provincial"], f["va_national"]]})
    ids = [["mf_va_growth_2022"], ["mf_va_growth_2022", "mf_va_growth_gap_provincial_2022"],
           ["mf_va_growth_2022", "mf_va_growth_gap_national_2022"]]
    return chart_data(db, frame, ids, "percent")


def ranks_data(db) -> pd.DataFrame:
    """The three ranks the ranks chart marks."""
    ids = ["mf_top100_adv_mfg_rank_2021", "mf_top100_adv_mfg_rank_2022", "hy_ccid_innovation_rank_2024"]
    frame = pd.DataFrame({"label": ["Advanced-manufacturing cities, 2021", "Advanced-manufacturing cities, 2022",
                                    "CCID innovation competitiveness, 2024"],
                          "rank": [db.value(i) for i in ids]})
    return chart_data(db, frame, ids, "rank")


def chains_data(db) -> pd.DataFrame:
    """Panel (b) of the chains chart: the growth rates as printed."""
    ids = ["ch_chain_output_growth_2022", "ch_chain_tax_growth_2022", "hy_chain_output_growth_jan_sep",
           "mf_va_growth_2022", "hy_gdp_growth_jan_sep"]
    frame = pd.DataFrame({"label": [db.fact(i)["metric_en"] for i in ids], "value": [db.value(i) for i in ids]})
    return chart_data(db, frame, ids, "percent")


def pipeline_data(db) -> pd.DataFrame:
    """Panel (a) of the pipeline chart: project counts, January–September 2024."""
    ids = ["hy_major_projects_negotiated_jan_sep", "hy_projects_over_1bn_signed_jan_sep", "hy_top500_projects_signed_jan_sep"]
    frame = pd.DataFrame({"label": [db.fact(i)["metric_en"] for i in ids], "value": [db.value(i) for i in ids]})
    return chart_data(db, frame, ids, "count")
