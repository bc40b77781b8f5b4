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

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from views.fit_pass import FitPass
from views.flow_grid import FlowGrid
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
# Below this height (a summary sharing a screen) the page goes compact: smaller figures,
# no section headings and no list of kinds, rather than figures drawn over each other.
# Taller but narrow (a third of a screen) it folds its rows of figures (FlowGrid) and
# drops what does not fit, never growing its window past the screen (_fit).
_FULL_HEIGHT_PX = 760
_BIG, _MEDIUM, _SMALL = "big", "medium", "small"  # the figures' sizes, fullest first


def _tr(text: str) -> str:
    return QCoreApplication.translate("SummaryPanel", text)


class _Figure(QWidget):
    """A big number over the words that say what it counts (and, for a figure with a
    target, whether it meets it)."""

    def __init__(self, caption: str, role: str = "figure") -> None:
        super().__init__()
        self.role = role
        self.value = plain_label("–", role)
        # one line each: a figure's width is its widest line, and a short panel puts
        # fewer figures in a row (FlowGrid) rather than wrap or cut a caption
        self.caption = plain_label(caption, "caption")
        self.verdict = plain_label("", "caption")
        self.verdict.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignLeft)


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
        self._counted_all = False  # calls, incidents, units and agencies all in the count

        self.offered = _Figure(_tr("Calls offered"), "headline")
        self.answered = _Figure(_tr("Calls answered"), "headline")
        self.service_level = _Figure("", "headline")
        self.dispatch = _Figure("", "headline")
        self.incidents = _Figure(_tr("Incidents today"))
        self.open = _Figure(_tr("Open now"))
        self.units = _Figure(_tr("Units available"))
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
        self.compact = False  # small figures: the page shares a screen
        self._size = _BIG
        self._fit_pass = FitPass(self, self._fit_now)
        self.bare = False  # no headings and no kinds of incident
        self._small_height: int | None = None  # the panel's minimum height when compact
        self.categories = [plain_label("", "agency") for _ in range(_CATEGORY_SLOTS)]
        self.flows = [
            FlowGrid([self.offered, self.answered, self.service_level, self.dispatch]),
            FlowGrid([self.incidents, self.open, self.units]),
            FlowGrid(self.categories),
            FlowGrid([self.volunteer_units, self.volunteer_busy, self.volunteer_incidents]),
        ]
        for flow in self.flows:
            flow.refolded.connect(self._refolded)
        layout.addWidget(self.headings[0])
        layout.addWidget(self.flows[0])
        layout.addStretch(1)  # on a screen of its own, the sections spread out
        layout.addWidget(self.headings[1])
        layout.addWidget(self.flows[1])
        layout.addWidget(self.flows[2])
        layout.addStretch(1)
        layout.addWidget(self.headings[2])
        layout.addWidget(self.flows[3])
        layout.addStretch(1)

        self._show()
        self.follow()
        # compact until it has a size: a window sized for the full page could not shrink
        self._set_mode(_SMALL, True)
        self._small_height = self._measured_minimum().height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The fullest page that fits the body at its width, figures folded into fewer
        columns if need be: headings, big figures and the kinds of incident; else big
        figures alone; else smaller ones; else small. The body's layout has its width
        already (Qt lays children out before the parent's resizeEvent), so the figures'
        columns are known when we measure."""
        self._fit_pass.run()

    def _fit_now(self) -> None:
        self._set_mode(_SMALL, True)
        self._small_height = self._measured_minimum().height()
        if self.height() < _FULL_HEIGHT_PX:
            return
        for size, bare in ((_BIG, False), (_BIG, True), (_MEDIUM, True)):
            self._set_mode(size, bare)
            self._measured_minimum()
            if self.body.layout().minimumSize().height() <= self.body.height():
                return
        self._set_mode(_SMALL, True)

    def _refolded(self) -> None:
        if not self._fit_pass.running:  # a row of figures now needs another height
            self._fit_pass.later()

    def _measured_minimum(self) -> QSize:
        # Every layout and layout item caches its minimum until the event loop lays it
        # out again: a stale one (another size's) misjudges what fits, and would let the
        # window grow past its screen (a top-level window never shrinks back).
        for widget in reversed(self.body.findChildren(QWidget)):
            if widget.layout() is not None:
                widget.layout().invalidate()
            widget.updateGeometry()
        self.body.layout().invalidate()
        self.body.updateGeometry()
        self.layout().invalidate()
        return super().minimumSizeHint()

    def minimumSizeHint(self) -> QSize:
        """As short as the compact page: given less than the full page needs, the panel
        goes compact (_fit) instead of pushing its window past the screen."""
        hint = super().minimumSizeHint()
        if self._small_height is not None:
            hint.setHeight(min(hint.height(), self._small_height))
        return hint

    def _set_mode(self, size: str, bare: bool) -> None:
        """Figures' ``size`` (_BIG, _MEDIUM or _SMALL: compact); ``bare``: no headings,
        no kinds of incident."""
        if (size, bare) == (self._size, self.bare):
            return
        self._size, self.bare = size, bare
        self.compact = size == _SMALL
        for heading in self.headings:
            heading.setVisible(not bare)
        for label in self.categories:
            label.setVisible(not bare)
        for figure in self.figures:
            role = {_BIG: figure.role, _MEDIUM: "figure", _SMALL: "agency"}[size]
            set_style_state(figure.value, "role", role)
        width = self.body.width()
        for flow in self.flows:
            flow.reflow(width)

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
            if not self._complete():
                self._show()  # while a kind has not arrived yet: no second of zeros

    def _complete(self) -> bool:
        """Whether the figures on show were counted with every kind of record in."""
        return self.summary is not None and self._counted_all

    def _show(self) -> None:
        now = self._clock()
        self._dirty = False
        store = self._store
        self._counted_all = all((store.calls, store.incidents, store.units, store.agencies))
        self._day = local_day(now, self._zone)
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
        # wider figures (a fourth digit, a longer verdict) may need fewer in a row
        width = self.body.width()
        for flow in self.flows:
            flow.reflow(width)
        if self.isVisible():
            self._fit()

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
