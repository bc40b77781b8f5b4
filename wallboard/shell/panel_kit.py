"""Building the wall's panels by name, each given the store and the region's clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from maps.map_panel import MapPanel
from maps.tiles import ConfiguredTiles
from views.agency_panel import AgencyPanel
from views.alert_panel import AlertPanel
from views.captions import caption_for
from views.comparison_panel import ComparisonPanel
from views.header_panel import HeaderPanel
from views.incident_panel import IncidentPanel
from views.queue_panel import QueuePanel
from views.screen_window import ScreenWindow
from views.summary_panel import SummaryPanel
from views.theme import Theme
from views.units_panel import UnitsPanel
from wallboard.kpi.targets import DEFAULT_TARGET_SET, TargetSet
from wallboard.layout import COMPARISON, REGION_AGENCIES, ScreenPlan
from wallboard.orientation.tour import HEADER
from wallboard.redaction import DEFAULT_GRID_METRES, RedactedStore
from wallboard.redaction.screens import ScreenRule, never
from wallboard.store import Store


@dataclass(frozen=True)
class PanelKit:
    """Everything a panel needs, so that building one is a single call by name."""

    store: Store
    zone: ZoneInfo
    region_name: str
    theme: Theme
    language: str
    intervals: Mapping[str, float]
    # public-facing screens: their header and panels read the redacted store instead
    redacts: ScreenRule = never
    grid_m: float = DEFAULT_GRID_METRES
    _redacted: dict[str, PanelKit] = field(default_factory=dict, compare=False, repr=False)
    orientation: bool = False  # captions on every panel, for visiting delegations
    targets: TargetSet = DEFAULT_TARGET_SET  # the centre's service standards ([targets])
    map_tiles: ConfiguredTiles | None = None  # the [map] table's tiles; None: plain ground
    heatmap: bool = False  # the map's layer of today's incidents
    map_hang_s: float = 10.0  # no heartbeat from the map page for this long: hung
    # the regions' backends, in the configuration's order (several: a province's wall)
    backends: tuple[str, ...] = ()
    # what the header says before the sources' state, e.g. that the data is a replay
    header_note: str = ""
    desk: bool = False  # a duty manager's desk: details in a part of their own
    # the takeover banner of a screen, given the screen's store and clock (None: no takeover)
    banner: Callable[[Store, Callable], QWidget] | None = None

    def clock(self):
        return self.store.feed_now()

    def panel(self, name: str) -> QWidget:
        panel = self._build_panel(name)
        caption = caption_for(name) if self.orientation else None
        if caption is not None and hasattr(panel, "show_caption"):
            panel.show_caption(caption, self.theme)
        return panel

    def _build_panel(self, name: str) -> QWidget:
        common = {"intervals": self.intervals}
        if name == "queue":
            return QueuePanel(
                self.store, self.zone, self.clock, theme=self.theme, targets=self.targets, **common
            )
        limits = self.targets.unit_limits
        if name == "agencies":
            return AgencyPanel(
                self.store,
                self.zone,
                self.clock,
                regions=self.backends,
                keep_every_row=self.orientation,  # delegations come to see every row
                limits=limits,
                **common,
            )
        if name.startswith(REGION_AGENCIES):
            backend = name[len(REGION_AGENCIES) :]
            return AgencyPanel(
                self.store,
                self.zone,
                self.clock,
                backend=backend,
                keep_every_row=self.orientation,
                limits=limits,
                **common,
            )
        if name == "units":
            return UnitsPanel(
                self.store, self.zone, self.clock, limits=limits, theme=self.theme, **common
            )
        if name == COMPARISON:
            return ComparisonPanel(
                self.store,
                self.zone,
                self.clock,
                backends=self.backends or tuple(self.store.regions),
                theme=self.theme,
                targets=self.targets,
                **common,
            )
        if name == "incidents":
            return IncidentPanel(self.store, self.zone, self.clock, theme=self.theme, **common)
        if name == "map":
            return MapPanel(
                self.store,
                self.zone,
                self.clock,
                fallback=lambda: self.panel("incidents"),
                language=self.language,
                tiles=self.map_tiles,
                heatmap=self.heatmap,
                hang_s=self.map_hang_s,
                backends=self.backends,
                region_name=self.region_name,
                theme_name=self.theme.name,
                desk=self.desk,
                **common,
            )
        if name == "summary":
            return SummaryPanel(self.store, self.zone, self.clock, **common)
        if name == "alerts":
            return AlertPanel(self.store, self.zone, self.clock, **common)
        raise ValueError(f"unknown panel {name!r}")

    def header(self) -> HeaderPanel:
        return HeaderPanel(
            self.store,
            self.zone,
            self.clock,
            region_name=self.region_name,
            intervals=self.intervals,
            note=self.header_note,
            # a header note is a replay's: its feed clock is the recording's, off by design
            show_clock=not self.header_note,
        )

    def redacted(self) -> PanelKit:
        """This kit reading a redacted store; one facade, made on first use, for the wall."""
        kit = self._redacted.get("kit")
        if kit is None:
            facade = RedactedStore(self.store, grid_m=self.grid_m)
            kit = replace(self, store=facade, redacts=never, _redacted={})
            self._redacted["kit"] = kit
        return kit

    def screen(self, plan: ScreenPlan) -> ScreenWindow:
        kit = self.redacted() if self.redacts(plan) else self
        window = ScreenWindow(plan, kit.header(), kit.panel)
        window.setWindowTitle(f"Wallboard 112 — {self.region_name}")
        if self.banner is not None:  # on a redacted screen it reads the redacted store
            window.set_overlay(self.banner(kit.store, kit.clock))
        if self.orientation:
            window.show_header_caption(caption_for(HEADER), self.theme)
        return window
