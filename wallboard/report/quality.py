"""A report's data quality: the records repaired and dropped on the way in, by reason.

Every reason is listed, with 0 when it did not occur, so a report's columns never
change shape. A repaired record counts when it counts in the figures (a call offered,
an incident created, in the period); a dropped record always counts, since nothing
in it could be trusted to place it in time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from wallboard.feed.decode import Decoded
from wallboard.feed.quality import RejectReason, RepairReason


def _zeros(reasons: Iterable[str]) -> dict[str, int]:
    return {str(r): 0 for r in reasons}


@dataclass(frozen=True)
class ReportQuality:
    """Records repaired (kept, a KPI rule applied) and rejected (left out), by reason.

    A record repaired for two reasons counts under both; ``repaired_records`` once.
    """

    repaired: dict[str, int] = field(default_factory=lambda: _zeros(RepairReason))
    rejected: dict[str, int] = field(default_factory=lambda: _zeros(RejectReason))
    repaired_records: int = 0

    @property
    def rejected_records(self) -> int:
        return sum(self.rejected.values())

    def to_dict(self) -> dict[str, object]:
        return {"repaired": dict(self.repaired), "rejected": dict(self.rejected)}


def report_quality(pages: Iterable[Decoded], start: datetime, end: datetime) -> ReportQuality:
    """What the decoder repaired within [start, end) and dropped, over ``pages``."""
    repaired, rejected = _zeros(RepairReason), _zeros(RejectReason)
    records = 0
    for decoded in pages:
        for repair in decoded.repaired:
            if start <= repair.at < end:
                records += 1
                for reason in repair.reasons:
                    repaired[str(reason)] += 1
        for rejection in decoded.rejected:
            rejected[str(rejection.reason)] = rejected.get(str(rejection.reason), 0) + 1
    return ReportQuality(repaired, rejected, records)


__all__ = ["ReportQuality", "report_quality"]
