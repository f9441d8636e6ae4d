"""A piece of English text for a number that remembers where the number came from.

``Phrase`` is a ``str`` (so it glues, formats and compares like one) carrying the ids of the records
behind it: the facts (facts.csv) or official benchmarks (benchmarks.csv) it was read from, and, for
a derived number, the formula and the inputs it was computed from. The text layer returns phrases;
the render layer turns their ids into provenance links. Plain ``str`` operations (``+``, slicing,
``.format``) return plain ``str`` and drop the ids, on purpose: text that was rewritten by hand is no
longer the text the record vouches for. :class:`Pieces` joins several phrases and plain words into
one text that keeps each phrase (a table cell printing two figures links each of them).
"""
from __future__ import annotations

from industrybook.text.formula import formula_symbols


class Phrase(str):
    """English text for a figure, with ``fact_ids`` (the records it rests on) and, for a derived
    number, ``formula`` (in words or symbols) and ``inputs`` (``{symbol: fact id}``)."""

    fact_ids: tuple[str, ...]
    formula: str | None
    inputs: dict[str, str]

    def __new__(cls, text: str, fact_ids=(), formula: str | None = None, inputs: dict[str, str] | None = None):
        unused = unused_inputs(formula, inputs or {})
        if unused:
            # an entry would list a record the number does not rest on
            raise ValueError(f"{text!r}: the formula {formula!r} does not use the inputs {unused}")
        obj = super().__new__(cls, text)
        obj.fact_ids = tuple(fact_ids)
        obj.formula = formula
        obj.inputs = dict(inputs or {})
        return obj

    @property
    def is_derived(self) -> bool:
        return self.formula is not None

    @property
    def has_records(self) -> bool:
        """True when a provenance entry can be named: facts behind it, or a formula to state."""
        return bool(self.fact_ids or self.inputs or self.is_derived)

    def shown_as(self, text: str) -> "Phrase":
        """The same records behind ``text``, the phrase as typeset (no-break spaces, say)."""
        return Phrase(text, self.fact_ids, self.formula, self.inputs)

    def __repr__(self) -> str:
        return f"Phrase({str(self)!r}, fact_ids={self.fact_ids!r})"


class Pieces(str):
    """A text made of pieces, each a :class:`Phrase` or plain text: ``Pieces(a, " in 2023, ", b)``
    reads as the joined text, and ``parts`` keeps each phrase with its records."""

    parts: tuple[str, ...]

    def __new__(cls, *parts: str):
        obj = super().__new__(cls, "".join(parts))
        obj.parts = tuple(parts)
        return obj

    def __repr__(self) -> str:
        return f"Pieces{self.parts!r}"


def joined(separator: str, items) -> Pieces:
    """``separator.join(items)`` keeping each phrase among ``items``: ``joined("; ", [a, b])``."""
    parts: list[str] = []
    for i, item in enumerate(items):
        parts += [separator, item] if i else [item]
    return Pieces(*parts)


def unused_inputs(formula: str | None, inputs: dict[str, str]) -> list[str]:
    """The symbols of ``inputs`` that an arithmetic ``formula`` does not read (none for a formula in
    words, whose inputs are the records its words name)."""
    used = formula_symbols(formula) if formula else None
    if used is None:
        return []
    return [s for s in inputs if s not in used and not set(s.split("-")) <= used]


def used_inputs(formula: str, inputs: dict[str, str]) -> dict[str, str]:
    """Of a set of inputs shared by several formulas, those ``formula`` reads."""
    unused = unused_inputs(formula, inputs)
    return {s: i for s, i in inputs.items() if s not in unused}
