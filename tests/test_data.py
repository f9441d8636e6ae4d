"""The fact database loads and types its tables; its helpers give known answers. The rules that stop bad
input, each with a message naming file, line and field, are tested in tests/test_data_rules.py."""
import json
import math
import re

import pandas as pd
import pytest

from conftest import edit_csv, first_row
from industrybook.data.database import load
from industrybook.data import paths
from industrybook.data.schema import table_closure
from industrybook.text.facts import fact_text, source_line
from industrybook.data.database import (QUALIFIER_BOUNDS, bounds_problem, locator_distance, parse_period,
                                        split_ids)


def test_loads_and_types():
    db = load()
    facts = db.facts
    assert len(facts) >= 200
    assert facts["value"].dtype == "float64"
    assert facts.index.is_unique
    row = db.fact(facts.index[0])
    assert row["source_id"] in db.sources.index


def test_lookup_helpers():
    db = load("facts")
    fid = db.facts.query("unit == 'CNY' and value > 1e8").index[0]
    assert fact_text(db, fid).startswith("CNY ")
    with pytest.raises(KeyError, match="no fact with id 'nope'"):
        db.fact("nope")
    line = source_line(db, db.facts["source_id"].unique()[:2])
    assert line.startswith("Source: ") and "Daily" in line


def test_partial_load_closes_over_foreign_keys():
    assert table_closure(["facts"]) == ["entities", "facts", "qualifiers", "sources", "themes", "units", "word_figures"]
    # a reconciliation names facts by id (a list, which no foreign key expresses): facts come along
    assert table_closure(["reconciliations"]) == ["entities", "facts", "qualifiers", "reconciliations", "sources",
                                                  "themes", "units", "word_figures"]
    # an unfigured claim names a row of omissions by two fields, one of them optional (rowReference)
    assert "omissions" in table_closure(["unfigured_claims"])
    db = load("terms")
    assert set(db.tables) == {"terms", "sources", "themes"}


def test_bounds_problem():
    def fact(qualifier, value=5.0, low=math.nan, high=math.nan):
        return pd.Series({"qualifier": qualifier, "value": value, "value_low": low, "value_high": high})

    assert bounds_problem(fact("more_than", low=5.0)) is None and bounds_problem(fact("at_least", low=5.0)) is None
    assert bounds_problem(fact("nearly", high=5.0)) is None and bounds_problem(fact("exact")) is None
    assert bounds_problem(fact("range", value=math.nan, low=2.0, high=9.0)) is None
    assert bounds_problem(fact("more_than", low=4.0))[0] == "value_low"
    assert bounds_problem(fact("at_least"))[0] == "value_low"
    assert bounds_problem(fact("about", high=6.0))[0] == "value_high"
    assert bounds_problem(fact("range", value=math.nan, low=9.0, high=2.0))[0] == "value_low"
    assert bounds_problem(fact("range", value=math.nan, low=9.0))[0] == "value_high"
    assert bounds_problem(fact("exact", value=math.nan))[0] == "value"
    assert set(QUALIFIER_BOUNDS) == set(next(f for r in json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
                                             ["resources"] if r["name"] == "facts"
                                             for f in r["schema"]["fields"] if f["name"] == "qualifier")
                                        ["constraints"]["enum"])


def test_split_ids():
    assert split_ids("a; b;;c") == ["a", "b", "c"] and split_ids(None) == [] and split_ids(pd.NA) == []


def test_parse_period():
    assert parse_period("2024-01/2024-09") == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-09-30"))
    assert parse_period("2021/2025")[1] == pd.Timestamp("2025-12-31")
    assert parse_period("2025-06-26")[0] == pd.Timestamp("2025-06-26")
    for bad in ["2024-13", "24-01", "2025/2021", "2024-02-30"]:
        with pytest.raises(ValueError):
            parse_period(bad)


def test_locator_distance():
    text = "某省研发投入为 1394.6亿元，另一数字为2.62%"  # whitespace is ignored
    assert locator_distance(text, "1394.6亿元", "研发投入") == 5
    assert locator_distance(text, "1394.6亿元", "不存在") is None


