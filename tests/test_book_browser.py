"""The HTML book in a real browser (Debian's chromium driven by Playwright): every page loads from
127.0.0.1 with no request leaving the machine, no console errors, every image loads and has alt text,
internal links resolve, search finds Chinese and English words, and axe-core finds no serious or
critical accessibility violations. At phone (390 px) and desktop (1280 px) widths no page scrolls
sideways, wide tables scroll inside their wrapper with a visible cue and a readable caption, no
formula in a table is cut off, a wide display formula shows that it scrolls, one search box shows,
and a chart says on a phone that it enlarges and opens full screen on a tap or on Enter."""
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT, in_ci
from industrybook.tooling.serve import serve

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


WIDTHS = {"phone": 390, "desktop": 1280}


def open_page(browser, url, width=1280, height=720):
    """A page that records console errors and every request, and blocks any non-local one."""
    page = browser.new_page(viewport={"width": width, "height": height})
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


# What a reader sees of the layout: the page's own horizontal scroll, each table wrapper (does it
# overflow, can it scroll, is the cue shown, does the caption fit the screen), the search controls
# on show, and whether each chart is a keyboard-reachable button.
LAYOUT_JS = """() => {
  // solutions (sphinx-togglebutton dropdowns) open, so their code is measured too
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
  const root = document.documentElement;
  // a line break inside a word of a table (between two letters or digits, or in a date after its
  // hyphen: "Hengyan|g", "2023-|04"); text on either side of math or in another paragraph is not one word
  const splits = [];
  document.querySelectorAll('.bd-article table td, .bd-article table th, .bd-article table caption').forEach(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let before = '', last = null, lastTop = null, block = null, node;
    while ((node = walker.nextNode())) {
      // a formula is MathJax's to lay out (its hidden assistive copy holds the text): not words
      if (node.parentElement.closest('mjx-container')) continue;
      const b = node.parentElement.closest('p, li, div, td, th, caption');
      if (b !== block) { block = b; before = ''; last = null; lastTop = null; }
      for (let i = 0; i < node.data.length; i++) {
        const c = node.data[i];
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (r && r.width > 0) {
          const top = Math.round(r.top);
          const inWord = /[A-Za-z0-9]/.test(before.slice(-1)) || /[0-9]-$/.test(before);
          if (lastTop !== null && top > lastTop + 2 && inWord && /[A-Za-z0-9]/.test(c)) {
            let math = null;
            if (last.node !== node) {
              const between = document.createRange(); between.setStart(last.node, last.i + 1); between.setEnd(node, i);
              math = between.cloneContents().querySelector('mjx-container, .math, br');
            }
            if (!math) splits.push(before.slice(-16) + '|' + node.data.slice(i, i + 8));
          }
          lastTop = top; last = {node, i};
        }
        before = (before + c).slice(-20);
      }
    }
  });
  // the element that reaches furthest right, to the sub-pixel (scrollWidth is rounded: a mark that
  // ends at 390.9 px on a 390 px screen still pushes the page sideways); what a scrolling or
  // clipping box holds, and what is fixed to the screen, cannot
  let overhang = {right: 0, what: ''};
  (function walk(parent) {
    for (const e of parent.children) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.position === 'fixed') continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > overhang.right)
        overhang = {right: r.right, what: e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
          ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' "' + (e.textContent || '').trim().slice(0, 40) + '"'};
      if (s.overflowX === 'visible') walk(e);
    }
  })(document.body);
  const footer = document.querySelector('.prev-next-area');
  return {
    splits, overhang,
    prevNext: footer ? Array.from(footer.querySelectorAll('a')).map(a => {
      const r = a.getBoundingClientRect(); return {width: r.width, top: r.top, bottom: r.bottom}; }) : [],
    footerWidth: footer ? footer.getBoundingClientRect().width : 0,
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
    tables: Array.from(document.querySelectorAll('.bd-article table')).map(t => {
      const w = t.closest('.pst-scrollable-table-container'); const cap = t.querySelector('caption');
      const cue = w && w.previousElementSibling && w.previousElementSibling.classList.contains('book-scroll-cue')
        ? w.previousElementSibling : null;
      return {id: t.id || (cap ? cap.textContent.trim().slice(0, 40) : '?'), wrapped: !!w,
        overflows: w ? w.scrollWidth > w.clientWidth + 1 : t.getBoundingClientRect().right > root.clientWidth,
        hidden: w ? w.scrollWidth - w.clientWidth : 0,
        scrollable: w ? ['auto', 'scroll'].includes(getComputedStyle(w).overflowX) : false,
        cue: !!cue && visible(cue), marked: !!w && w.classList.contains('book-more-right'),
        focusable: !!w && w.tabIndex === 0,
        columns: Math.max(0, ...Array.from(t.rows).map(r => r.cells.length)),
        proseColumns: new Set(Array.from(t.querySelectorAll('td.book-prose')).map(c => c.cellIndex)).size,
        // a table that stacks on a phone: is each body cell a block under its column's name?
        stacks: t.classList.contains('book-stack'),
        // the cells that hold something (an empty one has no line in a card)
        cells: t.tBodies.length ? Array.from(t.tBodies[0].rows).reduce((n, r) =>
          n + Array.from(r.cells).filter(c => c.textContent.trim()).length, 0) : 0,
        // a card's line with a column's name and nothing after it
        bareLabels: Array.from(t.querySelectorAll('tbody td')).filter(c => !c.textContent.trim()
          && getComputedStyle(c).display !== 'none'
          && !['none', 'normal', '""'].includes(getComputedStyle(c, '::before').content)).length,
        labelled: Array.from(t.querySelectorAll('tbody td')).filter(c => c.textContent.trim()).filter(c => {
          const before = getComputedStyle(c, '::before'); const th = t.tHead && t.tHead.rows[0].cells[c.cellIndex];
          return getComputedStyle(c).display === 'block' && before.display !== 'none' && th
            && before.content === JSON.stringify(th.textContent.trim()); }).length,
        narrowProse: Array.from(t.querySelectorAll('td:not(.text-right)')).filter(c =>
          c.innerText.trim().length >= 40 && c.getBoundingClientRect().width < 150).length,
        captionRight: cap ? Math.round(cap.getBoundingClientRect().right) : 0};
    }),
    // a formula in a table cell cut off inside its box (MathJax 3 breaks no line), or running past its cell
    cellMath: document.querySelectorAll('.bd-article td mjx-container, .bd-article td .book-formula').length,
    clippedCellMath: Array.from(document.querySelectorAll('.bd-article td mjx-container, .bd-article td .book-formula'))
      .filter(m => visible(m) && (m.scrollWidth > m.clientWidth + 1
        || m.getBoundingClientRect().right > m.closest('td').getBoundingClientRect().right + 1))
      .map(m => (m.closest('table').id || '?') + ': ' + (m.tagName === 'MJX-CONTAINER'
        ? (m.querySelector('mjx-assistive-mml') || m).textContent : m.textContent).trim().slice(0, 60)
        + ' (' + (m.scrollWidth - m.clientWidth) + ' px hidden)'),
    // a display formula wider than its line, with no shadow at its edge to say it scrolls
    displayMath: Array.from(document.querySelectorAll('.bd-article div.math mjx-container')).filter(visible).length,
    wideDisplayMath: Array.from(document.querySelectorAll('.bd-article div.math mjx-container'))
      .filter(m => visible(m) && m.scrollWidth > m.clientWidth + 1)
      .map(m => (m.querySelector('mjx-assistive-mml') || m).textContent.trim().slice(0, 40)
        + ' (' + (m.scrollWidth - m.clientWidth) + ' px more)'),
    uncuedDisplayMath: Array.from(document.querySelectorAll('.bd-article div.math mjx-container'))
      .filter(m => visible(m) && m.scrollWidth > m.clientWidth + 1
        && !(['auto', 'scroll'].includes(getComputedStyle(m).overflowX)
             && (getComputedStyle(m).backgroundImage.match(/radial-gradient/g) || []).length === 2))
      .map(m => (m.querySelector('mjx-assistive-mml') || m).textContent.trim().slice(0, 60)),
    // a formula's symbol and its "= value" (bound by no-break spaces) on two lines: "q =" / "28.20°N"
    partedSymbols: (() => {
      const found = [], walker = document.createTreeWalker(document.querySelector('.bd-article'), NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        if (node.data !== '\u00a0=\u00a0') continue;
        const symbol = node.previousSibling, value = node.nextSibling;
        if (!symbol || !value || symbol.nodeType !== 1 || value.nodeType !== 1 || !visible(symbol)) continue;
        const s = symbol.getClientRects(), v = value.getClientRects();
        if (s.length && v.length && v[0].top >= s[s.length - 1].bottom - 1)
          found.push((symbol.textContent + ' = ' + value.textContent).slice(0, 50));
      }
      return found; })(),
    symbolsBound: document.querySelectorAll('.bd-article').length
      && Array.from(document.querySelectorAll('.bd-article *')).filter(e => e.nextSibling
        && e.nextSibling.nodeType === 3 && e.nextSibling.data === '\u00a0=\u00a0').length,
    // an equation's number on its formula's line (where it takes the formula's room)
    eqnoBeside: Array.from(document.querySelectorAll('.bd-article div.math > .eqno')).filter(n => {
      const m = n.parentElement.querySelector('mjx-container'); if (!m || !visible(n)) return false;
      return n.getBoundingClientRect().bottom > m.getBoundingClientRect().top + 1; })
      .map(n => n.textContent.trim()),
    eqnos: document.querySelectorAll('.bd-article div.math > .eqno').length,
    // a raised exponent of a formula cell broken across lines ("2024" / "− 2020")
    brokenExponents: Array.from(document.querySelectorAll('.bd-article .book-formula sup'))
      .filter(e => visible(e) && e.getClientRects().length > 1).map(e => e.textContent),
    exponents: document.querySelectorAll('.bd-article .book-formula sup').length,
    // a display formula reaching past its block's left edge, where no scrolling can bring it back
    mathPastLeft: Array.from(document.querySelectorAll('.bd-article div.math > mjx-container')).filter(m => visible(m)
      && m.getBoundingClientRect().left < m.parentElement.getBoundingClientRect().left - 1)
      .map(m => (m.querySelector('mjx-assistive-mml') || m).textContent.trim().slice(0, 40)),
    // a citation's bracket on a line of its own ("[" / "Deng and Peng, 2023" / "]"): its first link
    // begins below the "[", or the "]" below its last link
    tableCitations: document.querySelectorAll('.bd-article td .bibtex-citation').length,
    strandedBrackets: Array.from(document.querySelectorAll('.bd-article td .bibtex-citation')).filter(c => {
      const links = c.querySelectorAll('a'), open = c.firstChild, close = c.lastChild;
      if (!links.length || !visible(links[0]) || open.nodeType !== 3 || close.nodeType !== 3) return false;
      const rects = node => { const r = document.createRange(); r.selectNodeContents(node);
        return Array.from(r.getClientRects()).filter(x => x.width > 0); };
      const o = rects(open), e = rects(close), first = links[0].getClientRects()[0],
        lastRects = links[links.length - 1].getClientRects(), last = lastRects[lastRects.length - 1];
      return (o.length && first.top >= o[o.length - 1].bottom - 1) || (e.length && e[0].top >= last.bottom - 1); })
      .map(c => c.textContent.trim().slice(0, 40)),
    chartHints: Array.from(document.querySelectorAll('figure .book-chart-trigger .book-chart-hint')).filter(visible).length,
    codeScrolls: Array.from(document.querySelectorAll('.bd-article div.highlight pre'))
      .filter(p => p.offsetParent && p.scrollWidth > p.clientWidth + 1).length,
    search: Array.from(document.querySelectorAll('.search-button-field, .search-button, input[type=search]'))
      .filter(visible).length,
    charts: Array.from(document.querySelectorAll('figure img, .cell_output img')).map(i => {
      const t = i.closest('a[href]') || i;
      return {src: i.getAttribute('src'), button: t.classList.contains('book-chart-trigger') && t.tabIndex === 0
        && (t.tagName === 'A' || t.getAttribute('role') === 'button')}; }),
  };
}"""


