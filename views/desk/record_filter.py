"""Filtering of a desk table: a QSortFilterProxyModel over a record model.

The order is the record model's own (it keeps it by diff); this proxy passes a sort on
to it. A column filter keeps the rows whose value (the column's ``filter``: the feed's
own value, or a set of them) is the one chosen; the search keeps rows where any
searchable cell's text holds every word typed, in any case.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from views.desk.record_model import RecordTableModel
from wallboard.model import RecordKey

Index = QModelIndex | QPersistentModelIndex


class RecordFilter(QSortFilterProxyModel):
    """Column filters (``set_filter``) and a text search (``set_search``) over a model."""

    def __init__(self, model: RecordTableModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)
        self._filters: dict[int, Any] = {}
        self._words: list[str] = []
        # key -> (record, its folded text); two regions' records of one id apart
        self._texts: dict[RecordKey, tuple[Any, str]] = {}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model keeps the order (by diff, not by re-sorting): pass it on."""
        if column >= 0:
            self.sourceModel().sort(column, order)

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
        # records read straight from the model (no index per cell): thousands of rows
        # are filtered again on every change of a filter or of the search
        model: RecordTableModel = self.sourceModel()
        key, record = model.record(row)
        if record is None:
            return False  # gone from the store, its removal on its way
        columns = model.columns
        for column, wanted in self._filters.items():
            value = columns[column].filter(key, record)
            if isinstance(value, (set, frozenset)) and wanted not in value:
                return False
            if not isinstance(value, (set, frozenset)) and value != wanted:
                return False
        if self._words:
            text = self._text_of(key, record, columns)
            return all(word in text for word in self._words)
        return True

    def forget_texts(self) -> None:
        """Names shown in the rows changed (units, agencies): search their new text."""
        self._texts.clear()

    def _text_of(self, key: RecordKey, record: Any, columns) -> str:
        """Every searchable cell of ``record`` in one folded string, kept per revision
        (records are immutable: a changed one is a new object)."""
        held = self._texts.get(key)
        if held is not None and held[0] is record:
            return held[1]
        text = " ".join(c.text(key, record) for c in columns if c.searchable).casefold()
        self._texts[key] = (record, text)
        return text


__all__ = ["RecordFilter"]
