"""industrybook.tooling.unbroken: dates, periods and values kept on one line in both editions."""
import re
from html.parser import HTMLParser

import pytest
from docutils import nodes

from conftest import ROOT, in_ci
from industrybook.tooling.unbroken import LONGEST_TERM, UNBROKEN, keep_values_whole, term_spans, value_spans

HTML = ROOT / "_build" / "html"


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in value_spans(text)]


def test_dates_periods_and_ranges_are_values():
    assert spans("Hunan Daily, 2026-01-24") == ["2026-01-24"]
    assert spans("(Growth of exports, 2024-01/2024-10); gn = 75% (x, 2024-01/2024-10)") == ["2024-01/2024-10"] * 2
    assert spans("over 2023-2026 and 2021\u20132025.") == ["2023-2026", "2021\u20132025"]
    assert spans("in January\u2013September 2024 and on 20 November 2024") == ["January\u2013September 2024",
                                                                             "20 November 2024"]


def test_in_a_table_cell_a_worded_period_may_break_between_its_months_and_its_year():
    """The one break a value allows, and only in a table cell: a column as narrow as
    "January–September" leaves its table room (at 1280 px the benchmarks city table and the derived
    tables were as wide as the column), and a worded date parts the same way ("20 November" / "2024": the
    source columns name their articles by date). Neither piece breaks; a day stays with its month."""
    in_cell = [(t[a:b]) for t in ["in January\u2013September 2024 and on 20 November 2024", "May\u00a02023)"]
               for a, b in value_spans(t, in_table=True)]
    assert in_cell == ["January\u2013September", "2024", "20 November", "2024", "May", "2023"]
    assert spans("January\u2013September 2024") == ["January\u2013September 2024"]  # prose: whole


def test_a_table_cell_gets_a_breakable_space_in_its_period_and_prose_does_not():
    bound = "GDP, January\u2013September\u00a02024"  # md_table's cells come bound (tables.glue_values)
    document = nodes.document(None, None)
    cell = nodes.entry("", _paragraph(nodes.Text(bound)))
    document += nodes.table("", nodes.tgroup("", nodes.tbody("", nodes.row("", cell))))
    document += _paragraph(nodes.Text(bound))
    keep_values_whole(None, document, "page")
    cell_spans = [n.astext() for n in cell.findall(nodes.inline) if UNBROKEN in n["classes"]]
    prose = document[1]
    assert cell_spans == ["January\u2013September", "2024"] and cell.astext() == "GDP, January\u2013September 2024"
    assert [n.astext() for n in prose.findall(nodes.inline)] == ["January\u2013September\u00a02024"]


def test_amounts_keep_their_currency_and_unit():
    assert spans("naively annualised, 2024 would reach CNY 176 bn, below") == ["CNY 176 bn"]
    assert spans("5,000 m long") == ["5,000 m"]
    assert spans("12 of 20 firms") == ["12 of 20"]
    assert spans("already bound: CNY\u00a012\u00a0bn") == ["CNY\u00a012\u00a0bn"]


def test_words_ids_and_addresses_are_not_values():
    assert spans("Electric-vehicle exports and 1321.67亿元") == []
    assert spans("the fact hy_cs_2024-01 at https://example.cn/2024-01-02/a.html") == []


def terms(text: str) -> list[str]:
    return [text[a:b] for a, b in term_spans(text)]


def test_short_chinese_terms_are_kept_whole():
    """A short Chinese term, with the figures written into it, is one piece; the brackets, quotes
    and punctuation around it are not part of it, and a long run of Chinese (a title) may break."""
    assert terms("Shuikoushan (水口山), salt brine") == ["水口山"]
    assert terms("the slogan \u201c一核两电三色四新\u201d.") == ["一核两电三色四新"]
    assert terms("1321.67亿元; 市第88位; 三分之一(none)") == ["1321.67亿元", "市第88位", "三分之一"]
    assert terms("(充气柜、平台用变压器)") == ["充气柜、平台用变压器"]
    assert terms("万元/吨, 元/克 and 元/ kg") == ["万元/吨", "元/克", "元"]  # a unit broke at its slash on a phone
    assert terms("Locator: 5万3230.99亿元.") == ["5万3230.99亿元"]  # broke after 万 in the Facts appendix
    assert terms("38项\u22ef世界第一") == ["38项", "世界第一"]
    title = "2025年湖南省政府工作报告"
    assert len(title) > LONGEST_TERM and terms(title) == []
    assert terms("no Chinese, 2024-01/2024-10") == []


