"""Sphinx extension of the book.

``{chart} key`` is ``{glue:figure} key`` whose alt text comes from the glued ``key__alt`` string
that :func:`industrybook.render.style.publish` wrote, so alt text is computed with the chart, not typed.
A chart without glued alt text is a build error; a chart that glued its data (``key__data``, see
``publish(..., data=frame)``) gets a "Data (CSV)" download below its picture.

Provenance links: ``{glue:text}`` is replaced by :class:`ProvenanceTextRole`, which pastes the text
as before and, when the notebook glued a provenance record under ``key__prov`` (a
:class:`~industrybook.text.phrase.Phrase` passed to ``say``), makes it a cross-reference to the
record's entry: ``fact-<id>`` in the Facts appendix for one fact, or, for a derived number (a
formula, or several ids), an entry generated at the end of the same page (:class:`DerivedEntries`)
whose inputs link to their facts, its formula in math. The print edition sets these entries
compactly (:class:`PrintDerivedEntries`). In HTML each linked number carries a hidden card (value as
printed, locator, source, period; a formula in Unicode) that ``_assets/provenance.js`` shows on
hover and focus. The
registry of which page uses which record fills the ``{fact-uses}`` role of the Facts appendix.
"""
from __future__ import annotations

import ast
import csv
import filecmp
import functools
import html
import io
import json
import re
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.directives import PasteFigureDirective
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import RetrievalError, retrieve_glue_data
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

# The data, appendix and render layers (pandas, matplotlib) are imported where they are used, so
# that a no-change rebuild does not pay for them.

LOGGER = logging.getLogger(__name__)


def glued_text(document, key: str) -> str:
    """The string glued under ``key`` (glue stores its repr as text/plain)."""
    data = retrieve_glue_data(document, key).data
    text = data.get("text/plain", "")
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        value = text
    return str(value)


CHART_DATA_DIR = "_static/chart-data"  # in the HTML output: one CSV per chart, named by its key


class ChartDirective(PasteFigureDirective):
    """A glued, numbered figure with glued alt text, and its data as a CSV download when glued."""

    def run(self):
        if "alt" not in self.options:
            key = self.arguments[0] + "__alt"
            try:
                self.options["alt"] = glued_text(self.state.document, key)
            except RetrievalError:
                LOGGER.warning(f"chart {self.arguments[0]!r} has no glued alt text ({key!r})",
                               location=(self.state.document["source"], self.lineno))
        if "name" not in self.options:
            self.options["name"] = self.arguments[0]
        result = super().run()
        try:
            data = glued_text(self.state.document, self.arguments[0] + "__data")
        except RetrievalError:
            return result
        env = self.state.document.settings.env
        note_uses(env, env.docname, chart_fact_ids(data))
        figures = [n for n in result if isinstance(n, nodes.figure)]
        if not hasattr(env, "provenance_chart_data"):
            env.provenance_chart_data = {}
        env.provenance_chart_data.setdefault(env.docname, {})[self.arguments[0]] = data
        if figures and env.app.builder.format == "html":
            figure = figures[0]
            at = next((i for i, n in enumerate(figure.children) if isinstance(n, nodes.caption)), len(figure.children))
            figure.insert(at, nodes.raw("", chart_data_link(env.docname, self.arguments[0]), format="html"))
        return result


def write_chart_data(app, exception) -> None:
    """Every chart's CSV into the HTML output, from the environment (so that a fresh output folder
    gets them even when no page is re-read); unchanged files are left alone."""
    if exception is not None or app.builder.format != "html":
        return
    for charts in getattr(app.env, "provenance_chart_data", {}).values():
        for key, data in charts.items():
            target = Path(app.outdir) / CHART_DATA_DIR / f"{key}.csv"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_text(encoding="utf-8") != data:
                target.write_text(data, encoding="utf-8")


def chart_fact_ids(data: str) -> set[str]:
    """The fact ids a chart-data CSV names in its ``fact_ids`` column."""
    from industrybook.data.database import split_ids

    return {i for row in csv.DictReader(io.StringIO(data)) for i in split_ids(row.get("fact_ids"))}


def chart_data_link(docname: str, key: str) -> str:
    """The HTML of a chart's "Data" download, relative to the page ``docname``."""
    href = "../" * docname.count("/") + f"{CHART_DATA_DIR}/{key}.csv"
    return (f'<p class="chart-data"><a href="{html.escape(href)}" download>Data (CSV)</a>: '
            "the values this chart plots, with fact ids, units and sources</p>")


# --- provenance links ------------------------------------------------------------------------

FACTS_DOC = "chapters/facts"


