"""Sphinx extension: no date, period, value or short Chinese term is broken across lines, in print or on screen.

Every text of a page (prose, table cells, lists, the derived-number entries) is scanned once, after
references are resolved, for values: an ISO date or period (``2026-01-24``, ``2024-01/2024-10``), a
range (``2023-2026``), and a number with its unit or currency (``CNY 176 bn``, ``5,000 m``, ``12 of
20``, ``20 November 2024``: the bindings of :func:`industrybook.render.tables.glue_values`, which
also sizes the table columns, so a column is always wide enough for the values in it). Each value is
put in an ``inline`` node of class :data:`UNBROKEN`: in the HTML a ``span`` that ``_assets/book.css``
sets ``white-space: nowrap``, in the PDF Sphinx's ``\\DUrole{unbroken}``, an ``\\mbox``
(``_latex/bookprint.sty``). The text itself is not changed: what a reader searches for or copies
from either edition is the value as printed, with ordinary spaces and hyphens.

In a table cell a worded period or date ("January–September 2024", "20 November 2024") is two
values, its months (with the day) and its year, with an ordinary space between them: a column need not be as wide as the whole period, so tables
keep some slack at 1280 px and fit a phone more often; "January–September" and "2024" never break.

A short Chinese term (:func:`term_spans`: up to :data:`LONGEST_TERM` characters, as "水口山" or
"一核两电三色四新", with the figures written into it, "1321.67亿元") is kept whole the same way:
a line may break between any two Chinese characters, and one did inside words ("(水" / "口山)").
In print a marked piece wider than its line (a term in a narrow table column) breaks as if unmarked.

Code, math, raw output (a provenance card's HTML), headings in print (which LaTeX moves into its
running heads and contents, and sets without roles) and web addresses are left as they are.
"""
from __future__ import annotations

import calendar
import re

from docutils import nodes

UNBROKEN = "unbroken"
LONGEST_VALUE = 40  # characters; a longer run is not one value, and in an mbox it would overrun the line
# a hyphen, en dash or slash between digits: a date, a period, a range
_JOINED_DIGITS = re.compile(r"\d[-\u2010\u2011\u2013/]\d")
_NOT_A_VALUE = re.compile(r"://|^www\.|_|@")
_OPENING = "([{\u201c\u2018\"'"
_CLOSING = ".,;:!?)]}\u201d\u2019\"'"
_MONTH = "|".join(calendar.month_name[1:])
# "January–September 2024", "May 2023", "20 November 2024": in a table cell the months (with the
# day) and the year may part (a column as narrow as "January–September" or "20 November" leaves its
# table room); neither piece is ever broken itself
_WORDED_PERIOD = re.compile(rf"((?:\d{{1,2}}\u00a0)?(?:{_MONTH})(?:[-\u2013](?:{_MONTH}))?)\u00a0(\d{{4}})")
# the same with the no-break space a table's source puts there (tables.glue_values)
_BOUND_PERIOD = re.compile(rf"(?<!\d[\s\u00a0])\b((?:\d{{1,2}}\u00a0)?(?:{_MONTH})(?:[-\u2013](?:{_MONTH}))?)\u00a0(\d{{4}})\b")
LONGEST_TERM = 10  # characters; a longer run of Chinese is a phrase or a title, which may break
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FIGURE_IN_TERM = r"\d+(?:[.,]\d+)*%?"
# Chinese characters, with a figure before or inside them ("38项", "市第88位"), an enumeration
# comma between them ("充气柜、平台用变压器") and the slash of a unit ("万元/吨"); not the brackets
# and punctuation around them
_TERM = re.compile(rf"(?:{_FIGURE_IN_TERM})?[{_HAN}](?:[{_HAN}]|[\u3001/](?=[{_HAN}])|{_FIGURE_IN_TERM}(?=[{_HAN}]))*")
_LEFT_ALONE = (nodes.raw, nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.comment,
               nodes.target, nodes.substitution_definition)


