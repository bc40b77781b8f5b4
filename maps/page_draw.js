// How the map draws one thing on a canvas: incident symbols, unit rings, cluster rings.
// The map's markers and the legend's swatches call these same functions, so the legend
// shows exactly what is drawn. Text is only ever drawn with fillText.
(function () {
  "use strict";
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

  function clusterSize(total) {
    return Math.round(40 + 8 * Math.log10(Math.max(1, total)));
  }

  // A cluster centred on (x, y): a ring split by priority (P1 first, clockwise from the
  // top, dark gaps between segments) around the count; white edge if any is unassigned.
  // ``counts`` is [[colour, n], ...] in priority order. Returns the size drawn.
  function cluster(ctx, x, y, counts, total, unassigned, scale) {
    var size = clusterSize(total) * (scale || 1), h = size / 2;
    var ring = Math.max(6, size * 0.17), r = h - ring / 2 - 1;
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(x, y, h - 1, 0, 2 * Math.PI);
    ctx.fillStyle = INK;
    ctx.fill();
    ctx.lineWidth = unassigned ? 2.5 : 1;
    ctx.strokeStyle = unassigned ? "#ffffff" : INK;
    ctx.stroke();
    var parts = counts.filter(function (c) { return c[1] > 0; });
    var start = -Math.PI / 2;
    ctx.lineWidth = ring;
    parts.forEach(function (c) {
      var sweep = (2 * Math.PI * c[1]) / total;
      var gap = parts.length === 1 ? 0 : Math.min(0.08, sweep / 4);
      ctx.beginPath();
      ctx.arc(x, y, r, start + gap / 2, start + sweep - gap / 2);
      ctx.strokeStyle = c[0];
      ctx.stroke();
      start += sweep;
    });
    if (scale === undefined || scale >= 1) {
      ctx.fillStyle = "#ffffff";
      ctx.font = "700 " + Math.max(20, Math.round(size * 0.34)) + "px " + FONT;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(String(total), x, y + 1);
    }
    return size;
  }

  // The map stamps ready-made images: paths and text drawn once per distinct look, then
  // copied (a software-rendered canvas draws text and dashes slowly). Bounded cache.
  var sprites = new Map();
  var MAX_SPRITES = 3000;

  function stamp(ctx, key, size, x, y, draw) {
    var sprite = sprites.get(key);
    if (!sprite) {
      if (sprites.size >= MAX_SPRITES) sprites.clear();
      var c = canvas(size, size);
      draw(c.ctx, size / 2);
      sprite = c.node;
      sprites.set(key, sprite);
    }
    ctx.drawImage(sprite, Math.round(x - size / 2), Math.round(y - size / 2), size, size);
  }

  function stampIncident(ctx, x, y, cat, pri, unassigned) {
    var key = "i" + cat.shape + cat.letter + pri.colour + pri.size + pri.outline + pri.double + unassigned;
    stamp(ctx, key, Math.ceil(pri.size) + 4, x, y, function (c, mid) {
      incident(c, mid, mid, cat, pri, unassigned, 1);
    });
  }

  function stampCluster(ctx, x, y, counts, total, unassigned) {
    var key = "c" + JSON.stringify(counts) + total + unassigned;
    stamp(ctx, key, clusterSize(total) + 2, x, y, function (c, mid) {
      cluster(c, mid, mid, counts, total, unassigned);
    });
  }

  function stampUnit(ctx, x, y, look) {
    var key = "u" + look.radius + look.weight + look.color + look.fillColor + look.dash;
    stamp(ctx, key, 2 * (look.radius + look.weight) + 2, x, y, function (c, mid) {
      unit(c, mid, mid, look);
    });
  }

  // A ring that pings (CSS animation) whenever the page's ping timer sets wb-pinging on
  // the body, so every ring on the page pings in step and nothing animates in between.
  function pulseRing(className) {
    var node = document.createElement("div");
    node.className = className;
    return node;
  }

  window.wbDraw = { incident: incident, unit: unit, canvas: canvas, cluster: cluster,
    clusterSize: clusterSize, stampIncident: stampIncident, stampCluster: stampCluster,
    stampUnit: stampUnit, pulseRing: pulseRing };
})();
