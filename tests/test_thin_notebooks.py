"""Notebooks stay thin (issue 13): a short cell, then prose. Charts, tables and glued texts are built
by functions of the chapter's module (industrybook/chapters/, industrybook/appendix/); a notebook
only calls them. So no notebook defines a function or a class, and no code cell runs long.

Two cells still define ``q`` (a fact with its printed qualifier), in power_transmission and summary;
the text layer is to replace them. They are allowed, and exempt from the length limit, while they
exist, and nothing else may be defined beside ``q``.
"""
from __future__ import annotations

import ast
import json

import pytest

from industrybook.data import paths

NOTEBOOKS = sorted((paths.ROOT / "chapters").glob("*.ipynb"))
MAX_CELL_LINES = 20
ALLOWED_DEFINITIONS = {"power_transmission": {"q"}, "summary": {"q"}}  # until the text layer replaces them


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(c.get("id"), "".join(c["source"])) for c in cells if c["cell_type"] == "code"]


def defined_names(source: str) -> set[str]:
    """Names of the functions and classes a cell defines, at any depth (lambdas are expressions, not definitions)."""
    tree = ast.parse(source)
    return {node.name for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def test_defined_names_finds_functions_classes_and_nested_ones():
    source = "x = 1\ndef f():\n    def g():\n        pass\nclass C:\n    pass\nh = lambda y: y\n"
    assert defined_names(source) == {"f", "g", "C"}
    assert defined_names("print('def q(): pass')") == set()


def test_there_are_notebooks_to_check():
    assert len(NOTEBOOKS) >= 10, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_notebook_defines_functions_or_classes(path):
    allowed = ALLOWED_DEFINITIONS.get(path.stem, set())
    defined = {cell_id: names for cell_id, source in code_cells(path) if (names := defined_names(source))}
    extra = {cell_id: sorted(names - allowed) for cell_id, names in defined.items() if names - allowed}
    assert not extra, (f"{path.name} defines {extra} in its cells: move them into the chapter's module "
                       "and call them from the notebook")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_cell_is_long(path):
    allowed = ALLOWED_DEFINITIONS.get(path.stem, set())
    long_cells = {cell_id: len(source.splitlines()) for cell_id, source in code_cells(path)
                  if len(source.splitlines()) > MAX_CELL_LINES and not defined_names(source) & allowed}
    assert not long_cells, (f"{path.name}: code cells longer than {MAX_CELL_LINES} lines {long_cells}: "
                            "build the text, table or chart in the chapter's module")
