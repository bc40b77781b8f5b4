"""A shift report: the period, where the records came from, and the KPI summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wallboard.kpi.summary import KpiSummary, summarize
from wallboard.kpi.targets import TargetSet
from wallboard.report.quality import ReportQuality
from wallboard.report.records import ReportRecords

# 2: "repaired" and "rejected" by reason instead of one "rejected_records" count
FORMAT_VERSION = 2


@dataclass(frozen=True)
class ShiftReport:
    """What a duty manager hands over: who, where, when, and every KPI of the shift."""

    region_name: str
    timezone: str
    source: str
    generated_at: datetime
    quality: ReportQuality
    summary: KpiSummary
    agency_names: Mapping[str, str] = field(default_factory=dict)  # id -> short name

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "wallboard112-shift-report",
            "version": FORMAT_VERSION,
            "region": self.region_name,
            "timezone": self.timezone,
            "source": self.source,
            "generated_at": self.generated_at.isoformat(),
            **self.quality.to_dict(),
            "agency_names": dict(self.agency_names),
            "kpis": self.summary.to_dict(),
        }


def report_now(
    records: ReportRecords, start: datetime, end: datetime, wall_now: datetime
) -> datetime:
    """The moment the figures stand at: the backend's clock (else ours), within the period.

    A finished shift is judged at its end; a running one at the backend's "now", so a
    call still waiting counts as waiting exactly as on the wall.
    """
    now = records.feed_time or wall_now
    return max(start, min(end, now))


def build_report(
    records: ReportRecords,
    start: datetime,
    end: datetime,
    targets: TargetSet,
    *,
    wall_now: datetime,
    region_name: str,
    timezone: str,
) -> ShiftReport:
    """Every KPI of [start, end) over ``records``, checked against ``targets``."""
    now = report_now(records, start, end, wall_now)
    summary = summarize(records.calls, records.incidents, start, end, targets, now)
    if records.region is not None:
        region_name, timezone = records.region.name, records.region.timezone
    return ShiftReport(
        region_name=region_name,
        timezone=timezone,
        source=records.source,
        generated_at=wall_now,
        quality=records.quality,
        summary=summary,
        agency_names=dict(records.agency_names),
    )


__all__ = ["FORMAT_VERSION", "ShiftReport", "build_report", "report_now"]
