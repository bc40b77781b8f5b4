"""Open incidents as a Qt table model, ordered by priority then age, updated by key.

The model holds only the order of the incidents' keys (backend, id); each cell reads the
store when painted. A diff moves, inserts or removes just the rows it names, so a wall
with thousands of open incidents keeps its scroll position and costs little per poll.
"""

from __future__ import annotations

from bisect import bisect_left
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
from PySide6.QtGui import QFont

from views.text import clock_duration
from views.theme import Theme
from views.vocabulary import name_of
from wallboard.model import Incident, Priority, RecordKey
from wallboard.store import KindDiff, Store

PRIORITY, AGE, CATEGORY, AREA, STATUS, UNITS = range(6)
_HEADERS = (
    QT_TRANSLATE_NOOP("IncidentTableModel", "Priority"),
    QT_TRANSLATE_NOOP("IncidentTableModel", "Age"),
    QT_TRANSLATE_NOOP("IncidentTableModel", "Category"),
    QT_TRANSLATE_NOOP("IncidentTableModel", "Area"),
    QT_TRANSLATE_NOOP("IncidentTableModel", "Status"),
    QT_TRANSLATE_NOOP("IncidentTableModel", "Units"),
)
# Beyond this many rows touched at once (a first full page), one reset is cheaper
# than row-by-row signals.
_RESET_ABOVE = 500

SortKey = tuple[int, float, RecordKey]
Index = QModelIndex | QPersistentModelIndex


def sort_key(key: RecordKey, incident: Incident) -> SortKey:
    """Most urgent first, then the oldest: (priority, created_at, key)."""
    return (int(incident.priority), incident.created_at.timestamp(), key)


def area_text(incident: Incident) -> str:
    """Kecamatan / kelurahan, or the address when the backend gave neither."""
    loc = incident.location
    parts = [p for p in (loc.kecamatan, loc.kelurahan) if p]
    return " / ".join(parts) if parts else loc.address


class IncidentTableModel(QAbstractTableModel):
    """Rows are open incidents of the store; columns PRIORITY..UNITS."""

    def __init__(self, store: Store, clock: Callable[[], datetime], theme: Theme) -> None:
        super().__init__()
        self._store = store
        self._clock = clock
        self._keys: list[SortKey] = []
        self._key_of: dict[RecordKey, SortKey] = {}
        self._now = clock()
        self._bold = QFont()
        self._bold.setBold(True)
        self.set_theme(theme)
        self._reset()

    def set_theme(self, theme: Theme) -> None:
        self._critical = theme.color("critical")
        self._late = theme.color("late")

    # -- what the view asks -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("IncidentTableModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.incident_key(index.row())
        incident = self._store.incidents.get(key)
        if incident is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key.backend, incident, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AGE:
            # running clocks right-aligned so their digits line up row to row
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == PRIORITY and incident.priority is Priority.CRITICAL:
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._critical
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == PRIORITY:
            return self._late if incident.priority is Priority.HIGH else None
        return None

    def _text(self, backend: str, incident: Incident, column: int) -> str:
        if column == PRIORITY:
            return name_of(incident.priority)
        if column == AGE:
            return clock_duration((self._now - incident.created_at).total_seconds())
        if column == CATEGORY:
            return name_of(incident.category)
        if column == AREA:
            return area_text(incident)
        if column == STATUS:
            return name_of(incident.status)
        units = self._store.units
        names = []
        for uid in incident.unit_ids:  # ids of the incident's own backend
            unit = units.get(RecordKey(backend, uid))
            names.append(unit.call_sign if unit is not None else uid)
        return ", ".join(names)

    def incident_key(self, row: int) -> RecordKey:
        return self._keys[row][2]

    def row_of(self, key: RecordKey) -> int | None:
        order = self._key_of.get(key)
        return None if order is None else bisect_left(self._keys, order)

    # -- what the panel tells it ------------------------------------------------------

    def tick(self) -> None:
        """Ages run on: repaint the age column (only visible rows are really drawn)."""
        self._now = self._clock()
        if self._keys:
            last = len(self._keys) - 1
            self.dataChanged.emit(self.index(0, AGE), self.index(last, AGE))

    def apply_incidents(self, diff: KindDiff) -> None:
        """Move, insert and remove exactly the rows a diff names."""
        self._now = self._clock()  # rows shown now are aged now, not at the last tick
        touched = diff.added | diff.changed | diff.removed
        if len(touched) > _RESET_ABOVE:
            self._reset()
            return
        for key in touched:
            self._update_row(key)

    def refresh_units(self) -> None:
        """Call signs may have changed: repaint the units column."""
        if self._keys:
            self.dataChanged.emit(self.index(0, UNITS), self.index(len(self._keys) - 1, UNITS))

    def _update_row(self, key: RecordKey) -> None:
        incident = self._store.incidents.get(key)
        new = sort_key(key, incident) if incident is not None and incident.is_open else None
        old = self._key_of.get(key)
        if old == new:
            if new is not None:
                row = bisect_left(self._keys, new)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))
            return
        if old is not None:
            row = bisect_left(self._keys, old)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._keys[row]
            del self._key_of[key]
            self.endRemoveRows()
        if new is not None:
            row = bisect_left(self._keys, new)
            self.beginInsertRows(QModelIndex(), row, row)
            self._keys.insert(row, new)
            self._key_of[key] = new
            self.endInsertRows()

    def _reset(self) -> None:
        self.beginResetModel()
        incidents = self._store.incidents.items()
        self._key_of = {k: sort_key(k, i) for k, i in incidents if i.is_open}
        self._keys = sorted(self._key_of.values())
        self._now = self._clock()
        self.endResetModel()


__all__ = [
    "AGE",
    "AREA",
    "CATEGORY",
    "PRIORITY",
    "STATUS",
    "UNITS",
    "IncidentTableModel",
    "area_text",
    "sort_key",
]
