"""Run by test_desk_window: a desk arranged by a "user", closed, and started again.

In a process of its own because the geometry needs a real-sized screen (the tests'
offscreen screen is 800 x 800, smaller than the desk's smallest window): the test starts
this script on an offscreen 1920 x 1080 screen and reads what it prints (JSON).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desk_support import build_desk

from views.desk import incident_columns as ic
from wallboard.simulator import start_simulator


def observe(window) -> dict:
    header = window.incidents.table.horizontalHeader()
    return {
        "geometry": list(window.geometry().getRect()),
        "shown": {name: part.isVisible() for name, part in window.parts.items()},
        "place_width": header.sectionSize(ic.PLACE),
        "first_column": header.logicalIndex(0),
        "map_width": window.parts["map"].width(),
    }


def main(folder: Path) -> None:
    app = QApplication(sys.argv[:1])
    out = {}
    with start_simulator(seed=112, start="2026-11-20T10:00:00+08:00", manual_clock=True) as sim:
        first = build_desk(app, sim.url, folder)
        first.poll_all()
        window = first.window
        window.setGeometry(QRect(60, 40, 1300, 820))
        window.parts["units"].toggleViewAction().trigger()  # closed by the user
        window.resizeDocks([window.parts["map"]], [520], Qt.Orientation.Horizontal)
        header = window.incidents.table.horizontalHeader()
        header.resizeSection(ic.PLACE, 333)
        header.moveSection(header.visualIndex(ic.AGE), 0)  # age first
        app.processEvents()
        out["before"] = observe(window)
        window.close()  # the layout is kept as the window closes
        first.parts.close()
        second = build_desk(app, sim.url, folder)
        second.poll_all()
        app.processEvents()
        out["after"] = observe(second.window)
        second.window.reset_action.trigger()
        app.processEvents()
        out["reset"] = observe(second.window)
        second.window.close()
        second.parts.close()
        for desk in (first, second):
            desk.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
