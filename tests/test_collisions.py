"""The label collisions a proof-read of the printed book found (issue 16), measured on the figures as
the chapters draw them and publish() finishes them: Fig 2.5 (a value label beside the tick label
"12"), Fig 4.1 (the legend over "70.7 km"), Fig 3.3 (arrows through the edge labels), Fig 3.2 and
Fig 2.6 (grid lines through the timeline labels). Each test measures the overlap or the gap itself,
from the text boxes the renderer reports, so that it fails on the figure as it was; the detectors
of render.collisions that publish() applies to every chart are tested on small figures below."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import FancyArrowPatch, PathPatch, Polygon

from test_style import _frame  # a small house-style chart: the detectors' tests share it

from industrybook.render import collisions, style

READ_AS_THE_SCALE_EM = 2.08  # the gap at which the proof-reader read "12 months" as part of the scale


@pytest.fixture(scope="module")
def db():
    from industrybook.data.database import load

    return load()


def _finished(c):
    style.finish_for_print(c.fig)  # what publish() does before it checks and glues the figure
    c.fig.canvas.draw()
    return c.fig.canvas.get_renderer()


def _points(fig, pixels: float) -> float:
    return pixels * 72 / fig.dpi


def _sampled(polygon: np.ndarray, step: float = 0.5) -> np.ndarray:
    pieces = [a + np.linspace(0, 1, max(2, int(np.ceil(np.hypot(*(b - a)) / step)) + 1))[:, None] * (b - a)
              for a, b in zip(polygon[:-1], polygon[1:])]
    return np.concatenate(pieces) if pieces else polygon


def _distance_to_box(points: np.ndarray, box) -> float:
    dx = np.maximum(np.maximum(box.x0 - points[:, 0], 0), points[:, 0] - box.x1)
    dy = np.maximum(np.maximum(box.y0 - points[:, 1], 0), points[:, 1] - box.y1)
    return float(np.hypot(dx, dy).min())


def test_fig_2_5_the_value_label_stands_clear_of_the_tick_label_12(db):
    """"12 months" was 2.08 em (17.7 pt) right of the tick label "12" and read as part of the scale."""
    from industrybook.chapters import new_materials as nm

    style.use_house_style()
    c = nm.catchup_chart(db)
    renderer = _finished(c)
    panel = c.axes[1]
    label = next(t for t in panel.texts if t.get_text().startswith("12 "))
    tick = next(t for t in panel.get_yticklabels() if t.get_text() == "12")
    box, tick_box = label.get_window_extent(renderer), tick.get_window_extent(renderer)
    assert min(box.y1, tick_box.y1) > max(box.y0, tick_box.y0), "the label is on the tick label's row"
    gap_em = (box.x0 - tick_box.x1) / renderer.points_to_pixels(label.get_fontsize())
    assert collisions.TICK_GAP_EM > READ_AS_THE_SCALE_EM
    assert gap_em >= collisions.TICK_GAP_EM, f"{gap_em:.2f} em from the tick label"
    # the panel's two end names, squeezed by the wider margin, still stand apart
    first, second = (t.get_window_extent(renderer) for t in panel.get_xticklabels())
    assert _points(c.fig, second.x0 - first.x1) >= collisions.ROW_GAP_EM * 8
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_fig_4_1_the_legend_covers_no_label(db):
    """The legend's frame covered 13.2 x 2.8 pt of "70.7 km" (14% of the label)."""
    from industrybook.chapters import metro_area as ma

    style.use_house_style()
    c = ma.map_chart(db)
    renderer = _finished(c)
    frame = c.ax.get_legend().get_window_extent(renderer)
    covered = {}
    for text in c.ax.texts:
        box = text.get_window_extent(renderer)
        width = min(box.x1, frame.x1) - max(box.x0, frame.x0)
        height = min(box.y1, frame.y1) - max(box.y0, frame.y0)
        if width > 0 and height > 0:
            covered[text.get_text()] = (_points(c.fig, width), _points(c.fig, height))
    assert covered == {}
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_fig_3_3_no_arrow_runs_into_an_edge_label(db):
    """An arrow ran through "submarine cable" and within 1 pt of "海底电缆护套合金", "特高压绝缘材料" and
    "Copper-bearing": dot set each edge label flush against its edge, and the white box behind the
    label cut the arrow."""
    from industrybook.chapters import power_transmission as pt

    style.use_house_style()
    c = pt.chain_chart(db)
    renderer = _finished(c)
    ax = c.ax
    arrows = [_sampled(polygon) for patch in ax.patches
              if isinstance(patch, Polygon) or (isinstance(patch, PathPatch) and patch.get_facecolor()[3] < 0.5)
              for polygon in patch.get_transform().transform_path(patch.get_path()).to_polygons(closed_only=False)]
    edge_labels = [t for t in ax.texts if t.get_bbox_patch() is not None]
    assert len(edge_labels) > 20 and arrows
    nearest = {t.get_text(): _points(c.fig, min(_distance_to_box(a, t.get_window_extent(renderer)) for a in arrows))
               for t in edge_labels}
    # an arrow's line within a point of a label touches it; the arrowheads end at the nodes
    assert {text: round(d, 1) for text, d in nearest.items() if d < 2.0} == {}
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


@pytest.mark.parametrize("chart", ["new_materials.timeline_chart", "power_transmission.timeline_chart"],
                         ids=["fig-2.6", "fig-3.2"])
