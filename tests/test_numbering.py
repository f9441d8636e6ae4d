"""Chapters, figures, tables and exercises carry one number each, the same in the HTML and the PDF.

Read from the built book (``_build``, or the folder ``BOOK_BUILD_DIR`` names): the HTML pages in the
order of ``_toc.yml``, and the PDF's text (pdftotext). For every numbered figure, table and exercise:
its number starts with its chapter's or appendix's number, in the HTML and on its PDF page (the
running head, or the chapter's opening heading); the PDF prints the number the HTML prints, object
for object (the objects of a kind come in the same order in both, and their captions are compared
to be sure they are the same objects); no two objects of a kind share a number; and every
cross-reference to one (``{numref}``, a solution's "Solution to Exercise ...") names its number.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, in_ci

BUILD = Path(os.environ.get("BOOK_BUILD_DIR", ROOT / "_build"))
HTML = BUILD / "html"
PDF = BUILD / "latex" / "book.pdf"
KINDS = ("Figure", "Table", "Exercise")
LABEL = re.compile(rf"^({'|'.join(KINDS)}) ([0-9A-Z]+(?:\.[0-9]+)*)$")
KEY_CHARS = 12  # of a caption (or an exercise's first words), to tell that two objects are the same
# fncychap's chapter heading ("CHAPTER" over "TWO", "APPENDIX" over "B") and the running head ("2. Title")
NUMBER_WORDS = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN",
                "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", "TWENTY"]
OPENING = re.compile(r"^\s*(CHAPTER|APPENDIX)\s+([A-Z]+)\s")
RUNNING_HEAD = re.compile(r"^\s*(?:([0-9]+|[A-Z])\.\s+)?.*\S\s*\n\s*Hengyang and Hunan\s*\n")
PDF_CAPTION = re.compile(r"^(Figure|Table) ([0-9A-Z]+\.[0-9]+):\s*(.*)$|^(Exercise) ([0-9A-Z]+\.[0-9]+)\s*(.*)$")


@dataclass
class Numbered:
    kind: str
    number: str
    chapter: str | None  # the number of the chapter (or appendix) it is in; None: an unnumbered one
    key: str  # its caption's first characters, squeezed
    where: str


def squeezed(text: str) -> str:
    """Text compared across the editions: lower case, without spaces and hyphens (LaTeX breaks and
    hyphenates lines), ligatures undone."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb03", "ffi").replace("\ufb00", "ff")
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).lower()[:KEY_CHARS]


def prefix(number: str) -> str:
    return number.rsplit(".", 1)[0] if "." in number else ""


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


# --- the HTML ----------------------------------------------------------------------------------

@dataclass
class HtmlBook:
    chapters: dict[str, str | None]  # page -> its number
    objects: list[Numbered]  # in book order
    labels: dict[tuple[str, str], str]  # (page, id) -> "Table 1.2"
    links: list[tuple[str, str, str]]  # (page, link text, target "page#id") of links that name a number


