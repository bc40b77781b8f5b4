"""Two regions whose CAD systems number their records alike: a province wall shows both.

Two real simulators of one scenario with different seeds serve different calls,
incidents and unit movements under the very same ids (two regions' CADs both number
from 1 and know nothing of each other). The real poller polls them over loopback into
one store; the wall then shows both regions' records in full: the store, the incident
list, the agency cards, the queue's counts, the comparison's columns, the map's markers
and its drill-down, and the redacted facade of a public screen.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import pytest
import requests
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel
from record_support import by_id
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from maps.map_panel import MapPanel
from views.agency_panel import AgencyPanel
from views.comparison_panel import ComparisonPanel
from views.incident_panel import IncidentPanel
from views.kpi_rows import count
from views.queue_panel import QueuePanel
from wallboard.feed.decode import PAGE_TYPES
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.summary import summarize
from wallboard.kpi.window import local_day
from wallboard.model import RecordKey
from wallboard.poller import BackendSpec, Poller
from wallboard.redaction import RedactedStore
from wallboard.simulator import start_simulator
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
REGIONS = ("utara", "selatan")  # two regions, one numbering scheme
START = datetime(2026, 11, 28, 6, 0, tzinfo=WITA)
RECORD_KINDS = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES)
LOAD_MS = 60_000


def truth(url: str, kind: FeedKind):
    """A simulator's own full answer for ``kind``, fetched and decoded independently."""
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(url + kind.path, timeout=5)
    assert response.status_code == 200
    return msgspec.json.decode(response.content, type=PAGE_TYPES[kind])


@pytest.fixture(scope="module")
def twins():
    """Both simulators four simulated hours into the day, polled once for every kind."""
    sims = {
        name: start_simulator(seed=31 + n, scenario="samarinda", start=START, manual_clock=True)
        for n, name in enumerate(REGIONS)
    }
    for sim in sims.values():
        sim.advance(timedelta(hours=4))
    store = Store()
    specs = [BackendSpec(name, sim.url, timeout=5.0) for name, sim in sims.items()]
    poller = Poller(specs, store)

    async def polls() -> None:
        for name in REGIONS:
            for kind in FeedKind:
                await poller.poll_once(name, kind)

    try:
        asyncio.run(polls())
        intervals = {s.key(k): s.interval(k) for s in specs for k in s.intervals}
        yield store, sims, intervals
    finally:
        poller.close(wait=True)
        for sim in sims.values():
            sim.stop()


def open_incidents(store: Store) -> dict[RecordKey, object]:
    return {k: i for k, i in store.incidents.items() if i.is_open}


def clashing_open_incident(store: Store) -> str:
    """An id both regions hold as an open incident, with a different report in each."""
    north, south = (by_id(open_incidents(store), b) for b in REGIONS)
    shared = sorted(
        rid
        for rid in north.keys() & south.keys()
        if north[rid].description != south[rid].description and south[rid].unit_ids
    )
    assert shared, "the two simulated regions should share open incident ids"
    return shared[0]


def test_the_store_holds_both_regions_records_in_full(twins):
    store, sims, _ = twins
    for kind in RECORD_KINDS:
        table = getattr(store, kind.value)
        held = {backend: by_id(table, backend) for backend in REGIONS}
        for backend, sim in sims.items():
            served = {r.id: r for r in truth(sim.url, kind).items}
            assert held[backend] == served, (kind, backend)
        shared = held["utara"].keys() & held["selatan"].keys()
        assert shared, f"no {kind} id in common: the premise of this test is gone"
        assert len(table) == len(held["utara"]) + len(held["selatan"]), kind
    # the same id names two different calls: both are kept, each as its region sent it
    north, south = by_id(store.calls, "utara"), by_id(store.calls, "selatan")
    assert any(north[i] != south[i] for i in north.keys() & south.keys())


