"""Calls offered per interval, for the queue panel's load curve."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from wallboard.kpi.selection import calls_offered_in
from wallboard.kpi.window import check_period
from wallboard.model import CallRecord


def calls_per_interval(
    calls: Iterable[CallRecord], start: datetime, end: datetime, minutes: int = 15
) -> list[int]:
    """Offered calls per bucket [start + i*m, start + (i+1)*m), the last cut at ``end``.

    A local day at 15 minutes gives 96 buckets; every bucket is present, empty ones as 0.
    """
    if minutes <= 0:
        raise ValueError(f"interval must be a positive number of minutes, got {minutes!r}")
    check_period(start, end)
    # in UTC: Python subtracts datetimes that share a zone on the wall clock, which is
    # wrong across a daylight-saving change (none in WITA, but the code is general)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    width = timedelta(minutes=minutes)
    buckets = [0] * math.ceil((end - start) / width)
    for call in calls_offered_in(calls, start, end):
        buckets[(call.offered_at - start) // width] += 1
    return buckets
