"""The word figures of the sources (数百 "some hundreds", 首 "the first"): their numbers and their
English, read from the data package's ``data/word_figures.csv``. :mod:`industrybook.data.printed`
parses a printed figure given this table; :mod:`industrybook.data.database` validates it."""
from __future__ import annotations

from industrybook.data.database import vocabulary, word_table


def word_figures() -> dict[str, tuple[float | None, float | None, float | None]]:
    """word -> (point, low, high), from ``data/word_figures.csv``; None where the word gives no
    point or no bound."""
    return word_table(vocabulary("word_figures"))


def word_english() -> dict[str, str]:
    """word -> the English a reader sees (the page's vagueness, not the coded range), from
    ``data/word_figures.csv``."""
    words = vocabulary("word_figures")
    return dict(zip(words["word"], words["english"]))


NO_PRINTED_UNIT = "(none)"  # unit_printed of a figure printed with no unit (三分之一): data/units.csv's row

# Printed units a word figure is written with -> their English, in the plural a word figure needs.
# Counted things (项, 家...) carry no word: the sentence names them.
WORD_FIGURE_UNITS: dict[str, str] = {
    "元": "yuan", "元/车": "yuan per truckload", "元/吨": "yuan per tonne", "元/公斤": "yuan per kg",
    "元/克": "yuan per gram", "公里": "kilometres", "亿元": "hundred million yuan",
    "位": "", "项": "", "家": "", "个": "", "名": "", NO_PRINTED_UNIT: "",
}


def word_figure_text(printed: str, unit_printed: str) -> str:
    """A word figure in English prose, unit included: ``('几百', '元/车')`` -> ``'a few hundred yuan per
    truckload'``, ``('数', '公里')`` -> ``'a few kilometres'``, ``('百余', '项')`` -> ``'more than a hundred'``."""
    english = word_english()
    if printed not in english:
        raise ValueError(f"not a word figure: {printed!r} (one of {', '.join(english)})")
    if unit_printed not in WORD_FIGURE_UNITS:
        raise ValueError(f"no English for the unit {unit_printed!r} of the word figure {printed!r}")
    unit = WORD_FIGURE_UNITS[unit_printed]
    return f"{english[printed]} {unit}" if unit else english[printed]
