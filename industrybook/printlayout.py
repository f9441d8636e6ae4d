"""Sphinx extension for the PDF edition: every table may break across pages, with set column widths.

Sphinx typesets a table of up to 30 rows as an unbreakable ``tabular``; one taller than what is left
of the page then runs over the running foot ("Overfull \\vbox"). In the LaTeX build every table is
made a ``longtable``, which breaks between rows and repeats its header. Short tables are kept whole
where their builder asks for it (:func:`industrybook.tables.md_table` puts a ``\\needspace`` before them).
A ``longtable`` without column widths would set every column on one line, so a table that came without
them gets widths from its cell text (:func:`industrybook.tables.column_widths`).
"""
from __future__ import annotations

import pandas as pd
from docutils import nodes

from industrybook.tables import column_widths


def cell_texts(tgroup: nodes.tgroup) -> pd.DataFrame:
    """A table's cell text as a frame (header row as column names); spanned cells are left blank."""
    rows = [[entry.astext() for entry in row.findall(nodes.entry)] for row in tgroup.findall(nodes.row)]
    width = len(list(tgroup.findall(nodes.colspec)))
    rows = [(r + [""] * width)[:width] for r in rows]
    head = [f"{name} {i}" for i, name in enumerate(rows[0])] if rows else list(map(str, range(width)))
    return pd.DataFrame(rows[1:], columns=head)


def set_widths(table: nodes.table) -> None:
    tgroup = table.next_node(nodes.tgroup)
    if tgroup is None:
        return
    widths = column_widths(cell_texts(tgroup))
    for colspec, width in zip(tgroup.findall(nodes.colspec), widths):
        colspec["colwidth"] = width
    table["classes"].append("colwidths-given")


def breakable_tables(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    for table in doctree.findall(nodes.table):
        if "colwidths-given" not in table["classes"]:
            set_widths(table)
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")


def setup(app):
    app.connect("doctree-resolved", breakable_tables)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
