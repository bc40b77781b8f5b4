"""The freshness of each source as the panels show it: level, age and how alarming.

The rule itself is ``wallboard.store.freshness_level``; this only gathers it per source
key and picks the worst for the feed kinds a panel shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from wallboard.feed.kinds import FeedKind, HazardKind
from wallboard.poller.backend import DEFAULT_INTERVALS
from wallboard.store import FreshnessLevel, SourceFreshness, Store, freshness_level

_FALLBACK_INTERVAL = 2.0


@dataclass(frozen=True)
class SourceState:
    """One source ("samarinda/incidents") judged at one moment."""

    freshness: SourceFreshness
    kind: FeedKind | HazardKind | None
    level: FreshnessLevel
    age_s: float | None  # since the last success, on the wall clock; None if never
    several_backends: bool = False  # then words about it must say which backend

    @property
    def backend(self) -> str:
        return self.freshness.key.partition("/")[0]

    @property
    def key(self) -> str:
        return self.freshness.key

    @property
    def alarming(self) -> bool:
        """Whether panels showing this source must be marked as not current.

        STALE, or never a success although polls have failed (the backend is down since
        start-up). NEVER with no failure is the first poll still in flight.
        """
        if self.level is FreshnessLevel.STALE:
            return True
        return self.level is FreshnessLevel.NEVER and self.freshness.consecutive_failures > 0

    @property
    def severity(self) -> int:
        if self.alarming:
            return 3
        return {FreshnessLevel.LATE: 2, FreshnessLevel.NEVER: 1}.get(self.level, 0)


def wall_now(store: Store, clock: Callable[[], datetime]) -> datetime:
    """Our own wall-clock time: freshness is recorded on it, ``clock`` is the feed's time."""
    return clock() - store.clock_skew()


def _kind_of(key: str) -> FeedKind | HazardKind | None:
    name = key.rpartition("/")[2]
    for kinds in (FeedKind, HazardKind):
        try:
            return kinds(name)
        except ValueError:
            pass
    return None


def source_states(
    store: Store, now: datetime, intervals: Mapping[str, float] | None = None
) -> list[SourceState]:
    """Every source the store has heard of, judged at wall-clock ``now``, sorted by key.

    ``intervals`` gives the poll interval of a source key; missing keys use the
    poller's default for their kind.
    """
    intervals = intervals or {}
    several = len({key.partition("/")[0] for key in store.freshness}) > 1
    states = []
    for key in sorted(store.freshness):
        fresh = store.freshness[key]
        kind = _kind_of(key)
        interval = intervals.get(key) or DEFAULT_INTERVALS.get(kind, _FALLBACK_INTERVAL)
        level = freshness_level(fresh, now, interval)
        age = None if fresh.last_success is None else (now - fresh.last_success).total_seconds()
        states.append(SourceState(fresh, kind, level, age, several))
    return states


def worst_state(states: Iterable[SourceState], kinds: Iterable[FeedKind]) -> SourceState | None:
    """The most alarming state among sources of ``kinds`` (oldest first among equals)."""
    wanted = set(kinds)
    candidates = [s for s in states if s.kind in wanted]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.severity, s.age_s or 0.0))


__all__ = ["SourceState", "source_states", "wall_now", "worst_state"]
