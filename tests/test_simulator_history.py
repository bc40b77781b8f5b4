"""The simulator's call history: /calls?from&to over real HTTP, replayed per past day."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import pytest
import requests

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage
from wallboard.model import Disposition
from wallboard.poller import BackendSpec, Poller
from wallboard.poller.history import history_owner, ranged_url, reference_day
from wallboard.simulator import start_simulator
from wallboard.store import Store

START = "2026-11-30T10:00:00+08:00"  # a Monday morning, WITA
LAST_MONDAY = ("2026-11-23T00:00:00+08:00", "2026-11-24T00:00:00+08:00")


def ranged(sim, start: str, end: str) -> requests.Response:
    return requests.get(f"{sim.url}/api/v1/calls", params={"from": start, "to": end}, timeout=30)


def page(response: requests.Response) -> CallPage:
    assert response.status_code == 200, response.text
    return msgspec.json.decode(response.content, type=CallPage)


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=11, manual_clock=True, start=START) as server:
        yield server


def test_same_weekday_last_week_is_a_plausible_full_day(sim):
    calls = page(ranged(sim, *LAST_MONDAY)).items
    start, end = (datetime.fromisoformat(t) for t in LAST_MONDAY)
    # the Samarinda scenario offers about 3,000 calls a day
    assert 2500 < len(calls) < 3500
    assert all(start <= c.offered_at < end for c in calls)
    assert len({c.id for c in calls}) == len(calls)
    # a finished day: every call ended, was answered or abandoned, and was classified
    assert all(c.ended_at is not None for c in calls)
    assert all((c.answered_at is None) != (c.abandoned_at is None) for c in calls)
    kinds = {c.disposition for c in calls}
    assert {Disposition.EMERGENCY, Disposition.PRANK, Disposition.SILENT} <= kinds
    # the night is quieter than the late morning
    hours = [c.offered_at.hour for c in calls]
    assert hours.count(3) < hours.count(11)


def test_a_past_day_is_the_same_for_every_simulator_with_that_seed(sim):
    first = page(ranged(sim, *LAST_MONDAY))
    with start_simulator(seed=11, manual_clock=True, start="2026-11-28T15:00:00+08:00") as other:
        second = page(ranged(other, *LAST_MONDAY))
    assert first.items == second.items
    with start_simulator(seed=12, manual_clock=True, start=START) as other_seed:
        third = page(ranged(other_seed, *LAST_MONDAY))
    assert [c.id for c in third.items] != [c.id for c in first.items]


def test_history_ids_never_clash_with_live_ids(sim):
    live = msgspec.json.decode(
        requests.get(f"{sim.url}/api/v1/calls", timeout=30).content, type=CallPage
    ).items
    old = page(ranged(sim, *LAST_MONDAY)).items
    assert live and not {c.id for c in live} & {c.id for c in old}
    assert all(c.incident_id is None for c in old)


def test_a_range_across_the_simulator_start_joins_replay_and_live(sim):
    now = sim.now()
    start = (now - timedelta(hours=14)).isoformat()  # yesterday evening, before the engine
    calls = page(ranged(sim, start, now.isoformat())).items
    live_ids = {
        c.id
        for c in msgspec.json.decode(
            requests.get(f"{sim.url}/api/v1/calls", timeout=30).content, type=CallPage
        ).items
    }
    replayed = [c for c in calls if c.id not in live_ids]
    assert replayed and len(replayed) < len(calls)
    midnight = now.replace(hour=0, minute=0, second=0)
    assert all(c.offered_at < midnight for c in replayed)
    offered = [c.offered_at for c in calls]
    assert offered == sorted(offered)


@pytest.mark.parametrize(
    ("params", "why"),
    [
        ({"from": "2026-11-23T00:00:00", "to": LAST_MONDAY[1]}, "from must be an ISO 8601"),
        ({"from": LAST_MONDAY[0]}, "to must be an ISO 8601"),
        ({"from": LAST_MONDAY[1], "to": LAST_MONDAY[0]}, "to must be later than from"),
        ({"from": "2026-11-01T00:00:00+08:00", "to": LAST_MONDAY[1]}, "at most 8 days"),
        ({"from": LAST_MONDAY[0], "to": LAST_MONDAY[1], "since": "1"}, "cannot be combined"),
    ],
)
def test_a_bad_range_is_refused_with_a_reason(sim, params, why):
    response = requests.get(f"{sim.url}/api/v1/calls", params=params, timeout=30)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_range"
    assert why in response.json()["message"]


def test_an_unencoded_offset_still_reads(sim):
    url = f"{sim.url}/api/v1/calls?from={LAST_MONDAY[0]}&to={LAST_MONDAY[1]}"
    assert len(page(requests.get(url, timeout=30)).items) > 2500


# -- the poller keeps the reference day in the store ----------------------------------


async def _until(condition, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def _history(store: Store) -> list:
    owned = store.owned_by(history_owner("samarinda"), FeedKind.CALLS)
    return [store.calls[key] for key in owned]


def test_reference_day_url_and_dates():
    zone = ZoneInfo("Asia/Makassar")
    # 23:59 WITA on Monday is still Monday; 00:00 is Tuesday
    late = datetime.fromisoformat("2026-11-30T23:59:59+08:00")
    start, end = reference_day(late, zone)
    assert (start.isoformat(), end.isoformat()) == LAST_MONDAY
    # 16:00 UTC is midnight WITA: the next local day already
    assert reference_day(datetime.fromisoformat("2026-11-30T16:00:00+00:00"), zone)[0].day == 24
    assert ranged_url("http://h/api/v1/calls", start, end) == (
        "http://h/api/v1/calls?from=2026-11-23T00%3A00%3A00%2B08%3A00"
        "&to=2026-11-24T00%3A00%3A00%2B08%3A00"
    )


def test_poller_fetches_the_reference_day_and_renews_it_after_local_midnight():
    fast = {kind: 0.05 for kind in FeedKind}
    with start_simulator(seed=5, manual_clock=True, start="2026-11-30T23:58:00+08:00") as sim:
        store = Store()
        poller = Poller(
            [BackendSpec("samarinda", sim.url, intervals=fast)], store, reference_day_check_s=0.05
        )

        async def story() -> None:
            polling = asyncio.create_task(poller.run())
            await _until(lambda: len(_history(store)) > 2500)
            days = {c.offered_at.date().isoformat() for c in _history(store)}
            assert days == {"2026-11-23"}
            live = {key.id for key in store.owned_by("samarinda", FeedKind.CALLS)}
            assert live and not live & {c.id for c in _history(store)}
            sim.advance(timedelta(minutes=5))  # past local midnight: Tuesday
            await _until(
                lambda: {c.offered_at.date().isoformat() for c in _history(store)} == {"2026-11-24"}
            )
            # the new day replaced the old one: one past day held, not two
            assert 2500 < len(_history(store)) < 3500
            poller.stop()
            await polling

        try:
            asyncio.run(story())
        finally:
            poller.close()
