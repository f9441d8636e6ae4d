"""data/README.md states the table sizes; they must be the real ones."""
import re

from industrybook.data.database import load
from industrybook.data import paths


def test_readme_counts_match_tables():
    text = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    db = load()
    stated = dict(re.findall(r"^\| (\w+) \| (\d+) \|$", text, re.M))
    for name, table in db.tables.items():
        assert int(stated[name]) == len(table), name
