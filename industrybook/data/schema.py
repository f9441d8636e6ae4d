"""The data package's descriptor (``data/datapackage.json``) and the tables a table needs.

Kept apart from :mod:`industrybook.data.database` and free of pandas, so that build tools (cache
invalidation runs before every build) read the schema in milliseconds.
"""
from __future__ import annotations

import json
from pathlib import Path

from industrybook.data import paths


def schema_of(data_dir: Path | None = None) -> dict:
    """The data package descriptor (``datapackage.json``) of ``data_dir`` (default: the book's)."""
    return json.loads(((data_dir or paths.DATA_DIR) / "datapackage.json").read_text(encoding="utf-8"))


def table_closure(names: list[str] | None, schema: dict | None = None) -> list[str]:
    """The tables ``names`` need to be validated: themselves and every table their foreign keys
    (and ``listReference`` and ``wordReference`` fields) reach, recursively. ``None`` means all tables."""
    schema = schema or schema_of()
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
        todo.extend(_field_references(resources[name]))
    return sorted(seen)


def list_references(resource: dict) -> list[tuple[str, dict]]:
    """The fields of a resource that hold ``;``-separated ids of another table, with their
    ``listReference`` (``{"resource": ..., "field": ...}``), which a foreign key cannot express."""
    return [(f["name"], f["listReference"]) for f in resource["schema"]["fields"] if "listReference" in f]


def _field_references(resource: dict) -> list[str]:
    """The tables a resource's checks read besides its foreign keys: those its ``listReference``
    fields cite and the word table its ``wordReference`` fields parse figures with."""
    return [f[key]["resource"] for f in resource["schema"]["fields"]
            for key in ("listReference", "wordReference", "rowReference") if key in f]
