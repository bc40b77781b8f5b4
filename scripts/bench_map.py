"""Print how long the live map takes to draw a full state and to apply diffs.

Real QWebEngineView (offscreen), real bridge: the time from the Python call until the
page answers that the message is applied. Median of several runs. Prints numbers only.

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 .venv/bin/python scripts/bench_map.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6 import QtWebEngineWidgets  # noqa: F401
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from maps.map_view import MapView
from maps.payload import PendingBatch, apply_call
from wallboard.model import (
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


def incident(k: int, shift: float = 0.0) -> Incident:
    st = IncidentStatus.NEW if k % 3 == 0 else IncidentStatus.ON_SCENE
    return Incident(
        id=f"I{k}", version=1, region="samarinda", category=CATS[k % len(CATS)],
        priority=Priority(1 + k % 4), status=st, status_times={st: NOW},
        created_at=NOW - timedelta(minutes=k % 90), updated_at=NOW,
        location=Location(lat=-0.35 - (k % 97) * 0.003 - shift, lon=117.05 + (k // 97) * 0.01),
        description=f"kejadian {k}",
    )  # fmt: skip


def unit(k: int, shift: float = 0.0) -> Unit:
    pos = Position(lat=-0.4 - (k % 50) * 0.004 - shift, lon=117.1 + (k // 50) * 0.01, at=NOW)
    return Unit(
        id=f"U{k}", version=1, agency_id="A", call_sign=f"UNIT {k}", type="car",
        status=UST[k % len(UST)], status_since=NOW, position=pos,
    )  # fmt: skip


def wait_for(app: QApplication, done) -> None:
    loop = QEventLoop()
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: done() and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()


def timed_apply(app: QApplication, view: MapView, message: dict) -> float:
    box: list = []
    start = time.perf_counter()
    view.page().runJavaScript(apply_call(message), 0, box.append)
    wait_for(app, lambda: bool(box))
    return (time.perf_counter() - start) * 1000


def main() -> int:
    app = QApplication(sys.argv)
    view = MapView(cache_dir=Path(tempfile.mkdtemp()))
    view.resize(1600, 900)
    view.show()
    wait_for(app, lambda: view.is_ready)
    for n_inc, n_unit in ((100, 50), (1000, 500), (5000, 1000)):
        for label, shift in (("full state", 0.0), ("all moved", 0.001)):
            runs = []
            for _ in range(5):
                batch = PendingBatch()
                batch.add_state(
                    [incident(k) for k in range(n_inc)], [unit(k) for k in range(n_unit)], {}
                )
                timed_apply(app, view, batch.take())  # start from this state
                batch.add_state(
                    [incident(k, shift) for k in range(n_inc)],
                    [unit(k, shift) for k in range(n_unit)],
                    {},
                )
                if shift:
                    message = batch.take()
                    message["reset"] = False
                else:
                    message = batch.take()
                runs.append(timed_apply(app, view, message))
            print(f"{n_inc} incidents + {n_unit} units, {label}: {statistics.median(runs):.1f} ms")
        batch = PendingBatch()
        batch.add_changes([incident(k, 0.002) for k in range(20)], [], [], [], {})
        diff = batch.take()
        runs = [timed_apply(app, view, diff) for _ in range(5)]
        print(f"  diff of 20 incidents on that map: {statistics.median(runs):.1f} ms")
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 0


if __name__ == "__main__":
    sys.exit(main())
