"""Lighthouse over the built HTML book: accessibility, best practices and SEO must be 100 on every
chapter page; performance is reported, not required (its simulated throttling depends on the machine).

    python scripts/lighthouse.py [--html DIR] [--json OUT] [--jobs N] [PAGE ...]

PAGE is a path inside the HTML directory (default: intro.html, bibliography.html and every page in
chapters/). Lighthouse (npm ``lighthouse@12.2.3``) is installed with ``npm i -E`` into
_build/npm-lighthouse when absent and runs Debian's chromium on pages served over 127.0.0.1.
Exit status 1 when any page is below 100 on a required category, 2 when Lighthouse itself fails.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
from pathlib import Path

from industrybook.tooling.serve import serve

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_VERSION = "12.2.3"
NPM_DIR = ROOT / "_build" / "npm-lighthouse"
LIGHTHOUSE_BIN = NPM_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
REQUIRED = ("accessibility", "best-practices", "seo")
CATEGORIES = REQUIRED + ("performance",)


def ensure_lighthouse() -> Path:
    """The pinned Lighthouse, installed once into the build directory (not into the project)."""
    installed = NPM_DIR / "node_modules" / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION:
        return LIGHTHOUSE_BIN
    NPM_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "i", "-E", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
                   cwd=NPM_DIR, check=True)
    return LIGHTHOUSE_BIN


def chapter_pages(html: Path) -> list[str]:
    names = ["intro.html", "bibliography.html"] + sorted(
        p.relative_to(html).as_posix() for p in (html / "chapters").glob("*.html"))
    return [n for n in names if (html / n).exists()]


def audit(lighthouse: Path, url: str, attempts: int = 3) -> dict:
    """Lighthouse's JSON report (lhr) for one URL. A run that fails, or that leaves a category unscored
    (on a busy machine the DevTools protocol can time out, or the paint timings go missing and
    performance reads n/a), is tried again; the last report counts."""
    for attempt in range(1, attempts + 1):
        try:
            report = _audit_once(lighthouse, url)
        except RuntimeError:
            if attempt == attempts:
                raise
            continue
        if not unscored(report) or attempt == attempts:
            return report
    raise AssertionError("unreachable")


def _audit_once(lighthouse: Path, url: str) -> dict:
    run = subprocess.run(
        [str(lighthouse), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
         "--disable-full-page-screenshot"],  # a picture for the HTML report, which is not written
        env={**os.environ, "CHROME_PATH": CHROME_PATH}, capture_output=True, text=True, timeout=300)
    if run.returncode != 0 or not run.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url} (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return json.loads(run.stdout)


def scores(report: dict) -> dict[str, int | None]:
    """Category scores as 0-100 (None when Lighthouse could not score a category)."""
    return {c: (None if report["categories"][c]["score"] is None else round(100 * report["categories"][c]["score"]))
            for c in CATEGORIES}


def unscored(report: dict) -> dict[str, str]:
    """For each category Lighthouse could not score, its reason: the run's error, else the messages
    of the weighted audits that errored."""
    reasons = {}
    for c in CATEGORIES:
        if report["categories"][c]["score"] is not None:
            continue
        messages = [report["audits"][ref["id"]].get("errorMessage") for ref in report["categories"][c]["auditRefs"]
                    if ref["weight"] > 0]
        reason = (report.get("runtimeError") or {}).get("message") or "; ".join(sorted({m for m in messages if m}))
        reasons[c] = reason or "no reason given"
    return reasons


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, so a low score says what to fix."""
    audits = report["audits"]
    return [ref["id"] for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]


def table(results: dict[str, dict]) -> str:
    header = f"{'page':<36}" + "".join(f"{c:>16}" for c in CATEGORIES)
    rows = [f"{page:<36}" + "".join(f"{'n/a' if r['scores'][c] is None else r['scores'][c]:>16}" for c in CATEGORIES)
            for page, r in results.items()]
    return "\n".join([header, "-" * len(header), *rows])


def shortfalls(results: dict[str, dict]) -> list[str]:
    return [f"{page}: {c} {r['scores'][c]} (failing: {', '.join(r['failing'][c]) or 'none listed'})"
            for page, r in results.items() for c in REQUIRED if r["scores"][c] != 100]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--json", type=Path, help="write the scores per page to this file")
    parser.add_argument("--jobs", type=int, default=2, help="pages audited at the same time")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").exists() and not args.pages:
        print(f"{args.html} has no built book: run `make html` first", file=sys.stderr)
        return 2
    pages = args.pages or chapter_pages(args.html)
    lighthouse = ensure_lighthouse()
    httpd = serve(args.html)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    results = {}
    # two audits at a time halve the wait (Lighthouse mostly waits on the page); the performance
    # score, reported only, is lower when they share the machine
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        reports = {page: pool.submit(audit, lighthouse, f"{base}/{page}") for page in pages}
        try:
            for page, report in reports.items():
                lhr = report.result()
                results[page] = {"scores": scores(lhr), "failing": {c: failed_audits(lhr, c) for c in CATEGORIES},
                                 "unscored": unscored(lhr)}
        except (RuntimeError, subprocess.TimeoutExpired) as err:
            print(err, file=sys.stderr)
            return 2
        finally:
            httpd.shutdown()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    problems = shortfalls(results)
    for line in problems:
        print("BELOW 100:", line)
    for page, r in results.items():
        for c, reason in r["unscored"].items():
            print(f"UNSCORED: {page}: {c} ({reason})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
