"""Benchmark: the whole wall, from a backend change to the screen, and idle at rest.

Run: .venv/bin/python tests/bench_wall.py [--only idle|latency] [--runs N] [--idle-s S]

1. Idle cost of a three-screen wall (main.py in a subprocess on three offscreen
   monitors, the embedded simulator, real polling at the default intervals): CPU time
   and RSS of the main process and of every descendant (QtWebEngine's zygotes, GPU and
   renderer processes), sampled 10 s after start and ``--idle-s`` later; CPU as % of
   one core over that span, by process kind.
2. Latency from a backend change to the change drawn, the poll interval excluded: the
   wall built in-process on three screens against a manual-clock simulator; each run
   advances the simulator, adds one incident, and times from the start of the incidents
   poll to (a) the store applying the diff, (b) the panels showing it after pending
   events (paints included) are processed, (c) the map page reporting the new marker
   drawn (MapView.drawn_ids). Medians of ``--runs`` runs.

Figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from test_wall_program import REPO, descendants, screens_config, wall_environment

BACKEND = "samarinda"
SIM_START = "2026-11-20T10:00:00+08:00"
WARM_UP_S = 10.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# -- idle ---------------------------------------------------------------------------


def process_kind(pid: int) -> str:
    """'main', or QtWebEngine's role for the process (renderer, zygote, gpu-process...)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "gone"
    for arg in argv:
        if arg.startswith(b"--type="):
            return arg[len(b"--type=") :].decode()
    return Path(argv[0].decode()).name if argv and argv[0] else "?"


def sample(pid: int) -> dict[int, tuple[str, float, int]]:
    """pid -> (kind, CPU seconds so far, RSS bytes) for ``pid`` and all its descendants.

    A renderer is forked by a zygote and keeps its command line, so a "zygote" whose
    parent is a zygote is counted as a renderer.
    """
    found, parents = {}, {}
    for p in [pid, *descendants(pid)]:
        try:
            stat = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        parents[p] = int(stat[1])
        utime, stime = int(stat[11]), int(stat[12])  # fields 14 and 15 of stat
        rss_kb = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
        kind = "main" if p == pid else process_kind(p)
        found[p] = (kind, (utime + stime) / CLOCK_TICKS, rss_kb * 1024)
    for p, (kind, cpu, rss) in list(found.items()):
        parent = found.get(parents[p])
        if kind == "zygote" and parent is not None and parent[0] in ("zygote", "renderer"):
            found[p] = ("renderer", cpu, rss)
    return found


def wait_for(condition, deadline_s: float, step_s: float = 0.05) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step_s)
    return condition()


def bench_idle(span_s: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), "--quit-after", str(WARM_UP_S + span_s + 5)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=wall_environment(Path(folder)),
            cwd=folder,
        )
        wait_for(lambda: time.monotonic() - started >= WARM_UP_S, WARM_UP_S + 1, 0.2)
        first, t1 = sample(process.pid), time.monotonic()
        wait_for(lambda: time.monotonic() - t1 >= span_s, span_s + 1, 0.5)
        second, t2 = sample(process.pid), time.monotonic()
        _, err = process.communicate(timeout=60)
    elapsed = t2 - t1
    print(f"idle three-screen wall: samples at start+{WARM_UP_S:.0f} s and +{elapsed:.0f} s later")
    print(f"  exit code {process.returncode}")
    if process.returncode:
        print(err[-2000:])
    kinds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for pid, (kind, cpu, rss) in second.items():
        before = first.get(pid, (kind, 0.0, 0))
        row = kinds[kind]
        row["count"] += 1
        row["cpu"] += cpu - before[1]
        row["rss_start"] += before[2]
        row["rss_end"] += rss
    gone = [p for p in first if p not in second]
    print(f"  {'process kind':<18}{'n':>3}{'CPU % of a core':>17}{'RSS start':>12}{'RSS end':>12}")
    total = defaultdict(float)
    for kind in sorted(kinds, key=lambda k: (k != "main", k)):
        row = kinds[kind]
        for key, value in row.items():
            total[key] += value
        print(_idle_line(kind, row, elapsed))
    print(_idle_line("total", total, elapsed))
    print("  (RSS counts pages shared between processes once per process)")
    if gone:
        print(f"  ({len(gone)} process(es) ended between the samples)")


