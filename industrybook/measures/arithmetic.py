"""Derived measures, each a one-line formula the chapters state in their text.

All rates are in percent (11.61 means 11.61 %), as the sources print them.
"""
from __future__ import annotations

import math


def _check_positive(name: str, x: float) -> None:
    if not x > 0:
        raise ValueError(f"{name} must be positive, got {x!r}")


def growth(new: float, old: float) -> float:
    """Percentage change from ``old`` to ``new``: ``(new / old - 1) * 100``."""
    _check_positive("old", old)
    return (new / old - 1.0) * 100.0


def cagr(first: float, last: float, years: float) -> float:
    """Compound annual growth rate in percent: ``((last / first) ** (1 / years) - 1) * 100``."""
    _check_positive("first", first)
    _check_positive("years", years)
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def implied_prior(current: float, growth_pct: float) -> float:
    """The prior-period value implied by a level and its growth: ``current / (1 + g / 100)``."""
    if growth_pct <= -100:
        raise ValueError(f"growth must be above -100 %, got {growth_pct!r}")
    return current / (1.0 + growth_pct / 100.0)


def implied_base(current: float, annual_growth_pct: float, years: float) -> float:
    """The base-year value implied by a level and a compound annual growth rate:
    ``current / (1 + g / 100) ** years``."""
    if annual_growth_pct <= -100:
        raise ValueError(f"growth must be above -100 %, got {annual_growth_pct!r}")
    return current / (1.0 + annual_growth_pct / 100.0) ** years


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: ``part / whole * 100``."""
    _check_positive("whole", whole)
    return part / whole * 100.0


def ratio(numerator: float, denominator: float) -> float:
    """A plain ratio, e.g. an average per project: ``numerator / denominator``."""
    if denominator == 0 or (isinstance(denominator, float) and math.isnan(denominator)):
        raise ValueError("denominator must be non-zero")
    return numerator / denominator


def pp_change(after_pct: float, before_pct: float) -> float:
    """Change between two percentages, in percentage points: ``after - before``."""
    return after_pct - before_pct


def annualise(level: float, months: float) -> float:
    """A naive full-year figure from a ``months``-long cumulative: ``level * 12 / months``. It assumes
    the rest of the year runs at the same pace, which seasonal businesses do not: a check, not an estimate."""
    if not 0 < months <= 12:
        raise ValueError(f"months must be in (0, 12], got {months!r}")
    return level * 12.0 / months


def length_per_mass_ratio(thick_diameter: float, thin_diameter: float) -> float:
    """How many times longer a given mass of round wire is at the thin diameter than at the thick one
    (the metres of wire one metre of rod gives when drawn down without loss of metal):
    ``(d_thick / d_thin) ** 2``, length per mass being inversely proportional to the cross-section."""
    _check_positive("thick_diameter", thick_diameter)
    _check_positive("thin_diameter", thin_diameter)
    return (thick_diameter / thin_diameter) ** 2


def interpolate(x0: float, y0: float, x1: float, y1: float, x: float) -> float:
    """Straight-line value at ``x`` between ``(x0, y0)`` and ``(x1, y1)``:
    ``y0 + (y1 - y0) * (x - x0) / (x1 - x0)``."""
    if x1 == x0:
        raise ValueError("the two points need different x")
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
