"""Each chapter page's download button offers the chapter's notebook, and the file is there; every
chart offers the data it plots, and that data is the frame the chart draws."""
import ast
import contextlib
import io
import json
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, in_ci
from industrybook.render import style
from industrybook.render.style import DATA_COLUMNS, chart_data_problems
from industrybook.tooling.sphinxext import CHART_DATA_DIR

HTML = ROOT / "_build" / "html"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_download_button_offers_the_notebook(notebook):
    page = HTML / "chapters" / f"{notebook.stem}.html"
    if not page.exists():
        if in_ci():
            pytest.fail(f"{page} is missing: run make book first")
        pytest.skip("run make book first")
    link = f'href="../_sources/chapters/{notebook.name}"'
    assert link in page.read_text(encoding="utf-8"), f"{page.name} has no download link to {notebook.name}"
    offered = HTML / "_sources" / "chapters" / notebook.name
    assert offered.read_bytes() == notebook.read_bytes()


# --- every chart's data ----------------------------------------------------------------------------
# The chart, its CSV and the figure come from one frame: the frame the chart function draws
# (``Chart.data``, or ``publish(..., data=)``). Each notebook's code is run here with ``publish``
# recording what it is given; the recorded frame must be what the figure draws (every number, date
# or diagram label of it a mark or a text of the figure), the committed notebook must glue exactly
# that frame as CSV, and the built book must offer exactly that CSV under the chart.

CHART_NOTEBOOKS = [nb for nb in NOTEBOOKS if "publish(" in nb.read_text(encoding="utf-8")]
GLUED_TEXT = "application/papermill.record/text/plain"


def csv_text(frame: pd.DataFrame) -> str:
    """The CSV that publish() glues for ``frame``."""
    return frame.to_csv(index=False, lineterminator="\n")


def published_charts(notebook: Path, monkeypatch) -> dict:
    """key -> (figure, data frame) for every chart the notebook publishes, its code run in this
    process with publish() replaced by a recorder (the figure is kept open, not glued)."""
    recorded = {}

    def record(key, item, alt=None, data=None):
        if isinstance(item, style.Chart):
            figure, data = item.fig, item.data if data is None else data
        else:
            figure = item
        recorded[key] = (figure, data)

    monkeypatch.setattr(style, "publish", record)
    namespace = {"__name__": "__main__"}
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                exec(compile("".join(cell["source"]), f"{notebook.name} cell", "exec"), namespace)
    return recorded


def glued_chart_data(notebook: Path) -> dict[str, str]:
    """The chart-data CSVs a notebook's committed outputs glue, by chart key."""
    texts = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            data, key = out.get("data", {}), out.get("metadata", {}).get("scrapbook", {}).get("name", "")
            if GLUED_TEXT in data and key.endswith("__data"):
                texts[key.removesuffix("__data")] = str(ast.literal_eval("".join(data[GLUED_TEXT])))
    return texts


def frame_problems(key: str, figure, data: pd.DataFrame | None) -> list[str]:
    """Why a chart's frame is not its data: none given, or holding what the figure does not draw."""
    if data is None:
        return [f"{key}: no data frame (give the Chart its data, or publish(..., data=))"]
    return [f"{key}: {p}" for p in chart_data_problems(figure, data)]


