"""Which Resgrid units work which call, kept poll after poll.

Resgrid's calls do not list their units; a unit status says which call the unit is
heading to (``DestinationType`` 2 = call, ``DestinationId``) and since when it is in its
current state (``TimestampUtc``). From the unit lists seen so far this log builds each
call's assignments as the native feed carries them: dispatched, en route and on scene
when each was first seen, cleared when the unit stopped pointing at the call. The
incident's status follows its units (on scene > en route > dispatched), and its
agencies are the units' groups. Pure bookkeeping: no network, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from wallboard.model import Assignment, Incident, IncidentStatus, Unit, UnitStatus

_ORDER = (
    IncidentStatus.NEW,
    IncidentStatus.DISPATCHED,
    IncidentStatus.EN_ROUTE,
    IncidentStatus.ON_SCENE,
)


class AssignmentLog:
    """Assignments per incident id, from the unit lists observed."""

    def __init__(self) -> None:
        self._by_incident: dict[str, dict[str, Assignment]] = {}

    def observe(self, units: Iterable[Unit]) -> None:
        """Note where each unit of a new unit list is, and what it cleared."""
        pointing: dict[str, Unit] = {u.id: u for u in units if u.incident_id}
        for incident_id, assignments in self._by_incident.items():
            for unit_id, held in list(assignments.items()):
                unit = pointing.get(unit_id)
                if held.cleared_at is None and (unit is None or unit.incident_id != incident_id):
                    # The unit left this call (another state, or another call).
                    left = unit.status_since if unit is not None else None
                    assignments[unit_id] = msgspec.structs.replace(
                        held, cleared_at=left or _latest(held)
                    )
        for unit in pointing.values():
            assignments = self._by_incident.setdefault(unit.incident_id, {})
            held = assignments.get(unit.id)
            if held is None or held.cleared_at is not None:
                held = Assignment(
                    unit_id=unit.id, agency_id=unit.agency_id, dispatched_at=unit.status_since
                )
            if unit.status is UnitStatus.EN_ROUTE and held.en_route_at is None:
                held = msgspec.structs.replace(held, en_route_at=unit.status_since)
            elif unit.status is UnitStatus.ON_SCENE and held.on_scene_at is None:
                held = msgspec.structs.replace(held, on_scene_at=unit.status_since)
            assignments[unit.id] = held

    def keep_only(self, incident_ids: Iterable[str]) -> None:
        """Forget calls no longer active, so the log follows the active list's size."""
        wanted = set(incident_ids)
        for incident_id in [i for i in self._by_incident if i not in wanted]:
            del self._by_incident[incident_id]

    def apply(self, incident: Incident) -> Incident:
        """``incident`` with its units' assignments, agencies and the status they imply."""
        assignments = tuple(
            sorted(self._by_incident.get(incident.id, {}).values(), key=lambda a: a.unit_id)
        )
        if not assignments or incident.status is IncidentStatus.CLOSED:
            return incident
        times = dict(incident.status_times)
        if IncidentStatus.DISPATCHED not in times:  # the call's own time wins when it says
            _earliest(times, IncidentStatus.DISPATCHED, [a.dispatched_at for a in assignments])
        _earliest(times, IncidentStatus.EN_ROUTE, [a.en_route_at for a in assignments])
        _earliest(times, IncidentStatus.ON_SCENE, [a.on_scene_at for a in assignments])
        status = max((s for s in times if s in _ORDER), key=_ORDER.index)
        return msgspec.structs.replace(
            incident,
            assignments=assignments,
            agency_ids=tuple(sorted({a.agency_id for a in assignments})),
            status=status,
            status_times=times,
            updated_at=max(incident.updated_at, *times.values()),
        )


def _latest(a: Assignment):
    return a.on_scene_at or a.en_route_at or a.dispatched_at


def _earliest(times: dict, status: IncidentStatus, seen: list) -> None:
    known = [t for t in seen if t is not None]
    if known:
        held = times.get(status)
        times[status] = min(known) if held is None else min(held, *known)


__all__ = ["AssignmentLog"]
