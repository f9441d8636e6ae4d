"""The cover image: every dated event of the source pages since 2021, one row per theme, in the
house palette. It heads the PDF's title page and the HTML introduction.

It is drawn from data/events.csv and written, as vector files, to _assets (the files the two
editions include); tests/test_cover.py holds the committed files to what :func:`cover_figure` draws.

    python -m industrybook.render.cover
"""
from __future__ import annotations

import sys

import matplotlib.pyplot as plt
import pandas as pd

from industrybook.data.database import Database, parse_period
from industrybook.data.paths import ROOT
from industrybook.data.themes import ordered_themes, theme_colours, theme_name
from industrybook.render.charts import event_midpoints
from industrybook.render.style import PRINT_WIDTH_IN, figure_bytes, use_house_style

COVER_FILES = {fmt: ROOT / "_assets" / f"cover.{fmt}" for fmt in ("svg", "pdf")}
FIRST_YEAR = 2021  # the pages' own span; the lone earlier event (a founding year) would squash it
HEIGHT_IN = 1.9
YEAR_RULE = "#d8d8d8"


def cover_events(db: Database) -> pd.DataFrame:
    """The dated events from FIRST_YEAR on: theme, drawn date, and the span its precision leaves."""
    ev = db.events
    bounds = ev["date"].map(parse_period)
    frame = pd.DataFrame({"theme": ev["theme"], "when": event_midpoints(ev),
                          "first": bounds.map(lambda b: b[0]), "last": bounds.map(lambda b: b[1]),
                          "precision": ev["date_precision"]})
    return frame[frame["when"] >= pd.Timestamp(year=FIRST_YEAR, month=1, day=1)].sort_values("when")


def cover_figure(db: Database):
    """Rows of dots on a shared date axis, one row a theme in the book's order, top to bottom; a pale
    bar spans a month or year a date could fall in; thin rules mark the years. No text: the title
    page and the introduction say what it is."""
    use_house_style()
    ev = cover_events(db)
    themes = ordered_themes(ev["theme"])
    colours = theme_colours()
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, HEIGHT_IN), layout="constrained")
    start = pd.Timestamp(year=FIRST_YEAR, month=1, day=1)
    end = ev["last"].max() + pd.Timedelta(days=40)
    for year in range(FIRST_YEAR, end.year + 1):
        ax.axvline(pd.Timestamp(year=year, month=1, day=1), color=YEAR_RULE, lw=0.8, zorder=0)
    for row, theme in enumerate(themes):
        y = len(themes) - 1 - row
        colour = colours.get(theme, "#222222")
        ax.plot([start, end], [y, y], color=colour, lw=0.8, alpha=0.5, zorder=1)
        mine = ev[ev["theme"] == theme]
        for r in mine[mine["precision"] != "day"].itertuples():
            ax.plot([r.first, r.last], [y, y], color=colour, lw=7, alpha=0.22, solid_capstyle="butt", zorder=2)
        ax.plot(mine["when"], [y] * len(mine), "o", color=colour, ms=7, markeredgecolor="white",
                markeredgewidth=0.8, zorder=3)
    ax.set_xlim(start - pd.Timedelta(days=20), end)
    ax.set_ylim(-0.7, len(themes) - 0.3)
    ax.set_axis_off()
    return fig


def cover_alt(db: Database) -> str:
    """The cover's alt text, counted from the events it draws."""
    ev = cover_events(db)
    counts = ev.groupby("theme").size()
    rows = "; ".join(f"{theme_name(t).lower()} {counts[t]}" for t in ordered_themes(ev["theme"]))
    per_year = ev["when"].dt.year.value_counts()
    busiest = int(per_year.idxmax())
    return (f"Cover image: the {len(ev)} dated events of the source pages from {FIRST_YEAR} to "
            f"{ev['when'].max().year} as coloured dots on a time line, one row per theme ({rows}); "
            f"{per_year[busiest]} of them fall in {busiest}, the busiest year.")


def cover_bytes(db: Database) -> dict[str, bytes]:
    """The cover as SVG and PDF bytes (no date in them: a rerun gives the same bytes)."""
    fig = cover_figure(db)
    out = {fmt: figure_bytes(fig, fmt) for fmt in COVER_FILES}
    plt.close(fig)
    return out


def main() -> int:
    from industrybook.data.database import load

    db = load()
    for fmt, data in cover_bytes(db).items():
        COVER_FILES[fmt].write_bytes(data)
        print(f"wrote {COVER_FILES[fmt].relative_to(ROOT)}")
    print(f"alt text for intro.md (tests/test_cover.py compares it): {cover_alt(db)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
