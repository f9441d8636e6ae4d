"""The shared table builder: numbered MyST tables with column widths and a print column spec."""
import re

import pandas as pd
import pytest

from industrybook.render.tables import (KEEP_TOGETHER_LINES, LEAST_LINES_ON_A_PAGE, NBSP, column_kind, column_widths, glue_values, latex_columns, md_table,
                                 myst_to_html, table_lines, text_width)


def table_block(md: str) -> list[str]:
    """The ``{table}`` directive's lines of md_table's output (it may be preceded by print-only blocks)."""
    lines = md.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.startswith("```{table}")):]


def test_md_table():
    md = md_table(pd.DataFrame({"a": ["x|y", "z"], "b": ["1", None]}), "Cap", "tbl-x")
    lines = table_block(md)
    assert lines[0] == "```{table} Cap" and lines[1] == ":name: tbl-x" and lines[-1] == "```"
    assert lines[2].startswith(":widths: ")
    assert "| x\\|y | 1 |" in lines and "| z |  |" in lines
    # in print a short table is kept in one piece, a long one starts where some rows fit below its
    # caption, and longtable=True lets it start anywhere
    assert f"\\needspace{{{table_lines(pd.DataFrame({'a': ['x|y', 'z'], 'b': ['1', '']}), [4, 3])}\\baselineskip}}" in md
    assert "\\needspace{" not in md_table(pd.DataFrame({"a": ["x"]}), "Cap", "tbl-y", longtable=True)
    tall = pd.DataFrame({"a": [f"row {i}" for i in range(40)]})
    assert f"\\needspace{{{LEAST_LINES_ON_A_PAGE}\\baselineskip}}" in md_table(tall, "Cap", "tbl-z")
    assert table_lines(tall, [10]) > KEEP_TOGETHER_LINES


def test_every_table_is_captioned_and_named():
    with pytest.raises(ValueError, match="caption and a name"):
        md_table(pd.DataFrame({"a": ["x"]}), "", "tbl-x")
    with pytest.raises(ValueError, match="caption and a name"):
        md_table(pd.DataFrame({"a": ["x"]}), "Cap", None)


def test_column_widths():
    # small tables: each column gets its mean text length, never less than its longest word plus
    # the margin (4) for the cell's padding
    frame = pd.DataFrame({"ab": ["abcdefghij", "abcdefghijkl"], "c": ["x", "y"]})
    assert column_widths(frame) == [12 + 4, 1 + 4]
    assert column_widths(frame, margin=2) == [14, 3]
    # too wide for the line: needs are kept, the rest is shared in proportion
    wide = pd.DataFrame({"status": ["unresolved"], "text": ["word " * 40], "more": ["word " * 40]})
    widths = column_widths(wide, budget=60)
    assert widths[0] == 14 and sum(widths) <= 60 and widths[1] == widths[2]
    # a line too narrow even for the needs: the needs are returned
    assert column_widths(wide, budget=10) == [14, 8, 8]


def test_widths_never_split_a_figure_or_a_short_chinese_term():
    # a column of figures needs its longest figure whole ("CNY 215.4 bn" was printed on three lines)
    frame = pd.DataFrame({"Text": ["word " * 60] * 2, "Value": ["CNY 215.4 bn", "237 of 237"]})
    assert column_widths(frame)[1] >= len("CNY 215.4 bn")
    # Chinese characters are about two Latin characters wide, and a short term stays whole
    terms = pd.DataFrame({"Text": ["word " * 60], "Term": ["三分之一（约）"]})
    assert text_width("三分之一") == 8
    assert column_widths(terms)[1] >= text_width("三分之一（约）")


def test_column_kind():
    assert column_kind(["CNY 215.4 bn", "12.5%", "237 of 237", "more than 420", ""]) == "number"
    assert column_kind(["2023-05", "2024-01/2024-09", "10 December 2025", "May 2023"]) == "value"
    assert column_kind(["a sentence about the chain", "12"]) == "text"
    assert column_kind(["12", "x" * 40]) == "text"  # a long cell is text whatever else the column holds
    assert column_kind([]) == "text"


