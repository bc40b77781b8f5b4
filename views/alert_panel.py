"""The hazard alerts panel (``alerts``): current quakes and warnings, newest first.

Each alert is two lines readable from across the room: what and where ("M 5,4 · 30 km
Tenggara Kutai Timur"), then when (local time, e.g. WITA), what was felt or is advised,
and who published it; how far and which way from the region ("118 km Timur"); a warning
named only by its area's codes says it has no shape on the map. The footer counts the
alerts the sources listed that are not for this region (never silently lost). Feed text
is untrusted: plain-text labels only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from views.panel_frame import plain_label
from views.source_status import SourceState
from views.store_panel import PanelOptions, StorePanel
from wallboard.model.alert import Alert, AlertKind
from wallboard.store import Store, StoreDiff

ROWS = 6  # alerts shown; the rest are counted
DETAIL_MAX = 160  # characters of advice or felt text on the second line


# the eight compass points, from north clockwise, as BMKG words directions
COMPASS = (
    QT_TRANSLATE_NOOP("AlertPanel", "North"),
    QT_TRANSLATE_NOOP("AlertPanel", "Northeast"),
    QT_TRANSLATE_NOOP("AlertPanel", "East"),
    QT_TRANSLATE_NOOP("AlertPanel", "Southeast"),
    QT_TRANSLATE_NOOP("AlertPanel", "South"),
    QT_TRANSLATE_NOOP("AlertPanel", "Southwest"),
    QT_TRANSLATE_NOOP("AlertPanel", "West"),
    QT_TRANSLATE_NOOP("AlertPanel", "Northwest"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlertPanel", text)


def where_text(alert: Alert) -> str:
    """How far and which way from the region: "118 km Timur", "in the region", or ""."""
    if alert.distance_km is None:
        return ""
    if alert.distance_km < 0.5:
        return _tr("in the region")
    distance = QLocale().toString(alert.distance_km, "f", 0)
    if alert.bearing_deg is None:
        return _tr("{0} km away").format(distance)
    point = _tr(COMPASS[round(alert.bearing_deg / 45.0) % 8])
    return _tr("{0} km {1}").format(distance, point)


def left_off_text(count: int) -> str:
    """The footer's count of alerts not for this region ("" when none)."""
    if count <= 0:
        return ""
    return _tr("Far from the region, not shown: {0}").format(count)


def all_alerts(alerts: Mapping[str, tuple[Alert, ...]]) -> list[Alert]:
    """Every source's alerts in one list, newest first."""
    return sorted((a for items in alerts.values() for a in items), key=lambda a: a.sent,
                  reverse=True)  # fmt: skip


def credit_text(alerts: Iterable[Alert]) -> str:
    """The on-screen credit of the publishers, e.g. "Sumber: BMKG"; "" with no alerts."""
    credits = sorted({a.credit for a in alerts if a.credit})
    return _tr("Source: {0}").format(", ".join(credits)) if credits else ""


def when_text(moment: datetime, zone: ZoneInfo, today: date | None = None) -> str:
    """Time in the region's zone with the zone's name ("09.12 WITA"), the date first when
    it is not ``today`` ("28/11/26 09.12 WITA")."""
    local = moment.astimezone(zone)
    locale = QLocale()
    time = locale.toString(QTime(local.hour, local.minute), "HH:mm")
    text = f"{time} {local.tzname() or ''}".strip()
    if local.date() == today:
        return text
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)
    return f"{day} {text}"


def _clip(text: str) -> str:
    return text if len(text) <= DETAIL_MAX else text[: DETAIL_MAX - 1] + "…"


