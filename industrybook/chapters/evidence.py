"""Derivations of the closing chapter "What the evidence shows" (``chapters/evidence.ipynb``, tag ``ev``)
and of the executive summary (``chapters/summary.ipynb``).

Every claim of the five pages is sorted into one of four evidence classes. The classes are editorial
rules kept as data (``data/evidence_classes.csv``), not code: a fact takes the class of the first rule,
in order of precedence, whose conditions it meets (fact status, kind of entity, genre of the source in
``data/source_genres.csv``); superlatives printed without a figure come from
``data/unfigured_claims.csv``. This module applies the rules and counts the result:

* :func:`classify_facts` and :func:`claims` sort the claims; :func:`class_counts` and
  :func:`class_shares` count them per theme; :func:`strength_index` averages their strength;
* :func:`verdict_counts` and :func:`benchmark_verdicts` count the reconciliation register's verdicts;
* :func:`open_questions` lines up each unresolved question with the data that would settle it;
* :func:`hedged_counts` counts the measured figures printed with a qualifier;
* :func:`classes_chart`, :func:`shares_chart`, :func:`verdicts_chart` and :func:`hedged_chart` draw
  the chapter's figures.
"""
from __future__ import annotations

import pandas as pd

from industrybook.data.database import Database, split_ids
from industrybook.data.themes import theme_name, theme_order
from industrybook.measures.arithmetic import ratio, share
from industrybook.render.charts import clear_of_tick_labels
from industrybook.render.style import INK, MUTED, PALETTE, THEME_COLOURS, alt_text, chart, chart_data
from industrybook.text.facts import count_text, source_label, source_line, tally_text
from industrybook.text.figures import fmt_number, fmt_pct
from industrybook.text.phrase import Phrase

# Strongest to weakest evidence: blue, green, orange, vermilion (Okabe & Ito).
CLASS_COLOURS = [PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[3]]
VERDICT_ORDER = ["consistent", "explained", "unresolved"]
VERDICT_COLOURS = {"consistent": PALETTE[2], "explained": PALETTE[5], "unresolved": PALETTE[3]}
CHAPTER_NAMES = {"overview": "Overview", "new_materials": "New materials",
                 "power_transmission": "Power transmission", "metro_area": "Metropolitan area",
                 "science_policy": "Science policy", "benchmarks": "Official record",
                 "evidence": "What the evidence shows"}
HEDGED = {"more_than": "more than", "about": "about", "nearly": "nearly", "less_than": "less than",
          "range": "a range"}
ALL_SOURCES = ["hy202304", "hy202305", "hn20241120", "hn20251214", "hn20260124"]


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------

def classes(db: Database) -> pd.DataFrame:
    """The evidence classes, strongest first."""
    return db.tables["evidence_classes"].sort_values("strength").reset_index(drop=True)


def rule_matches(rule: pd.Series, status: str, entity_kind: str, genre: str) -> bool:
    """Does a fact with this status, entity kind and source genre meet the rule's conditions?
    A blank condition matches anything."""
    statuses = split_ids(rule["statuses"])
    return ((not statuses or status in statuses)
            and (pd.isna(rule["entity_kind"]) or entity_kind == rule["entity_kind"])
            and (pd.isna(rule["source_genre"]) or genre == rule["source_genre"]))


def classify_facts(db: Database) -> pd.DataFrame:
    """Each fact with the conditions the rules read and the class of the first rule that matches.
    A fact no rule matches is an error naming its row of data/facts.csv."""
    rules = db.tables["evidence_classes"]
    rules = rules[rules["table"] == "facts"].sort_values("precedence")
    kinds = db.tables["entities"]["kind"]
    genres = db.tables["source_genres"]["genre"]
    rows = []
    for line, fact in enumerate(db.tables["facts"].itertuples(index=False), start=2):
        kind, genre = str(kinds[fact.entity_id]), str(genres[fact.source_id])
        matched = next((r["class_id"] for _, r in rules.iterrows() if rule_matches(r, fact.status, kind, genre)), None)
        if matched is None:
            raise ValueError(f"data/facts.csv, row {line}, column status: fact {fact.fact_id!r} "
                             f"({fact.status}, {kind}, {genre}) matches no rule of data/evidence_classes.csv")
        rows.append({"claim_id": fact.fact_id, "table": "facts", "source_id": fact.source_id, "theme": fact.theme,
                     "status": fact.status, "qualifier": fact.qualifier, "entity_kind": kind, "genre": genre,
                     "class_id": matched})
    return pd.DataFrame(rows)


