"""Assembling a running wall from settings: store, poller, panels, windows, the tick.

Separate from the event loop so that tests can build the very same wall in-process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from maps.tiles import configured_tiles
from views.tour_guide import TourGuide
from wallboard.config import Settings, screen_plans, wall_spans
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.targets import target_set_from_dict
from wallboard.layout import ScreenPlan, plans_for
from wallboard.night_schedule import NIGHT_THEME, ThemeSchedule, parse_night_window
from wallboard.poller import BackendSpec, Poller
from wallboard.redaction.screens import redacted_screens
from wallboard.shell.panel_kit import PanelKit
from wallboard.shell.takeover_hub import TakeoverHub, takeover_rule
from wallboard.shell.theme_switch import ThemeSwitch
from wallboard.shell.wall import Screens, Wall
from wallboard.store import Store
from wallboard.video_wall import wall_size

TICK_MS = 1000


@dataclass
class WallParts:
    """What a running wall is made of; ``close()`` takes it down in order."""

    store: Store
    poller: Poller
    kit: PanelKit
    wall: Wall
    ticker: QTimer
    # the takeover: ``takeover.acknowledge()`` / ``takeover.acknowledge_action`` (the desk)
    takeover: TakeoverHub
    themes: ThemeSwitch  # night mode

    def close(self) -> None:
        self.ticker.stop()
        self.takeover.close()
        self.poller.stop()
        self.poller.close()
        self.wall.close()


@dataclass
class Core:
    """What a wall and a desk share: the theme of the hour, the store and its poller,
    the takeover queue and the kit that builds panels over the store."""

    store: Store
    poller: Poller
    kit: PanelKit
    takeover: TakeoverHub
    themes: ThemeSwitch
    # the configured screens' plans: the very objects the redaction rule knows them by
    configured: tuple[ScreenPlan, ...]


def build_core(
    app: QApplication,
    settings: Settings,
    specs: Sequence[BackendSpec],
    *,
    store: Store | None = None,
    wall_clock: Callable[[], datetime] | None = None,
    header_note: str = "",
    desk: bool = False,
) -> Core:
    """The parts under the windows, for ``specs``; ``desk``: panels made for a desk."""
    our_clock = wall_clock or _utc_now
    zone = ZoneInfo(settings.region.timezone)
    forced_night = settings.wall.theme == NIGHT_THEME
    schedule = ThemeSchedule(
        day_theme="dark" if forced_night else settings.wall.theme,
        window=parse_night_window(settings.wall.night) if settings.wall.night else None,
        zone=zone,
        forced_night=forced_night,
    )
    themes = ThemeSwitch(app, schedule, our_clock)
    theme = themes.theme
    if store is None:
        store = Store(wall_clock=wall_clock) if wall_clock else Store()
    clock = {"wall_clock": wall_clock} if wall_clock else {}
    # the queue panel compares today with the same weekday last week, checked each minute
    poller = Poller(specs, store, reference_day_check_s=60.0, **clock)
    configured = screen_plans(settings)
    # the backends that serve a region (incidents): several make a province's wall
    regions = tuple(s.name for s in specs if FeedKind.INCIDENTS in s.intervals)
    takeover = TakeoverHub(store, takeover_rule(settings), our_clock, sound=settings.wall.sound)
    kit = PanelKit(
        store=store,
        zone=zone,
        region_name=settings.region.name,
        theme=theme,
        language=settings.wall.language,
        orientation=settings.wall.orientation,
        # validated when the file was loaded ([targets]); the defaults when absent
        targets=target_set_from_dict(settings.targets, "configuration"),
        map_tiles=configured_tiles(settings.map),
        heatmap=settings.map.heatmap,
        map_hang_s=settings.map.hang_seconds,
        redacts=redacted_screens(settings, configured),
        grid_m=settings.wall.redact_grid_metres,
        intervals={
            spec.key(kind): spec.interval(kind) for spec in specs for kind in spec.intervals
        },
        backends=regions,
        header_note=header_note,
        banner=takeover.banner,
        desk=desk,
    )
    return Core(store, poller, kit, takeover, themes, configured)


def assemble_wall(
    app: QApplication,
    settings: Settings,
    specs: Sequence[BackendSpec],
    *,
    windowed: bool = False,
    quit: Callable[[], None] | None = None,
    store: Store | None = None,
    wall_clock: Callable[[], datetime] | None = None,
    screens: Screens | None = None,
    header_note: str = "",
    kiosk: bool = False,
) -> WallParts:
    """Build and show the wall for ``specs``; polling starts when ``poller.run()`` is awaited.

    ``wall_clock`` (our own time, for the store and the poller alike) and ``screens``
    (the monitors to tile) default to the real ones; tests inject their own. ``kiosk``:
    undecorated windows kept in place (the cursor and the screen saver are the
    application's business: wallboard/shell/kiosk.py).
    """
    core = build_core(
        app, settings, specs, store=store, wall_clock=wall_clock, header_note=header_note
    )
    store, poller, kit = core.store, core.poller, core.kit
    takeover, themes = core.takeover, core.themes
    configured = core.configured  # (the redaction rule tells plans apart by identity)
    regions = kit.backends
    orientation = settings.wall.orientation
    wall = Wall(
        app,
        lambda count: plans_for(count, configured, orientation=orientation, regions=regions),
        kit.screen,
        windowed=windowed,
        screens=screens,
        on_tick=TourGuide(settings.wall.tour_seconds) if orientation else None,
        spans=wall_spans(settings),
        first_screen=settings.wall.first_screen or 0,
        wall_size=lambda local: wall_size(local, settings.wall.first_screen, len(configured)),
        kiosk=kiosk,
    )
    if quit is not None:
        wall.retiled.connect(
            lambda _n: [QShortcut(QKeySequence("Ctrl+Q"), w, activated=quit) for w in wall.windows]
        )
    wall.retiled.connect(lambda _n: takeover.attach(wall.windows))
    wall.retiled.connect(lambda _n: themes.attach(wall.windows))
    wall.tile()
    ticker = QTimer()
    ticker.timeout.connect(themes.tick)
    ticker.timeout.connect(takeover.tick)
    ticker.timeout.connect(wall.tick)
    ticker.start(TICK_MS)
    return WallParts(store, poller, kit, wall, ticker, takeover, themes)


def _utc_now() -> datetime:
    return datetime.now(UTC)
