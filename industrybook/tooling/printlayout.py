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
myst-nb's execution statistics table comes without a caption; it gets one, numbered, in both
editions (in the HTML the number follows the page's own count, as for every other table there).

A table broken across pages keeps at least :data:`LEAST_ROWS_ON_A_PAGE` rows on each of its pages:
no page break is allowed after its first rows or before its last ones (``\\bookprintkeep`` follows
those rows), so a table of fewer than twice that many rows is never broken. (A block of rows taller
than a page would run over the foot; the tests forbid any overfull vbox.) Each body row also writes its table, its
number and the page it is printed on to the LaTeX log (``\\bookprintrow``, ``_latex/bookprint.sty``),
for the tests to check the breaks.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    import pandas as pd

# pandas and the render layer are imported by the functions that use them (LaTeX builds only),
# so that an HTML rebuild does not pay for them.

EXECUTION_TABLE_HEADER = ["Document", "Modified", "Method", "Run Time (s)", "Status"]  # myst-nb's
EXECUTION_TABLE_CAPTION = "The notebooks the last build ran or took from its cache"
EXECUTION_TABLE_ID = "tbl-execution-statistics"
LEAST_ROWS_ON_A_PAGE = 3  # a page holding fewer rows of a broken table looks like a stray remnant


def cell_texts(tgroup: nodes.tgroup) -> pd.DataFrame:
    """A table's cell text as a frame (header row as column names); spanned cells are left blank."""
    import pandas as pd

    width = len(list(tgroup.findall(nodes.colspec)))
    rows = [[entry.astext() for entry in row.findall(nodes.entry)] for row in tgroup.findall(nodes.row)]
    rows = [(r + [""] * width)[:width] for r in rows]
    head = [f"{name} {i}" for i, name in enumerate(rows[0])] if rows else [str(i) for i in range(width)]
    return pd.DataFrame(rows[1:], columns=head)


def column_spec(table: nodes.table) -> str | None:
    """The LaTeX column specification for a table that has none."""
    from industrybook.render.tables import column_kind, column_widths, latex_columns

    tgroup = table.next_node(nodes.tgroup)
    if tgroup is None:
        return None
    frame = cell_texts(tgroup)
    # widths from the text at the print size, in place of any given for the screen
    return latex_columns([column_kind(list(frame[c])) for c in frame.columns], column_widths(frame))


def has_column_spec(table: nodes.table) -> bool:
    index = table.parent.index(table)
    return index > 0 and isinstance(table.parent[index - 1], addnodes.tabular_col_spec)


def is_execution_table(table: nodes.table) -> bool:
    head = table.next_node(nodes.thead)
    return table.next_node(nodes.title) is None and head is not None and \
        [e.astext() for e in head.findall(nodes.entry)] == EXECUTION_TABLE_HEADER


def caption_execution_table(app, doctree, docname) -> None:
    """The caption, and an id to number it by. The table is made after Sphinx has numbered the
    page's tables, so in the HTML it takes the next number on its page."""
    for table in list(doctree.findall(nodes.table)):
        if not is_execution_table(table):
            continue
        table.insert(0, nodes.title(text=EXECUTION_TABLE_CAPTION))
        if not table["ids"]:
            table["ids"].append(EXECUTION_TABLE_ID)
        numbers = app.env.toc_fignumbers.setdefault(docname, {}).setdefault("table", {})
        numbers.setdefault(table["ids"][0], (len(numbers) + 1,))


def print_tables(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        if not has_column_spec(table):
            spec = column_spec(table)
            if spec:
                table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")


def may_break_after(row: int, rows: int, least: int = LEAST_ROWS_ON_A_PAGE) -> bool:
    """Whether a page may break after body row ``row`` (1-based) of ``rows``: not within the first
    or the last ``least`` rows."""
    return least <= row <= rows - least


class RowKeeping:
    """Mixin for the LaTeX translator: puts ``\\bookprintkeep`` after the rows after which no page
    may break, and marks each body row for the log (see the module's docstring)."""

    def visit_table(self, node) -> None:
        self.bookprint_tables = getattr(self, "bookprint_tables", 0) + 1
        super().visit_table(node)

    def depart_row(self, node) -> None:
        start = len(self.body)
        super().depart_row(node)
        if self.body[start] != "\\\\\n":  # the row's end, as Sphinx writes it
            return
        section = node.parent
        keep = "\\\\\\bookprintkeep\n"
        if not isinstance(section, nodes.tbody):  # the header stays with the first rows
            self.body[start] = keep
            return
        rows = len(section.children)
        row = section.index(node) + 1
        mark = f"\\bookprintrow{{{self.bookprint_tables}}}{{{row}}}{{{rows}}}"
        self.body[start] = mark + ("\\\\\n" if may_break_after(row, rows) else keep)


def keep_rows_together(app) -> None:
    if app.builder.format != "latex":
        return
    base = app.registry.get_translator_class(app.builder)
    app.set_translator(app.builder.name, type("BookprintLaTeXTranslator", (RowKeeping, base), {}), override=True)


def setup(app):
    app.connect("doctree-resolved", caption_execution_table)
    app.connect("doctree-resolved", print_tables)
    app.connect("builder-inited", keep_rows_together)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
