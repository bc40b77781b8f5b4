"""Incidents: what happened, where, how urgent, and who was sent."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from wallboard.model.enums import IncidentCategory, IncidentStatus, Priority, ReportChannel

Timestamp = Annotated[datetime, msgspec.Meta(tz=True)]
Latitude = Annotated[float, msgspec.Meta(ge=-90.0, le=90.0)]
Longitude = Annotated[float, msgspec.Meta(ge=-180.0, le=180.0)]
RecordId = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Version = Annotated[int, msgspec.Meta(ge=0)]


class Location(msgspec.Struct, frozen=True, kw_only=True):
    """A point with its Indonesian address parts, street down to kecamatan.

    ``lat``/``lon`` are None when the backend knows only the address (a call whose
    address did not geocode): the incident is listed and counted, not drawn on a map.
    """

    lat: Latitude | None
    lon: Longitude | None
    address: str = ""
    kelurahan: str = ""
    kecamatan: str = ""
    city: str = ""


class Caller(msgspec.Struct, frozen=True, kw_only=True):
    """Who reported: personal data, removed before any public-facing view."""

    name: str = ""
    phone: str = ""


class Assignment(msgspec.Struct, frozen=True, kw_only=True):
    """One unit sent to an incident, with the time of each step it reached."""

    unit_id: RecordId
    agency_id: RecordId
    dispatched_at: Timestamp
    en_route_at: Timestamp | None = None
    on_scene_at: Timestamp | None = None
    cleared_at: Timestamp | None = None


class Incident(msgspec.Struct, frozen=True, kw_only=True):
    """An incident as the backend reports it; ``version`` orders its revisions."""

    id: RecordId
    version: Version
    region: str
    category: IncidentCategory
    priority: Priority
    status: IncidentStatus
    status_times: dict[IncidentStatus, Timestamp]
    created_at: Timestamp
    updated_at: Timestamp
    location: Location
    description: str = ""
    caller: Caller | None = None
    assignments: tuple[Assignment, ...] = ()
    agency_ids: tuple[RecordId, ...] = ()
    channel: ReportChannel = ReportChannel.CALL
    call_id: str | None = None

    @property
    def is_placed(self) -> bool:
        """Whether the incident has a position a map can show."""
        return self.location.lat is not None and self.location.lon is not None

    @property
    def is_open(self) -> bool:
        return self.status is not IncidentStatus.CLOSED

    @property
    def unit_ids(self) -> tuple[str, ...]:
        return tuple(a.unit_id for a in self.assignments)
