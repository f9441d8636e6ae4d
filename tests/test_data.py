"""The fact database loads, and each kind of bad input stops it with a message naming file, line and field."""
import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from industrybook import DataError, load
from industrybook.cachedeps import table_closure
from industrybook.data import locator_distance, parse_period


def edit_csv(path: Path, row: int, field: str, value: str) -> None:
    """Set one cell of a CSV file (row 0 is the first data row, on line 2)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fieldnames = list(rows[0].keys())
    rows[row][field] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


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
    db = load("terms")
    assert set(db.tables) == {"terms", "sources"}


BAD_INPUTS = [
    ("facts", "value", "twelve", r"facts\.csv, line 2, field 'value'.*type-error"),
    ("facts", "source_id", "hn19990101", r"facts\.csv, line 2.*foreign-key"),
    ("facts", "entity_id", "no_such_entity", r"facts\.csv, line 2.*foreign-key"),
    ("facts", "unit_printed", "斤斤", r"facts\.csv, line 2.*foreign-key"),
    ("facts", "period", "2024-13", r"facts\.csv, line 2, field 'period': date does not parse"),
    ("events", "date", "2024-02-30", r"events\.csv, line 2, field 'date': date does not parse"),
    ("facts", "locator_figure", "999999.9亿元", r"facts\.csv, line 2, field 'locator_figure'.*does not occur"),
    ("facts", "value", "1", r"facts\.csv, line 2, field 'value': .* is not value_printed"),
]


@pytest.mark.parametrize("table,field,bad,message", BAD_INPUTS, ids=[f"{t}.{f}={b}" for t, f, b, _ in BAD_INPUTS])
def test_bad_input_is_named(data_copy, table, field, bad, message):
    from conftest import sources_or_skip

    sources = sources_or_skip() if field == "locator_figure" else None
    edit_csv(data_copy / f"{table}.csv", 0, field, bad)
    with pytest.raises(DataError, match=message):
        load(data_dir=data_copy, sources_dir=sources)


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
    from industrybook import paths

    pkg = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    described = {r["path"] for r in pkg["resources"]}
    on_disk = {p.name for p in paths.DATA_DIR.glob("*.csv")}
    assert described == on_disk
    for r in pkg["resources"]:
        assert r["schema"].get("primaryKey"), r["name"]
        for f in r["schema"]["fields"]:
            assert f.get("description"), (r["name"], f["name"])
