"""The sources and method appendix (``chapters/sources_method.ipynb``): the source pages and what each
feeds, qualifiers, units, word figures, how close each figure stands to its locator term, a worked
example and the tables each notebook depends on."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from industrybook.appendix.shared import cite, code, glue_key, linked
from industrybook.data import paths
from industrybook.data.database import LOCATOR_WINDOW, Database, bounds_problem, locator_distance
from industrybook.data.schema import table_closure
from industrybook.data.themes import theme_colours
from industrybook.render.page import MystOutput, show_table
from industrybook.render.tables import Markup
from industrybook.render.style import INK, chart, chart_data
from industrybook.text.escape import code_span, escape_myst
from industrybook.text.facts import (
    count_text, date_text, fact_digits, fact_text, source_label, source_line, tally_text,
)
from industrybook.text.figures import count_words, fmt_number
from industrybook.text.phrase import Pieces

RECORD_TABLES = ["facts", "events", "flows", "omissions", "terms"]


def source_counts(db: Database) -> pd.DataFrame:
    """Rows each source page contributes to each table that names its source (oldest page first)."""
    order = db.sources.sort_values("date").index
    data = {t: db.tables[t]["source_id"].value_counts().reindex(order, fill_value=0).astype(int)
            for t in RECORD_TABLES if t in db.tables}
    return pd.DataFrame(data, index=order)


def sources_table_markdown(db: Database, counts: pd.DataFrame | None = None) -> MystOutput:
    """One row per page: citation, outlet, date (linked to the page's entry) and precision, and the
    rows it feeds (each count linked to an entry saying what was counted)."""
    counts = source_counts(db) if counts is None else counts
    s = db.sources.loc[counts.index]
    frame = pd.DataFrame({
        "Page": [cite(i) for i in s.index],
        "Outlet": [f"{r.outlet_en} ({r.outlet_zh})" for r in s.itertuples()],
        "Date": [Pieces(date_text(db, i), f" ({r.date_precision})") for i, r in zip(s.index, s.itertuples())],
    })
    for t in counts.columns:
        frame[t.capitalize()] = [count_text(int(n), f"rows of data/{t}.csv from {source_label(db, sid)}")
                                 for sid, n in counts[t].items()]
    return show_table(frame, caption="The source pages and the rows each contributes", name="sx-sources",
                      widths=[18, 20, 17] + [9] * len(counts.columns))


def source_blocks_markdown(db: Database, counts: pd.DataFrame | None = None) -> MystOutput:
    """One block per page: date (linked to the page's entry) and how it was fixed, journalists, what
    is used, what is left out, and the rows it feeds (each count linked)."""
    counts = source_counts(db) if counts is None else counts
    out, glued = [], {}
    for sid in counts.index:
        r = db.sources.loc[sid]
        n = counts.loc[sid]
        tally = ", ".join(
            linked(glue_key("sx", sid, t), count_text(int(n[t]), f"rows of data/{t}.csv from {source_label(db, sid)}"), glued)
            + f" {t if n[t] != 1 else t.rstrip('s')}" for t in counts.columns)
        date = linked(glue_key("sx", sid, "date"), date_text(db, sid), glued)
        out.append(f"### {escape_myst(source_label(db, sid))}: {escape_myst(r['headline_en'])}\n")
        out.append(f"{escape_myst(r['outlet_zh'])}, headline {escape_myst(r['headline_zh'])} {cite(sid)}; "
                   f"journalists {escape_myst(r['authors'])}; file {code_span(r['file'])}.\n")
        out.append(f"**Date.** {date}, to the {escape_myst(r['date_precision'])}. "
                   f"{escape_myst(r['date_basis'])}\n")
        out.append(f"**Used.** {escape_myst(r['page_items_used'])}\n")
        out.append(f"**Left out.** {escape_myst(r['page_items_left_out'])}\n")
        out.append(f"**In the database:** {tally}.\n")
    return MystOutput("\n".join(out), glued)


# How each qualifier's bounds are stored: the rule of industrybook.data.database.QUALIFIER_BOUNDS.
QUALIFIER_BOUND_RULES = {
    "exact": "value only",
    "about": "value only; no bound is implied",
    "nearly": "value_high = value",
    "less_than": "value_high = value",
    "more_than": "value_low = value",
    "at_least": "value_low = value",
    "range": "value empty; value_low and value_high from the word table",
}


def qualifier_table(db: Database) -> pd.DataFrame:
    """Each qualifier of data/qualifiers.csv: what the page prints, how bounds are stored, how many facts carry it and for how
    many the stored bounds follow the rule."""
    facts, qualifiers = db.facts, db.qualifiers
    rows = []
    for q in list(qualifiers.index):  # every qualifier of a fact is in the table (a foreign key)
        sub = facts[facts["qualifier"] == q]
        meaning, rule = qualifiers.loc[q, "note"], QUALIFIER_BOUND_RULES.get(q, "")
        holds = int(sum(bounds_problem(f) is None for _, f in sub.iterrows()))
        rows.append({"qualifier": q, "meaning": meaning, "bounds": rule, "facts": len(sub), "rule_holds": holds})
    return pd.DataFrame(rows)


def qualifier_markdown(db: Database) -> MystOutput:
    """The qualifier table for readers, with the rule check as "n of m" (each count linked)."""
    q = qualifier_table(db)
    facts = [count_text(r["facts"], f"facts with the qualifier {r['qualifier']}") for _, r in q.iterrows()]
    holds = [count_text(r["rule_holds"], f"facts with the qualifier {r['qualifier']} whose stored bounds follow its rule")
             for _, r in q.iterrows()]
    frame = pd.DataFrame({
        "Qualifier": q["qualifier"].map(code), "On the page": q["meaning"], "Bounds stored": q["bounds"],
        "Facts": facts, "Rule holds": [Pieces(h, " of ", n) for h, n in zip(holds, facts)],
    })
    return show_table(frame, caption="Qualifiers and the bounds they set", name="sx-qualifiers",
                      widths=[15, 31, 32, 9, 13])


def units_table(db: Database) -> pd.DataFrame:
    """The units table with the number of facts and of benchmarks (when loaded) printed in each unit,
    most used first: a unit only the official releases print (億元) is still in use."""
    def uses(table: str) -> pd.Series:
        if table not in db.tables:
            return pd.Series(0, index=db.units.index)
        return db.units["unit_printed"].map(db.tables[table]["unit_printed"].value_counts()).fillna(0).astype(int)

    u = db.units.assign(facts=uses("facts"), benchmarks=uses("benchmarks"))
    u = u.assign(uses=u["facts"] + u["benchmarks"])
    return u.sort_values(["uses", "unit_printed"], ascending=[False, True]).reset_index(drop=True)


def units_markdown(db: Database) -> MystOutput:
    u = units_table(db)
    frame = pd.DataFrame({
        "Printed": u["unit_printed"],
        "Base unit": u["unit"].map(code),
        "Factor": [tally_text(f, f"factor from {p} to its base unit {b} (data/units.csv)", digits=10)
                   for p, b, f in zip(u["unit_printed"], u["unit"], u["factor"])],
        "Meaning": u["note"],
        "Facts": [count_text(n, f"facts printed in {p}") for p, n in zip(u["unit_printed"], u["facts"])],
        "Benchmarks": [count_text(n, f"official benchmarks printed in {p}") for p, n in zip(u["unit_printed"], u["benchmarks"])],
    })
    return show_table(frame, caption="Units as printed, their base unit and factor, with the facts and the official "
                      "benchmarks printed in each", name="sx-units", widths=[12, 12, 15, 41, 9, 11])


def word_figures_table(db: Database) -> pd.DataFrame:
    """The word figures table (``data/word_figures.csv``, which :func:`industrybook.data.printed.parse_printed`
    reads) with each word's gloss, bounds and the number of facts printed with it."""
    used = db.facts.groupby("value_printed").size()
    w = db.word_figures
    return pd.DataFrame({"word": w["word"], "meaning": w["english"], "point": w["point"], "low": w["low"],
                         "high": w["high"], "facts": [int(used.get(word, 0)) for word in w["word"]]}
                        ).reset_index(drop=True)


def word_figures_markdown(db: Database) -> MystOutput:
    w = word_figures_table(db)

    def num(word: str, bound: str, x):
        if x is None or pd.isna(x):
            return "\u2013"
        return tally_text(x, f"{bound} of {word} in data/word_figures.csv", digits=4)

    frame = pd.DataFrame({
        "Printed": w["word"], "Meaning": w["meaning"],
        **{col: [num(word, bound, x) for word, x in zip(w["word"], w[bound])]
           for col, bound in (("Point", "point"), ("Low", "low"), ("High", "high"))},
        "Facts": [count_text(n, f"facts printed with the word figure {word}") for word, n in zip(w["word"], w["facts"])],
    })
    return show_table(frame, caption="Word figures and the numbers they become", name="sx-words",
                      widths=[22, 38, 10, 10, 10, 10], right=("Point", "Low", "High", "Facts"))


def locator_distances(db: Database, sources_dir: Path | None = None) -> pd.Series:
    """For each fact, the distance in characters (whitespace ignored) between its locator figure and
    term in its source; missing where either is absent."""
    src = Path(sources_dir) if sources_dir else paths.sources_dir()
    texts = {sid: (src / f).read_text(encoding="utf-8") for sid, f in db.sources["file"].items()}
    return pd.Series({fid: locator_distance(texts[r["source_id"]], r["locator_figure"], r["locator_term"])
                      for fid, r in db.facts.iterrows()}, dtype="float64")


def distance_chart(db: Database, dist: pd.Series, window: int):
    """Histogram of figure-to-term distances, one bin per five characters, with the limit marked."""
    d = dist.dropna()
    near = int((d <= 10).sum())
    alt = (f"Histogram of the distance between each fact's printed figure and the term that names it, for "
           f"{len(d)} facts: {near} stand within 10 characters, the median is {fmt_number(d.median())} characters "
           f"and the largest {fmt_number(d.max())}, inside the limit of {window} marked by a dashed line.")
    c = chart("How close each figure stands to the words that name it",
              "Characters between the printed figure and its locator term (whitespace ignored); number of facts",
              source_line(db, db.facts["source_id"]), alt, height=3.0)
    bins = list(range(0, max(window, int(d.max()) if len(d) else 0) + 6, 5))
    counts, edges, _ = c.ax.hist(d, bins=bins, color=theme_colours()["power_transmission"], edgecolor="white")
    c.ax.axvline(window, color=INK, ls="--", lw=1)
    c.ax.annotate(f"limit: {window} characters", (window, c.ax.get_ylim()[1] * 0.9), xytext=(-8, 0),  # clear of the line
                  textcoords="offset points", ha="right", fontsize=8.5, color=INK)
    c.ax.set_xlabel("characters between figure and term")
    c.ax.set_ylabel("facts")
    c.ax.grid(axis="x", visible=False)
    in_bin = [list(d.index[(d >= lo) & ((d < hi) | ((d == hi) & (hi == edges[-1])))]) for lo, hi in zip(edges, edges[1:])]
    c.data = chart_data(db, pd.DataFrame({"from": edges[:-1], "to": edges[1:], "facts": counts}), in_bin,
                        "characters; facts", other_source="no fact at this distance (data/facts.csv)")
    return c


def example_fact(db: Database, unit_printed: str = "亿元") -> pd.Series:
    """A worked example for the method text: the first fact (by id) printed exactly in ``unit_printed``."""
    pool = db.facts[(db.facts["unit_printed"] == unit_printed) & (db.facts["qualifier"] == "exact")]
    if pool.empty:
        pool = db.facts[db.facts["value"].notna()]
    return pool.sort_index().iloc[0]


def example_markdown(db: Database, fact: pd.Series, distance: float) -> MystOutput:
    """The worked example as a two-column table: from the printed figure to the stored value."""
    unit = db.units.loc[fact["unit_printed"]]
    factor = tally_text(unit["factor"], f"factor from {fact['unit_printed']} to its base unit {unit['unit']} "
                        "(data/units.csv)", digits=10)
    rows = [
        ("Fact id", code(fact["fact_id"])),
        ("What it measures", fact["metric_en"]),
        ("Page", Pieces(source_label(db, fact["source_id"]), " ", cite(fact["source_id"]))),
        ("Locator: figure on the page", code(fact["locator_figure"])),  # verbatim, as the page prints it
        ("Locator: term naming it", code(fact["locator_term"])),
        ("Distance between them", Pieces(tally_text(distance, "characters between the fact's locator figure and "
                                                   "term in its page (whitespace ignored)"), " characters")),
        ("Printed number and unit", code(f"{fact['value_printed']} {fact['unit_printed']}")),
        ("Factor of the unit", Pieces(factor, f" ({unit['note']})")),
        ("Stored value", Pieces(fact_digits(db, fact["fact_id"], digits=6), f" {fact['unit']}")),
        ("As the chapters write it", fact_text(db, fact["fact_id"])),
    ]
    frame = pd.DataFrame(rows, columns=["Step", "Value"])
    return show_table(frame, caption="A worked example: from printed figure to stored value", name="sx-example",
                      widths=[35, 65])


def closure_table(schema: dict) -> pd.DataFrame:
    """For each table, the tables validated with it (itself and what its foreign keys reach): the
    data files whose change re-executes a notebook that reads it."""
    rows = []
    for r in schema["resources"]:
        closure = table_closure([r["name"]], schema)
        rows.append({"table": r["name"], "also_validated": [t for t in closure if t != r["name"]]})
    return pd.DataFrame(rows)


def closure_markdown(schema: dict) -> MystOutput:
    t = closure_table(schema)
    frame = pd.DataFrame({
        "A notebook that loads": t["table"].map(code),
        "is re-executed when these also change": t["also_validated"].map(
            lambda ts: Markup(", ".join(code_span(x) for x in ts)) if ts else "(nothing else)"),
    })
    return show_table(frame, caption="Tables a notebook depends on through foreign keys", name="sx-closure",
                      widths=[40, 60])


def sources_method_texts(db: Database) -> dict[str, str]:
    """The sources-and-method page's prose figures: sources, dates, facts by basis, status and qualifier."""
    prec = db.sources["date_precision"].value_counts()
    facts = db.facts
    basis = facts["period_basis"].value_counts()
    status = facts["status"].value_counts()
    quals = qualifier_table(db)
    hedged = quals.loc[~quals["qualifier"].isin(["exact"]), "facts"].sum()
    words = word_figures_table(db)
    bounds = words.set_index("word").loc["数百"]
    n = count_text
    return {
        "sx-n-sources": n(len(db.sources), "source pages in data/sources.csv"),
        "sx-n-hy": count_words((db.sources["outlet_en"] == "Hengyang Daily").sum()),
        "sx-n-hn": count_words((db.sources["outlet_en"] == "Hunan Daily").sum()),
        "sx-range-word": "数百",
        "sx-range-low": tally_text(bounds["low"], "low bound of 数百 in data/word_figures.csv"),
        "sx-range-high": tally_text(bounds["high"], "high bound of 数百 in data/word_figures.csv"),
        "sx-n-day": n(int(prec.get("day", 0)), "source pages dated to the day"),
        "sx-n-month": n(int(prec.get("month", 0)), "source pages dated to the month"),
        "sx-n-facts": n(len(facts), "facts in data/facts.csv"),
        "sx-n-omissions": n(len(db.omissions), "omissions in data/omissions.csv"),
        "sx-n-inferred": n(int(basis.get("inferred", 0)), "facts whose period is inferred"),
        "sx-n-outcome": n(int(status.get("outcome", 0)), "facts with the status outcome"),
        "sx-n-target": n(int(status.get("target", 0)), "facts with the status target"),
        "sx-n-plan": n(int(status.get("plan", 0)), "facts with the status plan"),
        "sx-n-record": n(int(status.get("record", 0)), "facts with the status record"),
        "sx-n-hedged": n(int(hedged), "facts printed with a qualifier other than exact"),
        "sx-n-units": n(len(db.units), "printed units in data/units.csv"),
        "sx-n-words": n(len(words), "word figures in data/word_figures.csv"),
        "sx-n-word-facts": n(int(words["facts"].sum()), "facts printed with a word figure"),
        "sx-window": tally_text(LOCATOR_WINDOW, "the locator window in characters, a constant of the method "
                                                "(LOCATOR_WINDOW, industrybook/data/database.py)"),
    }


def distance_texts(dist: pd.Series) -> dict[str, str]:
    """The median and largest distance, in characters, between a fact's locator figure and term."""
    what = "characters between a fact's locator figure and term in its page (whitespace ignored)"
    return {"sx-dist-median": tally_text(dist.median(), f"median of the {what}", digits=2),
            "sx-dist-max": tally_text(dist.max(), f"largest of the {what}", digits=2)}
