"""Benchmark: how long a hung map renderer takes to be replaced and the map redrawn.

Run: .venv/bin/python tests/bench_hang.py [--runs 3] [--hang-s 10]

Builds a MapView with the default heartbeat limit, draws some markers, stops its
renderer (SIGSTOP: no crash, no Qt signal, as a hung renderer looks) and times, from the
stop, (a) the renderer killed, (b) the page reloaded with the markers drawn again.
The target is 30 s. Figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hang-s", type=float, default=10.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
    from PySide6.QtWidgets import QApplication
    from record_support import keyed
    from test_map_payload import incident, unit

    from maps.map_view import MapView

    app = QApplication([sys.argv[0]])
    folder = Path(tempfile.mkdtemp())
    view = MapView(cache_dir=folder / "map", hang_s=args.hang_s)
    view.resize(1280, 800)
    view.show()
    view.show_state(keyed([incident("A"), incident("B", -0.45, 117.1)]), keyed([unit("U1")]))
    marks: dict[str, float] = {}
    view.renderer_crashed.connect(lambda _n: marks.setdefault("killed", time.monotonic()))
    view.map_ready.connect(lambda: marks.setdefault("ready", time.monotonic()))

    def pump_until(condition, deadline_s: float) -> bool:
        end = time.monotonic() + deadline_s
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        return condition()

    pump_until(lambda: "ready" in marks, 60)
    killed, back = [], []
    for _ in range(args.runs):
        marks.clear()
        pump_until(lambda: False, 3)  # a few heartbeats
        os.kill(view.page().renderProcessPid(), signal.SIGSTOP)
        stopped = time.monotonic()
        if not pump_until(lambda: "ready" in marks, 90):
            print("  the map did not come back within 90 s")
            break
        killed.append(marks["killed"] - stopped)
        back.append(marks["ready"] - stopped)
    print(f"hung renderer, heartbeat limit {args.hang_s:g} s, {len(back)} run(s):")
    for name, values in (("(a) renderer killed", killed), ("(b) map drawn again", back)):
        if values:
            print(
                f"  {name:<22}{statistics.median(values):6.1f} s median"
                f" ({min(values):.1f}-{max(values):.1f})"
            )
    print(f"  load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
