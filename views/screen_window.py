"""One top-level window per monitor: the header strip over a page of panels.

The window places what it is given; it builds no panels itself, owns no timers and
holds no state beyond which page is on show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QGridLayout, QStackedWidget, QVBoxLayout, QWidget

from wallboard.layout import ScreenPlan

PanelFactory = Callable[[str], QWidget]


class ScreenWindow(QWidget):
    """A screen of the wall: ``header`` on top, the plan's pages stacked below it."""

    def __init__(
        self,
        plan: ScreenPlan,
        header: QWidget,
        make_panel: PanelFactory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScreenWindow")
        self.plan = plan
        self.header = header
        self.panels: list[QWidget] = []
        self.pages = QStackedWidget()
        for page in plan.pages:
            self.pages.addWidget(self._build_page(page.placements(), make_panel))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.pages, 1)

    def _build_page(self, placements: Sequence, make_panel: PanelFactory) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setSpacing(8)
        rows = max(p.row + p.row_span for p in placements)
        columns = max(p.column + p.column_span for p in placements)
        for r in range(rows):
            grid.setRowStretch(r, 1)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        for p in placements:
            panel = make_panel(p.panel)
            self.panels.append(panel)
            grid.addWidget(panel, p.row, p.column, p.row_span, p.column_span)
        return page

    def show_page_at(self, epoch_seconds: float) -> None:
        """Show the page the plan says is on at this wall-clock instant."""
        index = self.plan.page_at(epoch_seconds)
        if index != self.pages.currentIndex():
            self.pages.setCurrentIndex(index)

    def visible_panels(self) -> list[QWidget]:
        page = self.pages.currentWidget()
        return [p for p in self.panels if page.isAncestorOf(p)]
