"""The closed vocabularies of the native feed.

Values are the exact strings on the wire; anything else is rejected by the decoder.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Priority(IntEnum):
    """Incident priority: 1 is life-threatening, 4 is routine."""

    CRITICAL = 1
    HIGH = 2
    MEDIUM = 3
    LOW = 4


class IncidentCategory(StrEnum):
    FIRE = "fire"
    TRAFFIC_ACCIDENT = "traffic_accident"
    MEDICAL = "medical"
    CRIME = "crime"
    FLOOD = "flood"
    LANDSLIDE = "landslide"
    FALLEN_TREE = "fallen_tree"
    ANIMAL = "animal"
    PUBLIC_ORDER = "public_order"
    MISSING_PERSON = "missing_person"
    WATER_RESCUE = "water_rescue"
    UTILITY = "utility"
    OTHER = "other"


class IncidentStatus(StrEnum):
    """Lifecycle of an incident; each change is time-stamped in ``status_times``."""

    NEW = "new"
    DISPATCHED = "dispatched"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    CLOSED = "closed"


class ReportChannel(StrEnum):
    """How the incident reached the centre."""

    CALL = "call"
    APP = "app"
    SMS = "sms"
    SOCIAL_MEDIA = "social_media"
    RADIO = "radio"
    WALK_IN = "walk_in"


class UnitStatus(StrEnum):
    AVAILABLE = "available"
    DISPATCHED = "dispatched"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    RETURNING = "returning"
    OUT_OF_SERVICE = "out_of_service"


class AgencyKind(StrEnum):
    POLICE = "police"
    FIRE = "fire"
    MEDICAL = "medical"
    DISASTER = "disaster"
    SEARCH_RESCUE = "search_rescue"
    UTILITY = "utility"
    TRANSPORT = "transport"
    PUBLIC_ORDER = "public_order"
    VOLUNTEER = "volunteer"


class LinkStatus(StrEnum):
    """Whether the centre's link to an agency is alive."""

    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"


class CallTakerState(StrEnum):
    READY = "ready"
    TALKING = "talking"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    OFFLINE = "offline"


class Disposition(StrEnum):
    """What a call turned out to be, set when the call ends."""

    EMERGENCY = "emergency"
    INFORMATION = "information"
    PRANK = "prank"
    SILENT = "silent"
    MENU_DROP = "menu_drop"
    DUPLICATE = "duplicate"
    TEST = "test"
