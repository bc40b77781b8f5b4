"""Bad records inside a good page: the record is rejected and logged, the rest applied.

Served by the real misbehaving server as delta pages, so the store's previous version
of the rejected record must survive.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from feed_server import FEED_TIME, FeedServer, Reply, incident, incident_page, unit, unit_list
from record_support import by_id

from wallboard.feed.kinds import FeedKind
from wallboard.model import Priority
from wallboard.poller import BackendSpec, Poller
from wallboard.poller.poller import MAX_REJECTION_LINES
from wallboard.store import Store

INCIDENTS = FeedKind.INCIDENTS.path


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def poller_store(server, caplog):
    caplog.set_level(logging.DEBUG, logger="wallboard.poller")
    store = Store()
    poller = Poller([BackendSpec("samarinda", server.url, timeout=0.3)], store)
    yield poller, store
    poller.close(wait=True)


def poll(poller: Poller, kind: FeedKind = FeedKind.INCIDENTS, times: int = 1) -> None:
    async def polls() -> None:
        for _ in range(times):
            await poller.poll_once("samarinda", kind)

    asyncio.run(polls())


def warnings_of(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "wallboard.poller" and r.levelno >= logging.WARNING
    ]


def without(record: dict, field: str) -> dict:
    return {k: v for k, v in record.items() if k != field}


BAD_RECORDS = {
    "wrong type": (incident("i2", 3, priority="high"), "$.priority"),
    "missing field": (without(incident("i2", 3), "status"), "missing required field `status`"),
    "unknown enum value": (incident("i2", 3, category="alien_invasion"), "alien_invasion"),
    "latitude out of range": (
        incident("i2", 3, location={"lat": 123.0, "lon": 117.1}),
        "$.location.lat",
    ),
    "null island": (incident("i2", 3, location={"lat": 0.0, "lon": 0.0}), "coordinates (0, 0)"),
    "timestamp from the future": (
        incident("i2", 3, updated_at="2031-01-01T00:00:00+08:00"),
        "timestamp from the future",
    ),
    "naive timestamp": (incident("i2", 3, created_at="2026-11-28T08:00:00"), "created_at"),
}


@pytest.mark.parametrize("case", list(BAD_RECORDS))
def test_bad_record_rejected_good_ones_applied(server, poller_store, caplog, case):
    poller, store = poller_store
    bad, expected = BAD_RECORDS[case]
    server.set(
        INCIDENTS,
        Reply(body=incident_page([incident("i1"), incident("i2")], "2", True), headers=FEED_TIME),
    )
    poll(poller)
    assert {k: v.version for k, v in by_id(store.incidents).items()} == {"i1": 1, "i2": 1}

    delta = incident_page([incident("i1", 3, priority=2), bad], "3", False)
    server.set(INCIDENTS, Reply(body=delta, headers=FEED_TIME))
    poll(poller)

    assert by_id(store.incidents)["i1"].version == 3  # the good record of the page is applied
    assert by_id(store.incidents)["i1"].priority is Priority.HIGH
    assert by_id(store.incidents)["i2"].version == 1  # the rejected one keeps its last good state
    logged = warnings_of(caplog)
    line = next(m for m in logged if m.startswith("samarinda/incidents: rejected record 1"))
    assert "'i2'" in line and expected in line
    assert "samarinda/incidents: 1 record(s) rejected, the rest kept" in logged
    # a page with a bad record is still a successful poll; the cursor moves on
    assert store.freshness["samarinda/incidents"].consecutive_failures == 0
    poll(poller)
    assert server.requests_to(INCIDENTS)[-1].query == {"since": ["3"]}


def test_duplicated_and_out_of_order_records(server, poller_store, caplog):
    poller, store = poller_store
    full = incident_page([incident("i1", 5), incident("i2", 5)], "5", True)
    server.set(INCIDENTS, Reply(body=full, headers=FEED_TIME))
    poll(poller)

    # i1 twice in one page (the higher version wins); i2 older than what we hold.
    delta = incident_page(
        [incident("i1", 7, status="dispatched"), incident("i1", 6), incident("i2", 4)], "7", False
    )
    server.set(INCIDENTS, Reply(body=delta, headers=FEED_TIME))
    poll(poller)

    assert by_id(store.incidents)["i1"].version == 7
    assert by_id(store.incidents)["i1"].status == "dispatched"
    assert by_id(store.incidents)["i2"].version == 5  # old news does not roll it back
    assert any("duplicate id" in m and "'i1'" in m for m in warnings_of(caplog))


def test_many_rejections_are_capped_with_a_count(server, poller_store, caplog):
    poller, store = poller_store
    bad = [incident(f"b{n}", 1, category="nope") for n in range(12)]
    server.set(INCIDENTS, Reply(body=incident_page([incident("ok"), *bad], "9", True)))
    poll(poller)
    assert set(by_id(store.incidents)) == {"ok"}
    lines = [m for m in warnings_of(caplog) if "rejected" in m]
    assert len(lines) == MAX_REJECTION_LINES + 1
    assert lines[-1] == "samarinda/incidents: 12 record(s) rejected, the rest kept"


def test_the_same_rejections_are_not_logged_every_poll(server, poller_store, caplog):
    poller, store = poller_store
    body = unit_list([unit("u1"), unit("u2", status="teleporting")])
    server.set(FeedKind.UNITS.path, Reply(body=body, headers=FEED_TIME))
    poll(poller, FeedKind.UNITS, times=5)
    assert set(by_id(store.units)) == {"u1"}
    assert len([m for m in warnings_of(caplog) if "rejected record" in m]) == 1


def test_record_rejected_from_a_full_list_keeps_its_last_good_version(server, poller_store):
    poller, store = poller_store
    units = FeedKind.UNITS.path
    server.set(units, Reply(body=unit_list([unit("u1"), unit("u2"), unit("u3")])))
    poll(poller, FeedKind.UNITS)
    bad = unit_list([unit("u1", 2), unit("u2", 2, status="teleporting")])  # u3 really left
    server.set(units, Reply(body=bad))
    poll(poller, FeedKind.UNITS)
    assert {k: v.version for k, v in by_id(store.units).items()} == {"u1": 2, "u2": 1}
