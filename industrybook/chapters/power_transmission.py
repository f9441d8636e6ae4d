"""Derivations of the power transmission chapter (``chapters/power_transmission.ipynb``).

The chapter reads the transmission-equipment cluster of Hengyang through five newspaper pages. This
module holds what only that chapter needs: which events and flows it draws, small measures the shared
:mod:`industrybook.measures.arithmetic` does not have (a lower bound from a count and a threshold, an
annualised figure), and a check of whether two facts may be set in
a share of one another.
"""
from __future__ import annotations

from collections.abc import Mapping
import math
import textwrap

import matplotlib.patches as mpatches
import pandas as pd

from industrybook.data.database import parse_period
from industrybook.measures.arithmetic import (
    annualise, growth, implied_prior, length_per_mass_ratio, pp_change, ratio, share,
)
from industrybook.measures.qualified import fact_ratio
from industrybook.render.charts import point_labels, slope, timeline, timeline_data
from industrybook.render.diagrams import diagram_chart, flow_graph, flows_data, select_flows
from industrybook.render.page import exhibit
from industrybook.render.style import INK, MUTED, PALETTE, THEME_COLOURS, Chart, alt_text, chart, chart_data, label_bars
from industrybook.render.tables import derived_frame, formula_cell
from industrybook.text.facts import (
    date_text, derived_text, fact_in_unit, fact_text, label_with_period, printed_text, source_label,
    source_line, worded_text,
)
from industrybook.text.figures import chart_value, count_words, fmt_date, fmt_number, fmt_pct, fmt_period
from industrybook.text.phrase import Phrase

