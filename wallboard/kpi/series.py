"""Calls offered per interval, for the queue panel's load curve."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

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
    # POSIX seconds, not datetime subtraction: exact across a daylight-saving change
    # (none in WITA, but the code is general) and several times faster per call
    first, width = start.timestamp(), minutes * 60
    buckets = [0] * math.ceil((end.timestamp() - first) / width)
    last = len(buckets) - 1
    for call in calls_offered_in(calls, start, end):
        # min(): a float rounding a hair before ``end`` must not index past the last bucket
        buckets[min(last, int((call.offered_at.timestamp() - first) // width))] += 1
    return buckets
