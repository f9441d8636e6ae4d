"""The built PDF, opened as a reader would: Chinese fonts embedded, every chapter and figure present,
no wide overfull boxes."""
import re
import shutil
import subprocess

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
    captions = re.findall(r"Figure (\d+\.\d+)", text)
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
            or bool(re.search(r"\bCHAPTER [A-Z]+\b", squeezed[:80]))  # fncychap: "CHAPTER ONE"
            or bool(re.search(r"Figure \d+\.\d+", squeezed)))


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


def test_front_matter(pdf):
    """The title page carries the edition date (the newest source page's date, not the build epoch),
    the introduction has a heading, and the bibliography is listed once."""
    from industrybook.data.database import load
    from industrybook.tooling.edition import edition_date

    pages = _pages(pdf)
    title = re.sub(r"\s+", " ", pages[0])
    assert f"Edition of {edition_date(load('sources', sources_dir=None).sources)}" in title, title
    assert "Jan 01, 2026" not in title
    intro = next(i for i, p in enumerate(pages) if "This book reads" in p)
    assert "INTRODUCTION" in pages[intro].upper()
    contents = re.sub(r"\s+", " ", " ".join(pages[1:intro]))  # between the title page and the introduction
    assert "CONTENTS" in contents.upper()
    assert contents.count("Bibliography") == 1, contents
    assert "Introduction" in contents


def test_edition_date_is_the_newest_source():
    import pandas as pd

    from industrybook.tooling.edition import edition_date

    sources = pd.DataFrame({"date": ["2023-04", "2026-01-24", "2025-12-14"],
                            "date_precision": ["month", "day", "day"]})
    assert edition_date(sources) == "24 January 2026"
    assert edition_date(sources.iloc[[0]]) == "April 2023"


def test_every_table_is_numbered(pdf):
    """Every table in the print edition has a numbered caption: as many 'Table N.M' captions as
    longtables in the LaTeX source."""
    tex = (ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    tables = tex.count("\\begin{longtable}")
    captioned = len(re.findall(r"\\begin\{longtable\}.*?\n\\sphinxthelongtablecaptionisattop", tex))
    assert tables and captioned == tables, (captioned, tables)
