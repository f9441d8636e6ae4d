"""Every record stands in its source article: load() checks it when given the sources, and names
the file, line and field of a record that does not (a copy of data/ is broken on purpose)."""
import pytest

from conftest import edit_csv, first_row, sources_or_skip
from industrybook.data.database import DataError, load


@pytest.fixture(scope="module")
def sources():
    return sources_or_skip()


def test_the_data_stand_in_their_sources(sources):
    db = load(sources_dir=sources)  # raises DataError naming every record that does not
    assert sorted(db.sources["file"]) == sorted(p.name for p in sources.glob("*.txt"))


BAD_LOCATORS = [
    ("facts", "locator_figure", "十大杂烩", "locator '十大杂烩' / .* does not occur in its source"),
    ("events", "locator_term", "从未发生的事件", "'从未发生的事件' does not occur in its source"),
    ("flows", "locator_term", "不存在的材料", "'不存在的材料' does not occur in its source"),
]


@pytest.mark.parametrize("table,field,bad,message", BAD_LOCATORS, ids=[f"{t}.{f}" for t, f, _, _ in BAD_LOCATORS])
def test_a_locator_outside_its_source_is_named(data_copy, sources, table, field, bad, message):
    edit_csv(data_copy / f"{table}.csv", 0, field, bad)
    with pytest.raises(DataError, match=rf"data/{table}\.csv, line 2, field '{field}': {message}"):
        load(table, data_dir=data_copy, sources_dir=sources)
    load(table, data_dir=data_copy, sources_dir=None)  # without the sources the rule is not checked


def test_figure_and_term_too_far_apart_is_named(data_copy, sources):
    path = data_copy / "facts.csv"
    row = first_row(path, "fact_id", "ch_chain_count")
    edit_csv(path, row, "locator_term", "邓小山")  # on the page (the byline), far from this figure
    with pytest.raises(DataError, match=rf"facts\.csv, line {row + 2}, field 'locator_figure': .*characters apart"):
        load("facts", data_dir=data_copy, sources_dir=sources)


def test_a_missing_or_unlisted_source_file_is_named(data_copy, sources, tmp_path):
    edit_csv(data_copy / "sources.csv", 0, "file", "999_0000000000000000.txt")
    with pytest.raises(DataError) as err:
        load("sources", data_dir=data_copy, sources_dir=sources)
    assert "data/sources.csv, line 2, field 'file': '999_0000000000000000.txt' is not in" in str(err.value)
    assert "data/sources.csv, field 'file': source article '003_d8bf1e993a032e8e.txt'" in str(err.value)
