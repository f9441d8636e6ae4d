"""Chart types the chapters share: a timeline, a log-scale value ladder, a slope chart."""
from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from industrybook.style import INK, MUTED, THEME_COLOURS

PRECISION_MARKERS = {"day": "o", "month": "s", "year": "D"}


def event_midpoints(events: pd.DataFrame) -> pd.Series:
    """A plotting date for each event: the day, or the middle of its month or year."""
    from industrybook.data import parse_period

    def mid(text):
        first, last = parse_period(text)
        return first + (last - first) / 2

    return events["date"].map(mid)


def timeline(ax, events: pd.DataFrame, label_col: str = "label", colour_col: str = "theme",
             lanes: int = 4) -> None:
    """Events as dots on a date axis, labels staggered in ``lanes`` to avoid overlap;
    the marker says the date precision (circle day, square month, diamond year)."""
    ev = events.assign(when=event_midpoints(events)).sort_values("when").reset_index(drop=True)
    ax.axhline(0, color=MUTED, lw=1)
    for i, row in ev.iterrows():
        lane = (i % lanes) + 1
        y = lane if i % 2 == 0 else -lane
        colour = THEME_COLOURS.get(row.get(colour_col), INK)
        ax.plot([row["when"], row["when"]], [0, y], color=colour, lw=0.8, alpha=0.7)
        ax.plot(row["when"], 0, marker=PRECISION_MARKERS.get(row.get("date_precision"), "o"), color=colour, ms=6)
        ax.annotate(row[label_col], (row["when"], y), ha="center", va="bottom" if y > 0 else "top",
                    fontsize=7.5, color=INK)
    ax.set_ylim(-lanes - 1.2, lanes + 1.2)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def value_ladder(ax, items: pd.DataFrame, label_col: str = "label", low_col: str = "low", high_col: str = "high",
                 colour_col: str | None = None) -> None:
    """Ranges (or points where low == high) on a log x-axis, one row an item, bottom to top."""
    items = items.reset_index(drop=True)
    y = np.arange(len(items))
    for i, row in items.iterrows():
        colour = THEME_COLOURS.get(row[colour_col], INK) if colour_col else INK
        if row[high_col] > row[low_col]:
            ax.plot([row[low_col], row[high_col]], [i, i], color=colour, lw=5, solid_capstyle="round", alpha=0.85)
        else:
            ax.plot(row[low_col], i, "o", color=colour, ms=7)
    ax.set_yticks(y, items[label_col])
    ax.set_xscale("log")
    ax.grid(axis="y", visible=False)


def slope(ax, frame: pd.DataFrame, label_col: str, before_col: str, after_col: str, invert: bool = False,
          value_fmt=str) -> None:
    """A slope chart: one line per row from ``before`` (x=0) to ``after`` (x=1)."""
    for i, row in frame.reset_index(drop=True).iterrows():
        colour = THEME_COLOURS["science_policy"] if i % 2 == 0 else THEME_COLOURS["power_transmission"]
        ax.plot([0, 1], [row[before_col], row[after_col]], marker="o", color=colour, lw=2)
        ax.annotate(f"{value_fmt(row[before_col])}", (0, row[before_col]), xytext=(-8, 0), textcoords="offset points",
                    ha="right", va="center", fontsize=9)
        ax.annotate(f"{value_fmt(row[after_col])}  {row[label_col]}", (1, row[after_col]), xytext=(8, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=9)
    ax.set_xlim(-0.4, 1.9)
    if invert:
        ax.invert_yaxis()
    ax.grid(axis="x", visible=False)
