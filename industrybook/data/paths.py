"""Where the book's files live, found from the working tree, not from where the package is installed.

The project root is the nearest folder, from the current directory upward, that holds ``_toc.yml``
and ``data/datapackage.json`` (a notebook runs in ``chapters/``, so its own checkout is found), or
``BOOK_ROOT`` when set. A copy of the repository therefore reads its own data even when another
checkout is the one installed in editable mode. ``BOOK_DATA_DIR`` points notebooks at a copy of the
data; ``BOOK_SOURCES_DIR`` moves the source articles (default ``../shared/sources`` beside the root).

``ROOT``, ``DATA_DIR`` and ``DATAPACKAGE`` are resolved when first read.
"""
from __future__ import annotations

import os
from pathlib import Path


class ProjectNotFound(RuntimeError):
    """No book checkout above the current directory and no BOOK_ROOT."""


def project_root(start: Path | None = None) -> Path:
    """The book checkout that contains ``start`` (default: the current directory)."""
    if os.environ.get("BOOK_ROOT"):
        return Path(os.environ["BOOK_ROOT"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file() and (folder / "data" / "datapackage.json").is_file():
            return folder
    raise ProjectNotFound(f"no book checkout (a folder with _toc.yml and data/datapackage.json) at or above "
                          f"{here}: run from inside the checkout or set BOOK_ROOT")


def data_dir() -> Path:
    return Path(os.environ.get("BOOK_DATA_DIR") or project_root() / "data")


def sources_dir() -> Path:
    """The folder holding the five source articles: BOOK_SOURCES_DIR, else ../shared/sources beside the root."""
    if os.environ.get("BOOK_SOURCES_DIR"):
        return Path(os.environ["BOOK_SOURCES_DIR"])
    return project_root().parent / "shared" / "sources"


def __getattr__(name: str) -> Path:
    if name == "ROOT":
        return project_root()
    if name == "DATA_DIR":
        return data_dir()
    if name == "DATAPACKAGE":
        return data_dir() / "datapackage.json"
    raise AttributeError(f"module 'industrybook.data.paths' has no attribute {name!r}")
