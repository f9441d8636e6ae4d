/* The book's own reader aids (no library, no network):
   - a table marked to stack on a phone (or, on a phone, too wide with a column of sentences) labels
     each cell with its column's heading;
   - a table that is wider than its column says so: its wrapper gets a visible "scroll" cue and edge
     shadows on the side that has more to show, and can be scrolled from the keyboard;
   - a chart opens full screen, at its natural size (never narrower than the screen), on click, tap,
     Enter or Space; it pans by scrolling (or dragging a finger), zooms with its + and - buttons (or
     the + and - keys), and closes on Escape, the close button, the browser's Back or a tap outside
     the picture. On a phone or a touch screen a chart carries a "Tap to enlarge" label. */
(function () {
  "use strict";

  var TABLE_WRAPPERS = ".pst-scrollable-table-container";
  var CHARTS = "figure img, .cell_output img";

  function markOverflow(wrapper) {
    var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
    wrapper.classList.toggle("book-scrolls", overflows);
    wrapper.classList.toggle("book-more-left", overflows && wrapper.scrollLeft > 1);
    wrapper.classList.toggle("book-more-right",
      overflows && wrapper.scrollLeft + wrapper.clientWidth < wrapper.scrollWidth - 1);
    var cue = wrapper.previousElementSibling;
    if (cue && cue.classList.contains("book-scroll-cue")) {
      cue.hidden = !overflows;
    }
  }

  var PROSE_CHARS = 40;  // a column holding a cell this long is read as prose, not scanned

  // A table squeezed into a phone's width gives every column its narrowest width, so a column of
  // sentences shows a word or two a line; its cells are marked, and book.css keeps them readably
  // wide (the table then scrolls, with its cue).
  function markProseColumns(table) {
    var longest = [];
    Array.prototype.forEach.call(table.rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        longest[i] = Math.max(longest[i] || 0, cell.innerText.trim().length);  // not the hidden provenance cards
      });
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (longest[i] >= PROSE_CHARS && !cell.classList.contains("text-right")) {
            cell.classList.add("book-prose");
          }
        });
      });
    });
  }

  // A table that stacks on a phone (class book-stack: each row a card, book.css) names each cell's
  // column beside it: the heading's text in the cell's data-label, which book.css shows before it.
  function labelStackedCells(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) { return; }
    var names = Array.prototype.map.call(head.cells, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          // an empty cell has no line in its card: a name with nothing after it ("Toolkit")
          if (!cell.textContent.trim() && !cell.querySelector("img, svg")) { cell.classList.add("book-empty"); }
          else if (names[i]) { cell.setAttribute("data-label", names[i]); }
        });
      });
    });
  }

  var PHONE = window.matchMedia("(max-width: 599.98px)");  // book.css's phone width

  // On a phone a table with a column of sentences or of formulas that is still wider than the
  // column becomes a stack of cards (book.css): scrolled, its key column (a figure, an event, the
  // inputs, the formula) would be the one hidden off-screen, and its sentences a few words a line. A table of short values keeps
  // scrolling, its headings over its columns. Once stacked it stays so; wider screens never stack.
  var FEW_PIXELS = 48;  // tests/test_book_browser.py LEAST_HIDDEN_PX: less than this is not worth a scroll
  function stackIfTooWide(wrapper) {
    var table = wrapper.querySelector("table");
    if (!PHONE.matches || !table || table.classList.contains("book-stack")) { return; }
    var hidden = wrapper.scrollWidth - wrapper.clientWidth;
    // a table that would scroll for a few pixels stacks too: the sliver it hides looks like a fault
    if (hidden > 1 && (hidden < FEW_PIXELS || table.querySelector("td.book-prose, td .book-formula"))) {
      table.classList.add("book-stack");
      labelStackedCells(table);
    }
  }

  function fitTables(wrappers) {
    wrappers.forEach(function (wrapper) {
      stackIfTooWide(wrapper);
      markOverflow(wrapper);
    });
  }

  function setUpTables() {
    Array.prototype.forEach.call(document.querySelectorAll("table.book-stack"), labelStackedCells);
    var wrappers = Array.prototype.slice.call(document.querySelectorAll(TABLE_WRAPPERS));
    wrappers.forEach(function (wrapper) {
      var table = wrapper.querySelector("table");
      if (table) { markProseColumns(table); }
      var cue = document.createElement("p");
      cue.className = "book-scroll-cue";
      cue.setAttribute("aria-hidden", "true");  // the region's label below says the same to a screen reader
      cue.textContent = "Table wider than the page: scroll sideways \u2192";
      cue.hidden = true;
      wrapper.parentNode.insertBefore(cue, wrapper);
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      var caption = wrapper.querySelector("caption");
      wrapper.setAttribute("aria-label", (caption ? caption.textContent.trim() + " " : "") + "(scrollable table)");
      wrapper.addEventListener("scroll", function () { markOverflow(wrapper); }, {passive: true});
    });
    fitTables(wrappers);
    // again once fonts and math have their final widths, and whenever the window changes
    window.addEventListener("load", function () { fitTables(wrappers); });
    window.addEventListener("resize", function () { fitTables(wrappers); });
  }

  var viewer = null;
  var ZOOM_STEP = 1.5;
  var MOST_ZOOM = 4;  // times the natural size: enough to read the smallest label on a phone

  function button(className, text, label, onPress) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    if (label) { b.setAttribute("aria-label", label); }
    b.addEventListener("click", onPress);
    return b;
  }

  // The picture's width in CSS pixels, from the screen's width up to MOST_ZOOM times the opening
  // width, with the point at the centre of the frame staying at the centre.
  function zoom(factor) {
    var frame = viewer.frame;
    var old = viewer.picture.getBoundingClientRect().width;
    var width = Math.min(Math.max(old * factor, window.innerWidth), viewer.openWidth * MOST_ZOOM);
    var centreX = (frame.scrollLeft + frame.clientWidth / 2) / old;
    var centreY = (frame.scrollTop + frame.clientHeight / 2) / old;
    viewer.picture.style.width = width + "px";
    frame.scrollLeft = centreX * width - frame.clientWidth / 2;
    frame.scrollTop = centreY * width - frame.clientHeight / 2;
  }

  function buildViewer() {
    var dialog = document.createElement("dialog");
    dialog.className = "book-chart-viewer";
    var tools = document.createElement("div");
    tools.className = "book-chart-tools";
    var zoomOut = button("book-chart-zoom", "\u2212", "Zoom out", function () { zoom(1 / ZOOM_STEP); });
    var zoomIn = button("book-chart-zoom", "+", "Zoom in", function () { zoom(ZOOM_STEP); });
    var close = button("book-chart-close", "Close \u00d7", "", function () { dialog.close(); });
    tools.appendChild(zoomOut);
    tools.appendChild(zoomIn);
    tools.appendChild(close);
    var frame = document.createElement("div");
    frame.className = "book-chart-frame";
    var picture = document.createElement("img");
    frame.appendChild(picture);
    dialog.appendChild(tools);
    dialog.appendChild(frame);
    // a tap on the backdrop or the empty frame closes; a tap on the picture does not (it may be a pan)
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target === frame) { dialog.close(); }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "+" || event.key === "=") { zoom(ZOOM_STEP); }
      if (event.key === "-" || event.key === "_") { zoom(1 / ZOOM_STEP); }
    });
    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("book-viewer-open");
      // closed by a button or Escape: take back the history entry that opening it added
      if (history.state && history.state.bookChartViewer) { history.back(); }
      if (dialog.opener) { dialog.opener.focus(); }
    });
    // the browser's Back (a phone's back gesture) closes the viewer instead of leaving the page
    window.addEventListener("popstate", function () {
      if (dialog.open) { dialog.close(); }
    });
    document.body.appendChild(dialog);
    return {dialog: dialog, picture: picture, close: close, frame: frame, openWidth: 0};
  }

  function openChart(img, trigger) {
    viewer = viewer || buildViewer();
    viewer.picture.src = img.currentSrc || img.src;
    viewer.picture.alt = img.alt;
    viewer.dialog.setAttribute("aria-label", "Chart, full screen" + (img.alt ? ": " + img.alt : ""));
    // natural size, and never smaller than the screen is wide: the point is to be able to read it
    viewer.openWidth = Math.max(img.naturalWidth, window.innerWidth);
    viewer.picture.style.width = viewer.openWidth + "px";
    viewer.dialog.opener = trigger;
    document.documentElement.classList.add("book-viewer-open");
    history.pushState({bookChartViewer: true}, "");
    viewer.dialog.showModal();
    viewer.frame.scrollLeft = 0;
    viewer.frame.scrollTop = 0;
    viewer.close.focus();
  }

  function setUpCharts() {
    Array.prototype.forEach.call(document.querySelectorAll(CHARTS), function (img) {
      // Sphinx links a scaled image to its file: that link becomes the trigger (and without this
      // script it still opens the picture); a bare image becomes a button.
      var link = img.closest("a[href]");
      var trigger = link || img;
      img.classList.add("book-chart");
      trigger.classList.add("book-chart-trigger");
      trigger.setAttribute("aria-haspopup", "dialog");
      trigger.title = "Open the chart full screen";
      if (link && img.closest("figure")) {
        // shown on a phone or a touch screen only (book.css); the link's name is the chart's alt
        // text and its title, so the label is hidden from screen readers
        var hint = document.createElement("span");
        hint.className = "book-chart-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "\u2922 Tap to enlarge";
        link.appendChild(hint);
      }
      if (!link) {
        img.setAttribute("tabindex", "0");
        img.setAttribute("role", "button");
      }
      trigger.addEventListener("click", function (event) {
        event.preventDefault();
        openChart(img, trigger);
      });
      trigger.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          openChart(img, trigger);
        }
      });
    });
  }

  function start() {
    setUpTables();
    setUpCharts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
