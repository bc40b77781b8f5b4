"""The desk's unit table: its columns, and the model of every unit they make.

Rows are keyed by ``RecordKey``; a unit's agency and incident are those of its own
backend (``key.sibling``), so on a province desk a unit never shows another region's
incident that happens to share the id.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP

from views.desk.record_model import Column, RecordTableModel
from views.desk.region_column import region_text
from views.text import clock_duration, local_time
from views.vocabulary import name_of
from wallboard.model import RecordKey, Unit
from wallboard.store import Store

CONTEXT = "DeskUnits"
CALL_SIGN, REGION, AGENCY, TYPE, STATUS, SINCE, INCIDENT = range(7)


def unit_columns(
    store: Store, zone: ZoneInfo, now: Callable[[], datetime], *, regions: bool = False
) -> list[Column]:
    """The columns, reading agency names and incidents from ``store`` when painted;
    ``regions`` (a province desk): the region column is searched too."""

    def agency(key: RecordKey, unit: Unit) -> str:
        found = store.agencies.get(key.sibling(unit.agency_id))
        return (found.short_name or found.name) if found else unit.agency_id

    def incident(key: RecordKey, unit: Unit) -> str:
        if not unit.incident_id:
            return ""
        found = store.incidents.get(key.sibling(unit.incident_id))
        if found is None:
            return unit.incident_id
        return f"{found.id} · {name_of(found.category)}"

    def in_status_s(unit: Unit) -> float:
        return max(0.0, (now() - unit.status_since).total_seconds())

    def since(unit: Unit) -> str:
        return f"{local_time(unit.status_since, zone)} ({clock_duration(in_status_s(unit))})"

    return [
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Call sign"), lambda _k, u: u.call_sign),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Region"),
            region_text(store),
            filter=lambda k, _u: k.backend,
            searchable=regions,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Agency"),
            agency,
            filter=lambda k, u: k.sibling(u.agency_id),
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Type"), lambda _k, u: u.type),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Status"),
            lambda _k, u: name_of(u.status),
            sort=lambda _k, u: list(type(u.status)).index(u.status),
            filter=lambda _k, u: u.status,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Since"),
            lambda _k, u: since(u),
            sort=lambda _k, u: u.status_since.timestamp(),
            right=True,
            searchable=False,
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Incident"), incident),
    ]


def unit_model(
    store: Store, zone: ZoneInfo, now: Callable[[], datetime], *, regions: bool = False
) -> RecordTableModel:
    """Every unit of ``store`` (of every backend), one row each."""
    return RecordTableModel(
        lambda: store.units, unit_columns(store, zone, now, regions=regions), CONTEXT
    )


__all__ = ["AGENCY", "CALL_SIGN", "CONTEXT", "INCIDENT", "REGION", "SINCE", "STATUS", "TYPE"]
__all__ += ["unit_columns", "unit_model"]
