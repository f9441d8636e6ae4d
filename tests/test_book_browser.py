"""The HTML book in a real browser (Debian's chromium driven by Playwright): every page loads from
127.0.0.1 with no request leaving the machine, no console errors, every image loads and has alt text,
internal links resolve, search finds Chinese and English words, and axe-core finds no serious or
critical accessibility violations."""
import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, in_ci

HTML = ROOT / "_build" / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SKIP_DIRS = {"_static", "_sources", "_downloads", "_images", "_sphinx_design_static"}


def pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html") if not (set(p.relative_to(HTML).parts) & SKIP_DIRS)
                  and p.name not in {"genindex.html", "search.html"})


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make book` first")
        pytest.skip("_build/html missing: run `make book` to test the HTML book")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


def open_page(browser, url):
    """A page that records console errors and every request, and blocks any non-local one."""
    page = browser.new_page()
    log = {"external": [], "errors": []}

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:
            log["external"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, log


def test_pages_load_locally_without_errors(server, browser):
    problems = []
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        page, log = open_page(browser, f"{server}/{rel}")
        broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                               ".map(i => i.getAttribute('src'))")
        no_alt = page.evaluate("Array.from(document.querySelectorAll('figure img, .cell_output img'))"
                               ".filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.getAttribute('src'))")
        links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
        for url in links:
            u = urlparse(url)
            if u.hostname != "127.0.0.1":
                continue
            target = HTML / unquote(u.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{rel}: broken link {url}")
        problems += [f"{rel}: request left the machine: {u}" for u in log["external"]]
        problems += [f"{rel}: console error: {e}" for e in log["errors"]]
        problems += [f"{rel}: image failed to load: {s}" for s in broken]
        problems += [f"{rel}: image without alt text: {s}" for s in no_alt]
        page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("query", ["衡阳", "transmission"])
def test_search_finds(server, browser, query):
    page, log = open_page(browser, f"{server}/search.html?q={query}")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    hits = page.locator("#search-results ul.search li").count()
    page.close()
    assert hits > 0 and not log["external"], (hits, log)


def test_accessibility_axe(server, browser):
    import axe_core_python

    axe_js = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    problems = []
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        page, _ = open_page(browser, f"{server}/{rel}")
        page.add_script_tag(content=axe_js)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                problems.append(f"{rel}: {v['id']} ({v['impact']}): {v['help']} {targets}")
        page.close()
    assert not problems, "\n".join(problems)
