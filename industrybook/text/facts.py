"""The one path from a fact to the page: a figure of the fact database as English prose.

:func:`fact_text` writes a fact (facts.csv) or an official benchmark (benchmarks.csv) the way the
book prints it everywhere: the qualifier's English words from ``data/qualifiers.csv`` in front,
the value in its unit to the precision its page prints (105.99亿元 -> ``'CNY 10.599 bn'``), a word
figure as the page's word (几百元/车 -> ``'a few hundred yuan per truckload'``, 三分之一 -> ``'one
third'``), any other range as ``'CNY 200 to 900 per kg'``.

:func:`derived_text` writes a number computed from facts under the book's rounding rules, one per
kind of formula (:func:`derived_significant_figures`): a product, quotient, power or mixed formula
keeps no more significant figures than its least precise measured input prints; a sum or difference
keeps no more decimal places than its least precise input (7.8% − 0.6 pp -> ``'7.2%'``); neither
keeps more than :data:`MAX_DERIVED_SIG` significant figures.

Both return :class:`~industrybook.text.phrase.Phrase`, which carries the ids of the records behind
the text. :func:`date_text` writes the date of a source, event or fact the same way, as a phrase
that links to the record that dates it; :func:`count_text` and :func:`tally_text` write numbers the
book counts from its own records.
"""
from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from industrybook.data.database import Database, load
from industrybook.data.printed import is_printed_in_digits
from industrybook.data.words import NO_PRINTED_UNIT, word_english, word_figure_text
from industrybook.text.figures import fmt_date, fmt_number, fmt_period, fmt_value, fmt_value_as_printed, round_sig
from industrybook.text.phrase import Phrase, used_inputs

# A figure computed from printed ones carries at most this many significant figures, however
# precise its inputs: the pages' own figures rarely carry more, and more would look like a measurement.
MAX_DERIVED_SIG = 3

# Units whose exact figures are counted, not measured: an exact count does not limit the
# precision of a number derived from it (CNY 12.3 bn over 26 projects keeps three figures).
# Whole calendar units count too: "3 months" or "five years" on a page is a count of months or
# years, so a 1-year build cut to 3 months is a 75% cut, not "80%".
COUNTED_UNITS = {"count", "rank", "year", "month", "day"}


@lru_cache(maxsize=1)
def _qualifiers() -> pd.DataFrame:
    return load("qualifiers", sources_dir=None).tables["qualifiers"]


def qualifier_words(qualifier: str) -> str:
    """The English words a qualifier puts in front of a figure, with the trailing space:
    ``'more_than'`` -> ``'more than '``, ``'exact'`` -> ``''``. A range has no single word and is refused."""
    table = _qualifiers()
    if qualifier not in table.index:
        raise ValueError(f"unknown qualifier {qualifier!r} (data/qualifiers.csv)")
    if pd.isna(table.loc[qualifier, "direction"]):
        raise ValueError(f"qualifier {qualifier!r} has two bounds and no single word (data/qualifiers.csv)")
    words = table.loc[qualifier, "words_en"]
    return "" if pd.isna(words) else f"{words} "


def qualifier_note(qualifier: str) -> str:
    """A qualifier as a provenance card names it: its English and the page's words for it
    (``'more_than'`` -> ``'more than (超过, 余, 多 or 以上)'``), or the note of data/qualifiers.csv
    where the qualifier puts no word before a figure (``'exact'`` -> ``'a plain figure, no hedge'``)."""
    table = _qualifiers()
    if qualifier not in table.index:
        raise ValueError(f"unknown qualifier {qualifier!r} (data/qualifiers.csv)")
    note, words = str(table.loc[qualifier, "note"]), table.loc[qualifier, "words_en"]
    page_words, _, gloss = note.partition(": ")
    if not gloss:
        return note
    return f"{gloss if pd.isna(words) else words} ({page_words})"


def qualifier_direction(qualifier: str) -> int:
    """Where the true value lies from a figure printed with ``qualifier``: 1 at or above, -1 at or
    below, 0 the figure itself (data/qualifiers.csv); a range has no direction and is refused."""
    table = _qualifiers()
    if qualifier not in table.index or pd.isna(table.loc[qualifier, "direction"]):
        raise ValueError(f"no direction for qualifier {qualifier!r} (a range has no point; data/qualifiers.csv)")
    return int(table.loc[qualifier, "direction"])