def claims(db: Database) -> pd.DataFrame:
    """Every claim, facts and superlatives without a figure, with its class and the class's strength."""
    unfigured_class = classes(db).query("table == 'unfigured_claims'")["class_id"]
    if len(unfigured_class) != 1:
        raise ValueError("data/evidence_classes.csv: exactly one rule must sort data/unfigured_claims.csv")
    unfigured = db.tables["unfigured_claims"]
    extra = pd.DataFrame({"claim_id": unfigured["claim_id"].to_numpy(), "table": "unfigured_claims",
                          "source_id": unfigured["source_id"].to_numpy(), "theme": unfigured["theme"].to_numpy(),
                          "class_id": unfigured_class.iloc[0]})
    out = pd.concat([classify_facts(db), extra], ignore_index=True)
    strength = classes(db).set_index("class_id")["strength"].astype(int)
    out["strength"] = out["class_id"].map(strength)
    return out


# ---------------------------------------------------------------------------------------------
# Counts and derived measures
# ---------------------------------------------------------------------------------------------

def class_counts(db: Database) -> pd.DataFrame:
    """Claims per theme (rows, in the book's order) and class (columns, strongest first), with totals."""
    c = claims(db)
    order = list(classes(db)["class_id"])
    table = (c.groupby(["theme", "class_id"]).size().unstack(fill_value=0)
             .reindex(index=theme_order(), columns=order, fill_value=0))
    table["total"] = table.sum(axis=1)
    return table


def class_shares(db: Database) -> pd.DataFrame:
    """Each class's share of a theme's claims, percent: ``100 * n(theme, class) / n(theme)``."""
    counts = class_counts(db)
    return counts.drop(columns="total").div(counts["total"], axis=0) * 100.0


def strength_index(db: Database) -> pd.Series:
    """Average strength of a theme's claims, ``sum(strength * n) / sum(n)``: 1 if every claim were a
    measured outcome, 4 if every one were a superlative without a figure. Themes in the book's order,
    then ``all`` for the book."""
    c = claims(db)
    per_theme = c.groupby("theme")["strength"].mean().reindex(theme_order())
    return pd.concat([per_theme, pd.Series({"all": c["strength"].mean()})])


def counts_table(db: Database) -> pd.DataFrame:
    """The counts for readers: one row per theme plus a total row, short class names as headings,
    the measured share and the strength index."""
    counts = class_counts(db)
    labels = classes(db).set_index("class_id")["short_en"]
    index = strength_index(db)
    total = counts.sum()
    rows = []
    for theme, row in list(counts.iterrows()) + [("all", total)]:
        # phrases, so that a table that links its cells links these to entries saying what was counted;
        # the same phrases as the prose's, so a number printed in both has one entry
        rows.append({"Theme": "All themes" if theme == "all" else theme_name(theme),
                     **{labels[c]: class_count_text(row[c], c, theme) for c in labels.index},
                     "Claims": claims_count_text(row["total"], theme),
                     "Measured share": class_share_text(share(row["measured"], row["total"]), "measured", theme),
                     "Strength index": index_text(index[theme], theme)})
    return pd.DataFrame(rows)


def _words(value) -> str:
    return str(value).replace(";", " or ").replace("_", " ")


def rule_conditions(rule: pd.Series) -> str:
    """A rule's conditions in words: ``'status plan or target'``, ``'a row of unfigured claims'``."""
    if rule["table"] != "facts":
        return f"a row of {_words(rule['table'])}"
    parts = [f"status {_words(rule['statuses'])}" if pd.notna(rule["statuses"]) else "any status"]
    if pd.notna(rule["entity_kind"]):
        parts.append(f"about a {_words(rule['entity_kind'])}")
    if pd.notna(rule["source_genre"]):
        parts.append(f"in a {_words(rule['source_genre'])}")
    return ", ".join(parts)


def rules_table(db: Database) -> pd.DataFrame:
    """The rules as readers should see them, in the order they are tried: class, strength, the
    conditions in words and the rule's wording."""
    r = db.tables["evidence_classes"].sort_values("precedence")
    return pd.DataFrame({"tried": r["precedence"].astype(int).astype(str), "class": r["label_en"],
                         "strength": r["strength"].astype(int).astype(str),
                         "conditions": [rule_conditions(row) for _, row in r.iterrows()],
                         "rule": r["rule_en"]}).reset_index(drop=True)


