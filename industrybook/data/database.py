"""The fact database: one entry point that loads, validates and types every table.

``load()`` checks each CSV header against ``data/datapackage.json``, validates the tables with
frictionless (types, required fields, enums, patterns, primary and foreign keys), then checks what a
table schema cannot express: periods and dates parse; every ``;``-separated id of a field that
declares ``listReference`` (the fact ids of a reconciliation) exists; a field with a ``rowReference``
names, when set, an existing row of another table by several fields (an unfigured claim's row of
omissions); each printed figure is a figure (digits, Chinese numerals or a word of
``word_figures.csv``, which the field's ``wordReference`` names) and stands in its locator; a word
figure gives a point or a low-high span; the normalised value equals the printed value times its
unit's factor; the bounds follow the qualifier (:data:`QUALIFIER_BOUNDS`); every unresolved
reconciliation, and only those, has an open question. Given the source articles, it also checks
that every source file exists and is listed, and that the locators of facts, events, flows and
unfigured claims stand in their source; ``sources_dir="auto"`` warns (:class:`SourcesNotFoundWarning`)
when it finds none. Benchmarks (figures from official releases outside the five pages) pass the same
checks against the short excerpt stored for each release in ``data/benchmarks/``. Any failure raises
:class:`DataError` with one message naming the file, the row (the line of the CSV file) and the field.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from industrybook.data import printed as numbers, paths
from industrybook.data.schema import list_references, table_closure

LOCATOR_WINDOW = 80  # characters between a figure and the term that names it


class DataError(ValueError):
    """A table of the fact database is malformed; the message says where and what."""


class SourcesNotFoundWarning(UserWarning):
    """The source articles were not found, so the locators were not checked."""


# How each qualifier stores its bounds: "point" no bound, "low" value_low = value, "high"
# value_high = value, "range" no value and value_low < value_high (from the word table).
QUALIFIER_BOUNDS = {"exact": "point", "about": "point", "nearly": "high", "less_than": "high",
                    "more_than": "low", "at_least": "low", "range": "range"}


def _problem(resource: str, line: int | None, fieldname: str | None, what: str) -> str:
    where = f"data/{resource}.csv"
    if line is not None:
        where += f", line {line}"
    if fieldname:
        where += f", field '{fieldname}'"
    return f"{where}: {what}"


def _passed_before(descriptor: dict, basepath: Path) -> Path | None:
    """The stamp that records a clean Frictionless report for exactly these bytes (descriptor,
    tables, Frictionless version), in the checkout's ``_build``; None outside a checkout.

    Every notebook loads the data; the Frictionless pass costs seconds each time and its verdict
    depends on nothing but these bytes. The rules of :func:`_semantic_problems` always run."""
    from importlib.metadata import version

    build = basepath.parent / "_build"
    if not (basepath.parent / "_toc.yml").is_file():
        return None
    h = hashlib.sha256(version("frictionless").encode())
    h.update(json.dumps(descriptor, sort_keys=True).encode())
    for r in descriptor["resources"]:
        h.update(r["path"].encode() + b"\0" + (basepath / r["path"]).read_bytes())
    return build / ".frictionless-passed" / h.hexdigest()


def _frictionless_problems(descriptor: dict, basepath: Path) -> list[str]:
    stamp = _passed_before(descriptor, basepath)
    if stamp is not None and stamp.exists():
        return []
    problems = _frictionless_report(descriptor, basepath)
    if stamp is not None and not problems:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    return problems


def _frictionless_report(descriptor: dict, basepath: Path) -> list[str]:
    from frictionless import Package, system

    problems = []
    with system.use_context(trusted=True):
        report = Package(descriptor, basepath=str(basepath)).validate()
    for task in report.tasks:
        name = task.name
        for err in task.errors:
            line = getattr(err, "row_number", None)
            fieldname = getattr(err, "field_name", None) or ", ".join(getattr(err, "field_names", None) or [])
            cell = getattr(err, "cell", None)
            value = f" (value {cell!r})" if cell not in (None, "") else ""
            problems.append(_problem(name, line, fieldname, f"{err.type}: {err.note}{value}"))
    for err in report.errors:
        problems.append(f"data/datapackage.json: {err.type}: {err.note}")
    return problems


def _header_problems(descriptor: dict, basepath: Path) -> list[str]:
    """Each CSV header must name the schema's fields in order; a missing or extra column would
    otherwise shift every later column (frictionless matches columns by position)."""
    problems = []
    for r in descriptor["resources"]:
        with (basepath / r["path"]).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
        expected = [f["name"] for f in r["schema"]["fields"]]
        for name in expected:
            if name not in header:
                problems.append(_problem(r["name"], 1, name, "column missing from the header"))
        for name in header:
            if name not in expected:
                problems.append(_problem(r["name"], 1, name, "column not in data/datapackage.json"))
        if not problems and header != expected:
            problems.append(_problem(r["name"], 1, None, f"columns out of order: expected {', '.join(expected)}"))
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

    def printed(self, fact_id: str) -> str:
        """The figure exactly as the page prints it (the locator a test finds on the page): ``'超过90%'``."""
        return str(self.fact(fact_id)["locator_figure"])


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


def split_ids(text) -> list[str]:
    """``'a;b; c'`` -> ``['a', 'b', 'c']``; missing -> ``[]``."""
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return []
    return [t.strip() for t in str(text).split(";") if t.strip()]


def _row_reference_problems(resource: dict, tables: dict[str, pd.DataFrame]) -> list[str]:
    """A field with a ``rowReference`` names, when set, a row of another table by several fields
    (``by`` in this row, ``fields`` in that table): a foreign key that frictionless would also
    apply to the empty cells."""
    problems = []
    for f in resource["schema"]["fields"]:
        ref = f.get("rowReference")
        if ref is None:
            continue
        other = tables[ref["resource"]]
        known = set(zip(*(other[k] for k in ref["fields"])))
        for i, row in tables[resource["name"]].reset_index(drop=True).iterrows():
            if not pd.isna(row[f["name"]]) and tuple(row[k] for k in ref["by"]) not in known:
                keys = ", ".join(f"{k} {row[b]!r}" for k, b in zip(ref["fields"], ref["by"]))
                problems.append(_problem(resource["name"], i + 2, f["name"],
                                         f"no row of data/{ref['resource']}.csv has {keys}"))
    return problems


def _open_question_problems(reconciliations: pd.DataFrame, questions: pd.DataFrame) -> list[str]:
    """Every unresolved reconciliation has an open question (the data that would settle it), and
    only unresolved ones do."""
    status = dict(zip(reconciliations["rec_id"], reconciliations["status"]))
    asked = set(questions["rec_id"])
    problems = [_problem("reconciliations", i + 2, "status",
                         f"{r['rec_id']!r} is unresolved but has no row in data/open_questions.csv")
                for i, r in reconciliations.reset_index(drop=True).iterrows()
                if r["status"] == "unresolved" and r["rec_id"] not in asked]
    problems += [_problem("open_questions", i + 2, "rec_id",
                          f"{r['rec_id']!r} is {status[r['rec_id']]}, not unresolved: nothing is left to settle")
                 for i, r in questions.reset_index(drop=True).iterrows()
                 if status.get(r["rec_id"], "unresolved") != "unresolved"]
    return problems


def word_table(words: pd.DataFrame) -> dict[str, tuple[float | None, float | None, float | None]]:
    """``word_figures`` rows as :func:`industrybook.data.printed.parse_printed` reads them:
    word -> (point, low, high), None where the word gives no point or no bound."""
    def number(x) -> float | None:
        return None if pd.isna(x) else float(x)

    return {r.word: (number(r.point), number(r.low), number(r.high)) for r in words.itertuples()}


def _word_figure_problems(words: pd.DataFrame) -> list[str]:
    """A word names a number (point) or a span (low below high), never both nor neither."""
    problems = []
    for i, r in words.reset_index(drop=True).iterrows():
        has_point, has_low, has_high = (not pd.isna(r[k]) for k in ("point", "low", "high"))
        if has_point and (has_low or has_high):
            problems.append(_problem("word_figures", i + 2, "low" if has_low else "high",
                                     f"{r['word']!r} has a point, so no bound"))
        elif not has_point and not (has_low and has_high):
            problems.append(_problem("word_figures", i + 2, "high" if has_low else "low",
                                     f"{r['word']!r} needs a point, or both low and high"))
        elif has_low and not r["low"] < r["high"]:
            problems.append(_problem("word_figures", i + 2, "low",
                                     f"low {r['low']:g} is not below high {r['high']:g} for {r['word']!r}"))
    return problems


def bounds_problem(fact: pd.Series) -> tuple[str, str] | None:
    """Where and how a fact's stored bounds contradict its qualifier (:data:`QUALIFIER_BOUNDS`),
    as ``(field, what)``; None when they follow it."""
    q, v, lo, hi = fact["qualifier"], fact["value"], fact["value_low"], fact["value_high"]
    kind = QUALIFIER_BOUNDS.get(q)
    if kind is None:
        return "qualifier", f"unknown qualifier {q!r}"
    if kind == "range":
        if not pd.isna(v):
            return "value", "a range (qualifier 'range') stores no value, only value_low and value_high"
        if pd.isna(lo) or pd.isna(hi):
            return ("value_low" if pd.isna(lo) else "value_high"), "a range needs both value_low and value_high"
        if not lo < hi:
            return "value_low", f"value_low {lo:g} is not below value_high {hi:g}"
        return None
    if pd.isna(v):
        return "value", f"qualifier {q!r} needs a value"
    wanted = {"point": (None, None), "low": (v, None), "high": (None, v)}[kind]
    for name, stored, want in (("value_low", lo, wanted[0]), ("value_high", hi, wanted[1])):
        if want is None and not pd.isna(stored):
            return name, f"qualifier {q!r} sets no {name}, found {stored:g}"
        if want is not None and (pd.isna(stored) or stored != want):
            return name, f"qualifier {q!r} needs {name} = value ({want:g}), found {stored}"
    return None


def _semantic_problems(tables: dict[str, pd.DataFrame], resources: list[dict],
                       sources_dir: Path | None, data_dir: Path) -> list[str]:
    problems: list[str] = []
    words = word_table(tables["word_figures"]) if "word_figures" in tables else {}
    if "word_figures" in tables:
        problems += _word_figure_problems(tables["word_figures"])
    if "facts" in tables:
        problems += _value_problems("facts", tables["facts"], tables["units"], words)
    if "benchmarks" in tables:
        problems += _benchmark_problems(tables, Path(data_dir) / BENCHMARK_EXCERPTS, words)
    if {"reconciliations", "open_questions"} <= set(tables):
        problems += _open_question_problems(tables["reconciliations"], tables["open_questions"])
    for r in resources:
        problems += _row_reference_problems(r, tables)
        for fieldname, ref in list_references(r):
            known = set(tables[ref["resource"]][ref["field"]])
            for i, value in tables[r["name"]][fieldname].items():
                unknown = [x for x in split_ids(value) if x not in known]
                if unknown:
                    problems.append(_problem(r["name"], i + 2, fieldname,
                                             f"unknown {ref['field']}(s) of {ref['resource']}: {', '.join(unknown)}"))
    for table, fieldname in (("events", "date"), ("sources", "date")):
        for i, value in tables.get(table, pd.DataFrame(columns=[fieldname]))[fieldname].items():
            try:
                parse_period(value)
            except ValueError as exc:
                problems.append(_problem(table, i + 2, fieldname, f"date does not parse: {exc}"))
    if sources_dir is not None and "sources" in tables:
        problems += _provenance_problems(tables, Path(sources_dir))
    return problems


def _value_problems(resource: str, frame: pd.DataFrame, units: pd.DataFrame,
                    words: dict[str, tuple[float | None, float | None, float | None]]) -> list[str]:
    """Checks shared by every table of printed figures (facts, benchmarks): the period parses, the
    printed figure is a figure and stands in its locator, the normalised value (and any bounds)
    equals the printed value times its unit's factor, the unit is the printed unit's base unit, and
    stored bounds follow the qualifier."""
    problems: list[str] = []
    units = units.set_index("unit_printed")
    has_bounds = {"value_low", "value_high"} <= set(frame.columns)
    for i, row in frame.reset_index(drop=True).iterrows():
        line = i + 2
        try:
            if not pd.isna(row["period"]):
                parse_period(row["period"])
        except ValueError as exc:
            problems.append(_problem(resource, line, "period", f"date does not parse: {exc}"))
        try:
            point, low, high = numbers.parse_printed(row["value_printed"], words)
        except ValueError as exc:
            problems.append(_problem(resource, line, "value_printed", str(exc)))
            continue
        if _squeeze(str(row["value_printed"])).replace(",", "") not in _squeeze(str(row["locator_figure"])).replace(",", ""):
            problems.append(_problem(resource, line, "locator_figure",
                                     f"{row['locator_figure']!r} does not show the printed figure {row['value_printed']!r}"))
        factor = float(units.loc[row["unit_printed"], "factor"]) if row["unit_printed"] in units.index else math.nan
        if point is not None and not math.isclose(row["value"], point * factor, rel_tol=1e-9):
            problems.append(_problem(resource, line, "value",
                                     f"{row['value']!r} is not value_printed {row['value_printed']} × factor {factor:g}"))
        for name, bound in (("value_low", low), ("value_high", high)):
            if bound is not None and not has_bounds:
                problems.append(_problem(resource, line, "value_printed",
                                         f"{row['value_printed']} is a range, which this table cannot hold"))
            elif bound is not None and not math.isclose(row[name], bound * factor, rel_tol=1e-9):
                problems.append(_problem(resource, line, name,
                                         f"{row[name]!r} is not {bound:g} × factor {factor:g} for {row['value_printed']}"))
        if row["unit_printed"] in units.index and units.loc[row["unit_printed"], "unit"] != row["unit"]:
            problems.append(_problem(resource, line, "unit",
                                     f"{row['unit']!r} is not the base unit of {row['unit_printed']!r} in data/units.csv"))
        bounds = bounds_problem(row) if has_bounds else None
        if bounds:
            problems.append(_problem(resource, line, *bounds))
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


def _provenance_problems(tables: dict[str, pd.DataFrame], sources_dir: Path) -> list[str]:
    """Every source file exists and every article in ``sources_dir`` is listed; every locator of
    facts, events and flows stands in its source."""
    problems: list[str] = []
    files = tables["sources"].set_index("source_id")["file"]
    texts = {}
    for i, (sid, name) in enumerate(files.items()):
        path = sources_dir / name
        if path.is_file():
            texts[sid] = _source_text(str(path))
        else:
            problems.append(_problem("sources", i + 2, "file", f"{name!r} is not in {sources_dir}"))
    for path in sorted(set(p.name for p in sources_dir.glob("*.txt")) - set(files)):
        problems.append(_problem("sources", None, "file", f"source article {path!r} in {sources_dir} is not listed"))
    facts = tables.get("facts", pd.DataFrame(columns=["source_id"]))
    problems += _locator_problems("facts", ((i + 2, row, texts[row["source_id"]], files[row["source_id"]])
                                            for i, row in facts.iterrows() if row["source_id"] in texts))
    for table in ("events", "flows", "unfigured_claims"):
        for i, row in tables.get(table, pd.DataFrame(columns=["source_id"])).iterrows():
            if row["source_id"] in texts and _squeeze(str(row["locator_term"])) not in texts[row["source_id"]]:
                problems.append(_problem(table, i + 2, "locator_term",
                                         f"{row['locator_term']!r} does not occur in its source ({files[row['source_id']]})"))
    return problems


BENCHMARK_EXCERPTS = "benchmarks"  # folder under data/ holding one stored excerpt per official page


def read_excerpt(path: Path) -> tuple[str, str]:
    """A stored excerpt of an official release: its header line (publisher | URL | date | note)
    and its body, the quoted lines the locators must stand in."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    return header, body


