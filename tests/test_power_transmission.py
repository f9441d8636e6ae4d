"""Derivations of the power transmission chapter: each function with a case a wrong answer fails."""
import math

import pandas as pd
import pytest

from industrybook.data.database import load
from industrybook.chapters.power_transmission import (
    CHAIN_FLOWS, TIMELINE_LABELS, register_markdown, chain_flows, count_words, length_multiplier,
    minimum_total, net_margin, period_months, share_blockers, timeline_frame,
)


@pytest.fixture(scope="module")
def db():
    return load("facts", "events", "flows", sources_dir=None)


def test_timeline_frame_orders_by_date_and_labels(db):
    frame = timeline_frame(db.events)
    assert list(frame.index) == [
        "ch_ev_cluster_list_transmission", "ch_ev_transmission_forum_2023", "hy_ev_cluster_contest_win",
        "nm_ev_gaonuo_shaft_furnace_start", "yy_ev_guangxin_bse_listing", "yy_ev_hunan_five_national_clusters"]
    assert frame.loc["hy_ev_cluster_contest_win", "label"] == TIMELINE_LABELS["hy_ev_cluster_contest_win"]
    with pytest.raises(KeyError, match="no_such_event"):
        timeline_frame(db.events, {"no_such_event": "x"})


def test_chain_flows_keeps_order_and_names_missing(db):
    frame = chain_flows(db.flows)
    assert list(frame.index) == CHAIN_FLOWS
    assert frame.loc["nm_flow_cathode_to_gaonuo", "to_entity"] == "gaonuo_copper"
    with pytest.raises(KeyError, match="nope"):
        chain_flows(db.flows, ["nope"])


def test_minimum_total():
    assert minimum_total(25, 1e9) == 25e9
    with pytest.raises(ValueError):
        minimum_total(-1, 5)


def test_net_margin():
    assert math.isclose(net_margin(1.5, 5.86), 25.597269624573, rel_tol=1e-9)
    with pytest.raises(ValueError):
        net_margin(1, 0)


def test_length_multiplier():
    assert math.isclose(length_multiplier(0.008, 0.00012), (8 / 0.12) ** 2)
    assert math.isclose(length_multiplier(2, 1), 4)


def test_share_blockers_flags_scope_period_and_qualifier(db):
    reasons = share_blockers(db.fact("mf_transmission_chain_scale"), db.fact("ch_chain_output_2022"))
    text = " | ".join(reasons)
    assert "different scopes" in text
    assert "different periods (2023-05 vs 2022)" in text
    assert "not printed" in text
    assert "'nearly'" in text


def test_share_blockers_empty_for_like_facts():
    row = pd.Series({"unit": "CNY", "entity_id": "x", "period": "2022", "period_basis": "stated",
                     "qualifier": "exact"}, name="a")
    assert share_blockers(row, row.rename("b")) == []
    other = row.copy()
    other["unit"] = "count"
    assert share_blockers(row, other.rename("b")) == ["different units (CNY vs count)"]


def test_count_words():
    assert count_words(2) == "two"
    assert count_words(10) == "ten"
    assert count_words(19) == "19"
    assert count_words(1200) == "1,200"
    with pytest.raises(ValueError):
        count_words(2.5)


def test_period_months():
    assert period_months("2025-01/2025-09") == 9
    assert period_months("2024") == 12
    assert period_months("2024-11/2025-02") == 4


def test_register_markdown():
    rows = pd.DataFrame([{"rec_id": "pt_x", "status": "explained", "topic": "T", "finding": "F.",
                          "likely_reason": "R.", "fact_ids": "a;b"}])
    assert register_markdown(rows) == "- **pt_x** (explained). *T.* F. Likely reason: R. Facts: `a`, `b`."
    hostile = rows.assign(finding="<b>F</b> *e*", topic="{term}`x`")
    assert register_markdown(hostile) == (r"- **pt_x** (explained). *\{term\}\`x\`.* \<b\>F\</b\> \*e\* "
                                          "Likely reason: R. Facts: `a`, `b`.")


def test_size_ratios_take_their_bound_from_nearly(db):
    from industrybook.chapters.power_transmission import size_ratios

    r = size_ratios(db)
    size, chains, forum = (db.value(f) for f in ("mf_transmission_chain_scale", "ch_chain_output_2022",
                                                  "ch_forum_signed_investment"))
    assert db.fact("mf_transmission_chain_scale")["qualifier"] == "nearly"
    # nearly X in the numerator: the true ratio is below the printed one; in the denominator, above it
    assert (r.loc["chain_share_of_chains", "bound"], r.loc["forum_over_chain", "bound"]) == ("at most", "at least")
    assert r.loc["chain_share_of_chains", "value"] == pytest.approx(size / chains)
    assert r.loc["forum_over_chain", "value"] == pytest.approx(forum / size)
