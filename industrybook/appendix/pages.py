"""The appendix pages, generated from the data: timeline, data dictionary, sources and method,
reconciliation register.

Every function takes the loaded :class:`~industrybook.data.database.Database` (or plain frames) and returns a
DataFrame, a MyST markdown string or a :class:`~industrybook.render.style.Chart`; the notebooks only display
them. Markdown is parsed by myst-nb (``nb_render_markdown_format: myst``), so roles such as
``{doc}``, ``{cite:p}`` and ``{download}`` inside generated tables become links in the book.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from industrybook.data import paths
from industrybook.render.charts import PRECISION_MARKERS, event_midpoints, timeline
from industrybook.data.database import Database, bounds_problem, locator_distance, parse_period, split_ids
from industrybook.text.facts import fact_text
from industrybook.text.figures import fmt_number, fmt_period, fmt_value, fmt_value_as_printed
from industrybook.data.printed import WORD_ENGLISH, WORD_FIGURES, is_numeric, word_figure_text
from industrybook.appendix.glossary import field_table as _base_field_table
from industrybook.data.themes import ordered_themes, theme_chapters, theme_colours, theme_name, theme_order
from industrybook.render.style import INK, MUTED, chart
from industrybook.text.escape import code_span, escape_myst

# ---------------------------------------------------------------------------------------------
# Themes and chapters

PRECISION_NAMES = {"day": "day", "month": "month only", "year": "year only"}


def __getattr__(name: str):
    # THEME_ORDER and THEME_CHAPTERS, the names the evidence and appendix notebooks read, come from data/themes.csv
    if name == "THEME_ORDER":
        return theme_order()
    if name == "THEME_CHAPTERS":
        return theme_chapters()
    raise AttributeError(f"module 'industrybook.appendix.pages' has no attribute {name!r}")


# ---------------------------------------------------------------------------------------------
# MyST helpers

def doc_link(docname: str, text: str | None = None) -> str:
    """A MyST link to a book page, e.g. ``{doc}`/chapters/overview``` (the page title as link text)
    or ``{doc}`Overview </chapters/overview>```."""
    target = "/" + docname.strip("/")
    return f"{{doc}}`{text} <{target}>`" if text else f"{{doc}}`{target}`"


def cite(source_ids) -> str:
    """A parenthetical citation of one or more sources (bib keys equal source ids)."""
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    return f"{{cite:p}}`{','.join(ids)}`"


def pipe_table(frame: pd.DataFrame, right: tuple[str, ...] | list[str] = ()) -> str:
    """A MyST pipe table from a frame whose cells are already markdown (use :func:`escape_myst`).
    Columns named in ``right`` are right-aligned."""
    if frame.columns.empty:
        raise ValueError("a table needs at least one column")
    head = "| " + " | ".join(escape_myst(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("--:" if c in right else ":--" for c in frame.columns) + "|"
    rows = ["| " + " | ".join("" if pd.isna(v) else str(v).replace("\n", " ") for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def table_block(frame: pd.DataFrame, caption: str, name: str, right=(), widths=None) -> str:
    """A numbered, captioned table (MyST ``{table}`` directive) that ``{numref}`` can cite. A colon
    fence, because a backtick fence's opening line may not contain backticks (code in a caption).
    ``widths`` (relative column widths) make the PDF wrap long cells instead of running off the page."""
    opts = f":name: {name}\n"
    if widths:
        if len(widths) != len(frame.columns):
            raise ValueError(f"{len(widths)} widths for {len(frame.columns)} columns")
        opts += f":widths: {' '.join(str(int(w)) for w in widths)}\n"
    return f":::{{table}} {caption}\n{opts}\n{pipe_table(frame, right)}\n:::"


def list_table(rows: list[list[str]], header: list[str], caption: str, name: str,
               widths: str | None = None) -> str:
    """A ``{list-table}`` (cells may hold lists and several paragraphs)."""
    if any(len(r) != len(header) for r in rows):
        raise ValueError("every row needs one cell per header")
    lines = ["::::{list-table} " + caption, ":header-rows: 1", f":name: {name}"]
    if widths:
        lines.append(f":widths: {widths}")
    lines.append("")
    for row in [header, *rows]:
        for j, cell in enumerate(row):
            body = str(cell).strip() or "\u2013"
            body = body.replace("\n", "\n    ")
            lines.append(("* - " if j == 0 else "  - ") + body)
    lines.append("::::")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Timeline

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


def add_bottom_legend(c, handles, ncols: int, rows_in: float = 0.2) -> None:
    """A figure legend between the plot and the source line: the plot area shrinks to make room."""
    nrows = math.ceil(len(handles) / ncols)
    leg_in = 0.1 + rows_in * nrows
    total = c.fig.get_figheight()
    x, y, w, h = c.fig.get_layout_engine().get()["rect"]
    c.fig.get_layout_engine().set(rect=(x, y + leg_in / total, w, h - leg_in / total))
    c.fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, y), ncols=ncols, fontsize=8,
                 handlelength=1.4, borderaxespad=0.1)


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
              "Date of each event; numbers refer to the table below. Marker: circle = day, square = month "
              "only, diamond = year only; the pale bar spans the month or year a date could fall in.",
              db.source_line(ev["source_id"]), timeline_alt(ev),
              nrows=len(themes), ncols=ncols, height=height,
              gridspec_kw={"width_ratios": [1, 9]} if brk else None, squeeze=False, sharex="col")
    axes = c.axes
    lanes = 3
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
    return c


def theme_link(theme: str) -> str:
    """The theme's name, linked to the chapter that covers it (plain name for an unknown theme)."""
    name = escape_myst(theme_name(theme))
    chapters = theme_chapters()
    return doc_link(chapters[theme], name) if theme in chapters else name


