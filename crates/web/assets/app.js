// strongcity: the little script the pages need. No framework, nothing from the network.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 800px)");
  var KEY = "sc-nav-collapsed";
  // On a desktop the menu button folds the sidebar away (remembered in this browser);
  // on a phone it opens the sidebar over the page.
  try {
    if (window.localStorage.getItem(KEY) === "1") { document.body.classList.add("nav-collapsed"); }
  } catch (_) { /* storage may be unavailable */ }
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-menu-toggle]");
    if (t) {
      if (phone.matches) {
        document.body.classList.toggle("menu-open");
      } else {
        var collapsed = document.body.classList.toggle("nav-collapsed");
        try { window.localStorage.setItem(KEY, collapsed ? "1" : "0"); } catch (_) { /* ignore */ }
      }
      return;
    }
    // A tap outside the open phone menu closes it.
    if (document.body.classList.contains("menu-open") && !e.target.closest("#sidebar")) {
      document.body.classList.remove("menu-open");
    }
  });
  // Destructive or irreversible actions ask first, naming what will happen.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    var msg = f.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  // Imports show a progress bar: the upload, then the rows checked, then the writing. The form
  // still posts normally where the script does not run; here it is sent in the background
  // with a random token the server reports the import's stage under, and the answer (the
  // result page) replaces this one.
  function fill(label, values) {
    return label.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? "" : values[k]; });
  }
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (e.defaultPrevented || !f.hasAttribute("data-import-progress") || !window.FormData || !window.crypto) { return; }
    e.preventDefault();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var token = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    var box = f.querySelector(".import-progress");
    var bar = box.querySelector("progress");
    var text = box.querySelector(".import-progress-label");
    var button = f.querySelector("button[type=submit]");
    box.hidden = false;
    button.disabled = true;
    var show = function (label, values, value) {
      text.textContent = fill(f.getAttribute(label), values);
      if (value === null) { bar.removeAttribute("value"); } else { bar.value = value; }
    };
    var timer = null;
    var poll = function () {
      var q = new XMLHttpRequest();
      q.open("GET", "/api/v1/imports/progress/" + token);
      q.onload = function () {
        if (q.status !== 200) { return; }
        var s = JSON.parse(q.responseText);
        if (s.stage === "checking" && s.total > 0) {
          show("data-label-checking", s, Math.round(100 * s.done / s.total));
        } else if (s.stage === "writing" || s.stage === "finished") {
          show("data-label-writing", s, null);
        }
      };
      q.send();
    };
    var x = new XMLHttpRequest();
    x.open("POST", f.getAttribute("action") + "&progress=" + token);
    x.upload.onprogress = function (p) {
      if (p.lengthComputable) { show("data-label-uploading", { pct: Math.round(100 * p.loaded / p.total) }, Math.round(100 * p.loaded / p.total)); }
    };
    x.upload.onload = function () { timer = window.setInterval(poll, 400); poll(); };
    x.onload = function () {
      window.clearInterval(timer);
      document.open();
      document.write(x.responseText);
      document.close();
    };
    x.onerror = function () {
      window.clearInterval(timer);
      button.disabled = false;
      show("data-label-failed", {}, 0);
    };
    x.send(new FormData(f));
  });
})();
