"""A Resgrid department on the wall's own panels: every call Resgrid reports as active is
in the incident list, the map says how many it cannot place, and a refused password is
said in words on the header (in Indonesian too). The Resgrid-shaped server on loopback
-> the real poller -> a Store -> the real widgets under the offscreen platform."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel
from record_support import by_id
from resgrid_server import (
    CALLS_PATH,
    ResgridServer,
    call,
    extra_data,
    priority,
    scheduled,
    unit_dispatch,
    unit_status,
)

from maps.base_page import DEFAULT_REGION
from maps.map_panel import MapPanel
from maps.payload import incident_item
from views.header_panel import HeaderPanel
from views.incident_panel import IncidentPanel
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, Poller
from wallboard.shell.translations import install_language
from wallboard.store import Store

NAME = "rg"
WITA = ZoneInfo("Asia/Makassar")
LOAD_MS = 60_000
KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)


def spec_for(server: ResgridServer, **kw) -> BackendSpec:
    return BackendSpec(
        NAME, server.url, type="resgrid", username=server.username,
        password=kw.pop("password", server.password), timeout=5.0, **kw,
    )  # fmt: skip


def run(poller: Poller, *kinds: FeedKind) -> None:
    async def polls() -> None:
        for kind in kinds or KINDS:
            await poller.poll_once(NAME, kind)

    asyncio.run(polls())


def poll(store: Store, server: ResgridServer, *kinds: FeedKind, **kw) -> None:
    poller = Poller([spec_for(server, **kw)], store)
    try:
        run(poller, *kinds)
    finally:
        poller.close()


def awkward_department(server: ResgridServer) -> None:
    """Calls as a real department has them: own priorities, calls that did not
    geocode, a call scheduled for later, one dispatched on schedule, closed ones."""
    now = datetime.now(UTC)
    server.dept.priorities = [
        priority(40, "Kebakaran Besar", 9),
        priority(41, "Rutin", 1),
        priority(42, "Segera", 5),
    ]
    server.calls = [
        call(1, Priority=40),
        call(2, Priority=41, Geolocation=None, Address="Jl. Gatot Subroto"),
        call(3, Priority=42, Geolocation="", Type="Medical"),
        call(4, Priority=99),  # an id the list does not name
        call(5, logged=now - timedelta(minutes=5), **scheduled(now + timedelta(hours=3))),
        call(6, **scheduled(datetime(2026, 11, 30, 2, 30, tzinfo=UTC))),
        call(7, Geolocation="-0.51,117.15", Type="Banjir"),
        call(8, State=1),  # closed: not active, not listed by Resgrid
        call(9, State=4),
    ]
    server.dept.extra["6"] = extra_data(dispatches=[unit_dispatch(1, "Engine 1")])
    server.units = [unit_status(1)]


def active_call_ids(server: ResgridServer) -> set[str]:
    """What GetActiveCalls answers, read from the server's own answer."""
    body = server.data_answer(CALLS_PATH)[1]
    return {f"RG-{c['CallId']}" for c in json.loads(body)["Data"]}


def test_no_call_resgrid_reports_as_active_is_missing_from_the_incident_list(qtbot):
    with ResgridServer() as server:
        awkward_department(server)
        store = Store()
        poll(store, server)
        active = active_call_ids(server)
    panel = IncidentPanel(store, WITA, store.feed_now)
    qtbot.addWidget(panel)
    model = panel.model
    listed = {model.incident_key(row).id for row in range(model.rowCount())}
    assert active == {f"RG-{n}" for n in range(1, 8)}
    assert listed == active


@pytest.fixture
def map_panel(qtbot):
    panels = []

    def make(store: Store) -> MapPanel:
        made = MapPanel(store, WITA, store.feed_now, fallback=QLabel, region=DEFAULT_REGION)
        made.resize(1200, 800)
        made.show()
        with qtbot.waitSignal(made.view.map_ready, timeout=LOAD_MS):
            pass
        panels.append(made)
        return made

    yield make
    for made in panels:
        made.close()
        made.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_map_leaves_out_calls_without_a_position_and_says_how_many(qtbot, map_panel):
    with ResgridServer() as server:
        awkward_department(server)
        store = Store()
        poller = Poller([spec_for(server)], store)
        try:
            run(poller)
            unplaced = {k: i for k, i in store.incidents.items() if not i.is_placed}
            assert {i.id for i in unplaced.values()} == {"RG-2", "RG-3"}
            assert all(incident_item(k, i) is None for k, i in unplaced.items())  # not drawn
            panel = map_panel(store)
            assert panel.unplaced_note.isVisibleTo(panel)
            assert panel.unplaced_note.text() == (
                "Open incidents without a position, not on the map: 2"
            )
            server.calls[1]["Geolocation"] = "-0.49,117.14"  # call 2 geocoded after all
            run(poller, FeedKind.INCIDENTS)
            assert panel.unplaced_note.text() == (
                "Open incidents without a position, not on the map: 1"
            )
            server.calls[2]["State"] = 1  # call 3 closed: it leaves the active list
            run(poller, FeedKind.INCIDENTS)
        finally:
            poller.close()
        assert by_id(store.incidents)["RG-3"].status.value == "closed"  # kept, closed
        assert not panel.unplaced_note.isVisibleTo(panel)


@pytest.fixture
def indonesian():
    app = QApplication.instance()
    translator = install_language(app, "id")
    yield
    if translator is not None:
        app.removeTranslator(translator)
    install_language(app, "en")


def test_a_refused_password_is_said_in_words_on_the_header(qtbot, indonesian):
    with ResgridServer() as server:
        server.units = [unit_status(1)]
        store = Store()
        poll(store, server, password="salah")
        logins = server.count("/api/v4/connect/token", "password")
    header = HeaderPanel(store, WITA, store.feed_now, region_name="Samarinda")
    qtbot.addWidget(header)
    text = header.status_text()
    assert "Resgrid: login ditolak — periksa kata sandi" in text
    assert "salah" not in text
    assert logins == 1
