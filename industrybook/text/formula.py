"""A derived number's formula as a reader reads it, from the Python expression the text layer stores.

:class:`~industrybook.text.phrase.Phrase` keeps its formula as the arithmetic that computed it
(``((b / a) ** (1 / 2) - 1) * 100``), so that a test can evaluate it; a formula in words
("number of rows of data/facts.csv") is kept as words. :func:`formula_latex` writes the arithmetic
as LaTeX math for the book's pages (MathJax in HTML, LaTeX in print): a power as a superscript, a
division as a fraction (a division inside a fraction or an exponent with a slash, so that inline
fractions do not nest), ``*`` as ×, names as italic symbols with their digits as subscripts.
:func:`formula_plain` writes the same in Unicode text for the hover cards, which have no MathJax,
and for a table cell in HTML (:func:`formula_role`), where math would not wrap.
Both return ``None`` for a formula in words.
"""
from __future__ import annotations

import ast
import re

# binding strength: how tightly an operator holds its operands (higher binds tighter)
_SUM, _PRODUCT, _SIGN, _POWER, _ATOM = 1, 2, 3, 4, 5
_BINARY = {ast.Add: _SUM, ast.Sub: _SUM, ast.Mult: _PRODUCT, ast.Div: _PRODUCT, ast.Pow: _POWER}
_SYMBOL = re.compile(r"^([A-Za-z]+?)_?(\d*)$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_UNICODE_FRACTIONS = {(1, 2): "½", (1, 3): "⅓", (1, 4): "¼", (1, 5): "⅕"}


def parse_formula(formula: str) -> ast.expr | None:
    """The expression tree of an arithmetic formula (numbers, symbols, + − × ÷, powers, function
    calls), or None for a formula in words."""
    try:
        tree = ast.parse(formula.strip(), mode="eval").body
    except SyntaxError:
        return None
    allowed = (ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.Constant, ast.Call, ast.USub, ast.UAdd,
               *_BINARY)
    if not all(isinstance(n, allowed) for n in ast.walk(tree)):
        return None
    if any(isinstance(n, ast.Constant) and not isinstance(n.value, (int, float)) for n in ast.walk(tree)):
        return None
    if any(isinstance(n, ast.Call) and (not isinstance(n.func, ast.Name) or n.keywords) for n in ast.walk(tree)):
        return None
    return tree


def formula_symbols(formula: str) -> set[str] | None:
    """The symbols an arithmetic formula reads (not the functions it calls): ``{'a', 'b'}`` for
    ``((b / a) ** (1 / 2) - 1) * 100``; a hyphened symbol reads as its parts (``at-listing``: ``at``,
    ``listing``). None for a formula in words."""
    tree = parse_formula(formula)
    if tree is None:
        return None
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def formula_latex(formula: str, breakable: bool = False) -> str | None:
    """``formula`` in LaTeX math (without the ``$`` delimiters), or None for a formula in words.
    ``breakable`` writes it flat (slashes, plain brackets, a power on its closing bracket), so that
    a long formula in a narrow table column may break after any + − × / in print: a fraction, a
    ``\\left…\\right`` pair or a grouped base is one box that TeX cannot break."""
    tree = parse_formula(formula)
    return None if tree is None else (_FlatLatex() if breakable else _Latex()).write(tree, inline=breakable)[0]


def formula_plain(formula: str) -> str | None:
    """``formula`` in Unicode text, ``((b/a)^½ − 1) × 100``, or None for a formula in words."""
    tree = parse_formula(formula)
    return None if tree is None else _Plain().write(tree, inline=False)[0]


FORMULA_ROLE = "book-formula"  # tooling/sphinxext.py's role: Unicode text in HTML, math in print
_ROLE_CONTENT = r"([^`<]*) <([^`]*)>"  # what formula_role puts between the backticks: plain <latex>
_FORMULA_ROLE = re.compile(r"\{" + FORMULA_ROLE + r"\}`" + _ROLE_CONTENT + "`")


def raised_pieces(plain: str) -> list[tuple[str, bool]]:
    """A :func:`formula_plain` text as pieces, each with whether it is raised: an exponent the text
    writes after a caret (``(1 + g/100)^(t − 2020)``) as a raised piece without its caret, and
    without the brackets that only grouped it (a superscript groups it), so that HTML sets it as
    print does: (1 + g/100)<sup>t − 2020</sup>. Digit exponents are already superscript characters."""
    pieces, start, at = [], 0, plain.find("^")
    while at != -1:
        end = at + 1
        if plain[end:end + 1] == "(":
            depth = 0
            for end in range(at + 1, len(plain)):
                depth += {"(": 1, ")": -1}.get(plain[end], 0)
                if depth == 0:
                    break
            raised, end = plain[at + 2:end], end + 1
        else:
            end = at + 1 + len(re.match(r"[^\W_]+|.?", plain[at + 1:])[0])
            raised = plain[at + 1:end]
        pieces += [(plain[start:at], False)] if at > start else []
        pieces.append((raised, True))
        start, at = end, plain.find("^", end)
    return pieces + ([(plain[start:], False)] if start < len(plain) else [])


def formula_role(plain: str, latex: str) -> str:
    """A formula for a table cell as MyST, ``{book-formula}`(a + b)/2 <\\frac{a + b}{2}>```: its
    Unicode text in HTML, where it wraps in a narrow column (MathJax 3 breaks no line, so math there
    is cut off or scrolls), its LaTeX math in print, where TeX breaks it."""
    return "{" + FORMULA_ROLE + "}`" + plain + " <" + latex + ">`"


def formula_role_parts(content: str) -> tuple[str, str]:
    """The Unicode text and the LaTeX of a :func:`formula_role`'s content (``(a + b)/2 <\\frac{a + b}{2}>``)."""
    match = re.fullmatch(_ROLE_CONTENT, content)
    if match is None:
        raise ValueError(f"not a {FORMULA_ROLE} role's content (plain <latex>): {content!r}")
    return match[1], match[2]


def formula_roles_as_math(text: str) -> str:
    """``text`` as print sets it: each :func:`formula_role` as its math (``$...$``)."""
    return _FORMULA_ROLE.sub(lambda m: f"${m.group(2)}$", text)


def _strength(node: ast.expr) -> int:
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)]
    if isinstance(node, ast.UnaryOp):
        return _SIGN
    if isinstance(node, ast.Constant) and node.value < 0:
        return _SIGN
    return _ATOM


