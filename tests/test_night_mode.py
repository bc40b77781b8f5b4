"""Night mode: the wall-clock rule switches the whole wall at the configured minute (the
region's local time) and back; --theme night forces it; the night theme is dimmer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor
from records import WITA

from views.theme import load_theme
from wallboard.backends import poll_intervals
from wallboard.config import ConfigError, Settings, settings_from_dict
from wallboard.night_schedule import NightWindow, ThemeSchedule, parse_night_window
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import assemble_wall
from wallboard.shell.cli import build_parser
from wallboard.simulator import start_simulator


def local(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2026, 11, 20, hh, mm, ss, tzinfo=WITA).astimezone(UTC)


def test_window_crossing_midnight_and_not():
    night = parse_night_window("22:00-06:00")
    assert night.is_night(local(22, 0).astimezone(WITA))
    assert night.is_night(local(3, 0).astimezone(WITA))
    assert not night.is_night(local(6, 0).astimezone(WITA))
    assert not night.is_night(local(21, 59, 59).astimezone(WITA))
    evening = parse_night_window("19:30 - 23:00")
    assert evening == NightWindow(
        *(datetime(2000, 1, 1, h, m).time() for h, m in ((19, 30), (23, 0)))
    )


@pytest.mark.parametrize("bad", ["22-06", "25:00-06:00", "22:00-22:00", "night"])
def test_bad_windows_are_refused_naming_the_key(bad):
    with pytest.raises(ConfigError, match=r"wall.night"):
        settings_from_dict({"wall": {"night": bad}}, source="t.toml")


def test_schedule_reads_the_regions_local_time():
    schedule = ThemeSchedule("light", parse_night_window("22:00-06:00"), WITA)
    assert schedule.theme_at(local(21, 59, 59)) == "light"
    assert schedule.theme_at(local(22, 0)) == "night"  # 14:00 UTC: 22:00 WITA
    forced = ThemeSchedule("dark", None, WITA, forced_night=True)
    assert forced.theme_at(local(12, 0)) == "night"
    assert build_parser().parse_args(["--theme", "night"]).theme == "night"


def luminance(colour: str) -> float:
    return QColor(colour).lightnessF()


def test_night_theme_is_dimmer_with_no_pure_white():
    day, night = load_theme("dark"), load_theme("night")
    assert set(day.tokens) == set(night.tokens)  # the same information can be drawn
    for token in ("background", "surface", "text", "muted", "on_banner", "banner"):
        assert luminance(night.tokens[token]) <= luminance(day.tokens[token]), token
    assert all(QColor(v).name() != "#ffffff" for k, v in night.tokens.items() if k.islower()
               and v.startswith("#"))  # fmt: skip


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_whole_wall_switches_at_the_configured_minute_and_back(qtbot, qapp):
    settings = msgspec.structs.replace(
        Settings(), wall=msgspec.structs.replace(Settings().wall, night="22:00-06:00")
    )
    clock = Clock(local(21, 59, 58))
    with start_simulator(seed=112, start="2026-11-20T21:59:00+08:00", manual_clock=True) as sim:
        spec = BackendSpec(name="samarinda", url=sim.url, intervals=poll_intervals(2.0))
        parts = assemble_wall(qapp, settings, [spec], wall_clock=clock, windowed=True)
        try:
            themes = parts.themes
            assert themes.theme.name == "dark"
            clock.now = local(21, 59, 59)
            themes.tick()
            assert themes.theme.name == "dark"
            clock.now = local(22, 0)
            # the wall's own one-second ticker does the switch
            qtbot.waitUntil(lambda: themes.theme.name == "night", timeout=3000)
            assert "#c9c2b4" in qapp.styleSheet()  # the night text colour, on every widget
            maps = [p for w in parts.wall.windows for p in w.panels if hasattr(p, "set_night")]
            assert maps and all(p.is_night for p in maps)
            clock.now = local(6, 0) + timedelta(days=1)
            qtbot.waitUntil(lambda: themes.theme.name == "dark", timeout=3000)
            assert not any(p.is_night for p in maps)
        finally:
            parts.close()
            for window in parts.wall.windows:
                window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