def event_date_text(date: str, bound) -> str:
    """An event's date as stored, with "no later than" when the page gives only the month it reports in."""
    if bound is None or (isinstance(bound, float) and math.isnan(bound)) or bound is pd.NA or not str(bound):
        return str(date)
    if bound != "no_later_than":
        raise ValueError(f"unknown date_bound {bound!r} (expected 'no_later_than' or empty)")
    return f"no later than {date}"


def timeline_table(ev: pd.DataFrame) -> pd.DataFrame:
    """The timeline as a MyST table: number, date, precision, event, Chinese label, theme linked
    to its chapter, source citation."""
    return pd.DataFrame({
        "No.": ev["no"].astype(str),
        "Date": [escape_myst(event_date_text(d, b)) for d, b in zip(ev["date"], ev.get("date_bound", [None] * len(ev)))],
        "Precision": ev["date_precision"].map(escape_myst),
        "Event": ev["title_en"].map(escape_myst),
        "Chinese label": ev["title_zh"].map(escape_myst),
        "Theme and chapter": ev["theme"].map(theme_link),
        "Source": ev["source_id"].map(cite),
    })


def timeline_markdown(ev: pd.DataFrame) -> str:
    """The numbered, captioned event table."""
    return table_block(timeline_table(ev), "Every dated event, in date order", "tl-events", right=("No.",),
                       widths=[5, 11, 9, 33, 16, 13, 13])


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


# ---------------------------------------------------------------------------------------------
# Data dictionary

def resources(db: Database) -> list[dict]:
    """The data package's resources, in package order."""
    return list(db.schema["resources"])


def _keys(resource: dict) -> tuple[str, str, list[str]]:
    pk = resource["schema"].get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else list(pk)
    fks, targets = [], []
    for fk in resource["schema"].get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], str) else ", ".join(fk["fields"])
        target = fk["reference"]["resource"] or resource["name"]
        fks.append(f"{fields} → {target}")
        if target not in targets:
            targets.append(target)
    return ", ".join(pk), "; ".join(fks), targets


def resource_summary(db: Database) -> pd.DataFrame:
    """One row per table: name, title, rows, fields, primary key, references, description."""
    rows = []
    for r in resources(db):
        pk, fks, targets = _keys(r)
        rows.append({"table": r["name"], "file": r["path"], "title": r.get("title", ""),
                     "rows": len(db.tables[r["name"]]), "fields": len(r["schema"]["fields"]),
                     "primary_key": pk, "references": fks, "refers_to": targets,
                     "description": r.get("description", "")})
    return pd.DataFrame(rows)


def field_table(db: Database, table: str) -> pd.DataFrame:
    """:func:`industrybook.appendix.glossary.field_table` plus how many rows give each field a value."""
    base = _base_field_table(db, table)
    frame = db.tables[table]
    filled = []
    for name in base["Field"]:
        col = frame[name]
        present = col.dropna()
        if col.dtype == "string" or col.dtype == object:
            present = present[present.astype(str).str.strip() != ""]
        filled.append(f"{len(present)} of {len(frame)}")
    return base.assign(Filled=filled)


_PATTERN = re.compile(r"pattern `([^`]*)`")


