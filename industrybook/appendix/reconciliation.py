"""The reconciliation register appendix (``chapters/reconciliation.ipynb``): every cross-source check in
the book, with the compared figures looked up from the facts, and the checks per status."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from industrybook.appendix.shared import cite, doc_link, glue_key, linked
from industrybook.data import paths
from industrybook.data.database import Database, split_ids
from industrybook.render.page import MystOutput, show_table
from industrybook.render.tables import Markup
from industrybook.text.escape import code_span, escape_myst
from industrybook.text.facts import count_text, date_text, fact_text, label_with_period

STATUSES = {
    "consistent": "the figures agree once period, scope and rounding are aligned",
    "explained": "the figures differ and the difference has a stated cause",
    "unresolved": "the figures differ and the pages do not say why",
}


STACKS_ON_A_PHONE = "book-stack"  # _assets/book.css: below 600 px each row is a card, each cell labelled


def list_table(rows: list[list[str]], header: list[str], caption: str, name: str,
               widths: str | None = None, css_class: str | None = None) -> str:
    """A ``{list-table}`` (cells may hold lists and several paragraphs); ``css_class`` for the HTML."""
    if any(len(r) != len(header) for r in rows):
        raise ValueError("every row needs one cell per header")
    lines = ["::::{list-table} " + caption, ":header-rows: 1", f":name: {name}"]
    if widths:
        lines.append(f":widths: {widths}")
    if css_class:
        lines.append(f":class: {css_class}")
    lines.append("")
    for row in [header, *rows]:
        for j, cell in enumerate(row):
            body = str(cell).strip() or "\u2013"
            body = body.replace("\n", "\n    ")
            lines.append(("* - " if j == 0 else "  - ") + body)
    lines.append("::::")
    return "\n".join(lines)


def toc_order(toc: Path | None = None) -> list[str]:
    """Document names in ``_toc.yml`` order."""
    toc = toc or paths.ROOT / "_toc.yml"
    order = []
    for line in toc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*(?:-\s*)?(?:file|root):\s*(\S+)\s*$", line)
        if m:
            order.append(re.sub(r"\.(md|ipynb)$", "", m.group(1)))
    return order


def chapter_link(chapter: str, docs: list[str] | set[str]) -> str:
    """A link to ``chapters/<chapter>`` when the book's table of contents has it, else the name as code."""
    doc = chapter if chapter.startswith("chapters/") else f"chapters/{chapter}"
    return doc_link(doc) if doc in docs else code_span(chapter)


def figure_item(db: Database, fact_id: str, glued: dict[str, str] | None = None, key: str = "") -> str:
    """One compared figure: what it measures, its period, its value as printed in English, its source.
    With ``glued`` the period and the value are provenance links to the fact (glue keys from ``key``)."""
    f = db.fact(fact_id)
    label = label_with_period(escape_myst(f["metric_en"]), f["period"],
                              lambda: linked(glue_key(key, "period"), date_text(db, fact_id), glued))
    value = linked(glue_key(key, "value"), fact_text(db, fact_id), glued)
    return (f"{label}: **{value}**, "
            f"{code_span(fact_id)} {cite(f['source_id'])}")


def register_table(db: Database, docs: list[str] | None = None) -> pd.DataFrame:
    """Every row of ``reconciliations.csv`` with the compared figures looked up from the facts,
    ordered by chapter (book order) and id."""
    docs = toc_order() if docs is None else docs
    rec = db.reconciliations
    cols = ["rec_id", "chapter", "topic", "fact_ids", "figures", "sources", "finding", "likely_reason", "status"]
    if rec.empty:
        return pd.DataFrame(columns=cols)
    rank = {d.split("/")[-1]: i for i, d in enumerate(docs)}
    out = rec.assign(
        figures=rec["fact_ids"].map(lambda s: [figure_item(db, f) for f in split_ids(s)]),
        sources=rec["fact_ids"].map(lambda s: sorted({db.fact(f)["source_id"] for f in split_ids(s)})),
        _rank=rec["chapter"].map(lambda c: rank.get(c, len(rank))),
    ).sort_values(["_rank", "rec_id"])
    return out[cols].reset_index(drop=True)


