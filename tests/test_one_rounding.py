"""One quantity, one printed form, across the whole book.

Reads every chapter's committed outputs (glued strings, MyST tables, printed exercise answers, and
every text drawn in a chart: labels, titles, legends, tick labels; alt texts are glued strings) and
checks that (1) each quantity in :data:`QUANTITIES`, which several chapters quote, is printed one way
only, and (2) no glued money figure prints more than three significant figures unless it is a fact
or benchmark printed to the precision of its page (a figure computed from printed ones is no more
precise than they are).
"""
import ast
import html
import json
import re

import pandas as pd
import pytest

from conftest import ROOT
from industrybook.data.database import load
from industrybook.text.facts import fact_text
from industrybook.text.figures import fmt_value_as_printed
from industrybook.measures.arithmetic import cagr, implied_prior, pp_change, share
from industrybook.data.printed import is_printed_in_digits
from industrybook.measures.arithmetic import length_per_mass_ratio

GLUED_TEXT = "application/papermill.record/text/plain"
GLUED_SVG, SHOWN_SVG = "application/papermill.record/image/svg+xml", "image/svg+xml"
# matplotlib writes each text it draws as paths, preceded by the text in a comment
SVG_TEXT = re.compile(r"<!-- (.*?) -->", re.S)
# The Facts appendix prints each record as its page does; a coincidental number there is no rendering.
NOTEBOOKS = sorted(p for p in (ROOT / "chapters").glob("*.ipynb") if p.stem != "facts")
_SCALES = {"tn": 1e12, "bn": 1e9, "m": 1e6, "thousand": 1e3, "": 1.0}
MONEY = re.compile(r"CNY (?P<n>[+-]?\d[\d,]*(?:\.\d+)?)(?: (?P<s>tn|bn|m|thousand)\b)?")
PCT = re.compile(r"(?<![\d.])(?P<n>[+-]?\d+(?:\.\d+)?)%")
PP = re.compile(r"(?P<n>[+-]?\d+(?:\.\d+)?) ?(?:percentage points|pp)\b")
PLAIN = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{4,}(?:\.\d+)?)(?![\d,]*\.?\d)")


@pytest.fixture(scope="module")
def db():
    return load(sources_dir=None)


def _reader_texts(nb: dict) -> tuple[dict[str, str], list[str]]:
    """Glued strings by key, and every text a reader sees in the outputs (glued strings, MyST
    tables and lists, printed answers, the texts drawn in charts)."""
    glued, texts = {}, []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if set(data) == {GLUED_TEXT}:  # a glued string; a glued figure carries image types too
                key = out.get("metadata", {}).get("scrapbook", {}).get("name")
                value = ast.literal_eval("".join(data[GLUED_TEXT]))
                if isinstance(value, str):
                    glued[key] = value
                    texts.append(value)
            elif "text/markdown" in data:
                texts.append("".join(data["text/markdown"]))
            svg = data.get(GLUED_SVG) or data.get(SHOWN_SVG)
            if svg:
                texts += [html.unescape(t) for t in SVG_TEXT.findall("".join(svg))]
            if out.get("output_type") == "stream":
                texts.append("".join(out.get("text", "")))
    return glued, texts


def _chart_texts(nb: dict) -> dict[str, list[str]]:
    """The texts drawn in each glued chart (labels, titles, legends, ticks), by glue key."""
    charts = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            svg = out.get("data", {}).get(GLUED_SVG)
            if svg:
                key = out.get("metadata", {}).get("scrapbook", {}).get("name")
                charts[key] = [html.unescape(t).strip() for t in SVG_TEXT.findall("".join(svg))]
    return charts


@pytest.fixture(scope="module")
def charts():
    """``{notebook stem: {chart key: drawn texts}}``."""
    return {p.stem: _chart_texts(json.loads(p.read_text(encoding="utf-8"))) for p in NOTEBOOKS}


