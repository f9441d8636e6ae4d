"""The chapter pages print no database forms (issue 16: "one way each for periods"; "ids moved to the
data appendix"): no period in its stored ISO form ("2024-01/2024-09", "2021/2025") anywhere a reader
looks, hover cards and derived-number entries included, and no record id (a fact's, benchmark's, map
point's, event's or article's) in a chapter table's cells. A figure's cell links to its entry, and the
entry in the Facts appendix shows the id; the data dictionary documents the stored period form.

Code blocks and maths are code, not prose, and a hover card's heading names its record by design.
The text is read with the soft breaks (``<wbr>``) the tables put inside long tokens taken out.
"""
from __future__ import annotations

import csv
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, in_ci

HTML = ROOT / "_build" / "html"
CHAPTERS = ("overview", "new_materials", "power_transmission", "metro_area", "science_policy", "benchmarks",
            "evidence", "summary")

# a stored period: two years, months or days joined by a slash, as data/facts.csv keeps them
ISO_PERIOD = re.compile(r"(?<![\w/-])(?:19|20)\d\d(?:-[01]\d){0,2}/(?:19|20)\d\d(?:-[01]\d){0,2}(?![\w/-])")

# (data file, id column) of every kind of record a provenance link can point to
RECORD_TABLES = (("facts.csv", "fact_id"), ("benchmarks.csv", "benchmark_id"), ("places.csv", "place_id"),
                 ("events.csv", "event_id"), ("sources.csv", "source_id"))



def record_ids() -> frozenset[str]:
    ids = set()
    for name, column in RECORD_TABLES:
        with (ROOT / "data" / name).open(encoding="utf-8", newline="") as fh:
            ids.update(row[column] for row in csv.DictReader(fh))
    return frozenset(ids)


def reader_soup(html: str) -> BeautifulSoup:
    """The page's article as a reader sees it: no scripts, code blocks, maths or card headings; the
    soft breaks inside long tokens removed so a token reads whole."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup.body or soup
    for node in article.select("script, style, div.highlight, pre, .math, div.math, span.math, .prov-head, wbr"):
        node.decompose()
    article.smooth()
    return article


def stored_periods(article) -> list[str]:
    return ISO_PERIOD.findall(" ".join(article.get_text(" ").split()))


def ids_in_tables(article, ids: frozenset[str], skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(table id, record id) for each record id printed in a table's cells."""
    found = []
    for table in article.find_all("table"):
        if table.get("id") in skip:
            continue
        for token in re.findall(r"[a-z][a-z0-9_]+", " ".join(table.get_text(" ").split())):
            if token in ids:
                found.append((table.get("id", "?"), token))
    return found


def chapter_pages():
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make book` first")
        pytest.skip("_build/html missing: run `make html` to check the chapter pages")
    return [HTML / "chapters" / f"{name}.html" for name in CHAPTERS]


def test_chapter_pages_print_periods_in_words():
    found = {}
    for path in chapter_pages():
        periods = stored_periods(reader_soup(path.read_text(encoding="utf-8")))
        if periods:
            found[path.name] = (len(periods), sorted(set(periods)))
    assert not found, "periods in the stored form (house form: fmt_period, 'January–September 2024'): " + repr(found)


# a stored date or month ("2024-11-20", "2023-05"), as data/sources.csv and data/events.csv keep them
ISO_DATE = re.compile(r"(?<![\w/.-])(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?(?![\w/-])")
def book_pages():
    """Every page of the book's chapters and appendices."""
    chapter_pages()  # skips (or fails in CI) without a build
    return sorted((HTML / "chapters").glob("*.html"))


def test_every_page_prints_dates_in_words():
    """The book names an article by its outlet and date in words ("Hunan Daily, 20 November 2024"),
    and dates an event the same way, in tables, captions, chart source lines, prose, cards, entries
    and the appendices alike. On the stop-23 build the appendices and cards still printed the stored
    form: source headings "Hunan Daily, 2024-11-20" in Sources & method, event cards "Date: 2022-06-08",
    "from the page hy202304" in count entries; and a chart's alt text, which a screen reader reads
    (Figure 5.6's said "printed 2024-11-20")."""
    found = {}
    for path in book_pages():
        article = reader_soup(path.read_text(encoding="utf-8"))
        for node in article.select("code"):
            node.decompose()
        read = [article.get_text(" "), *(img.get("alt", "") for img in article.select("img"))]
        dates = ISO_DATE.findall(" ".join(" ".join(read).split()))
        if dates:
            found[path.name] = (len(dates), sorted(set(dates))[:6])
    assert not found, "dates in the stored form (house form: fmt_date, '20 November 2024'): " + repr(found)


def test_the_date_scan_finds_stored_dates_only():
    text = "Hunan Daily, 2024-11-20; Hengyang Daily, 2023-05; 20 November 2024; 2021–2025; data/x_2024-01.csv"
    assert ISO_DATE.findall(text) == ["2024-11-20", "2023-05"]


def test_chapter_tables_print_no_record_ids():
    ids, found = record_ids(), {}
    for path in chapter_pages():
        hits = ids_in_tables(reader_soup(path.read_text(encoding="utf-8")), ids)
        if hits:
            found[path.name] = hits[:8]
    assert not found, "record ids in chapter tables (the figure's link leads to the entry that shows it): " + repr(found)


def test_the_scan_reads_cards_and_tables_but_not_code():
    ids = frozenset({"hy_chain_output_jan_sep", "hy202304"})
    bad = reader_soup(
        '<article><table id="t"><tr><td>2024-01/2024-09</td><td><code>hy_chain_<wbr>output_<wbr>jan_sep</code></td>'
        '<td>hy202304</td></tr></table><p>x<span class="prov-card" hidden>'
        '<span class="prov-row">Period 2021/2025</span></span></p></article>')
    assert stored_periods(bad) == ["2024-01/2024-09", "2021/2025"]
    assert ids_in_tables(bad, ids) == [("t", "hy_chain_output_jan_sep"), ("t", "hy202304")]
    assert ids_in_tables(bad, ids, frozenset({"t"})) == []
    good = reader_soup(
        '<article><table id="t"><tr><td>January–September 2024</td><td>CNY 132.167 bn<span class="prov-card" hidden>'
        '<span class="prov-head">Record hy_chain_output_jan_sep</span></span></td></tr></table>'
        '<div class="highlight"><pre>db.fact("hy_chain_output_jan_sep")  # 2024-01/2024-09</pre></div>'
        '<p>on 2023-05-14, in 2021–2025, data/facts.csv</p></article>')
    assert stored_periods(good) == [] and ids_in_tables(good, ids) == []
