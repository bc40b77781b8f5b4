"""A real wall process under supervision: systemd's notify socket and the GUI watchdog.

The wall runs as main.py in a subprocess on three offscreen screens against the embedded
simulator. ``NOTIFY_SOCKET`` is a datagram socket made here, as systemd makes one for a
``Type=notify`` unit (sd_notify(3)); the messages read from it are what systemd would see.
The frozen GUI thread is made by the wall's test-only hook ``--freeze-gui-after``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from test_wall_program import REPO, wall_environment

from wallboard.liveness import EXIT_FROZEN


@pytest.fixture
def notify_socket(tmp_path):
    """A bound AF_UNIX datagram socket, as systemd's $NOTIFY_SOCKET; yields (path, socket)."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.setblocking(False)
    yield path, sock
    sock.close()


def received(sock: socket.socket) -> list[str]:
    """Every message queued on the socket, in order."""
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode("utf-8"))
        except BlockingIOError:
            return messages


def run_supervised(tmp_path: Path, notify: Path, *args: str, watchdog_s: float = 15.0):
    config = tmp_path / "wall.toml"
    config.write_text(f"[wall]\nwatchdog_seconds = {watchdog_s}\n", encoding="utf-8")
    env = wall_environment(tmp_path)
    env.update(NOTIFY_SOCKET=str(notify), WATCHDOG_USEC="3000000", XDG_CACHE_HOME=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--config", str(config), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    return process, err


def test_the_wall_says_ready_pings_the_watchdog_and_says_stopping(tmp_path, notify_socket):
    path, sock = notify_socket
    process, err = run_supervised(tmp_path, path, "--quit-after", "8")
    assert process.returncode == 0, err[-3000:]
    messages = received(sock)
    assert messages, "nothing reached NOTIFY_SOCKET"
    ready = messages[0].split("\n")
    assert "READY=1" in ready and f"MAINPID={process.pid}" in ready, messages[0]
    # WATCHDOG_USEC = 3 s: a ping at least every 1.5 s while the loop turns
    pings = [m for m in messages if m == "WATCHDOG=1"]
    assert len(pings) >= 3, messages
    assert messages[-1] == "STOPPING=1", messages


def test_a_frozen_gui_thread_is_logged_with_its_stack_and_ends_the_wall(tmp_path, notify_socket):
    path, sock = notify_socket
    process, err = run_supervised(
        tmp_path, path, "--freeze-gui-after", "3", "--quit-after", "100", watchdog_s=3
    )
    assert process.returncode == EXIT_FROZEN, err[-3000:]
    assert "the GUI event loop has not turned for" in err, err[-3000:]
    # the stack printed is the GUI thread's, stuck where the hook blocked it
    stack = err[err.index("the GUI event loop has not turned for") :]
    assert "freeze_gui_for_test" in stack, stack[:3000]
    assert "threading.py" in stack  # Event().wait(): the innermost frames are there too
    messages = received(sock)
    assert "READY=1" in messages[0]
    # it did not quit cleanly: systemd hears no STOPPING, and restarts it
    assert "STOPPING=1" not in messages