def page_soup(page: str) -> BeautifulSoup:
    """A page as a reader sees it: without the hidden provenance cards (their text is not printed)."""
    soup = BeautifulSoup((HTML / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    for card in soup.select(".prov-card"):
        card.decompose()
    return soup


def chapter_number(soup: BeautifulSoup) -> str | None:
    number = soup.select_one("h1 .section-number")
    return number.get_text().strip().rstrip(".") if number else None


def object_key(label_span) -> tuple[str, str]:
    """The id of the figure, table or exercise whose label ``label_span`` is, and its caption (an
    exercise's: its first text)."""
    holder = label_span.find_parent(["figure", "table", "div"])
    if holder.name == "div":  # an exercise: <div class="exercise admonition" id=...><p class="admonition-title">
        content = holder.select_one("section") or holder
        return holder.get("id", ""), content.get_text(" ")
    caption = label_span.find_next_sibling(class_="caption-text")
    return holder.get("id", ""), caption.get_text(" ") if caption else ""


def target_of(page: str, href: str) -> str:
    path, _, anchor = href.partition("#")
    if not path:
        return f"{page}#{anchor}"
    target = (Path(page).parent / path).as_posix()
    return f"{os.path.normpath(target).removesuffix('.html')}#{anchor}"


def read_html() -> HtmlBook:
    book = HtmlBook({}, [], {}, [])
    for page in toc_pages():
        soup = page_soup(page)
        chapter = book.chapters[page] = chapter_number(soup)
        for span in soup.select(".caption-number"):
            found = LABEL.match(span.get_text().strip())
            if not found:
                continue
            object_id, caption = object_key(span)
            book.objects.append(Numbered(found.group(1), found.group(2), chapter, squeezed(caption), f"{page}.html"))
            book.labels[(page, object_id)] = span.get_text().strip()
        for link in soup.select("a.reference.internal[href]"):
            text = link.get_text().strip()
            if LABEL.match(text) and "#" in link["href"]:
                book.links.append((page, text, target_of(page, link["href"])))
    return book


# --- the PDF -----------------------------------------------------------------------------------

def pdf_pages() -> list[str]:
    text = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def pdf_chapter(page: str, previous: str | None) -> tuple[str | None, bool]:
    """The number of the chapter a PDF page belongs to, and whether the page opens it. A chapter's
    opening page has no running head; an unnumbered chapter's has neither head number nor label."""
    opening = OPENING.match(page)
    if opening:
        word = opening.group(2)
        return (str(NUMBER_WORDS.index(word)) if word in NUMBER_WORDS else word), True
    head = RUNNING_HEAD.match(page)
    if head:
        return head.group(1), False
    return previous, False


@dataclass
class PdfBook:
    chapters: list[str]  # the numbers of the numbered chapters, in order
    objects: list[Numbered]
    mentions: list[tuple[str, str, str | None]]  # every "Kind N" printed: (label, its line, chapter)


def read_pdf() -> PdfBook:
    book = PdfBook([], [], [])
    chapter = None
    pages = pdf_pages()
    for number, page in enumerate(pages, 1):
        chapter, opens = pdf_chapter(page, chapter)
        if opens:
            book.chapters.append(chapter)
        lines = page.splitlines()
        for at, line in enumerate(lines):
            found = PDF_CAPTION.match(line.strip())
            if found:
                kind, label, rest = found.group(1, 2, 3) if found.group(1) else found.group(4, 5, 6)
                following = " ".join([rest, *lines[at + 1:at + 6]])
                book.objects.append(Numbered(kind, label, chapter, squeezed(following), f"PDF page {number}"))
            for mention in re.finditer(rf"\b({'|'.join(KINDS)}) ([0-9A-Z]+\.[0-9]+)\b", line):
                book.mentions.append((mention.group(0), line.strip(), chapter))
    return book


def require_built(path: Path, command: str) -> None:
    """Skip (fail in CI) when the build ``command`` makes has not been made."""
    if path.is_file():
        return
    if in_ci():
        pytest.fail(f"{path} missing: run `make book` first")
    pytest.skip(f"{path} missing: run `{command}` to test the numbering")


@pytest.fixture(scope="module")
def html_book() -> HtmlBook:
    require_built(HTML / "intro.html", "make html")
    return read_html()


@pytest.fixture(scope="module")
def pdf_book() -> PdfBook:
    require_built(PDF, "make pdf")
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext) is not installed")
    return read_pdf()


def test_html_numbers_follow_their_chapter(html_book):
    """... and a page that numbers figures, tables or exercises is numbered itself (an appendix too):
    each page counts its own from 1."""
    wrong = [f"{o.kind} {o.number} in {o.where} (chapter {o.chapter})" for o in html_book.objects
             if o.chapter is None or prefix(o.number) != o.chapter]
    assert html_book.objects and not wrong, wrong


def test_html_numbers_are_unique(html_book):
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for o in html_book.objects:
        if (o.kind, o.number) in seen:
            twice.append(f"{o.kind} {o.number} in {seen[(o.kind, o.number)]} and {o.where}")
        seen[(o.kind, o.number)] = o.where
    assert not twice, twice


def test_html_references_name_their_targets_number(html_book):
    wrong = [f"{page}: {text!r} links to {target}, numbered {html_book.labels.get(tuple(target.split('#', 1)))!r}"
             for page, text, target in html_book.links
             if html_book.labels.get(tuple(target.split("#", 1))) != text]
    assert html_book.links and not wrong, wrong[:20]


def test_pdf_numbers_chapters_as_the_html(html_book, pdf_book):
    numbered = [n for n in html_book.chapters.values() if n is not None]
    assert pdf_book.chapters == numbered


def test_pdf_numbers_follow_their_chapter(pdf_book):
    wrong = [f"{o.kind} {o.number} on {o.where} (chapter {o.chapter})" for o in pdf_book.objects
             if o.chapter is None or prefix(o.number) != o.chapter]
    assert pdf_book.objects and not wrong, wrong[:20]


def test_pdf_numbers_are_unique(pdf_book):
    labels = [(o.kind, o.number) for o in pdf_book.objects]
    twice = sorted({f"{k} {n}" for k, n in labels if labels.count((k, n)) > 1})
    assert not twice, twice


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_prints_the_html_number(kind, html_book, pdf_book):
    """Object for object, in book order; the captions say that the pairs are the same objects."""
    html = [o for o in html_book.objects if o.kind == kind]
    pdf = [o for o in pdf_book.objects if o.kind == kind]
    assert len(html) == len(pdf), (f"{len(html)} numbered in the HTML, {len(pdf)} in the PDF",
                                   [o.number for o in html], [o.number for o in pdf])
    unlike = [f"{h.kind} {h.number} ({h.where}) is {p.kind} {p.number} on {p.where}" for h, p in zip(html, pdf)
              if h.number != p.number]
    # a short caption's key runs on into the text after it in the PDF
    others = [f"{h.where} {h.number} {h.key!r} / {p.where} {p.number} {p.key!r}" for h, p in zip(html, pdf)
              if not (h.key.startswith(p.key) or p.key.startswith(h.key))]
    assert not others, f"not the same objects in the two editions: {others[:5]}"
    assert not unlike, unlike[:20]


def test_pdf_references_name_printed_numbers(pdf_book):
    """Every "Figure/Table/Exercise N" the PDF prints (a reference, a solution's title) names an object
    it numbers; a solution is in its exercise's chapter."""
    printed = {f"{o.kind} {o.number}" for o in pdf_book.objects}
    dangling = sorted({label for label, _, _ in pdf_book.mentions if label not in printed})
    assert not dangling, dangling
    astray = [f"{line!r} in chapter {chapter}" for label, line, chapter in pdf_book.mentions
              if line.startswith("Solution to ") and prefix(label.split()[1]) != (chapter or "")]
    assert not astray, astray


# --- equations ----------------------------------------------------------------------------------

EQUATION_NUMBER = re.compile(r"\(([0-9A-Z]+\.[0-9]+)\)")
# in the PDF an equation's number stands alone at the right of its line, far from the formula
PDF_EQUATION_NUMBER = re.compile(r"\S\s{3,}\(([0-9A-Z]+\.[0-9]+)\)\s*$", re.M)


@dataclass
class Equation:
    number: str
    chapter: str | None  # the number of its page's chapter or appendix
    target: str  # "page#id"


def html_equations() -> list[Equation]:
    """Each numbered equation of the HTML, in book order."""
    found = []
    for page in toc_pages():
        soup = page_soup(page)
        for number in soup.select("div.math span.eqno"):
            label = EQUATION_NUMBER.search(number.get_text())
            if label:
                found.append(Equation(label.group(1), chapter_number(soup), f"{page}#{number.parent.get('id', '')}"))
    return found


def html_equation_references() -> list[tuple[str, str, str]]:
    """(page, link text, target "page#id") of each link to an equation in the text (not an
    equation's own link to itself)."""
    return [(page, link.get_text().strip(), target_of(page, link["href"])) for page in toc_pages()
            for link in page_soup(page).select("a.reference.internal[href*='#equation-']")]


def pdf_equation_numbers(pages: list[str]) -> list[str]:
    """The equation numbers a PDF prints (pdftotext -layout pages), in page order."""
    return [number for text in pages for number in PDF_EQUATION_NUMBER.findall(text)]


def test_an_equation_number_is_read_from_the_pdf_text():
    formula = "      value = printed number × factor of the printed unit,            (D.1)\n"
    prose = "as in the line (3.5) of the table\n"
    assert pdf_equation_numbers([prose + formula, "y = a + b      (4.2)\n"]) == ["D.1", "4.2"]


def test_equations_are_numbered_alike_in_both_editions(html_book):
    """An equation is numbered by its chapter or appendix (D.1 in appendix D) in the HTML, and the
    PDF prints the same numbers (LaTeX numbered an appendix's equations by its place among the
    chapters: (4.1) for the HTML's (D.1)); a reference to one names its number."""
    html = html_equations()
    assert html, "no numbered equation in the HTML"
    astray = [f"({e.number}) on {e.target} (chapter {e.chapter})" for e in html if prefix(e.number) != e.chapter]
    assert not astray, astray
    require_built(PDF, "make pdf")
    layout = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True, text=True, check=True).stdout
    assert pdf_equation_numbers(layout.split("\f")) == [e.number for e in html]
    numbers = {e.target: e.number for e in html}
    wrong = [(page, text, target) for page, text, target in html_equation_references()
             if target in numbers and text != f"({numbers[target]})"]
    assert not wrong, wrong


