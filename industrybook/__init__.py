"""Shared code of the Hengyang and Hunan industrial-upgrade book.

Every chapter imports this package: it loads and validates the fact database
(:mod:`industrybook.data`), computes derived measures (:mod:`industrybook.measures`),
formats numbers for prose (:mod:`industrybook.fmt`), sets the house chart style
(:mod:`industrybook.style`) and draws flow diagrams (:mod:`industrybook.diagrams`).

The names below are imported on first use, so that build tools such as
``python -m industrybook.cachedeps`` start without loading pandas.
"""
from importlib import import_module

_EXPORTS = {
    "Database": "data", "DataError": "data", "load": "data",
    "fmt_money": "fmt", "fmt_number": "fmt", "fmt_pct": "fmt", "fmt_value": "fmt",
    "cagr": "measures", "growth": "measures", "implied_prior": "measures", "pp_change": "measures",
    "ratio": "measures", "share": "measures",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f"industrybook.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'industrybook' has no attribute {name!r}")
