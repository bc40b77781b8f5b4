"""The queue panel's periods side by side: last hour, today, and last week at this hour.

One pure function over a snapshot of the store, run by the panel off the GUI thread.
Last week is compared up to the same time of day, so that "offered so far" means the
same thing in both columns; the whole reference day's curve is kept for the chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from wallboard.kpi.call_table import CallTableCopy
from wallboard.kpi.column_kpis import offered_mask, per_interval
from wallboard.kpi.columns import CallColumns, IncidentColumns, epoch_us
from wallboard.kpi.incident_table import IncidentTableCopy
from wallboard.kpi.summary import INTERVAL_MIN, KpiSummary, summarize_columns
from wallboard.kpi.targets import DEFAULT_TARGET_SET, TargetSet
from wallboard.kpi.window import last_hour, local_day, same_weekday_last_week
from wallboard.model import CallRecord, Incident


@dataclass(frozen=True)
class PeriodComparison:
    """Summaries of the last hour and today at ``now``, and of the same weekday last week
    up to the same time of day (None when no call of that day is held: history not
    fetched). ``reference_counts`` is that whole day's offered calls per interval."""

    now: datetime
    last_hour: KpiSummary
    today: KpiSummary
    reference: KpiSummary | None
    reference_counts: tuple[int, ...] | None


def compare_periods(
    calls: Iterable[CallRecord],
    incidents: Iterable[Incident],
    now: datetime,
    zone: ZoneInfo,
    targets: TargetSet = DEFAULT_TARGET_SET,
) -> PeriodComparison:
    """Every KPI of the three periods, from records as the store holds them."""
    return compare_columns(
        CallColumns.from_records(calls),
        IncidentColumns.from_records(incidents),
        now,
        zone,
        targets,
    )


def compare_columns(
    calls: CallColumns,
    incidents: IncidentColumns,
    now: datetime,
    zone: ZoneInfo,
    targets: TargetSet = DEFAULT_TARGET_SET,
) -> PeriodComparison:
    """``compare_periods`` over columns (the panel keeps its call columns current from the
    store's diffs): each period is a mask over the same arrays, nothing walks records."""
    day_start, day_end = local_day(now, zone)
    hour_start, _ = last_hour(now)
    ref_start, ref_end = same_weekday_last_week(now, zone)
    ref_now = min(ref_end, ref_start + (now - day_start))
    today = summarize_columns(calls, incidents, day_start, day_end, targets, now)
    # the panel shows no per-agency figures for these two: skip that work
    hour = summarize_columns(calls, incidents, hour_start, now, targets, now, by_group=False)
    ref_summary = ref_counts = None
    ref_rows = offered_mask(calls, epoch_us(ref_start), epoch_us(ref_end))
    if ref_rows.any():
        ref_summary = summarize_columns(
            calls, incidents, ref_start, ref_now, targets, ref_now, by_group=False
        )
        ref_counts = tuple(
            per_interval(calls, ref_rows, epoch_us(ref_start), epoch_us(ref_end), INTERVAL_MIN)
        )
    return PeriodComparison(now, hour, today, ref_summary, ref_counts)


def compare_snapshot(
    calls: Sequence[CallTableCopy],
    incidents: IncidentTableCopy,
    now: datetime,
    zone: ZoneInfo,
    targets: TargetSet = DEFAULT_TARGET_SET,
) -> PeriodComparison:
    """The queue panel's job, run off the GUI thread over copies of its tables (today's
    calls and the reference day's are kept in two)."""
    columns = CallColumns.concatenate([c.columns() for c in calls])
    return compare_columns(columns, incidents.columns(), now, zone, targets)


__all__ = [
    "PeriodComparison",
    "compare_columns",
    "compare_periods",
    "compare_snapshot",
]
