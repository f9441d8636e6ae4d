"""Rewrite the counts block of data/README.md from the data (tests/test_data_readme.py checks it)."""
import re
from pathlib import Path

from industrybook.data.database import load
from industrybook.data import paths


def counts_block() -> str:
    db = load()
    f = db.facts
    lines = ["| table | rows |", "|---|---|"] + [f"| {n} | {len(t)} |" for n, t in db.tables.items()]
    lines += ["", "Facts per source:", "", "| source | facts |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in f.groupby("source_id").size().items()]
    lines += ["", "Facts per theme:", "", "| theme | facts |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in f.groupby("theme").size().items()]
    return "\n".join(lines)


def main() -> None:
    readme = paths.DATA_DIR / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = re.sub(r"(<!-- counts:start[^>]*-->\n).*?(<!-- counts:end -->)",
                 lambda m: m.group(1) + counts_block() + "\n" + m.group(2), text, flags=re.S)
    readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
