// Stripe Payment Element for a card form (checkout and group orders share it).
// The form carries: data-publishable-key, data-client-secret, data-return-url,
// data-locale, data-kind ("setup" saves the card, anything else confirms a payment) and
// data-unavailable (the message shown when Stripe.js could not be loaded).
(function () {
  "use strict";
  var form = document.getElementById("card_payment_form");
  if (!form) return;
  var errors = document.getElementById("card-errors");
  var button = document.getElementById("card_submit");
  var mount = document.getElementById("payment-element");

  function showError(message) {
    errors.textContent = message;
    errors.classList.remove("d-none");
  }

  if (typeof Stripe === "undefined") {
    // Stripe.js could not be reached: the button stays disabled.
    mount.textContent = "";
    showError(form.dataset.unavailable);
    return;
  }
  var stripe = Stripe(form.dataset.publishableKey, { locale: form.dataset.locale });
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var paymentElement = elements.create("payment");
  mount.textContent = "";
  paymentElement.mount("#payment-element");
  paymentElement.on("ready", function () { button.disabled = false; });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    errors.classList.add("d-none");
    var confirm = form.dataset.kind === "setup" ? stripe.confirmSetup : stripe.confirmPayment;
    confirm.call(stripe, {
      elements: elements,
      confirmParams: { return_url: form.dataset.returnUrl },
      redirect: "if_required"
    }).then(function (result) {
      if (result.error) {
        showError(result.error.message);
        button.disabled = false;
        return;
      }
      window.location.assign(form.dataset.returnUrl);
    });
  });
})();
