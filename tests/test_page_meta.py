"""Every HTML page carries a meta description taken from its first paragraph (industrybook.tooling.sphinxext),
escaped, at most 160 characters; and the book has a favicon that exists."""
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from conftest import ROOT, in_ci
from industrybook.tooling.sphinxext import DESCRIPTION_LIMIT, describe_page, first_paragraph, shorten

HTML = ROOT / "_build" / "html"


def built_pages():
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make book` first")
        pytest.skip("_build/html missing: run `make book` to check page metadata")
    return sorted(p for p in HTML.rglob("*.html") if not p.relative_to(HTML).parts[0].startswith("_")
                  and p.name != "index.html")  # index.html only redirects to intro.html


def rst(text: str) -> nodes.document:
    document = new_document("test", get_default_settings(Parser))
    Parser().parse(text, document)
    return document


def test_every_page_has_a_description_from_its_first_paragraph():
    problems = []
    for path in built_pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"name": "description"})
        rel = path.relative_to(HTML).as_posix()
        if len(metas) != 1 or not metas[0]["content"].strip():
            problems.append(f"{rel}: {len(metas)} descriptions")
            continue
        description = metas[0]["content"]
        article = soup.find("article")
        paragraph = next((" ".join(p.get_text(" ").split()) for p in article.find_all("p")
                          if p.get_text(strip=True)), "") if article else ""
        words = description.rstrip("\u2026").split()[:6]
        if len(description) > DESCRIPTION_LIMIT:
            problems.append(f"{rel}: {len(description)} characters")
        elif rel not in {"search.html", "genindex.html"} and not all(w in paragraph for w in words):
            problems.append(f"{rel}: description {description[:60]!r} is not from the first paragraph")
    assert not problems, "\n".join(problems)


def test_favicon_is_linked_and_served():
    built_pages()  # skips (or fails under CI) without a built book
    soup = BeautifulSoup((HTML / "intro.html").read_text(encoding="utf-8"), "html.parser")
    icon = soup.find("link", rel="icon")
    assert icon is not None and (HTML / icon["href"]).is_file(), icon


def test_first_paragraph_skips_tables_and_admonitions():
    document = rst(".. note::\n\n   A note first.\n\n+-----+\n| Cell|\n+-----+\n\nThe  summary\nparagraph.\n")
    assert first_paragraph(document) == "The summary paragraph."
    assert first_paragraph(rst(".. note::\n\n   Only a note.\n")) == ""


def test_shorten_keeps_whole_sentences_or_cuts_at_a_word():
    assert shorten("One. Two.", limit=6) == "One."
    assert shorten("a" * 10 + " " + "b" * 10, limit=15) == "a" * 10 + "\u2026"
    assert shorten("Short.", limit=160) == "Short."


def test_description_is_escaped():
    context = {"metatags": ""}
    app = SimpleNamespace(config=SimpleNamespace(project="Book"))
    describe_page(app, "p", "page.html", context, rst('Quotes " and <tags> & more.\n'))
    assert context["metatags"].endswith('content="Quotes &quot; and &lt;tags&gt; &amp; more.">')
    context = {"metatags": "", "docstitle": "The book"}
    describe_page(app, "search", "search.html", context, None)
    assert 'content="The book"' in context["metatags"]


def test_an_edited_asset_has_the_root_page_rewritten(tmp_path):
    """Sphinx copies static files only when it writes a page: an edit to _assets alone must make one."""
    import os
    import shutil

    from industrybook.tooling.sphinxext import assets_changed

    (tmp_path / "_assets").mkdir()
    (tmp_path / "_assets" / "book.css").write_text("a {}", encoding="utf-8")
    (tmp_path / "out" / "_static").mkdir(parents=True)
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), outdir=str(tmp_path / "out"),
                          confdir=str(tmp_path), config=SimpleNamespace(
                              html_static_path=["_assets", str(tmp_path / "elsewhere")], root_doc="intro"))
    assert assets_changed(app, None, set(), set(), set()) == ["intro"]  # never copied
    shutil.copy2(tmp_path / "_assets" / "book.css", tmp_path / "out" / "_static" / "book.css")
    assert assets_changed(app, None, set(), set(), set()) == []  # copied, unchanged
    edited = tmp_path / "_assets" / "book.css"
    edited.write_text("b {}", encoding="utf-8")  # same size: told apart by time, then content
    os.utime(edited, (edited.stat().st_atime + 5, edited.stat().st_mtime + 5))
    assert assets_changed(app, None, set(), set(), set()) == ["intro"]  # edited
