"""Every figure of every chapter is present, of a readable size and described, in the committed
outputs. nbval does not compare image bytes (see conftest.py); this is what is checked instead."""
import ast
import base64
import io
import json
import re

import pytest
from PIL import Image

from conftest import ROOT

GLUED_PNG = "application/papermill.record/image/png"
GLUED_TEXT = "application/papermill.record/text/plain"
CHART = re.compile(r"```\{chart\}\s+(\S+)")
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def glued(nb: dict) -> tuple[dict[str, bytes], dict[str, str], int]:
    """Glued PNGs and strings by key, and the number of images shown as plain cell outputs."""
    images, texts, shown = {}, {}, 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data, key = out.get("data", {}), out.get("metadata", {}).get("scrapbook", {}).get("name")
            if GLUED_PNG in data:
                images[key] = base64.b64decode(data[GLUED_PNG])
            elif GLUED_TEXT in data:
                texts[key] = str(ast.literal_eval(data[GLUED_TEXT]))
            elif "image/png" in data:
                shown += 1
    return images, texts, shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_is_glued_sized_described_and_shown(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    charts = CHART.findall(prose)
    images, texts, shown = glued(nb)
    assert sorted(images) == sorted(charts), "every {chart} has a glued image and every glued image a {chart}"
    assert shown == len(charts), f"{shown} images shown in cells for {len(charts)} charts: Jupyter must show each"
    for key in charts:
        width, height = Image.open(io.BytesIO(images[key])).size
        assert 700 <= width <= 1600, f"{key}: {width} px wide"
        assert 150 <= height <= 1600, f"{key}: {height} px high"
        alt = texts.get(f"{key}__alt", "")
        assert len(alt) >= 40 and not alt.startswith("<"), f"{key}: alt text {alt!r}"
