"""Freshness of each source, and the backend's clock as the wall estimates it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wallboard.store import FreshnessLevel, SourceFreshness, Store, freshness_level

T0 = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


def after(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def succeeded_at(at: datetime | None) -> SourceFreshness:
    return SourceFreshness(key="smd/queue", last_success=at, last_attempt=at)


@pytest.mark.parametrize(
    ("age", "interval", "level"),
    [
        (0, 2, FreshnessLevel.FRESH),
        (9.9, 2, FreshnessLevel.FRESH),  # late after max(3 x 2, 10) = 10 s
        (10, 2, FreshnessLevel.LATE),
        (29.9, 2, FreshnessLevel.LATE),  # stale after max(6 x 2, 30) = 30 s
        (30, 2, FreshnessLevel.STALE),
        (44, 15, FreshnessLevel.FRESH),  # 15 s interval: late after 45 s
        (45, 15, FreshnessLevel.LATE),
        (89, 15, FreshnessLevel.LATE),
        (90, 15, FreshnessLevel.STALE),
        (-5, 2, FreshnessLevel.FRESH),  # our clock stepped back: not "stale"
        (86_400, 2, FreshnessLevel.STALE),
    ],
)
def test_level_follows_time_since_last_success(age, interval, level):
    assert freshness_level(succeeded_at(T0), after(age), interval) is level


def test_never_succeeded_is_never_even_after_attempts_and_failures():
    f = SourceFreshness(
        key="smd/queue",
        last_attempt=T0,
        last_error="connection refused",
        last_error_at=T0,
        consecutive_failures=7,
    )
    assert freshness_level(f, after(1), 2) is FreshnessLevel.NEVER


def test_thresholds_can_be_given():
    f = succeeded_at(T0)
    assert freshness_level(f, after(4), 2, late_after_s=3, stale_after_s=5) is FreshnessLevel.LATE
    assert freshness_level(f, after(5), 2, late_after_s=3, stale_after_s=5) is FreshnessLevel.STALE


def test_failures_alone_do_not_make_a_recent_success_late():
    f = SourceFreshness(
        key="smd/queue", last_success=T0, consecutive_failures=2, last_error="HTTP 500"
    )
    assert freshness_level(f, after(3), 2) is FreshnessLevel.FRESH


def test_levels_from_the_stores_own_records():
    clock = [T0]
    store = Store(wall_clock=lambda: clock[0])
    store.record_attempt("smd/units", T0)
    assert freshness_level(store.freshness["smd/units"], T0, 2) is FreshnessLevel.NEVER
    store.record_success("smd/units", T0, None)
    store.record_failure("smd/units", after(12), "timed out after 5 s")
    assert freshness_level(store.freshness["smd/units"], after(12), 2) is FreshnessLevel.LATE
    assert freshness_level(store.freshness["smd/units"], after(31), 2) is FreshnessLevel.STALE


# -- feed_now: the backend's clock ------------------------------------------------------


def test_feed_now_is_the_wall_clock_before_any_feed_time():
    store = Store(wall_clock=lambda: T0)
    store.record_success("smd/queue", T0, None)
    assert store.feed_now() == T0
    assert store.feed_now().tzinfo is not None


def test_a_backend_90_s_ahead_gives_feed_now_90_s_ahead():
    clock = [T0]
    store = Store(wall_clock=lambda: clock[0])
    store.record_success("smd/queue", T0, T0 + timedelta(seconds=90))
    assert store.feed_now() == after(90)
    clock[0] = after(600)
    assert store.feed_now() == after(690)  # the skew stays; time moves with our clock
    assert store.feed_now("smd") == after(690)


def test_one_odd_sample_does_not_move_the_estimate():
    store = Store(wall_clock=lambda: T0)
    for n in range(5):
        store.record_success("smd/queue", after(2 * n), after(2 * n + 90))
    store.record_success("smd/queue", after(12), after(12 + 3600))  # one wild sample
    assert store.feed_now() == after(90)
    store.record_success("smd/queue", after(14), after(14 + 90.4))
    assert abs((store.feed_now() - after(90)).total_seconds()) < 0.5


def test_a_real_clock_change_is_followed_within_a_few_polls():
    store = Store(wall_clock=lambda: T0)
    for n in range(9):
        store.record_success("smd/queue", after(n), after(n + 90))
    for n in range(9, 14):
        store.record_success("smd/queue", after(n), after(n - 30))
    assert store.feed_now() == after(-30)


def test_each_backend_has_its_own_skew():
    store = Store(wall_clock=lambda: T0)
    store.record_success("smd/queue", T0, after(90))
    store.record_success("psr/queue", T0, after(-20))
    assert store.feed_now("smd") == after(90)
    assert store.feed_now("psr") == after(-20)
    assert store.feed_now("unknown") == T0


def test_a_naive_feed_time_is_ignored():
    store = Store(wall_clock=lambda: T0)
    store.record_success("smd/queue", T0, datetime(2026, 11, 28, 9, 0))
    assert store.feed_now() == T0
    assert store.freshness["smd/queue"].last_success == T0
