// Live community feed: new posts arrive over a read-only websocket and are put on top.
// The HTML comes from the server's own template (member text already sanitized by nh3).
(function () {
  "use strict";
  var el = document.querySelector("[data-feed-url]");
  if (!el || !("WebSocket" in window)) return;
  var delay = 1000;

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + el.dataset.feedUrl);
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type !== "post" || document.getElementById("publication-" + data.id)) return;
      var template = document.createElement("template");
      template.innerHTML = data.html;
      el.insertBefore(template.content, el.firstChild);
      var empty = document.querySelector(".feed-empty");
      if (empty) empty.remove();
    };
    socket.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
