"""The appendix pages: every generator gives known answers, and the register and the data dictionary
follow the data (edited here in a copy of data/)."""
import csv
import json

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from conftest import sources_or_skip  # noqa: E402
from industrybook.appendix import shared  # noqa: E402
from industrybook.appendix import timeline as tl  # noqa: E402
from industrybook.appendix import data_dictionary as dd  # noqa: E402
from industrybook.appendix import sources_method as sm  # noqa: E402
from industrybook.appendix import reconciliation as rr  # noqa: E402
from industrybook.text.figures import fmt_number  # noqa: E402
from industrybook.render.tables import GLUE_ROLE  # noqa: E402
from industrybook.data.database import load  # noqa: E402
from industrybook.data.database import LOCATOR_WINDOW, split_ids  # noqa: E402
from industrybook.data.words import word_english, word_figures  # noqa: E402
from industrybook.data.themes import ordered_themes, theme_chapters, theme_name, theme_order  # noqa: E402
from industrybook.text.facts import fact_text  # noqa: E402


@pytest.fixture(scope="module")
def db():
    return load(sources_dir=None)


def _event(event_id, date, precision, theme="new_materials", source_id="hn20260124"):
    return {"event_id": event_id, "source_id": source_id, "date": date, "date_precision": precision,
            "event_type": "other", "entity_id": "hengyang", "theme": theme, "title_en": f"Event {event_id}",
            "title_zh": "事件", "locator_term": "x", "note": ""}


def _append_csv_row(path, row):
    with path.open(encoding="utf-8", newline="") as fh:
        fieldnames = next(csv.reader(fh))
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=fieldnames).writerow(row)


# ------------------------------------------------------------------------------------ helpers


def shown(out) -> str:
    """A table's MyST with each linked cell's ``{glue:text}`` role replaced by the text it shows."""
    return GLUE_ROLE.sub(lambda m: out.glued[m.group(1)], out.text).replace("\u00a0", " ")


def test_theme_names_and_order():
    assert theme_name("metro_area") == "Metropolitan area"
    assert theme_name("unknown_theme") == "unknown_theme"
    assert ordered_themes({"science_policy", "zzz", "chain_system", "aaa"}) == \
        ["chain_system", "science_policy", "aaa", "zzz"]
    assert set(theme_chapters()) == set(theme_order())
    assert theme_chapters()["chain_system"] == "chapters/overview"


def test_links_and_citations():
    assert shared.doc_link("chapters/overview") == "{doc}`/chapters/overview`"
    assert shared.doc_link("chapters/overview", "Overview") == "{doc}`Overview </chapters/overview>`"
    assert tl.theme_link("chain_system") == "{doc}`Chain system </chapters/overview>`"
    assert tl.theme_link("odd_theme") == "odd_theme" and tl.theme_link("<b>odd</b>") == r"\<b\>odd\</b\>"
    assert shared.cite("hy202304") == "{cite:p}`hy202304`"
    assert shared.cite(["a", "b"]) == "{cite:p}`a,b`"
    assert shared.code("a|b") == "`a\uff5cb`"


def test_list_table():
    lt = rr.list_table([["a", "- one\n- two"]], ["H1", "H2"], "Cap", "lt-x", widths="50 50")
    assert lt.startswith("::::{list-table} Cap") and lt.endswith("::::") and ":name: lt-x" in lt and ":widths: 50 50" in lt
    assert "* - H1" in lt and "  - - one\n    - two" in lt
    with pytest.raises(ValueError):
        rr.list_table([["only one cell"]], ["H1", "H2"], "Cap", "lt-y")


def test_split_ids():
    assert split_ids("a; b;;c") == ["a", "b", "c"] and split_ids(None) == []


# ------------------------------------------------------------------------------------ timeline