def value_spans(text: str, in_table: bool = False) -> list[tuple[int, int]]:
    """The (start, end) of each value in ``text`` that must stay on one line: a run of text without a
    breakable space (after :func:`~industrybook.render.tables.glue_values` has bound numbers, units,
    currencies and dates) that joins digits by a hyphen, dash or slash, or holds a bound space. The
    brackets and punctuation around a value are left outside it. ``in_table``: a worded period
    (month or months, then the year) is two values, the months and the year, which may part."""
    from industrybook.render.tables import NBSP, glue_values

    glued = glue_values(text)
    assert len(glued) == len(text), "glue_values must only swap spaces for no-break spaces"
    spans = []
    for run in re.finditer(r"[^\s]+(?:\u00a0[^\s]+)*", glued):
        start, end = run.span()
        while start < end and glued[start] in _OPENING:
            start += 1
        while end > start and glued[end - 1] in _CLOSING:
            end -= 1
        word = glued[start:end]
        if not word or len(word) > LONGEST_VALUE or _NOT_A_VALUE.search(word):
            continue
        period = _WORDED_PERIOD.fullmatch(word) if in_table else None
        if period:
            spans += [(start + period.start(i), start + period.end(i)) for i in (1, 2)]
        elif NBSP in word or _JOINED_DIGITS.search(word):
            spans.append((start, end))
    return spans


def term_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each short Chinese term in ``text`` (see the module's docstring)."""
    # a figure counts as one character: "5万3230.99亿元" (a GDP as printed) is a short term
    return [m.span() for m in _TERM.finditer(text)
            if len(re.sub(_FIGURE_IN_TERM, "0", m.group(0))) <= LONGEST_TERM and len(m.group(0)) <= LONGEST_VALUE]


def unbroken_spans(text: str, in_table: bool = False) -> list[tuple[int, int]]:
    """The values (:func:`value_spans`) and short Chinese terms (:func:`term_spans`) of ``text``, in
    order; a term inside a value is part of it."""
    values = value_spans(text, in_table)
    terms = [(a, b) for a, b in term_spans(text) if not any(a < end and start < b for start, end in values)]
    return sorted(values + terms)


def is_left_alone(text: nodes.Text, headings: bool = True) -> bool:
    """Whether ``text`` is left as it is: code, math, raw output, web addresses, a value already kept
    whole, and with ``headings`` a heading's text."""
    left_alone = _LEFT_ALONE + ((nodes.title,) if headings else ())
    node = text.parent
    while node is not None:
        if isinstance(node, left_alone) or (isinstance(node, nodes.inline) and UNBROKEN in node["classes"]):
            return True
        if isinstance(node, nodes.reference) and node.get("refuri") == text.astext():
            return True  # a bare web address
        node = node.parent
    return False


def in_table_cell(text: nodes.Text) -> bool:
    node = text.parent
    while node is not None and not isinstance(node, nodes.entry):
        node = node.parent
    return node is not None


def breakable_periods(text: str) -> str:
    """A table cell's text with the no-break space between a worded period's months and its year
    made an ordinary one: the line may break there, and nowhere inside either piece (value_spans)."""
    return _BOUND_PERIOD.sub(r"\1 \2", text)


def unbroken_pieces(text: str, in_table: bool = False) -> list[nodes.Node]:
    """``text`` as Text nodes with each value and short Chinese term (:func:`unbroken_spans`) in an
    unbroken inline."""
    pieces, at = [], 0
    for start, end in unbroken_spans(text, in_table):
        if start > at:
            pieces.append(nodes.Text(text[at:start]))
        pieces.append(nodes.inline(text[start:end], text[start:end], classes=[UNBROKEN]))
        at = end
    if at < len(text):
        pieces.append(nodes.Text(text[at:]))
    return pieces


def keep_values_whole(app, doctree: nodes.document, docname: str) -> None:
    # a page's own headings in the HTML too ("as reported 2023–2026" split at its dash on a phone);
    # the sidebar, contents and the PDF's running heads take theirs from the unresolved titles
    html = app is not None and app.builder.format == "html"
    for text in list(doctree.findall(nodes.Text)):
        if text.parent is None or is_left_alone(text, headings=not html):
            continue
        in_table = in_table_cell(text)
        shown = breakable_periods(str(text)) if in_table else str(text)
        if not unbroken_spans(shown, in_table):
            continue
        parent = text.parent
        at = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(unbroken_pieces(shown, in_table)):
            parent.insert(at + offset, piece)


def setup(app):
    # after the print layout has measured the tables (it reads their cell text, which stays the same)
    app.connect("doctree-resolved", keep_values_whole, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