def _number(value: int | float) -> str:
    """A constant as the formula writes it (100, 0.005); powers of ten are the writers' (10⁸)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e6:
        return str(int(value))
    return repr(value)


def _power_of_ten(value: int | float) -> int | None:
    """8 for 1e8 (a scale the formulas write in exponent form), None for any other number."""
    if isinstance(value, float) and value >= 1e6 and value.is_integer():
        exponent = len(str(int(value))) - 1
        return exponent if 10 ** exponent == value else None
    return None


class _Writer:
    """Writes an expression tree. ``write`` returns the text and the binding strength of its outer
    operator, so that a parent adds the brackets its operand needs. ``inline`` is true inside a
    fraction, an exponent or a function's arguments, where a division is written with a slash."""

    plus, minus, times, over = " + ", " − ", " × ", "/"

    def write(self, node: ast.expr, inline: bool = True) -> tuple[str, int]:
        if isinstance(node, ast.Constant):
            exponent = _power_of_ten(node.value)
            return (self.ten_to(exponent) if exponent is not None else _number(node.value)), _strength(node)
        if isinstance(node, ast.Name):
            return self.symbol(node.id), _ATOM
        if isinstance(node, ast.Call):
            return self.call(node.func.id, [self.write(a)[0] for a in node.args]), _ATOM
        if isinstance(node, ast.UnaryOp):
            sign = self.minus.strip() if isinstance(node.op, ast.USub) else "+"
            return sign + self.operand(node.operand, _SIGN + 1, inline), _SIGN
        op = type(node.op)
        if op is ast.Pow:
            return self.power(self.operand(node.left, _ATOM, inline), self.exponent(node.right)), _POWER
        if op is ast.Div:
            return self.divide(node, inline), _PRODUCT
        strength = _BINARY[op]
        left = self.operand(node.left, strength, inline)
        # a − (b − c) keeps its brackets; a − b + c needs none
        right = self.operand(node.right, strength + (op is ast.Sub), inline)
        return left + {ast.Add: self.plus, ast.Sub: self.minus, ast.Mult: self.times}[op] + right, strength

    def operand(self, node: ast.expr, least: int, inline: bool) -> str:
        text, strength = self.write(node, inline)
        return self.brackets(text) if strength < least else text

    def divide(self, node: ast.BinOp, inline: bool) -> str:
        """``a/b``; ``a/(b × c)`` and ``a/(b/c)`` keep their brackets."""
        return self.operand(node.left, _PRODUCT, True) + self.over + self.operand(node.right, _PRODUCT + 1, True)

    def exponent(self, node: ast.expr) -> str:
        return self.write(node)[0]


