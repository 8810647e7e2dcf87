// Checkout steps (templates/oscar/checkout/): loaded by the checkout layout.
(function () {
  "use strict";
  // Delivery step: choosing a slot selects its pickup point.
  document.querySelectorAll(".delivery-option select").forEach(function (select) {
    select.addEventListener("change", function () {
      var radio = select.closest(".delivery-option").querySelector("input[type=radio]");
      if (select.value && radio) radio.checked = true;
    });
  });
  // Review step: one click, one order: the button is disabled once the form is sent.
  var placeOrderForm = document.getElementById("place_order_form");
  var placeOrder = document.getElementById("place-order");
  if (placeOrderForm && placeOrder) {
    placeOrderForm.addEventListener("submit", function () { placeOrder.disabled = true; });
  }
})();
