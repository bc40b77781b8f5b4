"""The desk's incident table: its columns, and the model of open incidents they make.

Every column sorts by the value it stands for (priority by rank, age by time), not by
its text; the filterable ones (region, priority, category, status, agency, kecamatan)
compare the feed's own values, so a filter means the same in either language. Rows are
keyed by ``RecordKey``: an incident's agencies and units are looked up in its own
backend (``key.sibling``), and the agency filter compares agency keys, so two regions'
agencies of one id stay two agencies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP

from views.desk.record_model import Column, RecordTableModel
from views.desk.region_column import region_text
from views.incident_model import area_text
from views.text import clock_duration
from views.vocabulary import name_of
from wallboard.model import Incident, RecordKey
from wallboard.store import Store

CONTEXT = "DeskIncidents"
ID, REGION, PRIORITY, CATEGORY, STATUS, AGENCIES, KECAMATAN, PLACE, AGE, UNITS = range(10)


def incident_columns(
    store: Store, now: Callable[[], datetime], *, regions: bool = False
) -> list[Column]:
    """The columns, reading names of agencies and units from ``store`` when painted;
    ``regions`` (a province desk): the region column is searched too."""

    def agencies(key: RecordKey, incident: Incident) -> str:
        known = store.agencies
        names = []
        for aid in incident.agency_ids:
            agency = known.get(key.sibling(aid))
            names.append(agency.short_name or agency.name if agency is not None else aid)
        return ", ".join(names)

    def units(key: RecordKey, incident: Incident) -> str:
        known = store.units
        signs = []
        for uid in incident.unit_ids:
            unit = known.get(key.sibling(uid))
            signs.append(unit.call_sign if unit is not None else uid)
        return ", ".join(signs)

    def age_s(incident: Incident) -> float:
        return max(0.0, (now() - incident.created_at).total_seconds())

    return [
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Incident"), lambda _k, i: i.id),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Region"),
            region_text(store),
            filter=lambda k, _i: k.backend,
            searchable=regions,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Priority"),
            lambda _k, i: name_of(i.priority),
            sort=lambda _k, i: int(i.priority),
            filter=lambda _k, i: i.priority,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Category"),
            lambda _k, i: name_of(i.category),
            filter=lambda _k, i: i.category,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Status"),
            lambda _k, i: name_of(i.status),
            sort=lambda _k, i: list(type(i.status)).index(i.status),
            filter=lambda _k, i: i.status,
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Agencies"),
            agencies,
            filter=lambda k, i: {k.sibling(a) for a in i.agency_ids},
        ),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Kecamatan"),
            lambda _k, i: i.location.kecamatan,
            filter=lambda _k, i: i.location.kecamatan,
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Place"), lambda _k, i: area_text_with_address(i)),
        Column(
            QT_TRANSLATE_NOOP(CONTEXT, "Age"),
            lambda _k, i: clock_duration(age_s(i)),
            sort=lambda _k, i: -i.created_at.timestamp(),  # the oldest is the longest open
            right=True,
            searchable=False,
        ),
        Column(QT_TRANSLATE_NOOP(CONTEXT, "Units"), units, sort=lambda _k, i: len(i.unit_ids)),
    ]


def area_text_with_address(incident: Incident) -> str:
    """The address, then kelurahan (the kecamatan has its own column)."""
    loc = incident.location
    parts = [p for p in (loc.address, loc.kelurahan) if p]
    return ", ".join(parts) if parts else area_text(incident)


def incident_model(
    store: Store, now: Callable[[], datetime], *, regions: bool = False
) -> RecordTableModel:
    """Open incidents of ``store`` (of every backend), one row each."""
    return RecordTableModel(
        lambda: store.incidents,
        incident_columns(store, now, regions=regions),
        CONTEXT,
        keep=lambda i: i.is_open,
    )


__all__ = ["AGE", "AGENCIES", "CATEGORY", "CONTEXT", "ID", "KECAMATAN", "PRIORITY", "REGION"]
__all__ += ["STATUS", "UNITS", "incident_columns", "incident_model"]
