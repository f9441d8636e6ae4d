"""The fact database: one entry point that loads, validates and types every table.

``load()`` validates ``data/datapackage.json`` with frictionless (types, constraints, primary and
foreign keys), then checks what a table schema cannot express: periods and dates parse, each
normalised value equals the printed value times its unit's factor, and each fact's locator stands
in its source article. Benchmarks (figures from official releases outside the five pages) pass the
same checks against the short excerpt stored for each release in ``data/benchmarks/``. Any failure raises :class:`DataError` with one message naming the file,
the row (the line of the CSV file) and the field.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from industrybook import numbers, paths
from industrybook.fmt import fmt_value, fmt_value_as_printed

LOCATOR_WINDOW = 80  # characters between a figure and the term that names it


class DataError(ValueError):
    """A table of the fact database is malformed; the message says where and what."""


def _problem(resource: str, line: int | None, fieldname: str | None, what: str) -> str:
    where = f"data/{resource}.csv"
    if line is not None:
        where += f", line {line}"
    if fieldname:
        where += f", field '{fieldname}'"
    return f"{where}: {what}"


def _frictionless_problems(descriptor: dict, basepath: Path) -> list[str]:
    from frictionless import Package, system

    problems = []
    with system.use_context(trusted=True):
        report = Package(descriptor, basepath=str(basepath)).validate()
    for task in report.tasks:
        name = task.name
        for err in task.errors:
            line = getattr(err, "row_number", None)
            fieldname = getattr(err, "field_name", None)
            problems.append(_problem(name, line, fieldname, f"{err.type}: {err.note}"))
    for err in report.errors:
        problems.append(f"data/datapackage.json: {err.type}: {err.note}")
    return problems


_DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}

_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def parse_period(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of an ISO period: ``'2024-01/2024-09'`` -> (2024-01-01, 2024-09-30)."""
    if not _PERIOD.match(str(text)):
        raise ValueError(f"not an ISO date or interval: {text!r}")
    start, _, end = str(text).partition("/")
    end = end or start
    first = pd.Timestamp(start)  # raises on 2024-02-30
    last_anchor = pd.Timestamp(end)
    if len(end) == 4:
        last = last_anchor + pd.offsets.YearEnd(0)
    elif len(end) == 7:
        last = last_anchor + pd.offsets.MonthEnd(0)
    else:
        last = last_anchor
    if last < first:
        raise ValueError(f"period ends before it starts: {text!r}")
    return first, last


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=None)
def _source_text(path: str) -> str:
    return _squeeze(Path(path).read_text(encoding="utf-8"))


def locator_distance(text: str, figure: str, term: str) -> int | None:
    """Smallest distance in characters between an occurrence of ``figure`` and of ``term``
    in ``text`` (whitespace ignored); None when either is absent."""
    text, figure, term = _squeeze(text), _squeeze(figure), _squeeze(term)
    figs = [m.start() for m in re.finditer(re.escape(figure), text)]
    terms = [m.start() for m in re.finditer(re.escape(term), text)]
    if not figs or not terms:
        return None
    return min(abs(f - t) for f in figs for t in terms)


