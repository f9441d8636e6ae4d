"""Chart types the chapters share: a timeline, a log-scale value ladder, a slope chart."""
from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.artist import Artist

from industrybook.render.style import INK, MUTED, PALETTE, SMALL_PT, THEME_COLOURS, chart_data
from industrybook.text.facts import source_label

PRECISION_MARKERS = {"day": "o", "month": "s", "year": "D"}


def event_midpoints(events: pd.DataFrame) -> pd.Series:
    """A plotting date for each event: the day, or the middle of its month or year."""
    from industrybook.data.database import parse_period

    def mid(text):
        first, last = parse_period(text)
        return first + (last - first) / 2

    return events["date"].map(mid)


class LaneAssigner(Artist):
    """Draw-time placement of a timeline's labels: each label goes to the lowest lane, above or
    below the axis line, centred on its stem or set beside it, where it overlaps no other label,
    no other stem runs through it and its own stem runs through no label. Done when drawn, with
    the text sizes the renderer measures, so it holds for any chart size; the stems follow."""

    PLACES = (("center", 0), ("left", 3), ("right", -3))  # alignment, horizontal offset in points

    # a label's width is reserved with this much room, half on each side: room for the next label
    # (collisions.ROW_GAP_EM) and for a stem beside it (collisions.TOUCH_PT)
    def __init__(self, items: list[tuple], lanes: int, pad_points: float = 10.0):
        super().__init__()
        self.items, self.lanes, self.pad_points = items, lanes, pad_points  # items: (stem, label), by date
        self.set_zorder(1.5)  # before the stems (2) and labels (3) are drawn
        self.set_in_layout(False)

    def draw(self, renderer):
        if not self.items:
            return
        ax = self.items[0][1].axes
        box = ax.get_window_extent(renderer)
        px = renderer.points_to_pixels(1.0)
        unit = abs(ax.transData.transform((0, 1))[1] - ax.transData.transform((0, 0))[1])  # pixels per lane
        measured = []
        for i, (stem, label) in enumerate(self.items):
            extent = label.get_window_extent(renderer)
            x = ax.transData.transform((mdates.date2num(label.xy[0]), 0))[0]
            measured.append((i, x, extent.width + self.pad_points * px,
                             max(1, int(np.ceil((extent.height + px) / unit)))))
        # greedy, so the order matters: from the left and from the right, the one with fewer clashes
        plans = [self._plan(order, box, px) for order in (measured, measured[::-1])]
        clashes, plan = min(plans, key=lambda p: p[0])
        for i, (lane, side, ha, dx) in plan.items():
            stem, label = self.items[i]
            y = side * lane
            stem.set_ydata([0, y])
            label.xy = (label.xy[0], y)
            label.xyann = (dx, 0)
            label.set_ha(ha)
            label.set_va("bottom" if side > 0 else "top")
        self.stale = False

    def _plan(self, order, box, px) -> tuple[int, dict]:
        placed, plan, total = [], {}, 0  # placed: (side, lane, x0, x1, stem_x, gap)
        rightward = len(order) < 2 or order[0][1] <= order[-1][1]
        for j, (i, x, width, gap) in enumerate(order):
            sides = (1, -1) if i % 2 == 0 else (-1, 1)
            options = [(lane, side, ha, dx) for lane in range(1, self.lanes + 1) for side in sides
                       for ha, dx in self.PLACES]
            # with a point still to place within a label's width, set the label away from it
            crowded = any(abs(later[1] - x) < width for later in order[j + 1:])
            away = ("right", "center", "left") if rightward else ("left", "center", "right")
            prefer = away if crowded else ("center",) + away
            scored = [(self._clashes(o, x, width, gap, placed, box, px, self.pad_points * px), o[0],
                       prefer.index(o[2]), k)
                      for k, o in enumerate(options)]
            n, _, _, k = min(scored)
            lane, side, ha, dx = options[k]
            x0 = self._left_edge(x, width, ha, dx, px, self.pad_points * px)
            placed.append((side, lane, x0, x0 + width, x, gap))
            plan[i] = options[k]
            total += n
        return total, plan

    @staticmethod
    def _left_edge(x, width, ha, dx, px, pad) -> float:
        """The left end of the room a label takes, ``width`` being its text's width and the ``pad``,
        half of the pad each side of the text, when set at stem ``x`` with alignment ``ha`` and
        offset ``dx`` points."""
        if ha == "center":
            return x - width / 2
        text_left = x + dx * px if ha == "left" else x + dx * px - (width - pad)
        return text_left - pad / 2

    @staticmethod
    def _clashes(option, x, width, gap, placed, box, px, pad) -> int:
        lane, side, ha, dx = option
        x0 = LaneAssigner._left_edge(x, width, ha, dx, px, pad)
        x1 = x0 + width
        n = int(x0 < box.x0 or x1 > box.x1)  # inside the panel
        for p_side, p_lane, p0, p1, p_x, p_gap in placed:
            if p_side != side:
                continue
            near = abs(p_lane - lane) < max(gap, p_gap)
            n += int(near and x0 < p1 and p0 < x1)  # labels overlap
            n += int(p_lane < lane and p0 <= x <= p1)  # this stem crosses that label
            n += int(p_lane > lane and x0 <= p_x <= x1)  # that stem crosses this label
        return n


