"""One top-level window per monitor: the header strip over a page of panels.

The window places what it is given; it builds no panels itself, owns no timers and
holds no state beyond which page is on show and where the guided tour's focus is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QVBoxLayout, QWidget

from views.captions import caption_stylesheet
from views.panel_frame import plain_label
from views.theme import Theme, set_style_state
from wallboard.layout import ScreenPlan
from wallboard.orientation.tour import HEADER, TourStop

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
        self.number = 0  # this screen's number in the wall's layout (set by the wall)
        self.header = header
        self.panels: list[QWidget] = []
        # (page index, panel name, widget) of every placement, for the guided tour
        self.placed: list[tuple[int, str, QWidget]] = []
        self._pinned_page: int | None = None
        self.tour_stop: TourStop | None = None
        self.overlay: QWidget | None = None  # the takeover banner, over the panels
        self.pages = QStackedWidget()
        for index, page in enumerate(plan.pages):
            self.pages.addWidget(self._build_page(index, page.placements(), make_panel))
        # orientation mode's caption of the header, between it and the panels
        self.header_caption = plain_label("", "orientation")
        self.header_caption.setWordWrap(True)
        self.header_strip = QWidget()
        self.header_strip.setObjectName("orientationStrip")
        strip = QVBoxLayout(self.header_strip)
        strip.setContentsMargins(8, 4, 8, 0)
        strip.addWidget(self.header_caption)
        self.header_strip.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.header_strip)
        layout.addWidget(self.pages, 1)

    def _build_page(self, index: int, placements: Sequence, make_panel: PanelFactory) -> QWidget:
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
            self.placed.append((index, p.panel, panel))
            grid.addWidget(panel, p.row, p.column, p.row_span, p.column_span)
        return page

    def set_overlay(self, overlay: QWidget) -> None:
        """Lay ``overlay`` (the takeover banner) over the top of the panels; it places
        itself with ``anchor_to`` / ``reposition`` and shows itself when it has news."""
        self.overlay = overlay
        overlay.setParent(self)
        overlay.anchor_to(self.pages, self._takeover_targets)

    def _takeover_targets(self) -> list[QWidget]:
        """The panels that show where a takeover is (the maps): the banner keeps off them."""
        return [p for p in self.visible_panels() if hasattr(p, "show_takeover")]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.overlay is not None:
            self.overlay.reposition()

    def show_header_caption(self, text: str, theme: Theme) -> None:
        """Orientation mode: say under the header what it shows."""
        self.header_strip.setStyleSheet(caption_stylesheet(theme))
        self.header_caption.setText(text)
        self.header_strip.show()

    def show_tour_focus(self, stop: TourStop | None) -> None:
        """Highlight the tour's stop if it is on this screen (``None``: it is elsewhere).

        A stop on a page not on show brings that page up for as long as it has the focus.
        """
        self.tour_stop = stop
        self._pinned_page = stop.page if stop is not None else None
        on_header = stop is not None and stop.panel == HEADER
        set_style_state(self.header_strip, "tour", "focus" if on_header else "off")
        set_style_state(self.header_caption, "tour", "focus" if on_header else "off")
        for page, name, panel in self.placed:
            focused = stop is not None and (stop.page, stop.panel) == (page, name)
            set_focus = getattr(panel, "set_tour_focus", None)
            if set_focus is not None:
                set_focus(focused)

    def focused_panels(self) -> list[QWidget]:
        """The panels the tour highlights now (for tests and the screenshot check)."""
        return [p for _, _, p in self.placed if getattr(p, "has_tour_focus", False)]

    def show_page_at(self, epoch_seconds: float) -> None:
        """Show the page the plan says is on at this wall-clock instant (or the tour's)."""
        index = self._pinned_page
        if index is None:
            index = self.plan.page_at(epoch_seconds)
        if index != self.pages.currentIndex():
            self.pages.setCurrentIndex(index)

    def visible_panels(self) -> list[QWidget]:
        page = self.pages.currentWidget()
        return [p for p in self.panels if page.isAncestorOf(p)]