def _record(db: Database, record_id: str) -> pd.Series:
    """A fact's row, or an official benchmark's (benchmarks.csv), which has the same figure fields."""
    facts = db.tables["facts"]
    if record_id in facts.index:
        return facts.loc[record_id]
    benchmarks = db.tables.get("benchmarks")
    if benchmarks is not None and record_id in benchmarks.index:
        return benchmarks.loc[record_id]
    raise KeyError(f"no fact with id {record_id!r} in data/facts.csv (nor benchmark in data/benchmarks.csv)")


def _range_text(low: float, high: float, unit: str) -> str:
    """Two bounds with their unit written once: ``(200, 900, 'CNY/kg')`` -> ``'CNY 200 to 900 per kg'``,
    ``(2e9, 9e9, 'CNY')`` -> ``'CNY 2 to 9 bn'``; words the two bounds do not share stay with each."""
    lo, hi = fmt_value_as_printed(low, unit).split(" "), fmt_value_as_printed(high, unit).split(" ")
    head = 0
    while head < min(len(lo), len(hi)) - 1 and lo[head] == hi[head]:
        head += 1
    tail = 0
    while tail < min(len(lo), len(hi)) - head - 1 and lo[-1 - tail] == hi[-1 - tail]:
        tail += 1
    middle = " ".join(lo[head:len(lo) - tail]) + " to " + " ".join(hi[head:len(hi) - tail])
    return " ".join(lo[:head] + [middle] + (lo[len(lo) - tail:] if tail else []))


def fact_text(db: Database, fact_id: str, digits: int | None = None, period: bool = False,
              qualified: bool = True) -> Phrase:
    """A fact (or benchmark) as the book prints it: ``'more than CNY 8 bn'``, ``'less than 70 km'``,
    ``'9th'``, ``'a few hundred yuan per kg'``, ``'one third'``.

    ``digits`` fixes the decimals of a figure printed in digits (default: as many as its page prints);
    ``period=True`` adds the period the figure covers: ``'CNY 10.599 bn (January–September 2024)'``;
    ``qualified=False`` leaves out the qualifier's words, for a sentence that says them itself (the
    page puts Yiyang "under" 70 km from the New Area) or uses the figure as a threshold.
    """
    row = _record(db, fact_id)
    printed, unit = row["value_printed"], row["unit"]
    words = qualifier_words(row["qualifier"]) if qualified and not pd.isna(row["value"]) else ""
    if printed in word_english() and not (unit == "rank" and not pd.isna(row["value"])):
        body = words + word_figure_text(printed, row["unit_printed"])  # the page's vagueness, not the coding
    elif pd.isna(row["value"]):
        body = _range_text(float(row["value_low"]), float(row["value_high"]), unit)
    elif digits is None and is_printed_in_digits(printed):
        body = words + fmt_value_as_printed(float(row["value"]), unit)
    else:  # a fraction, a rank printed as a word (首: 1st, like every rank), or decimals chosen
        body = words + fmt_value(float(row["value"]), unit, 2 if digits is None else digits)
    if period and not pd.isna(row["period"]):
        body += f" ({fmt_period(row['period'])})"
    return Phrase(body, fact_ids=(fact_id,))


def label_with_period(label: str, period, period_text: Callable[[], str] | None = None) -> str:
    """A record's label with its period in brackets (``'Revenue (January–September 2025)'``), or
    ``'(period not given)'``; a label that already names its period keeps it once
    (``'Revenue growth, January–September 2025, year on year'``).

    ``period_text`` writes the bracketed period instead of :func:`~industrybook.text.figures.fmt_period`
    (a link to the record that dates it); it is called only when the period is shown, since building
    such a link records it for the page."""
    if pd.isna(period) or not str(period):
        return f"{label} (period not given)"
    if fmt_period(period) in label:
        return label
    return f"{label} ({period_text() if period_text else fmt_period(period)})"


_DIGITS = re.compile(r"\d")


def printed_significant_figures(printed: str) -> int:
    """Significant figures of a figure as its page prints it: ``'105.99'`` -> 5, ``'12.3'`` -> 3,
    ``'0.43'`` -> 2, ``'700'`` -> 3 (the page gives no sign that trailing zeros are rounding),
    ``'5万3230.99'`` -> 7."""
    digits = "".join(_DIGITS.findall(str(printed))).lstrip("0")
    if not digits:
        raise ValueError(f"no digits in the printed figure {printed!r}")
    return len(digits)


