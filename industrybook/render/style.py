"""The house style: one call sets the look of every chart; one helper frames every chart.

``use_house_style()`` is called once at the top of every notebook. ``chart()`` opens a figure with
a title, a subtitle that states the units, and a source line built from the sources table;
``publish()`` checks the figure (text size at print scale, WCAG contrast, overlaps), then glues it as
SVG and PDF with its alt text so that the ``{chart}`` directive (see :mod:`industrybook.tooling.sphinxext`)
shows a numbered, captioned, vector figure with that alt text.
"""
from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb

from industrybook.data.themes import theme_colours
from industrybook.render.fonts import CHART_FAMILIES, CJK_FAMILY
from industrybook.text.facts import source_label
from industrybook.text.figures import fmt_number
from industrybook.text.quotes import curly_quotes

# Okabe & Ito (2008) hues, distinguishable under the common colour-vision deficiencies, darkened (same
# hue and saturation, lower lightness) until each reaches WCAG AA contrast on white: 4.5:1, so that
# a colour can carry a label as well as a line. Vermilion is darker still: at 4.5:1 it and orange
# look alike to red-green colour-blind readers (tests/test_contrast.py simulates it). Sky blue is for
# fills only (3:1, the large-mark threshold): text on it is dark (see text_colour_on). Order as
# Okabe & Ito; notebooks index it.
# Their yellow is left out: dark enough to read on white it turns olive, which those readers cannot
# tell from orange.
BLUE, ORANGE, GREEN, VERMILION, PINK, SKY_BLUE, BLACK = (
    "#0072B2", "#9C6C00", "#008460", "#8A3D00", "#BB4D8A", "#1D9AE0", "#000000")
PALETTE = [BLUE, ORANGE, GREEN, VERMILION, PINK, SKY_BLUE, BLACK]
FILL_ONLY = (SKY_BLUE,)
INK = "#222222"
MUTED = "#666666"
BACKGROUND = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 2 AA, normal text (1.4.3)
MARK_CONTRAST = 3.0  # WCAG 2 AA, large text and graphical objects (1.4.11)
FONT_FAMILY = CHART_FAMILIES  # the PDF headings' sans: TeX Gyre Heros, Noto Sans CJK SC for Chinese
DIAGRAM_FONT = CJK_FAMILY  # graphviz lays out with one face: the wider, so the drawn labels fit
WIDTH_IN = 7.0  # the chart's drawn width; the PDF scales it to the text width
PRINT_WIDTH_IN = 6.27  # A4 text block: 8.27 in less Sphinx's 1 in margins on each side
MIN_PRINT_PT = 7.0  # no text smaller than this on paper
MIN_FONT_PT = MIN_PRINT_PT * WIDTH_IN / PRINT_WIDTH_IN  # 7.8 pt in the figure prints at 7 pt
SMALL_PT = 8.0  # the smallest size charts use: source lines, legends, crowded labels
DPI = 110  # screen size of the figure in Jupyter; the published files are vector


def __getattr__(name: str):
    # THEME_COLOURS (theme id -> colour), the name charts and notebooks read, comes from data/themes.csv
    # (tests/test_contrast.py holds its colours to the palette's contrast rules)
    if name == "THEME_COLOURS":
        return theme_colours()
    raise AttributeError(f"module 'industrybook.render.style' has no attribute {name!r}")


