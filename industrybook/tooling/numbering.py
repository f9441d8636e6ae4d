"""Sphinx extension: chapter and appendix numbers, the same in the HTML and the PDF.

The HTML numbers what ``_toc.yml`` marks ``numbered`` (sphinx-multitoc-numbering continues the count
from part to part) and every figure, table and exercise by its page's number. LaTeX numbers every
``\\chapter`` by its own counter, and its figures and tables by that. Left alone, the two disagree:
the PDF counted the unnumbered summary as chapter 1, so each chapter's figures and tables were one
higher than in the HTML while its exercises (which sphinx-exercise prints from the HTML's numbers)
were not; and the appendices, unnumbered in the HTML, numbered their figures and tables in one
sequence across all their pages.

Here the appendices, the pages of the part captioned :data:`APPENDIX_PART` (``numbered`` in
``_toc.yml``), are lettered A, B, ... in place of the numbers that continue the chapters' count:
in their section numbers, before Sphinx numbers figures and tables by them (so Table A.1, B.2), in
the tables of contents and in their titles. In the PDF, a chapter the HTML leaves unnumbered is
typeset unnumbered (``\\bookprintunnumbered`` ... ``\\bookprintnumbered``, ``_latex/bookprint.sty``)
and the first appendix starts LaTeX's ``\\appendix`` (``\\bookprintappendix``), so LaTeX's counters
give every chapter, figure and table the number the HTML prints.
"""
from __future__ import annotations

import functools
import string

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

APPENDIX_PART = "Appendices"  # the caption of the appendices' part in _toc.yml


def part_files(env, caption: str | None = None) -> list[str]:
    """The pages listed in the parts of the root's table of contents (only the part captioned
    ``caption``, when given), in order."""
    site_map = getattr(env, "external_site_map", None)
    if site_map is None or env.config.root_doc not in site_map:
        return []
    return [name for tree in site_map[env.config.root_doc].subtrees
            if caption is None or tree.caption == caption for name in tree.files()]


def appendix_letter(index: int) -> str:
    return string.ascii_uppercase[index]


def lettered(number, letter: str):
    """A section number (tuple, list or None) with its chapter's place taken by ``letter``."""
    if not number:
        return number
    return type(number)([letter, *number[1:]])


def letter_appendices(env) -> None:
    """Each appendix's numbers start with its letter: in the section numbers figures are numbered by,
    in the page's table-of-contents entries and in its title."""
    for index, docname in enumerate(part_files(env, APPENDIX_PART)):
        if not env.toc_secnumbers.get(docname):
            continue  # not numbered in _toc.yml: left as it is
        letter = appendix_letter(index)
        env.toc_secnumbers[docname] = {anchor: lettered(number, letter)
                                       for anchor, number in env.toc_secnumbers[docname].items()}
        for reference in env.tocs[docname].findall(nodes.reference):
            if reference.get("secnumber"):
                reference["secnumber"] = lettered(reference["secnumber"], letter)
        title = env.titles.get(docname)
        if title is not None and title.get("secnumber"):
            title["secnumber"] = lettered(title["secnumber"], letter)


def assign_lettered_section_numbers(assign_section_numbers, env) -> list[str]:
    """``assign_section_numbers`` followed by the appendices' letters; the pages to write again are
    those whose numbers, letters included, differ from last build's."""
    previous = env.toc_secnumbers
    assign_section_numbers(env)
    letter_appendices(env)
    return [docname for docname, numbers in env.toc_secnumbers.items() if numbers != previous.get(docname)]


def toc_collector(app) -> TocTreeCollector | None:
    """Sphinx's table-of-contents collector: the owner of a handler of ``env-get-updated`` (or of the
    handler another extension wrapped in :func:`functools.partial`)."""
    for listener in app.events.listeners.get("env-get-updated", []):
        handler = listener.handler
        for candidate in (handler, *getattr(handler, "args", ())):
            if isinstance(getattr(candidate, "__self__", None), TocTreeCollector):
                return candidate.__self__
    return None


def letter_appendices_when_numbering(app) -> None:
    """The collector numbers sections then figures (``get_updated_docs``); the letters go in between,
    so figures and tables are numbered by them."""
    collector = toc_collector(app)
    if collector is None:
        raise RuntimeError("Sphinx's table-of-contents collector was not found: appendices cannot be lettered")
    collector.assign_section_numbers = functools.partial(assign_lettered_section_numbers,
                                                         collector.assign_section_numbers)


def chapter_prefix(env, docname: str) -> tuple:
    """What a figure or table numbered on page ``docname`` starts with: its chapter's or appendix's
    number (as Sphinx's figure numbering takes it), or nothing on an unnumbered page."""
    return tuple(env.toc_secnumbers.get(docname, {}).get("") or ())[:env.config.numfig_secnum_depth]


def page_reference(env, docname: str) -> str:
    """A page named as briefly as its number allows, for lists of the pages that use a record:
    ``'§2'`` for chapter 2, ``'App. F'`` for appendix F, the title for an unnumbered page."""
    number = env.toc_secnumbers.get(docname, {}).get("")
    if not number:
        return env.titles[docname].astext() if docname in env.titles else docname
    first = str(number[0])
    return f"App. {first}" if first.isalpha() else f"§{first}"


def page_order(env, docnames) -> list[str]:
    """``docnames`` in the order of the table of contents (pages outside it last, by name)."""
    order = {name: i for i, name in enumerate(part_files(env))}
    return sorted(docnames, key=lambda d: (order.get(d, len(order)), d))


UNNUMBERED_START = "\\bookprintunnumbered\n"
UNNUMBERED_END = "\\bookprintnumbered\n"
APPENDICES_START = "\\bookprintappendix\n"


def chapter_is_numbered(env, docname: str) -> bool:
    return bool(env.toc_secnumbers.get(docname, {}).get(""))


def number_chapters_in_print(app, doctree, docname) -> None:
    """In the LaTeX document (all pages in one tree, each in a ``start_of_file``): the switches that
    make LaTeX's chapter numbers the HTML's (see the module's docstring)."""
    if app.builder.format != "latex":
        return
    chapters = part_files(app.env)
    appendices = part_files(app.env, APPENDIX_PART)
    for page in list(doctree.findall(addnodes.start_of_file)):
        name = page.get("docname")
        if name not in chapters:
            continue
        if not chapter_is_numbered(app.env, name):
            page.insert(0, nodes.raw("", UNNUMBERED_START, format="latex"))
            page.append(nodes.raw("", UNNUMBERED_END, format="latex"))
        elif appendices and name == appendices[0]:
            page.insert(0, nodes.raw("", APPENDICES_START, format="latex"))


def setup(app):
    app.connect("builder-inited", letter_appendices_when_numbering)
    app.connect("doctree-resolved", number_chapters_in_print)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
