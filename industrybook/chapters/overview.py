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
* the 2023 targets set against what the later page reports (:func:`targets_table`);
* the rows this chapter adds to the reconciliation register (:func:`register_rows`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from industrybook.measures.arithmetic import annualise  # noqa: F401  (re-exported for the chapter)
from industrybook.render.tables import md_table  # noqa: F401  (re-exported for the chapter)

from industrybook.text.figures import fmt_period
from industrybook.measures.arithmetic import cagr, implied_base, implied_prior, pp_change, ratio, share
from industrybook.data.printed import parse_chinese_integer

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
    Slot("三色", "non-ferrous metals", "有色金属", 1, GLOSSARY_BASIS,
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
QUALIFIER_WORDS = {"exact": "", "more_than": "more than ", "about": "about ", "nearly": "nearly "}


def figure_text(db, fact_id: str) -> str:
    """A fact in prose with its qualifier kept: ``'more than 3,500'``; ratios become percentages."""
    from industrybook.text.figures import fmt_pct

    f = db.fact(fact_id)
    word = QUALIFIER_WORDS.get(f["qualifier"], f["qualifier"] + " ")
    body = fmt_pct(db.value(fact_id) * 100, 1) if f["unit"] == "ratio" else db.text(fact_id)
    return word + body


def fact_rows(db, fact_ids) -> pd.DataFrame:
    """One row per fact: what it measures, the figure as printed, in prose, its period and source."""
    rows = []
    for fid in fact_ids:
        f = db.fact(fid)
        rows.append({"fact_id": fid, "metric": f["metric_en"], "printed": db.printed(fid),
                     "figure": figure_text(db, fid), "period": "" if pd.isna(f["period"]) else f["period"],
                     "period_basis": f["period_basis"], "source": f["source_id"]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Targets for 2023 and what the later page reports
# --------------------------------------------------------------------------------------------
# Thresholds folded into the metric names of two target facts (omissions.csv: 过亿元, 过百亿).
TARGET_PROJECT_THRESHOLD_CNY = 1e8   # ch_target_projects_over_100m_2023: projects of more than 1亿元 each
TARGET_FIRM_REVENUE_CNY = 1e10       # mf_target_firms_revenue_over_10bn: revenue above 100亿元

TARGETS: tuple[tuple[str, str, str], ...] = (
    # (target fact, what the target is, what a later article reports)
    ("ch_target_new_starts_2023", "chain projects to start construction in 2023",
     "No later count of project starts; the 2024 page reports negotiations and signings instead."),
    ("ch_target_completions_2023", "chain projects to be completed and producing in 2023",
     "No later count of completions."),
    ("ch_target_projects_over_100m_2023", "projects of more than CNY 100 m to be attracted in 2023",
     "Not reported for 2023; for January\u2013September 2024 the page counts signings above a tenfold higher threshold."),
    ("ch_target_single_project_10bn_2023", "a single manufacturing project of more than CNY 10 bn",
     "Not reported; the largest 2024 signings are only said to exceed CNY 1 bn."),
    ("mf_target_net_new_above_size_firms", "net new above-designated-size industrial firms in 2023",
     "Not reported."),
    ("mf_target_firms_revenue_over_10bn", "firms with revenue above CNY 10 bn by the end of 2023",
     "Not reported; the May 2023 page itself puts Valin Hengsteel's 2022 output above that mark."),
)


def targets_table(db) -> pd.DataFrame:
    """The 2023 targets with their printed figure, qualifier, source and the later report."""
    rows = []
    for fid, what, later in TARGETS:
        f = db.fact(fid)
        qual = {"more_than": "more than "}.get(f["qualifier"], "")
        rows.append({"fact_id": fid, "target": what, "figure": qual + db.text(fid),
                     "period": f["period"], "source": f["source_id"], "later_report": later})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Rows for data/reconciliations.csv
# --------------------------------------------------------------------------------------------
def _bn(x: float) -> str:
    """A computed amount, to the three significant figures its printed inputs allow."""
    from industrybook.text.figures import fmt_derived_money

    return fmt_derived_money(x)


def _benchmark_pct(db, benchmark_id: str) -> str:
    from industrybook.chapters.benchmarks import bvalue

    return f"{bvalue(db, benchmark_id):.1f}%"


def _national_va_checks(db, f: dict[str, float]) -> bool:
    """The national rate implied by Hengyang's lead equals the official one at the printed precision."""
    from industrybook.chapters.benchmarks import bvalue

    return round(f["va_national"], 1) == round(bvalue(db, "cn_above_scale_va_growth_2022"), 1)


def register_rows(db) -> list[dict[str, str]]:
    """The overview's reconciliation rows, their numbers computed from the database."""
    f = figures(db)
    v = db.value
    nine_months = fmt_period(db.fact("hy_chain_output_jan_sep")["period"])
    rows = [
        dict(rec_id="ov_output_growth_vs_levels", topic="Industrial output 2020\u20132022: printed average growth vs levels",
             fact_ids="mf_output_2020;mf_output_2022;mf_output_avg_growth_2021_2022",
             finding=(f"The levels ({db.text('mf_output_2020')} in 2020, {db.text('mf_output_2022')} in 2022) imply "
                      f"{f['output_cagr']:.2f}% a year compounded; the page prints {f['output_printed']:.1f}%, "
                      f"{f['output_gap_pp']:.2f} percentage points less. In growth factors the gap is "
                      f"{f['output_gap']:.2f}% a year, the price or scope effect that would reconcile them. At the "
                      f"printed rate the 2022 level would imply a 2020 base of {_bn(f['output_base_at_printed'])}."),
             likely_reason=("Growth rates of industrial output are normally computed at comparable prices and on the "
                            "same set of firms in both years, while the levels are at current prices and count each "
                            "year's above-size firms; producer prices rose in 2021\u20132022. The page does not say which."),
             status="explained"),
        dict(rec_id="ov_chain_vs_industrial_output_2022", topic="Chain firms' output vs all above-size industry, 2022",
             fact_ids="ch_chain_output_2022;mf_output_2022",
             finding=(f"Chain firms' output or revenue ({db.text('ch_chain_output_2022')}) exceeds the output of all "
                      f"above-size industry ({db.text('mf_output_2022')}) by {_bn(f['chain_minus_industry_2022'])}, "
                      f"{f['chain_vs_industry_2022']:.1f}% of it."),
             likely_reason=("Scopes differ: the chain total covers above-size firms of every chain, including "
                            "logistics, agriculture and internet chains outside industry, and mixes output with revenue "
                            "(产值（营收）); the industrial total covers above-size industrial firms only."),
             status="explained"),
        dict(rec_id="ov_va_growth_2022_partners", topic="2022 industrial value-added growth: Hengyang vs nation and province",
             fact_ids="mf_va_growth_2022;mf_va_growth_gap_national_2022;mf_va_growth_gap_provincial_2022",
             finding=(f"Hengyang's {v('mf_va_growth_2022'):.1f}% and its leads imply national growth of "
                      f"{f['va_national']:.1f}% and Hunan growth of {f['va_provincial']:.1f}%. The National Bureau of "
                      f"Statistics prints {_benchmark_pct(db, 'cn_above_scale_va_growth_2022')} for China "
                      "(benchmark cn_above_scale_va_growth_2022), so the national lead checks out; for Hunan only "
                      f"the growth of all industry was found ({_benchmark_pct(db, 'hn_industry_va_growth_2022')}, "
                      "hn_industry_va_growth_2022), a wider scope than above-size industry."),
             likely_reason=("The national rate is the official one; the provincial rate stays arithmetic on the "
                            "page's lead until Hunan's above-size figure for 2022 is found."),
             status="consistent" if _national_va_checks(db, f) else "unresolved"),
        dict(rec_id="ov_chain_count_14_15", topic="Number of chains: 14 (April 2023) vs 15 (November 2024)",
             fact_ids="ch_chain_count;hy_chain_count;ch_leading_industries_count;hy_leading_industries_count",
             finding=(f"The chain count rose by {f['chains_added']:.0f} while the leading industries stayed at "
                      f"{v('hy_leading_industries_count'):.0f}."),
             likely_reason="A chain was added between the two pages; neither page says which one.",
             status="unresolved"),
        dict(rec_id="ov_chain_output_2024_vs_2022", topic=f"Chain output {nine_months} vs full-year 2022",
             fact_ids="ch_chain_output_2022;hy_chain_output_jan_sep;hy_chain_output_growth_jan_sep",
             finding=(f"{nine_months} ({db.text('hy_chain_output_jan_sep')}, +{v('hy_chain_output_growth_jan_sep'):.2f}%) "
                      f"implies {fmt_period('2023-01/2023-09')} of {_bn(f['chain_output_2024q3_prior'])}, only "
                      f"{f['chain_prior_vs_2022']:.1f}% of the full-year 2022 total; annualised naively, 2024 would "
                      f"reach {_bn(f['chain_output_2024_annualised'])}, below 2022."),
             likely_reason=("A January\u2013September total normally holds most of a year's output, so growth alone cannot "
                            "explain it; the "
                            "scope (chains, firms) or the measure (output vs revenue) most likely changed. Not stated."),
             status="unresolved"),
        dict(rec_id="ov_targets_2023_outcomes", topic="2023 chain and firm targets vs later reports",
             fact_ids=";".join(t[0] for t in TARGETS) + ";hy_projects_over_1bn_signed_jan_sep",
             finding=("None of the six 2023 targets is reported as met or missed in the later pages; the 2024 page "
                      f"reports {v('hy_projects_over_1bn_signed_jan_sep'):.0f} signings above CNY 1 bn for {nine_months}, "
                      "a different year, threshold and stage (signed, not started)."),
             likely_reason="Promotional pages report new achievements, not scorecards against earlier targets.",
             status="unresolved"),
        dict(rec_id="ov_top500_average", topic="Top-500 signings: total, count and the CNY 1 bn threshold",
             fact_ids="hy_top500_projects_investment;hy_top500_projects_signed_jan_sep;hy_project_size_threshold;hy_projects_over_1bn_signed_jan_sep",
             finding=(f"{db.text('hy_top500_projects_investment')} over {v('hy_top500_projects_signed_jan_sep'):.0f} "
                      f"signings is {_bn(f['top500_avg'])} each on average; at most {f['top500_max_over_1bn']:.0f} of "
                      f"them can reach CNY 1 bn, so at least {f['top500_min_below_1bn']:.0f} are smaller than every "
                      "project in the 1 bn-plus list."),
             likely_reason="The two lists overlap in an unknown way; the page gives no total for the 1 bn-plus list.",
             status="consistent"),
        dict(rec_id="ov_categories_37_then_now", topic="37 industrial categories (history) vs 37 of 41 divisions (2023)",
             fact_ids="mf_hist_industrial_categories;mf_industry_divisions_present;mf_industry_divisions_total_national",
             finding=(f"The same count, {v('mf_industry_divisions_present'):.0f}, describes the post-1949 system "
                      f"(门类) and today's coverage of {v('mf_industry_divisions_total_national'):.0f} national "
                      "divisions (大类)."),
             likely_reason=("Probably today's count projected back, or a coincidence; the historical figure has no "
                            "date and the page does not say which classification it uses."),
             status="unresolved"),
    ]
    for r in rows:
        r["chapter"] = CHAPTER
    cols = ["rec_id", "chapter", "topic", "fact_ids", "finding", "likely_reason", "status"]
    return [{c: r[c] for c in cols} for r in rows]
