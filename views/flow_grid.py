"""A row of figures that folds into two rows, or one column, when its width is short.

A panel's figures side by side need the sum of their widths: four stat blocks with
today's figures ("95,8%", "✔ target 90% tercapai") are ~1220 px, more than a third of a
1920 px screen. A plain grid's minimum is that sum, so the window grew past its screen.
This grid's minimum is one widget's width; given less than the row needs, it lays its
widgets in as many equal columns as fit, every figure whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class FlowGrid(QWidget):
    """``widgets`` in one row when there is room, else in the most columns that fit."""

    # the columns changed on a resize of our own: the panel may need to fit again
    refolded = Signal()

    def __init__(self, widgets: Sequence[QWidget], spacing: int = 24, row_spacing: int = 4):
        super().__init__()
        self._widgets = list(widgets)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(spacing)
        self._grid.setVerticalSpacing(row_spacing)
        self.columns = 0
        self._placed: list[QWidget] = []
        self._place(len(self._widgets))

    def _shown(self) -> list[QWidget]:
        return [w for w in self._widgets if not w.isHidden()]

    def needed_width(self, columns: int) -> int:
        """The width the shown widgets need in ``columns`` columns."""
        widths = [w.minimumSizeHint().width() for w in self._shown()]
        widest = [max(widths[c::columns], default=0) for c in range(columns)]
        return sum(widest) + self._grid.horizontalSpacing() * (columns - 1)

    def minimumSizeHint(self) -> QSize:
        # one column: the narrowest this grid can be; its height is the current layout's
        return QSize(self.needed_width(1), self._grid.minimumSize().height())

    def reflow(self, width: int | None = None) -> None:
        """Lay the widgets in the most columns that fit ``width`` (default: our own)."""
        width = self.width() if width is None else width
        columns = max(1, len(self._shown()))
        while columns > 1 and self.needed_width(columns) > width:
            columns -= 1
        if columns != self.columns or self._shown() != self._placed:
            self._place(columns)

    def _place(self, columns: int) -> None:
        self.columns = columns
        self._placed = self._shown()
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        # hidden widgets last: they take no room, and are in place if they are shown
        hidden = [w for w in self._widgets if w not in self._placed]
        for i, widget in enumerate(self._placed + hidden):
            self._grid.addWidget(widget, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = self.columns
        self.reflow(event.size().width())
        if self.columns != columns:
            self.refolded.emit()


__all__ = ["FlowGrid"]
