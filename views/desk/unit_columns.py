"""The desk's unit table: its columns, and the model of every unit they make."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP

from views.desk.record_model import Column, RecordTableModel
from views.text import clock_duration, local_time
from views.vocabulary import name_of
from wallboard.model import Unit
from wallboard.store import Store

CONTEXT = "DeskUnits"
CALL_SIGN, AGENCY, TYPE, STATUS, SINCE, INCIDENT = range(6)


def unit_columns(store: Store, zone: ZoneInfo, now: Callable[[], datetime]) -> list[Column]:
    """The columns, reading agency names and incidents from ``store`` when painted."""

    def agency(unit: Unit) -> str:
        found = store.agencies.get(unit.agency_id)
        return (found.short_name or found.name) if found else unit.agency_id

    def incident(unit: Unit) -> str:
        found = store.incidents.get(unit.incident_id) if unit.incident_id else None
        if found is None:
            return unit.incident_id or ""
        return f"{found.id} · {name_of(found.category)}"

    def in_status_s(unit: Unit) -> float:
        return max(0.0, (now() - unit.status_since).total_seconds())

    return [
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Call sign"), lambda u: u.call_sign),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Agency"), agency, filter=lambda u: u.agency_id),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Type"), lambda u: u.type),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Status"),
            lambda u: name_of(u.status),
            sort=lambda u: list(type(u.status)).index(u.status),
            filter=lambda u: u.status,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Since"),
            lambda u: f"{local_time(u.status_since, zone)} ({clock_duration(in_status_s(u))})",
            sort=lambda u: u.status_since.timestamp(),
            right=True,
            searchable=False,
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Incident"), incident),
    ]


def unit_model(store: Store, zone: ZoneInfo, now: Callable[[], datetime]) -> RecordTableModel:
    """Every unit of ``store``, one row each."""
    return RecordTableModel(lambda: store.units, unit_columns(store, zone, now), CONTEXT)


__all__ = ["AGENCY", "CALL_SIGN", "CONTEXT", "INCIDENT", "SINCE", "STATUS", "TYPE"]
__all__ += ["unit_columns", "unit_model"]
