"""House style of the built HTML book: one way each for month ranges, year and number ranges,
thousands separators, "percent", money and dates; no MyST markup showing as text, no reference word
doubled, no period or link text repeated in brackets.

The text a reader sees is scanned (every page's article, code blocks and maths left out: they are
code, not prose). Each rule names the house form. Data labels (data/*.csv), chapter code and chapter
modules are held to the same rules as prose: periods pass through ``fmt.fmt_period``, and no variant is
tolerated on any page.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, in_ci

HTML = ROOT / "_build" / "html"
SKIP_DIRS = {"_static", "_sources", "_downloads", "_images", "_sphinx_design_static"}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

# rule id -> (pattern of the forbidden variant, the house form)
RULES = {
    "abbreviated-month": (r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?",
                          "months in full: January–September 2024"),
    "month-range-hyphen": (rf"\b{_MONTH}-{_MONTH}\b", "an en dash: January–September"),
    "month-range-to": (rf"\b{_MONTH} to {_MONTH}\b", "an en dash: January–September"),
    "year-range-hyphen": (r"(?<![\w/-])(?:19|20)\d\d-(?:19|20)\d\d(?![\w/-])", "an en dash: 2021–2025"),
    "number-range-hyphen": (r"(?<![\w.,/-])\d{1,3}(?:st|nd|rd|th)?-\d{1,3}(?:st|nd|rd|th)?(?![\w/-])",
                            "an en dash: 10–14 May, 1st–10th"),
    # "from 1937 to 2026" is the house form after "from"; a bare "2021 to 2025" is not
    "year-range-to": (r"(?<![\w/-])(?<!from )(?:19|20)\d\d to (?:19|20)\d\d(?![\w/-])", "an en dash: 2021–2025"),
    "month-day-year": (rf"\b{_MONTH} \d{{1,2}}, \d{{4}}\b", "day month year: 2 September 2022"),
    "per-cent": (r"\bper cent\b", "percent (or %)"),
    # IUPAC's spelling, as chemists and the book's sulfate and sulfuric acid write it
    "sulphur": (r"\b[Ss]ulph", "sulfur, sulfate"),
    # 规模以上 before a noun is "above-size", as the glossary defines it; never a third form
    "above-scale": (r"\b[Aa]bove-scale\b", "above-size (firms), above designated size"),
    "no-thousands-separator": (r"(?<![\w.,/-])\d{4,}(?:\.\d+)? ?(?:m|km|t|kg|tonnes|kV|MW|m²|mm|yuan)\b",
                               "thousands separated: 5,000 m"),
    # money in the book's one form: "CNY 1 bn", never "1 bn yuan"
    "yuan-after-scale": (r"\b\d[\d.,]* ?(?:bn|m|tn|million|billion|trillion) yuan\b", "CNY 1 bn"),
    # the percent sign follows its number: "41.35%", never "41.35 %"
    "space-before-percent": (r"\d %", "41.35%"),
    # a cross-reference's text already names its kind: "(Exercise 7.2)", never "(exercise Exercise 7.2)"
    "doubled-reference-word": (r"(?i)\b(exercise|table|figure|chapter|section|appendix) \1 \d",
                               "the reference alone: (Exercise 7.2)"),
    # a label that names its period does not repeat it in brackets
    "repeated-period": (rf"({_MONTH}(?:–{_MONTH})? (?:19|20)\d\d)\b[^()\[\]]{{0,40}}? \(\1\)",
                        "the period once: Revenue growth, January–September 2025, year on year"),
    # a link whose text repeats the words just before it: "Summary (Summary)"
    # (the reader text has a space inside a bracket around a link: "( Summary )")
    "repeated-link-text": (r"\b([A-Z][\w’' -]{5,}) \( ?\1 ?\)", "the title once, as the link"),
    "raw-markup": (r"\{(?:term|glue|glue:text|glue:figure|numref|doc|ref|cite|cite:p|cite:t|chart|eq)\}"
                   r"|\(facts [a-z]+_ ?\)|:::|```", "no MyST role or fence shown as text"),
}

def pages():
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make book` first")
        pytest.skip("_build/html missing: run `make book` to check the house style")
    return sorted(p for p in HTML.rglob("*.html") if not (set(p.relative_to(HTML).parts) & SKIP_DIRS)
                  and p.name not in {"genindex.html", "search.html"})


def reader_text(html: str) -> str:
    """The article text a reader sees, without code blocks, maths or scripts, whitespace collapsed."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup.body or soup
    for node in article.select("script, style, div.highlight, pre, .math, div.math, span.math"):
        node.decompose()
    for block in article.select(".prov-row, td, th"):  # a card's rows and a table's cells stand apart
        block.append("; ")
    return " ".join(article.get_text(" ").split())


