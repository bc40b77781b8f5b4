"""The backoff schedule and Retry-After parsing: pure, deterministic with a seeded rng."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from wallboard.poller.backoff import BackoffPolicy, parse_retry_after

NOW = datetime(2026, 11, 28, 7, 0, 0, tzinfo=UTC)


def test_window_doubles_from_base_up_to_the_cap():
    policy = BackoffPolicy(base=1.0, cap=60.0)
    assert [policy.window(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert policy.window(0) == 0.0


def test_window_stays_finite_after_endless_failures():
    assert BackoffPolicy(cap=60.0).window(10_000) == 60.0


def test_delays_are_full_jitter_within_the_window():
    policy = BackoffPolicy(base=1.0, cap=60.0, floor=0.0)
    rng = random.Random(7)
    for failures in (1, 3, 6, 12):
        draws = [policy.delay(failures, rng) for _ in range(500)]
        window = policy.window(failures)
        assert all(0.0 <= d <= window for d in draws)
        # full jitter spreads over the whole window, not just near its top
        assert min(draws) < 0.1 * window and max(draws) > 0.9 * window


def test_same_seed_gives_the_same_schedule():
    policy = BackoffPolicy()
    first = [policy.delay(n, random.Random(3)) for n in range(1, 10)]
    again = [policy.delay(n, random.Random(3)) for n in range(1, 10)]
    assert first == again


def test_floor_prevents_a_tight_retry_loop():
    policy = BackoffPolicy(base=1.0, floor=0.25)
    rng = random.Random(1)
    assert min(policy.delay(1, rng) for _ in range(1000)) >= 0.25


def test_retry_after_is_never_undercut_but_is_capped():
    policy = BackoffPolicy(base=1.0, cap=60.0, retry_after_cap=300.0)
    rng = random.Random(5)
    assert all(policy.delay(1, rng, retry_after=30.0) >= 30.0 for _ in range(100))
    assert policy.delay(1, rng, retry_after=10_000.0) == 300.0
    # a Retry-After shorter than the jittered backoff does not shorten it
    assert all(policy.delay(20, rng, retry_after=0.0) >= policy.floor for _ in range(100))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        ("Sat, 28 Nov 2026 07:01:30 GMT", 90.0),
        ("Sat, 28 Nov 2026 06:00:00 GMT", 0.0),  # in the past: retry now
        ("Saturday, 28-Nov-26 07:00:10 GMT", 10.0),  # obsolete RFC 850 form
        (None, None),
        ("", None),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("9" * 40, 1_000_000_000.0),  # absurdly large: clamped, never an overflow
        ("9" * 400, None),  # a header this long is junk
    ],
)
def test_parse_retry_after(header, expected):
    assert parse_retry_after(header, NOW) == expected


def test_parse_retry_after_http_date_relative_to_now():
    date = "Sat, 28 Nov 2026 07:00:00 GMT"
    assert parse_retry_after(date, NOW - timedelta(seconds=30)) == 30.0
    assert parse_retry_after(date, NOW + timedelta(seconds=30)) == 0.0
