"""How every table on the wall behaves: read-only, one line a row, no grid, no row numbers.

Rows are a fixed height (the wall's row size) and columns are sized by the panel, not by
their contents: fitting reads every row (thousands), and a panel's width depends on the
wall's layout. The incident and unit panels set their tables up through this.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from views.fonts import ROW_PX


def set_up_wall_table(table: QTableView) -> None:
    """Make ``table`` read-only and one text line a row, long text cut with "…"."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(ROW_PX)
    columns = table.horizontalHeader()
    columns.setHighlightSections(False)
    columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


__all__ = ["set_up_wall_table"]