def test_timeline_events_order_numbers_and_chapters():
    events = pd.DataFrame([_event("b", "2024", "year"), _event("a", "2024-03-01", "day", "metro_area"),
                           _event("c", "2024-07", "month", "chain_system"), _event("d", "2024-07", "month")])
    ev = tl.timeline_events(events)
    # midpoints: 2024-03-01, 2024-07-01 12:00 (year), 2024-07-16 (month) twice: chain_system before new_materials
    assert list(ev["event_id"]) == ["a", "b", "c", "d"]
    assert list(ev["no"]) == [1, 2, 3, 4]
    assert ev.loc[0, "chapter"] == "chapters/metro_area" and ev.loc[2, "chapter"] == "chapters/overview"
    assert ev.loc[1, "first"] == pd.Timestamp("2024-01-01") and ev.loc[1, "last"] == pd.Timestamp("2024-12-31")
    assert tl.timeline_events(events.iloc[0:0]).empty


def test_number_labels_and_points():
    assert tl.number_label([3]) == "3"
    assert tl.number_label([5, 3, 4]) == "3\u20135"
    assert tl.number_label([3, 5]) == "3, 5" and tl.number_label([3, 4]) == "3, 4"
    with pytest.raises(ValueError):
        tl.number_label([])
    events = pd.DataFrame([_event(f"e{i}", "2026-01", "month") for i in range(3)]
                          + [_event("x", "2026-01", "month", "science_policy"), _event("y", "2025-04", "month")])
    pts = tl.timeline_points(tl.timeline_events(events))
    assert len(pts) == 3  # the three new-materials events of 2026-01 share one marker
    assert sorted(pts["label"]) == ["1", "2\u20134", "5"]


def test_axis_break():
    early = pd.Series(pd.to_datetime(["1937-07-02", "2020-09-15", "2021-07-02", "2026-01-16"]))
    assert tl.axis_break(early) == (pd.Timestamp("1937-07-02"), pd.Timestamp("2020-09-15"))
    assert tl.axis_break(early.iloc[1:]) is None
    assert tl.axis_break(early.iloc[:1]) is None


def test_timeline_stats(db):
    events = pd.DataFrame([_event("a", "2026-01", "month"),  # the page's own month
                           _event("b", "2026-03", "month"),  # after the page (2026-01-24)
                           _event("c", "2025-04", "month"), _event("d", "2025-06-26", "day"),
                           _event("e", "2024", "year", source_id="hn20241120")])
    stats = tl.timeline_stats(tl.timeline_events(events), db.sources)
    assert stats == {"events": 5, "first_year": 2024, "last_year": 2026, "day": 1, "month": 3, "year": 1,
                     "page_month": 1, "after_page": 1, "themes": 1}


def test_timeline_table_chart_and_markdown(db):
    ev = tl.timeline_events(db.events)
    table = tl.timeline_table(db, ev)
    assert len(table) == len(db.events)
    assert list(table.columns) == ["No.", "Date", "Precision", "Event", "Chinese label", "Theme and chapter", "Source"]
    row = table.iloc[0]
    theme = ev.loc[0, "theme"]
    assert row["Theme and chapter"] == f"{{doc}}`{theme_name(theme)} </{theme_chapters()[theme]}>`"
    assert row["Source"] == f"{{cite:p}}`{ev.loc[0, 'source_id']}`"
    out = tl.timeline_markdown(db, ev)
    md = out.text
    assert ":name: tl-events" in md and md.count("\n| ") == len(ev) + 1
    # every event's date links to the event's entry
    assert sum(key.endswith("c1") or "c1p" in key for key in out.glued) == len(ev)
    assert [table.loc[i, "Date"].fact_ids for i in range(2)] == [(e,) for e in ev["event_id"][:2]]
    c = tl.timeline_chart(db, ev)
    themes = db.events["theme"].nunique()
    assert c.axes.shape[0] == themes
    assert f"placing {len(ev)} numbered events" in c.alt
    matplotlib.pyplot.close(c.fig)
    # without a lone early event there is no axis break: one column of panels
    recent = pd.DataFrame([_event("a", "2025-04", "month"), _event("b", "2026-01-18", "day", "metro_area")])
    c = tl.timeline_chart(db, tl.timeline_events(recent))
    assert c.axes.shape == (2, 1) and "placing 2 numbered events" in c.alt
    matplotlib.pyplot.close(c.fig)
    with pytest.raises(ValueError):
        tl.timeline_chart(db, tl.timeline_events(recent.iloc[0:0]))