@functools.lru_cache(maxsize=1)
def provenance_database():
    """The facts, sources, events and benchmarks the cards quote (read once per build process; the
    locators were checked when the chapters executed)."""
    from industrybook.data.database import load

    return load("facts", "sources", "benchmarks", "places", "events", sources_dir=None)


def note_uses(env, docname: str, ids) -> None:
    """Record that page ``docname`` prints or plots the records ``ids``."""
    if not hasattr(env, "provenance_uses"):
        env.provenance_uses = {}
    env.provenance_uses.setdefault(docname, set()).update(ids)


def derived_label(docname: str, key: str) -> str:
    return f"derived-{docname.replace('/', '-')}-{key}"


def card_html(card_id: str, rows: list[tuple[str, str]], heading: str, formula: str | None = None) -> str:
    """A hidden card (the HTML only: LaTeX drops raw HTML) that provenance.js shows beside its link;
    a derived number's card keeps its formula as computed in ``data-formula``, for machines."""
    body = "".join(f'<span class="prov-row"><span class="prov-term">{html.escape(term)}</span> '
                   f"{formula_html(text) if term == 'Formula' else html.escape(text)}</span>" for term, text in rows)
    data = f' data-formula="{html.escape(formula, quote=True)}"' if formula else ""
    return (f'<span class="prov-card" id="{card_id}" role="tooltip"{data} hidden>'
            f'<span class="prov-head">{html.escape(heading)}</span>{body}</span>')


def formula_html(plain: str) -> str:
    """A formula's Unicode text as escaped HTML, its exponents raised (``<sup>``) as in the tables."""
    from industrybook.text.formula import raised_pieces

    return "".join(f"<sup>{html.escape(text)}</sup>" if raised else html.escape(text)
                   for text, raised in raised_pieces(plain))


def fact_card_rows(record_id: str) -> list[tuple[str, str]]:
    from industrybook.appendix.facts import card_fields

    fields = card_fields(provenance_database(), record_id)
    rows = [(fields.get("value_term", "As printed"), fields["value"]), ("Locator", fields["locator"]),
            ("Source", fields["source"]),
            ("Period", fields["period"]), ("Qualifier", fields["qualifier"])]
    return [(term, text) for term, text in rows if text]


# what a derived number with a formula but no input record rests on, in its card and its entry alike
NO_SINGLE_RECORD = "counted from the book's tables or fixed by the method, not read from one record"
# said once before a page's counts, in HTML and print alike
COUNTS_LEAD = NO_SINGLE_RECORD[0].upper() + NO_SINGLE_RECORD[1:] + ":"


def derived_card_rows(record: dict) -> list[tuple[str, str]]:
    from industrybook.appendix.facts import card_fields

    db = provenance_database()
    from industrybook.text.formula import formula_plain

    formula = record["formula"]
    rows = [("Formula", (formula_plain(formula) or formula) if formula else "rests on several records")]
    if record["formula"] and not record["inputs"]:
        rows.append(("Inputs", NO_SINGLE_RECORD))
    named = record["inputs"] or {f"[{i + 1}]": fid for i, fid in enumerate(record["ids"])}
    for symbol, fid in named.items():
        fields = card_fields(db, fid)
        about = "; ".join(x for x in (fields.get("input_printed"), fields["description"], fields["period_after_label"],
                                      fields["short_source"]) if x)
        rows.append((symbol, f"{fields.get('input', fields['value'])} ({about})"))
    return rows


class ProvenanceTextRole(PasteTextRole):
    """``{glue:text}`` with a provenance link when the notebook glued ``key__prov``."""

    def run(self):
        from industrybook.appendix.facts import entry_label
        from industrybook.render.page import PROVENANCE_SUFFIX

        pasted, messages = super().run()
        key = self.text.rsplit(":", 1)[0] if ":" in self.text.replace("::", "") else self.text
        if "::" in self.text or len(pasted) != 1:
            return pasted, messages
        try:
            record = json.loads(glued_text(self.document, key + PROVENANCE_SUFFIX))
        except RetrievalError:
            return pasted, messages
        env = self.document.settings.env
        note_uses(env, env.docname, record["ids"])
        derived = bool(record.get("formula")) or len(record["ids"]) != 1
        try:
            if derived:
                target = derived_label(env.docname, key)
                # the transform that writes the entry runs after myst-nb has dropped the glue data
                self.document.setdefault("provenance_derived", {})[key] = {**record, "printed": pasted[0].astext()}
                rows, heading, formula = derived_card_rows(record), "Derived number", record.get("formula")
            else:
                target = entry_label(provenance_database(), record["ids"][0])
                rows, heading, formula = fact_card_rows(record["ids"][0]), "Record " + record["ids"][0], None
        except KeyError as exc:
            LOGGER.warning(f"glued {key!r} names an unknown record {exc}", location=pasted[0])
            return pasted, messages
        text = pasted[0].astext()
        card_id = f"prov-card-{env.new_serialno('prov-card')}"
        xref = addnodes.pending_xref("", nodes.inline(text, text), refdomain="std", reftype="ref",
                                     reftarget=target, refexplicit=True, refwarn=True)
        wrapper = nodes.inline("", "", xref, nodes.raw("", card_html(card_id, rows, heading, formula), format="html"),
                               classes=["pasted-text", "prov"])
        wrapper["ids"] = []
        self.set_source_info(wrapper)
        return [wrapper], messages


