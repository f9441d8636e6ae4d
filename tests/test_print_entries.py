"""A page's derived entries (industrybook.tooling.sphinxext.DerivedEntries, PrintDerivedEntries): in
HTML what the counts rest on is said once, before them; in print a family of counts is set as one
paragraph, a count that a numbered table of the page prints is not repeated but named by its column
and table, and every count keeps its anchor.

The built-book checks read this worktree's _build (``BOOK_HTML=/path/to/_build/html`` and
``BOOK_PDF=/path/to/book.pdf`` read another build, e.g. the one before a change)."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx import addnodes

from conftest import ROOT, in_ci
from industrybook.tooling.sphinxext import (COUNTS_LEAD, NO_SINGLE_RECORD, count_family, counted_paragraphs,
                                            derived_paragraph, print_entries, table_columns_showing)

HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
PDF = Path(os.environ.get("BOOK_PDF", ROOT / "_build" / "pdf" / "book.pdf"))
PAGES_WITH_COUNTS = ["data_dictionary", "sources_method", "evidence"]


def count(formula: str, printed: str, label: str):
    return [nodes.target("", "", ids=[label], names=[label])], {"formula": formula, "printed": printed,
                                                                  "inputs": {}, "ids": []}


def test_a_count_family_is_its_formula_without_the_last_word():
    assert count_family("number of rows of data/facts.csv with a value in fact_id") == (
        "number of rows of data/facts.csv with a value in", "fact_id")
    assert count_family("number of claims") == ("number of claims", "")
    assert count_family("number of source pages dated to the day") == ("number of source pages dated to the day", "")


def test_counts_of_one_family_share_a_paragraph_and_keep_their_anchors():
    """A family's counts gather wherever they stand on the page; the others run together."""
    counts = [count("number of rows of data/facts.csv", "237", "n-facts"),
              count("number of rows of data/units.csv with a value in unit", "20", "u-unit"),
              count("number of claims", "40", "n-claims"),
              count("number of rows of data/units.csv with a value in factor", "19", "u-factor")]
    assert [p.astext() for p in counted_paragraphs(counts)] == [
        "Number of rows of data/units.csv with a value in: unit 20; factor 19.",
        "237: number of rows of data/facts.csv; 40: number of claims."]
    anchors = [t["ids"][0] for p in counted_paragraphs(counts) for t in p.findall(nodes.target)]
    assert anchors == ["u-unit", "u-factor", "n-facts", "n-claims"]


def test_no_counts_no_paragraphs():
    assert counted_paragraphs([]) == []


def test_a_count_entry_no_longer_says_what_it_rests_on():
    """The lead before the page's counts says it once; the entry is the number and its formula."""
    paragraph = derived_paragraph({"formula": "number of claims", "inputs": {}, "ids": []}, "40")
    assert paragraph.astext() == "40: number of claims."
    assert NO_SINGLE_RECORD not in paragraph.astext() and COUNTS_LEAD.endswith(":")


def test_a_count_in_arithmetic_reads_as_an_equation():
    """"4: 2024 − 2020." read as a bare formula after a colon (the second proof-read, stop 24); in
    print the arithmetic is math."""
    record = {"formula": "2024 - 2020", "inputs": {}, "ids": []}
    assert derived_paragraph(record, "4").astext() == "4 = 2024 − 2020."
    printed = derived_paragraph(record, "4", print_form=True)
    assert printed.astext() == "4 = 2024 - 2020." and len(list(printed.findall(nodes.math))) == 1
    assert [p.astext() for p in counted_paragraphs([count("2024 - 2020", "4", "n-years")])] == ["4 = 2024 - 2020."]


def test_html_entries_write_formulas_as_text_that_wraps():
    """On a phone an entry's formula as a MathJax box ran past the column and was cut off with no cue
    ("… − 1) ×"): in HTML it is the tables' text form (span.book-formula: italic symbols, raised
    exponents), which breaks between terms; a symbol of words joined by a hyphen is one italic run,
    which CSS keeps on one line ("at-listing" broke at its hyphen)."""
    from industrybook.tooling.sphinxext import formula_text, symbol_nodes

    shown = formula_text("((c/l)^½ − 1) × 100")
    assert "book-formula" in shown["classes"] and shown.astext() == "((c/l)½ − 1) × 100"
    [symbol] = symbol_nodes("at_listing", print_form=False)
    assert [e.astext() for e in symbol.findall(nodes.emphasis)] == ["at-listing"]
    assert [n.astext() for n in symbol_nodes("at_listing", print_form=True)] == [r"\textit{at-listing}"]
    raised = formula_text("(1 + g/100)^(t − 2020)")
    assert [s.astext() for s in raised.findall(nodes.superscript)] == ["t − 2020"]


def page_with_table(cells: list[tuple[str, str]], prose_labels: list[str]) -> nodes.document:
    """A page holding one numbered table (heading "Filled"; each cell a link to a derived label) and
    a paragraph linking ``prose_labels``."""
    document = new_document("test", get_default_settings(Parser))

    def link(label, text):
        return addnodes.pending_xref("", nodes.inline(text, text), reftarget=label, refdomain="std", reftype="ref")

    table = nodes.table("", nodes.title("", "Fields"), names=["tbl-fields"], ids=["tbl-fields"])
    group = nodes.tgroup(cols=2)
    group += [nodes.colspec(colwidth=1), nodes.colspec(colwidth=1)]
    group += nodes.thead("", nodes.row("", nodes.entry("", nodes.paragraph("", "Field")),
                                       nodes.entry("", nodes.paragraph("", "Filled"))))
    group += nodes.tbody("", *[nodes.row("", nodes.entry("", nodes.paragraph("", field)),
                                         nodes.entry("", nodes.paragraph("", "", link(label, "5"))))
                               for field, label in cells])
    table += group
    document += table
    document += nodes.paragraph("", "", *[link(label, "7") for label in prose_labels])
    return document


