"""How durations, ages and local times are written on the wall."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from views.text import clock_duration, local_date, local_time, rough_age, zone_abbreviation

WITA = ZoneInfo("Asia/Makassar")
MOMENT = datetime(2026, 11, 28, 2, 41, 3, tzinfo=UTC)  # 10:41:03 WITA


@pytest.fixture
def locale():
    old = QLocale()

    def use(language, country):
        QLocale.setDefault(QLocale(language, country))

    yield use
    QLocale.setDefault(old)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (None, "–"),
        (-3, "0:00"),
        (0, "0:00"),
        (7.9, "0:07"),
        (65, "1:05"),
        (725, "12:05"),
        (3725, "1:02:05"),
        (90000, "25:00:00"),
    ],
)
def test_clock_duration(seconds, shown):
    assert clock_duration(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(-1, "0 s"), (45, "45 s"), (60, "1 min"), (179, "2 min"), (7200, "2 h"), (200000, "2 d")],
)
def test_rough_age(seconds, shown):
    assert rough_age(seconds) == shown


def test_local_time_follows_the_locale_in_the_regions_zone(locale):
    locale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    assert local_time(MOMENT, WITA) == "10.41.03"
    assert local_date(MOMENT, WITA) == "Sabtu, 28 November 2026"
    locale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert local_time(MOMENT, WITA) == "10:41:03"
    assert zone_abbreviation(MOMENT, WITA) == "WITA"
