"""Text from the data, made safe for the MyST the book's pages are built from.

myst-nb parses a notebook's Markdown output as MyST, and MyST passes raw HTML through and interprets
roles, emphasis, code and substitutions. A field of the data must reach the page as the text it is,
so every generator that writes a data field into MyST passes it through :func:`escape_myst` (or sets
it as code with :func:`code_span`); markup the code writes on purpose (a ``{cite:p}`` role, a bold
label) is added around the escaped text, never taken from the data.
"""
from __future__ import annotations

import math
import re

import pandas as pd

# ASCII punctuation that starts markup: backslash, code, emphasis, roles and substitutions ({}),
# links ([]), raw HTML and autolinks (<>), headings, table cells, dollar maths, strikethrough; and an
# underscore unless it stands between two letters or digits (value_low), where CommonMark never reads
# it as emphasis.
_MARKUP = re.compile(r"[\\`*{}\[\]<>#|$~]|(?<![^\W_])_|_(?![^\W_])")
# a character reference (&lt; &#60; &#x3c;) would be decoded; a bare ampersand (R&D) stays as it is
_CHAR_REF = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def escape_myst(value) -> str:
    """Plain text made literal for MyST inline content (a table cell, a caption, a sentence): markup
    punctuation backslash-escaped, character references kept as written, line breaks as spaces,
    missing values as an empty string."""
    if is_missing(value):
        return ""
    text = re.sub(r"\s*\n\s*", " ", str(value))
    return _CHAR_REF.sub(r"\\&", _MARKUP.sub(lambda m: "\\" + m.group(0), text))


def code_span(value, in_table: bool = True) -> str:
    """Inline code (literal by nature: no role, emphasis or HTML inside it is interpreted). A fence of
    two backticks when the text holds one. In a table cell a pipe (which would end the cell) becomes a
    full-width bar."""
    text = str(value).replace("\n", " ")
    if in_table:
        text = text.replace("|", "\uff5c")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)  # a fence longer than any run of backticks inside
    pad = " " if longest else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"
