// The page side of the map bridge: applies JSON messages from Python to Leaflet layers.
// Every string from Python arrives as JSON text and is shown with textContent only.
//
// wb.apply() only parses and coalesces by id; the work is done once per animation frame
// (requestAnimationFrame), and that frame also paints the canvases, so a burst of
// messages costs one repaint. Incidents are grouped on a screen grid of our own (no
// plugin): a cell with enough incidents is one cluster drawn as a priority ring, the
// others are single symbols on a canvas. A diff touches only its own ids' markers and
// the clusters of their cells; wb.stats() counts what was touched, for tests and bench.
// A marker's id is its record's key as Python made it ("backend/id": two regions may
// use the same record id); the page never takes it apart, only keys maps by it and
// hands it back on a click.
(function () {
  "use strict";
  var D = window.wbDraw;
  var style = null;
  var map = null;
  var unitRenderer = null, incidentRenderer = null;
  var incidentLayer = null, unitLayer = null, clusterLayer = null, pulseLayer = null;
  var alertLayer = null, heatLayer = null;
  var incidents = new Map(); // id -> {item, cell, single, pulse}
  var units = new Map(); // id -> {item, marker}
  var cells = new Map(); // grid key -> {ids: Set, cluster, clustered, look}
  var fresh = new Set(); // ids of incidents still inside their pulse time
  var heatPoints = new Map(); // id -> [lat, lon, since]: today's incidents, closed too
  var alertsShown = [];
  var pending = null;
  var frameId = null;
  var boundsDirty = false, heatDirty = false;
  var feedClock = { base: null, at: 0, dayStart: null };
  var stats = { frames: 0, touched: { incidents: 0, units: 0, clusters: 0 },
    lastApplyMs: 0, lastFrameMs: 0, lastHeatMs: null };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function newPending() {
    return { reset: false, incidents: new Map(), units: new Map(), alerts: undefined, parseMs: 0 };
  }

  // -- time: the feed's clock, carried forward by the page's own monotonic clock -----

  function feedNow() {
    if (feedClock.base === null) return Date.now();
    return feedClock.base + (performance.now() - feedClock.at);
  }

  function isFresh(item) {
    return feedNow() - item.since < style.pulse_minutes * 60000;
  }

  function ageText(since) {
    var minutes = Math.max(0, Math.floor((feedNow() - since) / 60000)); // skew: never < 0
    return minutes + " " + style.words.minutes;
  }

  // -- looks ---------------------------------------------------------------------------

  function categoryStyle(category) {
    return style.categories[category] || style.categories.other;
  }

  function priorityStyle(priority) {
    return style.priorities[String(priority)] || style.priorities["4"];
  }

  function unitLook(item) {
    var dash = style.unit_dashes[item.status];
    return {
      renderer: unitRenderer, radius: 8, weight: 4,
      color: style.unit_statuses[item.status] || "#48484a",
      fillColor: item.status === "out_of_service" ? style.out_of_service_fill
        : (style.agencies[item.kind] || style.agencies[""]),
      fillOpacity: 1, opacity: 1, dashArray: dash ? dash.join(",") : null,
      dash: dash,
    };
  }

  // A single incident on the incident canvas: Leaflet's canvas renderer calls
  // _updatePath while it paints, and its hit test (a circle of ``radius``) gives clicks.
  var IncidentSymbol = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) return;
      var item = this.wbEntry.item;
      D.stampIncident(r._ctx, this._point.x, this._point.y, categoryStyle(item.category),
        priorityStyle(item.priority), item.status === "new");
    },
  });

  var PatchCanvas = window.wbCanvas.PatchCanvas, UnitCanvas = window.wbCanvas.UnitCanvas;

  // A cluster on the incidents' canvas: its ring and count, clickable within its radius.
  var ClusterSymbol = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) return;
      var look = this.wbLook;
      var parts = ["1", "2", "3", "4"].map(function (p) {
        return [style.priorities[p].colour, look.counts[p]];
      });
      // drawn directly: a cluster's mix rarely repeats, so an image would seldom be reused
      D.cluster(r._ctx, this._point.x, this._point.y, parts, look.n, look.unassigned);
    },
  });

  // A unit: Leaflet's circle marker (hit test, bounds), painted from a stamped image.
  var UnitSymbol = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) return;
      D.stampUnit(r._ctx, this._point.x, this._point.y, this.options);
    },
  });

  // -- drill-down and hover text -------------------------------------------------------

  function clicked(kind, id) {
    var hook = window.wbMarkerClicked; // defined by the Qt side's channel script, if any
    if (typeof hook === "function") hook(kind + ":" + id);
  }

  var hoverTip = null;

  function incidentTipNode(item) {
    var cat = categoryStyle(item.category);
    var box = el("div", "wb-tip");
    box.appendChild(el("div", "wb-tip-title", "P" + item.priority + " · " + cat.label));
    if (item.place) box.appendChild(el("div", null, item.place));
    if (item.label) box.appendChild(el("div", null, item.label));
    box.appendChild(el("div", "wb-tip-age", ageText(item.since)));
    return box;
  }

  function unitStatusLabel(status) {
    var entry = style.legend_unit_statuses.find(function (s) { return s.statuses.indexOf(status) >= 0; });
    return entry ? entry.label : status;
  }

  function unitTipNode(item) {
    var box = el("div", "wb-tip");
    box.appendChild(el("div", "wb-tip-title", item.label));
    box.appendChild(el("div", null, unitStatusLabel(item.status)));
    return box;
  }

  function hover(marker, makeNode) {
    marker.on("mouseover", function () {
      hoverTip.setLatLng(marker.getLatLng()).setContent(makeNode()).openOn(map);
    });
    marker.on("mouseout", function () { map.closeTooltip(hoverTip); });
  }

  // -- incidents: grid cells, singles, clusters -----------------------------------------

  function cellKey(item) {
    var p = map.project([item.lat, item.lon], map.getZoom());
    var size = style.cluster_cell_px;
    return Math.floor(p.x / size) + ":" + Math.floor(p.y / size);
  }

  function clusteringOn() {
    return map.getZoom() < map.getMaxZoom();
  }

  // Each cell keeps running sums of its members (priority counts, position, unassigned,
  // pulsing), so a change costs the same in a cell of 3 or of 3,000.
  function contribution(entry) {
    var item = entry.item;
    return { p: style.priorities[String(item.priority)] ? item.priority : 4, lat: item.lat,
      lon: item.lon, un: item.status === "new" ? 1 : 0, fr: fresh.has(item.id) ? 1 : 0 };
  }

  function tally(cell, c, sign) {
    cell.counts[c.p] += sign;
    cell.lat += sign * c.lat;
    cell.lon += sign * c.lon;
    cell.un += sign * c.un;
    cell.fr += sign * c.fr;
  }

  function addToCell(entry, dirty) {
    var cell = cells.get(entry.cell);
    if (!cell) {
      cell = { ids: new Set(), counts: { 1: 0, 2: 0, 3: 0, 4: 0 }, lat: 0, lon: 0, un: 0, fr: 0,
        cluster: null, pulse: null, clustered: false, look: "" };
      cells.set(entry.cell, cell);
    }
    cell.ids.add(entry.item.id);
    entry.agg = contribution(entry);
    tally(cell, entry.agg, 1);
    dirty.add(entry.cell);
  }

  function removeFromCell(entry, dirty) {
    var cell = cells.get(entry.cell);
    if (cell && cell.ids.delete(entry.item.id)) tally(cell, entry.agg, -1);
    removeSingle(entry);
    dirty.add(entry.cell);
  }

  function retally(entry, dirty) {
    var cell = cells.get(entry.cell);
    if (!cell) return;
    tally(cell, entry.agg, -1);
    entry.agg = contribution(entry);
    tally(cell, entry.agg, 1);
    dirty.add(entry.cell);
  }

  function ensureSingle(entry) {
    var item = entry.item;
    if (!entry.single) {
      var marker = new IncidentSymbol([item.lat, item.lon], { renderer: incidentRenderer,
        radius: priorityStyle(item.priority).size / 2, weight: 0, fill: false, stroke: false });
      marker.wbEntry = entry;
      marker.on("click", function () { clicked("incident", entry.item.id); });
      hover(marker, function () { return incidentTipNode(entry.item); });
      marker.addTo(incidentLayer);
      entry.single = marker;
    }
    setPulse(entry, fresh.has(item.id));
  }

  function updateSingle(entry, old) {
    var item = entry.item, marker = entry.single;
    if (old.lat !== item.lat || old.lon !== item.lon) marker.setLatLng([item.lat, item.lon]);
    if (old.priority !== item.priority) marker.setRadius(priorityStyle(item.priority).size / 2);
    else marker.redraw();
    setPulse(entry, fresh.has(item.id));
  }

  function removeSingle(entry) {
    if (entry.single) {
      incidentLayer.removeLayer(entry.single);
      entry.single = null;
    }
    setPulse(entry, false);
  }

  function setPulse(entry, on) {
    if (on && !entry.pulse) {
      var size = priorityStyle(entry.item.priority).size + 18;
      entry.pulse = L.marker([entry.item.lat, entry.item.lon], { pane: "wbPulse",
        interactive: false, keyboard: false,
        // the ring animates inside the icon: Leaflet positions the icon with a transform
        icon: L.divIcon({ className: "wb-icon", html: D.pulseRing("wb-pulse"),
          iconSize: [size, size] }) }).addTo(pulseLayer);
    } else if (!on && entry.pulse) {
      pulseLayer.removeLayer(entry.pulse);
      entry.pulse = null;
    } else if (on && entry.pulse) {
      entry.pulse.setLatLng([entry.item.lat, entry.item.lon]);
    }
  }

  function clusterLook(cell) {
    var n = cell.ids.size, c = cell.counts;
    return { counts: { 1: c[1], 2: c[2], 3: c[3], 4: c[4] }, n: n, lat: cell.lat / n,
      lon: cell.lon / n, unassigned: cell.un > 0, fresh: cell.fr > 0 };
  }

  function clusterPulse(cell, look) {
    if (look.fresh && !cell.pulse) {
      var size = D.clusterSize(look.n) + 18;
      cell.pulse = L.marker([look.lat, look.lon], { pane: "wbPulse", interactive: false,
        keyboard: false, icon: L.divIcon({ className: "wb-icon", html: D.pulseRing("wb-pulse"),
          iconSize: [size, size] }) }).addTo(pulseLayer);
    } else if (!look.fresh && cell.pulse) {
      pulseLayer.removeLayer(cell.pulse);
      cell.pulse = null;
    } else if (cell.pulse) {
      cell.pulse.setLatLng([look.lat, look.lon]);
    }
  }

  function memberBounds(cell) {
    return Array.from(cell.ids, function (id) {
      var item = incidents.get(id).item;
      return [item.lat, item.lon];
    });
  }

  function zoomInto(bounds) {
    handMoved();
    var b = L.latLngBounds(bounds);
    if (b.getNorthEast().equals(b.getSouthWest())) {
      map.setView(b.getCenter(), map.getMaxZoom(), { animate: false });
    } else {
      map.fitBounds(b, { padding: [60, 60], animate: false,
        maxZoom: Math.max(map.getZoom() + 1, map.getBoundsZoom(b)) });
    }
  }

  function dropCluster(cell) {
    if (cell.cluster) {
      clusterLayer.removeLayer(cell.cluster);
      cell.cluster = null;
      stats.touched.clusters += 1;
    }
    if (cell.pulse) {
      pulseLayer.removeLayer(cell.pulse);
      cell.pulse = null;
    }
  }

  function reconcileCell(key) {
    var cell = cells.get(key);
    if (!cell) return;
    if (cell.ids.size === 0) {
      dropCluster(cell);
      cells.delete(key);
      return;
    }
    var clustered = clusteringOn() && cell.ids.size >= style.cluster_min;
    if (clustered) {
      if (!cell.clustered) {
        cell.ids.forEach(function (id) { removeSingle(incidents.get(id)); });
      }
      var look = clusterLook(cell);
      var lookKey = [look.counts[1], look.counts[2], look.counts[3], look.counts[4],
        look.unassigned].join();
      var radius = D.clusterSize(look.n) / 2;
      if (!cell.cluster) {
        cell.cluster = new ClusterSymbol([look.lat, look.lon], { renderer: incidentRenderer,
          radius: radius, weight: 0, fill: false, stroke: false });
        cell.cluster.wbLook = look;
        cell.cluster.on("click", function () { zoomInto(memberBounds(cell)); });
        cell.cluster.addTo(clusterLayer);
        stats.touched.clusters += 1;
      } else {
        var at = cell.cluster.getLatLng();
        var moved = at.lat !== look.lat || at.lng !== look.lon;
        cell.cluster.wbLook = look;
        if (moved) cell.cluster.setLatLng([look.lat, look.lon]);
        if (lookKey !== cell.look) {
          if (cell.cluster.getRadius() !== radius) cell.cluster.setRadius(radius);
          else if (!moved) cell.cluster.redraw();
        }
        if (moved || lookKey !== cell.look) stats.touched.clusters += 1;
      }
      cell.look = lookKey;
      clusterPulse(cell, look);
    } else {
      dropCluster(cell);
      cell.ids.forEach(function (id) { ensureSingle(incidents.get(id)); });
    }
    cell.clustered = clustered;
  }

  // Cells are screen-sized, so a new zoom level regroups everything (not a data change).
  function regroup() {
    incidentLayer.clearLayers();
    clusterLayer.clearLayers();
    pulseLayer.clearLayers();
    cells.clear();
    var dirty = new Set();
    incidents.forEach(function (entry) {
      entry.single = null;
      entry.pulse = null;
      entry.cell = cellKey(entry.item);
      addToCell(entry, dirty);
    });
    dirty.forEach(reconcileCell);
  }

  function noteHeat(item) {
    if (feedClock.dayStart !== null && item.since < feedClock.dayStart) return;
    var old = heatPoints.get(item.id);
    if (!old || old[0] !== item.lat || old[1] !== item.lon) {
      heatPoints.set(item.id, [item.lat, item.lon, item.since]);
      heatDirty = true;
    }
  }

  // The incidents' extent, kept as they come and go: recomputed over all of them only
  // when one on its edge moves away or goes.
  var extent = null, extentStale = true;

  function extentAdd(item) {
    if (extentStale) return;
    var ll = L.latLng(item.lat, item.lon);
    if (!extent) extent = L.latLngBounds(ll, ll);
    else if (!extent.contains(ll)) extent.extend(ll);
    else return;
    boundsDirty = true;
  }

  function extentDrop(item) {
    if (extentStale || !extent) return;
    if (item.lat === extent.getSouth() || item.lat === extent.getNorth()
        || item.lon === extent.getWest() || item.lon === extent.getEast()) {
      extentStale = true;
      boundsDirty = true;
    }
  }

  function upsertIncident(item, dirty) {
    stats.touched.incidents += 1;
    noteHeat(item);
    if (isFresh(item)) fresh.add(item.id); else fresh.delete(item.id);
    var entry = incidents.get(item.id);
    if (!entry) {
      entry = { item: item, cell: cellKey(item), single: null, pulse: null };
      incidents.set(item.id, entry);
      addToCell(entry, dirty);
      extentAdd(item);
      return;
    }
    var old = entry.item;
    entry.item = item;
    if (old.lat !== item.lat || old.lon !== item.lon) {
      extentDrop(old);
      extentAdd(item);
    }
    var key = cellKey(item);
    if (key !== entry.cell) {
      removeFromCell(entry, dirty); // its single goes; the new cell decides how it is drawn
      entry.cell = key;
      addToCell(entry, dirty);
    } else {
      if (entry.single) updateSingle(entry, old);
      retally(entry, dirty); // inside a cluster: its ring or place may change
    }
  }

  function removeIncident(id, dirty) {
    var entry = incidents.get(id);
    if (!entry) return;
    stats.touched.incidents += 1;
    removeFromCell(entry, dirty);
    incidents.delete(id);
    fresh.delete(id);
    extentDrop(entry.item);
  }

  // Every pulse ring pings together, briefly, every few seconds, and only while there is
  // a new incident to ping for: between pings nothing on the page animates.
  var PING_EVERY_MS = 4000;
  var PING_MS = 800;

  function ping() {
    if (!fresh.size) return;
    document.body.classList.add("wb-pinging");
    setTimeout(function () { document.body.classList.remove("wb-pinging"); }, PING_MS);
  }

  // A full collection of a page this size takes a few milliseconds; once a minute keeps
  // the heap flat (figures: docs/operations.md).
  var GC_EVERY_MS = 60000;
  function collectGarbage() {
    window.gc();
  }

  // Pulses end by age alone, with no message: check the clock a few times a minute.
  function agePulses() {
    var dirty = new Set();
    fresh.forEach(function (id) {
      var entry = incidents.get(id);
      if (entry && isFresh(entry.item)) return;
      fresh.delete(id);
      if (!entry) return;
      if (entry.single) setPulse(entry, false);
      retally(entry, dirty);
    });
    dirty.forEach(reconcileCell);
    if (dirty.size) scheduleLegend();
  }

  // -- units ---------------------------------------------------------------------------

  function upsertUnit(item) {
    stats.touched.units += 1;
    var entry = units.get(item.id);
    if (!entry) {
      entry = { item: item, marker: new UnitSymbol([item.lat, item.lon], unitLook(item)) };
      entry.marker.on("click", function () { clicked("unit", entry.item.id); });
      hover(entry.marker, function () { return unitTipNode(entry.item); });
      entry.marker.addTo(unitLayer);
      units.set(item.id, entry);
      return;
    }
    var old = entry.item;
    entry.item = item;
    if (old.lat !== item.lat || old.lon !== item.lon) entry.marker.setLatLng([item.lat, item.lon]);
    if (old.status !== item.status || old.kind !== item.kind) entry.marker.setStyle(unitLook(item));
  }

  function removeUnit(id) {
    var entry = units.get(id);
    if (!entry) return;
    stats.touched.units += 1;
    unitLayer.removeLayer(entry.marker);
    units.delete(id);
  }

  // -- alerts (earthquakes, warning areas): drawn under the incidents --------------------

  function drawAlerts(alerts) {
    alertLayer.clearLayers();
    alertsShown = [];
    alerts.forEach(function (a) {
      var sev = style.alert_severities[a.severity] || style.alert_severities.minor;
      var look = { pane: "wbAlerts", renderer: alertRenderer, color: sev.colour, weight: 3,
        opacity: 0.9, fillColor: sev.colour, fillOpacity: 0.12, interactive: false };
      if (a.severity === "unknown") look.dashArray = "8 6";  // its own kind, not "minor"
      if (a.polygon && a.polygon.length > 2) {
        L.polygon(a.polygon, look).addTo(alertLayer);
      } else if (a.radius_m > 0) {
        L.circle([a.lat, a.lon], Object.assign({ radius: a.radius_m }, look)).addTo(alertLayer);
      }
      var text = a.label || "";
      if (a.kind === "quake") {
        L.circleMarker([a.lat, a.lon], Object.assign({}, look, { radius: 9, fillOpacity: 1,
          color: "#ffffff" })).addTo(alertLayer);
        if (typeof a.magnitude === "number") text = "M " + a.magnitude.toLocaleString(style.locale || "id-ID",
          { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " " + text;
      }
      if (text) {
        var box = el("div", "wb-alert-label", text);
        box.style.borderColor = sev.colour;
        L.marker([a.lat, a.lon], { pane: "wbAlerts", interactive: false, keyboard: false,
          icon: L.divIcon({ html: box, className: "wb-alert-icon", iconSize: null,
            iconAnchor: [-14, 14] }) }).addTo(alertLayer);
      }
      alertsShown.push(a.severity);
    });
  }
  var alertRenderer = null;

  // -- one frame: apply everything pending, then paint -----------------------------------

  // A hidden page gets no animation frames: a slow timer keeps its state current anyway.
  var fallbackId = null;

  function requestFrame() {
    if (frameId !== null) return;
    frameId = requestAnimationFrame(frame);
    fallbackId = setTimeout(flushNow, 250);
  }

  function flushNow() {
    if (frameId !== null) {
      cancelAnimationFrame(frameId);
      frame();
    }
  }

  // Leaflet's canvas renderers queue their repaint for the next animation frame; paint
  // them now, inside this frame, so the diff costs one repaint (Leaflet 1.9.4 internals).
  function paintCanvas() {
    [unitRenderer, incidentRenderer].forEach(function (r) {
      if (r._redrawRequest) {
        L.Util.cancelAnimFrame(r._redrawRequest);
        r._redraw();
      }
    });
  }

  // "Drawn" means on screen: a frame's changes count once the next frame has begun.
  var painted = true;

  function markPainted() {
    painted = true;
  }

  function frame() {
    frameId = null;
    clearTimeout(fallbackId);
    painted = false;
    requestAnimationFrame(markPainted);
    setTimeout(markPainted, 250);
    var started = performance.now();
    var work = pending;
    pending = newPending();
    var dirty = new Set();
    if (work.reset) {
      incidentLayer.clearLayers();
      clusterLayer.clearLayers();
      pulseLayer.clearLayers();
      unitLayer.clearLayers();
      incidents.clear();
      units.clear();
      cells.clear();
      fresh.clear();
      extent = null;
      extentStale = true;
      boundsDirty = true;
    }
    work.incidents.forEach(function (item, id) {
      if (item === null) removeIncident(id, dirty); else upsertIncident(item, dirty);
    });
    work.units.forEach(function (item, id) {
      if (item === null) removeUnit(id); else upsertUnit(item);
    });
    if (work.alerts !== undefined) drawAlerts(work.alerts || []);
    var t1 = performance.now();
    dirty.forEach(reconcileCell);
    var t2 = performance.now();
    if (boundsDirty) autoFit();
    var t3 = performance.now();
    if (heatDirty && heatLayer) scheduleHeat();
    paintCanvas();
    scheduleLegend();
    if (chosen) showChosen(false); // the chosen record moved, came or went
    var spent = performance.now() - started;
    stats.parts = { data: t1 - started, clusters: t2 - t1, fit: t3 - t2,
      paint: started + spent - t3 };
    stats.frames += 1;
    stats.lastFrameMs = spent;
    stats.lastApplyMs = spent + work.parseMs;
  }

  // The heat-map is slow-moving context: it is redrawn on its own, at most once a
  // second, so it never holds up the markers' frame.
  var HEAT_DELAY_MS = 1000;
  var heatTimer = null;

  function scheduleHeat() {
    if (heatTimer !== null) return;
    heatTimer = setTimeout(function () {
      heatTimer = null;
      heatDirty = false;
      var started = performance.now();
      var points = [];
      heatPoints.forEach(function (p) { points.push([p[0], p[1]]); });
      heatLayer.setPoints(points);
      stats.lastHeatMs = performance.now() - started;
    }, HEAT_DELAY_MS);
  }

  // -- legend: built from the same style table and drawing functions as the markers ------

  var legendBox = null;
  var legendShown = null;
  var legendTimer = null;
  function drawnKinds() {
    var seen = { categories: {}, priorities: {}, unassigned: false, statuses: {}, agencies: {},
      clusters: false, fresh: false, heat: false, alerts: {} };
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
    cells.forEach(function (c) { if (c.cluster) seen.clusters = true; });
    seen.fresh = fresh.size > 0;
    seen.heat = heatLayer !== null && heatPoints.size > 0;
    alertsShown.forEach(function (s) { seen.alerts[s] = true; });
    return seen;
  }

  function refreshLegend() {
    var seen = drawnKinds();
    var key = JSON.stringify(seen);
    if (key === legendShown) return;
    legendShown = key;
    window.wbLegend.fill(legendBox, seen, style);
    pageLegend();
    fitBesideLegend(lastFit); // the legend's size may have changed
  }

  var LEGEND_SHARE = 0.45; // of the map's height, at most, before the key goes page by page

  function pageLegend() {
    window.wbLegend.paginate(legendBox, LEGEND_SHARE * map.getSize().y);
  }

  // After the markers are painted, and once for a burst: the legend must not slow the
  // markers' first frame.
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
      window.wbLegend.fill(legendBox, drawnKinds(), style); // nothing drawn yet: the name only
      // on a desk, a click on the legend's title folds it to that title and back
      legendBox.addEventListener("click", function (event) {
        if (event.target.closest(".wb-legend-title")) setLegendCollapsed(!legendCollapsed());
      });
      return legendBox;
    };
    return control;
  }

  function legendCollapsed() {
    return legendBox !== null && legendBox.classList.contains("wb-legend-collapsed");
  }

  function setLegendCollapsed(collapsed) {
    if (!legendBox) return;
    legendBox.classList.toggle("wb-legend-collapsed", !!collapsed);
    fitBesideLegend(lastFit); // the region may use the room the legend gave back
  }

  // -- the selected record (a desk's list): a ring around its marker, kept in view ------

  var chosen = null; // {kind, id}
  var chosenRing = null;

  function showChosen(pan) {
    if (chosenRing) {
      chosenRing.remove();
      chosenRing = null;
    }
    if (!chosen) return;
    var entry = (chosen.kind === "unit" ? units : incidents).get(chosen.id);
    if (!entry) return;
    var at = L.latLng(entry.item.lat, entry.item.lon);
    chosenRing = L.circleMarker(at, { pane: "wbPulse", radius: 30, weight: 5, fill: false,
      color: style.chosen_colour || "#00e5ff", interactive: false }).addTo(map);
    if (pan && !map.getBounds().contains(at)) map.panTo(at, { animate: false });
  }

  // -- auto-fit: every open incident (and the region) in view, clear of the legend,
  // until an operator pans or zooms; then again after "show all" or a few idle minutes.

  var movedByHand = false;
  var idleTimer = null;
  var resetButton = null;
  var lastFit = null;
  var PAD = 24;

  function fitWith(bounds, bottomRight) {
    map.fitBounds(bounds, { paddingTopLeft: [PAD, PAD], paddingBottomRight: bottomRight,
      animate: false });
  }

  function underLegend(bounds) {
    var ne = map.latLngToContainerPoint(bounds.getNorthEast());
    var sw = map.latLngToContainerPoint(bounds.getSouthWest());
    var size = map.getSize();
    var left = size.x - legendBox.offsetWidth - 10, top = size.y - legendBox.offsetHeight - 10;
    return ne.x > left && sw.y > top;
  }

  function fitBesideLegend(bounds) {
    if (!bounds || movedByHand || !legendBox || focused) return;
    fitWith(bounds, [PAD, PAD]);
    if (!underLegend(bounds)) return;
    var size = map.getSize();
    var w = legendBox.offsetWidth, h = legendBox.offsetHeight;
    var choices = [];
    // beside or above the legend, whichever shows the region larger (as long as a
    // quarter of the map is left for it)
    if (w + 2 * PAD < size.x * 0.75) choices.push([w + 2 * PAD, PAD]);
    if (h + 2 * PAD < size.y * 0.75) choices.push([PAD, h + 2 * PAD]);
    var best = null, bestZoom = -Infinity;
    choices.forEach(function (br) {
      var zoom = map.getBoundsZoom(bounds, false, L.point(PAD + br[0], PAD + br[1]));
      if (zoom > bestZoom) { best = br; bestZoom = zoom; }
    });
    if (best) fitWith(bounds, best);
  }

  function wantedBounds() {
    if (extentStale) {
      extent = null;
      incidents.forEach(function (e) {
        if (extent) extent.extend([e.item.lat, e.item.lon]);
        else extent = L.latLngBounds([e.item.lat, e.item.lon], [e.item.lat, e.item.lon]);
      });
      extentStale = false;
    }
    var b = style.bounds ? L.latLngBounds(style.bounds) : null;
    if (extent) b = b ? b.extend(extent) : L.latLngBounds(extent.getSouthWest(), extent.getNorthEast());
    return b;
  }

  function autoFit() {
    boundsDirty = false;
    if (focused) return; // a takeover holds the view on its incident until unfocus()
    var bounds = wantedBounds();
    if (!bounds) return;
    var same = lastFit && lastFit.equals(bounds);
    lastFit = bounds;
    if (!same) fitBesideLegend(bounds);
  }

  function handMoved() {
    movedByHand = true;
    if (resetButton) resetButton.style.display = "";
    clearTimeout(idleTimer);
    idleTimer = setTimeout(resetView, style.autofit_idle_ms || 180000);
  }

  function resetView() {
    clearTimeout(idleTimer);
    movedByHand = false;
    if (resetButton) resetButton.style.display = "none";
    lastFit = wantedBounds();
    fitBesideLegend(lastFit);
  }

  function buildResetButton() {
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      resetButton = el("button", "wb-reset", style.words.reset_view);
      resetButton.type = "button";
      resetButton.style.display = "none";
      L.DomEvent.disableClickPropagation(resetButton);
      resetButton.addEventListener("click", resetView);
      return resetButton;
    };
    return control;
  }

  function watchHands() {
    map.on("dragstart", handMoved);
    var container = map.getContainer();
    ["wheel", "dblclick", "touchmove"].forEach(function (name) {
      container.addEventListener(name, handMoved, { passive: true });
    });
    container.addEventListener("keydown", function (event) {
      if (/^(Arrow|\+|-|=)/.test(event.key)) handMoved();
    });
  }

  // -- the API Python calls -------------------------------------------------------------

  function positions(table) {
    var out = {};
    table.forEach(function (entry, id) { out[id] = [entry.item.lat, entry.item.lon]; });
    return out;
  }

  var focusRing = null;
  var focused = null;

  var wb = {
    ready: false,
    applied: 0,
    // Called once by the folium-built page with the map and the style table (JSON text).
    init: function (leafletMap, styleText) {
      map = leafletMap;
      style = JSON.parse(styleText);
      pending = newPending();
      // above the overlay pane (the region's shaded outline), under the clusters
      [["wbHeat", 402, false], ["wbAlerts", 404, false], ["wbPulse", 406, false],
        ["wbUnits", 410, true], ["wbIncidents", 420, false]].forEach(function (p) {
        var pane = map.createPane(p[0]);
        pane.style.zIndex = p[1];
        if (!p[2]) pane.style.pointerEvents = "none";
      });
      alertRenderer = L.svg({ pane: "wbAlerts" });
      alertLayer = L.layerGroup().addTo(map);
      if (style.heatmap) heatLayer = window.wbHeat({ pane: "wbHeat" }).addTo(map);
      pulseLayer = L.layerGroup().addTo(map);
      incidentRenderer = new PatchCanvas({ padding: 0.2, pane: "wbIncidents" });
      unitRenderer = new UnitCanvas({ padding: 0.2, pane: "wbUnits" });
      unitRenderer.upper = incidentRenderer;
      map.addLayer(incidentRenderer);
      map.addLayer(unitRenderer);
      unitLayer = L.layerGroup().addTo(map);
      incidentLayer = L.layerGroup().addTo(map);
      clusterLayer = L.layerGroup().addTo(map);
      hoverTip = L.tooltip({ direction: "top", offset: [0, -16], opacity: 1 });
      buildLegend().addTo(map);
      buildResetButton().addTo(map);
      lastFit = wantedBounds();
      fitBesideLegend(lastFit);
      map.on("resize", function () {
        pageLegend();
        fitBesideLegend(lastFit);
      });
      map.on("zoomend", regroup);
      watchHands();
      setInterval(agePulses, 10000);
      setInterval(ping, PING_EVERY_MS);
      // QtWebEngine's V8 does not collect on its own on a page fed every second
      // (QTBUG-150562): the renderer grows for as long as the wall runs. The wall starts
      // Chromium with --js-flags=--expose-gc (maps/renderer_flags.py); collect now and
      // then. Without the flag (a browser, a test) there is no gc and nothing to do.
      if (typeof window.gc === "function") setInterval(collectGarbage, GC_EVERY_MS);
      wb.ready = true;
    },
    // The one entry point for data: a JSON message (as text), coalesced by id until the
    // next animation frame. See maps/payload.py for its shape.
    apply: function (messageText) {
      var started = performance.now();
      var msg = JSON.parse(messageText);
      if (msg.reset) {
        pending = newPending();
        pending.reset = true;
      }
      (msg.remove_incidents || []).forEach(function (id) { pending.incidents.set(id, null); });
      (msg.remove_units || []).forEach(function (id) { pending.units.set(id, null); });
      (msg.upsert_incidents || []).forEach(function (item) { pending.incidents.set(item.id, item); });
      (msg.upsert_units || []).forEach(function (item) { pending.units.set(item.id, item); });
      if (msg.alerts !== undefined) pending.alerts = msg.alerts;
      if (typeof msg.now === "number") {
        feedClock.base = msg.now;
        feedClock.at = performance.now();
      }
      if (typeof msg.day_start === "number" && msg.day_start !== feedClock.dayStart) {
        feedClock.dayStart = msg.day_start;
        heatPoints.forEach(function (p, id) { if (p[2] < msg.day_start) heatPoints.delete(id); });
        heatDirty = true;
      }
      pending.parseMs += performance.now() - started;
      wb.applied += 1;
      requestFrame();
      return wb.applied;
    },
    // What the page has drawn, for tests and health checks: id -> [lat, lng]. Empty
    // ("settled": false) while changes wait for their frame or for it to reach the screen.
    drawn: function () {
      var settled = painted && frameId === null;
      return JSON.stringify({ incidents: settled ? positions(incidents) : {},
        units: settled ? positions(units) : {}, applied: wb.applied, settled: settled });
    },
    // Counters for tests and the benchmark; resetCounts() zeroes the touched counts.
    stats: function () {
      var singles = 0, clusters = 0;
      incidents.forEach(function (e) { if (e.single) singles += 1; });
      cells.forEach(function (c) { if (c.cluster) clusters += 1; });
      return JSON.stringify({ frames: stats.frames, applied: wb.applied, touched: stats.touched,
        lastApplyMs: stats.lastApplyMs, lastFrameMs: stats.lastFrameMs, parts: stats.parts, pending: frameId !== null,
        singles: singles, clusters: clusters, pulses: pulseLayer.getLayers().length,
        heatPoints: heatLayer ? heatPoints.size : 0, heatDrawn: heatLayer ? heatLayer.count() : 0,
        lastHeatMs: stats.lastHeatMs, alerts: alertsShown.length,
        movedByHand: movedByHand, zoom: map.getZoom() });
    },
    // The clusters drawn, for tests: [{n, counts: {priority: n}, lat, lon}, ...].
    clusters: function () {
      var out = [];
      cells.forEach(function (cell) {
        if (cell.cluster) {
          var look = cell.cluster.wbLook;
          out.push({ n: look.n, counts: look.counts, lat: look.lat, lon: look.lon });
        }
      });
      return JSON.stringify(out);
    },
    resetCounts: function () {
      stats.touched = { incidents: 0, units: 0, clusters: 0 };
    },
    resetView: resetView,
    // The record chosen in a list ("incident" or "unit", its id; null: none): ringed.
    choose: function (kind, id) {
      chosen = id ? { kind: kind, id: id } : null;
      flushNow();
      showChosen(true);
      return chosenRing !== null;
    },
    // What is ringed, for tests: {kind, id, lat, lon} or null.
    chosen: function () {
      if (!chosen || !chosenRing) return JSON.stringify(null);
      var at = chosenRing.getLatLng();
      return JSON.stringify({ kind: chosen.kind, id: chosen.id, lat: at.lat, lon: at.lng });
    },
    // What the map shows now, for tests: {view: [[s, w], [n, e]], region: [[s, w], [n, e]],
    // zoom, size: [x, y], movedByHand}.
    view: function () {
      var b = map.getBounds(), size = map.getSize();
      return JSON.stringify({ view: [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]],
        region: style.bounds, zoom: map.getZoom(), size: [size.x, size.y],
        movedByHand: movedByHand });
    },
    setLegendCollapsed: function (collapsed) { setLegendCollapsed(collapsed); return legendCollapsed(); },
    legendCollapsed: legendCollapsed,
    // A takeover (a new priority-1 incident): fly there and ring it until unfocus().
    // Python passes numbers only (maps/map_view.py, MapView.focus_on).
    focus: function (lat, lon, zoom) {
      if (focusRing) map.removeLayer(focusRing);
      focusRing = L.circleMarker([lat, lon], { radius: 28, weight: 6, color: "#ff1744",
        fill: false, className: "wb-takeover-ring", interactive: false }).addTo(map);
      var target = Math.min(zoom, map.getMaxZoom());
      // no animation: a hidden or software-rendered page may never run its frames
      map.setView([lat, lon], Math.max(target, map.getZoom()), { animate: false });
      focused = [lat, lon];
    },
    unfocus: function () {
      if (focusRing) map.removeLayer(focusRing);
      focusRing = null;
      focused = null;
      if (!movedByHand) { lastFit = null; autoFit(); }
    },
    focused: function () { return JSON.stringify(focused); },
    // Night mode: the whole page dimmed, the same marks and words (MapView.set_night).
    night: function (on) { document.body.classList.toggle("wb-night", !!on); },
    nextLegendPage: function () { window.wbLegend.nextPage(); },
    // The legend's entries as shown, for tests: [[section, [label, ...]], ...].
    legend: function () {
      flushNow();
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
        var head = sec.firstChild.textContent, last = out[out.length - 1];
        if (last && last[0] === head) last[1] = last[1].concat(labels); // a section's pages
        else out.push([head, labels]);
      });
      return JSON.stringify(out);
    },
    // Open a tooltip on every incident (screenshots, tests of how text is shown).
    openTooltips: function () {
      flushNow();
      incidents.forEach(function (e) {
        L.tooltip({ permanent: true, direction: "top", offset: [0, -16] })
          .setLatLng([e.item.lat, e.item.lon]).setContent(incidentTipNode(e.item)).addTo(map);
      });
      units.forEach(function (e) {
        L.tooltip({ permanent: true, direction: "bottom" })
          .setLatLng([e.item.lat, e.item.lon]).setContent(unitTipNode(e.item)).addTo(map);
      });
    },
  };
  window.wb = wb;
})();
