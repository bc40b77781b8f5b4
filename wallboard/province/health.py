"""Whether a region's backend is up: live, late, down or not heard yet, from the
freshness of its sources. Pure, no Qt."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from wallboard.feed.kinds import FeedKind
from wallboard.store import FreshnessLevel, SourceFreshness, freshness_level

# Kinds a backend serves every few seconds: when all of them keep failing, it is down.
LIVE_KINDS = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.QUEUE)
DOWN_AFTER_FAILURES = 2  # failed polls in a row, on every live kind, before "down"
_DEFAULT_INTERVAL_S = 2.0


class RegionState(StrEnum):
    """How a region's column is shown: live, late, down (or stale), or not heard yet."""

    LIVE = "live"
    LATE = "late"
    DOWN = "down"
    WAITING = "waiting"


@dataclass(frozen=True)
class RegionHealth:
    """A backend judged as a whole; ``last_good`` is its newest successful poll."""

    state: RegionState
    last_good: datetime | None
    error: str | None = None


def region_health(
    backend: str,
    freshness: Mapping[str, SourceFreshness],
    now: datetime,
    intervals: Mapping[str, float] | None = None,
) -> RegionHealth:
    """DOWN when every live kind failed ``DOWN_AFTER_FAILURES`` polls in a row, or any
    source is stale (or never answered though polled); LATE when a source is late or
    failing; WAITING before the first answer of every source; else LIVE.

    ``intervals`` ("backend/kind" -> seconds) names the sources the backend is polled
    for; without it, the sources the store has heard of.
    """
    prefix = f"{backend}/"
    keys = [k for k in (intervals or {}) if k.startswith(prefix)]
    keys = keys or [k for k in freshness if k.startswith(prefix)]
    entries = {k: freshness.get(k) for k in keys}
    known = [f for f in entries.values() if f is not None]
    successes = [f.last_success for f in known if f.last_success is not None]
    last_good = max(successes, default=None)
    errors = [f for f in known if f.consecutive_failures and f.last_error]
    error = max(errors, key=lambda f: f.last_error_at or now).last_error if errors else None

    levels = {}
    for key, f in entries.items():
        if f is not None:
            interval = (intervals or {}).get(key, _DEFAULT_INTERVAL_S)
            levels[key] = freshness_level(f, now, interval)
    if any(
        level is FreshnessLevel.STALE
        or (level is FreshnessLevel.NEVER and entries[key].consecutive_failures > 0)
        for key, level in levels.items()
    ):
        return RegionHealth(RegionState.DOWN, last_good, error)
    live = [entries[k] for k in keys if k.rpartition("/")[2] in LIVE_KINDS]
    if live and all(f is not None and f.consecutive_failures >= DOWN_AFTER_FAILURES for f in live):
        return RegionHealth(RegionState.DOWN, last_good, error)
    if not keys or any(f is None or f.last_success is None for f in entries.values()):
        return RegionHealth(RegionState.WAITING, last_good, error)
    if errors or any(level is FreshnessLevel.LATE for level in levels.values()):
        return RegionHealth(RegionState.LATE, last_good, error)
    return RegionHealth(RegionState.LIVE, last_good, None)


__all__ = ["DOWN_AFTER_FAILURES", "LIVE_KINDS", "RegionHealth", "RegionState", "region_health"]
