"""Cursors that share: walls that are caught up ask the same URL, and a wall that fell
behind catches up with one request of its own, then asks what the others ask, without
making the cache useless for them (docs/fanout.md#cursors-that-share)."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from nginx_cache import NGINX_MISSING, NginxCache, nginx_binary, wait_until

from wallboard.fanout.probe import BACKEND_NAME, Client, Tally
from wallboard.feed.kinds import FeedKind
from wallboard.simulator import start_simulator

DELTA = "/api/v1/incidents?since"
# nginx keeps validity in whole seconds of its clock: a 1 s answer is gone after 2 s
EXPIRY_S = 2.2


def poll(client: Client) -> None:
    asyncio.run(client.poller.poll_once(BACKEND_NAME, FeedKind.INCIDENTS))


def versions(client: Client) -> dict[str, int]:
    return {key.id: r.version for key, r in client.store.incidents.items()}


def test_a_late_wall_catches_up_with_one_request_then_shares_the_others_url(tmp_path):
    if nginx_binary() is None:
        pytest.fail(NGINX_MISSING)
    with (
        start_simulator(seed=9, start="2026-11-28T10:00:00+08:00", manual_clock=True) as sim,
        NginxCache(sim.url, tmp_path / "nginx", lifetime_s=1) as cache,
    ):
        tally = Tally()
        caught_up, late = Client(cache.url, tally), Client(cache.url, tally)
        try:
            poll(caught_up)
            poll(late)  # both start from the full answer: the same cursor
            for _ in range(3):  # the centre moves on; one wall follows, the other is away
                sim.advance(timedelta(minutes=2))
                expired = time.monotonic() + EXPIRY_S
                wait_until(lambda t=expired: time.monotonic() >= t, EXPIRY_S + 1)
                poll(caught_up)
            assert sim.served(via=True)[DELTA] == 3  # a new cursor each time
            assert versions(late) != versions(caught_up)

            poll(late)  # its own, older cursor: one origin request, everything since
            assert sim.served(via=True)[DELTA] == 4
            assert versions(late) == versions(caught_up)

            poll(late)  # now caught up: it asks the URL the other wall asks next
            poll(caught_up)
            assert sim.served(via=True)[DELTA] == 5  # one origin request for both
            poll(late)
            poll(caught_up)
            assert sim.served(via=True)[DELTA] == 5  # ... and none while it is fresh
            assert versions(late) == versions(caught_up)
        finally:
            caught_up.poller.close()
            late.poller.close()
    assert tally.errors == 0
