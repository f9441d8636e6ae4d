"""Figures as the Chinese sources print them, turned into numbers.

Most figures are digits (``1394.6``, ``2,291.4``); a few are words. Word figures that name a
range (数百 "a few hundred") become a (low, high) pair, never a point: the book computes with the range
but prints the source's word in English (:mod:`industrybook.data.words`). The words,
their numbers and their English are a table of the data package, ``data/word_figures.csv``; this
module only parses, given that table.
"""
from __future__ import annotations

import re

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_integer(text: str) -> int:
    """A whole number written in Chinese numerals, below ten thousand: ``'三十六'`` -> 36,
    ``'十'`` -> 10, ``'百'`` -> 100."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


_FRACTION = re.compile(r"^(?P<den>[零一二两三四五六七八九十百千]+)分之(?P<num>[零一二两三四五六七八九十百千]+)$")


def parse_chinese_fraction(text: str) -> float:
    """A fraction written the Chinese way, denominator first: ``'四分之三'`` -> 0.75."""
    match = _FRACTION.match(text)
    if not match:
        raise ValueError(f"not a Chinese fraction: {text!r}")
    return parse_chinese_integer(match["num"]) / parse_chinese_integer(match["den"])


_DIGITS = re.compile(r"^[+-]?\d{1,3}(,\d{3})*(\.\d+)?$|^[+-]?\d+(\.\d+)?$")


# Digits with 万 inside: 5万3230.99 is 5 x 10000 + 3230.99 (a way some releases print large figures).
_WAN_INSIDE = re.compile(r"^(\d+)万(\d{1,4}(\.\d+)?)$")


def is_numeric(printed: str) -> bool:
    """True when the figure is printed in digits (``'1394.6'``, ``'2,291.4'``)."""
    return bool(_DIGITS.match(str(printed).strip()))


def is_printed_in_digits(printed: str) -> bool:
    """True for digits, with or without 万 inside (``'1394.6'``, ``'5万3230.99'``): a figure whose precision
    the page shows; False for word figures and Chinese numerals."""
    text = str(printed).strip()
    return is_numeric(text) or bool(_WAN_INSIDE.match(text))


def parse_printed(printed: str, words: dict[str, tuple[float | None, float | None, float | None]]
                  ) -> tuple[float | None, float | None, float | None]:
    """``(point, low, high)`` for a figure as printed; ``words`` is the word table
    (:func:`industrybook.data.words.word_figures`; ``load()`` passes the one it validates).

    >>> parse_printed("1394.6", {})
    (1394.6, None, None)
    >>> parse_printed("数百", {"数百": (None, 200.0, 900.0)})
    (None, 200.0, 900.0)
    >>> parse_printed("5万3230.99", {})
    (53230.99, None, None)
    """
    text = str(printed).strip()
    if is_numeric(text):
        return float(text.replace(",", "")), None, None
    wan = _WAN_INSIDE.match(text)
    if wan:
        return int(wan.group(1)) * 10000 + float(wan.group(2)), None, None
    if text in words:
        return words[text]
    for parse in (parse_chinese_integer, parse_chinese_fraction):
        try:
            return float(parse(text)), None, None
        except ValueError:
            pass
    raise ValueError(f"not a figure: {printed!r} (digits or one of {', '.join(words)})")
