"""Every number the book prints from the data is one click from its source (issue 14), proved on
every built HTML page by elimination.

The test reads the body text of each page (the article, not the navigation) and takes out, in
turn, what is linked and what is allowed to stand unlinked. Any digit left over fails the test. The
allowed categories are few and each has its reason (:data:`ALLOWED_ELEMENTS`, :data:`ALLOWED_TEXT`):

Elements, taken out whole:

- *linked*: a provenance link with its card (``.prov``), or any link to a provenance entry (a
  derived entry's inputs link to their facts' entries);
- *entry*: a provenance entry itself (the Facts appendix, the derived entries at a page's end): it
  is the place a link lands, and shows the record as stored;
- *numbering*: the numbers of figures, tables, sections, equations and exercises, and the text of a
  cross-reference (a numbered name, or the title of the section or page it points to);
- *code and math*: code, code blocks and cell outputs printed as code, formulas (MathJax, and a
  table cell's formula set as Unicode text in HTML, ``.book-formula``: its digits are the method's
  constants, ``× 100``, and the inputs it names are linked in the next cell);
- *citation*: a citation (outlet and date, the bibliography key) and the bibliography's entries;
- *heading*: a heading (its figures, if any, are in the section it heads);
- *term*: a glossary term's name where it is defined or linked (its Chinese may hold digits);
- *web address*: a URL printed as the text of its link;
- *build report*: the execution report page's table of run times (figures about the build, not data);
- on single pages: the Facts appendix (the entries, with their counts), the evidence rules table
  (``data/evidence_classes.csv`` printed in full), the timeline table's event numbers.

Text, taken out of what is left:

- *data words*: a text the data package stores in a word column (a name, a title, a description, a
  note, a check's finding and likely reason) or its descriptor (a field's description), struck exactly as stored (:func:`data_words`): the
  figures written into it are words of the page or of the check. Where the record has an entry the
  text links to it (an event's title); a check's finding is the check's arithmetic on the figures it
  compares, linked beside it in the register and recomputed by the chapters' tests;
- *time*: a year, month, day or period (``2023``, ``January–September 2024``, ``2024-11``) in the
  book's own prose, a caption, a table: the time a sentence or a row is about, whose figure is
  linked. Not in prose or a list a notebook cell prints (:func:`printed_from_data`): a date there
  comes from a record and must be a link (``date_text``), as the timeline's axis-break years are;
- *identifier*: a record id, source id or file name (``hy202305``, ``nbs_ppi_2021.txt``);
- *name number*: a number that is part of a name (``14th Five-Year Plan``, ``4+4 programme``,
  ``7th joint meeting``, ``top-100``, ``5G``, ``Plant 272``, ``No. 10``, ``Python 3.11``).

Run with ``BOOK_HTML=/path/to/_build/html`` to count another build (the state before a change).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import ROOT, in_ci
from industrybook.data.database import load

HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))

# category -> CSS selector of elements that are taken out whole
ALLOWED_ELEMENTS = {
    "linked": ".prov, a.reference[href*='#fact-'], a.reference[href*='#place-'], a.reference[href*='#source-'], "
              "a.reference[href*='#event-'], a.reference[href*='#derived-']",
    "entry": ".book-entry, p.prov-derived",
    "numbering": ".caption-number, .section-number, .eqno, a.headerlink, .std-numref, .std-ref, .std-doc, "
                 "a.reference.internal[href^='#'] > span.std, .admonition-title, .exercise .admonition-title, "
                 "a.reference.internal[href*='.html']:not([href*='#']), nav, .toctree-wrapper",
    "code and math": "code, pre, kbd, .highlight, script, style, .math, mjx-container, .book-formula, div.output.stream",
    "citation": "a.reference.internal[href*='bibliography.html'], a.reference.internal[href^='#id'], "
                "div.citation, .citation-list, span.cite",
    "heading": "h1, h2, h3, h4, h5, h6, .rubric",
    "term": "span.xref.std-term, dl.glossary > dt",
    "web address": "a.reference.external",
}
# page -> [(category, selector)]: allowed on that page only
PAGE_ELEMENTS = {
    "chapters/execution.html": [("build report", "table")],
    "chapters/facts.html": [("entry", "section")],  # the Facts appendix is the entries, with their counts
    "chapters/evidence.html": [("entry", "table#tbl-ev-rules")],  # data/evidence_classes.csv in full: the rules as stored
    "chapters/timeline.html": [("numbering", "table#tl-events td:first-child")],  # the events' numbers
}
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
ALLOWED_TEXT = {
    "time": re.compile(
        rf"(?:\b\d{{1,2}}[\s\u00a0])?\b(?:{_MONTH})(?:[–-](?:{_MONTH}))?(?:[\s\u00a0]\d{{4}})?"
        r"|\b\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}-\d{2}(?:-\d{2})?)?"
        r"|\b(?:1[89]|20)\d{2}(?:s|[–/-](?:(?:1[89]|20)\d{2}|\d{2})\b)?"),
    "identifier": re.compile(r"(?<![\w.])[A-Za-z][\w.-]*\d[\w.-]*|\b\d+[\w-]*\.(?:csv|txt|json|png|svg)\b"),
    "name number": re.compile(r"\b\d+(?:st|nd|rd|th)\b|\d+\+\d+|\btop-\d+\b|\b\d+G\b|\b(?:Plant|No\.)\s\d+\b"
                              r"|\b(?:Debian|Python|Attribution|version)\s\d+(?:\.\d+)*"),
}
DIGIT = re.compile(r"\d")
# chapter pages that print no figure from the data outside their entries: the Facts appendix (the
# entries themselves), the glossary (terms), the execution report (the build's run times)
PRINT_NO_FIGURE = {"chapters/facts.html", "chapters/glossary.html", "chapters/execution.html"}
# string fields of the data package that hold a figure, a date or an id, not words
NOT_WORDS = {"value_printed", "locator_figure", "unit_printed", "unit", "period", "date", "published", "url", "file",
             "excerpt_file", "mirror"}
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def normal(text: str) -> str:
    """Text as compared: straight quotes (Sphinx curls them), single spaces."""
    return " ".join(text.translate(QUOTES).split())


@lru_cache(maxsize=1)
def data_words() -> tuple[str, ...]:
    """The texts of the data package's word columns (names, titles, descriptions, notes, findings)
    and of its descriptor (what each table and field holds) that hold a digit, longest first: words
    written in the data, struck from a page as stored."""
    db = load(sources_dir=None)
    words = set()
    for resource in db.schema["resources"]:
        frame = db.tables.get(resource["name"])
        for field in resource["schema"]["fields"]:
            if field.get("type", "string") != "string" or field["name"] in NOT_WORDS or frame is None:
                continue
            column = frame.index.to_series() if field["name"] == frame.index.name else frame.get(field["name"])
            if column is None:
                continue
            words |= {normal(str(v)) for v in column.dropna() if DIGIT.search(str(v)) and re.search(r"[^\W\d_]", str(v))}
    for resource in db.schema["resources"]:  # the descriptor's words: what each table and field holds
        texts = [resource.get("description", ""), *(f.get("description", "") for f in resource["schema"]["fields"])]
        words |= {normal(t) for t in texts if DIGIT.search(t)}
    return tuple(sorted(words, key=len, reverse=True))


def built_or_skip() -> None:
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail(f"{HTML} missing: run `make book` first")
        pytest.skip(f"{HTML} missing: run `make html` to check that every number is linked")


def pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html") if not p.relative_to(HTML).parts[0].startswith("_")
                  and p.name not in {"genindex.html", "search.html"})


def without_allowed_elements(article, page: str) -> dict[str, int]:
    """Take the allowed elements out of ``article`` (in place); how many digits each category took."""
    taken: dict[str, int] = {}
    for category, selector in [*ALLOWED_ELEMENTS.items(), *PAGE_ELEMENTS.get(page, [])]:
        found = article.select(selector)
        chosen = {id(node) for node in found}
        outermost = [node for node in found if not any(id(parent) in chosen for parent in node.parents)]
        taken[category] = taken.get(category, 0) + sum(len(DIGIT.findall(node.get_text())) for node in outermost)
        for node in found:
            node.decompose()
    return taken


def printed_from_data(block) -> bool:
    """A block of prose or a list a notebook cell printed (not a table, a caption or the book's own
    prose): every date in it comes from a record, so the time category does not cover it."""
    return block.find_parent("div", class_="cell_output") is not None and block.find_parent(
        ["table", "figcaption", "caption"]) is None and block.name not in ("td", "th", "caption", "figcaption")


def unlinked_digits(html: str, page: str = "") -> tuple[list[str], dict[str, int]]:
    """The stretches of a page's body text holding a digit that no allowed category accounts for,
    and the digits each category accounted for (``'linked'``: those inside links)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup.body or soup
    for comment in article.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    taken = without_allowed_elements(article, page)
    left = []
    for block in article.find_all(["p", "li", "td", "th", "dt", "dd", "figcaption", "caption", "div"]):
        if block.find(["p", "li", "td", "th", "dt", "dd", "figcaption", "caption", "div"]):
            continue  # the innermost blocks only, each text read once
        text = normal(block.get_text(""))  # inline spans (a value kept unbroken) join as the text runs
        if not DIGIT.search(text):
            continue
        for words in (w for w in data_words() if w in text):
            taken["data words"] = taken.get("data words", 0) + len(DIGIT.findall(words)) * text.count(words)
            text = text.replace(words, " ")
        for category, pattern in ALLOWED_TEXT.items():
            if category == "time" and printed_from_data(block):
                continue
            taken[category] = taken.get(category, 0) + sum(len(DIGIT.findall(m)) for m in pattern.findall(text))
            text = pattern.sub(" ", text)
        if DIGIT.search(text):
            left.append(" ".join(text.split()))
    return left, taken


