"""The desk's parts: each panel in a dock of its own, named so its place can be kept.

A part that can grow taller than its dock (the KPI table, the agency list, the details)
sits in a scroll area and is given its full height, so it scrolls instead of dropping
rows as the wall's panels do on a crowded screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeskWindow", text)


class FullHeightArea(QScrollArea):
    """Shows ``panel`` at the height it asks for, with a scroll bar when the dock is shorter."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__()
        self.panel = panel
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.keep_full_height()

    def keep_full_height(self) -> None:
        """The panel's rows may have grown (data arrived): ask for its whole height again."""
        wanted = self.panel.sizeHint().height()
        if self.panel.minimumHeight() != wanted:
            self.panel.setMinimumHeight(wanted)


def dock(name: str, title: str, widget: QWidget) -> QDockWidget:
    """A closable, movable, floatable dock holding ``widget``; ``name`` keys its place."""
    part = QDockWidget(title)
    part.setObjectName(name)
    part.setWidget(widget)
    part.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    return part


__all__ = ["FullHeightArea", "dock"]