# ------------------------------------------------------------------------------------ data dictionary


def test_resource_summary_and_field_table(db):
    s = dd.resource_summary(db).set_index("table")
    assert s.loc["facts", "rows"] == len(db.facts)
    assert s.loc["facts", "primary_key"] == "fact_id"
    assert "source_id → sources" in s.loc["facts", "references"]
    assert s.loc["omissions", "primary_key"] == "source_id, locator"
    assert s.loc["facts", "refers_to"] == ["sources", "entities", "units", "themes", "qualifiers"]
    assert s.loc["sources", "refers_to"] == []
    f = dd.field_table(db, "facts").set_index("Field")
    n = len(db.facts)
    assert f.loc["fact_id", "Filled"] == f"{n}\u00a0of\u00a0{n}"  # one piece in a narrow column ("237 of / 237")
    assert f.loc["value", "Filled"] == f"{int(db.facts['value'].notna().sum())}\u00a0of\u00a0{n}"
    assert "primary key" in f.loc["fact_id", "Constraints"]


def test_dictionary_and_downloads_cover_every_table(db):
    md = shown(dd.dictionary_markdown(db))
    summary = shown(dd.summary_markdown(db))
    downloads = shown(dd.downloads_markdown(db))
    for r in db.schema["resources"]:
        assert f":name: dd-fields-{r['name']}" in md
        assert f"{{numref}}`dd-fields-{r['name']}`" in summary
        assert f"{{download}}`{r['path']} <../data/{r['path']}>`" in downloads
    assert "{download}`datapackage.json <../data/datapackage.json>`" in downloads
    assert "| `value` | number; unit: see field 'unit' |" in md  # the unit travels with the type
    # patterns leave the table for a list under it
    assert "pattern (below)" in md and "- `fact_id`: `^[a-z0-9][a-z0-9_]*$`" in md
    assert dd.download_link("facts.csv", "the facts") == "{download}`the facts <../data/facts.csv>`"


def test_facts_by_source_and_theme(db):
    counts = dd.facts_by_source_theme(db)
    assert counts.loc["total", "total"] == len(db.facts)
    sid = db.facts["source_id"].iloc[0]
    assert counts.loc[sid, "total"] == int((db.facts["source_id"] == sid).sum())
    assert list(counts.index[:-1]) == list(db.sources.sort_values("date").index)
    md = shown(dd.facts_count_markdown(db, counts))
    assert ":name: dd-fact-counts" in md and "**All pages**" in md
    c = dd.facts_count_chart(db, counts)
    assert f"of the {len(db.facts)} facts" in c.alt
    matplotlib.pyplot.close(c.fig)


# ------------------------------------------------------------------------------------ sources and method


def test_source_counts_and_blocks(db):
    counts = sm.source_counts(db)
    for table in sm.RECORD_TABLES:
        assert counts[table].sum() == len(db.tables[table])
    blocks = shown(sm.source_blocks_markdown(db, counts))
    assert blocks.count("**Left out.**") == len(db.sources)
    table = shown(sm.sources_table_markdown(db, counts))
    assert ":name: sx-sources" in table and all(f"{{cite:p}}`{s}`" in table for s in db.sources.index)


