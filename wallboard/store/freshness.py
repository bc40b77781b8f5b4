"""How recent each source's data is, and the backends' clock skew.

Pure functions and small records: the poller reports attempts, successes and failures
to the store; views ask ``freshness_level`` whether to show a source as late or stale.
"""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


@dataclass(frozen=True)
class SourceFreshness:
    """The poll history of one source, keyed like "samarinda/incidents"."""

    key: str
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0


class FreshnessLevel(StrEnum):
    """How a source's data should be shown: as live, as late, as stale, or as absent."""

    FRESH = "fresh"
    LATE = "late"
    STALE = "stale"
    NEVER = "never"


def freshness_level(
    f: SourceFreshness,
    now: datetime,
    interval_s: float,
    late_after_s: float | None = None,
    stale_after_s: float | None = None,
) -> FreshnessLevel:
    """Judge a source by the time since its last success, measured on the wall clock.

    Defaults: LATE after max(3 x interval, 10 s) without success, STALE after
    max(6 x interval, 30 s). A success "in the future" (clock stepped back) is FRESH.
    """
    if f.last_success is None:
        return FreshnessLevel.NEVER
    late = max(3 * interval_s, 10.0) if late_after_s is None else late_after_s
    stale = max(6 * interval_s, 30.0) if stale_after_s is None else stale_after_s
    age = (now - f.last_success).total_seconds()
    if age >= stale:
        return FreshnessLevel.STALE
    if age >= late:
        return FreshnessLevel.LATE
    return FreshnessLevel.FRESH


class ClockSkew:
    """Estimates how far a backend's clock runs ahead of ours: median of recent samples.

    The median of the last few samples ignores one slow response or one clock step, and
    follows a real change in a few polls. A *rough* sample (an answer that came through
    a cache that did not tell its age: wallboard/poller/cache_age.py) may be off by that
    age; rough samples count only while no exact one has come.
    """

    def __init__(self, samples: int = 9) -> None:
        self._samples: deque[float] = deque(maxlen=samples)
        self._rough: deque[float] = deque(maxlen=samples)

    def add(self, feed_time: datetime, received_at: datetime, *, rough: bool = False) -> None:
        sample = (feed_time - received_at).total_seconds()
        (self._rough if rough else self._samples).append(sample)

    @property
    def seconds(self) -> float | None:
        samples = self._samples or self._rough
        return statistics.median(samples) if samples else None

    def offset(self) -> timedelta:
        s = self.seconds
        return timedelta(seconds=s) if s is not None else timedelta(0)


__all__ = ["ClockSkew", "FreshnessLevel", "SourceFreshness", "freshness_level"]