def field_table_markdown(db: Database, table: str) -> str:
    """One table's fields as a numbered MyST table. Patterns (long regular expressions that would
    stretch the table) are listed under it."""
    f = field_table(db, table)
    patterns = [(r["Field"], m.group(1)) for _, r in f.iterrows() for m in _PATTERN.finditer(r["Constraints"])]
    frame = pd.DataFrame({
        "Field": f["Field"].map(code_span),
        "Type": f.apply(lambda r: escape_myst(r["Type"] + (f"; unit: {r['Unit']}" if r["Unit"] else "")), axis=1),
        "Description": f["Description"].map(escape_myst),
        "Constraints": f["Constraints"].map(lambda c: escape_myst(_PATTERN.sub("pattern (below)", c))),
        "Filled": f["Filled"].map(escape_myst),
    })
    r = next(r for r in resources(db) if r["name"] == table)
    out = table_block(frame, f"Fields of `{r['path']}`: {escape_myst(r.get('title', table))}",
                      f"dd-fields-{table}", right=("Filled",), widths=[22, 12, 32, 22, 12])
    if patterns:
        out += "\n\nPatterns (regular expressions every value must match):\n\n" + "\n".join(
            f"- {code_span(field)}: {code_span(pattern, in_table=False)}" for field, pattern in patterns)
    return out


def dictionary_markdown(db: Database) -> str:
    """The whole dictionary: for each table a heading, its description and its numbered field table."""
    out = []
    summary = resource_summary(db).set_index("table")
    for r in resources(db):
        s = summary.loc[r["name"]]
        out.append(f"### `{r['path']}`: {escape_myst(s['title'])}\n")
        keys = f"Primary key: {code_span(s['primary_key'])}." if s["primary_key"] else "No primary key."
        refs = f" References: {escape_myst(s['references'])}." if s["references"] else ""
        out.append(f"{escape_myst(s['description'])} {fmt_number(s['rows'])} rows, {fmt_number(s['fields'])} fields "
                   f"({{numref}}`dd-fields-{r['name']}`). {keys}{refs}\n")
        out.append(field_table_markdown(db, r["name"]) + "\n")
    return "\n".join(out)


def summary_markdown(db: Database) -> str:
    """The tables of the package at a glance, each with a download link."""
    s = resource_summary(db)
    frame = pd.DataFrame({
        "Table": s.apply(lambda r: download_link(r["file"]), axis=1),
        "Rows": s["rows"].map(fmt_number),
        "Primary key": s["primary_key"].map(lambda k: code_span(k) if k else ""),
        "Points to": s["refers_to"].map(lambda ts: ", ".join(ts)),
        "Fields": s.apply(lambda r: f"{fmt_number(r['fields'])}, {{numref}}`dd-fields-{r['table']}`", axis=1),
    })
    return table_block(frame, "The tables of the data package", "dd-tables", right=("Rows",),
                       widths=[26, 9, 21, 22, 22])


def download_link(path: str, text: str | None = None, prefix: str = "../data/") -> str:
    """A MyST ``{download}`` link to a data file, relative to a page in ``chapters/``."""
    return f"{{download}}`{text or path} <{prefix}{path}>`"


def downloads_markdown(db: Database, prefix: str = "../data/") -> str:
    """A bullet list of download links: the package descriptor, then every table's CSV."""
    title = escape_myst(db.schema.get("title", "data package"))
    lines = [f"- {download_link('datapackage.json', prefix=prefix)}: {title}, "
             "the descriptor listing every table, field, type and constraint (Frictionless Table Schema)."]
    for r in resources(db):
        lines.append(f"- {download_link(r['path'], prefix=prefix)}: {escape_myst(r.get('title', r['name']))} "
                     f"({fmt_number(len(db.tables[r['name']]))} rows). {escape_myst(r.get('description', ''))}")
    return "\n".join(lines)


def facts_by_source_theme(db: Database) -> pd.DataFrame:
    """Fact counts: one row per source (oldest page first), one column per theme, with totals."""
    facts = db.facts
    order = db.sources.sort_values("date").index
    themes = ordered_themes(facts["theme"])
    table = (pd.crosstab(facts["source_id"], facts["theme"])
             .reindex(index=order, columns=themes, fill_value=0).fillna(0).astype(int))
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    return table


def facts_count_markdown(db: Database, counts: pd.DataFrame | None = None) -> str:
    """The count table with readable headings and citations."""
    counts = facts_by_source_theme(db) if counts is None else counts
    labels = [("**All pages**" if sid == "total" else escape_myst(db.source_label(sid))) for sid in counts.index]
    frame = counts.rename(columns=lambda t: "Total" if t == "total" else theme_name(t)).astype(int).astype(str)
    frame.insert(0, "Page", labels)
    return table_block(frame.reset_index(drop=True), "Facts per page and theme", "dd-fact-counts",
                       widths=[22] + [13] * (len(frame.columns) - 1),
                       right=tuple(frame.columns[1:]))


