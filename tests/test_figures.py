"""Every figure of every chapter is present, vector, of the house size and described, in the committed
outputs. nbval does not compare image bytes (see conftest.py); this is what is checked instead."""
import ast
import base64
import json
import re

import pytest

from conftest import ROOT
from industrybook.render.style import WIDTH_IN

GLUED = "application/papermill.record/"
GLUED_SVG, GLUED_PDF, GLUED_TEXT = GLUED + "image/svg+xml", GLUED + "application/pdf", GLUED + "text/plain"
CHART = re.compile(r"```\{chart\}\s+(\S+)")
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
SVG_SIZE = re.compile(r'<svg [^>]*width="([\d.]+)pt" height="([\d.]+)pt" viewBox="0 0 ([\d.]+) ([\d.]+)"')
PDF_BOX = re.compile(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+) *\]")


def text_of(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def glued(nb: dict) -> tuple[dict[str, str], dict[str, bytes], dict[str, str], int]:
    """Glued SVGs, PDFs and strings by key, and the number of images shown as plain cell outputs."""
    svgs, pdfs, texts, shown = {}, {}, {}, 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data, key = out.get("data", {}), out.get("metadata", {}).get("scrapbook", {}).get("name")
            if GLUED_SVG in data:
                svgs[key] = text_of(data[GLUED_SVG])
            if GLUED_PDF in data:
                pdfs[key] = base64.b64decode(text_of(data[GLUED_PDF]))
            if GLUED_TEXT in data and GLUED_SVG not in data:
                texts[key] = str(ast.literal_eval(text_of(data[GLUED_TEXT])))
            if "image/svg+xml" in data or "image/png" in data:
                shown += 1
    return svgs, pdfs, texts, shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_is_glued_vector_sized_described_and_shown(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    charts = CHART.findall(prose)
    svgs, pdfs, texts, shown = glued(nb)
    assert sorted(svgs) == sorted(charts), "every {chart} has a glued SVG and every glued SVG a {chart}"
    assert sorted(pdfs) == sorted(charts), "every {chart} has a glued PDF (the LaTeX builder takes it)"
    assert shown == len(charts), f"{shown} images shown in cells for {len(charts)} charts: Jupyter must show each"
    for key in charts:
        svg, pdf = svgs[key], pdfs[key]
        size = SVG_SIZE.search(svg)
        assert size, f"{key}: the SVG states no size"
        width, height, view_w, view_h = (float(x) for x in size.groups())
        assert (width, height) == (view_w, view_h), f"{key}: size and viewBox differ"
        assert width == pytest.approx(WIDTH_IN * 72, abs=0.5), f"{key}: {width / 72:.2f} in wide"
        assert 1.5 * 72 <= height <= 11 * 72, f"{key}: {height / 72:.2f} in high"
        assert "<image" not in svg, f"{key}: the SVG embeds a raster image"
        assert pdf.startswith(b"%PDF-") and b"/Subtype /Image" not in pdf, f"{key}: the PDF is not all vector"
        box = PDF_BOX.search(pdf)
        assert box and tuple(float(x) for x in box.groups()) == pytest.approx((width, height), abs=0.5), \
            f"{key}: the PDF's page is not the SVG's size"
        alt = texts.get(f"{key}__alt", "")
        assert len(alt) >= 40 and not alt.startswith("<"), f"{key}: alt text {alt!r}"
