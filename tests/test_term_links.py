"""Glossary links read as part of their sentence.

A link ``{term}`English (中文) <中文>``` puts its English into the sentence, so the sentence must read
with it: the word after the link must not repeat the link's last word ("key tasks (揭榜挂帅) tasks"),
nor the link's whole English follow it again; a link that opens a sentence starts with a capital; a link
that prints its own brackets does not sit inside brackets; after a count above one the English is plural.
"""
import ast
import json
import re

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
GLUED_TEXT = "application/papermill.record/text/plain"
LINK = re.compile(r"\{term\}`(?P<text>[^`<]*?)\s*<(?P<target>[^>]+)>`")
GLUE_BEFORE = re.compile(r"\{glue:text\}`(?P<key>[^`]+)`\s*$")
COUNT_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many"}


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z&][A-Za-z&'-]*", text)


def _english(link_text: str) -> str:
    """The English part of a link's text: what comes before the bracketed Chinese."""
    return link_text.split(" (", 1)[0].strip()


def _paragraph_start(source: str, pos: int) -> int:
    return source.rfind("\n\n", 0, pos) + 2 if "\n\n" in source[:pos] else 0


def _open_brackets(before: str) -> int:
    """Brackets opened and not closed in the prose before a point (roles and code left out)."""
    prose = re.sub(r"\{[a-z:]+\}`[^`]*`|`[^`]*`", "", before)
    return prose.count("(") - prose.count(")")


def _glued(nb: dict) -> dict[str, str]:
    out = {}
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            if set(o.get("data", {})) == {GLUED_TEXT}:  # a glued string; a glued figure carries image types too
                value = ast.literal_eval("".join(o["data"][GLUED_TEXT]))
                if isinstance(value, str):
                    out[o["metadata"]["scrapbook"]["name"]] = value
    return out


def link_problems(source: str, glued: dict[str, str] | None = None) -> list[str]:
    """Every way a glossary link in ``source`` (MyST markdown) breaks its sentence."""
    glued = glued or {}
    problems = []
    for m in LINK.finditer(source):
        english = _english(m["text"])
        if not _words(english):
            continue  # a Chinese-only link ({term}`链长制`) adds no English words
        after = source[m.end():m.end() + 200]
        next_words = _words(after.split("{", 1)[0])[:len(_words(english))]
        where = f"{m.group(0)!r}"
        if next_words and next_words[0].lower() == _words(english)[-1].lower():
            problems.append(f"{where} is followed by its own last word {next_words[0]!r}")
        if [w.lower() for w in next_words] == [w.lower() for w in _words(english)]:
            problems.append(f"{where} is followed by its own English again")
        before = source[_paragraph_start(source, m.start()):m.start()]
        if (not before.strip() or re.search(r"[.!?]\**\s*$", before)) and english[0].islower():
            problems.append(f"{where} opens a sentence in lower case")
        if "(" in m["text"] and _open_brackets(before) > 0:
            problems.append(f"{where} prints brackets inside brackets")
        glue = GLUE_BEFORE.search(before)
        if glue and glue["key"] in glued:
            count = glued[glue["key"]].strip().lower()
            digits = count.replace(",", "")
            # a number below 1900 is a count; 2024 before "contest" is a year
            plural = count in COUNT_WORDS or (digits.isdigit() and 1 < int(digits) < 1900)
            if plural and not english.endswith("s"):
                problems.append(f"{where} follows the count {count!r} but is singular")
    return problems


def test_link_problems_finds_each_kind():
    assert link_problems("a list of {term}`open competition for key tasks (揭榜挂帅) <揭榜挂帅>` tasks for")
    assert link_problems("serving {term}`becoming a regional centre (区域中心化) <区域中心化>`, becoming a regional centre:")
    assert link_problems("slogans. {term}`five lists and one map (五单一图谱) <五单一图谱>` appears")
    assert link_problems("(赛迪研究院, {term}`city S&T innovation competitiveness (城市科技创新竞争力) <城市科技创新竞争力>`)")
    assert link_problems("counts {glue:text}`pt-five` {term}`national cluster (国家集群) <国家集群>` in Hunan",
                         {"pt-five": "5"})
    assert not link_problems("The toolkit called {term}`five lists and one map (五单一图谱) <五单一图谱>` appears")
    assert not link_problems("counts {glue:text}`n` {term}`national clusters (国家集群) <国家集群>`", {"n": "5"})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_glossary_links_fit_their_sentences(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    glued = _glued(nb)
    problems = [f"cell {c.get('id')}: {p}" for c in nb["cells"] if c["cell_type"] == "markdown"
                for p in link_problems("".join(c["source"]), glued)]
    assert not problems, "\n".join(problems)
