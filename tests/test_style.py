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


def _latex_fonts() -> dict[str, str]:
    """The families the PDF sets, by fontspec/xeCJK command, from _config.yml."""
    import re

    import yaml

    from conftest import ROOT

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    elements = config["sphinx"]["config"]["latex_elements"]
    text = elements["fontpkg"] + elements["preamble"]
    return dict(re.findall(r"\\(set\w+font)\{([^}]*)\}", text))


def test_house_style_sets_the_pdf_headings_families_and_the_palette():
    """Charts set Latin in the headings' sans and Chinese in the headings' Chinese sans (one look)."""
    style.use_house_style()
    fonts = _latex_fonts()
    assert plt.rcParams["font.family"] == [fonts["setsansfont"], fonts["setCJKsansfont"]]
    assert plt.rcParams["axes.prop_cycle"].by_key()["color"][0] == style.PALETTE[0]


def test_the_pdf_sets_chinese_in_simplified_chinese_faces():
    fonts = _latex_fonts()
    assert fonts["setCJKmainfont"].endswith(" SC") and fonts["setCJKsansfont"].endswith(" SC"), fonts


def test_latin_in_heros_and_chinese_from_noto_in_one_text():
    """A label mixing both takes each glyph from the first family that has it: Latin from TeX Gyre
    Heros, Chinese from Noto Sans CJK SC (Heros has none), and nothing is missing."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    style.use_house_style()
    c = style.chart("衡阳 Hengyang", "CNY bn", SRC, "A test chart with Chinese labels on its axis.")
    c.ax.bar(["衡阳", "长沙"], [1, 2])
    c.ax.legend(["bars"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c.fig.canvas.draw()
    from matplotlib.text import Text

    names = {t.get_fontname() for t in c.fig.findobj(Text) if t.get_text()}
    assert names == {"TeX Gyre Heros"}, names
    heros = FT2Font(font_manager.findfont("TeX Gyre Heros", fallback_to_default=False))
    noto = FT2Font(font_manager.findfont("Noto Sans CJK SC", fallback_to_default=False))
    assert heros.get_char_index(ord("衡")) == 0 and noto.get_char_index(ord("衡")) != 0
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
    assert any("'tiny' is 7.5 pt, 6.7 pt in print" in d for d in style.chart_defects(c.fig))
    plt.close(c.fig)


def test_print_width_is_the_pdf_text_width():
    """The PDF includes every chart at the text width (\\linewidth): A4 less Sphinx's 1 in margins."""
    import yaml

    from conftest import ROOT

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    assert config["latex_elements"]["papersize"] == "a4paper"
    assert "hmargin" not in config["latex_elements"].get("sphinxsetup", "")
    assert style.PRINT_WIDTH_IN == pytest.approx(8.27 - 2 * 1.0)


def test_a_wider_figure_prints_its_text_smaller():
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=2, width=8.0)
    c.ax.text(0.5, 0.5, "eight", fontsize=8)
    assert any("'eight' is 8 pt, 6.3 pt in print" in d for d in style.chart_defects(c.fig))
    plt.close(c.fig)


def test_log_axis_exponents_are_measured_and_plain_ticks_pass():
    """Fig 3.5's 10⁻¹ at tick size 8: the exponent is set at 70% (5 pt in print). Plain numbers pass."""
    from industrybook.render.charts import plain_log_ticks

    style.use_house_style()
    c = style.chart("t", "u", SRC, "Alt text describing the chart.", height=2)
    c.ax.plot([0, 1], [0.05, 30])
    c.ax.set_yscale("log")
    c.ax.tick_params(axis="y", labelsize=8)
    assert any("10^{-1}" in d and "5.0 pt in print" in d for d in style.chart_defects(c.fig))
    plain_log_ticks(c.ax.yaxis)
    c.fig.canvas.draw()
    assert [t.get_text() for t in c.ax.get_yticklabels() if "1" in t.get_text()][:3] == ["0.01", "0.1", "1"]
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_straight_quotes_are_found_and_set_curly():
    c = style.chart("The \"New three\" and Hengyang's 'more than'", "u", SRC, "Alt text describing the chart.",
                    height=2)
    c.ax.set_yticks([0, 1], ["Top-500 investors' projects", "others"])  # tick labels are redrawn from their formatter
    assert any("straight quotes" in d for d in style.chart_defects(c.fig))
    style.set_curly_quotes(c.fig)
    assert "The “New three” and Hengyang’s ‘more than’" in [t.get_text() for t in c.fig.texts]
    assert style.chart_defects(c.fig) == []
    assert "Top-500 investors’ projects" in [t.get_text() for t in c.ax.get_yticklabels()]
    plt.close(c.fig)


# --- the collisions the proof-reader found, one test each: each defect is found --------------------

def _frame(height=2.4):
    style.use_house_style()
    return style.chart("t", "u", SRC, "Alt text describing the chart.", height=height)


