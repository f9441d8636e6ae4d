"""Every official benchmark stands in its stored excerpt, offline, and bad benchmark rows are named."""
import math

import pytest

from industrybook.data.database import DataError, load
from industrybook.data.database import BENCHMARK_EXCERPTS, LOCATOR_WINDOW, locator_distance, read_excerpt
from industrybook.data.printed import parse_printed
from industrybook.data.words import word_figures
from industrybook.data import paths
from conftest import edit_csv
from industrybook.text.facts import fact_text

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
        point, _, _ = parse_printed(row["value_printed"], word_figures())
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
    from industrybook.tooling import cachedeps
    from test_cachedeps import notebook

    notebook(tmp_path / "reads.ipynb", 'from industrybook.render.page import start\ndb = start("benchmarks")')
    notebook(tmp_path / "other.ipynb", 'from industrybook.render.page import start\ndb = start("terms")')
    assert EXCERPTS / "nbs_ppi_2021.txt" in cachedeps.dependencies(tmp_path / "reads.ipynb")
    assert not any(p.parent == EXCERPTS for p in cachedeps.dependencies(tmp_path / "other.ipynb"))


# ---------------------------------------------------------------------------------------------
# The chapter's derivations (industrybook.chapters.benchmarks)
# ---------------------------------------------------------------------------------------------

from industrybook.chapters import benchmarks as bm  # noqa: E402


@pytest.fixture(scope="module")
def chapter_db():
    return load("facts", "benchmarks", "sources")


def test_deflated_cagr_divides_out_each_year():
    # 100 -> 121 over two years is 10% a year; prices +10% then 0% leave (121/110)^(1/2) - 1
    assert math.isclose(bm.deflated_cagr(100, 121, 2, [0, 0]), 10.0)
    assert math.isclose(bm.deflated_cagr(100, 121, 2, [10, 0]), ((121 / 110) ** 0.5 - 1) * 100)
    with pytest.raises(ValueError, match="one price change a year"):
        bm.deflated_cagr(100, 121, 2, [10])


def test_price_readings_hang_together():
    r = bm.price_readings(100, 130, 2, 12.0, [8, 4])
    assert math.isclose((1 + r["nominal"] / 100) ** 2, 1.3)
    assert math.isclose((1 + r["price"] / 100) ** 2, 1.08 * 1.04)
    assert math.isclose((1 + r["deflated"] / 100) * (1 + r["price"] / 100), 1 + r["nominal"] / 100)
    # at the price rise that makes the printed rate real, deflating gives back the printed rate
    assert math.isclose(bm.deflated_cagr(100, 130, 2, [r["price_if_real"]] * 2), 12.0)
    assert math.isclose(r["gap"], r["nominal"] - 12.0)


def test_hengyang_output_gap_is_not_closed_by_national_prices(chapter_db):
    db = chapter_db
    r = bm.price_readings(db.value("mf_output_2020"), db.value("mf_output_2022"), 2,
                          db.value("mf_output_avg_growth_2021_2022"),
                          [bm.bvalue(db, "cn_ppi_2021"), bm.bvalue(db, "cn_ppi_2022")])
    assert r["deflated"] < r["printed"] < r["nominal"]
    assert r["price_if_real"] < r["price"]


def test_latest_year_checks_date_the_hunan_figures_to_2024(chapter_db):
    # the first two tests rule out 2023 (answer no); the other three fit 2024 (answer yes)
    answers = list(bm.latest_year_checks(chapter_db)["answer"])
    assert answers == ["no", "no", "yes", "yes", "yes"]


def test_city_gdp_from_county_brackets_the_point():
    point, low, high = bm.city_gdp_from_county(10.0, 10.0)
    assert math.isclose(point, 100.0) and low < point < high
    assert math.isclose(low, 10 / 0.1005) and math.isclose(high, 10 / 0.0995)


def test_lookups_and_labels(chapter_db):
    db = chapter_db
    with pytest.raises(KeyError, match="no benchmark with id 'nope'"):
        bm.benchmark(db, "nope")
    assert fact_text(db, "hn_above_scale_va_growth_2024_gwr").startswith("about ")
    from industrybook.appendix.facts import card_fields
    from industrybook.text.facts import publisher_english, release_label

    assert publisher_english("国家统计局 National Bureau of Statistics, with 科学技术部 and 财政部") == "National Bureau of Statistics"
    assert release_label(db, "cn_ppi_2021") == "National Bureau of Statistics, 12 January 2022"
    # a card and an entry name a release as the chapters' source lines do: one name for one publisher
    assert card_fields(db, "cn_ppi_2021")["short_source"] == release_label(db, "cn_ppi_2021")
    line = bm.benchmark_source_line(db, ["hy202305"], ["cn_ppi_2021", "hn_gdp_2024"])
    assert line.startswith("Source: ") and "outside the five pages" in line and "(read on a copy)" in line
    assert "Hunan Provincial Bureau of Statistics, 23 January 2025" in line and "23 January 2025 (read on a copy)" not in line


def test_release_table_has_one_row_per_excerpt(chapter_db):
    rel = bm.release_table(chapter_db)
    assert sorted(rel["excerpt"]) == sorted(chapter_db.benchmarks["excerpt_file"].unique())
    assert set(rel["mirror"]) == {bm.MIRROR, bm.OWN_SITE}


def test_release_counts_in_the_prose_are_those_of_the_release_table(chapter_db):
    # the prose's "n from a publisher's own site and m from mirrors" must count Table 7.1's column
    texts = bm.prose_texts(chapter_db)
    column = bm.release_table(chapter_db)["mirror"].value_counts()
    assert texts["bm-n-own"] == str(column.get(bm.OWN_SITE, 0))
    assert texts["bm-n-mirror"] == str(column.get(bm.MIRROR, 0))
    assert int(texts["bm-n-own"]) + int(texts["bm-n-mirror"]) == int(texts["bm-n-releases"])
