"""The book's edition date: the date of its data, that is of the newest source page, not of the build.

The build runs with a fixed ``SOURCE_DATE_EPOCH`` (reproducible outputs), so the date Sphinx would
print on the title page and under "Last updated" is a constant that says nothing. This extension
sets both from ``data/sources.csv`` instead, when the configuration is read; and the span of the
pages' years that the HTML introduction's heading ends with.

It reads the table with the standard library: this runs on every build, a no-change rebuild
included, and importing pandas for :func:`industrybook.data.database.load` cost most of a second
there. The dates were validated by ``load()`` when the chapters executed; a malformed one still
stops the build with its file, row and column.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping

from industrybook.data.schema import schema_of

DATE_FORMATS = {"day": "{when.day} {when:%B %Y}", "month": "{when:%B %Y}", "year": "{when:%Y}"}


def source_rows(data_dir: Path) -> list[dict]:
    """The rows of the sources table, as text, each with its line number in the file (``_line``)."""
    path = data_dir / next(r["path"] for r in schema_of(data_dir)["resources"] if r["name"] == "sources")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return [{**row, "_file": path.name, "_line": reader.line_num} for row in reader]


def newest_source(sources: Iterable[Mapping]) -> Mapping:
    """The row of the most recently dated source page (ISO dates of any precision sort as text)."""
    return max(sources, key=lambda row: str(row["date"]))


def edition_date(sources: Iterable[Mapping]) -> str:
    """'24 January 2026' (or 'January 2026' for a page dated to the month, '2026' to the year): the
    newest page's date. ``sources`` are rows with ``date`` and ``date_precision``."""
    row = newest_source(sources)
    text, precision = str(row["date"]), row["date_precision"]
    try:
        when = date.fromisoformat(text if precision == "day" else (text + "-01-01")[:10])
        return DATE_FORMATS[precision].format(when=when)
    except (ValueError, KeyError):
        where = f"data/{row.get('_file', 'sources.csv')}, line {row.get('_line', '?')}, field 'date'"
        raise ValueError(f"{where}: {text!r} is not a date of precision {precision!r}") from None


def reported_years(sources: Iterable[Mapping]) -> str:
    """'2023–2026': the years of the first and the newest source page (one year alone if they agree)."""
    years = sorted(str(row["date"])[:4] for row in sources)
    return years[0] if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"


def set_reported_years(app, config) -> None:
    """The MyST substitution ``{{ reported_years }}``: the introduction's heading ends with the span of
    the pages' years, as the book's title in ``_config.yml`` does (tests/test_title.py)."""
    span = reported_years(source_rows(Path(app.confdir) / "data"))
    config.myst_substitutions = {**config.myst_substitutions, "reported_years": span}


def set_edition_date(app, config) -> None:
    """Title page date (``today``) and the HTML's "Last updated" line: the edition date."""
    edition = edition_date(source_rows(Path(app.confdir) / "data"))
    config.today = edition
    # a format without % directives is printed as it stands
    config.html_last_updated_fmt = edition


def setup(app):
    app.connect("config-inited", set_edition_date)
    app.connect("config-inited", set_reported_years)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