def layout(page) -> dict:
    return page.evaluate(LAYOUT_JS)


@pytest.fixture(scope="module")
def layouts(server, browser):
    """Every page at each reading width: {(width name, page): layout}."""
    found = {}
    for name, width in WIDTHS.items():
        for path in pages():
            rel = path.relative_to(HTML).as_posix()
            page, _ = open_page(browser, f"{server}/{rel}", width=width, height=844)
            found[(name, rel)] = layout(page)
            page.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(layouts, width):
    """Nothing on the page reaches past the screen's right edge, by even a fraction of a pixel (at
    session 22 the "#" link mark of a heading in metro_area ended at 390.9 px: scrollWidth 391)."""
    problems = [f"{rel}: scrollWidth {v['scrollWidth']} > clientWidth {v['clientWidth']}"
                for (name, rel), v in layouts.items() if name == width and v["scrollWidth"] > v["clientWidth"]]
    problems += [f"{rel}: {v['overhang']['what']} ends at {v['overhang']['right']:.1f} px > {v['clientWidth']}"
                 for (name, rel), v in layouts.items()
                 if name == width and v["overhang"]["right"] > v["clientWidth"] + 0.01]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_formula_in_a_table_is_cut_off(layouts, width):
    """Every formula in a table cell is whole on screen: a derived measure's formula is Unicode text
    that wraps (industrybook.text.formula.formula_role). As MathJax math in a 13rem box, 62 were cut
    off at both widths (19 in metro_area, 10 in science_policy, the longest missing 461 px at 1280 px:
    "(n₁+n₂)/(n₁+n₂+n₃+"), with no sign that they scrolled."""
    problems = {rel: v["clippedCellMath"][:5] for (name, rel), v in layouts.items() if name == width and v["clippedCellMath"]}
    assert sum(v["cellMath"] for (name, _), v in layouts.items() if name == width) >= 100, "too few formulas to test"
    assert not problems, problems