DERIVED_HEADING = "Where this page's derived numbers come from"
# said once per page in print, where the entries are compact (PrintDerivedEntries)
PRINT_ENTRIES_NOTE = ("Each number as printed, with its formula and its inputs; each input links to its "
                      "record in the Facts appendix and is described where the page first uses it.")


class DerivedEntries(SphinxTransform):
    """At the end of a page whose text prints derived numbers, one entry per number: the value,
    its formula, and its inputs, each linked to its fact's entry. The entries are held in one
    ``prov-derived-list`` container, each entry keeping its record for the print form."""

    default_priority = 400  # before Sphinx's doctree-read collectors register the labels

    def apply(self):
        derived = self.document.get("provenance_derived")
        # the page's own (top) section: the last section in document order may be inside a
        # solution (sphinx-exercise nests one in each), which the reader sees collapsed
        tops = [n for n in self.document.children if isinstance(n, nodes.section)]
        if not derived or not tops:
            return
        docname = self.env.docname
        container = tops[0]
        container += nodes.rubric("", DERIVED_HEADING)
        listing = nodes.container(classes=["prov-derived-list"])
        # a number printed twice from one phrase (the prose and a table's cell) gets one entry
        groups: dict[str, list[str]] = {}
        for key, record in derived.items():
            same = {**record, "printed": " ".join(record["printed"].split())}  # a cell binds with no-break spaces
            groups.setdefault(json.dumps(same, sort_keys=True), []).append(key)
        counts = nodes.container(classes=["prov-derived-counts"])
        counts += nodes.paragraph("", COUNTS_LEAD, classes=["prov-derived-lead"])
        for keys in groups.values():
            entry = nodes.container(classes=["book-entry"])  # small type in print (_latex/bookprint.sty)
            for key in keys:
                name = derived_label(docname, key)
                target = nodes.target("", "", ids=[nodes.make_id(name)], names=[name])
                self.document.note_explicit_target(target)
                entry += target
            record = derived[keys[0]]
            entry["derived_record"] = record
            entry += derived_paragraph(record, record["printed"])
            # the counts gather under one lead that says once what they rest on
            (counts if is_count(record) else listing).append(entry)
        if len(counts) > 1:
            listing += counts
        container += listing


def is_count(record: dict) -> bool:
    """A number counted from the book's tables or fixed by the method: a formula, no input record."""
    return bool(record.get("formula")) and not record["inputs"]


class PrintDerivedEntries(SphinxPostTransform):
    """The print form of a page's derived entries: a note said once, then one compact paragraph per
    number that has inputs (no per-entry boilerplate), and the numbers counted from the book's own
    tables (a formula in words, no input record) after the one statement of what they rest on. A count
    that a numbered table of the page prints is not repeated: one sentence names the column and the
    tables that show such counts ("the Filled column of Tables C.3–C.24"); the others run together, one
    paragraph per family of counts ("number of rows of data/facts.csv with a value in: fact_id 237, …").
    Every entry keeps its anchor, so each number's link in the text still lands on it."""

    builders = ("latex",)
    default_priority = 5  # before Sphinx resolves references (10): the input links made here resolve

    def run(self, **kwargs):
        shown = table_columns_showing(self.document)
        tables = [table["names"][0] for table in self.document.findall(nodes.table)
                  if table["names"] and any(isinstance(c, nodes.title) for c in table.children)]
        for listing in list(self.document.findall(nodes.container)):
            if "prov-derived-list" in listing["classes"]:
                listing.replace_self(print_entries(listing, shown, tables))


