"""The timeline appendix (``chapters/timeline.ipynb``): every dated event in date order, as a chart of
small multiples (one row per theme) and a numbered table."""
from __future__ import annotations

import math

import pandas as pd
from matplotlib.lines import Line2D

from industrybook.appendix.shared import add_bottom_legend, cite, doc_link, linked
from industrybook.data.database import Database, parse_period
from industrybook.data.themes import ordered_themes, theme_chapters, theme_colours, theme_name
from industrybook.render.charts import PRECISION_MARKERS, event_midpoints, timeline, timeline_data
from industrybook.render.page import MystOutput, show_table
from industrybook.render.style import INK, MUTED, chart
from industrybook.render.tables import Markup
from industrybook.text.escape import escape_myst
from industrybook.text.facts import count_text, date_text, record_text, source_line
from industrybook.text.phrase import Phrase, Pieces

PRECISION_NAMES = {"day": "day", "month": "month only", "year": "year only"}


def timeline_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (midpoint of their day, month or year; ties by theme order, then id),
    numbered from 1, with the plotting date ``when``, the period ``first``/``last`` and the chapter."""
    if events.empty:
        return events.assign(no=pd.Series(dtype="int64"), when=pd.Series(dtype="datetime64[ns]"))
    rank = {t: i for i, t in enumerate(ordered_themes(events["theme"]))}
    bounds = events["date"].map(parse_period)
    ev = events.assign(
        when=event_midpoints(events),
        first=bounds.map(lambda b: b[0]),
        last=bounds.map(lambda b: b[1]),
        theme_rank=events["theme"].map(rank),
        chapter=events["theme"].map(theme_chapters()),
    ).sort_values(["when", "theme_rank", "event_id"]).reset_index(drop=True)
    ev.insert(0, "no", range(1, len(ev) + 1))
    return ev.drop(columns="theme_rank")


def number_label(numbers) -> str:
    """Event numbers for one point of the chart: ``[3]`` -> ``'3'``, ``[3, 4, 5]`` -> ``'3–5'``,
    ``[3, 5]`` -> ``'3, 5'``."""
    nums = sorted(int(n) for n in numbers)
    if not nums:
        raise ValueError("no event numbers")
    if len(nums) > 2 and nums == list(range(nums[0], nums[-1] + 1)):
        return f"{nums[0]}\u2013{nums[-1]}"
    return ", ".join(str(n) for n in nums)


def timeline_points(ev: pd.DataFrame) -> pd.DataFrame:
    """One chart point per theme and date: events printed with the same date and theme share a
    marker, labelled with their numbers."""
    grouped = (ev.groupby(["theme", "date", "date_precision"], sort=False)
               .agg(no=("no", list), when=("when", "first"), first=("first", "first"), last=("last", "first"),
                    n=("no", "size"))
               .reset_index())
    grouped["label"] = grouped["no"].map(number_label)
    return grouped.sort_values(["when", "label"]).reset_index(drop=True)


def axis_break(when: pd.Series, min_gap_years: float = 10.0) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Where to break the date axis: the widest gap between consecutive event dates, as
    (last date before, first date after), when it is wider than ``min_gap_years``; else None."""
    dates = pd.Series(sorted(pd.to_datetime(when).unique()))
    if len(dates) < 2:
        return None
    gaps = dates.diff().iloc[1:]
    i = gaps.idxmax()
    if gaps[i] <= pd.Timedelta(days=365.25 * min_gap_years):
        return None
    return dates[i - 1], dates[i]


