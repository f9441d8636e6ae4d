"""The data dictionary appendix (``chapters/data_dictionary.ipynb``): the tables of the data package,
their fields as ``data/datapackage.json`` describes them, download links and the facts per page and theme."""
from __future__ import annotations

import re

import pandas as pd
from matplotlib.patches import Patch

from industrybook.appendix.shared import add_bottom_legend, code, linked
from industrybook.data.database import Database
from industrybook.data.themes import ordered_themes, theme_colours, theme_name
from industrybook.render.page import MystOutput, myst, show_table
from industrybook.render.style import INK, chart, chart_data
from industrybook.render.tables import NBSP, Markup
from industrybook.text.escape import code_span, escape_myst
from industrybook.text.facts import count_text, source_label, source_line, source_text
from industrybook.text.figures import fmt_date
from industrybook.text.phrase import Pieces

def resources(db: Database) -> list[dict]:
    """The data package's resources, in package order."""
    return list(db.schema["resources"])


def _keys(resource: dict) -> tuple[str, str, list[str]]:
    pk = resource["schema"].get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else list(pk)
    fks, targets = [], []
    for fk in resource["schema"].get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], str) else ", ".join(fk["fields"])
        target = fk["reference"]["resource"] or resource["name"]
        fks.append(f"{fields} → {target}")
        if target not in targets:
            targets.append(target)
    return ", ".join(pk), "; ".join(fks), targets


def resource_summary(db: Database) -> pd.DataFrame:
    """One row per table: name, title, rows, fields, primary key, references, description."""
    rows = []
    for r in resources(db):
        pk, fks, targets = _keys(r)
        rows.append({"table": r["name"], "file": r["path"], "title": r.get("title", ""),
                     "rows": len(db.tables[r["name"]]), "fields": len(r["schema"]["fields"]),
                     "primary_key": pk, "references": fks, "refers_to": targets,
                     "description": r.get("description", "")})
    return pd.DataFrame(rows)


def field_table(db: Database, table: str) -> pd.DataFrame:
    """The fields of one table as the data package describes them (type, unit, description, constraints),
    with how many rows give each field a value."""
    resource = next(r for r in resources(db) if r["name"] == table)
    pk = resource["schema"].get("primaryKey")
    pk = [pk] if isinstance(pk, str) else (pk or [])
    fks = {fk["fields"]: f"→ {fk['reference']['resource']}.{fk['reference']['fields']}"
           for fk in resource["schema"].get("foreignKeys", [])}
    frame = db.tables[table]
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
        col = frame[f["name"]]
        present = col.dropna()
        if col.dtype == "string" or col.dtype == object:
            present = present[present.astype(str).str.strip() != ""]
        rows.append({"Field": f["name"], "Type": f["type"], "Unit": f.get("unit", ""),
                     "Description": f.get("description", ""), "Constraints": "; ".join(rules),
                     "Filled": f"{len(present)}{NBSP}of{NBSP}{len(frame)}", "present": len(present), "rows": len(frame)})
    return pd.DataFrame(rows)


_PATTERN = re.compile(r"pattern `([^`]*)`")


_RANGE = re.compile(r"(?<=range )(\S*\.\.\S*)")


def constraints_cell(constraints: str) -> Pieces:
    """A field's constraints for its table cell: a pattern referred to the list below the table, a
    range's bounds (the schema's, not data) as code."""
    parts = _RANGE.split(_PATTERN.sub("pattern (below)", constraints))
    return Pieces(*(code(p) if i % 2 else p for i, p in enumerate(parts)))


def field_table_markdown(db: Database, table: str) -> MystOutput:
    """One table's fields as a numbered MyST table, each "filled" count linked to an entry saying
    what was counted. Patterns (long regular expressions that would stretch the table) are listed under it."""
    f = field_table(db, table)
    r = next(r for r in resources(db) if r["name"] == table)
    patterns = [(row["Field"], m.group(1)) for _, row in f.iterrows() for m in _PATTERN.finditer(row["Constraints"])]
    rows = count_text(len(db.tables[table]), f"rows of data/{r['path']}")
    frame = pd.DataFrame({
        "Field": f["Field"].map(code),
        "Type": f.apply(lambda x: x["Type"] + (f"; unit: {x['Unit']}" if x["Unit"] else ""), axis=1),
        "Description": f["Description"],
        "Constraints": f["Constraints"].map(constraints_cell),
        "Filled": [Pieces(count_text(n, f"rows of data/{r['path']} with a value in {field}"), f"{NBSP}of{NBSP}", rows)
                   for field, n in zip(f["Field"], f["present"])],
    })
    caption = Pieces("Fields of ", code(r["path"]), f": {r.get('title', table)}")
    out = show_table(frame, caption=caption, name=f"dd-fields-{table}", widths=[22, 12, 32, 22, 12])
    if not patterns:
        return out
    return myst(out, "\nPatterns (regular expressions every value must match):\n\n" + "\n".join(
        f"- {code_span(field)}: {code_span(pattern, in_table=False)}" for field, pattern in patterns))


