"""The package keeps its layers: each module imports only its own layer and the layers above it
(data < text < measures < render < chapters and appendix), no book module imports the build tooling,
and industrybook/__init__.py re-exports nothing. Imports are read from the source (AST), so a
function-level import counts as much as one at the top."""
import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "industrybook"
# Rank of each layer: a module may import from its own rank and lower ones. chapters and appendix
# share a rank (a chapter may use the appendix's theme names, the overview a benchmark helper).
LAYERS = {"data": 0, "text": 1, "measures": 2, "render": 3, "chapters": 4, "appendix": 4}
TOOLING = "tooling"
# Known edges against the order, each to be removed by the change that fixes it.
# Imports that break the layer order on purpose, as (importer, imported) edges. None is left: the last one,
# data.database -> text.figures for Database.text(), went when text.facts took over the fact-to-text job.
ALLOWED: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every ``industrybook`` module the file imports, absolute or relative, at any depth of the code;
    ``from pkg import name`` counts as ``pkg.name`` when that is a module, else as ``pkg``."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "industrybook"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "industrybook":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if is_module(sub) else base)
    return found


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def layer_violations(modules: dict[str, set[str]], allowed=frozenset()) -> list[str]:
    """Each import that breaks the order, as ``'importer -> imported (why)'``."""
    problems = []
    for importer, imports in sorted(modules.items()):
        own = layer_of(importer)
        if own is None:  # industrybook/__init__.py, checked on its own
            continue
        if own != TOOLING and own not in LAYERS:
            problems.append(f"{importer} is in no layer (put it in one of {sorted(LAYERS)} or {TOOLING})")
            continue
        for imported in sorted(imports):
            if (importer, imported) in allowed:
                continue
            target = layer_of(imported)
            if target == TOOLING and own != TOOLING:
                problems.append(f"{importer} -> {imported} (a book module imports the build tooling)")
            elif own != TOOLING and target in LAYERS and LAYERS[target] > LAYERS[own]:
                problems.append(f"{importer} -> {imported} ({target} is a layer below {own})")
    return problems


def package_imports() -> dict[str, set[str]]:
    return {module_name(p): imported_modules(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_imports_only_its_layer_and_those_above():
    assert layer_violations(package_imports(), ALLOWED) == []


def test_each_allowed_exception_still_exists():
    """An exception that the code no longer needs is deleted, so it cannot hide a new edge later."""
    imports = package_imports()
    assert [edge for edge in sorted(ALLOWED) if edge[1] not in imports.get(edge[0], set())] == []


@pytest.mark.parametrize("importer, imported, why", [
    ("industrybook.data.database", "industrybook.render.style", "render is a layer below data"),
    ("industrybook.measures.arithmetic", "industrybook.chapters.overview", "chapters is a layer below measures"),
    ("industrybook.render.page", "industrybook.tooling.sphinxext", "imports the build tooling"),
    ("industrybook.appendix.shared", "industrybook.tooling.serve", "imports the build tooling"),
    ("industrybook.report", "industrybook.data.paths", "in no layer"),
])
def test_a_wrong_edge_is_named(importer, imported, why):
    problems = layer_violations({importer: {imported}})
    assert len(problems) == 1 and importer in problems[0] and why in problems[0]


def test_allowed_edges_are_those_the_order_permits():
    ok = {"industrybook.chapters.evidence": {"industrybook.appendix.shared", "industrybook.data.database"},
          "industrybook.render.charts": {"industrybook.render.style", "industrybook.text.figures"},
          "industrybook.tooling.screens": {"industrybook.data.paths", "industrybook.tooling.serve"}}
    assert layer_violations(ok) == []


def test_relative_and_function_level_imports_are_seen(tmp_path, monkeypatch):
    pkg = tmp_path / "industrybook" / "data"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (tmp_path / "industrybook" / "render").mkdir()
    (tmp_path / "industrybook" / "render" / "__init__.py").write_text("")
    (tmp_path / "industrybook" / "render" / "style.py").write_text("")
    source = pkg / "loader.py"
    source.write_text("def f():\n    from ..render import style\n    import industrybook.text.figures\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert imported_modules(source) == {"industrybook.render.style", "industrybook.text.figures"}


def test_the_package_root_reexports_nothing():
    """industrybook/__init__.py holds its docstring and nothing else: no import, no name."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    body = tree.body[1:] if tree.body and isinstance(tree.body[0], ast.Expr) else tree.body
    assert [ast.dump(node)[:80] for node in body] == []
