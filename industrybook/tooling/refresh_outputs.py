"""Execute notebooks in place so their committed outputs are current (nbval compares against them).

    python -m industrybook.tooling.refresh_outputs [NOTEBOOK ...]   (default: every chapter)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from industrybook.tooling import cachedeps


def execute_in_place(path: Path, timeout: int = 120) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)  # timestamps would churn the diff
    nbformat.write(nb, path)


def main(argv: list[str]) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    targets = [Path(a) for a in argv] or cachedeps.notebooks()
    for path in targets:
        print(f"executing {path}", flush=True)
        execute_in_place(path)


if __name__ == "__main__":
    main(sys.argv[1:])
