"""The cover image: drawn from the events table by a named function, committed as the files both
editions include, with alt text counted from the same events."""
import re

from conftest import ROOT
from industrybook.data.database import load
from industrybook.render.cover import COVER_FILES, cover_alt, cover_bytes, cover_events


def test_committed_cover_files_are_what_the_function_draws():
    drawn = cover_bytes(load())
    for fmt, path in COVER_FILES.items():
        assert path.read_bytes() == drawn[fmt], f"{path.name} is stale: run python -m industrybook.render.cover"
    assert "<image" not in drawn["svg"].decode("utf-8") and b"/Subtype /Image" not in drawn["pdf"], "vector only"


def test_cover_draws_every_event_since_2021_and_its_alt_text_counts_them():
    db = load()
    events = cover_events(db)
    assert len(events) == int((db.events["date"].str[:4].astype(int) >= 2021).sum())
    alt = cover_alt(db)
    assert f"the {len(events)} dated events" in alt
    assert sum(int(n) for n in re.findall(r"(?:system|materials|transmission|area|policy) (\d+)", alt)) == len(events)


def test_the_title_page_and_the_introduction_carry_the_cover():
    sty = (ROOT / "_latex" / "bookprint.sty").read_text(encoding="utf-8")
    maketitle = sty[sty.index("\\newcommand{\\bookprintmaketitle}"):]
    assert "\\includegraphics[width=\\linewidth]{cover.pdf}" in maketitle.split("\\end{titlepage}")[0]
    assert "_assets/cover.pdf" in (ROOT / "_config.yml").read_text(encoding="utf-8")
    intro = (ROOT / "intro.md").read_text(encoding="utf-8")
    assert "```{image} _assets/cover.svg" in intro
    assert f":alt: {cover_alt(load())}\n" in intro, "intro.md's alt text is stale: copy the one the cover module prints"