@pytest.mark.parametrize("width", WIDTHS)
def test_no_exponent_is_broken(layouts, width):
    """A formula cell's raised exponent stays on one line: at 1280 px "(1 + g/100)^(2024 − 2020)" in
    science_policy's derived-measures table printed "2024" raised and "− 2020" on the next line."""
    problems = {rel: v["brokenExponents"] for (name, rel), v in layouts.items() if name == width and v["brokenExponents"]}
    assert sum(v["exponents"] for (name, _), v in layouts.items() if name == width) >= 5, "too few exponents to test"
    assert not problems, problems


@pytest.mark.parametrize("width", WIDTHS)
def test_no_symbol_is_parted_from_its_value(layouts, width):
    """A formula's input reads "q = 28.20°N, 112.91°E" on one line: at 390 px 56 inputs broke after
    "q =" (a math box, and a table link made an inline-block tap target, are places to break even
    after a no-break space)."""
    problems = {rel: v["partedSymbols"][:4] for (name, rel), v in layouts.items() if name == width and v["partedSymbols"]}
    assert sum(v["symbolsBound"] for (name, _), v in layouts.items() if name == width) >= 100, "too few inputs to test"
    assert not problems, problems


@pytest.mark.parametrize("width", WIDTHS)
def test_no_citation_bracket_stands_alone(layouts, width):
    """A citation in a table reads "[Deng and Peng, 2023]": at 390 px Table D.1's brackets stood on
    lines of their own (its link was an inline-block tap target, a place to break)."""
    problems = {rel: v["strandedBrackets"][:4] for (name, rel), v in layouts.items() if name == width and v["strandedBrackets"]}
    assert sum(v["tableCitations"] for (name, _), v in layouts.items() if name == width) >= 5, "too few citations to test"
    assert not problems, problems


