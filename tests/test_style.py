import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from industrybook import style  # noqa: E402
from industrybook.charts import event_midpoints, timeline, value_ladder  # noqa: E402
from industrybook.diagrams import flow_graph  # noqa: E402

SRC = "Source: Hunan Daily, 2024-11-20 (fact database: data/facts.csv)."


def test_house_style_sets_cjk_fallback_and_palette():
    style.use_house_style()
    assert plt.rcParams["font.family"][:2] == ["DejaVu Sans", "Noto Sans CJK SC"]
    assert plt.rcParams["axes.prop_cycle"].by_key()["color"][0] == style.PALETTE[0]


def test_chinese_renders_without_missing_glyphs():
    style.use_house_style()
    c = style.chart("衡阳 Hengyang 输变电", "CNY bn", SRC, "A test chart with Chinese labels on its axis.")
    c.ax.bar(["衡阳", "长沙"], [1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        png = c.to_png()
    assert png[:4] == b"\x89PNG"
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
    from industrybook.diagrams import diagram_chart

    ents = pd.DataFrame({"name_zh": [f"甲{i}" for i in range(8)], "name_en": [f"Company number {i}" for i in range(8)],
                         "theme": ["new_materials"] * 8}, index=[f"e{i}" for i in range(8)])
    flows = pd.DataFrame({"from_entity": [f"e{i}" for i in range(7)], "to_entity": [f"e{i + 1}" for i in range(7)],
                          "material_zh": ["铜"] * 7, "material_en": ["copper"] * 7, "mode": ["supply"] * 7})
    c = diagram_chart(flow_graph(flows, ents), "t", "units", SRC, "A long chain of eight companies, left to right.")
    width, height = c.fig.get_size_inches()
    assert width == pytest.approx(style.WIDTH_IN) and height < 4
    plt.close(c.fig)


def test_diagram_chart_shrinks_a_wide_graph_to_the_page():
    import graphviz

    from industrybook.diagrams import diagram_chart

    g = graphviz.Digraph()
    g.edge("a", "b", label="x" * 200)
    src = "Source: test (fact database: data/facts.csv)."
    c = diagram_chart(g, "t", "units", src, "A wide two-node diagram for the test.")
    assert c.fig.get_size_inches()[0] == pytest.approx(7.0)
    assert len(c.ax.images) == 1
    plt.close(c.fig)
