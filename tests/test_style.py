import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from industrybook.render import style  # noqa: E402
from industrybook.render.charts import event_midpoints, slope, spread_positions, timeline, value_ladder  # noqa: E402
from industrybook.render.diagrams import flow_graph  # noqa: E402

SRC = "Source: Hunan Daily, 2024-11-20 (fact database: data/facts.csv)."


def test_house_style_sets_one_family_for_latin_and_chinese_and_the_palette():
    style.use_house_style()
    assert plt.rcParams["font.family"] == ["Noto Sans CJK SC"]
    assert plt.rcParams["axes.prop_cycle"].by_key()["color"][0] == style.PALETTE[0]


def test_every_text_of_a_chart_is_in_the_one_family():
    style.use_house_style()
    c = style.chart("衡阳 Hengyang", "CNY bn", SRC, "A test chart with Chinese labels on its axis.")
    c.ax.bar(["衡阳", "长沙"], [1, 2])
    c.ax.legend(["bars"])
    c.fig.canvas.draw()
    from matplotlib.text import Text

    names = {t.get_fontname() for t in c.fig.findobj(Text) if t.get_text()}
    assert names == {"Noto Sans CJK SC"}, names
    plt.close(c.fig)


def test_chinese_renders_without_missing_glyphs():
    style.use_house_style()
    c = style.chart("衡阳 Hengyang 输变电", "CNY bn", SRC, "A test chart with Chinese labels on its axis.")
    c.ax.bar(["衡阳", "长沙"], [1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        image = c.image()
    assert image.svg.startswith("<?xml") and image.pdf[:5] == b"%PDF-"
    plt.close(c.fig)


def test_chart_image_is_vector_at_house_width_and_repeats_byte_for_byte():
    style.use_house_style()
    c = style.chart("A title", "CNY bn", SRC, "Alt text describing the chart.", height=2)
    c.ax.plot([0, 1], [0, 1])
    first, second = c.image(), c.image()
    assert first.svg == second.svg and first.pdf == second.pdf
    assert f'width="{style.WIDTH_IN * 72:g}pt"' in first.svg and "<image" not in first.svg
    assert b"/Subtype /Image" not in first.pdf and b"/CreationDate" not in first.pdf
    assert "<dc:date>" not in first.svg
    assert repr(first) == f"<chart 7.00 x {c.fig.get_size_inches()[1]:.2f} in, SVG and PDF>"
    plt.close(c.fig)


def test_print_minimum_is_seven_points_after_scaling_to_the_text_width():
    assert style.MIN_FONT_PT * style.PRINT_WIDTH_IN / style.WIDTH_IN == pytest.approx(7.0)
    assert style.SMALL_PT >= style.MIN_FONT_PT
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=2)
    c.ax.text(0.5, 0.5, "tiny", fontsize=7.5)
    assert any("'tiny' is 7.5 pt" in d for d in style.chart_defects(c.fig))
    plt.close(c.fig)


def test_a_plain_chart_frame_has_no_defects():
    c = style.chart("A title that is long enough to wrap onto a second line of the frame, as many do",
                    "CNY bn, nominal", SRC, "Alt text describing the chart.", height=2)
    c.ax.plot([0, 1], [0, 1])
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_overlapping_texts_are_found():
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=2)
    c.ax.text(0.5, 0.5, "first label")
    c.ax.text(0.52, 0.5, "second label")
    assert ("first label", "second label") in style.text_overlaps(c.fig)
    plt.close(c.fig)


def test_spread_positions_keeps_apart_only_what_collides():
    assert spread_positions([0, 100], [10, 10], 2) == [0, 100]
    assert spread_positions([50, 50], [10, 10], 2) == [44, 56]
    low, mid, high = spread_positions([0, 1, 2], [10, 10, 10], 0)
    assert (mid - low, high - mid) == (10, 10) and (low + mid + high) / 3 == pytest.approx(1)
    assert spread_positions([0, 1, 2], [10, 10, 10], 0, bounds=(-5, 100)) == [0, 10, 20]