def _limiting_inputs(db: Database, formula: str | None, inputs: dict[str, str]) -> dict[str, pd.Series]:
    """The records whose printed precision limits a derived number: the measured inputs the formula
    reads (a symbol of ``inputs`` it does not name does not limit it; a formula in words reads them
    all). Exact counts, ranks and whole calendar units (26 projects, five years) are not
    measurements, and a map point's rounding is bounded apart (metro_area.rounding_range_km)."""
    named = set(re.findall(r"[A-Za-z_]\w*", formula or ""))
    read = {symbol: fact_id for symbol, fact_id in inputs.items() if symbol in named} or inputs
    places = db.tables.get("places")
    limiting = {}
    for symbol, fact_id in read.items():
        if places is not None and fact_id in places.index:
            continue
        row = _record(db, fact_id)
        if not (row["unit"] in COUNTED_UNITS and row["qualifier"] == "exact"):
            limiting[symbol] = row
    return limiting


def _sum_terms(formula: str | None) -> list[ast.expr] | None:
    """The terms of ``formula`` when it is a sum or difference at its top (``'g - lead'``, ``'n - e - b'``,
    ``'((b / a) ** (1 / 2) - 1) * 100 - p'``), else None: the kind of formula whose precision is
    counted in decimal places."""
    try:
        tree = ast.parse(formula or "", mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(tree, ast.BinOp) and isinstance(tree.op, (ast.Add, ast.Sub))):
        return None
    terms, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            stack += [node.left, node.right]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            stack.append(node.operand)
        else:
            terms.append(node)
    return terms


_PLAIN_PRINTED = re.compile(r"[+-]?\d+(?:\.(?P<decimals>\d+))?")


def printed_resolution(row: pd.Series) -> float | None:
    """The step of the last digit a figure's page prints, in the stored unit: ``1638.5`` 亿元 ->
    ``1e7`` yuan (0.1亿), ``0.6`` pp -> ``0.1``; None for a figure not printed as plain digits
    (``5万3230.99``, 几百)."""
    printed = str(row["value_printed"]).replace(",", "")
    match = _PLAIN_PRINTED.fullmatch(printed)
    if not match or float(printed) == 0 or pd.isna(row["value"]):
        return None
    scale = abs(float(row["value"]) / float(printed))
    return scale * 10.0 ** -len(match["decimals"] or "")


def _significant_figures_of(limiting: dict[str, pd.Series]) -> int:
    sig = MAX_DERIVED_SIG
    for row in limiting.values():
        printed = row["value_printed"]
        sig = min(sig, printed_significant_figures(printed) if is_printed_in_digits(printed) else 1)
    return sig


def _term_step(db: Database, term: ast.expr, inputs: dict[str, str]) -> float | None:
    """The step of the last digit a term of a sum keeps: an input's printed step (0 for an exact
    count), a computed term's step under the significant-figures rule; None when it cannot be told."""
    if isinstance(term, ast.Constant):
        return 0.0
    text = ast.unparse(term)
    limiting = _limiting_inputs(db, text, inputs)
    if isinstance(term, ast.Name):
        if term.id not in inputs:
            return None
        return printed_resolution(limiting[term.id]) if term.id in limiting else 0.0
    try:
        values = {symbol: float(_record(db, inputs[symbol])["value"]) for symbol in limiting}
        value = float(eval(compile(ast.Expression(term), "<formula>", "eval"), {"__builtins__": {}}, values))
    except (KeyError, NameError, TypeError, ValueError, ArithmeticError):
        return None  # a formula naming a function, a map point or a word: no step to tell
    if value == 0 or not math.isfinite(value):
        return None
    return 10.0 ** (math.floor(math.log10(abs(value))) - _significant_figures_of(limiting) + 1)


