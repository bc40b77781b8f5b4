"""Last week's dispatch figures: /incidents?from=&to= over real HTTP, the poller's
reference day, and the queue panel's "same weekday last week" column on the simulator."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import pytest
import requests
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from views.kpi_rows import percent
from views.queue_panel import LAST_WEEK, QueuePanel
from views.theme import apply_theme, load_theme
from wallboard.feed.pages import IncidentPage
from wallboard.kpi import response_kpis
from wallboard.kpi.window import local_day, same_weekday_last_week
from wallboard.poller import BackendSpec, Poller
from wallboard.simulator import start_simulator
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
START = "2026-11-30T10:00:00+08:00"  # a Monday morning, WITA
LAST_MONDAY = ("2026-11-23T00:00:00+08:00", "2026-11-24T00:00:00+08:00")


def incidents(sim, start: str, end: str) -> list:
    response = requests.get(
        f"{sim.url}/api/v1/incidents", params={"from": start, "to": end}, timeout=30
    )
    assert response.status_code == 200, response.text
    page = msgspec.json.decode(response.content, type=IncidentPage)
    assert page.full and page.cursor == ""
    return page.items


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=11, manual_clock=True, start=START) as server:
        yield server


def test_last_weeks_incidents_are_a_full_day_with_their_dispatches(sim):
    found = incidents(sim, *LAST_MONDAY)
    start, end = (datetime.fromisoformat(t) for t in LAST_MONDAY)
    # Samarinda: ~3,000 calls a day, a sixth of them emergencies that open an incident
    assert 200 < len(found) < 1500
    assert all(start <= i.created_at < end for i in found)
    assert len({i.id for i in found}) == len(found)
    dispatched = [i for i in found if i.assignments]
    assert len(dispatched) > 0.9 * len(found)
    assert all(a.dispatched_at >= i.created_at for i in dispatched for a in i.assignments)
    # a finished day: by two hours past midnight most incidents are closed
    assert sum(not i.is_open for i in found) > 0.8 * len(found)


def test_replayed_incidents_never_clash_with_live_ones_and_repeat_per_seed(sim):
    live = msgspec.json.decode(
        requests.get(f"{sim.url}/api/v1/incidents", timeout=30).content, type=IncidentPage
    ).items
    old = incidents(sim, *LAST_MONDAY)
    assert live and not {i.id for i in live} & {i.id for i in old}
    with start_simulator(seed=11, manual_clock=True, start="2026-11-28T15:00:00+08:00") as other:
        assert incidents(other, *LAST_MONDAY) == old


def test_a_range_across_the_simulator_start_joins_replay_and_live(sim):
    now = sim.now()
    found = incidents(sim, (now - timedelta(hours=14)).isoformat(), now.isoformat())
    midnight = now.replace(hour=0, minute=0, second=0)
    assert any(i.created_at < midnight for i in found)
    assert any(i.created_at >= midnight for i in found)
    created = [i.created_at for i in found]
    assert created == sorted(created)


def test_a_bad_incident_range_is_refused(sim):
    response = requests.get(
        f"{sim.url}/api/v1/incidents", params={"from": LAST_MONDAY[1], "to": LAST_MONDAY[0]}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_range"


def test_the_queue_panel_shows_last_weeks_dispatch_figures(qtbot, sim, tmp_path):
    store = Store()  # our clock; the backend's (the simulator's) is estimated from the feed
    fast = {"info": 0.05, "calls": 0.2, "incidents": 0.2, "units": 60, "agencies": 60, "queue": 60}
    poller = Poller(
        [BackendSpec("samarinda", sim.url, intervals=fast)], store, reference_day_check_s=0.05
    )

    async def until_reference_day() -> None:
        polling = asyncio.create_task(poller.run())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while not store.reference_incidents.get("samarinda"):
            assert loop.time() < deadline, "no reference-day incidents in the store"
            await asyncio.sleep(0.02)
        poller.stop()
        await polling

    try:
        asyncio.run(until_reference_day())
    finally:
        poller.close()
    held = store.reference_incidents["samarinda"]
    # kept apart from today's incidents: the map and the lists never see them
    assert not {i.id for i in held} & set(store.incidents)

    panel = QueuePanel(store, WITA, sim.now)
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    panel.resize(640, 950)
    panel.show()
    qtbot.waitUntil(lambda: panel.comparison is not None and panel.comparison.reference is not None)
    reference = panel.comparison.reference

    # what the wall shows equals the plain definition over what the feed serves
    now = sim.now()
    day_start, _ = local_day(now, WITA)
    ref_start, ref_end = same_weekday_last_week(now, WITA)
    ref_now = min(ref_end, ref_start + (now - day_start))
    served = incidents(sim, ref_start.isoformat(), ref_end.isoformat())
    plain = response_kpis(served, ref_start, ref_now, dispatch_target_s=60)
    assert plain.to_dispatch.count > 20
    assert reference.response.to_dispatch == plain.to_dispatch
    shown = panel.kpis.cell("dispatch_within_60", LAST_WEEK).text()
    assert shown.endswith(percent(plain.to_dispatch.share_within))
    assert panel.kpis.cell("dispatch_within_60", LAST_WEEK).property("verdict") in ("met", "missed")
    panel.grab().save(str(tmp_path / "queue_panel_last_week.png"))


# -- a PBX whose clock runs off the CAD's -------------------------------------------


def test_a_scenarios_pbx_skew_puts_quick_answers_before_their_offer_and_the_wall_repairs_them():
    """Balikpapan's PBX runs 3 s ahead: its arrivals are stamped 3 s late against the
    CAD's answers, never more; the decoder keeps every such call and counts it repaired."""
    from wallboard.feed.decode import decode_body
    from wallboard.feed.kinds import FeedKind
    from wallboard.simulator.scenario import load_scenario

    assert load_scenario("balikpapan").calls.pbx_clock_skew_s == 3
    day = ("2026-11-23T00:00:00+08:00", "2026-11-24T00:00:00+08:00")
    with start_simulator(seed=5, scenario="balikpapan", manual_clock=True, start=START) as sim:
        body = requests.get(
            f"{sim.url}/api/v1/calls", params={"from": day[0], "to": day[1]}, timeout=30
        ).content
        decoded = decode_body(FeedKind.CALLS, body, source="balikpapan", feed_now=sim.now())
    calls = decoded.page.items
    early = [
        (c.answered_at - c.offered_at).total_seconds()
        for c in calls
        if c.answered_at is not None and c.answered_at < c.offered_at
    ]
    assert len(early) > 50  # answered within 3 s of arriving
    assert min(early) >= -3
    assert not decoded.rejected
    assert len(decoded.repaired) >= len(early)
