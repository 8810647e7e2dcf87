/* Oscar's dashboard script adds an unlabelled "select all" checkbox to the first header
   cell of bulk-action tables (in a jQuery ready handler, whose timing varies): label it
   with the text the template put on that cell as soon as it appears. */
(function () {
  function label(th) {
    var box = th.querySelector('input[name="select_all"]');
    if (box && !box.hasAttribute("aria-label")) {
      box.setAttribute("aria-label", th.getAttribute("data-select-all-label"));
    }
  }
  document.querySelectorAll("th[data-select-all-label]").forEach(function (th) {
    label(th);
    new MutationObserver(function () { label(th); }).observe(th, { childList: true });
  });
})();
