"""Supervision: the GUI thread's tick tells the watchdog and systemd that the wall turns.

Wires the pure liveness parts (wallboard/liveness/) to the wall's one-second ticker, so
that every beat proves that the event loop itself ran: the GUI-thread watchdog and
systemd's ``WatchdogSec=`` both see a frozen loop, however the rest of the process fares.
``READY=1`` goes at the first tick (the windows are up and the loop turns).

``freeze_gui_for_test`` is the test-only hook behind the hidden ``--freeze-gui-after``
option: it blocks the GUI thread as a deadlock would, so a test can watch the watchdog
end a real wall (tests/test_gui_watchdog.py).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QTimer

from wallboard.liveness import EventLoopWatchdog, SystemdNotifier

log = logging.getLogger(__name__)


class Supervision:
    """Beats the watchdog and systemd from ``ticker`` (a QTimer on the GUI thread)."""

    def __init__(self, ticker: QTimer, watchdog_s: float) -> None:
        self.watchdog = EventLoopWatchdog(watchdog_s)
        self.notifier = SystemdNotifier()
        self._started = False
        ticker.timeout.connect(self._tick)

    def _tick(self) -> None:
        if not self._started:
            self._started = True
            self.watchdog.start()
            if self.notifier.ready():
                log.info(
                    "told systemd the wall is ready; watchdog pings every %.0f s",
                    self.notifier.watchdog_every_s,
                )
        self.watchdog.beat()
        self.notifier.beat()

    def stop(self) -> None:
        """The wall quits on purpose: stop watching, and say so to systemd."""
        self.watchdog.stop()
        self.notifier.stopping()
        self.notifier.close()


def freeze_gui_for_test() -> None:
    """Test-only: block the GUI thread for good, as a deadlock would."""
    log.warning("blocking the GUI thread on purpose (--freeze-gui-after, a test hook)")
    threading.Event().wait()
