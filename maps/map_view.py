"""MapView: the live incident map widget (a QWebEngineView on the folium base page).

The page is built once and loaded from a cache folder; data reaches it only as JSON
messages through ``window.wb.apply``. Messages queue until the page says it is ready
and are coalesced (a burst of diffs becomes one call). If the renderer dies, the view
logs it, reloads the page and re-sends the state it mirrors; too many deaths in a short
time and it emits ``gave_up`` so the wall can put the incident list in the map's place.
A renderer that hangs instead of dying is noticed by its missing heartbeat and killed
(renderer_watch.py), which makes it a death like any other, counted the same way.

The page runs on a profile of its own (in memory only), behind ``UrlGuard`` (it loads
only its own files and the configured tiles) and ``GuardedPage`` (it cannot navigate
away or open windows). Offline tiles come from an MBTiles file through ``mbtiles:``.
Marker clicks come back through one narrow channel (``clicks``, see click_channel.py).
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from pathlib import Path

import shiboken6
from PySide6.QtCore import QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from maps.assets import find_assets
from maps.base_page import DEFAULT_REGION, TileSource, build_base_page, write_base_page
from maps.click_channel import ClickChannel, install_click_channel
from maps.mbtiles import SCHEME as MBTILES_SCHEME
from maps.mbtiles import MBTilesHandler
from maps.outline import load_outline
from maps.payload import PendingBatch, apply_call, js_string_literal
from maps.renderer_watch import HANG_DEFAULT_S, RendererWatch
from maps.url_guard import GuardedPage, UrlGuard, tile_origin_pattern
from wallboard.feed.pages import RegionInfo
from wallboard.model import Agency, AgencyKind, Incident, RecordKey, Unit

log = logging.getLogger(__name__)

READY_CHECK = "typeof window.wb === 'object' && window.wb.ready === true"


def _product() -> str:
    try:
        return f"Wallboard112/{_version('wallboard112')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "Wallboard112"


USER_AGENT_PRODUCT = _product()
COALESCE_MS = 100  # diffs arriving within this window go to the page as one message
FOCUS_ZOOM = 15  # how close a takeover flies in: streets and kelurahan readable


def default_cache_dir() -> Path:
    """Where the built page lives: the user's cache folder (never the source tree)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or ".") / "wallboard112-map"


def remote_tiles(tiles: TileSource | None) -> bool:
    """Whether the page's tiles come from an http(s) server (not none, not MBTiles)."""
    return tiles is not None and tile_origin_pattern(tiles.url_template) is not None