def hedged_counts(db: Database) -> pd.DataFrame:
    """Measured outcomes per theme, split into exact figures and figures printed with a qualifier
    ("more than", "about", "nearly", "less than", a range)."""
    c = claims(db)
    m = c[c["class_id"] == "measured"]
    hedged = m["qualifier"].isin(list(HEDGED))
    table = pd.DataFrame({"exact": (~hedged).groupby(m["theme"]).sum(), "hedged": hedged.groupby(m["theme"]).sum()})
    table = table.reindex(theme_order(), fill_value=0).astype(int)
    table["hedged_share"] = table["hedged"] / (table["exact"] + table["hedged"]) * 100.0
    return table


def omission_check(db: Database) -> dict[str, int]:
    """How many superlatives without a figure ``omissions.csv`` already lists (``omission_locator``
    names its row, which ``load()`` proves exists), and how many it does not."""
    u = db.tables["unfigured_claims"]
    named = u["omission_locator"].notna()
    return {"listed": int(named.sum()), "not_listed": int((~named).sum()), "total": len(u)}


# ---------------------------------------------------------------------------------------------
# The reconciliation register
# ---------------------------------------------------------------------------------------------

def verdict_counts(db: Database) -> pd.DataFrame:
    """Reconciliations per chapter (rows, in book order) and verdict (columns), with totals."""
    r = db.tables["reconciliations"]
    order = [c for c in CHAPTER_NAMES if c in set(r["chapter"])]
    table = (r.groupby(["chapter", "status"]).size().unstack(fill_value=0)
             .reindex(index=order, columns=VERDICT_ORDER, fill_value=0))
    table["total"] = table.sum(axis=1)
    return table


def benchmark_verdicts(db: Database) -> pd.DataFrame:
    """The checks against the official record: topic, verdict and the likely reason."""
    r = db.tables["reconciliations"]
    b = r[r["chapter"] == "benchmarks"]
    return b[["topic", "status", "likely_reason"]].reset_index(drop=True)


def open_questions(db: Database) -> pd.DataFrame:
    """Every unresolved reconciliation with the data that would settle it (``load()`` proves that
    each unresolved one has an entry in data/open_questions.csv, and only those)."""
    r = db.tables["reconciliations"]
    unresolved = r[r["status"] == "unresolved"]
    out = unresolved[["rec_id", "chapter", "topic"]].merge(db.tables["open_questions"], on="rec_id")
    out["chapter"] = out["chapter"].map(CHAPTER_NAMES)
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

def _source(db: Database, tables: str) -> str:
    return source_line(db, ALL_SOURCES).removesuffix(" (fact database: data/facts.csv).") + f" ({tables})."


EMPTY_CELL_SOURCE = "no claim in data/facts.csv or data/unfigured_claims.csv"


def claim_cells_data(db: Database, cells: pd.DataFrame, value: str, unit: str, claims_: pd.DataFrame) -> pd.DataFrame:
    """A chart-data frame of (theme, class) cells: ``cells`` with theme and class ids and the drawn
    ``value``, the ids of the facts counted in each cell (``fact_ids``) and of the superlatives without
    a figure (``claim_ids``, rows of data/unfigured_claims.csv); ``source``, the pages of both."""
    inside = [claims_[(claims_["theme"] == t) & (claims_["class_id"] == c)] for t, c in zip(cells["theme"], cells["class_id"])]
    frame = cells.assign(theme=[theme_name(t) for t in cells["theme"]])[["theme", "class_id", value]]
    data = chart_data(db, frame, [list(cell.loc[cell["table"] == "facts", "claim_id"]) for cell in inside], unit)
    data["claim_ids"] = [";".join(cell.loc[cell["table"] == "unfigured_claims", "claim_id"]) for cell in inside]
    data["source"] = ["; ".join(source_label(db, s) for s in sorted(set(cell["source_id"]))) or EMPTY_CELL_SOURCE
                      for cell in inside]
    return data


def _cells(table: pd.DataFrame, class_ids, value: str) -> pd.DataFrame:
    """A theme-by-class table as one row a cell: theme, class_id and ``value``."""
    return (table[list(class_ids)].rename_axis(index="theme", columns="class_id").stack()
            .rename(value).reset_index())


