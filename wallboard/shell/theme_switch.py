"""Night mode on a running wall: the theme the wall-clock rule says, switched in place.

Every tick asks the schedule (wallboard/night_schedule.py) which theme the region's
local time calls for; on a change the application's stylesheet and palette are swapped,
panels that draw colours themselves are recoloured (``set_theme``) and the map pages
dimmed (``set_night``). Walls on several PCs switch in the same second: the rule reads
only the clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtWidgets import QApplication, QWidget

from views.theme import Theme, apply_theme, load_theme
from wallboard.night_schedule import NIGHT_THEME, ThemeSchedule

log = logging.getLogger(__name__)


class ThemeSwitch:
    """Keeps the wall in the theme of the hour."""

    def __init__(
        self,
        app: QApplication,
        schedule: ThemeSchedule,
        wall_clock: Callable[[], datetime],
    ) -> None:
        self._app = app
        self._schedule = schedule
        self._clock = wall_clock
        self.theme: Theme = load_theme(schedule.theme_at(wall_clock()))
        apply_theme(app, self.theme)
        self._windows: Sequence[QWidget] = ()

    @property
    def is_night(self) -> bool:
        return self.theme.name == NIGHT_THEME

    def attach(self, windows: Sequence[QWidget]) -> None:
        """New windows (the wall re-tiled): bring their panels to the current theme."""
        self._windows = list(windows)
        self._restyle()

    def tick(self) -> None:
        name = self._schedule.theme_at(self._clock())
        if name == self.theme.name:
            return
        log.info("theme: %s -> %s", self.theme.name, name)
        self.theme = load_theme(name)
        apply_theme(self._app, self.theme)
        self._restyle()

    def _restyle(self) -> None:
        night = self.is_night
        for window in self._windows:
            for panel in getattr(window, "panels", ()):
                set_theme = getattr(panel, "set_theme", None)
                if set_theme is not None:
                    set_theme(self.theme)
                set_night = getattr(panel, "set_night", None)
                if set_night is not None:
                    set_night(night)


__all__ = ["ThemeSwitch"]
