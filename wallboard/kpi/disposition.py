"""Dispositions: what the calls offered turned out to be (emergency, prank, silent...)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from wallboard.kpi.selection import calls_offered_in
from wallboard.model import CallRecord, Disposition

NON_EMERGENCY: frozenset[Disposition] = frozenset(
    {
        Disposition.PRANK,
        Disposition.SILENT,
        Disposition.MENU_DROP,
        Disposition.INFORMATION,
        Disposition.DUPLICATE,
        Disposition.TEST,
    }
)


@dataclass(frozen=True)
class DispositionKpis:
    """Counts per disposition of the calls offered in a period.

    ``counts`` has every Disposition (0 when none); calls not classified yet (still
    waiting, talking, or never classified) are ``unclassified``;
    ``sum(counts.values()) + unclassified == total``.
    """

    counts: Mapping[Disposition, int]
    unclassified: int
    total: int

    def share(self, d: Disposition) -> float | None:
        """Share of *all* calls offered (classified or not) with disposition ``d``."""
        return self.counts.get(d, 0) / self.total if self.total else None

    @property
    def non_emergency(self) -> int:
        """prank + silent + menu_drop + information + duplicate + test."""
        return sum(self.counts.get(d, 0) for d in NON_EMERGENCY)

    @property
    def share_of_non_emergency(self) -> float | None:
        """non_emergency / total (all calls offered); None when no call was offered."""
        return self.non_emergency / self.total if self.total else None


def disposition_kpis(
    calls: Iterable[CallRecord], start: datetime, end: datetime
) -> DispositionKpis:
    """Dispositions of the calls offered in [start, end)."""
    selected = calls_offered_in(calls, start, end)
    tally = Counter(c.disposition for c in selected)
    unclassified = tally.pop(None, 0)
    counts = {d: tally.get(d, 0) for d in Disposition}
    return DispositionKpis(
        counts=MappingProxyType(counts), unclassified=unclassified, total=len(selected)
    )
