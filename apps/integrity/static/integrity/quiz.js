// The knowledge-contest page: a countdown that hands in at zero, and autosave.
// The server keeps the real clock; this only mirrors it.
(function () {
  "use strict";
  var form = document.querySelector("[data-quiz-form]");
  var timer = document.querySelector("[data-quiz-timer]");
  if (!form || !timer) { return; }
  var status = form.querySelector("[data-save-status]");
  var endsAt = Date.now() + parseInt(timer.getAttribute("data-seconds-left"), 10) * 1000;
  var handedIn = false;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function handIn() {
    if (handedIn) { return; }
    handedIn = true;
    form.removeAttribute("data-confirm");
    form.submit();
  }
  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    timer.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    if (left <= 60) { timer.classList.add("text-danger"); }
    if (left === 0) { handIn(); return; }
    window.setTimeout(tick, 500);
  }
  tick();

  // A confirmation only when the participant hands in by hand.
  var button = form.querySelector("button[type=submit]");
  if (button) {
    button.addEventListener("click", function (event) {
      var text = button.getAttribute("data-confirm");
      if (text && !window.confirm(text)) { event.preventDefault(); }
    });
  }

  form.addEventListener("change", function () {
    if (handedIn) { return; }
    fetch(form.getAttribute("data-save-url"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin"
    }).then(function (response) {
      if (status) { status.textContent = response.ok ? status.getAttribute("data-saved") || "✓" : ""; }
      if (response.status === 409) { handIn(); }
    }).catch(function () { /* the final hand-in still carries every answer */ });
  });
})();