def table_columns_showing(document: nodes.document) -> dict[str, tuple[str, str]]:
    """The derived numbers the page's numbered tables print: each number's label, with the label of
    the first table that prints it and the heading of the column it stands in."""
    shown: dict[str, tuple[str, str]] = {}
    for xref in document.findall(addnodes.pending_xref):
        if not xref.get("reftarget", "").startswith("derived-") or xref["reftarget"] in shown:
            continue
        cell, table = ancestor(xref, nodes.entry), ancestor(xref, nodes.table)
        numbered = table is not None and table["names"] and any(isinstance(c, nodes.title) for c in table.children)
        if numbered and cell is not None and ancestor(cell, nodes.tbody) is not None:
            shown[xref["reftarget"]] = (table["names"][0], column_heading(table, cell))
    return shown


def ancestor(node: nodes.Node, kind: type) -> nodes.Element | None:
    while node is not None and not isinstance(node, kind):
        node = node.parent
    return node


def column_heading(table: nodes.table, cell: nodes.entry) -> str:
    """The text of the last heading row's cell above ``cell`` (tables with no spans across columns)."""
    heads = list(table.findall(nodes.thead))
    row = cell.parent
    column = row.index(cell)
    if not heads or not len(heads[0]) or column >= len(heads[0][-1]):
        return ""
    return " ".join(heads[0][-1][column].astext().split())


def print_entries(listing: nodes.container, shown: dict[str, tuple[str, str]] | None = None,
                  tables: list[str] | None = None) -> nodes.container:
    """``shown``: the derived numbers the page's tables print (:func:`table_columns_showing`);
    ``tables``: the page's numbered tables in order."""
    shown = shown or {}
    printed = nodes.container(classes=["book-entry"])  # small type (_latex/bookprint.sty)
    printed += nodes.paragraph("", PRINT_ENTRIES_NOTE)
    counts, tabled, described, entries = [], [], set(), []
    for entry in listing.findall(nodes.container):
        if "derived_record" not in entry:
            continue
        record = entry["derived_record"]
        targets = [t.deepcopy() for t in entry.children if isinstance(t, nodes.target)]
        places = [shown[name] for t in targets for name in t["names"] if name in shown]
        if is_count(record):
            (tabled if places else counts).append((targets, places[0] if places else None, record))
            continue
        paragraph = derived_paragraph(record, record["printed"], described, print_form=True)
        paragraph[0:0] = targets
        printed += paragraph
        entries.append(paragraph)
    if counts or tabled:
        # the counts do not open a page alone: the last entries come along (a chapter's last page
        # with a line or two read as a stray)
        for paragraph in entries[-ENTRIES_KEPT_WITH_COUNTS:]:
            printed.insert(printed.index(paragraph) + 1, no_page_break())
        printed += nodes.paragraph("", "", nodes.emphasis("", COUNTS_LEAD))
        printed += no_page_break()  # the lead stays with the counts it introduces
    printed += tabled_paragraph(tabled, tables or [])
    printed += counted_paragraphs([(targets, record) for targets, _, record in counts])
    if len(printed.children) > 2 and not isinstance(printed.children[-2], nodes.raw):
        # a short last paragraph alone at the top of a page read as a stray line ending the chapter
        printed.insert(len(printed.children) - 1, no_page_break())
    set_curly_quotes(printed)
    return printed


ENTRIES_KEPT_WITH_COUNTS = 2


def no_page_break() -> nodes.raw:
    """Between two paragraphs of the print form: the page may not break there (it breaks inside the
    paragraph before instead, whose last lines then come along)."""
    return nodes.raw("", "\\nopagebreak\n", format="latex")


def table_ref(table: str, title: str) -> addnodes.pending_xref:
    """A link to a numbered table, ``title`` with %s for its number ("Table C.3" in print)."""
    return addnodes.pending_xref("", nodes.inline(title, title), refdomain="std", reftype="numref",
                                 reftarget=table, refexplicit=True, refwarn=True)


def tables_named(tables: list[str], order: list[str]) -> list[nodes.Node]:
    """"Table C.1", "Tables C.3 and C.5", or "Tables C.3–C.24" when they follow one another on the
    page (``order``: the page's numbered tables in order)."""
    if len(tables) == 1:
        return [table_ref(tables[0], "Table %s")]
    positions = [order.index(t) for t in tables]
    if positions == list(range(positions[0], positions[0] + len(tables))) and len(tables) > 2:
        return [table_ref(tables[0], "Tables %s"), nodes.Text("–"), table_ref(tables[-1], "%s")]
    named: list[nodes.Node] = [table_ref(tables[0], "Tables %s")]
    for n, table in enumerate(tables[1:], 1):
        named += [nodes.Text(" and " if n == len(tables) - 1 else ", "), table_ref(table, "%s")]
    return named


