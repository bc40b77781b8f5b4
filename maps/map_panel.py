"""The map as a wall panel: the store's incidents and units, drawn through MapView.

It forwards each store diff to the page as a small change (never a redraw), marks
itself stale like every panel, and if the map's renderer keeps crashing it shows the
incident list in the map's place so the wall never goes blank. A click on a marker opens
the record's details (from the store, never from the page) in a side panel. Open
incidents without a position (an address that did not geocode) are in the lists and
counts but not on the map; a line under the map says how many it leaves out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedLayout, QWidget

from maps.alert_layer import alert_items
from maps.click_channel import MarkerRef
from maps.detail_panel import DetailPanel
from maps.map_view import MapView
from maps.region_outlines import enclosing_region, merged_outline
from maps.renderer_watch import HANG_DEFAULT_S
from maps.tiles import ConfiguredTiles
from views.alert_panel import credit_text
from views.panel_frame import plain_label
from views.store_panel import PanelOptions, StorePanel
from views.text import number
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import RegionInfo
from wallboard.model import RecordKey
from wallboard.store import Store, StoreDiff

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapPanel", text)


class MapPanel(StorePanel):
    """Live incident map; ``fallback()`` builds what replaces it if the renderer gives up."""

    KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS)
    marker_clicked = Signal(object)  # MarkerRef of a record the store holds

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        fallback: Callable[[], QWidget],
        region: RegionInfo | None = None,
        language: str = "id",
        tiles: ConfiguredTiles | None = None,
        heatmap: bool = False,
        hang_s: float = HANG_DEFAULT_S,
        backends: Sequence[str] = (),
        region_name: str = "",
        theme_name: str = "dark",
        desk: bool = False,
        **options: Unpack[PanelOptions],
    ) -> None:
        """``desk``: the page's words at desk size, and a click only emits
        ``marker_clicked`` (the desk shows details in a part of its own)."""
        super().__init__(_tr("Incident map"), store, zone, clock, **options)
        self._theme_name = theme_name
        self._desk = desk
        self._chosen: MarkerRef | None = None
        self._legend_collapsed = False
        # Several backends (a province): one page for all their regions, built once every
        # configured region is known (or at the next tick with those known so far), and
        # built again if a region that was down at start-up reports later.
        self._backends = tuple(backends)
        self._region_name = region_name
        self._fixed_region = region
        self._built_for: list[RegionInfo] = []
        self._make_fallback = fallback
        self._fallback: QWidget | None = None
        self._language = language
        self._tiles = tiles or ConfiguredTiles(None)
        self._heatmap = heatmap
        self._hang_s = hang_s
        self.view: MapView | None = None
        self.unknown_clicks = 0
        self.takeover_key: RecordKey | None = None  # the incident a takeover flies to
        self._night = False
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        stack_holder = QWidget()
        self._stack = QStackedLayout(stack_holder)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self.details = DetailPanel(store, zone, clock)
        row.addWidget(stack_holder, 1)
        row.addWidget(self.details)
        self._waiting = plain_label(_tr("Waiting for the region's data…"), "placeholder")
        self._stack.addWidget(self._waiting)
        # hazard alerts drawn on the map credit their publisher under it ("Sumber: BMKG")
        self.alert_credit = plain_label("", "caption")
        self.alert_credit.hide()
        self.layout().addWidget(self.alert_credit)
        # open incidents the map cannot place, kept up to date from each diff
        self._unplaced = {
            k for k, i in store.incidents.items() if i.is_open and not i.is_placed
        }  # by record key, like the diffs that keep it
        self.unplaced_note = plain_label("", "caption")
        self.layout().addWidget(self.unplaced_note)
        self._show_unplaced()
        if region is not None:
            self._build_view([region])
        else:
            self._build_when_known(waited=False)
        self._show_alerts()
        self.follow()

    def _known_regions(self) -> list[RegionInfo]:
        """The regions the configured backends reported, in the configuration's order."""
        regions = self._store.regions
        names = self._backends or tuple(regions)
        return [regions[b] for b in names if b in regions]

    def _build_when_known(self, *, waited: bool) -> None:
        if self._fixed_region is not None or self.showing_fallback:
            return
        regions = self._known_regions()
        if not regions or regions == self._built_for:
            return
        if self.view is None and len(regions) < len(self._backends) and not waited:
            return  # the others' first answers are usually a moment away
        self._build_view(regions)

    def _build_view(self, regions: list[RegionInfo]) -> None:
        """The page is built once for the regions known (again only if they change)."""
        store = self._store
        old = self.view
        self._built_for = regions
        region = enclosing_region(regions, self._region_name)
        self.view = MapView(
            region,
            merged_outline(regions) if len(regions) > 1 else None,
            tiles=self._tiles.source,
            mbtiles=self._tiles.mbtiles_path,
            language=self._language,
            heatmap=self._heatmap,
            hang_s=self._hang_s,
            feed_clock=store.feed_now,
            zone=self._zone,
            theme=self._theme_name,
            compact=self._desk,
        )
        if self._chosen is not None:
            self.view.choose(self._chosen.kind, self._chosen.key)
        self.view.set_legend_collapsed(self._legend_collapsed)
        self.view.gave_up.connect(self._show_fallback)
        self.view.clicks.clicked.connect(self.show_details)
        self.view.show_state(store.incidents, store.units, store.agencies)
        self.view.set_alerts(alert_items(store.alerts))
        self.view.set_night(self._night)
        self._stack.addWidget(self.view)
        self._stack.setCurrentWidget(self.view)
        if old is not None:
            self._stack.removeWidget(old)
            old.close()
            old.deleteLater()
        self._show_takeover()

    def show_takeover(self, key: RecordKey | None) -> None:
        """Fly to the incident that takes over the wall and ring it (``None``: back)."""
        if key != self.takeover_key:
            self.takeover_key = key
            self._show_takeover()

    def _show_takeover(self) -> None:
        if self.view is None:
            return
        incident = self._store.incidents.get(self.takeover_key) if self.takeover_key else None
        if incident is None:
            self.view.clear_focus()
        else:  # this panel's store: on a redacted screen the point is snapped to its grid
            self.view.focus_on(incident.location.lat, incident.location.lon)

    @property
    def is_night(self) -> bool:
        return self._night

    def set_night(self, on: bool) -> None:
        """Night mode: the map page dims with the rest of the wall."""
        self._night = on
        if self.view is not None:
            self.view.set_night(on)

    @property
    def showing_fallback(self) -> bool:
        return self._fallback is not None and self._stack.currentWidget() is self._fallback

    def tick(self) -> None:
        self._build_when_known(waited=True)
        super().tick()
        self.details.refresh()  # ages run on

    def choose(self, ref: MarkerRef | None) -> None:
        """Ring the marker of ``ref`` (a record chosen in a list); None: no ring."""
        self._chosen = ref
        if self.view is not None:
            self.view.choose(ref.kind if ref else "", ref.key if ref else None)

    def set_legend_collapsed(self, collapsed: bool) -> None:
        self._legend_collapsed = collapsed
        if self.view is not None:
            self.view.set_legend_collapsed(collapsed)

    def show_details(self, ref: MarkerRef) -> None:
        """Open the side panel on a clicked marker, if the store knows that record (a
        desk's map only says so: ``marker_clicked``, the desk shows the details)."""
        table = self._store.incidents if ref.kind == "incident" else self._store.units
        if ref.key in table:
            self.marker_clicked.emit(ref)
            if self._desk:
                return
        if not self.details.show_ref(ref):
            # the page named a record we do not hold: a stale click, or a page gone wrong
            self.unknown_clicks += 1
            log.info("map click on %s %r, which the store does not hold", ref.kind, ref.key.text)

    def _show_unplaced(self) -> None:
        count = len(self._unplaced)
        self.unplaced_note.setText(
            _tr("Open incidents without a position, not on the map: {0}").format(number(count))
        )
        self.unplaced_note.setVisible(count > 0)

    def _track_unplaced(self, diff: StoreDiff) -> None:
        before = len(self._unplaced)
        self._unplaced -= diff.incidents.removed
        for key in diff.incidents.added | diff.incidents.changed:
            incident = self._store.incidents.get(key)
            if incident is not None and incident.is_open and not incident.is_placed:
                self._unplaced.add(key)
            else:
                self._unplaced.discard(key)
        if len(self._unplaced) != before or before:
            self._show_unplaced()

    def _on_changed(self, diff: StoreDiff) -> None:
        store = self._store
        self.details.refresh()  # one record, redrawn only if what it shows changed
        if not diff.incidents.is_empty:
            self._track_unplaced(diff)
        if diff.regions_changed or self.view is None:
            self._build_when_known(waited=False)
        if diff.alerts_changed:
            self._show_alerts()
        if self.view is None:
            return
        if not diff.agencies.is_empty:
            self.view.set_agencies(store.agencies)
        if diff.incidents.is_empty and diff.units.is_empty:
            return
        self.view.apply_changes(
            [(k, store.incidents[k]) for k in diff.incidents.added | diff.incidents.changed],
            diff.incidents.removed,
            [(k, store.units[k]) for k in diff.units.added | diff.units.changed],
            diff.units.removed,
        )

    def _show_alerts(self) -> None:
        alerts = self._store.alerts
        credit = credit_text(a for items in alerts.values() for a in items)
        self.alert_credit.setText(credit)
        self.alert_credit.setVisible(bool(credit))
        if self.view is not None:
            self.view.set_alerts(alert_items(alerts))

    def _show_fallback(self) -> None:
        if self._fallback is None:
            self._fallback = self._make_fallback()
            self._stack.addWidget(self._fallback)
        self.title.setText(_tr("Incident map unavailable — open incidents"))
        self._stack.setCurrentWidget(self._fallback)
