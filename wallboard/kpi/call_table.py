"""The store's call records as columns, kept current from its diffs at the cost of the change.

A panel that recomputes KPIs on every calls poll would otherwise turn 50,000 (or a
province's 150,000) records into columns each time: tens of milliseconds of Python per
poll, holding the GIL. This table converts only the records a diff names, in place, and
hands out a copy of its live rows (a few memory copies) for the worker to compute on.
Each row also carries its owner (the backend that sent it), so one region's calls are a
mask, not a walk over every record.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

import numpy as np

from wallboard.kpi.columns import MISSING, UNCLASSIFIED, CallColumns
from wallboard.model import CallRecord

_TIMES = ("offered", "answered", "abandoned", "ended")
NO_OWNER = -1


class CallTable:
    """Columns of the calls a store holds, by the store's key, with each row's owner.

    ``owner_of(key)`` names the backend that sent a key (None: not known). Rows of
    removed keys are reused; ``columns()`` gives the live rows only.
    """

    def __init__(self, owner_of: Callable[[Hashable], str | None] | None = None) -> None:
        self._owner_of = owner_of
        self._owners: dict[str | None, int] = {}
        self._rows: dict[Hashable, int] = {}
        self._free: list[int] = []
        self._size = 0
        self._alloc(1024)

    def _alloc(self, capacity: int) -> None:
        self._times = np.full((4, capacity), MISSING, dtype=np.int64)
        self._disposition = np.full(capacity, UNCLASSIFIED, dtype=np.int8)
        self._owner = np.full(capacity, NO_OWNER, dtype=np.int16)
        self._live = np.zeros(capacity, dtype=bool)

    def _grow(self, needed: int) -> None:
        capacity = len(self._live)
        if needed <= capacity:
            return
        new = max(needed, capacity * 2)
        times, disposition, owner, live = self._times, self._disposition, self._owner, self._live
        self._alloc(new)
        self._times[:, :capacity] = times
        self._disposition[:capacity] = disposition
        self._owner[:capacity] = owner
        self._live[:capacity] = live

    def __len__(self) -> int:
        return len(self._rows)

    def reset(self, calls: Mapping[Hashable, CallRecord]) -> None:
        """Forget everything and take in every record of ``calls``."""
        self._rows.clear()
        self._free.clear()
        self._size = 0
        self._alloc(max(1024, len(calls)))
        self.update(calls, calls.keys())

    def update(self, calls: Mapping[Hashable, CallRecord], keys: Iterable[Hashable]) -> None:
        """Take in the current record of each key (gone from ``calls``: the row goes)."""
        present: list[Hashable] = []
        records: list[CallRecord] = []
        for key in keys:
            record = calls.get(key)
            if record is None:
                row = self._rows.pop(key, None)
                if row is not None:
                    self._live[row] = False
                    self._free.append(row)
            else:
                present.append(key)
                records.append(record)
        if not records:
            return
        rows = np.empty(len(records), dtype=np.int64)
        for n, key in enumerate(present):
            row = self._rows.get(key)
            if row is None:
                if self._free:
                    row = self._free.pop()
                else:
                    row = self._size
                    self._size += 1
                self._rows[key] = row
            rows[n] = row
        self._grow(self._size)
        cols = CallColumns.from_records(records, deduplicated=True)
        for k, name in enumerate(_TIMES):
            self._times[k, rows] = getattr(cols, name)
        self._disposition[rows] = cols.disposition
        self._owner[rows] = [self._owner_code(key) for key in present]
        self._live[rows] = True

    def _owner_code(self, key: Hashable) -> int:
        if self._owner_of is None:
            return NO_OWNER
        name = self._owner_of(key)
        code = self._owners.get(name)
        if code is None:
            code = self._owners[name] = len(self._owners)
        return code

    def columns(self, owner: str | None = None) -> CallColumns:
        """A copy of the live rows (only ``owner``'s when given): safe off the GUI thread."""
        rows = self._live[: self._size]
        if owner is not None:
            code = self._owners.get(owner)
            if code is None:
                rows = np.zeros(self._size, dtype=bool)
            else:
                rows = rows & (self._owner[: self._size] == code)
        times = self._times[:, : self._size][:, rows]
        return CallColumns(
            offered=times[0],
            answered=times[1],
            abandoned=times[2],
            ended=times[3],
            disposition=self._disposition[: self._size][rows],
        )


__all__ = ["CallTable"]
