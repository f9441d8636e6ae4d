"""Sphinx extension: no date, period or value is broken across lines, in print or on screen.

Every text of a page (prose, table cells, lists, the derived-number entries) is scanned once, after
references are resolved, for values: an ISO date or period (``2026-01-24``, ``2024-01/2024-10``), a
range (``2023-2026``), and a number with its unit or currency (``CNY 176 bn``, ``5,000 m``, ``12 of
20``, ``20 November 2024``: the bindings of :func:`industrybook.render.tables.glue_values`, which
also sizes the table columns, so a column is always wide enough for the values in it). Each value is
put in an ``inline`` node of class :data:`UNBROKEN`: in the HTML a ``span`` that ``_assets/book.css``
sets ``white-space: nowrap``, in the PDF Sphinx's ``\\DUrole{unbroken}``, an ``\\mbox``
(``_latex/bookprint.sty``). The text itself is not changed: what a reader searches for or copies
from either edition is the value as printed, with ordinary spaces and hyphens.

Code, math, raw output (a provenance card's HTML), headings (which LaTeX moves into its running
heads and contents, and sets without roles) and web addresses are left as they are.
"""
from __future__ import annotations

import re

from docutils import nodes

UNBROKEN = "unbroken"
LONGEST_VALUE = 40  # characters; a longer run is not one value, and in an mbox it would overrun the line
# a hyphen, en dash or slash between digits: a date, a period, a range
_JOINED_DIGITS = re.compile(r"\d[-\u2010\u2011\u2013/]\d")
_NOT_A_VALUE = re.compile(r"://|^www\.|_|@")
_OPENING = "([{\u201c\u2018\"'"
_CLOSING = ".,;:!?)]}\u201d\u2019\"'"
_LEFT_ALONE = (nodes.raw, nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.comment,
               nodes.title, nodes.target, nodes.substitution_definition)


def value_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each value in ``text`` that must stay on one line: a run of text without a
    breakable space (after :func:`~industrybook.render.tables.glue_values` has bound numbers, units,
    currencies and dates) that joins digits by a hyphen, dash or slash, or holds a bound space. The
    brackets and punctuation around a value are left outside it."""
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
        if NBSP in word or _JOINED_DIGITS.search(word):
            spans.append((start, end))
    return spans


def is_left_alone(text: nodes.Text) -> bool:
    node = text.parent
    while node is not None:
        if isinstance(node, _LEFT_ALONE) or (isinstance(node, nodes.inline) and UNBROKEN in node["classes"]):
            return True
        if isinstance(node, nodes.reference) and node.get("refuri") == text.astext():
            return True  # a bare web address
        node = node.parent
    return False


def unbroken_pieces(text: str) -> list[nodes.Node]:
    """``text`` as Text nodes with each value (:func:`value_spans`) in an unbroken inline."""
    pieces, at = [], 0
    for start, end in value_spans(text):
        if start > at:
            pieces.append(nodes.Text(text[at:start]))
        pieces.append(nodes.inline(text[start:end], text[start:end], classes=[UNBROKEN]))
        at = end
    if at < len(text):
        pieces.append(nodes.Text(text[at:]))
    return pieces


def keep_values_whole(app, doctree: nodes.document, docname: str) -> None:
    for text in list(doctree.findall(nodes.Text)):
        if text.parent is None or is_left_alone(text) or not value_spans(str(text)):
            continue
        parent = text.parent
        at = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(unbroken_pieces(str(text))):
            parent.insert(at + offset, piece)


def setup(app):
    # after the print layout has measured the tables (it reads their cell text, which stays the same)
    app.connect("doctree-resolved", keep_values_whole, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
