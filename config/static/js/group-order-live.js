// Live progress of a group order (groupbuy/consumers.py, groupbuy/live.py).
//
// What the page provides (templates/groupbuy/group_order_detail.html):
//   <section data-ws-path="/ws/groupes/commandes/<pk>/"      the socket (data-ws-url works too)
//            data-live-url="…/progression.json"              the HTTP resync endpoint
//            data-group-order="<pk>"
//            data-currency="EUR">                             optional, EUR by default
//     <span data-live-indicator hidden>en direct</span>       optional, shown while live
//     <article id="offer-<pk>" data-case-size="6">
//       <dd data-field="firm|tolerance|cases|missing-case|missing-minimum|price">
//       <p data-field="next-tier" data-format-one="{units} … {price}"
//          data-format-other="{units} … {price}" data-format-best="…">
//       <div data-field="case-progress" role="progressbar">   width and aria-valuenow
//
// Messages (socket snapshot, socket updates and /progression.json alike):
//   {"type": "progress", "group_order": 12, "offers": {"34": {"firm": 7, "tolerance": 2,
//    "cases": 1, "missing-case": 5, "missing-minimum": 0, "price": "3.50",
//    "next-tier": {"missing": 5, "price": "3.20"} | null}}}
// /progression.json adds "texts": {"34": {"price": "3,50 €", …}}, the server's own
// formatting, used when present. Every text shown comes from the page (translated
// there); this script only swaps numbers.
//
// The socket reconnects with an exponential back-off (1 s, 2 s, 4 s … 30 s); before
// each reconnection the page fetches the truth over HTTP, and stops for good when that
// answer is 401/403/404 (signed out, no longer a member, group order gone).
(function () {
  "use strict";
  var region = document.querySelector("[data-ws-path], [data-ws-url]");
  if (!region || !("WebSocket" in window)) return;

  var wsPath = region.dataset.wsPath || region.dataset.wsUrl;
  var resyncUrl = region.dataset.liveUrl;
  var groupOrder = region.dataset.groupOrder;
  var indicator =
    region.querySelector("[data-live-indicator]") ||
    document.querySelector("[data-live-indicator]");
  var lang = document.documentElement.lang || "fr";
  var money;
  try {
    money = new Intl.NumberFormat(lang, {
      style: "currency",
      currency: region.dataset.currency || "EUR",
    });
  } catch (e) {
    money = { format: function (value) { return value.toFixed(2); } };
  }

  var MIN_DELAY = 1000;
  var MAX_DELAY = 30000;
  var HEARTBEAT = 25000;
  var delay = MIN_DELAY;
  var socket = null;
  var retryTimer = null;
  var heartbeat = null;
  var stopped = false;

  function formatPrice(decimal) {
    return money.format(parseFloat(decimal));
  }

  function setText(card, field, text) {
    var el = card.querySelector('[data-field="' + field + '"]');
    if (el && el.textContent !== text) el.textContent = text;
  }

  function nextTierText(el, tier) {
    if (!tier) return el.dataset.formatBest || "";
    var format = tier.missing === 1 ? el.dataset.formatOne : el.dataset.formatOther;
    if (!format) return "";
    return format.replace("{units}", tier.missing).replace("{price}", formatPrice(tier.price));
  }

  function renderOffer(pk, numbers, texts) {
    var card = document.getElementById("offer-" + pk);
    if (!card) return;
    texts = texts || {};
    ["firm", "tolerance", "cases", "missing-case", "missing-minimum"].forEach(function (f) {
      if (numbers[f] !== undefined) setText(card, f, String(numbers[f]));
    });
    setText(card, "price", texts.price || formatPrice(numbers.price));
    var tierEl = card.querySelector('[data-field="next-tier"]');
    if (tierEl) {
      var text = texts["next-tier"] !== undefined ? texts["next-tier"]
        : nextTierText(tierEl, numbers["next-tier"]);
      if (tierEl.textContent !== text) tierEl.textContent = text;
    }
    var bar = card.querySelector('[data-field="case-progress"]');
    var caseSize = parseInt(card.dataset.caseSize, 10);
    if (bar && caseSize > 0) {
      var inCase = numbers.firm % caseSize;
      bar.style.width = Math.round((100 * inCase) / caseSize) + "%";
      bar.setAttribute("aria-valuenow", inCase);
    }
  }

  function render(message) {
    if (!message || message.type !== "progress" || !message.offers) return;
    if (groupOrder && String(message.group_order) !== String(groupOrder)) return;
    Object.keys(message.offers).forEach(function (pk) {
      renderOffer(pk, message.offers[pk], message.texts && message.texts[pk]);
    });
  }

  function setLive(live) {
    region.classList.toggle("is-live", live);
    if (indicator) indicator.hidden = !live;
  }

  // The truth over HTTP. Resolves false when the page must stop listening.
  function resync() {
    if (!resyncUrl || !window.fetch) return Promise.resolve(true);
    return fetch(resyncUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store",
    })
      .then(function (response) {
        if ([401, 403, 404].indexOf(response.status) !== -1) return false;
        if (!response.ok) return true;
        return response.json().then(function (data) { render(data); return true; });
      })
      .catch(function () { return true; }); // offline: try the socket again later
  }

  function scheduleReconnect() {
    if (stopped || retryTimer) return;
    // A little jitter so that every page of a busy group order does not come back at once.
    var wait = delay + Math.floor(Math.random() * 0.3 * delay);
    delay = Math.min(delay * 2, MAX_DELAY);
    retryTimer = setTimeout(reconnect, wait);
  }

  function reconnect() {
    retryTimer = null;
    resync().then(function (keepGoing) {
      if (keepGoing) connect();
      else stopped = true;
    });
  }

  function connect() {
    if (stopped) return;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = /^wss?:\/\//.test(wsPath) ? wsPath : scheme + window.location.host + wsPath;
    socket = new WebSocket(url);
    socket.onopen = function () {
      delay = MIN_DELAY;
      setLive(true);
      heartbeat = setInterval(function () {
        if (socket && socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: "ping" }));
        }
      }, HEARTBEAT);
    };
    socket.onmessage = function (event) {
      try {
        render(JSON.parse(event.data));
      } catch (e) {
        /* not ours: ignore */
      }
    };
    socket.onclose = function (event) {
      socket = null;
      clearInterval(heartbeat);
      setLive(false);
      if (event.code === 4403) stopped = true; // refused by the server
      else scheduleReconnect();
    };
  }

  // Back on the page (phone woken up, network back): reconnect now, not after the back-off.
  function reconnectNow() {
    if (stopped || socket || document.visibilityState === "hidden") return;
    clearTimeout(retryTimer);
    retryTimer = null;
    delay = MIN_DELAY;
    reconnect();
  }
  document.addEventListener("visibilitychange", reconnectNow);
  window.addEventListener("online", reconnectNow);

  connect();
})();