def test_equation_numbers_stand_above_their_formulas_on_a_phone(layouts):
    """At 390 px equation (D.1)'s number stood beside its formula and took its room: the formula was
    cut off at "facto", to be scrolled. On a phone the number has a line of its own; at 1280 px it
    stays beside the formula."""
    phone = {rel: v["eqnoBeside"] for (name, rel), v in layouts.items() if name == "phone" and v["eqnoBeside"]}
    assert sum(v["eqnos"] for (name, _), v in layouts.items() if name == "phone") >= 1, "no numbered equation to test"
    assert not phone, phone
    assert all(v["eqnoBeside"] or not v["eqnos"] for (name, _), v in layouts.items() if name == "desktop")
    # set on its own line, a wide formula stays inside its block (centred, it ran 36 px past the left)
    past = {f"{name} {rel}": v["mathPastLeft"] for (name, rel), v in layouts.items() if v["mathPastLeft"]}
    assert not past, past


def test_display_formulas_fit_a_phone(layouts):
    """At 390 px every display formula fits its column. On the stop-24 build nine, on seven pages,
    were up to 255 px wider and scrolled (two or three formulas set side by side with \\qquad; the
    haversine on one line; equation D.1 in words): they are set one equation a line now. A formula
    that is still wider must scroll inside its line, never the page, with a shadow at the edge."""
    phone = {rel: v for (name, rel), v in layouts.items() if name == "phone"}
    assert sum(v["displayMath"] for v in phone.values()) >= 12, "too few display formulas to test"
    wide = {rel: v["wideDisplayMath"] for rel, v in phone.items() if v["wideDisplayMath"]}
    assert not wide, wide
    uncued = {rel: v["uncuedDisplayMath"][:5] for rel, v in phone.items() if v["uncuedDisplayMath"]}
    assert not uncued, uncued


