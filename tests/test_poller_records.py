"""Bad records inside a good page: the record is rejected and logged, the rest applied.

Served by the real misbehaving server as delta pages, so the store's previous version
of the rejected record must survive.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from feed_server import FEED_TIME, FeedServer, Reply, incident, incident_page, unit, unit_list
from poller_support import poll_kind, poller_and_store, warnings_of
from record_support import by_id

from wallboard.feed.kinds import FeedKind
from wallboard.model import Priority
from wallboard.poller import Poller
from wallboard.poller.poller import MAX_REJECTION_LINES

INCIDENTS = FeedKind.INCIDENTS.path
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def poller_store(server, caplog):
    yield from poller_and_store(server.url, caplog)


def poll(poller: Poller, kind: FeedKind = FeedKind.INCIDENTS, times: int = 1) -> None:
    poll_kind(poller, kind, times)


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
    reason = "absurd_value" if case == "null island" else "invalid_field"
    reason = "future_timestamp" if case == "timestamp from the future" else reason
    assert f"[{reason}]" in line  # the reason it is counted under
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
    # older revisions are not newer: no error, nothing rejected
    assert not [m for m in warnings_of(caplog) if "rejected" in m]


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


def call(cid: str, version: int = 1, **changes: object) -> dict:
    """A call record as the wire carries it: offered at T0, answered 8 s later."""
    record = {
        "id": cid,
        "version": version,
        "region": "samarinda",
        "offered_at": "2026-11-28T08:00:00+08:00",
        "answered_at": "2026-11-28T08:00:08+08:00",
        "ended_at": "2026-11-28T08:02:00+08:00",
    }
    record.update(changes)
    return record


def test_repaired_and_dropped_records_are_counted_once_each_by_reason(server, poller_store):
    """A PBX 3 s ahead of the CAD, a faulty export, a corrupt record: the store counts
    each record once by reason however often the full page comes, and clears a count
    when a good revision replaces the record."""
    poller, store = poller_store
    calls = FeedKind.CALLS.path
    page = [
        call("c1", answered_at="2026-11-28T07:59:57+08:00"),  # PBX stamped it 3 s early
        call("c2", abandoned_at="2026-11-28T08:00:30+08:00"),  # answered and abandoned
        call("c3", ended_at="2026-11-28T08:00:05+08:00"),  # ended 3 s before the answer
        call("c4", answered_at="2026-11-28T07:00:00+08:00"),  # an hour before its offer
        call("c5", offered_at="not a time"),
        call("c6"),
    ]
    server.set(calls, Reply(body=incident_page(page, "5", True), headers=FEED_TIME))
    poll(poller, FeedKind.CALLS, times=3)
    assert set(by_id(store.calls)) == {"c1", "c2", "c3", "c6"}
    day = (datetime(2026, 11, 28, tzinfo=WITA), datetime(2026, 11, 29, tzinfo=WITA))
    counts = store.quality.counts("samarinda/calls", *day)
    assert counts.repaired == {
        "answered_and_abandoned": 1,
        "end_before_answer": 1,
        "step_before_offer": 1,
    }
    assert counts.repaired_total == 3
    assert counts.rejected == {"beyond_skew_bound": 1, "invalid_field": 1}
    assert store.quality.counts("samarinda", *day) == counts  # the backend's sources together
    # yesterday's figures are not today's
    assert store.quality.counts("samarinda/calls", day[0] - timedelta(days=1), day[0]).is_clean

    # the backend corrects c1 and c4: neither counts any more
    page[0] = call("c1", 2)
    page[3] = call("c4", 2)
    server.set(calls, Reply(body=incident_page(page, "6", True), headers=FEED_TIME))
    poll(poller, FeedKind.CALLS)
    counts = store.quality.counts("samarinda/calls", *day)
    assert counts.repaired == {"answered_and_abandoned": 1, "end_before_answer": 1}
    assert counts.rejected == {"invalid_field": 1}
