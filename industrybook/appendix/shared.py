"""What several appendix pages share: MyST markup for links, citations and numbered tables, and a
legend under a chart. (The themes come from :mod:`industrybook.data.themes`, a fact's value in words
from :func:`industrybook.text.facts.fact_text`.)

Markdown is parsed by myst-nb (``nb_render_markdown_format: myst``), so roles such as ``{doc}``,
``{cite:p}`` and ``{download}`` inside generated tables become links in the book.
"""
from __future__ import annotations

import math

import pandas as pd

from industrybook.text.escape import escape_myst

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


def add_bottom_legend(c, handles, ncols: int, rows_in: float = 0.2) -> None:
    """A figure legend between the plot and the source line: the plot area shrinks to make room."""
    nrows = math.ceil(len(handles) / ncols)
    leg_in = 0.1 + rows_in * nrows
    total = c.fig.get_figheight()
    x, y, w, h = c.fig.get_layout_engine().get()["rect"]
    c.fig.get_layout_engine().set(rect=(x, y + leg_in / total, w, h - leg_in / total))
    c.fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, y), ncols=ncols, fontsize=8,
                 handlelength=1.4, borderaxespad=0.1)


