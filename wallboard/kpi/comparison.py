"""The queue panel's periods side by side: last hour, today, and last week at this hour.

One pure function over a snapshot of the store, run by the panel off the GUI thread.
Last week is compared up to the same time of day, so that "offered so far" means the
same thing in both columns; the whole reference day's curve is kept for the chart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from wallboard.kpi.selection import Distinct, aligned
from wallboard.kpi.series import calls_per_interval
from wallboard.kpi.summary import INTERVAL_MIN, KpiSummary, summarize
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
    """Every KPI of the three periods, from records as the store holds them.

    ``Distinct`` calls and incidents (the store's, one per backend and id) stay so in
    each period: two backends' records of one id are never merged as revisions.
    """
    day_start, day_end = local_day(now, zone)
    hour_start, _ = last_hour(now)
    ref_start, ref_end = same_weekday_last_week(now, zone)
    ref_now = min(ref_end, ref_start + (now - day_start))
    # One pass sorts the records into periods, so each summary walks only its own.
    keep_calls = Distinct if isinstance(calls, Distinct) else list
    keep_incidents = Distinct if isinstance(incidents, Distinct) else list
    calls = list(calls)
    sample = calls[0].offered_at if calls else None
    early, late = aligned(min(day_start, hour_start), day_end, sample)
    ref_early, ref_late = aligned(ref_start, ref_end, sample)
    recent: list[CallRecord] = []
    reference: list[CallRecord] = []
    for call in calls:
        offered = call.offered_at
        if early <= offered < late:
            recent.append(call)
        elif ref_early <= offered < ref_late:
            reference.append(call)
    recent, reference = keep_calls(recent), keep_calls(reference)
    incidents = keep_incidents(i for i in incidents if i.created_at >= min(early, ref_start))
    today = summarize(recent, incidents, day_start, day_end, targets, now)
    # the panel shows no per-agency figures for these two: skip that work
    hour = summarize(recent, incidents, hour_start, now, targets, now, by_group=False)
    ref_summary = ref_counts = None
    if reference:
        ref_summary = summarize(
            reference, incidents, ref_start, ref_now, targets, ref_now, by_group=False
        )
        ref_counts = tuple(calls_per_interval(reference, ref_start, ref_end, INTERVAL_MIN))
    return PeriodComparison(now, hour, today, ref_summary, ref_counts)


__all__ = ["PeriodComparison", "compare_periods"]
