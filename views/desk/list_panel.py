"""A desk list: filter choices and a search box over a RecordTable, and a count.

Each filter is a combo box of a column's values (the feed's value as item data, its
name as text) headed by "all"; choices that come from the store (agencies, kecamatan)
are refreshed when the store changes, keeping what the user chose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from views.desk.record_filter import RecordFilter
from views.desk.record_model import RecordTableModel
from views.desk.record_table import RecordTable
from views.text import number

Choices = Callable[[], Iterable[tuple[Any, str]]]  # (value, shown name), in order


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeskList", text)


def _index_of(box: QComboBox, value: Any) -> int:
    """The item holding ``value`` (-1: none), compared as Python compares it: Qt's
    ``findData`` cannot compare a Python value such as a RecordKey (an agency's key)."""
    return next((i for i in range(box.count()) if box.itemData(i) == value), -1)


@dataclass(frozen=True)
class FilterSpec:
    """A filter: the column it filters, its "all" text and where its choices come from."""

    column: int
    everything: str  # already translated, e.g. "Priority" (the choice that filters nothing)
    choices: Choices


class ListPanel(QWidget):
    """Filters, search and table of one desk list (incidents or units)."""

    def __init__(
        self,
        name: str,
        model: RecordTableModel,
        filters: Iterable[FilterSpec],
        *,
        sort_by: int = 0,
        hidden: Iterable[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``sort_by``: the column sorted on at first (ascending), until the user sorts;
        ``hidden``: columns never shown (a desk of one region has no region column)."""
        super().__init__(parent)
        self.setObjectName(name)
        self.model = model
        self.proxy = RecordFilter(model)
        self.table = RecordTable(self.proxy, hidden=hidden)
        self.table.setObjectName(f"{name}-table")
        self.table.sortByColumn(sort_by, Qt.SortOrder.AscendingOrder)
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}-search")
        self.search.setPlaceholderText(_tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.filters: dict[int, QComboBox] = {}
        self._specs = list(filters)
        self.count = QLabel()
        bar = QHBoxLayout()  # the filters, over the search box and the count
        bar.setContentsMargins(0, 0, 0, 0)
        for spec in self._specs:
            box = QComboBox()
            box.setObjectName(f"{name}-filter-{spec.column}")
            # a narrow part shortens the names shown rather than widen the window
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(4)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            box.setToolTip(spec.everything)
            box.currentIndexChanged.connect(lambda _n, c=spec.column: self._filter(c))
            self.filters[spec.column] = box
            bar.addWidget(box)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        self.refresh_choices()
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._show_count)
        self._show_count()

    def refresh_choices(self) -> None:
        """Fill each filter from its source again, keeping the chosen value if still there."""
        for spec in self._specs:
            box = self.filters[spec.column]
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(spec.everything, None)
            for value, text in spec.choices():
                box.addItem(text, value)
            at = _index_of(box, chosen) if chosen is not None else 0
            box.setCurrentIndex(max(0, at))
            box.blockSignals(False)
            if chosen is not None and at < 0:
                self._filter(spec.column)  # the chosen value went away: show all again

    def choose(self, column: int, value: Any | None) -> None:
        """Set a filter as a user would (for the window's actions and tests)."""
        box = self.filters[column]
        box.setCurrentIndex(max(0, _index_of(box, value)) if value is not None else 0)

    def _filter(self, column: int) -> None:
        self.proxy.set_filter(column, self.filters[column].currentData())
        self._show_count()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_count()

    def _show_count(self, *_: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(_tr("{0} of {1}").format(number(shown), number(total)))


__all__ = ["FilterSpec", "ListPanel"]
