"""Every figure in data/facts.csv stands in its source article, next to the term that names it."""
import math

import pandas as pd
import pytest

from conftest import sources_or_skip
from industrybook import load
from industrybook.data import LOCATOR_WINDOW, locator_distance
from industrybook.numbers import parse_printed


@pytest.fixture(scope="module")
def db():
    return load(sources_dir=None)


def test_every_locator_stands_in_its_source(db):
    src = sources_or_skip()
    files = db.sources["file"]
    failures = []
    for fid, row in db.facts.iterrows():
        text = (src / files[row["source_id"]]).read_text(encoding="utf-8")
        dist = locator_distance(text, row["locator_figure"], row["locator_term"])
        if dist is None or dist > LOCATOR_WINDOW:
            failures.append(f"{fid}: {row['locator_figure']} / {row['locator_term']} -> {dist}")
    assert not failures, "\n".join(failures)


def test_figure_as_printed_is_in_the_locator(db):
    # the printed value must be what the locator shows (digits without separators, or the word figure)
    bad = [fid for fid, r in db.facts.iterrows()
           if str(r["value_printed"]).replace(",", "") not in r["locator_figure"].replace(",", "")]
    assert not bad, bad


def test_normalised_value_is_printed_times_factor(db):
    factors = db.units["factor"]
    for fid, row in db.facts.iterrows():
        point, low, high = parse_printed(row["value_printed"])
        factor = factors[row["unit_printed"]]
        if point is not None:
            assert math.isclose(row["value"], point * factor, rel_tol=1e-9), fid
        else:
            assert pd.isna(row["value"]) and math.isclose(row["value_low"], low * factor), fid


def test_events_and_flows_locators_stand_in_sources(db):
    src = sources_or_skip()
    files = db.sources["file"]
    texts = {sid: "".join((src / f).read_text(encoding="utf-8").split()) for sid, f in files.items()}
    for table in ("events", "flows"):
        frame = db.tables[table]
        missing = [i for i, r in frame.iterrows() if "".join(r["locator_term"].split()) not in texts[r["source_id"]]]
        assert not missing, (table, missing)


def test_every_source_file_exists_and_is_listed(db):
    src = sources_or_skip()
    assert sorted(db.sources["file"]) == sorted(p.name for p in src.glob("*.txt"))
