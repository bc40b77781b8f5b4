"""A table model over one of the store's record tables, kept up to date by diff.

Rows are the records a ``keep`` rule admits (open incidents, every unit), each known by
its ``RecordKey`` (backend, id) as the store keys it, so two regions' records with one id
are two rows. They are ordered here by
the sort column (kept sorted as diffs arrive: a poll costs the rows it names, never a
re-sort of thousands); filtering is the proxy's job (record_filter.py). Each column
says how to show a record, how to sort it and what its filter compares, so that the
incident and unit tables are only their column lists. A column reads ``(key, record)``:
what a record refers to (a unit's agency, an incident's units) is its key's sibling.
"""

from __future__ import annotations

from bisect import bisect_left
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

from wallboard.model import RecordKey
from wallboard.store import KindDiff

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's RecordKey, whatever the column
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """One column: its header (a source string in ``context``), text, sort key, filter key,
    each a function of ``(key, record)``.

    A sort key must not change with time (an age sorts by its start): rows stay in order
    as clocks run on, with no re-sort.
    """

    header: str
    text: Callable[[RecordKey, Any], str]
    sort: Callable[[RecordKey, Any], Any] | None = None  # default: the text
    filter: Callable[[RecordKey, Any], Any] | None = None  # None: not filterable
    right: bool = False  # figures and clocks line up on the right
    searchable: bool = True  # False: a running clock, whose text changes every second


class RecordTableModel(QAbstractTableModel):
    """Rows are the records of ``table()`` that ``keep`` admits; columns as given."""

    def __init__(
        self,
        table: Callable[[], Mapping[RecordKey, Any]],
        columns: Sequence[Column],
        context: str,
        keep: Callable[[Any], bool] = lambda _r: True,
    ) -> None:
        super().__init__()
        self._table = table
        self.columns = tuple(columns)
        self._context = context
        self._keep = keep
        self._keys: list[tuple] = []  # (sort value, record key), ascending
        self._key_of: dict[RecordKey, tuple] = {}
        self._sort_column: int | None = None  # None: by key
        self._descending = False
        self.reset()

    # -- what the view asks -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self._context, self.columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.record_key(index.row())
        if role == KEY_ROLE:
            return key
        record = self._table().get(key)
        if record is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(key, record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return _RIGHT
        return None

    def record_key(self, row: int) -> RecordKey:
        return self._keys[self._at(row)][-1]

    def record(self, row: int) -> tuple[RecordKey, Any | None]:
        """The key on ``row`` and its record, straight from the store (None if it just went)."""
        key = self.record_key(row)
        return key, self._table().get(key)

    def row_of(self, key: RecordKey) -> int | None:
        order = self._key_of.get(key)
        return None if order is None else self._at(bisect_left(self._keys, order))

    # -- order: kept here, by the sort column's value, so a diff costs a few rows -------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (its ``sort`` value, else its text), rows that
        compare equal by key (backend, id); rows inserted later take their place in that order."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(index, self.record_key(index.row())) for index in before]
        self._sort_column = column
        self._descending = order is Qt.SortOrder.DescendingOrder
        self._order_all()
        self.changePersistentIndexList(
            before, [self.index(self.row_of(key), index.column()) for index, key in moved]
        )
        self.layoutChanged.emit()

    def _order(self, key: RecordKey, record: Any) -> tuple:
        """Where ``record`` sorts: its sort column's value, then its key."""
        if self._sort_column is None:
            return (key,)
        column = self.columns[self._sort_column]
        value = column.sort(key, record) if column.sort else column.text(key, record)
        return (value, key)

    def _at(self, row: int) -> int:
        """The position in the ascending key list of view row ``row``."""
        return len(self._keys) - 1 - row if self._descending else row

    def _row_at(self, position: int, count: int) -> int:
        """The view row of key position ``position`` among ``count`` rows."""
        return count - 1 - position if self._descending else position

    def _order_all(self) -> None:
        table = self._table()
        self._key_of = {k: self._order(k, r) for k, r in table.items() if self._keep(r)}
        self._keys = sorted(self._key_of.values())

    # -- what the window tells it ------------------------------------------------------

    def apply(self, diff: KindDiff) -> None:
        """Insert, move, remove and repaint exactly the rows the diff names."""
        table = self._table()
        for key in diff.added | diff.changed | diff.removed:
            record = table.get(key)
            new = self._order(key, record) if record is not None and self._keep(record) else None
            old = self._key_of.get(key)
            if old is not None and new is None:
                self._remove(key, old)
            elif old is None and new is not None:
                self._insert(key, new)
            elif old is not None and new is not None:
                self._update(key, old, new)

    def _remove(self, key: RecordKey, order: tuple) -> None:
        position = bisect_left(self._keys, order)
        row = self._row_at(position, len(self._keys))
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._keys[position]
        del self._key_of[key]
        self.endRemoveRows()

    def _insert(self, key: RecordKey, order: tuple) -> None:
        position = bisect_left(self._keys, order)
        row = self._row_at(position, len(self._keys) + 1)
        self.beginInsertRows(QModelIndex(), row, row)
        self._keys.insert(position, order)
        self._key_of[key] = order
        self.endInsertRows()

    def _update(self, key: RecordKey, old: tuple, new: tuple) -> None:
        count = len(self._keys)
        was = bisect_left(self._keys, old)
        goes = bisect_left(self._keys, new)
        if goes > was:
            goes -= 1  # counted without its own old place
        row, new_row = self._row_at(was, count), self._row_at(goes, count)
        if new_row != row:
            # a move keeps the row's selection and current index with it
            self.beginMoveRows(
                QModelIndex(), row, row, QModelIndex(), new_row + 1 if new_row > row else new_row
            )
        del self._keys[was]
        self._keys.insert(goes, new)
        self._key_of[key] = new
        if new_row != row:
            self.endMoveRows()
        last = len(self.columns) - 1
        self.dataChanged.emit(self.index(new_row, 0), self.index(new_row, last))

    def reset(self) -> None:
        self.beginResetModel()
        self._order_all()
        self.endResetModel()


__all__ = ["KEY_ROLE", "Column", "RecordTableModel"]
