"""Derivations for the new-materials chapter (``chapters/new_materials.ipynb``).

* Bounds of a printed figure: a range word keeps its coded range; an "about" figure becomes the
  rounding band of its last printed digit (``1.6`` 万元 -> 15,500 to 16,500 yuan).
* Unit conversion of prices to one unit, yuan per kilogram, for the value ladder.
* The value ladder table (lead ingot, customised lead alloy, silicon nitride parts and dental ceramic).
* Physical ratios used in the text: how much longer a kilogram of drawn wire is than a kilogram of rod.
* Flow-diagram helpers: merge parallel flows into one labelled edge, wrap labels so the graph stays
  narrow enough to read at page width.
"""
from __future__ import annotations

import math
import re
import textwrap
from decimal import Decimal

import numpy as np
import pandas as pd

from industrybook.measures import arithmetic as M
from industrybook.render.charts import plain_log_ticks, slope, timeline, timeline_data, value_ladder
from industrybook.render.diagrams import diagram_chart, flow_graph, flows_data, select_flows
from industrybook.render.style import INK, MUTED, THEME_COLOURS, Chart, alt_text, chart, chart_data, separate_thousands
from industrybook.render.tables import derived_frame
from industrybook.text.facts import (
    date_text, derived_text, fact_in_unit, fact_text, printed_text, source_label, source_line, source_text,
    worded_text,
)
from industrybook.text.figures import fmt_date, fmt_number, fmt_pct, fmt_period, fmt_value
from industrybook.text.phrase import Pieces

# Conversion factors to yuan per kilogram (a tonne is 1,000 kg; a kilogram is 1,000 g).
TO_CNY_PER_KG = {"CNY/t": 1 / 1000, "CNY/kg": 1.0, "CNY/g": 1000.0}
CONVERSION_WORDS = {
    "CNY/t": "divided by 1,000 (1 t = 1,000 kg)",
    "CNY/kg": "as printed",
    "CNY/g": "multiplied by 1,000 (1 kg = 1,000 g)",
}


def about_band(value: float, printed: str) -> tuple[float, float]:
    """The rounding band of a figure printed with "about": half a unit of its last printed digit
    either side. ``about_band(16000, "1.6")`` -> ``(15500.0, 16500.0)``: 1.6 (万元) stands for
    anything from 1.55 to 1.65."""
    digits = Decimal(str(printed).replace(",", ""))
    if digits == 0:
        raise ValueError("cannot band a printed zero")
    factor = value / float(digits)
    exponent = digits.as_tuple().exponent
    step = 10.0 ** exponent if exponent < 0 else 1.0
    half = step / 2 * factor
    return value - half, value + half


def bounds(fact: pd.Series) -> tuple[float, float]:
    """Low and high of a fact in its normalised unit: a range keeps value_low/value_high, an "about"
    figure its rounding band, an exact figure is a point (low == high)."""
    qualifier = fact["qualifier"]
    if qualifier == "range":
        return float(fact["value_low"]), float(fact["value_high"])
    if qualifier == "about":
        return about_band(float(fact["value"]), fact["value_printed"])
    if qualifier == "exact":
        return float(fact["value"]), float(fact["value"])
    raise ValueError(f"no two-sided bounds for qualifier {qualifier!r} (fact {fact.name!r})")


def to_cny_per_kg(value: float, unit: str) -> float:
    """A price in CNY/t, CNY/kg or CNY/g as yuan per kilogram."""
    if unit not in TO_CNY_PER_KG:
        raise ValueError(f"cannot convert {unit!r} to CNY/kg")
    return value * TO_CNY_PER_KG[unit]


def value_ladder_table(db) -> pd.DataFrame:
    """One row per rung of the value ladder, low and high in yuan per kilogram.

    The customised lead alloy is the ingot band plus the printed premium range (both per tonne).
    ``printed`` is the price in the page's words; the low and high columns are the book's coding of them.
    """
    rows = []

    def rung(label, label_zh, fact_ids, low, high, unit, how, printed):
        rows.append({"label": label, "label_zh": label_zh, "fact_ids": ";".join(fact_ids), "printed": printed,
                     "low_printed_unit": low, "high_printed_unit": high, "unit": unit,
                     "low": to_cny_per_kg(low, unit), "high": to_cny_per_kg(high, unit), "how": how})

    ingot = db.fact("nm_lead_ingot_price")
    i_lo, i_hi = bounds(ingot)
    rung("Ordinary lead ingot", "普通铅锭", ["nm_lead_ingot_price"], i_lo, i_hi, ingot["unit"],
         "rounding band of an 'about' figure", fact_text(db, "nm_lead_ingot_price"))
    prem = db.fact("nm_custom_lead_alloy_premium")
    p_lo, p_hi = bounds(prem)
    rung("Customised lead alloy", "高端定制铅合金", ["nm_lead_ingot_price", "nm_custom_lead_alloy_premium"],
         i_lo + p_lo, i_hi + p_hi, ingot["unit"], f"ingot band plus the coded range of {prem['value_printed']}",
         Pieces("the ingot price plus ", fact_text(db, "nm_custom_lead_alloy_premium")))
    for fid, label, label_zh in (("nm_si3n4_pv_part_value", "Silicon nitride carrier part (PV lines)", "光伏承载部件"),
                                 ("nm_si3n4_dental_value", "Silicon nitride dental ceramic (in development)",
                                  "齿科修复生物陶瓷")):
        f = db.fact(fid)
        lo, hi = bounds(f)
        rung(label, label_zh, [fid], lo, hi, f["unit"], f"coded range of {f['value_printed']}", fact_text(db, fid))
    out = pd.DataFrame(rows)
    out["conversion"] = out["unit"].map(CONVERSION_WORDS)
    return out


def orders_of_magnitude(low: float, high: float) -> float:
    """How many powers of ten separate two positive values: ``log10(high / low)``."""
    if low <= 0 or high <= 0:
        raise ValueError("orders of magnitude need positive values")
    return math.log10(high / low)


