"""The map page cannot reach out: remote loads are blocked, navigation and new windows refused.

A loopback HTTP server stands in for "the internet" and records every request it gets;
the real page, on the real profile, is made to try everything a hostile script would.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from map_support import run_js
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineSettings
from record_support import keyed
from test_map_payload import incident

from maps.base_page import TileSource
from maps.map_view import MapView
from maps.url_guard import UrlGuard, tile_origin_pattern

LOAD_MS = 20_000
REMOTE = QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d1e5"
    "a40000000049454e44ae426082"
)


class RecordingServer:
    """A loopback HTTP server that answers every GET with a tiny PNG and remembers it."""

    def __init__(self) -> None:
        hits = self.hits = []
        agents = self.agents = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                agents.append(self.headers.get("User-Agent", ""))
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Length", str(len(PNG_1PX)))
                self.end_headers()
                self.wfile.write(PNG_1PX)

            def log_message(self, *_args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def server():
    made = RecordingServer()
    yield made
    made.close()


@pytest.fixture
def ready_view(qtbot, make_view):
    """``ready_view(**options)``: a MapView whose page is up and has drawn incident A."""

    def make(**kwargs) -> MapView:
        view = make_view(**kwargs)
        with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
            view.show_state(keyed([incident("A")]), {})
        return view

    return make


def attack(base: str) -> str:
    """A script trying every way a page loads a URL; outcomes land in window.__tries."""
    return f"""
    (function () {{
      var base = {json.dumps(base)};
      var tries = window.__tries = {{}};
      function done(name, ok) {{ tries[name] = ok; }}
      fetch(base + "/fetch").then(function () {{ done("fetch", true); }},
                                  function () {{ done("fetch", false); }});
      var xhr = new XMLHttpRequest();
      xhr.onload = function () {{ done("xhr", true); }};
      xhr.onerror = function () {{ done("xhr", false); }};
      xhr.open("GET", base + "/xhr");
      xhr.send();
      var img = new Image();
      img.onload = function () {{ done("img", true); }};
      img.onerror = function () {{ done("img", false); }};
      img.src = base + "/img.png";
      var script = document.createElement("script");
      script.onload = function () {{ done("script", true); }};
      script.onerror = function () {{ done("script", false); }};
      script.src = base + "/x.js";
      document.head.appendChild(script);
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.onload = function () {{ done("css", true); }};
      css.onerror = function () {{ done("css", false); }};
      css.href = base + "/x.css";
      document.head.appendChild(css);
      return 1;
    }})()
    """


def tries(qtbot, view: MapView) -> dict:
    outcome: dict = {}

    def settled() -> bool:
        outcome.update(json.loads(run_js(qtbot, view, "JSON.stringify(window.__tries)")))
        return len(outcome) == 5

    qtbot.waitUntil(settled, timeout=10_000)
    return outcome


def test_with_no_tile_server_a_page_script_cannot_load_anything_remote(qtbot, ready_view, server):
    view = ready_view()
    assert not view.page().settings().testAttribute(REMOTE)
    run_js(qtbot, view, attack(server.url))
    assert tries(qtbot, view) == {k: False for k in ("fetch", "xhr", "img", "script", "css")}
    run_js(qtbot, view, attack("file:///etc"))
    assert set(tries(qtbot, view).values()) == {False}
    assert server.hits == []


def test_with_a_tile_server_the_guard_lets_only_it_through(qtbot, ready_view, server):
    tile_server = RecordingServer()
    try:
        tiles = TileSource(f"{tile_server.url}/tiles/{{z}}/{{x}}/{{y}}.png", "test tiles", 18)
        view = ready_view(tiles=tiles)
        assert view.page().settings().testAttribute(REMOTE)
        qtbot.waitUntil(lambda: bool(tile_server.hits), timeout=10_000)
        assert all(p.startswith("/tiles/") for p in tile_server.hits)
        # the same host on another port is not the tile server
        run_js(qtbot, view, attack(server.url))
        assert tries(qtbot, view) == {k: False for k in ("fetch", "xhr", "img", "script", "css")}
        assert view.url_guard.blocked["127.0.0.1"] == 5
        assert server.hits == []
        # a documentation-range address (that would only time out) is cut off at once too
        run_js(qtbot, view, attack("http://192.0.2.1"))
        assert set(tries(qtbot, view).values()) == {False}
        assert view.url_guard.blocked["192.0.2.1"] == 5
        # local files outside the page's folders are out of reach as well
        run_js(qtbot, view, attack("file:///etc"))
        assert set(tries(qtbot, view).values()) == {False}
        assert server.hits == []
    finally:
        tile_server.close()


def test_navigation_away_and_new_windows_are_refused(qtbot, ready_view, server):
    view = ready_view()
    home = view.url()
    page = view.page()
    for script in (
        f"location.href = {json.dumps(server.url + '/nav')}; 1",
        "location.href = 'file:///etc/hostname'; 1",
        # the page itself, reloaded by a script, would come back without its markers
        "location.reload(); 1",
        "location.href = location.href; 1",
    ):
        run_js(qtbot, view, script)
    qtbot.waitUntil(lambda: page.refused_navigations >= 4, timeout=10_000)
    # new windows: scripts may not open them, and a link's target="_blank" opens none
    opened = f"window.open({json.dumps(server.url + '/popup')}) === null"
    assert run_js(qtbot, view, opened) is True
    run_js(
        qtbot,
        view,
        f"var a = document.createElement('a'); a.href = {json.dumps(server.url + '/a')};"
        " a.target = '_blank'; document.body.appendChild(a); a.click(); 1",
    )
    # a last refused navigation: once it is counted, the click above has been handled
    run_js(qtbot, view, f"location.href = {json.dumps(server.url + '/last')}; 1")
    qtbot.waitUntil(lambda: page.refused_navigations >= 5, timeout=10_000)
    # still the map, still alive, nothing fetched
    assert view.url() == home
    assert run_js(qtbot, view, "window.wb.ready === true") is True
    assert json.loads(run_js(qtbot, view, "window.wb.drawn()"))["incidents"] == {
        "smd/A": [-0.5, 117.15]
    }
    assert server.hits == []


def test_what_the_guard_lets_through(tmp_path):
    cache, leaflet = tmp_path / "cache", tmp_path / "leaflet"
    for folder in (cache, leaflet):
        folder.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    (cache / "escape").symlink_to(tmp_path)
    guard = UrlGuard([cache, leaflet], tile_template="https://{s}.tile.example.org/{z}/{x}/{y}.png")

    def allowed(url: str) -> bool:
        return guard.allows(QUrl(url))

    assert allowed(QUrl.fromLocalFile(str(cache / "map.html")).toString())
    assert allowed(QUrl.fromLocalFile(str(leaflet / "images" / "layers.png")).toString())
    assert not allowed(QUrl.fromLocalFile(str(tmp_path / "secret.txt")).toString())
    assert not allowed(QUrl.fromLocalFile(str(cache / "escape" / "secret.txt")).toString())
    assert not allowed(QUrl.fromLocalFile(str(cache) + "-other/x").toString())
    assert allowed("qrc:///qtwebchannel/qwebchannel.js")
    assert not allowed("qrc:///other/thing.js")
    assert allowed("mbtiles:12/3/4")
    assert allowed("https://a.tile.example.org/1/2/3.png")
    assert not allowed("https://tile.example.org/1/2/3.png")
    assert not allowed("http://a.tile.example.org/1/2/3.png")  # scheme is part of it
    assert not allowed("https://a.tile.example.org:8443/1/2/3.png")
    assert not allowed("https://evil.org/?https://a.tile.example.org/")
    assert not allowed("https://a.tile.example.org.evil.org/1/2/3.png")
    assert not allowed("ws://a.tile.example.org/")
    assert not allowed("blob:https://evil.org/1")


def test_tile_origin_patterns():
    osm = tile_origin_pattern("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert osm is not None and osm.fullmatch("https://tile.openstreetmap.org:443")
    local = tile_origin_pattern("http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png")
    assert local is not None and local.fullmatch("http://10.0.0.5:8080")
    assert not local.fullmatch("http://10.0.0.5:80")
    assert tile_origin_pattern("mbtiles:{z}/{x}/{y}") is None


def test_the_page_stays_on_its_own_profile(ready_view):
    from PySide6.QtWebEngineCore import QWebEngineProfile

    view = ready_view()
    profile = view.page().profile()
    assert profile is not QWebEngineProfile.defaultProfile()
    assert profile.isOffTheRecord()
    assert Path(view.page_path).is_file()


def test_tile_requests_name_the_application(qtbot, ready_view):
    tile_server = RecordingServer()
    try:
        tiles = TileSource(f"{tile_server.url}/tiles/{{z}}/{{x}}/{{y}}.png", "test tiles", 18)
        ready_view(tiles=tiles)
        qtbot.waitUntil(lambda: bool(tile_server.agents), timeout=10_000)
        assert all("Wallboard112/" in agent for agent in tile_server.agents)
    finally:
        tile_server.close()