def test_charts_say_they_enlarge_on_a_phone_only(layouts):
    """At 390 px every chart shows its "Tap to enlarge" label (session 23's proof-read: no sign that a
    chart could be opened); at 1280 px with a mouse none does (the pointer changes to zoom-in)."""
    for width, shown in (("phone", True), ("desktop", False)):
        problems = [f"{rel}: {v['chartHints']} labels for {len(v['charts'])} charts" for (name, rel), v in layouts.items()
                    if name == width and v["chartHints"] != (len(v["charts"]) if shown else 0)]
        assert not problems, f"at {WIDTHS[width]} px: " + "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_code_blocks_wrap(layouts, width):
    """No code block, solutions included, scrolls sideways: long lines wrap."""
    problems = {rel: v["codeScrolls"] for (name, rel), v in layouts.items() if name == width and v["codeScrolls"]}
    assert not problems, problems


def test_wide_tables_scroll_with_a_visible_cue(layouts):
    """At 390 px a table wider than the column scrolls inside its wrapper, says so above itself,
    shows its fade on the side with more, takes keyboard focus, and keeps its caption on screen."""
    wide = [(rel, t) for (name, rel), v in layouts.items() if name == "phone" for t in v["tables"] if t["overflows"]]
    assert wide, "no table overflows at 390 px: the cue checks below would test nothing"
    problems = [f"{rel} {t['id']}: {what}" for rel, t in wide for what, bad in [
        ("not in a scrolling wrapper", not (t["wrapped"] and t["scrollable"])),
        ("no visible scroll cue", not t["cue"]), ("no fade on the right", not t["marked"]),
        ("wrapper not focusable", not t["focusable"]),
        (f"caption runs off screen (right edge {t['captionRight']} px)", t["captionRight"] > WIDTHS["phone"]),
    ] if bad]
    assert not problems, "\n".join(problems)
    narrow_with_cue = [f"{rel} {t['id']}" for (name, rel), v in layouts.items() for t in v["tables"]
                       if not t["overflows"] and t["cue"]]
    assert not narrow_with_cue, f"cue shown on tables that fit: {narrow_with_cue}"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_in_a_table_is_split(layouts, width):
    """Table cells break lines between words, or inside a long id after _ / . | ; (the <wbr> of
    tooling/htmlbreaks.py), never inside a word or a date: stop 20's CSS (overflow-wrap: anywhere)
    printed "Hengyan|g Daily" and "hy20230|4" in 12 pages' tables at 1280 px."""
    problems = {rel: v["splits"][:5] for (name, rel), v in layouts.items() if name == width and v["splits"]}
    assert not problems, problems


def test_prose_columns_stay_readable_on_a_phone(layouts):
    """At 390 px a column of sentences keeps a readable width (book.js, book.css: at least 12rem)
    instead of a word or two a line; stop 20's build squeezed such cells to 80-149 px on 12 pages."""
    narrow = {f"{rel} {t['id']}": t["narrowProse"] for (name, rel), v in layouts.items() if name == "phone"
              for t in v["tables"] if t["narrowProse"]}
    assert not narrow, narrow


def test_tables_fit_the_column_at_desktop_width(layouts):
    """At 1280 px no table is wider than the text column (book.css: a smaller table face; long ids
    in cells break after _ / . | ;); on stop 19's build six tables were 5-217 px wider and scrolled."""
    wide = [f"{rel} {t['id']}" for (name, rel), v in layouts.items() if name == "desktop"
            for t in v["tables"] if t["overflows"]]
    assert not wide, f"tables wider than the column at {WIDTHS['desktop']} px: {wide}"


# A table this small fits a phone's column (390 px): up to five columns of labels, figures and
# dates, or three with one column of sentences. (A column of sentences keeps 150 px, the test
# above, so a table with two of them, or four columns beside one, may need to scroll.)
def is_small(table: dict) -> bool:
    return (table["proseColumns"] == 0 and table["columns"] <= 5) or (table["proseColumns"] <= 1 and table["columns"] <= 3)


