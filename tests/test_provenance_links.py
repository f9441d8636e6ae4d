"""Every number one click from its source (issue 14), checked on the built book.

- Glued numbers without a provenance link are counted per page (printed, so the report shows where
  the text layer's conversion to phrases still has to reach) and must be zero on every page, the
  appendices included. Dates count too: a source's date links to its article's anchor in the Facts
  appendix, an event's date to the event's entry, a fact's period to the fact.
- Cards and entries: for every linked number (at least 50 across the book) the card's value as
  printed and locator equal facts.csv, the link lands on an anchor that exists, and a derived
  number's entry recomputes the printed value from its inputs.
- Chart data: every "Data (CSV)" download exists, parses, names real facts, units and sources, and
  holds the facts' values where a row plots one fact.
- Size: chapter pages with their images under 1.5 MB, the Facts appendix under 2 MB.
- In the PDF every internal link lands on a named destination, and the number links reach the
  Facts appendix.
- One real-browser check (Chromium through Playwright): focusing a number shows its card.
"""
from __future__ import annotations

import ast
import math
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, in_ci
from industrybook.chapters.metro_area import haversine_km
from industrybook.data.database import load, split_ids
from industrybook.render.style import chart_data_problems
from industrybook.text.figures import fmt_date

HTML = ROOT / "_build" / "html"
PDF = ROOT / "_build" / "pdf" / "book.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Pages that glue numbers into their prose: each must link some (a page whose glue disappeared, or
# stopped passing phrases, fails here rather than passing with nothing to count). Every other page
# (the Facts appendix, which is the entries; the glossary; the execution report; the front and back
# matter) glues no number, and the unlinked count must be zero on those too.
LINKING_PAGES = {"chapters/metro_area.html", "chapters/new_materials.html", "chapters/overview.html",
                 "chapters/power_transmission.html", "chapters/science_policy.html", "chapters/benchmarks.html",
                 "chapters/summary.html", "chapters/evidence.html", "chapters/sources_method.html",
                 "chapters/data_dictionary.html", "chapters/timeline.html", "chapters/reconciliation.html"}
# Glued texts with a digit that are not a figure from the data, each with the reason.
NOT_FIGURES = {"Creative Commons Attribution 4.0": "the data package's licence: a name, its version no figure"}
PAGE_LIMIT, FACTS_LIMIT = 1_500_000, 2_000_000
DATE = re.compile(r"^(no later than )?((\d{1,2} )?(January|February|March|April|May|June|July|August|"
                  r"September|October|November|December)([\u2013–](January|February|March|April|May|June|"
                  r"July|August|September|October|November|December))? )?\d{4}$")  # a printed date, to find them