def test_figures_and_dates_are_unbreakable():
    md = md_table(pd.DataFrame({"What": ["Output", "Firms"], "Figure": ["CNY 215.4 bn", "237 of 237"],
                                "When": ["2023-05", "10 May 2023"]}), "Cap", "tbl-x")
    assert f"| CNY{NBSP}215.4{NBSP}bn |" in md and f"237{NBSP}of{NBSP}237" in md and f"10{NBSP}May{NBSP}2023" in md
    # figures right-aligned in both editions
    assert "|---|--:|---|" in md
    # a composite cell in a column of figures may wrap; math is measured as printed
    mixed = md_table(pd.DataFrame({"Value": ["12%", "3.5%", "7%", "CNY 924 m → CNY 430 m (-53.4%)"]}), "Cap", "tbl-m")
    assert f"| CNY{NBSP}924{NBSP}m → CNY{NBSP}430{NBSP}m (-53.4%) |" in mixed  # may break at the arrow
    assert text_width("$\\text{share}/100$") == len("share/100")
    # a formula breaks only after an operator, so its longest stretch between operators needs room
    formula = pd.DataFrame({"Text": ["word " * 60] * 2, "Formula": ["$\\text{outcome firms}/\\text{all firms} \\times 100$", "share"]})
    assert column_widths(formula)[1] >= len("outcome firms/all firms x")
    # in running text a number keeps its unit and currency, a date its parts; math is left alone
    assert glue_values("rose to CNY 3.5 bn on 10 May 2023") == f"rose to CNY{NBSP}3.5{NBSP}bn on 10{NBSP}May{NBSP}2023"
    assert glue_values("$x / 100 m$ and 5 m") == f"$x / 100 m$ and 5{NBSP}m"
    # a figure as its page prints it keeps its Chinese unit; a Chinese phrase after a number does not bind
    assert glue_values("printed 352.8 亿元, 700 支 (nearly)") == f"printed 352.8{NBSP}亿元, 700{NBSP}支 (nearly)"
    # Figure 2.5's caption broke "8 / mm rod"
    assert glue_values("from 8 mm rod to 0.12 mm wire, 5 mmol") == f"from 8{NBSP}mm rod to 0.12{NBSP}mm wire, 5 mmol"
    assert glue_values("in 2024 湖南省统计局公报") == "in 2024 湖南省统计局公报"


def test_print_column_spec():
    spec = latex_columns(["text", "number", "value"], [50, 20, 30])
    cols = re.findall(r">\{([^}]*)\}\\X\{(\d+)\}\{(\d+)\}", spec)
    assert [(w, t) for _, w, t in cols] == [("50", "100"), ("20", "100"), ("30", "100")]
    assert cols[0][0].startswith("\\RaggedRight") and cols[1][0].startswith("\\RaggedLeft")
    assert "\\exhyphenpenalty=10000" in cols[1][0] and "\\exhyphenpenalty=10000" in cols[2][0]
    assert "\\exhyphenpenalty" not in cols[0][0]
    md = md_table(pd.DataFrame({"a": ["x"], "b": ["12%"]}), "Cap", "tbl-x", widths=(70, 30))
    assert f"```{{tabularcolumns}} {latex_columns(['text', 'number'], [70, 30])}" in md.splitlines()


def test_table_lines_counts_wrapped_rows():
    frame = pd.DataFrame({"a": ["word " * 30, "x"], "b": ["y", "z"]})
    # caption and rules (3), header (1), a row wrapped in a column of about half the line, one line
    assert table_lines(frame, [50, 50]) == 3 + 1 + 4 + 1


def test_md_table_numbered_with_widths_code_and_blanks():
    frame = pd.DataFrame({"Fact": ["mf_a_b; ch_c", "c"], "What": ["x | y", None]}).astype("string")
    out = md_table(frame, "Facts used", "tbl-x", widths=(40, 60), code_cols=("Fact",))
    lines = table_block(out)
    assert lines[:3] == ["```{table} Facts used", ":name: tbl-x", ":widths: 40 60"] and lines[-1] == "```"
    assert lines[4] == "| Fact | What |"
    assert "| `mf_a_b`; `ch_c` | x \\| y |" in lines
    assert "| `c` |  |" in lines  # missing cell left blank, no index column
    with pytest.raises(ValueError):
        md_table(frame, "x", "y", widths=(100,))


def test_jupyter_html_leaves_out_the_print_only_blocks():
    html = myst_to_html(md_table(pd.DataFrame({"a": ["x"], "b": ["12%"]}), "Cap", "tbl-x"))
    assert "<strong>Cap</strong>" in html and "<td>x</td>" in html
    assert "needspace" not in html and "RaggedRight" not in html and "latex" not in html


# --- provenance links in cells (issue 14) ---------------------------------------------------------

from industrybook.render import page  # noqa: E402
from industrybook.render.tables import GLUE_ROLE, Markup, cell_key, derived_frame, formula_cell  # noqa: E402
from industrybook.text.formula import formula_roles_as_math  # noqa: E402
from industrybook.text.phrase import Phrase, Pieces, joined  # noqa: E402

HOSTILE = "<img src=x onerror=alert(2)> {term}`x` *y*"


