"""Make the execution cache notice data changes.

jupyter-cache keys a notebook on its code alone, so editing a CSV would not re-execute the notebooks
that read it. Before each build this module computes, for every notebook, a digest of what it reads:
the tables named in its ``load(...)``/``start(...)`` calls (closed over their foreign keys) and the
modules of this package it imports, followed through their own imports (so editing one chapter's
module re-executes that chapter alone, and editing tooling re-executes nothing). Where a digest changed since the last build, it drops the notebook's cache record and touches
the notebook so Sphinx re-reads it; the notebook then re-executes, and no other does.

Then, with ``--execute``, it executes the notebooks that have no cache record in parallel over the
machine's cores (jupyter-cache's local-parallel executor, its kernels started lean:
:mod:`industrybook.tooling.execution`), so Sphinx finds them all cached.

    python -m industrybook.tooling.cachedeps [--dry-run] [--execute]
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from industrybook.data import paths
from industrybook.data.schema import schema_of, table_closure

_LOAD_CALL = re.compile(r"\b(?:load|start)\(([^)]*)\)")  # load(...) and chapter.start(...)


def tables_read(notebook: Path, data_dir: Path | None = None) -> list[str]:
    """Tables a notebook reads, from the string arguments of its ``load(...)`` calls;
    a call with no table names reads them all."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    names: set[str] = set()
    for args in _LOAD_CALL.findall(code):
        strings = [a for a in (s.strip() for s in args.split(",")) if a and a[0] in "\"'"]
        if not strings:
            return table_closure(None, schema_of(data_dir))
        names.update(ast.literal_eval(s) for s in strings)
    return table_closure(sorted(names), schema_of(data_dir)) if names else []


PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the package code the kernel imports


def _module_file(dotted: str, package_dir: Path) -> Path | None:
    """The file of a package module given its dotted name below the package (``render.style``)."""
    base = package_dir.joinpath(*dotted.split(".")) if dotted else package_dir
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _with_parents(dotted: str) -> set[str]:
    """A module and the packages that hold it: importing ``render.style`` runs ``render/__init__``
    and the package's ``__init__`` (``''``)."""
    parts = dotted.split(".") if dotted else []
    return {".".join(parts[:i]) for i in range(len(parts) + 1)}


_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import\b|import[ \t]+\w)")


def _import_statements(code: str) -> list[ast.stmt]:
    """The import statements of ``code``, parsed one by one: walking the whole tree of every module
    and notebook made a no-change build wait for seconds. A parenthesised import spans lines."""
    found, lines, i = [], code.splitlines(), 0
    while i < len(lines):
        if _IMPORT_LINE.match(lines[i]):
            statement = lines[i].split("#")[0].strip()
            while "(" in statement and ")" not in statement and i + 1 < len(lines):
                i += 1
                statement += " " + lines[i].split("#")[0].strip()
            found += ast.parse(statement.rstrip("\\ ")).body
        i += 1
    return found


@lru_cache(maxsize=None)
def _imported(code: str, package_dir: Path, current: str | None = None) -> set[str]:
    """Modules of the package that ``code`` imports, as dotted names below the package
    (``data.database``, ``render.style``; ``''`` is the package itself), with their parent packages.
    ``current`` is the dotted name of the module ``code`` belongs to, for relative imports."""
    pkg = package_dir.name
    found: set[str] = {""}
    for node in _import_statements(code):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [a.name[len(pkg) + 1:] for a in node.names if a.name.startswith(pkg + ".")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                here = (current or "").split(".")[:-node.level] if current else []
                base = ".".join(here + ([node.module] if node.module else []))
            elif node.module == pkg or (node.module or "").startswith(pkg + "."):
                base = node.module[len(pkg) + 1:]
            else:
                continue
            modules = [base]
            # ``from industrybook.render import style`` imports the module render.style
            modules += [f"{base}.{a.name}".lstrip(".") for a in node.names
                        if _module_file(f"{base}.{a.name}".lstrip("."), package_dir)]
        for dotted in modules:
            found |= _with_parents(dotted)
    return frozenset(name for name in found if _module_file(name, package_dir))


def modules_used(notebook: Path, package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The package's modules a notebook imports, followed through their own imports."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    todo = list(_imported("\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"),
                          package_dir))
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += _imported(_module_file(name, package_dir).read_text(encoding="utf-8"), package_dir,
                              current=name) - seen
    return sorted(_module_file(name, package_dir) for name in seen)


