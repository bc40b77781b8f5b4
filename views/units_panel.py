"""The units panel (``units`` in a layout): every unit, its status and how long in it.

Units are grouped by agency, with call sign, status, the incident served and the
time in status, which turns amber then red past the ``[targets]`` limits (with a
symbol, never colour alone; views/unit_model.py). The title counts units over a limit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout

from views.fonts import LABEL_PX, SMALL_PX, pixel_font
from views.store_panel import PanelOptions, StorePanel
from views.text import number
from views.theme import Theme, load_theme
from views.unit_model import AGENCY, CALL_SIGN, INCIDENT, STATUS, TIME, UnitTableModel
from views.wall_table import set_up_wall_table
from wallboard.feed.kinds import FeedKind
from wallboard.store import Store, StoreDiff
from wallboard.units.status_limits import DEFAULT_UNIT_LIMITS, Level, UnitLimits

_SHARES = {AGENCY: 0.16, CALL_SIGN: 0.22, STATUS: 0.24, INCIDENT: 0.38}


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnitsPanel", text)


class _UnitTable(QTableView):
    """The time column as wide as "▲▲ 99:59:59" and its caption; the rest share the room."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        caption = self.model().headerData(TIME, Qt.Orientation.Horizontal, 0) or ""
        time_px = 24 + max(
            QFontMetrics(pixel_font(LABEL_PX)).horizontalAdvance("▲▲ 99:59:59"),
            QFontMetrics(pixel_font(SMALL_PX, bold=True)).horizontalAdvance(caption),
        )
        header = self.horizontalHeader()
        room = max(0, width - time_px)
        for column, share in _SHARES.items():
            header.resizeSection(column, int(room * share))
        header.resizeSection(TIME, time_px)


class UnitsPanel(StorePanel):
    """A read-only table of units by agency with their status timers."""

    KINDS = (FeedKind.UNITS, FeedKind.AGENCIES)

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        limits: UnitLimits = DEFAULT_UNIT_LIMITS,
        theme: Theme | None = None,
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__(_tr("Units"), store, zone, clock, **options)
        self.model = UnitTableModel(store, clock, limits, theme or load_theme())
        self.table = _UnitTable()
        self.table.setModel(self.model)
        set_up_wall_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._show_title()
        self.follow()

    def set_theme(self, theme: Theme) -> None:
        self.model.set_theme(theme)
        self.table.viewport().update()

    def tick(self) -> None:
        self.model.tick()
        self._show_title()
        super().tick()

    def _on_changed(self, diff: StoreDiff) -> None:
        if not (diff.units.is_empty and diff.agencies.is_empty):
            self.model.reset()
            self._show_title()
        elif not diff.incidents.is_empty:
            self.model.layoutChanged.emit()  # the incident column reads the store

    def over_limit(self) -> dict[Level, int]:
        """How many units are amber and red now."""
        counts = {Level.AMBER: 0, Level.RED: 0}
        units = self._store.units
        for row in range(self.model.rowCount()):
            unit = units.get(self.model.unit_key(row))
            if unit is not None:
                level = self.model.level(unit)
                if level is not Level.OK:
                    counts[level] += 1
        return counts

    def _show_title(self) -> None:
        counts = self.over_limit()
        title = _tr("Units: {0}").format(number(self.model.rowCount()))
        if counts[Level.AMBER] or counts[Level.RED]:
            title += _tr(" · over limit: ▲ {0} · ▲▲ {1}").format(
                number(counts[Level.AMBER]), number(counts[Level.RED])
            )
        self.title.setText(title)


__all__ = ["UnitsPanel"]