def tabled_paragraph(tabled: list[tuple[list, tuple[str, str], dict]], order: list[str]) -> list[nodes.paragraph]:
    """One sentence for the counts the page's tables print: where they are, column by column, each
    count's anchor on its column, so its link lands on the place that names its table."""
    if not tabled:
        return []
    columns: dict[str, list[tuple[list, str]]] = {}
    for targets, (table, heading), _ in tabled:
        columns.setdefault(heading, []).append((targets, table))
    # the columns shown by the same tables are named together ("the Rows and Fields columns of Table C.1")
    by_tables: dict[tuple[str, ...], list[str]] = {}
    for heading, members in columns.items():
        tables = tuple(sorted(dict.fromkeys(table for _, table in members), key=order.index))
        by_tables.setdefault(tables, []).append(heading)
    paragraph = nodes.paragraph("", "The page’s tables print these counts, not repeated here: ")
    for n, (tables, headings) in enumerate(by_tables.items()):
        members = [member for heading in headings for member in columns[heading]]
        paragraph += [nodes.Text("; " if n else "")]
        paragraph += [target for targets, _ in members for target in targets]
        named = [h for h in headings if h]
        if named:
            listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
            paragraph += nodes.Text(f"the {listed} column{'s' if len(named) > 1 else ''} of ")
        paragraph += [*tables_named(list(tables), order),
                      nodes.Text(f" ({len(members)} {'count' if len(members) == 1 else 'counts'})")]
    paragraph += nodes.Text(".")
    return [paragraph]


def set_curly_quotes(node: nodes.Element) -> None:
    """Straight quotes and apostrophes of the text under ``node`` set curly, as Sphinx's smart quotes
    set the rest of the page (which ran before this print form was made); code and math are left."""
    from industrybook.text.quotes import curly_quotes

    for text in list(node.findall(nodes.Text)):
        if not isinstance(text.parent, (nodes.literal, nodes.math, nodes.literal_block)) and ("'" in text or '"' in text):
            text.parent.replace(text, nodes.Text(curly_quotes(str(text))))


def count_family(formula: str) -> tuple[str, str]:
    """("number of rows of data/facts.csv with a value in", "fact_id"): a count's formula without its
    last word, which names what this count of the family counts, and that word."""
    words = formula.split()
    # "number of source pages dated to the: day 3; month 2" is no family: its word needs its article
    if len(words) < 4 or words[-2] in ("the", "a", "an", "to", "by", "of"):
        return formula, ""
    return " ".join(words[:-1]), words[-1]


def counted_paragraphs(counts: list[tuple[list, dict]]) -> list[nodes.paragraph]:
    """The counts (after the one statement of what they rest on, COUNTS_LEAD): the counts of each
    family (in the order a family first appears) as one paragraph, the counts of no family run
    together in one."""
    if not counts:
        return []
    families: dict[str, list[tuple[list, dict]]] = {}
    for count in counts:
        families.setdefault(count_family(count[1]["formula"])[0], []).append(count)
    paragraphs, loose = [], nodes.paragraph()
    for family, members in families.items():
        if len(members) == 1:
            targets, record = members[0]
            loose += [nodes.Text("; " if len(loose) else ""), *targets,
                      nodes.strong(record["printed"], record["printed"]), *count_formula(record["formula"], True)]
            continue
        paragraph = nodes.paragraph("", family[:1].upper() + family[1:] + ": ")  # a paragraph of its own
        for n, (targets, record) in enumerate(members):
            paragraph += [nodes.Text("; " if n else ""), *targets,
                          nodes.Text(count_family(record["formula"])[1] + " "),
                          nodes.strong(record["printed"], record["printed"])]
        paragraphs.append(paragraph)
    if len(loose):
        paragraphs.append(loose)
    for paragraph in paragraphs:
        paragraph += nodes.Text(".")
    return paragraphs


def fact_xref(record_id: str, text: str) -> addnodes.pending_xref:
    from industrybook.appendix.facts import entry_label

    return addnodes.pending_xref("", nodes.inline(text, text), refdomain="std", reftype="ref",
                                 reftarget=entry_label(provenance_database(), record_id), refexplicit=True, refwarn=True)


def formula_node(formula: str, print_form: bool) -> nodes.Node:
    """A formula as math in print, as its Unicode text in HTML (:func:`formula_text`: it wraps between
    its terms on a phone, where a MathJax box is cut off), or as text when it is in words."""
    from industrybook.text.formula import formula_latex, formula_plain

    latex = formula_latex(formula)
    if latex is None:
        return nodes.Text(formula)
    return nodes.math(latex, latex) if print_form else formula_text(formula_plain(formula))


def count_formula(formula: str, print_form: bool) -> list[nodes.Node]:
    """What follows a count: its arithmetic as an equation (``= 2024 − 2020``), its words after a
    colon (``: number of rows of data/facts.csv with …``)."""
    shown = formula_node(formula, print_form)
    return [nodes.Text(": " if isinstance(shown, nodes.Text) else " = "), shown]


