"""The built PDF, opened as a reader would: Chinese fonts embedded, every chapter and figure present,
no wide overfull boxes."""
import re
import shutil
import subprocess
from typing import NamedTuple

import pytest
import yaml

from conftest import ROOT, in_ci

PDF = ROOT / "_build" / "pdf" / "book.pdf"
LATEX_LOG = ROOT / "_build" / "latex" / "book.log"
MAX_OVERFULL_PT = 6.0


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        if in_ci():
            pytest.fail(f"{PDF} missing: run `make book` first")
        pytest.skip(f"{PDF} missing: run `make book` to test the PDF")
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext, pdffonts) is not installed")
    return PDF


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [c["file"] for part in toc["parts"] for c in part["chapters"]]


def test_page_count(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 40 <= pages <= 400, pages


def test_cjk_fonts_embedded(pdf):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk), cjk


def test_chinese_and_chapter_titles_in_text(pdf):
    text = _text(pdf)
    for word in ["衡阳", "输变电", "水口山", "长株潭"]:
        assert word in text, word
    import nbformat

    for f in toc_files():
        path = ROOT / (f + ".ipynb")
        if not path.exists():
            path = ROOT / (f + ".md")
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            source = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        else:
            source = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", source, re.M).group(1).strip()
        squeezed = re.sub(r"\s+", " ", text)
        # LaTeX may hyphenate or upper-case chapter heads; compare the first words case-insensitively
        head = " ".join(title.split()[:3]).lower()
        assert head in squeezed.lower(), (f, title)


def test_every_figure_present(pdf):
    """Each figure in the HTML book is numbered in the PDF too."""
    text = _text(pdf)
    captions = re.findall(r"Figure ([0-9A-Z]+\.\d+)", text)  # appendices: Figure A.1
    html_figs = 0
    for page in (ROOT / "_build" / "html" / "chapters").glob("*.html"):
        html_figs += len(re.findall(r'<figure class="[^"]*" id="fig-', page.read_text(encoding="utf-8")))
    assert len(set(captions)) >= html_figs >= 16, (len(set(captions)), html_figs)


def test_no_wide_overfull_boxes():
    if not LATEX_LOG.exists():
        pytest.skip("no LaTeX log")
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)",
                                           LATEX_LOG.read_text(encoding="utf-8", errors="replace"))]
    wide = [w for w in widths if w > MAX_OVERFULL_PT]
    assert not wide, f"{len(wide)} overfull boxes wider than {MAX_OVERFULL_PT}pt: {sorted(wide)[-5:]}"


# --- the published finish (issue 16): page flow, glyphs, front matter -----------------------------

# A page with less text than this (about five lines) must be one that is meant to be short.
MIN_PAGE_CHARS = 350


def _log() -> str:
    if not LATEX_LOG.exists():
        if in_ci():
            pytest.fail(f"{LATEX_LOG} missing: run `make book` first")
        pytest.skip("no LaTeX log")
    return LATEX_LOG.read_text(encoding="utf-8", errors="replace")


