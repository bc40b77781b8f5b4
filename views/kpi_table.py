"""KPI tiles in a table: one row per figure, one column per period, coloured by verdict.

A cell that meets its target is green with a check mark, one that misses it red with a
cross, one without data muted with a dash: colour is never the only sign. The colours
come from the theme's tokens, in a stylesheet of this widget's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from views.fonts import LABEL_PX, SMALL_PX
from views.panel_frame import plain_label
from views.theme import Theme, set_style_state

MET_MARK = "✔"
MISSED_MARK = "✘"
NO_DATA = "–"


# A table as wide as a whole screen has room for type read from further away; the
# step (not a continuous scale) keeps a resize from changing the size back and forth.
WIDE_PX = 1200
WIDE_SCALE = 1.5
_SPACING = 10


def table_stylesheet(theme: Theme, scale: float = 1.0) -> str:
    t = theme.tokens
    figure, text = round(LABEL_PX * scale), round(SMALL_PX * scale)
    return (
        f'QLabel[role="kpi"] {{ font-size: {figure}px; font-weight: bold; }}'
        f'QLabel[role="kpihead"] {{ font-size: {text}px; color: {t["muted"]}; }}'
        f'QLabel[role="kpigoal"] {{ font-size: {text}px; color: {t["muted"]}; }}'
        f'QLabel[role="kpiname"] {{ font-size: {text}px; color: {t["text"]}; }}'
        f'QLabel[verdict="met"] {{ color: {t["ok"]}; }}'
        f'QLabel[verdict="missed"] {{ color: {t["critical"]}; }}'
        f'QLabel[verdict="no_data"] {{ color: {t["muted"]}; }}'
    )


def marked(text: str, verdict: str) -> str:
    """The figure with the verdict's symbol in front (none for a figure without target)."""
    if verdict == "met":
        return f"{MET_MARK}\u202f{text}"
    if verdict == "missed":
        return f"{MISSED_MARK}\u202f{text}"
    return text


class KpiTable(QWidget):
    """Rows named by key (name, goal, one figure per column); ``set_cell`` puts a figure
    and its verdict."""

    def __init__(
        self,
        title: str,
        goal_header: str,
        columns: Sequence[str],
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(_SPACING)
        self._grid.setVerticalSpacing(0)
        self.title = plain_label(title, "kpihead")
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self._grid.addWidget(self.title, 0, 0)
        self.headers = []
        for c, text in enumerate([goal_header, *columns], start=1):
            head = plain_label(text, "kpihead")
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            head.setWordWrap(True)
            self._grid.addWidget(head, 0, c)
            self.headers.append(head)
        self.headers = self.headers[1:]
        self._columns = len(columns)
        # on a wide panel the spare width goes past the last figure, so that a row's
        # name and its figures stay side by side
        self._grid.setColumnStretch(len(columns) + 2, 1)
        self._rows: dict[str, tuple[QLabel, list[QLabel]]] = {}
        self._widgets: dict[str, list[QLabel]] = {}
        self._essential: list[str] = []  # rows with a target (and the first): shown longest
        self._shown: set[str] | None = None
        self._scale = 1.0
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setStyleSheet(table_stylesheet(theme, self._scale))

    def _scale_to(self, width: int) -> None:
        scale = WIDE_SCALE if width >= WIDE_PX else 1.0
        if scale != self._scale:
            self._scale = scale
            self.setStyleSheet(table_stylesheet(self._theme, scale))
            self._grid.setHorizontalSpacing(round(_SPACING * scale * scale))
            self._shown = None  # rows are taller now: count again what fits

    def set_rows(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """The rows (key, name, goal) in order, once."""
        if self._rows:
            raise RuntimeError("KpiTable rows are set once")
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, (key, name, goal) in enumerate(rows, start=1):
            name_label = plain_label(name, "kpiname")
            name_label.setWordWrap(True)
            self._grid.addWidget(name_label, r, 0)
            goal_label = plain_label(goal, "kpigoal")
            goal_label.setAlignment(right)
            self._grid.addWidget(goal_label, r, 1)
            cells = []
            for c in range(self._columns):
                cell = plain_label(NO_DATA, "kpi")
                cell.setAlignment(right)
                set_style_state(cell, "verdict", "none")
                self._grid.addWidget(cell, r, c + 2)
                cells.append(cell)
            self._rows[key] = (name_label, cells)
            self._widgets[key] = [name_label, goal_label, *cells]
            if goal or r == 1:
                self._essential.append(key)
        self._fit(self.height())

    # -- a short screen: rows without a target give way first, never overlap -----------

    def _heights(self) -> tuple[int, int]:
        head = max((h.sizeHint().height() for h in [self.title, *self.headers]), default=0)
        cells = [c for _, row in self._rows.values() for c in row[:1]]
        return head, max((c.sizeHint().height() for c in cells), default=0)

    def sizeHint(self) -> QSize:
        head, row = self._heights()
        return QSize(super().sizeHint().width(), head + row * len(self._rows))

    def minimumSizeHint(self) -> QSize:
        head, row = self._heights()
        return QSize(super().minimumSizeHint().width(), head + row * min(2, len(self._rows)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_to(event.size().width())
        self._fit(event.size().height())

    def _fit(self, height: int) -> None:
        head, row = self._heights()
        room = max(0, (height - head) // row) if row else len(self._rows)
        order = self._essential + [k for k in self._rows if k not in self._essential]
        shown = set(order[:room])
        if shown == self._shown:
            return
        self._shown = shown
        for key, widgets in self._widgets.items():
            for w in widgets:
                w.setVisible(key in shown)
        # the rows' natural height is known only once styled: let the layout ask again
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        # the layout would count only the rows shown now and never give the others back
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.updateGeometry()

    def hidden_rows(self) -> list[str]:
        """Rows left out for want of height (the panel's screen is short)."""
        return [k for k, (name, _) in self._rows.items() if name.isHidden()]

    def set_cell(self, key: str, column: int, text: str, verdict: str = "none") -> None:
        """Show ``text`` (with the verdict's mark) in row ``key``, column ``column``."""
        cell = self._rows[key][1][column]
        cell.setText(marked(text, verdict))
        set_style_state(cell, "verdict", verdict)

    def cell(self, key: str, column: int) -> QLabel:
        return self._rows[key][1][column]

    def row_name(self, key: str) -> str:
        return self._rows[key][0].text()

    def row_keys(self) -> list[str]:
        return list(self._rows)


__all__ = ["KpiTable", "marked"]