def symbol_nodes(symbol: str, print_form: bool) -> list[nodes.Node]:
    """A formula's symbol before its "= value": math in print, its text in HTML as the formula's own
    (after a math box a browser may break the line even before a no-break space, and so part the
    symbol from its value); ``[1]``, a record's place in a list, as it is."""
    from industrybook.text.formula import formula_latex, formula_plain

    latex = formula_latex(symbol)
    if latex is None:
        return [nodes.Text(symbol)]
    return [nodes.math(latex, latex) if print_form else formula_text(formula_plain(symbol))]


def derived_paragraph(record: dict, printed: str, described: set[str] | None = None,
                      print_form: bool = False) -> nodes.paragraph:
    """``**CNY 1.2 bn** = a − b, where a = <link>…</link> (…), b = …`` (the formula in math; each
    symbol bound to its value by no-break spaces). With ``described`` (print: the records already
    described on the page, updated here) an input that was described before is its linked value alone."""
    from industrybook.appendix.facts import card_fields
    from industrybook.render.tables import NBSP

    db = provenance_database()
    para = nodes.paragraph(classes=["prov-derived"])
    para += nodes.strong(printed, printed)
    named = record["inputs"] or {}
    if record.get("formula") and not named:
        para += count_formula(record["formula"], print_form)  # what it rests on is said once: COUNTS_LEAD
    elif record.get("formula"):
        para += [nodes.Text(" = "), formula_node(record["formula"], print_form), nodes.Text(", where ")]
    else:
        para += nodes.Text(" rests on ")
        named = {f"[{i + 1}]": fid for i, fid in enumerate(record["ids"])}
    for n, (symbol, fid) in enumerate(named.items()):
        fields = card_fields(db, fid)
        para += nodes.Text("; " if n else "")
        if record.get("formula"):
            para += [*symbol_nodes(symbol, print_form), nodes.Text(f"{NBSP}={NBSP}")]
        para += fact_xref(fid, fields.get("input", fields["value"]))
        if described is None or fid not in described:
            about = (fields.get("input_printed"), fields["description"], fields["period_after_label"])
            para += nodes.Text(f" ({', '.join(x for x in about if x)})")
        if described is not None:
            described.add(fid)
    para += nodes.Text(".")
    return para


