"""The desk's two lists, built with their filters: open incidents and units.

Filter choices come from the feed's vocabularies (priority, category, status) and from
the store (agencies; the kecamatan of the open incidents), named as the wall names them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from views.desk import incident_columns as ic
from views.desk import unit_columns as uc
from views.desk.list_panel import FilterSpec, ListPanel
from views.vocabulary import name_of
from wallboard.model import IncidentCategory, IncidentStatus, Priority, UnitStatus
from wallboard.store import Store


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeskList", text)


def _named(values) -> Callable[[], list]:
    return lambda: [(v, name_of(v)) for v in values]


def _agencies(store: Store) -> Callable[[], list]:
    def choices() -> list:
        named = [(a.id, a.short_name or a.name) for a in store.agencies.values()]
        return sorted(named, key=lambda pair: pair[1].casefold())

    return choices


def incident_list(store: Store, now: Callable[[], datetime]) -> ListPanel:
    """Open incidents with filters on priority, category, status, agency and kecamatan;
    each filter's first choice (no filter) is the column's name."""

    def kecamatan() -> list:
        names = {i.location.kecamatan for i in store.incidents.values() if i.is_open}
        return [(n, n) for n in sorted(names - {""}, key=str.casefold)]

    open_statuses = [s for s in IncidentStatus if s is not IncidentStatus.CLOSED]
    return ListPanel(
        "incidents",
        ic.incident_model(store, now),
        [
            FilterSpec(ic.PRIORITY, _tr("Priority"), _named(Priority)),
            FilterSpec(ic.CATEGORY, _tr("Category"), _named(IncidentCategory)),
            FilterSpec(ic.STATUS, _tr("Status"), _named(open_statuses)),
            FilterSpec(ic.AGENCIES, _tr("Agency"), _agencies(store)),
            FilterSpec(ic.KECAMATAN, _tr("Kecamatan"), kecamatan),
        ],
        sort_by=ic.PRIORITY,  # the most urgent first (the oldest first among equals)
    )


def unit_list(store: Store, zone: ZoneInfo, now: Callable[[], datetime]) -> ListPanel:
    """Every unit with filters on agency and status."""
    return ListPanel(
        "units",
        uc.unit_model(store, zone, now),
        [
            FilterSpec(uc.AGENCY, _tr("Agency"), _agencies(store)),
            FilterSpec(uc.STATUS, _tr("Status"), _named(UnitStatus)),
        ],
        sort_by=uc.CALL_SIGN,
    )


__all__ = ["incident_list", "unit_list"]