def merge_parallel_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """One row per (from, to) pair: materials joined (Chinese with 、, English with ', '), the mode
    kept when all rows share it and 'unspecified' otherwise, flow ids joined with ';'."""
    rows = []
    for (src, dst), group in flows.groupby(["from_entity", "to_entity"], sort=False):
        modes = set(group["mode"])
        rows.append({"flow_id": ";".join(group["flow_id"]), "from_entity": src, "to_entity": dst,
                     "material_zh": "、".join(group["material_zh"]),
                     "material_en": ", ".join(group["material_en"]),
                     "mode": modes.pop() if len(modes) == 1 else "unspecified"})
    return pd.DataFrame(rows)


_CJK = re.compile(r"[\u3400-\u9fff]")


def wrap_text(text: str, width: int) -> str:
    """Wrap a label to lines of about ``width`` characters. Latin text breaks at spaces only;
    Chinese text (which has no spaces) breaks at 、 where it can, else into lines of equal length."""
    text = str(text)
    if len(text) <= width:
        return text
    if not _CJK.search(text) or " " in text:
        return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
    bracket = text.find("（")
    if bracket > 0:  # break before a bracketed gloss, and keep a short gloss on one line
        gloss = text[bracket:]
        return wrap_text(text[:bracket], width) + "\n" + (gloss if len(gloss) <= width + 3 else wrap_text(gloss, width))
    parts = text.split("、")
    if len(parts) > 1 and all(len(p) <= width for p in parts):
        lines, line = [], ""
        for p in parts:
            candidate = f"{line}、{p}" if line else p
            if len(candidate) > width and line:
                lines.append(line + "、")
                line = p
            else:
                line = candidate
        return "\n".join(lines + [line])
    n = math.ceil(len(text) / width)
    size = math.ceil(len(text) / n)
    return "\n".join(text[i:i + size] for i in range(0, len(text), size))


def wrap_labels(frame: pd.DataFrame, widths: dict[str, int]) -> pd.DataFrame:
    """A copy with the named text columns wrapped to the given widths (in characters), so the graph
    drawn from them stays narrow."""
    out = frame.copy()
    for col, width in widths.items():
        out[col] = out[col].map(lambda s, w=width: wrap_text(s, w))
    return out


def compact(graph, node_size: float = 10, edge_size: float = 9, ranksep: float = 0.3,
            nodesep: float = 0.18) -> None:
    """Tighter spacing and chosen font sizes for a graph drawn at page width."""
    graph.graph_attr.update(ranksep=str(ranksep), nodesep=str(nodesep))
    graph.node_attr.update(fontsize=str(node_size))
    graph.edge_attr.update(fontsize=str(edge_size))


# ---- prose helpers -------------------------------------------------------------------------------


def months_between(start: str, end: str) -> int:
    """Whole calendar months from the month of ``start`` to the month of ``end`` (ISO dates or months):
    ``months_between('2022-09-02', '2026-01')`` -> 40."""
    y0, m0 = (int(x) for x in str(start).split("-")[:2])
    y1, m1 = (int(x) for x in str(end).split("-")[:2])
    return (y1 - y0) * 12 + (m1 - m0)


_RANGE_UNITS = {"CNY/t": " per tonne", "CNY/kg": " per kg", "CNY/g": " per gram", "CNY/truck": " per truckload"}


def fmt_range(low: float, high: float, unit: str, digits: int = 2) -> str:
    """A range as English prose: ``fmt_range(200, 900, 'CNY/kg')`` -> ``'CNY 200 to 900 per kg'``;
    kilometres for distances of 1,000 m or more."""
    from industrybook.text.figures import fmt_money, fmt_number

    if unit in _RANGE_UNITS:
        if high >= 1e6:  # millions and up: CNY 2 m to 9 m
            lo, hi = fmt_money(low, digits).split(" "), fmt_money(high, digits).split(" ")
            core = f"CNY {lo[1]} to {hi[1]} {hi[2]}" if lo[2:] == hi[2:] else f"{' '.join(lo)} to {' '.join(hi)}"
        else:
            core = f"CNY {fmt_number(low, digits)} to {fmt_number(high, digits)}"
        return core + _RANGE_UNITS[unit]
    if unit == "m" and low >= 1000:
        return f"{fmt_number(low / 1000, digits)} to {fmt_number(high / 1000, digits)} km"
    if unit == "m":
        return f"{fmt_number(low, digits)} to {fmt_number(high, digits)} m"
    return f"{fmt_number(low, digits)} to {fmt_number(high, digits)}"


def fact_table(db, fact_ids: list[str]) -> pd.DataFrame:
    """Facts as a reader's table: what is measured, the figure in prose (qualifier kept), the figure
    as printed in Chinese, the period and the source (outlet and date)."""
    rows = []
    for fid in fact_ids:
        r = db.fact(fid)
        rows.append({"metric": r["metric_en"], "figure": fact_text(db, fid),
                     "printed": printed_text(db, fid),
                     "period": "" if pd.isna(r["period"]) else fmt_period(r["period"]),
                     "source": source_label(db, r["source_id"]), "fact_id": fid})
    return pd.DataFrame(rows)


def chain_graph(flows: pd.DataFrame, entities: pd.DataFrame, flow_ids: list[str], name_width: tuple[int, int] = (7, 15),
                material_width: tuple[int, int] = (7, 15), **spacing):
    """The graph of the named flows drawn by :func:`industrybook.render.diagrams.flow_graph`, with parallel
    flows merged, labels wrapped to (Chinese, English) widths and spacing tightened for page width."""

    chosen = merge_parallel_flows(select_flows(flows, flow_ids))
    chosen = wrap_labels(chosen, {"material_zh": material_width[0], "material_en": material_width[1]})
    names = wrap_labels(entities, {"name_zh": name_width[0], "name_en": name_width[1]})
    graph = flow_graph(chosen, names)
    compact(graph, **spacing)
    return graph


# ---------------------------------------------------------------------------------------------
# The notebook's content: glued texts, tables and charts
# ---------------------------------------------------------------------------------------------


GREEN = THEME_COLOURS["new_materials"]
SOURCES = ["hy202304", "hy202305", "hn20241120", "hn20260124"]
RESOURCE_FACTS = ["mf_minerals_proven", "mf_shuikoushan_wwi_world_pbzn_share", "mf_zhuye_pbzn_market_rank",
                  "mf_rock_salt_reserves", "mf_mirabilite_reserves", "nm_salt_brine_local_raw_material_share",
                  "nm_salt_chem_product_systems"]
