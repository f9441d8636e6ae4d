"""Ratios of figures printed with a qualifier ("more than", "nearly", "about"): the value, and
whether it is a floor, a ceiling, or undetermined."""
from __future__ import annotations

from industrybook.data.database import Database
from industrybook.text.facts import qualifier_direction


def bounded_ratio(num: float, num_qualifier: str, den: float, den_qualifier: str) -> tuple[float, str]:
    """``num / den`` and what kind of figure it is, given the qualifiers of the two inputs.

    Returns ``(value, kind)`` with kind ``'exact'`` (both exact), ``'about'``, ``'at least'``
    (a floor: e.g. more than X yuan over exactly N firms), ``'at most'`` (a ceiling: e.g. X yuan
    over more than N items) or ``'undetermined'`` (the bounds pull opposite ways, e.g. more than X
    over more than N: the true ratio may lie on either side of the printed one)."""
    if den == 0:
        raise ValueError("denominator must be non-zero")
    dirs = {qualifier_direction(num_qualifier), -qualifier_direction(den_qualifier)} - {0}
    value = num / den
    if len(dirs) == 2:
        return value, "undetermined"
    if dirs:
        return value, "at least" if dirs.pop() == 1 else "at most"
    return value, "about" if "about" in (num_qualifier, den_qualifier) else "exact"


def fact_ratio(db: Database, num_id: str, den_id: str) -> tuple[float, str]:
    """:func:`bounded_ratio` of two facts, using their printed qualifiers."""
    return bounded_ratio(db.value(num_id), db.fact(num_id)["qualifier"],
                         db.value(den_id), db.fact(den_id)["qualifier"])
