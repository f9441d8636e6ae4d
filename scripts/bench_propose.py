"""Benchmark of the propose tool (``make bench-propose``): run it on the five source pages and compare
with data/facts.csv. Not a test: it prints figures for the README.

recall: share of facts for which the tool proposes a row with the same source, value as printed and unit,
        whose figure stands in the same sentence as the fact's locator.
precision: share of proposed rows that match a fact that way (the rest are figures the book leaves out,
        listed in omissions.csv, or noise).
period: share of the matched facts whose proposed period equals facts.csv's.
time: wall-clock seconds of one command-line run on a 20 KiB page (the pages run together and cut),
        start-up included, and of the in-process proposal alone.
"""
from __future__ import annotations

import csv
from collections import Counter
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from industrybook.data import paths
from industrybook.tooling.propose import Proposal, sentence_span, fact_position, propose, read_page

ROOT = Path(__file__).resolve().parent.parent


def matches(fact: dict, proposal: Proposal, text: str) -> bool:
    if (fact["value_printed"], fact["unit_printed"]) != (proposal.value_printed, proposal.unit_printed):
        return False
    pos = fact_position(text, fact)
    return pos is not None and sentence_span(text, pos) == sentence_span(text, proposal.start)


def status_kind(review_status: str) -> str:
    """The review status without the fact id or omission it names."""
    for prefix in ("in facts.csv", "like", "in omissions.csv", "probably off theme"):
        if review_status.startswith(prefix):
            return {"like": "same value as a fact, another sentence"}.get(prefix, prefix)
    return review_status


def twenty_kib_page(src_dir: Path, sources: list[dict]) -> Path:
    """The pages' text run together and cut at 20 KiB, in a temporary file."""
    text = "\n".join((src_dir / s["file"]).read_text(encoding="utf-8") for s in sources)
    data = text.encode("utf-8")[:20 * 1024].decode("utf-8", errors="ignore")
    path = Path(tempfile.mkdtemp(prefix="bench-propose-")) / "page_20k.txt"
    path.write_text(data, encoding="utf-8")
    return path


def main(verbose: bool = False) -> int:
    sources = list(csv.DictReader((paths.DATA_DIR / "sources.csv").open(encoding="utf-8")))
    facts = list(csv.DictReader((paths.DATA_DIR / "facts.csv").open(encoding="utf-8")))
    src_dir = paths.sources_dir()
    if not src_dir.is_dir():
        print(f"the source pages are not at {src_dir}: set BOOK_SOURCES_DIR", file=sys.stderr)
        return 1
    total = matched = period_ok = proposed = proposed_matched = 0
    unmatched_status: Counter = Counter()
    print(f"{'source':<12} {'facts':>5} {'found':>5} {'period ok':>9} {'rows':>5} {'rows matching':>13}")
    for s in sources:
        page = src_dir / s["file"]
        text = read_page(page)
        rows = propose(page, s["source_id"])
        own = [f for f in facts if f["source_id"] == s["source_id"]]
        found = ok = 0
        used = set()
        for f in own:
            hits = [p for p in rows if matches(f, p, text)]
            if hits:
                found += 1
                used.update(id(p) for p in hits)
                best = min(hits, key=lambda p: abs(p.start - fact_position(text, f)))
                if best.period == f["period"]:
                    ok += 1
                elif verbose:
                    print(f"   period {f['fact_id']}: {best.period!r} != {f['period']!r} ({best.period_reasoning})")
            elif verbose:
                print(f"   missed {f['fact_id']}: {f['value_printed']} {f['unit_printed']} ({f['locator_figure']})")
        unmatched_status.update(status_kind(p.review_status) for p in rows if id(p) not in used)
        print(f"{s['source_id']:<12} {len(own):>5} {found:>5} {ok:>9} {len(rows):>5} {len(used):>13}")
        total += len(own); matched += found; period_ok += ok
        proposed += len(rows); proposed_matched += len(used)
    print(f"recall {matched}/{total} = {matched / total:.1%}; precision {proposed_matched}/{proposed} = "
          f"{proposed_matched / proposed:.1%}; period right for {period_ok}/{matched} = {period_ok / matched:.1%}")
    print("rows that are not a fact, by review status: "
          + ", ".join(f"{status} {n}" for status, n in unmatched_status.most_common()))
    page_20k = twenty_kib_page(src_dir, sources)
    t0 = time.perf_counter()
    rows = propose(page_20k, "bench20k", date_override="2026-01-24")
    inproc = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "industrybook.tooling.propose", str(page_20k), "--source-id", "bench20k",
                    "--date", "2026-01-24"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    cli = time.perf_counter() - t0
    print(f"time on a {page_20k.stat().st_size / 1024:.1f} KiB page ({len(rows)} rows): {cli:.2f} s from the "
          f"command line (start-up included), {inproc:.2f} s for the proposal in process")
    return 0


if __name__ == "__main__":
    sys.exit(main(verbose="-v" in sys.argv))
