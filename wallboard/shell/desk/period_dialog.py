"""Choosing the period of a report: from and to, in the region's local time.

Opens on the current shift; OK is possible only for a period that ends after it starts
and is no longer than the feed serves calls for (``MAX_CALL_RANGE``).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from wallboard.feed.pages import MAX_CALL_RANGE


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeriodDialog", text)


class PeriodDialog(QDialog):
    """From/to editors in ``zone``; ``period()`` is the chosen (start, end)."""

    def __init__(
        self, start: datetime, end: datetime, zone: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Report for a period"))
        self._zone = QTimeZone(zone.key.encode())
        self.start = self._editor(start)
        self.end = self._editor(end)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_tr("From"), self.start)
        form.addRow(_tr("To"), self.end)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.start.dateTimeChanged.connect(self._check)
        self.end.dateTimeChanged.connect(self._check)
        self._check()

    def _editor(self, moment: datetime) -> QDateTimeEdit:
        editor = QDateTimeEdit()
        editor.setTimeZone(self._zone)
        editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        editor.setCalendarPopup(True)
        editor.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), self._zone))
        return editor

    def period(self) -> tuple[datetime, datetime]:
        zone = ZoneInfo(bytes(self._zone.id().data()).decode())
        return tuple(  # type: ignore[return-value]
            datetime.fromtimestamp(e.dateTime().toSecsSinceEpoch(), zone)
            for e in (self.start, self.end)
        )

    def _check(self, *_: object) -> None:
        start, end = self.period()
        if end <= start:
            problem = _tr("The end must come after the start.")
        elif end - start > MAX_CALL_RANGE:
            problem = _tr("A report covers at most {0} days.").format(MAX_CALL_RANGE.days)
        else:
            problem = ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


__all__ = ["PeriodDialog"]