def _legend_below(ax, ncols: int = 2) -> None:
    """The legend under the axis, clear of the bars and dots."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), fontsize=8, ncols=ncols)


def _stacked_bars(ax, names: list[str], layers, totals: pd.Series, total_gap: float, headroom: float, xlabel: str,
                  legend_cols: int = 2, count_inside_from: float | None = None) -> None:
    """Horizontal bars, one per name, stacked from ``layers`` of (values, colour, label), the total at each
    bar's end and the legend under the axis; with ``count_inside_from``, a segment at least that long
    shows its count."""
    left = pd.Series(0, index=totals.index, dtype=float)
    for values, colour, label in layers:
        bars = ax.barh(names, values, left=left, color=colour, height=0.6, label=label)
        if count_inside_from is not None:
            for bar, v in zip(bars, values):
                if v >= count_inside_from:
                    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, fmt_number(v, 0),
                            ha="center", va="center", fontsize=8, color="white")
        left += values
    for y, total in enumerate(totals):
        ax.text(total + total_gap, y, fmt_number(total, 0), va="center", fontsize=8.5, color=INK)
    ax.set_xlim(0, totals.max() * headroom)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    _legend_below(ax, ncols=legend_cols)


def classes_chart(db: Database):
    """Stacked horizontal bars: claims per theme by evidence class, strongest class first."""
    counts = class_counts(db)
    labels = classes(db).set_index("class_id")["label_en"]
    themes = counts.index[::-1]
    alt = alt_text("Stacked bar chart of claims per theme by evidence class", (
        f"{theme_name(t)}: " + ", ".join(f"{labels[c].lower()} {int(counts.loc[t, c])}" for c in labels.index)
        for t in counts.index), "")
    shares = class_shares(db)
    most_company = shares["company_claim"].idxmax()
    measured_all = share(counts["measured"].sum(), counts["total"].sum())
    c = chart(f"{fmt_pct(measured_all, 0)} of the claims are measured outcomes; in {theme_name(most_company).lower()}, "
              f"{fmt_pct(shares.loc[most_company, 'company_claim'], 0)} are companies' own",
              "Claims on the five pages by theme and evidence class, number of claims",
              _source(db, "data/facts.csv, data/unfigured_claims.csv, data/evidence_classes.csv"), alt, height=3.8)
    layers = [(counts.loc[themes, cls].astype(float), colour, labels[cls])
              for colour, cls in zip(CLASS_COLOURS, labels.index)]
    _stacked_bars(c.ax, [theme_name(t) for t in themes], layers, counts.loc[themes, "total"], total_gap=0.8,
                  headroom=1.1, xlabel="claims", count_inside_from=4)
    c.data = claim_cells_data(db, _cells(counts, labels.index, "claims"), "claims", "number of claims", claims(db))
    return c


def shares_chart(db: Database):
    """Dot plot: each class's share of a theme's claims, one row per theme, one dot per class, with the
    book-wide share as a vertical tick."""
    shares = class_shares(db)
    counts = class_counts(db)
    book = counts.drop(columns="total").sum() / counts["total"].sum() * 100.0
    labels = classes(db).set_index("class_id")["label_en"]
    alt = alt_text("Dot plot of evidence-class shares per theme, percent", (
        f"{theme_name(t)}: " + ", ".join(f"{labels[c].lower()} {fmt_pct(shares.loc[t, c], 0)}" for c in labels.index)
        for t in shares.index), f"Measured outcomes range from {fmt_pct(shares['measured'].min(), 0)} to "
        f"{fmt_pct(shares['measured'].max(), 0)} of a theme's claims.")
    c = chart(f"Measured outcomes make up {fmt_pct(shares['measured'].min(), 0)} to "
              f"{fmt_pct(shares['measured'].max(), 0)} of each theme's claims",
              "Share of each theme's claims in each evidence class, percent; ticks: all themes together",
              _source(db, "data/facts.csv, data/unfigured_claims.csv, data/evidence_classes.csv"), alt, height=3.8)
    ax = c.ax
    themes = list(shares.index[::-1])
    for colour, cls in zip(CLASS_COLOURS, labels.index):
        ax.plot(shares.loc[themes, cls], [theme_name(t) for t in themes], "o", ms=8, color=colour,
                label=labels[cls], alpha=0.9)
        ax.axvline(book[cls], color=colour, lw=1, ls=":", alpha=0.8)
    ax.set_xlim(-5, 100)  # a dot at 0 clear of the axis line
    ax.set_xlabel("percent of the theme's claims")
    ax.grid(axis="y", visible=False)
    _legend_below(ax)
    c.data = claim_cells_data(db, _cells(shares, labels.index, "share"), "share", "percent of the theme's claims",
                              claims(db))
    return c


def verdicts_chart(db: Database):
    """Stacked horizontal bars: each chapter's reconciliations by verdict."""
    v = verdict_counts(db)
    chapters = v.index[::-1]
    alt = alt_text("Stacked bar chart of reconciliations per chapter by verdict", (
        f"{CHAPTER_NAMES[ch]}: " + ", ".join(f"{s} {int(v.loc[ch, s])}" for s in VERDICT_ORDER) for ch in v.index),
        f"In all, {int(v['unresolved'].sum())} of {int(v['total'].sum())} checks stay unresolved.")
    c = chart(f"{fmt_number(v['unresolved'].sum(), 0)} of {fmt_number(v['total'].sum(), 0)} cross-checks stay "
              f"unresolved, in {fmt_number((v['unresolved'] > 0).sum(), 0)} of {fmt_number(len(v), 0)} chapters",
              "Reconciliations in the book's register by chapter and verdict, number of checks",
              _source(db, "data/reconciliations.csv"), alt, height=3.4)
    layers = [(v.loc[chapters, status].astype(float), VERDICT_COLOURS[status], status) for status in VERDICT_ORDER]
    _stacked_bars(c.ax, [CHAPTER_NAMES[ch] for ch in chapters], layers, v.loc[chapters, "total"], total_gap=0.15,
                  headroom=1.15, xlabel="checks", legend_cols=3)
    register = db.tables["reconciliations"]
    cells = v[list(VERDICT_ORDER)].rename_axis(index="chapter", columns="status").stack().rename("checks").reset_index()
    in_cell = [register[(register["chapter"] == ch) & (register["status"] == st)] for ch, st in
               zip(cells["chapter"], cells["status"])]
    frame = cells.assign(chapter=[CHAPTER_NAMES[ch] for ch in cells["chapter"]])
    c.data = chart_data(db, frame, [sorted({i for ids in rows["fact_ids"] for i in split_ids(ids)}) for rows in in_cell],
                        "number of checks", other_source="data/reconciliations.csv")
    c.data["rec_ids"] = [";".join(rows["rec_id"]) for rows in in_cell]
    return c


