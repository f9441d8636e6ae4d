/* Provenance cards (the book's own, no library, no network). Every number the book glues from
   the data is a link to its entry in the Facts appendix (or, for a derived number, to the entry at
   the end of its page); beside the link, industrybook.tooling.sphinxext writes a hidden card with
   the value as printed, the locator phrase, the source and the period. This script shows that card
   while the link is hovered or has keyboard focus, hides it on Escape, on blur and when the pointer
   leaves, and ties it to the link with aria-describedby so that a screen reader reads it too. */
(function () {
  "use strict";

  var LINKS = ".prov > a.reference";

  function cardOf(link) {
    var card = link.parentNode.querySelector(".prov-card");
    return card && card.id ? card : null;
  }

  function place(link, card) {
    // below the number, kept inside the viewport (a phone is 390 px wide)
    card.style.left = "0px";
    card.style.top = "0px";
    var box = link.getBoundingClientRect();
    var width = card.offsetWidth;
    var left = Math.min(Math.max(8, box.left), Math.max(8, window.innerWidth - width - 8));
    var top = box.bottom + 6;
    if (top + card.offsetHeight > window.innerHeight - 8 && box.top - card.offsetHeight - 6 > 8) {
      top = box.top - card.offsetHeight - 6;  // no room below: above
    }
    card.style.left = left + "px";
    card.style.top = top + "px";
  }

  function show(link) {
    var card = cardOf(link);
    if (!card) { return; }
    document.querySelectorAll(".prov-card.prov-open").forEach(function (open) {
      if (open !== card) { hide(open); }
    });
    card.hidden = false;
    card.classList.add("prov-open");
    place(link, card);
  }

  function hide(card) {
    if (card) {
      card.hidden = true;
      card.classList.remove("prov-open");
    }
  }

  function setUp() {
    document.querySelectorAll(LINKS).forEach(function (link) {
      var card = cardOf(link);
      if (!card) { return; }
      link.setAttribute("aria-describedby", card.id);
      link.classList.add("prov-link");
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("mouseleave", function () { hide(card); });
      link.addEventListener("blur", function () { hide(card); });
      link.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { hide(card); }
      });
    });
    // focusing a link scrolls it into view: an open card follows its link rather than closing
    window.addEventListener("scroll", function () {
      document.querySelectorAll(".prov-card.prov-open").forEach(function (card) {
        var link = card.parentNode.querySelector("a.reference");
        if (link) { place(link, card); }
      });
    }, { passive: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
