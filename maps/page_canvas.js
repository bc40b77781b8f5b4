// Our canvas renderers (Leaflet's, extended): each changed marker is repainted in its own
// patch, and the units' canvas, under the incidents', passes the pointer to the one above.
(function () {
  "use strict";
  // Leaflet's canvas repaints the union of everything that changed: a few markers moved
  // across the map repaint the whole canvas. This one repaints each changed marker's own
  // patch (old and new place) instead, while the patches are few.
  var MAX_PATCHES = 400;
  var PatchCanvas = L.Canvas.extend({
    _extendRedrawBounds: function (layer) {
      if (layer._pxBounds) {
        var pad = (layer.options.weight || 0) + 1;
        var patch = new L.Bounds(layer._pxBounds.min.subtract([pad, pad]).floor(),
          layer._pxBounds.max.add([pad, pad]).ceil());
        var patches = this._patches = this._patches || [];
        var last = patches[patches.length - 1];
        // a marker redrawn in place or moved a little: its old and new patch as one
        if (this._patchLayer === layer && last.intersects(patch)) last.extend(patch.min).extend(patch.max);
        else patches.push(patch);
        this._patchLayer = layer;
      }
      L.Canvas.prototype._extendRedrawBounds.call(this, layer);
    },
    _redraw: function () {
      var patches = this._patches;
      this._patches = null;
      this._patchLayer = null;
      if (!patches || !this._redrawBounds || patches.length > MAX_PATCHES) {
        L.Canvas.prototype._redraw.call(this);
        return;
      }
      this._redrawRequest = null;
      this._redrawBounds = null;
      var lists = this._layersPerPatch(patches);
      var ctx = this._ctx;
      this._drawing = true;
      for (var i = 0; i < patches.length; i++) {
        var b = patches[i], size = b.getSize();
        ctx.save();
        ctx.clearRect(b.min.x, b.min.y, size.x, size.y);
        ctx.beginPath();
        ctx.rect(b.min.x, b.min.y, size.x, size.y);
        ctx.clip();
        for (var k = 0; k < lists[i].length; k++) lists[i][k]._updatePath();
        ctx.restore();
      }
      this._drawing = false;
    },
    // One pass over the layers in draw order, each matched to the patches it overlaps
    // through a coarse grid: not one pass per patch.
    _layersPerPatch: function (patches) {
      var G = 128, grid = new Map(), lists = [];
      patches.forEach(function (b, i) {
        lists.push([]);
        for (var gx = Math.floor(b.min.x / G); gx <= Math.floor(b.max.x / G); gx++) {
          for (var gy = Math.floor(b.min.y / G); gy <= Math.floor(b.max.y / G); gy++) {
            var key = gx * 65536 + gy;
            if (!grid.has(key)) grid.set(key, []);
            grid.get(key).push(i);
          }
        }
      });
      for (var order = this._drawFirst; order; order = order.next) {
        var layer = order.layer, pb = layer._pxBounds;
        if (!pb) continue;
        for (var gx = Math.floor(pb.min.x / G); gx <= Math.floor(pb.max.x / G); gx++) {
          for (var gy = Math.floor(pb.min.y / G); gy <= Math.floor(pb.max.y / G); gy++) {
            var hits = grid.get(gx * 65536 + gy);
            if (!hits) continue;
            for (var h = 0; h < hits.length; h++) {
              var list = lists[hits[h]];
              if (list[list.length - 1] !== layer && pb.intersects(patches[hits[h]])) list.push(layer);
            }
          }
        }
      }
      return lists;
    },
  });

  // Units have their own canvas under the incidents', so a cluster's change never repaints
  // the units around it. A canvas on top would take every mouse event (Leaflet answers
  // only for the canvas the pointer hits): the top one ignores the pointer and this one
  // asks it first, so the topmost marker under the pointer gets the click or hover.
  var UnitCanvas = PatchCanvas.extend({
    _upperHit: function (e) {
      var upper = this.upper, point = this._map.mouseEventToLayerPoint(e), hit = null;
      for (var order = upper._drawFirst; order; order = order.next) {
        if (order.layer.options.interactive && order.layer._containsPoint(point)) hit = order.layer;
      }
      return hit;
    },
    _onClick: function (e) {
      if (this._upperHit(e)) this.upper._onClick(e);
      else PatchCanvas.prototype._onClick.call(this, e);
    },
    _onMouseMove: function (e) {
      if (!this._map || this._map.dragging.moving() || this._map._animatingZoom) return;
      if (this._upperHit(e)) {
        L.Canvas.prototype._handleMouseOut.call(this, e);
        this.upper._onMouseMove(e);
      } else {
        L.Canvas.prototype._handleMouseOut.call(this.upper, e);
        PatchCanvas.prototype._onMouseMove.call(this, e);
      }
    },
    _handleMouseOut: function (e) {
      L.Canvas.prototype._handleMouseOut.call(this, e);
      L.Canvas.prototype._handleMouseOut.call(this.upper, e);
    },
  });

  window.wbCanvas = { PatchCanvas: PatchCanvas, UnitCanvas: UnitCanvas };
})();
