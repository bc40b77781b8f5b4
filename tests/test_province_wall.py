"""A real province: three simulated regions, each its own simulator process on its own
port, and the real wall program (main.py) on three offscreen monitors in screenshot mode.

Paser's simulator is stopped once the wall has had its first data (the comparison logs
each region's state); Balikpapan's starts only after the wall has marked Paser down, so
the screenshot cannot be taken before: it shows the map of all three regions, their
comparison with Paser marked DOWN, and each region's agencies.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtGui import QImage
from test_wall_program import SCREEN_H, SCREEN_W, colours_seen, wall_environment

REPO = Path(__file__).resolve().parent.parent
REGIONS = {"samarinda": 21, "balikpapan": 22, "paser": 23}  # backend name -> seed
STATE_LINE = re.compile(r"comparison: region (\w+) \((.*)\) is (\w+), last good data (\S+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_simulator(name: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wallboard.simulator",
            "--port",
            str(port),
            "--scenario",
            name,
            "--seed",
            str(REGIONS[name]),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    url = process.stdout.readline().strip()  # the simulator prints its URL once serving
    assert url == f"http://127.0.0.1:{port}", f"{name} simulator did not start"
    return process


def stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.terminate()
    process.communicate(timeout=30)  # and close its pipes
    return process.returncode


def province_config(path: Path, ports: dict[str, int]) -> Path:
    tables = "".join(
        f'\n[[backends]]\nname = "{name}"\nurl = "http://127.0.0.1:{port}"\n'
        "poll_interval = 1.0\ntimeout = 2.0\n"
        for name, port in ports.items()
    )
    path.write_text(
        # no tile server: tile requests failing at random moments (no internet here)
        # would keep the map changing, and the screenshot waits for screens that settle
        f'[region]\nname = "Kalimantan Timur"\ntimezone = "Asia/Makassar"\n{tables}'
        '\n[map]\ntiles = "none"\n',
        encoding="utf-8",
    )
    return path


class LogLines:
    """The wall's log (stderr), read on a thread; ``wait_for`` blocks on the next lines."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: re.Pattern[str], deadline: float) -> re.Match[str]:
        for line in self.lines:
            if (match := pattern.search(line)) is not None:
                return match
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if (match := pattern.search(line)) is not None:
                return match
        tail = "\n".join(self.lines[-40:])
        raise AssertionError(f"the wall never logged {pattern.pattern!r}:\n{tail}")

    def rest(self, timeout: float) -> None:
        self._thread.join(timeout)
        while not self._queue.empty():
            line = self._queue.get()
            if line is not None:
                self.lines.append(line)


def region_states(lines: list[str]) -> dict[str, tuple[str, str]]:
    """Each region's last logged state in the comparison: (state, last good data)."""
    states = {}
    for line in lines:
        if (match := STATE_LINE.search(line)) is not None:
            states[match[1]] = (match[3], match[4])
    return states


def test_province_wall_with_one_region_stopped_halfway(tmp_path):
    ports = {name: free_port() for name in REGIONS}
    sims = {name: start_simulator(name, ports[name]) for name in ("samarinda", "paser")}
    config = province_config(tmp_path / "province.toml", ports)
    shots = tmp_path / "shots"
    wall = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "main.py"),
            "--config",
            str(config),
            "--screenshot",
            str(shots),
            "--screenshot-timeout",
            "240",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=wall_environment(tmp_path),
        cwd=tmp_path,
    )
    log = LogLines(wall.stderr)
    try:
        deadline = time.monotonic() + 240
        # every source of Paser answered once: the first data arrived; now stop it
        log.wait_for(re.compile(r"comparison: region paser \(.*\) is live"), deadline)
        assert stop(sims["paser"]) == 0
        down = log.wait_for(
            re.compile(r"region paser \(Kabupaten Paser\) is down, last good data (\S+)"),
            deadline,
        )
        assert down[1] != "never"
        # Balikpapan comes up late: until then the wall has no screenshot to take
        sims["balikpapan"] = start_simulator("balikpapan", ports["balikpapan"])
        code = wall.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if wall.poll() is None:
            wall.kill()
            wall.wait(timeout=30)
        log.rest(timeout=30)
        wall.stderr.close()
        for sim in sims.values():
            stop(sim)
        (tmp_path / "wall.log").write_text("\n".join(log.lines), encoding="utf-8")
    assert code == 0, "\n".join(log.lines[-60:])
    states = region_states(log.lines)
    assert set(states) == set(REGIONS), states
    assert states["paser"][0] == "down" and states["paser"][1] == down[1]
    assert states["samarinda"][0] == "live" and states["balikpapan"][0] == "live", states
    names = {m[1]: m[2] for line in log.lines if (m := STATE_LINE.search(line))}
    assert names["balikpapan"] == "Kota Balikpapan"
    assert "Traceback" not in "\n".join(log.lines)
    files = sorted(p.name for p in shots.glob("screen-*.png"))
    assert files == ["screen-0.png", "screen-1.png", "screen-2.png"]
    for name in files:
        image = QImage(str(shots / name))
        assert abs(image.width() - SCREEN_W) <= 1 and abs(image.height() - SCREEN_H) <= 1
        assert len(colours_seen(image)) > 20, f"{name} is (nearly) one colour"