def timeline(ax, events: pd.DataFrame, label_col: str = "label", colour_col: str = "theme",
             lanes: int = 4) -> LaneAssigner:
    """Events as dots on a date axis, labels in up to ``lanes`` lanes above and below it, placed
    when drawn so that no label collides with another or with a stem (see LaneAssigner);
    the marker says the date precision (circle day, square month, diamond year)."""
    ev = events.assign(when=event_midpoints(events)).sort_values("when").reset_index(drop=True)
    ax.axhline(0, color=MUTED, lw=1)
    items = []
    for i, row in ev.iterrows():
        colour = THEME_COLOURS.get(row.get(colour_col), INK)
        stem, = ax.plot([row["when"], row["when"]], [0, 1], color=colour, lw=0.8, alpha=0.7)
        ax.plot(row["when"], 0, marker=PRECISION_MARKERS.get(row.get("date_precision"), "o"), color=colour, ms=6)
        label = ax.annotate(row[label_col], (row["when"], 1), xytext=(0, 0), textcoords="offset points",
                            ha="center", va="bottom", fontsize=SMALL_PT, color=INK)
        items.append((stem, label))
    assigner = LaneAssigner(items, lanes)
    ax.add_artist(assigner)
    ax.set_ylim(-lanes - 1.2, lanes + 1.2)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    return assigner


def timeline_data(db, events: pd.DataFrame, label_col: str = "label", carry: tuple[str, ...] = ()) -> pd.DataFrame:
    """A timeline's chart data: one row an event (id, the ``carry`` columns, label, date as stored, its
    precision, the date it is drawn at and its source id), in date order. Events carry no fact, so
    ``fact_ids`` is empty and ``source`` names the event's page."""
    ev = events.assign(when=event_midpoints(events)).sort_values("when")
    ids = ev["event_id"] if "event_id" in ev.columns else pd.Series(ev.index, index=ev.index)
    frame = pd.DataFrame({"event_id": list(ids), **{c: list(ev[c].astype(str)) for c in carry}, "label": [str(x).replace("\n", " ") for x in ev[label_col]],
                          "date": list(ev["date"].astype(str)), "date_precision": list(ev.get("date_precision", "")),
                          "drawn_at": pd.to_datetime(list(ev["when"])), "source_id": list(ev["source_id"])})
    data = chart_data(db, frame, [[] for _ in range(len(frame))], "date")
    data["source"] = [source_label(db, s) for s in frame["source_id"]]
    return data


