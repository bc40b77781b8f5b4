"""Print how fast the live map draws a full state and applies a 1 % diff, and its memory.

A real QWebEngineView (offscreen) on the real base page and bridge. For 1,000 and 10,000
incidents plus 2,000 units it prints:

- first full draw: from the Python call until the page has painted it (wall clock), and
  the page's own time for it (performance.now() around wb.apply and its frame's draw);
- a 1 % diff (1 % of incidents and of units changed): the page's own time, the goal
  being under one 60 Hz frame (16.7 ms), and how many markers it touched;
- the renderer's memory: JS heap after a gc() (performance.memory) and the renderer
  process's RSS.

Medians of several runs. Prints figures only; it asserts nothing.

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 .venv/bin/python scripts/bench_map.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# gc() in the page, so the heap is measured without the garbage of the runs before
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--js-flags=--expose-gc")

from PySide6 import QtWebEngineWidgets  # noqa: F401
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer, QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from maps.base_page import DEFAULT_REGION, build_base_page, write_base_page
from maps.outline import load_outline
from maps.payload import PendingBatch, apply_call
from wallboard.model import (
    AgencyKind,
    Incident,
    IncidentCategory,
    IncidentStatus,
    Location,
    Position,
    Priority,
    Unit,
    UnitStatus,
)

NOW = datetime(2026, 11, 28, 14, 0, tzinfo=ZoneInfo("Asia/Makassar"))
CATS, UST = list(IncidentCategory), list(UnitStatus)
R = DEFAULT_REGION
KINDS = {f"AG-{k}": kind for k, kind in enumerate(AgencyKind)}


def incident(k: int, rng: random.Random, version: int = 1) -> Incident:
    st = IncidentStatus.NEW if k % 3 == 0 else IncidentStatus.ON_SCENE
    lat = rng.uniform(R.south, R.north)
    lon = rng.uniform(R.west, R.east)
    return Incident(
        id=f"I{k}", version=version, region=R.region, category=CATS[k % len(CATS)],
        priority=Priority(1 + (k + version) % 4), status=st, status_times={st: NOW},
        created_at=NOW - timedelta(minutes=1 if k % 100 == 0 else 10 + k % 300),
        updated_at=NOW, location=Location(lat=lat, lon=lon), description=f"kejadian {k}",
    )  # fmt: skip


def unit(k: int, rng: random.Random) -> Unit:
    pos = Position(lat=rng.uniform(R.south, R.north), lon=rng.uniform(R.west, R.east), at=NOW)
    return Unit(
        id=f"U{k}", version=1, agency_id=f"AG-{k % len(KINDS)}", call_sign=f"UNIT {k}",
        type="car", status=UST[k % len(UST)], status_since=NOW, position=pos,
    )  # fmt: skip


def wait_for(done, timeout_s: float = 120.0) -> bool:
    loop = QEventLoop()
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: done() and loop.quit())
    timer.start()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return bool(done())


def run_js(view: QWebEngineView, script: str):
    box: list = []
    view.page().runJavaScript(script, 0, box.append)
    wait_for(lambda: bool(box))
    return box[0] if box else None


def stats(view: QWebEngineView) -> dict:
    return json.loads(run_js(view, "window.wb.stats()"))


def apply_and_wait(view: QWebEngineView, message: dict) -> tuple[float, dict]:
    """Send one message; wall-clock ms until the page has drawn it, and its stats."""
    start = time.perf_counter()
    view.page().runJavaScript(apply_call(message), 0)
    wait_for(lambda: json.loads(run_js(view, "window.wb.drawn()"))["settled"])
    return (time.perf_counter() - start) * 1000, stats(view)


def renderer_rss_mib(view: QWebEngineView) -> float | None:
    try:
        status = Path(f"/proc/{view.page().renderProcessPid()}/status").read_text()
    except OSError:
        return None
    kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    return kib / 1024


def js_heap_mib(view: QWebEngineView) -> float | None:
    run_js(view, "typeof gc === 'function' && gc(); 1")
    used = run_js(view, "performance.memory ? performance.memory.usedJSHeapSize : -1")
    return used / 2**20 if used and used > 0 else None


def bench(view: QWebEngineView, n_inc: int, n_unit: int, runs: int) -> None:
    rng = random.Random(112)
    incidents = [incident(k, rng) for k in range(n_inc)]
    units = [unit(k, rng) for k in range(n_unit)]
    full_wall, full_page = [], []
    for _ in range(runs):
        batch = PendingBatch(clock=lambda: NOW)
        batch.add_state(incidents, units, KINDS)
        wall_ms, seen = apply_and_wait(view, batch.take())
        full_wall.append(wall_ms)
        full_page.append(seen["lastApplyMs"])
    print(
        f"{n_inc} incidents + {n_unit} units: first full draw {statistics.median(full_wall):.0f} ms"
        f" (in the page {statistics.median(full_page):.0f} ms); "
        f"{seen['clusters']} clusters, {seen['singles']} single incidents drawn"
    )
    diff_page, touched, parts = [], [], []
    step_i = step_u = 100  # every hundredth: 1 %
    for run in range(1, runs + 1):
        moved_i = [
            incident(k, random.Random(k * 7 + run), version=1 + run)
            for k in range(run % step_i, n_inc, step_i)
        ]
        moved_u = [
            unit(k, random.Random(k * 11 + run)) for k in range(run % step_u, n_unit, step_u)
        ]
        run_js(view, "window.wb.resetCounts(); 1")
        batch = PendingBatch(clock=lambda: NOW)
        batch.add_changes(moved_i, [], moved_u, [], KINDS)
        _wall, seen = apply_and_wait(view, batch.take())
        diff_page.append(seen["lastApplyMs"])
        touched.append((len(moved_i), len(moved_u), seen["touched"]))
        parts.append(seen["parts"])
    n_i, n_u, t = touched[-1]
    print(
        f"  1 % diff ({n_i} incidents moved and re-prioritised, {n_u} units moved): "
        f"{statistics.median(diff_page):.1f} ms in the page (median of {runs}; "
        f"max {max(diff_page):.1f}); touched {t['incidents']} incident and {t['units']} unit"
        f" markers, {t['clusters']} clusters"
    )
    medians = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
    print("    of which (medians, ms): " + ", ".join(f"{k} {v:.1f}" for k, v in medians.items()))
    if seen["heatPoints"]:  # the heat layer redraws apart from the frame, once a second
        wait_for(lambda: stats(view)["lastHeatMs"] is not None, 10.0)
        print(f"  heat-map redraw (its own task): {stats(view)['lastHeatMs']:.1f} ms")
    heap, rss = js_heap_mib(view), renderer_rss_mib(view)
    print(
        "  renderer memory: JS heap after gc "
        + (f"{heap:.0f} MiB" if heap is not None else "n/a")
        + ", renderer process RSS "
        + (f"{rss:.0f} MiB" if rss is not None else "n/a")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--heatmap", action="store_true", help="with the heat-map layer on")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    html = build_base_page(R, load_outline(R), language="en", heatmap=args.heatmap)
    page = write_base_page(Path(tempfile.mkdtemp()), html)
    for n_inc, n_unit in ((1000, 2000), (10000, 2000)):
        view = QWebEngineView()  # a fresh renderer per size, so memory is that size's
        view.resize(1600, 900)
        view.show()
        view.setUrl(QUrl.fromLocalFile(str(page)))
        if not wait_for(lambda v=view: run_js(v, "!!(window.wb && window.wb.ready)") is True):
            print("the map page never became ready")
            return 1
        bench(view, n_inc, n_unit, args.runs)
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
