"""The summary page's figures: today's headline numbers and the volunteers' part in them.

Pure (no Qt): computed from the store's records for the region's local day; the call and
dispatch figures are wallboard.kpi's ``summarize()``, the very record the queue panel and
the shift report use, so the page and the report never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from wallboard.kpi import local_day
from wallboard.kpi.selection import incidents_created_in
from wallboard.kpi.summary import TargetResult, summarize
from wallboard.kpi.targets import DEFAULT_TARGET_SET, DISPATCH_WITHIN, SERVICE_LEVEL, TargetSet
from wallboard.model import (
    Agency,
    AgencyKind,
    CallRecord,
    Incident,
    IncidentCategory,
    Unit,
    UnitStatus,
)


@dataclass(frozen=True)
class VolunteerPart:
    """What volunteer communities (AgencyKind.VOLUNTEER) bring: their units, their work today."""

    agencies: int
    units: int
    units_available: int
    units_busy: int  # dispatched, en route, on scene or returning
    incidents_today: int  # incidents created today that a volunteer unit or agency was on
    share_of_incidents: float | None  # of all incidents created today


@dataclass(frozen=True)
class OrientationSummary:
    """Today's headline figures (local day of the region) as the summary page shows them."""

    calls_offered: int
    calls_answered: int
    # the first service-level target (NENA: 90 % answered within 15 s, by default) and
    # the first dispatch target (NFPA 1225: 90 % within 60 s), each with today's figure
    service_level: TargetResult | None
    dispatch: TargetResult | None
    incidents_today: int
    incidents_by_category: tuple[tuple[IncidentCategory, int], ...]  # most first
    open_incidents: int
    units_available: int
    units_total: int
    volunteers: VolunteerPart


_BUSY = frozenset(
    {UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE, UnitStatus.RETURNING}
)


def _volunteer_part(
    today: list[Incident], units: Iterable[Unit], agencies: Mapping[str, Agency]
) -> VolunteerPart:
    volunteer_ids = {a.id for a in agencies.values() if a.kind is AgencyKind.VOLUNTEER}
    theirs = [u for u in units if u.agency_id in volunteer_ids]
    helped = [
        i
        for i in today
        if volunteer_ids.intersection(i.agency_ids)
        or any(a.agency_id in volunteer_ids for a in i.assignments)
    ]
    return VolunteerPart(
        agencies=len(volunteer_ids),
        units=len(theirs),
        units_available=sum(u.status is UnitStatus.AVAILABLE for u in theirs),
        units_busy=sum(u.status in _BUSY for u in theirs),
        incidents_today=len(helped),
        share_of_incidents=len(helped) / len(today) if today else None,
    )


def orientation_summary(
    calls: Iterable[CallRecord],
    incidents: Iterable[Incident],
    units: Iterable[Unit],
    agencies: Mapping[str, Agency],
    now: datetime,
    zone: ZoneInfo,
    targets: TargetSet = DEFAULT_TARGET_SET,
) -> OrientationSummary:
    """The figures of the local day in ``zone`` that contains ``now``, as they stand at ``now``."""
    start, end = local_day(now, zone)
    incidents = list(incidents)
    units = list(units)
    kpis = summarize(calls, incidents, start, end, targets, now)
    today = incidents_created_in(incidents, start, end)
    by_category = Counter(i.category for i in today)
    return OrientationSummary(
        calls_offered=kpis.answering.offered,
        calls_answered=kpis.answering.answered,
        service_level=kpis.result(SERVICE_LEVEL),
        dispatch=kpis.result(DISPATCH_WITHIN),
        incidents_today=len(today),
        incidents_by_category=tuple(
            sorted(
                by_category.items(), key=lambda kv: (-kv[1], list(IncidentCategory).index(kv[0]))
            )
        ),
        open_incidents=sum(i.is_open for i in incidents),
        units_available=sum(u.status is UnitStatus.AVAILABLE for u in units),
        units_total=len(units),
        volunteers=_volunteer_part(today, units, agencies),
    )


__all__ = ["OrientationSummary", "VolunteerPart", "orientation_summary"]
