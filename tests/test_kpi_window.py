"""The local day is the region's (WITA), not the UTC date; calls belong to the day offered."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import records
from records import WITA

from wallboard.kpi import answering_kpis, last_hour, local_day


def test_one_second_apart_across_local_midnight_are_different_days_on_one_utc_date():
    before = datetime(2026, 11, 28, 23, 59, 59, tzinfo=WITA)
    after = datetime(2026, 11, 29, 0, 0, 0, tzinfo=WITA)
    assert before.astimezone(UTC).date() == after.astimezone(UTC).date()
    assert local_day(before, WITA) == (
        datetime(2026, 11, 28, tzinfo=WITA),
        datetime(2026, 11, 29, tzinfo=WITA),
    )
    assert local_day(after, WITA) == (
        datetime(2026, 11, 29, tzinfo=WITA),
        datetime(2026, 11, 30, tzinfo=WITA),
    )


def test_now_in_utc_is_placed_in_the_regions_day():
    start, end = local_day(datetime(2026, 11, 28, 16, 30, tzinfo=UTC), WITA)  # 00:30 WITA
    assert start == datetime(2026, 11, 29, tzinfo=WITA)
    assert end - start == timedelta(hours=24)


def test_a_daylight_saving_zone_gets_a_23_hour_day():
    berlin = ZoneInfo("Europe/Berlin")
    start, end = local_day(datetime(2026, 3, 29, 12, tzinfo=berlin), berlin)
    assert (start.hour, end.hour) == (0, 0)
    # elapsed time: Python subtracts same-zone datetimes on the wall clock, so go via UTC
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=23)


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        local_day(datetime(2026, 11, 28, 12), WITA)
    with pytest.raises(ValueError, match="timezone-aware"):
        last_hour(datetime(2026, 11, 28, 12))


def test_last_hour_ends_at_now():
    now = datetime(2026, 11, 28, 10, 0, tzinfo=WITA)
    assert last_hour(now) == (now - timedelta(hours=1), now)


def test_calls_at_2359_59_and_0000_count_on_their_own_days_and_a_call_crossing_midnight_stays():
    def call(cid, offered, answered=None):
        return records.call(cid, offered=offered, answered_at=answered)

    late = datetime(2026, 11, 28, 23, 59, 59, tzinfo=WITA)
    midnight = datetime(2026, 11, 29, tzinfo=WITA)
    crossing = call("x", late - timedelta(seconds=9), answered=midnight + timedelta(seconds=20))
    calls = [call("a", late, answered=late), call("b", midnight, answered=midnight), crossing]
    day1 = answering_kpis(calls, *local_day(late, WITA), now=midnight + timedelta(hours=1))
    day2 = answering_kpis(calls, *local_day(midnight, WITA), now=midnight + timedelta(hours=1))
    assert (day1.offered, day2.offered) == (2, 1)
    # the crossing call is answered on day 2 but counted, with its 30 s, on day 1
    assert day1.p90_answer_s == 30.0
    assert day2.asa_s == 0.0


def test_a_reversed_period_is_refused():
    now = datetime(2026, 11, 28, 10, tzinfo=WITA)
    with pytest.raises(ValueError, match="ends before it starts"):
        answering_kpis([], now, now - timedelta(hours=1), now)
