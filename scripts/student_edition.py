"""The student edition: every chapter notebook with its solutions removed and an empty answer cell
under each exercise, executed so that it opens with its outputs, and one zip that runs on its own.

    python scripts/student_edition.py [OUT_DIR]     (default: _build/student; `make student`)

The zip holds the notebooks in chapters/ with the data package, the book's package and the pinned
requirements beside them, so a student can rerun a notebook after `pip install -r requirements.txt`
and `pip install -e .` in the unzipped folder.
"""
from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_START = re.compile(r"```\{solution-start\}[^\n]*\n(?::[^\n]*\n)*```[ \t]*\n?")
SOLUTION_END = re.compile(r"```\{solution-end\}[ \t]*\n```[ \t]*\n?")
EXERCISE = re.compile(r"```\{exercise\}\n:label: (\S+)")
ANSWER_CELL = "# Your answer to {label}: compute it from the data (db = start(...) above has loaded it)\n"
KIT = ["data", "industrybook", "pyproject.toml", "requirements.txt", "_toc.yml"]


class EditionError(RuntimeError):
    pass


def strip_solutions(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """The notebook without its solution blocks, an empty code cell after each exercise; the labels."""
    cells, labels, in_solution = [], [], False
    for cell in nb.cells:
        text = cell.source
        if in_solution:
            end = SOLUTION_END.search(text) if cell.cell_type == "markdown" else None
            if not end:
                continue  # a cell of the solution
            in_solution = False
            text = text[end.end():]
            if not text.strip():
                continue
            cell = nbformat.v4.new_markdown_cell(text)
        start = SOLUTION_START.search(text) if cell.cell_type == "markdown" else None
        if start:
            if SOLUTION_END.search(text, start.end()):
                raise EditionError("a solution opening and closing in one cell is not supported")
            before = text[:start.start()]
            if before.strip():
                cells.append(nbformat.v4.new_markdown_cell(before))
            found = EXERCISE.findall(before)
            label = found[-1] if found else f"exercise {len(labels) + 1}"
            labels.append(label)
            cells.append(nbformat.v4.new_code_cell(ANSWER_CELL.format(label=label)))
            in_solution = True
            continue
        cells.append(cell if cell.source == text else nbformat.v4.new_markdown_cell(text))
    if in_solution:
        raise EditionError("a solution block is never closed")
    out = nbformat.v4.new_notebook(metadata=nb.metadata)
    out.cells = cells
    for cell in out.cells:
        if cell.cell_type == "code" and not cell.source.startswith("# Your answer"):
            cell.outputs = []
            cell.execution_count = None
    return out, labels


def build(out_dir: Path) -> list[Path]:
    chapters = out_dir / "chapters"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    chapters.mkdir(parents=True)
    for item in KIT:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, out_dir / item, ignore=shutil.ignore_patterns("__pycache__", "_parts", "*.egg-info"))
        else:
            shutil.copy2(src, out_dir / item)
    written = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        student, labels = strip_solutions(nb)
        if not labels:
            continue
        print(f"{path.name}: {len(labels)} exercises, solutions removed", flush=True)
        # run where it will be read: the copy's chapters/ folder finds the copy's data
        NotebookClient(student, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(chapters)}}).execute()
        target = chapters / path.name
        nbformat.write(student, target)
        written.append(target)
    (out_dir / "README.md").write_text(
        "# Student edition\n\nThe chapter notebooks without their solutions: an empty cell under each exercise\n"
        "is yours. To rerun them: `python3.11 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
        "&& .venv/bin/pip install -e .`, then open `chapters/` in JupyterLab (`.venv/bin/jupyter lab chapters`).\n",
        encoding="utf-8")
    archive = out_dir / "student-edition.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(out_dir.rglob("*")):
            if f.is_file() and f != archive:
                zf.write(f, Path("student-edition") / f.relative_to(out_dir))
    print(f"student edition: {len(written)} notebooks in {out_dir}, zip at {archive}")
    return written


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "student")
