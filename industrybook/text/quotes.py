"""Curly quotes and apostrophes for text that no typesetter touches.

Sphinx turns the prose's straight quotes into curly ones (its smartquotes, in HTML and PDF alike);
a chart's titles and labels are drawn by matplotlib and keep what the code wrote. :func:`curly_quotes`
gives them the prose's typography: ‘single’ and “double” quotes, and ’ for an apostrophe.
"""
from __future__ import annotations

import re

# A quote opens at the start, after a space, an opening bracket or dash, or another opening quote;
# elsewhere (after a letter, a digit, a full stop) it closes, or is an apostrophe.
_OPENS_AFTER = r"(^|(?<=[\s(\[{\u2014\u2013/“‘]))"
_DOUBLE_OPEN = re.compile(_OPENS_AFTER + '"')
_SINGLE_OPEN = re.compile(_OPENS_AFTER + "'")


def curly_quotes(text: str) -> str:
    """``text`` with straight quotes set as curly quotes and apostrophes."""
    text = _DOUBLE_OPEN.sub("“", text).replace('"', "”")
    return _SINGLE_OPEN.sub("‘", text).replace("'", "’")
