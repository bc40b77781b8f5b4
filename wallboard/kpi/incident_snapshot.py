"""Incident columns for the panels' off-thread jobs, rebuilt only when incidents changed.

Incidents change every few seconds but are a fifth as many as calls and carry nested
assignments, so the panels do not keep them as a live table: the GUI thread hands the
worker a tuple of the records (a pointer copy) and the worker builds the columns. The
columns come back with the result, and the next job reuses them while no incident has
changed since, so a calls poll never rebuilds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from wallboard.kpi.columns import IncidentColumns
from wallboard.model import Incident


@dataclass(frozen=True)
class IncidentSnapshot:
    """Either the records (to be turned into columns off the GUI thread) or columns
    already built from records that have not changed since."""

    records: Sequence[Incident] = ()
    built: IncidentColumns | None = None

    def columns(self) -> IncidentColumns:
        """The columns: built ones as they are, else built now (call it off the GUI thread)."""
        if self.built is not None:
            return self.built
        return IncidentColumns.from_records(self.records)


class IncidentCache:
    """The GUI side: what the next job gets, and the columns a finished job built."""

    def __init__(self) -> None:
        self._built: IncidentColumns | None = None
        self._generation = 0  # bumped by every change of the incidents
        self._built_generation = -1

    def changed(self) -> None:
        """The incidents (or the reference day's) changed: the next job rebuilds."""
        self._generation += 1

    def snapshot(self, records: Callable[[], Iterable[Incident]]) -> tuple[int, IncidentSnapshot]:
        """The generation asked for and what to hand the worker for it (``records`` is
        called only when the columns must be rebuilt)."""
        if self._built is not None and self._built_generation == self._generation:
            return self._generation, IncidentSnapshot(built=self._built)
        return self._generation, IncidentSnapshot(records=tuple(records()))

    def keep(self, generation: int, built: IncidentColumns) -> None:
        """Columns a job built for ``generation``: reused until the next change."""
        if generation >= self._built_generation:
            self._built, self._built_generation = built, generation


__all__ = ["IncidentCache", "IncidentSnapshot"]