def linked_frame() -> pd.DataFrame:
    return pd.DataFrame({"Item": [HOSTILE, "Two figures"],
                         "Value": [Phrase("CNY 5 bn", fact_ids=("f1",)),
                                   Pieces(Phrase("1%", formula="a / b", inputs={"a": "f2", "b": "f3"}), " or ",
                                          Phrase("2 t", fact_ids=("f4",)))]})


def test_md_table_links_phrase_cells_and_escapes_plain_ones():
    glued = {}
    md = md_table(linked_frame(), "Cap", "tbl-Links", glued=glued)
    body = table_block(md)
    assert "| \\<img src=x onerror=alert(2)\\> \\{term\\}\\`x\\` \\*y\\* | {glue:text}`tbl-links-r0c1` |" in body
    assert ("| Two figures | {glue:text}`tbl-links-r1c1p0` or {glue:text}`tbl-links-r1c1p2` |") in body
    assert list(glued) == ["tbl-links-r0c1", "tbl-links-r1c1p0", "tbl-links-r1c1p2"]
    assert glued["tbl-links-r0c1"].fact_ids == ("f1",) and glued["tbl-links-r0c1"] == f"CNY{NBSP}5{NBSP}bn"
    assert glued["tbl-links-r1c1p0"].inputs == {"a": "f2", "b": "f3"}
    # without ``glued`` (a caller that glues nothing) a phrase is plain escaped text, never a dangling role
    assert "{glue:text}" not in md_table(linked_frame(), "Cap", "tbl-links")
    # a phrase with no record behind it has nothing to link to
    assert "{glue:text}" not in md_table(pd.DataFrame({"a": [Phrase("3")]}), "Cap", "tbl-n", glued={})


def test_show_table_glues_each_linked_cell_and_shows_its_text_in_jupyter(monkeypatch):
    said = {}
    monkeypatch.setattr(page, "say", lambda key, text: said.setdefault(key, text))
    shown = page.show_table(linked_frame(), caption="Cap", name="tbl-links")
    assert set(said) == {"tbl-links-r0c1", "tbl-links-r1c1p0", "tbl-links-r1c1p2"}
    assert page.provenance_record(said["tbl-links-r0c1"]) == '{"formula": null, "ids": ["f1"], "inputs": {}}'
    assert "{glue:text}`tbl-links-r0c1`" in shown._repr_markdown_()
    html = shown._repr_html_()
    assert f"<td>CNY{NBSP}5{NBSP}bn</td>" in html and f"1% or 2{NBSP}t" in html and "glue" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img" not in html


def test_cell_keys_are_lower_case_label_safe():
    assert cell_key("tbl-NM_x", 3, 1) == "tbl-nm-x-r3c1" and cell_key("t", 0, 2, 4) == "t-r0c2p4"


def test_joined_keeps_each_phrase():
    a, b = Phrase("1", fact_ids=("x",)), Phrase("2", fact_ids=("y",))
    both = joined("; ", [a, b])
    assert both == "1; 2" and both.parts == (a, "; ", b) and both.parts[2].fact_ids == ("y",)


def test_a_formula_cell_is_math_or_plain_words():
    # arithmetic: Unicode text in HTML, which wraps in a narrow column; math in print
    cell = formula_cell("a * (1 + p / 100)")
    assert cell == r"{book-formula}`a × (1 + p/100) <a \times \left(1 + \frac{p}{100}\right)>`" and isinstance(cell, Markup)
    assert formula_roles_as_math("x " + cell) == r"x $a \times \left(1 + \frac{p}{100}\right)$"
    # a long one is set flat, to break in print
    assert formula_cell("(n1 + n2) / (n1 + n2 + n3 + n4 + n5 + n6) * 100").endswith(r"\mathbin{/} (n_{1} + n_{2} + n_{3} + n_{4} + n_{5} + n_{6}) \times 100>`")
    # words are data text for the table to escape: no code font
    words = formula_cell("number of rows of data/facts.csv")
    assert words == "number of rows of data/facts.csv" and not isinstance(words, Markup)
    assert formula_cell(None) == ""
    # a formula in words sets its one-letter symbols as the inputs' column does, never the article "a"
    assert formula_cell("a share of p over i, *as coded*", {"p": "x", "i": "y", "a": "z"}) == \
        r"a share of {book-formula}`p <p>` over {book-formula}`i <i>`, \*as coded\*"
    assert formula_cell("p read as CNY 1,000 a tonne, moved by 0.005°", {"p": "x"}) == \
        "{book-formula}`p <p>` read as CNY $1{,}000$ a tonne, moved by $0.005$°"


@pytest.fixture(scope="module")
def facts_db():
    from industrybook.data.database import load

    return load("facts", "benchmarks", "places", "events", "sources", sources_dir=None)


