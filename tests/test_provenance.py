"""Every record stands in its source article: load() checks it when given the sources, and names
the file, line and field of a record that does not (a copy of data/ is broken on purpose; the
locator rules, one per table, are in tests/test_data_rules.py)."""
import pytest

from conftest import edit_csv, sources_or_skip
from industrybook.data.database import DataError, load


@pytest.fixture(scope="module")
def sources():
    return sources_or_skip()


def test_the_data_stand_in_their_sources(sources):
    db = load(sources_dir=sources)  # raises DataError naming every record that does not
    assert sorted(db.sources["file"]) == sorted(p.name for p in sources.glob("*.txt"))


def test_a_missing_or_unlisted_source_file_is_named(data_copy, sources, tmp_path):
    edit_csv(data_copy / "sources.csv", 0, "file", "999_0000000000000000.txt")
    with pytest.raises(DataError) as err:
        load("sources", data_dir=data_copy, sources_dir=sources)
    assert "data/sources.csv, line 2, field 'file': '999_0000000000000000.txt' is not in" in str(err.value)
    assert "data/sources.csv, field 'file': source article '003_d8bf1e993a032e8e.txt'" in str(err.value)