def derived_significant_figures(db: Database, inputs: dict[str, str], formula: str | None = None,
                                value: float | None = None) -> int:
    """The book's rounding rule for a computed number, by the kind of its formula, at most
    :data:`MAX_DERIVED_SIG` significant figures:

    - a sum or difference (:func:`_sum_terms`, given ``value``) keeps the decimal places of its least
      precise term: 7.8 − 0.6 -> 7.2, two figures, though 0.6 has one; a computed term counts at the
      precision the next rule gives it (14.36 − 12.1 -> 2.3, as 14.4 − 12.1 reads);
    - any other formula keeps the significant figures of its least precise input.

    Only the measured inputs the formula reads count (:func:`_limiting_inputs`); a word figure (几百,
    三分之一) limits a number to one figure."""
    terms = _sum_terms(formula) if value is not None and formula else None
    if terms is not None:
        steps = [_term_step(db, term, inputs) for term in terms]
        if None not in steps:
            step = max(steps)
            if step == 0:  # exact counts only: the sum is exact too
                return max(MAX_DERIVED_SIG, len(str(int(abs(value)))))
            if value == 0:
                return 1
            return max(1, min(MAX_DERIVED_SIG, math.floor(math.log10(abs(value))) - math.floor(math.log10(step)) + 1))
    return _significant_figures_of(_limiting_inputs(db, formula, inputs))


def range_significant_figures(value: float, low: float, high: float) -> int:
    """The significant figures a number keeps when the rounding of its inputs gives it a known range:
    its last digit steps by no less than half the range's width (a share of 8.39% that may lie anywhere
    from 8.35% to 8.43%, ±0.04, keeps tenths: two figures, 8.4%)."""
    if not low <= value <= high or value == 0:
        raise ValueError(f"{value!r} does not lie in its range {low!r} to {high!r}")
    if high == low:
        return MAX_DERIVED_SIG
    step = math.ceil(math.log10((high - low) / 2))
    return max(1, math.floor(math.log10(abs(value))) - step + 1)


# The words before a derived number that is a bound or an estimate, by its kind (what the qualifiers
# of its inputs make it: a floor over an exact count is a floor), and which way it is rounded
BOUND_WORDS = {"exact": "", "about": "about ", "at least": "at least ", "at most": "at most ",
               "undetermined": "roughly "}
_BOUND_ROUNDING = {"at least": "down", "at most": "up"}


def derived_text(value: float, unit: str, formula: str | None = None, inputs: dict[str, str] | None = None,
                 db: Database | None = None, max_sig: int | None = None, bound: str = "exact") -> Phrase:
    """A number computed from facts, in prose under the rounding rule of its formula's kind
    (:func:`derived_significant_figures`): ``derived_text(473.08e6,
    'CNY', 'total / n', {'total': 'hy_top500_projects_investment', 'n': '...'}, db)`` -> ``'CNY 473 m'``.

    ``inputs`` maps the formula's symbols to the fact ids it reads (of a set shared by several formulas,
    the entry keeps those this one reads: :func:`~industrybook.text.phrase.used_inputs`); without them (a number several
    steps from the page) the figure keeps :data:`MAX_DERIVED_SIG` significant figures. ``max_sig`` cuts
    it further where the number's own range, printed beside it, is coarser than its inputs' printing
    (:func:`range_significant_figures`).

    ``bound`` (:data:`BOUND_WORDS`) says what kind of number it is and writes its words before it: a
    floor (``'at least'``) is rounded down and a ceiling (``'at most'``) up, so that what is printed
    still holds."""
    inputs = used_inputs(formula, inputs or {}) if formula else dict(inputs or {})
    if inputs and db is None:
        raise ValueError("derived_text needs the database to read the precision of its inputs")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot print a missing derived value")
    sig = derived_significant_figures(db, inputs, formula, value) if inputs else MAX_DERIVED_SIG
    sig = sig if max_sig is None else min(sig, max_sig)
    text = BOUND_WORDS[bound] + fmt_value(round_sig(value, sig, _BOUND_ROUNDING.get(bound)), unit, digits=6)
    return Phrase(text, fact_ids=tuple(dict.fromkeys(inputs.values())), formula=formula, inputs=inputs)


def fact_digits(db: Database, fact_id: str, digits: int = 0, bound: str = "value", unit: str = "count") -> Phrase:
    """A fact's number in digits without its unit or qualifier, for a sentence that says them
    itself (``'for 5 years'`` where the page prints 五年): ``bound='value_high'`` takes a range's
    top; ``unit='rank'`` writes the nth of a run of years (``'4th'``)."""
    return Phrase(fmt_value(float(_record(db, fact_id)[bound]), unit, digits), fact_ids=(fact_id,))


def count_text(n: int, what: str) -> Phrase:
    """A count of the book's own records or table rows (``'11'``), linked to an entry that says in
    words what was counted; no fact lies behind it, and arithmetic cannot say it."""
    return tally_text(n, f"number of {what}")


