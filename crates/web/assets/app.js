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
})();
