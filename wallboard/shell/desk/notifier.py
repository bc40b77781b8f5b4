"""Desktop notifications of new priority-1 incidents while the desk is not in view.

The duty manager works in other programs too: a new P1 incident that arrives while the
desk is minimised or covered by another window raises a notification (the system tray's
balloon where a tray exists, else the taskbar's attention flag), at most one every
``min_gap_s`` seconds; those that arrive within the gap are counted into the next one.
The incidents already open when the desk starts are not news: nothing is raised for the
store's first incidents. New incidents are the store diff's keys (backend, id); on a
province desk the notice names the incident's region, as another region may use its id.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from views.desk.region_column import region_name
from views.vocabulary import name_of
from wallboard.model import Incident, Priority
from wallboard.store import Store, StoreDiff

MIN_GAP_S = 10.0
SHOW_MS = 10_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeskNotifier", text)


def alarm_icon() -> QIcon:
    """A red disc: the tray's icon (the project ships no bitmap icons)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#ff3b30"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 28, 28)
    painter.end()
    return QIcon(pixmap)


def notice_text(incident: Incident, more: int, region: str = "") -> tuple[str, str]:
    """(title, message) of the notification for ``incident`` (of ``region``, on a province
    desk) and ``more`` held back."""
    place = incident.location.kecamatan or incident.location.address
    message = f"{name_of(incident.category)} · {incident.id}"
    if region:
        message += f" · {region}"
    if place:
        message += f" · {place}"
    if more:
        message += "\n" + _tr("and {0} more since the last notice").format(more)
    return _tr("New priority-1 incident"), message


class P1Notifier(QObject):
    """Watches the store for new P1 incidents; ``sent`` lists the notices raised."""

    def __init__(
        self,
        store: Store,
        window: QWidget,
        *,
        tray: QSystemTrayIcon | None = None,
        min_gap_s: float = MIN_GAP_S,
        clock: Callable[[], float] = time.monotonic,
        backends: Sequence[str] = (),
    ) -> None:
        """``backends``: the desk's; over several, a notice names the incident's region."""
        super().__init__(window)
        self._several = len(backends) > 1
        self._store = store
        self._window = window
        self._min_gap_s = min_gap_s
        self._clock = clock
        self._last: float | None = None
        self._held = 0
        self._armed = bool(store.incidents)  # before the first incidents: all old news
        self.sent: list[tuple[str, str]] = []
        if tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            tray = QSystemTrayIcon(alarm_icon(), self)
            tray.setToolTip("Wallboard 112")
            tray.show()
        self.tray = tray
        store.changed.connect(self._on_changed)
        window.destroyed.connect(lambda *_: store.changed.disconnect(self._on_changed))

    def out_of_view(self) -> bool:
        """Minimised, hidden, or another window has the focus (covered, as near as Qt knows)."""
        window = self._window
        return window.isMinimized() or not window.isVisible() or not window.isActiveWindow()

    def _on_changed(self, diff: StoreDiff) -> None:
        if diff.incidents.is_empty:
            return
        if not self._armed:
            self._armed = True
            return
        incidents = self._store.incidents
        new = [
            (key, incidents[key])
            for key in sorted(diff.incidents.added)
            if key in incidents
            and incidents[key].priority is Priority.CRITICAL
            and incidents[key].is_open
        ]
        if not new or not self.out_of_view():
            return
        now = self._clock()
        if self._last is not None and now - self._last < self._min_gap_s:
            self._held += len(new)
            return
        self._last = now
        key, incident = new[0]
        region = region_name(self._store, key.backend) if self._several else ""
        title, message = notice_text(incident, self._held + len(new) - 1, region)
        self._held = 0
        self.sent.append((title, message))
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Critical, SHOW_MS)
        else:
            QApplication.alert(self._window)  # the taskbar's "needs attention"


__all__ = ["MIN_GAP_S", "P1Notifier", "notice_text"]
