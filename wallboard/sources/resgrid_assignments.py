"""Which Resgrid units work which call, and when each was sent, en route and on scene.

Read from the call's own record of events, ``GET /api/v4/Calls/GetCallExtraData?callId=``
(Resgrid/Core ``Web/Resgrid.Web.Services/Controllers/v4/CallsController.cs``
``GetCallExtraData``; ``Models/v4/Calls/CallExtraDataResult.cs``), not guessed from the
units' current statuses (which a restart forgets, a released unit keeps pointing at, and
a group dispatch never sets):

- ``Dispatches``: who was sent. A unit's entry has ``Type`` "Unit" and ``Id`` = UnitId,
  a group's "Group" and the group id; ``Timestamp`` is ``LastDispatchedOn``, DateTime's
  default ("0001-01-01T00:00:00") for a dispatch made when the call was saved;
- ``Activity``: every status a unit (or person) set on the call. A unit's event carries
  the unit's NAME (its ``Id`` is the UnitState row), ``StatusId`` the state value and
  ``Timestamp`` when it was set (UTC, without offset).

Resgrid sets each dispatched unit to a status at the moment of dispatch ("Responding" by
default: ``Core/Resgrid.Services/CallDispatchStatusService.cs``), so the first event
stamped within ``AUTO_STATUS_S`` of the dispatch marks the dispatch, not a crew that
turned out in no time: en route is the first en-route status after it. Pure functions
and bookkeeping: no network, no clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import msgspec

from wallboard.model import Assignment, Incident, IncidentStatus, Unit, UnitStatus
from wallboard.sources.resgrid_statuses import FREE, UnitStatuses

ENDPOINT = "/api/v4/Calls/GetCallExtraData"
# A status stamped this close after the dispatch was set by the dispatch itself.
AUTO_STATUS_S = 10.0
# Extra data is asked again for a call that changed, whose units changed, or after this.
REFRESH_S = 300.0
# At most this many calls' extra data per incidents poll (the rest at the next polls).
PER_POLL = 20

_ORDER = (
    IncidentStatus.NEW,
    IncidentStatus.DISPATCHED,
    IncidentStatus.EN_ROUTE,
    IncidentStatus.ON_SCENE,
)


@dataclass(frozen=True)
class UnitEvent:
    name: str
    at: datetime
    status_id: int
    group_id: str


@dataclass(frozen=True)
class CallExtra:
    """The parts of one CallExtraDataResultData the wall uses."""

    units: dict[str, datetime | None] = field(default_factory=dict)  # UnitId -> sent at
    unit_names: dict[str, str] = field(default_factory=dict)  # name -> UnitId
    groups: frozenset[str] = frozenset()  # group ids dispatched
    dispatched: bool = False  # anyone at all was dispatched
    first_dispatch: datetime | None = None  # earliest dispatch with a time
    events: tuple[UnitEvent, ...] = ()  # unit statuses on the call, oldest first


def _time(value: object, parse) -> datetime | None:
    if not isinstance(value, str) or value.startswith("0001-"):
        return None
    try:
        return parse(value, "Timestamp")
    except ValueError:
        return None


def _ident(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    text = str(value).strip()
    return text if 0 < len(text) <= 40 else ""


def parse_extra(data: object, parse) -> CallExtra:
    """A ``CallExtraDataResultData`` (``Data`` of the answer); ``parse`` reads a time."""
    if not isinstance(data, dict):
        return CallExtra()
    units: dict[str, datetime | None] = {}
    names: dict[str, str] = {}
    groups: set[str] = set()
    times: list[datetime] = []
    dispatches = data.get("Dispatches") if isinstance(data.get("Dispatches"), list) else []
    for raw in dispatches:
        if not isinstance(raw, dict):
            continue
        at = _time(raw.get("Timestamp"), parse)
        if at is not None:
            times.append(at)
        kind, ident = raw.get("Type"), _ident(raw.get("Id"))
        if kind == "Unit" and ident:
            units[ident] = at
            if isinstance(raw.get("Name"), str):
                names[raw["Name"]] = ident
        elif kind == "Group" and ident:
            groups.add(ident)
    events = []
    activity = data.get("Activity") if isinstance(data.get("Activity"), list) else []
    for raw in activity:
        if not isinstance(raw, dict) or raw.get("Type") != "Unit":
            continue
        at, status_id = _time(raw.get("Timestamp"), parse), raw.get("StatusId")
        name = raw.get("Name")
        if at is None or not isinstance(name, str) or isinstance(status_id, bool):
            continue
        if not isinstance(status_id, int):
            continue
        events.append(UnitEvent(name, at, status_id, _ident(raw.get("GroupId"))))
    events.sort(key=lambda e: e.at)
    return CallExtra(
        units=units,
        unit_names=names,
        groups=frozenset(groups),
        dispatched=bool(dispatches),
        first_dispatch=min(times) if times else None,
        events=tuple(events),
    )


def apply_extra(
    incident: Incident,
    extra: CallExtra,
    units_by_id: Mapping[str, Unit],
    statuses: UnitStatuses,
    *,
    unit_prefix: str,
    group_prefix: str,
    department_agency: str,
    waiting: bool = False,
) -> Incident:
    """``incident`` with the dispatch time, assignments, agencies and status its extra
    data gives. A call nobody was sent to, or a scheduled call not yet sent
    (``waiting``: its dispatch list is saved, but nobody is notified before the time),
    is left as it is."""
    if incident.status is IncidentStatus.CLOSED or waiting:
        return incident
    if not (extra.dispatched or extra.events):
        return incident
    times = dict(incident.status_times)
    sent = times.get(IncidentStatus.DISPATCHED)
    if sent is None:
        # Dispatched when saved (LastDispatchedOn unset), else at the first recorded time.
        sent = extra.first_dispatch or incident.created_at
        times[IncidentStatus.DISPATCHED] = sent
    by_name = {u.call_sign: u for u in units_by_id.values()}
    ids = dict(extra.units)
    for event in extra.events:  # units that put themselves on the call
        uid = extra.unit_names.get(event.name) or (
            by_name[event.name].id.removeprefix(unit_prefix) if event.name in by_name else ""
        )
        if uid:
            ids.setdefault(uid, None)
    assignments = []
    for uid, at in sorted(ids.items()):
        unit = units_by_id.get(unit_prefix + uid)
        name = (
            unit.call_sign
            if unit
            else next((n for n, i in extra.unit_names.items() if i == uid), "")
        )
        own = [e for e in extra.events if e.name == name] if name else []
        dispatched_at = at or sent
        agency = (
            unit.agency_id
            if unit
            else (group_prefix + own[0].group_id if own and own[0].group_id else department_agency)
        )
        assignments.append(_assignment(unit_prefix + uid, agency, dispatched_at, own, statuses))
    agencies = {a.agency_id for a in assignments} | {group_prefix + g for g in extra.groups}
    for status, stamp in (
        (IncidentStatus.EN_ROUTE, [a.en_route_at for a in assignments]),
        (IncidentStatus.ON_SCENE, [a.on_scene_at for a in assignments]),
    ):
        known = [t for t in stamp if t is not None]
        if known:
            times[status] = min(known)
    status = max((s for s in times if s in _ORDER), key=_ORDER.index)
    return msgspec.structs.replace(
        incident,
        assignments=tuple(assignments),
        agency_ids=tuple(sorted(agencies)),
        status=status,
        status_times=times,
        updated_at=max(incident.updated_at, *times.values()),
    )


def _assignment(
    unit_id: str,
    agency_id: str,
    dispatched_at: datetime,
    events: list[UnitEvent],
    statuses: UnitStatuses,
) -> Assignment:
    en_route = on_scene = cleared = None
    auto_until = dispatched_at + timedelta(seconds=AUTO_STATUS_S)
    for index, event in enumerate(events):
        if index == 0 and event.at <= auto_until:
            continue  # the status the dispatch itself set
        step = statuses.of_id(event.status_id)
        if step is UnitStatus.EN_ROUTE and en_route is None and on_scene is None:
            en_route = event.at
        elif step is UnitStatus.ON_SCENE and on_scene is None:
            on_scene = event.at
    if events:
        last = events[-1]
        last_step = statuses.of_id(last.status_id)
        if last_step in FREE or last_step is UnitStatus.RETURNING:
            cleared = max(last.at, dispatched_at)
    return Assignment(
        unit_id=unit_id,
        agency_id=agency_id,
        dispatched_at=dispatched_at,
        en_route_at=en_route,
        on_scene_at=on_scene,
        cleared_at=cleared,
    )


class ExtraLog:
    """Each active call's extra data, and which calls are due to be asked again.

    A call is due when it was never asked, its own record changed, a unit status that
    points at it changed, or ``REFRESH_S`` passed (``now`` is monotonic seconds); at most
    ``PER_POLL`` are asked per poll, the never-asked first."""

    def __init__(self, refresh_s: float = REFRESH_S, per_poll: int = PER_POLL) -> None:
        self.refresh_s, self.per_poll = refresh_s, per_poll
        self._extra: dict[str, CallExtra] = {}
        self._asked: dict[str, tuple[float, str]] = {}  # call id -> (when, record print)
        self._dirty: set[str] = set()
        self._units: dict[str, tuple[object, ...]] = {}

    @staticmethod
    def fingerprint(raw: dict[str, Any]) -> str:
        return json.dumps(raw, sort_keys=True, default=str)

    def due(self, calls: Iterable[tuple[str, str]], now: float) -> list[str]:
        """Call ids (from (id, record print) pairs) to ask about now, most needed first."""
        ranked = []
        for call_id, printed in calls:
            asked = self._asked.get(call_id)
            if asked is None:
                ranked.append((0, call_id))
            elif asked[1] != printed or call_id in self._dirty:
                ranked.append((1, call_id))
            elif now - asked[0] >= self.refresh_s:
                ranked.append((2, call_id))
        ranked.sort()
        return [call_id for _rank, call_id in ranked[: self.per_poll]]

    def store(self, call_id: str, extra: CallExtra, printed: str, now: float) -> None:
        self._extra[call_id] = extra
        self._asked[call_id] = (now, printed)
        self._dirty.discard(call_id)

    def get(self, call_id: str) -> CallExtra | None:
        return self._extra.get(call_id)

    def note_units(self, raws: Iterable[Any], call_prefix: str) -> None:
        """Mark the calls whose units' statuses changed (the call's events did too);
        calls are known by ``call_prefix`` + ``DestinationId``."""
        for raw in raws:
            if not isinstance(raw, dict) or raw.get("State") == "Unknown":
                continue  # a unit with no state: nothing happened on any call
            key = str(raw.get("UnitId"))
            now = (raw.get("State"), raw.get("TimestampUtc"), raw.get("DestinationId"))
            before = self._units.get(key)
            if before is not None and before != now:
                for dest in (before[2], now[2]):
                    if dest:
                        self._dirty.add(f"{call_prefix}{dest}")
            self._units[key] = now

    def keep_only(self, call_ids: Iterable[str]) -> None:
        """Forget calls no longer active, so the log follows the active list's size."""
        wanted = set(call_ids)
        for table in (self._extra, self._asked):
            for call_id in [c for c in table if c not in wanted]:
                del table[call_id]
        self._dirty &= wanted


__all__ = [
    "AUTO_STATUS_S",
    "ENDPOINT",
    "PER_POLL",
    "REFRESH_S",
    "CallExtra",
    "ExtraLog",
    "UnitEvent",
    "apply_extra",
    "parse_extra",
]
