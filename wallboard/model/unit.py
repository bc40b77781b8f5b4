"""Units: the vehicles and teams an agency sends."""

from __future__ import annotations

import msgspec

from wallboard.model.enums import UnitStatus
from wallboard.model.incident import Latitude, Longitude, RecordId, Timestamp, Version


class Position(msgspec.Struct, frozen=True, kw_only=True):
    """Where a unit was last seen, and when."""

    lat: Latitude
    lon: Longitude
    at: Timestamp


class Unit(msgspec.Struct, frozen=True, kw_only=True):
    id: RecordId
    version: Version
    agency_id: RecordId
    call_sign: str
    type: str
    status: UnitStatus
    status_since: Timestamp
    position: Position | None = None
    incident_id: str | None = None