SKS_FLOWS = ["nm_flow_residue_to_huaxing", "nm_flow_residue_to_sks", "nm_flow_zinc_sulfate_to_debang",
             "nm_flow_debang_feed_premix", "nm_flow_sks_copper_to_minmetals", "nm_flow_sks_zinc_to_zhuye",
             "nm_flow_sks_precious_metals"]
COPPER_FLOWS = ["nm_flow_sks_copper_to_minmetals", "nm_flow_cathode_to_gaonuo", "nm_flow_rod_to_jinbei",
                "nm_flow_rod_to_hengfei", "nm_flow_rod_to_transmission_cluster", "nm_flow_sks_sheath_alloy"]
SONGMU_FLOWS = ["nm_flow_brine_to_kingboard", "nm_flow_chlorine_to_shengya", "nm_flow_chlorine_to_jindong",
                "nm_flow_chlorine_to_chain_firms", "hy_fl_kb_hg_hcl", "hy_fl_kb_hg_naoh", "hy_fl_kb_hg_h2o2",
                "hy_fl_kb_hg_pac", "hy_fl_hg_kb_h2so4", "hy_fl_hg_dk_h2so4", "hy_fl_sks_sm_gold",
                "hy_fl_sks_sm_copper", "hy_fl_sks_sm_lead"]
# the three flow diagrams: flows, title, subtitle, where (for the alt text), layout
FLOW_DIAGRAMS = {
    "sks": (SKS_FLOWS, "Shuikoushan: zinc, copper and precious metals from lead smelting",
            "Material flows between firms, left to right; no quantities are given in the source",
            "in the Shuikoushan park", dict(material_width=(6, 12), nodesep=0.2)),
    "copper": (COPPER_FLOWS, "From cathode copper and lead alloy to cable",
               "Material flows between firms, left to right; no quantities are given in the source",
               "from Shuikoushan to Gaonuo Copper and the cable makers", dict(material_width=(6, 12), nodesep=0.4)),
    "songmu": (SONGMU_FLOWS, "Songmu: chlorine, acids and reagents passed between firms",
               "Material flows, left to right; dashed arrows are pipelines; no quantities are given",
               "in and around the Songmu park", dict(material_width=(7, 14), nodesep=0.3)),
}
MONTHS_PER_YEAR = 12
DAYS_PER_YEAR = 365


def source_dates_texts(db) -> dict[str, str]:
    """Each source's date, and its month, by source, each linked to the source's entry."""
    return {**{f"nm-date-{sid}": date_text(db, sid) for sid in SOURCES},
            **{f"nm-m-{sid}": date_text(db, sid, "month") for sid in SOURCES}}


def sources_table(db) -> pd.DataFrame:
    """The chapter's four source pages and what each is used for."""
    src_table = db.sources.loc[SOURCES, ["source_id", "outlet_en", "date", "headline_en"]].copy()
    src_table["date"] = [date_text(db, sid) for sid in SOURCES]  # in words, linked to the article's entry
    src_table["facts used here"] = [
        "cluster list of 2022; nonferrous chain projects",
        "minerals, Shuikoushan history, salt and mirabilite reserves",
        "Songmu reagent swaps, metal supplies to Songmu, waste figures",
        "circular chains, prices, technology claims, firm and cluster counts",
    ]
    return src_table


def _salt_ratio(db) -> float:
    return M.ratio(db.value("mf_rock_salt_reserves"), db.value("mf_mirabilite_reserves"))


def resource_texts(db) -> dict[str, str]:
    """Hengyang's resource base in the prose."""
    q = fact_text
    return {
        "nm-minerals": q(db, "mf_minerals_proven"),
        "nm-wwi-share": q(db, "mf_shuikoushan_wwi_world_pbzn_share"),
        "nm-zhuye-rank": fact_text(db, "mf_zhuye_pbzn_market_rank", qualified=False),
        "nm-rock-salt": q(db, "mf_rock_salt_reserves"),
        "nm-mirabilite": q(db, "mf_mirabilite_reserves"),
        "nm-salt-ratio": derived_text(_salt_ratio(db), "ratio", "r / m",
                                      {"r": "mf_rock_salt_reserves", "m": "mf_mirabilite_reserves"}, db),
        "nm-local-share": q(db, "nm_salt_brine_local_raw_material_share"),
        "nm-product-systems": q(db, "nm_salt_chem_product_systems"),
    }


def circular_texts(db) -> dict[str, str]:
    """The circular chains in the prose: residue, zinc, chlorine, copper, and how many flows each diagram draws."""
    return {
        "nm-residue-price": fact_text(db, "nm_residue_price_per_truck_past", 0),
        "nm-zinc-haul": derived_text(db.value("nm_zinc_sulfate_transfer_distance") / 1000, "km", "d / 1000",
                                     {"d": "nm_zinc_sulfate_transfer_distance"}, db),
        "nm-chlorine-firms": fact_text(db, "nm_kingboard_chlorine_user_firms"),
        "nm-cathode-purity": fact_text(db, "nm_cathode_copper_purity", 2),
        "nm-cathode-haul": fact_text(db, "nm_cathode_copper_haul_distance"),
        **{f"nm-n-flows-{diagram}": worded_text(fmt_number(len(flows)), "the number of flows (data/flows.csv) the diagram draws")
           for diagram, flows in (("sks", SKS_FLOWS), ("copper", COPPER_FLOWS), ("songmu", SONGMU_FLOWS))},
    }


def _flow_alt(db, flow_ids: list[str], where: str) -> str:
    chosen = merge_parallel_flows(select_flows(db.flows, flow_ids))
    name = db.entities["name_en"]
    nodes = len(set(chosen["from_entity"]) | set(chosen["to_entity"]))
    return alt_text(f"Flow diagram read left to right of {len(flow_ids)} material flows among {nodes} firms, parks "
                    f"and products {where}, with no quantities; its links",
                    (f"{name[r.from_entity]} to {name[r.to_entity]}: {r.material_en}"
                     + (" (pipeline)" if r.mode == "pipeline" else "") for r in chosen.itertuples()), "")