# --- the lettering itself, on a made-up book ------------------------------------------------------

def made_up_env():
    """Two chapters and two appendices, as Sphinx's collector numbers them (1, 2, then 3, 4)."""
    from types import SimpleNamespace

    from docutils import nodes
    from sphinx_external_toc.api import Document, FileItem, SiteMap, TocTree

    from industrybook.tooling.numbering import APPENDIX_PART

    site_map = SiteMap(Document("intro", subtrees=[
        TocTree([FileItem("one"), FileItem("two")], caption="Chapters", numbered=True),
        TocTree([FileItem("app_one"), FileItem("app_two")], caption=APPENDIX_PART, numbered=True)]))
    for name in ("one", "two", "app_one", "app_two"):
        site_map[name] = Document(name)
    env = SimpleNamespace(external_site_map=site_map, config=SimpleNamespace(root_doc="intro", numfig_secnum_depth=1),
                          toc_secnumbers={}, tocs={}, titles={})

    def assign_section_numbers(env):
        env.toc_secnumbers = {}
        for number, name in enumerate(["one", "two", "app_one", "app_two"], 1):
            env.toc_secnumbers[name] = {"": (number,), "#part": (number, 1)}
            env.tocs[name] = nodes.bullet_list("", nodes.reference("", name, secnumber=[number]))
            env.titles[name] = nodes.title("", name, secnumber=[number])
        return list(env.toc_secnumbers)

    return env, assign_section_numbers


def test_appendices_are_lettered_and_pages_rewritten_only_when_numbers_change():
    from industrybook.tooling.numbering import assign_lettered_section_numbers, chapter_prefix

    env, assign = made_up_env()
    assert assign_lettered_section_numbers(assign, env) == ["one", "two", "app_one", "app_two"]
    assert env.toc_secnumbers["two"] == {"": (2,), "#part": (2, 1)}
    assert env.toc_secnumbers["app_two"] == {"": ("B",), "#part": ("B", 1)}
    assert env.tocs["app_one"][0]["secnumber"] == ["A"] and env.titles["app_two"]["secnumber"] == ["B"]
    assert chapter_prefix(env, "app_one") == ("A",) and chapter_prefix(env, "intro") == ()
    # the collector numbers 3 and 4 again at the next build: nothing has changed, nothing is rewritten
    assert assign_lettered_section_numbers(assign, env) == []
