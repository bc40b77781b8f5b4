"""Every unit as a Qt table model: by agency, with its status and time in that status.

Rows are grouped by agency (the agency's short name on its first row only) and ordered
by call sign. Units are known by their store keys (backend, id); a unit's agency and
incident are those of its own backend (two regions may use the same ids). The time
column runs on with the clock and, past a status's limit (``[targets]``
``unit_<status>_min``), turns amber then red with a symbol — "▲" amber, "▲▲" red — so
colour is never the only sign.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from views.text import clock_duration
from views.theme import Theme
from views.vocabulary import name_of
from wallboard.model import Agency, RecordKey, Unit
from wallboard.store import Store
from wallboard.units.status_limits import Level, UnitLimits, seconds_in_status

AGENCY, CALL_SIGN, STATUS, INCIDENT, TIME = range(5)
_HEADERS = (
    QT_TRANSLATE_NOOP("UnitTableModel", "Agency"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Unit"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Status"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Incident"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Time in status"),
)
SYMBOLS = {Level.OK: "", Level.AMBER: "▲ ", Level.RED: "▲▲ "}

Index = QModelIndex | QPersistentModelIndex


def timer_text(level: Level, seconds: float) -> str:
    """The time in status as the wall writes it: "▲ 16:05" once over the amber limit."""
    return SYMBOLS[level] + clock_duration(seconds)


def agency_order(agency: Agency | None, key: RecordKey) -> tuple[int, str, RecordKey]:
    """Agencies by kind, then short name, then key (two regions' agencies of one name)."""
    if agency is None:
        return (1 << 16, key.id, key)  # not (yet) known: after the known ones
    return (list(type(agency.kind)).index(agency.kind), agency.short_name, key)


class UnitTableModel(QAbstractTableModel):
    """Rows are the store's units, grouped by agency; columns AGENCY..TIME."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime], limits: UnitLimits, theme: Theme
    ) -> None:
        super().__init__()
        self._store = store
        self._clock = clock
        self._limits = limits
        self._keys: list[RecordKey] = []
        self._first_of_agency: set[int] = set()
        self._now = clock()
        self.set_theme(theme)
        self.reset()

    def set_theme(self, theme: Theme) -> None:
        self._fill = {Level.AMBER: theme.color("late"), Level.RED: theme.color("stale")}
        self._ink = {Level.AMBER: theme.color("on_status"), Level.RED: theme.color("on_banner")}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("UnitTableModel", _HEADERS[section])
        return None

    def unit_key(self, row: int) -> RecordKey:
        return self._keys[row]

    def level(self, unit: Unit) -> Level:
        return self._limits.level(unit.status, seconds_in_status(unit, self._now))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self._keys[index.row()]
        unit = self._store.units.get(key)
        if unit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, unit, index.row(), column)
        if column == TIME:
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            level = self.level(unit)
            if level is not Level.OK and role == Qt.ItemDataRole.BackgroundRole:
                return self._fill[level]
            if level is not Level.OK and role == Qt.ItemDataRole.ForegroundRole:
                return self._ink[level]
        return None

    def _text(self, key: RecordKey, unit: Unit, row: int, column: int) -> str:
        if column == AGENCY:
            if row not in self._first_of_agency:
                return ""
            agency = self._store.agencies.get(key.sibling(unit.agency_id))
            return agency.short_name if agency is not None else unit.agency_id
        if column == CALL_SIGN:
            return unit.call_sign
        if column == STATUS:
            return name_of(unit.status)
        if column == INCIDENT:
            incident = (
                self._store.incidents.get(key.sibling(unit.incident_id))
                if unit.incident_id
                else None
            )
            if incident is None:
                return unit.incident_id or ""
            area = incident.location.kecamatan or incident.location.kelurahan
            label = f"P{int(incident.priority)} {name_of(incident.category)}"
            return f"{label} · {area}" if area else label
        seconds = seconds_in_status(unit, self._now)
        return timer_text(self._limits.level(unit.status, seconds), seconds)

    def tick(self) -> None:
        """Times run on: repaint the time column."""
        self._now = self._clock()
        if self._keys:
            self.dataChanged.emit(self.index(0, TIME), self.index(len(self._keys) - 1, TIME))

    def reset(self) -> None:
        """Order every unit again (a unit diff: a few dozen to a few hundred rows)."""
        self.beginResetModel()
        agencies = self._store.agencies

        def order(item: tuple[RecordKey, Unit]) -> tuple:
            key, unit = item
            agency = key.sibling(unit.agency_id)
            return (agency_order(agencies.get(agency), agency), unit.call_sign, key)

        units = sorted(self._store.units.items(), key=order)
        self._keys = [k for k, _ in units]
        of_agency = [k.sibling(u.agency_id) for k, u in units]
        self._first_of_agency = {
            n for n in range(len(units)) if n == 0 or of_agency[n - 1] != of_agency[n]
        }
        self._now = self._clock()
        self.endResetModel()


__all__ = [
    "AGENCY",
    "CALL_SIGN",
    "INCIDENT",
    "STATUS",
    "SYMBOLS",
    "TIME",
    "UnitTableModel",
    "timer_text",
]
