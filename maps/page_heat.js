// The heat-map of today's incidents: our own small canvas layer (no plugin). Each
// point adds a soft blob to an alpha canvas; the summed alpha is then coloured through a
// palette. Redrawn when the points change or the map moves, never per animation frame.
(function () {
  "use strict";
  var RADIUS = 28;
  var SCALE = 4;
  var BLOB_ALPHA = 0.22;
  var STOPS = [[0.0, "rgba(0,0,255,0)"], [0.25, "#1e64ff"], [0.5, "#00e5ff"],
    [0.7, "#7cff3a"], [0.85, "#ffe600"], [1.0, "#ff2d2d"]];

  function blob() {
    var c = document.createElement("canvas");
    c.width = c.height = 2 * RADIUS;
    var ctx = c.getContext("2d");
    var g = ctx.createRadialGradient(RADIUS, RADIUS, 0, RADIUS, RADIUS, RADIUS);
    g.addColorStop(0, "rgba(0,0,0,1)");
    g.addColorStop(1, "rgba(0,0,0,0)");
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 2 * RADIUS, 2 * RADIUS);
    return c;
  }

  function palette() {
    var c = document.createElement("canvas");
    c.width = 256;
    c.height = 1;
    var ctx = c.getContext("2d");
    var g = ctx.createLinearGradient(0, 0, 256, 0);
    STOPS.forEach(function (s) { g.addColorStop(s[0], s[1]); });
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 256, 1);
    return ctx.getImageData(0, 0, 256, 1).data;
  }

  var HeatLayer = L.Layer.extend({
    initialize: function (options) {
      L.setOptions(this, options);
      this._points = [];
      this._blob = null;
      this._palette = null;
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "wb-heat");
      this._canvas.style.position = "absolute";
      this.getPane().appendChild(this._canvas);
      this._blob = this._blob || blob();
      this._palette = this._palette || palette();
      map.on("moveend zoomend resize viewreset", this.redraw, this);
      this.redraw();
    },
    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this.redraw, this);
      L.DomUtil.remove(this._canvas);
    },
    // points: [[lat, lon], ...] (replaces the previous set)
    setPoints: function (points) {
      this._points = points;
      if (this._map) this.redraw();
    },
    count: function () { return this._points.length; },
    // Blobs and colours are worked out at a quarter of the map's size, then scaled up:
    // a blurred density loses nothing, and it costs a sixteenth.
    redraw: function () {
      var map = this._map, canvas = this._canvas;
      var size = map.getSize();
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x;
      canvas.height = size.y;
      if (!this._points.length || !size.x || !size.y) return;
      var w = Math.ceil(size.x / SCALE), h = Math.ceil(size.y / SCALE), r = RADIUS / SCALE;
      var small = this._small = this._small || document.createElement("canvas");
      small.width = w;
      small.height = h;
      var ctx = small.getContext("2d", { willReadFrequently: true }); // read back below
      ctx.globalAlpha = BLOB_ALPHA;
      var blobImage = this._blob;
      this._points.forEach(function (p) {
        var pt = map.latLngToContainerPoint(p);
        var x = pt.x / SCALE, y = pt.y / SCALE;
        if (x < -r || y < -r || x > w + r || y > h + r) return;
        ctx.drawImage(blobImage, x - r, y - r, 2 * r, 2 * r);
      });
      var image = ctx.getImageData(0, 0, w, h);
      var px = image.data, pal = this._palette;
      for (var i = 3; i < px.length; i += 4) {
        var a = px[i];
        if (!a) continue;
        var j = a * 4;
        px[i - 3] = pal[j];
        px[i - 2] = pal[j + 1];
        px[i - 1] = pal[j + 2];
        px[i] = Math.min(180, 20 + a);
      }
      ctx.putImageData(image, 0, 0);
      var out = canvas.getContext("2d");
      out.imageSmoothingEnabled = true;
      out.drawImage(small, 0, 0, size.x, size.y);
    },
  });

  window.wbHeat = function (options) { return new HeatLayer(options); };
})();
