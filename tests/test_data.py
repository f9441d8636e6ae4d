"""The fact database loads, and each kind of bad input stops it with a message naming file, line and field."""
import csv
import json
import math

import pandas as pd
import pytest

from conftest import assert_bad_cell_is_named
from industrybook.data.database import DataError, load
from industrybook.data import paths
from industrybook.data.database import table_closure
from industrybook.data.database import (QUALIFIER_BOUNDS, SourcesNotFoundWarning, bounds_problem, locator_distance,
                               parse_period, split_ids)


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
    assert db.text(fid).startswith("CNY ")
    with pytest.raises(KeyError, match="no fact with id 'nope'"):
        db.fact("nope")
    line = db.source_line(db.facts["source_id"].unique()[:2])
    assert line.startswith("Source: ") and "Daily" in line


def test_partial_load_closes_over_foreign_keys():
    assert table_closure(["facts"]) == ["entities", "facts", "sources", "units"]
    # a reconciliation names facts by id (a list, which no foreign key expresses): facts come along
    assert table_closure(["reconciliations"]) == ["entities", "facts", "reconciliations", "sources", "units"]
    db = load("terms")
    assert set(db.tables) == {"terms", "sources"}


# (table, the row to break: an index or (field, value) of the first such row, field, bad value,
#  what the message must say after "data/<table>.csv, line <n>, field '<field>'")
BAD_INPUTS = [
    ("facts", 0, "value", "twelve", "type-error"),
    ("facts", 0, "value_printed", "twelve", "not a figure: 'twelve'"),
    ("facts", 0, "source_id", "hn19990101", "foreign-key"),
    ("facts", 0, "entity_id", "no_such_entity", "foreign-key"),
    ("facts", 0, "unit_printed", "斤斤", "foreign-key.*斤斤"),  # a unit missing from units.csv
    ("facts", 0, "unit", "yuan", "'yuan' is not the base unit"),
    ("facts", 0, "period", "2024-13", "date does not parse"),
    ("facts", 0, "qualifier", "roughly", "constraint-error.*enum.*'roughly'"),
    ("facts", 0, "metric_en", "", "constraint-error.*required"),
    ("facts", 0, "value", "1", ".* is not value_printed"),
    ("facts", 0, "locator_figure", "百", "'百' does not show the printed figure '十'"),
    ("facts", ("qualifier", "more_than"), "value_low", "1", "qualifier 'more_than' needs value_low = value"),
    ("facts", ("qualifier", "nearly"), "value_high", "", "qualifier 'nearly' needs value_high = value"),
    ("facts", ("qualifier", "less_than"), "value_high", "1", "qualifier 'less_than' needs value_high = value"),
    ("facts", ("qualifier", "exact"), "value_high", "5", "qualifier 'exact' sets no value_high"),
    ("facts", ("qualifier", "range"), "value_low", "1e15", "value_low 1e\\+15 is not below value_high"),
    ("facts", ("qualifier", "range"), "value", "5", "a range .* stores no value"),
    ("reconciliations", 0, "fact_ids", "mf_output_2020;no_such_fact", "unknown fact_id.* of facts: no_such_fact"),
    ("events", 0, "date", "2024-02-30", "date does not parse"),
    ("events", 0, "event_type", "party", "constraint-error.*enum.*'party'"),
    ("sources", 0, "date", "2023-02-30", "date does not parse"),
    ("sources", 0, "date_precision", "week", "constraint-error.*enum"),
    ("places", 0, "lat", "95", "constraint-error.*maximum"),
]


@pytest.mark.parametrize("table,where,field,bad,message", BAD_INPUTS,
                         ids=[f"{t}.{f}={b}" for t, _, f, b, _ in BAD_INPUTS])
def test_bad_input_is_named(data_copy, table, where, field, bad, message):
    assert_bad_cell_is_named(data_copy, table, where, field, bad, message)


def test_missing_column_is_named(data_copy):
    path = data_copy / "facts.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r[:3] + r[4:] for r in csv.reader(fh)]  # drop entity_id
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(DataError, match=r"data/facts\.csv, line 1, field 'entity_id': column missing") as err:
        load("facts", data_dir=data_copy, sources_dir=None)
    assert "incorrect-label" not in str(err.value)  # one clear problem, not every later column


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


def test_sources_auto_warns_when_absent_and_raises_in_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("BOOK_SOURCES_DIR", str(tmp_path / "nowhere"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.warns(SourcesNotFoundWarning) as record:
        load("terms")
    assert "BOOK_SOURCES_DIR" in str(record[0].message) and str(tmp_path / "nowhere") in str(record[0].message)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(FileNotFoundError, match="CI requires them"):
        load("terms")
    load("terms", sources_dir=None)  # skipping the check on purpose is silent, in CI too


def test_duplicate_id_is_named(data_copy):
    path = data_copy / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    with pytest.raises(DataError, match=rf"facts\.csv, line {len(lines) + 1}.*(primary-key|unique)"):
        load(data_dir=data_copy, sources_dir=None)


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
