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
for the tests to check the breaks. Rows of at least :data:`LEAST_LINES_ON_A_PAGE` lines count as
enough on a page however few they are, so that a table of tall rows can start under its heading.

A section heading that introduces a table in a few lines asks for room for itself, those lines and
the table's start (:func:`keep_headings_with_tables`), so it is not left at a page foot; where the
table is one kept whole and only its first rows fit, the heading stays and the table breaks, rather
than leave the page's foot white (``\\bookprintheadingroom``, ``_latex/bookprint.sty``).

A row cannot break across pages, so a table of rows taller than :data:`SPLIT_ROW_LINES` lines (the
reconciliation register's) left up to a row's height blank at each page foot. Such a row is printed
as several (:func:`split_tall_rows`): its tallest cell is cut between its paragraphs and lists,
the other cells stay in the first part, and no rule or change of shading separates the parts
(``\\bookprintsamerow``), so the page may break between them and the row still reads as one. A
paragraph that introduces a list is kept with its first item, and no empty line is set where a
part opens or closes with a list (:func:`opens_or_closes_with_list`).

The code in solution boxes is set a size smaller than other code (``\\bookprintsolutioncode``), so
that a line of up to about 100 characters fits the box; a longer one wraps with a hanging indent
that starts with a small grey arrow, so the continuation does not read as a new line of code.
The execution table's run times are printed with two decimals each. A figure stands in the
LaTeX source right after the paragraph that first refers to it (:func:`move_figures_to_first_mention`).
"""
from __future__ import annotations

import math
import re
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
LEAST_LINES_ON_A_PAGE = 12  # ... unless they are this many lines tall
# myst-nb marks a successful run with an emoji that no text font has (and a browser without an emoji
# font shows as a box); the heavy check mark is in DejaVu Sans (for the HTML) and Sphinx prints it in
# the PDF as amssymb's \\checkmark.
EXECUTION_SUCCESS_MARKS = {"\u2705": "\u2714"}
# A heading keeps its section's table with it when no more than this many lines of text lie between
# them; it then asks for room for itself, those lines and the table's first lines.
LEAD_LINES_KEPT_WITH_HEADING = 8
MOST_HEADING_ROOM = 40  # lines; asking for more than a page would always break before the heading
HEADING_LINES = 4  # a heading with the space around it, in lines of body text
# the space a notebook cell's output and a table's caption take before its first row, in lines of
# body text (without them heading 5.5 asked for 15 lines where it needed 18, and was left at a page foot)
TABLE_SPACE_LINES = 2
LINE_CHARS = 90  # characters in a line of body text (fewer than fit: a paragraph's height is not underestimated)
LISTS = (nodes.bullet_list, nodes.enumerated_list)
SPLIT_ROW_LINES = 12  # a body row taller than this is printed as several, which a page may break between
RUN_TIME_DECIMALS = 2  # myst-nb rounds run times to two decimals and drops trailing zeros
_CITATION = re.compile(r"\[[^\[\]]{1,60}\]")


def cell_texts(tgroup: nodes.tgroup) -> pd.DataFrame:
    """A table's cell text as a frame (header row as column names); spanned cells are left blank."""
    import pandas as pd

    width = len(list(tgroup.findall(nodes.colspec)))
    rows = [[unbroken_citations(shown_text(entry)) for entry in row.findall(nodes.entry)]
            for row in tgroup.findall(nodes.row)]
    rows = [(r + [""] * width)[:width] for r in rows]
    head = [f"{name} {i}" for i, name in enumerate(rows[0])] if rows else [str(i) for i in range(width)]
    return pd.DataFrame(rows[1:], columns=head)


def shown_text(node: nodes.Node) -> str:
    """A node's text as printed: without raw output for the other edition (a provenance card's
    HTML, which would make a cell look many lines tall)."""
    return "".join(str(text) for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def unbroken_citations(text: str) -> str:
    """A cell's text with each bracketed citation ("[Deng and Peng, 2023]") as one word, so that its
    column is made wide enough to hold it on a line."""
    from industrybook.render.tables import NBSP

    return _CITATION.sub(lambda m: m.group(0).replace(" ", NBSP), text)


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
    page's tables, so in the HTML it takes the next number on its page, after its chapter's or
    appendix's number (as LaTeX numbers it)."""
    from industrybook.tooling.numbering import chapter_prefix

    for table in list(doctree.findall(nodes.table)):
        if not is_execution_table(table):
            continue
        table.insert(0, nodes.title(text=EXECUTION_TABLE_CAPTION))
        mark_success(table)
        fix_run_time_decimals(table)
        write_modified_in_words(table)
        if not table["ids"]:
            table["ids"].append(EXECUTION_TABLE_ID)
        numbers = app.env.toc_fignumbers.setdefault(docname, {}).setdefault("table", {})
        numbers.setdefault(table["ids"][0], (*chapter_prefix(app.env, docname), len(numbers) + 1))


def mark_success(table: nodes.table) -> None:
    """The execution table's status marks as a check mark the installed fonts have."""
    for text in list(table.findall(nodes.Text)):
        marked = str(text)
        for emoji, mark in EXECUTION_SUCCESS_MARKS.items():
            marked = marked.replace(emoji, mark)
        if marked != str(text):
            text.parent.replace(text, nodes.Text(marked))


def rewrite_column(table: nodes.table, header: str, rewrite) -> None:
    """Each text of the execution table's body cells under ``header`` replaced by ``rewrite(text)``
    where that differs."""
    column = EXECUTION_TABLE_HEADER.index(header)
    for row in table.findall(nodes.row):
        entries = list(row.findall(nodes.entry))
        if isinstance(row.parent, nodes.thead) or len(entries) <= column:
            continue
        for text in list(entries[column].findall(nodes.Text)):
            rewritten = rewrite(str(text))
            if rewritten != str(text):
                text.parent.replace(text, nodes.Text(rewritten))


def fix_run_time_decimals(table: nodes.table) -> None:
    """The execution table's run times all with :data:`RUN_TIME_DECIMALS` decimals (``11.4`` as
    ``11.40``) and set to the right, heading included, so that the column lines up as the book's
    number columns do."""
    def with_decimals(text: str) -> str:
        try:
            return f"{float(text):.{RUN_TIME_DECIMALS}f}"
        except ValueError:
            return text

    rewrite_column(table, "Run Time (s)", with_decimals)
    column = EXECUTION_TABLE_HEADER.index("Run Time (s)")
    for row in table.findall(nodes.row):
        entries = list(row.findall(nodes.entry))
        if len(entries) > column:
            entries[column]["classes"].append("text-right")


_MODIFIED = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})")


