"""The call queue: waiting now, call-takers, today's calls, non-emergency calls, per 15 min.

Live figures come from the queue snapshot; today's figures from the KPI engine over
the call records (the one definition of each number, shared with the shift report).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from views.panel_frame import PanelFrame, follow_store, plain_label
from views.queue_chart import QueueChart
from views.source_status import source_states, wall_now, worst_state
from views.stat_block import StatBlock
from views.text import clock_duration
from views.theme import Theme, load_theme
from views.vocabulary import name_of
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.answering import answering_kpis
from wallboard.kpi.disposition import NON_EMERGENCY, disposition_kpis
from wallboard.kpi.series import calls_per_interval
from wallboard.kpi.targets import DEFAULT_TARGETS, SERVICE_LEVEL, Target
from wallboard.kpi.window import local_day
from wallboard.model import CallTakerState, Disposition
from wallboard.store import Store, StoreDiff

_INTERVAL_MIN = 15
_KINDS = (FeedKind.QUEUE, FeedKind.CALLS)
# The KPI engine says which dispositions are non-emergency; the wall keeps the feed's order.
_NON_EMERGENCY = tuple(d for d in Disposition if d in NON_EMERGENCY)


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueuePanel", text)


def answer_limit_s(targets: Sequence[Target]) -> float | None:
    """The shortest answer-time target: a call waiting past it already misses a target."""
    limits = [t.threshold_s for t in targets if t.kpi == SERVICE_LEVEL and t.threshold_s]
    return min(limits, default=None)


def _row(blocks: list[StatBlock], columns: int) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(4)
    for i, block in enumerate(blocks):
        grid.addWidget(block, i // columns, i % columns)
    return grid


class QueuePanel(PanelFrame):
    """Calls waiting and the longest wait (ticking), call-takers by state, today's calls."""

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        theme: Theme | None = None,
        intervals: Mapping[str, float] | None = None,
        targets: Sequence[Target] = DEFAULT_TARGETS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("Call queue"), zone, parent)
        self._answer_limit_s = answer_limit_s(targets)
        self._store = store
        self._zone = zone
        self._clock = clock
        self._intervals = intervals
        self._day: tuple[datetime, datetime] | None = None

        self.waiting = StatBlock(_tr("Calls waiting"), "headline")
        self.longest_wait = StatBlock(_tr("Longest wait"), "headline")
        if self._answer_limit_s is not None:
            limit = f"{self._answer_limit_s:g}"
            caption = _tr("Longest wait (target {0} s)").format(limit)
            # the figure and its unit never part at a line break
            self.longest_wait.caption.setText(caption.replace(f"{limit} ", f"{limit}\u00a0"))
        self.takers = {s: StatBlock(name_of(s)) for s in CallTakerState}
        self.offered = StatBlock(_tr("Offered"))
        self.answered = StatBlock(_tr("Answered"))
        self.abandoned = StatBlock(_tr("Abandoned"))
        self.non_emergency_total = StatBlock(_tr("All non-emergency"))
        self.dispositions = {d: StatBlock(name_of(d)) for d in _NON_EMERGENCY}
        self.chart = QueueChart(theme or load_theme(), _INTERVAL_MIN)
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
        layout.addWidget(plain_label(_tr("Calls today"), "caption"))
        layout.addLayout(_row([self.offered, self.answered, self.abandoned], 3))
        layout.addWidget(plain_label(_tr("Non-emergency calls today"), "caption"))
        layout.addLayout(_row([self.non_emergency_total, *self.dispositions.values()], 4))
        layout.addWidget(self.chart, 1)

        follow_store(self, store, self._on_changed, self._on_freshness)
        self._show_queue()
        self._show_today()
        self._on_freshness("")

    def set_theme(self, theme: Theme) -> None:
        """Recolour what the stylesheet cannot reach (the chart)."""
        self.chart.set_theme(theme)

    def tick(self) -> None:
        """Once a second: the longest wait runs on, and a new local day resets today."""
        self._show_queue()
        if local_day(self._clock(), self._zone) != self._day:
            self._show_today()
        self._on_freshness("")

    def _on_changed(self, diff: StoreDiff) -> None:
        if diff.queue_changed:
            self._show_queue()
        if not diff.calls.is_empty:
            self._show_today()

    def _on_freshness(self, _key: str) -> None:
        now = wall_now(self._store, self._clock)
        self.show_source_state(
            worst_state(source_states(self._store, now, self._intervals), _KINDS)
        )

    def _show_queue(self) -> None:
        snapshots = list(self._store.queues.values())
        if not snapshots:
            return
        now = self._clock()
        waiting = [w.since for q in snapshots for w in q.waiting]
        self.waiting.set_value(str(len(waiting)))
        # A wait is never negative, even when the backend's clock runs ahead of ours.
        longest = max(0.0, (now - min(waiting)).total_seconds()) if waiting else 0.0
        late = self._answer_limit_s is not None and longest > self._answer_limit_s
        # Past the target the wait turns red and gets a mark: colour is never the only sign.
        text = clock_duration(longest)
        self.longest_wait.set_value(f"▲ {text}" if late else text, alert=late)
        states = Counter(t.state for q in snapshots for t in q.call_takers)
        for state, block in self.takers.items():
            block.set_value(str(states.get(state, 0)))

    def _show_today(self) -> None:
        now = self._clock()
        start, end = self._day = local_day(now, self._zone)
        calls = list(self._store.calls.values())
        answering = answering_kpis(calls, start, end, now)
        self.offered.set_value(str(answering.offered))
        self.answered.set_value(str(answering.answered))
        self.abandoned.set_value(str(answering.abandoned))
        dispositions = disposition_kpis(calls, start, end)
        self.non_emergency_total.set_value(str(dispositions.non_emergency))
        for disposition, block in self.dispositions.items():
            block.set_value(str(dispositions.counts.get(disposition, 0)))
        # Intervals up to the one running now; later ones have not happened yet.
        step = timedelta(minutes=_INTERVAL_MIN)
        elapsed = min(now, end) - start
        buckets = max(0, -(-elapsed // step))  # ceiling: the running interval counts
        self.chart.set_counts(
            calls_per_interval(calls, start, start + buckets * step, _INTERVAL_MIN)
        )


__all__ = ["QueuePanel"]
