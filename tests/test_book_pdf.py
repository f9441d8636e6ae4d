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