@pytest.mark.parametrize("invert", [False, True])
@pytest.mark.parametrize("height", [1.6, 3.5])
def test_slope_spreads_labels_of_lines_that_end_together(invert, height):
    """Two lines ending on one value, a third just beside them: no label overlaps another, on
    either axis direction and at any chart height; the line from above keeps the upper label."""
    style.use_house_style()
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=height)
    frame = pd.DataFrame({"label": ["from twelve", "from thirteen", "from ten"], "before": [12, 13, 10],
                          "after": [9, 9, 9.1]})
    slope(c.ax, frame, "label", "before", "after", invert=invert, value_fmt=lambda v: f"{v:g}")
    c.ax.set_xticks([0, 1], ["before", "after"])
    assert style.text_overlaps(c.fig) == []
    ends = {t.get_text().split("  ")[1]: t.get_window_extent().y0 for t in c.ax.texts if "  " in t.get_text()}
    from_twelve_above = ends["from twelve"] > ends["from thirteen"]
    assert from_twelve_above == invert, "the label follows its line's order (12 is above 13 when inverted)"
    plt.close(c.fig)


def test_slope_leaves_distant_labels_on_their_points():
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=3)
    slope(c.ax, pd.DataFrame({"label": ["a", "b"], "before": [0, 100], "after": [10, 90]}), "label", "before", "after")
    c.fig.canvas.draw()
    assert all(t.xyann[1] == 0 for t in c.ax.texts)
    plt.close(c.fig)


def test_chart_frame_is_required():
    with pytest.raises(ValueError, match="units"):
        style.chart("t", " ", SRC, "long enough alt text here")
    with pytest.raises(ValueError, match="source line"):
        style.chart("t", "CNY", "Hunan Daily", "long enough alt text here")
    with pytest.raises(ValueError, match="alt text"):
        style.chart("t", "CNY", SRC, "short")


def test_chart_carries_title_subtitle_source():
    c = style.chart("A title", "CNY bn, nominal", SRC, "Alt text describing the chart.")
    texts = [t.get_text() for t in c.fig.texts]
    assert "A title" in texts and "CNY bn, nominal" in texts and any(t.startswith("Source:") for t in texts)
    plt.close(c.fig)


def test_event_midpoints_by_precision():
    ev = pd.DataFrame({"date": ["2024-11-18", "2025-04", "2022"]})
    mids = event_midpoints(ev)
    assert mids[0] == pd.Timestamp("2024-11-18")
    assert mids[1].month == 4 and mids[1].day in (15, 16)
    assert mids[2].month in (6, 7)


def test_timeline_and_ladder_draw():
    c = style.chart("t", "u", SRC, "Alt text describing the chart.")
    ev = pd.DataFrame({"date": ["2022-09-02", "2024-11-18"], "label": ["a", "b"], "theme": ["power_transmission"] * 2,
                       "date_precision": ["day", "day"]})
    timeline(c.ax, ev)
    assert len(c.ax.texts) == 2
    plt.close(c.fig)
    c = style.chart("t", "u", SRC, "Alt text describing the chart.")
    value_ladder(c.ax, pd.DataFrame({"label": ["x", "y"], "low": [1.0, 10.0], "high": [1.0, 100.0]}))
    assert c.ax.get_xscale() == "log"
    plt.close(c.fig)


def test_flow_graph_labels_and_missing_entity():
    ents = pd.DataFrame({"name_zh": ["甲", "乙"], "name_en": ["A Co", "B Co"], "theme": ["new_materials"] * 2},
                        index=["a", "b"])
    flows = pd.DataFrame({"from_entity": ["a"], "to_entity": ["b"], "material_zh": ["氯气"],
                          "material_en": ["chlorine"], "mode": ["pipeline"]})
    src = flow_graph(flows, ents).source
    assert "氯气" in src and "chlorine" in src and "A Co" in src and "dashed" in src
    with pytest.raises(KeyError, match="not in entities"):
        flow_graph(flows.assign(to_entity="zzz"), ents)