@dataclass
class Database:
    """The typed tables, with lookups the chapters use."""

    tables: dict[str, pd.DataFrame]
    schema: dict = field(repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def fact(self, fact_id: str) -> pd.Series:
        """One fact's row; a clear KeyError for an unknown id."""
        facts = self.tables["facts"]
        if fact_id not in facts.index:
            raise KeyError(f"no fact with id {fact_id!r} in data/facts.csv")
        return facts.loc[fact_id]

    def value(self, fact_id: str) -> float:
        """A fact's normalised value (base units); an error if the fact is a range."""
        v = self.fact(fact_id)["value"]
        if pd.isna(v):
            raise ValueError(f"fact {fact_id!r} is a range, not a point: use value_low/value_high")
        return float(v)

    def text(self, fact_id: str, digits: int | None = None) -> str:
        """A fact's value as English prose, e.g. ``'CNY 139.46 bn'``: by default to the precision the page
        prints (105.99亿元 -> ``'CNY 10.599 bn'``), so a fact reads the same wherever the book quotes it.
        A range coded from a word figure prints the page's word: 几百元/车 -> ``'a few hundred yuan per
        truckload'``."""
        row = self.fact(fact_id)
        if pd.isna(row["value"]) and row["value_printed"] in numbers.WORD_ENGLISH:
            return numbers.word_figure_text(row["value_printed"], row["unit_printed"])
        if digits is None and numbers.is_printed_in_digits(row["value_printed"]):
            return fmt_value_as_printed(self.value(fact_id), row["unit"])
        if digits is None:  # a fraction or a saying: its decimals are the book's, not the page's
            digits = 2
        return fmt_value(self.value(fact_id), row["unit"], digits)

    def printed(self, fact_id: str) -> str:
        """The figure exactly as the page prints it (the locator a test finds on the page): ``'超过90%'``."""
        return str(self.fact(fact_id)["locator_figure"])

    def source_label(self, source_id: str) -> str:
        """``'Hunan Daily, 2024-11-20'``: outlet and date as the sources table gives them."""
        s = self.tables["sources"].loc[source_id]
        return f"{s['outlet_en']}, {s['date']}"

    def source_line(self, source_ids) -> str:
        """The chart source line, built from the sources table, oldest first."""
        ids = sorted(set(source_ids), key=lambda i: self.tables["sources"].loc[i, "date"])
        return "Source: " + "; ".join(self.source_label(i) for i in ids) + " (fact database: data/facts.csv)."

    def facts_for(self, *fact_ids: str) -> pd.DataFrame:
        return self.tables["facts"].loc[list(fact_ids)]


def _read_typed(resource: dict, base: Path) -> pd.DataFrame:
    fields = resource["schema"]["fields"]
    dtypes = {f["name"]: _DTYPES.get(f["type"], "string") for f in fields}
    frame = pd.read_csv(base / resource["path"], dtype="string", keep_default_na=False, na_values=[""])
    for name, dtype in dtypes.items():
        if dtype == "float64":
            frame[name] = pd.to_numeric(frame[name]).astype("float64")
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def _semantic_problems(tables: dict[str, pd.DataFrame], sources_dir: Path | None,
                       data_dir: Path = paths.DATA_DIR) -> list[str]:
    problems: list[str] = []
    if "facts" in tables:
        problems += _fact_problems(tables, sources_dir)
    if "benchmarks" in tables:
        problems += _benchmark_problems(tables, Path(data_dir) / BENCHMARK_EXCERPTS)
    if "reconciliations" in tables:
        known = set(tables["facts"]["fact_id"]) if "facts" in tables else None
        for i, row in tables["reconciliations"].iterrows():
            unknown = [f for f in str(row["fact_ids"]).split(";") if known is not None and f not in known]
            if unknown:
                problems.append(_problem("reconciliations", i + 2, "fact_ids",
                                         f"unknown fact id(s): {', '.join(unknown)}"))
    if "events" in tables:
        for i, row in tables["events"].iterrows():
            try:
                parse_period(row["date"])
            except ValueError as exc:
                problems.append(_problem("events", i + 2, "date", f"date does not parse: {exc}"))
    return problems


def _value_problems(resource: str, frame: pd.DataFrame, units: pd.DataFrame) -> list[str]:
    """Checks shared by every table of printed figures (facts, benchmarks): the period parses,
    the normalised value (and any bounds) equals the printed value times its unit's factor, and
    the unit is the printed unit's base unit."""
    problems: list[str] = []
    units = units.set_index("unit_printed")
    for i, row in frame.reset_index(drop=True).iterrows():
        line = i + 2
        try:
            if not pd.isna(row["period"]):
                parse_period(row["period"])
        except ValueError as exc:
            problems.append(_problem(resource, line, "period", f"date does not parse: {exc}"))
        try:
            point, low, high = numbers.parse_printed(row["value_printed"])
        except ValueError as exc:
            problems.append(_problem(resource, line, "value_printed", str(exc)))
            continue
        factor = float(units.loc[row["unit_printed"], "factor"]) if row["unit_printed"] in units.index else math.nan
        if point is not None and not math.isclose(row["value"], point * factor, rel_tol=1e-9):
            problems.append(_problem(resource, line, "value",
                                     f"{row['value']!r} is not value_printed {row['value_printed']} × factor {factor:g}"))
        for name, bound in (("value_low", low), ("value_high", high)):
            if bound is not None and name not in row.index:
                problems.append(_problem(resource, line, "value_printed",
                                         f"{row['value_printed']} is a range, which this table cannot hold"))
            elif bound is not None and not math.isclose(row[name], bound * factor, rel_tol=1e-9):
                problems.append(_problem(resource, line, name,
                                         f"{row[name]!r} is not {bound:g} × factor {factor:g} for {row['value_printed']}"))
        if row["unit_printed"] in units.index and units.loc[row["unit_printed"], "unit"] != row["unit"]:
            problems.append(_problem(resource, line, "unit",
                                     f"{row['unit']!r} is not the base unit of {row['unit_printed']!r} in data/units.csv"))
    return problems


def _locator_problems(resource: str, located) -> list[str]:
    """Each row's figure and term stand within LOCATOR_WINDOW characters of each other in its text.
    ``located`` yields ``(line, row, text, name)``: the CSV line, the row, its text and the file
    name to report."""
    problems: list[str] = []
    for line, row, text, name in located:
        dist = locator_distance(text, row["locator_figure"], row["locator_term"])
        if dist is None or dist > LOCATOR_WINDOW:
            what = ("does not occur in its source" if dist is None
                    else f"figure and term stand {dist} characters apart (limit {LOCATOR_WINDOW})")
            problems.append(_problem(resource, line, "locator_figure",
                                     f"locator {row['locator_figure']!r} / {row['locator_term']!r} {what} ({name})"))
    return problems


def _fact_problems(tables: dict[str, pd.DataFrame], sources_dir: Path | None) -> list[str]:
    facts = tables["facts"]
    problems = _value_problems("facts", facts, tables["units"])
    if sources_dir is not None:
        files = tables["sources"].set_index("source_id")["file"]
        problems += _locator_problems("facts", (
            (i + 2, row, _source_text(str(sources_dir / files[row["source_id"]])), files[row["source_id"]])
            for i, row in facts.reset_index(drop=True).iterrows()))
    return problems


BENCHMARK_EXCERPTS = "benchmarks"  # folder under data/ holding one stored excerpt per official page


def read_excerpt(path: Path) -> tuple[str, str]:
    """A stored excerpt of an official release: its header line (publisher | URL | date | note)
    and its body, the quoted lines the locators must stand in."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    return header, body


def _benchmark_problems(tables: dict[str, pd.DataFrame], excerpt_dir: Path) -> list[str]:
    """The checks of a fact, plus: the publication date parses, the excerpt file exists, its
    header names the row's URL and date, and the locator stands in its body."""
    bench = tables["benchmarks"]
    problems = _value_problems("benchmarks", bench, tables["units"])
    located = []
    for i, row in bench.reset_index(drop=True).iterrows():
        line = i + 2
        try:
            parse_period(row["published"])
        except ValueError as exc:
            problems.append(_problem("benchmarks", line, "published", f"date does not parse: {exc}"))
        path = excerpt_dir / row["excerpt_file"]
        if not path.is_file():
            problems.append(_problem("benchmarks", line, "excerpt_file",
                                     f"no stored excerpt data/{BENCHMARK_EXCERPTS}/{row['excerpt_file']}"))
            continue
        header, body = read_excerpt(path)
        fields = [part.strip() for part in header.lstrip("#").split("|")]
        for name in ("url", "published"):
            if row[name] not in fields:
                problems.append(_problem("benchmarks", line, name,
                                         f"{row[name]!r} is not in the header line of {BENCHMARK_EXCERPTS}/{row['excerpt_file']}"))
        located.append((line, row, body, f"{BENCHMARK_EXCERPTS}/{row['excerpt_file']}"))
    return problems + _locator_problems("benchmarks", located)


def validate(data_dir: Path = paths.DATA_DIR, sources_dir: Path | None = None,
             tables: list[str] | None = None) -> tuple[dict, dict[str, pd.DataFrame]]:
    """Validate ``tables`` (all when None) and the tables their foreign keys reach; return the
    descriptor used and the typed tables. Raise DataError listing every problem."""
    from industrybook.cachedeps import table_closure

    data_dir = Path(data_dir)
    full = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    wanted = table_closure(tables, full)
    descriptor = {**full, "resources": [r for r in full["resources"] if r["name"] in wanted]}
    problems = _frictionless_problems(descriptor, data_dir)
    if problems:
        raise DataError("the fact database is malformed:\n  " + "\n  ".join(problems))
    typed = {r["name"]: _read_typed(r, data_dir) for r in descriptor["resources"]}
    problems = _semantic_problems(typed, sources_dir, data_dir)
    if problems:
        raise DataError("the fact database is malformed:\n  " + "\n  ".join(problems))
    return descriptor, typed


def load(*tables: str, data_dir: Path = paths.DATA_DIR, sources_dir: Path | None | str = "auto") -> Database:
    """Load the fact database, validated: the named tables (all when none are named) and the
    tables their foreign keys reach. ``sources_dir='auto'`` checks the locators when the source
    articles are present (they are beside the project when the book is built).

    Name the tables a notebook reads (``load("facts", "events")``): the build re-executes a
    notebook when one of them changes, and only then.
    """
    if sources_dir == "auto":
        found = paths.sources_dir()
        sources_dir = found if found.is_dir() else None
    descriptor, typed = validate(Path(data_dir), sources_dir, list(tables) or None)
    for r in descriptor["resources"]:
        pk = r["schema"].get("primaryKey")
        if isinstance(pk, str):
            typed[r["name"]] = typed[r["name"]].set_index(pk, drop=False)
            typed[r["name"]].index.name = None
    return Database(tables=typed, schema=descriptor)
