"""Every chart of the book, as its notebook draws it, is ready to print: no glyph under 7 pt once the
PDF scales it to the text width (log-axis exponents included), no straight quotes once publish() has
set them curly, no faint text, and none of the collisions of render.collisions (a line through or
touching a label or the legend, a marker under a label or on the axis line, a value label beside a
tick label, labels that run together). publish() refuses such a chart too; this test names every
defect of every chart at once."""
import matplotlib.pyplot as plt
import pytest

from industrybook.render import style
from test_downloads import CHART_NOTEBOOKS, published_charts


@pytest.mark.parametrize("notebook", CHART_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_is_ready_to_print(notebook, monkeypatch):
    charts = published_charts(notebook, monkeypatch)
    assert charts, f"{notebook.name} publishes no chart"
    problems = []
    for key, (figure, _) in charts.items():
        style.finish_for_print(figure)
        problems += [f"{key}: {d}" for d in style.chart_defects(figure)]
        plt.close(figure)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chart", ["overview.output_chart", "power_transmission.chain_chart",
                                   "science_policy.end_years_chart", "benchmarks.intensity_chart",
                                   "new_materials.ladder_chart", "new_materials.catchup_chart"])
def test_the_charts_the_proofreader_marked_are_ready_to_print(chart):
    """Fig 2.1, 4.3, 6.2, 7.2, 3.4 and 3.5 of the proof (the timeline, Fig 9.1, and the distance
    histogram, Fig 12.1, are held by the test above and by tests/test_style.py)."""
    import importlib

    from industrybook.data.database import load

    module, name = chart.split(".")
    style.use_house_style()
    c = getattr(importlib.import_module(f"industrybook.chapters.{module}"), name)(load())
    style.finish_for_print(c.fig)
    assert style.chart_defects(c.fig) == []
    plt.close(c.fig)
