"""The wall's names for the feed's closed vocabularies (categories, statuses, states).

Source strings are English, marked for Qt's translation tools in context "Vocabulary";
a value the table does not know (a newer feed) shows as its wire value.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from wallboard.feed.kinds import FeedKind, HazardKind
from wallboard.model import (
    AgencyKind,
    CallTakerState,
    Disposition,
    IncidentCategory,
    IncidentStatus,
    LinkStatus,
    Priority,
    UnitStatus,
)

# One table per vocabulary: StrEnum values of different vocabularies compare equal
# ("fire" is a category and an agency kind), so they must not share one dict.
_NAMES: dict[type[Enum], dict[Enum, str]] = {
    IncidentCategory: {
        IncidentCategory.FIRE: QT_TRANSLATE_NOOP("Vocabulary", "Fire"),
        IncidentCategory.TRAFFIC_ACCIDENT: QT_TRANSLATE_NOOP("Vocabulary", "Traffic accident"),
        IncidentCategory.MEDICAL: QT_TRANSLATE_NOOP("Vocabulary", "Medical"),
        IncidentCategory.CRIME: QT_TRANSLATE_NOOP("Vocabulary", "Crime"),
        IncidentCategory.FLOOD: QT_TRANSLATE_NOOP("Vocabulary", "Flood"),
        IncidentCategory.LANDSLIDE: QT_TRANSLATE_NOOP("Vocabulary", "Landslide"),
        IncidentCategory.FALLEN_TREE: QT_TRANSLATE_NOOP("Vocabulary", "Fallen tree"),
        IncidentCategory.ANIMAL: QT_TRANSLATE_NOOP("Vocabulary", "Animal"),
        IncidentCategory.PUBLIC_ORDER: QT_TRANSLATE_NOOP("Vocabulary", "Public order"),
        IncidentCategory.MISSING_PERSON: QT_TRANSLATE_NOOP("Vocabulary", "Missing person"),
        IncidentCategory.WATER_RESCUE: QT_TRANSLATE_NOOP("Vocabulary", "Water rescue"),
        IncidentCategory.UTILITY: QT_TRANSLATE_NOOP("Vocabulary", "Utility"),
        IncidentCategory.OTHER: QT_TRANSLATE_NOOP("Vocabulary", "Other"),
    },
    IncidentStatus: {
        IncidentStatus.NEW: QT_TRANSLATE_NOOP("Vocabulary", "New"),
        IncidentStatus.DISPATCHED: QT_TRANSLATE_NOOP("Vocabulary", "Dispatched"),
        IncidentStatus.EN_ROUTE: QT_TRANSLATE_NOOP("Vocabulary", "En route"),
        IncidentStatus.ON_SCENE: QT_TRANSLATE_NOOP("Vocabulary", "On scene"),
        IncidentStatus.CLOSED: QT_TRANSLATE_NOOP("Vocabulary", "Closed"),
    },
    UnitStatus: {
        UnitStatus.AVAILABLE: QT_TRANSLATE_NOOP("Vocabulary", "Available"),
        UnitStatus.DISPATCHED: QT_TRANSLATE_NOOP("Vocabulary", "Dispatched"),
        UnitStatus.EN_ROUTE: QT_TRANSLATE_NOOP("Vocabulary", "En route"),
        UnitStatus.ON_SCENE: QT_TRANSLATE_NOOP("Vocabulary", "On scene"),
        UnitStatus.RETURNING: QT_TRANSLATE_NOOP("Vocabulary", "Returning"),
        UnitStatus.OUT_OF_SERVICE: QT_TRANSLATE_NOOP("Vocabulary", "Out of service"),
    },
    CallTakerState: {
        CallTakerState.READY: QT_TRANSLATE_NOOP("Vocabulary", "Ready"),
        CallTakerState.TALKING: QT_TRANSLATE_NOOP("Vocabulary", "Talking"),
        CallTakerState.WRAP_UP: QT_TRANSLATE_NOOP("Vocabulary", "Wrap-up"),
        CallTakerState.BREAK: QT_TRANSLATE_NOOP("Vocabulary", "Break"),
        CallTakerState.OFFLINE: QT_TRANSLATE_NOOP("Vocabulary", "Offline"),
    },
    LinkStatus: {
        LinkStatus.ONLINE: QT_TRANSLATE_NOOP("Vocabulary", "✔ Online"),
        LinkStatus.DEGRADED: QT_TRANSLATE_NOOP("Vocabulary", "▲ Degraded"),
        LinkStatus.OFFLINE: QT_TRANSLATE_NOOP("Vocabulary", "✖ Offline"),
    },
    Disposition: {
        Disposition.EMERGENCY: QT_TRANSLATE_NOOP("Vocabulary", "Emergency"),
        Disposition.INFORMATION: QT_TRANSLATE_NOOP("Vocabulary", "Information"),
        Disposition.PRANK: QT_TRANSLATE_NOOP("Vocabulary", "Prank"),
        Disposition.SILENT: QT_TRANSLATE_NOOP("Vocabulary", "Silent"),
        Disposition.MENU_DROP: QT_TRANSLATE_NOOP("Vocabulary", "Menu drop-out"),
        Disposition.DUPLICATE: QT_TRANSLATE_NOOP("Vocabulary", "Duplicate"),
        Disposition.TEST: QT_TRANSLATE_NOOP("Vocabulary", "Test"),
    },
    AgencyKind: {
        AgencyKind.POLICE: QT_TRANSLATE_NOOP("Vocabulary", "Police"),
        AgencyKind.FIRE: QT_TRANSLATE_NOOP("Vocabulary", "Fire service"),
        AgencyKind.MEDICAL: QT_TRANSLATE_NOOP("Vocabulary", "Medical service"),
        AgencyKind.DISASTER: QT_TRANSLATE_NOOP("Vocabulary", "Disaster management"),
        AgencyKind.SEARCH_RESCUE: QT_TRANSLATE_NOOP("Vocabulary", "Search and rescue"),
        AgencyKind.UTILITY: QT_TRANSLATE_NOOP("Vocabulary", "Utility company"),
        AgencyKind.TRANSPORT: QT_TRANSLATE_NOOP("Vocabulary", "Transport"),
        AgencyKind.PUBLIC_ORDER: QT_TRANSLATE_NOOP("Vocabulary", "Public order agency"),
        AgencyKind.VOLUNTEER: QT_TRANSLATE_NOOP("Vocabulary", "Volunteers"),
    },
}

_NAMES[FeedKind] = {
    FeedKind.INCIDENTS: QT_TRANSLATE_NOOP("Vocabulary", "Incidents"),
    FeedKind.CALLS: QT_TRANSLATE_NOOP("Vocabulary", "Calls"),
    FeedKind.UNITS: QT_TRANSLATE_NOOP("Vocabulary", "Units"),
    FeedKind.AGENCIES: QT_TRANSLATE_NOOP("Vocabulary", "Agencies"),
    FeedKind.QUEUE: QT_TRANSLATE_NOOP("Vocabulary", "Queue"),
    FeedKind.INFO: QT_TRANSLATE_NOOP("Vocabulary", "Region info"),
}
_NAMES[HazardKind] = {HazardKind.ALERTS: QT_TRANSLATE_NOOP("Vocabulary", "Hazard alerts")}

# Priority is shown with its number, so it reads without colour and without language.
_PRIORITY: dict[Priority, str] = {
    Priority.CRITICAL: QT_TRANSLATE_NOOP("Vocabulary", "P1 Critical"),
    Priority.HIGH: QT_TRANSLATE_NOOP("Vocabulary", "P2 High"),
    Priority.MEDIUM: QT_TRANSLATE_NOOP("Vocabulary", "P3 Medium"),
    Priority.LOW: QT_TRANSLATE_NOOP("Vocabulary", "P4 Low"),
}


def name_of(value: Enum) -> str:
    """The translated display name of a vocabulary value."""
    table = _PRIORITY if isinstance(value, Priority) else _NAMES.get(type(value), {})
    source = table.get(value)
    if source is None:
        return str(value.value)
    return QCoreApplication.translate("Vocabulary", source)


__all__ = ["name_of"]
