"""Tests of industrybook.chapters.overview: each function with a case a wrong answer would fail."""
import pandas as pd
import pytest

from industrybook.data.database import load
from industrybook.chapters import overview as ov


@pytest.fixture(scope="module")
def db():
    return load("facts", "reconciliations", "benchmarks", sources_dir=None)


def test_slogan_slots_decode_numerals():
    assert ov.slogan_slots() == [("一核", 1), ("两电", 2), ("三色", 3), ("四新", 4)]
    assert sum(n for _, n in ov.slogan_slots()) == 10
    with pytest.raises(ValueError):
        ov.slogan_slots("一核两")


def test_leading_industries_fill_the_slogan(db):
    table = ov.leading_industries_table()
    ov.check_slots(table)  # raises on a mismatch
    assert table["slots"].sum() == db.value("ch_leading_industries_count") == db.value("hy_leading_industries_count")
    # only the six members the glossary reads are named; the four 新 stay unnamed
    assert (table["member_zh"] != "").sum() == 6
    assert table.loc[table["group"] == "四新", "member_zh"].item() == ""


def test_check_slots_rejects_a_wrong_table():
    table = ov.leading_industries_table()
    bad = pd.concat([table, table.iloc[[0]]])  # two 核 members
    with pytest.raises(ValueError, match="do not match"):
        ov.check_slots(bad)


def test_leading_industry_chapters_exist_in_toc():
    toc = (ov.__file__.rsplit("/industrybook/", 1)[0] + "/_toc.yml")
    text = open(toc, encoding="utf-8").read()
    for chapter in ov.leading_industries_table()["chapter"].unique():
        assert f"chapters/{chapter}" in text


def test_named_chains_are_entities():
    ents = load("entities", sources_dir=None).entities
    for entity_id, _, source in ov.NAMED_CHAINS:
        assert entity_id in ents.index
        assert source in ("hy202304", "hy202305", "hn20241120", "hn20260124")


def test_instrument_counts_and_table():
    assert ov.instrument_counts("五单一图谱") == (5, 1)
    assert ov.instrument_counts("五制一平台") == (5, 1)
    t = ov.instruments_table()
    assert len(t) == 12
    assert (t["kind"] == "map or platform").sum() == 2
    assert list(t.loc[t["toolkit"] != "", "toolkit"]) == ["五单一图谱", "五制一平台"]
    assert t["component_zh"].iloc[-1] == "云调度平台" and t["component_zh"].iloc[5] == "产业链上下游图谱"


def test_instruments_table_rejects_wrong_length(monkeypatch):
    monkeypatch.setitem(ov.INSTRUMENTS, "五单一图谱", ov.INSTRUMENTS["五单一图谱"][:5])
    with pytest.raises(ValueError, match="promises 6"):
        ov.instruments_table()


def test_rate_gap():
    assert ov.rate_gap(14.3636, 12.1) == pytest.approx(2.0192, abs=1e-3)
    assert ov.rate_gap(5, 5) == pytest.approx(0)
    assert ov.rate_gap(10, 0) == pytest.approx(10)
    with pytest.raises(ValueError):
        ov.rate_gap(5, -100)


def test_max_count_reaching():
    assert ov.max_count_reaching(123, 10) == 12
    assert ov.max_count_reaching(120, 10) == 12  # exactly reaching counts
    assert ov.max_count_reaching(9, 10) == 0
    with pytest.raises(ValueError):
        ov.max_count_reaching(1, 0)


def test_output_paths_hit_the_levels():
    p = ov.output_paths(1638.5, 2143, 2, 12.1, 2020)
    assert list(p["year"]) == [2020, 2021, 2022]
    assert p["through_levels"].iloc[-1] == pytest.approx(2143)
    assert p["printed_from_first"].iloc[-1] == pytest.approx(1638.5 * 1.121 ** 2)
    assert p["printed_to_last"].iloc[0] == pytest.approx(2143 / 1.121 ** 2)
    assert p["printed_to_last"].iloc[-1] == pytest.approx(2143)


