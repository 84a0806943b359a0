// Veil console: the only script besides htmx (no inline scripts: the CSP forbids them).
(function () {
  "use strict";
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  // Every htmx request carries the session's CSRF token.
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf();
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select.autosubmit").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
    document.querySelectorAll("button.danger").forEach(function (b) {
      b.addEventListener("click", function (e) {
        if (!window.confirm("Really " + b.textContent.trim() + "?")) { e.preventDefault(); }
      });
    });
  });
})();