def tally_text(value: float, formula: str, unit: str = "count", digits: int = 0) -> Phrase:
    """A number the book computes from counts of its own records, not from a fact: a share of
    claims (``tally_text(67.47, 'measured claims / all claims × 100', 'percent', 1)`` -> ``'67.5%'``)
    or a ratio of two counts, to the decimals the page chooses. ``formula`` says in words what was
    counted and divided; the entry it links to shows it."""
    return Phrase(fmt_value(float(value), unit, digits), formula=formula)


# What dates each kind of record: the table, and the column whose ISO value is the record's date.
DATED_RECORDS = {"sources": "date", "events": "date", "facts": "period", "benchmarks": "published"}
_ISO_PRECISION = {"year": 4, "month": 7, "day": 10}


def date_text(db: Database, record_id: str, precision: str | None = None) -> Phrase:
    """The date of a record as English prose (:func:`~industrybook.text.figures.fmt_date`,
    :func:`~industrybook.text.figures.fmt_period` for a fact's period), carrying the record's id so
    that it links to its entry: a source's publication date (``'hn20241120'`` -> ``'20 November
    2024'``), an event's date, a fact's period (``'January–September 2024'``), a benchmark's release date.

    ``precision`` (``'month'`` or ``'year'``) writes a day-dated record no more precisely than that:
    a page of 20 November 2024 as ``'November 2024'``. It never makes a date more precise than stored.
    """
    if precision is not None and precision not in _ISO_PRECISION:
        raise ValueError(f"unknown date precision {precision!r} (expected one of {sorted(_ISO_PRECISION)})")
    for table, column in DATED_RECORDS.items():
        frame = db.tables.get(table)
        if frame is not None and record_id in frame.index:
            iso = frame.loc[record_id, column]
            break
    else:
        raise KeyError(f"no dated record {record_id!r} in data/sources.csv, events.csv, facts.csv or benchmarks.csv")
    if pd.isna(iso) or not str(iso):
        raise ValueError(f"record {record_id!r} has no {column} in data/{table}.csv")
    iso = str(iso)
    if precision is not None:
        iso = "/".join(part[:_ISO_PRECISION[precision]] for part in iso.split("/"))
        if "/" in iso and len(set(iso.split("/"))) == 1:
            iso = iso.split("/")[0]  # a period inside one month (or year) at that precision is that month
    return Phrase(fmt_period(iso), fact_ids=(record_id,))


# Units a page's figure may be shown in that the database does not store it in: the stored unit
# and the factor from it (a wire gauge is stored in metres and read in millimetres).
DISPLAY_UNITS = {"mm": ("m", 1000.0), "MW": ("W", 1e-6)}


def fact_in_unit(db: Database, fact_id: str, unit: str, digits: int = 2) -> Phrase:
    """A fact's figure in a unit of :data:`DISPLAY_UNITS` rather than its stored one, without the
    qualifier's words: ``fact_in_unit(db, 'nm_copper_rod_diameter', 'mm')`` -> ``'8 mm'``."""
    if unit not in DISPLAY_UNITS:
        raise ValueError(f"no display unit {unit!r} (known: {sorted(DISPLAY_UNITS)})")
    stored, factor = DISPLAY_UNITS[unit]
    row = _record(db, fact_id)
    if row["unit"] != stored:
        raise ValueError(f"fact {fact_id!r} is stored in {row['unit']!r}, not {stored!r}, so cannot be shown in {unit!r}")
    return Phrase(f"{fmt_number(float(row['value']) * factor, digits)} {unit}", fact_ids=(fact_id,))


def printed_text(db: Database, fact_id: str, coded: bool = False) -> Phrase:
    """A fact's figure in Chinese exactly as its page prints it (``'超过90%'``), linked to the fact;
    ``coded=True`` writes it as the database codes it instead: the printed number, the printed unit
    and the qualifier in brackets (``'90% (more than)'``, ``'700 支 (nearly)'``): a percent sign
    follows the number without a space, as everywhere in the book."""
    row = _record(db, fact_id)
    if not coded:
        return Phrase(str(row["locator_figure"]), fact_ids=(fact_id,))
    unit = printed_unit(row)
    gap = "" if unit in ("%", "‰") else " "
    qualifier = "" if row["qualifier"] == "exact" else f" ({row['qualifier'].replace('_', ' ')})"
    return Phrase(f"{row['value_printed']}{gap}{unit}{qualifier}".rstrip(), fact_ids=(fact_id,))


