"""Data text reaches MyST as text: each construct MyST would interpret is escaped.

Checked by parsing with the book's own MyST parser (the rendered HTML of the escaped string must hold
the string as text and no element it would create), besides the escaped form itself."""
import html

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from industrybook.appendix.glossary import glossary_markdown
from industrybook.render.tables import md_table
from industrybook.text.escape import code_span, escape_myst

DANGEROUS = {
    "html": "<img src=x onerror=alert(2)>",
    "role": "{term}`unknownterm`",
    "emphasis": "*emph* and _under_",
    "intraword": "a*b*c and snake_case_ and x__y__z",
    "strong": "**bold**",
    "code": "a `tick",
    "substitution": "{{ title }}",
    "link": "[click](http://example.com)",
    "autolink": "<http://example.com>",
    "math": "$x$ and $y$",
    "entity": "&lt;b&gt; &#60;i&#62;",
    "pipe": "a | b",
    "backslash": r"a \* b",
}


def render(text: str) -> str:
    md = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin).use(myst_role_plugin)
    return md.renderInline(text)


@pytest.mark.parametrize("name", DANGEROUS)
def test_escaped_text_renders_as_itself(name):
    raw = DANGEROUS[name]
    out = render(escape_myst(raw))
    assert html.unescape(out) == raw, out
    for element in ("<img", "<em>", "<strong>", "<code>", "<a ", "<span class=\"math", "myst-role"):
        assert element not in out.replace("&lt;img", ""), (name, out)


def test_each_construct_is_escaped():
    assert escape_myst("a|b *c* $x$") == r"a\|b \*c\* \$x\$"
    # an underscore between letters or digits is never emphasis; elsewhere it could open or close one
    assert escape_myst("value_low a_1 衡阳_湘潭") == "value_low a_1 衡阳_湘潭"
    assert escape_myst("_x_ __y__ snake_ (_z)") == r"\_x\_ \_\_y\_\_ snake\_ (\_z)"
    assert escape_myst("<img src=x>") == r"\<img src=x\>"
    assert escape_myst("{term}`x`") == r"\{term\}\`x\`"
    assert escape_myst("{{ x }}") == r"\{\{ x \}\}"
    assert escape_myst("[a](b)") == r"\[a\](b)"
    assert escape_myst("&amp; &#60; &#x3c;") == r"\&amp; &\#60; &\#x3c;"  # the escaped # already breaks a numeric one
    assert escape_myst("R&D, S&T") == "R&D, S&T"  # a bare ampersand is text already
    assert escape_myst("# not a heading ~x~") == r"\# not a heading \~x\~"
    assert escape_myst("back\\slash") == "back\\\\slash"
    assert escape_myst("two\n  lines") == "two lines"
    assert escape_myst("衡阳 2.5%") == "衡阳 2.5%"
    assert escape_myst(None) == "" and escape_myst(float("nan")) == "" and escape_myst(pd.NA) == ""


def test_code_span():
    assert code_span("a|b") == "`a\uff5cb`" and code_span("a|b", in_table=False) == "`a|b`"
    assert code_span("x`y") == "`` x`y ``"
    assert code_span("x``y") == "``` x``y ```"
    assert "<img" not in render(code_span("<img src=x>")) and "&lt;img src=x&gt;" in render(code_span("<img src=x>"))


def test_table_cells_and_caption_are_text():
    frame = pd.DataFrame({"Name": [DANGEROUS["html"], DANGEROUS["role"]], "Id": ["a_b", "c"]})
    md = md_table(frame, "Caption with *stars* and `ticks`", "tbl-esc", code_cols=("Id",))
    assert r"\<img src=x onerror=alert(2)\>" in md and r"\{term\}\`unknownterm\`" in md
    assert "| `a_b` |" in md and r"a\_b" not in md  # code columns stay code
    # a caption with a backtick needs a colon fence (a backtick fence's info string may hold none)
    opening = next(line for line in md.splitlines() if "{table}" in line)
    assert opening == r":::{table} Caption with \*stars\* and \`ticks\`" and md.endswith(":::")
    assert "```{table} Plain caption" in md_table(frame, "Plain caption", "tbl-plain").splitlines()


def test_glossary_entries_are_text():
    terms = pd.DataFrame({"term_zh": ["链长制"], "pinyin": ["liànzhǎngzhì"], "term_en": ["<b>chain</b>"],
                          "explanation": ["See {term}`missing` *now*."]})
    md = glossary_markdown(terms)
    assert r"\<b\>chain\</b\>" in md and r"See \{term\}\`missing\` \*now\*." in md
    assert "  *liànzhǎngzhì*, " in md  # the pinyin's italics are the page's own markup
