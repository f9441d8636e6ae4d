"""The shared chapter preamble: ``db = start("facts", ...)`` at the top of every notebook.

It sets the house style, loads (and validates) the tables the chapter reads, and returns the
database. ``say`` glues a pre-formatted string for ``{glue:text}`` in the prose; when the string
is a :class:`~industrybook.text.phrase.Phrase` it also glues the ids behind it under
``<key>__prov``, which the book's Sphinx extension turns into a provenance link and card.
``show_table`` does the same for each table cell holding a phrase, under the cell's own key, so a
figure in a table is a link exactly as a figure in the prose (any page, appendix pages included,
links its cells by displaying its tables with ``show_table``).
"""
from __future__ import annotations

import json

import pandas as pd

from industrybook.data.database import Database, load
from industrybook.render.style import use_house_style
from industrybook.text.phrase import Phrase

PROVENANCE_SUFFIX = "__prov"  # glue key of a phrase's provenance record, read by tooling.sphinxext


def start(*tables: str) -> Database:
    """House style on, tables loaded and validated. Name every table the chapter reads."""
    use_house_style()
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 2)
    return load(*tables)


def provenance_record(phrase: Phrase) -> str | None:
    """The JSON a phrase's link is built from: ``{"ids": [...], "formula": ..., "inputs": {...}}``;
    None for plain text or a phrase with neither records nor a formula. A formula without inputs is
    a constant of the method (the Earth's radius), whose entry says so."""
    if not isinstance(phrase, Phrase) or not phrase.has_records:
        return None
    ids = list(dict.fromkeys([*phrase.fact_ids, *phrase.inputs.values()]))
    return json.dumps({"ids": ids, "formula": phrase.formula, "inputs": phrase.inputs},
                      ensure_ascii=False, sort_keys=True)


def say(key: str, text) -> str:
    """Glue ``text`` (must already be a formatted ``str``) under ``key`` without displaying it; a
    :class:`Phrase` glues its provenance record too, under ``key + PROVENANCE_SUFFIX``."""
    from myst_nb import glue

    if not isinstance(text, str):
        raise TypeError(f"glue a formatted str, not {type(text).__name__}: format it with industrybook.text.figures first")
    glue(key, str(text), display=False)  # plain str: the text/plain nbval compares stays as it was
    record = provenance_record(text)
    if record is not None:
        glue(key + PROVENANCE_SUFFIX, record, display=False)
    return str(text)  # shown as the reader sees it, not as a Phrase repr


def say_all(mapping: dict[str, str]) -> dict[str, str]:
    """Glue several strings at once; returns them for display while drafting."""
    return {key: say(key, text) for key, text in mapping.items()}


def exhibit(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """A table for readers: selected columns renamed to English headings, no index."""
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    return frame.reset_index(drop=True)


class MystOutput:
    """MyST text as a cell output: the book parses its ``text/markdown`` (numbered tables, roles),
    while Jupyter, which would show the ``{table}`` fences raw, gets ``text/html`` rendered from it.
    ``_config.yml`` ranks text/markdown above text/html so the book keeps the MyST."""

    def __init__(self, text: str, glued: dict[str, str] | None = None):
        self.text = text
        self.glued = dict(glued or {})  # the texts of the ``{glue:text}`` roles in ``text``, for Jupyter

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        from industrybook.render.tables import myst_to_html

        return myst_to_html(self.text, self.glued)


def myst(*parts: str | MystOutput) -> MystOutput:
    """Display MyST text (a table, a register, a glossary) in the book and in Jupyter alike: the
    parts one after another, a :class:`MystOutput` part (a table from :func:`show_table`) with the
    texts of its links."""
    glued = {k: v for part in parts if isinstance(part, MystOutput) for k, v in part.glued.items()}
    return MystOutput("\n".join(part.text if isinstance(part, MystOutput) else part for part in parts), glued)


def show_table(frame: pd.DataFrame, columns: dict[str, str] | None = None, caption: str = "",
               name: str | None = None, longtable: bool = False, widths: list[int] | tuple[int, ...] | None = None,
               code_cols: tuple[str, ...] = (), right: tuple[str, ...] = ()) -> MystOutput:
    """Display a table for readers as a MyST table, so that the HTML and the PDF both typeset it
    (a DataFrame's own display reaches the PDF only as monospaced text).

    A cell holding a :class:`Phrase` with records (or a :class:`~industrybook.text.phrase.Pieces`
    of them) is a provenance link, exactly as a number glued into the prose: the phrase is glued
    with :func:`say` under the cell's key (:func:`~industrybook.render.tables.cell_key`) and the cell
    holds ``{glue:text}`` of that key, which the book's Sphinx extension links to the fact's entry
    or to a derived entry at the page's end. Plain cells stay escaped text. ``right`` names columns
    of figures to right-align whatever their cells (:func:`~industrybook.render.tables.md_table`). Appendix pages link
    their cells the same way by calling this function (or ``md_table(..., glued=d)``, then
    :func:`say` for each item of ``d`` and ``MystOutput(text, d)``)."""
    from industrybook.render.tables import md_table

    glued: dict[str, Phrase] = {}
    text = md_table(exhibit(frame, columns), caption, name, longtable, widths, code_cols, glued=glued, right=right)
    for key, phrase in glued.items():
        say(key, phrase)
    return MystOutput(text, glued)