@pytest.fixture(scope="module")
def book():
    """``{notebook stem: (glued, texts)}`` for every chapter."""
    return {p.stem: _reader_texts(json.loads(p.read_text(encoding="utf-8"))) for p in NOTEBOOKS}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def money_mentions(text: str):
    """``(printed, value in yuan)`` for every 'CNY x bn' in a text."""
    for m in MONEY.finditer(text):
        yield m.group(0), _number(m["n"]) * _SCALES[m["s"] or ""]


def pp_mentions(text: str):
    for m in PP.finditer(text):
        yield m["n"].lstrip("+"), _number(m["n"])


def pct_mentions(text: str):
    for m in PCT.finditer(text):
        yield m.group(0).lstrip("+"), _number(m["n"])


def plain_mentions(text: str):
    """Numbers of four or more digits that are not money (the wire-length ratio and the like)."""
    for m in PLAIN.finditer(text):
        if not text[max(0, m.start() - 4):m.start()].endswith("CNY "):
            yield m["n"], _number(m["n"])


def significant_figures(number: str) -> int:
    digits = number.replace(",", "").lstrip("+-")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.strip("0")) or 1


def _margins(db) -> tuple[float, float]:
    """Guangxin's net margin, January-September 2025 and (implied) 2024, in percent."""
    profit, revenue = db.value("yy_guangxin_net_profit_2025q1q3"), db.value("yy_guangxin_revenue_2025q1q3")
    prior = share(implied_prior(profit, db.value("yy_guangxin_net_profit_growth_2025q1q3")),
                  implied_prior(revenue, db.value("yy_guangxin_revenue_growth_2025q1q3")))
    return share(profit, revenue), prior


def _margin_change(db) -> float:
    latest, prior = _margins(db)
    return pp_change(latest, prior)


# A quantity several chapters quote: how to compute it, which mentions to look in, and how close
# (relative) a printed number must be to count as a rendering of it.
QUANTITIES = {
    "wire length per unit of rod length": (
        lambda db: length_per_mass_ratio(db.value("nm_copper_rod_diameter"), db.value("nm_fine_copper_wire_diameter")),
        plain_mentions, 0.006),
    "Guangxin net margin change, 2024-2025, pp": (lambda db: _margin_change(db), pp_mentions, 0.02),
    "compound growth of industrial output, 2020-2022": (
        lambda db: cagr(db.value("mf_output_2020"), db.value("mf_output_2022"), 2), pct_mentions, 0.004),
    "firm money drawn in by the Ten Major Technology Projects": (
        lambda db: db.value("nm_top10_projects_firm_investment"), money_mentions, 0.006),
    "Hengyang R&D spending, Jan-Sep 2024": (lambda db: db.value("hy_rd_spend_jan_sep"), money_mentions, 0.006),
    "average top-500 signing, Jan-Sep 2024": (
        lambda db: db.value("hy_top500_projects_investment") / db.value("hy_top500_projects_signed_jan_sep"),
        money_mentions, 0.006),
    "2020 output implied by the 2022 level at the printed rate": (
        lambda db: db.value("mf_output_2022") / (1 + db.value("mf_output_avg_growth_2021_2022") / 100) ** 2,
        money_mentions, 0.006),
}


def renderings(book, value: float, mentions, tolerance: float) -> dict[str, set[str]]:
    """Printed forms of ``value`` found anywhere in the book, with the chapters that print each."""
    found: dict[str, set[str]] = {}
    for stem, (_, texts) in book.items():
        for text in texts:
            for printed, number in mentions(text):
                if value and abs(number - value) <= tolerance * abs(value):
                    found.setdefault(printed, set()).add(stem)
    return found


@pytest.mark.parametrize("name", QUANTITIES)
def test_a_quantity_quoted_in_several_places_prints_one_way(book, db, name):
    compute, mentions, tolerance = QUANTITIES[name]
    found = renderings(book, compute(db), mentions, tolerance)
    assert found, f"{name}: no printed form found (is the registry out of date?)"
    assert len(found) == 1, f"{name} is printed in several roundings: {found}"


def test_the_margin_change_is_the_difference_of_the_printed_margins(book, db):
    """The change in percentage points is the difference of the margins as printed (one decimal), so a
    reader who subtracts them gets the printed change."""
    latest, prior = _margins(db)
    found = renderings(book, _margin_change(db), pp_mentions, 0.02)
    assert set(found) == {f"{round(latest, 1) - round(prior, 1):.1f}"}, found