def dictionary_markdown(db: Database) -> MystOutput:
    """The whole dictionary: for each table a heading, its description (its counts linked) and its
    numbered field table."""
    out: list[str | MystOutput] = []
    glued: dict[str, str] = {}
    summary = resource_summary(db).set_index("table")
    for r in resources(db):
        s = summary.loc[r["name"]]
        out.append(f"### `{r['path']}`: {escape_myst(s['title'])}\n")
        keys = f"Primary key: {code_span(s['primary_key'])}." if s["primary_key"] else "No primary key."
        refs = f" References: {escape_myst(s['references'])}." if s["references"] else ""
        rows = linked(f"dd-{r['name'].replace('_', '-')}-rows", count_text(s["rows"], f"rows of data/{r['path']}"), glued)
        fields = linked(f"dd-{r['name'].replace('_', '-')}-fields", count_text(s["fields"], f"fields of data/{r['path']} in data/datapackage.json"), glued)
        out.append(f"{escape_myst(s['description'])} {rows} rows, {fields} fields "
                   f"({{numref}}`dd-fields-{r['name']}`). {keys}{refs}\n")
        out += [field_table_markdown(db, r["name"]), ""]
    return myst(*out, MystOutput("", glued))


def summary_markdown(db: Database) -> MystOutput:
    """The tables of the package at a glance, each with a download link and its counts linked."""
    s = resource_summary(db)
    frame = pd.DataFrame({
        "Table": s.apply(lambda r: Markup(download_link(r["file"])), axis=1),
        "Rows": [count_text(r["rows"], f"rows of data/{r['file']}") for _, r in s.iterrows()],
        "Primary key": s["primary_key"].map(lambda k: code(k) if k else ""),
        "Points to": s["refers_to"].map(lambda ts: ", ".join(ts)),
        "Fields": [Pieces(count_text(r["fields"], f"fields of data/{r['file']} in data/datapackage.json"),
                          ", ", Markup(f"{{numref}}`dd-fields-{r['table']}`")) for _, r in s.iterrows()],
    })
    return show_table(frame, caption="The tables of the data package", name="dd-tables", widths=[26, 9, 21, 22, 22])


def download_link(path: str, text: str | None = None, prefix: str = "../data/") -> str:
    """A MyST ``{download}`` link to a data file, relative to a page in ``chapters/``."""
    return f"{{download}}`{text or path} <{prefix}{path}>`"


def downloads_markdown(db: Database, prefix: str = "../data/") -> MystOutput:
    """A bullet list of download links: the package descriptor, then every table's CSV, its row
    count linked like the dictionary's."""
    title = escape_myst(db.schema.get("title", "data package"))
    glued: dict[str, str] = {}
    lines = [f"- {download_link('datapackage.json', prefix=prefix)}: {title}, "
             "the descriptor listing every table, field, type and constraint (Frictionless Table Schema)."]
    for r in resources(db):
        rows = linked(f"dd-{r['name'].replace('_', '-')}-download-rows",
                      count_text(len(db.tables[r['name']]), f"rows of data/{r['path']}"), glued)
        lines.append(f"- {download_link(r['path'], prefix=prefix)}: {escape_myst(r.get('title', r['name']))} "
                     f"({rows} rows). {escape_myst(r.get('description', ''))}")
    return MystOutput("\n".join(lines), glued)


def facts_by_source_theme(db: Database) -> pd.DataFrame:
    """Fact counts: one row per source (oldest page first), one column per theme, with totals."""
    facts = db.facts
    order = db.sources.sort_values("date").index
    themes = ordered_themes(facts["theme"])
    table = (pd.crosstab(facts["source_id"], facts["theme"])
             .reindex(index=order, columns=themes, fill_value=0).fillna(0).astype(int))
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    return table


