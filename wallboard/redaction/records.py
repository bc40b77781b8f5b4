"""Redacted copies of the feed's records: what a public-facing screen may show.

Removed: callers (names and phone numbers), free-text descriptions, call-takers' names
(staff, and no panel needs them), street addresses: the place is left at kelurahan
level (kelurahan, kecamatan, city), and coordinates are snapped to a grid
(``grid.snap``).
Kept: ids, category, priority, status, agency, units, channel and every time.

``FIELD_RULES`` records the decision for every field of every record type, so a field
added to the model without one fails a test instead of leaking by default.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec

from wallboard.feed.pages import RegionInfo
from wallboard.model import (
    Agency,
    Assignment,
    Caller,
    CallRecord,
    CallTaker,
    Incident,
    Location,
    Position,
    QueueSnapshot,
    Unit,
    WaitingCall,
)
from wallboard.model.agency import PersonnelCounts
from wallboard.model.alert import Alert, AlertList, Circle
from wallboard.redaction.grid import DEFAULT_GRID_METRES, snap

_replace = msgspec.structs.replace


class Rule(StrEnum):
    """What redaction does with one field."""

    KEEP = "keep"  # not personal: shown as it is
    REMOVE = "remove"  # emptied (or None)
    SNAP = "snap"  # a coordinate moved to the centre of its grid cell
    NESTED = "nested"  # a record (or records) redacted by its own type's rules


FIELD_RULES: dict[type, dict[str, Rule]] = {
    Incident: {
        "id": Rule.KEEP,
        "version": Rule.KEEP,
        "region": Rule.KEEP,
        "category": Rule.KEEP,
        "priority": Rule.KEEP,
        "status": Rule.KEEP,
        "status_times": Rule.KEEP,
        "created_at": Rule.KEEP,
        "updated_at": Rule.KEEP,
        "location": Rule.NESTED,
        "description": Rule.REMOVE,  # free text: names, house numbers, what was said
        "caller": Rule.REMOVE,
        "assignments": Rule.NESTED,
        "agency_ids": Rule.KEEP,
        "channel": Rule.KEEP,
        "call_id": Rule.KEEP,
    },
    Location: {
        "lat": Rule.SNAP,
        "lon": Rule.SNAP,
        "address": Rule.REMOVE,  # street and house number; the kelurahan stays
        "kelurahan": Rule.KEEP,
        "kecamatan": Rule.KEEP,
        "city": Rule.KEEP,
    },
    Caller: {"name": Rule.REMOVE, "phone": Rule.REMOVE},
    Assignment: {
        "unit_id": Rule.KEEP,
        "agency_id": Rule.KEEP,
        "dispatched_at": Rule.KEEP,
        "en_route_at": Rule.KEEP,
        "on_scene_at": Rule.KEEP,
        "cleared_at": Rule.KEEP,
    },
    CallRecord: {
        "id": Rule.KEEP,
        "version": Rule.KEEP,
        "region": Rule.KEEP,
        "offered_at": Rule.KEEP,
        "answered_at": Rule.KEEP,
        "abandoned_at": Rule.KEEP,
        "ended_at": Rule.KEEP,
        "disposition": Rule.KEEP,
        "call_taker_id": Rule.KEEP,
        "incident_id": Rule.KEEP,
        "caller": Rule.REMOVE,
    },
    # A unit on scene stands where the caller is: its position is snapped too.
    Unit: {
        "id": Rule.KEEP,
        "version": Rule.KEEP,
        "agency_id": Rule.KEEP,
        "call_sign": Rule.KEEP,
        "type": Rule.KEEP,
        "status": Rule.KEEP,
        "status_since": Rule.KEEP,
        "position": Rule.NESTED,
        "incident_id": Rule.KEEP,
    },
    Position: {"lat": Rule.SNAP, "lon": Rule.SNAP, "at": Rule.KEEP},
    Agency: {
        "id": Rule.KEEP,
        "version": Rule.KEEP,
        "kind": Rule.KEEP,
        "name": Rule.KEEP,  # a public service's name
        "short_name": Rule.KEEP,
        "region": Rule.KEEP,
        "link": Rule.KEEP,
        "link_checked_at": Rule.KEEP,
        # Head counts per state (rules below): no name, id or place of anyone, so a
        # count points at no one. Every count is kept: they are the agency's staffing.
        "personnel": Rule.NESTED,
    },
    PersonnelCounts: {
        "available": Rule.KEEP,
        "responding": Rule.KEEP,
        "on_scene": Rule.KEEP,
        "unavailable": Rule.KEEP,
    },
    QueueSnapshot: {
        "region": Rule.KEEP,
        "at": Rule.KEEP,
        "waiting": Rule.NESTED,
        "call_takers": Rule.NESTED,
    },
    WaitingCall: {"call_id": Rule.KEEP, "since": Rule.KEEP},
    CallTaker: {"id": Rule.KEEP, "name": Rule.REMOVE, "state": Rule.KEEP, "since": Rule.KEEP},
    # Public hazard alerts (BMKG, CAP) come from public feeds, not from callers.
    Alert: {
        "id": Rule.KEEP,
        "source": Rule.KEEP,
        "kind": Rule.KEEP,
        "headline": Rule.KEEP,
        "sent": Rule.KEEP,
        "lat": Rule.KEEP,
        "lon": Rule.KEEP,
        "credit": Rule.KEEP,
        "severity": Rule.KEEP,
        "onset": Rule.KEEP,
        "expires": Rule.KEEP,
        "urgency": Rule.KEEP,
        "certainty": Rule.KEEP,
        "magnitude": Rule.KEEP,
        "depth_km": Rule.KEEP,
        "polygons": Rule.KEEP,
        "circles": Rule.KEEP,
        "area": Rule.KEEP,
        "felt": Rule.KEEP,
        "potential": Rule.KEEP,
        "geocodes": Rule.KEEP,  # public area codes of a public warning
        "distance_km": Rule.KEEP,  # from the region to a public hazard: public geography
        "bearing_deg": Rule.KEEP,
    },
    Circle: {"lat": Rule.KEEP, "lon": Rule.KEEP, "radius_km": Rule.KEEP},
    AlertList: {"items": Rule.KEEP, "left_off": Rule.KEEP},
    RegionInfo: {
        "region": Rule.KEEP,
        "name": Rule.KEEP,
        "timezone": Rule.KEEP,
        "center_lat": Rule.KEEP,  # the region's centre and extent, public geography
        "center_lon": Rule.KEEP,
        "south": Rule.KEEP,
        "west": Rule.KEEP,
        "north": Rule.KEEP,
        "east": Rule.KEEP,
    },
}


def redact_location(location: Location, grid_m: float = DEFAULT_GRID_METRES) -> Location:
    if location.lat is None or location.lon is None:
        return _replace(location, address="")  # no position: nothing to coarsen
    lat, lon = snap(location.lat, location.lon, grid_m)
    return _replace(location, lat=lat, lon=lon, address="")


def redact_incident(incident: Incident, grid_m: float = DEFAULT_GRID_METRES) -> Incident:
    """The incident without caller and description, its place coarsened."""
    return _replace(
        incident,
        location=redact_location(incident.location, grid_m),
        description="",
        caller=None,
    )


def redact_call(call: CallRecord) -> CallRecord:
    """The call without its caller; times, disposition and ids stay for the KPIs."""
    return call if call.caller is None else _replace(call, caller=None)


def redact_unit(unit: Unit, grid_m: float = DEFAULT_GRID_METRES) -> Unit:
    """The unit with its position snapped to the grid."""
    p = unit.position
    if p is None:
        return unit
    lat, lon = snap(p.lat, p.lon, grid_m)
    return _replace(unit, position=_replace(p, lat=lat, lon=lon))


def redact_queue(queue: QueueSnapshot) -> QueueSnapshot:
    """The queue with call-takers' names removed (their states and times stay)."""
    if not any(t.name for t in queue.call_takers):
        return queue
    takers = tuple(_replace(t, name="") for t in queue.call_takers)
    return _replace(queue, call_takers=takers)


__all__ = [
    "FIELD_RULES",
    "Rule",
    "redact_call",
    "redact_incident",
    "redact_location",
    "redact_queue",
    "redact_unit",
]