def test_small_tables_fit_a_phone(layouts):
    """At 390 px a small table fits the column: text wraps, cells are set smaller and closer
    (book.css), a worded period may break before its year (tooling/unbroken.py), and its figures are
    in view rather than under the scroll fade. At stop 21 five of the nine scrolled: Table E.1 by
    11 px, hiding its only column of figures; Table 6.5 by 141 px."""
    small = [(rel, t) for (name, rel), v in layouts.items() if name == "phone" for t in v["tables"]
             if is_small(t) and not t["stacks"]]
    assert len(small) >= 8, f"only {len(small)} small tables: the check would test little"
    scrolling = [f"{rel} {t['id']} ({t['columns']} columns)" for rel, t in small if t["overflows"]]
    assert not scrolling, f"small tables that scroll at {WIDTHS['phone']} px: {scrolling}"


def test_the_register_stacks_on_a_phone_and_stays_a_table_on_a_desktop(layouts):
    """The reconciliation register (Table E.2: two columns of paragraphs and lists) is a column of cards
    at 390 px, each cell under its column's name and nothing scrolling sideways; at 1280 px it is the
    table it was, with no labels."""
    register = {name: next(t for t in v["tables"] if t["id"] == "rr-register")
                for (name, rel), v in layouts.items() if rel == "chapters/reconciliation.html"}
    phone, desktop = register["phone"], register["desktop"]
    assert phone["stacks"] and phone["cells"] > 2, phone
    assert not phone["overflows"] and not phone["cue"], phone
    assert phone["labelled"] == phone["cells"], f"{phone['labelled']} of {phone['cells']} cells labelled"
    assert not desktop["overflows"] and desktop["labelled"] == 0, desktop


def test_wide_tables_of_sentences_stack_on_a_phone(layouts):
    """At 390 px a table with a column of sentences that is wider than the column is a stack of cards
    (book.js, book.css), each cell under its column's name, as the register E.2 is: scrolled, its key
    column was the hidden one (session 22: Table 1.5's figures, Table 6.4's Hunan column, every
    derived table's inputs; Table 6.1 over 2,500 px tall). The chapter registers 1.8 and 2.7 are
    among them. At 1280 px every table is a table, with no labels."""
    phone = {(rel, t["id"]): t for (name, rel), v in layouts.items() if name == "phone" for t in v["tables"]}
    stacked = [t for t in phone.values() if t["stacks"]]
    assert len(stacked) >= 20, f"only {len(stacked)} tables stack at 390 px"
    problems = [f"{rel} {t['id']}: scrolls {t['hidden']} px, {t['proseColumns']} column(s) of sentences"
                for (rel, _), t in phone.items() if t["proseColumns"] and t["overflows"]]
    problems += [f"{rel} {t['id']}: {t['labelled']} of {t['cells']} cells labelled"
                 for (rel, _), t in phone.items() if t["stacks"] and t["labelled"] != t["cells"]]
    # an empty cell has no line ("Toolkit" with nothing after it, in Table 1.4's cards)
    problems += [f"{rel} {t['id']}: {t['bareLabels']} names with no value"
                 for (rel, _), t in phone.items() if t["bareLabels"]]
    for register in [("chapters/overview.html", "ov-tab-register"), ("chapters/new_materials.html", "tbl-nm-recs")]:
        assert phone[register]["stacks"], f"{register} does not stack"
    assert not problems, "\n".join(problems)
    desktop_labels = [f"{rel} {t['id']}" for (name, rel), v in layouts.items() if name == "desktop"
                      for t in v["tables"] if t["labelled"]]
    assert not desktop_labels, f"cells shown as cards at 1280 px: {desktop_labels}"


# A table that scrolls hides at least a column's worth; one that misses the column by a few pixels
# should fit (session 22: Table 6.2 scrolled for 8 px, the dictionary's money figures for 41 px).
LEAST_HIDDEN_PX = 48


def test_no_table_scrolls_for_a_few_pixels(layouts):
    nearly = [f"{rel} {t['id']}: {t['hidden']} px hidden" for (name, rel), v in layouts.items()
              if name == "phone" for t in v["tables"] if t["overflows"] and t["hidden"] < LEAST_HIDDEN_PX]
    assert not nearly, "\n".join(nearly)