def test_derived_frame_takes_formula_and_inputs_from_the_phrase(facts_db):
    a, b = "mf_output_2020", "mf_output_2022"
    phrases = {"k-avg": Phrase("CNY 2 m", fact_ids=(b, a), formula="b / a", inputs={"b": b, "a": a}),
               "k-fact": Phrase("5", fact_ids=(b,))}
    table = derived_frame(facts_db, phrases, """
    k-avg: Average: per firm
    """)
    assert table.columns.tolist() == ["Measure", "Value", "Formula", "Inputs"]
    assert table.iloc[0].tolist()[:3] == ["Average: per firm", "CNY 2 m", r"{book-formula}`b/a <\frac{b}{a}>`"]
    assert table.iloc[0]["Value"] is phrases["k-avg"]
    for bad in ("k-fact", "k-missing"):
        with pytest.raises(ValueError, match=bad):
            derived_frame(facts_db, phrases, f"{bad}: label")


def test_derived_inputs_name_each_symbol_with_its_figure_linked_and_no_id(facts_db):
    a, b = "mf_output_2020", "mf_output_2022"
    phrase = Phrase("14.4%", fact_ids=(a, b), formula="((b / a) ** (1 / 2) - 1) * 100",
                    inputs={"a": a, "b": b})
    inputs = derived_frame(facts_db, {"k": phrase}, "k: growth").iloc[0]["Inputs"]
    # each symbol; periods, since a and b differ in theirs
    assert str(inputs).replace(NBSP, " ") == "{book-formula}`a <a>` = CNY 163.85 bn (2020); {book-formula}`b <b>` = CNY 214.3 bn (2022)"
    # a symbol is not parted from its figure at a line end: text (no math box), then no-break spaces
    assert f"{{book-formula}}`a <a>`{NBSP}={NBSP}CNY" in str(inputs)
    linked = [part for piece in inputs.parts if isinstance(piece, Pieces) for part in piece.parts
              if isinstance(part, Phrase)]
    assert [p.fact_ids for p in linked] == [(a,), (b,)]
    glued = {}
    md = md_table(derived_frame(facts_db, {"k": phrase}, "k: growth"), "Cap", "tbl-d", glued=glued)
    row = table_block(md)[-2]
    assert row.startswith("| growth |") and a not in md and b not in md
    # no code span: the row's only roles are its links and its formula
    assert "`" not in GLUE_ROLE.sub("", formula_roles_as_math(row))
    assert [glued[k].fact_ids for k in glued if k.startswith("tbl-d-r0c3")] == [(a,), (b,)]
    # a shared period is the measure's, not repeated; a map point reads as its coordinates
    same = Phrase("1", formula="haversine(p, q)", inputs={"p": "yiyang_centre", "q": "xjxq_yuelu"})
    cell = derived_frame(facts_db, {"k": same}, "k: distance").iloc[0]["Inputs"]
    assert re.fullmatch(r"\{book-formula\}`p <p>` = \d+\.\d\d°N, \d+\.\d\d°E; \{book-formula\}`q <q>` = \d+\.\d\d°N, \d+\.\d\d°E", str(cell).replace(NBSP, " "))


def test_code_written_markup_passes_and_data_text_beside_it_is_escaped():
    cell = Pieces(Markup("{cite:p}`hy202304`"), " *not emphasis* ", Phrase("12", fact_ids=("f",)), " of 3")
    glued: dict = {}
    md = md_table(pd.DataFrame({"Page": [cell], "Code": [Markup("`a|b`")]}),
                  Pieces("Fields of ", Markup("`facts.csv`"), ": a `tick"), "tbl-mixed", glued=glued)
    row = md.splitlines()[-2]
    assert row == "| {cite:p}`hy202304` \\*not emphasis\\* {glue:text}`tbl-mixed-r0c0p2` of 3 | `a\\|b` |"
    assert glued == {"tbl-mixed-r0c0p2": "12"}
    assert ":::{table} Fields of `facts.csv`: a \\`tick" in md  # the caption's data text escaped, its code kept
    # without glued the phrase is text, the markup still markup
    assert "| {cite:p}`hy202304` \\*not emphasis\\* 12 of 3 |" in md_table(pd.DataFrame({"Page": [cell]}), "Cap", "tbl-p")


def test_register_list_shows_topic_status_finding_and_reason_but_no_ids():
    from industrybook.render.tables import register_list

    rows = pd.DataFrame([{"rec_id": "pt_x", "status": "explained", "topic": "T", "finding": "F.",
                          "likely_reason": "R.", "fact_ids": "a_fact;b_fact"}])
    assert register_list(rows) == "- **T** (explained). F. *Likely reason:* R."
    hostile = rows.assign(finding="<b>F</b> *e*", topic="{term}`x`")
    assert register_list(hostile) == r"- **\{term\}\`x\`** (explained). \<b\>F\</b\> \*e\* *Likely reason:* R."
