"""The conditional-request and delta-cursor protocol, spoken to a real loopback server."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from feed_server import FEED_TIME, FeedServer, Reply, incident, incident_page, unit, unit_list
from poller_support import counting_decoder, poller_and_store
from poller_support import poll_kind as poll
from record_support import by_id

from wallboard.feed.kinds import FeedKind
from wallboard.poller import PollOutcome

INCIDENTS = FeedKind.INCIDENTS.path
UNITS = FeedKind.UNITS.path


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def poller_store(server, caplog):
    yield from poller_and_store(server.url, caplog)


@pytest.fixture
def decode_calls(monkeypatch):
    return counting_decoder(monkeypatch)


def test_unchanged_poll_is_a_304_that_parses_nothing(server, poller_store, decode_calls):
    poller, store = poller_store
    outcomes: list[PollOutcome] = []
    poller.polled.connect(outcomes.append)
    diffs = []
    store.changed.connect(diffs.append)
    server.set(UNITS, Reply(body=unit_list([unit("u1")]), etag='"v1"', headers=FEED_TIME))

    poll(poller, FeedKind.UNITS, times=3)

    assert server.statuses(UNITS) == [200, 304, 304]
    assert [s.headers.get("If-None-Match") for s in server.requests_to(UNITS)] == [
        None,
        '"v1"',
        '"v1"',
    ]
    assert decode_calls == [FeedKind.UNITS]  # one body parsed, not three
    assert len(diffs) == 1
    assert [o.status for o in outcomes] == [200, 304, 304]
    fresh = store.freshness["samarinda/units"]
    assert fresh.consecutive_failures == 0 and fresh.last_success >= fresh.last_attempt


def test_etag_of_a_rejected_body_is_never_sent_back(server, poller_store):
    # A 304 means "you already have this": it must not turn a body we could not use
    # into a success.
    poller, store = poller_store
    server.set(UNITS, Reply(body=unit_list([unit("u1")]), etag='"good"'))
    poll(poller, FeedKind.UNITS)
    server.set(UNITS, Reply(body=b"{broken", etag='"broken"'))
    poll(poller, FeedKind.UNITS, times=2)

    assert [s.headers.get("If-None-Match") for s in server.requests_to(UNITS)] == [
        None,
        '"good"',
        '"good"',
    ]
    assert server.statuses(UNITS) == [200, 200, 200]
    assert store.freshness["samarinda/units"].consecutive_failures == 2
    assert set(by_id(store.units)) == {"u1"}


def test_gzip_body_is_decompressed(server, poller_store):
    poller, store = poller_store
    body = gzip.compress(unit_list([unit("u1"), unit("u2")]))
    server.set(UNITS, Reply(body=body, headers={"Content-Encoding": "gzip"}))
    poll(poller, FeedKind.UNITS)
    assert set(by_id(store.units)) == {"u1", "u2"}


def test_a_junk_etag_is_not_echoed(server, poller_store):
    poller, _ = poller_store
    server.set(UNITS, Reply(body=unit_list([unit("u1")]), headers={"ETag": "no quotes\t!"}))
    poll(poller, FeedKind.UNITS, times=2)
    assert [s.headers.get("If-None-Match") for s in server.requests_to(UNITS)] == [None, None]


def test_feed_time_sets_the_clock_skew_and_judges_the_future(server, poller_store):
    poller, store = poller_store
    ahead = datetime.now(UTC) + timedelta(days=400)
    future_record = incident("i1", updated_at=(ahead - timedelta(hours=1)).isoformat())
    body = incident_page([future_record], "1", True)
    # Judged by our own clock the record is from the future; by the backend's, it is not.
    server.set(INCIDENTS, Reply(body=body, headers={"X-Feed-Time": ahead.isoformat()}))
    poll(poller, FeedKind.INCIDENTS)
    assert set(by_id(store.incidents)) == {"i1"}
    skew = store.clock_skew("samarinda")
    assert timedelta(days=399) < skew < timedelta(days=401)


@pytest.mark.parametrize("header", [None, "yesterday", "2026-11-28T08:00:00", "9" * 500])
def test_missing_or_bad_feed_time_is_fine(server, poller_store, header):
    poller, store = poller_store
    headers = {} if header is None else {"X-Feed-Time": header}
    server.set(UNITS, Reply(body=unit_list([unit("u1")]), headers=headers))
    poll(poller, FeedKind.UNITS)
    assert set(by_id(store.units)) == {"u1"}
    assert store.freshness["samarinda/units"].consecutive_failures == 0
    assert store.clock_skew("samarinda") == timedelta(0)


def test_delta_cursor_is_kept_and_passed_back(server, poller_store):
    poller, store = poller_store
    server.queue(
        INCIDENTS,
        Reply(body=incident_page([incident("i1"), incident("i2")], "41", True)),
        Reply(body=incident_page([incident("i3", 42)], "42", False, removed=["i1"])),
        Reply(body=incident_page([], "42", False)),
    )
    poll(poller, FeedKind.INCIDENTS, times=3)
    assert [s.query for s in server.requests_to(INCIDENTS)] == [
        {},
        {"since": ["41"]},
        {"since": ["42"]},
    ]
    assert set(by_id(store.incidents)) == {"i2", "i3"}


def test_cursor_with_odd_characters_is_quoted(server, poller_store):
    poller, _ = poller_store
    server.queue(INCIDENTS, Reply(body=incident_page([], "a&b=c d/é", True)))
    poll(poller, FeedKind.INCIDENTS, times=2)
    assert server.requests_to(INCIDENTS)[-1].query == {"since": ["a&b=c d/é"]}


def test_expired_cursor_is_dropped_and_fetched_in_full_at_once(server, poller_store, caplog):
    poller, store = poller_store
    expired = b'{"error": "cursor_expired", "message": "cursor 7 is too old"}'
    server.queue(
        INCIDENTS,
        Reply(body=incident_page([incident("i1"), incident("i2")], "7", True), etag='"a"'),
        Reply(410, expired),
        Reply(body=incident_page([incident("i2", 9), incident("i5", 9)], "9", True)),
    )
    poll(poller, FeedKind.INCIDENTS)
    poll(poller, FeedKind.INCIDENTS)  # one poll: the 410 and the full fetch after it

    seen = server.requests_to(INCIDENTS)
    assert [(s.query, s.status) for s in seen] == [({}, 200), ({"since": ["7"]}, 410), ({}, 200)]
    assert seen[2].headers.get("If-None-Match") is None  # the old validator went too
    assert set(by_id(store.incidents)) == {"i2", "i5"}
    assert store.freshness["samarinda/incidents"].consecutive_failures == 0
    assert any(
        m.startswith("samarinda/incidents: cursor expired (HTTP 410 (cursor_expired")
        and m.endswith("fetching in full")
        for m in caplog.messages
    )


def test_410_to_a_full_fetch_is_an_ordinary_failure(server, poller_store):
    poller, store = poller_store
    server.set(INCIDENTS, Reply(410, b'{"error": "gone", "message": "no"}'))
    poll(poller, FeedKind.INCIDENTS)
    assert len(server.requests_to(INCIDENTS)) == 1  # no loop of refetches
    assert "HTTP 410 from" in store.freshness["samarinda/incidents"].last_error
