"""Whole-body failures against a real misbehaving server: logged, survived, state kept.

Each test first serves good data, then the failure, and checks that the store still
holds the good data, that freshness shows the failure, and that the log names the
source and the problem.
"""

from __future__ import annotations

import gzip
import logging

import pytest
from feed_server import FEED_TIME, FeedServer, Reply, free_port, unit, unit_list
from poller_support import poll_kind, warnings_of
from record_support import by_id

from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, Poller
from wallboard.store import Store

UNITS = FeedKind.UNITS.path
GOOD = Reply(body=unit_list([unit("u1"), unit("u2")]), headers=FEED_TIME)


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def caplog_poller(caplog):
    caplog.set_level(logging.DEBUG, logger="wallboard.poller")
    return caplog


def make_poller(url: str, **spec: object) -> tuple[Poller, Store]:
    store = Store()
    options = {"timeout": 0.3, **spec}
    return Poller([BackendSpec("samarinda", url, **options)], store), store


def poll(poller: Poller, kind: FeedKind = FeedKind.UNITS, times: int = 1) -> None:
    poll_kind(poller, kind, times)


BAD_REPLIES = {
    "malformed JSON": (Reply(body=b'{"items": [', headers=FEED_TIME), "malformed JSON"),
    "not JSON at all": (Reply(body=b"<html>oops</html>", headers=FEED_TIME), "malformed JSON"),
    "empty body": (Reply(body=b"", headers=FEED_TIME), "malformed JSON"),
    "wrong envelope": (Reply(body=b'{"items": 5}', headers=FEED_TIME), "`items` is not an array"),
    "HTTP 500": (
        Reply(500, b'{"error": "internal", "message": "db down"}'),
        "HTTP 500 from http://127.0.0.1:{port}/api/v1/units (internal: db down)",
    ),
    "HTTP 500 without a body": (Reply(500, b""), "HTTP 500 from http://127.0.0.1:{port}"),
    "timeout": (Reply(body=GOOD.body, delay=1.5), "timed out after 0.3 s"),
    "trickled body": (
        Reply(body=GOOD.body, drip=0.1, headers=FEED_TIME),
        "timed out after 1.2 s reading the body of http://127.0.0.1:{port}/api/v1/units",
    ),
    "dropped connection": (Reply(drop=True), "connection dropped by the server"),
    "truncated body": (
        Reply(body=GOOD.body[:20], content_length=len(GOOD.body)),
        "connection dropped in the middle of the body",
    ),
    "oversize chunked body": (
        Reply(body=b'{"items": [' + b" " * 50_000 + b"]}", chunked=True),
        "response larger than 4 KiB",
    ),
    "gzip bomb": (
        Reply(
            body=gzip.compress(b'{"items": [' + b" " * 1_000_000 + b"]}"),
            headers={"Content-Encoding": "gzip"},
        ),
        "response larger than 4 KiB",
    ),
    "corrupt gzip": (
        Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}),
        "undecodable Content-Encoding",
    ),
    "oversize Content-Length": (
        Reply(body=GOOD.body, content_length=10**9),
        "response larger than 4 KiB",
    ),
}


@pytest.mark.parametrize("case", list(BAD_REPLIES))
def test_bad_answer_is_logged_and_last_good_state_kept(server, caplog_poller, case):
    reply, expected = BAD_REPLIES[case]
    expected = expected.format(port=server.port)
    poller, store = make_poller(server.url, max_bytes=4096)
    try:
        server.set(UNITS, GOOD)
        poll(poller)
        assert set(by_id(store.units)) == {"u1", "u2"}

        server.set(UNITS, reply)
        poll(poller)

        assert set(by_id(store.units)) == {"u1", "u2"}  # the last good state is kept
        fresh = store.freshness["samarinda/units"]
        assert fresh.consecutive_failures == 1
        assert fresh.last_error.startswith("samarinda/units: ")
        assert expected in fresh.last_error
        assert fresh.last_success is not None and fresh.last_error_at >= fresh.last_success
        logged = warnings_of(caplog_poller)
        assert any(m.startswith("samarinda/units: ") and expected in m for m in logged), logged

        server.set(UNITS, GOOD)  # and the poller is still alive: the next poll works
        poll(poller)
        assert store.freshness["samarinda/units"].consecutive_failures == 0
    finally:
        poller.close(wait=True)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_reported(server, caplog_poller, status):
    server.set(UNITS, Reply(status, b"", headers={"Retry-After": "120"}))
    poller, store = make_poller(server.url)
    try:
        poll(poller)
    finally:
        poller.close(wait=True)
    error = store.freshness["samarinda/units"].last_error
    assert f"HTTP {status} from {server.url}{UNITS}" in error
    assert "Retry-After 120 s" in error


