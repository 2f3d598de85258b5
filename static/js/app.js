// The project's own behaviour. No inline scripts: the content-security policy forbids them.
(function () {
  "use strict";
  // Elements that ask for a confirmation before submitting: data-confirm="…".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var text = form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) {
      event.preventDefault();
    }
  });
  // Bars whose width comes from data-progress (inline style attributes are not allowed).
  function applyProgress(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      bar.style.width = bar.getAttribute("data-progress") + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { applyProgress(document); });
  document.addEventListener("htmx:afterSwap", function (event) { applyProgress(event.target); });
})();
