"""The domain model: plain typed records of the native feed. No Qt here."""

from wallboard.model.agency import Agency
from wallboard.model.call import CallRecord
from wallboard.model.enums import (
    AgencyKind,
    CallTakerState,
    Disposition,
    IncidentCategory,
    IncidentStatus,
    LinkStatus,
    Priority,
    ReportChannel,
    UnitStatus,
)
from wallboard.model.incident import Assignment, Caller, Incident, Location
from wallboard.model.queue import CallTaker, QueueSnapshot, WaitingCall
from wallboard.model.record_key import RecordKey
from wallboard.model.unit import Position, Unit

__all__ = [
    "Agency",
    "AgencyKind",
    "Assignment",
    "CallRecord",
    "CallTaker",
    "CallTakerState",
    "Caller",
    "Disposition",
    "Incident",
    "IncidentCategory",
    "IncidentStatus",
    "LinkStatus",
    "Location",
    "Position",
    "Priority",
    "QueueSnapshot",
    "RecordKey",
    "ReportChannel",
    "Unit",
    "UnitStatus",
    "WaitingCall",
]
