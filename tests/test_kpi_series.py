"""Calls offered per interval: half-open buckets from the period start, empty ones as 0."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import records
from records import WITA

from wallboard.kpi import calls_per_interval, local_day

START = datetime(2026, 11, 28, 0, 0, tzinfo=WITA)


def call(cid, offered: datetime):
    return records.call(cid, offered=offered)


def test_hand_computed_buckets():
    m = timedelta(minutes=1)
    s = timedelta(seconds=1)
    calls = [
        call("a", START),
        call("b", START + 15 * m - s),
        call("c", START + 15 * m),
        call("d", START + 60 * m - s),
        call("e", START + 60 * m),  # the end: not in the period
        call("f", START - s),
    ]
    assert calls_per_interval(calls, START, START + 60 * m) == [2, 1, 0, 1]
    assert calls_per_interval(calls, START, START + 40 * m) == [2, 1, 0]  # last one cut short
    assert calls_per_interval(calls, START, START + 60 * m, minutes=60) == [4]


def test_a_local_day_has_96_quarter_hours_and_an_empty_period_none():
    start, end = local_day(START + timedelta(hours=5), WITA)
    assert calls_per_interval([], start, end) == [0] * 96
    assert calls_per_interval([], start, start) == []


def test_a_non_positive_interval_is_refused():
    with pytest.raises(ValueError, match="positive"):
        calls_per_interval([], START, START + timedelta(hours=1), minutes=0)


def test_a_daylight_saving_day_has_92_quarter_hours_and_calls_land_by_elapsed_time():
    berlin = ZoneInfo("Europe/Berlin")
    start, end = local_day(datetime(2026, 3, 29, 12, tzinfo=berlin), berlin)
    # 03:00 CEST is 2 h after local midnight (02:00 CET never happened): bucket 8
    buckets = calls_per_interval([call("a", datetime(2026, 3, 29, 3, tzinfo=berlin))], start, end)
    assert len(buckets) == 92
    assert buckets.index(1) == 8
