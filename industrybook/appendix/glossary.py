"""The glossary appendix (``chapters/glossary.ipynb``), generated from ``data/terms.csv``.

It returns MyST markdown, which the notebook displays; myst-nb parses it (``nb_render_markdown_format:
myst``) so glossary terms become part of the book, and change when the data change.
"""
from __future__ import annotations

import pandas as pd

from industrybook.text.escape import escape_myst

from industrybook.text.pinyin import sort_key


def glossary_order(terms: pd.DataFrame) -> pd.DataFrame:
    """The terms in the glossary's order: alphabetical by pypinyin's reading of the Chinese
    (:func:`industrybook.text.pinyin.sort_key`), not by the typed pinyin, whose capitals and tone marks
    would break the order."""
    return terms.iloc[sorted(range(len(terms)), key=lambda i: sort_key(terms.iloc[i]["term_zh"]))]


def glossary_markdown(terms: pd.DataFrame) -> str:
    """A ``{glossary}`` block, one entry per term (Chinese term as the entry, so chapters write
    ``{term}`链长制```), in pinyin order. No ``:sorted:`` option: Sphinx would sort by the characters."""
    lines = ["```{glossary}", ""]
    for _, t in glossary_order(terms).iterrows():
        lines.append(escape_myst(t["term_zh"]))
        lines.append(f"  *{escape_myst(t['pinyin'])}*, {escape_myst(t['term_en'])}. {escape_myst(t['explanation'])}")
        lines.append("")
    lines.append("```")
    return "\n".join(lines)