def flow_chart(db, diagram: str) -> Chart:
    """One of the three flow diagrams (``'sks'``, ``'copper'``, ``'songmu'``), left to right."""
    flow_ids, title, subtitle, where, layout = FLOW_DIAGRAMS[diagram]
    g = chain_graph(db.flows, db.entities, flow_ids, name_width=(6, 11), node_size=10.5, edge_size=9.5,
                    ranksep=0.2, **layout)
    c = diagram_chart(g, title, subtitle, source_line(db, db.flows.loc[flow_ids, "source_id"]),
                      _flow_alt(db, flow_ids, where))
    c.data = flows_data(db, select_flows(db.flows, flow_ids))
    return c


def flows_table(db) -> pd.DataFrame:
    """Every flow drawn in the three diagrams, with its source's date."""
    allflows = db.flows.loc[SKS_FLOWS + [f for f in COPPER_FLOWS if f not in SKS_FLOWS] + SONGMU_FLOWS].copy()
    name = db.entities["name_en"]
    allflows["from"] = allflows["from_entity"].map(name)
    allflows["to"] = allflows["to_entity"].map(name)
    allflows["material"] = allflows["material_en"] + " (" + allflows["material_zh"] + ")"
    allflows["source"] = [source_text(db, sid) for sid in allflows["source_id"]]
    return allflows


def price_figures(db) -> dict:
    """The value ladder and what the chapter computes from it: premium shares, dental/PV ratios, the
    ladder's span, and the copper gauges."""
    ladder = value_ladder_table(db)
    ingot_lo, ingot_hi = bounds(db.fact("nm_lead_ingot_price"))
    prem_lo, prem_hi = bounds(db.fact("nm_custom_lead_alloy_premium"))
    ingot = db.value("nm_lead_ingot_price")
    pv, dental = ladder.iloc[2], ladder.iloc[3]
    rod_d, wire_d = db.value("nm_copper_rod_diameter"), db.value("nm_fine_copper_wire_diameter")
    return {"ladder": ladder, "ingot_lo": ingot_lo, "ingot_hi": ingot_hi, "prem_lo": prem_lo, "prem_hi": prem_hi,
            "prem_share_lo": M.share(prem_lo, ingot), "prem_share_hi": M.share(prem_hi, ingot),
            "dental_pv_lo": M.ratio(dental["low"], pv["high"]), "dental_pv_hi": M.ratio(dental["high"], pv["low"]),
            "span": orders_of_magnitude(ladder["low"].min(), ladder["high"].max()),
            "rod_d": rod_d, "wire_d": wire_d, "diam_ratio": M.ratio(rod_d, wire_d),
            "length_ratio": M.length_per_mass_ratio(rod_d, wire_d)}


def price_texts(db) -> dict[str, str]:
    """Prices and the value ladder in the prose."""
    m = price_figures(db)
    ladder = m["ladder"]
    ingot, premium = {"i": "nm_lead_ingot_price"}, {"p": "nm_custom_lead_alloy_premium"}
    lead = {**ingot, **premium}
    return {
        "nm-ingot-price": fact_text(db, "nm_lead_ingot_price", 0),
        "nm-ingot-band": worded_text(fmt_range(m["ingot_lo"], m["ingot_hi"], "CNY/t", 0),
                                 "the bounds of the ingot price i as coded from its printed figure", **ingot),
        "nm-premium": fact_text(db, "nm_custom_lead_alloy_premium", 0),
        "nm-alloy-floor-t": worded_text(fmt_value(ladder.loc[1, "low_printed_unit"], "CNY/t", 0),
                                    "i + the lower bound of the premium p", **lead),
        "nm-alloy-floor-kg": worded_text(fmt_value(ladder.loc[1, "low"], "CNY/kg", 1),
                                     "(i + the lower bound of the premium p) / 1000", **lead),
        "nm-alloy-range-kg": worded_text(fmt_range(ladder.loc[1, "low"], ladder.loc[1, "high"], "CNY/kg", 1),  # the exercise's coded range
                                     "(i + each bound of the premium p) / 1000", **lead),
        "nm-premium-low": worded_text(fmt_value(m["prem_lo"], "CNY/t", 0), "the lower bound of the premium p as coded",
                                  **premium),
        "nm-premium-ceiling": worded_text(str(derived_text(m["prem_hi"], "CNY/t")),
                                      "the upper bound of the premium p as coded, to three significant figures",
                                      **premium),
        "nm-ingot-range-kg": worded_text(fmt_range(ladder.loc[0, "low"], ladder.loc[0, "high"], "CNY/kg", 1),
                                     "each bound of the ingot price i / 1000", **ingot),
        "nm-premium-share-lo": worded_text(fmt_pct(m["prem_share_lo"], 0), "the lower bound of the premium p as a percentage of the ingot price i", **lead),
        "nm-premium-share-hi": worded_text(fmt_pct(m["prem_share_hi"], 0), "the upper bound of the premium p as a percentage of the ingot price i", **lead),
        "nm-alloy-series": fact_text(db, "nm_lead_alloy_series", qualified=False),
        "nm-alloy-grades": fact_text(db, "nm_lead_alloy_grades", qualified=False),
        "nm-pv-value": fact_text(db, "nm_si3n4_pv_part_value"),
        "nm-dental-value": fact_text(db, "nm_si3n4_dental_value"),
        "nm-dental-pv-lo": worded_text(fmt_number(m["dental_pv_lo"], 0),
                                   "the lower bound of the dental value d over the upper bound of the PV part value v, both per kg",
                                   d="nm_si3n4_dental_value", v="nm_si3n4_pv_part_value"),
        "nm-dental-pv-hi": worded_text(fmt_number(m["dental_pv_hi"], 0),
                                   "the upper bound of the dental value d over the lower bound of the PV part value v, both per kg",
                                   d="nm_si3n4_dental_value", v="nm_si3n4_pv_part_value"),
        "nm-ladder-span": worded_text(fmt_number(m["span"], 1),
                                  "the base-10 logarithm of the highest over the lowest price per kg of i, p, v and d",
                                  **lead, v="nm_si3n4_pv_part_value", d="nm_si3n4_dental_value"),
        "nm-rod-d": fact_in_unit(db, "nm_copper_rod_diameter", "mm"),
        "nm-wire-d": fact_in_unit(db, "nm_fine_copper_wire_diameter", "mm"),
        "nm-diam-ratio": derived_text(m["diam_ratio"], "ratio", "r / w", GAUGES, db),
        "nm-length-ratio": derived_text(m["length_ratio"], "ratio", "(r / w) ** 2", GAUGES, db),
    }