def _year_span(first: pd.Timestamp, last: pd.Timestamp, pad_days: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    return first - pd.Timedelta(days=pad_days), last + pd.Timedelta(days=pad_days)


def timeline_alt(ev: pd.DataFrame) -> str:
    """Alt text for the timeline, computed from the events."""
    if ev.empty:
        return "An empty timeline: the events table has no rows."
    by_theme = ev.groupby("theme").size()
    busiest = by_theme.idxmax()
    prec = ev["date_precision"].value_counts()
    parts = [f"{theme_name(t)} {by_theme[t]}" for t in ordered_themes(by_theme.index)]
    return (f"Timeline in {len(by_theme)} panels, one per theme, placing {len(ev)} numbered events between "
            f"{ev['first'].min().year} and {ev['last'].max().year}: " + ", ".join(parts) + ". "
            f"The busiest panel is {theme_name(busiest)}. {prec.get('day', 0)} events are dated to the day, "
            f"{prec.get('month', 0)} only to the month and {prec.get('year', 0)} only to the year; "
            "most cluster in the months before each page was printed.")


def timeline_chart(db: Database, ev: pd.DataFrame | None = None, height: float = 5.8):
    """Small multiples of :func:`industrybook.render.charts.timeline`, one row per theme, a broken date axis
    when a lone early event would squash the rest, a shaded span for month- and year-precision dates."""
    ev = timeline_events(db.events) if ev is None else ev
    if ev.empty:
        raise ValueError("no events to draw")
    points = timeline_points(ev)
    themes = ordered_themes(ev["theme"])
    brk = axis_break(ev["when"])
    ncols = 2 if brk else 1
    c = chart("Every dated event in the source pages, by theme",
              "Date of each event; numbers refer to the event table. Marker: circle = day, square = month "
              "only, diamond = year only; the pale bar spans the month or year a date could fall in.",
              source_line(db, ev["source_id"]), timeline_alt(ev),
              nrows=len(themes), ncols=ncols, height=height,
              gridspec_kw={"width_ratios": [1, 9]} if brk else None, squeeze=False, sharex="col")
    axes = c.axes
    lanes = 6  # three labels a side: the metro area's events of late 2025 need them to stand apart
    if brk:
        early = ev["when"] <= brk[0]
        ranges = [_year_span(ev.loc[early, "first"].min(), ev.loc[early, "last"].max(), 200),
                  _year_span(ev.loc[~early, "first"].min(), ev.loc[~early, "last"].max(), 45)]
    else:
        ranges = [_year_span(ev["first"].min(), ev["last"].max(), 45)]
    colours = theme_colours()
    for r, theme in enumerate(themes):
        colour = colours.get(theme, INK)
        for col, (lo, hi) in enumerate(ranges):
            ax = axes[r][col]
            pts = points[(points["theme"] == theme) & (points["when"] >= lo) & (points["when"] <= hi)]
            if not pts.empty:
                for _, p in pts[pts["date_precision"] != "day"].iterrows():
                    ax.plot([p["first"], p["last"]], [0, 0], color=colour, lw=6, alpha=0.22,
                            solid_capstyle="butt", zorder=1)
                timeline(ax, pts, label_col="label", lanes=lanes)
            else:
                ax.axhline(0, color=MUTED, lw=1)
                ax.yaxis.set_visible(False)
                ax.spines["left"].set_visible(False)
                ax.grid(axis="y", visible=False)
            ax.set_ylim(-lanes - 1.2, lanes + 1.2)
            ax.set_xlim(lo, hi)
            ax.tick_params(axis="x", labelsize=8)
            if r < len(themes) - 1:
                ax.spines["bottom"].set_visible(False)
                ax.tick_params(axis="x", length=0)
            if col == 0:
                ax.text(0.0, 1.0, theme_name(theme), transform=ax.transAxes, ha="left", va="top",
                        fontsize=8.5, fontweight="bold", color=colour)
            if brk and col == 0:
                ax.spines["right"].set_visible(False)
                years = sorted({d.year for d in ev.loc[early, "when"]})
                ax.set_xticks([pd.Timestamp(year=y, month=7, day=2) for y in years], [str(y) for y in years])
            if brk and col == 1:
                ax.spines["left"].set_visible(False)
        if brk:  # break marks on the baseline, either side of the gap
            for col, x in ((0, 1.0), (1, 0.0)):
                dx = 0.09 if col == 0 else 0.01
                axes[r][col].plot([x - dx, x + dx], [0.42, 0.58], transform=axes[r][col].transAxes,
                                  color=MUTED, lw=1, clip_on=False)
    handles = [Line2D([], [], color=colours.get(t, INK), lw=6, alpha=0.9, label=theme_name(t)) for t in themes]
    handles += [Line2D([], [], color=MUTED, marker=m, lw=0, ms=6, label=f"dated to the {PRECISION_NAMES[p]}")
                for p, m in PRECISION_MARKERS.items() if p in set(ev["date_precision"])]
    add_bottom_legend(c, handles, ncols=4)
    c.data = timeline_data(db, ev, label_col="title_en", carry=("no", "theme"))  # one row an event, by its number
    return c


def theme_link(theme: str) -> Markup:
    """The theme's name, linked to the chapter that covers it (plain name for an unknown theme)."""
    name = escape_myst(theme_name(theme))
    chapters = theme_chapters()
    return doc_link(chapters[theme], name) if theme in chapters else Markup(name)


def event_date(db: Database, event_id: str, bound) -> Phrase | Pieces:
    """An event's date (linked to the event's entry), with "no later than" when the page gives only
    the month it reports in."""
    date = date_text(db, event_id)
    if bound is None or (isinstance(bound, float) and math.isnan(bound)) or bound is pd.NA or not str(bound):
        return date
    if bound != "no_later_than":
        raise ValueError(f"unknown date_bound {bound!r} (expected 'no_later_than' or empty)")
    return Pieces("no later than ", date)


def timeline_table(db: Database, ev: pd.DataFrame) -> pd.DataFrame:
    """The timeline as a table: number, date (linked to the event), precision, event, Chinese label,
    theme linked to its chapter, source citation."""
    return pd.DataFrame({
        "No.": ev["no"].astype(str),
        "Date": [event_date(db, e, b) for e, b in zip(ev["event_id"], ev.get("date_bound", [None] * len(ev)))],
        "Precision": ev["date_precision"],
        # the event's words as its page gives them, figures included: linked to the event's entry
        "Event": [record_text(t, e) for t, e in zip(ev["title_en"], ev["event_id"])],
        "Chinese label": [record_text(t, e) for t, e in zip(ev["title_zh"], ev["event_id"])],
        "Theme and chapter": ev["theme"].map(theme_link),
        "Source": ev["source_id"].map(cite),
    })


def axis_break_text(db: Database, ev: pd.DataFrame) -> MystOutput:
    """The sentence under the chart on its date axis: where it is broken (:func:`axis_break`), the
    two years linked to the events either side of the gap."""
    brk = axis_break(ev["when"])
    if brk is None:
        return MystOutput("The date axis runs without a break.")
    glued: dict[str, str] = {}
    before, after = (ev.loc[ev["when"] == when, "event_id"].iloc[0] for when in brk)
    years = [linked(f"tl-break-{side}", date_text(db, event_id, "year"), glued)
             for side, event_id in (("from", before), ("to", after))]
    return MystOutput(f"The date axis is broken between {years[0]} and {years[1]}: the gap is too long to "
                      "draw to scale without squeezing every other event into a corner.", glued)


def timeline_markdown(db: Database, ev: pd.DataFrame) -> MystOutput:
    """The numbered, captioned event table."""
    return show_table(timeline_table(db, ev), caption="Every dated event, in date order", name="tl-events",
                      widths=[5, 15, 8, 26, 14, 12, 20])  # a citation, "[Deng and Peng, 2023]", on one or two lines


def timeline_stats(ev: pd.DataFrame, sources: pd.DataFrame) -> dict[str, int]:
    """Counts the timeline text quotes: events, first and last year, events per date precision,
    events dated only by the month of the page that reports them, events later than their page."""
    if ev.empty:
        return {"events": 0, "first_year": 0, "last_year": 0, "day": 0, "month": 0, "year": 0,
                "page_month": 0, "after_page": 0, "themes": 0}
    page_month = sources["date"].str[:7]
    page_last = sources["date"].map(lambda d: parse_period(d)[1])
    prec = ev["date_precision"].value_counts()
    return {
        "events": len(ev),
        "first_year": int(ev["first"].min().year),
        "last_year": int(ev["last"].max().year),
        "day": int(prec.get("day", 0)), "month": int(prec.get("month", 0)), "year": int(prec.get("year", 0)),
        "page_month": int(((ev["date_precision"] == "month")
                           & (ev["date"] == ev["source_id"].map(page_month))).sum()),
        "after_page": int((ev["first"] > ev["source_id"].map(page_last)).sum()),
        "themes": int(ev["theme"].nunique()),
    }


COUNTED_EVENTS = {"day": "events dated to the day", "month": "events dated to the month only",
                  "year": "events dated to the year only",
                  "page_month": "events dated only by the month of the page that reports them",
                  "after_page": "events later than the page that reports them"}


def timeline_texts(db: Database) -> dict[str, str]:
    """The timeline page's prose figures: events, themes, years and how precisely each is dated.
    The first and last years are the dates of the earliest and latest events, linked to them."""
    ev = timeline_events(db.events)
    stats = timeline_stats(ev, db.sources)
    return {"tl-n-events": count_text(stats["events"], "events in data/events.csv"),
            "tl-n-themes": count_text(stats["themes"], "themes the events fall under"),
            "tl-first-year": date_text(db, ev.loc[ev["first"].idxmin(), "event_id"], "year") if len(ev) else "none",
            "tl-last-year": date_text(db, ev.loc[ev["last"].idxmax(), "event_id"], "year") if len(ev) else "none",
            **{f"tl-n-{k.replace('_', '-')}": count_text(stats[k], what) for k, what in COUNTED_EVENTS.items()}}
