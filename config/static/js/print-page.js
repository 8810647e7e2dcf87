// A "Print" button for pages made to be printed (the membership certificate): shown
// only when JavaScript runs; the page says how to print without it.
(function () {
  "use strict";
  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
