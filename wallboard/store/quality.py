"""Data quality per source: the records repaired and dropped, by reason, counted once each.

The decoder says what it repaired and dropped in each page; a source's full page comes
again on every poll, so the ledger counts distinct records, not sightings: a record
counts under its latest judgement (a newer clean revision clears its flag, a good
revision of a dropped record clears its drop). Counts are asked for a period (the
region's local day): a repaired record counts on the day it started (its offer or
creation), a dropped one on the day it was seen. Entries older than two days go.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from wallboard.feed.decode import Decoded
from wallboard.feed.quality import RejectReason, RepairReason

_KEEP = timedelta(days=2)


@dataclass(frozen=True)
class QualityCounts:
    """Records repaired and records dropped, each by reason (only reasons seen).

    A record repaired for two reasons counts under both; ``repaired_total`` counts it once.
    """

    repaired: Mapping[str, int] = field(default_factory=dict)
    rejected: Mapping[str, int] = field(default_factory=dict)
    repaired_total: int = 0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def is_clean(self) -> bool:
        return not (self.repaired or self.rejected)


NO_PROBLEMS = QualityCounts()


@dataclass
class _SourceLedger:
    repaired: dict[str, tuple[datetime, tuple[RepairReason, ...]]] = field(default_factory=dict)
    rejected: dict[str, tuple[datetime, RejectReason]] = field(default_factory=dict)
    pruned_at: datetime | None = None


class QualityLedger:
    """What each source ("samarinda/calls") sent that was repaired or dropped."""

    def __init__(self) -> None:
        self._sources: dict[str, _SourceLedger] = {}

    def record(self, key: str, decoded: Decoded, seen_at: datetime) -> None:
        """Count one decoded page of source ``key``, seen at ``seen_at`` (the feed's time)."""
        ledger = self._sources.get(key)
        if ledger is None:
            if not (decoded.repaired or decoded.rejected):
                return  # a clean source costs nothing
            ledger = self._sources[key] = _SourceLedger()
        flagged = {r.record_id for r in decoded.repaired}
        if ledger.repaired or ledger.rejected:
            for rid in _ids(getattr(decoded.page, "items", ())):
                if rid not in flagged:
                    ledger.repaired.pop(rid, None)
                ledger.rejected.pop(rid, None)
        for repair in decoded.repaired:
            ledger.repaired[repair.record_id] = (repair.at, repair.reasons)
            ledger.rejected.pop(repair.record_id, None)
        for rejection in decoded.rejected:
            # a record with no readable id is known by its place and reason (not by its
            # problem's text, which may quote the feed's time and differ every poll)
            rid = rejection.record_id or f"#{rejection.index}:{rejection.reason}"
            held = ledger.rejected.get(rid)
            if held is None or held[1] != rejection.reason:
                ledger.rejected[rid] = (seen_at, rejection.reason)
        self._prune(ledger, seen_at)

    def counts(self, key: str, start: datetime, end: datetime) -> QualityCounts:
        """Records of source ``key`` repaired or dropped in [start, end), by reason;
        ``key`` a backend's name gives all of its sources together."""
        keys = [key] if "/" in key else [k for k in self._sources if k.partition("/")[0] == key]
        repaired: Counter[str] = Counter()
        rejected: Counter[str] = Counter()
        records = 0
        for k in keys:
            ledger = self._sources.get(k)
            if ledger is None:
                continue
            for at, reasons in ledger.repaired.values():
                if start <= at < end:
                    repaired.update(str(r) for r in reasons)
                    records += 1
            for at, reason in ledger.rejected.values():
                if start <= at < end:
                    rejected[str(reason)] += 1
        if not (repaired or rejected):
            return NO_PROBLEMS
        return QualityCounts(
            dict(sorted(repaired.items())), dict(sorted(rejected.items())), records
        )

    def _prune(self, ledger: _SourceLedger, now: datetime) -> None:
        if ledger.pruned_at is not None and now - ledger.pruned_at < timedelta(hours=1):
            return
        ledger.pruned_at = now
        oldest = now - _KEEP
        for book in (ledger.repaired, ledger.rejected):
            for rid in [rid for rid, (at, _) in book.items() if at < oldest]:
                del book[rid]


def _ids(items: Iterable[object]) -> Iterable[str]:
    for rec in items:
        rid = getattr(rec, "id", None)
        if isinstance(rid, str):
            yield rid


__all__ = ["NO_PROBLEMS", "QualityCounts", "QualityLedger"]
