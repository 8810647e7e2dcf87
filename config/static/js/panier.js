// The site's small behaviours, loaded by every public page (templates/base.html).
// The Content-Security-Policy allows no inline script nor event handler attribute, so
// templates declare what they need with data attributes and this file wires it:
//   <button data-confirm="Sure?">          asks before submitting or following
//   <button data-print>                     prints the page
//   <button data-copy="#input" data-copied="Copied">  copies the input's value
//   <a href="/fallback/" data-history-back> goes back (the link works without script)
//   <div data-progress-percent="40">       sets the bar's width (no style attribute)
// and runs the initialisations Oscar's templates put in their inline `onbodyload` block.
(function () {
  "use strict";

  function closest(target, selector) {
    return target && target.closest ? target.closest(selector) : null;
  }

  // Clicks are delegated: content replaced later (Oscar's basket) keeps its behaviours.
  document.addEventListener("click", function (event) {
    var confirmed = closest(event.target, "[data-confirm]");
    if (confirmed && !window.confirm(confirmed.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (closest(event.target, "[data-print]")) {
      event.preventDefault();
      window.print();
      return;
    }
    var back = closest(event.target, "[data-history-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
      return;
    }
    var copy = closest(event.target, "[data-copy]");
    if (copy) copyValue(copy);
  });

  function copyValue(button) {
    var input = document.querySelector(button.dataset.copy);
    if (!input) return;
    var done = function () { button.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done);
    } else {
      input.select();
      document.execCommand("copy");
      done();
    }
  }

  function setProgressWidths() {
    document.querySelectorAll("[data-progress-percent]").forEach(function (bar) {
      var percent = parseFloat(bar.dataset.progressPercent);
      if (!isNaN(percent)) bar.style.width = Math.max(0, Math.min(100, percent)) + "%";
    });
  }

  // What Oscar's templates ask for in `onbodyload`, keyed on the markup they render.
  function initOscar() {
    var oscar = window.oscar;
    if (!oscar || !window.jQuery) return;
    oscar.init();  // oscar/layout.html: form locking, loading buttons
    if (document.getElementById("basket_formset") || document.getElementById("voucher_form_container")) {
      var basket = document.querySelector("[data-basket-url]");
      oscar.basket.init({ basketURL: basket ? basket.dataset.basketUrl : document.URL });
    }
    if (document.querySelector('a[data-behaviours~="archive"], a[data-behaviours~="delete"]')) {
      oscar.notifications.init();  // customer/notifications/list.html
    }
    if (document.querySelector(".clipboard-item")) {
      oscar.customer.wishlists.init();  // customer/wishlists/wishlists_list.html
    }
    writeEmailPreview();
  }

  // communication/email/email_detail.html: the e-mail's HTML in its own frame, so its
  // styles do not leak into the page (inline styles of the e-mail stay blocked by the
  // policy the frame inherits; the text reads all the same).
  function writeEmailPreview() {
    var frame = document.getElementById("preview_box");
    if (!frame || !frame.contentWindow) return;
    var doc = frame.contentWindow.document;
    doc.open();
    doc.write(frame.textContent);
    doc.close();
  }

  function ready() {
    setProgressWidths();
    initOscar();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