def test_diagram_chart_fits_page_width():
    from industrybook.render.diagrams import diagram_chart

    ents = pd.DataFrame({"name_zh": [f"甲{i}" for i in range(3)], "name_en": [f"Company number {i}" for i in range(3)],
                         "theme": ["new_materials"] * 3}, index=[f"e{i}" for i in range(3)])
    flows = pd.DataFrame({"from_entity": [f"e{i}" for i in range(2)], "to_entity": [f"e{i + 1}" for i in range(2)],
                          "material_zh": ["铜"] * 2, "material_en": ["copper"] * 2, "mode": ["supply"] * 2})
    c = diagram_chart(flow_graph(flows, ents), "t", "units", SRC, "A chain of three companies, left to right.")
    width, height = c.fig.get_size_inches()
    assert width == pytest.approx(style.WIDTH_IN) and height < 4
    assert not c.ax.images, "drawn as vectors, not as a picture"
    texts = [t.get_text() for t in c.ax.texts]
    assert "甲0" in texts and "Company number 2" in texts and texts.count("copper") == 2
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_diagram_chart_shrinks_a_wide_graph_to_the_page_but_not_below_print_size():
    import graphviz

    from industrybook.render.diagrams import diagram_chart

    src = "Source: test (fact database: data/facts.csv)."
    g = graphviz.Digraph(graph_attr={"fontname": "Noto Sans CJK SC"}, node_attr={"fontname": "Noto Sans CJK SC"},
                         edge_attr={"fontname": "Noto Sans CJK SC", "fontsize": "10"})
    g.edge("a", "b", label="x" * 100)
    c = diagram_chart(g, "t", "units", src, "A wide two-node diagram for the test.")
    assert c.fig.get_size_inches()[0] == pytest.approx(7.0)
    sizes = [t.get_fontsize() for t in c.ax.texts]
    assert style.MIN_FONT_PT <= min(sizes) < 10, sizes
    plt.close(c.fig)
    g.edge("b", "c", label="x" * 300)
    with pytest.raises(ValueError, match="below 7.8 pt"):
        diagram_chart(g, "t", "units", src, "A wider two-node diagram for the test.")
    plt.close("all")


def test_the_appendix_charts_are_ready_to_print():
    """The chart functions of the appendix module, drawn from the real tables: the timeline (the
    most crowded labels of the book), the facts-per-source bars. No small, faint, cut-off or
    overlapping text (the notebooks' own charts are held to this by publish())."""
    from industrybook.appendix import timeline as tl
    from industrybook.appendix import data_dictionary as dd
    from industrybook.data.database import load

    style.use_house_style()
    db = load()
    for c in (tl.timeline_chart(db), dd.facts_count_chart(db)):
        assert style.chart_defects(c.fig) == [], c.title
        plt.close(c.fig)


def test_timeline_labels_clear_each_other_and_the_stems():
    """Five events within days of each other: every label on its own spot, no stem through a label."""
    style.use_house_style()
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=2.2)
    days = ["2025-11-20", "2025-11-24", "2025-11-27", "2025-12-01", "2025-12-03"]
    ev = pd.DataFrame({"date": ["2024-01-15"] + days, "label": ["0", "43", "44", "45–47", "48", "50–52"],
                       "theme": ["metro_area"] * 6, "date_precision": ["day"] * 6})
    timeline(c.ax, ev, lanes=3)
    assert style.text_overlaps(c.fig) == []
    renderer = c.fig.canvas.get_renderer()
    stems = [line for line in c.ax.lines if len(line.get_xdata()) == 2 and line.get_ydata()[0] == 0]
    for label in c.ax.texts:
        box = label.get_window_extent(renderer)
        for stem in stems:
            xs = [c.ax.convert_xunits(x) for x in stem.get_xdata()]
            (x0, y0), (x1, y1) = c.ax.transData.transform(list(zip(xs, stem.get_ydata())))
            crosses = box.x0 < x0 < box.x1 and min(y0, y1) < (box.y0 + box.y1) / 2 < max(y0, y1)
            assert not crosses, f"a stem runs through {label.get_text()!r}"
    plt.close(c.fig)


def test_alt_text_reads_out_the_marks_then_the_finding():
    from industrybook.render.style import alt_text

    rows = pd.DataFrame({"label": ["Exports", "Imports"], "value": [12.5, 3.0]})
    items = (f"{r.label} {r.value:g}" for r in rows.itertuples())
    assert alt_text("Bar chart of trade, CNY bn", items, "Exports lead.") == \
        "Bar chart of trade, CNY bn: Exports 12.5; Imports 3. Exports lead."
    assert alt_text("Timeline of two events", ["a", "b"], "") == "Timeline of two events: a; b."
    # items that carry their own colon: no "kind: label: value" double colon
    assert alt_text("Dot plot of shares, percent", ["Chain: 69%", "Metro: 40%"], "") == \
        "Dot plot of shares, percent. Chain: 69%; Metro: 40%."


def test_separated_thousands_on_an_axis_read_as_the_text_writes_them():
    fig, ax = plt.subplots()
    ax.set_ylim(0, 6000)
    style.separate_thousands(ax.yaxis)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    plt.close(fig)
    assert "5,000" in labels and "5000" not in labels
