"""The book's title names the years of its source pages, the first to the last, and nothing else."""
import re
from pathlib import Path

import pytest
import yaml

from industrybook.tooling.edition import source_rows

ROOT = Path(__file__).resolve().parents[1]


def title_years(title: str) -> tuple[int, int]:
    """The year span a title ends with: '… in figures, as reported 2023–2026' -> (2023, 2026)."""
    m = re.search(r"\b((?:19|20)\d\d)–((?:19|20)\d\d)$", title)
    if not m:
        raise ValueError(f"title {title!r} does not end with a year span such as 2023–2026")
    return int(m.group(1)), int(m.group(2))


def test_title_years_are_those_of_the_source_pages():
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    years = sorted(int(str(row["date"])[:4]) for row in source_rows(ROOT / "data"))
    assert title_years(title) == (years[0], years[-1]), f"{title!r}: the pages run from {years[0]} to {years[-1]}"


def test_title_years_reads_the_span_and_refuses_a_title_without_one():
    assert title_years("A book in figures, as reported 2023–2026") == (2023, 2026)
    with pytest.raises(ValueError, match="year span"):
        title_years("A book in figures")
