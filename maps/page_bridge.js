// The page side of the map bridge: applies JSON messages from Python to Leaflet layers.
// Every string from Python arrives as JSON text and is shown with textContent only.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var style = null;
  var map = null;
  var incidentLayer = null;
  var unitLayer = null;
  var unitRenderer = null;
  var incidents = new Map(); // id -> {marker, item}
  var units = new Map();
  // Legend swatches show one thing each: a status's ring on a neutral fill, an agency
  // kind's fill in a neutral ring.
  var NEUTRAL_FILL = "#c7c7cc";
  var NEUTRAL_RING = "#3a3a3c";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  // An incident symbol: shape by category, fill by priority, white ring when unassigned.
  function symbol(shape, letter, fill, size, ring) {
    var s = size, h = s / 2, pad = ring ? 3 : 1.5;
    var svg = svgEl("svg", { width: s, height: s, viewBox: "0 0 " + s + " " + s });
    var attrs = { fill: fill, stroke: ring ? "#ffffff" : "#0b0f14", "stroke-width": ring ? 3 : 1.5 };
    var node;
    if (shape === "circle") {
      node = svgEl("circle", Object.assign({ cx: h, cy: h, r: h - pad }, attrs));
    } else if (shape === "triangle") {
      node = svgEl("polygon", Object.assign({
        points: h + "," + pad + " " + (s - pad) + "," + (s - pad) + " " + pad + "," + (s - pad),
      }, attrs));
    } else if (shape === "diamond") {
      node = svgEl("polygon", Object.assign({
        points: h + "," + pad + " " + (s - pad) + "," + h + " " + h + "," + (s - pad) + " " + pad + "," + h,
      }, attrs));
    } else {
      node = svgEl("rect", Object.assign({ x: pad, y: pad, width: s - 2 * pad, height: s - 2 * pad }, attrs));
    }
    svg.appendChild(node);
    var text = svgEl("text", {
      x: h, y: shape === "triangle" ? h + s * 0.2 : h + s * 0.13, "text-anchor": "middle",
      "font-size": letter.length > 1 ? s * 0.34 : s * 0.42, "font-weight": "700",
      "font-family": "DejaVu Sans, Arial, sans-serif", fill: "#0b0f14",
    });
    text.textContent = letter;
    svg.appendChild(text);
    return svg;
  }

  function categoryStyle(category) {
    return style.categories[category] || style.categories.other;
  }

  function priorityColour(priority) {
    var p = style.priorities[String(priority)];
    return p ? p.colour : "#8e9aaf";
  }

  function ageText(since) {
    var minutes = Math.max(0, Math.floor((Date.now() - since) / 60000)); // clock skew: never < 0
    return minutes + " " + style.words.minutes;
  }

  function incidentIcon(item) {
    var cat = categoryStyle(item.category);
    var size = item.priority === 1 ? 44 : 36;
    var wrapper = el("div", "wb-incident");
    wrapper.appendChild(symbol(cat.shape, cat.letter, priorityColour(item.priority), size,
      item.status === "new"));
    return L.divIcon({ html: wrapper, className: "wb-icon", iconSize: [size, size],
      iconAnchor: [size / 2, size / 2] });
  }

  function incidentTooltip(entry) {
    return function () {
      var item = entry.item, cat = categoryStyle(item.category);
      var box = el("div", "wb-tip");
      box.appendChild(el("div", "wb-tip-title", "P" + item.priority + " · " + cat.label));
      if (item.place) box.appendChild(el("div", null, item.place));
      if (item.label) box.appendChild(el("div", null, item.label));
      box.appendChild(el("div", "wb-tip-age", ageText(item.since)));
      return box;
    };
  }

  function unitTooltip(entry) {
    return function () {
      var box = el("div", "wb-tip");
      box.appendChild(el("div", "wb-tip-title", entry.item.label));
      box.appendChild(el("div", null, entry.item.status));
      return box;
    };
  }

  function upsertIncident(item) {
    var entry = incidents.get(item.id);
    if (!entry) {
      entry = { item: item, marker: L.marker([item.lat, item.lon], { icon: incidentIcon(item),
        zIndexOffset: (5 - item.priority) * 1000, keyboard: false }) };
      entry.marker.bindTooltip(incidentTooltip(entry), { direction: "top", offset: [0, -14] });
      entry.marker.addTo(incidentLayer);
      incidents.set(item.id, entry);
      return;
    }
    var old = entry.item;
    entry.item = item;
    if (old.lat !== item.lat || old.lon !== item.lon) entry.marker.setLatLng([item.lat, item.lon]);
    if (old.category !== item.category || old.priority !== item.priority
        || (old.status === "new") !== (item.status === "new")) {
      entry.marker.setIcon(incidentIcon(item));
      entry.marker.setZIndexOffset((5 - item.priority) * 1000);
    }
  }

  function unitStyle(item) {
    return {
      renderer: unitRenderer, radius: 8, weight: 4,
      color: style.unit_statuses[item.status] || "#48484a",
      fillColor: item.status === "out_of_service" ? style.out_of_service_fill
        : (style.agencies[item.kind] || style.agencies[""]),
      fillOpacity: 1, opacity: 1,
    };
  }

  function upsertUnit(item) {
    var entry = units.get(item.id);
    if (!entry) {
      entry = { item: item, marker: L.circleMarker([item.lat, item.lon], unitStyle(item)) };
      entry.marker.bindTooltip(unitTooltip(entry), { direction: "top" });
      entry.marker.addTo(unitLayer);
      units.set(item.id, entry);
      return;
    }
    var old = entry.item;
    entry.item = item;
    if (old.lat !== item.lat || old.lon !== item.lon) entry.marker.setLatLng([item.lat, item.lon]);
    if (old.status !== item.status || old.kind !== item.kind) entry.marker.setStyle(unitStyle(item));
  }

  function remove(table, layer, id) {
    var entry = table.get(id);
    if (entry) {
      layer.removeLayer(entry.marker);
      table.delete(id);
    }
  }

  // The legend lists only what is drawn now, so it stays small and never explains a
  // symbol that is not on the map. It is rebuilt only when that set changes.
  var legendBox = null;
  var legendShown = null;

  function legendSwatch(fill, shape, letter, ring) {
    var box = el("span", "wb-swatch");
    box.appendChild(symbol(shape, letter, fill, 20, ring));
    return box;
  }

  // A unit as drawn (circle marker: ring by status, fill by agency kind), at legend size.
  function unitSwatch(ring, fill) {
    var box = el("span", "wb-swatch");
    var svg = svgEl("svg", { width: 20, height: 20, viewBox: "0 0 20 20" });
    svg.appendChild(svgEl("circle", { cx: 10, cy: 10, r: 6, fill: fill, stroke: ring, "stroke-width": 4 }));
    box.appendChild(svg);
    return box;
  }

  function legendItem(parent, swatch, label) {
    var row = el("span", "wb-legend-row");
    row.appendChild(swatch);
    row.appendChild(el("span", null, label));
    parent.appendChild(row);
  }

  function legendSection(head) {
    var section = el("div", "wb-legend-sec");
    section.appendChild(el("span", "wb-legend-head", head));
    return section;
  }

  // What the markers on the map use now: categories, priorities, rings, unit colours.
  function drawnKinds() {
    var seen = { categories: {}, priorities: {}, unassigned: false, statuses: {}, agencies: {} };
    incidents.forEach(function (e) {
      var cat = style.categories[e.item.category] ? e.item.category : "other";
      seen.categories[cat] = true;
      seen.priorities[String(e.item.priority)] = true;
      if (e.item.status === "new") seen.unassigned = true;
    });
    units.forEach(function (e) {
      seen.statuses[e.item.status] = true;
      if (e.item.status !== "out_of_service") {
        seen.agencies[style.agencies[e.item.kind] !== undefined ? e.item.kind : ""] = true;
      }
    });
    return seen;
  }

  function everyKind() {
    function all(table) {
      var out = {};
      Object.keys(table).forEach(function (k) { out[k] = true; });
      return out;
    }
    return { categories: all(style.categories), priorities: all(style.priorities),
      unassigned: true, statuses: all(style.unit_statuses), agencies: all(style.agencies) };
  }

  function fillLegend(box, seen) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (style.title) box.appendChild(el("div", "wb-legend-title", style.title));
    var cats = legendSection(style.words.incidents);
    Object.keys(style.categories).forEach(function (key) {
      var c = style.categories[key];
      if (seen.categories[key]) legendItem(cats, legendSwatch("#d1d1d6", c.shape, c.letter, false), c.label);
    });
    if (seen.unassigned) legendItem(cats, legendSwatch("#d1d1d6", "circle", "", true), style.words.unassigned);
    var pris = legendSection(style.words.priority);
    Object.keys(style.priorities).forEach(function (key) {
      var p = style.priorities[key];
      if (seen.priorities[key]) legendItem(pris, legendSwatch(p.colour, "square", "", false), p.label);
    });
    var sts = legendSection(style.words.units);
    style.legend_unit_statuses.forEach(function (s) {
      if (s.statuses.some(function (k) { return seen.statuses[k]; })) {
        legendItem(sts, unitSwatch(s.colour, s.fill || NEUTRAL_FILL), s.label);
      }
    });
    var ags = legendSection(style.words.agencies);
    style.legend_agencies.forEach(function (a) {
      if (seen.agencies[a.kind]) legendItem(ags, unitSwatch(NEUTRAL_RING, a.colour), a.label);
    });
    [cats, pris, sts, ags].forEach(function (section) {
      if (section.childNodes.length > 1) box.appendChild(section);
    });
  }

  function refreshLegend() {
    var seen = drawnKinds();
    var key = JSON.stringify(seen);
    if (key === legendShown) return;
    legendShown = key;
    fillLegend(legendBox, seen);
  }

  // After the markers are painted, and once for a burst of messages: the legend is
  // secondary to the markers and must not slow down their first frame.
  var legendTimer = null;
  function scheduleLegend() {
    if (legendTimer !== null) return;
    legendTimer = setTimeout(function () {
      legendTimer = null;
      refreshLegend();
    }, 100);
  }

  function buildLegend() {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      legendBox = el("div", "wb-legend");
      L.DomEvent.disableClickPropagation(legendBox);
      fillLegend(legendBox, everyKind()); // the whole key until the first data arrives
      return legendBox;
    };
    return control;
  }

  // Fit the region clear of the legend: centred if the legend misses it, else padded
  // on the side (right or bottom) that keeps the larger zoom. Again when the window is
  // resized, until someone pans or zooms by hand (a duty manager's desk). This is the
  // page's only fit: the folium page starts at the region's centre.
  var movedByHand = false;
  var PAD = 24;

  function fitWith(bottomRight) {
    map.fitBounds(style.bounds, { paddingTopLeft: [PAD, PAD], paddingBottomRight: bottomRight,
      animate: false });
  }

  function regionUnderLegend() {
    var ne = map.latLngToContainerPoint(style.bounds[1]);
    var sw = map.latLngToContainerPoint(style.bounds[0]);
    var size = map.getSize();
    var left = size.x - legendBox.offsetWidth - 10, top = size.y - legendBox.offsetHeight - 10;
    return ne.x > left && sw.y > top;
  }

  function fitBesideLegend() {
    if (!style.bounds || movedByHand || !legendBox) return;
    fitWith([PAD, PAD]);
    if (!regionUnderLegend()) return;
    var size = map.getSize();
    var w = legendBox.offsetWidth, h = legendBox.offsetHeight;
    var choices = [];
    if (w < size.x / 2) choices.push([w + 2 * PAD, PAD]);
    if (h < size.y / 2) choices.push([PAD, h + 2 * PAD]);
    var best = null, bestZoom = -Infinity;
    choices.forEach(function (br) {
      var zoom = map.getBoundsZoom(style.bounds, false, L.point(PAD + br[0], PAD + br[1]));
      if (zoom > bestZoom) { best = br; bestZoom = zoom; }
    });
    if (best) fitWith(best);
  }

  var wb = {
    ready: false,
    applied: 0,
    // Called once by the folium-built page with the map and the style table (JSON text).
    init: function (leafletMap, styleText) {
      map = leafletMap;
      style = JSON.parse(styleText);
      unitRenderer = L.canvas({ padding: 0.2 });
      incidentLayer = L.layerGroup().addTo(map);
      unitLayer = L.layerGroup().addTo(map);
      buildLegend().addTo(map);
      fitBesideLegend();
      map.on("resize", fitBesideLegend);
      var container = map.getContainer();
      ["wheel", "mousedown", "touchstart", "keydown"].forEach(function (name) {
        container.addEventListener(name, function () { movedByHand = true; }, { passive: true });
      });
      wb.ready = true;
    },
    // The one entry point for data: a JSON message (as text) of upserts and removals.
    apply: function (messageText) {
      var msg = JSON.parse(messageText);
      if (msg.reset) {
        incidentLayer.clearLayers();
        unitLayer.clearLayers();
        incidents.clear();
        units.clear();
      }
      (msg.remove_incidents || []).forEach(function (id) { remove(incidents, incidentLayer, id); });
      (msg.remove_units || []).forEach(function (id) { remove(units, unitLayer, id); });
      (msg.upsert_incidents || []).forEach(upsertIncident);
      (msg.upsert_units || []).forEach(upsertUnit);
      scheduleLegend();
      wb.applied += 1;
      return incidents.size + units.size;
    },
    // What the page draws now, for tests and health checks: id -> [lat, lng].
    drawn: function () {
      function positions(table) {
        var out = {};
        table.forEach(function (entry, id) {
          var ll = entry.marker.getLatLng();
          out[id] = [ll.lat, ll.lng];
        });
        return out;
      }
      return JSON.stringify({ incidents: positions(incidents), units: positions(units),
        applied: wb.applied });
    },
    // The legend's entries as shown, for tests: [[section, [label, ...]], ...].
    legend: function () {
      if (legendTimer !== null) {
        clearTimeout(legendTimer);
        legendTimer = null;
        refreshLegend();
      }
      var out = [];
      legendBox.querySelectorAll(".wb-legend-sec").forEach(function (sec) {
        var labels = [];
        sec.querySelectorAll(".wb-legend-row").forEach(function (row) {
          labels.push(row.lastChild.textContent);
        });
        out.push([sec.firstChild.textContent, labels]);
      });
      return JSON.stringify(out);
    },
    // Open every tooltip (screenshots, tests of how text is shown).
    openTooltips: function () {
      incidents.forEach(function (e) { e.marker.openTooltip(); });
    },
  };
  window.wb = wb;
})();