def _printed_precision_texts(db) -> set[str]:
    """Every fact and benchmark amount as its page prints it."""
    texts = set()
    for table in ("facts", "benchmarks"):
        frame = db.tables[table]
        for _, row in frame.iterrows():
            # digits, or digits with 万 inside (5万3230.99); not word figures or fractions
            if pd.notna(row["value"]) and is_printed_in_digits(row["value_printed"]):
                texts.add(fmt_value_as_printed(row["value"], row["unit"]))
    return texts


def test_no_glued_money_figure_is_more_precise_than_its_inputs(book, db):
    allowed = {printed for t in _printed_precision_texts(db) for printed, _ in money_mentions(t)}
    offenders = [f"{stem}:{key}: {printed!r}"
                 for stem, (glued, _) in book.items() for key, text in glued.items()
                 for printed, _ in money_mentions(text)
                 if significant_figures(printed.split()[1]) > 3 and printed not in allowed]
    assert not offenders, "money figures with false precision (round derived figures to 3 significant figures):\n" \
        + "\n".join(offenders)


def test_a_fact_prints_the_same_in_every_chapter(book, db):
    """A fact whose page prints more than three significant figures appears in one form only."""
    for fid in ("hy_rd_spend_jan_sep", "nm_top10_projects_firm_investment", "ch_chain_output_2022"):
        found = renderings(book, db.value(fid), money_mentions, 0.001)
        assert set(found) <= {fact_text(db, fid)}, f"{fid}: {found}"


def test_chart_texts_are_read(book, charts):
    """The svg of every chart is scanned: its drawn texts reach the list of texts a reader sees."""
    assert any(text == "CNY bn" for _, texts in book.values() for text in texts)
    assert "CNY bn" in charts["metro_area"]["fig-ma-october"]


# Charts that draw a figure the prose glues, and the glue keys of those figures: the chart's labels,
# title and legend, and its alt text, print each figure as the prose does, and no other rounding of it.
CHART_FIGURES = {
    ("overview", "fig-ov-output"): ["ov-out-cagr", "ov-va-prov", "ov-va-nat"],
    ("benchmarks", "fig-bm-prices"): ["bm-out-nominal", "bm-out-deflated", "bm-ppi-avg"],
    ("metro_area", "fig-ma-october"): ["ma-imp-oct-fall"],
    ("science_policy", "fig-sp-years"): ["sp-gdp-cagr-2024", "sp-gdp-cagr-2025"],
}


@pytest.mark.parametrize("stem,figure", CHART_FIGURES)
def test_a_chart_prints_a_glued_figure_as_the_prose_does(book, charts, stem, figure):
    glued = book[stem][0]
    drawn, alt = " | ".join(charts[stem][figure]), glued[f"{figure}__alt"]
    for key in CHART_FIGURES[stem, figure]:
        prose = glued[key]
        (_, value), = pct_mentions(prose)
        for where, text in (("chart", drawn), ("alt text", alt)):
            others = {printed for printed, number in pct_mentions(text)
                      if abs(abs(number) - value) <= 0.01 * value and printed.lstrip("-") != prose}
            assert not others, f"{figure} {where} prints {key} ({prose!r}) as {sorted(others)}"
            assert prose in text, f"{figure} {where} does not print {key} as the prose does ({prose!r})"


def test_significant_figures():
    assert significant_figures("473.08") == 5
    assert significant_figures("16,500") == 3
    assert significant_figures("0.43") == 2
    assert significant_figures("4,440") == 3


# --- value labels: a chart prints a figure with the digits the text prints ------------------------
# A chart's value label, note or legend that shows a figure the chapter's text also prints must show
# the text's digits (in the chart's unit), not a rounding of its own: Figure 1.1 once labelled 163.9
# where the text, the tables and the Facts appendix print CNY 163.85 bn. The texts drawn inside a
# chart's panels are read (tick labels left out: an axis's round steps are no figure), and each
# number is set beside every figure the notebook glues as a linked phrase holding one number.
FIGURE_NUMBER = re.compile(r"(?<![\w.,])[+\-\u2212]?\d[\d,]*(?:\.\d+)?(?![\w,]*\d)")


