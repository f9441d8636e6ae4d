"""Formulas as a reader reads them: the arithmetic a phrase stores, written as LaTeX math and as
Unicode text (industrybook.text.formula), for every formula the book uses."""
import ast
import json

import pytest

from conftest import ROOT
from industrybook.text.formula import formula_latex, formula_plain


@pytest.mark.parametrize("formula, latex, plain", [
    ("((b / a) ** (1 / 2) - 1) * 100",
     r"\left({\left(\frac{b}{a}\right)}^{1/2} - 1\right) \times 100", "((b/a)^½ − 1) × 100"),
    ("o / m * 100", r"\frac{o}{m} \times 100", "o/m × 100"),
    ("a - (b - c)", r"a - \left(b - c\right)", "a − (b − c)"),
    ("n - e - b", "n - e - b", "n − e − b"),
    ("p / (1 + h / 100) / (r / (1 + g / 100)) * 100",
     r"\frac{p/\left(1 + h/100\right)}{r/\left(1 + g/100\right)} \times 100",
     "p/(1 + h/100)/(r/(1 + g/100)) × 100"),
    ("-(o / (y * 12) - 1) * 100", r"-\left(\frac{o}{y \times 12} - 1\right) \times 100",
     "−(o/(y × 12) − 1) × 100"),
    ("i0 + (i1 - i0) * (2023 - 2020) / (2024 - 2020)",
     r"i_{0} + \frac{\left(i_{1} - i_{0}\right) \times \left(2023 - 2020\right)}{2024 - 2020}",
     "i₀ + (i₁ − i₀) × (2023 − 2020)/(2024 − 2020)"),
    ("a * (1 + p / 100) ** 2", r"a \times {\left(1 + \frac{p}{100}\right)}^{2}", "a × (1 + p/100)²"),
    ("t / 1e8", r"\frac{t}{10^{8}}", "t/10⁸"),
    ("(b / a) ** (1 / n) - 1", r"{\left(\frac{b}{a}\right)}^{1/n} - 1", "(b/a)^(1/n) − 1"),  # not ((b/a)^1)/n
    ("x ** n", r"{x}^{n}", "x^n"),
    ("floor(total / t)", r"\lfloor \mathit{total}/t \rfloor", "⌊total/t⌋"),
    ("(now / at_listing - 1) * 100", r"\left(\frac{\mathit{now}}{\textit{at-listing}} - 1\right) \times 100",
     "(now/at-listing − 1) × 100"),
    ("haversine(a, b) / haversine(p, q)",
     r"\frac{\operatorname{haversine}\left(a, b\right)}{\operatorname{haversine}\left(p, q\right)}",
     "haversine(a, b)/haversine(p, q)"),
])
def test_formula_in_math_and_in_text(formula, latex, plain):
    assert formula_latex(formula) == latex
    assert formula_plain(formula) == plain


@pytest.mark.parametrize("words", ["number of rows of data/facts.csv", "a conversion of units, a constant of the method",
                                   "c / ((s ± 0.05) / 100): the county's GDP over its share", "a < b", "'text'"])
def test_a_formula_in_words_stays_words(words):
    assert formula_latex(words) is None and formula_plain(words) is None


def book_formulas() -> set[str]:
    """Every formula a chapter glued with a number (the ``key__prov`` records in the committed
    notebook outputs): what the entries, cards and derived-measures tables print."""
    found = set()
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                if output.get("metadata", {}).get("scrapbook", {}).get("name", "").endswith("__prov"):
                    text = output["data"]["application/papermill.record/text/plain"]
                    formula = json.loads(ast.literal_eval(text)).get("formula")
                    found.update([formula] if formula else [])
    return found


def test_every_formula_the_book_uses_is_math_or_words():
    formulas = book_formulas()
    arithmetic = [f for f in formulas if formula_latex(f) is not None]
    assert len(arithmetic) >= 100, len(arithmetic)  # the chapters' formulas, not only words
    for formula in formulas:
        latex, plain = formula_latex(formula), formula_plain(formula)
        if latex is None:  # words: no Python operator a reader would have to decode
            assert "**" not in formula and plain is None, formula
            continue
        assert latex.count("{") == latex.count("}") and latex.count(r"\left(") == latex.count(r"\right)"), latex
        for text in (latex, plain):
            assert "**" not in text and " * " not in text, (formula, text)


def test_a_formula_role_reads_back_as_its_text_and_math():
    from industrybook.text.formula import formula_role, formula_role_parts

    role = formula_role("(b/a)^(1/n) − 1", r"{\left(\frac{b}{a}\right)}^{1/n} - 1")
    content = role[role.index("`") + 1:-1]
    assert formula_role_parts(content) == ("(b/a)^(1/n) − 1", r"{\left(\frac{b}{a}\right)}^{1/n} - 1")
    with pytest.raises(ValueError, match="plain <latex>"):
        formula_role_parts("no latex here")


@pytest.mark.parametrize("plain, pieces", [
    ("(1 + g/100)^(2024 − 2020)", [("(1 + g/100)", False), ("2024 − 2020", True)]),
    ("(b/a)^(1/n) − 1", [("(b/a)", False), ("1/n", True), (" − 1", False)]),
    ("x^n", [("x", False), ("n", True)]),
    ("((b/a)^½ − 1) × 100", [("((b/a)", False), ("½", True), (" − 1) × 100", False)]),
    ("a × (1 + p/100)²", [("a × (1 + p/100)²", False)]),
])
def test_a_plain_formula_raises_its_exponents(plain, pieces):
    from industrybook.text.formula import raised_pieces

    assert raised_pieces(plain) == pieces


def test_no_formula_the_book_uses_prints_a_caret():
    """Arithmetic raises its exponents (none is left as a caret); a
    formula in words is printed as it is stored, in entries and cards, so it writes no power as ^."""
    from industrybook.text.formula import raised_pieces

    for formula in book_formulas():
        plain = formula_plain(formula)
        shown = [text for text, _ in raised_pieces(plain)] if plain is not None else [formula]
        assert not any("^" in text for text in shown), formula