def facts_count_markdown(db: Database, counts: pd.DataFrame | None = None) -> MystOutput:
    """The count table with readable headings and citations."""
    counts = facts_by_source_theme(db) if counts is None else counts
    labels = [(Markup("**All pages**") if sid == "total" else source_label(db, sid)) for sid in counts.index]

    def what(sid: str, theme: str) -> str:
        page = "all pages" if sid == "total" else source_label(db, sid)
        return f"facts in data/facts.csv from {page}" + ("" if theme == "total" else f", theme {theme_name(theme)}")

    frame = pd.DataFrame({"Total" if t == "total" else theme_name(t):
                          [count_text(int(n), what(sid, t)) for sid, n in counts[t].items()] for t in counts.columns})
    frame.insert(0, "Page", labels)
    return show_table(frame, caption="Facts per page and theme", name="dd-fact-counts",
                      widths=[22] + [13] * (len(frame.columns) - 1))


def facts_count_chart(db: Database, counts: pd.DataFrame | None = None):
    """Stacked horizontal bars: facts per page, split by theme, oldest page at the top."""
    counts = facts_by_source_theme(db) if counts is None else counts
    body = counts.drop(index="total").drop(columns="total")
    totals = counts["total"].drop(index="total")
    top = totals.idxmax()
    theme_tot = counts.loc["total"].drop("total")
    alt = (f"Stacked bars, one per source page, showing how many of the {int(counts.loc['total', 'total'])} facts "
           f"each page supplies and their themes. {source_label(db, top)} supplies the most ({int(totals[top])}); "
           "by theme the totals are " + ", ".join(f"{theme_name(t)} {int(v)}" for t, v in theme_tot.items()) + ".")
    c = chart("Facts in the database, by source page and theme", "Number of facts (rows of facts.csv)",
              source_line(db, body.index), alt, height=3.2)
    ax = c.ax
    labels = [f"{db.sources.loc[s, 'outlet_en']}\n{fmt_date(db.sources.loc[s, 'date'])}" for s in body.index]
    y = list(range(len(body)))[::-1]
    left = pd.Series(0, index=body.index)
    colours = theme_colours()
    for theme in body.columns:
        ax.barh(y, body[theme], left=left, color=colours.get(theme, INK), label=theme_name(theme), height=0.65)
        left = left + body[theme]
    for yi, s in zip(y, body.index):
        ax.annotate(str(int(totals[s])), (totals[s], yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=INK)
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_xlim(0, totals.max() * 1.1)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("facts")
    handles = [Patch(color=colours.get(t, INK), label=theme_name(t)) for t in body.columns]
    add_bottom_legend(c, handles, ncols=len(handles))
    cells = body.rename_axis(index="source_id", columns="theme").stack().rename("facts").reset_index()
    facts = db.facts
    c.data = chart_data(db, cells.assign(theme=cells["theme"].map(theme_name)),
                        [list(facts.index[(facts["source_id"] == s) & (facts["theme"] == t)])
                         for s, t in zip(cells["source_id"], cells["theme"])], "number of facts")
    c.data["source"] = cells["source_id"].map(lambda sid: source_label(db, sid))  # a bar of no facts still has its page
    return c


def data_dictionary_texts(db: Database) -> dict[str, str]:
    """The data dictionary's prose figures: tables, rows, fields, licence, facts by source and theme."""
    summary = resource_summary(db)
    counts = facts_by_source_theme(db)
    totals = counts["total"].drop(index="total")
    top, low = totals.idxmax(), totals.idxmin()
    theme_tot = counts.loc["total"].drop("total")
    licence = db.schema.get("licenses", [{}])[0]
    n = count_text
    return {
        "dd-n-tables": n(len(summary), "tables in data/datapackage.json"),
        "dd-n-rows": n(int(summary["rows"].sum()), "rows in all the tables"),
        "dd-n-fields": n(int(summary["fields"].sum()), "fields in all the tables"),
        "dd-licence": licence.get("title", licence.get("name", "no licence stated")),
        "dd-n-facts": n(int(counts.loc["total", "total"]), "facts in data/facts.csv"),
        # the source's label (outlet and date) links to the source's entry
        "dd-top-source": source_text(db, top),
        "dd-top-n": n(int(totals[top]), f"facts from {source_label(db, top)}"),
        "dd-low-source": source_text(db, low),
        "dd-low-n": n(int(totals[low]), f"facts from {source_label(db, low)}"),
        "dd-top-theme": theme_name(theme_tot.idxmax()),
        "dd-top-theme-n": n(int(theme_tot.max()), f"facts in {theme_name(theme_tot.idxmax()).lower()}"),
        "dd-low-theme": theme_name(theme_tot.idxmin()),
        "dd-low-theme-n": n(int(theme_tot.min()), f"facts in {theme_name(theme_tot.idxmin()).lower()}"),
    }
