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
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT, in_ci

HTML = ROOT / "_build" / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SKIP_DIRS = {"_static", "_sources", "_downloads", "_images", "_sphinx_design_static"}


def pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html") if not (set(p.relative_to(HTML).parts) & SKIP_DIRS)
                  and p.name not in {"genindex.html", "search.html"})


def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").exists():
        if in_ci():
            pytest.fail("_build/html missing: run `make book` first")
        pytest.skip("_build/html missing: run `make book` to test the HTML book")
    httpd = serve(HTML)
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
    page.goto(url, wait_until="load", timeout=60000)
    try:  # let late requests (MathJax fonts, search index) start, so they are routed and checked
        page.wait_for_load_state("networkidle", timeout=10000)
    except PlaywrightTimeout:  # a busy machine: the page has loaded; go on rather than fail spuriously
        pass
    return page, log


@pytest.fixture(scope="module")
def visits(server, browser):
    """Visit every page once, recording what the tests below check: requests that left the machine,
    console errors, images that failed or lack alt text, links, and axe-core's violations."""
    import axe_core_python

    axe_js = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    found = {}
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        page, log = open_page(browser, f"{server}/{rel}")
        found[rel] = {
            **log,
            "broken": page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                                    ".map(i => i.getAttribute('src'))"),
            "no_alt": page.evaluate("Array.from(document.querySelectorAll('figure img, .cell_output img'))"
                                    ".filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.getAttribute('src'))"),
            "links": page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"),
        }
        page.add_script_tag(content=axe_js)
        found[rel]["axe"] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
        page.close()
    return found


def test_no_request_leaves_the_machine(visits):
    problems = [f"{rel}: {u}" for rel, v in visits.items() for u in v["external"]]
    assert not problems, "\n".join(problems)


def test_no_console_errors(visits):
    problems = [f"{rel}: {e}" for rel, v in visits.items() for e in v["errors"]]
    assert not problems, "\n".join(problems)


def test_images_load_and_have_alt_text(visits):
    problems = [f"{rel}: failed to load {s}" for rel, v in visits.items() for s in v["broken"]]
    problems += [f"{rel}: no alt text on {s}" for rel, v in visits.items() for s in v["no_alt"]]
    assert not problems, "\n".join(problems)
    assert sum(1 for v in visits.values() for _ in v["links"]) > 0


def test_internal_links_resolve(visits):
    problems = []
    for rel, v in visits.items():
        for url in v["links"]:
            u = urlparse(url)
            if u.hostname != "127.0.0.1":
                continue
            target = HTML / unquote(u.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{rel}: broken link {url}")
    assert not problems, "\n".join(problems)


def test_accessibility_axe(visits):
    problems = [f"{rel}: {x['id']} ({x['impact']}): {x['help']} {[n['target'] for n in x['nodes']][:3]}"
                for rel, v in visits.items() for x in v["axe"] if x["impact"] in ("serious", "critical")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("query", ["衡阳", "transmission"])
def test_search_finds(server, browser, query):
    page, log = open_page(browser, f"{server}/search.html?q={query}")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    hits = page.locator("#search-results ul.search li").count()
    page.close()
    assert hits > 0 and not log["external"], (hits, log)


def test_the_checks_can_fail(tmp_path, browser):
    """A page with a CDN script, a console error and a broken image is caught by open_page."""
    (tmp_path / "bad.html").write_text(
        '<html lang="en"><body><script src="https://cdn.example.org/x.js"></script>'
        '<script>console.error("boom")</script><img src="missing.png" alt=""></body></html>', encoding="utf-8")
    httpd = serve(tmp_path)
    try:
        page, log = open_page(browser, f"http://127.0.0.1:{httpd.server_address[1]}/bad.html")
        broken = page.evaluate("Array.from(document.images).filter(i => i.naturalWidth === 0).length")
        page.close()
    finally:
        httpd.shutdown()
    assert log["external"] == ["https://cdn.example.org/x.js"]
    assert any("boom" in e for e in log["errors"])
    assert broken == 1
