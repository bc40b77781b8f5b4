"""The wall: one ScreenWindow per monitor, re-tiled when monitors come and go.

It places windows and forwards the one-second tick; panels are built by the factory it
is given, so the wall holds no data and no business rules. In kiosk mode its windows have
no decorations, and a window found out of full screen on its monitor at a tick (a
resolution change, a monitor's power cycle, a window manager's whim) is put back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen

from views.screen_window import ScreenWindow
from wallboard.layout import ScreenPlan

log = logging.getLogger(__name__)

RESTORE_LOG_EVERY_S = 60.0  # a window manager that keeps fighting is logged once a minute

PlansFor = Callable[[int], tuple[ScreenPlan, ...]]
BuildScreen = Callable[[ScreenPlan], ScreenWindow]
Screens = Callable[[], Sequence[QScreen]]
# called first on every tick with the wall-clock instant and the windows (the guided tour)
OnTick = Callable[[float, Sequence[ScreenWindow]], None]


class Wall(QObject):
    """Owns the top-level windows: one per screen, or a single resizable one."""

    retiled = Signal(int)  # number of windows now on show

    def __init__(
        self,
        app: QGuiApplication,
        plans_for: PlansFor,
        build_screen: BuildScreen,
        *,
        windowed: bool = False,
        clock: Callable[[], float] = time.time,
        screens: Screens | None = None,
        on_tick: OnTick | None = None,
        kiosk: bool = False,
    ) -> None:
        super().__init__()
        self._kiosk = kiosk and not windowed
        self._placed: list[tuple[ScreenWindow, QScreen]] = []
        self.restores = 0  # windows put back into full screen, since the start
        self._restore_logged = float("-inf")
        self._on_tick = on_tick
        self._app = app
        self._plans_for = plans_for
        self._build_screen = build_screen
        self._windowed = windowed
        self._clock = clock
        # Which monitors there are; injectable because Qt's offscreen platform cannot
        # add or remove screens at run time, and re-tiling must still be tested.
        self._screens = screens or app.screens
        self.windows: list[ScreenWindow] = []
        self._retile_pending = False
        self._closed = False
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)

    def tile(self) -> None:
        """Build a window for every screen (or one window) and show it."""
        self._retile_pending = False
        if self._closed:
            return  # a re-tile that was pending when the wall closed
        for window in self.windows:
            window.close()
            window.deleteLater()
        self.windows = []
        self._placed = []
        placed = []
        if self._windowed:
            (plan,) = self._plans_for(1)
            window = self._build_screen(plan)
            window.resize(1600, 900)
            window.show()
            self.windows.append(window)
        else:
            screens = list(self._screens())
            for screen, plan in zip(screens, self._plans_for(len(screens)), strict=True):
                window = self._build_screen(plan)
                if self._kiosk:
                    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
                window.setScreen(screen)
                window.setGeometry(screen.geometry())
                window.showFullScreen()
                self.windows.append(window)
                placed.append((window, screen))
        log.info("wall tiled on %d window(s)", len(self.windows))
        self.tick()
        # watched from the next tick on: a window shown a moment ago may not have had
        # its full-screen state applied by the platform yet
        self._placed = placed
        self.retiled.emit(len(self.windows))

    def _screens_changed(self, _screen: QScreen) -> None:
        if self._windowed or self._retile_pending:
            return
        # Several screens often change together; re-tile once when the dust settles.
        self._retile_pending = True
        QTimer.singleShot(250, self.tile)

    def tick(self) -> None:
        """Once a second: turn rotating screens to their page, let panels re-render ages."""
        now = self._clock()
        if self._kiosk:
            self._keep_full_screen()
        if self._on_tick is not None:
            self._on_tick(now, self.windows)
        for window in self.windows:
            window.show_page_at(now)
            window.header.tick()
            for panel in window.visible_panels():
                tick = getattr(panel, "tick", None)
                if tick is not None:
                    tick()

    def _keep_full_screen(self) -> None:
        if self._retile_pending:
            return  # monitors changed: the re-tile places every window afresh
        for window, screen in self._placed:
            if window.isFullScreen() and window.screen() == screen:
                continue
            self.restores += 1
            if time.monotonic() - self._restore_logged >= RESTORE_LOG_EVERY_S:
                self._restore_logged = time.monotonic()
                log.warning(
                    "a wall window left full screen on %s; putting it back (%d so far)",
                    screen.name(),
                    self.restores,
                )
            window.setScreen(screen)
            window.showFullScreen()

    def close(self) -> None:
        """Close the windows and stop following the monitors: this wall is done."""
        if self._closed:
            return
        self._closed = True
        # the application outlives the wall (tests build several): a monitor change
        # must not reach a wall whose windows are gone
        self._app.screenAdded.disconnect(self._screens_changed)
        self._app.screenRemoved.disconnect(self._screens_changed)
        for window in self.windows:
            window.close()
