"""The evidence rules of the closing chapter sort every claim once, by the rules in data/, and bad
rows in the chapter's tables are named."""
import pandas as pd
import pytest

from conftest import assert_bad_cell_is_named
from industrybook.data.database import load
from industrybook.chapters import evidence as ev

TABLES = ("facts", "entities", "sources", "omissions", "reconciliations", "evidence_classes", "source_genres",
          "unfigured_claims", "open_questions")


@pytest.fixture(scope="module")
def db():
    return load(*TABLES, sources_dir=None)


def test_every_fact_gets_exactly_the_class_the_rules_give(db):
    """Recomputed without the module: plans and targets first, then firms in promotional pages."""
    facts = db.facts.merge(db.entities[["entity_id", "kind"]], on="entity_id").merge(
        db.source_genres[["source_id", "genre"]], on="source_id")
    expected = pd.Series("measured", index=facts["fact_id"].to_numpy())
    firm = ((facts["kind"] == "company") & (facts["genre"] == "promotional_feature")).to_numpy()
    expected[firm] = "company_claim"
    expected[facts["status"].isin(["plan", "target"]).to_numpy()] = "plan_target"
    got = ev.classify_facts(db).set_index("claim_id")["class_id"]
    assert len(got) == len(db.facts)
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


def test_counts_add_up_to_every_claim(db):
    counts = ev.class_counts(db)
    assert counts["total"].sum() == len(db.facts) + len(db.unfigured_claims)
    assert (counts.drop(columns="total").sum(axis=1) == counts["total"]).all()
    assert counts["unfigured_superlative"].sum() == len(db.unfigured_claims)
    shares = ev.class_shares(db)
    assert shares.sum(axis=1).round(9).eq(100).all()


def test_strength_index_is_the_weighted_mean(db):
    counts = ev.class_counts(db)
    strength = ev.classes(db).set_index("class_id")["strength"].astype(float)
    for theme, row in counts.iterrows():
        weighted = sum(strength[c] * row[c] for c in strength.index) / row["total"]
        assert ev.strength_index(db)[theme] == pytest.approx(weighted)


def test_a_news_report_keeps_company_figures_measured(db):
    """The genre condition is live: a page reclassed as news moves its company facts to measured."""
    genres = db.tables["source_genres"].copy()
    genres.loc["hn20251214", "genre"] = "news_report"
    changed = ev.classify_facts(type(db)(tables={**db.tables, "source_genres": genres}, schema=db.schema))
    before = ev.classify_facts(db)
    moved = (before["class_id"] != changed["class_id"])
    assert moved.any()
    assert set(before.loc[moved, "source_id"]) == {"hn20251214"}
    assert set(changed.loc[moved, "class_id"]) == {"measured"}


def test_a_fact_no_rule_matches_is_named(db):
    rules = db.tables["evidence_classes"]
    only_plans = rules[rules["class_id"] != "measured"]
    broken = type(db)(tables={**db.tables, "evidence_classes": only_plans}, schema=db.schema)
    with pytest.raises(ValueError, match=r"data/facts\.csv, row 2, column status: fact 'ch_leading_industries_count'"):
        ev.classify_facts(broken)


def test_every_unresolved_question_has_its_settling_data(db):
    table = ev.open_questions(db)
    unresolved = db.reconciliations[db.reconciliations["status"] == "unresolved"]
    assert sorted(table["rec_id"]) == sorted(unresolved["rec_id"])
    assert table["data_needed"].str.len().min() > 40


def test_omission_check_counts_listed_claims(db):
    check = ev.omission_check(db)
    assert check["listed"] + check["not_listed"] == len(db.unfigured_claims)
    # an omission_locator naming no row: load() refuses it (tests/test_data_rules.py)


@pytest.mark.parametrize("table,where,field,bad,message", [
    ("evidence_classes", 0, "statuses", "outcome;guess", "constraint-error.*pattern"),
    ("evidence_classes", 0, "table", "events", "constraint-error.*enum"),
    ("source_genres", 0, "genre", "advert", "constraint-error.*enum"),
    ("unfigured_claims", 0, "entity_id", "no_such_entity", "foreign-key"),
    ("unfigured_claims", 0, "theme", "tourism", "constraint-error.*enum"),
    ("open_questions", 0, "rec_id", "no_such_rec", "foreign-key"),
])
def test_bad_rows_are_named(data_copy, table, where, field, bad, message):
    assert_bad_cell_is_named(data_copy, table, where, field, bad, message)
