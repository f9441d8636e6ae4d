"""Numbers for English prose: every number in the text passes through here, then through glue.

Glue ``str`` results, never NumPy scalars: ``{glue:text}`` with a format spec renders
NumPy scalars as an empty string.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal

_SCALES = [(1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "thousand")]


MINUS = "\u2212"  # the minus sign: a hyphen before a number reads as a dash and may break from it


def _trim(x: float, digits: int) -> str:
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-"):
        text = MINUS + text[1:] if text.strip("-0.,") else text[1:]  # no "−0" for a value rounded to zero
    return text


def fmt_number(x: float, digits: int = 2) -> str:
    """``1234.5`` -> ``'1,234.5'``; trailing zeros dropped, thousands separated."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        raise ValueError("cannot format a missing value")
    return _trim(float(x), digits)


# A chart's value label prints a figure as the book prints it everywhere else (the text, the tables, the
# Facts appendix): the page's own precision for a fact, the rounding rule's for a derived figure, so that
# a reader who meets CNY 163.85 bn in a sentence finds 163.85 beside the point, not 163.9. A chart whose
# axis shares one precision would print one figure two ways in one chapter.
_FIGURE = r"(?P<words>(?:[a-z]+ )*)(?P<number>[+\-\u2212]?\d[\d,]*(?:\.\d+)?)"
_POWERS = {"tn": 12, "bn": 9, "m": 6, "thousand": 3, None: 0}
# a chart unit: the form of a figure printed in it, and the power of ten its axis counts in
CHART_UNITS = {
    "CNY bn": (re.compile(_FIGURE.replace("(?P<number>", "CNY (?P<number>") + r"(?: (?P<scale>tn|bn|m|thousand))?"), 9),
    "CNY m": (re.compile(_FIGURE.replace("(?P<number>", "CNY (?P<number>") + r"(?: (?P<scale>tn|bn|m|thousand))?"), 6),
    "%": (re.compile(_FIGURE + "%"), 0),
    "km": (re.compile(_FIGURE + " km"), 0),
}


def chart_value(text: str, unit: str) -> str:
    """A figure as the book prints it (``'CNY 163.85 bn'``, ``'more than CNY 10 bn'``, ``'7.47%'``), as a value
    label on a chart whose axis reads ``unit`` (one of :data:`CHART_UNITS`): the same words and digits
    without the unit the axis states (``'163.85'``, ``'more than 10'``). A money figure printed in another
    scale keeps its digits, the decimal point moved (``'CNY 1.54 bn'`` on a CNY m axis: ``'1,540'``), so
    the label is no more and no less precise than the text."""
    if unit not in CHART_UNITS:
        raise ValueError(f"no chart unit {unit!r} (known: {sorted(CHART_UNITS)})")
    pattern, power = CHART_UNITS[unit]
    match = pattern.fullmatch(str(text))
    if match is None:
        raise ValueError(f"{str(text)!r} is not a figure in {unit!r}")
    shift = _POWERS[match.groupdict().get("scale")] - power
    if shift == 0:
        return match["words"] + match["number"]
    number = Decimal(match["number"].replace(",", "").replace("\u2212", "-")).scaleb(shift)
    return match["words"] + f"{number:,f}"


_COUNT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def count_words(n: float) -> str:
    """A whole count in words up to ten, in digits above: ``4`` -> ``'four'``, ``19`` -> ``'19'``."""
    if float(n) != int(n) or n < 0:
        raise ValueError(f"not a whole count: {n!r}")
    return _COUNT_WORDS[int(n)] if n <= 10 else f"{int(n):,}"


def fmt_money(cny: float, digits: int = 2, currency: str = "CNY") -> str:
    """An amount in yuan as English prose: ``139_460_000_000`` -> ``'CNY 139.46 bn'``."""
    x = float(cny)
    for scale, word in _SCALES:
        if abs(x) >= scale:
            return f"{currency} {_trim(x / scale, digits)} {word}"
    return f"{currency} {_trim(x, digits)}"


def fmt_pct(pct: float, digits: int = 1, signed: bool = False) -> str:
    """A percentage: ``11.614`` -> ``'11.6%'``; ``signed=True`` gives ``'+11.6%'``."""
    text = _trim(float(pct), digits)
    if signed and float(pct) > 0:
        text = "+" + text
    return text + "%"


_UNIT_WORDS = {
    "percent": lambda v, d: fmt_pct(v, d),
    "pp": lambda v, d: f"{_trim(v, d)} percentage points",
    "CNY": lambda v, d: fmt_money(v, d),
    "t": lambda v, d: _tonnes(v, d),
    "m": lambda v, d: f"{_trim(v / 1000, d)} km" if v >= 10_000 else f"{_trim(v, d)} m",
    "m2": lambda v, d: f"{_trim(v, d)} m²",
    "km": lambda v, d: f"{_trim(v, d)} km",
    "rank": lambda v, d: _ordinal(int(v)),
    "CNY/t": lambda v, d: f"CNY {_trim(v, d)} per tonne",
    "CNY/kg": lambda v, d: f"CNY {_trim(v, d)} per kg",
    "CNY/g": lambda v, d: f"CNY {_trim(v, d)} per gram",
    "CNY/truck": lambda v, d: f"CNY {_trim(v, d)} per truckload",
    "W": lambda v, d: _watts(v, d),
    "year": lambda v, d: _counted(v, d, "year", "years"),
    "month": lambda v, d: _counted(v, d, "month", "months"),
    "day": lambda v, d: _counted(v, d, "day", "days"),
    "minute": lambda v, d: _counted(v, d, "minute", "minutes"),
    "times": lambda v, d: _counted(v, d, "time", "times"),
}