def test_qualifier_rules(db):
    q = sm.qualifier_table(db).set_index("qualifier")
    assert q["facts"].sum() == len(db.facts)
    assert (q["rule_holds"] == q["facts"]).all()
    md = shown(sm.qualifier_markdown(db))
    n_exact = int((db.facts["qualifier"] == "exact").sum())
    assert f"| `exact` | a plain figure, no hedge | value only | {n_exact} | {n_exact} of {n_exact} |" in md

    # a fact that breaks the rule (load() refuses it; the page counts it)
    db_with_bad = load(sources_dir=None)
    fid = db_with_bad.facts.index[db_with_bad.facts["qualifier"] == "more_than"][0]
    db_with_bad.facts.loc[fid, "value_low"] = db_with_bad.facts.loc[fid, "value"] - 1
    q = sm.qualifier_table(db_with_bad).set_index("qualifier")
    assert q.loc["more_than", "rule_holds"] == q.loc["more_than", "facts"] - 1


def test_units_and_word_figures(db):
    u = sm.units_table(db)
    assert u["facts"].sum() == len(db.facts)
    assert u["benchmarks"].sum() == len(db.benchmarks)
    assert u["uses"].is_monotonic_decreasing
    assert u.set_index("unit_printed").loc["億元", "uses"] > 0  # printed only by official releases
    assert ":name: sx-units" in shown(sm.units_markdown(db))
    w = sm.word_figures_table(db).set_index("word")
    assert set(w.index) == set(word_figures()) and set(word_figures()) == set(word_english())
    assert (w.loc["数百", "low"], w.loc["数百", "high"]) == (200.0, 900.0)
    assert w.loc["数百", "facts"] == int((db.facts["value_printed"] == "数百").sum())
    assert "| 数百 | a few hundred | \u2013 | 200 | 900 |" in shown(sm.word_figures_markdown(db))


def test_locator_distances_and_chart(db):
    src = sources_or_skip()
    dist = sm.locator_distances(db, src)
    assert len(dist) == len(db.facts) and dist.notna().all() and dist.max() <= LOCATOR_WINDOW
    c = sm.distance_chart(db, dist, LOCATOR_WINDOW)
    assert f"for {len(db.facts)} facts" in c.alt
    matplotlib.pyplot.close(c.fig)


def test_example_fact_and_closure(db):
    ex = sm.example_fact(db)
    md = shown(sm.example_markdown(db, ex, 7.0))
    assert ":name: sx-example" in md and "| Distance between them | 7 characters |" in md
    assert f"| Stored value | {fmt_number(ex['value'], 6)} CNY |" in md and fact_text(db, ex["fact_id"]) in md
    assert "e+" not in md  # no scientific notation for readers
    assert ex["unit_printed"] == "亿元" and ex["qualifier"] == "exact"
    assert ex["fact_id"] == db.facts.query("unit_printed == '亿元' and qualifier == 'exact'").index.min()
    closure = sm.closure_table(db.schema).set_index("table")["also_validated"]
    assert closure["facts"] == ["entities", "qualifiers", "sources", "themes", "units", "word_figures"]
    assert closure["sources"] == []
    assert "(nothing else)" in shown(sm.closure_markdown(db.schema))


# ------------------------------------------------------------------------------------ register


def test_toc_order_and_chapter_link(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: intro\nparts:\n  - chapters:\n      - file: chapters/overview\n"
                   "      - file: chapters/metro_area.ipynb\n", encoding="utf-8")
    docs = rr.toc_order(toc)
    assert docs == ["intro", "chapters/overview", "chapters/metro_area"]
    assert rr.chapter_link("overview", docs) == "{doc}`/chapters/overview`"
    assert rr.chapter_link("not_a_chapter", docs) == "`not_a_chapter`"
    assert "chapters/reconciliation" in rr.toc_order()


