"""A chapter rerun outside the book build, as a reader reruns it in Jupyter, shows what the book
shows and reads the data of the checkout it sits in (not of the checkout installed in editable mode)."""
import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from conftest import ROOT, sources_or_skip

CHAPTER = "power_transmission"
FACT, KEY, OLD, NEW = "mf_ehv_transformer_world_firsts", "pt-world-firsts", "38", "41"
GLUED_TEXT = "application/papermill.record/text/plain"


def copy_of_checkout(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def change_fact(data_dir: Path, sources: Path) -> None:
    """The fact, its locator and its source article all say NEW, so the copy's own load() accepts it."""
    path = data_dir / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith(FACT + ","))
    fields = lines[row].split(",")
    assert fields[6] == OLD and fields[8] == OLD, fields  # value_printed, value
    fields[6] = fields[8] = NEW
    fields[17] = fields[17].replace(OLD, NEW)  # locator_figure
    lines[row] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")
    for article in sources.glob("*.txt"):
        text = article.read_text(encoding="utf-8")
        if OLD + "项世界第一" in text:
            article.write_text(text.replace(OLD + "项世界第一", NEW + "项世界第一"), encoding="utf-8")


def book_page_figures(chapter: str, notebook: dict) -> int:
    """Figures on the chapter's built page, or its {chart} directives when the book is not built."""
    page = ROOT / "_build" / "html" / "chapters" / f"{chapter}.html"
    if page.exists():
        return len(re.findall(r'<figure class="align-default" id="', page.read_text(encoding="utf-8")))
    prose = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    return len(re.findall(r"```\{chart\}", prose))


def test_a_copy_reruns_with_its_own_data_and_shows_every_chart_and_table(tmp_path):
    copy = copy_of_checkout(tmp_path / "copy")
    sources = tmp_path / "shared" / "sources"  # ../shared/sources beside the copy, as beside the checkout
    shutil.copytree(sources_or_skip(), sources)
    change_fact(copy / "data", sources)
    env = {k: v for k, v in os.environ.items() if k not in ("BOOK_ROOT", "BOOK_DATA_DIR", "BOOK_SOURCES_DIR")}
    out = tmp_path / "executed.ipynb"
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    f"{CHAPTER}.ipynb", "--output", str(out)], cwd=copy / "chapters", env=env, check=True,
                   capture_output=True, timeout=300)
    executed = nbformat.read(out, as_version=4)  # joins multi-line outputs
    outputs = [o for c in executed["cells"] for o in c.get("outputs", [])]
    images = sum("image/svg+xml" in o.get("data", {}) for o in outputs)
    assert images == book_page_figures(CHAPTER, executed) > 0
    tables = [o["data"]["text/html"] for o in outputs if "<table>" in o.get("data", {}).get("text/html", "")]
    assert len(tables) >= 5 and not any("{table}" in t for t in tables), "tables render as HTML, not raw MyST"
    glued = {o["metadata"]["scrapbook"]["name"]: o["data"][GLUED_TEXT]
             for o in outputs if GLUED_TEXT in o.get("data", {})}
    assert ast.literal_eval(glued[KEY]) == NEW, "the copy's own facts.csv was read"