def test_figs_2_6_and_3_2_no_grid_line_runs_through_a_timeline_label(db, chart):
    """The year grid lines ran through 6 of the 7 labels of Fig 2.6 and 5 of the 6 of Fig 3.2. Every
    label a grid line passes is now on a box of the background's colour, drawn over the grid."""
    import importlib

    module, name = chart.split(".")
    style.use_house_style()
    c = getattr(importlib.import_module(f"industrybook.chapters.{module}"), name)(db)
    renderer = _finished(c)
    ax = c.ax
    grids = list(collisions.grid_lines(ax))
    assert grids, "the timeline draws its year grid"
    struck = []
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        through = sum(int(((g[:, 0] > box.x0) & (g[:, 0] < box.x1) & (g[:, 1] > box.y0) & (g[:, 1] < box.y1)).sum())
                      for g in grids)
        if not through:
            continue
        patch = text.get_bbox_patch()
        backed = (patch is not None and patch.get_facecolor()[3] == 1 and patch.get_zorder() > ax.xaxis.get_zorder()
                  and patch.get_window_extent(renderer).contains(box.x0, box.y0)
                  and patch.get_window_extent(renderer).contains(box.x1, box.y1))
        if not backed:
            struck.append(text.get_text().split("\n")[0])
    assert struck == []
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


# --- the detectors, on small figures ---------------------------------------------------------------

def test_a_grid_line_through_a_label_is_found_and_a_box_keeps_it_behind():
    c = _frame()
    c.ax.set_xlim(0, 10)
    c.ax.set_xticks([0, 5, 10])
    c.ax.text(5, 0.5, "a label on the grid line", ha="center", va="center", fontsize=9)
    assert "a grid line runs through 'a label on the grid line'" in style.chart_defects(c.fig)
    style.keep_grid_behind_labels(c.fig)
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_a_grid_line_hidden_by_a_bar_does_not_count():
    c = _frame()
    c.ax.barh([0], [10], color=style.BLUE)
    c.ax.set_xlim(0, 12)
    c.ax.set_xticks([0, 5, 10])
    c.ax.text(5, 0, "on the bar", ha="center", va="center", color="white")
    assert not [d for d in style.chart_defects(c.fig) if "grid line" in d]
    plt.close(c.fig)


def test_a_legend_over_a_label_is_found_and_place_legend_finds_a_clear_place():
    c = _frame()
    c.ax.plot([0, 1], [0, 0.2], label="a line")
    c.ax.set_xlim(0, 1)
    c.ax.set_ylim(0, 1)
    c.ax.text(0.97, 0.97, "70.7 km", ha="right", va="top")
    c.ax.legend(loc="upper right")
    assert "the legend covers '70.7 km'" in style.chart_defects(c.fig)
    style.place_legend(c.ax)
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_an_arrow_under_a_backed_label_is_found():
    """A white box under a label hid the arrow through it: the box is no excuse."""
    c = _frame()
    c.ax.add_patch(FancyArrowPatch((0.1, 0.5), (0.9, 0.5), arrowstyle="->"))
    c.ax.text(0.5, 0.5, "submarine cable", ha="center", va="center", bbox={"facecolor": "white", "edgecolor": "none"})
    assert "a line runs through or touches 'submarine cable'" in style.chart_defects(c.fig)
    plt.close(c.fig)


def test_edge_labels_keep_their_gap_from_the_edge():
    """dot sets a label flush against its edge; edge_label's empty cells hold the edge off."""
    import json

    import graphviz

    from industrybook.render.diagrams import EDGE_LABEL_GAP_PT, edge_label

    for rankdir, across in (("TB", 0), ("LR", 1)):
        g = graphviz.Digraph(graph_attr={"rankdir": rankdir})
        g.edge("a", "b", label=edge_label(["海底电缆护套合金", "Lead sheathing"], rankdir))
        edge = json.loads(g.pipe(format="json"))["edges"][0]
        path = np.array([p for op in edge["_draw_"] if op["op"] in "bB" for p in op["points"]])
        texts = [op for op in edge["_ldraw_"] if op["op"] == "T"]
        assert [t["text"] for t in texts] == ["海底电缆护套合金", "Lead sheathing"]
        if across == 0:  # the edge passes left of the label
            text_left = min(t["pt"][0] - {"l": 0, "c": 0.5, "r": 1}[t["align"]] * t["width"] for t in texts)
            assert text_left - path[:, 0].max() >= EDGE_LABEL_GAP_PT - 0.5
        else:  # the edge passes under it
            lowest_baseline = min(t["pt"][1] for t in texts)
            assert lowest_baseline - path[:, 1].max() >= EDGE_LABEL_GAP_PT - 0.5


def test_slope_keeps_its_left_labels_clear_of_the_tick_labels():
    from industrybook.render.charts import slope
    import pandas as pd

    c = _frame()
    slope(c.ax, pd.DataFrame({"name": [""], "before": [12.0], "after": [3.0]}), "name", "before", "after",
          value_fmt=lambda x: f"{x:g} months")
    c.ax.set_ylim(0, 15)
    c.ax.set_xlim(-0.2, 1.8)  # too little room on the left: the labels must widen it when drawn
    c.fig.canvas.draw()
    renderer = c.fig.canvas.get_renderer()
    left = next(t for t in c.ax.texts if t.get_text() == "12 months").get_window_extent(renderer)
    tick = max(t.get_window_extent(renderer).x1 for t in c.ax.get_yticklabels() if t.get_text())
    assert (left.x0 - tick) / renderer.points_to_pixels(9) >= collisions.TICK_GAP_EM
    assert c.ax.get_xlim()[0] < -0.2
    plt.close(c.fig)