def alert_lines(alert: Alert, zone: ZoneInfo, today: date | None = None) -> tuple[str, str]:
    """The two lines of one alert: (what and where, when / felt / advice / source)."""
    details = []
    where = where_text(alert)
    if where:
        details.append(where)
    if alert.kind is AlertKind.QUAKE:
        magnitude = QLocale().toString(alert.magnitude or 0.0, "f", 1)
        headline = _tr("M {0} · {1}").format(magnitude, alert.area or alert.headline)
        details.append(when_text(alert.sent, zone, today))
        if alert.depth_km is not None:
            depth = QLocale().toString(alert.depth_km, "f", 0)
            details.append(_tr("depth {0} km").format(depth))
        if alert.felt:
            details.append(_tr("felt: {0}").format(_clip(alert.felt)))
        if alert.potential:
            details.append(_clip(alert.potential))
    else:
        place = f" · {alert.area}" if alert.area else ""
        headline = f"{alert.headline}{place}"
        if alert.expires is not None:
            details.append(_tr("until {0}").format(when_text(alert.expires, zone, today)))
        else:
            details.append(when_text(alert.sent, zone, today))
        if not alert.mapped:
            details.append(_tr("no shape on the map"))
        if alert.potential:
            details.append(_clip(alert.potential))
    details.append(_tr("source: {0}").format(alert.credit))
    return headline, " · ".join(details)


class _Row(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.headline = plain_label("", "agency")
        self.headline.setWordWrap(True)
        self.detail = plain_label("", "link")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(0)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)


class AlertPanel(StorePanel):
    """Current public hazard alerts from the store, newest first, with their sources."""

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__(_tr("Hazard alerts"), store, zone, clock, **options)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = plain_label(_tr("No current alerts"), "caption")
        layout.addWidget(self.empty)
        self.rows = [_Row() for _ in range(ROWS)]
        self._count = self._total = 0
        for row in self.rows:
            layout.addWidget(row)
            row.hide()
        self.more = plain_label("", "more")
        self.more.hide()
        layout.addWidget(self.more)
        layout.addStretch(1)
        self.left_off = plain_label("", "caption")
        self.left_off.setWordWrap(True)
        self.left_off.hide()
        layout.addWidget(self.left_off)
        self.credit = plain_label("", "caption")
        layout.addWidget(self.credit)
        self._show()
        self.follow()

    def shown_text(self) -> list[str]:
        """The visible lines, top to bottom (for tests and the orientation summary)."""
        return [
            label.text()
            for row in self.rows
            if not row.isHidden()
            for label in (row.headline, row.detail)
        ]

    def _on_changed(self, diff: StoreDiff) -> None:
        if diff.alerts_changed:
            self._show()

    def _show(self) -> None:
        alerts = all_alerts(self._store.alerts)
        today = self._clock().astimezone(self._zone).date()
        for row, alert in zip(self.rows, alerts, strict=False):
            headline, detail = alert_lines(alert, self._zone, today)
            row.headline.setText(headline)
            row.detail.setText(detail)
        self._count = min(len(alerts), len(self.rows))
        self.empty.setVisible(not alerts)
        self._total = len(alerts)
        self.credit.setText(credit_text(alerts))
        left_off = sum(self._store.alerts_left_off.values())
        self.left_off.setText(left_off_text(left_off))
        self.left_off.setVisible(left_off > 0)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Show as many alerts as fit whole (at least one), and count the rest."""
        width = max(1, self.body.width())
        room = self.body.height() - self.credit.sizeHint().height() - self.more.sizeHint().height()
        if not self.left_off.isHidden():
            room -= self.left_off.heightForWidth(width)
        used, shown, full = 0, 0, False
        for index, row in enumerate(self.rows):
            height = row.heightForWidth(width) if row.hasHeightForWidth() else -1
            height = max(height, row.sizeHint().height())
            # newest first: once one does not fit, no later (shorter) one jumps the queue
            fits = not full and index < self._count and (shown == 0 or used + height <= room)
            full = full or not fits
            row.setVisible(fits)
            if fits:
                used += height + 6
                shown += 1
        extra = self._total - shown
        self.more.setText(_tr("+{0} more").format(extra) if extra > 0 else "")
        self.more.setVisible(extra > 0)

    def alarming_source(self, states: list[SourceState]) -> SourceState | None:
        return _worst([s for s in states if s.key.endswith("/alerts")])


def _worst(states: list[SourceState]) -> SourceState | None:
    if not states:
        return None
    return max(states, key=lambda s: (s.severity, s.age_s or 0.0))


__all__ = [
    "AlertPanel",
    "alert_lines",
    "all_alerts",
    "credit_text",
    "left_off_text",
    "when_text",
    "where_text",
]
