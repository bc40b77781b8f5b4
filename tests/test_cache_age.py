"""A cached answer's X-Feed-Time is older than now: the wall must not take that age for
the backend's clock running slow (wallboard/poller/cache_age.py, docs/fanout.md)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from nginx_cache import NGINX_MISSING, NginxCache, nginx_binary

from wallboard.fanout.probe import Client, Tally, run_clients
from wallboard.poller.cache_age import MAX_CACHE_AGE_S, cache_age
from wallboard.simulator import start_simulator

MADE = datetime(2026, 11, 28, 2, 0, 0, tzinfo=UTC)


def http_date(at: datetime) -> str:
    return format_datetime(at, usegmt=True)


def test_an_age_header_is_the_age():
    assert cache_age({"Age": "3", "Via": "1.1 squid"}, MADE) == 3.0


def test_behind_a_cache_without_age_date_minus_feed_time_is_the_age():
    headers = {"Via": "1.1 wallboard-cache", "Date": http_date(MADE + timedelta(seconds=2))}
    assert cache_age(headers, MADE) == 2.0


def test_a_first_hand_answer_has_no_age_whatever_its_date_says():
    assert cache_age({"Date": http_date(MADE + timedelta(seconds=1))}, MADE) == 0.0


@pytest.mark.parametrize("gap", [-30.0, MAX_CACHE_AGE_S + 1, 7 * 86400.0])
def test_a_gap_no_microcache_makes_leaves_the_age_unknown(gap):
    # the cache's clock and the backend's disagree, or nginx revalidated an old body
    headers = {"Via": "1.1 wallboard-cache", "Date": http_date(MADE + timedelta(seconds=gap))}
    assert cache_age(headers, MADE) is None


@pytest.mark.parametrize("junk", ["soon", "-1", "1, 2", ""])
def test_an_unreadable_age_is_unknown(junk):
    assert cache_age({"Age": junk}, MADE) is None


def test_through_nginx_the_skew_estimate_stays_near_zero(tmp_path):
    """A backend on our clock, a 6 s microcache: answers reach the wall 0-6 s old. Read
    naively, the backend's clock would seem about 3 s slow; corrected, it is ours."""
    if nginx_binary() is None:
        pytest.fail(NGINX_MISSING)
    with (
        start_simulator(seed=2) as sim,  # real time: the backend's clock is ours
        NginxCache(sim.url, tmp_path / "nginx", lifetime_s=6) as cache,
    ):
        tally = Tally()
        wall = Client(cache.url, tally, reference_day=False)
        asyncio.run(run_clients([wall], 9.0))
    assert tally.errors == 0 and tally.ok > 5
    # Date and X-Feed-Time are whole seconds: the estimate is good to about one second
    assert abs(wall.store.clock_skew().total_seconds()) <= 1.2