def write_modified_in_words(table: nodes.table) -> None:
    """The execution table's times in the house form of a date (``2026-12-02 01:25`` as
    ``2 December 2026, 01:25``): myst-nb writes them in the stored form."""
    from industrybook.text.figures import fmt_date

    rewrite_column(table, "Modified", lambda text: _MODIFIED.sub(lambda m: f"{fmt_date(m[1])}, {m[2]}", text))


_NEEDSPACE = re.compile(r"\\needspace\{(\d+)\\baselineskip\}")


def text_lines(node: nodes.Node, chars_per_line: int) -> int:
    """About how many lines a node's text takes at ``chars_per_line`` characters a line (one at least)."""
    return math.ceil(len(shown_text(node)) / chars_per_line) or 1


def paragraph_lines(node: nodes.paragraph) -> int:
    return text_lines(node, LINE_CHARS)


def table_start_lines(table: nodes.table) -> int:
    """The lines a table needs to start on a page: its caption, header and the rows before the first
    place it may break (:func:`may_break_after`)."""
    from industrybook.render.tables import column_widths, table_lines

    tgroup = table.next_node(nodes.tgroup)
    if tgroup is None:
        return HEADING_LINES
    frame = cell_texts(tgroup)
    widths = column_widths(frame)
    lines = row_lines(frame, widths)
    first = next((r for r in range(1, len(frame)) if may_break_after(r, len(frame), lines=lines)), len(frame))
    return table_lines(frame.head(first), widths)


