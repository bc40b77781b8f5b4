"""Counts of one period's calls, kept current from the store's diffs at the cost of the change.

The queue panel's "calls today" figures must follow every poll at once, while the full
KPI summary is computed off the GUI thread. Recounting 50,000 calls per poll would cost
the GUI thread tens of milliseconds; this tally touches only the keys a diff names. Its
rules are answering_kpis' and disposition_kpis' (answered wins over abandoned; a call
counts for the period it was offered in), and a test holds them equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
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
        self._held: dict[Hashable, tuple[str, Disposition | None]] = {}
        self._states: Counter[str] = Counter()
        self._dispositions: Counter[Disposition | None] = Counter()

    def reset(self, calls: Mapping[Hashable, CallRecord]) -> None:
        """Count ``calls`` (by key, as the store holds them) from scratch."""
        self._held.clear()
        self._states.clear()
        self._dispositions.clear()
        for key, call in calls.items():
            self._add(key, call)

    def update(self, calls: Mapping[Hashable, CallRecord], keys: Iterable[Hashable]) -> None:
        """Recount the calls ``keys`` (added, changed or removed) from ``calls`` by key.

        Keys are the store's (backend, id): two backends' calls of one id are two calls.
        """
        for key in keys:
            old = self._held.pop(key, None)
            if old is not None:
                self._states[old[0]] -= 1
                self._dispositions[old[1]] -= 1
            call = calls.get(key)
            if call is not None:
                self._add(key, call)

    def _add(self, key: Hashable, call: CallRecord) -> None:
        if not self.start <= call.offered_at < self.end:
            return
        entry = (_state(call), call.disposition)
        self._held[key] = entry
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
