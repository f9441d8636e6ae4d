"""A no-change rebuild does no work: it reads no page, loads no page's doctree, writes no file, and
imports neither the book's data layers nor pandas; a rebuild after an edit still renumbers figures.

Builds a three-page book in a temporary folder with the book's own ``_config.yml`` (its extensions,
``numfig``, static files) through the command ``make html`` runs. Sphinx numbers figures by loading
every page's doctree on every build unless :mod:`industrybook.tooling.sphinxext` says nothing changed;
each build here runs under a probe that counts the doctrees loaded and lists the heavy modules imported.
The environment Sphinx unpickles at the start of every build must not hold pages a second time
(sphinx-exercise's registry did). No clock is read: what is checked is the work done, which does not
vary with the machine.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Run inside the build process: count doctree loads, then report them and the heavy imports at exit.
PROBE = """
import atexit, sys
from sphinx.environment import BuildEnvironment

WATCHED = ("pandas", "matplotlib", "rfc3987_syntax", "industrybook.data.database", "industrybook.appendix")
loaded = []
get_doctree = BuildEnvironment.get_doctree

def counting(self, docname):
    loaded.append(docname)
    return get_doctree(self, docname)

BuildEnvironment.get_doctree = counting
atexit.register(lambda: print("PROBE doctrees", len(loaded), "imported", *[m for m in WATCHED if sys.modules.get(m)]))
sys.argv = ["jupyter-book", *sys.argv[1:]]
from industrybook.tooling.jupyterbook import main
main()
"""

PAGE_ONE = """# One

```{figure} ../_assets/favicon.svg
:name: fig-first

The first figure.
```
"""

PAGE_TWO = """# Two

```{exercise}
:label: ex-sum

What is one plus one?
```

```{solution-start} ex-sum
```
Two.
```{solution-end}
```
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    book = tmp_path_factory.mktemp("rebuild") / "book"
    (book / "chapters").mkdir(parents=True)
    for name in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / name, book / name)
    shutil.copytree(ROOT / "_assets", book / "_assets")
    shutil.copytree(ROOT / "data", book / "data", ignore=shutil.ignore_patterns("_parts"))
    (book / "_vendor").mkdir()  # the MathJax copy of a real build; no page here needs it
    (book / "intro.md").write_text("# Probe\n\nA book of three pages.\n", encoding="utf-8")
    (book / "chapters" / "one.md").write_text(PAGE_ONE, encoding="utf-8")
    (book / "chapters" / "two.md").write_text(PAGE_TWO, encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapters/one\n"
                                   "  - file: chapters/two\n", encoding="utf-8")
    return book


def build(book: Path) -> tuple[str, int, list[str]]:
    """Sphinx's log, the number of doctrees loaded and the watched modules imported."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-c", PROBE, "build", ".", "-W", "-n", "--keep-going"], cwd=book,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    probe = next(line for line in done.stdout.splitlines() if line.startswith("PROBE")).split()
    return done.stdout, int(probe[2]), probe[4:]


def outputs(book: Path) -> dict[str, int]:
    html = book / "_build" / "html"
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in html.rglob("*") if p.is_file()}


def figure_number(book: Path, caption: str) -> str:
    """The number page one prints before the figure captioned ``caption``."""
    page = (book / "_build" / "html" / "chapters" / "one.html").read_text(encoding="utf-8")
    found = re.search(r'caption-number">([^<]*)</span>\s*<span class="caption-text">' + re.escape(caption), page)
    assert found, f"no figure captioned {caption!r} on page one"
    return found.group(1).strip()


def test_no_change_rebuild_does_no_work(book):
    log, doctrees, imported = build(book)
    assert "3 added" in log and doctrees > 0, "the probe must see the first build read and write pages"
    before = outputs(book)
    log, doctrees, imported = build(book)
    assert "0 added, 0 changed, 0 removed" in log, log
    assert "no targets are out of date" in log, log
    assert doctrees == 0, "a build that read no page loaded doctrees (Sphinx's figure numbering)"
    assert imported == [], f"a no-change rebuild imported {imported}"
    assert outputs(book) == before, "a no-change rebuild wrote files"


def test_rebuild_after_an_edit_renumbers_figures(book):
    build(book)
    assert figure_number(book, "The first figure.") == "Figure 1"
    page = book / "chapters" / "one.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original.replace("# One\n", "# One\n\n```{figure} ../_assets/favicon.svg\n"
                                         ":name: fig-new\n\nA figure put first.\n```\n", 1), encoding="utf-8")
        log, doctrees, _ = build(book)
        assert "1 changed" in log and doctrees > 0, log
        assert figure_number(book, "A figure put first.") == "Figure 1"
        assert figure_number(book, "The first figure.") == "Figure 2", "the edited page kept its old figure numbers"
    finally:
        page.write_text(original, encoding="utf-8")


def test_environment_holds_no_page_twice(book):
    """sphinx-exercise's registry keeps its nodes in the pickled environment: detached from their
    page, so the pickle does not hold each page with an exercise a second time."""
    import pickle

    build(book)
    with (book / "_build" / ".doctrees" / "environment.pickle").open("rb") as fh:
        registry = pickle.load(fh).sphinx_exercise_registry
    assert {entry["type"] for entry in registry.values()} == {"exercise", "solution-start"}
    attached = [label for label, entry in registry.items()
                if entry["node"].parent is not None or any(n.document is not None for n in entry["node"].findall())]
    assert attached == []
    page = (book / "_build" / "html" / "chapters" / "two.html").read_text(encoding="utf-8")
    assert "Solution to" in page and "Exercise 1" in page, "the solution lost its title"
