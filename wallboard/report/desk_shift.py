"""The desk's "Shift report…": which shift is the current one, and its records from the store.

A 112 centre works in shifts that start at fixed local hours (by default 07:00 and
19:00, two twelve-hour shifts); the current shift runs from the last start to now. The
desk has the day's calls and incidents in its store already, so its report is built
from those (no second fetch), through the same ``build_report`` as ``wallboard report``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from wallboard.report.quality import ReportQuality
from wallboard.report.records import ReportRecords
from wallboard.store import Store

SHIFT_STARTS = (time(7), time(19))


def current_shift(
    now: datetime, zone: ZoneInfo, starts: Sequence[time] = SHIFT_STARTS
) -> tuple[datetime, datetime]:
    """(start, now) of the shift running at ``now``, ``start`` at the latest shift start."""
    local = now.astimezone(zone)
    candidates = [
        datetime.combine(local.date() + timedelta(days=d), s, tzinfo=zone)
        for d in (-1, 0)
        for s in starts
    ]
    start = max(c for c in candidates if c <= local)
    return start, now


def store_quality(store: Store, start: datetime, end: datetime) -> ReportQuality:
    """What the store's sources had repaired and dropped in [start, end), every backend
    together, in the report's shape (every reason listed)."""
    quality = ReportQuality()
    repaired, rejected, records = dict(quality.repaired), dict(quality.rejected), 0
    for backend in store.regions:
        counts = store.quality.counts(backend, start, end)
        for reason, n in counts.repaired.items():
            repaired[reason] = repaired.get(reason, 0) + n
        for reason, n in counts.rejected.items():
            rejected[reason] = rejected.get(reason, 0) + n
        records += counts.repaired_total
    return ReportQuality(repaired, rejected, records)


def records_from_store(store: Store, start: datetime, end: datetime, source: str) -> ReportRecords:
    """The store's calls and incidents as a report's records, with what its sources had
    repaired and dropped in the period (the poller counted it on the way in)."""
    regions = list(store.regions.values())
    return ReportRecords(
        calls=tuple(store.calls.values()),
        incidents=tuple(store.incidents.values()),
        region=regions[0] if len(regions) == 1 else None,
        source=source,
        feed_time=store.feed_now(),
        quality=store_quality(store, start, end),
        agency_names={a.id: a.short_name or a.name for a in store.agencies.values()},
    )


__all__ = ["SHIFT_STARTS", "current_shift", "records_from_store", "store_quality"]
