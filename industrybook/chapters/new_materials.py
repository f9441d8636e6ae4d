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

import pandas as pd

from industrybook.render.diagrams import flow_graph, select_flows
from industrybook.text.figures import QUALIFIER_WORDS as _QUALIFIER_WORDS
from industrybook.text.figures import fmt_date  # noqa: F401  (re-exported for the chapter)

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
         "rounding band of an 'about' figure", qualified_text(db, "nm_lead_ingot_price"))
    prem = db.fact("nm_custom_lead_alloy_premium")
    p_lo, p_hi = bounds(prem)
    rung("Customised lead alloy", "高端定制铅合金", ["nm_lead_ingot_price", "nm_custom_lead_alloy_premium"],
         i_lo + p_lo, i_hi + p_hi, ingot["unit"], f"ingot band plus the coded range of {prem['value_printed']}",
         f"the ingot price plus {qualified_text(db, 'nm_custom_lead_alloy_premium')}")
    for fid, label, label_zh in (("nm_si3n4_pv_part_value", "Silicon nitride carrier part (PV lines)", "光伏承载部件"),
                                 ("nm_si3n4_dental_value", "Silicon nitride dental ceramic (in development)",
                                  "齿科修复生物陶瓷")):
        f = db.fact(fid)
        lo, hi = bounds(f)
        rung(label, label_zh, [fid], lo, hi, f["unit"], f"coded range of {f['value_printed']}", qualified_text(db, fid))
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




def qualified_text(db, fact_id: str, digits: int | None = None) -> str:
    """A fact in prose with its qualifier kept: 'more than 30', 'about CNY 16,000 per tonne',
    and a range word as the page's word ('a few hundred yuan per kg'); the coded range is for computing."""
    from industrybook.text.figures import fmt_value

    row = db.fact(fact_id)
    if row["qualifier"] == "range":
        return db.text(fact_id)
    if row["unit"] == "ratio":  # a printed fraction such as 三分之一
        from fractions import Fraction

        frac = Fraction(float(row["value"])).limit_denominator(12)
        return _QUALIFIER_WORDS.get(row["qualifier"], "") + f"{frac.numerator}/{frac.denominator}"
    words = _QUALIFIER_WORDS.get(row["qualifier"])
    if words is None:
        raise ValueError(f"unknown qualifier {row['qualifier']!r} for {fact_id!r}")
    return words + (db.text(fact_id) if digits is None else fmt_value(float(row["value"]), row["unit"], digits))


def fact_table(db, fact_ids: list[str]) -> pd.DataFrame:
    """Facts as a reader's table: what is measured, the figure in prose (qualifier kept), the figure
    as printed in Chinese, the period and the source (outlet and date)."""
    rows = []
    for fid in fact_ids:
        r = db.fact(fid)
        rows.append({"metric": r["metric_en"], "figure": qualified_text(db, fid),
                     "printed": db.printed(fid),
                     "period": "" if pd.isna(r["period"]) else str(r["period"]),
                     "source": db.source_label(r["source_id"]), "fact_id": fid})
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





