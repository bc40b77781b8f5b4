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
from wallboard.kpi.selection import Distinct
from wallboard.kpi.summary import TargetResult, summarize
from wallboard.kpi.targets import DEFAULT_TARGET_SET, DISPATCH_WITHIN, SERVICE_LEVEL, TargetSet
from wallboard.model import (
    Agency,
    AgencyKind,
    CallRecord,
    Incident,
    IncidentCategory,
    RecordKey,
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
    today: list[tuple[RecordKey, Incident]],
    units: Mapping[RecordKey, Unit],
    agencies: Mapping[RecordKey, Agency],
) -> VolunteerPart:
    # an agency id means the agency of that id in the record's own backend
    volunteers = {k for k, a in agencies.items() if a.kind is AgencyKind.VOLUNTEER}
    theirs = [u for k, u in units.items() if k.sibling(u.agency_id) in volunteers]
    helped = [
        i
        for k, i in today
        if any(k.sibling(a) in volunteers for a in i.agency_ids)
        or any(k.sibling(a.agency_id) in volunteers for a in i.assignments)
    ]
    return VolunteerPart(
        agencies=len(volunteers),
        units=len(theirs),
        units_available=sum(u.status is UnitStatus.AVAILABLE for u in theirs),
        units_busy=sum(u.status in _BUSY for u in theirs),
        incidents_today=len(helped),
        share_of_incidents=len(helped) / len(today) if today else None,
    )


def orientation_summary(
    calls: Iterable[CallRecord],
    incidents: Mapping[RecordKey, Incident],
    units: Mapping[RecordKey, Unit],
    agencies: Mapping[RecordKey, Agency],
    now: datetime,
    zone: ZoneInfo,
    targets: TargetSet = DEFAULT_TARGET_SET,
) -> OrientationSummary:
    """The figures of the local day in ``zone`` that contains ``now``, as they stand at ``now``.

    Incidents, units and agencies come by their store keys (backend, id): a unit's or an
    incident's agency is the one of that id in its own backend.
    """
    start, end = local_day(now, zone)
    # keyed incidents are one per record: Distinct, never merged as revisions of one id
    kpis = summarize(calls, Distinct(incidents.values()), start, end, targets, now)
    # incidents_created_in's rule ([start, end) of created_at), kept with their keys
    today = [(k, i) for k, i in incidents.items() if start <= i.created_at < end]
    by_category = Counter(i.category for _, i in today)
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
        open_incidents=sum(i.is_open for i in incidents.values()),
        units_available=sum(u.status is UnitStatus.AVAILABLE for u in units.values()),
        units_total=len(units),
        volunteers=_volunteer_part(today, units, agencies),
    )


__all__ = ["OrientationSummary", "VolunteerPart", "orientation_summary"]