def test_previous_and_next_stack_on_a_phone(layouts):
    """At 390 px the previous and next links are one under the other, each the footer's full width
    (session 22: two 45% columns set "1. Hengyang at a glance: ..." one word a line, 7-8 lines); at
    1280 px they stay side by side."""
    problems = []
    for (name, rel), v in layouts.items():
        links = v["prevNext"]
        if len(links) == 2 and name == "phone":
            first, second = links
            if second["top"] < first["bottom"] - 1:
                problems.append(f"{rel}: the links sit side by side")
        if name == "phone":
            problems += [f"{rel}: a link {link['width']:.0f} px wide in a {v['footerWidth']:.0f} px footer"
                         for link in links if link["width"] < 0.9 * v["footerWidth"]]
        elif len(links) == 2 and abs(links[0]["top"] - links[1]["top"]) > 1:
            problems.append(f"{rel} at {WIDTHS[name]} px: the links are stacked")
    assert any(len(v["prevNext"]) == 2 for v in layouts.values()), "no page has both links"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_one_search_box(layouts, width):
    counts = {rel: v["search"] for (name, rel), v in layouts.items() if name == width}
    assert set(counts.values()) == {1}, counts


def test_every_chart_opens_from_the_keyboard(layouts):
    """Each chart's trigger (its link, or the image as a button) is in the tab order."""
    charts = [(rel, c) for (name, rel), v in layouts.items() if name == "phone" for c in v["charts"]]
    assert charts
    assert not [f"{rel}: {c['src']}" for rel, c in charts if not c["button"]]


CHART_PAGE = "chapters/overview.html"


def viewer_state(page) -> dict:
    return page.evaluate("""() => { const d = document.querySelector('dialog.book-chart-viewer');
      if (!d) return {open: false};
      const r = d.getBoundingClientRect(); const img = d.querySelector('img');
      return {open: d.open, width: Math.round(r.width), height: Math.round(r.height),
              shown: Math.round(img.getBoundingClientRect().width), natural: img.naturalWidth,
              alt: img.alt, label: d.getAttribute('aria-label') || '', focused: document.activeElement.className,
              url: location.href}; }""")


def test_chart_opens_full_screen_on_tap_and_enter(server, browser):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{CHART_PAGE}", wait_until="load")
    chart = page.locator("figure .book-chart-trigger").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    small = box["width"]
    hint = chart.locator(".book-chart-hint")
    label = hint.bounding_box() if hint.is_visible() else None
    assert label and hint.inner_text() == "\u2922 Tap to enlarge", label
    assert box["x"] <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"] + 0.5, (label, box)
    page.touchscreen.tap(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)  # the label opens it too
    page.wait_for_selector("dialog.book-chart-viewer[open]", timeout=5000)
    tapped = viewer_state(page)
    page.keyboard.press("Escape")
    closed = viewer_state(page)
    focus_back = page.evaluate("document.activeElement === document.querySelector('figure .book-chart-trigger')")
    chart.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.book-chart-viewer[open]", timeout=5000)
    entered = viewer_state(page)
    page.keyboard.press("Enter")  # on the focused Close button
    after_close = viewer_state(page)
    chart.tap()
    page.wait_for_selector("dialog.book-chart-viewer[open]", timeout=5000)
    page.get_by_role("button", name="Zoom in").tap()
    zoomed = viewer_state(page)
    page.go_back()  # a phone's back gesture closes the chart, not the page
    page.wait_for_function("!document.querySelector('dialog.book-chart-viewer').open", timeout=5000)
    backed = viewer_state(page)
    context.close()
    assert tapped["open"] and tapped["width"] == WIDTHS["phone"] and tapped["height"] == 844, tapped
    assert tapped["shown"] >= max(tapped["natural"], WIDTHS["phone"]) > small, (tapped, small)
    assert tapped["alt"] and tapped["alt"] in tapped["label"] and "book-chart-close" in tapped["focused"], tapped
    assert not closed["open"] and focus_back, closed
    assert entered["open"] and not after_close["open"], (entered, after_close)
    assert zoomed["shown"] > tapped["shown"], (zoomed, tapped)
    assert not backed["open"] and backed["url"].endswith(CHART_PAGE), backed


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


# a page of each kind: derived tables and charts, a stacked register, the entries (one of them the
# target of a number's link, highlighted), the data dictionary, the exercises of a chapter
DARK_PAGES = ["chapters/overview.html", "chapters/reconciliation.html", "chapters/facts.html",
              "chapters/data_dictionary.html", "chapters/metro_area.html"]


