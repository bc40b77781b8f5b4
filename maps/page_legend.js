// The legend: built from the same style table and drawing functions as the markers, and
// listing only what the map draws now (``seen``, worked out by the bridge).
(function () {
  "use strict";
  var D = window.wbDraw;
  var NEUTRAL_FILL = "#c7c7cc";
  var NEUTRAL_RING = "#3a3a3c";
  var NEUTRAL_SYMBOL = "#d1d1d6";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var LEGEND_SCALE = 0.7;

  function symbolSwatch(cat, pri, unassigned) {
    var size = Math.ceil(pri.size * LEGEND_SCALE) + 2;
    var c = D.canvas(size, size);
    D.incident(c.ctx, size / 2, size / 2, cat, pri, unassigned, LEGEND_SCALE);
    return swatch(c.node);
  }

  function unitSwatch(look) {
    var c = D.canvas(26, 26);
    D.unit(c.ctx, 13, 13, look);
    return swatch(c.node);
  }

  function swatch(node) {
    var box = el("span", "wb-swatch");
    box.appendChild(node);
    return box;
  }

  function legendItem(parent, swatchNode, label) {
    var row = el("span", "wb-legend-row");
    row.appendChild(swatchNode);
    row.appendChild(el("span", null, label));
    parent.appendChild(row);
  }

  function legendSection(head) {
    var section = el("div", "wb-legend-sec");
    section.appendChild(el("span", "wb-legend-head", head));
    return section;
  }

  var NEUTRAL_PRIORITY = { colour: NEUTRAL_SYMBOL, size: 30, outline: 1.5, double: false };

  function fill(box, seen, style) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (style.title) box.appendChild(el("div", "wb-legend-title", style.title));
    var cats = legendSection(style.words.incidents);
    Object.keys(style.categories).forEach(function (key) {
      if (seen.categories[key]) legendItem(cats, symbolSwatch(style.categories[key], NEUTRAL_PRIORITY, false), style.categories[key].label);
    });
    var blank = { shape: "circle", letter: "" };
    if (seen.unassigned) legendItem(cats, symbolSwatch(blank, NEUTRAL_PRIORITY, true), style.words.unassigned);
    if (seen.fresh) {
      var pulse = el("span", "wb-swatch wb-swatch-pulse");
      pulse.appendChild(D.pulseRing("wb-pulse wb-pulse-swatch"));
      legendItem(cats, pulse, style.words.fresh);
    }
    if (seen.clusters) {
      var parts = ["1", "2", "3", "4"].map(function (p) { return [style.priorities[p].colour, 1]; });
      var ring = D.canvas(32, 32);
      D.cluster(ring.ctx, 16, 16, parts, 4, false, 32 / D.clusterSize(4));
      legendItem(cats, swatch(ring.node), style.words.cluster);
    }
    var pris = legendSection(style.words.priority);
    Object.keys(style.priorities).forEach(function (key) {
      var p = style.priorities[key];
      if (seen.priorities[key]) legendItem(pris, symbolSwatch(blank, p, false), p.label);
    });
    var sts = legendSection(style.words.units);
    style.legend_unit_statuses.forEach(function (s) {
      if (s.statuses.some(function (k) { return seen.statuses[k]; })) {
        legendItem(sts, unitSwatch({ radius: 8, weight: 4, color: s.colour,
          fillColor: s.fill || NEUTRAL_FILL, dash: s.dash }), s.label);
      }
    });
    var ags = legendSection(style.words.agencies);
    style.legend_agencies.forEach(function (a) {
      if (seen.agencies[a.kind]) legendItem(ags, unitSwatch({ radius: 8, weight: 4,
        color: NEUTRAL_RING, fillColor: a.colour, dash: null }), a.label);
    });
    var alerts = legendSection(style.words.alerts);
    Object.keys(style.alert_severities).forEach(function (k) {
      var sev = style.alert_severities[k];
      if (!seen.alerts[k]) return;
      var mark = el("span", "wb-swatch wb-swatch-alert");
      mark.style.borderColor = sev.colour;
      legendItem(alerts, mark, sev.label);
    });
    if (seen.heat) {
      var heat = el("span", "wb-swatch wb-swatch-heat");
      legendItem(alerts, heat, style.words.heat);
    }
    [cats, pris, sts, ags, alerts].forEach(function (section) {
      if (section.childNodes.length > 1) box.appendChild(section);
    });
  }

  // On a map too short for the whole key, one section shows at a time, the next every
  // few seconds (a wall has no mouse to scroll with), in a box sized for the largest
  // section, so the map's fit around it never jumps.
  var PAGE_MS = 8000;
  var paging = { timer: null, index: 0, sections: [] };

  function showPage() {
    paging.sections.forEach(function (sec, i) { sec.style.display = i === paging.index ? "" : "none"; });
  }

  function nextPage() {
    if (!paging.sections.length) return;
    paging.index = (paging.index + 1) % paging.sections.length;
    showPage();
  }

  // A long section as pages of a few entries each, every page under the section's head.
  var PAGE_ENTRIES = 4;

  function split(section) {
    var rows = Array.from(section.querySelectorAll(".wb-legend-row"));
    var pages = [section];
    for (var i = PAGE_ENTRIES; i < rows.length; i += PAGE_ENTRIES) {
      var page = el("div", "wb-legend-sec");
      page.appendChild(el("span", "wb-legend-head", section.firstChild.textContent));
      rows.slice(i, i + PAGE_ENTRIES).forEach(function (row) { page.appendChild(row); });
      section.parentNode.insertBefore(page, pages[pages.length - 1].nextSibling);
      pages.push(page);
    }
    return pages;
  }

  function paginate(box, maxHeight) {
    clearInterval(paging.timer);
    paging.timer = null;
    var sections = Array.from(box.querySelectorAll(".wb-legend-sec"));
    sections.forEach(function (sec) { sec.style.display = ""; });
    box.style.minHeight = box.style.minWidth = "";
    paging.sections = [];
    if (box.offsetHeight <= maxHeight) return false;
    sections = sections.reduce(function (pages, sec) { return pages.concat(split(sec)); }, []);
    if (sections.length < 2) return false;
    paging.sections = sections;
    var high = 0, wide = 0;
    sections.forEach(function (sec, i) {
      paging.index = i;
      showPage();
      high = Math.max(high, box.offsetHeight);
      wide = Math.max(wide, box.offsetWidth);
    });
    box.style.minHeight = high + "px";
    box.style.minWidth = wide + "px";
    paging.index = 0;
    showPage();
    paging.timer = setInterval(nextPage, PAGE_MS);
    return true;
  }

  window.wbLegend = { fill: fill, paginate: paginate, nextPage: nextPage };
})();
