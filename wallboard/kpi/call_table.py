"""The store's call records as columns, kept current from its diffs at the cost of the change.

A panel that recomputes KPIs on every calls poll would otherwise turn 50,000 (or a
province's 150,000) records into columns each time: tens of milliseconds of Python per
poll, holding the GIL off the GUI thread and so stalling it. This table converts only
the records a diff names, in place, and ``snapshot()`` copies its arrays (memory copies,
a few milliseconds at most) for the worker, which picks the live rows out of the copy.
Each row also carries its owner (the backend that sent it), so one region's calls are a
mask, not a walk over every record.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from wallboard.kpi.columns import MISSING, UNCLASSIFIED, CallColumns
from wallboard.kpi.row_pool import NO_OWNER, RowPool, owner_codes
from wallboard.model import CallRecord

_TIMES = ("offered", "answered", "abandoned", "ended")


@dataclass(frozen=True)
class CallTableCopy:
    """A copy of a CallTable's arrays, live rows and dead ones: safe off the GUI thread."""

    times: np.ndarray  # (4, n): offered, answered, abandoned, ended
    disposition: np.ndarray
    owner: np.ndarray
    live: np.ndarray
    owners: Mapping[str | None, int]

    def columns(self, owner: str | None = None) -> CallColumns:
        """CallColumns of the live rows, only ``owner``'s when given."""
        rows = self.live
        if owner is not None:
            rows = rows & (self.owner == self.owners.get(owner, -2))
        times = self.times[:, rows]
        return CallColumns(times[0], times[1], times[2], times[3], self.disposition[rows])


class CallTable:
    """Columns of the calls a store holds, by the store's key, with each row's owner.

    ``owner_of(key)`` names the backend that sent a key (None: not known); with
    ``accepts``, only the records of owners it accepts are held (a panel keeps the
    static reference day apart from today's calls, so each poll copies only today's).
    Rows of removed keys are reused.
    """

    def __init__(
        self,
        owner_of: Callable[[Hashable], str | None] | None = None,
        accepts: Callable[[str | None], bool] | None = None,
    ) -> None:
        self._owner_of = owner_of
        self._accepts = accepts
        self._owners: dict[str | None, int] = {}
        self._rows = RowPool()
        self._copy: CallTableCopy | None = None
        self._alloc(1024)

    def _alloc(self, capacity: int, keep: int = 0) -> None:
        old = (self._times, self._disposition, self._owner, self._live) if keep else None
        self._times = np.full((4, capacity), MISSING, dtype=np.int64)
        self._disposition = np.full(capacity, UNCLASSIFIED, dtype=np.int8)
        self._owner = np.full(capacity, NO_OWNER, dtype=np.int16)
        self._live = np.zeros(capacity, dtype=bool)
        if old:
            self._times[:, :keep] = old[0][:, :keep]
            self._disposition[:keep] = old[1][:keep]
            self._owner[:keep] = old[2][:keep]
            self._live[:keep] = old[3][:keep]

    def __len__(self) -> int:
        return len(self._rows)

    def reset(self, calls: Mapping[Hashable, CallRecord]) -> None:
        """Forget everything and take in every record of ``calls``."""
        self._rows = RowPool()
        self._alloc(1024 + len(calls) * 5 // 4)  # room to grow before copying
        self.update(calls, calls.keys())

    def update(self, calls: Mapping[Hashable, CallRecord], keys: Iterable[Hashable]) -> None:
        """Take in the current record of each key (gone from ``calls``: the row goes)."""
        self._copy = None
        keys = keys if isinstance(keys, list) else list(keys)
        found = list(map(calls.get, keys))
        if self._accepts is not None and self._owner_of is not None:
            accepted = map(self._accepts, map(self._owner_of, keys))
            found = [r if ok else None for r, ok in zip(found, accepted, strict=True)]
        present = [k for k, r in zip(keys, found, strict=True) if r is not None]
        records = [r for r in found if r is not None]
        if len(present) < len(keys):
            for key, record in zip(keys, found, strict=True):
                if record is None:
                    row = self._rows.release(key)
                    if row is not None:
                        self._live[row] = False
        if not records:
            return
        rows = self._rows.take(present)
        capacity = len(self._live)
        if self._rows.size > capacity:
            self._alloc(max(self._rows.size, 2 * capacity), keep=capacity)
        cols = CallColumns.from_records(records, deduplicated=True)
        for k, name in enumerate(_TIMES):
            self._times[k, rows] = getattr(cols, name)
        self._disposition[rows] = cols.disposition
        self._owner[rows] = owner_codes(self._owners, self._owner_of, present)
        self._live[rows] = True

    def snapshot(self) -> CallTableCopy:
        """A copy of the arrays (memory copies only) for the worker; the same copy again
        while nothing changed."""
        if self._copy is not None:
            return self._copy
        n = self._rows.size
        self._copy = CallTableCopy(
            times=self._times[:, :n].copy(),
            disposition=self._disposition[:n].copy(),
            owner=self._owner[:n].copy(),
            live=self._live[:n].copy(),
            owners=dict(self._owners),
        )
        return self._copy

    def columns(self, owner: str | None = None) -> CallColumns:
        """The live rows now (only ``owner``'s when given), as CallColumns."""
        return self.snapshot().columns(owner)


__all__ = ["CallTable", "CallTableCopy"]
