"""Open incidents: a table by priority then age, with category, area, status and units."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget

from views.fonts import LABEL_PX, ROW_PX, pixel_font
from views.incident_model import AGE, AREA, CATEGORY, PRIORITY, STATUS, UNITS, IncidentTableModel
from views.store_panel import PanelOptions, StorePanel
from views.text import number
from views.theme import Theme, load_theme
from views.vocabulary import name_of
from views.wall_table import set_up_wall_table
from wallboard.feed.kinds import FeedKind
from wallboard.model import Priority
from wallboard.store import Store, StoreDiff

# Priority and age are always shown whole; the other columns share what is left, and
# on a narrow panel the least needed (units, then status) give way rather than every
# column shrinking to "…". Shares are proportional, not fitted to contents: fitting
# reads every row (thousands), and the panel's width depends on the wall's layout.
_SHARES = {CATEGORY: 0.25, AREA: 0.35, STATUS: 0.16, UNITS: 0.24}
_DROP_ORDER = (UNITS, STATUS)
_FLEX_MIN_PX = 150  # below this a text column says too little to be worth its room
_CELL_PADDING_PX = 2 * 8 + 6  # QTableView::item padding in the stylesheet, and a margin
# Rows the table asks room for (a useful list), and keeps when a crowded screen squeezes
# it: it then shows fewer rows rather than pushing other panels off the screen.
WANTED_ROWS = 8
MINIMUM_ROWS = 2


def _fixed_widths() -> dict[int, int]:
    """Widths of the columns that must never be cut: the longest priority, an age."""
    bold = QFontMetrics(pixel_font(LABEL_PX, bold=True))
    plain = QFontMetrics(pixel_font(LABEL_PX))
    priority = max(bold.horizontalAdvance(name_of(p)) for p in Priority)
    age = plain.horizontalAdvance("99:59:59")
    return {PRIORITY: priority + _CELL_PADDING_PX, AGE: age + _CELL_PADDING_PX}


def column_widths(width: int, fixed: dict[int, int]) -> dict[int, int]:
    """Pixel width per shown column for a table ``width`` wide (hidden columns absent)."""
    room = max(0, width - sum(fixed.values()))
    flexible = dict(_SHARES)
    for column in _DROP_ORDER:
        if room >= len(flexible) * _FLEX_MIN_PX:
            break
        del flexible[column]
    total = sum(flexible.values())
    widths = dict(fixed)
    widths.update({c: int(room * share / total) for c, share in flexible.items()})
    return widths


class _IncidentTable(QTableView):
    """A table whose columns keep their shares of the width as the panel resizes."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        widths = column_widths(self.viewport().width(), _fixed_widths())
        header = self.horizontalHeader()
        for column in range(header.count()):
            shown = column in widths
            self.setColumnHidden(column, not shown)
            if shown:
                header.resizeSection(column, widths[column])

    def _height_for(self, rows: int) -> int:
        frame = 2 * self.frameWidth()
        return self.horizontalHeader().sizeHint().height() + rows * ROW_PX + frame

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height_for(WANTED_ROWS))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height_for(MINIMUM_ROWS))

    def rows_shown(self) -> int:
        """Whole rows visible now (for tests: a useful list is at least WANTED_ROWS)."""
        return self.viewport().height() // ROW_PX

    def whole_rows_height(self, room: int) -> int:
        """The tallest height up to ``room`` whose rows are all whole."""
        chrome = self._height_for(0)
        return chrome + max(0, room - chrome) // ROW_PX * ROW_PX


class _WholeRows(QWidget):
    """Holds the table at a height of whole rows: a list never ends in a half row (read
    from across the room, a half row is a wrong row); what is left stays empty below."""

    def __init__(self, table: _IncidentTable) -> None:
        super().__init__()
        self.table = table
        table.setParent(self)

    def sizeHint(self) -> QSize:
        return self.table.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.table.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.setGeometry(0, 0, self.width(), self.table.whole_rows_height(self.height()))


def _tr(text: str) -> str:
    return QCoreApplication.translate("IncidentPanel", text)


class IncidentPanel(StorePanel):
    """A read-only table of open incidents; the title counts them."""

    KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS)

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        theme: Theme | None = None,
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__("", store, zone, clock, **options)
        self.model = IncidentTableModel(store, clock, theme or load_theme())
        self.table = _IncidentTable()
        self.table.setModel(self.model)
        set_up_wall_table(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_WholeRows(self.table))

        self._show_count()
        self.follow()

    def set_theme(self, theme: Theme) -> None:
        """Recolour what the stylesheet cannot reach (priority colours in the model)."""
        self.model.set_theme(theme)
        self.table.viewport().update()

    def tick(self) -> None:
        """Once a second: every age runs on; the stale marking follows the clock."""
        self.model.tick()
        super().tick()

    def _on_changed(self, diff: StoreDiff) -> None:
        if not diff.incidents.is_empty:
            self.model.apply_incidents(diff.incidents)
            self._show_count()
        if not diff.units.is_empty:
            self.model.refresh_units()

    def _show_count(self) -> None:
        self.title.setText(_tr("Open incidents: {0}").format(number(self.model.rowCount())))


__all__ = ["IncidentPanel"]
