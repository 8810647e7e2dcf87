// Group order form (templates/groupbuy/group_order_form.html): "Add a product" appends
// a blank offer form from the <template>, numbered as Django's formset expects.
(function () {
  "use strict";
  var button = document.getElementById("add-offer");
  var template = document.getElementById("offer-empty-form");
  var total = document.getElementById("id_offers-TOTAL_FORMS");
  var list = document.querySelector(".groupbuy-offer-forms");
  if (!button || !template || !total || !list) return;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var select = list.lastElementChild.querySelector("select");
    if (select) select.focus();
  });
})();
