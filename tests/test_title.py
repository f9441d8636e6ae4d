"""The book's title names the years of its source pages, the first to the last, and nothing else."""
import re
from pathlib import Path

import pytest
import yaml

from conftest import in_ci
from industrybook.tooling.edition import reported_years, source_rows

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


def test_reported_years_span_the_pages():
    assert reported_years([{"date": "2026-01-24"}, {"date": "2023-04"}, {"date": "2024-11-20"}]) == "2023\u20132026"
    assert reported_years([{"date": "2024-11-20"}]) == "2024"


def test_the_html_introduction_is_headed_with_the_book_title():
    """The HTML's first page carries the PDF title's "as reported 2023–2026", from the source pages'
    dates (tooling/edition.py's substitution), not typed into intro.md."""
    assert "{{ reported_years }}" in (ROOT / "intro.md").read_text(encoding="utf-8").splitlines()[0]
    index = ROOT / "_build" / "html" / "intro.html"  # index.html only redirects here
    if not index.exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make html` first")
        pytest.skip("no HTML build")
    marked_up = re.search(r'<article class="bd-article">.*?<h1>(.*?)<a class="headerlink"',
                          index.read_text(encoding="utf-8"), re.S).group(1)
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert re.sub(r"<[^>]+>", "", marked_up) == title, (marked_up, title)
    years = "\u2013".join(str(y) for y in title_years(title))
    assert f'<span class="unbroken">{years}</span>' in marked_up, f"{years} may break at its dash: {marked_up}"
