"""The summary page's figures: today's headline numbers and the volunteers' part in them.

Pure (no Qt): computed from the store's records for the region's local day, with the
wall's own KPI definitions (wallboard.kpi), so the page and the KPI report never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from wallboard.kpi import DEFAULT_TARGETS, Target, answering_kpis, local_day
from wallboard.kpi.selection import incidents_created_in
from wallboard.kpi.targets import SERVICE_LEVEL
from wallboard.model import (
    Agency,
    AgencyKind,
    CallRecord,
    Incident,
    IncidentCategory,
    Unit,
    UnitStatus,
)

_ANSWER_TARGET = next(t for t in DEFAULT_TARGETS if t.kpi == SERVICE_LEVEL)


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
    service_level: float | None  # share answered within the target's threshold
    target: Target  # NENA's: 90 % within 15 s, unless configured otherwise
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
    target: Target = _ANSWER_TARGET,
) -> OrientationSummary:
    """The figures of the local day in ``zone`` that contains ``now``, as they stand at ``now``."""
    start, end = local_day(now, zone)
    incidents = list(incidents)
    units = list(units)
    answering = answering_kpis(calls, start, end, now, thresholds=(int(target.threshold_s),))
    today = incidents_created_in(incidents, start, end)
    by_category = Counter(i.category for i in today)
    return OrientationSummary(
        calls_offered=answering.offered,
        calls_answered=answering.answered,
        service_level=answering.service_level[int(target.threshold_s)],
        target=target,
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
