"""The one path from a fact to the page (industrybook.text.facts): every kind of fact, the ids a phrase
carries, the rounding rule of derived numbers, and that no other module of the package writes a fact."""
import ast
import csv
import math

import pandas as pd
import pytest

from industrybook.data import paths
from industrybook.data.database import QUALIFIER_BOUNDS, load
from industrybook.text import facts as tf
from industrybook.text.facts import (derived_significant_figures, derived_text, fact_text, source_label, source_text,
                                     worded_text)
from industrybook.data.words import NO_PRINTED_UNIT
from industrybook.text.phrase import Phrase, used_inputs

PACKAGE = paths.ROOT / "industrybook"


@pytest.fixture(scope="module")
def db():
    return load("facts", "benchmarks", sources_dir=None)


@pytest.mark.parametrize("fact_id, text", [
    ("hy_rd_spend_jan_sep", "CNY 10.599 bn"),            # exact, to the precision the page prints (105.99亿元)
    ("nm_lead_ingot_price", "about CNY 16,000 per tonne"),  # about
    ("nm_4plus4_cum_investment", "more than CNY 8 bn"),   # more_than
    ("yy_ai_contest_teams", "nearly 700"),                # nearly
    ("yy_yiyang_xjxq_distance", "less than 70 km"),       # less_than, metres printed as km
    ("yy_zhitong_firm_age", "less than 1 year"),          # a unit of time carries its word
    ("mf_shuikoushan_wwi_world_pbzn_share", "one third"),  # a ratio printed as a word (三分之一)
    ("nm_residue_price_per_truck_past", "a few hundred yuan per truckload"),  # a range word figure (几百)
    ("nm_si3n4_pv_part_value", "a few hundred yuan per kg"),  # a per-kg range (数百元/公斤)
    ("nm_4plus4_major_results", "more than a hundred"),   # 百余: the word, not its coded range
    ("mf_top100_adv_mfg_rank_2021", "88th"),              # a rank
    ("nm_hn_rd_rank_top10", "in the top ten"),            # a rank range (前十)
    ("hn_above_scale_va_growth_2024_gwr", "about 7.2%"),  # an official benchmark, same rules
])
def test_each_kind_of_fact(db, fact_id, text):
    phrase = fact_text(db, fact_id)
    assert phrase == text
    assert isinstance(phrase, Phrase) and phrase.fact_ids == (fact_id,) and not phrase.is_derived


def test_digits_and_period(db):
    assert fact_text(db, "hy_rd_spend_jan_sep", 1) == "CNY 10.6 bn"
    assert fact_text(db, "hy_rd_spend_jan_sep", period=True) == "CNY 10.599 bn (January\u2013September 2024)"


def test_a_printed_range_writes_its_unit_once():
    assert tf._range_text(200, 900, "CNY/kg") == "CNY 200 to 900 per kg"
    assert tf._range_text(2e9, 9e9, "CNY") == "CNY 2 to 9 bn"
    assert tf._range_text(9e8, 1.2e9, "CNY") == "CNY 900 m to 1.2 bn"
    assert tf._range_text(5, 9, "percent") == "5% to 9%"
    assert tf._range_text(20_000, 90_000, "m") == "20 to 90 km"


def test_an_unknown_id_is_named(db):
    with pytest.raises(KeyError, match="no fact with id 'nope'"):
        fact_text(db, "nope")


