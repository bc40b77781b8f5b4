"""The desk's two lists, built with their filters: open incidents and units.

Filter choices come from the feed's vocabularies (priority, category, status) and from
the store (agencies; the kecamatan of the open incidents), named as the wall names them.
A province desk (several backends) also shows each row's region and filters by it; its
agency filter names each agency's region, as two regions may have alike agencies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from views.desk import incident_columns as ic
from views.desk import unit_columns as uc
from views.desk.list_panel import FilterSpec, ListPanel
from views.desk.region_column import region_name
from views.vocabulary import name_of
from wallboard.model import IncidentCategory, IncidentStatus, Priority, UnitStatus
from wallboard.store import Store


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeskList", text)


def _named(values) -> Callable[[], list]:
    return lambda: [(v, name_of(v)) for v in values]


def _agencies(store: Store, several: bool) -> Callable[[], list]:
    """Agencies by key (an agency of each region even where two share an id)."""

    def choices() -> list:
        named = []
        for key, agency in store.agencies.items():
            name = agency.short_name or agency.name
            if several:
                name = f"{name} · {region_name(store, key.backend)}"
            named.append((key, name))
        return sorted(named, key=lambda pair: (pair[1].casefold(), pair[0]))

    return choices


def _regions(store: Store, backends: Sequence[str]) -> Callable[[], list]:
    def choices() -> list:
        return [(b, region_name(store, b)) for b in backends]

    return choices


def incident_list(
    store: Store, now: Callable[[], datetime], backends: Sequence[str] = ()
) -> ListPanel:
    """Open incidents with filters on priority, category, status, agency and kecamatan
    (and region, over several ``backends``); each filter's first choice (no filter) is
    the column's name."""
    several = len(backends) > 1

    def kecamatan() -> list:
        names = {i.location.kecamatan for i in store.incidents.values() if i.is_open}
        return [(n, n) for n in sorted(names - {""}, key=str.casefold)]

    open_statuses = [s for s in IncidentStatus if s is not IncidentStatus.CLOSED]
    region = [FilterSpec(ic.REGION, _tr("Region"), _regions(store, backends))] if several else []
    return ListPanel(
        "incidents",
        ic.incident_model(store, now, regions=several),
        [
            *region,
            FilterSpec(ic.PRIORITY, _tr("Priority"), _named(Priority)),
            FilterSpec(ic.CATEGORY, _tr("Category"), _named(IncidentCategory)),
            FilterSpec(ic.STATUS, _tr("Status"), _named(open_statuses)),
            FilterSpec(ic.AGENCIES, _tr("Agency"), _agencies(store, several)),
            FilterSpec(ic.KECAMATAN, _tr("Kecamatan"), kecamatan),
        ],
        sort_by=ic.PRIORITY,  # the most urgent first (the oldest first among equals)
        hidden=() if several else (ic.REGION,),
    )


def unit_list(
    store: Store, zone: ZoneInfo, now: Callable[[], datetime], backends: Sequence[str] = ()
) -> ListPanel:
    """Every unit with filters on agency and status (and region, over several ``backends``)."""
    several = len(backends) > 1
    region = [FilterSpec(uc.REGION, _tr("Region"), _regions(store, backends))] if several else []
    return ListPanel(
        "units",
        uc.unit_model(store, zone, now, regions=several),
        [
            *region,
            FilterSpec(uc.AGENCY, _tr("Agency"), _agencies(store, several)),
            FilterSpec(uc.STATUS, _tr("Status"), _named(UnitStatus)),
        ],
        sort_by=uc.CALL_SIGN,
        hidden=() if several else (uc.REGION,),
    )


__all__ = ["incident_list", "unit_list"]
