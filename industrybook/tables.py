"""Numbered MyST tables from data frames, shared by every chapter.

A chapter displays ``Markdown(md_table(...))``; myst-nb parses the output as MyST, so the table is
numbered, captioned, citable with ``{numref}`` and typeset in both HTML and PDF. Column widths are
set explicitly (automatically from the cell text unless given), because the PDF edition sizes its
columns from them and otherwise lets long cells run off the page.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from industrybook.text import code_span, escape_myst, is_missing


def column_widths(frame: pd.DataFrame, budget: int = 80, most: int = 60, longest_word: int = 20) -> list[int]:
    """Column widths in characters for a table that must fit a line of about ``budget`` characters
    (the PDF text width at the table's font size).

    Each column wants the mean text length of its cells (header included, at most ``most``) and needs
    at least its longest unbreakable word plus a margin (at most ``longest_word``). When the wants add
    up to more than the budget, each column keeps its need and shares what is left in proportion to
    the rest of its want."""
    needs, wants = [], []
    for col in frame.columns:
        texts = [str(col)] + ["" if v is None else str(v) for v in frame[col]]
        token = max((len(w) for t in texts for w in t.split()), default=1)
        need = min(longest_word, token + 2)
        want = max(need, min(most, round(sum(len(t) for t in texts) / len(texts))))
        needs.append(need)
        wants.append(want)
    extra = sum(w - n for w, n in zip(wants, needs))
    room = budget - sum(needs)
    if sum(wants) <= budget or extra == 0 or room <= 0:
        return wants if sum(wants) <= budget or room > 0 else needs
    return [n + math.floor((w - n) * room / extra) for w, n in zip(wants, needs)]


def md_table(frame: pd.DataFrame, caption: str = "", name: str | None = None, longtable: bool = False,
             widths: list[int] | tuple[int, ...] | None = None, code_cols: tuple[str, ...] = ()) -> str:
    """A numbered MyST table (``{table}`` directive with a caption and a ``:name:`` for ``{numref}``)
    from a data frame. Headings, cells and the caption are text (:func:`~industrybook.text.escape_myst`:
    no markup in them is interpreted), kept on one line. ``longtable=True`` lets the PDF edition break
    a long table across pages. ``widths`` (one per column) overrides the automatic
    :func:`column_widths`; in ``code_cols`` each ``; ``-separated item is set as code."""
    if widths is not None and len(widths) != len(frame.columns):
        raise ValueError(f"{len(widths)} widths for {len(frame.columns)} columns")

    def cell(x, code: bool = False) -> str:
        text = "" if is_missing(x) else str(x).replace("\n", " ")
        if code and text:  # a bare pipe would end the cell, even inside code
            return "; ".join(code_span(item, in_table=False) for item in text.split("; ")).replace("|", "\\|")
        return escape_myst(text)

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    code = [c in code_cols for c in frame.columns]
    body = ["| " + " | ".join(cell(v, k) for v, k in zip(row, code)) + " |" for row in frame.itertuples(index=False)]
    # explicit widths: the PDF edition sizes the columns from them and wraps text inside each
    options = ([f":name: {name}"] if name else []) + [
        ":widths: " + " ".join(str(w) for w in (widths or column_widths(frame)))]
    if longtable:
        options.append(":class: longtable")
    # a backtick fence's opening line may hold no backtick, even escaped: a colon fence then
    fence = ":::" if "`" in caption else "```"
    return "\n".join([f"{fence}{{table}} {escape_myst(caption)}".rstrip(), *options, "", header, rule, *body, fence])


_DIRECTIVE_OPEN = re.compile(r"^(`{3,}|:{3,})\{[\w:-]+\}[ \t]*(.*)$")
_DIRECTIVE_CLOSE = re.compile(r"^(`{3,}|:{3,})\s*$")
_DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^`]*>)?`")


def myst_to_html(text: str) -> str:
    """HTML for Jupyter from MyST: directive fences unwrapped (their argument, a table's caption,
    becomes a bold line; their options are dropped), roles reduced to their text. Raw HTML in the
    text is escaped, never passed through."""
    from markdown_it import MarkdownIt

    lines, in_options = [], False
    for line in text.splitlines():
        opened = _DIRECTIVE_OPEN.match(line)
        if opened:
            caption = _ROLE.sub(r"\1", opened.group(2))
            lines += [f"**{caption}**", ""] if caption else []
            in_options = True
            continue
        if in_options and _DIRECTIVE_OPTION.match(line):
            continue
        in_options = False
        if _DIRECTIVE_CLOSE.match(line):
            continue
        lines.append(_ROLE.sub(r"\1", line))
    return MarkdownIt("commonmark", {"html": False}).enable("table").render("\n".join(lines))