def _panel_texts(svg: str) -> list[str]:
    """The texts a chart draws inside its panels (axes), tick labels left out."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg, parser=ET.XMLParser(target=ET.TreeBuilder(insert_comments=True)))
    texts = []

    def walk(element, in_panel: bool) -> None:
        for child in element:
            if child.tag is ET.Comment:
                if in_panel:
                    texts.append(html.unescape(child.text).strip())
                continue
            name = child.get("id", "")
            if not name.startswith(("xtick_", "ytick_")):
                walk(child, in_panel or name.startswith("axes_"))

    walk(root, False)
    return texts


def _numbers(text: str) -> list[str]:
    return [n.lstrip("+-\u2212") for n in FIGURE_NUMBER.findall(text)]


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def another_rounding(drawn: str, printed: str) -> bool:
    """Whether ``drawn`` is ``printed`` rounded otherwise: fewer decimals, rounded half up from it
    (163.85 drawn as 163.9), or more decimals that round to it (206 drawn as 205.9)."""
    from decimal import ROUND_HALF_UP, Decimal

    if drawn == printed or _decimals(drawn) == _decimals(printed):
        return False
    longer, shorter = (printed, drawn) if _decimals(drawn) < _decimals(printed) else (drawn, printed)
    if significant_figures(shorter) < 2:  # 1 beside 1.4 is more likely a count than a rounding
        return False
    step = Decimal(1).scaleb(-_decimals(shorter))
    return Decimal(longer.replace(",", "")).quantize(step, rounding=ROUND_HALF_UP) == Decimal(shorter.replace(",", ""))


def glued_figures(nb: dict) -> dict[str, set[str]]:
    """``{number as printed: glue keys}`` for every glued phrase that holds one number and links to the
    records behind it (its ``__prov`` entry): a figure as the chapter's text prints it."""
    glued, linked = _reader_texts(nb)[0], set()
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            key = out.get("metadata", {}).get("scrapbook", {}).get("name", "")
            if key.endswith("__prov"):
                linked.add(key.removesuffix("__prov"))
    figures: dict[str, set[str]] = {}
    for key, text in glued.items():
        numbers = _numbers(text)
        if key in linked and len(numbers) == 1:
            figures.setdefault(numbers[0], set()).add(key)
    return figures


def label_roundings(nb: dict) -> list[str]:
    """Every number a chart of ``nb`` draws in its panels that is another rounding of a figure the text
    prints, and is not itself printed so anywhere in the text."""
    figures, found = glued_figures(nb), []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            svg, key = out.get("data", {}).get(GLUED_SVG), out.get("metadata", {}).get("scrapbook", {}).get("name")
            for text in _panel_texts("".join(svg)) if svg else []:
                for drawn in _numbers(text):
                    if drawn in figures:
                        continue
                    found += [f"{key}: {text!r} draws {drawn}, the text prints {printed} ({', '.join(sorted(keys))})"
                              for printed, keys in figures.items() if another_rounding(drawn, printed)]
    return found


def test_another_rounding():
    assert another_rounding("163.9", "163.85") and another_rounding("205.9", "206")
    assert not another_rounding("163.85", "163.85") and not another_rounding("163.8", "163.85")
    assert not another_rounding("1", "1.4") and not another_rounding("214.3", "215.4")


def test_panel_texts_leave_out_tick_labels():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g id="axes_1"><g id="xtick_1"><g id="text_1"><!-- 2020 --></g></g>'
           '<g id="text_2"><!-- 163.85 --></g></g><g id="text_3"><!-- Source: 2023-05 --></g></svg>')
    assert _panel_texts(svg) == ["163.85"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_chart_labels_a_figure_with_the_digits_the_text_prints(notebook):
    found = label_roundings(json.loads(notebook.read_text(encoding="utf-8")))
    assert not found, "chart labels that round a figure otherwise than the text:\n" + "\n".join(found)
