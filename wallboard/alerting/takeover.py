"""The takeover queue: which new incidents take over the wall, and until when.

Pure Python, evented with psygnal, fed by the store's diffs. An incident takes over
when it first appears, is open and matches the rule (priority 1 by default) — never
one of the incidents a backend already had open when the wall first heard from it.
Several at once stack (newest first); each ends after the rule's time, when its
incident leaves the store, or when the wall is acknowledged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from psygnal import Signal

from wallboard.feed.kinds import FeedKind
from wallboard.model import Incident, IncidentCategory, Priority, RecordKey
from wallboard.store import Store, StoreDiff

DEFAULT_SECONDS = 20.0
# An incident on a later page of a backend's first listing is still "open at start":
# one created this long before the wall first heard from its backend does not alert.
START_GRACE = timedelta(seconds=60)
# How long an incident that took over is remembered, so a re-sent revision (or one
# removed and sent again) does not take over a second time.
REMEMBER = timedelta(hours=6)


@dataclass(frozen=True)
class TakeoverRule:
    """Which incidents take over (priorities; categories, empty = every one) and how long."""

    priorities: frozenset[Priority] = frozenset({Priority.CRITICAL})
    categories: frozenset[IncidentCategory] = frozenset()
    seconds: float = DEFAULT_SECONDS

    def matches(self, incident: Incident) -> bool:
        if not incident.is_open or incident.priority not in self.priorities:
            return False
        return not self.categories or incident.category in self.categories


@dataclass(frozen=True)
class Takeover:
    """One incident taking over the wall from ``started`` to ``ends`` (our wall clock);
    ``key`` is the incident's store key (backend, id)."""

    key: RecordKey
    started: datetime
    ends: datetime


class Takeovers:
    """The takeovers on show now, newest first; ``changed`` fires when that list changes."""

    changed = Signal()
    started = Signal(object)  # the incident's RecordKey: a new takeover (the chime plays)

    def __init__(
        self,
        store: Store,
        rule: TakeoverRule,
        wall_clock: Callable[[], datetime],
    ) -> None:
        self._store = store
        self.rule = rule
        self._clock = wall_clock
        self._armed: dict[str, datetime] = {}
        self._alerted: dict[RecordKey, datetime] = {}
        self._active: list[Takeover] = []
        self.acknowledged = 0  # how many takeovers an acknowledgement ended, in all
        # incidents the store holds already were open before us: arm their backends now
        self._arm({key.backend for key in store.incidents})
        store.changed.connect(self._on_changed)
        # a backend whose first listing was empty is armed by its first successful poll
        store.freshness_changed.connect(self._on_freshness)

    @property
    def active(self) -> tuple[Takeover, ...]:
        return tuple(self._active)

    def close(self) -> None:
        self._store.changed.disconnect(self._on_changed, missing_ok=True)
        self._store.freshness_changed.disconnect(self._on_freshness, missing_ok=True)

    def _on_freshness(self, key: str) -> None:
        backend, _, kind = key.partition("/")
        if kind != FeedKind.INCIDENTS.value or backend in self._armed:
            return
        fresh = self._store.freshness.get(key)
        if fresh is not None and fresh.last_success is not None:
            self._arm([backend])  # the poller applies a page before it records success

    def _arm(self, backends: Iterable[str]) -> None:
        for backend in backends:
            if backend not in self._armed:
                self._armed[backend] = self._store.feed_now(backend)

    def _on_changed(self, diff: StoreDiff) -> None:
        d = diff.incidents
        if d.is_empty:
            return
        incidents = self._store.incidents
        gone = [t for t in self._active if t.key not in incidents]
        new: list[RecordKey] = []
        if d.added:
            # a record's backend is in its key
            first = {key.backend for key in d.added if key in incidents} - set(self._armed)
            for key in d.added:
                incident = incidents.get(key)
                if key.backend in first or incident is None:
                    continue  # a backend's first listing: what was open at start
                if key in self._alerted or not self.rule.matches(incident):
                    continue
                if incident.created_at < self._armed[key.backend] - START_GRACE:
                    continue
                new.append(key)
            self._arm(first)
        if not (gone or new):
            return
        for takeover in gone:
            self._active.remove(takeover)
        now = self._clock()
        ends = now + timedelta(seconds=self.rule.seconds)
        new.sort(key=lambda k: (incidents[k].created_at, k))
        for key in new:  # the newest on top
            self._alerted[key] = now
            self._active.insert(0, Takeover(key, now, ends))
        self.changed.emit()
        for key in new:
            self.started.emit(key)

    def tick(self) -> None:
        """Once a second: end the takeovers whose time is up."""
        now = self._clock()
        ended = [t for t in self._active if t.ends <= now]
        for key, at in list(self._alerted.items()):
            if now - at > REMEMBER:
                del self._alerted[key]
        if ended:
            self._active = [t for t in self._active if t.ends > now]
            self.changed.emit()

    def acknowledge(self) -> int:
        """The duty manager has seen them: end every takeover on show; returns how many."""
        count = len(self._active)
        if count:
            self._active.clear()
            self.acknowledged += count
            self.changed.emit()
        return count


__all__ = ["DEFAULT_SECONDS", "Takeover", "TakeoverRule", "Takeovers"]
