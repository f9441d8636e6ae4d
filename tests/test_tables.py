"""The shared table builder: MyST tables with explicit column widths."""
import pandas as pd
import pytest

from industrybook.tables import column_widths, md_table


def test_md_table():
    md = md_table(pd.DataFrame({"a": ["x|y", "z"], "b": ["1", None]}), "Cap", "tbl-x")
    lines = md.splitlines()
    assert lines[0] == "```{table} Cap" and lines[1] == ":name: tbl-x" and lines[-1] == "```"
    assert lines[2].startswith(":widths: ")
    assert "| x\\|y | 1 |" in lines and "| z |  |" in lines
    assert ":class: longtable" not in md
    long = md_table(pd.DataFrame({"a": ["x"]}), "Cap", "tbl-y", longtable=True)
    assert ":class: longtable" in long


def test_column_widths():
    # small tables: each column gets its mean text length, never less than its longest word + 2
    frame = pd.DataFrame({"ab": ["abcdefghij", "abcdefghijkl"], "c": ["x", "y"]})
    assert column_widths(frame) == [14, 3]
    # too wide for the line: needs are kept, the rest is shared in proportion
    wide = pd.DataFrame({"status": ["unresolved"], "text": ["word " * 40], "more": ["word " * 40]})
    widths = column_widths(wide, budget=60)
    assert widths[0] == 12 and sum(widths) <= 60 and widths[1] == widths[2]
    # a line too narrow even for the needs: the needs are returned
    assert column_widths(wide, budget=10) == [12, 6, 6]


def test_md_table_numbered_with_widths_code_and_blanks():
    frame = pd.DataFrame({"Fact": ["mf_a_b; ch_c", "c"], "What": ["x | y", None]}).astype("string")
    out = md_table(frame, "Facts used", "tbl-x", widths=(40, 60), code_cols=("Fact",))
    lines = out.splitlines()
    assert lines[:3] == ["```{table} Facts used", ":name: tbl-x", ":widths: 40 60"] and lines[-1] == "```"
    assert lines[4] == "| Fact | What |"
    assert "| `mf_a_b`; `ch_c` | x \\| y |" in lines
    assert "| `c` |  |" in lines  # missing cell left blank, no index column
    with pytest.raises(ValueError):
        md_table(frame, "x", "y", widths=(100,))
