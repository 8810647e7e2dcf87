// Live presence counter: one websocket per page, reconnecting with a back-off.
(function () {
  "use strict";
  var el = document.querySelector("[data-presence-url]");
  if (!el || !("WebSocket" in window)) return;
  var label = el.querySelector(".presence-count");
  var delay = 1000;

  function render(count) {
    var template = count === 1 ? label.dataset.templateOne : label.dataset.templateMany;
    label.textContent = template.replace("{n}", count);
    el.classList.add("is-live");
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + el.dataset.presenceUrl);
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "presence") render(data.online);
    };
    socket.onclose = function () {
      el.classList.remove("is-live");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