def plain_log_ticks(axis, step: int = 1) -> None:
    """Label a log axis with plain numbers (10, 100, 1,000) at every ``step``-th power of ten, not
    matplotlib's 10 with a superscript exponent, whose digits print at 70% of the tick size."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    from industrybook.text.figures import fmt_number

    axis.set_major_locator(LogLocator(base=10.0 ** step))
    axis.set_major_formatter(FuncFormatter(lambda value, _: fmt_number(value)))
    axis.set_minor_formatter(NullFormatter())


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
    plain_log_ticks(ax.xaxis)
    ax.grid(axis="y", visible=False)


SLOPE_COLOURS = (THEME_COLOURS["science_policy"], THEME_COLOURS["power_transmission"], PALETTE[2])


def spread_positions(anchors: list[float], heights: list[float], gap: float,
                     bounds: tuple[float, float] | None = None) -> list[float]:
    """Centres for labels of ``heights`` wanted at ``anchors`` (sorted ascending) on one vertical
    line, no two closer than their half heights plus ``gap``: labels that would collide are set
    as a block centred on their anchors' mean, the block growing until it touches no other.
    With ``bounds`` (low, high) the labels are then pushed inside them, as far as they fit."""
    blocks: list[list[int]] = []

    def layout(block):
        total = sum(heights[i] for i in block) + gap * (len(block) - 1)
        bottom = sum(anchors[i] for i in block) / len(block) - total / 2
        centres = []
        for i in block:
            centres.append(bottom + heights[i] / 2)
            bottom += heights[i] + gap
        return centres

    for i in range(len(anchors)):
        blocks.append([i])
        while len(blocks) > 1:
            below, above = layout(blocks[-2]), layout(blocks[-1])
            top_of_below = below[-1] + heights[blocks[-2][-1]] / 2
            bottom_of_above = above[0] - heights[blocks[-1][0]] / 2
            if bottom_of_above - top_of_below >= gap:
                break
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    centres = [c for block in blocks for c in layout(block)]
    if bounds is not None and centres:
        low, high = bounds
        centres[0] = max(centres[0], low + heights[0] / 2)
        for i in range(1, len(centres)):
            centres[i] = max(centres[i], centres[i - 1] + (heights[i - 1] + heights[i]) / 2 + gap)
        centres[-1] = min(centres[-1], high - heights[-1] / 2)
        for i in range(len(centres) - 2, -1, -1):
            centres[i] = min(centres[i], centres[i + 1] - (heights[i] + heights[i + 1]) / 2 - gap)
    return centres


class LabelSpreader(Artist):
    """Moves a column of annotations apart vertically when the chart is drawn, after the layout
    has fixed the axes' size, so the offsets hold for any axis limits, inversion or figure size.
    Each group is one column (the labels at one end of a slope chart); a label keeps its data
    point as anchor and moves the least that clears its neighbours. Labels on one spot keep the
    order of where their lines come from (``partner`` y values): from above, on top."""

    def __init__(self, groups: list[list[tuple]], gap_points: float = 1.5):
        super().__init__()
        self.groups = groups  # [(annotation, partner_y_data), ...] per column
        self.gap_points = gap_points
        self.set_zorder(2.9)  # drawn before texts (zorder 3), so they draw at their new place
        self.set_in_layout(False)  # it draws nothing itself

    def draw(self, renderer):
        for group in self.groups:
            self._spread(group, renderer)

    def _spread(self, group, renderer):
        ax = group[0][0].axes
        px_per_pt = renderer.points_to_pixels(1.0)

        def display_y(x, y):
            return ax.transData.transform((x, y))[1]

        rows = []
        for label, partner_y in group:
            x, y = label.xy
            rows.append((display_y(x, y), display_y(x, partner_y), label))
        rows.sort(key=lambda r: (round(r[0], 3), r[1]))
        heights = [r[2].get_window_extent(renderer).height for r in rows]
        box = ax.get_window_extent(renderer)
        centres = spread_positions([r[0] for r in rows], heights, self.gap_points * px_per_pt, (box.y0, box.y1))
        for (anchor, _, label), centre in zip(rows, centres):
            dx = label.xyann[0]
            label.xyann = (dx, (centre - anchor) / px_per_pt)
        self.stale = False


class ClearOfTickLabels(Artist):
    """Widens an axes' limits when drawn, after the layout has fixed its size, until each of
    ``labels`` stands clear of the tick labels by collisions.tick_gap_em of its size: the x-limit
    moves left for a label on a y tick label's row, the y-limit down for one over an x tick label.
    Nearer, a value reads as part of the scale ("12  12 months"). Drawn before every other artist
    of the axes, so that lines and markers are drawn at the new limits."""

    def __init__(self, labels: list):
        super().__init__()
        self.labels = labels
        self.set_zorder(-1)
        self.set_in_layout(False)  # it draws nothing itself

    def draw(self, renderer):
        ax = self.labels[0].axes
        if ax.axison:
            self._widen(ax, ax.yaxis, renderer)
            self._widen(ax, ax.xaxis, renderer)
        self.stale = False

    def _widen(self, ax, axis, renderer):
        from industrybook.render.collisions import tick_gap_em

        ticks = [tick.label1.get_window_extent(renderer) for tick in axis._update_ticks()
                 if tick.label1.get_visible() and tick.label1.get_text().strip()]
        if not (axis.get_visible() and ticks):
            return
        across_y = axis is ax.yaxis  # y tick labels: the labels keep to their right, on their rows
        box = ax.get_window_extent(renderer)
        start, size = (box.x0, box.width) if across_y else (box.y0, box.height)
        low, high = ax.get_xlim() if across_y else ax.get_ylim()
        if low > high:  # an inverted axis: its low end is not where the tick labels are
            return
        em_gap = tick_gap_em(axis) * (1 if across_y else 0.5)
        new_low = low
        for label in self.labels:
            extent = label.get_window_extent(renderer)
            point = label._get_xy(renderer, label.xy, label.xycoords)  # pixels, whatever the units
            near = [t for t in ticks if (min(t.y1, extent.y1) > max(t.y0, extent.y0) if across_y
                                         else min(t.x1, extent.x1) > max(t.x0, extent.x0))]
            if not near:
                continue
            edge = max(t.x1 for t in near) if across_y else max(t.y1 for t in near)
            reach = point[0] - extent.x0 if across_y else point[1] - extent.y0  # of the label below its point
            wanted = edge + em_gap * renderer.points_to_pixels(label.get_fontsize()) + reach + 0.5
            share = (wanted - start) / size  # of the axes, before the point
            value = (ax.xaxis if across_y else ax.yaxis).convert_units(label.xy[0 if across_y else 1])
            if 0 < share < 1:
                new_low = min(new_low, (value - share * high) / (1 - share))
        if new_low < low:
            (ax.set_xlim if across_y else ax.set_ylim)(new_low, high)


def clear_of_tick_labels(ax, labels: list) -> ClearOfTickLabels:
    """Keep ``labels`` (annotations of ``ax``) clear of its tick labels when drawn (ClearOfTickLabels)."""
    keeper = ClearOfTickLabels(list(labels))
    ax.add_artist(keeper)
    return keeper


def slope(ax, frame: pd.DataFrame, label_col: str, before_col: str, after_col: str, invert: bool = False,
          value_fmt=str, colours=SLOPE_COLOURS, fontsize: float = 9,
          text_cols: tuple[str, str] | None = None) -> LabelSpreader:
    """A slope chart: one line per row from ``before`` (x=0) to ``after`` (x=1), labels in the
    line's colour; labels that would collide at either end are spread apart when drawn, and the left
    ones kept clear of the y tick labels (ClearOfTickLabels). Each end is
    labelled ``value_fmt(value)``, or with ``text_cols`` (before, after) with the texts those columns
    hold: a figure as the prose prints it, which a format of the value alone cannot know."""
    left, right = [], []
    for i, row in frame.reset_index(drop=True).iterrows():
        colour = colours[i % len(colours)]
        before_text, after_text = ((str(row[text_cols[0]]), str(row[text_cols[1]])) if text_cols else
                                   (value_fmt(row[before_col]), value_fmt(row[after_col])))
        ax.plot([0, 1], [row[before_col], row[after_col]], marker="o", color=colour, lw=2)
        left.append((ax.annotate(before_text, (0, row[before_col]), xytext=(-8, 0),
                                 textcoords="offset points", ha="right", va="center", fontsize=fontsize,
                                 color=colour), row[after_col]))
        name = str(row[label_col]).strip()
        right.append((ax.annotate(f"{after_text}  {name}" if name else after_text,
                                  (1, row[after_col]),
                                  xytext=(8, 0), textcoords="offset points", ha="left", va="center",
                                  fontsize=fontsize, color=colour), row[before_col]))
    spreader = LabelSpreader([left, right])
    ax.add_artist(spreader)
    clear_of_tick_labels(ax, [label for label, _ in left])
    ax.set_xlim(-0.4, 1.9)
    if invert:
        ax.invert_yaxis()
    ax.grid(axis="x", visible=False)
    return spreader


def point_labels(ax, x, y, texts, offset_points: float = 8, **text_kw) -> list:
    """Label the points of a line where the line is not: above a peak, below a trough, on the
    outer side of an end point (above it when its neighbour is lower, below when higher), and
    for a point on a rise or a fall, on the open side of the bend."""
    x, y = list(x), list(y)
    labels = []
    for i, (xi, yi, text) in enumerate(zip(x, y, texts)):
        before = y[i - 1] if i > 0 else None
        after = y[i + 1] if i + 1 < len(y) else None
        neighbours = [v for v in (before, after) if v is not None]
        if all(v <= yi for v in neighbours):
            dx, dy, ha, va = 0, offset_points, "center", "bottom"
        elif all(v >= yi for v in neighbours):
            dx, dy, ha, va = 0, -offset_points, "center", "top"
        elif before < yi:  # rising through: the open side is up and to the left
            dx, dy, ha, va = -offset_points / 2, offset_points / 2, "right", "bottom"
        else:  # falling through: up and to the right
            dx, dy, ha, va = offset_points / 2, offset_points / 2, "left", "bottom"
        labels.append(ax.annotate(text, (xi, yi), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                  **text_kw))
    return labels