def _idle_line(kind: str, row: dict[str, float], elapsed: float) -> str:
    mib = 1024 * 1024
    return (
        f"  {kind:<18}{int(row['count']):>3}{100 * row['cpu'] / elapsed:>16.2f}%"
        f"{row['rss_start'] / mib:>8.0f} MiB{row['rss_end'] / mib:>8.0f} MiB"
    )


# -- latency --------------------------------------------------------------------------


def bench_latency(runs: int) -> None:
    folder = Path(tempfile.mkdtemp())
    config = screens_config(folder / "screens.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from maps.map_panel import MapPanel
    from views.incident_panel import IncidentPanel
    from wallboard.backends import poll_intervals
    from wallboard.config import Settings
    from wallboard.feed.kinds import FeedKind
    from wallboard.model import RecordKey
    from wallboard.poller import BackendSpec
    from wallboard.shell.assembly import assemble_wall
    from wallboard.simulator import start_simulator

    app = QApplication([sys.argv[0]])
    sim = start_simulator(seed=112, start=SIM_START, manual_clock=True)
    spec = BackendSpec(name=BACKEND, url=sim.url, intervals=poll_intervals(2.0))
    parts = assemble_wall(app, Settings(), [spec])
    store = parts.store
    poller = parts.poller
    panels = [p for w in parts.wall.windows for p in w.panels]
    (incidents,) = [p for p in panels if isinstance(p, IncidentPanel)]
    (map_panel,) = [p for p in panels if isinstance(p, MapPanel)]

    async def poll_all() -> None:
        for kind in FeedKind:
            await poller.poll_once(BACKEND, kind)

    def pump_until(condition, deadline_s: float = 20.0) -> bool:
        end = time.monotonic() + deadline_s
        while not condition():
            if time.monotonic() > end:
                return False
            app.processEvents()
            time.sleep(0.001)
        return True

    def drawn_incidents() -> set[str]:
        box: list = []
        map_panel.view.drawn_ids(box.append)
        pump_until(lambda: bool(box), 5.0)
        return set(box[0]["incidents"]) if box else set()

    asyncio.run(poll_all())
    if not pump_until(lambda: map_panel.view is not None and map_panel.view.is_ready):
        print("the map never became ready")
        return
    applied_at: dict[str, float] = {}

    def on_changed(diff) -> None:
        for iid in diff.incidents.added:
            applied_at.setdefault(iid, time.perf_counter())

    store.changed.connect(on_changed)
    store_ms, panels_ms, map_ms, polled_ms = [], [], [], []
    for _ in range(runs):
        sim.advance(timedelta(seconds=30))
        (injected,) = sim.inject_incidents(1)
        new_id = RecordKey(BACKEND, injected)  # the store, the list and the map key by it
        started = time.perf_counter()
        asyncio.run(poller.poll_once(BACKEND, FeedKind.INCIDENTS))
        polled = time.perf_counter()
        app.processEvents()  # queued work and paints of the updated panels
        shown = time.perf_counter()
        if incidents.model.row_of(new_id) is None:
            print(f"  (run {len(store_ms) + 1}: {new_id} not on the incident list)")
        drawn_at = None
        end = time.monotonic() + 20
        while drawn_at is None and time.monotonic() < end:
            if new_id.text in drawn_incidents():
                drawn_at = time.perf_counter()
        store_ms.append(1000 * (applied_at[new_id] - started))
        polled_ms.append(1000 * (polled - started))
        panels_ms.append(1000 * (shown - started))
        if drawn_at is not None:
            map_ms.append(1000 * (drawn_at - started))
    print(f"latency from poll start, median of {runs} runs (min-max), one new incident:")
    print(f"  open incidents on the wall  {incidents.model.rowCount()}")
    for name, values in (
        ("(a) store applied the diff", store_ms),
        ("    poll returned", polled_ms),
        ("(b) panels updated, painted", panels_ms),
        ("(c) map page drew the marker", map_ms),
    ):
        if values:
            print(
                f"  {name:<30}{statistics.median(values):8.1f} ms"
                f"  ({min(values):.1f}-{max(values):.1f}, n={len(values)})"
            )
    parts.close()
    for window in parts.wall.windows:
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    sim.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("idle", "latency"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--idle-s", type=float, default=60.0)
    args = parser.parse_args()
    # idle first: the latency part leaves this process with QtWebEngine of its own
    if args.only in (None, "idle"):
        bench_idle(args.idle_s)
    if args.only in (None, "latency"):
        bench_latency(args.runs)


if __name__ == "__main__":
    main()
