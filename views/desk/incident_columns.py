"""The desk's incident table: its columns, and the model of open incidents they make.

Every column sorts by the value it stands for (priority by rank, age by time), not by
its text; the filterable ones (priority, category, status, agency, kecamatan) compare
the feed's own values, so a filter means the same in either language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP

from views.desk.record_model import Column, RecordTableModel
from views.incident_model import area_text
from views.text import clock_duration
from views.vocabulary import name_of
from wallboard.model import Incident
from wallboard.store import Store

CONTEXT = "DeskIncidents"
ID, PRIORITY, CATEGORY, STATUS, AGENCIES, KECAMATAN, PLACE, AGE, UNITS = range(9)


def incident_columns(store: Store, now: Callable[[], datetime]) -> list[Column]:
    """The columns, reading names of agencies and units from ``store`` when painted."""

    def agencies(incident: Incident) -> str:
        known = store.agencies
        return ", ".join(
            known[a].short_name or known[a].name if a in known else a for a in incident.agency_ids
        )

    def units(incident: Incident) -> str:
        known = store.units
        return ", ".join(known[u].call_sign if u in known else u for u in incident.unit_ids)

    def age_s(incident: Incident) -> float:
        return max(0.0, (now() - incident.created_at).total_seconds())

    return [
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Incident"), lambda i: i.id),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Priority"),
            lambda i: name_of(i.priority),
            sort=lambda i: int(i.priority),
            filter=lambda i: i.priority,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Category"),
            lambda i: name_of(i.category),
            filter=lambda i: i.category,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Status"),
            lambda i: name_of(i.status),
            sort=lambda i: list(type(i.status)).index(i.status),
            filter=lambda i: i.status,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Agencies"), agencies, filter=lambda i: set(i.agency_ids)
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Kecamatan"),
            lambda i: i.location.kecamatan,
            filter=lambda i: i.location.kecamatan,
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Place"), area_text_with_address),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Age"),
            lambda i: clock_duration(age_s(i)),
            sort=lambda i: -i.created_at.timestamp(),  # the oldest is the longest open
            right=True,
            searchable=False,
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Units"), units, sort=lambda i: len(i.unit_ids)),
    ]


def area_text_with_address(incident: Incident) -> str:
    """The address, then kelurahan (the kecamatan has its own column)."""
    loc = incident.location
    parts = [p for p in (loc.address, loc.kelurahan) if p]
    return ", ".join(parts) if parts else area_text(incident)


def incident_model(store: Store, now: Callable[[], datetime]) -> RecordTableModel:
    """Open incidents of ``store``, one row each."""
    return RecordTableModel(
        lambda: store.incidents, incident_columns(store, now), CONTEXT, keep=lambda i: i.is_open
    )


__all__ = ["AGE", "AGENCIES", "CATEGORY", "CONTEXT", "ID", "KECAMATAN", "PRIORITY", "STATUS"]
__all__ += ["UNITS", "incident_columns", "incident_model"]