def dependencies(notebook: Path, data_dir: Path | None = None, package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Files whose content the notebook's outputs depend on, besides its own code: the tables it
    reads and the package modules it imports (tooling such as this module is not among them)."""
    data_dir = data_dir or paths.DATA_DIR
    by_name = {r["name"]: r["path"] for r in schema_of(data_dir)["resources"]}
    read = tables_read(notebook, data_dir)
    files = [data_dir / "datapackage.json"] + [data_dir / by_name[t] for t in read]
    if "benchmarks" in read:  # the stored excerpts are checked, and quoted, with the table
        files += sorted((data_dir / "benchmarks").glob("*.txt"))
    return files + modules_used(notebook, package_dir)


def digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes() if f.exists() else b"<missing>")
    return h.hexdigest()


def notebooks(root: Path | None = None) -> list[Path]:
    root = Path(root) if root is not None else paths.ROOT
    return sorted((root / "chapters").glob("*.ipynb"))


def refresh(dry_run: bool = False, root: Path | None = None, data_dir: Path | None = None,
            package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Invalidate the cache of every notebook under ``root`` whose dependencies changed; return them."""
    root = Path(root) if root is not None else paths.ROOT
    state = root / "_build" / "cache-deps.json"
    cache_dir = root / "_build" / ".jupyter_cache"
    old = json.loads(state.read_text()) if state.exists() else {}
    new, stale = {}, []
    for nb in notebooks(root):
        key = nb.relative_to(root).as_posix()
        new[key] = digest(dependencies(nb, data_dir, package_dir))
        if key in old and old[key] != new[key]:
            stale.append(nb)
    if dry_run:
        return stale
    if stale and cache_dir.exists():
        (cache_dir / "all-cached.json").unlink(missing_ok=True)
        from jupyter_cache import get_cache

        cache = get_cache(str(cache_dir))
        stale_uris = {str(nb.resolve()) for nb in stale}
        for record in cache.list_cache_records():
            if str(Path(record.uri).resolve()) in stale_uris:
                cache.remove_cache(record.pk)
    for nb in stale:
        os.utime(nb)  # Sphinx re-reads only documents whose file is newer than its last read
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps(new, indent=1, sort_keys=True))
    return stale


def execute_stale(root: Path | None = None, timeout: int = 120) -> list[str]:
    """Execute, in parallel over the machine's cores, every notebook the cache has no record for,
    and cache the results where myst-nb's cache mode finds them; return the notebooks executed.
    A notebook that fails here is left uncached, so the build executes it again and reports the
    error as a strict build does."""
    root = Path(root) if root is not None else paths.ROOT
    cache_dir = root / "_build" / ".jupyter_cache"
    # Importing jupyter-cache costs seconds (nbformat's schema grammars): a no-change build skips it
    # when every notebook is byte for byte the one found fully cached last time.
    stamp = cache_dir / "all-cached.json"
    current = {nb.name: hashlib.sha256(nb.read_bytes()).hexdigest() for nb in notebooks(root)}
    if stamp.exists() and json.loads(stamp.read_text()) == current:
        return []
    from jupyter_cache import get_cache

    from industrybook.tooling.execution import LeanParallelExecutor

    cache = get_cache(str(cache_dir))
    for nb in notebooks(root):
        cache.add_nb_to_project(str(nb.resolve()))  # the uri myst-nb uses: the document's path
    pending = [record.pk for record in cache.list_unexecuted()]
    succeeded: list[str] = []
    if pending:
        result = LeanParallelExecutor(cache).run_and_cache(filter_pks=pending, timeout=timeout)
        succeeded = result.succeeded
    if not cache.list_unexecuted():
        stamp.write_text(json.dumps(current, indent=1, sort_keys=True))
    return succeeded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--execute", action="store_true",
                        help="then execute the notebooks without a cache record, in parallel")
    args = parser.parse_args()
    stale = refresh(args.dry_run)
    for nb in stale:
        print(f"inputs changed: {nb.relative_to(paths.ROOT)} will re-execute")
    if args.execute and not args.dry_run:
        for uri in execute_stale():
            print(f"executed: {Path(uri).relative_to(paths.ROOT)}")


if __name__ == "__main__":
    main()
