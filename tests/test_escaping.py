"""Text from the data reaches the built page as text.

Builds a one-page book in a temporary folder (the project's build settings, strict: a warning is an
error) from a copy of data/ whose entity name, fact description and note, and a reconciliation's finding,
and an event's title and a term's explanation, hold HTML, a MyST role, emphasis, a backtick and
substitution braces. The page shows them in a data table (md_table), in a cell and a caption that mix them with
code-written markup (Markup pieces), in glued prose ({glue:text}), in
the reconciliation register, the timeline table, the glossary and a chart's alt text. The HTML must carry every string as literal text and no element the strings would create; the
build must not fail on the unknown glossary term the role names.
"""
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup

from conftest import ROOT

JB = Path(sys.executable).parent / "jupyter-book"
FACT = "hy_gdp_jan_sep"
HOSTILE = "<img src=x onerror=alert(2)> {term}`unknownterm` *emph* a`tick {{ title }}"


def set_cells(path: Path, key: str, key_value: str, edits: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r[key] == key_value)
    row.update(edits)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def first_id(path: Path) -> str:
    """The id (first column) of a table's first row."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)  # the header
        return next(rows)[0]


CODE = f'''
import pandas as pd
from IPython.display import Markdown, display
from industrybook.appendix import timeline as tl
from industrybook.appendix import reconciliation as rr
from industrybook.data.database import load
from industrybook.render.page import say, show_table
from industrybook.appendix.glossary import glossary_markdown
from industrybook.render.style import chart, publish
from industrybook.render.tables import Markup, md_table
from industrybook.text.phrase import Pieces
from industrybook.text.facts import source_line

db = load("facts", "reconciliations", "events", "terms", sources_dir=None)
fact = db.fact("{FACT}")
name = db.entities.loc[fact["entity_id"], "name_en"]
say("hostile-name", name)
say("hostile-metric", fact["metric_en"])
display(show_table(pd.DataFrame({{"Entity": [name], "Metric": [fact["metric_en"]], "Note": [fact["note"]]}}),
                   caption="Facts about " + name, name="tbl-hostile"))
# a cell and a caption mixing markup the code wrote (a code span) with data text, as the appendix tables do
display(show_table(pd.DataFrame({{"Mixed": [Pieces(Markup("`facts.csv`"), " holds ", name)]}}),
                   caption=Pieces("Fields of ", Markup("`facts.csv`"), ": " + name), name="tbl-mixed"))
display(Markdown(rr.register_markdown(db, docs=[])))
# chain-system events only: their theme links to this page, chapters/overview; the table without its
# date links (md_table without glued), since this one-page book has no Facts appendix for them to land on
display(Markdown(md_table(tl.timeline_table(db, tl.timeline_events(db.events[db.events["theme"] == "chain_system"])),
                          "Every dated event, in date order", "tl-events")))
display(Markdown(glossary_markdown(db.terms)))
'''

# as in the book: the cell that publishes a chart is hidden (remove-cell); the {chart} shows it
CHART_CODE = '''
c = chart("A chart", "Units: none", source_line(db, [fact["source_id"]]), "Alt text naming " + name)
c.ax.plot([0, 1], [0, 1])
publish("fig-hostile", c)
'''

PROSE = ("The entity is {glue:text}`hostile-name` and it measures {glue:text}`hostile-metric`.\n\n"
         "```{chart} fig-hostile\nThe chart.\n```\n\n```{bibliography}\n```\n")


def build_book(book: Path, data: Path) -> Path:
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "references.bib", book / "references.bib")  # the register cites its sources
    (book / "_config.yml").write_text(
        "title: escaping probe\nexecute:\n  execute_notebooks: force\nbibtex_bibfiles: [references.bib]\n"
        "parse:\n  myst_enable_extensions: [colon_fence, dollarmath, deflist, substitution]\n"
        "sphinx:\n  extra_extensions: [industrybook.tooling.sphinxext]\n  config:\n"
        "    nb_execution_raise_on_error: true\n    nb_output_stderr: error\n    nb_merge_streams: true\n"
        "    nb_render_markdown_format: myst\n    numfig: true\n"
        "    nb_mime_priority_overrides: [['*', 'text/markdown', 25]]\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/overview\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    chart_cell = nbformat.v4.new_code_cell(CHART_CODE)
    chart_cell.metadata["tags"] = ["remove-cell"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Page"), nbformat.v4.new_code_cell(CODE), chart_cell,
                nbformat.v4.new_markdown_cell(PROSE)]
    nbformat.write(nb, book / "chapters" / "overview.ipynb")
    env = {**os.environ, "BOOK_DATA_DIR": str(data)}
    result = subprocess.run([str(JB), "build", ".", "-W", "-n", "--keep-going"], env=env, cwd=book,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return book / "_build" / "html" / "chapters" / "overview.html"


def test_data_text_reaches_the_page_as_text(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("_parts", "README.md"))
    facts = data / "facts.csv"
    with facts.open(encoding="utf-8", newline="") as fh:
        entity = next(r["entity_id"] for r in csv.DictReader(fh) if r["fact_id"] == FACT)
    set_cells(data / "entities.csv", "entity_id", entity, {"name_en": "Name " + HOSTILE})
    set_cells(facts, "fact_id", FACT, {"metric_en": "Metric " + HOSTILE, "note": "Note " + HOSTILE})
    rec = first_id(data / "reconciliations.csv")
    set_cells(data / "reconciliations.csv", "rec_id", rec, {"finding": "Finding " + HOSTILE})
    event = first_id(data / "events.csv")
    assert event.startswith("ch_")  # a chain-system event: the page shows those
    set_cells(data / "events.csv", "event_id", event, {"title_en": "Event " + HOSTILE})
    set_cells(data / "terms.csv", "term_id", first_id(data / "terms.csv"), {"explanation": "Term " + HOSTILE + "."})  # the schema wants a full stop

    page = BeautifulSoup(build_book(tmp_path / "book", data).read_text(encoding="utf-8"), "html.parser")
    main = page.find("main")
    text = main.get_text()
    for label in ("Name", "Metric", "Note", "Finding", "Event", "Term"):
        assert f"{label} {HOSTILE}" in text, f"{label}: the string is not on the page as text"
    assert text.count(f"Name {HOSTILE}") >= 5  # table cells, table captions, glued prose
    # the code-written markup beside the data text is markup: the mixed cell and caption show code
    assert len([e for e in main.find_all("code") if e.get_text() == "facts.csv"]) == 2
    assert text.count(f"Metric {HOSTILE}") >= 2  # table cell, glued prose (and the register, which compares it)
    assert [img["alt"] for img in main.find_all("img")] == [f"Alt text naming Name {HOSTILE}"]
    # no element the strings would create
    assert not main.find_all("img", src="x") and not main.find_all(attrs={"onerror": True})
    assert not [e for e in main.find_all(["em", "code", "a"]) if e.get_text() in ("emph", "unknownterm", "tick ")]
    assert not main.find_all(class_="std-term")
