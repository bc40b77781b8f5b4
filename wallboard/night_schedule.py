"""Night mode's rule: the local hours in which the wall wears its dimmed night theme.

``[wall] night = "22:00-06:00"`` (the region's local time; a window may cross
midnight). The theme follows from the wall clock alone, so every PC of a wall
switches in the same second with no message between them. Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

_WINDOW = re.compile(r"(?P<h1>[0-9]{1,2}):(?P<m1>[0-9]{2})-(?P<h2>[0-9]{1,2}):(?P<m2>[0-9]{2})")
NIGHT_THEME = "night"


class NightWindowError(ValueError):
    """A night window that cannot be read."""


@dataclass(frozen=True)
class NightWindow:
    """From ``start`` (included) to ``end`` (excluded), local time; may cross midnight."""

    start: time
    end: time

    def is_night(self, local: datetime) -> bool:
        now = local.time().replace(tzinfo=None)
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end


def parse_night_window(text: str) -> NightWindow:
    """``"22:00-06:00"`` into a NightWindow; raises NightWindowError saying what is wrong."""
    match = _WINDOW.fullmatch(text.replace(" ", ""))
    if match is None:
        raise NightWindowError("expected HH:MM-HH:MM, e.g. '22:00-06:00'")
    h1, m1, h2, m2 = (int(match[k]) for k in ("h1", "m1", "h2", "m2"))
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise NightWindowError("hours are 0-23 and minutes 0-59, e.g. '22:00-06:00'")
    if (h1, m1) == (h2, m2):
        raise NightWindowError("start and end are the same minute: the window is empty")
    return NightWindow(time(h1, m1), time(h2, m2))


@dataclass(frozen=True)
class ThemeSchedule:
    """Which theme the wall wears at an instant: the day theme, or night in the window.

    ``forced_night`` (``--theme night``) wears night always; no window: never night.
    """

    day_theme: str
    window: NightWindow | None
    zone: ZoneInfo
    forced_night: bool = False

    def theme_at(self, moment: datetime) -> str:
        if self.forced_night:
            return NIGHT_THEME
        if self.window is not None and self.window.is_night(moment.astimezone(self.zone)):
            return NIGHT_THEME
        return self.day_theme


__all__ = [
    "NIGHT_THEME",
    "NightWindow",
    "NightWindowError",
    "ThemeSchedule",
    "parse_night_window",
]