GAUGES = {"r": "nm_copper_rod_diameter", "w": "nm_fine_copper_wire_diameter"}


def premium_coding_texts(db) -> dict[str, str]:
    """The alloy premium under the book's coding of 上千 (CNY 1,000 to 9,999) and under its plain reading."""
    cases = premium_readings(db.fact("nm_lead_ingot_price"), db.fact("nm_custom_lead_alloy_premium"))
    coded, plain = cases.loc["coded"], cases.loc["floor"]
    lead = {"i": "nm_lead_ingot_price", "p": "nm_custom_lead_alloy_premium"}
    return {
        "nm-prem-coding-pp": worded_text(fmt_number(round(coded["share_high"]) - round(plain["share_low"]), 0)
                                     + " percentage points",
                                     "(upper bound of p as coded)/i × 100 − (p read as CNY 1,000)/i × 100, each rounded",
                                     **lead),
        "nm-alloy-coded-top-kg": worded_text(fmt_value(coded["alloy_high_kg"], "CNY/kg", 1),
                                         "(i + the upper bound of p as coded) / 1000", **lead),
    }


def ladder_chart(db) -> Chart:
    """The value ladder, yuan per kilogram on a log scale, each product a range."""
    m = price_figures(db)
    ladder, rod_d, wire_d = m["ladder"], m["rod_d"], m["wire_d"]
    plot = ladder.copy()
    plot["label"] = plot["label"].str.replace(" (", "\n(", regex=False) + "\n" + plot["label_zh"]
    plot["theme"] = "new_materials"
    alt = alt_text("Value ladder on a logarithmic scale in yuan per kilogram, each product a horizontal range",
                   (f"{r.label}: {fmt_range(r.low, r.high, 'CNY/kg', 1)}" for r in ladder.itertuples()),
                   "Copper cathode, rod and wire carry no printed price and are not drawn.")
    c = chart("From lead ingot to dental ceramic: what the article says each is worth",
              "CNY per kg, log scale; bars are ranges from 'about', 'over a thousand', 'hundreds of' and 'thousands of'",
              source_line(db, ["hn20260124"]), alt, height=3.4)
    value_ladder(c.ax, plot, colour_col="theme")
    for i, r in plot.iterrows():
        c.ax.annotate(fmt_range(r["low"], r["high"], "CNY/kg", 1).replace(" per kg", "/kg"), (r["high"], i),
                      xytext=(8, 0), textcoords="offset points", va="center", fontsize=8.5, color=INK)
    c.ax.set_xlim(5, 3e8)
    plain_log_ticks(c.ax.xaxis, step=2)  # eight powers of ten in plain digits would not fit
    c.ax.set_xlabel("CNY per kg (log scale)")
    c.ax.tick_params(axis="y", labelsize=8.5)
    c.ax.annotate(f"Not drawn: copper cathode, {fmt_number(rod_d * 1000)} mm rod and\n{fmt_number(wire_d * 1000)} mm wire "
                  "(no price printed)",
                  (0.99, 0.02), xycoords="axes fraction", ha="right", va="bottom", fontsize=8, color=MUTED, style="italic")
    return c


def ladder_data(db) -> pd.DataFrame:
    """Each rung's coded range, CNY per kg, as the ladder draws it."""
    from industrybook.data.database import split_ids

    ladder = price_figures(db)["ladder"]
    return chart_data(db, ladder[["label", "low", "high"]], [split_ids(i) for i in ladder["fact_ids"]], "CNY/kg")


def ladder_shown(db) -> pd.DataFrame:
    """The value ladder for readers: each product with its coded range in yuan per kilogram."""
    lad = value_ladder_table(db)
    lad["per kg"] = [worded_text(fmt_range(r.low, r.high, "CNY/kg", 1), f"the coded range {r.conversion}",
                                 **{f"[{i + 1}]": fid for i, fid in enumerate(r.fact_ids.split(";"))})
                     for r in lad.itertuples()]
    lad["product"] = lad["label"] + " " + lad["label_zh"]
    lad["conversion"] = [worded_text(words, "a conversion of units, a constant of the method")
                         for words in lad["conversion"]]
    return lad


def catchup_figures(db) -> dict:
    """The technology claims as numbers: cable length, furnace build time (in months), their ratios."""
    v = db.value
    cable_before, cable_after = v("nm_sheath_alloy_cable_length_before"), v("nm_sheath_alloy_cable_length_after")
    furnace_import_m = v("nm_imported_shaft_furnace_build_time") * MONTHS_PER_YEAR
    furnace_own_m = v("nm_gaonuo_shaft_furnace_build_time")
    return {"cable_before": cable_before, "cable_after": cable_after,
            "cable_ratio": M.ratio(cable_after, cable_before),
            "furnace_import_m": furnace_import_m, "furnace_own_m": furnace_own_m,
            "furnace_change": M.growth(furnace_own_m, furnace_import_m),
            "furnace_ratio": M.ratio(furnace_import_m, furnace_own_m),
            "furnace_start": db.events.loc["nm_ev_gaonuo_shaft_furnace_start", "date"],
            "jinziyu_entry": db.events.loc["nm_ev_jinziyu_supply_chain_entry", "date"]}