class MapView(QWebEngineView):
    """The incident map. Feed it records with ``show_state`` / ``apply_changes``."""

    map_ready = Signal()  # page loaded and the current state drawn (again after a crash)
    renderer_crashed = Signal(int)  # how many crashes in the current window
    gave_up = Signal()  # crashed more than ``max_crashes`` times in ``crash_window_s``

    def __init__(
        self,
        region: RegionInfo | None = None,
        outline_geojson: dict | None = None,
        tiles: TileSource | None = None,
        parent=None,
        *,
        cache_dir: Path | None = None,
        language: str = "id",
        max_crashes: int = 3,
        crash_window_s: float = 600.0,
        mbtiles: Path | None = None,
        heatmap: bool = False,
        feed_clock: Callable[[], datetime] | None = None,
        zone: tzinfo | None = None,
        theme: str = "dark",
        compact: bool = False,
        hang_s: float = HANG_DEFAULT_S,
    ) -> None:
        super().__init__(parent)
        region = region or DEFAULT_REGION
        if outline_geojson is None:
            outline_geojson = load_outline(region)
        html = build_base_page(
            region,
            outline_geojson,
            tiles,
            language=language,
            heatmap=heatmap,
            theme=theme,
            compact=compact,
        )
        self._page_path = write_base_page(cache_dir or default_cache_dir(), html)
        self.clicks: ClickChannel = self._guarded_page(tiles, mbtiles)
        self._ready = False
        self._given_up = False
        self._max_crashes = max_crashes
        self._crash_window_s = crash_window_s
        self._crash_times: deque[float] = deque()
        # the state as last given, so a reloaded page can be brought back to it
        self._incidents: dict[RecordKey, Incident] = {}
        self._units: dict[RecordKey, Unit] = {}
        self._agency_kinds: dict[RecordKey, AgencyKind] = {}
        self._alerts: list[dict[str, object]] = []  # alert_item()s, re-sent after a reload
        # (kind, marker id: RecordKey.text) ringed; sent again after a reload
        self._chosen: tuple[str, str] | None = None
        self._legend_collapsed = False
        # the feed's clock and the region's zone: incident ages and the heat-map's day
        self._pending = PendingBatch(feed_clock, zone)
        self._first_state_sent = False
        self._focus: tuple[float, float] | None = None  # the takeover's point, if any
        self._night = False
        self._flush_timer = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._flush_timer.timeout.connect(self._flush)
        self.loadFinished.connect(self._on_load_finished)
        self.page().renderProcessTerminated.connect(self._on_renderer_terminated)
        self.renderer_watch = RendererWatch(
            self.page(), self.isVisible, self._load, hang_s=hang_s, parent=self
        )
        self.clicks.heartbeat.connect(self.renderer_watch.beat)
        self._load()

    def _guarded_page(self, tiles: TileSource | None, mbtiles: Path | None) -> ClickChannel:
        """Our own profile, its request guard and tile scheme, the page and its channel."""
        profile = QWebEngineProfile()  # no storage name: in memory, shared with nobody
        # tile servers' usage policies (OpenStreetMap's among them) ask that an application
        # name itself rather than pass as a plain browser
        profile.setHttpUserAgent(f"{profile.httpUserAgent()} {USER_AGENT_PRODUCT}")
        assets = find_assets()
        folders = {self._page_path.parent} | {
            p.parent for p in (*assets.scripts, *assets.stylesheets)
        }
        template = tiles.url_template if tiles is not None else None
        self.url_guard = UrlGuard(sorted(folders), tile_template=template, parent=profile)
        profile.setUrlRequestInterceptor(self.url_guard)
        self.tile_handler: MBTilesHandler | None = None
        if mbtiles is not None:
            self.tile_handler = MBTilesHandler(mbtiles, profile)
            profile.installUrlSchemeHandler(MBTILES_SCHEME.encode(), self.tile_handler)
        page = self._guarded = GuardedPage(profile, QUrl.fromLocalFile(str(self._page_path)), self)
        # Qt deletes children in the order they were added: the page must go before
        # its profile, so the profile becomes our child only now.
        profile.setParent(self)
        attr = QWebEngineSettings.WebAttribute
        settings = page.settings()
        # A file:// page may reach no http(s) URL at all unless this is on; only a
        # configured tile server needs it, and the guard then admits that server alone.
        settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, remote_tiles(tiles))
        # Seen with Qt 6.12: once remote access is set, a file:// page loads none of its
        # own files (not even Leaflet) unless file access is also set, explicitly.
        settings.setAttribute(attr.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(attr.JavascriptCanOpenWindows, False)
        settings.setAttribute(attr.JavascriptCanAccessClipboard, False)
        settings.setAttribute(attr.PluginsEnabled, False)
        self.setPage(page)
        return install_click_channel(page)

    # -- the wall's API -------------------------------------------------------------

    @property
    def page_path(self) -> Path:
        return self._page_path

    @property
    def is_ready(self) -> bool:
        return self._ready

    def set_agencies(self, agencies: Mapping[RecordKey, Agency]) -> None:
        """Agency kinds colour the unit markers; units sent after this use them."""
        self._agency_kinds = {k: a.kind for k, a in agencies.items()}

    def show_state(
        self,
        incidents: Mapping[RecordKey, Incident],
        units: Mapping[RecordKey, Unit],
        agencies: Mapping[RecordKey, Agency] | None = None,
    ) -> None:
        """Full sync: the page will draw exactly these incidents and units (by key)."""
        if agencies is not None:
            self.set_agencies(agencies)
        self._incidents = dict(incidents)
        self._units = dict(units)
        self._pending.add_state(self._incidents, self._units, self._agency_kinds)
        self._schedule_flush()

    def apply_changes(
        self,
        upserted_incidents: Iterable[tuple[RecordKey, Incident]] = (),
        removed_incidents: Iterable[RecordKey] = (),
        upserted_units: Iterable[tuple[RecordKey, Unit]] = (),
        removed_units: Iterable[RecordKey] = (),
    ) -> None:
        """A diff: new or changed records by key, and the keys that went away."""
        upserted_incidents, upserted_units = list(upserted_incidents), list(upserted_units)
        removed_incidents, removed_units = list(removed_incidents), list(removed_units)
        for key in removed_incidents:
            self._incidents.pop(key, None)
        for key in removed_units:
            self._units.pop(key, None)
        self._incidents.update(upserted_incidents)
        self._units.update(upserted_units)
        self._pending.add_changes(
            upserted_incidents,
            removed_incidents,
            upserted_units,
            removed_units,
            self._agency_kinds,
        )
        self._schedule_flush()

    def set_alerts(self, items: Iterable[dict[str, object]]) -> None:
        """Replace the hazard alerts drawn under the incidents (items from ``alert_item``)."""
        self._alerts = list(items)
        self._pending.set_alerts(self._alerts)
        self._schedule_flush()

    def focus_on(self, lat: float, lon: float) -> None:
        """Fly to a point and ring it (a takeover), until :meth:`clear_focus`."""
        self._focus = (float(lat), float(lon))
        self._send_focus()

    def clear_focus(self) -> None:
        """Take the ring away and go back to the usual fit (unless moved by hand)."""
        if self._focus is None:
            return
        self._focus = None
        self._send_focus()

    def set_night(self, on: bool) -> None:
        """Dim the page for the night theme (or not)."""
        self._night = bool(on)
        if self._ready:
            self.page().runJavaScript(f"window.wb.night({'true' if self._night else 'false'})")

    def focused_point(self, callback: Callable[[list[float] | None], None]) -> None:
        """Ask the page where its takeover ring is (``None``: no ring), for tests."""
        if not self._ready:
            callback(None)
            return
        self.page().runJavaScript("window.wb.focused()", 0, lambda t: callback(json.loads(t)))

    def _send_focus(self) -> None:
        if not self._ready:
            return  # sent when the page reports ready
        if self._focus is None:
            self.page().runJavaScript("window.wb.unfocus()")
            return
        lat, lon = self._focus  # numbers only: nothing from the backend is made into code
        self.page().runJavaScript(f"window.wb.focus({lat!r}, {lon!r}, {FOCUS_ZOOM})")

    def drawn_alert_labels(self, callback: Callable[[list[str]], None]) -> None:
        """Ask the page for the alert labels it shows, as text (for tests and checks)."""
        if not self._ready:
            callback([])
            return
        script = (
            "JSON.stringify(Array.from(document.querySelectorAll('.wb-alert-label'))"
            ".map(function (e) { return e.textContent; }))"
        )
        self.page().runJavaScript(script, 0, lambda text: callback(json.loads(text)))

    def choose(self, kind: str, key: RecordKey | None) -> None:
        """Ring the marker of record ``key`` ("incident" or "unit"; None: no ring); the
        page knows markers by ``key.text``, as it names them back in a click."""
        self._chosen = (kind, key.text) if key is not None else None
        self._send_choice()

    def set_legend_collapsed(self, collapsed: bool) -> None:
        """Fold the legend to its title (or open it again)."""
        self._legend_collapsed = collapsed
        if self._ready:
            flag = "true" if collapsed else "false"
            self.page().runJavaScript(f"window.wb.setLegendCollapsed({flag})")

    def chosen(self, callback: Callable[[dict | None], None]) -> None:
        """Ask the page what it rings: ``{"kind", "id", "lat", "lon"}`` or None (``id``
        is the marker's id: the record's ``RecordKey.text``)."""
        if not self._ready:
            callback(None)
            return
        self.page().runJavaScript("window.wb.chosen()", 0, lambda t: callback(json.loads(t)))

    def _send_choice(self) -> None:
        if not self._ready:
            return  # sent when the page is ready
        kind, rid = self._chosen or ("", "")
        # ids are untrusted text: passed as JSON string literals, never as code
        kind_js, rid_js = js_string_literal(kind), js_string_literal(rid)
        self.page().runJavaScript(f"window.wb.choose({kind_js}, {rid_js})")

    def reload_map(self) -> None:
        """Start afresh after ``gave_up`` (e.g. an operator's retry): forget past crashes."""
        self._crash_times.clear()
        self._given_up = False
        self._load()

    def drawn_ids(self, callback: Callable[[dict], None]) -> None:
        """Ask the page what it draws: ``{"incidents": {marker id: [lat, lon]}, "units": {...}}``
        (marker ids are ``RecordKey.text``)."""
        if not self._ready:
            callback({"incidents": {}, "units": {}, "applied": 0})
            return
        self.page().runJavaScript("window.wb.drawn()", 0, lambda text: callback(json.loads(text)))

    # -- page life ------------------------------------------------------------------

    def _load(self) -> None:
        self._ready = False
        self._first_state_sent = False
        self.renderer_watch.page_loading()
        self._guarded.load_home()

    def _on_load_finished(self, ok: bool) -> None:
        if ok:
            self.page().runJavaScript(READY_CHECK, 0, self._on_ready_checked)

    def _on_ready_checked(self, ready: object) -> None:
        if not shiboken6.isValid(self):  # the view went (re-tile) with a call in flight
            return
        if ready is not True:
            # scripts have run by loadFinished: a page without its bridge is broken
            # (Leaflet missing?), and retrying the same file will not mend it
            log.error("map page %s loaded without its bridge", self._page_path)
            return
        if self._ready:
            return
        self._ready = True
        # whatever was queued for the old page is superseded by the whole current state
        self._pending.add_state(self._incidents, self._units, self._agency_kinds)
        if self._alerts:
            self._pending.set_alerts(self._alerts)
        self._flush()
        if self._legend_collapsed:
            self.set_legend_collapsed(True)
        if self._chosen is not None:
            self._send_choice()
        if self._night:
            self.set_night(True)
        if self._focus is not None:
            self._send_focus()

    def _schedule_flush(self) -> None:
        if self._ready and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        if not self._ready:
            return
        message = self._pending.take()
        if message is None:
            return
        first = not self._first_state_sent
        self._first_state_sent = True
        self.page().runJavaScript(apply_call(message), 0, lambda _r: self._on_applied(first))

    def _on_applied(self, first: bool) -> None:
        if not shiboken6.isValid(self):  # the view went (re-tile) with a call in flight
            return
        if first:
            self.map_ready.emit()

    # -- renderer crashes -----------------------------------------------------------

    def _on_renderer_terminated(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int
    ) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        self._ready = False
        now = time.monotonic()
        self._crash_times.append(now)
        while self._crash_times and now - self._crash_times[0] > self._crash_window_s:
            self._crash_times.popleft()
        crashes = len(self._crash_times)
        log.warning(
            "map renderer (pid %d) ended: %s, exit code %d; %d end(s) in the last %.0f min",
            self.renderer_watch.pid,
            status.name,
            code,
            crashes,
            self._crash_window_s / 60,
        )
        self.renderer_crashed.emit(crashes)
        if crashes > self._max_crashes:
            if not self._given_up:
                self._given_up = True
                log.error(
                    "map renderer ended %d times in %.0f min: showing the incident list "
                    "in the map's place",
                    crashes,
                    self._crash_window_s / 60,
                )
                self.gave_up.emit()
            return
        log.info("reloading the map page")
        # reload on the next turn of the event loop, not inside the termination signal
        QTimer.singleShot(0, self, self._load)