def test_qualifier_words_and_directions_come_from_the_table():
    with (paths.DATA_DIR / "qualifiers.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["qualifier"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(QUALIFIER_BOUNDS)
    for code, row in rows.items():
        if row["direction"] == "":
            with pytest.raises(ValueError, match="no single word"):
                tf.qualifier_words(code)
            continue
        assert tf.qualifier_words(code) == (row["words_en"] + " " if row["words_en"] else "")
        assert tf.qualifier_direction(code) == int(row["direction"])
        # the direction agrees with the bound the data rules store: low bound -> at or above
        assert {"low": 1, "high": -1, "point": 0}[QUALIFIER_BOUNDS[code]] == int(row["direction"])
    with pytest.raises(ValueError, match="unknown qualifier"):
        tf.qualifier_words("roughly")


def test_printed_significant_figures():
    assert tf.printed_significant_figures("105.99") == 5
    assert tf.printed_significant_figures("12.3") == 3
    assert tf.printed_significant_figures("0.12") == 2
    assert tf.printed_significant_figures("8") == 1
    assert tf.printed_significant_figures("700") == 3


def test_derived_rounding_rule(db):
    # CNY 12.3 bn (3 figures) over 26 signed projects (an exact count: no limit) -> three figures
    assert db.fact("hy_top500_projects_investment")["value_printed"] == "123"
    inputs = {"total": "hy_top500_projects_investment", "n": "hy_top500_projects_signed_jan_sep"}
    assert derived_significant_figures(db, inputs) == 3
    avg = db.value("hy_top500_projects_investment") / db.value("hy_top500_projects_signed_jan_sep")
    phrase = derived_text(avg, "CNY", "total / n", inputs, db)
    assert phrase == "CNY 473 m" and phrase.is_derived and phrase.formula == "total / n"
    assert phrase.inputs == inputs and phrase.fact_ids == tuple(inputs.values())
    # a ratio of diameters printed 8 mm and 0.12 mm keeps the one figure of the rod's diameter
    diam = {"rod": "nm_copper_rod_diameter", "wire": "nm_fine_copper_wire_diameter"}
    assert derived_significant_figures(db, diam) == 1
    assert derived_text((0.008 / 0.00012) ** 2, "count", "(rod / wire)^2", diam, db) == "4,000"
    # a word figure is one figure of precision at most
    assert derived_significant_figures(db, {"p": "nm_si3n4_pv_part_value"}) == 1
    # no inputs named: the book's cap
    assert derived_text(473_080_000.0, "CNY") == "CNY 473 m"
    assert derived_text(11.614, "percent") == "11.6%"
    with pytest.raises(ValueError, match="needs the database"):
        derived_text(1.0, "CNY", "x", {"x": "hy_top500_projects_investment"})
    with pytest.raises(ValueError, match="missing"):
        derived_text(math.nan, "CNY")


def _function_names_reading_fact_rows(tree: ast.AST) -> list[str]:
    """Functions that turn a fact's fields into words: they read the ``qualifier`` and ``value_printed``
    fields and format a value, or they read qualifier words (``words_en`` of data/qualifiers.csv,
    or a ``QUALIFIER_WORDS`` table of their own)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            keys = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
                    {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
            if ({"qualifier", "value_printed"} <= keys and names & {"fmt_value", "fmt_value_as_printed", "word_figure_text"}) \
                    or "QUALIFIER_WORDS" in names or "words_en" in keys:
                found.append(node.name)
    return found


@pytest.fixture(scope="module")
def dated_db():
    return load("facts", "benchmarks", "sources", "events", sources_dir=None)


@pytest.mark.parametrize("record_id, precision, text", [
    ("hn20241120", None, "20 November 2024"),           # a source dated to the day
    ("hy202304", None, "April 2023"),                   # a source dated to the month
    ("hn20241120", "month", "November 2024"),          # a day-dated page written to the month
    ("hn20241120", "year", "2024"),
    ("hy202304", "day", "April 2023"),                  # never more precise than stored
    ("ch_ev_cluster_list_salt_brine", None, "2 September 2022"),  # an event
    ("hy_rd_spend_jan_sep", None, "January\u2013September 2024"),  # a fact's period
    ("hy_rd_spend_jan_sep", "year", "2024"),            # a period inside one year, at that precision
    ("hn_rd_intensity_gwr_2025", None, "14 January 2025"),  # an official release's date
])
def test_date_text_writes_the_records_date_and_carries_its_id(dated_db, record_id, precision, text):
    from industrybook.text.figures import fmt_date

    phrase = tf.date_text(dated_db, record_id, precision)
    assert isinstance(phrase, Phrase) and phrase == text
    assert phrase.fact_ids == (record_id,) and not phrase.is_derived  # links to the record's own entry
    if record_id in dated_db.sources.index and precision is None:
        assert phrase == fmt_date(dated_db.sources.loc[record_id, "date"])  # the one date format


def test_date_text_refuses_an_unknown_record_or_precision(dated_db):
    with pytest.raises(KeyError, match="no_such_record"):
        tf.date_text(dated_db, "no_such_record")
    with pytest.raises(ValueError, match="fortnight"):
        tf.date_text(dated_db, "hn20241120", "fortnight")


def test_date_text_names_a_record_without_a_date(dated_db):
    broken = load("facts", "benchmarks", "sources", "events", sources_dir=None)
    broken.tables["events"].loc["ch_ev_cluster_list_salt_brine", "date"] = None
    with pytest.raises(ValueError, match="ch_ev_cluster_list_salt_brine.*events.csv"):
        tf.date_text(broken, "ch_ev_cluster_list_salt_brine")


def test_tally_and_count_text_say_what_was_counted():
    share = tf.tally_text(67.47, "measured claims / claims × 100", "percent", 1)
    assert share == "67.5%" and share.formula == "measured claims / claims × 100" and share.fact_ids == ()
    assert tf.tally_text(1.6234, "mean strength", digits=2) == "1.62"
    count = tf.count_text(249, "claims")
    assert count == "249" and count.formula == "number of claims"


def test_the_package_has_one_fact_to_text_function():
    writers = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        names = _function_names_reading_fact_rows(ast.parse(path.read_text(encoding="utf-8")))
        if names:
            writers[path.relative_to(paths.ROOT).as_posix()] = names
    assert writers == {"industrybook/text/facts.py": ["qualifier_words", "qualifier_note", "fact_text"]}, writers


def test_the_scan_finds_a_second_writer():
    """The scan above is not blind: a copy of an old path (qualifier words + printed precision) is found."""
    old = '''
def qualified(db, fact_id):
    row = db.fact(fact_id)
    if row["value_printed"] in WORDS:
        return word_figure_text(row["value_printed"], row["unit_printed"])
    return WORDS_BEFORE[row["qualifier"]] + fmt_value(row["value"], row["unit"])
'''
    assert _function_names_reading_fact_rows(ast.parse(old)) == ["qualified"]


def test_no_module_or_notebook_calls_a_removed_path():
    import json

    import re

    removed = ["QUALIFIER_WORDS", "qualify", "db.text", "fmt_derived_money", "qualified_text", "figure_text",
               "fact_value_text", "amount_text", "btext", "sp.qualified", "round_sig"]
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(r) for r in removed) + r")\b|^def q\(", re.M)
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name != "text" or path.name not in ("figures.py", "facts.py"):  # round_sig's home and user
            offenders += [f"{path.name}: {m.group(0)}" for m in pattern.finditer(path.read_text(encoding="utf-8"))]
    for path in sorted((paths.ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        offenders += [f"{path.name}: {m.group(0)}" for m in pattern.finditer(code)]
    assert not offenders, offenders


def test_the_data_layer_imports_no_text():
    tree = ast.parse((PACKAGE / "data" / "database.py").read_text(encoding="utf-8"))
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert not [m for m in modules if m.startswith("industrybook.text")], modules


def test_a_fact_with_an_unknown_qualifier_is_named(data_copy):
    from industrybook.data.database import DataError

    path = data_copy / "facts.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "qualifier"] = "roughly"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match=r"data/facts.csv, line 2, field 'qualifier'"):
        load("facts", data_dir=data_copy, sources_dir=None)


def test_fact_in_unit_shows_a_fact_in_a_display_unit(db):
    rod = tf.fact_in_unit(db, "nm_copper_rod_diameter", "mm")  # stored in metres (8 mm = 0.008 m)
    assert rod == "8 mm" and rod.fact_ids == ("nm_copper_rod_diameter",) and not rod.is_derived
    assert tf.fact_in_unit(db, "nm_fine_copper_wire_diameter", "mm") == "0.12 mm"
    assert tf.fact_in_unit(db, "mf_tbea_offshore_wind_10mw", "MW") == "10 MW"
    with pytest.raises(ValueError, match="stored in 'm', not 'W'"):
        tf.fact_in_unit(db, "yy_yiyang_xjxq_distance", "MW")
    with pytest.raises(ValueError, match="no display unit 'furlong'"):
        tf.fact_in_unit(db, "yy_yiyang_xjxq_distance", "furlong")


def test_printed_text_is_the_page_figure_or_its_coding(db):
    page = tf.printed_text(db, "nm_4plus4_cum_investment")
    assert page == "超80亿元" and page.fact_ids == ("nm_4plus4_cum_investment",)
    assert page == db.printed("nm_4plus4_cum_investment")
    assert tf.printed_text(db, "yy_ai_contest_teams", coded=True) == "700 支 (nearly)"
    assert tf.printed_text(db, "hy_rd_spend_jan_sep", coded=True) == "105.99 亿元"  # exact: no bracket
    assert tf.printed_text(db, "yy_guangxin_revenue_growth_2025q1q3", coded=True) == "41.35%"  # no space before %


def test_record_worded_and_range_texts_carry_their_records(db):
    threshold = tf.record_text("CNY 100 m", "ch_target_projects_over_100m_2023")
    assert threshold == "CNY 100 m" and threshold.fact_ids == ("ch_target_projects_over_100m_2023",)
    rule = tf.worded_text("6,371 km", "the IUGG mean Earth radius, a constant of the method")
    assert rule.is_derived and rule.inputs == {} and rule.fact_ids == ()
    months = tf.worded_text("12 months", "y * 12", y="nm_imported_shaft_furnace_build_time")
    assert months.inputs == {"y": "nm_imported_shaft_furnace_build_time"}
    inputs = {"a": "hy_rd_spend_jan_sep", "b": "nm_4plus4_cum_investment", "c": "hy_rd_spend_jan_sep"}
    low, high = derived_text(1.0e9, "CNY"), derived_text(2.0e9, "CNY")
    both = tf.derived_range_text(low, high, "a ± b", inputs)
    assert both == "CNY 1 bn to CNY 2 bn" and both.formula == "a ± b" and both.inputs == inputs
    assert both.fact_ids == ("hy_rd_spend_jan_sep", "nm_4plus4_cum_investment")  # each record once


def _phrase_calls(tree: ast.AST) -> int:
    """Calls of ``Phrase(...)`` (or ``phrase.Phrase(...)``) in a module."""
    return sum(1 for n in ast.walk(tree) if isinstance(n, ast.Call)
               and ((isinstance(n.func, ast.Name) and n.func.id == "Phrase")
                    or (isinstance(n.func, ast.Attribute) and n.func.attr == "Phrase")))


def test_only_the_text_layer_makes_a_phrase():
    """Issue 13: a chapter, appendix or render module writes a figure through a text-layer function,
    never by building a Phrase by hand."""
    callers = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name != "text" and _phrase_calls(ast.parse(path.read_text(encoding="utf-8"))):
            callers.add(path.relative_to(paths.ROOT).as_posix())
    assert not callers, sorted(callers)


def test_the_phrase_scan_finds_a_hand_made_phrase():
    assert _phrase_calls(ast.parse('x = Phrase(fmt_number(v) + " mm", fact_ids=("f",))')) == 1
    assert _phrase_calls(ast.parse("x = [phrase.Phrase(t) for t in ts]")) == 1
    assert _phrase_calls(ast.parse("x = fact_text(db, 'f').shown_as(t)  # Phrase( in a comment")) == 0


def test_source_text_names_and_links_the_article():
    db = load("facts", "sources", sources_dir=None)
    text = source_text(db, "hn20241120")
    assert text == source_label(db, "hn20241120") and text.fact_ids == ("hn20241120",)


def test_a_sum_or_difference_keeps_the_decimal_places_of_its_least_precise_term(db):
    # Hengyang's 7.8% less its 0.6-point lead over Hunan: one decimal, so 7.2% (significant figures
    # would cut it to the lead's one figure, 7%)
    lead = {"g": "mf_va_growth_2022", "lead": "mf_va_growth_gap_provincial_2022"}
    assert [db.fact(f)["value_printed"] for f in lead.values()] == ["7.8", "0.6"]
    hunan = db.value("mf_va_growth_2022") - db.value("mf_va_growth_gap_provincial_2022")
    assert derived_significant_figures(db, lead, "g - lead", hunan) == 2
    assert derived_text(hunan, "percent", "g - lead", lead, db) == "7.2%"
    # the same inputs in a quotient keep the lead's one significant figure
    assert derived_significant_figures(db, lead, "g / lead", 13.0) == 1
    # a computed term counts at the precision the significant-figures rule gives it: compound growth
    # of 14.36% (three figures, 14.4) less the printed 12.1% is 2.3 points, as a reader subtracts them
    levels = {"a": "mf_output_2020", "b": "mf_output_2022", "p": "mf_output_avg_growth_2021_2022"}
    nominal = ((db.value("mf_output_2022") / db.value("mf_output_2020")) ** 0.5 - 1) * 100
    gap = nominal - db.value("mf_output_avg_growth_2021_2022")
    assert derived_text(nominal, "percent", "((b / a) ** (1 / 2) - 1) * 100", levels, db) == "14.4%"
    assert derived_text(gap, "number", "((b / a) ** (1 / 2) - 1) * 100 - p", levels, db) == "2.3"
    # a formula in words, or with a function, falls back to significant figures
    assert derived_significant_figures(db, lead, "least g - lead moved by half a digit", hunan) == 1


def test_only_the_inputs_a_formula_reads_limit_its_precision(db):
    # the levels' growth does not read the producer-price inputs listed beside it (one or two figures)
    inputs = {"a": "mf_output_2020", "b": "mf_output_2022", "p1": "cn_ppi_2021"}
    assert derived_significant_figures(db, inputs, "((b / a) ** (1 / 2) - 1) * 100") == 3
    assert derived_significant_figures(db, inputs, "((b / a / (1 + p1 / 100)) ** (1 / 2) - 1) * 100") == 2


def test_an_amount_in_a_larger_unit_keeps_at_most_three_decimals(db):
    # 5万3230.99亿元 in trillions would carry seven figures; 105.99亿元 in billions keeps its three decimals
    assert fact_text(db, "hn_gdp_2024") == "CNY 5.323 tn"
    assert fact_text(db, "hn_gdp_2022") == "CNY 4.867 tn"
    assert fact_text(db, "hy_rd_spend_jan_sep") == "CNY 10.599 bn"
    assert fact_text(db, "hn_rd_spend_2023") == "CNY 128.394 bn"  # beside the conference's rounded 1283.9亿元


def test_a_formula_input_reads_in_english_with_the_printed_figure(db):
    assert tf.input_text(db, "mf_output_2020") == ("CNY 163.85 bn", "printed 1638.5亿元")
    assert tf.input_text(db, "mf_va_growth_2022") == ("7.8%", "")  # reads the same: said once
    # a release's traditional 億 shows as the pages' 亿; the data keep what the release prints
    assert db.tables["benchmarks"].loc["hn_gdp_2022", "unit_printed"] == "億元"
    assert tf.printed_figure(db, "hn_gdp_2022") == "48670.4亿元"
    assert tf.input_text(db, "hn_gdp_2022") == ("CNY 4.867 tn", "printed 48670.4亿元")


def test_a_number_with_a_known_range_keeps_no_digit_finer_than_the_range():
    assert tf.range_significant_figures(8.39, 8.35, 8.43) == 2
    assert tf.range_significant_figures(409.0, 407.0, 411.0) == 2  # ±2: tens
    assert tf.range_significant_figures(409.0, 408.5, 409.5) == 3  # ±0.5: units
    with pytest.raises(ValueError, match="range"):
        tf.range_significant_figures(9.0, 8.35, 8.43)


def test_a_card_names_a_qualifier_in_words():
    assert tf.qualifier_note("more_than") == "more than (超过, 余, 多 or 以上)"
    assert tf.qualifier_note("about") == "about (约 or 左右)"
    assert tf.qualifier_note("exact") == "a plain figure, no hedge"
    with pytest.raises(ValueError, match="unknown qualifier 'roughly'"):
        tf.qualifier_note("roughly")


def test_a_rounded_bound_still_holds(db):
    """A floor is rounded down and a ceiling up. To the nearest, more than CNY 10 bn over CNY 5.308 bn
    (88.4% growth) printed "at least 90%" (power_transmission), and CNY 4 bn or more over 13 consortia
    (CNY 307.7 m each) "at least CNY 310 m" (science_policy)."""
    from industrybook.text.figures import round_sig

    assert round_sig(88.4, 1, "down") == 80 and round_sig(88.4, 1) == 90
    assert round_sig(307.69e6, 2, "down") == 300e6 and round_sig(307.69e6, 2) == 310e6
    assert round_sig(24.923e6, 3, "up") == 25.0e6 and round_sig(0.29, 2, "down") == 0.29
    assert round_sig(1.5385, 3, "down") == 1.53 and round_sig(1.5385, 3, "up") == 1.54
    floor = derived_text(88.4, "percent", bound="at least")
    assert str(floor).startswith("at least ") and float(str(floor).split()[-1].rstrip("%")) <= 88.4
    assert derived_text(24.923e6, "CNY", bound="at most") == "at most CNY 25 m"
    assert derived_text(307.69e6, "CNY", bound="at least") == "at least CNY 307 m"
    with pytest.raises(KeyError):
        derived_text(1.0, "ratio", bound="more or less")



def test_a_figure_printed_without_a_unit_shows_none(db):
    """The Facts appendix printed "As printed: 三分之一(none)": the data's sentinel for no unit."""
    from industrybook.appendix.facts import as_printed, card_fields

    row = db.tables["facts"].loc["mf_jinbei_hsr_share"]
    assert row["unit_printed"] == NO_PRINTED_UNIT
    assert as_printed(row) == "三分之一" and card_fields(db, "mf_jinbei_hsr_share")["value"] == "三分之一"
    assert as_printed(db.tables["facts"].loc["hy_chain_output_jan_sep"]).endswith("亿元")


def test_an_entry_lists_only_the_inputs_its_formula_reads(db):
    """A derived number's entry names the records it rests on: an input its arithmetic does not read
    is an error (the summary's 14.4% listed the printed rate and both price indices beside a and b)."""
    levels = {"a": "mf_output_2020", "b": "mf_output_2022", "p": "mf_output_avg_growth_2021_2022"}
    growth = "((b / a) ** (1 / 2) - 1) * 100"
    with pytest.raises(ValueError, match=r"does not use the inputs \['p'\]"):
        Phrase("14.4%", formula=growth, inputs=levels)
    # of a set of inputs shared by several formulas, a derived number keeps those its formula reads
    assert used_inputs(growth, levels) == {"a": "mf_output_2020", "b": "mf_output_2022"}
    assert derived_text(14.36, "percent", growth, levels, db).inputs == used_inputs(growth, levels)
    # a formula in words names its records in its words: any input may stand beside it
    assert worded_text("0.01°", "rounding of the points", p="x", q="y").inputs == {"p": "x", "q": "y"}
    # a hyphened symbol reads as its parts; a function's name is not a symbol
    assert used_inputs("at-listing / 2", {"at-listing": "f"}) == {"at-listing": "f"}
    assert used_inputs("haversine(p, q)", {"p": "x", "q": "y", "haversine": "z"}) == {"p": "x", "q": "y"}