def _counted(v: float, d: int, one: str, many: str) -> str:
    return f"{_trim(v, d)} {one if v == 1 else many}"


def _watts(v: float, d: int) -> str:
    for scale, word in ((1e9, "GW"), (1e6, "MW"), (1e3, "kW")):
        if abs(v) >= scale:
            return f"{_trim(v / scale, d)} {word}"
    return f"{_trim(v, d)} W"


def _tonnes(v: float, d: int) -> str:
    for scale, word in [(1e9, "bn"), (1e6, "m")]:
        if abs(v) >= scale:
            return f"{_trim(v / scale, d)} {word} tonnes"
    return f"{_trim(v, d)} tonnes"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fmt_value(value: float, unit: str, digits: int = 2) -> str:
    """A normalised value with its base unit as English prose.

    ``fmt_value(1.3946e11, 'CNY')`` -> ``'CNY 139.46 bn'``; ``fmt_value(9, 'rank')`` -> ``'9th'``;
    counts (firms, projects, items...) print as plain numbers.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value")
    render = _UNIT_WORDS.get(unit)
    if render is None:
        return _trim(float(value), digits)
    return render(float(value), digits)


# Units whose amounts are written with a scale word (CNY 5.323 tn, 1.2 m tonnes, 10 MW), and the most
# decimals a figure keeps in front of that word: a page's 5万3230.99亿元 shown in trillions would
# otherwise carry seven figures (CNY 5.323099 tn), more than a reader can take in; the entry behind
# the figure keeps the page's own digits.
SCALED_UNITS = {"CNY", "t", "W"}
MAX_SCALED_DECIMALS = 3


def fmt_value_as_printed(value: float, unit: str, max_digits: int = 6) -> str:
    """:func:`fmt_value` with as many decimals as the value needs and no more: a fact prints the precision
    of its page (``10_599_000_000`` -> ``'CNY 10.599 bn'``, ``12.3e9`` -> ``'CNY 12.3 bn'``), but no more
    than :data:`MAX_SCALED_DECIMALS` before a scale word (``5_323_099e6`` -> ``'CNY 5.323 tn'``)."""
    if unit in SCALED_UNITS:
        max_digits = min(max_digits, MAX_SCALED_DECIMALS)
    for digits in range(max_digits + 1):
        text = fmt_value(value, unit, digits)
        if text == fmt_value(value, unit, max_digits + 3):
            return text
    return fmt_value(value, unit, max_digits)


def round_sig(x: float, sig: int = 3, toward: str | None = None) -> float:
    """``x`` rounded to ``sig`` significant figures: a figure derived from printed ones is no more
    precise than they are (CNY 12.3 bn / 26 -> ``473_000_000.0``, not 473.08 m). ``toward='down'``
    rounds a floor down and ``'up'`` a ceiling up, so that the rounded bound still holds: more than
    CNY 10 bn over CNY 5.308 bn is at least 88.4% growth, which to one figure is "at least 80%", not 90%."""
    x = float(x)
    if x == 0 or math.isnan(x) or math.isinf(x):
        return x
    digits = sig - 1 - math.floor(math.log10(abs(x)))
    if toward is None:
        return round(x, digits)
    step = {"down": math.floor, "up": math.ceil}[toward]
    # the product is rounded first, or 0.29 * 100 = 28.999999999999996 would floor to 28
    return round(step(round(x * 10.0 ** digits, 9)) / 10.0 ** digits, max(digits, 0))


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def fmt_date(iso: str) -> str:
    """An ISO date, month or year in English prose: ``'2022-09-02'`` -> ``'2 September 2022'``,
    ``'2025-04'`` -> ``'April 2025'``, ``'2025'`` -> ``'2025'``."""
    parts = str(iso).split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def fmt_period(period: str) -> str:
    """An ISO period as English prose: ``'2024-01/2024-09'`` -> ``'January–September 2024'``
    (an en dash, the house form of a range), ``'2021/2025'`` -> ``'2021–2025'``, a single date as :func:`fmt_date`."""
    first, _, last = str(period).partition("/")
    if not last:
        return fmt_date(first)
    a, b = first.split("-"), last.split("-")
    if len(a) == len(b) == 2 and a[0] == b[0]:
        return f"{_MONTHS[int(a[1]) - 1]}\u2013{_MONTHS[int(b[1]) - 1]} {a[0]}"
    return f"{fmt_date(first)}\u2013{fmt_date(last)}"
