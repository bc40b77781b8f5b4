"""The province's comparison: three real simulated regions, polled over loopback into one
store; each region's column equals ``summarize()`` over that region's own records of its
local day, flagged against the targets, and a region whose backend stops is marked DOWN
with the time of its last good data while the others stay live."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from views.agency_panel import AgencyPanel
from views.comparison_panel import ComparisonPanel, figure_text
from views.kpi_table import marked
from views.text import local_time
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.summary import summarize
from wallboard.kpi.targets import DEFAULT_TARGET_SET
from wallboard.kpi.window import local_day
from wallboard.model import UnitStatus
from wallboard.poller import BackendSpec, Poller
from wallboard.province.comparison import comparison_rows
from wallboard.province.health import RegionState
from wallboard.simulator import start_simulator
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
REGIONS = ("samarinda", "balikpapan", "paser")
NAMES = {"samarinda": "Kota Samarinda", "balikpapan": "Kota Balikpapan", "paser": "Kabupaten Paser"}
START = datetime(2026, 11, 28, 6, 0, tzinfo=WITA)


def poll(poller: Poller, backends=REGIONS, kinds=tuple(FeedKind)) -> None:
    async def polls() -> None:
        for backend in backends:
            for kind in kinds:
                await poller.poll_once(backend, kind)

    asyncio.run(polls())


@pytest.fixture
def province():
    """Three simulators (their own scenarios and seeds), four simulated hours into the
    day, polled once for every kind into one store."""
    sims = {
        name: start_simulator(seed=11 + n, scenario=name, start=START, manual_clock=True)
        for n, name in enumerate(REGIONS)
    }
    for sim in sims.values():
        sim.advance(timedelta(hours=4))
    store = Store()
    specs = [BackendSpec(name, sim.url, timeout=5.0) for name, sim in sims.items()]
    poller = Poller(specs, store)
    intervals = {s.key(k): s.interval(k) for s in specs for k in s.intervals}
    try:
        poll(poller)
        yield store, poller, sims, intervals
    finally:
        poller.close(wait=True)
        for sim in sims.values():
            sim.stop()


@pytest.fixture
def panel(qtbot, province):
    store, _poller, _sims, intervals = province
    widget = ComparisonPanel(store, WITA, store.feed_now, backends=REGIONS, intervals=intervals)
    qtbot.addWidget(widget)
    widget.resize(1900, 950)
    widget.show()
    qtbot.waitUntil(lambda: set(widget.figures) == set(REGIONS), timeout=20_000)
    return widget


def test_three_regions_records_are_all_held_each_under_its_region(province):
    store, _poller, _sims, _ = province
    for kind in (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES):
        owned = [store.owned_by(b, kind) for b in REGIONS]
        assert all(owned), f"a region sent no {kind}"
        assert sum(len(o) for o in owned) == len(getattr(store, kind.value)), kind
    assert {store.regions[b].name for b in REGIONS} == set(NAMES.values())


def test_each_column_is_summarize_of_its_own_region(panel, province):
    store, *_ = province
    rows = comparison_rows(DEFAULT_TARGET_SET)
    for backend in REGIONS:
        assert panel.region_names[backend].text() == NAMES[backend]
        assert panel.statuses[backend].text() == "✔ live"
        figures = panel.figures[backend]
        now = figures.summary.now
        start, end = local_day(now, WITA)
        assert start == datetime(2026, 11, 28, tzinfo=WITA)
        calls = [store.calls[i] for i in store.owned_by(backend, FeedKind.CALLS)]
        incidents = [store.incidents[i] for i in store.owned_by(backend, FeedKind.INCIDENTS)]
        expected = summarize(calls, incidents, start, end, DEFAULT_TARGET_SET, now, by_group=False)
        assert figures.summary == expected
        assert expected.answering.offered > 50, "four hours of a city's calls"
        units = [store.units[i] for i in store.owned_by(backend, FeedKind.UNITS)]
        assert figures.units_available == sum(u.status is UnitStatus.AVAILABLE for u in units)
        assert figures.open_incidents == sum(i.is_open for i in incidents)
        # what the wall shows: the figure, and its verdict's mark and colour state
        for row in rows:
            cell = row.cell(figures)
            shown = panel.cell_text(row.key, backend)
            assert shown == marked(figure_text(row, cell.value), cell.verdict), row.key
            assert panel.cells[row.key][backend].property("verdict") == cell.verdict
        sl15 = expected.result("service_level", 15)
        assert panel.cell_text("sl_15", backend).startswith("✔" if sl15.verdict == "met" else "✘")
        assert panel.cell_text("offered", backend) == f"{expected.answering.offered:,}"


def test_the_figures_differ_between_regions(panel):
    offered = {b: panel.figures[b].summary.answering.offered for b in REGIONS}
    # Samarinda takes about five times Paser's calls (3,000 vs 600 a day)
    assert offered["samarinda"] > 2 * offered["paser"]
    assert len({panel.cell_text("offered", b) for b in REGIONS}) == 3


def test_a_stopped_region_is_marked_down_and_the_others_stay_live(qtbot, panel, province):
    store, poller, sims, _ = province
    last_good = max(f.last_success for k, f in store.freshness.items() if k.startswith("paser/"))
    before = {key: panel.cell_text(key, "paser") for key in panel.cells}
    sims["paser"].stop()
    live = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.QUEUE)
    for _ in range(2):
        poll(poller, ("paser",), live)
        poll(poller, ("samarinda", "balikpapan"))
    panel.tick()
    assert panel.health["paser"].state is RegionState.DOWN
    status = panel.statuses["paser"].text()
    assert status == f"✖ DOWN — last data {local_time(last_good, WITA)}"
    assert panel.statuses["paser"].property("health") == "down"
    # its last figures stay, greyed; the other regions stay live
    assert {key: panel.cell_text(key, "paser") for key in panel.cells} == before
    assert all(cells["paser"].property("down") == "true" for cells in panel.cells.values())
    for backend in ("samarinda", "balikpapan"):
        assert panel.statuses[backend].text() == "✔ live"
        assert all(cells[backend].property("down") == "false" for cells in panel.cells.values())
    assert not panel.is_marked_stale  # one region down is not the whole panel


def test_agency_panels_per_region_and_grouped(qtbot, province):
    store, _poller, _sims, intervals = province
    now = store.feed_now
    one = AgencyPanel(store, WITA, now, intervals=intervals, backend="balikpapan")
    grouped = AgencyPanel(store, WITA, now, intervals=intervals, regions=REGIONS)
    for w in (one, grouped):
        qtbot.addWidget(w)
        w.resize(1200, 1400)
        w.show()
    assert set(one.cards) == set(store.owned_by("balikpapan", FeedKind.AGENCIES))
    assert all(k.backend == "balikpapan" and k.id.endswith("-bpn") for k in one.cards)
    assert one.header.captions[0].text() == "Kota Balikpapan"
    assert set(grouped.cards) == set(store.agencies)
    assert [grouped.headings[b].text() for b in REGIONS] == [NAMES[b] for b in REGIONS]
    # every region's heading sits right above its own agencies, in the configured order
    layout = grouped._rows
    order = [layout.itemAt(i).widget() for i in range(layout.count() - 1)]
    for backend in REGIONS:
        at = order.index(grouped.headings[backend])
        own = store.owned_by(backend, FeedKind.AGENCIES)
        following = order[at + 1 : at + 1 + len(own)]
        assert {c.agency_id for c in following} == {k.id for k in own}


def test_clock_is_utc_aware():
    # the store's clock (and so every "now" above) is an aware UTC time
    assert Store().feed_now().tzinfo is UTC


def test_a_region_reporting_late_shows_dashes_then_its_figures_at_once(qtbot):
    # no wall tick here: only the region's first data may bring its figures in
    sims = {
        name: start_simulator(seed=21 + n, scenario=name, start=START, manual_clock=True)
        for n, name in enumerate(("samarinda", "balikpapan"))
    }
    store = Store()
    specs = [BackendSpec(name, sim.url, timeout=5.0) for name, sim in sims.items()]
    poller = Poller(specs, store)
    try:
        for sim in sims.values():
            sim.advance(timedelta(hours=2))
        poll(poller, backends=("samarinda",))
        widget = ComparisonPanel(store, WITA, store.feed_now, backends=tuple(sims))
        qtbot.addWidget(widget)
        qtbot.waitUntil(lambda: "samarinda" in widget.figures, timeout=20_000)
        assert widget.cell_text("offered", "samarinda") != "–"
        assert widget.cell_text("offered", "balikpapan") == "–"  # not a live-looking 0
        assert "balikpapan" not in widget.figures
        poll(poller, backends=("balikpapan",))
        qtbot.waitUntil(lambda: "balikpapan" in widget.figures, timeout=5_000)
        offered = widget.figures["balikpapan"].summary.answering.offered
        assert offered > 0
        assert widget.cell_text("offered", "balikpapan") == f"{offered:,}"
    finally:
        poller.close(wait=True)
        for sim in sims.values():
            sim.stop()
