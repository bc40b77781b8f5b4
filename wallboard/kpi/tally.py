"""Counts of one period's calls, kept current from the store's diffs at the cost of the change.

The queue panel's "calls today" figures must follow every poll at once, while the full
KPI summary is computed off the GUI thread. Recounting 50,000 calls per poll would cost
the GUI thread tens of milliseconds; this tally touches only the ids a diff names. Its
rules are answering_kpis' and disposition_kpis' (answered wins over abandoned; a call
counts for the period it was offered in), and a test holds them equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from wallboard.kpi.window import check_period
from wallboard.model import CallRecord, Disposition

_ANSWERED, _ABANDONED, _WAITING = "answered", "abandoned", "waiting"


def _state(call: CallRecord) -> str:
    if call.answered_at is not None:
        return _ANSWERED
    return _ABANDONED if call.abandoned_at is not None else _WAITING


class CallTally:
    """Offered, answered, abandoned, waiting and per-disposition counts of [start, end)."""

    def __init__(self, start: datetime, end: datetime) -> None:
        check_period(start, end)
        self.start, self.end = start, end
        self._held: dict[str, tuple[str, Disposition | None]] = {}
        self._states: Counter[str] = Counter()
        self._dispositions: Counter[Disposition | None] = Counter()

    def reset(self, calls: Iterable[CallRecord]) -> None:
        """Count ``calls`` (one record per id, as the store holds them) from scratch."""
        self._held.clear()
        self._states.clear()
        self._dispositions.clear()
        for call in calls:
            self._add(call)

    def update(self, calls: Mapping[str, CallRecord], ids: Iterable[str]) -> None:
        """Recount the calls ``ids`` (added, changed or removed) from ``calls`` by id."""
        for cid in ids:
            old = self._held.pop(cid, None)
            if old is not None:
                self._states[old[0]] -= 1
                self._dispositions[old[1]] -= 1
            call = calls.get(cid)
            if call is not None:
                self._add(call)

    def _add(self, call: CallRecord) -> None:
        if not self.start <= call.offered_at < self.end:
            return
        entry = (_state(call), call.disposition)
        self._held[call.id] = entry
        self._states[entry[0]] += 1
        self._dispositions[entry[1]] += 1

    @property
    def offered(self) -> int:
        return len(self._held)

    @property
    def answered(self) -> int:
        return self._states[_ANSWERED]

    @property
    def abandoned(self) -> int:
        return self._states[_ABANDONED]

    @property
    def waiting(self) -> int:
        return self._states[_WAITING]

    def disposition(self, d: Disposition) -> int:
        return self._dispositions[d]


__all__ = ["CallTally"]