def test_the_lists_and_counts_show_both_regions(qtbot, twins):
    store, _sims, intervals = twins
    now = store.feed_now
    incidents = IncidentPanel(store, WITA, now, intervals=intervals)
    agencies = AgencyPanel(store, WITA, now, intervals=intervals, regions=REGIONS)
    queue = QueuePanel(store, WITA, now, intervals=intervals)
    for widget in (incidents, agencies, queue):
        qtbot.addWidget(widget)
        widget.resize(1200, 1400)
        widget.show()
    # every open incident of both regions is a row of its own
    rows = {incidents.model.incident_key(r) for r in range(incidents.model.rowCount())}
    assert rows == set(open_incidents(store))
    assert {k.backend for k in rows} == set(REGIONS)
    # both regions' agencies (the same ids in each) are cards, under their region
    assert set(agencies.cards) == set(store.agencies)
    assert len(agencies.cards) == 2 * len(by_id(store.agencies, "utara"))
    # the queue counts every region's calls of today, each call once
    start, end = local_day(store.feed_now(), WITA)
    per_region = [
        summarize(by_id(store.calls, b).values(), [], start, end).answering.offered for b in REGIONS
    ]
    assert all(n > 50 for n in per_region), "four hours of a city's calls in each region"
    assert queue.offered.value.text() == count(sum(per_region))
    qtbot.waitUntil(lambda: queue.comparison is not None, timeout=20_000)
    assert queue.comparison.today.answering.offered == sum(per_region)


def test_the_comparison_gives_each_region_its_own_records(qtbot, twins):
    store, _sims, intervals = twins
    panel = ComparisonPanel(store, WITA, store.feed_now, backends=REGIONS, intervals=intervals)
    qtbot.addWidget(panel)
    panel.resize(1600, 950)
    panel.show()
    qtbot.waitUntil(lambda: set(panel.figures) == set(REGIONS), timeout=20_000)
    for backend in REGIONS:
        figures = panel.figures[backend]
        start, end = local_day(figures.summary.now, WITA)
        calls = by_id(store.calls, backend).values()
        incidents = list(by_id(store.incidents, backend).values())
        expected = summarize(calls, incidents, start, end, now=figures.summary.now)
        assert figures.summary.answering == expected.answering, backend
        assert figures.open_incidents == sum(i.is_open for i in incidents), backend
        assert figures.units_total == len(by_id(store.units, backend)), backend
        assert panel.cell_text("offered", backend) == f"{expected.answering.offered:,}"


def test_a_public_screens_redacted_store_keeps_both_regions(twins):
    store, _sims, _ = twins
    facade = RedactedStore(store)
    for kind in (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS):
        assert set(getattr(facade, kind.value)) == set(getattr(store, kind.value)), kind
    assert all(i.caller is None and i.description == "" for i in facade.incidents.values())
    assert all(c.caller is None for c in facade.calls.values())


@pytest.fixture
def map_panel(qtbot, twins, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store, _sims, _ = twins
    panel = MapPanel(
        store,
        WITA,
        store.feed_now,
        fallback=QLabel,
        backends=REGIONS,
        region_name="Kalimantan Timur",
    )
    panel.resize(1600, 900)
    panel.show()
    yield panel
    panel.close()
    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_js(qtbot, panel: MapPanel, script: str):
    box: list = []
    panel.view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def test_the_map_draws_both_regions_and_a_click_opens_that_regions_record(qtbot, twins, map_panel):
    store, _sims, _ = twins
    qtbot.waitUntil(lambda: map_panel.view is not None and map_panel.view.is_ready, timeout=LOAD_MS)
    incidents = {k.text for k in open_incidents(store)}
    units = {k.text for k, u in store.units.items() if u.position is not None}
    seen: dict = {}

    def all_drawn() -> bool:
        seen.update(json.loads(run_js(qtbot, map_panel, "window.wb.drawn()")))
        return set(seen["incidents"]) == incidents and set(seen["units"]) == units

    qtbot.waitUntil(all_drawn, timeout=LOAD_MS)
    # one marker per region under a shared id, each at its own region's place
    rid = clashing_open_incident(store)
    for backend in REGIONS:
        at = store.incidents[RecordKey(backend, rid)].location
        assert seen["incidents"][RecordKey(backend, rid).text] == [at.lat, at.lon]
    # the page hands a click back with the marker's id: the drill-down opens that
    # region's record, and its units are that region's units
    for backend in ("selatan", "utara"):
        key = RecordKey(backend, rid)
        marker = json.dumps(f"incident:{key.text}")
        run_js(qtbot, map_panel, f"window.wbMarkerClicked({marker}); 1")
        qtbot.waitUntil(
            lambda k=key: map_panel.details.ref is not None and map_panel.details.ref.key == k,
            timeout=5000,
        )
        record = store.incidents[key]
        rows = dict(map_panel.details.rows())
        assert rows["Region"] == store.regions[backend].name  # the id alone does not say
        assert rows["Report"] == " ".join(record.description.split())[:400]
        signs = [store.units[key.sibling(u)].call_sign for u in record.unit_ids]
        assert all(sign in rows["Units"] for sign in signs)
