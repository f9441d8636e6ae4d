"""Tests of the science-policy chapter's derivations (industrybook.chapters.science_policy)."""
import pandas as pd
import pytest

from industrybook.data.database import load
from industrybook.measures.arithmetic import interpolate
from industrybook.measures.qualified import bounded_ratio, fact_ratio
from industrybook.chapters import science_policy as sp


@pytest.fixture(scope="module")
def db():
    return load("facts", "entities", "terms", "sources", "output_classes", sources_dir=None)


def test_the_comparison_prints_each_figure_with_its_period(db):
    from industrybook.text.facts import fact_text

    table = sp.comparison_table(db)
    first = table.iloc[0]
    ids = first["fact_ids"].split(";")
    assert any(fact_text(db, f, period=True) in first["hunan"] + first["hengyang"] for f in ids)


def test_bounded_ratio_directions():
    # more than X over exactly N: a floor
    assert bounded_ratio(620, "more_than", 2.36, "exact") == (pytest.approx(620 / 2.36), "at least")
    # exactly X over more than N: a ceiling
    assert bounded_ratio(42.37, "exact", 170, "more_than")[1] == "at most"
    # more than over more than: the bounds pull opposite ways
    assert bounded_ratio(80, "more_than", 4100, "more_than")[1] == "undetermined"
    # more than over nearly: both push the ratio up
    assert bounded_ratio(1200, "more_than", 700, "nearly")[1] == "at least"
    # nearly over more than: both push it down
    assert bounded_ratio(700, "nearly", 1200, "more_than")[1] == "at most"
    assert bounded_ratio(3, "exact", 4, "exact") == (0.75, "exact")
    assert bounded_ratio(3, "about", 4, "exact")[1] == "about"
    with pytest.raises(ValueError):
        bounded_ratio(1, "range", 2, "exact")
    with pytest.raises(ValueError):
        bounded_ratio(1, "exact", 0, "exact")


def test_fact_ratio_uses_the_database_qualifiers(db):
    value, kind = fact_ratio(db, "nm_kv_credit_amount", "nm_kv_credit_firms")
    assert kind == "at least"
    assert value == pytest.approx(62e9 / 23600)


def test_every_ratio_kind_has_words_that_name_its_bound():
    # every kind bounded_ratio can return, over all pairs of qualifiers it accepts, has a prefix, and a
    # bounded kind's prefix says which bound it is
    qualifiers = ["exact", "about", "more_than", "at_least", "nearly", "less_than"]
    kinds = {bounded_ratio(3, q1, 4, q2)[1] for q1 in qualifiers for q2 in qualifiers}
    assert {"exact", "about", "at least", "at most", "undetermined"} <= kinds
    from industrybook.text.facts import BOUND_WORDS

    for kind in kinds:
        prefix = BOUND_WORDS[kind]
        assert prefix == "" if kind == "exact" else prefix.endswith(" ")
        if kind in ("at least", "at most"):
            assert prefix.strip() == kind


def test_year_readings_separate_2024_from_2025():
    yr = sp.year_readings(1394.6, 11.61, 2.16, 2.62, 2020, (2024, 2025)).set_index("end_year")
    assert yr.loc[2024, "growth_years"] == 4
    assert yr.loc[2024, "implied_base_rd"] == pytest.approx(1394.6 / 1.1161 ** 4)
    assert yr.loc[2025, "implied_base_rd"] == pytest.approx(1394.6 / 1.1161 ** 5)
    assert yr.loc[2024, "implied_gdp_latest"] == pytest.approx(1394.6 / 0.0262)
    assert yr.loc[2024, "implied_gdp_base"] == pytest.approx(1394.6 / 1.1161 ** 4 / 0.0216)
    # GDP ratio = R&D ratio / intensity ratio, so 1.1161**4 / (2.62 / 2.16) over four years
    expected = ((1.1161 ** 4 / (2.62 / 2.16)) ** 0.25 - 1) * 100
    assert yr.loc[2024, "implied_gdp_cagr"] == pytest.approx(expected)
    assert yr.loc[2025, "implied_gdp_cagr"] > yr.loc[2024, "implied_gdp_cagr"]
    with pytest.raises(ValueError):
        sp.year_readings(1394.6, 11.61, 2.16, 2.62, 2020, (2020,))


def test_compound_path():
    path = sp.compound_path(100, 10, 2020, 2022)
    assert list(path.index) == [2020, 2021, 2022]
    assert path.loc[2022] == pytest.approx(121)


def test_interpolate():
    assert interpolate(2020, 2.16, 2024, 2.62, 2023) == pytest.approx(2.505)
    assert interpolate(0, 0, 10, 5, 4) == pytest.approx(2)
    with pytest.raises(ValueError):
        interpolate(1, 1, 1, 2, 1)


def test_instrument_table(db):
    t = sp.instrument_table(db)
    assert set(t["type"]) <= set(sp.INSTRUMENT_TYPES)
    kv = t.set_index("instrument").loc["Knowledge-value credit loan scheme"]
    assert kv["type"] == "finance"
    assert "23,600 technology firms served" in kv["reported_output"]
    assert "more than CNY 62 bn lent" in kv["reported_output"]
    assert t.set_index("name_zh").loc["芙蓉计划", "type"] == "talent"
    # every fact the table cites exists
    for ids in t["fact_ids"]:
        for f in filter(None, ids.split(";")):
            db.fact(f)


def test_output_classes(db):
    t = sp.output_classes(db).set_index("fact_id")
    assert t.loc["nm_innov_consortia_new_product_revenue", "class"] == "outcome"
    assert t.loc["nm_hn_rd_total", "class"] == "input"
    assert t.loc["nm_changsha_global_sci_city_rank", "figure"] == "23rd"
    assert set(t["class"]) == {"input", "output", "outcome", "ranking"}


def test_breakthroughs(db):
    t = sp.breakthroughs(db)
    assert len(t) == 6
    assert "衡春豆10号" in set(t["name_zh"])
    assert t.set_index("name_zh").loc["新一代光子晶体光纤陀螺", "stage"] == "accepted"


def test_comparison_table(db):
    t = sp.comparison_table(db).set_index("indicator")
    assert t.loc["R&D intensity", "hengyang"] == "2% (2023)"
    assert t.loc["R&D intensity", "hunan"] == "2.16% (2020); 2.62% (2024)"
    assert t.loc["Knowledge-value credit loans", "hengyang"] == "reported, no figure"
    assert t.loc["R&D spending", "hengyang"] == "CNY 10.599 bn (January\u2013September 2024)"


def test_periods(db):
    t = sp.periods(db, ["hy_rd_spend_jan_sep", "nm_hn_rd_total"]).set_index("fact_id")
    assert t.loc["hy_rd_spend_jan_sep", "last"] == pd.Timestamp("2024-09-30")
    assert t.loc["hy_rd_spend_jan_sep", "lag_days"] == (pd.Timestamp("2024-11-20") - pd.Timestamp("2024-09-30")).days
    assert t.loc["nm_hn_rd_total", "first"] == pd.Timestamp("2024-01-01")
