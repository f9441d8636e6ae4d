"""The Facts appendix (``chapters/facts.ipynb``): one entry per fact, per official benchmark and per
map point, each with an anchor (MyST label ``fact-<id>``, or ``place-<id>`` for a point of
``data/places.csv``) that the book's provenance links point to. Each source article has an anchor
too (``source-<id>``, on its heading), and each dated event of ``data/events.csv`` an entry
(``event-<id>``) under its article: a date printed from the data links there.

An entry shows what a reader needs to check a number: the value as printed, the locator phrase as
stored in the data (``locator_figure`` and ``locator_term``, joined by an ellipsis: two short
phrases, never a source sentence), the article or release it comes from, the period, the qualifier
and the English description. "Used in" is filled at build time by the ``{fact-uses}`` role of
:mod:`industrybook.tooling.sphinxext` from the provenance records the chapters glued (see
:func:`industrybook.render.page.say`), so it lists exactly the chapters whose printed numbers or
chart data link to the entry.

The same card fields feed the hover cards of the HTML (:func:`card_fields`), so card and entry
cannot disagree.
"""
from __future__ import annotations

import pandas as pd

from industrybook.data.database import Database
from industrybook.text.escape import escape_myst
from industrybook.text.facts import input_text, printed_unit, qualifier_note, release_label, source_label
from industrybook.text.figures import fmt_date, fmt_period

LABEL_PREFIX = "fact-"
PLACE_PREFIX = "place-"
SOURCE_PREFIX = "source-"
EVENT_PREFIX = "event-"


def label(record_id: str) -> str:
    """The MyST label of a fact's or benchmark's entry: ``fact-<id>``."""
    return LABEL_PREFIX + record_id


def entry_label(db: Database, record_id: str) -> str:
    """The label of any record's entry: ``place-<id>`` for a map point, ``source-<id>`` for an
    article, ``event-<id>`` for a dated event, else ``fact-<id>``."""
    for table, prefix in (("places", PLACE_PREFIX), ("sources", SOURCE_PREFIX), ("events", EVENT_PREFIX)):
        frame = db.tables.get(table)
        if frame is not None and record_id in frame.index:
            return prefix + record_id
    return label(record_id)


def locator_phrase(row: pd.Series) -> str:
    """The stored locator, figure and term: ``'2154.04亿元 … 实现产值'``."""
    return " … ".join(str(row[c]) for c in ("locator_figure", "locator_term") if pd.notna(row.get(c)))


def as_printed(row: pd.Series) -> str:
    """The value as the page prints it, with its printed unit: ``'2154.04亿元'``, ``'三分之一'``."""
    return f"{row['value_printed']}{printed_unit(row)}"


def card_fields(db: Database, record_id: str) -> dict[str, str]:
    """What a provenance card and entry show for a fact, a benchmark, an article or an event: ``value``, ``locator``,
    ``source`` (and ``short_source``: outlet and date), ``period``, ``qualifier``, ``description`` (a map point: its coordinates, what it
    marks and where they come from); an article or event adds ``value_term`` ``'Date'``, the heading of its
    value on the card and entry; a fact or benchmark adds ``input`` and ``input_printed``, its figure
    as a formula's input shows it and the page's figure beside it (:func:`~industrybook.text.facts.input_text`), and
    ``period_after_label``, the period to print after the description (empty when the description names it).
    A period reads in words (:func:`~industrybook.text.figures.fmt_period`): the stored form is the data
    dictionary's business. KeyError for an unknown id."""
    facts, places = db.tables["facts"], db.tables.get("places")
    sources, events = db.tables.get("sources"), db.tables.get("events")
    if sources is not None and record_id in sources.index:
        return _source_fields(db, record_id)
    if events is not None and record_id in events.index:
        return _event_fields(db, record_id)
    if places is not None and record_id in places.index:
        row = places.loc[record_id]
        return {"value": f"{row['lat']:.2f}°N, {row['lon']:.2f}°E", "locator": str(row["point"]),
                "source": str(row["coord_source"]), "period": "", "period_after_label": "",
                "qualifier": "rounded to 0.01°",
                "description": f"Map point of {db.tables['entities'].loc[row['entity_id'], 'name_en']}",
                "short_source": "data/places.csv"}
    if record_id in facts.index:
        row = facts.loc[record_id]
        short, origin = _article(db, row["source_id"])
    else:
        row = db.tables["benchmarks"].loc[record_id]  # KeyError names the id
        short = release_label(db, record_id)
        origin = f"{row['publisher']}, {fmt_date(row['published'])}: {row['title']}"
    english, printed = input_text(db, record_id)
    period = "" if pd.isna(row["period"]) else fmt_period(row["period"])
    description = str(row["metric_en"])
    return {"value": as_printed(row), "input": english, "input_printed": printed, "locator": locator_phrase(row),
            "source": origin, "short_source": short,
            "period": period, "qualifier": qualifier_note(row["qualifier"]), "description": description,
            "period_after_label": "" if period in description else period}


def _article(db: Database, source_id: str) -> tuple[str, str]:
    """An article's short name (outlet and date) and its full one (with the English headline)."""
    source = db.tables["sources"].loc[source_id]
    short = source_label(db, source_id)
    return short, f"{short}: “{source['headline_en']}”"