# letters not naming a function (haversine(p, q)); words joined by a hyphen (at-listing) are one symbol
FORMULA_SYMBOL = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)(?![A-Za-z(])")


def formula_text_nodes(text: str, breakable: bool = True) -> list[nodes.Node]:
    """A stretch of a formula's Unicode text as nodes: its symbols in italic, as math sets them, and
    (if ``breakable``: not in an exponent, which stays whole) a place to break after the slash of a
    division by a bracket, as after + − × (a long quotient in a narrow column); a short divisor stays
    with its slash ("g/100": Table 1.7 broke "(1 + p/" from "100)")."""
    shown = []
    for n, part in enumerate(FORMULA_SYMBOL.split(text)):
        if n % 2:
            shown.append(nodes.emphasis(part, part))
            continue
        for m, piece in enumerate(re.split(r"(?<=/)(?=\()", part)):
            shown += [nodes.raw("", "<wbr>", format="html")] if m and breakable else []
            shown += [nodes.Text(piece)] if piece else []
    return shown


def formula_text(plain: str) -> nodes.inline:
    """A formula's Unicode text (:func:`industrybook.text.formula.formula_plain`) as HTML shows every
    formula outside a display: ``span.book-formula``, its symbols in italic, its exponents raised as
    math sets them, breaking only between terms."""
    from industrybook.text.formula import raised_pieces

    shown = nodes.inline(plain, classes=["book-formula"])
    for text, raised in raised_pieces(plain):
        if raised:
            shown += nodes.superscript("", "", *formula_text_nodes(text, breakable=False))
        else:
            shown += formula_text_nodes(text)
    return shown


class FormulaRole(SphinxRole):
    """``{book-formula}`plain <latex>``` (:func:`industrybook.text.formula.formula_role`): a table
    cell's formula as its Unicode text in HTML, which wraps in a narrow column, and as math in print."""

    def run(self):
        from industrybook.text.formula import formula_role_parts

        plain, latex = formula_role_parts(self.text)
        return [addnodes.only("", formula_text(plain), expr="not latex"),
                addnodes.only("", nodes.math(latex, latex), expr="latex")], []


class fact_uses(nodes.Inline, nodes.Element):
    """Placeholder for the pages that use a record; replaced when the page is resolved."""


class FactUsesRole(SphinxRole):
    def run(self):
        return [fact_uses(record_id=self.text.strip())], []


def resolve_fact_uses(app, doctree, fromdocname):
    from industrybook.tooling.numbering import page_order, page_reference

    uses = getattr(app.env, "provenance_uses", {})
    for node in list(doctree.findall(fact_uses)):
        record_id = node["record_id"]
        pages = page_order(app.env, [d for d, ids in uses.items() if record_id in ids])
        replacement = nodes.inline(classes=["prov-uses"])
        if not pages:
            replacement += nodes.Text("no page links this record yet")
        for n, docname in enumerate(pages):  # short references (§2, App. F), the title on hover
            if n:
                replacement += nodes.Text(", ")
            title = app.env.titles[docname].astext() if docname in app.env.titles else docname
            replacement += nodes.reference("", page_reference(app.env, docname), internal=True, reftitle=title,
                                           refuri=app.builder.get_relative_uri(fromdocname, docname))
        node.replace_self(replacement)


def purge_uses(app, env, docname):
    env.book_pages_changed = True  # Sphinx purges every page it re-reads or removes
    getattr(env, "provenance_uses", {}).pop(docname, None)
    getattr(env, "provenance_chart_data", {}).pop(docname, None)


def merge_uses(app, env, docnames, other):
    for docname in docnames:
        if docname in getattr(other, "provenance_uses", {}):
            note_uses(env, docname, other.provenance_uses[docname])
        if docname in getattr(other, "provenance_chart_data", {}):
            if not hasattr(env, "provenance_chart_data"):
                env.provenance_chart_data = {}
            env.provenance_chart_data[docname] = other.provenance_chart_data[docname]


def start_build(app):
    """No page has been re-read or removed yet in this build (the flag is pickled with the
    environment, so it is reset here)."""
    app.env.book_pages_changed = False
    theme_css_only_after_changes(app)


def rewrite_facts_page(app, env):
    """The Facts appendix lists the pages that use each record: when any page was re-read or
    removed, it is written again so that the list is current."""
    if env.book_pages_changed and FACTS_DOC in env.found_docs:
        return [FACTS_DOC]
    return []


def replace_listener(app, event: str, is_it, wrapper) -> None:
    """Connect ``wrapper(handler, *args)`` in place of each handler of ``event`` that ``is_it``."""
    for listener in list(app.events.listeners.get(event, [])):
        if is_it(listener.handler):
            app.disconnect(listener.id)
            app.connect(event, functools.partial(wrapper, listener.handler), priority=listener.priority)


def number_figures_only_after_changes(app) -> None:
    """Sphinx numbers figures and tables (``numfig``) by unpickling and walking the doctree of
    every page, on every build: most of a no-change rebuild of this book. The numbers depend only
    on the pages, so a build that re-read and removed no page keeps last build's numbers; any
    other build numbers as Sphinx does."""
    replace_listener(app, "env-get-updated", lambda h: isinstance(getattr(h, "__self__", None), TocTreeCollector),
                     _renumber)


def _renumber(get_updated_docs, app, env) -> list[str]:
    if env.book_pages_changed:
        return get_updated_docs(app, env)
    return get_updated_docs.__self__.assign_section_numbers(env)  # from the tables of contents alone


def theme_css_only_after_changes(app) -> None:
    """pydata-sphinx-theme writes ``_static/pygments.css`` again at the end of every build; after a
    build that changed no page the file there is the one it would write (its style is set in the
    configuration, and a change to that re-reads every page). Connected once the theme is loaded."""
    replace_listener(app, "build-finished", lambda h: getattr(h, "__name__", "") == "overwrite_pygments_css",
                     _css_after_changes)


def _css_after_changes(overwrite_pygments_css, app, exception) -> None:
    if app.env.book_pages_changed or not (Path(app.outdir) / "_static" / "pygments.css").is_file():
        overwrite_pygments_css(app, exception)


def detach_exercise_registry(app, env) -> list[str]:
    """sphinx-exercise keeps each exercise and solution node in the environment still attached to
    its page (``parent``, ``document``), so pickling the environment pickled every page with an
    exercise again: 3.8 of its 4.7 MB here, unpickled at the start of every build. What
    sphinx-exercise reads from these nodes (attributes, title, type) survives in a detached copy."""
    for entry in getattr(env, "sphinx_exercise_registry", {}).values():
        if entry.get("node") is not None:
            entry["node"] = entry["node"].deepcopy()  # a copy has no parent; each part keeps its document
            for part in entry["node"].findall():
                part.document = None
    return []


def tidy_page(app, pagename, templatename, context, doctree):
    """Fix two faults of the stock theme stack that a browser reports.

    sphinx-thebe registers its inline configuration script twice (a console error:
    THEBE_JS_URL already declared); Sphinx marks the citation list role="list" although its entries are
    not list items (axe: aria-required-children, critical), and each entry role="doc-biblioentry"
    (deprecated: aria-deprecated-role)."""
    seen, unique = set(), []
    for js in context.get("script_files", []):
        # an inline script is registered once with filename None and once with '': same script
        key = (getattr(js, "filename", str(js)) or "", tuple(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"][:] = unique
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">',
                                                  '<div class="citation-list">')
        # doc-biblioentry is deprecated in DPUB-ARIA 1.1 and not allowed on a div (Lighthouse, axe)
        context["body"] = context["body"].replace(' role="doc-biblioentry"', "")


DESCRIPTION_LIMIT = 160  # characters; search engines cut longer snippets


def first_paragraph(doctree) -> str:
    """The text of the page's first paragraph of body prose (not a caption, table cell, admonition
    or citation), whitespace collapsed; '' when the page has none."""
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(parent, (nodes.table, nodes.figure, nodes.Admonition, nodes.citation,
                                   nodes.footnote, nodes.field_list))
               for parent in _ancestors(paragraph)):
            continue
        text = " ".join(prose_text(paragraph).split())
        if text:
            return text
    return ""


def prose_text(node) -> str:
    """A node's text as a reader sees it: raw output (a provenance card's HTML) left out."""
    return "".join(n.astext() for n in node.findall(nodes.Text) if not any(
        isinstance(parent, nodes.raw) for parent in _ancestors(n)))


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut to whole sentences within ``limit`` characters; when even the first sentence is
    longer, cut at the last word boundary before ``limit``, with an ellipsis."""
    if len(text) <= limit:
        return text
    sentences = re.findall(r".+?[.!?](?:\s|$)|.+$", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    if kept.strip():
        return kept.strip()
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "\u2026"


def describe_page(app, pagename, templatename, context, doctree):
    """A ``<meta name="description">`` from the page's first paragraph (its summary); pages built
    without a document (search, index) get the book's title."""
    text = first_paragraph(doctree) if doctree is not None else ""
    description = shorten(text or context.get("docstitle") or app.config.project)
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<meta name="description" content="{html.escape(description, quote=True)}">')


def assets_changed(app, env, added, changed, removed) -> list[str]:
    """Sphinx copies static files only when it writes some page, so an edit to _assets alone
    (book.css, book.js) would never reach _build/html: such an edit has the root page rewritten."""
    if app.builder.format != "html":
        return []
    static = Path(app.outdir) / "_static"
    for entry in app.config.html_static_path:
        if Path(entry).is_absolute():  # an extension's own static files (some rendered templates)
            continue
        source_dir = Path(app.confdir) / entry
        for source in (p for p in source_dir.rglob("*") if p.is_file()):
            target = static / source.relative_to(source_dir)
            if not target.is_file() or _differs(source, target):
                return [app.config.root_doc]
    return []


def _differs(source: Path, target: Path) -> bool:
    """Sizes, then contents only when the times differ (Sphinx gives a copy its source's time, to
    within float rounding), so an unchanged tree of static files costs one stat per file."""
    a, b = source.stat(), target.stat()
    if a.st_size != b.st_size:
        return True
    return abs(a.st_mtime_ns - b.st_mtime_ns) > 1_000_000 and not filecmp.cmp(source, target, shallow=False)


def setup(app):
    app.add_directive("chart", ChartDirective)
    app.add_role_to_domain("glue", "text", ProvenanceTextRole(), override=True)
    app.add_role("fact-uses", FactUsesRole())
    from industrybook.text.formula import FORMULA_ROLE

    app.add_role(FORMULA_ROLE, FormulaRole())
    app.add_node(fact_uses)
    app.add_transform(DerivedEntries)
    app.add_post_transform(PrintDerivedEntries)
    app.connect("doctree-resolved", resolve_fact_uses)
    app.connect("builder-inited", start_build)
    app.connect("env-purge-doc", purge_uses)
    app.connect("env-merge-info", merge_uses)
    app.connect("env-updated", rewrite_facts_page)
    app.connect("env-updated", detach_exercise_registry)  # before Sphinx pickles the environment
    number_figures_only_after_changes(app)
    app.connect("build-finished", write_chart_data)
    # late, after extensions that add page scripts; none of the stack returns a template name
    app.connect("html-page-context", tidy_page, priority=900)
    app.connect("html-page-context", describe_page)
    app.connect("env-get-outdated", assets_changed)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
