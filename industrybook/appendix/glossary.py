"""Reference pages generated from the data: the glossary and the data dictionary.

Each returns MyST markdown, which the notebook displays; myst-nb parses it (``nb_render_markdown_format:
myst``) so glossary terms and tables become part of the book, and change when the data change.
"""
from __future__ import annotations

import pandas as pd

from industrybook.data.database import Database
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


def field_table(db: Database, table: str) -> pd.DataFrame:
    """The fields of one table as the data package describes them."""
    resource = next(r for r in db.schema["resources"] if r["name"] == table)
    pk = resource["schema"].get("primaryKey")
    pk = [pk] if isinstance(pk, str) else (pk or [])
    fks = {fk["fields"]: f"→ {fk['reference']['resource']}.{fk['reference']['fields']}"
           for fk in resource["schema"].get("foreignKeys", [])}
    rows = []
    for f in resource["schema"]["fields"]:
        c = f.get("constraints", {})
        rules = []
        if f["name"] in pk:
            rules.append("primary key")
        if c.get("required"):
            rules.append("required")
        if c.get("unique") and f["name"] not in pk:
            rules.append("unique")
        if "enum" in c:
            rules.append("one of: " + ", ".join(c["enum"]))
        if "pattern" in c:
            rules.append(f"pattern `{c['pattern']}`")
        if "minimum" in c or "maximum" in c:
            rules.append(f"range {c.get('minimum', '')}..{c.get('maximum', '')}")
        if f["name"] in fks:
            rules.append(fks[f["name"]])
        rows.append({"Field": f["name"], "Type": f["type"], "Unit": f.get("unit", ""),
                     "Description": f.get("description", ""), "Constraints": "; ".join(rules)})
    return pd.DataFrame(rows)
