"""Sphinx extension for the PDF edition: every table may break across pages and has a designed
column specification.

Sphinx typesets a table of up to 30 rows as an unbreakable ``tabular``; one taller than what is left
of the page then runs over the running foot ("Overfull \\vbox"). In the LaTeX build every table is
made a ``longtable``, which breaks between rows and repeats its header. Short tables are kept whole
where their builder asks for it (:func:`industrybook.render.tables.md_table` puts a ``\\needspace`` before them).

:func:`industrybook.render.tables.md_table` gives its tables a column specification (``tabularcolumns``);
every other table (the appendices', myst-nb's execution table) gets one here, from its cell text
(:func:`industrybook.render.tables.latex_columns`): text ragged right, figures ragged left, no break in a
date, and column widths from :func:`industrybook.render.tables.column_widths`.
myst-nb's execution statistics table comes without a caption; it gets one, so that every printed
table is numbered.
"""
from __future__ import annotations

import pandas as pd
from docutils import nodes
from sphinx import addnodes

from industrybook.render.tables import column_kind, column_widths, latex_columns

EXECUTION_TABLE_HEADER = ["Document", "Modified", "Method", "Run Time (s)", "Status"]  # myst-nb's
EXECUTION_TABLE_CAPTION = "The notebooks the last build ran or took from its cache"


def cell_texts(tgroup: nodes.tgroup) -> pd.DataFrame:
    """A table's cell text as a frame (header row as column names); spanned cells are left blank."""
    width = len(list(tgroup.findall(nodes.colspec)))
    rows = [[entry.astext() for entry in row.findall(nodes.entry)] for row in tgroup.findall(nodes.row)]
    rows = [(r + [""] * width)[:width] for r in rows]
    head = [f"{name} {i}" for i, name in enumerate(rows[0])] if rows else [str(i) for i in range(width)]
    return pd.DataFrame(rows[1:], columns=head)


def column_spec(table: nodes.table) -> str | None:
    """The LaTeX column specification for a table that has none."""
    tgroup = table.next_node(nodes.tgroup)
    if tgroup is None:
        return None
    frame = cell_texts(tgroup)
    # widths from the text at the print size, in place of any given for the screen
    return latex_columns([column_kind(list(frame[c])) for c in frame.columns], column_widths(frame))


def has_column_spec(table: nodes.table) -> bool:
    index = table.parent.index(table)
    return index > 0 and isinstance(table.parent[index - 1], addnodes.tabular_col_spec)


def caption_execution_table(table: nodes.table) -> None:
    head = table.next_node(nodes.thead)
    if table.next_node(nodes.title) is None and head is not None and \
            [e.astext() for e in head.findall(nodes.entry)] == EXECUTION_TABLE_HEADER:
        table.insert(0, nodes.title(text=EXECUTION_TABLE_CAPTION))


def print_tables(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        caption_execution_table(table)
        if not has_column_spec(table):
            spec = column_spec(table)
            if spec:
                table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")


def setup(app):
    app.connect("doctree-resolved", print_tables)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
