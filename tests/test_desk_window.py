"""The desk's window on the real simulator: a row and its marker choose each other, the
layout and geometry come back after a restart, the shift report is written and shown,
and a new priority-1 incident raises a notification while the desk is out of view."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from desk_support import build_desk, map_ready, run_js, take_down
from PySide6.QtCore import Qt

from views.desk import incident_columns as ic
from wallboard.model import Priority
from wallboard.simulator import start_simulator

SIM_START = "2026-11-20T10:00:00+08:00"


@pytest.fixture
def sim():
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as server:
        yield server


@pytest.fixture
def desks(qapp, qtbot, sim, tmp_path):
    built = []

    def build(**options):
        desk = build_desk(qapp, sim.url, tmp_path, **options)
        built.append(desk)
        desk.poll_all()
        return desk

    yield build
    take_down(qtbot, built)


def chosen_on_map(qtbot, panel) -> dict | None:
    box: list = []
    panel.view.chosen(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def test_a_chosen_row_rings_its_marker_and_a_marker_click_chooses_its_row(qtbot, desks):
    desk = desks()
    window = desk.window
    panel = map_ready(qtbot, desk)
    store = desk.parts.store
    placed = [(k, i) for k, i in store.incidents.items() if i.is_open and i.is_placed]
    (first_key, first), (second_key, _second) = placed[0], placed[-1]

    # list -> map: the row made current rings the incident's marker (the page knows it
    # by the key's text, as it names it in a click), where it is
    assert window.incidents.table.select_record(first_key)
    qtbot.waitUntil(
        lambda: (chosen_on_map(qtbot, panel) or {}).get("id") == first_key.text, timeout=10_000
    )
    ring = chosen_on_map(qtbot, panel)
    assert ring["kind"] == "incident"
    assert (ring["lat"], ring["lon"]) == pytest.approx((first.location.lat, first.location.lon))

    # map -> list: a click on a marker (through the page's channel) chooses its row,
    # even when a search had hidden it, and opens its details
    window.incidents.search.setText("zzz-hides-everything")
    run_js(qtbot, panel, f"window.wbMarkerClicked('incident:{second_key.text}'); 1")
    qtbot.waitUntil(lambda: window.incidents.table.selected_record() == second_key, timeout=5000)
    assert window.incidents.search.text() == ""
    assert window.details.ref.key == second_key
    qtbot.waitUntil(
        lambda: (chosen_on_map(qtbot, panel) or {}).get("id") == second_key.text, timeout=5000
    )

    # units too: a unit's marker chooses its row in the units list
    unit_key = next(k for k, u in store.units.items() if u.position is not None)
    run_js(qtbot, panel, f"window.wbMarkerClicked('unit:{unit_key.text}'); 1")
    qtbot.waitUntil(lambda: window.units.table.selected_record() == unit_key, timeout=5000)
    assert window.parts["units"].isVisible()


def test_the_legend_folds_from_the_view_menu(qtbot, desks):
    desk = desks()
    panel = map_ready(qtbot, desk)
    desk.window.legend_action.trigger()
    qtbot.waitUntil(
        lambda: run_js(qtbot, panel, "window.wb.legendCollapsed()") is True, timeout=5000
    )
    desk.window.legend_action.trigger()
    qtbot.waitUntil(
        lambda: run_js(qtbot, panel, "window.wb.legendCollapsed()") is False, timeout=5000
    )


def test_layout_columns_and_geometry_come_back_after_a_restart(tmp_path):
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "0-desk", "x": 0, "y": 0, "width": 1920, "height": 1080,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    script = Path(__file__).with_name("desk_restart_run.py")
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    before, after, reset = seen["before"], seen["after"], seen["reset"]
    assert before["geometry"] == [60, 40, 1300, 820]
    assert after["geometry"] == before["geometry"]
    assert after["shown"] == before["shown"] and before["shown"]["units"] is False
    assert after["place_width"] == 333 and after["first_column"] == ic.AGE
    assert abs(after["map_width"] - before["map_width"]) <= 2
    # reset: every part back (the units list among them), columns fitted to rows again
    assert all(reset["shown"].values())
    assert reset["place_width"] != 333


def test_shift_report_is_written_from_the_store_and_its_folder_opened(qtbot, desks, tmp_path):
    desk = desks()
    desk.window.report_action.trigger()
    (folder,) = desk.opened
    assert folder.parent == tmp_path / "reports"
    assert {p.name for p in folder.iterdir()} == {"report.json", "report.csv", "report.png"}
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["format"] == "wallboard112-shift-report"
    kpis = json.dumps(report["kpis"])
    assert report["region"] and '"offered"' in kpis
    assert (folder / "report.png").stat().st_size > 10_000


def test_a_new_p1_incident_notifies_while_the_desk_is_minimised(qtbot, desks, sim):
    desk = desks(notice_gap_s=3600.0)
    window, notifier = desk.window, desk.parts.notifier
    assert notifier.sent == []  # the incidents open at start are not news
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=5000)
    seen = set(desk.parts.store.incidents)
    new_p1 = []
    for _ in range(48):  # up to four simulated hours, five minutes at a time
        sim.advance(timedelta(minutes=5))
        desk.clock.advance(300)
        desk.poll_all()
        store = desk.parts.store
        new_p1 = [
            i for rid, i in store.incidents.items()
            if rid not in seen and i.priority is Priority.CRITICAL
        ]  # fmt: skip
        seen |= set(store.incidents)
        if len(new_p1) >= 1 and notifier.sent:
            break
    assert new_p1, "the simulator made no P1 incident in four hours"
    title, message = notifier.sent[0]
    assert title == "New priority-1 incident"
    assert any(i.id in message for i in new_p1)
    # within the gap, further P1s are held back (counted into the next notice)
    count = len(notifier.sent)
    for _ in range(24):
        sim.advance(timedelta(minutes=10))
        desk.poll_all()
    assert len(notifier.sent) == count


def test_no_notification_while_the_desk_is_in_front(qtbot, desks, sim):
    desk = desks(notice_gap_s=0.0)
    window = desk.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    seen = set(desk.parts.store.incidents)
    new_p1 = set()
    for _ in range(24):
        sim.advance(timedelta(minutes=10))
        desk.poll_all()
        store = desk.parts.store
        new_p1 |= {r for r, i in store.incidents.items() if r not in seen and i.priority == 1}
        seen |= set(store.incidents)
    assert new_p1, "the simulator made no P1 incident in four hours"
    assert desk.parts.notifier.sent == []


def test_every_kpi_row_is_there_and_the_queue_part_scrolls_instead(qtbot, desks):
    desk = desks()
    window = desk.window
    window.resize(1280, 800)  # (the test screen keeps it smaller still)
    queue = window.queue
    qtbot.waitUntil(lambda: queue.kpis.hidden_rows() == [], timeout=5000)
    area = window.parts["queue"].widget()
    qtbot.waitUntil(lambda: queue.height() >= queue.sizeHint().height(), timeout=5000)
    assert queue.chart.height() >= 200  # the day's curve keeps its room below them
    assert area.verticalScrollBar().maximum() > 0  # taller than its part: it scrolls


def map_view(qtbot, panel) -> dict:
    return json.loads(run_js(qtbot, panel, "window.wb.view()"))


def region_in_view(seen: dict) -> bool:
    (s, w), (n, e) = seen["region"]
    (vs, vw), (vn, ve) = seen["view"]
    return vs <= s and vw <= w and vn >= n and ve >= e


def test_the_map_fits_the_region_to_its_size_until_the_user_moves_it(qtbot, desks):
    desk = desks()
    panel = map_ready(qtbot, desk)
    part = desk.window.parts["map"]
    part.setFloating(True)
    zooms = []
    for width, height in ((420, 360), (900, 760)):
        part.resize(width, height)
        qtbot.waitUntil(
            lambda w=width: abs(map_view(qtbot, panel)["size"][0] - (w - 60)) < 80, timeout=5000
        )
        qtbot.waitUntil(lambda: region_in_view(map_view(qtbot, panel)), timeout=5000)
        zooms.append(map_view(qtbot, panel)["zoom"])
    assert zooms[1] > zooms[0]  # a larger part shows the region larger

    # once the user pans, a resize leaves the view where the user put it
    panel.view.page().runJavaScript("document.querySelector('.leaflet-container')"
                                    ".dispatchEvent(new WheelEvent('wheel')); 1")  # fmt: skip
    qtbot.waitUntil(lambda: map_view(qtbot, panel)["movedByHand"], timeout=5000)
    zoom = map_view(qtbot, panel)["zoom"]
    part.resize(420, 360)
    qtbot.waitUntil(lambda: map_view(qtbot, panel)["size"][0] < 500, timeout=5000)
    assert map_view(qtbot, panel)["zoom"] == zoom


def test_a_report_for_a_chosen_period(qtbot, desks, tmp_path):
    desk = desks()
    desk.window.period_action.trigger()
    dialog = desk.window.period_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    start = dialog.start.dateTime()
    dialog.end.setDateTime(start.addSecs(-60))  # ends before it starts: refused
    assert not ok.isEnabled() and dialog.problem.text()
    dialog.start.setDateTime(start.addSecs(-4 * 3600))
    dialog.end.setDateTime(start.addSecs(2 * 3600))
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    (folder,) = desk.opened
    first = start.addSecs(-4 * 3600).toString("yyyy-MM-dd-HHmm")
    assert folder.name.startswith(f"period-{first}-")
    assert (folder / "report.json").exists() and (folder / "report.png").exists()


def test_a_new_p1_takes_over_the_desk_map_until_acknowledged_from_the_desk(qtbot, desks, sim):
    desk = desks()
    window, hub = desk.window, desk.parts.takeover
    map_ready(qtbot, desk)
    assert not window.acknowledge_action.isEnabled()  # nothing to acknowledge yet
    seen = set(desk.parts.store.incidents)
    for _ in range(48):  # up to four simulated hours for a new P1 incident
        sim.advance(timedelta(minutes=5))
        desk.clock.advance(300)
        desk.poll_all()
        if hub.takeovers.active:
            break
    (first, *_) = hub.takeovers.active
    assert first.key not in seen  # a key of the store: (backend, id)
    assert window.acknowledge_action.isEnabled()
    assert window.map.takeover_key == first.key  # the desk's map flies there
    window.acknowledge_action.trigger()  # the desk's button / Ctrl+Shift+A
    assert hub.takeovers.active == ()
    assert not window.acknowledge_action.isEnabled()
    assert window.map.takeover_key is None
