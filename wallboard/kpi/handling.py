"""Handling time: how long call-takers spend on the line with a caller."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from wallboard.kpi.selection import calls_offered_in, clamped_seconds, mean_seconds
from wallboard.model import CallRecord


def average_handling_s(calls: Iterable[CallRecord], start: datetime, end: datetime) -> float | None:
    """Mean of (ended_at - answered_at) over answered, ended calls offered in [start, end).

    Talk time only: the feed carries no wrap-up time. Calls still in progress are left
    out (their length is not known yet); None when no call qualifies.
    """
    durations = [
        clamped_seconds(c.answered_at, c.ended_at)
        for c in calls_offered_in(calls, start, end)
        if c.answered_at is not None and c.ended_at is not None
    ]
    return mean_seconds(durations)