def test_figures(db):
    f = ov.figures(db)
    assert f["output_cagr"] == pytest.approx(14.3636, abs=1e-3)
    assert f["chain_output_2021"] == pytest.approx(2154.04e8 / 1.0765)
    assert f["chain_tax_2021"] == pytest.approx(53.05e8 / 1.1885)
    assert f["chain_output_2024q3_prior"] == pytest.approx(1321.67e8 / 1.0685)
    assert f["gdp_2023q3_prior"] == pytest.approx(3241.50e8 / 1.049)
    assert f["top500_avg"] == pytest.approx(123e8 / 26)
    assert f["top500_max_over_1bn"] == 12 and f["top500_min_below_1bn"] == 14
    assert f["chain_vs_industry_2022"] == pytest.approx(2154.04 / 2143 * 100)
    assert f["rank_gain"] == 14
    assert f["divisions_share"] == pytest.approx(37 / 41 * 100)
    assert f["va_national"] == pytest.approx(3.6) and f["va_provincial"] == pytest.approx(7.2)
    assert f["double_digit_share"] == pytest.approx(4 / 15 * 100)


def test_targets_table(db):
    t = ov.targets_table(db)
    assert len(t) == 6
    assert set(t["period"]) == {"2023"}
    assert t.loc[t["fact_id"] == "ch_target_single_project_10bn_2023", "figure"].item() == "more than CNY 10 bn"


def register_figures(db) -> dict[str, list[str]]:
    """For each of the chapter's rows of data/reconciliations.csv, the figures its finding states,
    computed here from the facts and benchmarks as the chapter computes them."""
    from industrybook.chapters.benchmarks import bvalue
    from industrybook.text.facts import derived_text, fact_text
    from industrybook.text.figures import count_words, fmt_period

    f, v = ov.figures(db), db.value

    def text(fact_id: str) -> str:
        return fact_text(db, fact_id)

    def bn(cny: float) -> str:
        return derived_text(cny, "CNY")

    nine_months = fmt_period(db.fact("hy_chain_output_jan_sep")["period"])
    glued = ov.prose_texts(db)
    return {
        "ov_output_growth_vs_levels": [
            # the finding states the figures as the prose prints them (one rounding, the text layer's)
            text("mf_output_2020"), text("mf_output_2022"), f"{glued['ov-out-cagr']} a year compounded",
            f"prints {f['output_printed']:.1f}%", f"{glued['ov-out-gap-pp']} percentage points less",
            f"gap is {glued['ov-out-gap']} a year", f"2020 base of {bn(f['output_base_at_printed'])}"],
        "ov_chain_vs_industrial_output_2022": [
            text("ch_chain_output_2022"), text("mf_output_2022"), f"by {bn(f['chain_minus_industry_2022'])}",
            f"{f['chain_vs_industry_2022']:.1f}% of it"],
        "ov_va_growth_2022_partners": [
            f"Hengyang's {v('mf_va_growth_2022'):.1f}%", f"national growth of {f['va_national']:.1f}%",
            f"prints {bvalue(db, 'cn_above_scale_va_growth_2022'):.1f}%"],
        "ov_chain_count_14_15": [
            f"rose by {f['chains_added']:.0f}", f"stayed at {v('hy_leading_industries_count'):.0f}"],
        "ov_chain_output_2024_vs_2022": [
            f"{nine_months} ({text('hy_chain_output_jan_sep')}, +{v('hy_chain_output_growth_jan_sep'):.2f}%)",
            f"{fmt_period('2023-01/2023-09')} of {bn(f['chain_output_2024q3_prior'])}",
            f"only {f['chain_prior_vs_2022']:.1f}%", f"reach {bn(f['chain_output_2024_annualised'])}"],
        "ov_targets_2023_outcomes": [
            f"None of the {count_words(len(ov.TARGETS))} 2023 targets",
            f"reports {v('hy_projects_over_1bn_signed_jan_sep'):.0f} signings above CNY 1 bn for {nine_months}"],
        "ov_top500_average": [
            f"{text('hy_top500_projects_investment')} over {v('hy_top500_projects_signed_jan_sep'):.0f} signings",
            f"is {bn(f['top500_avg'])} each", f"at most {f['top500_max_over_1bn']:.0f} of",
            f"at least {f['top500_min_below_1bn']:.0f} are smaller"],
        "ov_categories_37_then_now": [
            f"same count, {v('mf_industry_divisions_present'):.0f},",
            f"coverage of {v('mf_industry_divisions_total_national'):.0f} national"],
    }


