"""Reporting windows: the region's local day and the last hour, as half-open [start, end)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")


def local_day(now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the local day in ``zone`` that contains ``now``.

    Midnight to midnight on the region's wall clock (Asia/Makassar for East Kalimantan),
    not the UTC date: 23:59:59 WITA and 00:00:00 WITA fall on different days. Computed
    from the calendar date, so a zone with daylight saving gets a 23 or 25 hour day.
    """
    _require_aware("now", now)
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def same_weekday_last_week(now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the local day seven days before the one containing ``now``."""
    today, _ = local_day(now, zone)
    day = today.date() - timedelta(days=7)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)


def last_hour(now: datetime) -> tuple[datetime, datetime]:
    """[now - 1 h, now): the rolling hour that ends at ``now``."""
    _require_aware("now", now)
    return now - timedelta(hours=1), now


def check_period(start: datetime, end: datetime) -> None:
    """Reject naive or reversed periods early, with a message naming the bad value."""
    _require_aware("start", start)
    _require_aware("end", end)
    if end < start:
        raise ValueError(f"period ends before it starts: {start.isoformat()} > {end.isoformat()}")
