"""The call queue: waiting now, call-takers, today's calls, KPIs against targets, the trend.

Live figures come from the queue snapshot. Today's call counts follow every poll at once
(an incremental tally, O(changes)); every other KPI of the last hour, today and the same
weekday last week is computed by the KPI engine in the wall's KPI process
(views/kpi_worker.py) from copies of the panel's tables, so the wall never freezes
however many calls a day brings. The definitions are the KPI engine's, shared with the shift report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from operator import attrgetter
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from views.kpi_rows import count, kpi_rows
from views.kpi_table import KpiTable
from views.kpi_worker import KpiWorker
from views.panel_frame import plain_label
from views.queue_chart import QueueChart
from views.stat_block import StatBlock
from views.store_panel import PanelOptions, StorePanel
from views.text import clock_duration, decimal, number
from views.theme import Theme, load_theme
from views.vocabulary import name_of
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.call_table import CallTable
from wallboard.kpi.comparison import PeriodComparison, compare_snapshot
from wallboard.kpi.incident_table import IncidentTable
from wallboard.kpi.summary import INTERVAL_MIN
from wallboard.kpi.tally import CallTally
from wallboard.kpi.targets import DEFAULT_TARGET_SET, SERVICE_LEVEL, Target, TargetSet
from wallboard.kpi.window import local_day
from wallboard.model import CallTakerState, Incident
from wallboard.poller.history import is_history_owner
from wallboard.store import Store, StoreDiff

# The last hour rolls on and waiting calls grow late without any new record: recompute
# at least this often (in the feed's seconds).
REFRESH_S = 30.0
LAST_HOUR, TODAY, LAST_WEEK = 0, 1, 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueuePanel", text)


def answer_limit_s(targets: Sequence[Target]) -> float | None:
    """The shortest answer-time target: a call waiting past it already misses a target."""
    limits = [t.threshold_s for t in targets if t.kpi == SERVICE_LEVEL and t.threshold_s]
    return min(limits, default=None)


def _row(blocks: list[QWidget], columns: int) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(4)
    for i, block in enumerate(blocks):
        grid.addWidget(block, i // columns, i % columns)
    return grid


def _elapsed_intervals(start: datetime, now: datetime, end: datetime) -> int:
    """Intervals up to the one running now (it counts); later ones have not happened."""
    step = timedelta(minutes=INTERVAL_MIN)
    return max(0, -(-(min(now, end) - start) // step))


class QueuePanel(StorePanel):
    """Calls waiting and the longest wait (ticking), call-takers, today's calls, the KPIs
    of the last hour, today and last week against the targets, and the day's curve."""

    KINDS = (FeedKind.QUEUE, FeedKind.CALLS)

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        theme: Theme | None = None,
        targets: TargetSet = DEFAULT_TARGET_SET,
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__(_tr("Call queue"), store, zone, clock, **options)
        theme = theme or load_theme()
        self._targets = targets
        self._answer_limit_s = answer_limit_s(targets.targets)
        self._day = local_day(clock(), zone)
        self._tally = CallTally(*self._day)
        # the store's calls as columns, kept current by each diff (cost of the change)
        # (today's and the reference day's apart: the second changes once a day, so its
        # copy for the worker is made once)
        owner = attrgetter("backend")  # a call's owner is in its key: (backend, id)
        self._calls = CallTable(owner, lambda name: not is_history_owner(name))
        self._calls.reset(store.calls)
        self._history = CallTable(owner, is_history_owner)
        self._history.reset(store.calls)
        # today's incidents and every backend's reference day (last week), as columns
        self._incidents = IncidentTable()
        self._incidents.reset(store.incidents)
        self._reference: dict[tuple[str, str, str], Incident] = {}
        self._take_reference()
        self._requested_at: datetime | None = None
        self._stale_result = False
        self.comparison: PeriodComparison | None = None

        self.waiting = StatBlock(_tr("Calls waiting"), "headline")
        self.longest_wait = StatBlock(_tr("Longest wait"), "headline")
        if self._answer_limit_s is not None:
            limit = decimal(self._answer_limit_s)
            caption = _tr("Longest wait (target {0} s)").format(limit)
            # the figure and its unit never part at a line break
            self.longest_wait.caption.setText(caption.replace(f"{limit} ", f"{limit}\u00a0"))
        self.takers = {s: StatBlock(name_of(s)) for s in CallTakerState}
        self.offered = StatBlock(_tr("Offered today"))
        self.answered = StatBlock(_tr("Answered today"))
        self.abandoned = StatBlock(_tr("Abandoned today"))
        self._rows = kpi_rows(targets)
        # last week's column runs to the same time of day (README, "Service standards")
        self.kpis = KpiTable(
            _tr("Service standards"), _tr("Target"), [_tr("Last hour"), _tr("Today"), ""], theme
        )
        self.kpis.set_rows([(key, name, goal) for key, name, goal, _ in self._rows])
        self.chart = QueueChart(theme, INTERVAL_MIN)
        # The chart takes what the figures leave: on a crowded screen it gets smaller,
        # the figures above it never get cut.
        self.chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.chart.setMinimumHeight(0)

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(_row([self.waiting, self.longest_wait], 2))
        layout.addWidget(plain_label(_tr("Call-takers"), "caption"))
        layout.addLayout(_row(list(self.takers.values()), len(self.takers)))
        layout.addLayout(_row([self.offered, self.answered, self.abandoned], 3))
        layout.addWidget(self.kpis)
        layout.addWidget(self.chart, 1)
        self.set_theme(theme)

        self.worker = KpiWorker(self)
        self.worker.finished.connect(self._show_kpis)
        self._show_queue()
        self._new_day()
        self.follow()

    def set_theme(self, theme: Theme) -> None:
        """Recolour what the application stylesheet cannot reach (chart, KPI colours)."""
        self.chart.set_theme(theme)
        self.kpis.set_theme(theme)

    def tick(self) -> None:
        """Once a second: the longest wait runs on, a new local day resets today, and
        the KPIs are recomputed when due."""
        self._show_queue()
        now = self._clock()
        if local_day(now, self._zone) != self._day:
            self._new_day()
        elif self._stale_result or (
            self._requested_at is not None
            and (now - self._requested_at).total_seconds() >= REFRESH_S
        ):
            self._request()
        super().tick()

    def _on_changed(self, diff: StoreDiff) -> None:
        if diff.queue_changed:
            self._show_queue()
        incidents = diff.incidents
        if not incidents.is_empty:
            ids = incidents.added | incidents.changed | incidents.removed
            self._incidents.update(self._store.incidents, ids)
        if diff.reference_changed:
            self._take_reference()
        calls = diff.calls
        if not calls.is_empty:
            ids = calls.added | calls.changed | calls.removed
            self._calls.update(self._store.calls, ids)
            self._history.update(self._store.calls, ids)
            if local_day(self._clock(), self._zone) != self._day:
                # a new day, or the backend's clock first known (its day, not ours)
                self._new_day()
                return
            self._tally.update(self._store.calls, ids)
            self._show_counts()
            self._request()
        elif diff.reference_changed:
            self._request()  # last week's dispatch figures: take them in now
        elif not diff.incidents.is_empty:
            # dispatch times: the next computation takes them in (at most REFRESH_S on)
            self._stale_result = self._stale_result or self.comparison is None

    # -- live queue ------------------------------------------------------------------

    def _show_queue(self) -> None:
        snapshots = list(self._store.queues.values())
        if not snapshots:
            return
        now = self._clock()
        waiting = [w.since for q in snapshots for w in q.waiting]
        self.waiting.set_value(number(len(waiting)))
        # A wait is never negative, even when the backend's clock runs ahead of ours.
        longest = max(0.0, (now - min(waiting)).total_seconds()) if waiting else 0.0
        late = self._answer_limit_s is not None and longest > self._answer_limit_s
        # Past the target the wait turns red and gets a mark: colour is never the only sign.
        text = clock_duration(longest)
        self.longest_wait.set_value(f"▲ {text}" if late else text, alert=late)
        states = Counter(t.state for q in snapshots for t in q.call_takers)
        for state, block in self.takers.items():
            block.set_value(str(states.get(state, 0)))

    # -- today's counts (instant) ----------------------------------------------------

    def _new_day(self) -> None:
        self._day = local_day(self._clock(), self._zone)
        self._tally = CallTally(*self._day)
        self._tally.reset(self._store.calls)
        self._show_counts()
        weekday = self._day[0].isoweekday()
        day_name = QLocale().dayName(weekday, QLocale.FormatType.ShortFormat)
        self.kpis.headers[LAST_WEEK].setText(_tr("Last {0}").format(day_name))
        self._request()

    def _show_counts(self) -> None:
        tally = self._tally
        self.offered.set_value(count(tally.offered))
        self.answered.set_value(count(tally.answered))
        self.abandoned.set_value(count(tally.abandoned))

    # -- every KPI, off the GUI thread -----------------------------------------------

    def _request(self) -> None:
        self._requested_at = self._clock()
        self._stale_result = False
        self.worker.request_built(self._job)

    def _job(self) -> Callable[[], PeriodComparison]:
        """The KPI process's job, made when it is sent: copies of the tables' arrays
        (the process reads them while the store moves on)."""
        return partial(
            compare_snapshot,
            (self._calls.snapshot(), self._history.snapshot()),
            self._incidents.snapshot(),
            self._clock(),
            self._zone,
            self._targets,
        )

    def _take_reference(self) -> None:
        """Last week's incidents into the incident table, under keys of their own."""
        held = {
            ("~reference", backend, i.id): i
            for backend, items in self._store.reference_incidents.items()
            for i in items
        }
        keys = held.keys() | self._reference.keys()
        self._reference = held
        self._incidents.update(held, keys)

    def _show_kpis(self, comparison: PeriodComparison) -> None:
        if local_day(comparison.now, self._zone) != self._day:
            return  # computed for a day that has ended since
        self.comparison = comparison
        periods = (comparison.last_hour, comparison.today, comparison.reference)
        for key, _name, _goal, figure in self._rows:
            for column, summary in enumerate(periods):
                if summary is None:
                    self.kpis.set_cell(key, column, "–", "no_data")
                else:
                    self.kpis.set_cell(key, column, *figure(summary))
        today = comparison.today
        shown = _elapsed_intervals(today.start, comparison.now, today.end)
        self.chart.set_counts(today.offered_per_interval[:shown])
        self.chart.set_reference(comparison.reference_counts)


__all__ = ["QueuePanel"]