def _benchmark_problems(tables: dict[str, pd.DataFrame], excerpt_dir: Path,
                        words: dict[str, tuple[float | None, float | None, float | None]]) -> list[str]:
    """The checks of a fact, plus: the publication date parses, the excerpt file exists, its
    header names the row's URL and date, and the locator stands in its body."""
    bench = tables["benchmarks"]
    problems = _value_problems("benchmarks", bench, tables["units"], words)
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


def validate(data_dir: Path | None = None, sources_dir: Path | None = None,
             tables: list[str] | None = None) -> tuple[dict, dict[str, pd.DataFrame]]:
    """Validate ``tables`` (all when None) and the tables their foreign keys reach; return the
    descriptor used and the typed tables. Raise DataError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    data_dir = Path(data_dir)
    full = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    wanted = table_closure(tables, full)
    descriptor = {**full, "resources": [r for r in full["resources"] if r["name"] in wanted]}
    problems = _header_problems(descriptor, data_dir) or _frictionless_problems(descriptor, data_dir)
    if problems:
        raise DataError("the fact database is malformed:\n  " + "\n  ".join(problems))
    typed = {r["name"]: _read_typed(r, data_dir) for r in descriptor["resources"]}
    problems = _semantic_problems(typed, descriptor["resources"], sources_dir, data_dir)
    if problems:
        raise DataError("the fact database is malformed:\n  " + "\n  ".join(problems))
    return descriptor, typed


def _found_sources() -> Path | None:
    """The source articles' folder, or None after a warning (an error under CI) when it is absent."""
    found = paths.sources_dir()
    if found.is_dir() and any(found.glob("*.txt")):
        return found
    message = (f"source articles not found in {found}: the locators were not checked "
               "(set BOOK_SOURCES_DIR to the folder holding them)")
    if os.environ.get("CI", "").lower() == "true":
        raise FileNotFoundError(message + "; CI requires them")
    warnings.warn(message, SourcesNotFoundWarning, stacklevel=3)
    return None


