"""Tests of industrybook.chapters.new_materials (the new-materials chapter's derivations)."""
import math

import pandas as pd
import pytest

from industrybook.data.database import load
from industrybook.chapters import new_materials as nm
from industrybook.render.diagrams import select_flows


@pytest.fixture(scope="module")
def db():
    return load("facts", "sources", "flows", "entities", sources_dir=None)


def fact(**kw):
    base = {"qualifier": "exact", "value": math.nan, "value_low": math.nan, "value_high": math.nan,
            "value_printed": "", "unit": "CNY/t"}
    base.update(kw)
    return pd.Series(base, name="f")


def test_about_band_is_half_a_unit_of_the_last_digit():
    assert nm.about_band(16000, "1.6") == pytest.approx((15500, 16500))
    assert nm.about_band(60, "60") == pytest.approx((59.5, 60.5))
    assert nm.about_band(1250, "12.5") == pytest.approx((1245, 1255))
    with pytest.raises(ValueError):
        nm.about_band(0, "0")


def test_bounds_by_qualifier():
    assert nm.bounds(fact(qualifier="range", value_low=200.0, value_high=900.0)) == (200.0, 900.0)
    assert nm.bounds(fact(qualifier="about", value=16000.0, value_printed="1.6")) == pytest.approx((15500, 16500))
    assert nm.bounds(fact(qualifier="exact", value=3.0)) == (3.0, 3.0)
    with pytest.raises(ValueError, match="more_than"):
        nm.bounds(fact(qualifier="more_than", value=30.0))


def test_to_cny_per_kg():
    assert nm.to_cny_per_kg(16000, "CNY/t") == pytest.approx(16)
    assert nm.to_cny_per_kg(300, "CNY/kg") == 300
    assert nm.to_cny_per_kg(2000, "CNY/g") == pytest.approx(2_000_000)
    with pytest.raises(ValueError):
        nm.to_cny_per_kg(1, "CNY/truck")


def test_value_ladder_table(db):
    lad = nm.value_ladder_table(db)
    assert list(lad["label_zh"]) == ["普通铅锭", "高端定制铅合金", "光伏承载部件", "齿科修复生物陶瓷"]
    assert lad.loc[0, ["low", "high"]].tolist() == pytest.approx([15.5, 16.5])
    # alloy = ingot band + premium range (1,000-9,999 yuan per tonne)
    assert lad.loc[1, ["low", "high"]].tolist() == pytest.approx([16.5, 26.499])
    assert lad.loc[3, ["low", "high"]].tolist() == pytest.approx([2e6, 9e6])
    assert (lad["high"] >= lad["low"]).all()


def test_orders_of_magnitude():
    assert nm.orders_of_magnitude(10, 1e6) == pytest.approx(5)
    with pytest.raises(ValueError):
        nm.orders_of_magnitude(0, 1)


def test_select_and_merge_flows(db):
    chosen = select_flows(db.flows, ["hy_fl_kb_hg_hcl", "hy_fl_kb_hg_naoh", "hy_fl_hg_kb_h2so4"])
    assert list(chosen["flow_id"]) == ["hy_fl_kb_hg_hcl", "hy_fl_kb_hg_naoh", "hy_fl_hg_kb_h2so4"]
    merged = nm.merge_parallel_flows(chosen)
    assert len(merged) == 2
    first = merged.iloc[0]
    assert first["material_zh"] == "盐酸、烧碱"
    assert first["material_en"] == "hydrochloric acid, caustic soda"
    assert first["flow_id"] == "hy_fl_kb_hg_hcl;hy_fl_kb_hg_naoh"
    mixed = pd.DataFrame({"flow_id": ["a", "b"], "from_entity": ["x", "x"], "to_entity": ["y", "y"],
                          "material_zh": ["甲", "乙"], "material_en": ["A", "B"], "mode": ["pipeline", "supply"]})
    assert nm.merge_parallel_flows(mixed).iloc[0]["mode"] == "unspecified"
    with pytest.raises(KeyError, match="not in flows.csv: \\['no_such_flow'\\]"):
        select_flows(db.flows, ["hy_fl_kb_hg_hcl", "no_such_flow"])