def test_register_status_and_summary(db):
    fid = db.facts.index[0]
    item = rr.figure_item(db, fid)
    assert f"`{fid}`" in item and f"{{cite:p}}`{db.fact(fid)['source_id']}`" in item
    # the period in the book's one period form; a fact without a period says so
    assert "(January\u2013September 2024): " in rr.figure_item(db, "hy_rd_spend_jan_sep")
    assert "(period not given): " in rr.figure_item(db, "nm_residue_price_per_truck_past")
    # a label that names its period does not repeat it in brackets
    assert rr.figure_item(db, "yy_guangxin_revenue_growth_2025q1q3").startswith(
        "Guangxin Technology revenue growth, January–September 2025, year on year: ")
    counts = rr.status_counts(db).set_index("status")["checks"]
    assert counts["total"] == len(db.reconciliations)
    assert counts[["consistent", "explained", "unresolved"]].sum() == len(db.reconciliations)


def _register_copy(data_copy, keep_rows: bool):
    path = data_copy / "reconciliations.csv"
    if not keep_rows:
        header = path.read_text(encoding="utf-8").splitlines()[0]
        path.write_text(header + "\n", encoding="utf-8")
    return path


def test_register_empty(data_copy):
    _register_copy(data_copy, keep_rows=False)
    db = load("reconciliations", "facts", data_dir=data_copy, sources_dir=None)
    assert rr.register_table(db).empty
    md = rr.register_markdown(db)
    assert ":name: rr-register" in md and "No check has been recorded yet." in md
    assert md.count("* - ") == 2  # the header row and the one row saying the register is empty
    assert rr.status_counts(db).set_index("status").loc["total", "checks"] == 0
    assert rr.register_summary(db) == "no checks yet"


def test_register_follows_an_added_row(data_copy):
    path = _register_copy(data_copy, keep_rows=True)
    before = load("reconciliations", "facts", data_dir=data_copy, sources_dir=None)
    n = len(before.reconciliations)
    table_before = rr.register_table(before)
    facts = before.facts
    a, b = facts.index[0], facts.index[1]
    _append_csv_row(path, {"rec_id": "zz_test_check", "chapter": "overview", "topic": "A test comparison",
                           "fact_ids": f"{a};{b}", "finding": "Test finding: the two agree.",
                           "likely_reason": "Same scope.", "status": "unresolved"})
    after = load("reconciliations", "facts", data_dir=data_copy, sources_dir=None)
    table = rr.register_table(after)
    assert len(table) == len(table_before) + 1 == n + 1
    row = table.set_index("rec_id").loc["zz_test_check"]
    assert row["figures"] == [rr.figure_item(after, a), rr.figure_item(after, b)]
    assert row["sources"] == sorted({facts.loc[a, "source_id"], facts.loc[b, "source_id"]})
    md = rr.register_markdown(after)
    assert "Test finding: the two agree." in md and "{doc}`/chapters/overview`" in md
    assert md.count("* - ") == len(table) + 1  # header plus one row per check
    assert "Check `zz_test_check` compares:" in md and "Status: *unresolved*" in md
    assert fact_text(after, a) in md
    counts = rr.status_counts(after).set_index("status")["checks"]
    assert counts["unresolved"] == rr.status_counts(before).set_index("status")["checks"]["unresolved"] + 1
    assert rr.register_summary(after).startswith(f"{n + 1} check")


def test_dictionary_follows_a_changed_description(data_copy):
    before = load(data_dir=data_copy, sources_dir=None)
    old = dd.field_table(before, "facts").set_index("Field").loc["metric_en", "Description"]
    pkg_path = data_copy / "datapackage.json"
    pkg = json.loads(pkg_path.read_text(encoding="utf-8"))
    facts = next(r for r in pkg["resources"] if r["name"] == "facts")
    field = next(f for f in facts["schema"]["fields"] if f["name"] == "metric_en")
    field["description"] = "A changed description for the test."
    pkg_path.write_text(json.dumps(pkg, ensure_ascii=False, indent=1), encoding="utf-8")
    after = load(data_dir=data_copy, sources_dir=None)
    new = dd.field_table(after, "facts").set_index("Field").loc["metric_en", "Description"]
    assert new == "A changed description for the test." != old
    md = dd.dictionary_markdown(after)
    assert "A changed description for the test." in shown(md) and md.text != dd.dictionary_markdown(before).text
