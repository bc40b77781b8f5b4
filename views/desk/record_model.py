"""A table model over one of the store's record tables, kept up to date by diff.

Rows are the records a ``keep`` rule admits (open incidents, every unit), in the order
they arrived: sorting and filtering are the proxy's job (record_filter.py). Each column
says how to show a record, how to sort it and what its filter compares, so that the
incident and unit tables are only their column lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from wallboard.store import KindDiff

Index = QModelIndex | QPersistentModelIndex
# what a column's filter compares: a value, or several (an incident's agencies)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """One column: its header (a source string in ``context``), text, sort key, filter key."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # default: the text
    filter: Callable[[Any], Any] | None = None  # None: not filterable
    right: bool = False  # figures and clocks line up on the right


class RecordTableModel(QAbstractTableModel):
    """Rows are the records of ``table()`` that ``keep`` admits; columns as given."""

    def __init__(
        self,
        table: Callable[[], Mapping[str, Any]],
        columns: Sequence[Column],
        context: str,
        keep: Callable[[Any], bool] = lambda _r: True,
    ) -> None:
        super().__init__()
        self._table = table
        self.columns = tuple(columns)
        self._context = context
        self._keep = keep
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self.reset()

    # -- what the view asks -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self._context, self.columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rid = self._ids[index.row()]
        if role == ID_ROLE:
            return rid
        record = self._table().get(rid)
        if record is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record)
        if role == FILTER_ROLE:
            return column.filter(record) if column.filter else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return _RIGHT
        return None

    def record_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, rid: str) -> int | None:
        return self._row.get(rid)

    # -- what the window tells it ------------------------------------------------------

    def apply(self, diff: KindDiff) -> None:
        """Insert, remove and repaint exactly the rows the diff names."""
        table = self._table()
        for rid in diff.added | diff.changed | diff.removed:
            record = table.get(rid)
            wanted = record is not None and self._keep(record)
            row = self._row.get(rid)
            if row is not None and not wanted:
                self._remove(row)
            elif row is None and wanted:
                self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids))
                self._row[rid] = len(self._ids)
                self._ids.append(rid)
                self.endInsertRows()
            elif row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def repaint_columns(self, *columns: int) -> None:
        """What ``columns`` show moved on for every row (ages, another table's names).

        Only those columns are named: the proxy re-sorts only when the sort column is
        among them, and re-filters none (a poll's second must not cost a full pass).
        """
        if self._ids:
            last = len(self._ids) - 1
            for column in columns:
                self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def reset(self) -> None:
        self.beginResetModel()
        self._ids = sorted(rid for rid, r in self._table().items() if self._keep(r))
        self._row = {rid: n for n, rid in enumerate(self._ids)}
        self.endResetModel()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        rid = self._ids.pop(row)
        del self._row[rid]
        for n in range(row, len(self._ids)):
            self._row[self._ids[n]] = n
        self.endRemoveRows()


__all__ = ["FILTER_ROLE", "ID_ROLE", "SORT_ROLE", "Column", "RecordTableModel"]
