"""Derivations of the power transmission chapter: each function with a case a wrong answer fails."""
import math

import pandas as pd
import pytest

from industrybook.data.database import load
from industrybook.measures.arithmetic import implied_prior
from industrybook.chapters.power_transmission import (
    CHAIN_FLOWS, TIMELINE_LABELS, minimum_total, net_margin, period_months, share_blockers,
    timeline_frame,
)
from industrybook.render.diagrams import select_flows


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


def test_chain_flows_exist_in_diagram_order(db):
    frame = select_flows(db.flows, CHAIN_FLOWS)
    assert list(frame.index) == CHAIN_FLOWS
    assert frame.loc["nm_flow_cathode_to_gaonuo", "to_entity"] == "gaonuo_copper"


def test_minimum_total_is_the_least_such_a_group_can_sum_to():
    # groups of 25 items, each at least CNY 1 bn: the smallest possible group sums exactly to the floor,
    # and every other group sums to more
    threshold = 1e9
    smallest = [threshold] * 25
    assert minimum_total(len(smallest), threshold) == sum(smallest)
    others = [smallest[:-1] + [3 * threshold], [threshold * (1 + i / 10) for i in range(25)]]
    assert all(sum(group) > minimum_total(len(group), threshold) for group in others)
    with pytest.raises(ValueError):
        minimum_total(-1, 5)


def test_net_margin_of_guangxin_rises_when_profit_outgrows_revenue(db):
    # Guangxin, January-September 2025: profit up 91.95 %, revenue up 41.35 %, so the margin rose;
    # and a margin times revenue gives the profit back
    rev, rev_g = db.value("yy_guangxin_revenue_2025q1q3"), db.value("yy_guangxin_revenue_growth_2025q1q3")
    profit, profit_g = db.value("yy_guangxin_net_profit_2025q1q3"), db.value("yy_guangxin_net_profit_growth_2025q1q3")
    margin = net_margin(profit, rev)
    assert math.isclose(margin / 100 * rev, profit)
    assert margin > net_margin(implied_prior(profit, profit_g), implied_prior(rev, rev_g))
    with pytest.raises(ValueError):
        net_margin(1, 0)


def test_share_blockers_flags_scope_period_and_qualifier(db):
    reasons = share_blockers(db.fact("mf_transmission_chain_scale"), db.fact("ch_chain_output_2022"))
    text = " | ".join(reasons)
    assert "different scopes" in text
    assert "different periods (May 2023 vs 2022)" in text
    assert "no period is printed for “Scale of the whole" in text and "dates it by its article, May 2023" in text
    assert "'nearly'" in text
    # a reader's table: the fact by its label and the period in words, never the stored forms
    assert "mf_transmission_chain_scale" not in text and "2023-05" not in text
    assert "“Scale of the whole power transmission and transformation chain in Hengyang”" in text


def test_share_blockers_name_scopes_when_given_their_names(db):
    names = db.entities["name_en"].to_dict()
    reasons = share_blockers(db.fact("mf_transmission_chain_scale"), db.fact("ch_chain_output_2022"), names)
    assert (f"different scopes ({names['hengyang_transmission_cluster']} vs {names['hengyang_chains']})"
            in reasons)


def test_share_blockers_empty_for_like_facts():
    row = pd.Series({"unit": "CNY", "entity_id": "x", "period": "2022", "period_basis": "stated",
                     "qualifier": "exact"}, name="a")
    assert share_blockers(row, row.rename("b")) == []
    other = row.copy()
    other["unit"] = "count"
    assert share_blockers(row, other.rename("b")) == ["different units (CNY vs count)"]


def test_period_months():
    assert period_months("2025-01/2025-09") == 9
    assert period_months("2024") == 12
    assert period_months("2024-11/2025-02") == 4


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