@pytest.fixture(scope="module")
def counts() -> dict[str, tuple[list[str], dict[str, int]]]:
    built_or_skip()
    return {p.relative_to(HTML).as_posix(): unlinked_digits(p.read_text(encoding="utf-8"), p.relative_to(HTML).as_posix())
            for p in pages()}


def test_no_unlinked_number_on_any_page(counts, capsys):
    with capsys.disabled():
        print(f"\ndigits in body text per page ({HTML}): unlinked / linked / allowed by category")
        for page, (left, taken) in counts.items():
            allowed = ", ".join(f"{c} {n}" for c, n in taken.items() if n and c != "linked")
            print(f"  {page}: {sum(len(DIGIT.findall(t)) for t in left)} unlinked in {len(left)} blocks / "
                  f"{taken.get('linked', 0)} linked / {allowed}")
    problems = {page: left for page, (left, _) in counts.items() if left}
    assert not problems, "\n".join(f"{page}: {left[:8]}" for page, left in problems.items())
    chapters = [page for page in counts if page.startswith("chapters/") and page not in PRINT_NO_FIGURE]
    assert all(counts[page][1].get("linked", 0) > 0 for page in chapters), \
        [page for page in chapters if not counts[page][1].get("linked")]  # a page whose links vanished fails


def test_the_scan_finds_an_unlinked_number():
    page = ('<article class="bd-article"><h2>Output 2020–2022</h2>'
            '<p>In 2022 output was CNY 214.3 bn, up <span class="pasted-text prov"><a class="reference" href="#f">'
            '12.1%</a></span> (<a class="reference internal" href="#tbl"><span class="std std-numref">Table 2.1</span></a>;'
            ' <code>mf_output_2022</code>, hy202305, the 14th Five-Year Plan).</p>'
            '<ul><li>Hunan Daily, 2024-11-20: 20 projects worth 352.8亿元</li></ul>'
            '<div class="highlight"><pre>x = 3</pre></div><table><tr><td><span class="book-formula">(b/a − 1) × 100</span>'
            '</td></tr></table></article>')
    left, taken = unlinked_digits(page)
    assert left == ["In output was CNY 214.3 bn, up (; , , the ).", "Hunan Daily, : 20 projects worth 352.8亿元"]
    assert (taken["linked"], taken["numbering"], taken["heading"], taken["code and math"]) == (3, 2, 8, 9)
    assert taken["time"] == 12 and taken["data words"] > 0  # 2022 and 2024-11-20; the plan's name and the page id


def test_a_year_a_cell_prints_must_be_a_link():
    printed = ('<article class="bd-article"><p>In 2022 output rose.</p><div class="cell_output">'
               '<p>The date axis is broken between 1937 and 2020.</p><table><tr><td>2022</td></tr></table></div></article>')
    left, _ = unlinked_digits(printed)
    assert left == ["The date axis is broken between 1937 and 2020."]


def test_data_words_are_words_never_a_bare_figure():
    words = data_words()
    assert "20 projects worth CNY 35.28 bn (352.8亿元) signed at the forum" in words  # an event's title, struck only whole
    assert all(re.search(r"[^\W\d_]", w) for w in words)
    assert not any(w in words for w in ("352.8", "2154.04亿元", "CNY 10 bn"))  # figures as printed are not words
