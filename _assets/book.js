/* The book's own reader aids (no library, no network):
   - a table that is wider than its column says so: its wrapper gets a visible "scroll" cue and edge
     shadows on the side that has more to show, and can be scrolled from the keyboard;
   - a chart opens full screen, at its natural size, on click, tap, Enter or Space, and closes on
     Escape, the close button or a tap outside the picture. */
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

  function setUpTables() {
    var wrappers = Array.prototype.slice.call(document.querySelectorAll(TABLE_WRAPPERS));
    wrappers.forEach(function (wrapper) {
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
      markOverflow(wrapper);
    });
    window.addEventListener("resize", function () { wrappers.forEach(markOverflow); });
  }

  var viewer = null;

  function buildViewer() {
    var dialog = document.createElement("dialog");
    dialog.className = "book-chart-viewer";
    dialog.setAttribute("aria-label", "Chart, full screen");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "book-chart-close";
    close.textContent = "Close \u00d7";
    close.addEventListener("click", function () { dialog.close(); });
    var frame = document.createElement("div");
    frame.className = "book-chart-frame";
    var picture = document.createElement("img");
    frame.appendChild(picture);
    dialog.appendChild(close);
    dialog.appendChild(frame);
    // a tap on the backdrop or the empty frame closes; a tap on the picture does not (it may be a pan)
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target === frame) { dialog.close(); }
    });
    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("book-viewer-open");
      if (dialog.opener) { dialog.opener.focus(); }
    });
    document.body.appendChild(dialog);
    return {dialog: dialog, picture: picture, close: close};
  }

  function openChart(img, trigger) {
    viewer = viewer || buildViewer();
    viewer.picture.src = img.currentSrc || img.src;
    viewer.picture.alt = img.alt;
    // natural size, and never smaller than the screen is wide: the point is to be able to read it
    viewer.picture.style.width = Math.max(img.naturalWidth, window.innerWidth) + "px";
    viewer.dialog.opener = trigger;
    document.documentElement.classList.add("book-viewer-open");
    viewer.dialog.showModal();
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