def hedged_chart(db: Database):
    """Lollipops: share of each theme's measured figures printed with a qualifier."""
    h = hedged_counts(db)
    themes = list(h.index[::-1])
    said = theme_texts(db)  # each share as the prose prints it

    def share_label(t: str) -> str:
        return f"{said[f'ev-{t}-hedged']} ({int(h.loc[t, 'hedged'])} of {int(h.loc[t, 'hedged'] + h.loc[t, 'exact'])})"

    alt = alt_text("Lollipop chart of the share of measured figures printed with a qualifier such as 'more than' or "
                   "'about', per theme", (f"{theme_name(t)} {share_label(t)}" for t in h.index), "")
    c = chart("Even measured figures are often hedged: 'more than', 'about', 'nearly' or a range",
              "Measured outcomes printed with a qualifier, percent of the theme's measured outcomes",
              _source(db, "data/facts.csv"), alt, height=2.8)
    ax = c.ax
    names = [theme_name(t) for t in themes]
    values = h.loc[themes, "hedged_share"]
    ax.hlines(names, 0, values, color=MUTED, lw=1.5)
    ax.scatter(values, names, s=60, color=[THEME_COLOURS[t] for t in themes], zorder=3)
    labels = [ax.annotate(share_label(t), (h.loc[t, "hedged_share"], name),
                          xytext=(8, 0), textcoords="offset points", va="center", fontsize=8.5, color=INK)
              for name, t in zip(names, themes)]
    clear_of_tick_labels(ax, labels)  # the lowest row's label stood over the tick label 40
    ax.set_xlim(0, max(50.0, values.max() * 1.4))
    ax.set_xlabel("percent")
    ax.grid(axis="y", visible=False)
    measured = claims(db)[lambda c_: c_["class_id"] == "measured"]
    frame = pd.DataFrame({"theme": [theme_name(t) for t in h.index], "hedged_share": h["hedged_share"].to_numpy()})
    c.data = chart_data(db, frame, [list(measured.loc[measured["theme"] == t, "claim_id"]) for t in h.index],
                        "percent of the theme's measured outcomes")
    return c


