"""Shared code of the Hengyang and Hunan industrial-upgrade book.

Every chapter imports this package: it loads and validates the fact database
(:mod:`industrybook.data`), computes derived measures (:mod:`industrybook.measures`),
formats numbers for prose (:mod:`industrybook.fmt`), sets the house chart style
(:mod:`industrybook.style`) and draws flow diagrams (:mod:`industrybook.diagrams`).
"""
from industrybook.data import Database, DataError, load
from industrybook.fmt import fmt_money, fmt_number, fmt_pct, fmt_value
from industrybook.measures import cagr, growth, implied_prior, pp_change, ratio, share

__all__ = [
    "Database", "DataError", "load",
    "fmt_money", "fmt_number", "fmt_pct", "fmt_value",
    "cagr", "growth", "implied_prior", "pp_change", "ratio", "share",
]
