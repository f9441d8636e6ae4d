"""Break points for the HTML edition (industrybook/tooling/htmlbreaks.py): a long id, path or pattern
in a table or an inline literal may break after _ / . | ; and nowhere else; a numbered reference ("Table 4") in a
table stays whole; math, code blocks, prose and the words' letters are left as they were."""
import re

from industrybook.tooling.htmlbreaks import add_break_points, break_points


def without_break_points(html: str) -> str:
    return re.sub(r'<span class="book-nowrap">([^<]*)</span>', r"\1", html.replace("<wbr>", ""))


def test_an_id_breaks_after_each_underscore():
    assert break_points("hy_top500_projects_signed") == "hy_<wbr>top500_<wbr>projects_<wbr>signed"


def test_a_path_and_a_pattern_break_after_their_separators():
    assert break_points("data/source_genres.csv") == "data/<wbr>source_<wbr>genres.csv"  # its extension kept
    assert break_points("industrybook.text.facts.fact_text") == "industrybook.<wbr>text.<wbr>facts.<wbr>fact_<wbr>text"
    assert break_points("^(outcome|target|plan)$") == "^(outcome|<wbr>target|<wbr>plan)$"


def test_short_words_figures_and_trailing_punctuation_are_left_alone():
    assert break_points("e.g.") == "e.g."
    assert break_points("hy202304") == "hy202304"
    assert break_points("2024-01/2024-09;") == "2024-01/2024-09;"  # no letter: a figure, not an id
    assert break_points("(data/units.csv).") == "(data/<wbr>units.csv)."  # none after the last '.'


def test_table_cells_get_break_points_and_whole_references():
    html = ('<table><caption>Genres (data/source_genres.csv)</caption><tr><td><p>Hengyang Daily, 2023-04</p></td>'
            '<td><code class="docutils literal notranslate"><span class="pre">mf_ehv_transformer_world_firsts</span>'
            '</code></td><td>12, <a href="#t"><span class="std std-numref">Table 4</span></a></td></tr></table>')
    out = add_break_points(html)
    assert "data/<wbr>source_<wbr>genres.csv" in out
    assert "Hengyang Daily, 2023-04</p>" in out  # dates are the unbroken extension's, in every text
    assert '<span class="pre">mf_<wbr>ehv_<wbr>transformer_<wbr>world_<wbr>firsts</span>' in out
    assert '<span class="std std-numref"><span class="book-nowrap">Table 4</span></span>' in out
    assert add_break_points("<table><tr><td>Table C.12</td></tr></table>") == \
        '<table><tr><td><span class="book-nowrap">Table C.12</span></td></tr></table>'


def test_the_text_a_reader_copies_is_unchanged():
    html = '<table><tr><td>See data/omissions.csv, 2024-11-20, Table 4 and hn_industry_va_growth_2022.</td></tr></table>'
    assert without_break_points(add_break_points(html)) == html


def test_literals_in_prose_break_but_prose_dates_and_words_do_not():
    html = ('<p>Load it with <code class="docutils literal notranslate"><span class="pre">industrybook.data.'
            'database.load()</span></code> on 2024-11-20 from data/units_and_scales.csv.</p>')
    out = add_break_points(html)
    assert "industrybook.<wbr>data.<wbr>database.<wbr>load()" in out
    assert out.endswith("on 2024-11-20 from data/units_and_scales.csv.</p>")


def test_math_code_blocks_and_scripts_are_left_as_written():
    html = ('<table><tr><td><span class="math notranslate nohighlight">\\(X_{first}_{second_value}\\)</span>'
            '</td></tr></table><pre>hy_top500_projects_signed</pre>'
            '<table><tr><td><script>var long_name_here_x = 1;</script></td></tr></table>')
    assert add_break_points(html) == html


def test_attributes_are_never_touched():
    html = ('<table><tr><td><a class="reference internal" href="facts.html#fact-hy-top500-projects-signed"'
            ' title="hy_top500_projects_signed">hy_top500_projects_signed</a></td></tr></table>')
    out = add_break_points(html)
    assert 'href="facts.html#fact-hy-top500-projects-signed" title="hy_top500_projects_signed">' in out
    assert ">hy_<wbr>top500_<wbr>projects_<wbr>signed</a>" in out
