"""Numbered MyST tables from data frames, shared by every chapter.

A chapter displays ``Markdown(md_table(...))``; myst-nb parses the output as MyST, so the table is
numbered, captioned, citable with ``{numref}`` and typeset in both HTML and PDF. Column widths are
set explicitly (automatically from the cell text unless given), because the PDF edition sizes its
columns from them and otherwise lets long cells run off the page.

Provenance links in cells: a cell holding a :class:`~industrybook.text.phrase.Phrase` with records
is written as ``{glue:text}`` of its key (:func:`cell_key`: table name, row, column) when the caller
passes ``md_table(..., glued={})``, which collects the phrases to glue; a
:class:`~industrybook.text.phrase.Pieces` links each of its phrases and escapes the words between.
:func:`industrybook.render.page.show_table` does the gluing; without ``glued`` cells stay text.
"""
from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

from industrybook.data.database import Database
from industrybook.text.escape import code_span, escape_myst, is_missing
from industrybook.text.facts import date_text, fact_text, record_text
from industrybook.text.formula import formula_latex, formula_plain, formula_role, formula_roles_as_math
from industrybook.text.phrase import Phrase, Pieces, joined

NBSP = "\u00a0"
# a printed figure: optional qualifier or sign, optional currency, digits, optional unit or "of N"
_NUMBER = re.compile(
    r"^(?:(?:more than|nearly|about|over|almost|up to|at least|below|under|up|down|some)\s)?[~≈<>+\-−]?\s?"
    r"(?:(?:CNY|US\$|USD|RMB|EUR)\s?)?\d[\d,.]*(?:\s?[-–]\s?\d[\d,.]*)?"
    r"(?:\s?(?:%|‰|pp|bn|tn|m|k|kg|t|km|km²|mu|ha|°[NE]?|×|x|times|places?|years?|months?|days?|firms?|"
    r"projects?|products?|CNY/kg|of\s\d[\d,.]*))*"
    r"(?:\s\((?:[^()]{1,24})\))?$")
_DATE = re.compile(r"^(?:\d{1,2}\s)?(?:(?:January|February|March|April|May|June|July|August|September|October|"
                   r"November|December)\s)?\d{4}(?:-\d{2}){0,2}(?:\s?[/–-]\s?(?:\d{4}(?:-\d{2}){0,2}|\d{2}))?$")
# inside running text: a number and its unit, a currency and its number, "N of M", a day, month and
# year stay on one line (each pattern's first group is followed by the space to bind)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_GLUE = [re.compile(p) for p in (
    r"(\d) (?=(?:%|pp|bn|tn|m|mm|cm|kg|t|km|mu|CNY/kg|yuan|places?|per cent)\b)",
    r"(\d) (?=[\u3400-\u4dbf\u4e00-\u9fff]{1,3}(?![\u3400-\u4dbf\u4e00-\u9fff]))",  # a printed unit: 352.8 亿元, 700 支
    r"(\b(?:CNY|USD|RMB|US\$)) (?=\d)",
    r"(\d) (?=of \d)", r"(\d\sof) (?=\d)",
    r"(\b\d{1,2}) (?=" + _MONTH + r"\b)", r"(\b" + _MONTH + r") (?=\d{4})")]


def text_width(text: str) -> int:
    """Width of ``text`` as printed, in Latin characters: a Chinese character is about two, and
    inline math counts what it shows (``$\\text{share}/100$`` is nine characters)."""
    shown = re.sub(r"\\(?:text|mathrm)\{([^}]*)\}", r"\1", formula_roles_as_math(text))
    shown = re.sub(r"\\[A-Za-z]+", "x", shown).replace("$", "").replace("{", "").replace("}", "")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in shown)


def is_figure(text: str) -> bool:
    """A printed figure or a date: a cell that is never broken across lines."""
    return bool(_NUMBER.match(text.strip()) or _DATE.match(text.strip()))


def _tokens(text: str) -> list[str]:
    """The pieces a line may not be broken inside: words (no-break spaces keep values whole), runs of
    Chinese characters with their brackets, which should not be split either, and the stretches of
    a formula between the operators after which TeX may break it."""
    pieces = []
    for part in re.split(r"(\$[^$]+\$)", text):
        if len(part) > 1 and part.startswith("$") and part.endswith("$"):
            pieces += re.split(r"(?<=[-+=]) |(?<=\\times) ", part)
            continue
        for word in part.split(" "):
            pieces += re.split(r"(?<=[\u3001\u3002\uff0c\uff1b])", word)
    return [p for p in pieces if p] or [""]


