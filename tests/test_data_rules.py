"""Every data rule lives in ``load()``: each test breaks one cell of a copy of data/ and expects a
DataError whose message names the file, the line of the CSV file (the row; the header is line 1)
and the field (the column)."""
import csv
import warnings

import pytest

from conftest import assert_bad_cell_is_named, edit_csv, first_row, sources_or_skip
from industrybook.data.database import DataError, SourcesNotFoundWarning, load

# (rule, table, the row to break: an index or (field, value) of the first such row, field, bad value,
#  what the message must say after "data/<table>.csv, line <n>, field '<field>': ")
RULES = [
    # a figure that is not a figure
    ("value not numeric", "facts", 0, "value", "twelve", "type-error"),
    ("value_printed not a figure", "facts", 0, "value_printed", "twelve", "not a figure: 'twelve'"),
    ("word figure not in word_figures.csv", "facts", ("value_printed", "数百"), "value_printed", "几千",
     "not a figure: '几千'"),
    ("benchmark value_printed not a figure", "benchmarks", 0, "value_printed", "n/a", "not a figure: 'n/a'"),
    ("value is not printed value times factor", "facts", 0, "value", "1", ".* is not value_printed"),
    ("locator_figure does not show the printed figure", "facts", 0, "locator_figure", "百",
     "'百' does not show the printed figure '十'"),
    ("unit not the printed unit's base unit", "facts", 0, "unit", "yuan", "'yuan' is not the base unit"),
    # bounds that contradict the qualifier
    ("more_than with value_low above value", "facts", ("qualifier", "more_than"), "value_low", "1e15",
     "qualifier 'more_than' needs value_low = value"),
    ("more_than with value_low below value", "facts", ("qualifier", "more_than"), "value_low", "1",
     "qualifier 'more_than' needs value_low = value"),
    ("less_than with value_high below value", "facts", ("qualifier", "less_than"), "value_high", "1",
     "qualifier 'less_than' needs value_high = value"),
    ("nearly without value_high", "facts", ("qualifier", "nearly"), "value_high", "",
     "qualifier 'nearly' needs value_high = value"),
    ("exact with a bound", "facts", ("qualifier", "exact"), "value_high", "5", "qualifier 'exact' sets no value_high"),
    ("range with low above high", "facts", ("qualifier", "range"), "value_low", "1e15",
     "value_low 1e\\+15 is not below value_high"),
    ("range with a value", "facts", ("qualifier", "range"), "value", "5", "a range .* stores no value"),
    # units, ids and vocabularies
    ("unit missing from units.csv", "facts", 0, "unit_printed", "斤斤", "foreign-key.*斤斤"),
    ("benchmark unit missing from units.csv", "benchmarks", 0, "unit_printed", "斤斤", "foreign-key.*斤斤"),
    ("unknown source", "facts", 0, "source_id", "hn19990101", "foreign-key"),
    ("unknown entity", "facts", 0, "entity_id", "no_such_entity", "foreign-key"),
    ("unknown theme", "facts", 0, "theme", "tourism", "constraint-error.*enum|foreign-key"),
    ("unknown theme of an event", "events", 0, "theme", "tourism", "constraint-error.*enum|foreign-key"),
    ("unknown fact id in a reconciliation", "reconciliations", 0, "fact_ids", "mf_output_2020;no_such_fact",
     "unknown fact_id.* of facts: no_such_fact"),
    ("unknown reconciliation in open_questions", "open_questions", 0, "rec_id", "no_such_rec", "foreign-key"),
    ("unknown fact in the money chart's list", "money_figures", 0, "fact_id", "no_such_fact", "foreign-key"),
    ("unknown count in the averages chart's list", "money_averages", 0, "denominator_fact_id", "no_such_fact",
     "foreign-key"),
    ("money figure level outside its enum", "money_figures", 0, "level", "county", "constraint-error.*enum"),
    ("unknown fact among the claimed results", "output_classes", 0, "fact_id", "no_such_fact", "foreign-key"),
    ("claimed result in no known class", "output_classes", 0, "class", "impact", "constraint-error.*enum"),
    ("unknown fact in the BRICS chart's list", "brics_flows", 0, "fact_id", "no_such_fact", "foreign-key"),
    ("BRICS flow neither export nor import", "brics_flows", 0, "flow", "transit", "constraint-error.*enum"),
    ("open question for a settled reconciliation", "open_questions", 0, "rec_id", "ov_output_growth_vs_levels",
     "'ov_output_growth_vs_levels' is explained, not unresolved"),
    ("unfigured claim names no row of omissions.csv", "unfigured_claims", ("claim_id", "uc_tbea_5g_park_first"),
     "omission_locator", "不存在的条目", "no row of data/omissions.csv has source_id 'hy202305', locator '不存在的条目'"),
    # enums, required fields, patterns, ranges
    ("qualifier outside its enum", "facts", 0, "qualifier", "roughly", "constraint-error.*enum.*'roughly'"),
    ("event type outside its enum", "events", 0, "event_type", "party", "constraint-error.*enum.*'party'"),
    ("date precision outside its enum", "sources", 0, "date_precision", "week", "constraint-error.*enum"),
    ("required metric missing", "facts", 0, "metric_en", "", "constraint-error.*required"),
    ("required locator missing", "flows", 0, "locator_term", "", "constraint-error.*required"),
    ("latitude out of range", "places", 0, "lat", "95", "constraint-error.*maximum"),
    # dates
    ("period does not parse", "facts", 0, "period", "2024-13", "date does not parse"),
    ("event date does not parse", "events", 0, "date", "2024-02-30", "date does not parse"),
    ("source date does not parse", "sources", 0, "date", "2023-02-30", "date does not parse"),
    # the editorial tables
    ("theme colour not a hex colour", "themes", 0, "colour", "grey", "constraint-error.*pattern"),
    ("theme without an English name", "themes", 0, "name_en", "", "constraint-error.*required"),
    ("two themes in one place of the order", "themes", 1, "order", "1", "unique-error"),
    ("word figure with a point and a bound", "word_figures", ("word", "一半"), "low", "0.4", "'一半' has a point, so no bound"),
    ("word figure naming half a span", "word_figures", ("word", "数百"), "high", "", "'数百' needs a point, or both low and high"),
    ("word figure span upside down", "word_figures", ("word", "数百"), "low", "1000", "low 1000 is not below high 900"),
]


