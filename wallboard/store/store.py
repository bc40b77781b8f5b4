"""The store: the wall's current state, the one source of truth that views read.

Pure Python, evented with psygnal so it runs headless. Called only from the event-loop
thread; it does not lock. A failed poll never discards state: failures only touch
freshness.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from psygnal import Signal

from wallboard.feed.decode import PAGE_TYPES, Decoded
from wallboard.feed.kinds import FeedKind, HazardKind
from wallboard.feed.pages import RegionInfo
from wallboard.model import Agency, CallRecord, Incident, QueueSnapshot, Unit
from wallboard.model.alert import Alert, AlertList
from wallboard.model.record_key import RecordKey
from wallboard.store.diff import EMPTY_DIFF, KindDiff, StoreDiff
from wallboard.store.freshness import ClockSkew, SourceFreshness
from wallboard.store.quality import QualityLedger
from wallboard.store.table import RecordTable

_MAX_ERROR = 500


def _aware_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """Current records of every backend, their freshness, and the diff of each update.

    Records are keyed by ``RecordKey(backend, id)``: two backends that use the same ids
    (two regions' CADs both numbering from 1) each keep their own records.
    """

    changed = Signal(StoreDiff)
    freshness_changed = Signal(str)

    def __init__(self, *, wall_clock: Callable[[], datetime] = _aware_now) -> None:
        self._wall_clock = wall_clock
        self._tables = {
            FeedKind.INCIDENTS: RecordTable(remember_removed=True),
            FeedKind.CALLS: RecordTable(remember_removed=True),
            FeedKind.UNITS: RecordTable(remember_removed=False),
            FeedKind.AGENCIES: RecordTable(remember_removed=False),
        }
        self._queues: dict[str, QueueSnapshot] = {}
        self._regions: dict[str, RegionInfo] = {}
        self._freshness: dict[str, SourceFreshness] = {}
        self._skews: dict[str, ClockSkew] = {}
        self._queues_view = MappingProxyType(self._queues)
        self._regions_view = MappingProxyType(self._regions)
        self._alerts: dict[str, tuple[Alert, ...]] = {}
        self._alerts_view = MappingProxyType(self._alerts)
        self._reference: dict[str, tuple[Incident, ...]] = {}
        self._reference_view = MappingProxyType(self._reference)
        self._alerts_left_off: dict[str, int] = {}
        self._alerts_left_off_view = MappingProxyType(self._alerts_left_off)
        self._freshness_view = MappingProxyType(self._freshness)
        self._quality = QualityLedger()

    # -- read-only views -------------------------------------------------------------

    @property
    def incidents(self) -> Mapping[RecordKey, Incident]:
        return self._tables[FeedKind.INCIDENTS].view

    @property
    def calls(self) -> Mapping[RecordKey, CallRecord]:
        return self._tables[FeedKind.CALLS].view

    @property
    def units(self) -> Mapping[RecordKey, Unit]:
        return self._tables[FeedKind.UNITS].view

    @property
    def agencies(self) -> Mapping[RecordKey, Agency]:
        return self._tables[FeedKind.AGENCIES].view

    @property
    def queues(self) -> Mapping[str, QueueSnapshot]:
        """The latest queue snapshot of each backend, by backend name."""
        return self._queues_view

    @property
    def regions(self) -> Mapping[str, RegionInfo]:
        """What region each backend serves, by backend name."""
        return self._regions_view

    @property
    def freshness(self) -> Mapping[str, SourceFreshness]:
        """Poll history by source key, e.g. "samarinda/incidents"."""
        return self._freshness_view

    @property
    def alerts(self) -> Mapping[str, tuple[Alert, ...]]:
        """Current public hazard alerts by source (backend name), newest first."""
        return self._alerts_view

    @property
    def reference_incidents(self) -> Mapping[str, tuple[Incident, ...]]:
        """Each backend's incidents of its reference day (the same weekday last week), by
        backend name: for KPIs only. Kept apart from ``incidents``, which the map, the
        lists and the counts show as today's."""
        return self._reference_view

    def set_reference_incidents(self, backend: str, items: Iterable[Incident]) -> StoreDiff:
        """Replace ``backend``'s reference-day incidents; emit and return the change."""
        items = tuple(items)
        if self._reference.get(backend) == items:
            return EMPTY_DIFF
        self._reference[backend] = items
        diff = StoreDiff(reference_changed=True)
        self.changed.emit(diff)
        return diff

    @property
    def alerts_left_off(self) -> Mapping[str, int]:
        """By source: how many alerts it listed that are not for this region (counted
        on screen, never silently lost)."""
        return self._alerts_left_off_view

    @property
    def quality(self) -> QualityLedger:
        """Records repaired and dropped per source, by reason (``wallboard/store/quality.py``)."""
        return self._quality

    def owned_by(self, backend: str, kind: FeedKind) -> frozenset[RecordKey]:
        """The keys of ``kind`` that ``backend`` sent and the store still holds."""
        return self._tables[kind].owned_by(backend)

    # -- updates ---------------------------------------------------------------------

    def apply(self, backend: str, kind: FeedKind, page: object) -> StoreDiff:
        """Merge one decoded page from ``backend``; emit and return what changed.

        Idempotent: records not newer than those held change nothing. A full page
        replaces this backend's records of that kind; a delta adds, changes and removes.
        ``page`` may be the ``Decoded`` itself (preferred): then a record rejected from
        a full page keeps its last good version instead of vanishing from the wall.
        """
        keep: frozenset[str] = frozenset()
        if isinstance(page, Decoded):
            keep = frozenset(r.record_id for r in page.rejected if r.record_id is not None)
            page = page.page
        if kind is HazardKind.ALERTS:
            diff = self._apply_alerts(backend, page)
            if not diff.is_empty:
                self.changed.emit(diff)
            return diff
        expected = PAGE_TYPES[kind]
        if not isinstance(page, expected):
            raise TypeError(f"{kind} expects {expected.__name__}, got {type(page).__name__}")
        if kind is FeedKind.QUEUE:
            diff = self._apply_queue(backend, page)
        elif kind is FeedKind.INFO:
            diff = self._apply_region(backend, page)
        else:
            diff = self._apply_records(backend, kind, page, keep)
        if not diff.is_empty:
            self.changed.emit(diff)
        return diff

    def _apply_records(
        self, backend: str, kind: FeedKind, page: Any, keep: frozenset[str]
    ) -> StoreDiff:
        table = self._tables[kind]
        added: set[RecordKey] = set()
        changed: set[RecordKey] = set()
        removed: set[RecordKey] = set()
        full = getattr(page, "full", True)  # UnitList and AgencyList are always full
        if full:
            present = {rec.id for rec in page.items} | keep
            gone = [rid for rid in table.held_ids(backend) if rid not in present]
            table.remove(backend, gone, removed)
        else:
            table.remove(backend, page.removed, removed)
        table.upsert(backend, page.items, added, changed)
        # Removed then re-sent in one page: the record is back, so it changed.
        back = removed & added
        if back:
            removed -= back
            added -= back
            changed |= back
        if not (added or changed or removed):
            return EMPTY_DIFF
        kd = KindDiff(frozenset(added), frozenset(changed), frozenset(removed))
        return StoreDiff(**{kind.value: kd})

    def _apply_queue(self, backend: str, page: QueueSnapshot) -> StoreDiff:
        held = self._queues.get(backend)
        # ``at`` is the time of the queue's last change: an older snapshot is old news.
        if held is not None and (page.at < held.at or page == held):
            return EMPTY_DIFF
        self._queues[backend] = page
        return StoreDiff(queue_changed=True)

    def _apply_region(self, backend: str, page: RegionInfo) -> StoreDiff:
        if self._regions.get(backend) == page:
            return EMPTY_DIFF
        self._regions[backend] = page
        return StoreDiff(regions_changed=True)

    def _apply_alerts(self, backend: str, page: object) -> StoreDiff:
        if not isinstance(page, AlertList):
            raise TypeError(f"alerts expect AlertList, got {type(page).__name__}")
        held = self._alerts_left_off.get(backend, 0)
        if self._alerts.get(backend) == page.items and held == page.left_off:
            return EMPTY_DIFF
        self._alerts[backend] = page.items
        self._alerts_left_off[backend] = page.left_off
        return StoreDiff(alerts_changed=True)

    # -- freshness -------------------------------------------------------------------

    def _update(self, key: str, **changes: Any) -> None:
        old = self._freshness.get(key) or SourceFreshness(key=key)
        self._freshness[key] = replace(old, **changes)
        self.freshness_changed.emit(key)

    def record_attempt(self, key: str, at: datetime) -> None:
        """A poll of source ``key`` started at ``at`` (wall clock).

        Signalled only for a source heard of for the first time (it appears, waiting):
        for a known source a start changes nothing any view shows, and every view
        re-judging every source at every poll's start was a third of an idle wall's
        Python time (docs/operations.md, idle cost).
        """
        old = self._freshness.get(key)
        if old is None:
            self._update(key, last_attempt=at)
        else:
            self._freshness[key] = replace(old, last_attempt=at)

    def record_quality(self, key: str, decoded: Decoded, seen_at: datetime) -> None:
        """Count what the decoder repaired and dropped in a page of source ``key``; the
        counts are read through ``quality`` (views re-read them on ``freshness_changed``)."""
        self._quality.record(key, decoded, seen_at)

    def record_success(
        self, key: str, at: datetime, feed_time: datetime | None, *, rough: bool = False
    ) -> None:
        """A poll succeeded at ``at``; ``feed_time`` (the backend's clock then) feeds the
        skew estimate, as a rough sample when a cache hid how old the answer was."""
        if feed_time is not None and feed_time.tzinfo is not None:
            backend = key.split("/", 1)[0]
            self._skews.setdefault(backend, ClockSkew()).add(feed_time, at, rough=rough)
        self._update(key, last_success=at, consecutive_failures=0)

    def record_failure(self, key: str, at: datetime, error: str) -> None:
        """A poll failed; the data held stays, only freshness records the failure."""
        old = self._freshness.get(key)
        failures = (old.consecutive_failures if old else 0) + 1
        if len(error) > _MAX_ERROR:
            error = error[: _MAX_ERROR - 1] + "…"
        self._update(key, last_error=error, last_error_at=at, consecutive_failures=failures)

    def clock_skew(self, backend: str | None = None) -> timedelta:
        """How far ``backend``'s clock runs ahead of ours (all backends: their median)."""
        if backend is not None:
            skew = self._skews.get(backend)
            return skew.offset() if skew else timedelta(0)
        values = [s.seconds for s in self._skews.values() if s.seconds is not None]
        return timedelta(seconds=statistics.median(values)) if values else timedelta(0)

    def feed_now(self, backend: str | None = None) -> datetime:
        """The backend's current time: our wall clock plus its estimated clock skew."""
        return self._wall_clock() + self.clock_skew(backend)


__all__ = ["Store"]
