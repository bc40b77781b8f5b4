"""The scheduler under run(): INFO first, every kind polled, no overlap, backoff that
honours Retry-After, and a stop() that returns promptly even with a request hanging."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable

import pytest
from feed_server import FEED_TIME, FeedServer, Reply, incident_page, region_info, unit, unit_list
from record_support import by_id

from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, BackoffPolicy, Poller
from wallboard.store import Store

FAST = dict.fromkeys(FeedKind, 0.02)


@pytest.fixture
def server():
    with FeedServer() as srv:
        for kind in FeedKind:
            srv.set(kind.path, Reply(500, b""))
        srv.set(FeedKind.INFO.path, Reply(body=region_info(), headers=FEED_TIME))
        srv.set(FeedKind.UNITS.path, Reply(body=unit_list([unit("u1")]), etag='"u"'))
        srv.set(FeedKind.INCIDENTS.path, Reply(body=incident_page([], "1", True)))
        yield srv


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


async def stop_and_join(poller: Poller, task: asyncio.Task) -> None:
    poller.stop()
    await asyncio.wait_for(task, 3.0)


def make_poller(server: FeedServer, **options) -> tuple[Poller, Store]:
    store = Store()
    spec = BackendSpec("samarinda", server.url, intervals=FAST, timeout=options.pop("timeout", 0.3))
    backoff = options.pop("backoff", BackoffPolicy(base=0.02, cap=0.1, floor=0.01))
    return Poller([spec], store, rng=random.Random(1), backoff=backoff, **options), store


def test_info_first_then_every_kind_repeatedly(server):
    poller, store = make_poller(server)

    async def scenario() -> None:
        task = asyncio.create_task(poller.run())
        await wait_until(lambda: all(len(server.requests_to(k.path)) >= 3 for k in FeedKind))
        await stop_and_join(poller, task)

    try:
        asyncio.run(scenario())
    finally:
        poller.close(wait=True)
    assert server.seen[0].path == FeedKind.INFO.path
    assert "samarinda" in store.regions and set(by_id(store.units)) == {"u1"}
    assert 304 in server.statuses(FeedKind.UNITS.path)


def test_polls_of_one_source_never_overlap(server):
    # The server takes far longer than the interval: polls must queue, not pile up.
    server.set(FeedKind.QUEUE.path, Reply(500, b"", delay=0.1))
    poller, _ = make_poller(server)

    async def scenario() -> None:
        task = asyncio.create_task(poller.run())
        extra = asyncio.gather(*(poller.poll_once("samarinda", FeedKind.QUEUE) for _ in range(3)))
        await wait_until(lambda: len(server.requests_to(FeedKind.QUEUE.path)) >= 6)
        await extra
        await stop_and_join(poller, task)

    try:
        asyncio.run(scenario())
    finally:
        poller.close(wait=True)
    assert server.max_in_flight[FeedKind.QUEUE.path] == 1


def test_retry_after_is_never_undercut(server):
    server.queue(FeedKind.UNITS.path, Reply(503, b"", headers={"Retry-After": "1"}))
    poller, _ = make_poller(server)

    async def scenario() -> None:
        task = asyncio.create_task(poller.run())
        await wait_until(lambda: len(server.requests_to(FeedKind.UNITS.path)) >= 2)
        await stop_and_join(poller, task)

    try:
        asyncio.run(scenario())
    finally:
        poller.close(wait=True)
    first, second = server.requests_to(FeedKind.UNITS.path)[:2]
    assert first.status == 503 and second.status == 200
    assert second.at - first.at >= 0.95  # the server's own clock; 1 s asked


def test_failing_source_backs_off_and_recovers(server):
    # With a generous backoff window the failing source is polled far less often than
    # a healthy one on the same interval; after recovery it is back on its interval.
    backoff = BackoffPolicy(base=0.5, cap=1.0, floor=0.3)
    server.set(FeedKind.QUEUE.path, Reply(500, b""))
    poller, store = make_poller(server, backoff=backoff)

    async def scenario() -> None:
        task = asyncio.create_task(poller.run())
        await wait_until(lambda: len(server.requests_to(FeedKind.UNITS.path)) >= 20)
        failing = len(server.requests_to(FeedKind.QUEUE.path))
        assert failing < len(server.requests_to(FeedKind.UNITS.path)) / 2
        assert store.freshness["samarinda/queue"].consecutive_failures == failing
        server.set(
            FeedKind.QUEUE.path,
            Reply(body=b'{"region": "samarinda", "at": "2026-11-28T08:00:00+08:00"}'),
        )
        await wait_until(lambda: "samarinda" in store.queues)
        await wait_until(lambda: len(server.requests_to(FeedKind.QUEUE.path)) >= failing + 5)
        await stop_and_join(poller, task)

    try:
        asyncio.run(scenario())
    finally:
        poller.close(wait=True)
    assert store.freshness["samarinda/queue"].consecutive_failures == 0


def test_stop_returns_promptly_while_a_request_hangs(server):
    for kind in FeedKind:
        server.set(kind.path, Reply(body=b"", delay=30.0))
    poller, _ = make_poller(server, timeout=20.0)

    async def scenario() -> None:
        task = asyncio.create_task(poller.run())
        await wait_until(lambda: server.max_in_flight[FeedKind.INFO.path] == 1)
        await stop_and_join(poller, task)  # fails after 3 s, far less than the timeout

    try:
        asyncio.run(scenario())
    finally:
        poller.close()  # must not wait for the hanging request either
        server.stop()  # wakes the handler; the request then fails in its thread


def test_stop_before_run_returns_at_once(server):
    poller, _ = make_poller(server)
    poller.stop()
    try:
        asyncio.run(asyncio.wait_for(poller.run(), 1.0))
    finally:
        poller.close()
    assert server.seen == []


def test_close_abandons_a_trickling_download(server):
    # 16 bytes every 50 ms: the whole body would take ~30 s, the body deadline 20 s.
    body = unit_list([unit(f"u{n}") for n in range(25)])
    server.set(FeedKind.UNITS.path, Reply(body=body, drip=0.05))
    poller, store = make_poller(server, timeout=5.0)

    async def scenario() -> None:
        task = asyncio.create_task(poller.poll_once("samarinda", FeedKind.UNITS))
        await wait_until(lambda: server.max_in_flight[FeedKind.UNITS.path] == 1)
        await asyncio.sleep(0.2)  # let the download start
        started = time.monotonic()
        poller.close(wait=True)  # joins the executor thread
        assert time.monotonic() - started < 5.0  # within one timeout, not the deadline
        await task

    asyncio.run(scenario())
    assert "poller closed while reading" in store.freshness["samarinda/units"].last_error
    assert by_id(store.units) == {}