def catchup_texts(db) -> dict[str, str]:
    """The technology claims in the prose."""
    m = catchup_figures(db)
    return {
        "nm-cable-before": fact_text(db, "nm_sheath_alloy_cable_length_before", qualified=False),
        "nm-cable-after": fact_text(db, "nm_sheath_alloy_cable_length_after", qualified=False),
        "nm-cable-ratio": derived_text(m["cable_ratio"], "ratio", "a / b", CABLE, db),
        "nm-furnace-import": fact_text(db, "nm_imported_shaft_furnace_build_time", qualified=False),
        # a change of unit by an exact factor, not a computation that the rounding rule limits
        "nm-furnace-import-m": worded_text(fmt_value(m["furnace_import_m"], "month", 0), f"y * {MONTHS_PER_YEAR}",
                                           y=FURNACE["y"]),
        "nm-furnace-own": fact_text(db, "nm_gaonuo_shaft_furnace_build_time", qualified=False),
        "nm-furnace-cut": derived_text(-m["furnace_change"], "percent", f"-(o / (y * {MONTHS_PER_YEAR}) - 1) * 100",
                                       FURNACE, db),
        "nm-furnace-ratio": derived_text(m["furnace_ratio"], "ratio", f"y * {MONTHS_PER_YEAR} / o", FURNACE, db),
        "nm-furnace-start": date_text(db, "nm_ev_gaonuo_shaft_furnace_start"),
        "nm-monomers": fact_text(db, "nm_jinziyu_monomer_products"),
        "nm-jinziyu-entry": date_text(db, "nm_ev_jinziyu_supply_chain_entry"),
    }


CABLE = {"a": "nm_sheath_alloy_cable_length_after", "b": "nm_sheath_alloy_cable_length_before"}
FURNACE = {"y": "nm_imported_shaft_furnace_build_time", "o": "nm_gaonuo_shaft_furnace_build_time"}


def catchup_chart(db) -> Chart:
    """Three before-and-after panels: cable length, furnace build time, copper diameter."""
    m = catchup_figures(db)
    rod_d, wire_d = db.value("nm_copper_rod_diameter"), db.value("nm_fine_copper_wire_diameter")
    fig_alt = alt_text("Three small panels comparing a before and an after value", [
        f"submarine cable continuous length, {fact_text(db, CABLE['b'], qualified=False)} before and "
        f"{fact_text(db, CABLE['a'], qualified=False)} with the new sheath alloy",
        f"shaft furnace build time, {fmt_number(m['furnace_import_m'])} months imported and "
        f"{fmt_number(m['furnace_own_m'])} months for Gaonuo's own",
        f"copper diameter, {fmt_number(rod_d * 1000)} mm rod and {fmt_number(wire_d * 1000)} mm drawn wire, on a log scale"],
        "The cable grows longer, the build time shorter.")
    c = chart("Technology claims: before and after",
              "Left: metres; centre: months; right: millimetres, log scale",
              source_line(db, ["hn20260124"]), fig_alt, ncols=3, height=2.8)
    panels = [
        ("Submarine cable,\ncontinuous length", ["before", "new alloy"], [m["cable_before"], m["cable_after"]],
         lambda x: f"{fmt_number(x)} m", False),
        ("Shaft furnace\nbuild time", ["imported", "Gaonuo"], [m["furnace_import_m"], m["furnace_own_m"]],
         lambda x: f"{fmt_number(x)} months", False),
        ("Copper, rod to\nfinest wire", ["rod", "wire"], [rod_d * 1000, wire_d * 1000],
         lambda x: f"{fmt_number(x)} mm", True),
    ]
    for ax, (title, labels, values, f, logy) in zip(c.axes, panels):
        pair = pd.DataFrame({"name": [""], "before": [values[0]], "after": [values[1]]})
        slope(ax, pair, "name", "before", "after", value_fmt=f, colours=(GREEN,), fontsize=8.5)
        ax.set_xticks([0, 1], labels)
        ax.set_xlim(right=1.8)  # the left values are kept clear of the y tick labels by slope()
        ax.set_title(title, fontsize=9.5)
        if logy:
            ax.set_yscale("log")
            plain_log_ticks(ax.yaxis)
            ax.set_ylim(0.05, 30)
        else:
            ax.set_ylim(0, max(values) * 1.25)
            separate_thousands(ax.yaxis)
        # the ends' names as small as the scale's: in a third of the width, at 10 pt, they ran together
        ax.tick_params(labelsize=8)
        ax.grid(axis="x", visible=False)
    return c


def catchup_data(db) -> pd.DataFrame:
    """The two ends of each panel, in each panel's own unit."""
    m = catchup_figures(db)
    rows = pd.DataFrame([("Submarine cable, continuous length", m["cable_before"], m["cable_after"]),
                         ("Shaft furnace build time", m["furnace_import_m"], m["furnace_own_m"]),
                         ("Copper, rod to finest wire", db.value(GAUGES["r"]) * 1000, db.value(GAUGES["w"]) * 1000)],
                        columns=["panel", "before", "after"])
    data = chart_data(db, rows, [[CABLE["b"], CABLE["a"]], list(FURNACE.values()), list(GAUGES.values())], "")
    data["unit"] = ["m", "months", "mm"]
    return data


def claims_table(db) -> pd.DataFrame:
    """Technology claims, the figures printed for them (each a link to its record), the evidence
    offered and what is not given."""
    t, m = catchup_texts(db), catchup_figures(db)
    ft = fact_text
    rows = [
        ("Photoresist monomers (感光单体)", "Jinziyu", Pieces(
            t["nm-monomers"], " products; only domestic stable supplier of semiconductor grade (",
            ft(db, "nm_jinziyu_domestic_hp_suppliers", qualified=False), " firm, company claim)"),
         "manager's statement; entry into makers' supply chains in " + fmt_date(m["jinziyu_entry"]),
         "customers, volumes, purity or test data"),
        ("Silicon nitride powder and parts (氮化硅)", "Kaixin",
         Pieces("PV parts ", ft(db, "nm_si3n4_pv_part_value"), "; dental ceramic up to ", ft(db, "nm_si3n4_dental_value")),
         "chief expert's statement; place on a national open-competition task list",
         "sales, market share, comparison with imported parts"),
        ("Shaft furnace (竖式熔炼炉)", "Gaonuo Copper",
         Pieces("build time ", t["nm-furnace-import-m"], " imported vs ", t["nm-furnace-own"], " own"),
         "manager's statement; furnace in production since " + fmt_date(m["furnace_start"]),
         "cost of either furnace, capacity, energy use"),
        ("Submarine-cable sheathing alloy (护套合金)", "Shuikoushan refined-lead plant",
         Pieces("continuous length ", t["nm-cable-before"], " to ", t["nm-cable-after"]),
         "manager's statement; use in a national offshore wind project", "cable maker, project name, date of the baseline"),
    ]
    return pd.DataFrame(rows, columns=["area", "firm", "figures", "evidence", "missing"])


