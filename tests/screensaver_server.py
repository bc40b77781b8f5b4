"""A stand-in for a desktop's screen saver service on a private D-Bus session bus.

Follows freedesktop.org's Idle Inhibition Service specification (idle-inhibit-spec,
"org.freedesktop.ScreenSaver"): the service name and interface org.freedesktop.ScreenSaver
on the object /org/freedesktop/ScreenSaver, with ``Inhibit(s application_name,
s reason_for_inhibit) -> u cookie`` and ``UnInhibit(u cookie)``. It records the calls it
gets; a real service would also hold off blanking while any cookie is live.

``private_session_bus`` runs a real dbus-daemon (the reference bus) on a socket in a
temporary folder, as a session bus of its own.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


@ClassInfo({"D-Bus Interface": SERVICE})
class ScreenSaverStandIn(QObject):
    """The service's object: gives out cookies from 1, remembers who inhibits."""

    def __init__(self) -> None:
        super().__init__()
        self.inhibitors: dict[int, tuple[str, str]] = {}
        self._next = 1

    @Slot(str, str, result="uint")
    def Inhibit(self, application_name: str, reason: str) -> int:
        cookie, self._next = self._next, self._next + 1
        self.inhibitors[cookie] = (application_name, reason)
        return cookie

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        self.inhibitors.pop(cookie, None)


@contextlib.contextmanager
def private_session_bus(folder: Path) -> Iterator[str]:
    """A dbus-daemon of our own; yields its address."""
    socket_path = folder / "session-bus"
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--print-address=1",
            f"--address=unix:path={socket_path}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), "dbus-daemon did not start"
        yield address
    finally:
        daemon.kill()
        daemon.wait(timeout=10)
        daemon.stdout.close()


def serve_screensaver(address: str, name: str) -> tuple[QDBusConnection, ScreenSaverStandIn]:
    """Register the stand-in on the bus at ``address`` (a connection called ``name``)."""
    bus = QDBusConnection.connectToBus(address, name)
    service = ScreenSaverStandIn()
    exported = QDBusConnection.RegisterOption.ExportAllSlots
    assert bus.registerObject(PATH, service, exported), bus.lastError().message()
    assert bus.registerService(SERVICE), bus.lastError().message()
    return bus, service