def page_data_problems(page: Path, html_root: Path) -> list[str]:
    """Why a built page's figures do not all offer their data: a figure with no Data link, a CSV
    missing, not parsing, or without the provenance columns, or a row with neither fact ids nor source."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    problems = []
    for figure in soup.select("figure"):
        name = f"{page.name}#{figure.get('id')}"
        links = figure.select("p.chart-data a[href]")
        if not links:
            problems.append(f"{name}: no Data link")
            continue
        target = (page.parent / links[0]["href"]).resolve()
        if not target.is_file() or html_root.resolve() not in target.parents:
            problems.append(f"{name}: {links[0]['href']} is not in the built book")
            continue
        try:
            frame = pd.read_csv(target, keep_default_na=False)
        except (pd.errors.ParserError, UnicodeDecodeError) as e:
            problems.append(f"{name}: the CSV does not parse ({e})")
            continue
        missing = [c for c in DATA_COLUMNS if c not in frame.columns]
        if missing or frame.empty:
            problems.append(f"{name}: the CSV has no rows or lacks {missing}")
            continue
        unsourced = frame.index[(frame["source"] == "") | (frame["unit"] == "")].tolist()
        if unsourced:
            problems.append(f"{name}: rows {unsourced} have no source or no unit")
    return problems


def built_pages_or_skip() -> list[Path]:
    pages = sorted((HTML / "chapters").glob("*.html"))
    if not pages:
        if in_ci():
            pytest.fail(f"{HTML} has no chapter pages: run make html first")
        pytest.skip("run make html first")
    return pages


@pytest.mark.parametrize("notebook", CHART_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_csv_is_the_frame_the_chart_draws(notebook, monkeypatch):
    charts = published_charts(notebook, monkeypatch)
    assert charts, f"{notebook.name} publishes no chart"
    glued = glued_chart_data(notebook)
    built = HTML / CHART_DATA_DIR
    problems = []
    for key, (figure, data) in charts.items():
        found = frame_problems(key, figure, data)
        problems += found
        if found:
            continue
        if glued.get(key) != csv_text(data):
            problems.append(f"{key}: the committed notebook glues other data than the chart draws (make outputs)")
        csv_file = built / f"{key}.csv"
        if built.is_dir() and (not csv_file.is_file() or csv_file.read_text(encoding="utf-8") != csv_text(data)):
            problems.append(f"{key}: the built CSV is not the chart's frame (make html)")
    for figure, _ in charts.values():
        plt.close(figure)
    assert not problems, "\n".join(problems)


def test_every_figure_on_every_built_page_offers_its_data():
    pages = built_pages_or_skip()
    figures = sum(len(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("figure")) for p in pages)
    assert figures >= 39, f"only {figures} figures on the built pages"
    problems = [p for page in pages for p in page_data_problems(page, HTML)]
    assert not problems, "\n".join(problems)


def test_the_chart_data_checks_can_fail(tmp_path, monkeypatch):
    from industrybook.chapters import power_transmission as pt
    from industrybook.chapters import science_policy as sp
    from industrybook.data.database import load

    db = load(sources_dir=None)
    style.use_house_style()
    money, chain, timeline = sp.money_chart(db), pt.chain_chart(db), pt.timeline_chart(db)
    assert frame_problems("money", money.fig, money.data) == []
    bad_value = money.data.assign(value=money.data["value"] * 1.01)
    assert len(frame_problems("money", money.fig, bad_value)) == len(money.data)
    bad_label = chain.data.assign(label=chain.data["label"].where(chain.data.index > 0, "铝\naluminium"))
    assert frame_problems("chain", chain.fig, bad_label) == ["chain: row 0, column 'label': '铝' is not drawn"]
    bad_date = timeline.data.assign(drawn_at=timeline.data["drawn_at"] + pd.Timedelta(days=40))
    assert len(frame_problems("timeline", timeline.fig, bad_date)) == len(timeline.data)
    assert frame_problems("money", money.fig, None) == ["money: no data frame (give the Chart its data, or publish(..., data=))"]
    for c in (money, chain, timeline):
        plt.close(c.fig)

    # a built page: one figure without a link, one whose CSV lacks the unit column
    (tmp_path / "chapters").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "b.csv").write_text("label,value,fact_ids,source\na,1,f,s\n", encoding="utf-8")
    page = tmp_path / "chapters" / "x.html"
    page.write_text('<figure id="fig-a"><img src="a.svg"></figure>'
                    '<figure id="fig-b"><p class="chart-data"><a href="../data/b.csv">Data</a></p></figure>',
                    encoding="utf-8")
    assert page_data_problems(page, tmp_path) == ["x.html#fig-a: no Data link",
                                                 "x.html#fig-b: the CSV has no rows or lacks ['unit']"]
