"""The simulator tells the same realistic story for the same seed, whoever polls it."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import msgspec
import pytest
import requests

from wallboard.feed.pages import CallPage, IncidentPage, UnitList
from wallboard.model import Disposition, IncidentStatus, QueueSnapshot, UnitStatus
from wallboard.simulator import load_scenario, start_simulator

ENDPOINTS = ["info", "incidents", "calls", "units", "agencies", "queue"]
START = "2026-11-28T11:00:00+08:00"


def bodies(sim, http) -> dict[str, bytes]:
    return {e: http.get(f"{sim.url}/api/v1/{e}", timeout=5).content for e in ENDPOINTS}


def test_same_seed_same_story_however_often_clients_poll():
    with (
        start_simulator(seed=11, start=START, manual_clock=True) as a,
        start_simulator(seed=11, start=START, manual_clock=True) as b,
        requests.Session() as http,
    ):
        for _ in range(12):  # a is polled every 5 minutes, b only at the end
            a.advance(timedelta(minutes=5))
            bodies(a, http)
        b.advance(timedelta(hours=1))
        assert a.now() == b.now()
        assert bodies(a, http) == bodies(b, http)


def test_different_seed_different_story():
    with (
        start_simulator(seed=1, start=START, manual_clock=True) as a,
        start_simulator(seed=2, start=START, manual_clock=True) as b,
        requests.Session() as http,
    ):
        first, second = bodies(a, http), bodies(b, http)
    assert first["info"] == second["info"]
    assert first["incidents"] != second["incidents"]
    assert first["calls"] != second["calls"]


@pytest.fixture(scope="module")
def day():
    """A whole simulated local day (warm-up from midnight), read over HTTP."""
    with (
        start_simulator(seed=5, start="2026-11-28T23:59:00+08:00", manual_clock=True) as sim,
        requests.Session() as http,
    ):
        calls = msgspec.json.decode(http.get(f"{sim.url}/api/v1/calls").content, type=CallPage)
        incidents = msgspec.json.decode(
            http.get(f"{sim.url}/api/v1/incidents").content, type=IncidentPage
        )
        yield calls.items, incidents.items


def test_a_day_has_about_the_scenarios_call_volume_and_disposition_mix(day):
    calls, _ = day
    scenario = load_scenario("samarinda")
    assert 0.85 * scenario.calls.per_day < len(calls) < 1.15 * scenario.calls.per_day
    classified = Counter(c.disposition for c in calls if c.disposition is not None)
    total = sum(classified.values())
    for disposition, share in scenario.calls.disposition.items():
        assert classified[disposition] / total == pytest.approx(share, abs=0.035), disposition
    assert classified[Disposition.EMERGENCY] < total / 4  # most calls are not emergencies


def test_call_times_never_run_backwards(day):
    calls, _ = day
    for c in calls:
        assert not (c.answered_at and c.abandoned_at)
        start = c.answered_at or c.abandoned_at
        if start is not None:
            assert start >= c.offered_at
        if c.ended_at is not None:
            assert start is not None and c.ended_at >= start
    answered = [c for c in calls if c.answered_at]
    assert len(answered) > 0.8 * len([c for c in calls if c.disposition != "menu_drop"])
    assert all(c.call_taker_id for c in answered)


def test_incidents_lie_in_the_region_with_addresses_and_ordered_times(day):
    calls, incidents = day
    scenario = load_scenario("samarinda")
    bounds = scenario.region.bounds
    kecamatan = {k.name: set(k.kelurahan) for k in scenario.kecamatan}
    assert len(incidents) > 100
    order = list(IncidentStatus)
    call_ids = {c.id for c in calls}
    for i in incidents:
        assert bounds.contains(i.location.lat, i.location.lon)
        assert i.location.kelurahan in kecamatan[i.location.kecamatan]
        assert i.description and i.location.address
        reached = sorted(i.status_times, key=order.index)
        assert reached[-1] == i.status
        times = [i.status_times[s] for s in reached]
        assert times == sorted(times) and times[0] == i.created_at
        for a in i.assignments:
            steps = [t for t in (a.dispatched_at, a.en_route_at, a.on_scene_at) if t]
            assert steps == sorted(steps) and steps[0] >= i.created_at
            if a.cleared_at:
                assert a.cleared_at >= steps[-1]
        if i.status == "closed":
            assert i.assignments and all(a.cleared_at for a in i.assignments)
        if i.channel == "call":
            assert i.call_id in call_ids and i.caller and i.caller.phone.startswith("08")
    assert len({i.category for i in incidents}) >= 8


def test_units_move_through_their_statuses_and_come_back_available():
    seen: dict[str, list[UnitStatus]] = {}
    moved_en_route: set[str] = set()
    last_pos: dict[str, tuple[float, float]] = {}
    with (
        start_simulator(seed=9, start="2026-11-28T10:00:00+08:00", manual_clock=True) as sim,
        requests.Session() as http,
    ):
        for _ in range(240):  # two hours, polled every 30 simulated seconds
            sim.advance(timedelta(seconds=30))
            r = http.get(f"{sim.url}/api/v1/units", timeout=5)
            for u in msgspec.json.decode(r.content, type=UnitList).items:
                statuses = seen.setdefault(u.id, [])
                if not statuses or statuses[-1] != u.status:
                    statuses.append(u.status)
                pos = (u.position.lat, u.position.lon)
                if u.status == UnitStatus.EN_ROUTE and last_pos.get(u.id) not in (None, pos):
                    moved_en_route.add(u.id)
                last_pos[u.id] = pos
    cycle = ["dispatched", "en_route", "on_scene", "returning", "available"]

    def did_full_cycle(statuses):
        text = [str(s) for s in statuses]
        return any(text[k : k + len(cycle)] == cycle for k in range(len(text)))

    assert sum(did_full_cycle(s) for s in seen.values()) >= 3
    assert len(moved_en_route) >= 3


def test_a_start_just_after_midnight_already_shows_a_living_centre():
    with (
        start_simulator(seed=6, start="2026-11-28T00:10:00+08:00", manual_clock=True) as sim,
        requests.Session() as http,
    ):
        incidents = msgspec.json.decode(
            http.get(f"{sim.url}/api/v1/incidents").content, type=IncidentPage
        ).items
        queue = msgspec.json.decode(http.get(f"{sim.url}/api/v1/queue").content, type=QueueSnapshot)
    assert len(incidents) >= 10  # yesterday evening's incidents are in the window
    on_duty = [t for t in queue.call_takers if t.state != "offline"]
    night_shift = load_scenario("samarinda").staffing.shifts[-1].call_takers
    assert len(on_duty) == night_shift
