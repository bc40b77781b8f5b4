"""The takeover on a running wall: the queue, the chime, the banners, the map, the key.

It joins the pure takeover queue (wallboard/alerting/takeover.py) to the Qt side: each
screen gets a banner, the map panels fly to the newest takeover, the chime plays when
one starts, and ``acknowledge`` (a slot, the ``acknowledge_action`` QAction, and the
Space / Return keys on every wall window) ends the takeover on this wall.

The duty manager's desk calls it the same way: ``parts.takeover.acknowledge()``, or a
button given the action (``button.setDefaultAction(parts.takeover.acknowledge_action)``
on a QToolButton, or ``clicked.connect(parts.takeover.acknowledge)``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from maps.map_panel import MapPanel
from views.chime import Chime
from views.screen_window import ScreenWindow
from views.takeover_banner import TakeoverBanner
from wallboard.alerting.takeover import TakeoverRule, Takeovers
from wallboard.config import Settings
from wallboard.model import IncidentCategory, Priority, RecordKey
from wallboard.store import Store

log = logging.getLogger(__name__)

ACK_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def takeover_rule(settings: Settings) -> TakeoverRule:
    """The ``[takeover]`` table as a rule (validated when the file was loaded)."""
    table = settings.takeover
    return TakeoverRule(
        priorities=frozenset(Priority(p) for p in table.priorities),
        categories=frozenset(IncidentCategory(c) for c in table.categories),
        seconds=table.seconds,
    )


class TakeoverHub(QObject):
    """Owns the wall's takeover queue and shows it on every screen."""

    acknowledged = Signal(int)  # how many takeovers an acknowledgement ended

    def __init__(
        self,
        store: Store,
        rule: TakeoverRule,
        wall_clock: Callable[[], datetime],
        *,
        sound: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._wall_clock = wall_clock
        self.takeovers = Takeovers(store, rule, wall_clock)
        self.chime = Chime(sound, self)
        self._windows: list[ScreenWindow] = []
        self.acknowledge_action = QAction(
            QCoreApplication.translate("TakeoverHub", "Acknowledge new incident"), self
        )
        # no shortcut on the action: the keys are the wall windows' own (attach), and a
        # desk button given this action in a wall window must not make them ambiguous
        self.acknowledge_action.triggered.connect(self.acknowledge)
        self.takeovers.changed.connect(self._show_on_maps)
        self.takeovers.started.connect(self._on_started)

    def banner(self, store: Store, clock: Callable[[], datetime]) -> TakeoverBanner:
        """A banner for one screen, reading ``store`` (the redacted one on such screens)."""
        return TakeoverBanner(self.takeovers, store, clock, self._wall_clock)

    def attach(self, windows: list[ScreenWindow]) -> None:
        """The wall (re)tiled: give its windows the acknowledge keys and the map target."""
        self._windows = list(windows)
        for window in self._windows:
            for key in ACK_KEYS:
                QShortcut(QKeySequence(key), window, activated=self.acknowledge)
        self._show_on_maps()

    def tick(self) -> None:
        self.takeovers.tick()

    @Slot()
    def acknowledge(self) -> int:
        """End every takeover on show on this wall; returns how many ended."""
        count = self.takeovers.acknowledge()
        if count:
            log.info("takeover acknowledged (%d incident(s))", count)
            self.acknowledged.emit(count)
        return count

    def _on_started(self, key: RecordKey) -> None:
        log.info("takeover: new incident %s of %s", key.id, key.backend)
        self.chime.play()

    def _show_on_maps(self) -> None:
        active = self.takeovers.active
        target = active[0].key if active else None
        for window in self._windows:
            for panel in window.panels:
                if isinstance(panel, MapPanel):
                    panel.show_takeover(target)

    def close(self) -> None:
        self.takeovers.close()


__all__ = ["ACK_KEYS", "TakeoverHub", "takeover_rule"]