def built_or_skip() -> None:
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make book` first")
        pytest.skip("_build/html missing: run `make html` to check provenance links")


def pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html") if not p.relative_to(HTML).parts[0].startswith("_")
                  and p.name not in {"index.html", "genindex.html", "search.html"})


@pytest.fixture(scope="module")
def soups() -> dict[str, BeautifulSoup]:
    built_or_skip()
    return {p.relative_to(HTML).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in pages()}


@pytest.fixture(scope="module")
def db():
    return load("facts", "sources", "benchmarks", "places", sources_dir=None)


# --- glued numbers without a link ------------------------------------------------------------------

def unlinked_numbers(soup: BeautifulSoup) -> list[str]:
    """Glued texts with a digit in them (dates included) that are not a provenance link."""
    found = []
    for span in soup.select("span.pasted-text"):
        if "prov" in span.get("class", []) or span.find_parent(class_="prov"):
            continue
        text = " ".join(span.get_text().split())
        if re.search(r"\d", text) and text not in NOT_FIGURES:
            found.append(text)
    return found


def test_unlinked_glued_numbers_per_page(soups, capsys):
    counts = {page: (len(unlinked_numbers(s)), len(s.select("span.pasted-text.prov"))) for page, s in soups.items()}
    with capsys.disabled():
        print("\nglued numbers without / with a provenance link, per page:")
        for page, (without, with_link) in counts.items():
            if without or with_link:
                print(f"  {page}: {without} without, {with_link} with")
    problems = {p: unlinked_numbers(soups[p]) for p in soups if counts[p][0]}
    assert not problems, problems
    assert LINKING_PAGES <= set(counts), LINKING_PAGES - set(counts)
    assert all(counts[p][1] > 0 for p in LINKING_PAGES), [p for p in LINKING_PAGES if not counts[p][1]]


def test_the_unlinked_count_can_fail():
    soup = BeautifulSoup('<p><span class="pasted-text">CNY 1 bn</span> <span class="pasted-text">May 2023</span>'
                         '<span class="pasted-text">Creative Commons Attribution 4.0</span>'
                         '<span class="pasted-text prov"><a href="#x">3</a></span></p>', "html.parser")
    assert unlinked_numbers(soup) == ["CNY 1 bn", "May 2023"]  # an unlinked date counts; a licence name not


def test_dates_link_to_the_record_that_dates_them(soups, db):
    """Every glued date is a link: to its article's anchor, its event's entry or its fact's, and the
    card shows the record's date, in words (fmt_date)."""
    sources, events = db.tables["sources"], load("events", sources_dir=None).tables["events"]
    by_anchor = {f"source-{i}".replace("_", "-").lower(): ("source", i) for i in sources.index}
    by_anchor |= {f"event-{i}".replace("_", "-").lower(): ("event", i) for i in events.index}
    dates, problems = 0, []
    for page, span in linked_numbers(soups):
        link = span.select_one("a.reference")
        if not DATE.match(" ".join(link.get_text().split())):
            continue
        dates += 1
        fragment = urlparse(link["href"]).fragment
        kind, record_id = by_anchor.get(fragment, ("fact", None))
        stored = {"source": sources, "event": events}[kind].loc[record_id, "date"] if record_id else None
        card = card_rows(span.select_one(".prov-card"))
        if stored is not None and not card.get("Date", "").endswith(fmt_date(stored)):
            problems.append(f"{page}: {link.get_text()!r} -> {fragment}, card {card}")
        if kind == "fact" and not fragment.startswith("fact-"):
            problems.append(f"{page}: date {link.get_text()!r} links to {link['href']}")
    assert not problems, "\n".join(problems[:20])
    assert dates >= 40, f"only {dates} linked dates"


# --- table cells ------------------------------------------------------------------------------------

CHAPTERS = ["chapters/overview.html", "chapters/power_transmission.html", "chapters/new_materials.html",
            "chapters/metro_area.html", "chapters/science_policy.html", "chapters/benchmarks.html"]
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
# a time: a day and month, a month (or months) and year, an ISO date or period, a year or run of years
TIME = re.compile(rf"(?:\b\d{{1,2}} )?\b(?:{_MONTH})(?:[–-](?:{_MONTH}))?(?: \d{{4}})?"
                  r"|\b\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}-\d{2}(?:-\d{2})?)?|\b(?:19|20)\d{2}(?:[–/-](?:(?:19|20)\d{2}|\d{2})\b)?")
IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z][\w.-]*\d[\w.-]*")  # hy202305, nbs_ppi_2021.txt, Tiangong-1
NAMED = re.compile(r"\([^()]*[\u3400-\u9fff][^()]*\)$")  # an English name with its Chinese name: "10 MW unit (10兆瓦…)"
NAME_NUMBER = re.compile(r"\b\d+(?:st|nd|rd|th)\b|\b\d+\+\d*")  # "7th joint meeting", "4+4 programme", "(30+)"


def figure_left(cell) -> str:
    """What of a cell's text could be a figure: its text without code (fact ids), math (formulas),
    times (dates, periods, years) and identifiers (source ids, file names), and, in a cell of four
    or more words, without the ordinals and counts written into a name ("7th joint meeting",
    "4+4 programme"; a rank alone, "9th", stays a figure)."""
    shown = BeautifulSoup(str(cell), "html.parser")
    for node in shown.select("code, span.math, span.book-formula"):  # a formula in MathJax, or as text (formula_role)
        node.decompose()
    text = IDENTIFIER.sub("", TIME.sub("", " ".join(shown.get_text(" ").split())))
    return NAME_NUMBER.sub("", text) if len(text.split()) >= 4 else text


def table_cells(soup: BeautifulSoup) -> tuple[list[str], list[str]]:
    """The texts of a page's table cells that print a figure, linked and not linked.

    Not counted as figures, narrowly: a row's label (the first column); a cell in which no digit is
    left once its code, math, times and identifiers are taken out (:func:`figure_left`); a sentence
    (a cell ending in a full stop: a note or finding written in the data, whose numbers are words of
    the sentence); and a name followed by its Chinese name in brackets, whose digits belong to the
    name ("Cathode copper (99.99%) (阴极铜板)")."""
    linked, unlinked = [], []
    for row in soup.select("table tbody tr"):
        for col, cell in enumerate(row.find_all("td", recursive=False)):
            text = " ".join(cell.get_text(" ").split())
            if cell.select_one(".prov a.reference"):
                linked.append(text)
            elif col and re.search(r"\d", figure_left(cell)) and not text.endswith(".") and not NAMED.search(text):
                unlinked.append(text)
    return linked, unlinked


def assert_table_cells_linked(counts: dict[str, tuple[list[str], list[str]]], least: int, capsys) -> None:
    """Print each page's linked and unlinked figure cells; none may be unlinked, each page links ``least``."""
    with capsys.disabled():
        print("\ntable cells printing a figure, with / without a provenance link:")
        for page, (linked, unlinked) in counts.items():
            print(f"  {page}: {len(linked)} with, {len(unlinked)} without")
    problems = {page: unlinked for page, (_, unlinked) in counts.items() if unlinked}
    assert not problems, problems
    assert all(len(linked) >= least for linked, _ in counts.values()), f"a page links fewer than {least} table cells"


def test_every_table_figure_on_the_chapters_is_a_link(soups, capsys):
    assert_table_cells_linked({page: table_cells(soups[page]) for page in CHAPTERS}, 10, capsys)


# Appendix pages whose tables are data: each table there (on the reconciliation page the one named:
# the register itself is findings in words) links every cell that prints a figure, except in the
# columns named, which are words: a unit's or a word figure's meaning ("N×100 %"). An event's title,
# figures and all, links to the event's entry as its date does.
APPENDIX_TABLES = {"chapters/sources_method.html": ("table", {"Meaning"}),
                   "chapters/data_dictionary.html": ("table", set()),
                   "chapters/timeline.html": ("table", set()),
                   "chapters/reconciliation.html": ("table#rr-status", set())}


def without_columns(tables, headings: set[str]) -> BeautifulSoup:
    """The tables (one soup) without the body cells of the columns headed by one of ``headings``."""
    soup = BeautifulSoup("".join(map(str, tables)), "html.parser")
    for table in soup.find_all("table"):
        heads = [" ".join(th.get_text(" ").split()) for th in table.select("thead th")]
        drop = [i for i, head in enumerate(heads) if head in headings]
        for row in table.select("tbody tr"):
            cells = row.find_all("td", recursive=False)
            for i in drop:
                cells[i].clear()
    return soup


def test_every_table_figure_on_the_appendix_pages_is_a_link(soups, capsys):
    tables = {page: soups[page].select(selector) for page, (selector, _) in APPENDIX_TABLES.items()}
    assert all(tables.values()), [page for page, found in tables.items() if not found]
    counts = {page: table_cells(without_columns(found, APPENDIX_TABLES[page][1])) for page, found in tables.items()}
    assert_table_cells_linked(counts, 4, capsys)


def test_without_columns_drops_only_the_named_column():
    soup = without_columns(BeautifulSoup("<table><thead><tr><th>No.</th><th>Event</th><th>Date</th></tr></thead>"
                                         "<tbody><tr><td>1</td><td>20 projects</td><td>2023</td></tr></tbody></table>",
                                         "html.parser").select("table"), {"Event"})
    assert [td.get_text() for td in soup.select("td")] == ["1", "", "2023"]


def test_the_table_cell_count_can_fail():
    soup = BeautifulSoup(
        "<table><tbody><tr><td>Output 2022</td><td>CNY 1 bn</td><td>2024-01/2024-09</td><td><code>hy_x_2022</code></td>"
        "<td>hy202305</td><td>Enables 5,000 m lengths.</td><td>10 MW unit (10兆瓦)</td>"
        '<td><span class="pasted-text prov"><a class="reference" href="#f">3%</a></span></td>'
        "<td>3% against 4%</td><td>7th joint meeting of the mayors</td><td>9th</td></tr></tbody></table>", "html.parser")
    assert table_cells(soup) == (["3%"], ["CNY 1 bn", "3% against 4%", "9th"])


# --- cards, anchors and derived entries ----------------------------------------------------------

def card_rows(card) -> dict[str, str]:
    rows = {}
    for row in card.select(".prov-row"):
        term = row.select_one(".prov-term").get_text()
        rows[term] = row.get_text()[len(term):].strip()
    return rows


def linked_numbers(soups) -> list[tuple[str, object]]:
    return [(page, span) for page, soup in soups.items() for span in soup.select("span.pasted-text.prov")]


def anchor_exists(soups, page: str, href: str) -> bool:
    url = urlparse(href)
    target = (Path(page).parent / unquote(url.path)).as_posix() if url.path else page
    target = re.sub(r"(^|/)[^/]+/\.\./", r"\1", target)
    return target in soups and soups[target].find(id=url.fragment) is not None


def test_cards_match_the_facts_and_links_land(soups, db):
    facts = db.tables["facts"]
    checked, problems = 0, []
    for page, span in linked_numbers(soups):
        link, card = span.select_one("a.reference"), span.select_one(".prov-card")
        if not anchor_exists(soups, page, link["href"]):
            problems.append(f"{page}: {link['href']} lands nowhere")
        head = card.select_one(".prov-head").get_text()
        if not head.startswith("Record "):
            continue
        record_id = head.removeprefix("Record ")
        rows = card_rows(card)
        if record_id in facts.index:
            row = facts.loc[record_id]
            unit = row["unit_printed"]  # "(none)": the data's word for a figure printed with no unit (三分之一)
            printed = f"{row['value_printed']}{'' if pd.isna(unit) or unit == '(none)' else unit}"
            locator = f"{row['locator_figure']} … {row['locator_term']}"
            if rows.get("As printed") != printed or rows.get("Locator") != locator:
                problems.append(f"{page}: card of {record_id} says {rows}")
            if not link["href"].endswith("#fact-" + record_id.replace("_", "-")):
                problems.append(f"{page}: {record_id} links to {link['href']}")
            checked += 1
    assert not problems, "\n".join(problems[:20])
    assert checked >= 50, f"only {checked} fact cards checked"


def printed_number(text: str) -> tuple[float, float]:
    """The number a derived text prints, in the data's units, and half its last digit."""
    m = re.search(r"([-\u2212]?[\d,]+(?:\.(\d+))?)\s*(tn|bn|m|thousand)?\b", text.replace("\u2212", "-"))
    assert m, text
    scale = {"tn": 1e12, "bn": 1e9, "m": 1e6, "thousand": 1e3}.get(m.group(3) or "", 1.0)
    decimals = len(m.group(2) or "")
    if not decimals:  # the one rounding rule leaves trailing zeros (CNY 800 m at one figure): they are rounding
        whole = m.group(1).replace(",", "").lstrip("-")
        decimals = -(len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 0
    return float(m.group(1).replace(",", "")) * scale, 0.5 * 10 ** -decimals * scale


def evaluate(formula: str, values: dict[str, object]) -> float | None:
    """The formula's value when it is arithmetic over its symbols (and haversine of two points);
    None for a formula in words."""
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        return None
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.Constant, ast.Call,
               ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Pow)
    if not all(isinstance(n, allowed) for n in ast.walk(tree)):
        return None
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    if not names <= set(values) | {"haversine"}:
        return None
    scope = {"haversine": lambda a, b: haversine_km(*a, *b), **values}
    return float(eval(compile(tree, "<formula>", "eval"), {"__builtins__": {}}, scope))


def input_value(db, record_id: str):
    places = db.tables["places"]
    if record_id in places.index:
        return float(places.loc[record_id, "lat"]), float(places.loc[record_id, "lon"])
    if record_id in db.tables["benchmarks"].index:  # an official figure is an input like a fact
        return float(db.tables["benchmarks"].loc[record_id, "value"])
    if record_id in db.tables["facts"].index and pd.isna(db.fact(record_id)["value"]):
        return None  # a range has no point value: only a formula in words reads one
    return db.value(record_id)


SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def entry_inputs(entry) -> dict[str, str]:
    """``{symbol: record id}`` from a derived entry: each input is '<span class="book-formula">symbol</span>
    = <link to its entry>', the symbol as the formula writes it (x₂₀₂₂ for the formula's x2022), bound to
    its value by no-break spaces."""
    inputs = {}
    for link in entry.select("a.reference"):
        before = link.previous_sibling
        symbol = before.previous_sibling if before is not None else None
        if str(before) == "\u00a0=\u00a0" and "book-formula" in (getattr(symbol, "attrs", None) or {}).get("class", []):
            inputs[symbol.get_text().translate(SUBSCRIPT_DIGITS).replace("-", "_")] = urlparse(link["href"]).fragment
    return inputs


def fragment_to_id(db, fragment: str) -> str:
    """fact-hy-cs-trade-oct -> hy_cs_trade_oct (ids become anchors with '-' for '_')."""
    kind, _, rest = fragment.partition("-")
    table = db.tables["places"] if kind == "place" else pd.concat([db.tables["facts"][[]], db.tables["benchmarks"][[]]])
    by_anchor = {i.replace("_", "-").lower(): i for i in table.index}
    return by_anchor[rest]


def test_derived_entries_recompute_the_printed_value(soups, db):
    """Each derived number's entry gives back the printed value from its inputs; a floor ("at least
    CNY 310 m" for CNY 307.7 m, power_transmission's "at least 90%" for 88.4%) never exceeds it, a
    ceiling is never under it."""
    recomputed, words, bounds, problems = 0, 0, 0, []
    for page, span in linked_numbers(soups):
        link = span.select_one("a.reference")
        if not link["href"].startswith("#derived-"):
            continue
        entry_target = soups[page].find(id=link["href"][1:])
        entry = entry_target.find_next("p", class_="prov-derived")
        formula = span.select_one(".prov-card").get("data-formula", "")  # the card shows it in Unicode
        inputs = {s: fragment_to_id(db, f) for s, f in entry_inputs(entry).items()}
        value = evaluate(formula, {s: input_value(db, i) for s, i in inputs.items()})
        if value is None:
            words += 1
            continue
        text = link.get_text().replace("\u00a0", " ")
        printed, tolerance = printed_number(text)
        # a bound is rounded toward the side where it still holds, so within one unit of its last digit
        bound = next((b for b in ("at least", "at most") if text.startswith(b)), None)
        if bound and (printed > value * (1 + 1e-9) if bound == "at least" else printed < value * (1 - 1e-9)):
            problems.append(f"{page}: {text!r} does not hold: {formula} gives {value!r}")
        elif abs(value - printed) > tolerance * (2 if bound else 1) * 1.000001 + 1e-9 and not _same_to_3_sig(value, printed):
            problems.append(f"{page}: {span.select_one('a').get_text()!r} but {formula} gives {value!r}")
        bounds += bool(bound)
        recomputed += 1
    print(f"\nderived numbers recomputed: {recomputed} ({bounds} bounds); formulas in words (not recomputed): {words}")
    assert not problems, "\n".join(problems)
    assert recomputed >= 20 and bounds >= 5, (recomputed, bounds)


def _same_to_3_sig(value: float, printed: float) -> bool:
    """derived_text rounds to at most three significant figures (fewer when an input is less precise)
    before it formats: the printed figure is the value at one of those precisions, one that keeps at
    least the printed figure's own non-zero digits (920 is 923.7 to two figures, not to one)."""
    if value == 0 or printed == 0:
        return printed == value
    shown = len(f"{abs(printed):.6e}".split("e")[0].replace(".", "").rstrip("0"))
    for sig in range(max(1, shown), 4):
        digits = sig - int(math.floor(math.log10(abs(value)))) - 1
        if math.isclose(round(value, digits), printed, rel_tol=1e-9):
            return True
    return False


# --- chart data ----------------------------------------------------------------------------------

CNY_SCALE = {"CNY bn": 1e9, "CNY": 1.0}


def chart_csvs(soups) -> list[tuple[str, Path]]:
    found = []
    for page, soup in soups.items():
        for a in soup.select("p.chart-data a"):
            found.append((page, (HTML / Path(page).parent / a["href"]).resolve()))
    return found


def test_every_chart_csv_parses_and_holds_the_facts(soups, db):
    csvs = chart_csvs(soups)
    assert len(csvs) >= 7, csvs
    facts = db.tables["facts"]
    problems, matched = [], 0
    for page, path in csvs:
        if not path.is_file():
            problems.append(f"{page}: {path} missing")
            continue
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
        missing = {"fact_ids", "unit", "source"} - set(frame.columns)
        if missing:
            problems.append(f"{path.name}: no {missing}")
            continue
        numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
        drawn = numeric or "label" in frame.columns  # a diagram's CSV holds the labels it draws, no number
        if not drawn or frame["source"].isna().any() or frame["unit"].isna().any():
            problems.append(f"{path.name}: no values, or a row without unit or source")
        for i, row in frame.iterrows():
            ids = split_ids(row["fact_ids"])
            unknown = [f for f in ids if f not in facts.index]
            if unknown:
                problems.append(f"{path.name} row {i}: unknown facts {unknown}")
            plots_one_fact = len(ids) == 1 or (len(ids) == 2 and ids[1] == ids[0] + "_growth")
            # a row in the fact's own unit (not a count of facts or claims, which also names its facts)
            in_fact_unit = row["unit"] in (*CNY_SCALE, "count", "percent")
            if plots_one_fact and in_fact_unit and facts.loc[ids[0], "unit"] in ("CNY", "count", "percent"):
                expected = db.value(ids[0]) / CNY_SCALE.get(row["unit"], 1.0)
                if any(math.isclose(row[c], expected, rel_tol=1e-9) for c in numeric if pd.notna(row[c])):
                    matched += 1
                else:
                    problems.append(f"{path.name} row {i}: no column holds {ids[0]} = {expected}")
    assert not problems, "\n".join(problems)
    assert matched >= 10, matched


def test_chart_data_must_be_what_is_plotted():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [3.0, 5.0])
    good = pd.DataFrame({"label": ["a", "b"], "value": [3.0, 5.0], "fact_ids": ["", ""], "unit": "x", "source": "s"})
    assert chart_data_problems(fig, good) == []
    bad = good.assign(value=[3.0, 6.0]).drop(columns="unit")
    assert chart_data_problems(fig, bad) == ["column 'unit' is missing", "row 1, column 'value': 6.0 is not plotted"]
    plt.close(fig)


# --- sizes -----------------------------------------------------------------------------------------

def page_weight(page: str, soup: BeautifulSoup) -> int:
    size = (HTML / page).stat().st_size
    for img in soup.select("img[src]"):
        src = (HTML / Path(page).parent / unquote(img["src"])).resolve()
        if src.is_file():
            size += src.stat().st_size
    return size


def test_page_sizes(soups, capsys):
    weights = {page: page_weight(page, soup) for page, soup in soups.items()}
    with capsys.disabled():
        print("\npage weight with images, kB: " + ", ".join(f"{p} {w / 1000:.0f}" for p, w in weights.items()))
    too_big = {p: w for p, w in weights.items() if w > (FACTS_LIMIT if p == "chapters/facts.html" else PAGE_LIMIT)}
    assert not too_big, too_big


PYTHON_ARITHMETIC = re.compile(r"\*\*|\) \* 100")


def test_formulas_are_math_not_python(soups):
    """A formula reads as mathematics (MathJax in display, Unicode text with raised exponents in the
    entries, tables and cards): no ``**`` or ``) * 100`` in what a reader sees outside code blocks."""
    found = []
    for page, soup in soups.items():
        soup = BeautifulSoup(str(soup), "html.parser")  # a copy: the fixture is shared
        for node in soup.select("script, style, pre"):
            node.decompose()
        found += [f"{page}: …{m.string[max(0, m.start() - 40):m.end() + 20]}…"
                  for m in PYTHON_ARITHMETIC.finditer(soup.get_text(" "))]
    assert not found, "\n".join(found[:10])
    assert sum(len(soup.select(".prov-derived .book-formula")) for soup in soups.values()) >= 50


# --- the PDF ---------------------------------------------------------------------------------------

def test_pdf_number_links_resolve_inside_the_pdf():
    if not PDF.exists():
        if in_ci():
            pytest.fail(f"{PDF} missing: run `make book` first")
        pytest.skip(f"{PDF} missing: run `make pdf` to test its links")
    from pypdf import PdfReader

    reader = PdfReader(str(PDF))
    destinations = reader.named_destinations
    facts_pages = {i for i, p in enumerate(reader.pages) if "As printed:" in (p.extract_text() or "")}
    internal, unresolved, to_facts = 0, [], 0
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest") or (a.get("/A") or {}).get("/D")
            if dest is None:
                continue  # a URI
            internal += 1
            name = str(dest) if not isinstance(dest, list) else None
            if name is not None and name not in destinations:
                unresolved.append(name)
            elif name is not None:
                target = destinations[name].page
                lands = reader.get_page_number(target.get_object() if hasattr(target, "get_object") else target)
                to_facts += lands in facts_pages and number not in facts_pages  # from a chapter
    print(f"\nPDF: {internal} internal links, {to_facts} from chapters land on the {len(facts_pages)} Facts "
          f"appendix pages, {len(unresolved)} unresolved")
    assert internal and not unresolved, unresolved[:10]
    assert facts_pages and to_facts >= 50, (len(facts_pages), to_facts)


# --- a real browser -------------------------------------------------------------------------------

@pytest.mark.parametrize("chapter, links", [("metro_area", ".prov > a.reference"),
                                             ("power_transmission", "table .prov > a.reference")])  # prose, a table cell
def test_focus_shows_the_card_in_chromium(soups, chapter, links):
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed")
    from playwright.sync_api import sync_playwright

    page_path = HTML / "chapters" / f"{chapter}.html"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(page_path.as_uri())
        link = page.locator(links).first
        card_id = link.get_attribute("aria-describedby")
        assert card_id, "provenance.js did not tie the card to its link"
        card = page.locator(f"#{card_id}")
        assert card.is_hidden()
        link.focus()
        assert card.is_visible()
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # inside a phone's width
        assert any(term in card.inner_text() for term in ("As printed", "Formula", "Date"))  # a date's card too
        page.keyboard.press("Escape")
        assert card.is_hidden()
        browser.close()


# --- the pieces, without a build -------------------------------------------------------------------

def test_say_records_a_phrase_and_nothing_for_plain_text():
    import json

    from industrybook.render.page import provenance_record
    from industrybook.text.phrase import Phrase

    assert provenance_record("CNY 1 bn") is None
    assert provenance_record(Phrase("CNY 1 bn")) is None
    assert json.loads(provenance_record(Phrase("CNY 1 bn", ["hy_cs_trade_oct"]))) == {
        "ids": ["hy_cs_trade_oct"], "formula": None, "inputs": {}}
    derived = json.loads(provenance_record(Phrase("7.5", formula="a - b", inputs={"a": "x", "b": "y"})))
    assert derived["ids"] == ["x", "y"] and derived["formula"] == "a - b"


def test_one_entry_per_record_with_its_locator(db):
    from industrybook.appendix.facts import benchmark_entries, facts_page, locator_phrase, place_entries

    text = facts_page(db) + benchmark_entries(db) + place_entries(db)
    labels = re.findall(r"^\((fact-[\w]+|place-[\w]+)\)=$", text, flags=re.M)
    expected = ([f"fact-{i}" for i in db.tables["facts"].index] + [f"fact-{i}" for i in db.tables["benchmarks"].index]
                + [f"place-{i}" for i in db.tables["places"].index])
    assert sorted(labels) == sorted(expected) and len(set(labels)) == len(labels)
    for table in ("facts", "benchmarks"):
        for record_id, row in db.tables[table].iterrows():
            phrase = locator_phrase(row)
            assert phrase == f"{row['locator_figure']} … {row['locator_term']}", record_id
            assert len(phrase) <= 60, f"{record_id}: a locator is a short phrase, not a sentence"


def test_card_names_an_unknown_record(db):
    from industrybook.appendix.facts import card_fields

    with pytest.raises(KeyError, match="no_such_fact"):
        card_fields(db, "no_such_fact")


def test_every_source_and_event_has_an_anchor_and_a_card():
    from industrybook.appendix.facts import card_fields, entry_label, facts_page

    dated = load("facts", "sources", "benchmarks", "places", "events", sources_dir=None)
    text = facts_page(dated)
    sources, events = dated.tables["sources"], dated.tables["events"]
    labels = re.findall(r"^\(((?:source|event)-[\w]+)\)=$", text, flags=re.M)
    assert sorted(labels) == sorted([f"source-{i}" for i in sources.index] + [f"event-{i}" for i in events.index])
    for source_id in sources.index:
        assert entry_label(dated, source_id) == f"source-{source_id}"
        fields = card_fields(dated, source_id)
        assert fields["value"] == fmt_date(sources.loc[source_id, "date"]) and fields["value_term"] == "Date"
    for event_id in events.index:
        assert entry_label(dated, event_id) == f"event-{event_id}"
        fields = card_fields(dated, event_id)
        assert fields["value"].endswith(fmt_date(events.loc[event_id, "date"]))
        assert fields["locator"] == events.loc[event_id, "locator_term"]
