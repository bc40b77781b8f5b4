"""The wall: one ScreenWindow per monitor, re-tiled when monitors come and go.

It places windows and forwards the one-second tick; panels are built by the factory it
is given, so the wall holds no data and no business rules. A display that is really
several monitors (``[[wall.spans]]``) gets one window per monitor, none over a bezel;
on a wall of several PCs this PC's windows are the layout's screens from
``first_screen`` on (the arithmetic is wallboard.video_wall). In kiosk mode its windows
have no decorations, and a window found out of its place at a tick (out of full screen,
or off its monitor's pixels: a resolution change, a monitor's power cycle, a window
manager's whim) is put back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen

from views.screen_window import ScreenWindow
from wallboard.layout import ScreenPlan
from wallboard.video_wall import Display, Rect, Span, SpanError, WallScreen, wall_screens

log = logging.getLogger(__name__)

RESTORE_LOG_EVERY_S = 60.0  # a window manager that keeps fighting is logged once a minute

PlansFor = Callable[[int], tuple[ScreenPlan, ...]]
BuildScreen = Callable[[ScreenPlan], ScreenWindow]
Screens = Callable[[], Sequence[QScreen]]
# called first on every tick with the wall-clock instant, the windows and the whole
# wall's plans (the guided tour)
OnTick = Callable[[float, Sequence[ScreenWindow], Sequence[ScreenPlan]], None]
# how many screens the whole wall has, given this PC's count (wallboard.video_wall.wall_size)
WallSize = Callable[[int], int]


def displays_of(screens: Sequence[QScreen]) -> list[Display]:
    """What Qt reports, in framebuffer pixels (a span's bezels are framebuffer pixels)."""
    displays = []
    for screen in screens:
        g, dpr = screen.geometry(), screen.devicePixelRatio()
        rect = Rect(g.x(), g.y(), round(g.width() * dpr), round(g.height() * dpr))
        displays.append(Display(screen.name(), rect))
    return displays


def screens_of_wall(
    screens: Sequence[QScreen], spans: Sequence[Span], first_screen: int
) -> list[WallScreen]:
    """This PC's screens of the wall; a span that does not fit is logged and left whole,
    so that a monitor change at run time never takes the wall down."""
    displays = displays_of(screens)
    try:
        return wall_screens(displays, spans, first_screen)
    except SpanError as exc:
        log.error("%s; showing every display whole", exc)
        return wall_screens(displays, (), first_screen)


def _where(rect: QRect) -> str:
    """A window's place as the log says it: x,y WxH."""
    return f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"


def _logical(rect: Rect, screen: QScreen) -> QRect:
    """A framebuffer rectangle of ``screen`` in Qt's logical pixels."""
    g, dpr = screen.geometry(), screen.devicePixelRatio()
    x = g.x() + round((rect.x - g.x()) / dpr)
    y = g.y() + round((rect.y - g.y()) / dpr)
    return QRect(x, y, round(rect.width / dpr), round(rect.height / dpr))


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
        spans: Sequence[Span] = (),
        first_screen: int = 0,
        wall_size: WallSize | None = None,
        kiosk: bool = False,
    ) -> None:
        super().__init__()
        self._kiosk = kiosk and not windowed
        # each full-screen window, its screen, and its exact rect when it is one monitor
        # of a spanned display (None: full screen); watched in kiosk mode
        self._placed: list[tuple[ScreenWindow, QScreen, QRect | None]] = []
        self.restores = 0  # windows put back in place, since the start
        self._restore_logged = float("-inf")
        self._spans = tuple(spans)
        self._first_screen = first_screen
        self._wall_size = wall_size or (lambda local: first_screen + local)
        # the whole wall's plans (this PC's windows show a run of them)
        self.plans: tuple[ScreenPlan, ...] = ()
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
        if self._windowed:
            self.plans = self._plans_for(1)
            window = self._build_screen(self.plans[0])
            window.resize(1600, 900)
            window.show()
            self.windows.append(window)
        else:
            screens = list(self._screens())
            mine = screens_of_wall(screens, self._spans, self._first_screen)
            self.plans = self._plans_for(self._wall_size(len(mine)))
            for place in mine:
                self.windows.append(self._show_window(place, screens[place.display]))
        log.info(
            "wall tiled on %d window(s): %s",
            len(self.windows),
            "; ".join(
                f"screen {w.number} at {_where(w.geometry())} "
                + " | ".join(",".join(p.panel for p in page.placements()) for page in w.plan.pages)
                for w in self.windows
            ),
        )
        placed, self._placed = self._placed, []
        self.tick()
        # watched from the next tick on: a window shown a moment ago may not have had
        # its full-screen state applied by the platform yet
        self._placed = placed
        self.retiled.emit(len(self.windows))

    def _show_window(self, place: WallScreen, screen: QScreen) -> ScreenWindow:
        window = self._build_screen(self.plans[place.number])
        window.number = place.number
        window.setScreen(screen)
        if self._kiosk:
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        if place.spanned:
            # one monitor of a spanned display: a frameless window on exactly its
            # pixels (full screen would cover the whole display, bezels and all)
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            rect = _logical(place.rect, screen)
            window.setGeometry(rect)
            window.show()
            self._placed.append((window, screen, rect))
        else:
            window.setGeometry(screen.geometry())
            window.showFullScreen()
            self._placed.append((window, screen, None))
        return window

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
            self._keep_in_place()
        if self._on_tick is not None:
            self._on_tick(now, self.windows, self.plans)
        for window in self.windows:
            window.show_page_at(now)
            window.header.tick()
            if window.overlay is not None:
                window.overlay.tick()
            for panel in window.visible_panels():
                tick = getattr(panel, "tick", None)
                if tick is not None:
                    tick()

    def _keep_in_place(self) -> None:
        if self._retile_pending:
            return  # monitors changed: the re-tile places every window afresh
        for window, screen, rect in self._placed:
            if rect is None and window.isFullScreen() and window.screen() == screen:
                continue
            # a spanned monitor's window: where it sits (its size may be held up by its
            # panels' minimum on a small monitor, and must not be fought every second)
            if rect is not None and window.isVisible() and window.pos() == rect.topLeft():
                continue
            self.restores += 1
            if time.monotonic() - self._restore_logged >= RESTORE_LOG_EVERY_S:
                self._restore_logged = time.monotonic()
                log.warning(
                    "wall screen %d left its place on %s; putting it back (%d so far)",
                    window.number,
                    screen.name(),
                    self.restores,
                )
            window.setScreen(screen)
            if rect is None:
                window.showFullScreen()
            else:
                window.showNormal()
                window.setGeometry(rect)

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
