"""A number with its caption under it: the wall's basic unit of information."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from views.panel_frame import plain_label
from views.theme import set_style_state


class StatBlock(QWidget):
    """A big figure (``role`` "headline" or "figure") over a caption."""

    def __init__(self, caption: str, role: str = "figure", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = plain_label("–", role)
        self.caption = plain_label(caption, "caption")
        self.caption.setWordWrap(True)
        for label in (self.value, self.caption):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, *, alert: bool = False) -> None:
        """Show ``text``; ``alert`` colours it (callers also put a symbol in the text)."""
        self.value.setText(text)
        set_style_state(self.value, "alert", alert)


__all__ = ["StatBlock"]