def column_kind(texts: list[str]) -> str:
    """``"number"`` (right-aligned, never broken) when most of a column's non-empty cells are printed
    figures, ``"value"`` (left-aligned, never broken) when they are dates or periods, else ``"text"``."""
    cells = [t.strip() for t in texts if t and t.strip()]
    if not cells or any(len(t) > 32 for t in cells):
        return "text"
    if all(_DATE.match(t) for t in cells):
        return "value"
    numbers = sum(bool(_NUMBER.match(t)) for t in cells)
    return "number" if numbers >= 0.75 * len(cells) else "text"


def unbreakable(text: str) -> str:
    """A figure or date kept on one line: its spaces become no-break spaces."""
    return text.replace(" ", NBSP)


def glue_values(text: str) -> str:
    """Running text with each figure's number, unit and currency (and each date) bound together;
    inline math (``$...$``) is left as it is."""
    pieces = re.split(r"(\$[^$]+\$)", text)
    for i in range(0, len(pieces), 2):  # the even pieces are outside math
        for pattern in _GLUE:
            pieces[i] = pattern.sub(r"\1" + NBSP, pieces[i])
    return "".join(pieces)


def column_widths(frame: pd.DataFrame, budget: int = 100, most: int = 60, longest_word: int = 24,
                  margin: int = 4) -> list[int]:
    """Column widths in characters for a table that must fit a line of about ``budget`` characters
    (the PDF text width at the tables' 8.5 pt).

    Each column wants the mean text width of its cells (header included, at most ``most``) and needs
    at least its longest unbreakable piece (at most ``longest_word``) plus ``margin`` (the cell's
    padding, about three characters, and a little to spare); a column of figures or dates needs its
    longest figure, which is never broken. When the wants add up to more
    than the budget, each column keeps its need and shares what is left in proportion to the rest
    of its want."""
    needs, wants = [], []
    for col in frame.columns:
        cells = ["" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(v)
                 for v in frame[col]]
        texts = [formula_roles_as_math(t) for t in [str(col)] + cells]  # print's widths: a formula as its math
        words = max(text_width(p) for t in texts for p in _tokens(glue_values(t)))
        kind = column_kind(cells)
        figures = max((text_width(t) for t in cells if kind != "text" and is_figure(t)), default=0)
        need = max(min(longest_word, words), figures) + margin
        want = max(need, min(most, round(sum(text_width(t) for t in texts) / len(texts))))
        needs.append(need)
        wants.append(want)
    extra = sum(w - n for w, n in zip(wants, needs))
    room = budget - sum(needs)
    if sum(wants) <= budget or extra == 0 or room <= 0:
        return wants if sum(wants) <= budget or room > 0 else needs
    return [n + math.floor((w - n) * room / extra) for w, n in zip(wants, needs)]


def latex_columns(kinds: list[str], widths: list[int]) -> str:
    """The LaTeX column specification (Sphinx ``tabularcolumns``): each column its share of the line,
    text ragged right, figures ragged left, and no break at the hyphen of a date or range."""
    total = sum(widths)
    align = {"number": r"\RaggedLeft\exhyphenpenalty=10000", "value": r"\RaggedRight\exhyphenpenalty=10000",
             "text": r"\RaggedRight", "code": r"\RaggedRight"}
    return "".join(f">{{{align[k]}\\arraybackslash}}\\X{{{w}}}{{{total}}}" for k, w in zip(kinds, widths))


