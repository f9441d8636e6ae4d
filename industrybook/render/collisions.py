"""Where a chart's marks collide with its texts, measured on the drawn figure (display pixels).

:func:`industrybook.render.style.chart_defects` reports these with the text sizes, contrast and
text-on-text overlaps, so :func:`~industrybook.render.style.publish` refuses a chart that has any:

- a line (a data line, a reference line, a diagram's arrow) running through or touching a label,
  or through the legend, a label on a white box included (the box would hide the line);
- a grid line running through a label that is not on a box of its own (the box keeps the grid behind);
- a legend over a label;
- a marker under a label or the legend;
- a marker cut by the edge of its axes;
- a label inside the axes set beside a tick label, where it reads as part of the scale;
- two labels of one row so close that they read as one ("22 25–27").
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

# Clearances, set from the collisions a proof-reader found in print (a label 4 pt from a reference
# line read as touching it; "48 60", one space apart, as one label; a value label 13 pt from the
# tick label "90" as part of the scale; a marker one radius above the axis line as sitting on it)
TOUCH_PT = 4.5  # a line nearer a label than this touches it
ROW_GAP_EM = 0.8  # two labels of one row need at least this gap (in the smaller one's em) to read apart
TICK_GAP_EM = 3.0  # a label this near a tick label, on its row or column, reads as part of the scale
# (2 em was too little: "12 months" 2.1 em right of the tick label "12" read as "12 12 months");
# beside a category's name (a bar's label by the name of a short bar) a label reads as its value, at 2 em
NAME_GAP_EM = 2.0


def _grown(box, pixels: float):
    return (box.x0 - pixels, box.y0 - pixels, box.x1 + pixels, box.y1 + pixels)


def _inside(points: np.ndarray, box) -> np.ndarray:
    x0, y0, x1, y1 = box
    return (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)


def _sampled(polyline: np.ndarray, step: float = 1.0) -> np.ndarray:
    """Points along a polyline no more than ``step`` pixels apart."""
    polyline = polyline[np.isfinite(polyline).all(axis=1)]
    if len(polyline) < 2:
        return polyline
    pieces = []
    for a, b in zip(polyline[:-1], polyline[1:]):
        n = max(2, int(np.ceil(np.hypot(*(b - a)) / step)) + 1)
        pieces.append(a + np.linspace(0, 1, n)[:, None] * (b - a))
    return np.concatenate(pieces)


def _drawn_lines(ax):
    """(artist, its vertices, points along it) for every stroked line of ``ax``: Line2D lines and
    the outlines of patches other than rectangles (bars and frames carry labels on purpose)."""
    found = []
    for line in ax.lines:
        if not line.get_visible() or line.get_linestyle() in ("None", "", " ") or line.get_linewidth() <= 0:
            continue
        vertices = line.get_transform().transform(np.column_stack(
            [np.asarray(line.get_xdata(orig=False), float), np.asarray(line.get_ydata(orig=False), float)]))
        found.append((line, vertices, _sampled(vertices)))
    for patch in ax.patches:
        if isinstance(patch, Rectangle) or not patch.get_visible() or patch.get_linewidth() <= 0 \
                or patch.get_edgecolor()[3] == 0:
            continue
        path = patch.get_transform().transform_path(patch.get_path())
        for polygon in path.to_polygons(closed_only=False):
            found.append((patch, polygon, _sampled(polygon)))
    for line, vertices, points in found:
        if line.get_clip_on():
            keep = _inside(points, _grown(ax.bbox, 0.5))
            points = points[keep]
        yield line, vertices, points


def _markers(ax, renderer) -> list[tuple[float, float, float]]:
    """(x, y, radius) in pixels of every marker drawn in ``ax``."""
    found = []
    for line in ax.lines:
        if not line.get_visible() or line.get_marker() in (None, "None", "", " "):
            continue
        radius = renderer.points_to_pixels(line.get_markersize()) / 2
        xy = line.get_transform().transform(np.column_stack(
            [np.asarray(line.get_xdata(orig=False), float), np.asarray(line.get_ydata(orig=False), float)]))
        found += [(x, y, radius, line.get_clip_on()) for x, y in xy if np.isfinite(x) and np.isfinite(y)]
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible():
            sizes = coll.get_sizes() if len(coll.get_sizes()) else [36.0]
            offsets = coll.get_offset_transform().transform(coll.get_offsets())
            for k, (x, y) in enumerate(offsets):
                radius = renderer.points_to_pixels(np.sqrt(sizes[k % len(sizes)])) / 2
                found.append((x, y, radius, coll.get_clip_on()))
    return found


def _anchor(text, renderer):
    """Where an annotation points, in pixels (a leader or stem ends there), or None for a plain text."""
    if not isinstance(text, Annotation):
        return None
    return np.asarray(text._get_xy(renderer, text.xy, text.xycoords), float)


def _backed(text) -> bool:
    patch = text.get_bbox_patch()
    return patch is not None and patch.get_facecolor()[3] > 0.5


def _frames(vertices: np.ndarray, box) -> bool:
    """Whether a closed outline (a diagram's node) encloses the text: it is the text's frame."""
    from matplotlib.path import Path

    closed = len(vertices) > 3 and np.allclose(vertices[0], vertices[-1], atol=1.0)
    return closed and Path(vertices).contains_point(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))


def _label(text) -> str:
    return text.get_text().replace("\n", " ")[:40]


def line_and_marker_collisions(fig, texts, renderer) -> list[str]:
    """Lines through or touching a label or a legend, markers under them, markers cut by the axes,
    grid lines through a label that has no box, labels under the legend."""
    problems = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        lines = list(_drawn_lines(ax))
        markers = _markers(ax, renderer)
        labels = _labels_and_legend(ax, texts, renderer)
        for text, name, box in labels:
            problems += _marks_at(text, name, box, lines, markers, renderer)
        problems += _markers_on_the_frame(ax, markers)
        problems += _grid_through_labels(ax, labels)
        problems += _legend_over_labels(ax, labels)
    return problems


def _labels_and_legend(ax, texts, renderer) -> list[tuple]:
    """(text, name, box) for each of ``texts`` drawn in ``ax``, and (None, "the legend", box)."""
    labels = [(t, _label(t), t.get_window_extent(renderer)) for t in texts if t in ax.texts]
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        labels.append((None, "the legend", legend.get_window_extent(renderer)))
    return labels


def _marks_at(text, name, box, lines, markers, renderer) -> list[str]:
    """The first line through or touching ``box`` and the first marker under it, as problems."""
    touch = renderer.points_to_pixels(TOUCH_PT)
    anchor = _anchor(text, renderer) if text is not None else None
    problems = []
    for artist, vertices, points in lines:
        if not len(points) or _frames(vertices, box):
            continue
        # a label at the end of its own line (a stem, a leader, a slope's end) sits by it on
        # purpose: only a crossing counts; a diagram's arrows are laid out with their labels by
        # graphviz, at its own small gaps
        leader = anchor is not None and np.hypot(*(vertices - anchor).T).min() < 1.5
        pad = -1.0 if leader else (touch if isinstance(artist, Line2D) else 1.0)
        if _inside(points, _grown(box, pad)).any():
            problems.append(f"a line runs through or touches {name!r}")
            break
    for x, y, radius, _ in markers:
        if _inside(np.array([[x, y]]), _grown(box, radius)).any():
            problems.append(f"a marker at pixel ({x:.0f}, {y:.0f}) lies under {name!r}")
            break
    return problems


def legend_collisions(ax, texts, renderer) -> list[str]:
    """What the legend of ``ax`` collides with: lines, markers, labels (none when it has no legend)."""
    labels = _labels_and_legend(ax, texts, renderer)
    legend = [entry for entry in labels if entry[0] is None]
    if not legend:
        return []
    _, name, box = legend[0]
    return (_marks_at(None, name, box, list(_drawn_lines(ax)), _markers(ax, renderer), renderer)
            + _legend_over_labels(ax, labels))


def grid_lines(ax):
    """Points along every grid line ``ax`` draws (at the ticks inside the view), less those that a
    filled bar drawn over the grid hides."""
    bars = [(p.get_window_extent(), p.get_zorder()) for p in ax.patches if isinstance(p, Rectangle)
            and p.get_visible() and p.get_fill() and p.get_facecolor()[3] > 0.5]
    for axis in (ax.xaxis, ax.yaxis):
        if not (ax.axison and axis.get_visible()):
            continue
        for tick in axis._update_ticks():  # the ticks the axis draws
            line = tick.gridline
            if line.get_visible() and line.get_linewidth() > 0:
                points = _sampled(line.get_transform().transform(line.get_xydata()))
                shown = _inside(points, _grown(ax.bbox, 0.5))
                for bar, zorder in bars:
                    if axis.get_zorder() < zorder:  # the axis draws its grid before the bar
                        shown &= ~_inside(points, (bar.x0, bar.y0, bar.x1, bar.y1))
                yield points[shown]


def _grid_through_labels(ax, labels) -> list[str]:
    """Grid lines through a label with no box of its own: the grid reads as struck through it."""
    grids = list(grid_lines(ax))
    return [f"a grid line runs through {name!r}" for text, name, box in labels
            if text is not None and not _backed(text) and any(_inside(points, _grown(box, -0.5)).any()
                                                             for points in grids)]


def _legend_over_labels(ax, labels) -> list[str]:
    """Labels that the legend's frame (the entry of ``labels`` named "the legend") covers, in part or whole."""
    frames = [box for text, _, box in labels if text is None]
    return [f"the legend covers {name!r}" for text, name, box in labels for frame in frames if text is not None
            and min(box.x1, frame.x1) - max(box.x0, frame.x0) > 1 and min(box.y1, frame.y1) - max(box.y0, frame.y0) > 1]


def _categorical(axis) -> bool:
    """An axis of rows or columns (categories, or ticks each given its own name), not of values."""
    from matplotlib.category import UnitData
    from matplotlib.ticker import FixedLocator, ScalarFormatter

    named_ticks = isinstance(axis.get_major_locator(), FixedLocator) and \
        not isinstance(axis.get_major_formatter(), ScalarFormatter)
    return isinstance(axis.get_units(), UnitData) or named_ticks


def _markers_on_the_frame(ax, markers) -> list[str]:
    """Markers cut by the edge of their axes, or nearer a drawn axis line than their own width."""
    box, problems = ax.bbox, []
    # the axis line of a value axis (a category axis places its rows by its own margins)
    numeric = {"x": not _categorical(ax.xaxis), "y": not _categorical(ax.yaxis)}
    spines = {side: ax.spines[side].get_visible() and numeric["x" if side in ("left", "right") else "y"]
              for side in ("left", "right", "bottom", "top")}
    for x, y, radius, clipped in markers:
        if not (box.x0 - 0.5 <= x <= box.x1 + 0.5 and box.y0 - 0.5 <= y <= box.y1 + 0.5):
            continue  # outside the view: not drawn
        distances = {"left": x - box.x0, "right": box.x1 - x, "bottom": y - box.y0, "top": box.y1 - y}
        if clipped and min(distances.values()) < radius - 0.5:
            problems.append(f"a marker at pixel ({x:.0f}, {y:.0f}) is cut by the edge of its axes")
        elif any(spines[side] and d < 3 * radius for side, d in distances.items()):
            problems.append(f"a marker at pixel ({x:.0f}, {y:.0f}) sits on the axis line")
    return problems


def tick_gap_em(axis) -> float:
    """The clearance a label needs from the tick labels of ``axis``, in ems of the label (half of it
    above or below a tick label)."""
    return NAME_GAP_EM if _categorical(axis) else TICK_GAP_EM


def _tick_labels(ax, renderer, texts):
    """The drawn tick labels of ``ax`` as (axis name, text, box)."""
    shown = {id(t) for t in texts}
    for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            for label in (tick.label1, tick.label2):
                if id(label) in shown:
                    yield name, label, label.get_window_extent(renderer)


def crowded_labels(fig, texts, renderer) -> list[str]:
    """Labels inside an axes set beside a tick label; labels of one row that run together."""
    problems = []
    for ax in fig.axes:
        labels = [(t, t.get_window_extent(renderer)) for t in texts if t in ax.texts]
        ticks = list(_tick_labels(ax, renderer, texts))
        for text, box in labels:
            em = renderer.points_to_pixels(text.get_fontsize())
            for axis, tick, tbox in ticks:
                gap_em = tick_gap_em(ax.xaxis if axis == "x" else ax.yaxis)
                if axis == "y":  # on a tick label's row: read together
                    beside = min(box.y1, tbox.y1) - max(box.y0, tbox.y0) > 0 and \
                        max(box.x0 - tbox.x1, tbox.x0 - box.x1) < gap_em * em
                else:  # above or below one: half the clearance
                    beside = min(box.x1, tbox.x1) - max(box.x0, tbox.x0) > 0 and \
                        max(box.y0 - tbox.y1, tbox.y0 - box.y1) < gap_em * em / 2
                if beside:
                    problems.append(f"{_label(text)!r} sits beside the tick label {_label(tick)!r}")
        for i, (a, abox) in enumerate(labels):
            for b, bbox in labels[i + 1:]:
                shared = min(abox.y1, bbox.y1) - max(abox.y0, bbox.y0)
                one_row = shared > 0.5 * min(abox.height, bbox.height)
                gap = max(abox.x0 - bbox.x1, bbox.x0 - abox.x1)
                em = renderer.points_to_pixels(min(a.get_fontsize(), b.get_fontsize()))
                if one_row and -1 <= gap < ROW_GAP_EM * em:
                    problems.append(f"{_label(a)!r} and {_label(b)!r} run together")
    return problems