def relative_luminance(colour) -> float:
    """WCAG 2 relative luminance of a matplotlib colour (alpha ignored)."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill) -> str:
    """Ink or white, whichever reads better on ``fill`` (for labels written inside bars)."""
    return INK if contrast_ratio(INK, fill) >= contrast_ratio("white", fill) else "white"


def use_house_style() -> None:
    """Set matplotlib and seaborn to the book's look, and make outputs deterministic."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", palette=PALETTE)
    plt.rcParams.update({
        "font.family": FONT_FAMILY,
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "xtick.color": INK,
        "ytick.color": INK,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "legend.fontsize": SMALL_PT + 0.5,
        "legend.title_fontsize": SMALL_PT + 0.5,
        "svg.hashsalt": "industrybook",  # stable element ids, so the SVG bytes repeat
        "svg.fonttype": "path",  # glyphs as outlines: the reader needs no font (Chinese included)
        "pdf.fonttype": 3,  # embedded subsets; Type 42 mislabels Noto's CFF outlines (poppler warns)
        "axes.unicode_minus": False,
    })
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg")  # a figure shown in a cell is vector too; nbval skips SVG
    except ImportError:  # outside IPython
        pass


def figure_bytes(fig, fmt: str) -> bytes:
    """The figure as ``fmt`` ("svg" or "pdf"), with no date in it so that reruns give the same bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else {"CreationDate": None})
    return buf.getvalue()


class ChartImage:
    """What :func:`publish` glues: the chart as SVG (for HTML and Jupyter) and as PDF (myst-nb's
    LaTeX builder takes application/pdf first), both vector with their glyphs embedded."""

    def __init__(self, fig):
        fig.canvas.draw()  # settle the constrained layout first: a save from a fresh figure places it anew
        self.width_in, self.height_in = (float(x) for x in fig.get_size_inches())
        self.svg = figure_bytes(fig, "svg").decode("utf-8")
        self.pdf = figure_bytes(fig, "pdf")

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_pdf_(self) -> bytes:
        return self.pdf

    def __repr__(self) -> str:  # text/plain, which nbval compares: no object address in it
        return f"<chart {self.width_in:.2f} x {self.height_in:.2f} in, SVG and PDF>"


@dataclass
class Chart:
    """A framed figure: ``fig``, its ``axes`` (one Axes or an array) and its alt text."""

    fig: matplotlib.figure.Figure
    axes: object
    alt: str
    title: str
    subtitle: str
    source_line: str
    data: pd.DataFrame | None = None  # what the chart plots, from the frame it draws (see chart_data)

    @property
    def ax(self):
        return self.axes

    def image(self) -> ChartImage:
        return ChartImage(self.fig)


def alt_text(kind: str, items, finding: str) -> str:
    """The alt text every chart carries: "<kind of chart>: item; item. <finding>", ``items`` being the
    marks read out one by one (a label and its value, from the rows of the frame the chart draws)."""
    items = list(items)
    # "kind: a: 1; b: 2" reads as a list of lists; when the items carry their own colon, end the kind there
    lead = ". " if any(":" in item for item in items) else ": "
    return kind + lead + "; ".join(items) + (f". {finding}" if finding else ".")


# a date in words is one piece when a line is wrapped: "Hunan Daily, 14 / December 2025" parted it
_DATE_IN_WORDS = re.compile(r"\b(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|"
                            r"October|November|December) \d{4}\b")


def _wrap(text: str, width_in: float, size: float, bold: bool = False) -> str:
    """Wrap to the figure width; average glyph width is about 0.55 em (0.62 em in bold). A date in
    words stays on one line (textwrap breaks at ASCII spaces only, not at the no-break ones)."""
    chars = int(width_in * 72 / (size * (0.62 if bold else 0.55)))
    bound = _DATE_IN_WORDS.sub(lambda m: m[0].replace(" ", "\u00a0"), text)
    return "\n".join(line.replace("\u00a0", " ") for line in textwrap.wrap(bound, chars))


def chart(title: str, subtitle: str, source_line: str, alt: str, *, nrows: int = 1, ncols: int = 1,
          height: float = 4.0, width: float = WIDTH_IN, **subplot_kw) -> Chart:
    """A figure framed in the house style.

    ``subtitle`` must state the units; ``source_line`` comes from ``Database.source_line``;
    ``alt`` describes what the chart shows for a reader who cannot see it.
    """
    if not subtitle.strip():
        raise ValueError("a chart needs a subtitle that states its units")
    if not source_line.startswith("Source:"):
        raise ValueError("the source line must be built by Database.source_line()")
    if len(alt.strip()) < 20:
        raise ValueError("alt text must describe the chart (20 characters at least)")
    title_txt = _wrap(title, width, 12, bold=True)
    sub_txt = _wrap(subtitle, width, 9.5)
    src_txt = _wrap(source_line, width, SMALL_PT)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height + 1), layout="constrained", **subplot_kw)
    title_t = fig.text(0.01, 1, title_txt, ha="left", va="top", fontsize=12, fontweight="bold", color=INK)
    sub_t = fig.text(0.01, 1, sub_txt, ha="left", va="top", fontsize=9.5, color=MUTED)
    src_t = fig.text(0.01, 0, src_txt, ha="left", va="bottom", fontsize=SMALL_PT, color=MUTED)
    renderer = fig.canvas.get_renderer()

    def inches(text):  # the frame is sized from the texts as set, whatever the font's line height
        return text.get_window_extent(renderer).height / fig.dpi

    top, gap, below_head, bottom = 0.08, 0.05, 0.1, 0.05
    head_in = top + inches(title_t) + gap + inches(sub_t) + below_head
    foot_in = bottom + inches(src_t) + 0.08
    total = height + head_in + foot_in
    fig.set_size_inches(width, total)
    title_t.set_y(1 - top / total)
    sub_t.set_y(1 - (top + inches(title_t) + gap) / total)
    src_t.set_y(bottom / total)
    fig.get_layout_engine().set(rect=(0, foot_in / total, 1, height / total))
    return Chart(fig=fig, axes=axes, alt=alt, title=title, subtitle=subtitle, source_line=source_line)


def _shown_texts(fig) -> list:
    """Every text the figure draws: titles, labels, ticks, legends, annotations. Tick labels
    count only for ticks inside the view (the others exist but are not drawn)."""
    from matplotlib.text import Text

    drawn_ticks, all_ticks = set(), set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                all_ticks.update((id(tick.label1), id(tick.label2)))
            if ax.axison and axis.get_visible():
                for tick in axis._update_ticks():  # the ticks the axis draws
                    drawn_ticks.update((id(tick.label1), id(tick.label2)))
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
            and (t.axes is None or t.axes.get_visible())
            and (id(t) not in all_ticks or id(t) in drawn_ticks)]


def _background_of(text, renderer) -> str:
    """The colour behind a text: the filled bar its centre falls in, or the figure's white."""
    from matplotlib.patches import Rectangle

    box = text.get_window_extent(renderer)
    centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    ax = text.axes
    if ax is not None:
        for patch in reversed(ax.patches):  # the last drawn is on top
            if isinstance(patch, Rectangle) and patch.get_fill() and patch.get_facecolor()[3] > 0.5 \
                    and patch.get_window_extent(renderer).contains(*centre):
                return matplotlib.colors.to_hex(patch.get_facecolor())
    return BACKGROUND