def test_backend_down_at_start_then_up(caplog_poller):
    port = free_port()
    poller, store = make_poller(f"http://127.0.0.1:{port}")
    try:
        poll(poller, times=3)
        fresh = store.freshness["samarinda/units"]
        assert fresh.consecutive_failures == 3 and fresh.last_success is None
        assert by_id(store.units) == {}
        refused = f"samarinda/units: connection refused by http://127.0.0.1:{port}/api/v1/units"
        assert warnings_of(caplog_poller) == [refused]  # once per streak, not three times

        with FeedServer(port=port) as server:
            server.set(UNITS, GOOD)
            poll(poller)
        assert set(by_id(store.units)) == {"u1", "u2"}
        assert store.freshness["samarinda/units"].consecutive_failures == 0
        assert "samarinda/units: recovered after 3 failed polls" in caplog_poller.messages
    finally:
        poller.close(wait=True)


def test_repeated_error_is_logged_once_per_streak_with_a_count(server, caplog_poller):
    server.set(UNITS, Reply(500, b""))
    poller, store = make_poller(server.url)
    try:
        poll(poller, times=12)
        message = f"samarinda/units: HTTP 500 from {server.url}{UNITS}"
        assert warnings_of(caplog_poller) == [message, f"{message} (10 times in a row)"]
        assert store.freshness["samarinda/units"].consecutive_failures == 12

        server.set(UNITS, Reply(502, b""))  # a different error starts a new streak
        poll(poller)
        assert (
            warnings_of(caplog_poller)[-1] == f"samarinda/units: HTTP 502 from {server.url}{UNITS}"
        )
    finally:
        poller.close(wait=True)


def test_token_is_sent_but_never_logged(server, caplog_poller):
    token = "s3cret-Bearer-7f9a"
    poller, store = make_poller(server.url, token=token)
    echo = f'{{"error": "unauthorized", "message": "bad token {token}"}}'.encode()
    server.queue(
        UNITS,
        Reply(401, echo),
        Reply(500, echo),
        Reply(body=b"{" + token.encode(), headers=FEED_TIME),
        Reply(delay=1.0),
        Reply(drop=True),
        Reply(body=unit_list([unit(token), unit("u2", status="bogus")]), headers=FEED_TIME),
    )
    try:
        poll(poller, times=6)
    finally:
        poller.close(wait=True)
    assert all(s.headers.get("Authorization") == f"Bearer {token}" for s in server.seen)
    assert len(caplog_poller.records) >= 6
    assert token not in caplog_poller.text
    assert all(token not in (f.last_error or "") for f in store.freshness.values())
    assert token not in repr(BackendSpec("samarinda", server.url, token=token))


@pytest.mark.parametrize("token", ["two words", "line\nbreak", "tökén"])
def test_spec_refuses_a_token_that_cannot_be_a_header(token):
    with pytest.raises(ValueError, match="token must be printable ASCII") as info:
        BackendSpec("samarinda", "http://127.0.0.1:1", token=token)
    assert token not in str(info.value)


def test_internal_error_shows_as_a_failing_source(server, caplog_poller, monkeypatch):
    import wallboard.poller.fetch as fetch_module

    server.set(UNITS, GOOD)
    poller, store = make_poller(server.url)
    real = fetch_module.decode_body
    try:
        poll(poller)

        def broken(*args, **kwargs):
            raise RuntimeError("decoder bug")

        monkeypatch.setattr(fetch_module, "decode_body", broken)
        poll(poller)
        fresh = store.freshness["samarinda/units"]
        assert fresh.last_error == "samarinda/units: internal error (RuntimeError)"
        assert set(by_id(store.units)) == {"u1", "u2"}
        assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog_poller.records)

        monkeypatch.setattr(fetch_module, "decode_body", real)
        poll(poller)
        assert store.freshness["samarinda/units"].consecutive_failures == 0
    finally:
        poller.close(wait=True)