def test_register_findings_state_the_computed_figures(db):
    mine = db.reconciliations[db.reconciliations["chapter"] == ov.CHAPTER]
    expected = register_figures(db)
    assert sorted(mine.index) == sorted(expected)
    for rec_id, figures in expected.items():
        finding = mine.loc[rec_id, "finding"]
        missing = [x for x in figures if x not in finding]
        assert not missing, f"data/reconciliations.csv, {rec_id}: finding does not state {missing}"
    # the targets row cites every target fact, and the national lead is consistent only if it checks out
    assert set(mine.loc["ov_targets_2023_outcomes", "fact_ids"].split(";")) >= {t[0] for t in ov.TARGETS}
    from industrybook.chapters.benchmarks import bvalue
    national_checks = round(ov.figures(db)["va_national"], 1) == round(bvalue(db, "cn_above_scale_va_growth_2022"), 1)
    assert (mine.loc["ov_va_growth_2022_partners", "status"] == "consistent") == national_checks


def test_missing_divisions_match_the_gap(db):
    gap = db.value("mf_industry_divisions_total_national") - db.value("mf_industry_divisions_present")
    assert len(ov.MISSING_DIVISIONS) == gap == 4


def test_fact_rows_print_each_fact_the_one_way(db):
    rows = ov.fact_rows(db, ["mf_hist_named_products", "mf_hist_share_of_hunan_industry", "mf_top100_adv_mfg_rank_2021"])
    assert list(rows["figure"]) == ["more than 3,500", "about one third (a saying)", "88th"]


def test_fact_rows(db):
    t = ov.fact_rows(db, ["mf_output_2020", "mf_hist_firsts"])
    assert list(t["printed"]) == ["1638.5亿元", "420余项"]  # as the page prints it, 余 included
    assert list(t["period"]) == ["2020", "May 2023"]  # in words, as the table prints it
    # the source named as the book cites it and linked to its entry, not its id
    assert list(t["source"]) == ["Hengyang Daily, May 2023"] * 2 and t["source"][0].fact_ids == ("hy202305",)


def test_year_earlier_shifts_both_ends_of_a_period():
    assert ov._year_earlier("2024-01/2024-09") == "2023-01/2023-09"
    assert ov._year_earlier("2022") == "2021"


def test_chains_chart_names_its_months_in_the_house_style():
    # house style: full month names and an en dash ("January–September 2024"), never "Jan-Sep"
    import matplotlib.pyplot as plt

    from industrybook.render.page import start

    c = ov.chains_chart(start("facts", "sources"))
    texts = [t.get_text() for t in c.fig.findobj(lambda a: hasattr(a, "get_text"))] + [c.alt]
    plt.close(c.fig)
    assert not [t for t in texts if "Jan-Sep" in t]
    assert any("January–September 2024" in t for t in texts)
    assert any("January–September 2023" in t for t in texts)


def test_chain_figures_table_prints_periods_in_words_and_no_ids(db):
    # issue 16: the figure links to its entry, which names the fact; the table prints neither ids nor ISO periods
    t = ov.chain_figures_table(db)
    assert list(t.columns) == ["Indicator", "Period", "Figure", "Printed or computed"]
    assert "January–September 2024" in set(t["Period"]) and "January–September 2023" in set(t["Period"])
    assert {"April 2023", "November 2024"} <= set(t["Period"])
    assert not t["Period"].str.contains(r"\d{4}-\d\d").any()