# ---------------------------------------------------------------------------------------------
# The notebook's glued texts
# ---------------------------------------------------------------------------------------------

SHORT_CLASS_NAMES = {"measured": "measured", "plan_target": "plan", "company_claim": "company",
                     "unfigured_superlative": "superlative"}
CLASS_WORDS = {"measured": "measured outcomes", "plan_target": "plans and targets",
               "company_claim": "companies' own claims", "unfigured_superlative": "superlatives without a figure"}


def _share(value: float, part: str, whole: str, counted: str = "data/evidence_classes.csv rules") -> Phrase:
    """A share of the book's own claims or records, one decimal, with its formula in words and what
    was counted (the claims, as the class rules sort them; the cross-checks of data/reconciliations.csv)."""
    return tally_text(value, f"{part} / {whole} × 100 ({counted})", "percent", 1)


def in_scope(theme: str) -> str:
    """The words naming what a count covers: nothing for the whole book (``all``), else the theme."""
    return "" if theme == "all" else f" in {theme_name(theme).lower()}"


def class_count_text(value: float, cls: str, theme: str) -> Phrase:
    return count_text(value, f"{CLASS_WORDS[cls]}{in_scope(theme)}")


def claims_count_text(value: float, theme: str) -> Phrase:
    return count_text(value, f"claims{in_scope(theme)}" if theme != "all" else "claims (facts and unfigured claims)")


def class_share_text(value: float, cls: str, theme: str) -> Phrase:
    return _share(value, f"{CLASS_WORDS[cls]}{in_scope(theme)}", f"claims{in_scope(theme)}")


def index_text(value: float, theme: str) -> Phrase:
    claims_words = "all the book's claims" if theme == "all" else f"the claims{in_scope(theme)}"
    return tally_text(value, f"mean strength (1 to 4) of {claims_words}", digits=2)


def theme_texts(db: Database) -> dict[str, str]:
    """Per theme: claims and shares by class, the total, the strength index and the hedged share."""
    counts, shares, index, hedged = class_counts(db), class_shares(db), strength_index(db), hedged_counts(db)
    texts = {}
    for theme in theme_order():
        for cls, short in SHORT_CLASS_NAMES.items():
            texts[f"ev-{theme}-n-{short}"] = class_count_text(counts.loc[theme, cls], cls, theme)
            texts[f"ev-{theme}-s-{short}"] = class_share_text(shares.loc[theme, cls], cls, theme)
        texts[f"ev-{theme}-n"] = claims_count_text(counts.loc[theme, "total"], theme)
        texts[f"ev-{theme}-index"] = index_text(index[theme], theme)
        texts[f"ev-{theme}-hedged"] = _share(hedged.loc[theme, "hedged_share"],
                                             f"measured outcomes printed with a qualifier{in_scope(theme)}",
                                             f"measured outcomes{in_scope(theme)}")
    return texts


