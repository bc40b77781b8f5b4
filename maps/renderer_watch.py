"""RendererWatch: notices a hung map renderer by its missing heartbeat, and kills it.

A renderer that hangs (an endless script, a stopped process) raises no Qt signal at all:
the map simply stops changing while everything around it looks live. The page beats once
a second through its channel (``ClickChannel.heartbeat``); when no beat came for
``hang_s`` seconds while the map was on screen, the renderer is declared hung, logged
once with its pid, and killed. Killing it turns the hang into a crash, which MapView
already recovers from (reload, repaint the current state) and counts against its
crash-loop guard.

While the view is hidden (a rotating screen showing another page) Chromium may throttle
the page's timers, so the clock only runs while the map is visible.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage

log = logging.getLogger(__name__)

HANG_DEFAULT_S = 10.0
LOAD_GRACE_S = 20.0  # a page still loading has not started beating yet
CHECK_MS = 1000
# Windows has no SIGKILL; os.kill there terminates the process whatever the signal
KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


class RendererWatch(QObject):
    """Watches one page's heartbeat; kills its renderer process when the beats stop.

    ``visible`` says whether the map is on screen; ``reload`` is called instead of a
    kill when there is no renderer process to kill (its pid is unknown).
    """

    def __init__(
        self,
        page: QWebEnginePage,
        visible: Callable[[], bool],
        reload: Callable[[], None],
        hang_s: float = HANG_DEFAULT_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._page = page
        self._visible = visible
        self._reload = reload
        self.hang_s = hang_s
        self.hangs = 0  # renderers killed for hanging, since the start
        self.pid = 0  # the renderer's pid, remembered (it reads 0 once the process ended)
        self._last_beat = time.monotonic()
        self._killed = False
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def beat(self) -> None:
        """The page is alive (connected to ``ClickChannel.heartbeat``)."""
        self._last_beat = time.monotonic()
        # remembered while it lives: once the process ended, the page reports 0
        self.pid = self._page.renderProcessPid() or self.pid

    def page_loading(self) -> None:
        """A (re)load started: give it time to come up before expecting beats."""
        self._last_beat = time.monotonic() + LOAD_GRACE_S
        self._killed = False

    def silent_s(self) -> float:
        """Seconds since the last beat (negative during a load's grace)."""
        return time.monotonic() - self._last_beat

    def _check(self) -> None:
        if self._killed:
            return
        if not self._visible():
            self._last_beat = max(self._last_beat, time.monotonic())
            return
        silent = self.silent_s()
        if silent < self.hang_s:
            return
        self._killed = True
        self.hangs += 1
        pid = self._page.renderProcessPid() or self.pid
        if pid <= 0:
            log.error("map renderer hung (no heartbeat for %.0f s, pid unknown): reloading", silent)
            self._reload()
            return
        log.error(
            "map renderer hung: no heartbeat for %.0f s; killing its process (pid %d) "
            "so that the page reloads",
            silent,
            pid,
        )
        try:
            os.kill(pid, KILL)
        except OSError as exc:  # it ended by itself meanwhile, or is not ours
            log.error("could not kill the map renderer (pid %d): %s; reloading", pid, exc)
            self._reload()
