import csv
import os
import shutil
from pathlib import Path

import pytest

from industrybook.data import paths
from industrybook.data.database import DataError, load

ROOT = paths.ROOT


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break a table on purpose."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("_parts"))
    return target


def sources_or_skip() -> Path:
    src = paths.sources_dir()
    if src.is_dir() and any(src.glob("*.txt")):
        return src
    if in_ci():
        pytest.fail(f"source articles not found at {src} (set BOOK_SOURCES_DIR); CI requires them")
    pytest.skip(f"source articles not found at {src} (set BOOK_SOURCES_DIR to run provenance tests)")


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


def first_row(path: Path, field: str, value: str) -> int:
    """Index of the first data row whose ``field`` is ``value`` (its line is the index + 2)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return next(i for i, r in enumerate(csv.DictReader(fh)) if r[field] == value)


def assert_bad_cell_is_named(data_dir: Path, table: str, where, field: str, bad: str, message: str) -> None:
    """Put ``bad`` in one cell of ``data_dir/<table>.csv`` (``where``: a row index, or the (field, value) of
    the first such row) and check that loading that table alone, which brings the tables its checks
    need, stops with an error saying ``data/<table>.csv, line <n>, field '<field>': <message>`` (a regular
    expression; its alternatives, ``a|b``, stay after the prefix)."""
    path = data_dir / f"{table}.csv"
    row = where if isinstance(where, int) else first_row(path, *where)
    edit_csv(path, row, field, bad)
    with pytest.raises(DataError, match=rf"data/{table}\.csv, line {row + 2}, field '{field}': ({message})"):
        load(table, data_dir=data_dir, sources_dir=None)
