"""The book's edition date: the date of its data, that is of the newest source page, not of the build.

The build runs with a fixed ``SOURCE_DATE_EPOCH`` (reproducible outputs), so the date Sphinx would
print on the title page and under "Last updated" is a constant that says nothing. This extension
sets both from ``data/sources.csv`` instead, when the configuration is read.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from industrybook.data.database import load


def newest_source(sources: pd.DataFrame) -> pd.Series:
    """The row of the most recently dated source page (ISO dates of any precision sort as text)."""
    return sources.loc[sources["date"].astype(str).idxmax()]


def edition_date(sources: pd.DataFrame) -> str:
    """'24 January 2026' (or 'January 2026' for a page dated to the month): the newest page's date."""
    row = newest_source(sources)
    when = pd.Timestamp(row["date"])
    return f"{when.day} {when:%B %Y}" if row["date_precision"] == "day" else f"{when:%B %Y}"


def set_edition_date(app, config) -> None:
    """Title page date (``today``) and the HTML's "Last updated" line: the edition date."""
    sources = load("sources", data_dir=Path(app.confdir) / "data", sources_dir=None).sources
    date = edition_date(sources)
    config.today = date
    # a format without % directives is printed as it stands
    config.html_last_updated_fmt = date


def setup(app):
    app.connect("config-inited", set_edition_date)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
