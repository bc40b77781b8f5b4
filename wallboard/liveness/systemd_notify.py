"""SystemdNotifier: the sd_notify protocol, spoken to systemd over $NOTIFY_SOCKET.

A unit with ``Type=notify`` and ``WatchdogSec=`` (resources/deploy/wallboard.service)
hands the wall a datagram socket in ``$NOTIFY_SOCKET``. The wall says ``READY=1`` once
its windows are up, ``WATCHDOG=1`` from the GUI thread's tick (so a frozen event loop is
restarted by systemd itself), and ``STOPPING=1`` when it quits. The format is systemd's
own (sd_notify(3), "newline-separated variable assignments"); a path starting with "@"
is an abstract socket. With no $NOTIFY_SOCKET (not run by systemd) every call does nothing.

This is a local AF_UNIX datagram to the supervisor, not network traffic: the poller
remains the one owner of the network.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping

log = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends state lines to systemd; watchdog pings no more often than systemd needs."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        path = environ.get("NOTIFY_SOCKET", "")
        self._address = "\0" + path[1:] if path.startswith("@") else path
        self._socket: socket.socket | None = None
        # systemd asks for a ping at least every WATCHDOG_USEC; sd_watchdog_enabled(3)
        # advises half of it; a third leaves room for a late tick. Without it, every beat.
        usec = environ.get("WATCHDOG_USEC", "")
        self.watchdog_every_s = int(usec) / 3e6 if usec.isdigit() and int(usec) > 0 else 0.0
        self._last_ping = float("-inf")
        self._failed = False
        if self._address:
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)

    @property
    def enabled(self) -> bool:
        return self._socket is not None

    def notify(self, state: str) -> bool:
        """Send one state message (e.g. ``"READY=1"``); False if it did not go."""
        if self._socket is None:
            return False
        try:
            self._socket.sendto(state.encode("utf-8"), self._address)
        except OSError as exc:
            if not self._failed:  # once: the socket will not come back by itself
                self._failed = True
                log.warning("cannot notify systemd at %s: %s", self._address.lstrip("\0"), exc)
            return False
        return True

    def ready(self) -> bool:
        return self.notify(f"READY=1\nSTATUS=showing the wall\nMAINPID={os.getpid()}")

    def beat(self) -> None:
        """From the GUI thread's tick: ping systemd's watchdog when it is due."""
        if self._socket is None:
            return
        now = time.monotonic()
        if now - self._last_ping >= self.watchdog_every_s:
            self._last_ping = now
            self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
