"""The sd_notify client on its own: addresses and message pacing, as sd_notify(3) says.

Real AF_UNIX datagram sockets made here stand for systemd's; a path starting with "@"
names an abstract socket (sd_notify(3), "NOTIFY_SOCKET").
"""

from __future__ import annotations

import os
import socket

from wallboard.liveness import SystemdNotifier


def _drain(sock: socket.socket) -> list[str]:
    sock.setblocking(False)
    out = []
    while True:
        try:
            out.append(sock.recv(4096).decode())
        except BlockingIOError:
            return out


def test_an_abstract_socket_gets_ready_then_paced_watchdog_pings():
    name = f"wallboard-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
        systemd.bind("\0" + name)
        # WATCHDOG_USEC of an hour: one ping is due now, the next in twenty minutes
        notifier = SystemdNotifier({"NOTIFY_SOCKET": "@" + name, "WATCHDOG_USEC": "3600000000"})
        assert notifier.enabled and notifier.watchdog_every_s == 1200
        assert notifier.ready()
        for _ in range(5):
            notifier.beat()
        assert notifier.stopping()
        notifier.close()
        messages = _drain(systemd)
    assert messages[0].split("\n")[0] == "READY=1"
    assert f"MAINPID={os.getpid()}" in messages[0].split("\n")
    assert messages[1:] == ["WATCHDOG=1", "STOPPING=1"]


def test_without_notify_socket_nothing_is_sent_and_nothing_fails():
    notifier = SystemdNotifier({})
    assert not notifier.enabled
    assert notifier.ready() is False
    notifier.beat()
    notifier.close()


def test_a_socket_that_went_away_is_logged_once(tmp_path, caplog):
    notifier = SystemdNotifier({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert notifier.notify("WATCHDOG=1") is False
    assert notifier.notify("WATCHDOG=1") is False
    assert len([r for r in caplog.records if "cannot notify systemd" in r.getMessage()]) == 1
    notifier.close()
