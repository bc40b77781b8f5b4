"""How durations, ages and local times read on the wall: short, fixed-width, localised.

Pure functions (no widgets): the panels and their tests share one way of writing time.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime


def _tr(text: str) -> str:
    return QCoreApplication.translate("Text", text)


def clock_duration(seconds: float | None) -> str:
    """A running duration as a stopwatch shows it: "0:07", "12:05", "1:02:05"; "–" if unknown.

    Negative values (clock skew) read as 0: a wait is never negative.
    """
    if seconds is None:
        return "–"
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def rough_age(seconds: float) -> str:
    """An age in its largest whole unit: "45 s", "2 min", "3 h", "2 d" (for freshness)."""
    total = max(0, int(seconds))
    if total < 60:
        return _tr("{0} s").format(total)
    if total < 3600:
        return _tr("{0} min").format(total // 60)
    if total < 86400:
        return _tr("{0} h").format(total // 3600)
    return _tr("{0} d").format(total // 86400)


def _time_format(locale: QLocale) -> str:
    # The locale's long time format carries seconds and a zone name ("HH.mm.ss tttt");
    # the wall names its zone itself (WITA), so the zone part is dropped.
    fmt = locale.timeFormat(QLocale.FormatType.LongFormat)
    return fmt.replace("t", "").strip() or "HH:mm:ss"


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """Time of day in the region's zone with seconds, written the default locale's way."""
    local = moment.astimezone(zone)
    locale = QLocale()
    return locale.toString(QTime(local.hour, local.minute, local.second), _time_format(locale))


def local_date(moment: datetime, zone: ZoneInfo, *, short: bool = False) -> str:
    """The date in the region's zone, long form in the locale ("Sabtu, 28 November 2026"),
    or ``short`` ("28/11/26") where the long one has no room."""
    local = moment.astimezone(zone)
    qdate = QDate(local.year, local.month, local.day)
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().toString(qdate, form)


def number(value: int) -> str:
    """A count written the interface language's way ("1.234" in Indonesian, "1,234" in English)."""
    return QLocale().toString(value)


def decimal(value: float) -> str:
    """A number with no needless zeros, the interface language's way ("15", "7,5")."""
    return QLocale().toString(float(value), "g", 6)


def percent(share: float | None, decimals: int = 0) -> str:
    """A share (0..1) as a percentage in the locale's digits and sign ("84,7%"); "–" if unknown."""
    if share is None:
        return "–"
    locale = QLocale()
    return locale.toString(share * 100, "f", decimals) + locale.percent()


def zone_abbreviation(moment: datetime, zone: ZoneInfo) -> str:
    """The zone's short name at ``moment`` ("WITA" for Asia/Makassar)."""
    return moment.astimezone(zone).tzname() or str(zone)


__all__ = [
    "clock_duration",
    "local_date",
    "local_time",
    "number",
    "percent",
    "rough_age",
    "zone_abbreviation",
]