def test_wrap_text():
    assert nm.wrap_text("short", 10) == "short"
    assert nm.wrap_text("Hengyang power transmission cluster", 15) == "Hengyang power\ntransmission\ncluster"
    assert nm.wrap_text("华兴冶金实业有限责任公司", 7) == "华兴冶金实业\n有限责任公司"
    assert nm.wrap_text("盐酸、烧碱、双氧水", 6) == "盐酸、烧碱、\n双氧水"
    assert nm.wrap_text("稀贵金属（金、银）", 6) == "稀贵金属\n（金、银）"
    wrapped = nm.wrap_labels(pd.DataFrame({"a": ["华兴冶金实业有限责任公司"], "b": ["x"]}), {"a": 7})
    assert wrapped.loc[0, "a"] == "华兴冶金实业\n有限责任公司" and wrapped.loc[0, "b"] == "x"


def test_chain_graph_merges_parallel_flows_into_one_edge(db):
    flow_ids = ["hy_fl_kb_hg_hcl", "hy_fl_kb_hg_naoh", "hy_fl_hg_kb_h2so4"]
    src = nm.chain_graph(db.flows, db.entities, flow_ids).source
    # three flows, two of them between the same pair of firms: two edges, the first naming both materials
    assert src.count(" -> ") == 2
    assert "盐酸、烧碱" in src and "hydrochloric acid, caustic soda" in src.replace("\n", " ").replace("<br/>", " ")


def test_months_between():
    assert nm.months_between("2022-09-02", "2026-01") == 40
    assert nm.months_between("2024-11", "2024-11-30") == 0


def test_fmt_range():
    assert nm.fmt_range(200, 900, "CNY/kg") == "CNY 200 to 900 per kg"
    assert nm.fmt_range(15500, 16500, "CNY/t") == "CNY 15,500 to 16,500 per tonne"
    assert nm.fmt_range(2e6, 9e6, "CNY/kg") == "CNY 2 to 9 m per kg"
    assert nm.fmt_range(2000, 9000, "m") == "2 to 9 km"
    assert nm.fmt_range(1, 10, "count") == "1 to 10"


def test_fact_table(db):
    t = nm.fact_table(db, ["mf_rock_salt_reserves", "nm_salt_brine_local_raw_material_share"])
    assert list(t["figure"]) == ["14 bn tonnes", "more than 90%"]
    assert list(t["printed"]) == ["140亿吨", "超过90%"] and t.loc[1, "source"] == "Hunan Daily, 24 January 2026"


def test_premium_readings_share_a_floor_and_differ_above_it():
    ingot = fact(qualifier="about", value=16000.0, value_printed="1.6")
    premium = fact(qualifier="range", value_low=1000.0, value_high=9999.0)
    r = nm.premium_readings(ingot, premium)
    assert r.loc["coded", "share_low"] == r.loc["floor", "share_low"] == pytest.approx(6.25)
    assert r.loc["coded", "share_high"] == pytest.approx(9999 / 16000 * 100)  # the "up to 62%" of the coding
    assert math.isnan(r.loc["floor", "share_high"]) and math.isnan(r.loc["floor", "alloy_high_kg"])
    # the alloy: the ingot's rounding band (15,500 to 16,500) plus the premium, per kg
    assert r.loc["coded", "alloy_low_kg"] == pytest.approx(16.5)
    assert r.loc["coded", "alloy_high_kg"] == pytest.approx(26.499)
    with pytest.raises(ValueError, match="different units"):
        nm.premium_readings(ingot, fact(qualifier="range", value_low=1.0, value_high=9.0, unit="CNY/kg"))
