"""Derivations of the power transmission chapter (``chapters/power_transmission.ipynb``).

The chapter reads the transmission-equipment cluster of Hengyang through five newspaper pages. This
module holds what only that chapter needs: which events and flows it draws, small measures the shared
:mod:`industrybook.measures.arithmetic` does not have (a lower bound from a count and a threshold, an
annualised figure), and a check of whether two facts may be set in
a share of one another.
"""
from __future__ import annotations

import pandas as pd

from industrybook.text.figures import count_words, fmt_date, fmt_period, qualify  # noqa: F401  (re-exported for the chapter)
from industrybook.render.tables import md_table  # noqa: F401

from industrybook.data.database import parse_period, split_ids
from industrybook.text.escape import code_span, escape_myst
from industrybook.measures.arithmetic import annualise, pp_change, share  # noqa: F401

# Events of the designation timeline, with the short label the chart prints (line breaks included).
TIMELINE_LABELS: dict[str, str] = {
    "ch_ev_cluster_list_transmission": "Hunan lists the transmission\ncluster as a provincial\nadvanced-manufacturing cluster",
    "ch_ev_transmission_forum_2023": "Transmission forum in Hengyang:\nprojects signed, four\nprovincial titles",
    "hy_ev_cluster_contest_win": "MIIT contest winner: Hengyang-\nZhuzhou-Xiangtan UHV cluster",
    "nm_ev_gaonuo_shaft_furnace_start": "Gaonuo's own shaft furnace\nstarts making copper rod",
    "yy_ev_guangxin_bse_listing": "Guangxin lists on the\nBeijing Stock Exchange",
    "yy_ev_hunan_five_national_clusters": "Hunan reports five national\nclusters, UHV equipment\namong them",
}

# Flows of the copper-to-grid diagram, upstream first.
CHAIN_FLOWS: list[str] = [
    "nm_flow_sks_copper_to_minmetals",
    "nm_flow_cathode_to_gaonuo",
    "nm_flow_rod_to_jinbei",
    "nm_flow_rod_to_hengfei",
    "nm_flow_rod_to_transmission_cluster",
    "mf_flow_jinbei_hsr_cable",
    "mf_flow_hengfei_space_cable",
    "nm_flow_sks_sheath_alloy",
    "mf_flow_tbea_offshore_wind_unit",
    "hy_flow_tbea_offshore_switchgear",
    "yy_flow_guangxin_uhv_insulation",
]



def timeline_frame(events: pd.DataFrame, labels: dict[str, str] = TIMELINE_LABELS) -> pd.DataFrame:
    """The events named in ``labels``, in date order, with a ``label`` column for the timeline chart."""
    missing = set(labels) - set(events.index)
    if missing:
        raise KeyError(f"events not in events.csv: {sorted(missing)}")
    frame = events.loc[list(labels)].copy()
    frame["label"] = [labels[i] for i in frame.index]
    frame["start"] = frame["date"].map(lambda d: parse_period(d)[0])
    return frame.sort_values(["start", "event_id"]).drop(columns="start")


def period_months(period: str) -> int:
    """Calendar months an ISO period spans: ``'2025-01/2025-09'`` -> 9, ``'2024'`` -> 12."""
    first, last = parse_period(period)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def minimum_total(count: float, threshold: float) -> float:
    """The least a group of ``count`` items can add up to when each is at least ``threshold``:
    ``count * threshold``."""
    if count < 0 or threshold < 0:
        raise ValueError("count and threshold must not be negative")
    return count * threshold


def net_margin(profit: float, revenue: float) -> float:
    """Net profit as a percentage of revenue: ``profit / revenue * 100``."""
    return share(profit, revenue)


def printed_pp_change(after_pct: float, before_pct: float, digits: int = 1) -> float:
    """The change between two percentages as the book prints them (``digits`` decimals), so that a reader
    who subtracts the printed margins gets the printed change: 25.6% - 18.8% = 6.8 points."""
    return pp_change(float(f"{after_pct:.{digits}f}"), float(f"{before_pct:.{digits}f}"))


# Plaques handed over at the March 2023 forum that mark an earlier designation, not a new title:
# the provincial cluster plaque is for the list of 2 September 2022 (ch_ev_cluster_list_transmission).
REPEAT_PLAQUES = {"湖南先进制造业集群": "ch_ev_cluster_list_transmission"}


def new_titles(plaques: float) -> float:
    """Titles a batch of plaques adds: the plaques less those for designations made before."""
    if plaques < len(REPEAT_PLAQUES):
        raise ValueError(f"{plaques!r} plaques cannot include the {len(REPEAT_PLAQUES)} for earlier designations")
    return plaques - len(REPEAT_PLAQUES)


def share_blockers(part: pd.Series, whole: pd.Series) -> list[str]:
    """Reasons why ``part / whole`` is not a clean share, read from two fact rows (empty when the
    share is sound): a different unit, entity or period, a period the text does not state, or a
    figure printed with a qualifier (nearly, about, more than)."""
    reasons: list[str] = []
    if part["unit"] != whole["unit"]:
        reasons.append(f"different units ({part['unit']} vs {whole['unit']})")
    if part["entity_id"] != whole["entity_id"]:
        reasons.append(f"different scopes ({part['entity_id']} vs {whole['entity_id']})")
    for row in (part, whole):
        if str(row.get("period_basis", "")) in ("inferred", "unstated"):
            reasons.append(f"the period of {row.name} is not printed (taken as {row['period']})")
    if part["period"] != whole["period"]:
        reasons.append(f"different periods ({part['period']} vs {whole['period']})")
    for row in (part, whole):
        if row["qualifier"] != "exact":
            reasons.append(f"{row.name} is printed with the qualifier '{row['qualifier']}'")
    return reasons


def register_markdown(rows: pd.DataFrame) -> str:
    """Reconciliation rows as a Markdown list: id and status, topic, finding, reason and facts."""
    items = []
    for _, r in rows.iterrows():
        facts = ", ".join(code_span(f, in_table=False) for f in split_ids(r["fact_ids"]))
        rec_id, status, topic, finding, reason = (escape_myst(r[k]) for k in
                                                  ("rec_id", "status", "topic", "finding", "likely_reason"))
        items.append(f"- **{rec_id}** ({status}). *{topic}.* {finding} Likely reason: {reason} Facts: {facts}.")
    return "\n".join(items)
