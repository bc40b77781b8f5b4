"""Sorting and filtering of a desk table: a QSortFilterProxyModel over a record model.

Sorting is Qt's own comparison of each column's SORT_ROLE value (numbers, text), in
C++: a desk with thousands of rows re-sorts every second as ages run on. A column filter
keeps the rows whose value (the model's FILTER_ROLE: the feed's own value, or a set of
them) is the one chosen; the search keeps rows where any cell's text holds every word
typed, in any case.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from views.desk.record_model import FILTER_ROLE, SORT_ROLE, RecordTableModel

Index = QModelIndex | QPersistentModelIndex


class RecordFilter(QSortFilterProxyModel):
    """Column filters (``set_filter``) and a text search (``set_search``) over a model."""

    def __init__(self, model: RecordTableModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._filters: dict[int, Any] = {}
        self._words: list[str] = []

    def set_filter(self, column: int, value: Any | None) -> None:
        """Keep rows whose ``column`` is ``value``; None lifts that column's filter."""
        self.beginFilterChange()
        if value is None:
            self._filters.pop(column, None)
        else:
            self._filters[column] = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        """Keep rows holding every word of ``text`` somewhere in their cells."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        record = model.data(model.index(row, 0, parent), Qt.ItemDataRole.DisplayRole)
        if record is None:
            return False  # gone from the store, its removal on its way
        for column, wanted in self._filters.items():
            value = model.data(model.index(row, column, parent), FILTER_ROLE)
            if isinstance(value, (set, frozenset)) and wanted not in value:
                return False
            if not isinstance(value, (set, frozenset)) and value != wanted:
                return False
        if self._words:
            text = " ".join(
                str(model.data(model.index(row, c, parent)) or "")
                for c in range(model.columnCount())
            ).casefold()
            return all(word in text for word in self._words)
        return True


__all__ = ["RecordFilter"]