def _months_to_national(db) -> int:
    ev = db.events
    return months_between(ev.loc["ch_ev_cluster_list_salt_brine", "date"],
                          ev.loc["nm_ev_salt_brine_cluster_national", "date"])


def cluster_texts(db) -> dict[str, str]:
    """Firms, technology centres and cluster listings in the prose."""
    ev = db.events
    tech_centres = ev[ev["event_id"].str.endswith("_tech_centre") & (ev["source_id"] == "hn20260124")]
    prov_list = ev.loc["ch_ev_cluster_list_salt_brine", "date"]
    prov_2024 = ev.loc["hy_ev_salt_brine_prov_cluster", "date"]
    list_2022 = ev[(ev["date"] == prov_list) & (ev["event_type"] == "designation")]
    return {
        "nm-prov-firms": fact_text(db, "nm_provincial_new_material_firms", qualified=False),
        "nm-tech-centres": worded_text(fmt_number(len(tech_centres)),
                                   "the technology-centre recognitions of the January 2026 page in data/events.csv"),
        "nm-national-clusters": fact_text(db, "nm_national_sme_clusters", qualified=False),
        "nm-prov-list-date": date_text(db, "ch_ev_cluster_list_salt_brine"),
        "nm-prov-list-count": fact_text(db, "ch_provincial_clusters_count", qualified=False),
        "nm-prov-list-nm": worded_text(fmt_number(len(list_2022[list_2022["theme"] == "new_materials"])),
                                   "the new-materials designations on the 2022 provincial list in data/events.csv"),
        "nm-prov-2024": date_text(db, "hy_ev_salt_brine_prov_cluster"),
        "nm-national-date": date_text(db, "nm_ev_salt_brine_cluster_national"),
        "nm-months-to-prov": worded_text(fmt_number(months_between(prov_list, prov_2024)),
                                     "calendar months from the 2022 provincial list to the 2024 provincial cluster "
                                     "(data/events.csv)"),
        "nm-months-to-national": worded_text(fmt_number(_months_to_national(db)),
                                         "calendar months from the 2022 provincial list to the national listing "
                                         "(data/events.csv)"),
        "nm-nonferrous-projects": fact_text(db, "ch_nonferrous_major_projects_2022", qualified=False),
    }


TIMELINE_LABELS = {
    "ch_ev_cluster_list_shuikoushan": "Shuikoushan Cu-Pb-Zn:\nprovincial cluster",
    "ch_ev_cluster_list_salt_brine": "Salt-brine: provincial\ncultivation target",
    "hy_ev_salt_brine_prov_cluster": "Salt-brine: provincial\ncluster",
    "nm_ev_gaonuo_shaft_furnace_start": "Gaonuo shaft\nfurnace starts",
    "nm_ev_jinziyu_supply_chain_entry": "Jinziyu monomers enter\nphotoresist supply chains",
    "nm_ev_cu_pb_zn_cluster_national": "Cu-Pb-Zn and salt-brine:\nnational SME clusters",
    "nm_ev_kaixin_jbgs_list": "Kaixin dental project on\nnational task list",
}


def timeline_chart(db) -> Chart:
    """Cluster designations and technology milestones from 2022 to early 2026."""
    ev = db.events
    tl = ev.loc[list(TIMELINE_LABELS)].copy()  # the two national listings share a date and one label
    if ev.loc["nm_ev_salt_brine_cluster_national", "date"] != ev.loc["nm_ev_cu_pb_zn_cluster_national", "date"]:
        raise ValueError("the two national listings no longer share a date: give each its own timeline label")
    latest = tl["date_bound"].fillna("").eq("no_later_than")
    tl["label"] = [("no later than " if is_latest else "") + fmt_date(d) + "\n" + TIMELINE_LABELS[i]
                   for i, d, is_latest in zip(tl.index, tl["date"], latest)]
    alt = alt_text("Timeline from 2022 to early 2026 of cluster designations and technology milestones in Hengyang's "
                   "new-materials industry", (lab.replace("\n", " ") for lab in tl.sort_values("date")["label"]),
                   "Entries marked 'no later than' are undated in the source and placed at the month of the reporting page.")
    c = chart("From provincial cultivation target to national listing",
              "Dated events; circle = exact day, square = month, diamond = year",
              source_line(db, tl["source_id"]), alt, height=4.2)
    timeline(c.ax, tl, lanes=3)
    c.ax.set_xlim(pd.Timestamp("2022-01-01"), pd.Timestamp("2026-10-01"))
    c.data = timeline_data(db, tl)
    return c


def _xianglan_per_day(db) -> float:
    return M.ratio(db.value("hy_xianglan_hazwaste_capacity"), DAYS_PER_YEAR)


def waste_texts(db) -> dict[str, str]:
    """Hazardous-waste capacity and the waste rates in the prose."""
    return {
        "nm-xianglan-cap": fact_text(db, "hy_xianglan_hazwaste_capacity", 0, qualified=False),
        "nm-xianglan-day": derived_text(_xianglan_per_day(db), "t", f"c / {DAYS_PER_YEAR}",
                                        {"c": "hy_xianglan_hazwaste_capacity"}, db),
        "nm-msw-harmless": fact_text(db, "hy_msw_harmless_rate", 1, qualified=False),
        "nm-msw-resource": fact_text(db, "hy_msw_resource_rate", 1, qualified=False),
        "nm-waste-util": fact_text(db, "hy_waste_materials_utilisation_rate", 1, qualified=False),
        "nm-waste-output": fact_text(db, "hy_waste_utilisation_industry_output", 0, qualified=False),
        "nm-xianglan-date": date_text(db, "hy_ev_xianglan_install"),
    }


