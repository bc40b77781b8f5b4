"""A first window onto the store: live counts and the freshness of every source.

It renders only what the store holds; the wall's real panels replace it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from wallboard.model import UnitStatus
from wallboard.store import Store


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("CountsWindow", text)


def _label(text: str = "", size: int = 28, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # backend text is untrusted
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    return label


class CountsWindow(QWidget):
    """Headline counts (open incidents, calls waiting, calls today, units busy)."""

    def __init__(self, store: Store, region_name: str, zone: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._zone = zone
        self.setWindowTitle(f"Wallboard 112 — {region_name}")
        self.title = _label(region_name, 36, bold=True)
        self.clock = _label("", 28)
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = {
            "open_incidents": _tr("Open incidents"),
            "calls_waiting": _tr("Calls waiting"),
            "calls_today": _tr("Calls today"),
            "units_busy": _tr("Units busy / total"),
        }
        for row, (key, caption) in enumerate(names.items()):
            grid.addWidget(_label(caption, 24), row, 0)
            self.values[key] = _label("–", 40, bold=True)
            grid.addWidget(self.values[key], row, 1, Qt.AlignmentFlag.AlignRight)
        self.freshness = _label("", 16)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.clock)
        layout.addLayout(grid)
        layout.addWidget(self.freshness)
        layout.addStretch(1)
        store.changed.connect(self._on_changed)
        store.freshness_changed.connect(self._on_freshness)
        self._on_changed()
        self.tick()

    def _on_changed(self, *_: object) -> None:
        store = self._store
        now = store.feed_now().astimezone(self._zone)
        open_incidents = sum(1 for i in store.incidents.values() if i.is_open)
        waiting = sum(len(q.waiting) for q in store.queues.values())
        today = sum(
            1
            for c in store.calls.values()
            if c.offered_at.astimezone(self._zone).date() == now.date()
        )
        busy = sum(
            1
            for u in store.units.values()
            if u.status not in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE)
        )
        self.values["open_incidents"].setText(str(open_incidents))
        self.values["calls_waiting"].setText(str(waiting))
        self.values["calls_today"].setText(str(today))
        self.values["units_busy"].setText(f"{busy} / {len(store.units)}")

    def _on_freshness(self, *_: object) -> None:
        self.tick()

    def tick(self) -> None:
        """Re-render what depends on the clock: local time and the age of every source."""
        now = datetime.now(self._zone)
        self.clock.setText(now.strftime("%d-%m-%Y %H:%M:%S"))
        lines = []
        for key, fresh in sorted(self._store.freshness.items()):
            if fresh.last_success is None:
                age = _tr("no data yet")
            else:
                seconds = max(0, int((now - fresh.last_success).total_seconds()))
                age = _tr("{0} s ago").format(seconds)
            line = f"{key}: {age}"
            if fresh.consecutive_failures:
                line += f" — {_tr('error')}: {fresh.last_error}"
            lines.append(line)
        self.freshness.setText("\n".join(lines))
