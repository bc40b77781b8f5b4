// The page's one way back to Python: window.wbMarkerClicked("incident:<id>" | "unit:<id>"),
// where <id> is the marker's id as Python sent it ("backend/id"), passed back untouched.
// Loaded after Qt's qwebchannel.js. Python exposes a single object with a single slot;
// a click that comes before the channel is up is remembered and sent once it is.
// The same slot object also takes a heartbeat, once a second: a page that stops beating
// has a hung renderer, and the wall kills and reloads it (maps/renderer_watch.py).
(function () {
  "use strict";
  var target = null;
  var early = null;
  var HEARTBEAT_MS = 1000;

  function send(id) {
    if (target) target.markerClicked(String(id));
    else early = String(id);
  }

  Object.defineProperty(window, "wbMarkerClicked", { value: send, writable: false });

  if (typeof QWebChannel !== "function" || typeof qt === "undefined" || !qt.webChannelTransport) {
    return; // opened outside the wall (a browser): clicks simply go nowhere
  }
  new QWebChannel(qt.webChannelTransport, function (channel) {
    target = channel.objects.wbClicks;
    if (early !== null) {
      target.markerClicked(early);
      early = null;
    }
    target.heartbeat();
    setInterval(function () { target.heartbeat(); }, HEARTBEAT_MS);
  });
})();