def variants(text: str) -> Counter:
    """How often each rule's forbidden variant occurs in ``text``."""
    return Counter({rule: len(re.findall(pattern, text)) for rule, (pattern, _) in RULES.items()
                    if re.search(pattern, text)})


def excerpts(text: str, pattern: str, width: int = 30) -> list[str]:
    return [text[max(0, m.start() - width):m.end() + width] for m in re.finditer(pattern, text)][:3]


def test_house_style():
    found = {}
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        text = reader_text(path.read_text(encoding="utf-8"))
        for rule, count in variants(text).items():
            found[(rule, rel)] = (count, excerpts(text, RULES[rule][0]))
    problems = [f"{rel}: {count} x {rule} (house form: {RULES[rule][1]}): {ex}"
                for (rule, rel), (count, ex) in sorted(found.items())]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("rule, bad, good", [
    ("abbreviated-month", "output, Jan-Sep 2024", "output, January–September 2024"),
    ("month-range-hyphen", "in January-October 2024", "in January–October 2024"),
    ("month-range-to", "from January to September 2024", "in January–September 2024"),
    ("year-range-hyphen", "output for 2020-2022,", "output for 2020–2022, month 2023-05, period 2021/2025"),
    ("number-range-hyphen", "held 10-14 May", "held 10–14 May on 2023-05-14, hy_ch-1"),
    ("year-range-to", "the plan covered 2021 to 2025", "rose from 3 in 2021 to 5 in 2025, from 1937 to 2026"),
    ("month-day-year", "on September 2, 2022", "on 2 September 2022"),
    ("per-cent", "by g per cent", "by g percent"),
    ("sulphur", "salt, fluorine, sulphur chemicals; sodium sulphate", "salt, fluorine, sulfur chemicals; sodium sulfate"),
    ("above-scale", "output of above-scale firms", "output of above-size firms, industry above designated size"),
    ("no-thousands-separator", "Enables 5000 m lengths", "Enables 5,000 m lengths in 2024"),
    ("raw-markup", "link here with {term} and (facts yy_)", "link here from each chapter"),
    ("yuan-after-scale", "Signed projects worth 1 bn yuan or more", "Signed projects worth CNY 1 bn or more, 衡阳 10 亿元"),
    ("space-before-percent", "As printed: 41.35 %", "As printed: 41.35%, 8 毫米, 700 支 (nearly)"),
    ("doubled-reference-word", "set by the firm (exercise Exercise 7.2)", "set by the firm (Exercise 7.2), see table 3"),
    ("repeated-period", "Guangxin revenue growth, January–September 2025, year on year (January–September 2025): 41.35%",
     "Guangxin revenue growth, January–September 2025, year on year: 41.35%; output (2022) and tax (2022)"),
    ("repeated-link-text", "Against the official record ( Against the official record ). Hunan's",
     "Against the official record. Hunan's; The city as a whole (Hengyang's industry)"),
])
def test_each_rule_tells_variant_from_house_form(rule, bad, good):
    assert variants(bad)[rule] >= 1
    assert variants(good)[rule] == 0


def test_code_and_maths_are_not_prose():
    html = ('<article><p>From 2021–2025.</p><div class="highlight"><pre>print("Jan-Sep")</pre></div>'
            '<div class="math">\\text{per cent}</div></article>')
    assert variants(reader_text(html)) == Counter()
