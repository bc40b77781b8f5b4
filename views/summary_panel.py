"""The summary page: today's headline figures and the volunteers' part, for visitors.

Figures come from wallboard.orientation.summary (pure, tested without Qt); this panel
only writes them in the interface language's numbers and lays them out big enough to
read from across the room.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from views.panel_frame import plain_label
from views.store_panel import PanelOptions, StorePanel
from views.text import number, percent
from views.theme import set_style_state
from views.vocabulary import name_of
from wallboard.feed.kinds import FeedKind
from wallboard.kpi import Verdict, local_day
from wallboard.kpi.selection import Distinct
from wallboard.kpi.summary import TargetResult
from wallboard.orientation.summary import OrientationSummary, orientation_summary
from wallboard.store import Store, StoreDiff

_CATEGORY_SLOTS = 8  # the most frequent kinds of incident shown; the rest are summed
_CATEGORY_COLUMNS = 4
# Below this height (a summary sharing a screen) the page goes compact: smaller figures,
# no section headings and no list of kinds, rather than figures drawn over each other.
_FULL_HEIGHT_PX = 760


def _tr(text: str) -> str:
    return QCoreApplication.translate("SummaryPanel", text)


class _Figure(QWidget):
    """A big number over the words that say what it counts (and, for a figure with a
    target, whether it meets it)."""

    def __init__(self, caption: str, role: str = "figure") -> None:
        super().__init__()
        self.role = role
        self.value = plain_label("–", role)
        self.caption = plain_label(caption, "caption")
        self.caption.setWordWrap(True)
        self.verdict = plain_label("", "caption")
        self.verdict.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignLeft)


def _row(*widgets: QWidget) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    for column, widget in enumerate(widgets):
        grid.addWidget(widget, 0, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(column, 1)
    return grid


def _show_result(figure: _Figure, result: TargetResult | None, what: str, empty: str) -> None:
    """A figure against its target: the share, what it measures, met or missed in words."""
    if result is None:  # the centre set no such target
        figure.hide()
        return
    target = result.target
    seconds = number(int(target.threshold_s or 0))
    # the figure and its unit never part at a line break
    figure.caption.setText(what.format(seconds).replace(f"{seconds} ", f"{seconds}\u00a0"))
    figure.value.setText(percent(result.value, 1))
    goal = percent(target.goal)
    if result.verdict is Verdict.MET:
        text, level = _tr("✔ target {0} met").format(goal), "fresh"
    elif result.verdict is Verdict.MISSED:
        text, level = _tr("✖ below the target of {0}").format(goal), "stale"
    else:
        text, level = _tr("target {0}; {1}").format(goal, empty), "idle"
    figure.verdict.setText(text)
    figure.verdict.show()
    set_style_state(figure.verdict, "level", level)


class SummaryPanel(StorePanel):
    """Calls, service level against its target, incidents by kind, units, volunteers."""

    KINDS = (FeedKind.CALLS, FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__(_tr("Today at a glance"), store, zone, clock, **options)
        self._dirty = True
        self._day: tuple[datetime, datetime] | None = None
        self.summary: OrientationSummary | None = None

        self.offered = _Figure(_tr("Calls offered"), "headline")
        self.answered = _Figure(_tr("Calls answered"), "headline")
        self.service_level = _Figure("", "headline")
        self.dispatch = _Figure("", "headline")
        for figure in (self.service_level, self.dispatch):
            # one line: a wrapped caption above the verdict gets drawn over by it
            figure.caption.setWordWrap(False)
        self.incidents = _Figure(_tr("Incidents today"))
        self.open = _Figure(_tr("Open now"))
        self.units = _Figure(_tr("Units available"))
        self.categories: list[QLabel] = []
        self.volunteer_units = _Figure(_tr("Volunteer units"))
        self.volunteer_busy = _Figure(_tr("Volunteer units at work now"))
        self.volunteer_incidents = _Figure(_tr("Incidents with volunteers today"))

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.headings = [
            plain_label(_tr("Calls today"), "title"),
            plain_label(_tr("Incidents and units"), "title"),
            plain_label(_tr("Volunteer communities"), "title"),
        ]
        self.figures = [
            self.offered,
            self.answered,
            self.service_level,
            self.dispatch,
            self.incidents,
            self.open,
            self.units,
            self.volunteer_units,
            self.volunteer_busy,
            self.volunteer_incidents,
        ]
        self.compact = False
        layout.addWidget(self.headings[0])
        layout.addLayout(_row(self.offered, self.answered, self.service_level, self.dispatch))
        layout.addStretch(1)  # on a screen of its own, the sections spread out
        layout.addWidget(self.headings[1])
        layout.addLayout(_row(self.incidents, self.open, self.units))
        categories = QGridLayout()
        categories.setHorizontalSpacing(24)
        for slot in range(_CATEGORY_SLOTS):
            label = plain_label("", "agency")
            self.categories.append(label)
            categories.addWidget(label, slot // _CATEGORY_COLUMNS, slot % _CATEGORY_COLUMNS)
        for column in range(_CATEGORY_COLUMNS):
            categories.setColumnStretch(column, 1)
        layout.addLayout(categories)
        layout.addStretch(1)
        layout.addWidget(self.headings[2])
        layout.addLayout(_row(self.volunteer_units, self.volunteer_busy, self.volunteer_incidents))
        layout.addStretch(1)

        self._show()
        self.follow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().height() < _FULL_HEIGHT_PX
        if compact != self.compact:
            self._set_compact(compact)

    def _set_compact(self, compact: bool) -> None:
        self.compact = compact
        for heading in self.headings:
            heading.setVisible(not compact)
        for label in self.categories:
            label.setVisible(not compact)
        for figure in self.figures:
            set_style_state(figure.value, "role", "agency" if compact else figure.role)

    def tick(self) -> None:
        """Once a second: figures changed since, or a new local day, are shown again."""
        if self._dirty or local_day(self._clock(), self._zone) != self._day:
            self._show()
        super().tick()

    def _on_changed(self, diff: StoreDiff) -> None:
        # Recounted on the next tick at most: several sources change in one second.
        parts = (diff.calls, diff.incidents, diff.units, diff.agencies)
        if any(not part.is_empty for part in parts):
            self._dirty = True
            if self.summary is None:
                self._show()

    def _show(self) -> None:
        now = self._clock()
        self._dirty = False
        self._day = local_day(now, self._zone)
        store = self._store
        s = self.summary = orientation_summary(
            Distinct(store.calls.values()),  # one per (backend, id): never merged by id
            store.incidents,
            store.units,
            store.agencies,
            now,
            self._zone,
        )
        self.offered.value.setText(number(s.calls_offered))
        self.answered.value.setText(number(s.calls_answered))
        _show_result(
            self.service_level, s.service_level, _tr("Answered within {0} s"), _tr("no calls yet")
        )
        _show_result(
            self.dispatch, s.dispatch, _tr("Dispatched within {0} s"), _tr("no incidents yet")
        )
        self.incidents.value.setText(number(s.incidents_today))
        self.open.value.setText(number(s.open_incidents))
        self.units.value.setText(
            _tr("{0} of {1}").format(number(s.units_available), number(s.units_total))
        )
        self._show_categories(s)
        v = s.volunteers
        self.volunteer_units.value.setText(number(v.units))
        self.volunteer_busy.value.setText(number(v.units_busy))
        share = "" if v.share_of_incidents is None else f" ({percent(v.share_of_incidents)})"
        self.volunteer_incidents.value.setText(number(v.incidents_today) + share)

    def _show_categories(self, s: OrientationSummary) -> None:
        shown = list(s.incidents_by_category)
        if len(shown) > _CATEGORY_SLOTS:
            rest = sum(count for _, count in shown[_CATEGORY_SLOTS - 1 :])
            shown = shown[: _CATEGORY_SLOTS - 1]
            texts = [f"{name_of(c)} {number(n)}" for c, n in shown]
            texts.append(_tr("others {0}").format(number(rest)))
        else:
            texts = [f"{name_of(c)} {number(n)}" for c, n in shown]
        for slot, label in enumerate(self.categories):
            label.setText(texts[slot] if slot < len(texts) else "")


__all__ = ["SummaryPanel"]
