"""What the panel tests share: a settable clock and an English locale for asserted times."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QLocale


class FakeClock:
    """A clock the test moves by hand: ``clock.now = ...``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _english_locale():
    """Times are asserted as written in English; another test may have changed the default."""
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(old)
