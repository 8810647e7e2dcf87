// Producer map: Leaflet with the project's own assets. Tiles only when a tile server is
// configured; without one the markers still show, fitted to their bounds.
(function () {
  "use strict";
  var el = document.getElementById("producer-map");
  var data = document.getElementById("producer-map-points");
  if (!el || !data || typeof L === "undefined") return;
  var points = JSON.parse(data.textContent);
  if (!points.length) { el.hidden = true; return; }
  L.Icon.Default.imagePath = el.dataset.iconPath;
  var map = L.map(el, { scrollWheelZoom: false });
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  } else {
    el.classList.add("no-tiles");
  }
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lng], { title: p.name }).addTo(map);
    var label = document.createElement("span");
    if (p.url) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name;
      label.appendChild(link);
    } else {
      label.textContent = p.name;
    }
    if (p.city) label.appendChild(document.createTextNode(" — " + p.city));
    marker.bindPopup(label);
    bounds.push([p.lat, p.lng]);
  });
  if (bounds.length === 1) map.setView(bounds[0], 11);
  else map.fitBounds(bounds, { padding: [30, 30] });
})();