# Traditional characters some official releases (and their mirrors) print in units, shown in the
# simplified form the pages use, so that one unit reads one way; the data keep the printed form.
SIMPLIFIED_UNITS = str.maketrans({"億": "亿", "萬": "万"})


def printed_figure(db: Database, fact_id: str) -> str:
    """A fact's printed number and printed unit as the page prints them, its unit's characters in the
    simplified form: ``'1638.5亿元'``, ``'48670.4億元'`` -> ``'48670.4亿元'``, ``'7.8%'``."""
    row = _record(db, fact_id)
    return f"{row['value_printed']}{printed_unit(row)}".translate(SIMPLIFIED_UNITS)


def printed_unit(row: pd.Series) -> str:
    """The unit a fact or benchmark row prints after its number: ``'亿元'``; ``''`` for none."""
    unit = row.get("unit_printed")
    return "" if pd.isna(unit) or unit == NO_PRINTED_UNIT else str(unit)


def input_text(db: Database, fact_id: str) -> tuple[Phrase, str]:
    """A fact as an input of a formula: its English form, and the page's figure where that reads
    differently (``('CNY 163.85 bn', 'printed 1638.5亿元')``, ``('7.8%', '')``)."""
    english, printed = fact_text(db, fact_id, qualified=False), printed_figure(db, fact_id)
    return english, "" if printed.replace(" ", "") == english.replace(" ", "") else f"printed {printed}"


def source_label(db: Database, source_id: str) -> str:
    """A source article as the book names it, outlet and date in words: ``'Hunan Daily, 20 November 2024'``,
    ``'Hengyang Daily, May 2023'`` (a monthly page's date is its month)."""
    s = db.tables["sources"].loc[source_id]
    return f"{s['outlet_en']}, {fmt_date(s['date'])}"


def publisher_english(publisher: str) -> str:
    """The English part of a publisher's name as data/benchmarks.csv keeps it (Chinese, then English):
    ``'国家统计局 National Bureau of Statistics, with 科学技术部 and 财政部'`` -> ``'National Bureau of Statistics'``."""
    first_latin = next((i for i, ch in enumerate(publisher) if ch.isascii() and ch.isalpha()), 0)
    return publisher[first_latin:].split(",")[0].strip()


def release_label(db: Database, benchmark_id: str) -> str:
    """An official release as the book names it, publisher in English and date in words:
    ``'National Bureau of Statistics, 12 January 2022'``."""
    row = db.tables["benchmarks"].loc[benchmark_id]
    return f"{publisher_english(str(row['publisher']))}, {fmt_date(row['published'])}"


def source_line(db: Database, source_ids) -> str:
    """A chart's source line, the articles oldest first: ``'Source: Hengyang Daily, May 2023; Hunan
    Daily, 20 November 2024 (fact database: data/facts.csv).'``"""
    ids = sorted(set(source_ids), key=lambda i: db.tables["sources"].loc[i, "date"])
    return "Source: " + "; ".join(source_label(db, i) for i in ids) + " (fact database: data/facts.csv)."


def source_text(db: Database, source_id: str) -> Phrase:
    """A source article named as the book cites it (``'Hunan Daily, 20 November 2024'``), linked to its
    entry in the Facts appendix."""
    return Phrase(source_label(db, source_id), fact_ids=(source_id,))


def record_text(text: str, record_id: str) -> Phrase:
    """A record's figure written in a layout of the caller's (a table's fixed decimals, a threshold
    the record's definition names), linked to the record: for a figure no other function here writes."""
    return Phrase(text, fact_ids=(record_id,))


def worded_text(text: str, formula: str, /, **inputs: str) -> Phrase:
    """A number the book computes by a rule arithmetic on facts cannot state (a constant of the
    method, a range's bound, months between dates, a count in words), linked to an entry that gives
    ``formula`` in words and the records it reads (``symbol=record id``)."""
    return Phrase(text, formula=formula, inputs=inputs)


def derived_range_text(low: Phrase, high: Phrase, formula: str, inputs: dict[str, str]) -> Phrase:
    """Two derived bounds as one range, ``'CNY 59.2 bn to CNY 61.8 bn'``, linked to one entry whose
    ``formula`` says how both bounds are computed from ``inputs``."""
    return Phrase(f"{low} to {high}", fact_ids=tuple(dict.fromkeys(inputs.values())), formula=formula, inputs=inputs)