def test_datapackage_describes_every_csv():
    pkg = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    described = {r["path"] for r in pkg["resources"]}
    on_disk = {p.name for p in paths.DATA_DIR.glob("*.csv")}
    assert described == on_disk
    for r in pkg["resources"]:
        assert r["schema"].get("primaryKey"), r["name"]
        for f in r["schema"]["fields"]:
            assert f.get("description"), (r["name"], f["name"])


def test_themes_come_from_the_themes_table(data_copy, monkeypatch):
    from industrybook.data.themes import ordered_themes, theme_chapters, theme_name, theme_order
    from industrybook.render import style

    themes = data_copy / "themes.csv"
    row = first_row(themes, "theme", "metro_area")
    edit_csv(themes, row, "name_en", "City cluster")
    edit_csv(themes, row, "colour", "#123456")
    edit_csv(themes, row, "order", "9")  # now last
    monkeypatch.setenv("BOOK_DATA_DIR", str(data_copy))
    assert theme_name("metro_area") == "City cluster" and theme_name("unknown_theme") == "unknown_theme"
    assert theme_order()[-1] == "metro_area"
    assert ordered_themes({"metro_area", "zzz", "science_policy"}) == ["science_policy", "metro_area", "zzz"]
    assert style.THEME_COLOURS["metro_area"] == "#123456"
    assert theme_chapters()["metro_area"] == "chapters/metro_area"


def test_word_figures_come_from_the_word_table(data_copy, monkeypatch):
    from industrybook.data import printed, words as word_figures

    table = data_copy / "word_figures.csv"
    row = first_row(table, "word", "数百")
    edit_csv(table, row, "english", "some hundreds")
    edit_csv(table, row, "high", "500")
    monkeypatch.setenv("BOOK_DATA_DIR", str(data_copy))
    words = word_figures.word_figures()
    assert word_figures.word_figure_text("数百", "元") == "some hundreds yuan"
    assert printed.parse_printed("数百", words) == (None, 200.0, 500.0)
    assert words["三分之一"] == (1 / 3, None, None) and word_figures.word_english()["首"] == "the first"
    with pytest.raises(ValueError, match="not a figure: '几千'"):
        printed.parse_printed("几千", words)


# a figure in a finding: CNY amounts in bn or m, percentages, or bare numbers
FINDING_FIGURE = re.compile(r"(CNY\s?)?(\d[\d,]*(?:\.\d+)?)\s?(bn|m\b)?")
SCALE = {"bn": 1e9, "m": 1e6}


def rounded_inputs(finding: str, values: dict[str, float]) -> list[tuple[str, str]]:
    """(figure, fact id) for each figure of a finding that is a fact's value rounded (within 0.5%) but
    equals none of the compared facts: a finding quotes its inputs as their records print them."""
    found = []
    for m in FINDING_FIGURE.finditer(finding):
        cny, digits, scale = m.groups()
        figure = float(digits.replace(",", "")) * (SCALE.get(scale, 1) if cny else 1)
        if any(math.isclose(figure, v, rel_tol=1e-9) for v in values.values()):
            continue
        found += [(m.group().strip(), fid) for fid, v in values.items() if v and abs(figure - v) < 0.005 * abs(v)]
    return found


def test_rounded_inputs_are_found():
    assert rounded_inputs("at listing CNY 5.31 bn < CNY 8.2 bn", {"a": 5.308e9, "b": 8.2e9}) == [("CNY 5.31 bn", "a")]
    assert rounded_inputs("CNY 215.404 bn exceeds CNY 214.3 bn", {"a": 215.404e9, "b": 214.3e9}) == []


def test_findings_quote_their_figures_as_printed():
    db = load()
    problems = []
    for row, (rec_id, rec) in enumerate(db.reconciliations.iterrows(), start=2):
        values = {}
        for fid in split_ids(rec["fact_ids"]):
            if fid in db.facts.index and pd.notna(db.facts.loc[fid, "value"]):
                values[fid] = float(db.facts.loc[fid, "value"])
        problems += [f"data/reconciliations.csv, row {row} ({rec_id}), finding: {fig} rounds {fid} "
                     f"({fact_text(db, fid)})" for fig, fid in rounded_inputs(rec["finding"], values)]
    assert not problems, "\n".join(problems)
