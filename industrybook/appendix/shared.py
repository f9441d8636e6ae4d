"""What several appendix pages share: MyST markup for links, citations and code in tables (a
:class:`~industrybook.render.tables.Markup`, which the one table kit, :func:`industrybook.render.page.show_table`,
sets as it is), and a legend under a chart. (The themes come from :mod:`industrybook.data.themes`, a fact's value in words
from :func:`industrybook.text.facts.fact_text`.)

Markdown is parsed by myst-nb (``nb_render_markdown_format: myst``), so roles such as ``{doc}``,
``{cite:p}`` and ``{download}`` inside generated tables become links in the book.
"""
from __future__ import annotations

import math
import re

from industrybook.render.page import say
from industrybook.render.tables import Markup, glue_role
from industrybook.text.escape import code_span, escape_myst
from industrybook.text.phrase import Phrase

# ---------------------------------------------------------------------------------------------
# MyST helpers

def doc_link(docname: str, text: str | None = None) -> Markup:
    """A MyST link to a book page, e.g. ``{doc}`/chapters/overview``` (the page title as link text)
    or ``{doc}`Overview </chapters/overview>```."""
    target = "/" + docname.strip("/")
    return Markup(f"{{doc}}`{text} <{target}>`" if text else f"{{doc}}`{target}`")


def cite(source_ids) -> Markup:
    """A parenthetical citation of one or more sources (bib keys equal source ids)."""
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    return Markup(f"{{cite:p}}`{','.join(ids)}`")


def code(value) -> Markup:
    """Inline code in a table cell (:func:`~industrybook.text.escape.code_span`)."""
    return Markup(code_span(value))


def glue_key(*parts: str) -> str:
    """A glue key from its parts, lower case with hyphens (Sphinx matches the derived entries'
    labels in lower case): ``glue_key("rr", "ov_x", "mf_y")`` -> ``'rr-ov-x-mf-y'``."""
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower())


def linked(key: str, phrase: Phrase, glued: dict[str, str] | None) -> str:
    """A phrase in generated MyST prose as a provenance link: glued under ``key``
    (:func:`~industrybook.render.page.say`) and written as its ``{glue:text}`` role; ``glued``
    collects the texts for Jupyter (:class:`~industrybook.render.page.MystOutput`). With ``glued``
    None (a page built without the Facts appendix for links to land on) the phrase is escaped text."""
    if glued is None:
        return escape_myst(phrase)
    glued[key] = say(key, phrase)
    return glue_role(key)


def add_bottom_legend(c, handles, ncols: int, rows_in: float = 0.2) -> None:
    """A figure legend between the plot and the source line: the plot area shrinks to make room."""
    nrows = math.ceil(len(handles) / ncols)
    leg_in = 0.1 + rows_in * nrows
    total = c.fig.get_figheight()
    x, y, w, h = c.fig.get_layout_engine().get()["rect"]
    c.fig.get_layout_engine().set(rect=(x, y + leg_in / total, w, h - leg_in / total))
    c.fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, y), ncols=ncols, fontsize=8,
                 handlelength=1.4, borderaxespad=0.1)


