"""Record ids belong to the data appendix (issue 16): a chapter page names a fact by its figure, a
source by its outlet and date, a release by its publisher, each linked to the entry that shows the
id, and the Facts appendix says where an entry is used in short numbered references.

Read from the built HTML (``make html``; ``BOOK_HTML=/path/to/_build/html`` checks another build).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup
from test_every_number_linked import HTML, built_or_skip

from industrybook.data.database import load

# the data appendix: pages that show records as stored, ids included
DATA_APPENDIX = {"data_dictionary", "facts", "sources_method", "reconciliation", "execution"}
# hidden hover cards and the derived entries at a page's end: provenance entries, which name the id
ENTRIES = ".prov-card, .prov-derived, .prov-derived-list"
# (chapter tables are checked by tests/test_reader_forms.py::test_chapter_tables_print_no_record_ids)
TOKEN = re.compile(r"[A-Za-z0-9_]+")


@lru_cache(maxsize=1)
def record_ids() -> frozenset[str]:
    """The ids of every record with an entry (facts, benchmarks, map points, events, sources) and of
    every check of the register (a check is named by its topic)."""
    db = load(sources_dir=None)
    return frozenset(i for name in ("facts", "benchmarks", "places", "events", "sources", "reconciliations")
                     if name in db.tables for i in db.tables[name].index)


def chapter_pages() -> list[Path]:
    return sorted(p for p in (HTML / "chapters").glob("*.html") if p.stem not in DATA_APPENDIX)


def article(page: Path):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article") or soup
    for entry in body.select(ENTRIES):
        entry.decompose()
    return body


def ids_in(text: str) -> set[str]:
    return set(TOKEN.findall(text)) & record_ids()


def test_no_chapter_prose_prints_a_record_id():
    """Outside tables, code cells and exercises (which name the records a reader is to look up): the
    prose, its code spans (``sp_latest_year`` in backticks is still an id), and the lists cells print (the register's findings)."""
    built_or_skip()
    found = {}
    for page in chapter_pages():
        body = article(page)
        for skipped in body.select("table, pre, .cell_input, .exercise, .solution"):
            skipped.decompose()
        shown = ids_in(body.get_text(""))
        if shown:
            found[page.stem] = sorted(shown)[:5]
    assert not found, f"record ids printed in chapter prose: {found}"


SHORT_REFERENCE = re.compile(r"^(?:§\d+|App\. [A-Z])$")


def test_facts_appendix_says_where_used_in_short_references_in_contents_order():
    built_or_skip()
    soup = BeautifulSoup((HTML / "chapters" / "facts.html").read_text(encoding="utf-8"), "html.parser")
    uses = soup.select(".prov-uses")
    assert len(uses) > 100, "the Facts appendix lists where each entry is used"
    long = set()
    for use in uses:
        links = use.find_all("a")
        texts = [a.get_text() for a in links]
        numbered = [t for t in texts if SHORT_REFERENCE.match(t)]
        # an unnumbered page (the summary) keeps its title, which is short
        long |= {t for t in texts if not SHORT_REFERENCE.match(t) and len(t) > 20}
        chapters = [int(t[1:]) for t in numbered if t.startswith("§")]
        assert chapters == sorted(chapters), f"references out of order: {texts}"
        assert all(a.get("title") for a in links if SHORT_REFERENCE.match(a.get_text())), \
            "a short reference carries its page's title for hover"
    assert not long, f"'Used in' names pages by full title: {sorted(long)[:3]}"
