"""The frame every panel sits in: a title, a caption, a stale banner and the panel's body.

When a source a panel shows goes stale, the frame gets a red border and a banner saying
so, while the body keeps showing the last data: old numbers, clearly marked, are better
than a blank panel. In orientation mode a caption under the title explains the panel to
visitors; while the guided tour is on the panel, its border and caption stand out.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from views.captions import caption_stylesheet
from views.source_status import SourceState
from views.text import local_time, rough_age
from views.theme import Theme, set_style_state, style_state
from views.vocabulary import name_of
from wallboard.store import Store, StoreDiff


def _tr(text: str) -> str:
    return QCoreApplication.translate("PanelFrame", text)


def plain_label(text: str = "", role: str | None = None) -> QLabel:
    """A label that never interprets markup: backend text is untrusted."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


def follow_store(
    widget: QWidget,
    store: Store,
    on_changed: Callable[[StoreDiff], None],
    on_freshness: Callable[[str], None],
) -> None:
    """Connect a panel to the store's signals, and disconnect them when Qt deletes it.

    The store outlives panels (a monitor unplugged closes its window): a signal reaching
    a deleted widget would raise inside ``store.apply`` and break the poll that called it.
    """
    store.changed.connect(on_changed)
    store.freshness_changed.connect(on_freshness)

    def _disconnect(*_: object) -> None:
        store.changed.disconnect(on_changed, missing_ok=True)
        store.freshness_changed.disconnect(on_freshness, missing_ok=True)

    widget.destroyed.connect(_disconnect)


def stale_text(state: SourceState, zone: ZoneInfo) -> str:
    """What the banner says about an alarming source."""
    fresh = state.freshness
    source = name_of(state.kind) if state.kind is not None else state.key
    if state.several_backends and state.kind is not None:
        source = f"{state.backend}: {source}"  # a province: which region is late
    if fresh.last_success is None or state.age_s is None:
        return _tr("⚠ NO DATA — {0} not reachable").format(source)
    return _tr("⚠ DATA NOT CURRENT — {0}: last success {1} ({2} ago)").format(
        source, local_time(fresh.last_success, zone), rough_age(state.age_s)
    )


class PanelFrame(QFrame):
    """A titled panel whose ``body`` holds the content; marks itself when data is stale."""

    def __init__(self, title: str, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._zone = zone
        self.title = plain_label(title, "title")
        self.caption = plain_label("", "orientation")
        self.caption.setWordWrap(True)
        self.caption.hide()
        self.banner = plain_label("", "banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.body = QWidget()
        self.body.setObjectName("panelBody")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        set_style_state(self, "stale", False)
        set_style_state(self, "tour", "off")

    def show_caption(self, text: str, theme: Theme) -> None:
        """Orientation mode: explain the panel under its title (styled in ``theme``)."""
        self.setStyleSheet(caption_stylesheet(theme))
        self.caption.setText(text)
        self.caption.show()

    @property
    def has_tour_focus(self) -> bool:
        return style_state(self, "tour") == "focus"

    def set_tour_focus(self, focused: bool) -> None:
        """The guided tour is on this panel (accent border, larger caption) or not."""
        state = "focus" if focused else "off"
        set_style_state(self, "tour", state)
        set_style_state(self.caption, "tour", state)

    @property
    def is_marked_stale(self) -> bool:
        return not self.banner.isHidden()

    def show_source_state(self, state: SourceState | None) -> None:
        """Mark the panel stale (border and banner) if ``state`` is alarming, else clear."""
        alarming = state is not None and state.alarming
        set_style_state(self, "stale", alarming)
        if alarming:
            self.banner.setText(stale_text(state, self._zone))
            self.banner.show()
        else:
            self.banner.hide()


__all__ = ["PanelFrame", "follow_store", "plain_label", "stale_text"]
