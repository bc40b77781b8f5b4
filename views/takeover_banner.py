"""The takeover banner: new priority-1 incidents across the top of every screen.

It lies over the top of the screen's panels (nothing below moves or re-lays out), shows
the takeovers on show now, newest first — priority and category, kecamatan /
kelurahan, age, the units assigned (as they are) — and how to acknowledge. It reads the
store it is given: on a redacted screen that is the redacted store, so the banner shows
only what redaction keeps. Several takeovers stack in one banner; one ending while
another stays only removes its row, so the banner never flickers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from views.incident_model import area_text
from views.panel_frame import plain_label
from views.text import clock_duration, number
from views.vocabulary import name_of
from wallboard.alerting.takeover import Takeovers
from wallboard.model import Incident, RecordKey
from wallboard.store import Store, StoreDiff

MAX_ROWS = 3  # more than this at once: the rest are counted, "+2 more"
ACK_KEY = "Space"  # the wall window's acknowledge shortcut (also Return)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TakeoverBanner", text)


def headline(incident: Incident) -> str:
    """What the takeover is about: "P1 Critical · Fire"."""
    return f"{name_of(incident.priority)} · {name_of(incident.category)}"


class _Row(QFrame):
    """One takeover: headline, area, then age and units."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("takeoverRow")
        self.incident_key: RecordKey | None = None
        self.headline = plain_label("", "takeoverHeadline")
        self.area = plain_label("", "takeoverArea")
        self.detail = plain_label("", "takeoverDetail")
        self.detail.setWordWrap(True)
        # "P1 Critical · Fire   Sungai Kunjang / Teluk Lerong Ulu" over age and units
        line = QHBoxLayout()
        line.setSpacing(24)
        line.addWidget(self.headline)
        line.addWidget(self.area, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 4, 12, 4)
        column.setSpacing(0)
        column.addLayout(line)
        column.addWidget(self.detail)

    def show_incident(
        self, key: RecordKey, incident: Incident, store: Store, now: datetime
    ) -> None:
        self.headline.setText(headline(incident))
        self.area.setText(area_text(incident) or "–")
        units = store.units  # the incident's units are of its own backend
        signs = [
            units[key.sibling(u)].call_sign if key.sibling(u) in units else u
            for u in incident.unit_ids
        ]
        age = clock_duration((now - incident.created_at).total_seconds())
        sent = ", ".join(signs) if signs else _tr("none yet")
        self.detail.setText(_tr("Age {0} · Units: {1}").format(age, sent))


class TakeoverBanner(QFrame):
    """The banner over a screen's panels; hidden while nothing takes over."""

    def __init__(
        self,
        takeovers: Takeovers,
        store: Store,
        clock: Callable[[], datetime],
        wall_clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takeover")
        self._takeovers = takeovers
        self._store = store
        self._clock = clock  # the feed's time: incident ages
        self._wall_clock = wall_clock  # ours: when each takeover ends
        self._anchor: QWidget | None = None
        self._keep_clear: Callable[[], list[QWidget]] = list
        self.title = plain_label("", "takeoverTitle")
        self.rows = [_Row() for _ in range(MAX_ROWS)]
        self.more = plain_label("", "takeoverFoot")
        self.hint = plain_label("", "takeoverFoot")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setWordWrap(True)
        # the title and how to acknowledge share the top line: the banner stays short and
        # hides as little of the panels (the map flying to the incident) as it can
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        for row in self.rows:
            layout.addWidget(row)
            row.hide()
        layout.addWidget(self.more)
        self.hide()
        takeovers.changed.connect(self.refresh)
        store.changed.connect(self._on_store)

        def _disconnect(*_: object) -> None:
            takeovers.changed.disconnect(self.refresh, missing_ok=True)
            store.changed.disconnect(self._on_store, missing_ok=True)

        self.destroyed.connect(_disconnect)
        self.refresh()

    def anchor_to(self, area: QWidget, keep_clear: Callable[[], list[QWidget]] = list) -> None:
        """Lie over the top of ``area`` (the screen's panels), full width — or over its
        bottom when one of ``keep_clear()`` (the maps flying to the incident) sits in the
        top half, so the banner never hides the place it announces."""
        self._anchor = area
        self._keep_clear = keep_clear
        self.reposition()

    def reposition(self) -> None:
        if self._anchor is None:
            return
        area = self._anchor.geometry()
        height = min(self.sizeHint().height(), area.height())
        top = area.y()
        parent = self.parentWidget()
        for widget in self._keep_clear():
            if parent is None or not widget.isVisible():
                continue
            centre = widget.mapTo(parent, widget.rect().center()).y()
            if centre < area.center().y():
                top = area.bottom() + 1 - height
                break
        self.setGeometry(QRect(area.x(), top, area.width(), height))
        self.raise_()

    def _on_store(self, diff: StoreDiff) -> None:
        # Units assigned, status: as they are now. This store may be a redacted facade
        # that takes the change after the takeover queue did: the rows are drawn again
        # once it has it.
        if self._takeovers.active and not (diff.incidents.is_empty and diff.units.is_empty):
            self.refresh()

    def tick(self) -> None:
        """Once a second: ages and the countdown run on."""
        if self._takeovers.active:
            self.refresh()

    def shown_ids(self) -> list[str]:
        """The ids of the incidents whose rows are on show, top first (for tests)."""
        return [r.incident_key.id for r in self.rows if not r.isHidden() and r.incident_key]

    def refresh(self) -> None:
        active = [t for t in self._takeovers.active if t.key in self._store.incidents]
        if not active:
            self.hide()
            return
        now = self._clock()
        incidents = self._store.incidents
        count = len(active)
        self.title.setText(
            _tr("⚠ NEW INCIDENT") if count == 1 else _tr("⚠ {0} NEW INCIDENTS").format(count)
        )
        for row, takeover in zip(self.rows, [*active, *[None] * MAX_ROWS], strict=False):
            if takeover is None:
                row.hide()
                continue
            row.incident_key = takeover.key
            row.show_incident(takeover.key, incidents[takeover.key], self._store, now)
            row.show()
        hidden = count - MAX_ROWS
        self.more.setText(_tr("+{0} more").format(number(hidden)) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        left = max(0, int((max(t.ends for t in active) - self._wall_clock()).total_seconds()))
        self.hint.setText(
            _tr("Acknowledge: {0} key on the wall or the desk's button · ends in {1} s").format(
                _tr("Space"), number(left)
            )
        )
        if self.isHidden():
            self.show()
        self.reposition()


__all__ = ["ACK_KEY", "MAX_ROWS", "TakeoverBanner", "headline"]