def test_a_term_inside_a_value_is_not_wrapped_twice():
    document = nodes.document(None, None)
    document += _paragraph(nodes.Text("Hengyang (衡阳) and CNY\u00a012\u00a0bn (12亿元)"))
    keep_values_whole(None, document, "page")
    wrapped = [n.astext() for n in document[0].findall(nodes.inline) if UNBROKEN in n["classes"]]
    assert wrapped == ["衡阳", "CNY\u00a012\u00a0bn", "12亿元"]
    assert document[0].astext() == "Hengyang (衡阳) and CNY\u00a012\u00a0bn (12亿元)"


def _paragraph(*children):
    return nodes.paragraph("", "", *children)


def test_values_are_wrapped_and_the_text_is_unchanged():
    text = "reach CNY 176 bn in 2024-01/2024-09, says the page."
    code = nodes.literal("2024-01-02", "2024-01-02")
    raw = nodes.raw("", "<span>2024-01/2024-09</span>", format="html")
    document = nodes.document(None, None)
    document += _paragraph(nodes.Text(text), code, raw)
    keep_values_whole(None, document, "page")
    paragraph = document[0]
    assert paragraph.astext().startswith(text)
    wrapped = [n.astext() for n in paragraph.findall(nodes.inline) if UNBROKEN in n["classes"]]
    assert wrapped == ["CNY 176 bn", "2024-01/2024-09"]
    assert not list(code.findall(nodes.inline)) and raw.astext() == "<span>2024-01/2024-09</span>"
    keep_values_whole(None, document, "page")  # a second pass wraps nothing twice
    assert len([n for n in paragraph.findall(nodes.inline) if UNBROKEN in n["classes"]]) == 2


_ISO = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}(?:-\d{2}){0,2})?")


class _VisibleText(HTMLParser):
    """A page's visible text, without what lies inside an unbroken span, code, scripts, styles, the
    head and the provenance cards (hidden until hovered)."""
    SKIPPED_TAGS = {"script", "style", "pre", "code", "head"}
    SKIPPED_CLASSES = {UNBROKEN, "prov-card"}
    VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.skipping, self.parts = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in self.SKIPPED_TAGS or bool(classes & self.SKIPPED_CLASSES)
        self.open.append(skip)
        self.skipping += skip

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.open:
            return
        self.skipping -= self.open.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text_outside_unbroken(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def built_chapter_pages() -> list:
    """The built chapter pages; without a build the test skips (and fails under CI=true)."""
    pages = sorted((HTML / "chapters").glob("*.html"))
    if not pages:
        if in_ci():
            pytest.fail(f"{HTML} missing: run `make html` first")
        pytest.skip("no HTML build")
    return pages


def test_every_iso_date_in_the_html_is_unbroken():
    pages = built_chapter_pages()
    loose = {}
    for page in pages:
        text = re.sub(r"https?://\S+", " ", visible_text_outside_unbroken(page.read_text(encoding="utf-8")))
        found = _ISO.findall(text)  # (a web address may break anywhere)
        if found:
            loose[page.stem] = found[:3]
    assert not loose, f"ISO dates and periods outside an unbroken span: {loose}"
    assert 'class="unbroken"' in (HTML / "chapters" / "overview.html").read_text(encoding="utf-8")


def test_a_worded_date_in_a_cell_may_break_before_its_year_only():
    from industrybook.tooling.unbroken import breakable_periods
    assert breakable_periods("Hunan Daily, 20\u00a0November\u00a02024") == "Hunan Daily, 20\u00a0November 2024"
    assert breakable_periods("May\u00a02023") == "May 2023"
    assert breakable_periods("CNY\u00a0176\u00a0bn") == "CNY\u00a0176\u00a0bn"


def test_every_short_chinese_term_in_the_html_is_unbroken():
    """Outside code, every short Chinese term of the HTML pages' text stands in an unbroken span
    (the navigation's headings come from the unresolved titles, and are left as written)."""
    pages = built_chapter_pages()
    loose = {}
    for page in pages:
        article = re.search(r"<article\b.*?</article>", page.read_text(encoding="utf-8"), re.S)
        assert article, f"{page.name}: no <article>"
        found = terms(visible_text_outside_unbroken(article.group(0)))
        if found:
            loose[page.stem] = found[:3]
    assert not loose, f"Chinese terms outside an unbroken span: {loose}"
