"""What one apply changed in the store: record keys added, changed and removed, per kind."""

from __future__ import annotations

from dataclasses import dataclass

from wallboard.model.record_key import RecordKey

_NONE: frozenset[RecordKey] = frozenset()


@dataclass(frozen=True)
class KindDiff:
    """The keys (backend, id) of one kind of record that appeared, changed or left."""

    added: frozenset[RecordKey] = _NONE
    changed: frozenset[RecordKey] = _NONE
    removed: frozenset[RecordKey] = _NONE

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


EMPTY_KIND_DIFF = KindDiff()


@dataclass(frozen=True)
class StoreDiff:
    """Everything one apply changed; views redraw only this."""

    incidents: KindDiff = EMPTY_KIND_DIFF
    calls: KindDiff = EMPTY_KIND_DIFF
    units: KindDiff = EMPTY_KIND_DIFF
    agencies: KindDiff = EMPTY_KIND_DIFF
    queue_changed: bool = False
    regions_changed: bool = False
    alerts_changed: bool = False  # public hazard alerts (Store.alerts)
    reference_changed: bool = False  # last week's incidents (Store.reference_incidents)

    @property
    def is_empty(self) -> bool:
        return (
            self.incidents.is_empty
            and self.calls.is_empty
            and self.units.is_empty
            and self.agencies.is_empty
            and not self.queue_changed
            and not self.regions_changed
            and not self.alerts_changed
            and not self.reference_changed
        )


EMPTY_DIFF = StoreDiff()

__all__ = ["EMPTY_DIFF", "EMPTY_KIND_DIFF", "KindDiff", "StoreDiff"]