def _pages(pdf) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    pages = _text(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _body(text: str) -> str:
    """A page's text without its running head (the first line, which ends with the book's short
    title) and its page number (a last line of digits or roman numerals)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[0].rstrip().endswith("Hengyang and Hunan"):
        lines = lines[1:]
    if lines and re.fullmatch(r"\s*([0-9]+|[ivxlc]+)\s*", lines[-1]):
        lines = lines[:-1]
    return "\n".join(lines)


def _meant_to_be_short(number: int, text: str) -> bool:
    """The title page, a part's opening page, a chapter's opening page, or a page holding a figure."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = [part["caption"] for part in toc["parts"]]
    squeezed = re.sub(r"\s+", " ", text).strip()
    heading = re.sub(r"\s*\d+$", "", squeezed)  # without the page number
    return (number == 1 or any(re.fullmatch(rf"(Part [IVX]+ )?{re.escape(p)}", heading) for p in parts)
            or bool(re.search(r"\b(CHAPTER|APPENDIX) [A-Z]+\b", squeezed[:80]))  # fncychap: "CHAPTER ONE", "APPENDIX A"
            or bool(re.search(r"Figure [0-9A-Z]+\.\d+", squeezed)))


def test_no_overfull_vbox():
    """No table, figure or box runs over the running foot."""
    boxes = re.findall(r"Overfull \\vbox \((\d+(?:\.\d+)?)pt too high\)", _log())
    assert not boxes, f"{len(boxes)} overfull vboxes: {boxes[:5]}"


def test_no_missing_glyph():
    """Every character the book prints is in one of its fonts (no boxes for ₀, ✅ ...)."""
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", _log())))
    assert not missing, missing


def test_no_blank_or_stub_page(pdf):
    pages = [_body(t) for t in _pages(pdf)]
    blank = [i for i, t in enumerate(pages, 1) if not t.strip()]  # nothing but a running head, if that
    assert not blank, f"blank pages: {blank}"
    stubs = [(i, len(re.sub(r"\s", "", t))) for i, t in enumerate(pages, 1)
             if len(re.sub(r"\s", "", t)) < MIN_PAGE_CHARS and not _meant_to_be_short(i, t)]
    assert not stubs, f"pages with under {MIN_PAGE_CHARS} characters (page, characters): {stubs}"


DERIVED_HEADING = re.compile(r"Where this page.s derived numbers come from")


def test_derived_entries_are_compact_in_print(pdf):
    """Each page's derived numbers in print: no glue keys (internal names), what a count rests on
    said once per page, formulas in math (no Python ``**`` or ``) * 100`` in those sections)."""
    text = _text(pdf)
    sections = DERIVED_HEADING.split(text)[1:]
    assert sections, "no page lists its derived numbers"
    squeezed = [re.sub(r"\s+", " ", section.split("CHAPTER")[0]) for section in sections]
    assert not [s for s in squeezed if "Glue key" in s]
    assert text.count("not read from one record") <= len(sections)
    python = [m.group(0) for s in squeezed for m in re.finditer(r".{30}(?:\*\*|\) \* 100).{10}", s)]
    assert not python, python[:5]


WHITE_BAND_FILL = 0.75  # a page whose body ends above this fraction of the text area looks unfinished


class PageFill(NamedTuple):
    fill: float  # how far down the text area the last body line reaches, 0 to 1
    first: str  # the first body line
    last_block: str  # the last paragraph (pdftotext's block) above the page number
    opener: bool  # no running head: the title page, a contents page, a part's or a chapter's opening page
    start: float = 0.0  # how far down the text area the first body line starts, 0 to 1


def _page_fills(pdf) -> list[PageFill]:
    """Each page's fill, first body line, last block and whether it opens a chapter or part, from
    pdftotext's word boxes. The text area runs from the top margin to the foot most full pages reach
    (the 90th percentile of the pages' last lines)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    line = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S)
    block = re.compile(r"<block .*?</block>", re.S)
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.S):
        lines = [(float(top), float(bottom), " ".join(re.findall(r">([^<]*)</word>", words)))
                 for top, bottom, words in line.findall(body)]
        # without the running head (in the top margin) and the page number (a line of digits alone)
        head = [x for x in lines if x[1] <= 0.07 * float(height)]
        texts = [" ".join(re.findall(r">([^<]*)</word>", b)) for b in block.findall(body)]
        last = next((t for t in reversed(texts) if not re.fullmatch(r"[0-9ivxlc]+", t)), "")
        pages.append(([x for x in lines if x[1] > 0.07 * float(height) and not re.fullmatch(r"[0-9ivxlc]+", x[2])],
                      last, not any(x[2].endswith("Hengyang and Hunan") for x in head)))
    top = min(x[0] for body, _, _ in pages for x in body)
    ends = sorted(max(x[1] for x in body) for body, _, _ in pages if body)
    bottom = ends[int(len(ends) * 0.9)]
    return [PageFill((max(x[1] for x in body) - top) / (bottom - top) if body else 0.0, body[0][2] if body else "",
                     last, opener, (min(x[0] for x in body) - top) / (bottom - top) if body else 0.0)
            for body, last, opener in pages]


def test_no_white_band_before_a_solution(pdf, capsys):
    """A solution may break across pages (_latex/bookprint.sty), so no page ends in a white band
    because the solution that follows it moved whole to the next page."""
    fills = _page_fills(pdf)
    with capsys.disabled():
        under = [f"{n}: {page.fill:.0%}" for n, page in enumerate(fills, 1) if page.fill < WHITE_BAND_FILL]
        print(f"\npage fill: median {sorted(page.fill for page in fills)[len(fills) // 2]:.0%}; "
              f"pages under {WHITE_BAND_FILL:.0%}: {', '.join(under)}")
    bands = [(n, f"{page.fill:.0%}") for n, (page, following) in enumerate(zip(fills, fills[1:]), 1)
             if page.fill < WHITE_BAND_FILL and following.first.startswith("Solution to Exercise")]
    assert not bands, f"pages ending in a white band before a solution (page, fill): {bands}"


# A page whose text ends above this fraction of the text area has a white band that a reader takes
# for the end of something; only a chapter's (or a part's, the contents') last page and a page of
# figures may. (Stop 21's PDF: 51% before the full-page map of chapter 4, where two figures waiting
# at a section's end emptied the page, and 53% before appendix D.4, whose short table asked for room
# for all of it.)
MIN_PAGE_FILL = 0.60


def pages_ending_short(fills: list[PageFill]) -> list[tuple[int, str]]:
    """(PDF page, fill) for each page under MIN_PAGE_FILL that is neither the last before a page that
    opens a chapter or part (or the book's last) nor one that ends with a figure's caption (a page of
    figures, or a figure placed where it stands); and each page that ends with a figure's caption
    under WHITE_BAND_FILL with its first line at the top: a figure above a white band (LaTeX centres
    the figures of a page that holds figures alone)."""
    short = []
    for number, page in enumerate(fills, 1):
        ends_section = number == len(fills) or fills[number].opener
        ends_with_figure = re.match(r"Figure [0-9A-Z]+\.\d+:", page.last_block)
        lone_top_figure = ends_with_figure and page.start < 0.05 and page.fill < WHITE_BAND_FILL
        if not ends_section and ((page.fill < MIN_PAGE_FILL and not ends_with_figure) or lone_top_figure):
            short.append((number, f"{page.fill:.0%}"))
    return short


def test_a_page_ending_short_is_found():
    full, opener = PageFill(0.95, "text", "text", False), PageFill(0.8, "CHAPTER", "text", True)
    fills = [full, PageFill(0.5, "Table 4.1", "text", False), full,
             PageFill(0.7, "text", "Figure 4.2: Distances", False, 0.3),  # a page of figures, centred
             PageFill(0.68, "The metro area's core", "Figure 4.1: Schematic map", False),  # a lone figure at the top
             PageFill(0.3, "text", "text", False), opener,  # a chapter's last page, the next one's first
             PageFill(0.59, "text", "text", False), PageFill(0.2, "text", "text", False)]  # ... the book's last
    assert pages_ending_short(fills) == [(2, "50%"), (5, "68%"), (8, "59%")]


def test_no_page_ends_in_a_white_band(pdf):
    short = pages_ending_short(_page_fills(pdf))
    assert not short, (f"pages that end under {MIN_PAGE_FILL:.0%} of the text area, or with a figure under "
                       f"{WHITE_BAND_FILL:.0%} (page, fill): {short}")


# The word spaces of a table caption's line differ by at most this much from the book's usual one
# (the median over all captions): longtable justified a caption of two lines in its 4 in box,
# stretching its spaces (up to 3.3 pt against 2.1 pt) or shrinking them (1.5 pt).
MOST_CAPTION_SPACE_CHANGE_PT = 0.3


def caption_word_spaces(pdf) -> list[tuple[int, str, float]]:
    """(PDF page, caption start, median space between words) for each table caption's first line."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
    found = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", xml, re.S), 1):
        for line in re.findall(r"<line .*?</line>", page, re.S):
            words = word.findall(line)
            text = " ".join(w[2] for w in words)
            if re.match(r"Table [0-9A-Z]+\.\d+:", text) and len(words) > 4:
                spaces = sorted(float(b[0]) - float(a[1]) for a, b in zip(words, words[1:]))
                found.append((number, text[:40], spaces[len(spaces) // 2]))
    return found


def test_table_captions_are_ragged_right(pdf):
    """A caption of more than one line is set ragged right (_latex/bookprint.sty), its word spaces
    as wide as a one-line caption's."""
    spaces = caption_word_spaces(pdf)
    usual = sorted(space for _, _, space in spaces)[len(spaces) // 2]
    changed = [(page, start, round(space, 1)) for page, start, space in spaces
               if abs(space - usual) > MOST_CAPTION_SPACE_CHANGE_PT]
    assert not changed, f"captions with stretched or shrunk word spaces (page, caption, pt; usual {usual:.1f} pt): {changed[:6]}"


def test_front_matter(pdf):
    """The title page carries the edition date (the newest source page's date, not the build epoch),
    the introduction has a heading, and the bibliography is listed once."""
    from industrybook.data.database import load
    from industrybook.tooling.edition import edition_date

    pages = _pages(pdf)
    title = re.sub(r"\s+", " ", pages[0])
    assert f"Edition of {edition_date(load('sources', sources_dir=None).sources.to_dict('records'))}" in title, title
    assert "Jan 01, 2026" not in title
    intro = next(i for i, p in enumerate(pages) if "This book reads" in p)
    assert "INTRODUCTION" in pages[intro].upper()
    contents = re.sub(r"\s+", " ", " ".join(pages[1:intro]))  # between the title page and the introduction
    assert "CONTENTS" in contents.upper()
    assert contents.count("Bibliography") == 1, contents
    assert "Introduction" in contents


def test_edition_date_is_the_newest_source():
    from industrybook.data.database import load
    from industrybook.data.paths import DATA_DIR
    from industrybook.tooling.edition import edition_date, source_rows

    sources = [{"date": "2023-04", "date_precision": "month"}, {"date": "2026-01-24", "date_precision": "day"},
               {"date": "2025-12-14", "date_precision": "day"}]
    assert edition_date(sources) == "24 January 2026"
    assert edition_date(sources[:1]) == "April 2023"
    assert edition_date([{"date": "2024", "date_precision": "year"}]) == "2024"
    # the build reads sources.csv without pandas; the date is the one load() would give
    assert edition_date(source_rows(DATA_DIR)) == edition_date(load("sources", sources_dir=None).sources.to_dict("records"))


def test_edition_date_names_a_malformed_date():
    from industrybook.tooling.edition import edition_date

    with pytest.raises(ValueError, match=r"data/sources.csv, line 3, field 'date': '2023-4'"):
        edition_date([{"date": "2023-4", "date_precision": "month", "_file": "sources.csv", "_line": 3}])


def test_every_table_is_numbered(pdf):
    """Every table in the print edition has a numbered caption: as many 'Table N.M' captions as
    longtables in the LaTeX source."""
    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    tables = tex.count("\\begin{longtable}")
    captioned = len(re.findall(r"\\begin\{longtable\}.*?\n\\sphinxthelongtablecaptionisattop", tex))
    assert tables and captioned == tables, (captioned, tables)


def test_no_empty_cell_adds_a_blank_line(pdf):
    """An empty cell must not hold an empty paragraph: LaTeX would set it as a blank line and the
    row would stand a line taller than its text (Table 1.4 had ten such rows)."""
    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    blank_cells = re.findall(r"\\sphinxAtStartPar\n\n(?=&|\\bookprintrow|\\\\)", tex)
    assert not blank_cells, f"{len(blank_cells)} empty cells set as a blank line"


# --- tables across pages (issue 16): no stray rows, no foot left alone, captions in both editions -

def _table_rows() -> dict[int, dict[str, list[tuple[int, int]]]]:
    """Each printed table's body rows, as (row, estimated lines), by the page (as numbered in the
    foot) they are printed on, from the marks industrybook.tooling.printlayout writes to the LaTeX log."""
    marks = re.findall(r"^bookprint-row: table (\d+) row (\d+) of (\d+) \((\d+) lines\) on page (\S+)$", _log(), re.M)
    assert marks, "no row marks in the LaTeX log: is industrybook.tooling.printlayout loaded?"
    tables: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for table, row, rows, lines, page in marks:
        tables.setdefault(int(table), {}).setdefault(page, []).append((int(row), int(lines)))
        assert int(row) <= int(rows), (table, row, rows)
    return tables


def test_every_row_is_marked_once():
    for table, pages in _table_rows().items():
        rows = sorted(r for on_page in pages.values() for r, _ in on_page)
        assert rows == list(range(1, len(rows) + 1)), (table, rows)


def test_broken_table_keeps_three_rows_on_its_first_and_last_page():
    """A table broken across pages starts and ends with at least LEAST_ROWS_ON_A_PAGE rows, or with
    rows of at least LEAST_LINES_ON_A_PAGE lines (pages in between are full of it)."""
    from industrybook.tooling.printlayout import LEAST_LINES_ON_A_PAGE, LEAST_ROWS_ON_A_PAGE

    def order(page: str) -> int:
        return int(page) if page.isdigit() else -1  # front matter (roman) before the body

    stray = []
    for table, pages in _table_rows().items():
        if len(pages) < 2:
            continue
        ordered = sorted(pages, key=order)
        for page in (ordered[0], ordered[-1]):
            rows = pages[page]
            if len(rows) < LEAST_ROWS_ON_A_PAGE and sum(lines for _, lines in rows) < LEAST_LINES_ON_A_PAGE:
                stray.append((table, page, len(rows)))
    assert not stray, f"(table, page, rows) with fewer than {LEAST_ROWS_ON_A_PAGE} rows: {stray}"


def test_no_table_foot_alone(pdf):
    """Every page saying a table "continues on next page" holds some of that table's rows (a
    longtable that could not start used to leave its foot alone at the bottom of the page before)."""
    pages_with_rows = {page for pages in _table_rows().values() for page in pages}
    alone = []
    for text in _pages(pdf):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and "continues on next page" in text and lines[-1] not in pages_with_rows:
            alone.append(lines[-1])
    assert not alone, f"pages with a table's foot and none of its rows: {alone}"


def derived_labels(source: str) -> list[tuple[str, str]]:
    """(glue key, label) of each row a chapter module's ``derived_frame`` table lists."""
    blocks = re.findall(r'derived_frame\(\w+, """(.*?)"""', source, re.S)
    return [(key.strip(), label.strip()) for block in blocks for key, _, label in
            (line.partition(":") for line in block.splitlines() if line.strip())]


def test_every_derived_measure_reads_alone():
    """A derived-measures table's row names its measure in full: a label that went on from the row
    above ("less the printed 2020 level") read, lower-case, as a row broken in two (Table 1.7)."""
    source = 'derived_frame(t, """\n    ov-a: Chain output 2021\n    ov-b:   as a share of 2022\n    """)'
    assert derived_labels(source) == [("ov-a", "Chain output 2021"), ("ov-b", "as a share of 2022")]
    lower = [(path.stem, key, label) for path in sorted((ROOT / "industrybook" / "chapters").glob("*.py"))
             for key, label in derived_labels(path.read_text(encoding="utf-8")) if label[:1].islower()]
    assert not lower, f"derived measures whose label starts lower-case (module, key, label): {lower}"


def test_page_may_break_only_after_the_first_and_before_the_last_rows():
    from industrybook.tooling.printlayout import may_break_after

    assert [r for r in range(1, 10) if may_break_after(r, 10, least=3)] == [3, 4, 5, 6, 7]
    assert not any(may_break_after(r, 5, least=3) for r in range(1, 5))  # too short to break
    assert [r for r in range(1, 6) if may_break_after(r, 6, least=3)] == [3]
    # rows of 12 lines and more may stand alone at either end
    assert [r for r in range(1, 6) if may_break_after(r, 6, least=3, lines=[12, 1, 1, 1, 1, 1], least_lines=12)] == [1, 2, 3]
    assert [r for r in range(1, 4) if may_break_after(r, 4, least=3, lines=[6, 6, 6, 6], least_lines=12)] == [2]


def _html_tables(page) -> list[str | None]:
    """Each table's caption text on a built HTML page (None for a table without one)."""
    import html as html_text

    found = []
    for table in re.findall(r"<table\b.*?</table>", page.read_text(encoding="utf-8"), re.S):
        table = re.sub(r'<a class="headerlink".*?</a>', "", table, flags=re.S)
        caption = re.search(r"<caption\b.*?>(.*?)</caption>", table, re.S)
        found.append(html_text.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", caption.group(1))).strip())
                     if caption else None)
    return found


def test_tables_are_captioned_alike_in_both_editions(pdf):
    """Every table in the HTML book has a numbered caption, as in print, and there are as many
    tables on screen as in print; the execution statistics table, which myst-nb makes without a
    caption, has the same one in both."""
    from industrybook.tooling.printlayout import EXECUTION_TABLE_CAPTION

    pages = [ROOT / "_build" / "html" / (f + ".html") for f in ["intro", *toc_files()]]
    captions = {page.stem: _html_tables(page) for page in pages if page.exists()}
    uncaptioned = [name for name, found in captions.items() if None in found]
    assert not uncaptioned, f"HTML tables without a caption on: {uncaptioned}"
    unnumbered = [(name, c) for name, found in captions.items() for c in found if not re.match(r"Table [0-9A-Z]+(\.\d+)? ", c)]
    assert not unnumbered, unnumbered[:5]
    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    assert sum(len(found) for found in captions.values()) == tex.count("\\begin{longtable}")
    assert any(c.endswith(EXECUTION_TABLE_CAPTION) for c in captions["execution"]), captions["execution"]
    assert f": {EXECUTION_TABLE_CAPTION}" in re.sub(r"\s+", " ", _text(pdf))


# --- provenance entries (issue 16): ragged right, not justified --------------------------------

# Of the lines of the Facts appendix's entries (each but its paragraph's last), at most this share
# may end at the right margin: justified, nearly all did, their word spaces stretched up to several
# spaces wide at the entries' small size; ragged right, a line ends there only by chance.
MOST_ENTRY_LINES_AT_MARGIN = 0.25
ENTRY_MARKER = "Used in:"  # every entry of the Facts appendix says where its record is used


def entry_line_ends(pdf) -> tuple[list[float], float]:
    """The right ends (pt) of the entries' lines but the last of each, and the right margin (the end
    that most lines of the book's text reach: justified prose ends there)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    line = re.compile(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>', re.S)
    ends, entry_ends = [], []
    for block in re.findall(r"<block .*?</block>", xml, re.S):
        lines = [(float(end), " ".join(re.findall(r">([^<]*)</word>", words))) for end, words in line.findall(block)]
        ends += [end for end, _ in lines]
        if ENTRY_MARKER in " ".join(text for _, text in lines):
            entry_ends += [end for end, _ in lines[:-1]]
    margin = max(set(round(end) for end in ends), key=[round(end) for end in ends].count)
    return entry_ends, float(margin)


def test_entries_are_set_ragged_right(pdf):
    """_latex/bookprint.sty sets the entries (container class book-entry) ragged right."""
    ends, margin = entry_line_ends(pdf)
    assert len(ends) > 100, f"only {len(ends)} entry lines found (marked {ENTRY_MARKER!r})"
    at_margin = [end for end in ends if abs(end - margin) < 1]
    share = len(at_margin) / len(ends)
    assert share <= MOST_ENTRY_LINES_AT_MARGIN, \
        f"{share:.0%} of {len(ends)} entry lines end at the right margin ({margin:.0f} pt): justified, not ragged right"


# --- headings (issue 16): none left at a page foot while its section goes on over the page --------

# A heading needs this many lines of its section under it on its page; fewer, and the page also
# breaks before the table the heading introduces when the next page opens with that table.
MIN_LINES_UNDER_HEADING = 3
MIN_LINES_BEFORE_MOVED_TABLE = 6
_TOC_HEADING = re.compile(r"\\contentsline \{(?:section|subsection|subsubsection)\}"
                          r"\{\\numberline \{([0-9A-Z.]+)\}(.*?)\}\{(\d+)\}")  # appendices: A.1


def headings_left_at_foot(pages: list[str], toc: str) -> list[tuple[int, str, int]]:
    """(PDF page, heading number, lines under it) for each numbered heading of the table of contents
    (``book.toc``: number, title, printed page) that has fewer than MIN_LINES_UNDER_HEADING lines
    under it on its page, or fewer than MIN_LINES_BEFORE_MOVED_TABLE when the next page opens with a
    table."""
    by_folio = {}
    for index, text in enumerate(pages):
        lines = [line for line in text.splitlines() if line.strip()]
        if lines and re.fullmatch(r"\s*\d+\s*", lines[-1]):
            by_folio[lines[-1].strip()] = index
    left = []
    for number, _title, folio in _TOC_HEADING.findall(toc):
        if folio not in by_folio:
            continue
        index = by_folio[folio]
        lines = _body(pages[index]).splitlines()
        at = [i for i, line in enumerate(lines) if re.match(rf"\s*{re.escape(number)}\s+\S", line)]
        if not at:
            continue
        under = len(lines) - at[-1] - 1
        following = _body(pages[index + 1]).lstrip() if index + 1 < len(pages) else ""
        if under < MIN_LINES_UNDER_HEADING or (under < MIN_LINES_BEFORE_MOVED_TABLE
                                                and re.match(r"Table [0-9A-Z]+\.\d+", following)):
            left.append((index + 1, number, under))
    return left


def test_no_heading_left_at_a_page_foot(pdf):
    toc = (ROOT / "_build" / "latex" / "book.toc").read_text(encoding="utf-8")
    assert _TOC_HEADING.search(toc), "no numbered headings in book.toc"
    left = headings_left_at_foot(_pages(pdf), toc)
    assert not left, f"headings left at a page foot (PDF page, heading, lines under it): {left}"


def test_a_heading_left_at_a_page_foot_is_found():
    """The check finds the two ways a heading is stranded (it found 9.2 and 13.2 on stop 19's PDF)."""
    head = "9. Timeline                                    Hengyang and Hunan\n"
    toc = ("\\contentsline {section}{\\numberline {9.1}Axis}{10}{section.9.1}%\n"
           "\\contentsline {section}{\\numberline {9.2}All events}{11}{section.9.2}%\n"
           "\\contentsline {section}{\\numberline {9.3}Sources}{12}{section.9.3}%\n")
    text = "".join(f"line {i} of the text\n" for i in range(30))
    pages = [head + "9.1 Axis\n" + text + "10\n",
             head + text + "9.2 All events\nTable 9.1 lists\nthe events by\ndate.\n11\n",
             head + "Table 9.1: Every event\n" + text + "9.3 Sources\nThe source\n12\n",
             head + text + "13\n"]
    assert headings_left_at_foot(pages, toc) == [(2, "9.2", 3), (3, "9.3", 1)]
    pages[2] = pages[2].replace("Table 9.1: Every event\n", "")
    assert headings_left_at_foot(pages, toc) == [(3, "9.3", 1)]


def _section(*blocks):
    from docutils import nodes

    return nodes.section("", nodes.title(text="A heading"), *blocks)


def _table(rows: int):
    from docutils import nodes

    def row(*cells):
        return nodes.row("", *[nodes.entry("", nodes.paragraph(text=c)) for c in cells])

    tgroup = nodes.tgroup("", nodes.colspec(colwidth=1), nodes.colspec(colwidth=1),
                          nodes.thead("", row("Name", "Value")),
                          nodes.tbody("", *[row(f"item {i}", str(i)) for i in range(rows)]))
    return nodes.table("", tgroup)


def test_a_heading_asks_for_room_for_the_table_it_introduces():
    """industrybook.tooling.printlayout: a heading followed by a short text and a table asks for
    room for all three; one followed by a long text, or by no table, asks for nothing more."""
    from docutils import nodes

    from industrybook.tooling.printlayout import HEADING_LINES, LINE_CHARS, TABLE_SPACE_LINES, heading_room

    intro = nodes.paragraph(text="x" * (2 * LINE_CHARS))  # two lines
    kept, least = heading_room(_section(intro, _table(8)))
    assert kept == least and kept > HEADING_LINES + 2
    # a short table its builder keeps whole: room for all of it, or at least for its first rows
    needspace = nodes.raw("", "\\needspace{20\\baselineskip}", format="latex")
    kept, least = heading_room(_section(intro.deepcopy(), nodes.container("", needspace, _table(30))))
    assert kept == HEADING_LINES + 2 + TABLE_SPACE_LINES + 20
    assert HEADING_LINES + 2 < least < kept
    long_text = [nodes.paragraph(text="x" * (5 * LINE_CHARS)) for _ in range(2)]
    assert heading_room(_section(*long_text, _table(8))) is None
    assert heading_room(_section(intro.deepcopy(), nodes.figure(), _table(8))) is None


def test_citations_are_measured_whole_and_the_success_mark_is_printable():
    from docutils import nodes

    from industrybook.render.tables import NBSP
    from industrybook.tooling.printlayout import mark_success, unbroken_citations

    assert unbroken_citations("as [Deng and Peng, 2023] says") == f"as [Deng{NBSP}and{NBSP}Peng,{NBSP}2023] says"
    table = nodes.table("", nodes.paragraph(text="\u2705"))
    mark_success(table)
    assert table.astext() == "\u2714"


# --- values, floats and code in print (issue 16) -------------------------------------------------

# A line (or a table column, which pdftotext -layout sets apart by two spaces or more) that ends
# inside a date, a period or a range ("2026-", "2024-01/", "2024-11-", "2021–"), or with a currency
# whose amount went to the next line ("reach CNY" / "176 bn"; not "215,404,000,000 CNY").
# (A "CNY" cell of a unit column stands after spaces; prose puts a word or bracket before it.)
_BROKEN_VALUE = re.compile(r"(?<![\w-])(\d{4}(?:-\d{2}){0,2}[-/\u2013]|(?:(?<=[^\s\d,] )|(?<=\())CNY)(?=\s{2,}|$)", re.M)


def broken_values(pages: list[str]) -> list[tuple[int, str]]:
    """(PDF page, the end of the line) for each date, period or amount broken across lines."""
    found = []
    for number, text in enumerate(pages, 1):
        lines = text.splitlines()
        for i, line in enumerate(lines):
            following = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
            for match in _BROKEN_VALUE.finditer(line.rstrip()):
                if re.search(r"(?:://|www\.)\S*$", line[:match.start()]):
                    continue  # a web address, which may break at any slash
                # a unit's name at a line end ("its base unit CNY" / "(data/units.csv)") parts no amount
                parted = not match.group(1).endswith("CNY") or match.end() < len(line.rstrip()) or following[:1].isdigit()
                if parted:
                    found.append((number, line[max(0, match.start() - 30):match.end()].strip()))
    return found


def test_a_broken_value_is_found():
    pages = ["2024 would reach CNY\n176 bn, below 2022.\n",
             "Hunan Daily, 2026-      per plates.\nHunan Daily, 2024-11-\n(Exports, 2024-01/2024-\n2024-01/\n",
             "Stored value      215,404,000,000 CNY\n  CNY        100,000,000   hundred million yuan\n"
             "Hunan Daily, 2026-01-24\nTable 4.1 – continued\nthe 2021–2025 plan\n"
             "factor from 亿 to its base unit CNY\n(data/units.csv)\n",
             "Accessed 2024. http://fangchan.com/data/142/2023-01-12/\n7089.html\n"]
    assert [p for p, _ in broken_values(pages)] == [1, 2, 2, 2, 2]


def test_no_value_broken_across_lines(pdf):
    """No ISO date, period or range is broken inside itself and no currency is parted from its
    amount, in prose or in a table (industrybook.tooling.unbroken)."""
    broken = broken_values(_pages(pdf))
    assert not broken, f"{len(broken)} values broken across lines (PDF page, line end): {broken[:8]}"


_CJK_RUN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30010-9.,%"
_SEGMENT = re.compile(r"\S+(?: \S+)*")  # a line's text, or one column's (pdftotext -layout parts them by 2 spaces)
HANGING_INDENT = 3  # characters: a list item's lines after its first start right of its bullet


def terms_broken_across_lines(pages: list[str], terms: set[str]) -> list[tuple[int, str]]:
    """(PDF page, "head|tail") for each of ``terms`` begun at the end of one line and ended at the
    start of the next (in prose, or in one table column: the next line's text starting where this
    line's does, or a little to the right of it, under a list item's bullet): the run of Chinese
    ending the one line and the run starting the next make the term. A term longer than the line it
    starts on (in a table column narrower than it, where _latex/bookprint.sty lets it break) is
    not counted."""
    broken = []
    for number, text in enumerate(pages, 1):
        lines = text.splitlines()
        for line, following in zip(lines, lines[1:]):
            below = list(_SEGMENT.finditer(following))
            for segment in _SEGMENT.finditer(line):
                head = re.search(f"[{_CJK_RUN}]+$", segment.group(0))
                under = next((m.group(0) for m in below if 0 <= m.start() - segment.start() <= HANGING_INDENT), "")
                tail = re.match(f"[{_CJK_RUN}]+", under)
                if head and tail and head.group(0) + tail.group(0) in terms \
                        and len(head.group(0) + tail.group(0)) <= len(segment.group(0)):
                    broken.append((number, f"{head.group(0)}|{tail.group(0)}"))
    return broken


def test_a_term_broken_across_lines_is_found():
    pages = ["Shuikoushan (水\n口山), salt brine, and\nHengyang (衡阳)\n  • chains (湖\n    南)\n",
             "    备案监督制     list\n    承诺兑现制     list\n",  # two rows of a table: two terms
             "   低碳高导     rod\n   精铜杆\n",  # a column narrower than its term
             "Customs, 快讯丨2021年湖南进出\n口额5988.5亿元\n"]  # a title, not a term
    assert terms_broken_across_lines(pages, {"水口山", "衡阳", "湖南", "备案监督制", "承诺兑现制", "低碳高导精铜杆", "出口"}) == \
        [(1, "水|口山"), (1, "湖|南")]


def test_no_short_chinese_term_broken_across_lines(pdf):
    """No short Chinese term of the book's text (industrybook.tooling.unbroken) is split at a line
    end, in prose or in a table column (one wider than its column may break, and none is)."""
    from industrybook.tooling.unbroken import term_spans

    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    terms = {tex[a:b] for a, b in term_spans(tex)}
    broken = terms_broken_across_lines(_pages(pdf), {t for t in terms if len(t) > 1})
    assert not broken, f"{len(broken)} Chinese terms broken across lines (PDF page, line end|next line): {broken[:10]}"


def figure_pages(pages: list[str]) -> dict[str, tuple[int, int]]:
    """Each figure's (PDF page of its caption, PDF page of its first mention in the text)."""
    captions, mentions = {}, {}
    for number, text in enumerate(pages, 1):
        for match in re.finditer(r"Figure (\d+\.\d+)(:?)", re.sub(r"\s+", " ", text)):
            (captions if match.group(2) else mentions).setdefault(match.group(1), number)
    return {figure: (page, mentions[figure]) for figure, page in captions.items() if figure in mentions}


MOST_PAGES_FROM_MENTION = 1

# A table's caption, its header on a page it continues to, its foot on a page it continues from, a figure's caption
_TABLE_PARTS = re.compile(r"(Table [0-9A-Z]+\.\d+)(?::| \u2013 continued)|(continues on next page)|(Figure [0-9A-Z]+\.\d+):")


def figures_inside_tables(pages: list[str]) -> list[tuple[int, str, str]]:
    """(PDF page, figure, table) for each figure printed between two parts of a table: after the
    foot of a page the table continues from ("continues on next page") and before the table's header
    on the page it continues to ("Table N.M \u2013 continued"), on a page of its own or at the top of
    the next part."""
    inside, table, broken = [], None, None
    for number, text in enumerate(pages, 1):
        for match in _TABLE_PARTS.finditer(re.sub(r"\s+", " ", text)):
            caption_or_header, foot, figure = match.groups()
            if caption_or_header:
                table, broken = caption_or_header, None
            elif foot:
                broken = table
            elif broken:
                inside.append((number, figure, broken))
    return inside


def test_a_figure_between_the_parts_of_a_table_is_found():
    start = "Table 1.5: The chains\nrow\ncontinues on next page\n16\n"
    pages = [start, "chart\nFigure 1.3: Chains\nTable 1.5 \u2013 continued from previous page\nrow\n17\n",
             "Figure 3.3: Alone on its page\n", "Table 1.5 \u2013 continued from previous page\nrow\nFigure 1.4: After\n"]
    assert figures_inside_tables(pages) == [(2, "Figure 1.3", "Table 1.5")]
    assert figures_inside_tables([start, pages[2], pages[3]]) == [(2, "Figure 3.3", "Table 1.5")]
    assert figures_inside_tables(["Figure 1.2: Before\n" + start, pages[3]]) == []


def test_no_figure_prints_inside_a_table(pdf):
    """A figure waiting when a long table starts goes before the table (or after it), never between
    its rows (_latex/bookprint.sty: Figure 1.3 printed on the page between two parts of Table 1.5,
    Figure A.1 at the top of Table A.1's second page)."""
    inside = figures_inside_tables(_pages(pdf))
    assert not inside, f"figures printed between the parts of a table (PDF page, figure, table): {inside}"



def figures_far_from_mention(placed: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Figures more than :data:`MOST_PAGES_FROM_MENTION` pages from their first mention. Figures
    keep their order, so one mentioned while the figure before it still waited may follow that
    figure on the next page ("Figure 4.1 shows the map and Figure 4.2 the distances": 4.1 on the
    next page, 4.2 on the one after); that is held back, not misplaced."""
    far, previous_page = {}, None
    for figure, (page, mention) in placed.items():
        queued = previous_page is not None and previous_page >= mention and page == previous_page + 1
        if abs(page - mention) > MOST_PAGES_FROM_MENTION and not queued:
            far[figure] = (page, mention)
        previous_page = page
    return far


def test_a_figure_held_back_only_by_its_own_distance_is_far():
    assert figures_far_from_mention({"6.1": (89, 88), "6.2": (91, 88)}) == {"6.2": (91, 88)}
    assert figures_far_from_mention({"6.1": (88, 88), "6.2": (90, 88)}) == {"6.2": (90, 88)}
    assert figures_far_from_mention({"4.1": (68, 67), "4.2": (69, 67)}) == {}


def test_every_figure_is_near_its_first_mention(pdf):
    far = figures_far_from_mention(figure_pages(_pages(pdf)))
    assert not far, f"figures more than {MOST_PAGES_FROM_MENTION} page from their first mention (figure page, mention page): {far}"


def test_solution_code_marks_its_wrapped_lines(pdf):
    """A wrapped line of code in a solution box starts with a small grey arrow (\u21b3), so that it
    does not read as a new line of code; Sphinx's red hook arrow (\u21aa) and visible space are
    not used (industrybook.tooling.printlayout, \\bookprintsolutioncode)."""
    pages = _pages(pdf)
    hooked = [(number, text.count("\u21aa")) for number, text in enumerate(pages, 1) if "\u21aa" in text]
    assert not hooked, f"pages with Sphinx's wrapped-line hooks (page, marks): {hooked}"
    solutions = [text for text in pages if "Solution to Exercise" in text]
    # a mark stands at the start of its line, under the code it continues
    marked = [line for text in solutions for line in text.splitlines() if line.lstrip().startswith("\u21b3 ")]
    assert marked, "no wrapped line of solution code carries the continuation mark"
    assert all(line.count("\u21b3") == 1 for line in marked), marked[:3]


def test_execution_run_times_share_their_decimals(pdf):
    text = _text(pdf)
    rows = re.findall(r"^\s*chapters/\w+\s+\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}\s+\w+\s+(\d+(?:\.\d+)?)\s", text, re.M)
    assert rows, "no execution table rows found"
    assert {len(t.partition(".")[2]) for t in rows} == {2}, rows


def _register_row(lines: int):
    """A two-column body row: a short left cell, and a right one of a paragraph, a list of
    three items and two closing paragraphs."""
    from docutils import nodes

    right = nodes.entry("", nodes.paragraph(text="Check x compares:"),
                        nodes.bullet_list("", *[nodes.list_item("", nodes.paragraph(text="item " * 60)) for _ in range(3)],
                                          bullet="-"),
                        nodes.paragraph(text="Finding. " + "word " * 80), nodes.paragraph(text="Likely reason. " + "word " * 80))
    return nodes.row("", nodes.entry("", nodes.paragraph(text="A check")), right)


def test_a_tall_row_is_printed_in_parts():
    from docutils import nodes

    from industrybook.tooling.printlayout import split_row

    row = _register_row(40)
    parts = split_row(row, 40)
    assert len(parts) > 1
    assert [p.get("bookprint_continues", False) for p in parts] == [True] * (len(parts) - 1) + [False]
    assert parts[0][0].astext() == "A check" and all(not p[0].astext() for p in parts[1:])
    # nothing lost or repeated, and the list's items stay whole
    assert " ".join(p[1].astext() for p in parts).split() == row[1].astext().split()
    items = [item.astext() for p in parts for item in p[1].findall(nodes.list_item)]
    assert items == [item.astext() for item in row[1].findall(nodes.list_item)]
    short = _register_row(5)
    short[1].children = short[1].children[:1]
    assert split_row(short, 5) == [short]


def test_a_lead_stays_with_the_list_it_introduces():
    from docutils import nodes

    from industrybook.tooling.printlayout import cell_blocks, opens_or_closes_with_list, split_row

    row = _register_row(40)
    first_item = row[1].next_node(nodes.list_item).astext()
    holding = [p for p in split_row(row, 40) if first_item in [i.astext() for i in p[1].findall(nodes.list_item)]]
    assert holding and holding[0][1][0].astext() == "Check x compares:"
    # a lead and a short list fit together: one piece, the list whole
    short = nodes.entry("", nodes.paragraph(text="Check y compares:"),
                        nodes.bullet_list("", *[nodes.list_item("", nodes.paragraph(text="a b")) for _ in range(2)]))
    pieces = cell_blocks(short, chars_per_line=40)
    assert len(pieces) == 1 and [type(n) for n in pieces[0][0]] == [nodes.paragraph, nodes.bullet_list]
    assert opens_or_closes_with_list(short) == (False, True)
    assert opens_or_closes_with_list(nodes.entry("", short[1].deepcopy())) == (True, True)
    assert opens_or_closes_with_list(nodes.entry("", nodes.paragraph(text="x"))) == (False, False)


def test_run_times_get_two_decimals():
    from docutils import nodes

    from industrybook.tooling.printlayout import EXECUTION_TABLE_HEADER, fix_run_time_decimals

    def row(*cells):
        return nodes.row("", *[nodes.entry("", nodes.paragraph(text=c)) for c in cells])

    table = nodes.table("", nodes.tgroup("", nodes.thead("", row(*EXECUTION_TABLE_HEADER)),
                                         nodes.tbody("", row("a", "2026", "cache", "11.4", "ok"),
                                                     row("b", "2026", "cache", "6.92", "ok"))))
    fix_run_time_decimals(table)
    assert [r[3].astext() for r in table.findall(nodes.row)] == ["Run Time (s)", "11.40", "6.92"]
    # set to the right, as every number column (the proof-read found them left-aligned)
    assert all("text-right" in r[3]["classes"] for r in table.findall(nodes.row))
    assert not any("text-right" in r[0]["classes"] for r in table.findall(nodes.row))


def test_a_figure_moves_up_to_its_first_mention():
    from docutils import nodes

    from industrybook.tooling.printlayout import move_figures_to_first_mention

    def mention(target):
        return nodes.paragraph("", "", nodes.Text("see "), nodes.reference("", "Figure 1", refuri=f"%page#{target}"))

    figure = nodes.figure(ids=["fig-a"])
    section = nodes.section("", nodes.title(text="A"), nodes.paragraph(text="first"), mention("fig-a"),
                            nodes.paragraph(text="more"), nodes.paragraph(text="and more"), figure, mention("fig-a"))
    move_figures_to_first_mention(section)
    assert section.index(figure) == 3  # right after the paragraph that first refers to it
    figure_first = nodes.section("", nodes.title(text="B"), nodes.figure(ids=["fig-b"]), nodes.paragraph(text="x"),
                                 mention("fig-b"))
    move_figures_to_first_mention(figure_first)
    assert isinstance(figure_first[1], nodes.figure)  # a figure before its mention stays


def test_a_figure_does_not_move_over_a_layout_hint():
    from docutils import nodes

    from industrybook.tooling.printlayout import move_figures_to_first_mention

    figure = nodes.figure(ids=["fig-c"])
    mention = nodes.paragraph("", "", nodes.reference("", "Figure 1", refid="fig-c"))
    hint = nodes.raw("", "\\needspace{0.5\\textheight}", format="latex")
    section = nodes.section("", nodes.title(text="C"), mention, nodes.paragraph(text="x"), hint, figure)
    move_figures_to_first_mention(section)
    assert section.index(figure) == 4


# A page that a table continues from ends with at most this much blank between the table's foot and
# the page number (about twelve lines of table text: one part of a row cut by
# industrybook.tooling.printlayout.split_tall_rows); a whole register entry left up to 264 pt.
MOST_BLANK_UNDER_A_BROKEN_TABLE_PT = 150


def blank_under_broken_tables(pdf) -> dict[int, float]:
    """PDF page -> the blank (pt) between "continues on next page" and the page number."""
    blank = {}
    for number, text in enumerate(_pages(pdf), 1):
        if "continues on next page" not in text:
            continue
        boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        words = [(float(top), float(bottom), word) for top, bottom, word in
                 re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)]
        foot = max(bottom for _, bottom, word in words if word == "page")
        folio = max(top for top, _, word in words if word.isdigit())
        blank[number] = folio - foot
    return blank


def test_a_broken_table_fills_its_page(pdf):
    short = {page: round(pt) for page, pt in blank_under_broken_tables(pdf).items()
             if pt > MOST_BLANK_UNDER_A_BROKEN_TABLE_PT}
    assert not short, f"pages a table continues from that end short (page, blank pt): {short}"


def _lines(pdf, page: int) -> list[tuple[float, float, str]]:
    """The lines of a PDF page as (left, top, text), top to bottom."""
    boxes = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    lines = [(float(left), float(top), " ".join(re.findall(r">([^<]+)</word>", body)))
             for left, top, body in re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', boxes, re.S)]
    return sorted(lines, key=lambda line: (line[1], line[0]))


REGISTER_HEADER = "Figures compared, finding and likely reason"


def register_line_gaps(pdf) -> dict[int, list[tuple[float, str]]]:
    """PDF page -> the steps between consecutive lines of the register's right-hand column (below its
    header row) beside which the left-hand column has no line, each with the line it leads to."""
    gaps = {}
    for number, text in enumerate(_pages(pdf), 1):
        if REGISTER_HEADER not in text:
            continue
        lines = _lines(pdf, number)
        header = next(line for line in lines if line[2].startswith(REGISTER_HEADER))
        column = [line for line in lines if line[1] > header[1] and abs(line[0] - header[0]) < 25
                  and line[2] != "continues on next page" and not line[2].isdigit()]  # not the folio
        beside = [line[1] for line in lines if line[1] > header[1] and line[0] < header[0] - 25]
        # a step is the left-hand cell's to make where that cell still has lines in it
        gaps[number] = [(round(b[1] - a[1], 1), b[2]) for a, b in zip(column, column[1:])
                        if not any(a[1] + 1 < top < b[1] - 1 for top in beside)]
    return gaps


def test_a_register_entry_reads_as_one_block(pdf):
    """No empty line opens or closes a list in a register cell: where a tall row is cut into parts,
    the parts follow each other at the column's line spacing (they were 20.7 and 31 pt apart at
    10.4 pt spacing)."""
    gaps = register_line_gaps(pdf)
    assert gaps, "the register's pages were not found"
    spacing = sorted(g for page in gaps.values() for g, _ in page)[len(sum(gaps.values(), [])) // 2]
    wide = {page: [(g, line[:40]) for g, line in steps if g > 1.5 * spacing] for page, steps in gaps.items()}
    assert not any(wide.values()), {page: steps for page, steps in wide.items() if steps}
