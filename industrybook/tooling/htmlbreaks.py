"""Sphinx extension for the HTML edition: where a long word may break, and where a reference may not.

A browser never breaks a word such as ``hy_top500_projects_signed_jan_sep`` or ``data/units.csv``,
so a table cell holding one sets the width of its column, and a table of them grows wider than the
page. Breaking anywhere instead (CSS ``overflow-wrap: anywhere``) also splits ordinary words
("Hengyan|g Daily"), because it lets the browser narrow every column below its longest word. So the
written page says where such a word may break: after each of :data:`BREAK_AFTER` inside an
identifier, a path or a pattern (a ``<wbr>``, which copies as nothing, so a copied id stays clean).
A numbered reference in a table ("Table 4", "Figure A.1") is kept on one line. (Dates, periods and
values are kept whole in every text of both editions by :mod:`industrybook.tooling.unbroken`.) Only
the HTML is touched; the doctree, and so the search index, the page descriptions and the PDF, keep
the words whole.

Scope: text inside tables (cells and captions) and inside inline literals (``code.literal``), the two
places where ids, file names and patterns are printed; never math (MathJax reads its source from the
text), scripts, styles or code blocks.
"""
from __future__ import annotations

import re

BREAK_AFTER = "_/.|;"  # a browser already breaks after a hyphen between letters
LONG_WORD = 12  # characters; a shorter word fits any column and is left alone
WBR = "<wbr>"
NOWRAP_CLASS = "book-nowrap"

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_CLASSES = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
_WORD = re.compile(r"\S+")
# a separator followed by a letter or digit: the break goes between them (never at a word's end,
# where it would only let the punctuation after an id stray onto the next line)
# a file's extension stays with its name ("reconciliations.csv", not "reconciliations. / csv")
_BREAK_POINT = re.compile(f"([{re.escape(BREAK_AFTER.replace('.', ''))}]|\\.(?![a-z]{{1,5}}(?![A-Za-z0-9_(]|\\.[A-Za-z])))"
                          "(?=[A-Za-z0-9\\\\^(\\[])")
_KEPT_WHOLE = re.compile(r"\b(?:Table|Figure|Exercise) (?:[A-Z]|\d+)(?:\.\d+)*")  # appendices are lettered
_SKIPPED_TAGS = {"script", "style", "pre", "textarea", "svg"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
              "track", "wbr"}


def break_points(word: str) -> str:
    """``word`` (HTML text, entities escaped) with a ``<wbr>`` after each separator inside it, when
    it is an identifier, path or pattern long enough to matter (it has a letter: figures and dates are
    not broken)."""
    if len(word) < LONG_WORD or not re.search(r"[A-Za-z]", word):
        return word
    return _BREAK_POINT.sub(lambda m: m.group(1) + WBR, word)


def keep_values_whole(text: str) -> str:
    """``text`` with each numbered reference in it wrapped to stay on one line."""
    return _KEPT_WHOLE.sub(lambda m: f'<span class="{NOWRAP_CLASS}">{m.group(0)}</span>', text)


def _classes(tag: str) -> set[str]:
    found = _CLASSES.search(tag)
    return set(found.group(1).split()) if found else set()


class _Scope:
    """Where the walk through the page is: inside a table, an inline literal, or an element whose
    text must stay as written (math, code blocks, scripts)."""

    def __init__(self):
        self.open: list[tuple[str, str]] = []  # (tag name, role): role is 'table', 'literal', 'skip' or ''

    def enter(self, tag: str) -> None:
        name = _TAG_NAME.match(tag).group(1).lower()
        if name in _VOID_TAGS or tag.endswith("/>"):
            return
        classes = _classes(tag)
        role = ("skip" if name in _SKIPPED_TAGS or "math" in classes else
                "table" if name == "table" else "literal" if name == "code" and "literal" in classes else "")
        self.open.append((name, role))

    def leave(self, tag: str) -> None:
        name = _TAG_NAME.match(tag).group(1).lower()
        for depth in range(len(self.open) - 1, -1, -1):  # tolerate a stray end tag: close up to its match
            if self.open[depth][0] == name:
                del self.open[depth:]
                return

    def roles(self) -> set[str]:
        return {role for _, role in self.open}


def add_break_points(body: str) -> str:
    """The page body with break points in the long words of its tables and inline literals, and its
    tables' numbered references kept whole."""
    scope = _Scope()
    parts = _TAG.split(body)
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if part.startswith("</"):
                scope.leave(part)
            elif _TAG_NAME.match(part):
                scope.enter(part)
            continue
        roles = scope.roles()
        if "skip" in roles or not roles & {"table", "literal"} or not part.strip():
            continue
        text = _WORD.sub(lambda m: break_points(m.group(0)), part)
        parts[i] = keep_values_whole(text) if "table" in roles else text
    return "".join(parts)


def break_long_words(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = add_break_points(context["body"])


def setup(app):
    app.connect("html-page-context", break_long_words)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
