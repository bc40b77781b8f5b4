"""Kiosk behaviour of the application: a hidden cursor and screens that stay awake.

A wall nobody touches must not show a mouse pointer in the middle of the map, nor go
dark after the screen saver's ten minutes. ``CursorHider`` hides the pointer once it has
been still for a few seconds (checked at the wall's one-second tick, so no event filter
sees every event of the application) and shows it again as soon as it moves.
``ScreenAwake`` holds the screen saver and display power management off while the wall
runs: on Windows with ``SetThreadExecutionState``; elsewhere with the freedesktop.org
``org.freedesktop.ScreenSaver.Inhibit`` call over the session D-Bus (the idle-inhibition
specification, implemented by GNOME, KDE, Xfce and light screen savers alike). Without
either it says so once in the log. The windows' side of kiosk mode (no decorations, full
screen kept) is the Wall's (wall.py).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
from PySide6.QtGui import QCursor, QGuiApplication

log = logging.getLogger(__name__)

STILL_S = 3.0  # a pointer still this long is hidden
SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/org/freedesktop/ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
INHIBIT_REASON = "Wallboard 112: a 24/7 wall display"
# SetThreadExecutionState flags (winbase.h): keep the display and the system on until
# told otherwise
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


def kiosk_wanted(setting: bool | None, windowed: bool) -> bool:
    """``[wall] kiosk``, or when unset: on for the full wall, off for ``--windowed``."""
    return (not windowed) if setting is None else setting


class CursorHider:
    """Hides the pointer after ``still_s`` seconds without movement; ``tick()`` each second."""

    def __init__(self, still_s: float = STILL_S, clock: Callable[[], float] = time.monotonic):
        self.still_s = still_s
        self._clock = clock
        self._last_pos: QPoint | None = None
        self._moved_at = clock()
        self.hidden = False

    def tick(self) -> None:
        pos = QCursor.pos()
        now = self._clock()
        if pos != self._last_pos:
            self._last_pos = pos
            self._moved_at = now
            if self.hidden:
                self.hidden = False
                QGuiApplication.restoreOverrideCursor()
            return
        if not self.hidden and now - self._moved_at >= self.still_s:
            self.hidden = True
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def stop(self) -> None:
        if self.hidden:
            self.hidden = False
            QGuiApplication.restoreOverrideCursor()


class ScreenAwake(QObject):
    """Keeps the screen saver and display power-off away while the wall runs.

    ``how`` says what holds them off: "windows", "dbus", or "" (nothing could).
    """

    def __init__(
        self,
        app_name: str,
        *,
        bus: QDBusConnection | None = None,
        platform: str = sys.platform,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app_name = app_name
        self._bus = bus
        self._platform = platform
        self.how = ""
        self.cookie: int | None = None
        self._watcher: QDBusPendingCallWatcher | None = None

    def start(self) -> None:
        if self._platform == "win32":
            if self._windows_keep_awake(ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED):
                self.how = "windows"
                log.info("screen saver and display power-off held off (SetThreadExecutionState)")
                return
            self._neither("SetThreadExecutionState failed")
            return
        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            self._neither("no D-Bus session bus")
            return
        message = QDBusMessage.createMethodCall(
            SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, "Inhibit"
        )
        message.setArguments([self._app_name, INHIBIT_REASON])
        # asynchronous, and no introspection (QDBusInterface's constructor would block):
        # the GUI thread never waits for another process
        self._watcher = QDBusPendingCallWatcher(bus.asyncCall(message), self)
        self._watcher.finished.connect(self._on_inhibit_reply)

    def _on_inhibit_reply(self, watcher: QDBusPendingCallWatcher) -> None:
        reply = watcher.reply()
        if watcher.isError():
            self._neither(f"{SCREENSAVER_SERVICE}.Inhibit failed: {watcher.error().message()}")
            return
        arguments = reply.arguments()
        self.cookie = int(arguments[0]) if arguments else 0
        self.how = "dbus"
        log.info("screen saver and display power-off held off (%s)", SCREENSAVER_SERVICE)

    def _neither(self, why: str) -> None:
        log.warning(
            "cannot hold off the screen saver and display power-off (%s): set the session "
            "to never blank (docs/operations.md)",
            why,
        )

    def stop(self) -> None:
        """Let the screens sleep again. Over D-Bus an inhibition lasts while its caller
        is connected (the specification's rule), so the wall's exit ends it: no
        UnInhibit is sent from a process that is going anyway."""
        if self.how == "windows":
            self._windows_keep_awake(ES_CONTINUOUS)
        self.how = ""

    @staticmethod
    def _windows_keep_awake(flags: int) -> bool:
        import ctypes  # Windows only

        return bool(ctypes.windll.kernel32.SetThreadExecutionState(flags))  # type: ignore[attr-defined]


class Kiosk:
    """The application's kiosk parts, started together and ticked by the wall's ticker."""

    def __init__(self, ticker, app_name: str) -> None:
        self.cursor = CursorHider()
        ticker.timeout.connect(self.cursor.tick)
        self.awake = ScreenAwake(app_name)
        self.awake.start()

    def stop(self) -> None:
        self.cursor.stop()
        self.awake.stop()
