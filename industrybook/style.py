"""The house style: one call sets the look of every chart; one helper frames every chart.

``use_house_style()`` is called once at the top of every notebook. ``chart()`` opens a figure with
a title, a subtitle that states the units, and a source line built from the sources table;
``publish()`` glues the figure and its alt text so that the ``{chart}`` directive (see
:mod:`industrybook.sphinxext`) shows a numbered, captioned figure with that alt text.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt

# Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
THEME_COLOURS = {
    "new_materials": "#009E73",
    "power_transmission": "#0072B2",
    "metro_area": "#E69F00",
    "science_policy": "#CC79A7",
    "chain_system": "#555555",
}
INK = "#222222"
MUTED = "#666666"
FONT_FAMILY = ["DejaVu Sans", "Noto Sans CJK SC"]  # Latin from DejaVu, Chinese falls back per glyph
WIDTH_IN = 7.0  # reads at print width (A4 text block is about 6.3 in; the PDF scales down slightly)
DPI = 110


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
        "svg.hashsalt": "industrybook",  # stable ids if SVG is ever emitted
        "axes.unicode_minus": False,
    })
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png")  # PNG only: nbval skips it; SVG would carry dates and random ids
    except ImportError:  # outside IPython
        pass


@dataclass
class Chart:
    """A framed figure: ``fig``, its ``axes`` (one Axes or an array) and its alt text."""

    fig: matplotlib.figure.Figure
    axes: object
    alt: str
    title: str
    subtitle: str
    source_line: str

    @property
    def ax(self):
        return self.axes

    def to_png(self) -> bytes:
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=DPI)
        return buf.getvalue()


def _wrap(text: str, width_in: float, size: float, bold: bool = False) -> str:
    """Wrap to the figure width; average glyph width is about 0.55 em (0.62 em in bold)."""
    chars = int(width_in * 72 / (size * (0.62 if bold else 0.55)))
    return "\n".join(textwrap.wrap(text, chars))


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
    src_txt = _wrap(source_line, width, 7.5)
    head_in = 0.18 + 0.22 * (title_txt.count("\n") + 1) + 0.19 * (sub_txt.count("\n") + 1)
    foot_in = 0.12 + 0.15 * (src_txt.count("\n") + 1)
    total = height + head_in + foot_in
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, total), layout="constrained", **subplot_kw)
    fig.get_layout_engine().set(rect=(0, foot_in / total, 1, height / total))
    fig.text(0.01, 1 - 0.1 / total, title_txt, ha="left", va="top", fontsize=12, fontweight="bold", color=INK)
    fig.text(0.01, 1 - (0.14 + 0.22 * (title_txt.count("\n") + 1)) / total, sub_txt, ha="left", va="top",
             fontsize=9.5, color=MUTED)
    fig.text(0.01, 0.06 / total, src_txt, ha="left", va="bottom", fontsize=7.5, color=MUTED)
    return Chart(fig=fig, axes=axes, alt=alt, title=title, subtitle=subtitle, source_line=source_line)


def publish(key: str, item, alt: str | None = None) -> None:
    """Glue a chart (or a rendered diagram image) and its alt text under ``key`` for ``{chart}``,
    and show it in the cell that made it, so that a notebook rerun in Jupyter shows every chart
    (the book hides that cell with the ``remove-cell`` tag and shows the numbered figure instead)."""
    from IPython.display import display
    from myst_nb import glue

    if isinstance(item, Chart):
        figure, alt = item.fig, item.alt
    else:
        figure = item
    if not alt or len(alt.strip()) < 20:
        raise ValueError("alt text must describe the figure (20 characters at least)")
    glue(key, figure, display=False)
    glue(f"{key}__alt", alt, display=False)
    display(figure)
    if isinstance(item, Chart):
        plt.close(item.fig)


def label_bars(ax, bars, labels, inside: bool = False, fontsize: float = 8.5) -> None:
    """Write a text label at the end of each horizontal bar."""
    for bar, text in zip(bars, labels):
        x = bar.get_width()
        ax.annotate(text, (x, bar.get_y() + bar.get_height() / 2), xytext=(3, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=fontsize, color=INK)