def test_the_book_follows_a_dark_system_setting(server, browser, visits):
    """With the system set to dark the book is dark (pydata's default_mode auto), and every text passes
    axe's colour-contrast check (4.5:1), the highlighted entry a number's link lands on among them;
    each chart stays on a white panel, unfiltered, in the colours it was contrast-checked with."""
    import axe_core_python

    axe_js = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    entry = next(u for v in visits.values() for u in v["links"] if "facts.html#fact-" in u)
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 844})
    found = {}
    for url in [f"{server}/{rel}" for rel in DARK_PAGES] + [entry]:
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=60000)
        page.wait_for_timeout(300)
        page.add_script_tag(content=axe_js)
        found[url] = {
            "theme": page.evaluate("document.documentElement.dataset.theme"),
            "contrast": page.evaluate("axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})")["violations"],
            "charts": page.evaluate("""Array.from(document.querySelectorAll('figure img')).map(i => {
              const s = getComputedStyle(i); return s.filter === 'none' && s.backgroundColor === 'rgb(255, 255, 255)'; })"""),
        }
        page.close()
    context.close()
    assert {v["theme"] for v in found.values()} == {"dark"}, {u: v["theme"] for u, v in found.items()}
    problems = [f"{url}: {n['target']} {n['any'][0]['message'][:90] if n['any'] else ''}"
                for url, v in found.items() for x in v["contrast"] for n in x["nodes"]]
    assert not problems, "\n".join(problems[:20])
    charts = [ok for v in found.values() for ok in v["charts"]]
    assert charts and all(charts), charts


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


def layout_of_page(folder: Path, browser, name: str) -> dict:
    """The layout of one test page in ``folder``, served and seen at phone width."""
    httpd = serve(folder)
    try:
        page, _ = open_page(browser, f"http://127.0.0.1:{httpd.server_address[1]}/{name}", width=WIDTHS["phone"])
        found = layout(page)
        page.close()
    finally:
        httpd.shutdown()
    return found


def test_the_layout_checks_can_fail(tmp_path, browser):
    """A 600 px literal on a 390 px page, a wide table with no wrapper, two search fields, a code
    block that scrolls, words split inside a table (anywhere; a date at its hyphen) and a citation's
    brackets on lines of their own are caught."""
    (tmp_path / "wide.html").write_text(
        '<html lang="en"><body><article class="bd-article"><p><code style="white-space:nowrap">'
        + "x" * 80 + '</code></p><table><caption>A caption</caption><tr>' + "<td>cell_cell_cell</td>" * 12
        + '</tr></table><table style="width:60px"><tr><td style="overflow-wrap:anywhere">Hengyang Daily</td>'
        + '<td style="width:40px">2023-04-20</td><td style="width:70px"><span class="bibtex-citation">['
        + '<a href="#" style="display:inline-block">Deng and Peng, 2023</a>]</span></td>'
        + '</tr></table><input type="search"><input type="search"><div class="highlight"><pre style="overflow:auto">'
        + "y" * 90 + '</pre></div></article></body></html>', encoding="utf-8")
    found = layout_of_page(tmp_path, browser, "wide.html")
    assert found["scrollWidth"] > found["clientWidth"]
    assert found["tables"][0]["overflows"] and not found["tables"][0]["wrapped"] and not found["tables"][0]["cue"]
    assert found["search"] == 2 and found["codeScrolls"] == 1
    assert [s for s in found["splits"] if s.replace("|", "").startswith("Heng")], found["splits"]
    assert [s for s in found["splits"] if "2023-|" in s], found["splits"]
    assert found["strandedBrackets"] == ["[Deng and Peng, 2023]"], found["strandedBrackets"]


def test_the_overhang_check_sees_a_fraction_of_a_pixel(tmp_path, browser):
    """A mark ending 0.6 px past a 390 px screen is found, though scrollWidth may round it away."""
    (tmp_path / "edge.html").write_text(
        '<html lang="en"><body style="margin:0"><article class="bd-article"><h2 style="margin:0">A heading'
        '<a style="display:inline-block;margin-left:389.6px;width:1px">#</a></h2></article></body></html>',
        encoding="utf-8")
    found = layout_of_page(tmp_path, browser, "edge.html")
    assert 390.01 < found["overhang"]["right"] < 391, found["overhang"]