def prose_texts(db: Database) -> dict[str, str]:
    """Every figure the chapter's prose glues, by glue key; none is typed in the text."""
    claims_ = claims(db)
    counts, shares, index = class_counts(db), class_shares(db), strength_index(db)
    hedged, verdicts, omitted = hedged_counts(db), verdict_counts(db), omission_check(db)
    total = counts.sum()
    facts = claims_[claims_["table"] == "facts"]
    records_measured = ((facts["status"] == "record") & (facts["class_id"] == "measured")).sum()
    bench = verdicts.loc["benchmarks"]
    resolved = verdicts["consistent"] + verdicts["explained"]
    most_measured, least_measured = shares["measured"].idxmax(), shares["measured"].idxmin()
    ranked = classes(db)  # strongest first
    n, pct = count_text, _share
    return {
        "ev-n-claims": claims_count_text(total["total"], "all"),
        "ev-n-facts": n(len(facts), "facts in data/facts.csv"),
        **{f"ev-n-{short}": class_count_text(total[cls], cls, "all") for cls, short in SHORT_CLASS_NAMES.items()},
        **{f"ev-s-{short}": class_share_text(share(total[cls], total["total"]), cls, "all")
           for cls, short in SHORT_CLASS_NAMES.items() if cls != "unfigured_superlative"},
        "ev-s-measured-max-theme": theme_name(most_measured).lower(),
        "ev-s-measured-max-value": class_share_text(shares.loc[most_measured, "measured"], "measured", most_measured),
        "ev-s-measured-min-theme": theme_name(least_measured).lower(),
        "ev-s-measured-min-value": class_share_text(shares.loc[least_measured, "measured"], "measured", least_measured),
        "ev-s-company-min-theme": class_share_text(shares.loc[least_measured, "company_claim"], "company_claim",
                                                   least_measured),
        "ev-index-all": index_text(index["all"], "all"),
        # the ends of the strength scale, as data/evidence_classes.csv sets them
        "ev-strength-strongest": tally_text(ranked["strength"].iloc[0], "strength of the strongest class, "
                                            f"{CLASS_WORDS[ranked['class_id'].iloc[0]]}, in data/evidence_classes.csv"),
        "ev-strength-weakest": tally_text(ranked["strength"].iloc[-1], "strength of the weakest class, "
                                          f"{CLASS_WORDS[ranked['class_id'].iloc[-1]]}, in data/evidence_classes.csv"),
        "ev-n-genres": n(len(db.source_genres), "pages classed by genre in data/source_genres.csv"),
        "ev-n-promotional": n((db.source_genres["genre"] == "promotional_feature").sum(),
                              "pages classed as promotional features"),
        "ev-n-company-facts": n(len(facts[facts["entity_kind"] == "company"]), "facts about a company"),
        "ev-n-records": n((facts["status"] == "record").sum(), "facts with the status record"),
        "ev-n-records-measured": n(records_measured, "facts with the status record classed as measured"),
        "ev-n-unfigured": n(omitted["total"], "unfigured claims in data/unfigured_claims.csv"),
        "ev-n-unfigured-listed": n(omitted["listed"], "unfigured claims that data/omissions.csv lists"),
        "ev-n-unfigured-new": n(omitted["not_listed"], "unfigured claims that data/omissions.csv does not list"),
        "ev-n-hedged": n(hedged["hedged"].sum(), "measured outcomes printed with a qualifier"),
        "ev-s-hedged": pct(share(hedged["hedged"].sum(), hedged[["exact", "hedged"]].to_numpy().sum()),
                           "measured outcomes printed with a qualifier", "measured outcomes"),
        "ev-chain-ratio": tally_text(ratio(counts.loc["chain_system", "measured"],
                                           counts.loc["chain_system", "plan_target"]),
                                     "measured outcomes / plans and targets, in the chain system", digits=1),
        "ev-all-ratio": tally_text(ratio(total["measured"], total["plan_target"]),
                                   "measured outcomes / plans and targets, in the whole book", digits=1),
        "ev-n-recs": n(verdicts["total"].sum(), "cross-checks in data/reconciliations.csv"),
        "ev-n-consistent": n(verdicts["consistent"].sum(), "cross-checks found consistent"),
        "ev-n-explained": n(verdicts["explained"].sum(), "cross-checks whose difference is explained"),
        "ev-n-unresolved": n(verdicts["unresolved"].sum(), "cross-checks left unresolved"),
        "ev-s-resolved": pct(share(resolved.sum(), verdicts["total"].sum()),
                             "consistent or explained cross-checks", "cross-checks",
                             "data/reconciliations.csv"),
        "ev-bm-n": n(bench["total"], "cross-checks against official benchmarks"),
        "ev-bm-consistent": n(bench["consistent"], "benchmark cross-checks found consistent"),
        "ev-bm-explained": n(bench["explained"], "benchmark cross-checks whose difference is explained"),
        "ev-bm-unresolved": n(bench["unresolved"], "benchmark cross-checks left unresolved"),
        "ev-most-open-chapter": CHAPTER_NAMES[verdicts["unresolved"].idxmax()],
        "ev-most-open-n": n(verdicts["unresolved"].max(), f"unresolved cross-checks in "
                                                         f"{CHAPTER_NAMES[verdicts['unresolved'].idxmax()]}"),
        "ev-n-rec-chapters": n(len(verdicts), "chapters with cross-checks"),
        "ev-n-open-chapters": n((verdicts["unresolved"] > 0).sum(), "chapters with an unresolved cross-check"),
        **theme_texts(db),
    }