def register_markdown(db: Database, docs: list[str] | None = None, glued: dict[str, str] | None = None) -> str:
    """The register as one numbered table; while it is empty, a table saying so (the label stays valid).
    With ``glued`` (a dict, filled here) every compared figure and its period is a provenance link
    (:func:`register_output`); the finding and likely reason are the check's own words."""
    docs = toc_order() if docs is None else docs
    reg = register_table(db, docs)
    rows = []
    if reg.empty:
        rows.append(["No check has been recorded yet.", "\u2013"])
    for r in reg.itertuples():
        figures = "\n".join(f"- {figure_item(db, f, glued, glue_key('rr', r.rec_id, f))}" for f in split_ids(r.fact_ids))
        rows.append([f"**{escape_myst(r.topic)}**\n\nChapter: {chapter_link(r.chapter, docs)}\n\n"
                     f"Status: *{escape_myst(r.status)}*",
                     f"Check {code_span(r.rec_id)} compares:\n\n{figures}\n\n"
                     f"**Finding.** {escape_myst(r.finding)}\n\n**Likely reason.** {escape_myst(r.likely_reason)}"])
    return list_table(rows, ["Check", "Figures compared, finding and likely reason"],
                      "The reconciliation register: every cross-source check in the book", "rr-register",
                      widths="30 70", css_class=STACKS_ON_A_PHONE)


def register_output(db: Database) -> MystOutput:
    """The register as the book shows it: every figure it prints linked to its fact."""
    glued: dict[str, str] = {}
    return MystOutput(register_markdown(db, glued=glued), glued)


def status_counts(db: Database) -> pd.DataFrame:
    """Checks per status (every status listed, zero included) and the total."""
    counts = db.reconciliations["status"].value_counts()
    statuses = list(STATUSES) + sorted(set(counts.index) - set(STATUSES))
    frame = pd.DataFrame({"status": statuses, "meaning": [STATUSES.get(s, "") for s in statuses],
                          "checks": [int(counts.get(s, 0)) for s in statuses]})
    total = pd.DataFrame({"status": ["total"], "meaning": [""], "checks": [int(frame["checks"].sum())]})
    return pd.concat([frame, total], ignore_index=True)


def status_markdown(db: Database) -> MystOutput:
    s = status_counts(db)
    frame = pd.DataFrame({"Status": s["status"].map(lambda x: Markup("**total**") if x == "total" else x),
                          "Meaning": s["meaning"],
                          "Checks": [count_text(n, "checks in data/reconciliations.csv" if x == "total" else
                                                f"checks in data/reconciliations.csv with the status {x}")
                                     for x, n in zip(s["status"], s["checks"])]})
    return show_table(frame, caption="Checks in the register by status", name="rr-status", widths=[18, 68, 14])


def register_summary(db: Database, glued: dict[str, str] | None = None) -> str:
    """One phrase on the register's size; with ``glued`` its counts are provenance links."""
    rec = db.reconciliations
    if rec.empty:
        return "no checks yet"
    n_ch = rec["chapter"].nunique()
    counts = rec["status"].value_counts()

    def count(key: str, n: int, what: str) -> str:
        return linked(glue_key("rr-n", key), count_text(n, what), glued)

    parts = [count(s, int(counts.get(s, 0)), f"checks in data/reconciliations.csv with the status {s}") + f" {s}"
             for s in STATUSES]
    return (f"{count('checks', len(rec), 'checks in data/reconciliations.csv')} check{'s' if len(rec) != 1 else ''} "
            f"from {count('chapters', n_ch, 'chapters that make a check in data/reconciliations.csv')} "
            f"chapter{'s' if n_ch != 1 else ''} ({', '.join(parts)})")


def summary_output(db: Database) -> MystOutput:
    """The sentence on the register's size, its counts linked."""
    glued: dict[str, str] = {}
    return MystOutput(f"The register holds {register_summary(db, glued)}.", glued)
