// How the map draws one thing: incident symbols and unit rings on a canvas, cluster
// rings as SVG. The map's markers and the legend's swatches call these same functions,
// so the legend shows exactly what is drawn. Text is set with textContent or fillText.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var INK = "#0b0f14";
  var FONT = "DejaVu Sans, Arial, sans-serif";

  function shapePath(ctx, shape, x, y, half) {
    ctx.beginPath();
    if (shape === "circle") {
      ctx.arc(x, y, half, 0, 2 * Math.PI);
    } else if (shape === "triangle") {
      ctx.moveTo(x, y - half);
      ctx.lineTo(x + half, y + half * 0.8);
      ctx.lineTo(x - half, y + half * 0.8);
      ctx.closePath();
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - half);
      ctx.lineTo(x + half, y);
      ctx.lineTo(x, y + half);
      ctx.lineTo(x - half, y);
      ctx.closePath();
    } else {
      var s = half * 0.86;
      ctx.rect(x - s, y - s, 2 * s, 2 * s);
    }
  }

  // One incident centred on (x, y): shape and letter by category, fill by priority,
  // size and outline by priority (P1 has a second contour), white outline = unassigned.
  function incident(ctx, x, y, cat, pri, unassigned, scale) {
    var k = scale || 1;
    var half = (pri.size * k) / 2;
    var width = pri.outline * k;
    if (pri.double) {
      shapePath(ctx, cat.shape, x, y, half - 1.5 * k);
      ctx.lineWidth = 3 * k;
      ctx.strokeStyle = pri.colour;
      ctx.setLineDash([]);
      ctx.stroke();
      half -= 6 * k;
    }
    shapePath(ctx, cat.shape, x, y, half - width / 2);
    ctx.fillStyle = pri.colour;
    ctx.fill();
    ctx.lineWidth = unassigned ? width + 1.5 * k : width;
    ctx.strokeStyle = unassigned ? "#ffffff" : INK;
    ctx.setLineDash([]);
    ctx.stroke();
    if (!cat.letter) return;
    var inner = 2 * half;
    ctx.fillStyle = INK;
    ctx.font = "700 " + Math.round(inner * (cat.letter.length > 1 ? 0.36 : 0.46)) + "px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(cat.letter, x, y + (cat.shape === "triangle" ? inner * 0.14 : inner * 0.03));
  }

  // A unit as Leaflet's canvas renderer draws its circle marker (legend swatches).
  function unit(ctx, x, y, look) {
    ctx.beginPath();
    ctx.arc(x, y, look.radius, 0, 2 * Math.PI);
    ctx.fillStyle = look.fillColor;
    ctx.fill();
    ctx.lineWidth = look.weight;
    ctx.strokeStyle = look.color;
    ctx.setLineDash(look.dash || []);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  function canvas(width, height) {
    var node = document.createElement("canvas");
    var ratio = window.devicePixelRatio || 1;
    node.width = Math.ceil(width * ratio);
    node.height = Math.ceil(height * ratio);
    node.style.width = width + "px";
    node.style.height = height + "px";
    var ctx = node.getContext("2d");
    ctx.scale(ratio, ratio);
    return { node: node, ctx: ctx };
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function clusterSize(total) {
    return Math.round(46 + 12 * Math.log10(Math.max(1, total)));
  }

  // A cluster: a ring split by priority (P1 first, clockwise from the top, dark gaps
  // between segments) around the count. ``counts`` is [[colour, n], ...] in order.
  function cluster(counts, total, unassigned) {
    var size = clusterSize(total), h = size / 2, ring = Math.max(8, size * 0.17);
    var r = h - ring / 2 - 1;
    var svg = svgEl("svg", { width: size, height: size, viewBox: "0 0 " + size + " " + size });
    svg.appendChild(svgEl("circle", { cx: h, cy: h, r: h - 0.5, fill: INK,
      stroke: unassigned ? "#ffffff" : INK, "stroke-width": unassigned ? 2 : 1 }));
    var start = -Math.PI / 2;
    var parts = counts.filter(function (c) { return c[1] > 0; });
    parts.forEach(function (c) {
      var sweep = (2 * Math.PI * c[1]) / total;
      if (parts.length === 1) {
        svg.appendChild(svgEl("circle", { cx: h, cy: h, r: r, fill: "none", stroke: c[0],
          "stroke-width": ring }));
        return;
      }
      var gap = Math.min(0.08, sweep / 4);
      var a0 = start + gap / 2, a1 = start + sweep - gap / 2;
      var d = "M " + (h + r * Math.cos(a0)) + " " + (h + r * Math.sin(a0)) +
        " A " + r + " " + r + " 0 " + (a1 - a0 > Math.PI ? 1 : 0) + " 1 " +
        (h + r * Math.cos(a1)) + " " + (h + r * Math.sin(a1));
      svg.appendChild(svgEl("path", { d: d, fill: "none", stroke: c[0], "stroke-width": ring }));
      start += sweep;
    });
    var text = svgEl("text", { x: h, y: h, "text-anchor": "middle", "dominant-baseline": "central",
      "font-size": Math.max(20, Math.round(size * 0.34)), "font-weight": "700",
      "font-family": FONT, fill: "#ffffff" });
    text.textContent = String(total);
    svg.appendChild(text);
    return { node: svg, size: size };
  }

  window.wbDraw = { incident: incident, unit: unit, canvas: canvas, cluster: cluster,
    svgEl: svgEl };
})();
