"""The envelopes of the native feed v1: what each endpoint's body holds.

Bodies are deterministic for a given state of the backend (no wall-clock fields), so
an unchanged backend answers a conditional request with 304. The backend's clock
travels in the ``X-Feed-Time`` response header instead.
"""

from __future__ import annotations

from datetime import timedelta

import msgspec

from wallboard.model import Agency, CallRecord, Incident, QueueSnapshot, Unit
from wallboard.model.incident import Latitude, Longitude

API_PREFIX = "/api/v1"
FEED_TIME_HEADER = "X-Feed-Time"
# The longest period one /calls?from=&to= request may span.
MAX_CALL_RANGE = timedelta(days=8)


class IncidentPage(msgspec.Struct, kw_only=True):
    """Incidents changed since a cursor (``full`` false), or all of them (``full`` true).

    ``removed`` lists ids that left the feed's window since the cursor. Pass ``cursor``
    back as ``?since=`` on the next poll.
    """

    items: list[Incident]
    cursor: str
    full: bool
    removed: list[str] = []


class CallPage(msgspec.Struct, kw_only=True):
    """Call records changed since a cursor, or all in the window; as IncidentPage."""

    items: list[CallRecord]
    cursor: str
    full: bool
    removed: list[str] = []


class UnitList(msgspec.Struct, kw_only=True):
    items: list[Unit]


class AgencyList(msgspec.Struct, kw_only=True):
    items: list[Agency]


class RegionInfo(msgspec.Struct, kw_only=True):
    """Which region a backend serves: names, local time zone and map extent."""

    region: str
    name: str
    timezone: str
    center_lat: Latitude
    center_lon: Longitude
    south: Latitude
    west: Longitude
    north: Latitude
    east: Longitude


class FeedError(msgspec.Struct, kw_only=True):
    """Body of every 4xx/5xx answer. ``error`` is a stable code, ``message`` for people.

    A delta cursor the backend no longer remembers gets 410 with ``cursor_expired``:
    the client drops its cursor and fetches in full.
    """

    error: str
    message: str


__all__ = [
    "API_PREFIX",
    "FEED_TIME_HEADER",
    "MAX_CALL_RANGE",
    "AgencyList",
    "CallPage",
    "FeedError",
    "IncidentPage",
    "QueueSnapshot",
    "RegionInfo",
    "UnitList",
]