# Events of the designation timeline, with the short label the chart prints (line breaks included).
TIMELINE_LABELS: dict[str, str] = {
    "ch_ev_cluster_list_transmission": "Hunan lists the transmission\ncluster as a provincial\nadvanced-manufacturing cluster",
    # no count in a label: the forum's four plaques are three new titles (the chapter's new_titles)
    "ch_ev_transmission_forum_2023": "Transmission forum in Hengyang:\nprojects signed, provincial\nplaques awarded",
    "hy_ev_cluster_contest_win": "MIIT contest winner: Hengyang-\nZhuzhou-Xiangtan UHV cluster",
    "nm_ev_gaonuo_shaft_furnace_start": "Gaonuo's own shaft furnace\nstarts making copper rod",
    "yy_ev_guangxin_bse_listing": "Guangxin lists on the\nBeijing Stock Exchange",
    "yy_ev_hunan_five_national_clusters": "Hunan reports its national\nclusters, UHV equipment\namong them",
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


def share_blockers(part: pd.Series, whole: pd.Series, scope_names: Mapping[str, str] | None = None) -> list[str]:
    """Reasons why ``part / whole`` is not a clean share, read from two fact rows (empty when the
    share is sound): a different unit, entity or period, a period the text does not state, or a
    figure printed with a qualifier (nearly, about, more than). A fact is named by its label and a
    period in words, as the reader's table prints them; a scope by its name in ``scope_names`` (entity id ->
    English name), else its id."""
    def name(row: pd.Series) -> str:
        return f"“{row.get('metric_en', row.name)}”"

    reasons: list[str] = []
    if part["unit"] != whole["unit"]:
        reasons.append(f"different units ({part['unit']} vs {whole['unit']})")
    if part["entity_id"] != whole["entity_id"]:
        scopes = [(scope_names or {}).get(row["entity_id"], row["entity_id"]) for row in (part, whole)]
        reasons.append(f"different scopes ({scopes[0]} vs {scopes[1]})")
    for row in (part, whole):
        if str(row.get("period_basis", "")) in ("inferred", "unstated"):
            reasons.append(f"no period is printed for {name(row)}: the book dates it by its article, {fmt_period(row['period'])}")
    if part["period"] != whole["period"]:
        reasons.append(f"different periods ({fmt_period(part['period'])} vs {fmt_period(whole['period'])})")
    for row in (part, whole):
        if row["qualifier"] != "exact":
            reasons.append(f"{name(row)} is printed with the qualifier '{row['qualifier']}'")
    return reasons


# ---------------------------------------------------------------------------------------------
# The notebook's content: glued texts, tables and charts
# ---------------------------------------------------------------------------------------------


# The facts each section prints, in the order the chapter prints them: the table of printed figures
CLAIM_FACTS = ["mf_transmission_chain_scale", "mf_ehv_transformer_world_firsts", "mf_ehv_transformer_national_firsts",
               "mf_transmission_national_bases", "mf_transmission_tech_platforms", "mf_hist_firsts",
               "ch_forum_titles_awarded"]
CLUSTER_FACTS = ["ch_provincial_clusters_count", "ch_forum_firms_attending", "yy_hunan_national_adv_mfg_clusters",
                 "yy_hunan_clusters_rank_national", "yy_hunan_clusters_rank_central_west"]
CHAIN_FACTS = ["nm_cathode_copper_purity", "nm_copper_rod_diameter", "nm_fine_copper_wire_diameter",
               "nm_gaonuo_shaft_furnace_build_time", "nm_imported_shaft_furnace_build_time", "mf_jinbei_hsr_share",
               "mf_tbea_offshore_wind_10mw", "nm_sheath_alloy_cable_length_before",
               "nm_sheath_alloy_cable_length_after", "hy_projects_over_1bn_signed_jan_sep"]
INVESTMENT_FACTS = ["ch_forum_signed_projects", "ch_forum_signed_investment", "hy_projects_over_1bn_signed_jan_sep",
                    "hy_project_size_threshold", "hy_top500_projects_signed_jan_sep", "hy_top500_projects_investment"]
GUANGXIN_FACTS = ["yy_guangxin_ipo_proceeds", "yy_guangxin_revenue_2025q1q3", "yy_guangxin_revenue_growth_2025q1q3",
                  "yy_guangxin_net_profit_2025q1q3", "yy_guangxin_net_profit_growth_2025q1q3",
                  "yy_guangxin_mcap_at_listing", "yy_guangxin_mcap_current", "yy_guangxin_mcap_peak"]
SCOPE_FACTS = ["ch_chain_count", "hy_chain_count", "ch_leading_industries_count", "ch_chain_output_2022",
               "ch_chain_output_growth_2022", "mf_output_2022", "hy_chain_output_jan_sep"]
PRINTED_FACTS = list(dict.fromkeys(CLAIM_FACTS + CLUSTER_FACTS + CHAIN_FACTS + INVESTMENT_FACTS + GUANGXIN_FACTS
                                   + SCOPE_FACTS))
OWN_RECONCILIATIONS = ["pt_chain_share_of_chain_system", "pt_cluster_name_and_scope", "pt_forum_signings_vs_chain_size",
                       "pt_firsts_vs_city_firsts", "pt_guangxin_margin",
                       "pt_guangxin_market_values"]
BORROWED_RECONCILIATIONS = ["ov_chain_vs_industrial_output_2022", "ov_top500_average"]


def _bn(x: float, digits: int = 2) -> str:
    """CNY in billions as a plain number for chart labels."""
    return fmt_number(x / 1e9, digits)


# Fact ids the prose's derived numbers read more than once.
WORLD_FIRSTS, NATIONAL_FIRSTS = "mf_ehv_transformer_world_firsts", "mf_ehv_transformer_national_firsts"
FORUM_N, FORUM_INV, CHAIN_SCALE = "ch_forum_signed_projects", "ch_forum_signed_investment", "mf_transmission_chain_scale"
BIG_N, TOP500_N, TOP500_INV = ("hy_projects_over_1bn_signed_jan_sep", "hy_top500_projects_signed_jan_sep",
                               "hy_top500_projects_investment")
GX_REV, GX_REV_G = "yy_guangxin_revenue_2025q1q3", "yy_guangxin_revenue_growth_2025q1q3"
GX_NP, GX_NP_G = "yy_guangxin_net_profit_2025q1q3", "yy_guangxin_net_profit_growth_2025q1q3"
GX_MCAP_LIST = "yy_guangxin_mcap_at_listing"


def _d(db, value: float, unit: str, formula: str, bound: str = "exact", **inputs: str) -> Phrase:
    """A derived number of the prose with its formula over the facts it reads (``symbol=fact id``);
    ``bound`` as :func:`~industrybook.text.facts.derived_text` takes it."""
    return derived_text(value, unit, formula, inputs, db=db, bound=bound)


def dates_texts(db) -> dict[str, str]:
    """The dates of the sources and of the events the text names, each linked to its record."""
    texts = {f"pt-src-{s}": date_text(db, s)
             for s in ("hy202304", "hy202305", "hn20241120", "hn20251214", "hn20260124")}
    events = {"pt-date-prov": "ch_ev_cluster_list_transmission", "pt-date-forum": "ch_ev_transmission_forum_2023",
              "pt-date-contest": "hy_ev_cluster_contest_win", "pt-date-five": "yy_ev_hunan_five_national_clusters",
              "pt-date-furnace": "nm_ev_gaonuo_shaft_furnace_start", "pt-date-listing": "yy_ev_guangxin_bse_listing"}
    texts.update({key: date_text(db, event_id) for key, event_id in events.items()})
    texts["pt-year-contest"] = date_text(db, "hy_ev_cluster_contest_win", "year")
    return texts


def claims_texts(db) -> dict[str, str]:
    """Records and titles the cluster claims."""
    v = db.value
    world, national = v("mf_ehv_transformer_world_firsts"), v("mf_ehv_transformer_national_firsts")
    firsts = world + national
    return {
        "pt-scale": fact_text(db, "mf_transmission_chain_scale"),
        "pt-world-firsts": fact_text(db, WORLD_FIRSTS, qualified=False),
        "pt-national-firsts": fact_text(db, NATIONAL_FIRSTS, qualified=False),
        "pt-firsts-total": _d(db, firsts, "count", "w + n", w=WORLD_FIRSTS, n=NATIONAL_FIRSTS),
        "pt-world-share-firsts": _d(db, share(world, firsts), "percent", "w / (w + n) * 100", w=WORLD_FIRSTS, n=NATIONAL_FIRSTS),
        "pt-bases": count_words(v("mf_transmission_national_bases")),
        "pt-platforms": fact_text(db, "mf_transmission_tech_platforms", qualified=False),
        "pt-hist-firsts": fact_text(db, "mf_hist_firsts"),
        "pt-firsts-of-hist": _d(db, share(firsts, db.fact("mf_hist_firsts")["value"]), "percent", "(w + n) / h * 100",
                                w=WORLD_FIRSTS, n=NATIONAL_FIRSTS, h="mf_hist_firsts"),
        "pt-plaques": count_words(v("ch_forum_titles_awarded")),
        "pt-titles": count_words(new_titles(v("ch_forum_titles_awarded"))),
    }


def claims_chart(db) -> Chart:
    """Bars of the cluster's records claimed and titles held."""
    v = db.value
    claims = pd.DataFrame([
        ("World firsts in EHV transformers", v("mf_ehv_transformer_world_firsts"), "Records claimed"),
        ("National firsts in EHV transformers", v("mf_ehv_transformer_national_firsts"), "Records claimed"),
        ("National and provincial technology platforms", v("mf_transmission_tech_platforms"), "Titles held"),
        ("New provincial titles at the 2023 forum", new_titles(v("ch_forum_titles_awarded")), "Titles held"),
        ("National-level industrial bases", v("mf_transmission_national_bases"), "Titles held"),
    ], columns=["item", "count", "kind"])
    colours = {"Records claimed": PALETTE[0], "Titles held": PALETTE[1]}

    def listed(kind):
        return ", ".join(f"{r.item[0].lower() + r.item[1:]} {fmt_number(r.count)}" for r in claims.itertuples()
                         if r.kind == kind)

    alt = (f"Horizontal bar chart of five counts for Hengyang's transmission cluster. Records claimed: "
           f"{listed('Records claimed')}. Titles held: {listed('Titles held')}.")
    c = chart("Records and titles: what the cluster counts",
              "Number of items as printed; firsts refer to extra-high-voltage (EHV) transformers",
              source_line(db, ["hy202305", "hy202304"]), alt, height=2.8)
    frame = claims.iloc[::-1]
    bars = c.ax.barh(frame["item"], frame["count"], color=[colours[k] for k in frame["kind"]])
    label_bars(c.ax, bars, [fmt_number(x) for x in frame["count"]])
    c.ax.set_xlabel("Count")
    c.ax.set_xlim(0, claims["count"].max() * 1.12)
    c.ax.grid(axis="y", visible=False)
    c.ax.legend(handles=[mpatches.Patch(color=col, label=k) for k, col in colours.items()], loc="lower right")
    return c


def _timeline_events(db) -> pd.DataFrame:
    tl = timeline_frame(db.events)
    tl["label"] = [fmt_date(d) + "\n" + lab for d, lab in zip(tl["date"], tl["label"])]
    return tl


def cluster_texts(db) -> dict[str, str]:
    """The provincial and national cluster lists, and the span of the timeline."""
    v, tl = db.value, _timeline_events(db)
    span_years = (pd.Timestamp(tl["date"].iloc[-1]) - pd.Timestamp(tl["date"].iloc[0])).days / 365.25
    return {
        "pt-prov-clusters": count_words(v("ch_provincial_clusters_count")),
        "pt-forum-firms": fact_text(db, "ch_forum_firms_attending"),
        "pt-five": count_words(v("yy_hunan_national_adv_mfg_clusters")),
        "pt-rank-nat": fact_text(db, "yy_hunan_clusters_rank_national", qualified=False),
        "pt-rank-cw": fact_text(db, "yy_hunan_clusters_rank_central_west", qualified=False),
        "pt-span-years": worded_text(fmt_number(span_years, 1), "days from the first to the last dated event of the "
                                     "timeline (data/events.csv) / 365.25"),
    }


def timeline_chart(db) -> Chart:
    """The dated events from the provincial list to the national cluster."""
    tl = _timeline_events(db)
    first, last = fmt_date(tl["date"].iloc[0]), fmt_date(tl["date"].iloc[-1])
    alt = alt_text("Timeline of " + count_words(len(tl)) + " events from " + first + " to " + last, (
        r.label.replace("-" + chr(10), "-").replace(chr(10), ", ", 1).replace(chr(10), " ") for r in tl.itertuples()), "")
    c = chart("From a provincial list to a national cluster",
              "Dated events, " + first + " to " + last
              + "; circle: day known, square: month only; colour: blue transmission, green copper",
              source_line(db, tl["source_id"]), alt, height=4.2)
    timeline(c.ax, tl, lanes=3)
    months = tl["date"].map(lambda d: pd.Timestamp(d[:7]))
    c.ax.set_xlim(months.min() - pd.DateOffset(months=8), months.max() + pd.DateOffset(months=7))
    c.data = timeline_data(db, tl)
    return c


def chain_texts(db) -> dict[str, str]:
    """The copper-to-grid chain: purity, gauges, furnace times, users."""
    v = db.value
    rod, wire = v("nm_copper_rod_diameter"), v("nm_fine_copper_wire_diameter")
    hsr = v("mf_jinbei_hsr_share")
    imported_years = v("nm_imported_shaft_furnace_build_time")
    in_progress = db.flows.loc[CHAIN_FLOWS, "note"].fillna("").str.contains("in progress").sum()
    return {
        "pt-purity": fact_text(db, "nm_cathode_copper_purity", 2),
        "pt-rod-mm": fact_in_unit(db, "nm_copper_rod_diameter", "mm"),
        "pt-wire-mm": fact_in_unit(db, "nm_fine_copper_wire_diameter", "mm"),
        "pt-diameter-ratio": _d(db, ratio(rod, wire), "number", "r / w", r="nm_copper_rod_diameter", w="nm_fine_copper_wire_diameter"),
        "pt-length-mult": _d(db, length_per_mass_ratio(rod, wire), "number", "(r / w) ** 2", r="nm_copper_rod_diameter",
                             w="nm_fine_copper_wire_diameter"),
        "pt-furnace-own": count_words(v("nm_gaonuo_shaft_furnace_build_time")) + " months",
        "pt-furnace-imported": "a year" if imported_years == 1 else fmt_number(imported_years) + " years",
        "pt-jinbei-hsr": "one third" if math.isclose(hsr, 1 / 3) else fmt_pct(hsr * 100),
        "pt-tbea-mw": fact_in_unit(db, "mf_tbea_offshore_wind_10mw", "MW"),
        "pt-sheath-before": fact_text(db, "nm_sheath_alloy_cable_length_before", qualified=False),
        "pt-sheath-after": fact_text(db, "nm_sheath_alloy_cable_length_after", qualified=False),
        "pt-period-2024": date_text(db, "hy_projects_over_1bn_signed_jan_sep"),
        "pt-chain-links": worded_text(count_words(len(CHAIN_FLOWS)), "count of the chain's links in data/flows.csv"),
        "pt-links-in-progress": count_words(int(in_progress)),
    }


def chain_chart(db) -> Chart:
    """Flow diagram of the chain's stated links, from copper to the grid."""
    flows = select_flows(db.flows, CHAIN_FLOWS)
    ents = db.entities.copy()
    ents["name_en"] = ents["name_en"].map(lambda s: "\n".join(textwrap.wrap(s, 16)))
    shown = flows.copy()
    shown["material_en"] = shown["material_en"].map(lambda s: "\n".join(textwrap.wrap(s, 16)))
    graph = flow_graph(shown, ents, rankdir="TB")
    # side-by-side edge labels a clear gap apart (names wrapped narrower to keep the width); each edge
    # label carries its own gap to the edges (diagrams.edge_label), so the nodes may sit closer
    graph.graph_attr.update(ranksep="0.25", nodesep="0.15")
    graph.node_attr.update(margin="0.1,0.1")  # room for the CJK font's line height
    # stack the side chains under one another (invisible edges) so the diagram is narrow enough to read
    for upper, lower in [("national_offshore_wind", "tbea_hengyang"), ("offshore_wind_power", "guangxin")]:
        graph.edge(upper, lower, style="invis")
    name = db.entities["name_en"]
    alt = alt_text("Flow diagram with " + count_words(len(flows)) + " links, each from a supplier to a user, labelled "
                   "with the material in Chinese and English",
                   (f"{name[f.from_entity]} to {name[f.to_entity]} ({f.material_en})" for f in flows.itertuples()), "")
    c = diagram_chart(graph, "From copper to the grid: the chain as the pages describe it",
                      "Suppliers and users named in the articles, each arrow one stated link; no page gives a volume",
                      source_line(db, flows["source_id"]), alt, max_height=9.0)
    c.data = flows_data(db, flows)
    return c


def links_table(db) -> pd.DataFrame:
    """The chain's links for readers: supplier, what moves, user, source, note."""
    flows, ename = select_flows(db.flows, CHAIN_FLOWS), db.entities["name_en"]
    links = flows.assign(
        supplier=flows["from_entity"].map(ename), user=flows["to_entity"].map(ename),
        what=flows["material_en"] + " (" + flows["material_zh"] + ")",
        source=flows["source_id"].map(lambda s: source_label(db, s)),
    )
    return exhibit(links, {"supplier": "Supplier", "what": "What moves", "user": "User", "source": "Source",
                           "note": "Note"})


def investment_figures(db) -> dict[str, float]:
    """Signed investment: the forum, the large 2024 signings (a floor) and the top-500 investors."""
    v = db.value
    n_forum, inv_forum = v("ch_forum_signed_projects"), v("ch_forum_signed_investment")
    n_big, threshold = v("hy_projects_over_1bn_signed_jan_sep"), v("hy_project_size_threshold")
    n_500, inv_500 = v("hy_top500_projects_signed_jan_sep"), v("hy_top500_projects_investment")
    return {"n_forum": n_forum, "inv_forum": inv_forum, "avg_forum": ratio(inv_forum, n_forum),
            "n_big": n_big, "threshold": threshold, "min_big": minimum_total(n_big, threshold),
            "n_500": n_500, "inv_500": inv_500, "avg_500": ratio(inv_500, n_500),
            "scale": v("mf_transmission_chain_scale")}


def investment_texts(db) -> dict[str, str]:
    """Signed investment in the prose."""
    m = investment_figures(db)
    return {
        "pt-forum-projects": fact_text(db, FORUM_N, qualified=False),
        "pt-forum-inv": fact_text(db, "ch_forum_signed_investment", qualified=False),
        "pt-forum-avg": _d(db, m["avg_forum"], "CNY", "total / n", total=FORUM_INV, n=FORUM_N),
        "pt-big-projects": fact_text(db, BIG_N, qualified=False),
        "pt-threshold": fact_text(db, "hy_project_size_threshold", qualified=False),
        "pt-big-min": _d(db, m["min_big"], "CNY", "n * t", n=BIG_N, t="hy_project_size_threshold"),
        "pt-top500-n": fact_text(db, TOP500_N, qualified=False),
        "pt-top500-inv": fact_text(db, "hy_top500_projects_investment", qualified=False),
        "pt-top500-avg": _d(db, m["avg_500"], "CNY", "total / n", total=TOP500_INV, n=TOP500_N),
        "pt-forum-vs-500": _d(db, ratio(m["avg_forum"], m["avg_500"]), "number", "(f / k) / (total / n)",
                              f=FORUM_INV, k=FORUM_N, total=TOP500_INV, n=TOP500_N),
        "pt-forum-vs-scale": _d(db, ratio(m["inv_forum"], m["scale"]), "number", "f / s", f=FORUM_INV, s=CHAIN_SCALE),
    }


def investment_chart(db) -> Chart:
    """Two panels of signed investment, total and per project; the large signings are a floor."""
    m, fact = investment_figures(db), db.fact
    big_period = fact("hy_projects_over_1bn_signed_jan_sep")["period"]
    inv = pd.DataFrame([
        (f"Forum, {fmt_date(fact('ch_forum_signed_projects')['period'])}\n({fmt_number(m['n_forum'])} projects)",
         m["inv_forum"], m["avg_forum"], False),
        (f"Projects of CNY {_bn(m['threshold'], 0)} bn or more,\n{fmt_period(big_period)} ({fmt_number(m['n_big'])})",
         m["min_big"], m["threshold"], True),
        (f"Top-500 investors' projects,\n{fmt_period(fact('hy_top500_projects_signed_jan_sep')['period'])} "
         f"({fmt_number(m['n_500'])})", m["inv_500"], m["avg_500"], False),
    ], columns=["label", "total", "average", "floor"])
    alt = alt_text("Two-panel horizontal bar chart of signed investment, total and average per project", (
        f"{r.label.replace(chr(10), ' ')}: {'at least ' if r.floor else ''}CNY {_bn(r.total)} bn in all, "
        f"{'at least ' if r.floor else ''}CNY {_bn(r.average)} bn a project" for r in inv.itertuples()),
        "The middle row is a lower bound computed from the count and the threshold.")
    c = chart("Signed investment: one forum and " + count_words(period_months(big_period)) + " months of signings",
              "CNY bn, nominal, as signed (not invested); hatched bars are lower bounds (count × threshold)",
              source_line(db, ["hy202304", "hn20241120"]), alt, ncols=2, height=2.9, sharey=True)
    frame = inv.iloc[::-1]
    for ax, col, head in zip(c.axes, ["total", "average"], ["Total", "Average per project"]):
        bars = ax.barh(frame["label"], frame[col] / 1e9, color=PALETTE[0])
        for bar, floor in zip(bars, frame["floor"]):
            if floor:
                bar.set_facecolor("white"); bar.set_edgecolor(PALETTE[0]); bar.set_hatch("///")
        label_bars(ax, bars, [("≥ " if f else "") + _bn(x) for x, f in zip(frame[col], frame["floor"])])
        ax.set_title(head, fontsize=10, loc="left")
        ax.set_xlim(0, frame[col].max() / 1e9 * 1.3)
        ax.set_xlabel("CNY bn")
        ax.grid(axis="y", visible=False)
    return c


def guangxin_figures(db) -> dict[str, float]:
    """Guangxin Technology: printed results, the prior year implied from printed growth, margins, value."""
    v = db.value
    rev, rev_g = v("yy_guangxin_revenue_2025q1q3"), v("yy_guangxin_revenue_growth_2025q1q3")
    np_, np_g = v("yy_guangxin_net_profit_2025q1q3"), v("yy_guangxin_net_profit_growth_2025q1q3")
    rev_prior, np_prior = implied_prior(rev, rev_g), implied_prior(np_, np_g)
    months = period_months(db.fact("yy_guangxin_revenue_2025q1q3")["period"])
    np_annual = annualise(np_, months)
    return {"rev": rev, "rev_g": rev_g, "np": np_, "np_g": np_g, "rev_prior": rev_prior, "np_prior": np_prior,
            "margin": net_margin(np_, rev), "margin_prior": net_margin(np_prior, rev_prior),
            "mcap_list": v("yy_guangxin_mcap_at_listing"), "mcap_now": v("yy_guangxin_mcap_current"),
            "mcap_peak": v("yy_guangxin_mcap_peak"), "ipo": v("yy_guangxin_ipo_proceeds"), "months": months,
            "np_annual": np_annual, "pe": ratio(v("yy_guangxin_mcap_current"), np_annual)}


def guangxin_texts(db) -> dict[str, str]:
    """Guangxin Technology in the prose."""

    m = guangxin_figures(db)
    margin = _d(db, m["margin"], "percent", "p / r * 100", p=GX_NP, r=GX_REV)
    margin_prior = _d(db, m["margin_prior"], "percent", "p / (1 + h / 100) / (r / (1 + g / 100)) * 100",
                      p=GX_NP, h=GX_NP_G, r=GX_REV, g=GX_REV_G)
    # the change a reader gets by subtracting the two printed margins (issue 15: one rounding per quantity)
    margin_gain = float(margin.rstrip("%")) - float(margin_prior.rstrip("%"))
    return {
        "pt-gx-period": date_text(db, GX_REV),
        "pt-ipo": fact_text(db, "yy_guangxin_ipo_proceeds", qualified=False),
        "pt-gx-rev": fact_text(db, "yy_guangxin_revenue_2025q1q3", qualified=False),
        "pt-gx-rev-g": fact_text(db, GX_REV_G, qualified=False),
        "pt-gx-np": fact_text(db, "yy_guangxin_net_profit_2025q1q3", qualified=False),
        "pt-gx-np-g": fact_text(db, GX_NP_G, qualified=False),
        "pt-gx-rev-prior": _d(db, m["rev_prior"], "CNY", "r / (1 + g / 100)", r=GX_REV, g=GX_REV_G),
        "pt-gx-np-prior": _d(db, m["np_prior"], "CNY", "p / (1 + h / 100)", p=GX_NP, h=GX_NP_G),
        "pt-gx-margin": margin,
        "pt-gx-margin-prior": margin_prior,
        "pt-gx-margin-pp": _d(db, margin_gain, "number",
                              "p / r * 100 - p / (1 + h / 100) / (r / (1 + g / 100)) * 100",
                              p=GX_NP, h=GX_NP_G, r=GX_REV, g=GX_REV_G),
        "pt-gx-growth-ratio": _d(db, ratio(m["np_g"], m["rev_g"]), "number", "h / g", h=GX_NP_G, g=GX_REV_G),
        "pt-gx-mcap-list": fact_text(db, "yy_guangxin_mcap_at_listing", qualified=False),
        "pt-gx-mcap-now": fact_text(db, "yy_guangxin_mcap_current"),
        "pt-gx-mcap-peak": fact_text(db, "yy_guangxin_mcap_peak", 0),
        "pt-gx-mcap-g": _d(db, growth(m["mcap_now"], m["mcap_list"]), "percent", "(now / at_listing - 1) * 100",
                           now="yy_guangxin_mcap_current", at_listing=GX_MCAP_LIST),
        # more than CNY 10 bn over an exact value: the growth is a floor
        "pt-gx-mcap-peak-g": _d(db, growth(m["mcap_peak"], m["mcap_list"]), "percent", "(peak / at_listing - 1) * 100",
                                fact_ratio(db, "yy_guangxin_mcap_peak", GX_MCAP_LIST)[1],
                                peak="yy_guangxin_mcap_peak", at_listing=GX_MCAP_LIST),
        "pt-gx-ipo-share": _d(db, share(m["ipo"], m["mcap_list"]), "percent", "ipo / at_listing * 100",
                              ipo="yy_guangxin_ipo_proceeds", at_listing=GX_MCAP_LIST),
        "pt-gx-np-annual": _d(db, m["np_annual"], "CNY", f"p * 12 / {m['months']:g}", p=GX_NP),
        "pt-gx-pe": _d(db, m["pe"], "number", f"now / (p * 12 / {m['months']:g})", now="yy_guangxin_mcap_current", p=GX_NP),
        "pt-gx-months": count_words(m["months"]),
    }


def guangxin_chart(db) -> Chart:
    """(a) Guangxin's revenue and profit, prior and latest nine months; (b) its market value."""
    m, fact = guangxin_figures(db), db.fact
    rev, np_, rev_prior, np_prior = m["rev"], m["np"], m["rev_prior"], m["np_prior"]
    mcap_list, mcap_now, mcap_peak = m["mcap_list"], m["mcap_now"], m["mcap_peak"]
    fin = pd.DataFrame({"item": ["Revenue", "Net profit"], "before": [rev_prior / 1e6, np_prior / 1e6],
                        "after": [rev / 1e6, np_ / 1e6]})
    mc = pd.DataFrame({"when": ["At listing\n" + fmt_date(fact("yy_guangxin_mcap_at_listing")["period"]),
                                "Peak\n(date not given)",
                                "Time of report\n(" + fmt_date(fact("yy_guangxin_mcap_current")["period"]) + ")"],
                       "value": [mcap_list / 1e9, mcap_peak / 1e9, mcap_now / 1e9],
                       "fact": [GX_MCAP_LIST, "yy_guangxin_mcap_peak", "yy_guangxin_mcap_current"]})
    mc["qual"] = [fact(f)["qualifier"] for f in mc["fact"]]
    alt = alt_text("Two panels on Guangxin Technology: left, a slope chart of the first nine months of two years; "
                   "right, market value", [
                       *(f"{r.item} from an implied CNY {fmt_number(r.before, 0)} m to CNY {fmt_number(r.after, 0)} m"
                         for r in fin.itertuples()),
                       f"market value CNY {_bn(mcap_list)} bn at listing, more than {_bn(mcap_peak, 0)} bn at the peak, "
                       f"about {_bn(mcap_now)} bn at the time of the report"],
                   "Profit grew faster than revenue; the market value stands above its listing value.")
    c = chart("Guangxin Technology: faster profit than revenue, a market value above its listing",
              "Left: CNY m, January–September, prior year implied from printed growth; right: total market value, CNY bn",
              source_line(db, ["hn20251214"]), alt, ncols=2, height=3.2)
    ax1, ax2 = c.axes
    slope(ax1, fin, "item", "before", "after", value_fmt=lambda x: fmt_number(x, 0))
    ax1.set_xticks([0, 1], ["2024 (implied)", "2025"])
    ax1.set_ylabel("CNY m")
    ax1.set_ylim(0, fin[["before", "after"]].max().max() * 1.12)
    x = range(len(mc))
    ax2.plot(list(x), mc["value"], ls=":", color=MUTED)
    for i, r in mc.iterrows():
        ax2.plot(i, r["value"], marker="^" if r["qual"] == "more_than" else "o",
                 color=THEME_COLOURS["power_transmission"], ms=8)
    # each value as the prose prints it, with the page's qualifier
    point_labels(ax2, x, mc["value"], [chart_value(fact_text(db, f), "CNY bn") for f in mc["fact"]],
                 fontsize=8.5, color=INK)
    ax2.set_xticks(list(x), mc["when"], fontsize=8)
    ax2.set_xlim(-0.5, len(mc) - 0.5)
    ax2.set_ylim(0, mc["value"].max() * 1.25)
    ax2.set_ylabel("CNY bn")
    ax2.grid(axis="x", visible=False)
    c.data = guangxin_data(db, fin, mc)
    return c


def guangxin_data(db, fin: pd.DataFrame, mc: pd.DataFrame) -> pd.DataFrame:
    """The two panels' marks: revenue and profit, prior (implied) and latest, CNY m; market value at
    three moments, CNY bn."""
    slopes = fin.rename(columns={"item": "label"}).assign(panel="Revenue and profit")
    values = pd.DataFrame({"panel": "Market value", "label": [w.replace("\n", " ") for w in mc["when"]],
                           "after": mc["value"].to_numpy(), "qualifier": mc["qual"].to_numpy()})
    frame = pd.concat([slopes, values], ignore_index=True)[["panel", "label", "qualifier", "before", "after"]]
    ids = [[GX_REV, GX_REV_G], [GX_NP, GX_NP_G],
           ["yy_guangxin_mcap_at_listing"], ["yy_guangxin_mcap_peak"], ["yy_guangxin_mcap_current"]]
    return chart_data(db, frame, ids, ["CNY m", "CNY m", "CNY bn", "CNY bn", "CNY bn"])


def guangxin_table(db) -> pd.DataFrame:
    """Guangxin Technology: printed, implied and derived figures, each with its basis and, for a
    computed one, its formula; the values are the phrases the prose glues (:func:`guangxin_texts`),
    so each links to its fact or derived entry."""
    t = guangxin_texts(db)
    latest, prior = fmt_period("2025-01/2025-09"), fmt_period("2024-01/2024-09")
    rows = [
        ("IPO proceeds", t["pt-ipo"], "printed"),
        ("Revenue, " + latest, t["pt-gx-rev"], "printed"),
        ("Revenue, " + prior, t["pt-gx-rev-prior"], "implied"),
        ("Net profit, " + latest, t["pt-gx-np"], "printed"),
        ("Net profit, " + prior, t["pt-gx-np-prior"], "implied"),
        ("Net margin, " + latest, t["pt-gx-margin"], "derived"),
        ("Net margin, " + prior, t["pt-gx-margin-prior"], "derived from implied values"),
        ("Market value at listing", t["pt-gx-mcap-list"], "printed"),
        ("Market value, peak", t["pt-gx-mcap-peak"], "printed, lower bound"),
        ("Market value at time of report", t["pt-gx-mcap-now"], "printed, approximate"),
        ("Net profit annualised", t["pt-gx-np-annual"], "derived"),
        ("Market value / annualised profit", t["pt-gx-pe"], "derived, rough"),
    ]
    return pd.DataFrame([(item, value, basis, formula_cell(value.formula)) for item, value, basis in rows],
                        columns=["Item", "Value", "Basis", "Formula"])


def _naive_share(db) -> float:
    return share(db.fact("mf_transmission_chain_scale")["value"], db.fact("ch_chain_output_2022")["value"])


def _blockers(db) -> list[str]:
    return share_blockers(db.fact("mf_transmission_chain_scale"), db.fact("ch_chain_output_2022"),
                          db.entities["name_en"].to_dict())


def blockers_table(db) -> pd.DataFrame:
    """Why the chain's size over all chains' output is not a share."""
    return pd.DataFrame({"Reason": _blockers(db)})


def scope_texts(db) -> dict[str, str]:
    """The transmission chain beside the totals of the chain system."""
    v = db.value
    return {
        "pt-chain-count": fact_text(db, "ch_chain_count", qualified=False),
        "pt-chain-count-2024": fact_text(db, "hy_chain_count", qualified=False),
        "pt-leading": count_words(v("ch_leading_industries_count")),
        "pt-chain-out": fact_text(db, "ch_chain_output_2022", qualified=False),
        "pt-chain-out-g": fact_text(db, "ch_chain_output_growth_2022", qualified=False),
        "pt-city-out": fact_text(db, "mf_output_2022", qualified=False),
        "pt-chain-vs-city": _d(db, share(v("ch_chain_output_2022"), v("mf_output_2022")), "percent", "o / m * 100",
                               o="ch_chain_output_2022", m="mf_output_2022"),
        "pt-naive-share": _d(db, _naive_share(db), "percent", "s / o * 100", s=CHAIN_SCALE, o="ch_chain_output_2022"),
        "pt-blockers-n": count_words(len(_blockers(db))),
        "pt-year-chain-out": date_text(db, "ch_chain_output_2022"),
    }


def scope_chart(db) -> Chart:
    """Bars of the transmission chain's size beside the chain system's totals, labelled with their scopes."""
    v, fact = db.value, db.fact
    scope = pd.DataFrame([
        ("Transmission chain, whole chain\n(period and measure not printed)", fact("mf_transmission_chain_scale")["value"],
         "mf_transmission_chain_scale", PALETTE[0]),
        (f"All {fmt_number(v('ch_chain_count'))} chains, above-size firms,\n{fact('ch_chain_output_2022')['period']} "
         "(output or revenue)", v("ch_chain_output_2022"), "ch_chain_output_2022", MUTED),
        (f"All above-size industry, Hengyang,\n{fact('mf_output_2022')['period']} (gross output)", v("mf_output_2022"),
         "mf_output_2022", "#808080"),
        (f"All {fmt_number(v('hy_chain_count'))} chains, above-size firms,\n"
         f"{fmt_period(fact('hy_chain_output_jan_sep')['period'])}", v("hy_chain_output_jan_sep"), "hy_chain_output_jan_sep",
         "#949494"),
    ], columns=["label", "value", "fact", "colour"])
    # each total as the prose prints it, qualifier and all (the chain's 近30亿: nearly 30)
    scope["text"] = [chart_value(fact_text(db, f), "CNY bn") for f in scope["fact"]]
    alt = alt_text("Horizontal bar chart in CNY bn comparing four totals", (
        f"{r.label.replace(chr(10), ' ')}: {r.text}" for r in scope.itertuples()),
        f"The transmission chain's figure would be {fmt_pct(_naive_share(db))} of the 2022 chain total if both "
        "measured the same thing.")
    c = chart("The transmission chain beside the totals of the chain system",
              "CNY bn, nominal, as printed; periods, firms covered and measures differ (see labels)",
              source_line(db, ["hy202305", "hy202304", "hn20241120"]), alt, height=3.0)
    frame = scope.iloc[::-1]
    bars = c.ax.barh(frame["label"], frame["value"] / 1e9, color=frame["colour"])
    label_bars(c.ax, bars, list(frame["text"]))
    c.ax.set_xlim(0, scope["value"].max() / 1e9 * 1.2)
    c.ax.set_xlabel("CNY bn")
    c.ax.grid(axis="y", visible=False)
    return c


def derived_table(db) -> pd.DataFrame:
    """Every measure the chapter computes: the phrases its prose glues, with their formulas and inputs."""
    t = {**claims_texts(db), **chain_texts(db), **investment_texts(db), **guangxin_texts(db), **scope_texts(db)}
    return derived_frame(db, t, """
    pt-forum-avg: Average investment per forum project
    pt-big-min: Least total of the big 2024 signings
    pt-top500-avg: Average top-500 signing, 2024
    pt-forum-vs-500: Forum average over top-500 average
    pt-forum-vs-scale: Forum signings / chain size
    pt-gx-rev-prior: Guangxin revenue, prior nine months
    pt-gx-np-prior: Guangxin net profit, prior nine months
    pt-gx-margin: Guangxin net margin, latest
    pt-gx-margin-prior: Guangxin net margin, prior
    pt-gx-mcap-g: Guangxin market value, change since listing
    pt-gx-np-annual: Guangxin net profit annualised
    pt-gx-pe: Guangxin market value / annualised profit
    pt-firsts-total: Firsts claimed, world and national
    pt-world-share-firsts: World firsts as share of all firsts
    pt-diameter-ratio: Rod over wire diameter
    pt-length-mult: Wire length per length of rod
    pt-chain-vs-city: Chain output 2022 over all above-size industry
    pt-naive-share: Chain size / all chains' output (not a share)
    """)


def reconciliation_texts(db) -> dict[str, str]:
    """How many register rows are the chapter's own, how many unresolved, how many borrowed."""
    rec = db.reconciliations
    mine = rec[rec["chapter"] == "power_transmission"]
    if sorted(mine.index) != sorted(OWN_RECONCILIATIONS):
        raise ValueError(f"the register's power_transmission rows {sorted(mine.index)} are not {OWN_RECONCILIATIONS}")
    return {
        "pt-rec-own": count_words(len(mine)),
        "pt-rec-unresolved": count_words(int((mine["status"] == "unresolved").sum())),
        "pt-rec-borrowed": count_words(len(BORROWED_RECONCILIATIONS)),
    }


def register_rows_shown(db) -> pd.DataFrame:
    """The chapter's own register rows, then the rows it borrows from the overview."""
    rec = db.reconciliations
    return pd.concat([rec[rec["chapter"] == "power_transmission"], rec.loc[BORROWED_RECONCILIATIONS]])


def printed_facts_table(db) -> pd.DataFrame:
    """Every fact the chapter prints, as the sources print it."""
    facts_used = db.facts.loc[PRINTED_FACTS].assign(
        printed=lambda f: [printed_text(db, fid, coded=True) for fid in f.index],
        source=lambda f: f["source_id"].map(lambda sid: source_label(db, sid)),
        what=lambda f: [label_with_period(m, p) for m, p in zip(f["metric_en"], f["period"])],
    )
    return exhibit(facts_used, {"what": "What (period)", "printed": "As printed", "source": "Source"})


# --- Ratios built on the chain's "nearly" size ------------------------------------------------------

def size_ratios(db) -> pd.DataFrame:
    """The two ratios the chapter builds on the chain's size, each with the bound its inputs' qualifiers
    give it. The size is printed "nearly" (近), so the true size is at most the printed one: over all
    chains' output it gives a ceiling; with the forum's signings over it, a floor. Columns: value (the
    ratio of the printed figures, as a multiple) and bound ('at most', 'at least', 'exact'...)."""

    pairs = {"chain_share_of_chains": ("mf_transmission_chain_scale", "ch_chain_output_2022"),
             "forum_over_chain": ("ch_forum_signed_investment", "mf_transmission_chain_scale")}
    rows = []
    for name, (num_id, den_id) in pairs.items():
        value, bound = fact_ratio(db, num_id, den_id)
        rows.append({"ratio": name, "numerator": num_id, "denominator": den_id, "value": value, "bound": bound})
    return pd.DataFrame(rows).set_index("ratio")


def claims_data(db) -> pd.DataFrame:
    """The claims chart's bars that are printed facts (the new-titles bar is computed and left out)."""
    ids = [WORLD_FIRSTS, NATIONAL_FIRSTS, "mf_transmission_tech_platforms", "mf_transmission_national_bases"]
    frame = pd.DataFrame({"item": [db.fact(i)["metric_en"] for i in ids], "count": [db.value(i) for i in ids]})
    return chart_data(db, frame, ids, "count")


def _billions_data(db, fact_ids: list[str]) -> pd.DataFrame:
    """Bars drawn in CNY bn, one per fact, with the facts behind them."""
    frame = pd.DataFrame({"label": [db.fact(i)["metric_en"] for i in fact_ids],
                          "value_bn": [db.value(i) / 1e9 for i in fact_ids]})
    return chart_data(db, frame, fact_ids, "CNY bn")


def investment_data(db) -> pd.DataFrame:
    """The investment chart's printed totals (the large-signings floor is computed and left out)."""
    return _billions_data(db, [FORUM_INV, TOP500_INV])


def scope_data(db) -> pd.DataFrame:
    """The scope chart's printed totals of the chain system and of industry."""
    return _billions_data(db, ["ch_chain_output_2022", "mf_output_2022", "hy_chain_output_jan_sep"])