def break_cell(data_copy, table, where, field, bad) -> int:
    """Set one cell of a copied table; the line of the CSV file it stands on."""
    path = data_copy / f"{table}.csv"
    row = where if isinstance(where, int) else first_row(path, *where)
    edit_csv(path, row, field, bad)
    return row + 2


@pytest.mark.parametrize("table,where,field,bad,message", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_a_broken_rule_is_named(data_copy, table, where, field, bad, message):
    assert_bad_cell_is_named(data_copy, table, where, field, bad, message)


def test_an_unresolved_reconciliation_without_an_open_question_is_named(data_copy):
    # the rule joins two tables and open_questions cites reconciliations, not the reverse: a notebook
    # reading the questions (load("open_questions") brings the reconciliations) gets it checked
    line = break_cell(data_copy, "reconciliations", ("status", "consistent"), "status", "unresolved")
    with pytest.raises(DataError, match=rf"data/reconciliations\.csv, line {line}, field 'status': '[a-z0-9_]+' is "
                                        r"unresolved but has no row in data/open_questions\.csv"):
        load("open_questions", data_dir=data_copy, sources_dir=None)


# Provenance: every record's locator stands in its source article (checked when the sources are given).
PROVENANCE_RULES = [
    ("fact locator not in its source", "facts", 0, "locator_figure", "locator_figure", "十大杂烩",
     "locator '十大杂烩' / .* does not occur in its source"),
    ("fact figure and term too far apart", "facts", ("fact_id", "ch_chain_count"), "locator_term", "locator_figure",
     "邓小山", "locator .* characters apart"),  # 邓小山 is on the page (the byline), far from this figure
    ("event locator not in its source", "events", 0, "locator_term", "locator_term", "从未发生的事件",
     "'从未发生的事件' does not occur in its source"),
    ("flow locator not in its source", "flows", 0, "locator_term", "locator_term", "不存在的材料",
     "'不存在的材料' does not occur in its source"),
    ("unfigured claim locator not in its source", "unfigured_claims", ("claim_id", "uc_jianheng_largest"),
     "locator_term", "locator_term", "世界最大", "'世界最大' does not occur in its source"),
]


@pytest.mark.parametrize("table,where,field,named,bad,message", [r[1:] for r in PROVENANCE_RULES],
                         ids=[r[0] for r in PROVENANCE_RULES])
def test_a_locator_outside_its_source_is_named(data_copy, table, where, field, named, bad, message):
    sources = sources_or_skip()
    line = break_cell(data_copy, table, where, field, bad)
    with pytest.raises(DataError, match=rf"data/{table}\.csv, line {line}, field '{named}': {message}"):
        load(table, data_dir=data_copy, sources_dir=sources)
    # sources_dir="auto" finds the articles (BOOK_SOURCES_DIR) and checks them: no silent skip
    with pytest.raises(DataError, match=rf"data/{table}\.csv, line {line}, field '{named}': {message}"):
        load(table, data_dir=data_copy)
    load(table, data_dir=data_copy, sources_dir=None)  # skipping the check on purpose


def test_sources_auto_warns_when_absent_and_raises_in_ci(monkeypatch, tmp_path, data_copy):
    monkeypatch.setenv("BOOK_SOURCES_DIR", str(tmp_path / "nowhere"))
    monkeypatch.delenv("CI", raising=False)
    edit_csv(data_copy / "events.csv", 0, "locator_term", "从未发生的事件")  # would fail the check
    with pytest.warns(SourcesNotFoundWarning) as record:
        load("events", data_dir=data_copy)
    assert "BOOK_SOURCES_DIR" in str(record[0].message) and str(tmp_path / "nowhere") in str(record[0].message)
    assert "not checked" in str(record[0].message)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(FileNotFoundError, match="CI requires them"):
        load("events", data_dir=data_copy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load("events", data_dir=data_copy, sources_dir=None)  # skipping the check on purpose is silent, in CI too


def test_missing_column_is_named(data_copy):
    path = data_copy / "facts.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r[:3] + r[4:] for r in csv.reader(fh)]  # drop entity_id
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(DataError, match=r"data/facts\.csv, line 1, field 'entity_id': column missing") as err:
        load("facts", data_dir=data_copy, sources_dir=None)
    assert "incorrect-label" not in str(err.value)  # one clear problem, not every later column


def test_duplicate_id_is_named(data_copy):
    path = data_copy / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    with pytest.raises(DataError, match=rf"facts\.csv, line {len(lines) + 1}.*(primary-key|unique)"):
        load(data_dir=data_copy, sources_dir=None)

