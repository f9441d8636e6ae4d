"""Make the execution cache notice data changes.

jupyter-cache keys a notebook on its code alone, so editing a CSV would not re-execute the notebooks
that read it. Before each build this module computes, for every notebook, a digest of what it reads:
the tables named in its ``load(...)``/``start(...)`` calls (closed over their foreign keys) and the modules of this
package. Where a digest changed since the last build, it drops the notebook's cache record and touches
the notebook so Sphinx re-reads it; the notebook then re-executes, and no other does.

    python -m industrybook.cachedeps [--dry-run]
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
from pathlib import Path

from industrybook import paths
from industrybook.data import list_references

_LOAD_CALL = re.compile(r"\b(?:load|start)\(([^)]*)\)")  # load(...) and chapter.start(...)


def _schema(data_dir: Path | None = None) -> dict:
    return json.loads(((data_dir or paths.DATA_DIR) / "datapackage.json").read_text(encoding="utf-8"))


def table_closure(names: list[str] | None, schema: dict | None = None) -> list[str]:
    """The tables ``names`` need to be validated: themselves and every table their foreign keys
    (and ``listReference`` fields) reach, recursively. ``None`` means all tables."""
    schema = schema or _schema()
    resources = {r["name"]: r for r in schema["resources"]}
    if names is None:
        return sorted(resources)
    unknown = set(names) - set(resources)
    if unknown:
        raise KeyError(f"unknown table(s): {sorted(unknown)}")
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for fk in resources[name]["schema"].get("foreignKeys", []):
            todo.append(fk["reference"]["resource"] or name)
        todo.extend(ref["resource"] for _, ref in list_references(resources[name]))
    return sorted(seen)


def tables_read(notebook: Path, data_dir: Path | None = None) -> list[str]:
    """Tables a notebook reads, from the string arguments of its ``load(...)`` calls;
    a call with no table names reads them all."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    names: set[str] = set()
    for args in _LOAD_CALL.findall(code):
        strings = [a for a in (s.strip() for s in args.split(",")) if a and a[0] in "\"'"]
        if not strings:
            return table_closure(None, _schema(data_dir))
        names.update(ast.literal_eval(s) for s in strings)
    return table_closure(sorted(names), _schema(data_dir)) if names else []


def dependencies(notebook: Path, data_dir: Path | None = None) -> list[Path]:
    """Files whose content the notebook's outputs depend on, besides its own code."""
    data_dir = data_dir or paths.DATA_DIR
    by_name = {r["name"]: r["path"] for r in _schema(data_dir)["resources"]}
    read = tables_read(notebook, data_dir)
    files = [data_dir / "datapackage.json"] + [data_dir / by_name[t] for t in read]
    if "benchmarks" in read:  # the stored excerpts are checked, and quoted, with the table
        files += sorted((data_dir / "benchmarks").glob("*.txt"))
    files += sorted(Path(__file__).resolve().parent.glob("*.py"))  # the package code the kernel imports
    return files


def digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes() if f.exists() else b"<missing>")
    return h.hexdigest()


def notebooks(root: Path | None = None) -> list[Path]:
    root = Path(root) if root is not None else paths.ROOT
    return sorted((root / "chapters").glob("*.ipynb"))


def refresh(dry_run: bool = False, root: Path | None = None, data_dir: Path | None = None) -> list[Path]:
    """Invalidate the cache of every notebook under ``root`` whose dependencies changed; return them."""
    root = Path(root) if root is not None else paths.ROOT
    state = root / "_build" / "cache-deps.json"
    cache_dir = root / "_build" / ".jupyter_cache"
    old = json.loads(state.read_text()) if state.exists() else {}
    new, stale = {}, []
    for nb in notebooks(root):
        key = nb.relative_to(root).as_posix()
        new[key] = digest(dependencies(nb, data_dir))
        if key in old and old[key] != new[key]:
            stale.append(nb)
    if dry_run:
        return stale
    if stale and cache_dir.exists():
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    stale = refresh(args.dry_run)
    for nb in stale:
        print(f"inputs changed: {nb.relative_to(root)} will re-execute")


if __name__ == "__main__":
    main()
