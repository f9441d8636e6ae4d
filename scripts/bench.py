"""Build benchmark (``make bench``): jupyter-book's template book against this book, on one machine,
in one run. Prints times, per-notebook ratios and page sizes. Not a test: numbers vary by machine.

Measures: cold build of the template (``jupyter-book create``) and of this book (HTML, executing every
notebook), a no-change rebuild, a rebuild after editing one chapter's prose, a rebuild after editing one
data file (and which notebooks re-executed), the PDF build, ``make test``; the size of each chapter's
HTML page with its images, and of the PDF.
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = str(ROOT / ".venv" / "bin" / "jupyter-book")
PY = str(ROOT / ".venv" / "bin" / "python")


def timed(cmd, cwd=ROOT, **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def build_html() -> float:
    return timed(["make", "html"])


def executed_notebooks(log_dir: Path) -> int:
    from jupyter_cache import get_cache

    return len(get_cache(str(log_dir)).list_cache_records())


def page_size(html: Path, page: Path) -> int:
    size = page.stat().st_size
    for src in re.findall(r'<img[^>]+src="([^"]+)"', page.read_text(encoding="utf-8")):
        f = (page.parent / src).resolve()
        if f.exists():
            size += f.stat().st_size
    return size


def main(build_only: bool = False) -> None:
    """``build_only`` (``--build-only``) measures the HTML builds and page sizes, not the PDF or the tests."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tpl = Path(tmp) / "template"
        subprocess.run([JB, "create", str(tpl)], check=True, stdout=subprocess.DEVNULL)
        t_tpl = timed([JB, "build", str(tpl)], cwd=tmp)
        n_tpl = sum(1 for _ in tpl.glob("*.ipynb"))
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    t_cold = build_html()
    n_book = executed_notebooks(ROOT / "_build" / ".jupyter_cache")
    per_tpl, per_book = t_tpl / max(n_tpl, 1), t_cold / max(n_book, 1)
    rows += [("template cold build (s)", f"{t_tpl:.1f} for {n_tpl} notebook(s), {per_tpl:.1f} per notebook"),
             ("book cold build, HTML (s)", f"{t_cold:.1f} for {n_book} notebooks, {per_book:.1f} per notebook"),
             ("ratio per notebook (book / template)", f"{per_book / per_tpl:.2f} (target <= 0.75)")]
    rows.append(("no-change rebuild (s)", f"{build_html():.1f} (target < 5)"))
    chapter = ROOT / "chapters" / "new_materials.ipynb"
    original = chapter.read_bytes()
    try:
        chapter.write_bytes(original.replace(b"Key takeaways", b"Key  takeaways", 1))
        rows.append(("rebuild after editing one chapter's prose (s)", f"{build_html():.1f}"))
    finally:
        chapter.write_bytes(original)
    data = ROOT / "data" / "places.csv"
    original_data = data.read_bytes()
    try:
        data.write_bytes(original_data.rstrip(b"\n") + b" \n")  # a trailing space in the last note
        out = subprocess.run([PY, "-m", "industrybook.tooling.cachedeps", "--dry-run"], cwd=ROOT, capture_output=True, text=True)
        t = build_html()
        stale = [line for line in out.stdout.splitlines()]
        rows.append(("rebuild after editing data/places.csv (s)", f"{t:.1f}; re-executed: {', '.join(stale) or 'none'}"))
    finally:
        data.write_bytes(original_data)
        build_html()
    if build_only:
        return _report(rows)
    t0 = time.perf_counter()
    subprocess.run(["make", "pdf"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows.append(("PDF build (s, includes a no-change HTML pass)", f"{time.perf_counter() - t0:.1f} (target < 120)"))
    rows.append(("make test (s)", f"{timed(['make', 'test'], env={**os.environ}):.1f} (target < 120)"))
    rows.append(("PDF size (MB)", f"{(ROOT / '_build' / 'pdf' / 'book.pdf').stat().st_size / 1e6:.2f}"))
    _report(rows)


def _report(rows) -> None:
    html = ROOT / "_build" / "html"
    if not any(k.startswith("page ") for k, _ in rows):
        for page in sorted((html / "chapters").glob("*.html")):
            rows.append((f"page {page.name} with images (MB)", f"{page_size(html, page) / 1e6:.2f} (target < 1.5)"))
    print(f"# bench {date.today()} on {platform.node()} ({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    for k, v in rows:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main(build_only="--build-only" in sys.argv[1:])
