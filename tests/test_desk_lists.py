"""The desk's lists as a duty manager uses them: sorting by a header click, filters,
search, full text of an elided cell on hover, and the keyboard. On the real simulator."""

from __future__ import annotations

import pytest
from desk_support import build_desk, take_down
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from views.desk import incident_columns as ic
from views.desk import unit_columns as uc
from views.desk.record_model import KEY_ROLE
from views.vocabulary import name_of
from wallboard.model import IncidentCategory, Priority, UnitStatus
from wallboard.simulator import start_simulator

SIM_START = "2026-11-20T10:00:00+08:00"


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as server:
        yield server


@pytest.fixture
def desk(qapp, qtbot, sim, tmp_path):
    built = [build_desk(qapp, sim.url, tmp_path)]
    built[0].poll_all()
    qtbot.waitUntil(lambda: built[0].window.incidents.proxy.rowCount() > 5, timeout=10_000)
    yield built[0]
    take_down(qtbot, built)


def column(panel, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    proxy = panel.proxy
    return [proxy.index(r, col).data(role) for r in range(proxy.rowCount())]


def click_header(qtbot, panel, col: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_header_click_sorts_by_what_the_column_means(qtbot, desk):
    incidents = desk.window.incidents
    rank = {name_of(p): int(p) for p in Priority}
    click_header(qtbot, incidents, ic.PRIORITY)
    first = [rank[t] for t in column(incidents, ic.PRIORITY)]
    click_header(qtbot, incidents, ic.PRIORITY)
    second = [rank[t] for t in column(incidents, ic.PRIORITY)]
    assert len(set(first)) > 1, "the simulator's incidents should have several priorities"
    # one click ascending, the next descending (which first is Qt's choice)
    assert sorted(first) in (first, second) and sorted(first, reverse=True) in (first, second)
    assert first != second

    # ages sort as durations ("9:05" before "12:00"), not as text
    click_header(qtbot, incidents, ic.AGE)
    ages = column(incidents, ic.AGE)
    seconds = [sum(int(p) * 60**i for i, p in enumerate(reversed(a.split(":")))) for a in ages]
    assert seconds in (sorted(seconds), sorted(seconds, reverse=True))


def test_filters_keep_only_the_chosen_rows_and_say_how_many(qtbot, desk):
    incidents = desk.window.incidents
    total = incidents.proxy.rowCount()
    categories = column(incidents, ic.CATEGORY)
    wanted = max(set(categories), key=categories.count)
    box = incidents.filters[ic.CATEGORY]
    box.setCurrentIndex(box.findText(wanted))  # as a user picks it from the list
    assert set(column(incidents, ic.CATEGORY)) == {wanted}
    assert incidents.proxy.rowCount() == categories.count(wanted) < total
    assert incidents.count.text() == f"{categories.count(wanted)} of {total}"

    # an agency filter keeps incidents that agency works on, among others
    incidents.choose(ic.CATEGORY, None)
    agencies = incidents.filters[ic.AGENCIES]
    names = [agencies.itemText(i) for i in range(1, agencies.count())]
    busy = max(names, key=lambda n: sum(n in a.split(", ") for a in column(incidents, ic.AGENCIES)))
    agencies.setCurrentIndex(agencies.findText(busy))
    shown = column(incidents, ic.AGENCIES)
    assert shown and all(busy in a.split(", ") for a in shown)

    # kecamatan and priority together
    incidents.choose(ic.AGENCIES, None)
    kecamatan = column(incidents, ic.KECAMATAN)[0]
    incidents.choose(ic.KECAMATAN, kecamatan)
    priority = column(incidents, ic.PRIORITY)[0]
    incidents.choose(ic.PRIORITY, next(p for p in Priority if name_of(p) == priority))
    assert set(column(incidents, ic.KECAMATAN)) == {kecamatan}
    assert set(column(incidents, ic.PRIORITY)) == {priority}

    units = desk.window.units
    units.choose(uc.STATUS, UnitStatus.AVAILABLE)
    assert set(column(units, uc.STATUS)) == {name_of(UnitStatus.AVAILABLE)}


def test_search_keeps_rows_holding_every_word_typed(qtbot, desk):
    incidents = desk.window.incidents
    total = incidents.proxy.rowCount()
    places = column(incidents, ic.KECAMATAN)
    target = places[0]
    qtbot.keyClicks(incidents.search, target.lower())
    shown = incidents.proxy.rowCount()
    assert 0 < shown < total or set(places) == {target}
    columns = incidents.proxy.columnCount()
    for r in range(shown):
        row = " ".join(str(incidents.proxy.index(r, c).data()) for c in range(columns))
        assert target.lower() in row.lower()
    qtbot.keyClicks(incidents.search, " zzz-no-such-thing")
    assert incidents.proxy.rowCount() == 0
    incidents.search.clear()
    assert incidents.proxy.rowCount() == total

    fire = name_of(IncidentCategory.FIRE)
    pairs = zip(column(incidents, ic.ID), column(incidents, ic.CATEGORY), strict=True)
    ids = [rid for rid, category in pairs if category == fire]
    if ids:
        qtbot.keyClicks(incidents.search, f"{fire} {ids[0]}")
        assert column(incidents, ic.ID) == [ids[0]]


def test_an_elided_cell_shows_its_full_text_on_hover_and_only_then(qtbot, desk):
    table = desk.window.incidents.table
    header = table.horizontalHeader()
    index = table.model().index(0, ic.PLACE)
    full = index.data()
    header.resizeSection(ic.PLACE, 2000)
    assert table.tooltip_at(index) == ""
    header.resizeSection(ic.PLACE, 60)
    assert table.tooltip_at(index) == full
    # the real hover: Qt's tool-tip event on the cell shows the text
    rect = table.visualRect(index)
    viewport = table.viewport()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, rect.center(), viewport.mapToGlobal(rect.center()))
    QApplication.sendEvent(viewport, event)
    assert QToolTip.text() == full
    QToolTip.hideText()


def test_keyboard_moves_through_rows_and_enter_opens_the_details(qtbot, desk):
    window = desk.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    table = window.incidents.table
    window.find_action.trigger()  # Ctrl+F: to the search box
    assert window.incidents.search.hasFocus()
    qtbot.keyClick(window.incidents.search, Qt.Key.Key_Tab)  # Tab: on to the list
    assert table.hasFocus()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    chosen = table.selected_record()
    assert chosen == table.model().index(1, 0).data(KEY_ROLE)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    details = window.details
    assert details.isVisible() and details.ref.key == chosen
    rows = dict(details.rows())
    incident = desk.parts.store.incidents[chosen]
    assert details.title.text() == f"Incident {incident.id}"
    steps = rows["Status"].splitlines()
    assert len(steps) == len(incident.status_times)
    assert all("(+" in step for step in steps[1:])  # the time between steps
    assert "Call" in rows and rows["Units"]


def test_the_lists_show_whole_rows_and_scroll_for_the_rest(qtbot, desk):
    table = desk.window.incidents.table
    for height in (300, 317, 451):
        desk.window.parts["incidents"].setFloating(True)
        desk.window.parts["incidents"].resize(700, height)
        qtbot.waitUntil(lambda h=height: abs(desk.window.parts["incidents"].height() - h) < 2)
        assert not table.rows_cut()
        assert table.verticalScrollBar().isVisible()  # more rows than room: it scrolls