class _Latex(_Writer):
    plus, minus, times = " + ", " - ", r" \times "

    def symbol(self, name: str) -> str:
        match = _SYMBOL.match(name)
        if match is None:  # words joined by an underscore: at_listing
            return r"\textit{" + name.replace("_", "-") + "}"
        letters, digits = match.groups()
        base = letters if len(letters) == 1 else r"\mathit{" + letters + "}"
        return f"{base}_{{{digits}}}" if digits else base

    def call(self, name: str, args: list[str]) -> str:
        if name == "floor" and len(args) == 1:
            return rf"\lfloor {args[0]} \rfloor"
        return rf"\operatorname{{{name}}}" + self.brackets(", ".join(args))

    def brackets(self, text: str) -> str:
        return rf"\left({text}\right)"

    def ten_to(self, exponent: int) -> str:
        return f"10^{{{exponent}}}"

    def power(self, base: str, exponent: str) -> str:
        return f"{{{base}}}^{{{exponent}}}"

    def divide(self, node: ast.BinOp, inline: bool) -> str:
        if inline:
            return super().divide(node, inline)
        return rf"\frac{{{self.write(node.left)[0]}}}{{{self.write(node.right)[0]}}}"


class _FlatLatex(_Latex):
    over = r" \mathbin{/} "  # a binary operator, after which TeX may break a line

    def brackets(self, text: str) -> str:
        return f"({text})"

    def power(self, base: str, exponent: str) -> str:
        return f"{base}^{{{exponent}}}"  # on a bracketed base the exponent sits on its closing bracket


class _Plain(_Writer):
    def symbol(self, name: str) -> str:
        match = _SYMBOL.match(name)
        if match is None:
            return name.replace("_", "-")
        letters, digits = match.groups()
        return letters + digits.translate(_SUBSCRIPT)

    def call(self, name: str, args: list[str]) -> str:
        if name == "floor" and len(args) == 1:
            return f"⌊{args[0]}⌋"
        return name + self.brackets(", ".join(args))

    def brackets(self, text: str) -> str:
        return f"({text})"

    def ten_to(self, exponent: int) -> str:
        return "10" + str(exponent).translate(_SUPERSCRIPT)

    def power(self, base: str, exponent: str) -> str:
        if re.fullmatch(r"\d+", exponent):
            return base + exponent.translate(_SUPERSCRIPT)
        # a lone symbol or number or a vulgar fraction stands bare ("x^n", "x^½"); anything else is
        # bracketed, or "(b/a)^1/n" would read as ((b/a)^1)/n
        bare = re.fullmatch(r"[^\W_]+|[\u00bc-\u00be\u2150-\u215e]", exponent)
        return f"{base}^{exponent if bare else self.brackets(exponent)}"

    def exponent(self, node: ast.expr) -> str:
        if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)
                and all(isinstance(x, ast.Constant) for x in (node.left, node.right))
                and (node.left.value, node.right.value) in _UNICODE_FRACTIONS):
            return _UNICODE_FRACTIONS[(node.left.value, node.right.value)]
        return self.write(node)[0]
