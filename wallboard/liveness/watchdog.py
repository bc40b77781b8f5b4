"""EventLoopWatchdog: a thread that ends the process when the GUI thread stops turning.

A wall whose event loop is stuck still shows its last frame: a clock that stopped, a map
that looks current. The GUI thread's tick calls ``beat()`` once a second; a thread of our
own checks the beats, and when none came for ``timeout_s`` seconds it logs the GUI
thread's Python stack (where it is stuck) and exits with ``EXIT_FROZEN``, so that the
supervisor (systemd, Task Scheduler) starts a fresh wall.

The check runs in a Python thread, which needs the GIL. A GUI thread stuck in C code that
holds the GIL would stop that thread too, so faulthandler's own watchdog (a C thread that
needs no GIL) is armed as a backstop a little later: it dumps every thread's stack to
stderr and exits too. The watch thread re-arms it every few seconds while the loop turns
(re-arming stops and starts faulthandler's thread: ~10 ms, never on the GUI thread).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable

log = logging.getLogger(__name__)

EXIT_FROZEN = 4  # the process exit code of a wall whose event loop froze
BACKSTOP_EXTRA_S = 10.0  # faulthandler's later, GIL-free check
REARM_EVERY_S = 5.0  # how often the watch thread pushes the backstop's deadline back


def thread_stack(thread_id: int) -> str:
    """The current Python stack of one thread, most recent call last (or a note)."""
    frame = sys._current_frames().get(thread_id)
    if frame is None:
        return "  (no Python frame: the thread is in native code or gone)\n"
    return "".join(traceback.format_stack(frame))


class EventLoopWatchdog:
    """Watches beats from one thread (the GUI thread, by default the one that starts it).

    ``exit`` is how the process ends (``os._exit``: the frozen thread cannot run any
    clean-up, and none must wait for it).
    """

    def __init__(
        self,
        timeout_s: float,
        *,
        exit: Callable[[int], None] = os._exit,
        backstop: bool = True,
    ) -> None:
        self.timeout_s = timeout_s
        self._exit = exit
        self._backstop = backstop
        self._watched = threading.get_ident()
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching the calling thread (call it from the GUI thread, loop running)."""
        self._watched = threading.get_ident()
        self._last = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="gui-watchdog", daemon=True)
        self._thread.start()

    def beat(self) -> None:
        """The event loop turned (called from the GUI thread's tick): as cheap as can be."""
        self._last = time.monotonic()

    def stop(self) -> None:
        """Stop watching (the wall is quitting on purpose)."""
        self._stop.set()
        if self._backstop:
            faulthandler.cancel_dump_traceback_later()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _arm_backstop(self) -> None:
        if self._backstop:
            # armed at most REARM_EVERY_S after the last beat: it fires no sooner than
            # timeout_s + BACKSTOP_EXTRA_S - REARM_EVERY_S after a freeze, after us
            faulthandler.dump_traceback_later(self.timeout_s + BACKSTOP_EXTRA_S, exit=True)

    def _run(self) -> None:
        step = min(1.0, self.timeout_s / 4)
        armed = float("-inf")
        while not self._stop.wait(step):
            now = time.monotonic()
            stalled = now - self._last
            if stalled >= self.timeout_s:
                self._frozen(stalled)
                return
            if stalled < 2 * step and now - armed >= REARM_EVERY_S:
                armed = now
                self._arm_backstop()

    def _frozen(self, stalled: float) -> None:
        log.critical(
            "the GUI event loop has not turned for %.0f s (limit %.0f s); the GUI thread "
            "is here (most recent call last):\n%sexiting with code %d so that the "
            "supervisor restarts the wall",
            stalled,
            self.timeout_s,
            thread_stack(self._watched),
            EXIT_FROZEN,
        )
        for handler in logging.getLogger().handlers:
            handler.flush()
        self._exit(EXIT_FROZEN)
