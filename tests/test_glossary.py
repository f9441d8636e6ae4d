"""The glossary's pinyin is pypinyin's, and the glossary page lists the terms in pinyin order."""
import json
import re

import pytest

from conftest import ROOT
from industrybook.data.database import load
from industrybook.appendix.glossary import glossary_markdown, glossary_order
from industrybook.text.pinyin import pinyin_of, reading, same_pinyin, sort_key


@pytest.fixture(scope="module")
def terms():
    return load("terms", sources_dir=None).terms


def test_every_term_has_pypinyins_pinyin(terms):
    wrong = [f"{t.term_zh}: {t.pinyin!r}, pypinyin {pinyin_of(t.term_zh)!r}"
             for t in terms.itertuples() if not same_pinyin(t.pinyin, t.term_zh)]
    assert not wrong, "typed pinyin differs from pypinyin's (fix terms.csv or industrybook.text.pinyin.READINGS):\n" \
        + "\n".join(wrong)


def test_same_pinyin_allows_spacing_case_and_hyphens_but_not_tones():
    assert same_pinyin("Cháng-Zhū-Tán yītǐhuà", "长株潭一体化")
    assert same_pinyin("liànzhǎngzhì", "链长制")
    assert not same_pinyin("liànzhangzhì", "链长制")  # a missing tone mark is a different syllable
    assert not same_pinyin("liàn cháng zhì", "链长制")


def test_numerals_and_plus_signs_are_read_in_chinese():
    assert reading("1+4+N") == "一加四加N"
    assert reading("三类500强") == "三类五百强"
    assert reading("5G+工业互联网") == "5G加工业互联网"


def _page_order() -> list[str]:
    """The terms in the order the committed glossary page shows them."""
    nb = json.loads((ROOT / "chapters" / "glossary.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(o["data"]["text/markdown"]) for c in nb["cells"] for o in c.get("outputs", [])
                   if "text/markdown" in o.get("data", {}))
    assert "```{glossary}" in text and ":sorted:" not in text, "Sphinx's :sorted: would reorder by characters"
    body = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line for line in body.splitlines() if line and not line.startswith((" ", ":"))]


def test_glossary_page_is_in_pypinyin_order(terms):
    expected = sorted(terms["term_zh"], key=sort_key)
    assert _page_order() == expected


def test_glossary_markdown_follows_pinyin_not_typed_capitals(terms):
    entries = re.findall(r"^(\S.*)$", glossary_markdown(terms).split("\n", 2)[2], flags=re.M)
    assert [e for e in entries if e != "```"] == list(glossary_order(terms)["term_zh"])
    # Typed pinyin sorts capitals (Cháng) and marked vowels after every plain letter; pypinyin's does not.
    keys = [sort_key(t) for t in ("长株潭一体化", "产教联合体")]
    assert keys == sorted(keys)
