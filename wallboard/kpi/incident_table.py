"""The store's incidents as columns, kept current from its diffs at the cost of the change.

Incidents change every few seconds (a unit en route, on scene); rebuilding the columns
of 10,000 of them (or a province's 30,000) for each computation is Python work that
holds the GIL off the GUI thread and stalls it. Like CallTable, this table converts only
the incidents a diff names, in place: one row per incident, and one row per (incident,
agency) pair for the per-agency figures, both reused when freed. ``snapshot()`` copies
the arrays (memory copies only); the worker picks the live rows out of the copy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from wallboard.kpi.columns import MISSING, IncidentColumns
from wallboard.kpi.row_pool import NO_OWNER, RowPool, owner_codes
from wallboard.model import Incident


@dataclass(frozen=True)
class IncidentTableCopy:
    """A copy of an IncidentTable's arrays, live rows and dead ones: safe to read off the
    GUI thread. ``columns()`` picks the live rows (of one owner) there."""

    created: np.ndarray
    is_open: np.ndarray
    category: np.ndarray
    first: np.ndarray
    owner: np.ndarray
    live: np.ndarray
    agencies: tuple[str, ...]
    pair_incident: np.ndarray
    pair_agency: np.ndarray
    pair_first: np.ndarray
    pair_live: np.ndarray
    owners: Mapping[str | None, int]

    def columns(self, owner: str | None = None) -> IncidentColumns:
        """IncidentColumns of the live rows, only ``owner``'s when given."""
        rows = self.live
        if owner is not None:
            rows = rows & (self.owner == self.owners.get(owner, -2))
        renumber = np.cumsum(rows) - 1  # table row -> row in the columns
        pairs = self.pair_live & rows[self.pair_incident]
        return IncidentColumns(
            created=self.created[rows],
            is_open=self.is_open[rows],
            category=self.category[rows],
            first=self.first[rows],
            agencies=self.agencies,
            agency_incident=renumber[self.pair_incident[pairs]],
            agency_code=self.pair_agency[pairs],
            agency_first=self.pair_first[pairs],
        )


class IncidentTable:
    """Columns of the incidents a store holds, by the store's key, with each row's owner."""

    def __init__(self, owner_of: Callable[[Hashable], str | None] | None = None) -> None:
        self._owner_of = owner_of
        self._owners: dict[str | None, int] = {}
        self._agencies: list[str] = []
        self._agency_index: dict[str, int] = {}
        self._rows = RowPool()
        self._pairs = RowPool()
        self._pairs_of: dict[Hashable, list[int]] = {}
        self._alloc_rows(256)
        self._alloc_pairs(512)

    def _alloc_rows(self, n: int, keep: int = 0) -> None:
        old = (
            (self._created, self._open, self._category, self._first, self._owner, self._live)
            if keep
            else None
        )
        self._created = np.full(n, MISSING, dtype=np.int64)
        self._open = np.zeros(n, dtype=bool)
        self._category = np.zeros(n, dtype=np.int16)
        self._first = np.full((n, 3), MISSING, dtype=np.int64)
        self._owner = np.full(n, NO_OWNER, dtype=np.int16)
        self._live = np.zeros(n, dtype=bool)
        if old:
            new = (self._created, self._open, self._category, self._first, self._owner, self._live)
            for a, b in zip(new, old, strict=True):
                a[:keep] = b[:keep]

    def _alloc_pairs(self, n: int, keep: int = 0) -> None:
        old = (self._pinc, self._pagency, self._pfirst, self._plive) if keep else None
        self._pinc = np.zeros(n, dtype=np.int64)
        self._pagency = np.zeros(n, dtype=np.int64)
        self._pfirst = np.full((n, 3), MISSING, dtype=np.int64)
        self._plive = np.zeros(n, dtype=bool)
        if old:
            for a, b in zip(
                (self._pinc, self._pagency, self._pfirst, self._plive), old, strict=True
            ):
                a[:keep] = b[:keep]

    def __len__(self) -> int:
        return len(self._rows)

    def reset(self, incidents: Mapping[Hashable, Incident]) -> None:
        """Forget everything and take in every record of ``incidents``."""
        self._rows = RowPool()
        self._pairs = RowPool()
        self._pairs_of.clear()
        self._alloc_rows(max(256, len(incidents)))
        self._alloc_pairs(max(512, 2 * len(incidents)))
        self.update(incidents, incidents.keys())

    def update(self, incidents: Mapping[Hashable, Incident], keys: Iterable[Hashable]) -> None:
        """Take in the current record of each key (gone from ``incidents``: the row goes)."""
        present: list[Hashable] = []
        records: list[Incident] = []
        for key in keys:
            self._free_pairs(key)
            record = incidents.get(key)
            if record is None:
                row = self._rows.release(key)
                if row is not None:
                    self._live[row] = False
            else:
                present.append(key)
                records.append(record)
        if not records:
            return
        rows = self._rows.take(present)
        if self._rows.size > len(self._live):
            self._alloc_rows(max(self._rows.size, 2 * len(self._live)), keep=len(self._live))
        cols = IncidentColumns.from_records(records, deduplicated=True)
        self._created[rows] = cols.created
        self._open[rows] = cols.is_open
        self._category[rows] = cols.category
        self._first[rows] = cols.first
        self._owner[rows] = owner_codes(self._owners, self._owner_of, present)
        self._live[rows] = True
        # the (incident, agency) pairs of the batch, in the table's agency numbering
        codes = np.asarray([self._agency(name) for name in cols.agencies], dtype=np.int64)
        n = len(cols.agency_incident)
        if not n:
            return
        owners = [present[i] for i in cols.agency_incident.tolist()]
        pair_rows = self._pairs.take_new(n)
        if self._pairs.size > len(self._plive):
            self._alloc_pairs(max(self._pairs.size, 2 * len(self._plive)), keep=len(self._plive))
        self._pinc[pair_rows] = rows[cols.agency_incident]
        self._pagency[pair_rows] = codes[cols.agency_code]
        self._pfirst[pair_rows] = cols.agency_first
        self._plive[pair_rows] = True
        for key, row in zip(owners, pair_rows.tolist(), strict=True):
            self._pairs_of.setdefault(key, []).append(row)

    def _agency(self, name: str) -> int:
        code = self._agency_index.get(name)
        if code is None:
            code = self._agency_index[name] = len(self._agencies)
            self._agencies.append(name)
        return code

    def _free_pairs(self, key: Hashable) -> None:
        held = self._pairs_of.pop(key, None)
        if held:
            self._plive[held] = False
            self._pairs.give_back(held)

    def snapshot(self) -> IncidentTableCopy:
        """A copy of the arrays (memory copies only) for the worker."""
        n, m = self._rows.size, self._pairs.size
        return IncidentTableCopy(
            created=self._created[:n].copy(),
            is_open=self._open[:n].copy(),
            category=self._category[:n].copy(),
            first=self._first[:n].copy(),
            owner=self._owner[:n].copy(),
            live=self._live[:n].copy(),
            agencies=tuple(self._agencies),
            pair_incident=self._pinc[:m].copy(),
            pair_agency=self._pagency[:m].copy(),
            pair_first=self._pfirst[:m].copy(),
            pair_live=self._plive[:m].copy(),
            owners=dict(self._owners),
        )


__all__ = ["IncidentTable", "IncidentTableCopy"]