def load(*tables: str, data_dir: Path | None = None, sources_dir: Path | None | str = "auto") -> Database:
    """Load the fact database, validated: the named tables (all when none are named) and the
    tables their foreign keys reach. ``sources_dir='auto'`` checks the locators against the source
    articles of :func:`industrybook.data.paths.sources_dir`; when they are absent it warns
    (:class:`SourcesNotFoundWarning`), and under ``CI=true`` it raises. ``sources_dir=None`` skips
    the check on purpose.

    Name the tables a notebook reads (``load("facts", "events")``): the build re-executes a
    notebook when one of them changes, and only then.
    """
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    if sources_dir == "auto":
        sources_dir = _found_sources()
    descriptor, typed = validate(Path(data_dir), sources_dir, list(tables) or None)
    for r in descriptor["resources"]:
        pk = r["schema"].get("primaryKey")
        if isinstance(pk, str):
            typed[r["name"]] = typed[r["name"]].set_index(pk, drop=False)
            typed[r["name"]].index.name = None
    return Database(tables=typed, schema=descriptor)


@lru_cache(maxsize=None)
def _validated_table(name: str, data_dir: str) -> pd.DataFrame:
    return load(name, data_dir=Path(data_dir), sources_dir=None).tables[name]


def vocabulary(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """An editorial table the code reads as a vocabulary (``themes``, ``word_figures``), loaded and
    validated once per data folder (default: :data:`industrybook.data.paths.DATA_DIR`). The table
    holds no figure of the sources, so its rows need no provenance check. A copy: callers may
    change it."""
    return _validated_table(name, str(Path(data_dir) if data_dir is not None else paths.DATA_DIR)).copy()
