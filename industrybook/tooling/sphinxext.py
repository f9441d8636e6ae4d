"""Sphinx extension of the book.

``{chart} key`` is ``{glue:figure} key`` whose alt text comes from the glued ``key__alt`` string
that :func:`industrybook.render.style.publish` wrote, so alt text is computed with the chart, not typed.
A chart without glued alt text is a build error.
"""
from __future__ import annotations

import ast
import filecmp
import html
import re
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.directives import PasteFigureDirective
from myst_nb.ext.glue.utils import RetrievalError, retrieve_glue_data
from sphinx.util import logging

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


class ChartDirective(PasteFigureDirective):
    """A glued, numbered figure with glued alt text."""

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
        return super().run()


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
        text = " ".join(paragraph.astext().split())
        if text:
            return text
    return ""


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
    # late, after extensions that add page scripts; none of the stack returns a template name
    app.connect("html-page-context", tidy_page, priority=900)
    app.connect("html-page-context", describe_page)
    app.connect("env-get-outdated", assets_changed)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
