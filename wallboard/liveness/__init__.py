"""Liveness: how the wall proves to a supervisor that it still turns, and gives up if not.

Pure Python (no Qt): the GUI thread's one-second tick calls ``beat()`` on both parts.
"""

from wallboard.liveness.systemd_notify import SystemdNotifier
from wallboard.liveness.watchdog import EXIT_FROZEN, EventLoopWatchdog

__all__ = ["EXIT_FROZEN", "EventLoopWatchdog", "SystemdNotifier"]
