// The review page's filters: by cleaner, flag kind, document and text. The page
// is complete without this script; it only hides and dims what is filtered out.
// Filters can be preset from the URL fragment: #cleaner=NAME&kind=typo&doc=ID&q=TEXT
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var field = function (id) { return document.getElementById(id); };
  var cleaner = field("f-cleaner"), kind = field("f-kind"), doc = field("f-doc");
  var search = field("f-search"), removed = field("f-removed"), count = field("shown-count");
  var words = function (el, name) { return (el.getAttribute(name) || "").split(" "); };

  function matches(article) {
    if (cleaner.value && words(article, "data-cleaners").indexOf(cleaner.value) < 0) return false;
    if (kind.value === "any" && !article.getAttribute("data-kinds")) return false;
    if (kind.value && kind.value !== "any" && words(article, "data-kinds").indexOf(kind.value) < 0) return false;
    if (doc.value && article.getAttribute("data-id") !== doc.value) return false;
    var q = search.value.trim().toLowerCase();
    return !q || article.textContent.toLowerCase().indexOf(q) >= 0;
  }

  function apply() {
    var shown = 0;
    docs.forEach(function (article) {
      var ok = matches(article);
      article.hidden = !ok;
      if (ok) shown += 1;
      article.querySelectorAll("[data-cleaner]").forEach(function (el) {
        el.classList.toggle("dim", !!cleaner.value && el.getAttribute("data-cleaner") !== cleaner.value);
      });
    });
    document.body.classList.toggle("hide-removed", !removed.checked);
    count.textContent = shown + " of " + docs.length + " documents shown";
    count.setAttribute("data-shown", String(shown));
  }

  function fromHash() {
    var keys = { cleaner: cleaner, kind: kind, doc: doc, q: search };
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) return;
      var el = keys[decodeURIComponent(pair.slice(0, at))];
      if (el) el.value = decodeURIComponent(pair.slice(at + 1));
    });
  }

  [cleaner, kind, doc, removed].forEach(function (el) { el.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
