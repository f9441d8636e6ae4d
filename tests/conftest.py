import os
import shutil
from pathlib import Path

import pytest

from industrybook.data import paths

ROOT = paths.ROOT


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break a table on purpose."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("_parts"))
    return target


def sources_or_skip() -> Path:
    src = paths.sources_dir()
    if src.is_dir() and any(src.glob("*.txt")):
        return src
    if in_ci():
        pytest.fail(f"source articles not found at {src} (set BOOK_SOURCES_DIR); CI requires them")
    pytest.skip(f"source articles not found at {src} (set BOOK_SOURCES_DIR to run provenance tests)")
