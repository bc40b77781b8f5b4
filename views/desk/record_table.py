"""A desk table view: sortable, resizable columns, full text of an elided cell on hover.

Columns start at widths that fit their header and a sample of rows, then are the user's:
their widths and order come back from ``header_state()`` / ``restore_header()``. Enter
(or a double click) on a row emits ``opened`` with the record's key (``RecordKey``:
backend and id); a new current row emits ``selected``. Rows are whole (no half row at
the bottom: the view scrolls by row).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip, QWidget

from views.desk.desk_style import ROW_PX
from views.desk.record_filter import RecordFilter
from views.desk.record_model import KEY_ROLE
from wallboard.model import RecordKey

CELL_PADDING_PX = 2 * 6 + 16  # the desk stylesheet's item padding, the style's text margins
MAX_FIT_PX = 280  # a long address is elided (its tooltip holds it) rather than widen all
SAMPLE_ROWS = 50  # rows read to size a column at start: never every row of thousands


class RecordTable(QTableView):
    """The table of a desk list; ``proxy`` sorts and filters its model."""

    selected = Signal(object)  # RecordKey: a record became the current row
    opened = Signal(object)  # RecordKey: Enter or a double click on a record

    def __init__(
        self, proxy: RecordFilter, *, hidden: Iterable[int] = (), parent: QWidget | None = None
    ) -> None:
        """``hidden``: columns kept out of sight, whatever a restored header says."""
        super().__init__(parent)
        self._trimming = False
        self._hidden = tuple(hidden)
        self.proxy = proxy
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_PX)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        self.doubleClicked.connect(self._open_index)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self._user_columns = False  # widths restored from the settings: never refitted
        self._fitted_to_rows = False
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        proxy.rowsInserted.connect(self._fit_first_rows)
        proxy.modelReset.connect(self._fit_first_rows)
        self._hide_columns()

    def _hide_columns(self) -> None:
        for column in self._hidden:
            self.setColumnHidden(column, True)

    # -- whole rows: the part of the height that holds no whole row is left blank -------

    def updateGeometries(self) -> None:
        if self._trimming:
            return  # our own margin change below: the rows' room is already counted
        super().updateGeometries()  # (sets the header margins, bottom 0)
        margins = self.viewportMargins()
        room = self.viewport().height() + margins.bottom()
        spare = room % ROW_PX if room > ROW_PX else 0
        if spare != margins.bottom():
            self._trimming = True
            try:
                self.setViewportMargins(margins.left(), margins.top(), margins.right(), spare)
            finally:
                self._trimming = False

    def rows_cut(self) -> bool:
        """Whether the bottom row on show is cut (for tests: it never should be)."""
        return self.viewport().height() % ROW_PX != 0 and self.viewport().height() > ROW_PX

    # -- what a user does ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.currentIndex()
            if current.isValid():
                self._open_index(current)
                return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(self.indexAt(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, index: QModelIndex) -> str:
        """The cell's full text when the cell shows it elided, else ''."""
        if not index.isValid():
            return ""
        text = str(index.data() or "")
        room = self.visualRect(index).width() - CELL_PADDING_PX
        return text if text and self.fontMetrics().horizontalAdvance(text) > room else ""

    def select_record(self, key: RecordKey) -> bool:
        """Make ``key`` the current, selected, visible row; False if it is not listed."""
        model = self.proxy.sourceModel()
        row = model.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(model.index(row, 0))
        if not index.isValid():
            return False  # filtered out
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_record(self) -> RecordKey | None:
        index = self.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if key:
            self.opened.emit(key)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        if key:
            self.selected.emit(key)

    # -- columns: sized once, then the user's -------------------------------------------

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        header = self.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)  # stretched with the view
        if not self._fitting and column != last:
            self._user_columns = True  # the user's widths from now on

    def _fit_first_rows(self, *_: object) -> None:
        if not self._user_columns and not self._fitted_to_rows and self.model().rowCount():
            self._fitted_to_rows = True
            # a first page arrives row by row in one go: fit once all of it is in
            QTimer.singleShot(0, self, self._fit_unless_users)

    def _fit_unless_users(self) -> None:
        if not self._user_columns:
            self.size_columns()

    def size_columns(self) -> None:
        """Fit each column to its header and a sample of rows (until the user's are kept)."""
        self.ensurePolished()
        self.horizontalHeader().ensurePolished()
        self._fitting = True
        try:
            self._fit_columns()
        finally:
            self._fitting = False

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        bold = header.fontMetrics()
        model = self.model()
        rows = min(model.rowCount(), SAMPLE_ROWS)
        for column in range(model.columnCount()):
            if self.isColumnHidden(column):
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = bold.horizontalAdvance(title) + 28  # room for the sort arrow
            for row in range(rows):
                text = str(model.index(row, column).data() or "")
                widest = max(widest, metrics.horizontalAdvance(text) + CELL_PADDING_PX)
            header.resizeSection(column, min(widest, MAX_FIT_PX))

    def header_state(self) -> QByteArray:
        return self.horizontalHeader().saveState()

    def restore_header(self, state: QByteArray | bytes | None) -> bool:
        if not state or not isinstance(state, QByteArray | bytes):
            return False
        self._user_columns = self.horizontalHeader().restoreState(QByteArray(state))
        self._hide_columns()  # kept by a desk of several regions, restored on one of one
        return self._user_columns

    def forget_columns(self) -> None:
        """Reset layout: fit the columns to the rows again."""
        self._user_columns = False
        self.size_columns()


__all__ = ["RecordTable"]