def _source_fields(db: Database, source_id: str) -> dict[str, str]:
    """An article's date as a record: the date in words, to its precision (how it was dated is in
    ``date_basis``, shown in the article's section)."""
    source = db.tables["sources"].loc[source_id]
    short, origin = _article(db, source_id)
    return {"value": fmt_date(source["date"]), "value_term": "Date", "locator": "", "source": origin,
            "short_source": short, "period": "", "period_after_label": "",
            "qualifier": f"dated to the {source['date_precision']}",
            "description": f"publication date of the {source['outlet_en']} page"}


def _event_fields(db: Database, event_id: str) -> dict[str, str]:
    """An event as a record: its date in words (with its bound), the term that dates it on the page."""
    event = db.tables["events"].loc[event_id]
    short, origin = _article(db, event["source_id"])
    bound = "no later than " if str(event.get("date_bound")) == "no_later_than" else ""
    return {"value": f"{bound}{fmt_date(event['date'])}", "value_term": "Date", "locator": str(event["locator_term"]),
            "source": origin,
            "short_source": short, "period": "", "period_after_label": "",
            "qualifier": f"dated to the {event['date_precision']}",
            "description": str(event["title_en"])}


def _entry(record_id: str, fields: dict[str, str], extra: list[tuple[str, str]], anchor: str | None = None) -> str:
    """One entry: its label, then one paragraph of the card's fields (compact in print: about three
    lines an entry). ``extra`` fields are MyST already; the card's are escaped."""
    items = [(fields.get("value_term", "As printed"), escape_myst(fields["value"])),
             ("Locator", escape_myst(fields["locator"])),
             ("Period", escape_myst(fields["period"])), ("Qualifier", escape_myst(fields["qualifier"])),
             *extra, ("Used in", f"{{fact-uses}}`{record_id}`")]
    items = [(term, text) for term, text in items if text]  # a map point has no period
    body = " ".join(f"*{term}:* {text}." for term, text in items)
    # a container of class book-entry: the print edition sets entries in small type (_latex/bookprint.sty)
    return (f":::{{container}} book-entry\n({anchor or label(record_id)})=\n"
            f"**{escape_myst(fields['description'])}** (`{record_id}`). {body}\n:::\n")


def fact_entries(db: Database, source_id: str) -> str:
    """The entries of one article's facts, in facts.csv order, as MyST."""
    facts = db.tables["facts"]
    chosen = facts[facts["source_id"] == source_id]
    return "\n".join(_entry(fid, card_fields(db, fid), []) for fid in chosen.index)


def event_entries(db: Database, source_id: str) -> str:
    """The entries of the events one article dates (``data/events.csv``), in date order, as MyST;
    '' when the database has no events or the article dates none."""
    events = db.tables.get("events")
    if events is None:
        return ""
    chosen = events[events["source_id"] == source_id].sort_values("date")
    return "\n".join(_entry(eid, card_fields(db, eid), [], anchor=EVENT_PREFIX + eid) for eid in chosen.index)


def article_heading(db: Database, source_id: str) -> str:
    """``'Hunan Daily, 20 November 2024: Hengyang's smart manufacturing gathers momentum'``."""
    s = db.tables["sources"].loc[source_id]
    return escape_myst(f"{source_label(db, source_id)}: {s['headline_en']}")


def facts_page(db: Database, level: int = 3) -> str:
    """Every article's facts under a heading (of ``level``) per article, oldest article first."""
    sources = db.tables["sources"].sort_values("date")
    parts = []
    for source_id in sources.index:
        s = sources.loc[source_id]
        parts += [f"({SOURCE_PREFIX}{source_id})=", f"{'#' * level} {article_heading(db, source_id)}", "",
                  f"{_count_text(db, source_id)} Cited as {{cite:p}}`{source_id}`. *Dated:* {fmt_date(s['date'])}, to the "
                  f"{s['date_precision']}: {escape_myst(s['date_basis'])} *Its date is used in:* "
                  f"{{fact-uses}}`{source_id}`.", "",
                  fact_entries(db, source_id)]
        events = event_entries(db, source_id)
        if events:
            parts += ["*Events this page dates* (`data/events.csv`):", "", events]
    return "\n".join(parts)


def _count_text(db: Database, source_id: str) -> str:
    n = int((db.tables["facts"]["source_id"] == source_id).sum())
    return f"{n} fact{'s' if n != 1 else ''} from this page."


def benchmark_entries(db: Database) -> str:
    """The official benchmarks: publisher, title, URL and date of the release, the value as printed
    and the locator in the stored excerpt."""
    bench = db.tables["benchmarks"]
    parts = []
    for bid in bench.index:
        row = bench.loc[bid]
        extra = [("Release", f"{escape_myst(row['publisher'])}, {escape_myst(row['title'])}, "
                             f"published {fmt_date(row['published'])}, <{row['url']}>"),
                 ("Excerpt", f"`data/benchmarks/{row['excerpt_file']}`")]
        parts.append(_entry(bid, card_fields(db, bid), extra))
    return "\n".join(parts)


def place_entries(db: Database) -> str:
    """The map points distances are computed from (``data/places.csv``)."""
    places = db.tables["places"]
    return "\n".join(_entry(pid, card_fields(db, pid), [], anchor=PLACE_PREFIX + pid) for pid in places.index)
