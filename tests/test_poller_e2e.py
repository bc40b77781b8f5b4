"""End to end: the real simulator -> HTTP on loopback -> the poller -> the store.

What the store holds is checked against the simulator's own full answers, fetched
independently over HTTP; diffs are checked against the versions that changed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

import msgspec
import pytest
import requests
from poller_support import counting_decoder

from wallboard.feed.decode import PAGE_TYPES
from wallboard.feed.kinds import FeedKind
from wallboard.model import RecordKey
from wallboard.poller import BackendSpec, Poller, PollOutcome
from wallboard.simulator import start_simulator
from wallboard.store import Store, StoreDiff

RECORD_KINDS = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES)


def truth(url: str, kind: FeedKind):
    """The simulator's full answer for ``kind``, fetched and decoded independently."""
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(url + kind.path, timeout=5)
    assert response.status_code == 200
    return msgspec.json.decode(response.content, type=PAGE_TYPES[kind])


def versions(page) -> dict[str, int]:
    return {record.id: record.version for record in page.items}


def held(store: Store, kind: FeedKind) -> dict[str, int]:
    table = getattr(store, kind.value)
    return {key.id: record.version for key, record in table.items()}


def poll_all(poller: Poller) -> None:
    async def polls() -> None:
        for kind in FeedKind:
            await poller.poll_once("samarinda", kind)

    asyncio.run(polls())


@pytest.fixture
def decode_calls(monkeypatch):
    return counting_decoder(monkeypatch)


@pytest.fixture
def warnings_logged(caplog):
    caplog.set_level(logging.INFO, logger="wallboard.poller")
    return lambda: [
        r.getMessage()
        for r in caplog.records
        if r.name == "wallboard.poller" and r.levelno >= logging.WARNING
    ]


def test_simulator_to_store(decode_calls, warnings_logged):
    with start_simulator(seed=7, manual_clock=True) as sim:
        store = Store()
        poller = Poller([BackendSpec("samarinda", sim.url, timeout=5.0)], store)
        outcomes: list[PollOutcome] = []
        poller.polled.connect(outcomes.append)
        diffs: list[StoreDiff] = []
        store.changed.connect(diffs.append)
        try:
            # First polls: the store holds what the simulator holds.
            poll_all(poller)
            for kind in RECORD_KINDS:
                assert held(store, kind) == versions(truth(sim.url, kind)), kind
                assert held(store, kind), f"the simulator served no {kind}"
            assert store.queues["samarinda"] == truth(sim.url, FeedKind.QUEUE)
            assert store.regions["samarinda"] == truth(sim.url, FeedKind.INFO)
            assert all(f.consecutive_failures == 0 for f in store.freshness.values())
            assert len(store.freshness) == len(FeedKind)

            # Deltas bring nothing new, then an unchanged backend costs only 304s.
            poll_all(poller)
            outcomes.clear()
            decode_calls.clear()
            diffs.clear()
            poll_all(poller)
            assert [o.status for o in outcomes] == [304] * len(FeedKind)
            assert decode_calls == [] and diffs == []

            # Simulated time moves on: the diffs name exactly the ids that changed.
            before = {kind: versions(truth(sim.url, kind)) for kind in RECORD_KINDS}
            sim.advance(timedelta(minutes=10))
            after = {kind: versions(truth(sim.url, kind)) for kind in RECORD_KINDS}
            poll_all(poller)
            for kind in RECORD_KINDS:
                old, new = before[kind], after[kind]
                added = {i for i in new if i not in old}
                removed = {i for i in old if i not in new}
                changed = {i for i in new if i in old and new[i] != old[i]}
                got = [getattr(d, kind.value) for d in diffs]
                # the diffs name records by key: this backend's, with the ids that moved
                for part, ids in (("added", added), ("removed", removed), ("changed", changed)):
                    keys = set().union(*(getattr(k, part) for k in got))
                    assert keys == {RecordKey("samarinda", i) for i in ids}, (kind, part)
                assert held(store, kind) == new, kind
            assert diffs, "ten simulated minutes changed nothing"
            assert store.queues["samarinda"] == truth(sim.url, FeedKind.QUEUE)
        finally:
            poller.close(wait=True)
    assert warnings_logged() == []


def test_expired_cursor_recovers_with_a_full_fetch(warnings_logged):
    # The simulator remembers only the last removal: a day later our cursors are too old.
    with start_simulator(seed=11, manual_clock=True, tombstone_limit=1) as sim:
        store = Store()
        poller = Poller([BackendSpec("samarinda", sim.url, timeout=5.0)], store)
        try:
            poll_all(poller)
            poll_all(poller)  # now holding delta cursors
            sim.advance(timedelta(hours=30))
            poll_all(poller)
            for kind in (FeedKind.INCIDENTS, FeedKind.CALLS):
                assert held(store, kind) == versions(truth(sim.url, kind)), kind
                assert store.freshness[f"samarinda/{kind.value}"].consecutive_failures == 0
        finally:
            poller.close(wait=True)
    expired = [m for m in warnings_logged() if "cursor expired" in m]
    assert any(m.startswith("samarinda/incidents: cursor expired") for m in expired)
    assert all(m.endswith("fetching in full") for m in expired)


def test_run_against_a_live_simulator_until_stopped(warnings_logged):
    # The way the app runs it: run() on a loop, the simulator's clock running fast.
    with start_simulator(seed=3, speed=600.0) as sim:
        store = Store()
        spec = BackendSpec("samarinda", sim.url, intervals=dict.fromkeys(FeedKind, 0.05))
        poller = Poller([spec], store)
        seen: list[PollOutcome] = []
        poller.polled.connect(seen.append)

        async def scenario() -> None:
            task = asyncio.create_task(poller.run())
            deadline = time.monotonic() + 10
            while sum(o.key == "samarinda/units" for o in seen) < 5:
                assert time.monotonic() < deadline, "the poller did not keep polling"
                await asyncio.sleep(0.02)
            poller.stop()
            await asyncio.wait_for(task, 3)

        try:
            asyncio.run(scenario())
        finally:
            poller.close(wait=True)
        assert seen[0].key == "samarinda/info"
        assert {o.key for o in seen} == {f"samarinda/{k.value}" for k in FeedKind}
        assert store.incidents and store.units and store.calls and "samarinda" in store.queues
    assert warnings_logged() == []
