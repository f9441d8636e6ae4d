"""What several appendix pages share: the book's themes and their chapters, MyST markup for links,
citations and numbered tables, a fact's value in words, and a legend under a chart.

Markdown is parsed by myst-nb (``nb_render_markdown_format: myst``), so roles such as ``{doc}``,
``{cite:p}`` and ``{download}`` inside generated tables become links in the book.
"""
from __future__ import annotations

import math

import pandas as pd

from industrybook.data.printed import WORD_ENGLISH, is_numeric, word_figure_text
from industrybook.text.escape import escape_myst
from industrybook.text.figures import QUALIFIER_WORDS as _QUALIFIER_WORDS
from industrybook.text.figures import fmt_number, fmt_value, fmt_value_as_printed

# ---------------------------------------------------------------------------------------------
# Themes and chapters

THEME_ORDER = ["chain_system", "new_materials", "power_transmission", "metro_area", "science_policy"]
THEME_NAMES = {
    "chain_system": "Chain system",
    "new_materials": "New materials",
    "power_transmission": "Power transmission",
    "metro_area": "Metropolitan area",
    "science_policy": "Science policy",
}
THEME_CHAPTERS = {
    "new_materials": "chapters/new_materials",
    "power_transmission": "chapters/power_transmission",
    "metro_area": "chapters/metro_area",
    "science_policy": "chapters/science_policy",
    "chain_system": "chapters/overview",
}


def theme_name(theme: str) -> str:
    """English display name of a theme id (the id itself when unknown)."""
    return THEME_NAMES.get(theme, str(theme))


def ordered_themes(themes) -> list[str]:
    """Themes in the book's order; unknown themes last, alphabetically."""
    present = set(themes)
    known = [t for t in THEME_ORDER if t in present]
    return known + sorted(present - set(THEME_ORDER))


# ---------------------------------------------------------------------------------------------
# MyST helpers

def doc_link(docname: str, text: str | None = None) -> str:
    """A MyST link to a book page, e.g. ``{doc}`/chapters/overview``` (the page title as link text)
    or ``{doc}`Overview </chapters/overview>```."""
    target = "/" + docname.strip("/")
    return f"{{doc}}`{text} <{target}>`" if text else f"{{doc}}`{target}`"


def cite(source_ids) -> str:
    """A parenthetical citation of one or more sources (bib keys equal source ids)."""
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    return f"{{cite:p}}`{','.join(ids)}`"


def pipe_table(frame: pd.DataFrame, right: tuple[str, ...] | list[str] = ()) -> str:
    """A MyST pipe table from a frame whose cells are already markdown (use :func:`escape_myst`).
    Columns named in ``right`` are right-aligned."""
    if frame.columns.empty:
        raise ValueError("a table needs at least one column")
    head = "| " + " | ".join(escape_myst(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("--:" if c in right else ":--" for c in frame.columns) + "|"
    rows = ["| " + " | ".join("" if pd.isna(v) else str(v).replace("\n", " ") for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def table_block(frame: pd.DataFrame, caption: str, name: str, right=(), widths=None) -> str:
    """A numbered, captioned table (MyST ``{table}`` directive) that ``{numref}`` can cite. A colon
    fence, because a backtick fence's opening line may not contain backticks (code in a caption).
    ``widths`` (relative column widths) make the PDF wrap long cells instead of running off the page."""
    opts = f":name: {name}\n"
    if widths:
        if len(widths) != len(frame.columns):
            raise ValueError(f"{len(widths)} widths for {len(frame.columns)} columns")
        opts += f":widths: {' '.join(str(int(w)) for w in widths)}\n"
    return f":::{{table}} {caption}\n{opts}\n{pipe_table(frame, right)}\n:::"


# ---------------------------------------------------------------------------------------------
# Values in words (ranges and qualifiers kept)

_EXTRA_UNITS = {
    "year": ("year", "years"), "month": ("month", "months"), "day": ("day", "days"),
    "minute": ("minute", "minutes"), "times": ("time", "times"),
}


def amount_text(value: float, unit: str) -> str:
    """A normalised value in words, covering the units :func:`fmt_value` leaves bare."""
    if unit in _EXTRA_UNITS:
        one, many = _EXTRA_UNITS[unit]
        return f"{fmt_number(value)} {one if value == 1 else many}"
    if unit == "W":
        for scale, word in ((1e9, "GW"), (1e6, "MW"), (1e3, "kW")):
            if abs(value) >= scale:
                return f"{fmt_number(value / scale)} {word}"
        return f"{fmt_number(value)} W"
    if unit == "CNY/truck":
        return f"CNY {fmt_number(value)} per truckload"
    if unit == "ratio":
        return fmt_number(value, 3)
    return fmt_value(value, unit)


def fact_value_text(fact: pd.Series) -> str:
    """A fact's value as the page prints it, in English: qualifier kept, a word figure as its word
    (几百元/车 -> 'a few hundred yuan per truckload'), digits to the printed precision."""
    unit, printed = fact["unit"], fact.get("value_printed")
    if pd.isna(fact["value"]):
        if printed in WORD_ENGLISH:
            return word_figure_text(printed, fact["unit_printed"])
        low, high = fact["value_low"], fact["value_high"]
        return f"{amount_text(low, unit)} to {amount_text(high, unit)}"
    if unit not in _EXTRA_UNITS and unit not in ("W", "CNY/truck", "ratio") and printed is not None \
            and is_numeric(printed):
        return _QUALIFIER_WORDS.get(fact["qualifier"], "") + fmt_value_as_printed(fact["value"], unit)
    return _QUALIFIER_WORDS.get(fact["qualifier"], "") + amount_text(fact["value"], unit)


def add_bottom_legend(c, handles, ncols: int, rows_in: float = 0.2) -> None:
    """A figure legend between the plot and the source line: the plot area shrinks to make room."""
    nrows = math.ceil(len(handles) / ncols)
    leg_in = 0.1 + rows_in * nrows
    total = c.fig.get_figheight()
    x, y, w, h = c.fig.get_layout_engine().get()["rect"]
    c.fig.get_layout_engine().set(rect=(x, y + leg_in / total, w, h - leg_in / total))
    c.fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, y), ncols=ncols, fontsize=8,
                 handlelength=1.4, borderaxespad=0.1)