def table_lines(frame: pd.DataFrame, widths: list[int], budget: int = 100) -> int:
    """About how many printed lines the table takes (rows wrapped at their column widths, plus the
    caption, the header and the rules), to keep short tables in one piece on a page."""
    total = sum(widths)
    room = [max(1, w * budget // total - 2) for w in widths]

    def height(cells) -> int:
        return max(math.ceil(text_width(str(c)) / r) if str(c) else 1 for c, r in zip(cells, room))

    return 3 + height(frame.columns) + sum(height(row) for row in frame.itertuples(index=False))


KEEP_TOGETHER_LINES = 20  # a table up to this many lines is moved whole to the next page rather than split
LEAST_LINES_ON_A_PAGE = 10  # a longer one starts only where this many lines fit below its caption


_CODE_MARKUP = re.compile(r"^(?:\$[^$]+\$|(?:\{(?:cite:p|cite:t|doc|ref|numref)\}`[^`]+`[\s,;]*)+)$")


def is_code_markup(text: str) -> bool:
    """A cell that is wholly a formula (``$...$``) or wholly cross-references and citations, as the
    chapters' code writes them; anything else in a cell is data text and is escaped."""
    return bool(_CODE_MARKUP.match(text.strip()))


class Markup(str):
    """MyST that the book's code wrote (a citation, a page or download link, a code span, bold), set
    in a table as it is. Every other ``str`` in a table is data text and is escaped; a
    :class:`~industrybook.text.phrase.Pieces` may mix the two (and phrases), each piece treated as
    its kind. Wrap only markup built from escaped data (:func:`~industrybook.text.escape.escape_myst`,
    :func:`~industrybook.text.escape.code_span`), never data text itself."""


def markup_text(x) -> str:
    """``x`` as MyST for a caption or a cell without links: :class:`Markup` as it is, the pieces of a
    :class:`~industrybook.text.phrase.Pieces` each by its kind, anything else escaped."""
    if isinstance(x, Markup):
        return str(x)
    if isinstance(x, Pieces):
        return "".join(markup_text(part) for part in x.parts)
    return escape_myst(str(x))


def cell_key(table: str, row: int, col: int, piece: int | None = None) -> str:
    """The glue key of a linked table cell (row and column from 0), or of one piece of it; lower
    case, since Sphinx matches the derived entries' labels in lower case."""
    key = f"{table}-r{row}c{col}" + ("" if piece is None else f"p{piece}")
    return re.sub(r"[^a-z0-9-]+", "-", key.lower())


GLUE_ROLE = re.compile(r"\{glue:text\}`([^`:]+)`")


def glue_role(key: str) -> str:
    return "{glue:text}`" + key + "`"


def md_table(frame: pd.DataFrame, caption: str, name: str, longtable: bool = False,
             widths: list[int] | tuple[int, ...] | None = None, code_cols: tuple[str, ...] = (),
             glued: dict[str, Phrase] | None = None, right: tuple[str, ...] = ()) -> str:
    """A numbered MyST table (``{table}`` directive with a caption and a ``:name:`` for ``{numref}``)
    from a data frame. Headings, cells and the caption are text (:func:`~industrybook.text.escape.escape_myst`:
    no markup in them is interpreted), kept on one line, except a cell that is wholly markup the book's
    code writes (:func:`is_code_markup`: a formula in math, cross-references or citations) or is
    marked as such (:class:`Markup`, also for the caption; a :class:`Pieces` mixes it with text).
    ``widths`` (one per column) overrides the automatic :func:`column_widths`; in ``code_cols`` each
    ``; ``-separated item is set as code; columns named in ``right`` are figures (right-aligned) even
    where most of their cells are a dash for "none".

    The PDF edition gets a column specification (:func:`latex_columns`): figures right-aligned and
    never broken, text ragged right. There every table may break across pages (so none can run into
    the footer, :mod:`industrybook.tooling.printlayout`); one of up to :data:`KEEP_TOGETHER_LINES` lines is
    kept whole and a longer one starts only where :data:`LEAST_LINES_ON_A_PAGE` lines fit, unless
    ``longtable=True`` says it may start anywhere.

    With ``glued`` (a dict, filled here) each cell holding a :class:`Phrase` with records becomes a
    ``{glue:text}`` role of its :func:`cell_key`, and ``glued`` maps the key to the phrase as
    typeset; the caller glues them (:func:`industrybook.render.page.show_table`)."""
    if not caption or not name:
        raise ValueError("a table needs a caption and a name: every table is numbered and cited")
    if widths is not None and len(widths) != len(frame.columns):
        raise ValueError(f"{len(widths)} widths for {len(frame.columns)} columns")

    def text(x) -> str:
        return "" if is_missing(x) else str(x)

    kinds = ["code" if c in code_cols else "number" if c in right else column_kind([text(v) for v in frame[c]])
             for c in frame.columns]

    def cell(x, kind: str = "text", key: str | None = None) -> str:
        if isinstance(x, Pieces):
            return "".join(cell(part, kind, key and f"{key}p{i}") for i, part in enumerate(x.parts))
        if glued is not None and key and isinstance(x, Phrase) and x.has_records:
            shown = " ".join(str(x).split())
            glued[key] = x.shown_as(unbreakable(shown) if kind in ("number", "value") and is_figure(shown)
                                    else glue_values(shown))
            return glue_role(key)
        value = text(x).replace("\n", " ")
        if isinstance(x, Markup):  # a bare pipe would end the cell
            return value.replace("|", "\\|")
        if kind == "code" and value:  # a bare pipe would end the cell, even inside code
            return "; ".join(code_span(item, in_table=False) for item in value.split("; ")).replace("|", "\\|")
        if is_code_markup(value):
            return value.replace("|", "\\|")
        value = escape_myst(value)
        return unbreakable(value) if kind in ("number", "value") and is_figure(value) else glue_values(value)

    widths = list(widths or column_widths(frame))
    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("--:" if k == "number" else "---" for k in kinds) + "|"
    body = ["| " + " | ".join(cell(v, k, cell_key(name, r, c)) for c, (v, k) in enumerate(zip(row, kinds))) + " |"
            for r, row in enumerate(frame.itertuples(index=False))]
    lines = table_lines(frame, widths)
    keep_lines = lines if lines <= KEEP_TOGETHER_LINES else LEAST_LINES_ON_A_PAGE
    keep = [] if longtable else ["```{raw} latex", f"\\needspace{{{keep_lines}\\baselineskip}}", "```", ""]
    # explicit widths: the HTML edition sizes the columns from them, the PDF from the column spec
    options = [f":name: {name}", ":widths: " + " ".join(str(w) for w in widths)]
    caption = markup_text(caption)
    # a backtick fence's opening line may hold no backtick, even escaped: a colon fence then
    fence = ":::" if "`" in caption else "```"
    return "\n".join([*keep, f"```{{tabularcolumns}} {latex_columns(kinds, widths)}", "```", "",
                      f"{fence}{{table}} {caption}", *options, "", header, rule, *body, fence])


_DIRECTIVE_OPEN = re.compile(r"^(`{3,}|:{3,})\{([\w:-]+)\}[ \t]*(.*)$")
_PRINT_ONLY = {"raw", "tabularcolumns"}  # directives for the PDF edition, dropped with their content
_DIRECTIVE_CLOSE = re.compile(r"^(`{3,}|:{3,})\s*$")
_DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^`]*>)?`")


def myst_to_html(text: str, glued: dict[str, str] | None = None) -> str:
    """HTML for Jupyter from MyST: directive fences unwrapped (their argument, a table's caption,
    becomes a bold line; their options are dropped), roles reduced to their text, a ``{glue:text}``
    role to its text in ``glued``; the print-only directives (column specifications, raw LaTeX) left
    out. Raw HTML in the text is escaped, never passed through."""
    from markdown_it import MarkdownIt

    glued = glued or {}
    text = GLUE_ROLE.sub(lambda m: escape_myst(glued[m.group(1)]) if m.group(1) in glued else m.group(0), text)
    lines, in_options, skipping = [], False, False
    for line in text.splitlines():
        opened = _DIRECTIVE_OPEN.match(line)
        if skipping or (opened and opened.group(2) in _PRINT_ONLY):
            skipping = not (skipping and _DIRECTIVE_CLOSE.match(line))
            continue
        if opened:
            caption = _ROLE.sub(r"\1", opened.group(3))
            lines += [f"**{caption}**", ""] if caption else []
            in_options = True
            continue
        if in_options and _DIRECTIVE_OPTION.match(line):
            continue
        in_options = False
        if _DIRECTIVE_CLOSE.match(line):
            continue
        lines.append(_ROLE.sub(r"\1", line))
    return MarkdownIt("commonmark", {"html": False}).enable("table").render("\n".join(lines))


DERIVED_COLUMNS = ["Measure", "Value", "Formula", "Inputs"]


LONGEST_UNBROKEN_FORMULA = 40  # characters of the plain form; a longer formula is set flat, to break in print


def formula_cell(formula: str | None, symbols=()) -> Markup | str:
    """A formula for a table's cell: arithmetic as a :func:`~industrybook.text.formula.formula_role`
    (Unicode text in HTML, which wraps; :func:`~industrybook.text.formula.formula_latex` math in
    print), a formula in words as the words, with its one-letter ``symbols`` set as the inputs' column sets
    them; that column says what each symbol stands for."""
    plain = formula_plain(formula) if formula else None
    latex = formula_latex(formula, breakable=len(plain) > LONGEST_UNBROKEN_FORMULA) if plain else None
    if latex:
        return Markup(formula_role(plain, latex))
    return _words_with_symbols(formula, symbols) if formula else ""


LETTER_WORDS = {"a", "A", "I"}  # one-letter English words, never taken for a symbol in a formula in words


_WORDS_NUMBER = r"\d[\d,]*(?:\.\d+)?"  # a constant of the method written into a formula in words


def _words_with_symbols(words: str, symbols) -> Markup | str:
    """A formula in words with its one-letter symbols and its constants in math (``the premium $p$
    read as CNY $1{,}000$``), or the words as they are when it names neither: the constants are the
    method's, not figures to link."""
    named = sorted(s for s in symbols if len(s) == 1 and s not in LETTER_WORDS)
    pattern = "|".join([*(rf"\b{re.escape(s)}\b" for s in named), _WORDS_NUMBER])
    parts = re.split(f"({pattern})", words)
    if len(parts) == 1:
        return words

    def math(token: str) -> str:
        return symbol_markup(token) if token in named else "$" + token.replace(",", "{,}") + "$"

    return Markup("".join(math(p) if i % 2 else escape_myst(p) for i, p in enumerate(parts)))


def symbol_markup(symbol: str) -> Markup:
    """A formula's symbol as the formula cell sets it (``x2022`` as :math:`x_{2022}`): a
    :func:`~industrybook.text.formula.formula_role`, text in HTML, where a browser may break a line
    after a math box even before a no-break space, and so part the symbol from its "= value"."""
    latex = formula_latex(symbol)
    return Markup(formula_role(formula_plain(symbol), latex) if latex else escape_myst(symbol))


def input_phrase(db: Database, record_id: str, period: bool = True) -> Phrase:
    """An input of a formula as a reader reads it, linked to its record's entry (where its id is
    shown): a fact's or benchmark's figure, with its period if ``period`` (``'CNY 163.85 bn (2020)'``),
    a dated record's date (an event, a source), a map point's coordinates."""
    places = db.tables.get("places")
    if places is not None and record_id in places.index:
        point = places.loc[record_id]
        return record_text(f"{point['lat']:.2f}°N, {point['lon']:.2f}°E", record_id)
    if _figure_record(db, record_id) is not None:
        return fact_text(db, record_id, period=period)
    return date_text(db, record_id)


def _figure_record(db: Database, record_id: str) -> pd.Series | None:
    """The row of a figure record (a fact or a benchmark), or None for any other record."""
    for frame in (db.tables["facts"], db.tables.get("benchmarks")):
        if frame is not None and record_id in frame.index:
            return frame.loc[record_id]
    return None


def inputs_cell(db: Database, formula: str | None, inputs: dict[str, str]) -> Pieces:
    """A derived measure's inputs, ``a = CNY 163.85 bn (2020); b = ...``: each symbol (a phrase holds
    only those its formula reads) as the formula sets it, and each figure a link to its record's entry, so that no record id
    takes the table's width. Periods are shown only where the inputs' periods differ (the measure's
    label states a period they share)."""
    rows = [_figure_record(db, r) for r in inputs.values()]
    periods = {str(row["period"]) for row in rows if row is not None}
    return joined("; ", [Pieces(symbol_markup(symbol), f"{NBSP}={NBSP}", input_phrase(db, record_id, period=len(periods) > 1))
                         for symbol, record_id in inputs.items()])


def derived_frame(db: Database, phrases: dict[str, Phrase], measures: str) -> pd.DataFrame:
    """A chapter's table of derived measures, built from the very phrases its prose glues.

    ``measures`` lists the rows, one a line, as ``glue key: label`` (the chapter's prose keys);
    a row shows the label, the phrase (its value links to its derived entry through
    :func:`md_table`'s ``glued``), the phrase's one formula (:func:`formula_cell`: math, or words)
    and its inputs (:func:`inputs_cell`: each symbol with its figure, linked to the figure's entry)."""
    rows = []
    for line in filter(str.strip, measures.splitlines()):
        key, _, label = (part.strip() for part in line.partition(":"))
        phrase = phrases.get(key)
        if not isinstance(phrase, Phrase) or not phrase.is_derived:
            raise ValueError(f"derived measure {key!r} is not a derived phrase of the prose (derived_text with its formula)")
        rows.append((label, phrase, formula_cell(phrase.formula, phrase.inputs),
                     inputs_cell(db, phrase.formula, phrase.inputs)))
    return pd.DataFrame(rows, columns=DERIVED_COLUMNS)


def register_list(rows: pd.DataFrame) -> str:
    """A chapter's rows of the reconciliation register as a Markdown list for readers: topic, status,
    finding and likely reason. Ids stay out of the text: the register appendix lists each check with the
    figures it compares, each linked to its fact's entry."""
    return "\n".join(f"- **{escape_myst(r.topic)}** ({escape_myst(r.status)}). {escape_myst(r.finding)} "
                     f"*Likely reason:* {escape_myst(r.likely_reason)}" for r in rows.itertuples())