def test_the_numbers_a_numbered_table_prints_are_found_with_their_column():
    document = page_with_table([("source_id", "derived-a"), ("file", "derived-b")], ["derived-c"])
    assert table_columns_showing(document) == {"derived-a": ("tbl-fields", "Filled"),
                                               "derived-b": ("tbl-fields", "Filled")}


def listing_of(*entries: tuple[str, str, str]) -> nodes.container:
    """A prov-derived-list container as DerivedEntries makes it: (label, formula, printed) counts."""
    listing = nodes.container(classes=["prov-derived-list"])
    for label, formula, printed in entries:
        targets, record = count(formula, printed, label)
        entry = nodes.container("", *targets, classes=["book-entry"])
        entry["derived_record"] = record
        listing += entry
    return listing


def test_print_names_the_table_column_instead_of_repeating_its_counts():
    """Counts a table prints are one clause naming the column and the table, holding their anchors;
    a count no table prints is still listed with its value; the lead is said once."""
    listing = listing_of(("derived-a", "number of rows of data/x.csv with a value in source_id", "5"),
                         ("derived-b", "number of rows of data/x.csv with a value in file", "4"),
                         ("derived-c", "number of claims", "7"))
    document = page_with_table([("source_id", "derived-a"), ("file", "derived-b")], ["derived-c"])
    printed = print_entries(listing, table_columns_showing(document), ["tbl-fields"])
    text = printed.astext()
    assert text.count(COUNTS_LEAD.replace("'", "’")) == 1  # set curly in print
    assert "source_id 5" not in text and "file 4" not in text
    assert "the Filled column of Table %s (2 counts)" in text  # %s: the number, filled in by Sphinx
    assert "7: number of claims" in text
    [ref] = [x for x in printed.findall(addnodes.pending_xref) if x["reftype"] == "numref"]
    assert ref["reftarget"] == "tbl-fields"
    assert sorted(t["ids"][0] for t in printed.findall(nodes.target)) == ["derived-a", "derived-b", "derived-c"]


def test_tables_that_follow_one_another_are_named_as_a_range():
    from industrybook.tooling.sphinxext import tables_named

    order = ["t1", "t2", "t3", "t4", "t5"]
    assert " ".join(n.astext() for n in tables_named(["t2", "t3", "t4"], order)) == "Tables %s – %s"
    assert " ".join(n.astext() for n in tables_named(["t1", "t3"], order)) == "Tables %s  and  %s"
    assert [n["reftarget"] for n in tables_named(["t1", "t3", "t5"], order) if "reftarget" in n] == ["t1", "t3", "t5"]


def test_the_print_form_sets_curly_quotes_but_leaves_code():
    from industrybook.tooling.sphinxext import set_curly_quotes

    block = nodes.container("", nodes.paragraph("", "the book's tables, status 'unresolved'",
                                                nodes.literal("x['a']", "x['a']")))
    set_curly_quotes(block)
    assert block[0][0].astext() == "the book’s tables, status ‘unresolved’"
    assert block.findall(nodes.literal).__next__().astext() == "x['a']"


def built(path: Path) -> Path:
    if not path.exists():
        if in_ci():
            pytest.fail(f"{path} missing: run `make book` first")
        pytest.skip(f"{path} missing: run `make book` to test the built entries")
    return path


@pytest.mark.parametrize("page", PAGES_WITH_COUNTS)
def test_html_says_what_the_counts_rest_on_once_per_page(page):
    """Outside the hidden cards (one per link, shown alone), the page says it once, as the counts' lead,
    and still has an entry, with its anchor, for every count."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(built(HTML / "chapters" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    for card in soup.select(".prov-card"):
        card.decompose()
    phrase = re.compile(NO_SINGLE_RECORD.replace("'", "[’']"), re.I)
    assert len(phrase.findall(soup.get_text())) == 1
    counts = soup.select(".prov-derived-counts .book-entry")
    assert len(counts) >= 10 and all(entry.select_one("span.target[id^=derived-]") for entry in counts)


def test_print_does_not_repeat_the_filled_column_of_the_data_dictionary():
    """The old print form listed "number of rows of data/facts.csv with a value in: fact_id 237; …"
    for every table, the Filled column of Tables C.3–C.24 over again."""
    built(PDF)
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext) is not installed")
    text = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "with a value in:" not in flat
    assert re.search(r"the Filled column of Tables C\.\d+\s?–\s?C\.\d+", flat)
    assert flat.count("not read from one record") <= flat.count("derived numbers come from")


def test_columns_of_the_same_tables_are_named_together():
    from industrybook.tooling.sphinxext import tabled_paragraph

    def shown(label, table, heading):
        targets, record = count("number of x", "1", label)
        return targets, (table, heading), record

    tabled = [shown("a", "t1", "Rows"), shown("b", "t1", "Fields"), shown("c", "t2", "Filled"),
              shown("d", "t3", "Filled")]
    [paragraph] = tabled_paragraph(tabled, ["t1", "t2", "t3"])
    assert paragraph.astext() == ("The page’s tables print these counts, not repeated here: the Rows and Fields "
                                  "columns of Table %s (2 counts); the Filled column of Tables %s and %s (2 counts).")
    assert [t["ids"][0] for t in paragraph.findall(nodes.target)] == ["a", "b", "c", "d"]