def facts_count_chart(db: Database, counts: pd.DataFrame | None = None):
    """Stacked horizontal bars: facts per page, split by theme, oldest page at the top."""
    counts = facts_by_source_theme(db) if counts is None else counts
    body = counts.drop(index="total").drop(columns="total")
    totals = counts["total"].drop(index="total")
    top = totals.idxmax()
    theme_tot = counts.loc["total"].drop("total")
    alt = (f"Stacked bars, one per source page, showing how many of the {int(counts.loc['total', 'total'])} facts "
           f"each page supplies and their themes. {db.source_label(top)} supplies the most ({int(totals[top])}); "
           "by theme the totals are " + ", ".join(f"{theme_name(t)} {int(v)}" for t, v in theme_tot.items()) + ".")
    c = chart("Facts in the database, by source page and theme", "Number of facts (rows of facts.csv)",
              db.source_line(body.index), alt, height=3.2)
    ax = c.ax
    labels = [f"{db.sources.loc[s, 'outlet_en']}\n{db.sources.loc[s, 'date']}" for s in body.index]
    y = list(range(len(body)))[::-1]
    left = pd.Series(0, index=body.index)
    colours = theme_colours()
    for theme in body.columns:
        ax.barh(y, body[theme], left=left, color=colours.get(theme, INK), label=theme_name(theme), height=0.65)
        left = left + body[theme]
    for yi, s in zip(y, body.index):
        ax.annotate(str(int(totals[s])), (totals[s], yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=INK)
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_xlim(0, totals.max() * 1.1)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("facts")
    handles = [Patch(color=colours.get(t, INK), label=theme_name(t)) for t in body.columns]
    add_bottom_legend(c, handles, ncols=len(handles))
    return c


# ---------------------------------------------------------------------------------------------
# Sources and method

RECORD_TABLES = ["facts", "events", "flows", "omissions", "terms"]

_SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def count_word(n: int) -> str:
    """A small count in words (``3`` -> ``'three'``), larger ones in digits."""
    n = int(n)
    return _SMALL[n] if 0 <= n < len(_SMALL) else fmt_number(n)


def source_counts(db: Database) -> pd.DataFrame:
    """Rows each source page contributes to each table that names its source (oldest page first)."""
    order = db.sources.sort_values("date").index
    data = {t: db.tables[t]["source_id"].value_counts().reindex(order, fill_value=0).astype(int)
            for t in RECORD_TABLES if t in db.tables}
    return pd.DataFrame(data, index=order)


def sources_table_markdown(db: Database, counts: pd.DataFrame | None = None) -> str:
    """One row per page: citation, outlet, date and precision, and the rows it feeds."""
    counts = source_counts(db) if counts is None else counts
    s = db.sources.loc[counts.index]
    frame = pd.DataFrame({
        "Page": [cite(i) for i in s.index],
        "Outlet": [escape_myst(f"{r.outlet_en} ({r.outlet_zh})") for r in s.itertuples()],
        "Date": [escape_myst(f"{r.date} ({r.date_precision})") for r in s.itertuples()],
    })
    for t in counts.columns:
        frame[t.capitalize()] = counts[t].astype(str).values
    return table_block(frame, "The source pages and the rows each contributes", "sx-sources",
                       right=tuple(t.capitalize() for t in counts.columns),
                       widths=[18, 20, 17] + [9] * len(counts.columns))


def source_blocks_markdown(db: Database, counts: pd.DataFrame | None = None) -> str:
    """One block per page: date and how it was fixed, journalists, what is used, what is left out."""
    counts = source_counts(db) if counts is None else counts
    out = []
    for sid in counts.index:
        r = db.sources.loc[sid]
        n = counts.loc[sid]
        tally = ", ".join(f"{fmt_number(n[t])} {t if n[t] != 1 else t.rstrip('s')}" for t in counts.columns)
        out.append(f"### {escape_myst(r['outlet_en'])}, {escape_myst(r['date'])}: {escape_myst(r['headline_en'])}\n")
        out.append(f"{escape_myst(r['outlet_zh'])}, headline {escape_myst(r['headline_zh'])} {cite(sid)}; "
                   f"journalists {escape_myst(r['authors'])}; file {code_span(r['file'])}.\n")
        out.append(f"**Date.** {escape_myst(r['date'])}, to the {escape_myst(r['date_precision'])}. "
                   f"{escape_myst(r['date_basis'])}\n")
        out.append(f"**Used.** {escape_myst(r['page_items_used'])}\n")
        out.append(f"**Left out.** {escape_myst(r['page_items_left_out'])}\n")
        out.append(f"**In the database:** {tally}.\n")
    return "\n".join(out)


# How each qualifier's bounds are stored: the rule of industrybook.data.database.QUALIFIER_BOUNDS.
QUALIFIER_BOUND_RULES = {
    "exact": "value only",
    "about": "value only; no bound is implied",
    "nearly": "value_high = value",
    "less_than": "value_high = value",
    "more_than": "value_low = value",
    "at_least": "value_low = value",
    "range": "value empty; value_low and value_high from the word table",
}


def qualifier_table(db: Database) -> pd.DataFrame:
    """Each qualifier of data/qualifiers.csv: what the page prints, how bounds are stored, how many facts carry it and for how
    many the stored bounds follow the rule."""
    facts, qualifiers = db.facts, db.qualifiers
    rows = []
    for q in list(qualifiers.index):  # every qualifier of a fact is in the table (a foreign key)
        sub = facts[facts["qualifier"] == q]
        meaning, rule = qualifiers.loc[q, "note"], QUALIFIER_BOUND_RULES.get(q, "")
        holds = int(sum(bounds_problem(f) is None for _, f in sub.iterrows()))
        rows.append({"qualifier": q, "meaning": meaning, "bounds": rule, "facts": len(sub), "rule_holds": holds})
    return pd.DataFrame(rows)


def qualifier_markdown(db: Database) -> str:
    """The qualifier table for readers, with the rule check as "n of m"."""
    q = qualifier_table(db)
    frame = pd.DataFrame({
        "Qualifier": q["qualifier"].map(code_span), "On the page": q["meaning"].map(escape_myst),
        "Bounds stored": q["bounds"].map(escape_myst), "Facts": q["facts"].astype(str),
        "Rule holds": q.apply(lambda r: f"{r['rule_holds']} of {r['facts']}", axis=1),
    })
    return table_block(frame, "Qualifiers and the bounds they set", "sx-qualifiers", right=("Facts", "Rule holds"),
                       widths=[15, 31, 32, 9, 13])


def units_table(db: Database) -> pd.DataFrame:
    """The units table with the number of facts and of benchmarks (when loaded) printed in each unit,
    most used first: a unit only the official releases print (億元) is still in use."""
    def uses(table: str) -> pd.Series:
        if table not in db.tables:
            return pd.Series(0, index=db.units.index)
        return db.units["unit_printed"].map(db.tables[table]["unit_printed"].value_counts()).fillna(0).astype(int)

    u = db.units.assign(facts=uses("facts"), benchmarks=uses("benchmarks"))
    u = u.assign(uses=u["facts"] + u["benchmarks"])
    return u.sort_values(["uses", "unit_printed"], ascending=[False, True]).reset_index(drop=True)


def units_markdown(db: Database) -> str:
    u = units_table(db)
    frame = pd.DataFrame({
        "Printed": u["unit_printed"].map(escape_myst),
        "Base unit": u["unit"].map(code_span),
        "Factor": u["factor"].map(lambda f: escape_myst(f"{f:,.10g}")),
        "Meaning": u["note"].map(escape_myst),
        "Facts": u["facts"].astype(str),
        "Benchmarks": u["benchmarks"].astype(str),
    })
    return table_block(frame, "Units as printed, their base unit and factor, with the facts and the official "
                       "benchmarks printed in each", "sx-units", right=("Factor", "Facts", "Benchmarks"),
                       widths=[12, 12, 15, 41, 9, 11])


def word_figures_table(db: Database) -> pd.DataFrame:
    """The word figures table (``data/word_figures.csv``, which :func:`industrybook.data.printed.parse_printed`
    reads) with each word's gloss, bounds and the number of facts printed with it."""
    used = db.facts.groupby("value_printed").size()
    w = db.word_figures
    return pd.DataFrame({"word": w["word"], "meaning": w["english"], "point": w["point"], "low": w["low"],
                         "high": w["high"], "facts": [int(used.get(word, 0)) for word in w["word"]]}
                        ).reset_index(drop=True)


def word_figures_markdown(db: Database) -> str:
    w = word_figures_table(db)

    def num(x):
        return "\u2013" if x is None or pd.isna(x) else escape_myst(fmt_number(x, 4))

    frame = pd.DataFrame({
        "Printed": w["word"].map(escape_myst), "Meaning": w["meaning"].map(escape_myst),
        "Point": w["point"].map(num), "Low": w["low"].map(num), "High": w["high"].map(num),
        "Facts": w["facts"].astype(str),
    })
    return table_block(frame, "Word figures and the numbers they become", "sx-words", widths=[22, 38, 10, 10, 10, 10],
                       right=("Point", "Low", "High", "Facts"))


def locator_distances(db: Database, sources_dir: Path | None = None) -> pd.Series:
    """For each fact, the distance in characters (whitespace ignored) between its locator figure and
    term in its source; missing where either is absent."""
    src = Path(sources_dir) if sources_dir else paths.sources_dir()
    texts = {sid: (src / f).read_text(encoding="utf-8") for sid, f in db.sources["file"].items()}
    return pd.Series({fid: locator_distance(texts[r["source_id"]], r["locator_figure"], r["locator_term"])
                      for fid, r in db.facts.iterrows()}, dtype="float64")


def distance_chart(db: Database, dist: pd.Series, window: int):
    """Histogram of figure-to-term distances, one bin per five characters, with the limit marked."""
    d = dist.dropna()
    near = int((d <= 10).sum())
    alt = (f"Histogram of the distance between each fact's printed figure and the term that names it, for "
           f"{len(d)} facts: {near} stand within 10 characters, the median is {fmt_number(d.median())} characters "
           f"and the largest {fmt_number(d.max())}, inside the limit of {window} marked by a dashed line.")
    c = chart("How close each figure stands to the words that name it",
              "Characters between the printed figure and its locator term (whitespace ignored); number of facts",
              db.source_line(db.facts["source_id"]), alt, height=3.0)
    bins = list(range(0, max(window, int(d.max()) if len(d) else 0) + 6, 5))
    c.ax.hist(d, bins=bins, color=theme_colours()["power_transmission"], edgecolor="white")
    c.ax.axvline(window, color=INK, ls="--", lw=1)
    c.ax.annotate(f"limit: {window} characters", (window, c.ax.get_ylim()[1] * 0.9), xytext=(-4, 0),
                  textcoords="offset points", ha="right", fontsize=8.5, color=INK)
    c.ax.set_xlabel("characters between figure and term")
    c.ax.set_ylabel("facts")
    c.ax.grid(axis="x", visible=False)
    return c


def example_fact(db: Database, unit_printed: str = "亿元") -> pd.Series:
    """A worked example for the method text: the first fact (by id) printed exactly in ``unit_printed``."""
    pool = db.facts[(db.facts["unit_printed"] == unit_printed) & (db.facts["qualifier"] == "exact")]
    if pool.empty:
        pool = db.facts[db.facts["value"].notna()]
    return pool.sort_index().iloc[0]


def example_markdown(db: Database, fact: pd.Series, distance: float) -> str:
    """The worked example as a two-column table: from the printed figure to the stored value."""
    unit = db.units.loc[fact["unit_printed"]]
    rows = [
        ("Fact id", code_span(fact["fact_id"])),
        ("What it measures", escape_myst(fact["metric_en"])),
        ("Page", f"{escape_myst(db.source_label(fact['source_id']))} {cite(fact['source_id'])}"),
        ("Locator: figure on the page", escape_myst(fact["locator_figure"])),
        ("Locator: term naming it", escape_myst(fact["locator_term"])),
        ("Distance between them", escape_myst(f"{fmt_number(distance)} characters")),
        ("Printed number and unit", escape_myst(f"{fact['value_printed']} {fact['unit_printed']}")),
        ("Factor of the unit", escape_myst(f"{unit['factor']:,.10g} ({unit['note']})")),
        ("Stored value", escape_myst(f"{fmt_number(fact['value'], 6)} {fact['unit']}")),
        ("As the chapters write it", escape_myst(fact_text(db, fact["fact_id"]))),
    ]
    frame = pd.DataFrame(rows, columns=["Step", "Value"])
    return table_block(frame, "A worked example: from printed figure to stored value", "sx-example", widths=[35, 65])


def closure_table(schema: dict) -> pd.DataFrame:
    """For each table, the tables validated with it (itself and what its foreign keys reach): the
    data files whose change re-executes a notebook that reads it."""
    from industrybook.data.schema import table_closure

    rows = []
    for r in schema["resources"]:
        closure = table_closure([r["name"]], schema)
        rows.append({"table": r["name"], "also_validated": [t for t in closure if t != r["name"]]})
    return pd.DataFrame(rows)


def closure_markdown(schema: dict) -> str:
    t = closure_table(schema)
    frame = pd.DataFrame({
        "A notebook that loads": t["table"].map(code_span),
        "is re-executed when these also change": t["also_validated"].map(
            lambda ts: ", ".join(code_span(x) for x in ts) if ts else "(nothing else)"),
    })
    return table_block(frame, "Tables a notebook depends on through foreign keys", "sx-closure", widths=[40, 60])


# ---------------------------------------------------------------------------------------------
# Reconciliation register

STATUSES = {
    "consistent": "the figures agree once period, scope and rounding are aligned",
    "explained": "the figures differ and the difference has a stated cause",
    "unresolved": "the figures differ and the pages do not say why",
}


def toc_order(toc: Path | None = None) -> list[str]:
    """Document names in ``_toc.yml`` order."""
    toc = toc or paths.ROOT / "_toc.yml"
    order = []
    for line in toc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*(?:-\s*)?(?:file|root):\s*(\S+)\s*$", line)
        if m:
            order.append(re.sub(r"\.(md|ipynb)$", "", m.group(1)))
    return order


def chapter_link(chapter: str, docs: list[str] | set[str]) -> str:
    """A link to ``chapters/<chapter>`` when the book's table of contents has it, else the name as code."""
    doc = chapter if chapter.startswith("chapters/") else f"chapters/{chapter}"
    return doc_link(doc) if doc in docs else code_span(chapter)


def figure_item(db: Database, fact_id: str) -> str:
    """One compared figure: what it measures, its period, its value as printed in English, its source."""
    f = db.fact(fact_id)
    period = fmt_period(f["period"]) if isinstance(f["period"], str) and f["period"] else "no period"
    return (f"{escape_myst(f['metric_en'])} ({escape_myst(period)}): "
            f"**{escape_myst(fact_text(db, fact_id))}**, "
            f"{code_span(fact_id)} {cite(f['source_id'])}")


def register_table(db: Database, docs: list[str] | None = None) -> pd.DataFrame:
    """Every row of ``reconciliations.csv`` with the compared figures looked up from the facts,
    ordered by chapter (book order) and id."""
    docs = toc_order() if docs is None else docs
    rec = db.reconciliations
    cols = ["rec_id", "chapter", "topic", "fact_ids", "figures", "sources", "finding", "likely_reason", "status"]
    if rec.empty:
        return pd.DataFrame(columns=cols)
    rank = {d.split("/")[-1]: i for i, d in enumerate(docs)}
    out = rec.assign(
        figures=rec["fact_ids"].map(lambda s: [figure_item(db, f) for f in split_ids(s)]),
        sources=rec["fact_ids"].map(lambda s: sorted({db.fact(f)["source_id"] for f in split_ids(s)})),
        _rank=rec["chapter"].map(lambda c: rank.get(c, len(rank))),
    ).sort_values(["_rank", "rec_id"])
    return out[cols].reset_index(drop=True)


def register_markdown(db: Database, docs: list[str] | None = None) -> str:
    """The register as one numbered table; while it is empty, a table saying so (the label stays valid)."""
    docs = toc_order() if docs is None else docs
    reg = register_table(db, docs)
    rows = []
    if reg.empty:
        rows.append(["No check has been recorded yet.", "\u2013"])
    for r in reg.itertuples():
        figures = "\n".join(f"- {item}" for item in r.figures)
        rows.append([f"**{escape_myst(r.topic)}**\n\nChapter: {chapter_link(r.chapter, docs)}\n\n"
                     f"Status: *{escape_myst(r.status)}*",
                     f"Check {code_span(r.rec_id)} compares:\n\n{figures}\n\n"
                     f"**Finding.** {escape_myst(r.finding)}\n\n**Likely reason.** {escape_myst(r.likely_reason)}"])
    return list_table(rows, ["Check", "Figures compared, finding and likely reason"],
                      "The reconciliation register: every cross-source check in the book", "rr-register",
                      widths="30 70")


def status_counts(db: Database) -> pd.DataFrame:
    """Checks per status (every status listed, zero included) and the total."""
    counts = db.reconciliations["status"].value_counts()
    statuses = list(STATUSES) + sorted(set(counts.index) - set(STATUSES))
    frame = pd.DataFrame({"status": statuses, "meaning": [STATUSES.get(s, "") for s in statuses],
                          "checks": [int(counts.get(s, 0)) for s in statuses]})
    total = pd.DataFrame({"status": ["total"], "meaning": [""], "checks": [int(frame["checks"].sum())]})
    return pd.concat([frame, total], ignore_index=True)


def status_markdown(db: Database) -> str:
    s = status_counts(db)
    frame = pd.DataFrame({"Status": s["status"].map(lambda x: "**total**" if x == "total" else escape_myst(x)),
                          "Meaning": s["meaning"].map(escape_myst), "Checks": s["checks"].astype(str)})
    return table_block(frame, "Checks in the register by status", "rr-status", right=("Checks",), widths=[18, 68, 14])


def register_summary(db: Database) -> str:
    """One sentence on the register's size, for glue."""
    rec = db.reconciliations
    if rec.empty:
        return "no checks yet"
    n_ch = rec["chapter"].nunique()
    counts = rec["status"].value_counts()
    parts = [f"{int(counts.get(s, 0))} {s}" for s in STATUSES]
    return (f"{len(rec)} check{'s' if len(rec) != 1 else ''} from {n_ch} chapter{'s' if n_ch != 1 else ''} "
            f"({', '.join(parts)})")


# ---------------------------------------------------------------------------------------------
# The appendix notebooks' glued texts (issue 13: the notebooks only call these)
# ---------------------------------------------------------------------------------------------
from industrybook.data.database import LOCATOR_WINDOW  # noqa: E402  (this block's imports stay with it)


def data_dictionary_texts(db: Database) -> dict[str, str]:
    """The data dictionary's prose figures: tables, rows, fields, licence, facts by source and theme."""
    summary = resource_summary(db)
    counts = facts_by_source_theme(db)
    totals = counts["total"].drop(index="total")
    top, low = totals.idxmax(), totals.idxmin()
    theme_tot = counts.loc["total"].drop("total")
    licence = db.schema.get("licenses", [{}])[0]
    return {
        "dd-n-tables": fmt_number(len(summary)),
        "dd-n-rows": fmt_number(int(summary["rows"].sum())),
        "dd-n-fields": fmt_number(int(summary["fields"].sum())),
        "dd-licence": licence.get("title", licence.get("name", "no licence stated")),
        "dd-n-facts": fmt_number(int(counts.loc["total", "total"])),
        "dd-top-source": db.source_label(top),
        "dd-top-n": fmt_number(int(totals[top])),
        "dd-low-source": db.source_label(low),
        "dd-low-n": fmt_number(int(totals[low])),
        "dd-top-theme": theme_name(theme_tot.idxmax()),
        "dd-top-theme-n": fmt_number(int(theme_tot.max())),
        "dd-low-theme": theme_name(theme_tot.idxmin()),
        "dd-low-theme-n": fmt_number(int(theme_tot.min())),
    }


def sources_method_texts(db: Database) -> dict[str, str]:
    """The sources-and-method page's prose figures: sources, dates, facts by basis, status and qualifier."""
    prec = db.sources["date_precision"].value_counts()
    facts = db.facts
    basis = facts["period_basis"].value_counts()
    status = facts["status"].value_counts()
    quals = qualifier_table(db)
    hedged = quals.loc[~quals["qualifier"].isin(["exact"]), "facts"].sum()
    words = word_figures_table(db)
    return {
        "sx-n-sources": fmt_number(len(db.sources)),
        "sx-n-hy": count_word((db.sources["outlet_en"] == "Hengyang Daily").sum()),
        "sx-n-hn": count_word((db.sources["outlet_en"] == "Hunan Daily").sum()),
        "sx-range-word": "数百",
        "sx-range-low": fmt_number(words.set_index("word").loc["数百", "low"]),
        "sx-range-high": fmt_number(words.set_index("word").loc["数百", "high"]),
        "sx-n-day": fmt_number(int(prec.get("day", 0))),
        "sx-n-month": fmt_number(int(prec.get("month", 0))),
        "sx-n-facts": fmt_number(len(facts)),
        "sx-n-omissions": fmt_number(len(db.omissions)),
        "sx-n-inferred": fmt_number(int(basis.get("inferred", 0))),
        "sx-n-outcome": fmt_number(int(status.get("outcome", 0))),
        "sx-n-target": fmt_number(int(status.get("target", 0))),
        "sx-n-plan": fmt_number(int(status.get("plan", 0))),
        "sx-n-record": fmt_number(int(status.get("record", 0))),
        "sx-n-hedged": fmt_number(int(hedged)),
        "sx-n-units": fmt_number(len(db.units)),
        "sx-n-words": fmt_number(len(words)),
        "sx-n-word-facts": fmt_number(int(words["facts"].sum())),
        "sx-window": fmt_number(LOCATOR_WINDOW),
    }


def timeline_texts(db: Database) -> dict[str, str]:
    """The timeline page's prose figures: events, themes, years and how precisely each is dated."""
    stats = timeline_stats(timeline_events(db.events), db.sources)
    counted = ["day", "month", "year", "page_month", "after_page"]
    return {"tl-n-events": fmt_number(stats["events"]), "tl-n-themes": fmt_number(stats["themes"]),
            "tl-first-year": str(stats["first_year"]), "tl-last-year": str(stats["last_year"]),
            **{f"tl-n-{k.replace('_', '-')}": fmt_number(stats[k]) for k in counted}}
