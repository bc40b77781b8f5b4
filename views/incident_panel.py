"""Open incidents: a table by priority then age, with category, area, status and units."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from views.fonts import ROW_PX
from views.incident_model import AGE, AREA, CATEGORY, PRIORITY, STATUS, UNITS, IncidentTableModel
from views.panel_frame import PanelFrame, follow_store
from views.source_status import source_states, wall_now, worst_state
from views.theme import Theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.store import Store, StoreDiff

_KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS)
# Share of the table's width per column. Proportional, not fitted to contents: fitting
# reads every row (thousands), and the panel's width depends on the wall's layout.
_SHARES = {PRIORITY: 0.15, AGE: 0.11, CATEGORY: 0.18, AREA: 0.26, STATUS: 0.12, UNITS: 0.18}


class _IncidentTable(QTableView):
    """A table whose columns keep their shares of the width as the panel resizes."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        header = self.horizontalHeader()
        for column, share in _SHARES.items():
            header.resizeSection(column, int(width * share))


def _tr(text: str) -> str:
    return QCoreApplication.translate("IncidentPanel", text)


class IncidentPanel(PanelFrame):
    """A read-only table of open incidents; the title counts them."""

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        theme: Theme | None = None,
        intervals: Mapping[str, float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", zone, parent)
        self._store = store
        self._clock = clock
        self._intervals = intervals
        self.model = IncidentTableModel(store, clock, theme or load_theme())
        self.table = _IncidentTable()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_PX)
        columns = self.table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

        follow_store(self, store, self._on_changed, self._on_freshness)
        self._show_count()
        self._on_freshness("")

    def set_theme(self, theme: Theme) -> None:
        """Recolour what the stylesheet cannot reach (priority colours in the model)."""
        self.model.set_theme(theme)
        self.table.viewport().update()

    def tick(self) -> None:
        """Once a second: every age runs on; the stale marking follows the clock."""
        self.model.tick()
        self._on_freshness("")

    def _on_changed(self, diff: StoreDiff) -> None:
        if not diff.incidents.is_empty:
            self.model.apply_incidents(diff.incidents)
            self._show_count()
        if not diff.units.is_empty:
            self.model.refresh_units()

    def _on_freshness(self, _key: str) -> None:
        now = wall_now(self._store, self._clock)
        self.show_source_state(
            worst_state(source_states(self._store, now, self._intervals), _KINDS)
        )

    def _show_count(self) -> None:
        self.title.setText(_tr("Open incidents: {0}").format(self.model.rowCount()))


__all__ = ["IncidentPanel"]
