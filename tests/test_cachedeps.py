"""Editing a data file re-executes, on the next build, exactly the notebooks that read it.

Builds a two-notebook book in a temporary folder with the project's own build settings: one notebook
reads `facts`, the other only `terms`. After the first build, a fact's printed value is edited; the
second build must show the new figure in the first notebook's HTML and must not re-execute the second.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from conftest import ROOT
from industrybook.tooling import cachedeps
from industrybook.tooling.cachedeps import tables_read
from industrybook.data.schema import table_closure

JB = Path(sys.executable).parent / "jupyter-book"
FACT = "hy_gdp_jan_sep"


def notebook(path: Path, code: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)


def test_tables_read_from_load_calls(tmp_path):
    nb = tmp_path / "chapters"
    nb.mkdir()
    notebook(nb / "a.ipynb", 'from industrybook.render.page import start\ndb = start("flows", "events")')
    notebook(nb / "b.ipynb", "from industrybook.data.database import load\ndb = load()")
    notebook(nb / "c.ipynb", "print(1)")
    assert tables_read(nb / "a.ipynb") == table_closure(["flows", "events"])
    assert "entities" in tables_read(nb / "a.ipynb") and "facts" not in tables_read(nb / "a.ipynb")
    assert tables_read(nb / "b.ipynb") == table_closure(None)
    assert tables_read(nb / "c.ipynb") == []


def build(book: Path, env: dict) -> None:
    cachedeps.refresh(root=book, data_dir=book / "data")
    # run from the book's folder: the cache path in _config.yml is relative to the working directory
    subprocess.run([str(JB), "build", ".", "-W", "-n", "--keep-going"], check=True, env=env, cwd=book,
                   capture_output=True, text=True, timeout=300)


def executed(book: Path) -> dict:
    from jupyter_cache import get_cache

    cache = get_cache(str(book / "_build" / ".jupyter_cache"))
    return {Path(r.uri).stem: r.pk for r in cache.list_cache_records()}


def test_editing_a_csv_reexecutes_its_readers_only(tmp_path):
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copytree(ROOT / "data", book / "data", ignore=shutil.ignore_patterns("_parts", "README.md", "NOT_FOUND.md"))
    (book / "_config.yml").write_text(
        "title: probe\nexecute:\n  execute_notebooks: cache\n  cache: _build/.jupyter_cache\n"
        "sphinx:\n  config:\n    nb_execution_raise_on_error: true\n    nb_output_stderr: error\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/reads_facts\nchapters:\n"
                                   "  - file: chapters/reads_terms\n", encoding="utf-8")
    notebook(book / "chapters" / "reads_facts.ipynb",
             f'from industrybook.data.database import load\nprint("FIGURE", load("facts", sources_dir=None).fact("{FACT}")["value_printed"])')
    notebook(book / "chapters" / "reads_terms.ipynb",
             'from industrybook.data.database import load\nprint("TERMS", len(load("terms", sources_dir=None).terms))')
    # the edited figure is not in its source article: the notebooks skip the locator check (sources_dir=None)
    env = {**os.environ, "BOOK_DATA_DIR": str(book / "data"), "BOOK_SOURCES_DIR": str(tmp_path / "none")}

    build(book, env)
    html = book / "_build" / "html" / "chapters" / "reads_facts.html"
    shown = lambda: re.search(r"FIGURE ([0-9.]+)", html.read_text(encoding="utf-8")).group(1)  # noqa: E731
    assert shown() == "3241.50"
    first = executed(book)

    facts = book / "data" / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    assert f"{FACT},hn20241120" in text
    lines = text.splitlines(keepends=True)
    i = next(k for k, l in enumerate(lines) if l.startswith(FACT + ","))
    # printed value, stored value and locator together, as an editor would change them
    lines[i] = (lines[i].replace(",3241.50,亿元,324150000000,", ",3999.99,亿元,399999000000,")
                .replace(",3241.50亿元,", ",3999.99亿元,"))
    assert "3999.99" in lines[i]
    facts.write_text("".join(lines), encoding="utf-8")

    build(book, env)
    assert shown() == "3999.99", "the edited figure did not reach the rebuilt page"
    second = executed(book)
    assert second["reads_terms"] == first["reads_terms"], "a notebook that does not read facts was re-executed"
    assert second["reads_facts"] != first["reads_facts"], "the notebook reading facts was not re-executed"


def test_editing_one_chapter_module_reexecutes_that_chapter_alone(tmp_path):
    """The digest of a notebook covers the package modules it imports (transitively), not all of them:
    editing chapters/metro_area.py makes only the metro-area chapter stale, editing a tooling module none, and
    editing a shared module every chapter that imports it."""
    book, package = tmp_path / "book", tmp_path / "industrybook"
    shutil.copytree(ROOT / "chapters", book / "chapters", ignore=shutil.ignore_patterns("_build", "*.md"))
    shutil.copytree(cachedeps.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))

    def refresh() -> set[str]:
        return {nb.stem for nb in cachedeps.refresh(root=book, package_dir=package)}

    assert refresh() == set()  # first run: records the digests
    with (package / "chapters" / "metro_area.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    assert refresh() == {"metro_area"}
    with (package / "tooling" / "screens.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# tooling: no chapter imports it\n")
    assert refresh() == set()
    with (package / "data" / "database.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# shared by every chapter\n")
    assert refresh() == {nb.stem for nb in (ROOT / "chapters").glob("*.ipynb")}


def test_no_change_check_skips_jupyter_cache(tmp_path):
    """When every notebook is byte for byte the one last found fully cached, ``execute_stale`` returns
    at once without importing jupyter-cache (seconds of schema compilation on every no-change build);
    a changed notebook brings the full check back."""
    (tmp_path / "chapters").mkdir()
    nb = tmp_path / "chapters" / "a.ipynb"
    notebook(nb, "print(1)")
    cache_dir = tmp_path / "_build" / ".jupyter_cache"
    cache_dir.mkdir(parents=True)
    import hashlib, json
    (cache_dir / "all-cached.json").write_text(json.dumps({"a.ipynb": hashlib.sha256(nb.read_bytes()).hexdigest()}))
    probe = ("import sys; from industrybook.tooling import cachedeps; "
             f"print(cachedeps.execute_stale(root={str(tmp_path)!r}), 'jupyter_cache' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "False"]
    notebook(nb, "print(2)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300).stdout
    assert out.split()[-1] == "True", "a changed notebook must be checked against the cache"
