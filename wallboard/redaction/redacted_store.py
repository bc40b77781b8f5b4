"""A read-only facade of the store that holds redacted copies of its records.

It has the store's read API and signals, so panels and the map take it in the store's
place and cannot tell the difference; its records are keyed like the store's, by
``RecordKey(backend, id)``. Each store diff re-redacts only the keys it names
(10,000 incidents are redacted once, then a poll costs what it changed), and the
facade's ``changed`` fires after its copies are up to date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TypeVar

from psygnal import Signal

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import RegionInfo
from wallboard.model import Agency, CallRecord, Incident, QueueSnapshot, RecordKey, Unit
from wallboard.model.alert import Alert
from wallboard.redaction.grid import DEFAULT_GRID_METRES
from wallboard.redaction.records import redact_call, redact_incident, redact_queue, redact_unit
from wallboard.store import KindDiff, SourceFreshness, Store, StoreDiff
from wallboard.store.quality import QualityLedger

R = TypeVar("R")


def _follow(
    copies: dict[RecordKey, R],
    source: Mapping[RecordKey, R],
    diff: KindDiff,
    redact: Callable[[R], R],
) -> None:
    """Bring ``copies`` in line with ``source`` for the keys the diff names."""
    for key in diff.removed:
        copies.pop(key, None)
    for key in diff.added | diff.changed:
        rec = source.get(key)
        if rec is None:
            copies.pop(key, None)
        else:
            copies[key] = redact(rec)


class RedactedStore:
    """The store as a public-facing screen sees it: same API, personal data removed."""

    changed = Signal(StoreDiff)
    freshness_changed = Signal(str)

    def __init__(self, store: Store, *, grid_m: float = DEFAULT_GRID_METRES) -> None:
        self._store = store
        self.grid_m = grid_m
        self._redact_incident = lambda i: redact_incident(i, grid_m)
        self._redact_unit = lambda u: redact_unit(u, grid_m)
        self._incidents = {k: self._redact_incident(v) for k, v in store.incidents.items()}
        self._calls = {k: redact_call(v) for k, v in store.calls.items()}
        self._units = {k: self._redact_unit(v) for k, v in store.units.items()}
        self._queues = {k: redact_queue(v) for k, v in store.queues.items()}
        self._incidents_view = MappingProxyType(self._incidents)
        self._calls_view = MappingProxyType(self._calls)
        self._units_view = MappingProxyType(self._units)
        self._queues_view = MappingProxyType(self._queues)
        self._reference_source: dict[str, tuple[Incident, ...]] = {}
        self._reference: dict[str, tuple[Incident, ...]] = {}
        # psygnal holds these bound methods weakly: the facade lives as long as its owner
        store.changed.connect(self._on_changed)
        store.freshness_changed.connect(self._on_freshness)

    @property
    def source(self) -> Store:
        """The store this facade redacts (for the poller's side of things, never views)."""
        return self._store

    # -- the store's read API, redacted ----------------------------------------------

    @property
    def incidents(self) -> Mapping[RecordKey, Incident]:
        return self._incidents_view

    @property
    def calls(self) -> Mapping[RecordKey, CallRecord]:
        return self._calls_view

    @property
    def units(self) -> Mapping[RecordKey, Unit]:
        return self._units_view

    @property
    def queues(self) -> Mapping[str, QueueSnapshot]:
        return self._queues_view

    # agencies, regions and freshness hold nothing personal: the store's own views

    @property
    def agencies(self) -> Mapping[RecordKey, Agency]:
        return self._store.agencies

    @property
    def regions(self) -> Mapping[str, RegionInfo]:
        return self._store.regions

    @property
    def freshness(self) -> Mapping[str, SourceFreshness]:
        return self._store.freshness

    @property
    def alerts(self) -> Mapping[str, tuple[Alert, ...]]:
        # public hazard alerts are public information: passed through unchanged
        return self._store.alerts

    @property
    def reference_incidents(self) -> Mapping[str, tuple[Incident, ...]]:
        # last week's incidents, redacted like today's (read for dispatch times only);
        # redone only when the store's reference day changed
        held = self._store.reference_incidents
        source = self._reference_source
        if len(source) != len(held) or any(source.get(b) is not v for b, v in held.items()):
            self._reference_source = dict(held)
            self._reference = {
                b: tuple(self._redact_incident(i) for i in items) for b, items in held.items()
            }
        return self._reference

    @property
    def alerts_left_off(self) -> Mapping[str, int]:
        return self._store.alerts_left_off

    @property
    def quality(self) -> QualityLedger:
        """Counts of records repaired and dropped, by reason: no personal data in them."""
        return self._store.quality

    def owned_by(self, backend: str, kind: FeedKind) -> frozenset[RecordKey]:
        return self._store.owned_by(backend, kind)

    def clock_skew(self, backend: str | None = None) -> timedelta:
        return self._store.clock_skew(backend)

    def feed_now(self, backend: str | None = None) -> datetime:
        return self._store.feed_now(backend)

    # -- following the store ---------------------------------------------------------

    def _on_changed(self, diff: StoreDiff) -> None:
        store = self._store
        _follow(self._incidents, store.incidents, diff.incidents, self._redact_incident)
        _follow(self._calls, store.calls, diff.calls, redact_call)
        _follow(self._units, store.units, diff.units, self._redact_unit)
        if diff.queue_changed:
            self._queues.clear()
            self._queues.update((k, redact_queue(v)) for k, v in store.queues.items())
        self.changed.emit(diff)

    def _on_freshness(self, key: str) -> None:
        self.freshness_changed.emit(key)


__all__ = ["RedactedStore"]