def text_overlaps(fig, renderer=None) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap by more than a pixel each way."""
    if renderer is None:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
    texts = _shown_texts(fig)
    boxes = [t.get_window_extent(renderer) for t in texts]
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1:
                pairs.append((texts[i].get_text(), texts[j].get_text()))
    return pairs


def print_scale(fig) -> float:
    """The factor the PDF scales the figure by: it sets every chart at the text width."""
    return PRINT_WIDTH_IN / float(fig.get_size_inches()[0])


def smallest_glyph_pt(text) -> float:
    """The smallest size at which ``text`` sets a glyph, in figure points: its font size, or less
    for the superscripts and subscripts of mathtext (a log axis's 10³ written $10^{3}$)."""
    from matplotlib.mathtext import MathTextParser

    size = text.get_fontsize()
    for line in text.get_text().split("\n"):
        line, is_math = text._preprocess_math(line)
        if is_math is True:
            glyphs = MathTextParser("path").parse(line, dpi=72, prop=text.get_fontproperties()).glyphs
            size = min([size] + [glyph[1] for glyph in glyphs])
    return size


STRAIGHT_QUOTES = ("'", '"')


class CurlyQuotesFormatter(matplotlib.ticker.Formatter):
    """A tick formatter whose labels are ``inner``'s with curly quotes (tick labels are rewritten from
    their formatter whenever the figure is drawn, so their text cannot simply be replaced)."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, x, pos=None):
        return curly_quotes(self.inner(x, pos))

    def format_ticks(self, values):
        return [curly_quotes(label) for label in self.inner.format_ticks(values)]


def set_curly_quotes(fig) -> None:
    """Give every text of the figure the prose's curly quotes and apostrophes (mathtext aside)."""
    from matplotlib.text import Text

    fig.canvas.draw()  # the tick labels exist once drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if any(q in t.get_text() for t in axis.get_ticklabels() for q in STRAIGHT_QUOTES):
                axis.set_major_formatter(CurlyQuotesFormatter(axis.get_major_formatter()))
    for t in fig.findobj(Text):
        text = t.get_text()
        if any(q in text for q in STRAIGHT_QUOTES) and t._preprocess_math(text)[1] is False:
            t.set_text(curly_quotes(text))


# matplotlib's places inside the axes, corners first, then outside it, right of its top
LEGEND_PLACES = (("upper right", None), ("upper left", None), ("lower left", None), ("lower right", None),
                 ("center right", None), ("center left", None), ("lower center", None), ("upper center", None),
                 ("upper left", (1.02, 1.0)))


def place_legend(ax, places=LEGEND_PLACES, **legend_kw):
    """The legend of ``ax`` at the first of ``places`` (``loc``, ``bbox_to_anchor``) where it covers
    no label, line or marker, measured on the drawn figure (matplotlib's "best" weighs overlaps, it
    does not rule one out); at the first place if none is clear, so that :func:`chart_defects`
    names the collision."""
    from industrybook.render.collisions import legend_collisions

    fig = ax.figure
    for loc, anchor in places:
        legend = ax.legend(loc=loc, bbox_to_anchor=anchor, **legend_kw)
        fig.canvas.draw()
        if not legend_collisions(ax, _shown_texts(fig), fig.canvas.get_renderer()):
            return legend
    loc, anchor = places[0]
    return ax.legend(loc=loc, bbox_to_anchor=anchor, **legend_kw)


LABEL_BOX_PAD = 0.15  # of the font size, round a label's box: the grid stops short of the glyphs


def keep_grid_behind_labels(fig) -> None:
    """Set every label of an axes that draws a grid on a box of the colour behind it (white, or
    the bar it sits in), so that no grid line runs through a label: the grid is drawn first and
    the box covers it where a label is. A label with a box of its own keeps it. The box hides no
    mark: a line or marker under a label is a collision that :func:`chart_defects` still finds."""
    from industrybook.render.collisions import grid_lines

    fig.canvas.draw()  # the ticks, and so the grid lines, exist once drawn
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        if not any(len(points) for points in grid_lines(ax)):
            continue
        for text in ax.texts:
            if text.get_bbox_patch() is None and text.get_text().strip():
                text.set_bbox({"boxstyle": f"square,pad={LABEL_BOX_PAD}", "edgecolor": "none",
                               "facecolor": _background_of(text, renderer)})


def finish_for_print(fig) -> None:
    """What :func:`publish` does to a figure before it checks it: the prose's curly quotes, the
    labels on boxes that keep the grid behind them."""
    set_curly_quotes(fig)
    keep_grid_behind_labels(fig)


def chart_defects(fig) -> list[str]:
    """What keeps a figure from print: a glyph below 7 pt once the PDF scales the chart to the
    text width (MIN_FONT_PT at the house width), text below 4.5:1 contrast with what is behind it,
    text cut off at the figure's edge, texts that overlap, and the collisions of marks and texts
    that :mod:`industrybook.render.collisions` finds."""
    from industrybook.render.collisions import crowded_labels, line_and_marker_collisions

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    defects = []
    texts = _shown_texts(fig)
    for t in texts:
        label = t.get_text().replace("\n", " ")[:40]
        if any(q in t.get_text() for q in STRAIGHT_QUOTES):
            defects.append(f"{label!r} has straight quotes (the prose's are curly: set_curly_quotes)")
        printed = smallest_glyph_pt(t) * print_scale(fig)
        if printed < MIN_PRINT_PT - 1e-6:
            defects.append(f"{label!r} is {smallest_glyph_pt(t):g} pt, {printed:.1f} pt in print "
                           f"(at least {MIN_PRINT_PT:g})")
        ratio = contrast_ratio(t.get_color(), _background_of(t, renderer))
        if ratio < TEXT_CONTRAST:
            defects.append(f"{label!r} has contrast {ratio:.2f}:1 (at least {TEXT_CONTRAST}:1)")
        box = t.get_window_extent(renderer)
        if box.x0 < -1 or box.y0 < -1 or box.x1 > fig.bbox.x1 + 1 or box.y1 > fig.bbox.y1 + 1:
            defects.append(f"{label!r} runs off the figure")
    defects += [f"{a!r} overlaps {b!r}" for a, b in text_overlaps(fig, renderer)]
    defects += line_and_marker_collisions(fig, texts, renderer)
    defects += crowded_labels(fig, texts, renderer)
    return defects


DATA_COLUMNS = ("fact_ids", "unit", "source")  # every chart-data CSV names these for each row


def plotted_numbers(fig) -> np.ndarray:
    """Every number the figure draws as a mark, as the axes converted it (a date is a matplotlib date
    number): line and marker coordinates, scatter offsets, bar positions and lengths. What a
    chart-data CSV holds must be among them."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    found = []
    for ax in fig.axes:
        for line in ax.get_lines():
            if isinstance(line, Line2D):
                found += [np.asarray(line.get_xdata(orig=False), dtype=float).ravel(),
                          np.asarray(line.get_ydata(orig=False), dtype=float).ravel()]
        for coll in ax.collections:
            if isinstance(coll, PathCollection):
                found.append(np.asarray(coll.get_offsets(), dtype=float).ravel())
        for patch in ax.patches:
            if isinstance(patch, Rectangle):
                found.append(np.array([patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height(),
                                       patch.get_x() + patch.get_width(), patch.get_y() + patch.get_height()]))
    return np.concatenate(found) if found else np.array([])


def drawn_text(fig) -> str:
    """All the text the figure draws, in drawing order, with no whitespace: a label wrapped over
    lines (a diagram's node and edge labels among them) is found in it whole."""
    return "".join("".join(t.get_text().split()) for t in _shown_texts(fig))


def chart_data_problems(fig, data: pd.DataFrame) -> list[str]:
    """Why ``data`` is not the data the chart plots: a missing provenance column, or a value the figure
    does not draw. A number (any numeric column) or a date (any datetime column, as a matplotlib
    date number) must be the position or length of a mark; a frame with neither (a diagram) must
    have a ``label`` column, each line of which the figure writes as a text."""
    import matplotlib.dates as mdates

    problems = [f"column {c!r} is missing" for c in DATA_COLUMNS if c not in data.columns]
    drawn = plotted_numbers(fig)
    numeric = [c for c in data.columns if pd.api.types.is_numeric_dtype(data[c])]
    dates = [c for c in data.columns if pd.api.types.is_datetime64_any_dtype(data[c])]
    for column in numeric + dates:
        for row, value in data[column].items():
            if pd.isna(value):
                continue
            number = float(mdates.date2num(value)) if column in dates else float(value)
            if not np.isclose(drawn, number, rtol=1e-9, atol=1e-12).any():
                problems.append(f"row {row}, column {column!r}: {value!r} is not plotted")
    if not numeric and not dates:
        if "label" not in data.columns:
            problems.append("no numeric, date or label column: the CSV must hold what the chart draws")
        else:
            text = drawn_text(fig)
            for row, label in data["label"].items():
                missing = [line for line in str(label).split("\n") if "".join(line.split()) not in text]
                if missing:
                    problems.append(f"row {row}, column 'label': {missing[0]!r} is not drawn")
    return problems


def chart_data(db, frame: pd.DataFrame, fact_ids, unit, other_source: str = "") -> pd.DataFrame:
    """``frame`` (the values a chart plots, one row per mark) with the provenance columns a chart-data
    CSV carries: ``fact_ids`` (one list of ids per row, joined with ';'), ``unit`` (one for all rows, or one
    per row), and ``source``
    (the articles of those facts, or ``other_source`` for a row that rests on no fact)."""
    out = frame.reset_index(drop=True).copy()
    ids = [[i] if isinstance(i, str) else list(i or []) for i in fact_ids]
    if len(ids) != len(out):
        raise ValueError(f"{len(ids)} lists of fact ids for {len(out)} rows")
    out["fact_ids"] = [";".join(row) for row in ids]
    out["unit"] = unit
    out["source"] = ["; ".join(dict.fromkeys(source_label(db, db.fact(i)["source_id"]) for i in row)) or other_source
                     for row in ids]
    return out


def publish(key: str, item, alt: str | None = None, data: pd.DataFrame | None = None) -> None:
    """Glue a chart and its alt text under ``key`` for ``{chart}``, and show it in the cell that
    made it, so that a notebook rerun in Jupyter shows every chart (the book hides that cell with
    the ``remove-cell`` tag and shows the numbered figure instead). Its straight quotes are set curly
    and its labels put on boxes over the grid (finish_for_print); a chart with small, faint or
    colliding text is refused: the reason is the error message.

    ``data``, the frame the chart was drawn from (one row per mark, with ``fact_ids``, ``unit`` and
    ``source`` columns; by default the :class:`Chart`'s own ``data``), is glued as CSV under
    ``key__data``; the book offers it as the chart's "Data" download. A frame holding a value the
    chart does not draw is refused."""
    from IPython.display import display
    from myst_nb import glue

    if isinstance(item, Chart):
        figure, alt = item.fig, item.alt
        data = item.data if data is None else data
    else:
        figure = item
    if not alt or len(alt.strip()) < 20:
        raise ValueError("alt text must describe the figure (20 characters at least)")
    finish_for_print(figure)
    defects = chart_defects(figure)
    if defects:
        raise ValueError(f"chart {key!r} is not ready to print: " + "; ".join(defects))
    if data is not None:
        problems = chart_data_problems(figure, data)
        if problems:
            raise ValueError(f"chart {key!r}: the data frame is not what it plots: " + "; ".join(problems))
    image = ChartImage(figure)
    glue(key, image, display=False)
    glue(f"{key}__alt", alt, display=False)
    if data is not None:
        glue(f"{key}__data", data.to_csv(index=False, lineterminator="\n"), display=False)
    display(image, include=["image/svg+xml", "text/plain"])
    plt.close(figure)


def separate_thousands(axis) -> None:
    """Tick labels of a linear axis (``ax.xaxis``, ``ax.yaxis``) written as the text writes numbers,
    with thousands separators: ``5,000`` beside a ``5,000 m`` label, not ``5000``."""
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: fmt_number(x)))


def label_bars(ax, bars, labels, inside: bool = False, fontsize: float = 8.5) -> None:
    """Write a text label at the end of each horizontal bar."""
    for bar, text in zip(bars, labels):
        x = bar.get_width()
        ax.annotate(text, (x, bar.get_y() + bar.get_height() / 2), xytext=(3, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=fontsize, color=INK)
