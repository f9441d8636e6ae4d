"""Every official benchmark stands in its stored excerpt, offline, and bad benchmark rows are named."""
import math

import pytest

from industrybook import DataError, load
from industrybook.data import BENCHMARK_EXCERPTS, LOCATOR_WINDOW, locator_distance, read_excerpt
from industrybook.numbers import parse_printed
from industrybook import paths
from test_data import edit_csv

EXCERPTS = paths.DATA_DIR / BENCHMARK_EXCERPTS


@pytest.fixture(scope="module")
def db():
    return load("benchmarks")


def test_every_locator_stands_in_its_excerpt(db):
    failures = []
    for bid, row in db.benchmarks.iterrows():
        _, body = read_excerpt(EXCERPTS / row["excerpt_file"])
        dist = locator_distance(body, row["locator_figure"], row["locator_term"])
        if dist is None or dist > LOCATOR_WINDOW:
            failures.append(f"{bid}: {row['locator_figure']} / {row['locator_term']} -> {dist}")
    assert not failures, "\n".join(failures)


def test_figure_as_printed_is_in_the_locator(db):
    bad = [bid for bid, r in db.benchmarks.iterrows() if r["value_printed"] not in r["locator_figure"]]
    assert not bad, bad


def test_value_is_printed_times_factor(db):
    factors = db.units["factor"]
    for bid, row in db.benchmarks.iterrows():
        point, _, _ = parse_printed(row["value_printed"])
        assert math.isclose(row["value"], point * factors[row["unit_printed"]], rel_tol=1e-9), bid


def test_excerpt_header_names_publisher_url_and_date(db):
    for bid, row in db.benchmarks.iterrows():
        header, body = read_excerpt(EXCERPTS / row["excerpt_file"])
        assert header.startswith("# "), bid
        assert row["url"] in header and row["published"] in header, bid
        assert "quotation of an official release" in header, bid
        assert row["publisher"].split()[0] in header, bid  # the Chinese name of the publisher


def test_excerpts_are_short_and_all_used(db):
    used = set(db.benchmarks["excerpt_file"])
    stored = {p.name for p in EXCERPTS.glob("*.txt")}
    assert stored == used
    for name in stored:
        _, body = read_excerpt(EXCERPTS / name)
        lines = [ln for ln in body.splitlines() if ln.strip()]
        assert len(lines) <= 6 and len(body) <= 800, f"{name}: an excerpt, not a page"


def test_a_mirror_says_so(db):
    own_sites = ("hunan.gov.cn",)  # the publishers' own domains found in the corpus
    for bid, row in db.benchmarks.iterrows():
        host = row["url"].split("/")[2]
        if not host.endswith(own_sites):
            assert isinstance(row["mirror"], str) and row["mirror"].strip(), f"{bid}: {host} needs a mirror note"


CORRUPTIONS = [
    ("value", "8.2", r"benchmarks\.csv, line 2, field 'value': .* is not value_printed"),
    ("locator_figure", "上涨9.9%", r"benchmarks\.csv, line 2, field 'locator_figure'.*does not occur"),
    ("locator_term", "全年工业", r"benchmarks\.csv, line 2, field 'locator_figure'.*does not occur"),
    ("published", "2022-02-30", r"benchmarks\.csv, line 2, field 'published': date does not parse"),
    ("url", "http://example.org/x", r"benchmarks\.csv, line 2, field 'url'.*header line"),
    ("excerpt_file", "missing.txt", r"benchmarks\.csv, line 2, field 'excerpt_file': no stored excerpt"),
    ("unit_printed", "斤斤", r"benchmarks\.csv, line 2.*foreign-key"),
    ("value_printed", "八点一", r"benchmarks\.csv, line 2, field 'value_printed'"),
]


@pytest.mark.parametrize("field,bad,message", CORRUPTIONS, ids=[f"{f}={b}" for f, b, _ in CORRUPTIONS])
def test_corrupted_copy_is_rejected_with_file_row_column(data_copy, field, bad, message):
    edit_csv(data_copy / "benchmarks.csv", 0, field, bad)
    with pytest.raises(DataError, match=message):
        load("benchmarks", data_dir=data_copy, sources_dir=None)


def test_figure_and_term_too_far_apart_is_rejected(data_copy):
    excerpt = data_copy / BENCHMARK_EXCERPTS / "nbs_ppi_2021.txt"
    header, body = read_excerpt(excerpt)
    excerpt.write_text(header + "\n" + body.replace("2021年全年,", "2021年全年," + "。" * (LOCATOR_WINDOW + 5)),
                       encoding="utf-8")
    with pytest.raises(DataError, match=r"benchmarks\.csv, line 2, field 'locator_figure'.*characters apart"):
        load("benchmarks", data_dir=data_copy, sources_dir=None)


def test_a_reader_of_benchmarks_is_re_executed_when_an_excerpt_changes(tmp_path):
    from industrybook import cachedeps
    from test_cachedeps import notebook

    notebook(tmp_path / "reads.ipynb", 'from industrybook.chapter import start\ndb = start("benchmarks")')
    notebook(tmp_path / "other.ipynb", 'from industrybook.chapter import start\ndb = start("terms")')
    assert EXCERPTS / "nbs_ppi_2021.txt" in cachedeps.dependencies(tmp_path / "reads.ipynb")
    assert not any(p.parent == EXCERPTS for p in cachedeps.dependencies(tmp_path / "other.ipynb"))