def lines_to_start(block: nodes.Element) -> tuple[int, int] | None:
    """If ``block`` begins with a table (alone, or as a notebook cell's output), the lines that table
    needs to start on a page, and the fewest it can start in: the ``\\needspace`` its builder put
    before it (to keep a short table whole) and the table's first rows; or, with no ``\\needspace``,
    its first rows alone, twice."""
    first = next((n for n in block.findall(lambda n: isinstance(n, (nodes.table, nodes.paragraph, nodes.literal_block,
                                                                    nodes.image, nodes.figure, nodes.raw)))), None)
    if isinstance(first, nodes.raw) and "latex" in first.get("format", "") and _NEEDSPACE.search(first.astext()):
        kept = int(_NEEDSPACE.search(first.astext()).group(1))
        table = block.next_node(nodes.table)
        return kept, (min(kept, table_start_lines(table)) if table is not None else kept)
    if isinstance(first, nodes.table):
        lines = table_start_lines(first)
        return lines, lines
    return None


def heading_room(section: nodes.section) -> tuple[int, int] | None:
    """The lines a section's heading must find on its page so as not to be left at its foot: itself,
    the short text that introduces the section's table, and the start of that table; and the fewest
    it may stay with, where the table is short enough to be kept whole but could break (see
    :func:`lines_to_start`). None when the section does not open with a table."""
    lead = 0
    for block in section.children[1:]:
        if isinstance(block, nodes.paragraph):
            lead += paragraph_lines(block)
            if lead > LEAD_LINES_KEPT_WITH_HEADING:
                return None
            continue
        table = lines_to_start(block) if isinstance(block, (nodes.container, nodes.table, nodes.raw)) else None
        if table is None:
            return None
        kept, least = (min(HEADING_LINES + lead + TABLE_SPACE_LINES + lines, MOST_HEADING_ROOM) for lines in table)
        return kept, least
    return None


def keep_headings_with_tables(doctree: nodes.document) -> None:
    """Room asked for by every section heading (below chapter level) that introduces a table in a few
    lines (``\\bookprintheadingroom``, ``_latex/bookprint.sty``): the heading and its lines then move to
    the next page with the table, rather than stay at the foot of the page when the table moves on;
    or, where the table could start on the page but not whole and moving it would leave a white band,
    they stay and the table starts under them."""
    for section in list(doctree.findall(nodes.section)):
        room = heading_room(section)
        if room is None or not isinstance(section.parent, nodes.section):
            continue
        parent = section.parent
        kept, least = room
        parent.insert(parent.index(section), nodes.raw("", f"\\bookprintheadingroom{{{kept}}}{{{least}}}\n", format="latex"))


def introduces(block: nodes.Node) -> bool:
    """Whether ``block`` is a paragraph that introduces what follows it ("Check x compares:")."""
    return isinstance(block, nodes.paragraph) and shown_text(block).rstrip().endswith(":")


def cell_blocks(entry: nodes.entry, chars_per_line: int) -> list[tuple[list[nodes.Node], int]]:
    """A cell's content as the pieces a page may break between, each with its lines: its paragraphs
    and other blocks, and each item of a list too tall to stay whole (:data:`SPLIT_ROW_LINES`) as
    a list of its own (a list cut elsewhere would open each piece with a list's space above).
    A paragraph that introduces what follows it stays with it (with a cut list's first item), so
    that it is not left alone at a page foot."""
    def lines(node: nodes.Node) -> int:
        return text_lines(node, chars_per_line)

    def one_item(block: nodes.Element, item: nodes.Node) -> nodes.Element:
        piece = block.copy()  # the list's attributes (bullet, enumeration)
        piece.append(item.deepcopy())
        return piece

    blocks: list[tuple[list[nodes.Node], int]] = []
    for block in entry.children:
        lead = blocks.pop() if blocks and introduces(blocks[-1][0][-1]) else ([], 0)
        if isinstance(block, LISTS) and lead[1] + lines(block) > SPLIT_ROW_LINES:
            pieces = [one_item(block, item) for item in block.children]
        else:
            pieces = [block.deepcopy()]
        first, *rest = [([piece], lines(piece)) for piece in pieces]
        blocks.append((lead[0] + first[0], lead[1] + first[1]))
        blocks.extend(rest)
    return blocks