RATES = [("nm_salt_brine_local_raw_material_share", "Salt-brine raw material\nsecured locally"),
         ("hy_msw_harmless_rate", "Household waste\ntreated harmlessly"),
         ("hy_msw_resource_rate", "Household waste used\nas a resource"),
         ("hy_waste_materials_utilisation_rate", "Scrap and used goods\nutilised")]


def rates_chart(db) -> Chart:
    """Bars of four reported shares, each on its own base; a 'more than' share is hatched."""
    rates = pd.DataFrame([{"fact_id": f, "label": lab + f" ({db.fact(f)['period'][:4]})", "value": db.value(f),
                           "text": fact_text(db, f, 1), "lower_bound": db.fact(f)["qualifier"] == "more_than"}
                          for f, lab in RATES])
    alt = alt_text("Horizontal bar chart of four reported shares, in percent",
                   (f"{r.label.replace(chr(10), ' ')}: {r.text}" for r in rates.itertuples()),
                   "The first is a lower bound. The bases differ, so the bars are not comparable with each other.")
    c = chart("Shares reported for Hengyang's materials and waste",
              "Percent; each bar has its own base; hatched bar = lower bound ('more than')",
              source_line(db, db.facts.loc[rates["fact_id"], "source_id"]), alt, height=2.8)
    y = np.arange(len(rates))[::-1]
    bars = c.ax.barh(y, rates["value"], color=GREEN, height=0.6)
    for bar, lb in zip(bars, rates["lower_bound"]):
        if lb:
            bar.set_hatch("///")
            bar.set_facecolor("white")
            bar.set_edgecolor(GREEN)
    for yy, r in zip(y, rates.itertuples()):
        c.ax.annotate(r.text, (r.value, yy), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8.5)
    c.ax.set_yticks(y, rates["label"])
    c.ax.set_xlim(0, 125)
    c.ax.set_xlabel("percent")
    c.ax.grid(axis="y", visible=False)
    return c


def rates_data(db) -> pd.DataFrame:
    """The four shares the bars draw, percent."""
    rates = pd.DataFrame([{"label": lab.replace("\n", " "), "value": db.value(f)} for f, lab in RATES])
    return chart_data(db, rates, [f for f, _ in RATES], "percent")


def reconciliation_texts(recs: pd.DataFrame) -> dict[str, str]:
    """How many rows of the reconciliation register concern the chapter, and how many are open."""
    return {"nm-n-recs": worded_text(fmt_number(len(recs)), "the chapter's rows of data/reconciliations.csv"),
            "nm-n-recs-open": worded_text(fmt_number(int((recs["status"] == "unresolved").sum())),
                                      "the chapter's rows of data/reconciliations.csv with status 'unresolved'")}


def derived_table(db) -> pd.DataFrame:
    """Every measure the chapter computes: the phrases its prose glues, with their formulas and inputs."""
    plain_floor = worded_text("at least " + fmt_pct(_plain_premium_floor(db), 0), "p read as CNY 1,000 a tonne, as a percentage of the ingot price i",
                          i="nm_lead_ingot_price", p="nm_custom_lead_alloy_premium")
    t = {**catchup_texts(db), **price_texts(db), **resource_texts(db), **waste_texts(db), **cluster_texts(db),
         "nm-premium-floor-plain": plain_floor}
    return derived_frame(db, t, """
    nm-cable-ratio: Sheath alloy: cable length after / before
    nm-furnace-cut: Shaft furnace: cut in build time
    nm-furnace-ratio: Shaft furnace: imported build time over own
    nm-premium-share-lo: Lead alloy premium as a share of the ingot price, low
    nm-premium-share-hi: Lead alloy premium as a share of the ingot price, high
    nm-premium-floor-plain: Lead alloy premium on the plain reading of 上千 (a floor)
    nm-dental-pv-lo: Dental ceramic value / PV part value, per kg, low
    nm-dental-pv-hi: Dental ceramic value / PV part value, per kg, high
    nm-ladder-span: Span of the printed prices per kg, powers of ten (not value added)
    nm-length-ratio: Length of a kilogram of wire relative to rod
    nm-salt-ratio: Rock salt reserves / mirabilite reserves
    nm-xianglan-day: Xianglan capacity per day
    nm-months-to-national: Months from cultivation target to national listing (at most)
    """)


# --- The alloy premium under two readings of 上千 -------------------------------------------------

PREMIUM_READINGS = {
    "coded": "the book's coding of 上千: CNY 1,000 up to just under 10,000 a tonne",
    "floor": "the plain reading of 上千: a thousand yuan or more, with no ceiling",
}


def premium_readings(ingot: pd.Series, premium: pd.Series) -> pd.DataFrame:
    """The customised alloy's premium over lead ingot under two readings of the page's word figure.

    ``coded`` keeps the premium's coded range (value_low to value_high); ``floor`` reads the word as
    "a thousand or more", so only value_low binds and every upper column is NaN. For each reading:
    the premium as a share of the ingot's point price, ``share = premium / ingot × 100``, and the
    alloy's price per kg, ``(ingot band + premium) / 1,000``. Both facts must be priced per tonne."""
    if ingot["unit"] != premium["unit"]:
        raise ValueError(f"ingot ({ingot['unit']}) and premium ({premium['unit']}) are in different units")
    ingot_lo, ingot_hi = bounds(ingot)
    point = float(ingot["value"])
    floor = float(premium["value_low"])
    rows = []
    for reading, ceiling in (("coded", float(premium["value_high"])), ("floor", math.nan)):
        rows.append({
            "reading": reading, "meaning": PREMIUM_READINGS[reading],
            "premium_low": floor, "premium_high": ceiling,
            "share_low": floor / point * 100, "share_high": ceiling / point * 100,
            "alloy_low_kg": to_cny_per_kg(ingot_lo + floor, ingot["unit"]),
            "alloy_high_kg": to_cny_per_kg(ingot_hi + ceiling, ingot["unit"]),
        })
    return pd.DataFrame(rows).set_index("reading")


def _plain_premium_floor(db) -> float:
    """The alloy premium's floor as a share of the ingot price when 上千 is read as "a thousand or more"."""
    return premium_readings(db.fact("nm_lead_ingot_price"), db.fact("nm_custom_lead_alloy_premium")).loc["floor", "share_low"]

