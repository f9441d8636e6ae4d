"""Screenshots of every chapter at desktop and phone widths (``make screenshots``), for people to look at.

    python -m industrybook.tooling.screens OUTDIR
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from industrybook.data import paths
from industrybook.tooling.serve import serve

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(out: str) -> None:
    from playwright.sync_api import sync_playwright

    html = paths.ROOT / "_build" / "html"
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)

    httpd = serve(html)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                    "--no-first-run", "--disable-background-networking"])
        for page_path in sorted((html / "chapters").glob("*.html")) + [html / "intro.html"]:
            for name, (w, h) in SIZES.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(f"{base}/{page_path.relative_to(html).as_posix()}", wait_until="networkidle")
                target = outdir / f"{page_path.stem}-{name}.png"
                page.screenshot(path=str(target), full_page=True)
                page.close()
                print(target)
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "_build/screenshots")