def split_row(row: nodes.row, lines: int, widths: list[int] | None = None) -> list[nodes.row]:
    """A body row as rows of about :data:`SPLIT_ROW_LINES` lines or fewer: the row's tallest cell
    (by its text) cut between its blocks (:func:`cell_blocks`), the other cells in the first part
    and left empty in the others. With the columns' ``widths`` the first part is made at least as
    tall as those other cells, so that no gap opens in the cut cell beside them. Each part but the
    last is marked ``bookprint_continues``."""
    entries = list(row.children)
    widths = widths or [1] * len(entries)
    tallest = max(range(len(entries)), key=lambda i: len(shown_text(entries[i])))
    chars_per_line = max(1, len(shown_text(entries[tallest])) // max(lines, 1))

    def cell_lines(i: int) -> int:
        room = max(1, chars_per_line * widths[i] // widths[tallest])
        return sum(text_lines(block, room) for block in entries[i].children)

    beside = max((cell_lines(i) for i in range(len(entries)) if i != tallest), default=0)
    groups, current, current_lines = [], [], 0
    for block, block_lines in cell_blocks(entries[tallest], chars_per_line):
        first_part_short = not groups and current_lines < beside
        if current and current_lines + block_lines > SPLIT_ROW_LINES and not first_part_short:
            groups.append(current)
            current, current_lines = [], 0
        current.extend(block)
        current_lines += block_lines
    groups.append(current)
    if len(groups) < 2:
        return [row]
    parts = []
    for number, group in enumerate(groups):
        part = nodes.row()
        for i, entry in enumerate(entries):
            cell = entry.copy()
            if i == tallest:
                cell.extend(group)
            elif number == 0:
                cell.extend(child.deepcopy() for child in entry.children)
            part.append(cell)
        if number < len(groups) - 1:
            part["bookprint_continues"] = True
        parts.append(part)
    return parts


def split_tall_rows(table: nodes.table) -> None:
    """Every body row of ``table`` taller than :data:`SPLIT_ROW_LINES` lines printed as several
    (:func:`split_row`), so that a page breaks between its parts rather than before the whole row."""
    from industrybook.render.tables import column_widths

    tgroup = table.next_node(nodes.tgroup)
    body = tgroup.next_node(nodes.tbody) if tgroup is not None else None
    if body is None or any(e.get("morerows") or e.get("morecols") for e in tgroup.findall(nodes.entry)):
        return
    frame = cell_texts(tgroup)
    widths = column_widths(frame) if len(frame.columns) else []
    lines = row_lines(frame, widths) if widths else []
    if len(lines) != len(body.children) or max(lines, default=0) <= SPLIT_ROW_LINES:
        return
    rows = list(body.children)
    body.clear()
    for row, height in zip(rows, lines):
        body.extend(split_row(row, height, widths) if height > SPLIT_ROW_LINES else [row])


SOLUTION_CODE = "\\bookprintsolutioncode\n"


def small_solution_code(doctree: nodes.document) -> None:
    """``\\bookprintsolutioncode`` (``_latex/bookprint.sty``) at the top of every solution box: its
    code a size smaller, which holds for the box alone."""
    from sphinx_exercise.nodes import solution_node

    for solution in doctree.findall(solution_node):
        at = 1 if solution.children and isinstance(solution[0], nodes.title) else 0
        solution.insert(at, nodes.raw("", SOLUTION_CODE, format="latex"))


MOVABLE_TEXT = (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list, nodes.block_quote, nodes.math_block)


def mention_block(reference: nodes.Node, figure: nodes.figure) -> nodes.Node | None:
    """The block beside ``figure`` (a child of the same parent) that holds ``reference``, or None."""
    block = reference
    while block.parent is not None and block.parent is not figure.parent:
        block = block.parent
    return block if block.parent is figure.parent and block is not figure else None


def move_figures_to_first_mention(doctree: nodes.document) -> None:
    """Each figure moved up to just after the block (a paragraph, a list) of its section that first
    refers to it, if only running text (:data:`MOVABLE_TEXT`) stands between them: LaTeX can place a
    float only from where it stands in the text, and one that stood paragraphs after its mention
    could only follow it pages later."""
    mentions: dict[str, list[nodes.reference]] = {}
    for reference in doctree.findall(nodes.reference):
        target = reference.get("refid") or reference.get("refuri", "").rpartition("#")[2]
        if target:
            mentions.setdefault(target, []).append(reference)
    for figure in list(doctree.findall(nodes.figure)):
        blocks = [b for i in figure["ids"] for r in mentions.get(i, []) if (b := mention_block(r, figure)) is not None]
        if not blocks:
            continue
        parent = figure.parent
        first = min(parent.index(b) for b in blocks)
        between = parent.children[first + 1:parent.index(figure)]
        # only over running text: a table, another figure or a raw page-layout hint keeps its place
        if between and all(isinstance(b, MOVABLE_TEXT) for b in between):
            parent.remove(figure)
            parent.insert(first + 1, figure)


def drop_empty_cell_paragraphs(table: nodes.table) -> None:
    """An empty table cell comes from MyST as an empty paragraph, which LaTeX sets as a blank line:
    the row grows a line taller than its text (51 such cells in the stop-21 PDF)."""
    for entry in table.findall(nodes.entry):
        for paragraph in [p for p in entry.children if isinstance(p, nodes.paragraph)]:
            if not paragraph.children or all(isinstance(c, nodes.Text) and not c.strip() for c in paragraph.children):
                entry.remove(paragraph)


def print_tables(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    keep_headings_with_tables(doctree)
    small_solution_code(doctree)
    move_figures_to_first_mention(doctree)
    for table in list(doctree.findall(nodes.table)):
        if not has_column_spec(table):
            spec = column_spec(table)
            if spec:
                table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        drop_empty_cell_paragraphs(table)
        split_tall_rows(table)


def row_lines(frame: pd.DataFrame, widths: list[int]) -> list[int]:
    """About how many printed lines each body row takes (its cells wrapped at the column widths)."""
    from industrybook.render.tables import table_lines

    empty = table_lines(frame.iloc[0:0], widths)
    return [table_lines(frame.iloc[[i]], widths) - empty for i in range(len(frame))]


def may_break_after(row: int, rows: int, least: int = LEAST_ROWS_ON_A_PAGE, lines: list[int] | None = None,
                    least_lines: int = LEAST_LINES_ON_A_PAGE) -> bool:
    """Whether a page may break after body row ``row`` (1-based) of ``rows``: only where at least
    ``least`` rows, or rows of at least ``least_lines`` lines (``lines``: each row's), come before the
    break and after it. One or two tall rows are not a stray remnant, and three of them may not fit
    on a page under a heading."""
    lines = lines or [1] * rows

    def enough(count: int, height: int) -> bool:
        return count >= least or height >= least_lines

    return 1 <= row < rows and enough(row, sum(lines[:row])) and enough(rows - row, sum(lines[row:]))


def opens_or_closes_with_list(entry: nodes.entry) -> tuple[bool, bool]:
    """Whether a cell (one that spans no other) starts, and whether it ends, with a list. LaTeX sets
    an empty line above a list that opens a table cell and below one that closes it, which
    ``\\bookprintcellopenslist`` and ``\\bookprintcellcloseslist`` (``_latex/bookprint.sty``) take back."""
    if entry.get("morerows") or entry.get("morecols") or not entry.children:
        return False, False
    return isinstance(entry.children[0], LISTS), isinstance(entry.children[-1], LISTS)


class RowKeeping:
    """Mixin for the LaTeX translator: puts ``\\bookprintkeep`` after the rows after which no page
    may break, and marks each body row for the log (see the module's docstring)."""

    def visit_table(self, node) -> None:
        import pandas as pd

        from industrybook.render.tables import column_widths

        self.bookprint_tables = getattr(self, "bookprint_tables", 0) + 1
        tgroup = node.next_node(nodes.tgroup)
        frame = cell_texts(tgroup) if tgroup is not None else pd.DataFrame()
        self.bookprint_lines = row_lines(frame, column_widths(frame)) if len(frame.columns) else []
        super().visit_table(node)

    def visit_entry(self, node) -> None:
        super().visit_entry(node)
        if opens_or_closes_with_list(node)[0]:
            self.body.append("\\bookprintcellopenslist\n")

    def depart_entry(self, node) -> None:
        if opens_or_closes_with_list(node)[1]:
            self.body.append("\\bookprintcellcloseslist\n")
        super().depart_entry(node)

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
        lines = self.bookprint_lines if len(self.bookprint_lines) == rows else [1] * rows
        mark = f"\\bookprintrow{{{self.bookprint_tables}}}{{{row}}}{{{rows}}}{{{lines[row - 1]}}}"
        self.body[start] = mark + ("\\\\\n" if may_break_after(row, rows, lines=lines) else keep)
        if node.get("bookprint_continues") and self.body[-1] == "\\sphinxhline":
            self.body[-1] = "\\bookprintsamerow"  # the next row is this one's continuation


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