def test_a_legend_over_a_line_is_found():
    """Fig 2.1: the legend's third entry ran into the dotted line and the 214.3 point."""
    c = _frame()
    c.ax.plot([0, 1], [0.9, 0.95], ":", label="back from 2022")
    c.ax.plot([0.05], [0.95], "o")
    c.ax.set_xlim(0, 1)
    c.ax.set_ylim(0, 1)
    c.ax.legend(loc="upper left")
    defects = style.chart_defects(c.fig)
    assert "a line runs through or touches 'the legend'" in defects
    assert any("lies under 'the legend'" in d for d in defects)
    plt.close(c.fig)


def test_a_label_four_points_from_a_reference_line_touches_it():
    """Fig 12.1 ("limit: 80 characters") and Fig 6.2 (the Hengyang note): 4 pt from the dashed line."""
    c = _frame()
    c.ax.set_xlim(0, 100)
    c.ax.axvline(80, ls="--")
    c.ax.annotate("limit: 80 characters", (80, 0.9), xytext=(-4, 0), textcoords="offset points", ha="right")
    assert "a line runs through or touches 'limit: 80 characters'" in style.chart_defects(c.fig)
    plt.close(c.fig)
    c = _frame()
    c.ax.set_xlim(0, 100)
    c.ax.axvline(80, ls="--")
    c.ax.annotate("limit: 80 characters", (80, 0.9), xytext=(-8, 0), textcoords="offset points", ha="right")
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_a_value_label_beside_a_tick_label_is_found():
    """Fig 6.2: the point labels 89.9 and 80.5 read as part of the scale beside the ticks 90 and 80."""
    c = _frame()
    c.ax.plot([2020, 2024], [89.9, 139.5], marker="o")
    c.ax.set_xlim(2019.85, 2025)
    c.ax.annotate("89.9", (2020, 89.9), xytext=(-6, 0), textcoords="offset points", ha="right", va="center")
    c.ax.set_yticks([80, 90, 100, 140])
    assert "'89.9' sits beside the tick label '90'" in style.chart_defects(c.fig)
    plt.close(c.fig)


def test_a_marker_on_the_axis_line_and_a_cut_marker_are_found():
    """Fig 7.2: the Hengyang 2% dot sat on the x-axis line; a dot at the axis limit is cut in half."""
    c = _frame(height=3.2)
    c.ax.plot([2023], [2.0], "o", ms=7)
    c.ax.plot([2020, 2024], [2.16, 2.68])
    c.ax.set_ylim(1.966, 2.714)
    assert any("sits on the axis line" in d for d in style.chart_defects(c.fig))
    c.ax.set_ylim(2.0, 2.714)
    assert any("is cut by the edge of its axes" in d for d in style.chart_defects(c.fig))
    c.ax.set_ylim(1.9, 2.714)
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)


def test_labels_one_space_apart_run_together():
    """Fig 9.1: "22 25–27" and "48 60" read as one label."""
    c = _frame()
    c.ax.text(0.5, 0.5, "22", ha="right", fontsize=8)
    c.ax.annotate("25–27", (0.5, 0.5), xytext=(3, 0), textcoords="offset points", fontsize=8)
    assert "'22' and '25–27' run together" in style.chart_defects(c.fig)
    plt.close(c.fig)


def test_an_arrow_through_a_label_is_found_and_diagram_edge_labels_are_backed():
    """Fig 4.3: arrows crossed the edge labels. An arrow (a patch) through a label is found; the
    diagrams draw an edge's label on white, over the arrow, and its node labels inside their box."""
    from matplotlib.patches import FancyArrowPatch

    from industrybook.render.diagrams import diagram_chart

    c = _frame()
    c.ax.add_patch(FancyArrowPatch((0.1, 0.5), (0.9, 0.5), arrowstyle="->"))
    c.ax.text(0.5, 0.5, "lead smelting", ha="center", va="center")
    assert "a line runs through or touches 'lead smelting'" in style.chart_defects(c.fig)
    plt.close(c.fig)
    ents = pd.DataFrame({"name_zh": ["甲", "乙"], "name_en": ["A Co", "B Co"], "theme": ["new_materials"] * 2},
                        index=["a", "b"])
    flows = pd.DataFrame({"from_entity": ["a"], "to_entity": ["b"], "material_zh": ["铜"],
                          "material_en": ["copper"], "mode": ["supply"]})
    d = diagram_chart(flow_graph(flows, ents, rankdir="TB"), "t", "units", SRC, "Two companies, one link.")
    backed = {t.get_text() for t in d.ax.texts if t.get_bbox_patch() is not None}
    assert backed == {"铜", "copper"}
    assert style.chart_defects(d.fig) == []
    plt.close(d.fig)


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
        style.finish_for_print(c.fig)  # as publish() does
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


def test_a_chart_never_parts_a_date_in_words():
    """Figures 7.1–7.4, A.1, C.1 and D.1 printed "Hunan Daily, 14 / December 2025" in their source lines."""
    from industrybook.render.style import _wrap

    line = "Source: Hunan Daily, 20 November 2024 and 14 December 2025; Hengyang Daily, April 2023"
    for width in (2.5, 3, 3.5, 4, 5, 6, 7):
        wrapped = _wrap(line, width, 7)
        assert wrapped.replace("\n", " ") == line
        assert all(date in wrapped for date in ("20 November 2024", "14 December 2025", "April 2023")), wrapped
