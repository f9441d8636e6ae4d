import pytest

from industrybook.text.figures import chart_value, fmt_money, fmt_number, fmt_pct, fmt_value
from industrybook.data.printed import is_numeric, parse_chinese_integer, parse_printed
from industrybook.data.words import word_figures


def test_fmt_money_scales():
    assert fmt_money(1394.6e8) == "CNY 139.46 bn"
    assert fmt_money(6800e4) == "CNY 68 m"
    assert fmt_money(16000) == "CNY 16 thousand"
    assert fmt_money(2.5e12, 1) == "CNY 2.5 tn"


def test_fmt_pct_and_number():
    assert fmt_pct(11.614) == "11.6%"
    assert fmt_pct(44.2, signed=True) == "+44.2%"
    assert fmt_pct(-3, signed=True) == "\u22123%"  # a true minus, not a hyphen
    assert fmt_number(-0.001) == "0" and fmt_number(-1234.5) == "\u22121,234.5"
    assert fmt_number(2291.4) == "2,291.4"
    with pytest.raises(ValueError):
        fmt_number(float("nan"))


def test_fmt_value_units():
    assert fmt_value(9, "rank") == "9th"
    assert fmt_value(12, "rank") == "12th"
    assert fmt_value(23, "rank") == "23rd"
    assert fmt_value(1.4e10, "t") == "14 bn tonnes"
    assert fmt_value(70000, "m") == "70 km"
    assert fmt_value(0.46, "pp") == "0.46 percentage points"
    assert fmt_value(116, "firms") == "116"


def test_parse_printed():
    words = word_figures()
    assert parse_printed("1394.6", words) == (1394.6, None, None)
    assert parse_printed("2,291.4", words) == (2291.4, None, None)
    assert parse_printed("数百", words) == (None, 200.0, 900.0)
    assert parse_printed("三分之一", words)[0] == pytest.approx(1 / 3)
    assert parse_printed("三十六", words) == (36.0, None, None)
    assert parse_printed("四分之三", words) == (0.75, None, None)  # any Chinese fraction, denominator first
    assert is_numeric("12") and not is_numeric("12亿")
    with pytest.raises(ValueError):
        parse_printed("abc", words)
    with pytest.raises(ValueError):
        parse_chinese_integer("三x")


def test_fmt_date_and_period():
    from industrybook.text.figures import fmt_date, fmt_period

    assert fmt_date("2024-11-18") == "18 November 2024"
    assert fmt_date("2022-09-02") == "2 September 2022"
    assert fmt_date("2023-03-28") == "28 March 2023"
    assert fmt_date("2024-11-08") == "8 November 2024"
    assert fmt_date("2025-04") == "April 2025"
    assert fmt_date("2025") == "2025"
    assert fmt_period("2024-01/2024-09") == "January\u2013September 2024"
    assert fmt_period("2021/2025") == "2021\u20132025"
    assert fmt_period("2025-06/2025-12") == "June\u2013December 2025"
    assert fmt_period("2025-06-26") == "26 June 2025"
    assert fmt_period("2024-05/2025-02") == "May 2024\u2013February 2025"
    assert fmt_period("2024-11") == "November 2024"


def test_units_of_time_power_and_loads():
    assert fmt_value(3, "year") == "3 years" and fmt_value(1, "month") == "1 month"
    assert fmt_value(1e7, "W") == "10 MW" and fmt_value(5e4, "W") == "50 kW"
    assert fmt_value(500, "CNY/truck") == "CNY 500 per truckload"
    assert fmt_value(2, "times") == "2 times"


def test_md_table_widths_and_escaping():
    import pandas as pd

    from industrybook.render.tables import column_widths, md_table

    frame = pd.DataFrame({"id": ["hy_gdp_jan_sep", "a|b"], "note": ["x " * 40, None]})
    md = md_table(frame, "Cap", "tbl-t", code_cols=("id",))
    assert "```{table} Cap\n:name: tbl-t\n:widths: " in md
    assert "`hy_gdp_jan_sep`" in md and "`a\\|b`" in md
    widths = column_widths(frame)
    assert widths[0] >= len("hy_gdp_jan_sep") and sum(widths) <= 80
    with pytest.raises(ValueError):
        md_table(frame, "Cap", "tbl-t", widths=[1])


def test_show_table_is_a_myst_table():
    import pandas as pd

    from industrybook.render.page import show_table

    shown = show_table(pd.DataFrame({"a": [1], "b": ["衡阳"]}), {"b": "City"}, "Cities", "tbl-cities")
    md = shown._repr_markdown_()
    assert "```{table} Cities\n:name: tbl-cities\n:widths: " in md and "| City |" in md and "| 衡阳 |" in md
    assert "| a |" not in md  # only the chosen columns, renamed
    html = shown._repr_html_()  # what Jupyter shows: a real table, no MyST fences
    assert "<th>City</th>" in html and "<td>衡阳</td>" in html and "{table}" not in html and ":widths:" not in html


def test_myst_to_html_keeps_data_text_as_text():
    from industrybook.render.tables import myst_to_html

    html = myst_to_html("```{table} Cap {numref}`t-x`\n:name: t-x\n\n| a |\n|---|\n| <img src=x onerror=alert(1)> |\n```")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<strong>Cap t-x</strong>" in html


def test_count_words():
    from industrybook.text.figures import count_words

    assert count_words(0) == "zero"
    assert count_words(2) == "two"
    assert count_words(10) == "ten"
    assert count_words(19) == "19"
    assert count_words(1200) == "1,200"
    with pytest.raises(ValueError):
        count_words(2.5)
    with pytest.raises(ValueError):
        count_words(-1)


def test_a_chart_value_prints_the_digits_of_the_text():
    assert chart_value("CNY 163.85 bn", "CNY bn") == "163.85"  # not 163.9 beside the text's 163.85
    assert chart_value("more than CNY 10 bn", "CNY bn") == "more than 10"
    assert [chart_value(t, "%") for t in ("7.47%", "-9.18%")] == ["7.47", "-9.18"]
    assert chart_value("118 km", "km") == "118"
    # another scale of the same currency: the same digits, the point moved
    assert chart_value("at least CNY 1.54 bn", "CNY m") == "at least 1,540"
    assert chart_value("CNY 473 m", "CNY bn") == "0.473" and chart_value("CNY 5.323 tn", "CNY bn") == "5,323"
    with pytest.raises(ValueError, match="not a figure in 'CNY bn'"):
        chart_value("7.5%", "CNY bn")
    with pytest.raises(ValueError, match="no chart unit"):
        chart_value("7.5%", "percent")
