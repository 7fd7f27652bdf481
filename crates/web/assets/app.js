// strongcity: the little script the pages need. No framework, nothing from the network.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-menu-toggle]");
    if (t) { document.body.classList.toggle("menu-open"); }
  });
  // Destructive or irreversible actions ask first, naming what will happen.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    var msg = f.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
})();
