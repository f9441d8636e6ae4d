"""Benchmark of the propose tool (``make bench-propose``): run it on the five source pages and compare
with data/facts.csv. Not a test: it prints figures for the README.

recall: share of facts for which the tool proposes a row with the same source, value as printed and unit,
        whose figure stands in the same sentence as the fact's locator.
precision: share of proposed rows that match a fact that way (the rest are figures the book leaves out,
        listed in omissions.csv, or noise).
period: share of the matched facts whose proposed period equals facts.csv's.
time: wall-clock seconds of one command-line run on the largest page (about 20 KB), and of the
        in-process proposal alone.
"""
from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

from industrybook import paths
from industrybook.propose import Proposal, _sentence_span, fact_position, propose, read_page

ROOT = Path(__file__).resolve().parent.parent


def matches(fact: dict, proposal: Proposal, text: str) -> bool:
    if (fact["value_printed"], fact["unit_printed"]) != (proposal.value_printed, proposal.unit_printed):
        return False
    pos = fact_position(text, fact)
    return pos is not None and _sentence_span(text, pos) == _sentence_span(text, proposal.start)


def main(verbose: bool = False) -> int:
    sources = list(csv.DictReader((paths.DATA_DIR / "sources.csv").open(encoding="utf-8")))
    facts = list(csv.DictReader((paths.DATA_DIR / "facts.csv").open(encoding="utf-8")))
    src_dir = paths.sources_dir()
    total = matched = period_ok = proposed = proposed_matched = 0
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
        print(f"{s['source_id']:<12} {len(own):>5} {found:>5} {ok:>9} {len(rows):>5} {len(used):>13}")
        total += len(own); matched += found; period_ok += ok
        proposed += len(rows); proposed_matched += len(used)
    print(f"recall {matched}/{total} = {matched / total:.1%}; precision {proposed_matched}/{proposed} = "
          f"{proposed_matched / proposed:.1%}; period right for {period_ok}/{matched} = {period_ok / matched:.1%}")
    largest = max(sources, key=lambda s: (src_dir / s["file"]).stat().st_size)
    page = src_dir / largest["file"]
    t0 = time.perf_counter()
    propose(page, largest["source_id"])
    inproc = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "industrybook.propose", str(page), "--source-id", largest["source_id"]],
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    cli = time.perf_counter() - t0
    print(f"time on {largest['file']} ({page.stat().st_size / 1024:.1f} KB): {cli:.2f} s from the command line "
          f"(start-up included), {inproc:.2f} s for the proposal in process")
    return 0


if __name__ == "__main__":
    sys.exit(main(verbose="-v" in sys.argv))
