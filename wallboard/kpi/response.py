"""Dispatch and response times: from incident creation to the first unit's each step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from wallboard.kpi.percentile import nearest_rank
from wallboard.kpi.selection import clamped_seconds, incidents_created_in
from wallboard.model import Assignment, Incident, IncidentCategory

_STEPS = ("dispatched_at", "en_route_at", "on_scene_at")


@dataclass(frozen=True)
class DurationStats:
    """Durations of the incidents that reached a step; ``pending`` are open ones that have not.

    ``share_within`` is the share of ``count`` at or under the target, None with no
    target or no data. Medians and p90 are nearest-rank.
    """

    count: int
    median_s: float | None
    p90_s: float | None
    share_within: float | None
    pending: int = 0


@dataclass(frozen=True)
class ResponseKpis:
    """Creation -> first dispatch, first unit en route, first unit on scene."""

    to_dispatch: DurationStats
    to_en_route: DurationStats
    to_on_scene: DurationStats


def _stats(durations: list[float], pending: int, target_s: float | None) -> DurationStats:
    durations.sort()
    within = None
    if target_s is not None and durations:
        within = sum(1 for d in durations if d <= target_s) / len(durations)
    return DurationStats(
        count=len(durations),
        median_s=nearest_rank(durations, 50),
        p90_s=nearest_rank(durations, 90),
        share_within=within,
        pending=pending,
    )


def _assignments(incident: Incident, agency_id: str | None) -> Sequence[Assignment]:
    if agency_id is None:
        return incident.assignments
    return [a for a in incident.assignments if a.agency_id == agency_id]


def _involves(incident: Incident, agency_id: str) -> bool:
    return agency_id in incident.agency_ids or any(
        a.agency_id == agency_id for a in incident.assignments
    )


def _compute(
    incidents: Iterable[Incident],
    agency_id: str | None,
    targets: tuple[float | None, float | None, float | None],
) -> ResponseKpis:
    durations: list[list[float]] = [[], [], []]
    pending = [0, 0, 0]
    for incident in incidents:
        assignments = _assignments(incident, agency_id)
        for k, step in enumerate(_STEPS):
            times = [t for a in assignments if (t := getattr(a, step)) is not None]
            if times:
                durations[k].append(clamped_seconds(incident.created_at, min(times)))
            elif incident.is_open:
                pending[k] += 1
    stats = [_stats(durations[k], pending[k], targets[k]) for k in range(3)]
    return ResponseKpis(to_dispatch=stats[0], to_en_route=stats[1], to_on_scene=stats[2])


def response_kpis(
    incidents: Iterable[Incident],
    start: datetime,
    end: datetime,
    *,
    agency_id: str | None = None,
    category: IncidentCategory | None = None,
    dispatch_target_s: float = 60,
    en_route_target_s: float | None = None,
    on_scene_target_s: float | None = None,
) -> ResponseKpis:
    """Response KPIs of incidents created in [start, end), optionally one agency or category.

    With ``agency_id``, only incidents that agency was asked to or sent units to, timed
    to that agency's own first unit at each step.
    """
    selected = [
        i
        for i in incidents_created_in(incidents, start, end)
        if (category is None or i.category == category)
        and (agency_id is None or _involves(i, agency_id))
    ]
    return _compute(selected, agency_id, (dispatch_target_s, en_route_target_s, on_scene_target_s))


def response_kpis_by(
    incidents: Iterable[Incident],
    start: datetime,
    end: datetime,
    key: Literal["agency", "category"],
    *,
    dispatch_target_s: float = 60,
    en_route_target_s: float | None = None,
    on_scene_target_s: float | None = None,
) -> dict[str, ResponseKpis]:
    """``response_kpis`` per agency id or per category value, for those present, sorted by key."""
    if key not in ("agency", "category"):
        raise ValueError(f"key must be 'agency' or 'category', got {key!r}")
    targets = (dispatch_target_s, en_route_target_s, on_scene_target_s)
    groups: dict[str, list[Incident]] = {}
    for incident in incidents_created_in(incidents, start, end):
        if key == "category":
            names: Iterable[str] = (str(incident.category),)
        else:
            names = set(incident.agency_ids) | {a.agency_id for a in incident.assignments}
        for name in names:
            groups.setdefault(name, []).append(incident)
    agency = key == "agency"
    return {
        name: _compute(groups[name], name if agency else None, targets) for name in sorted(groups)
    }
