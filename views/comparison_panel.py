"""The regions side by side: today's KPIs of every region, flagged where one misses a target.

One column per region (backend), one row per KPI; a figure that misses its target is red
with a cross, one that meets it green with a check (colour is never the only sign). Each
column says whether its backend is live, late or DOWN, with the time of its last good
data: a down region keeps its last figures, greyed, while the others stay live. The
figures are ``wallboard.kpi.summarize`` per region (wallboard/province/), computed in
the wall's KPI process by a coalescing worker from copies of the panel's tables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from operator import attrgetter
from typing import Unpack
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel

from views.kpi_rows import count, goal_text, percent, seconds
from views.kpi_table import NO_DATA, marked
from views.kpi_worker import KpiWorker
from views.panel_frame import plain_label
from views.source_status import wall_now
from views.store_panel import PanelOptions, StorePanel
from views.text import local_time
from views.theme import Theme, load_theme, set_style_state
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.call_table import CallTable
from wallboard.kpi.incident_table import IncidentTable
from wallboard.kpi.targets import DEFAULT_TARGET_SET, DISPATCH_WITHIN, TargetSet
from wallboard.poller.history import is_history_owner
from wallboard.province.comparison import (
    COUNT,
    SHARE,
    ComparisonRow,
    RegionFigures,
    compare_counted,
    comparison_rows,
    region_snapshot,
)
from wallboard.province.health import RegionHealth, RegionState, region_health
from wallboard.store import Store, StoreDiff

log = logging.getLogger(__name__)

# At 3 x 50,000 calls a day one computation takes about a second of one core: new data
# is taken in at most this often (in the feed's seconds), and at least every REFRESH_S.
MIN_GAP_S = 10.0
REFRESH_S = 30.0
NAME_PX, GOAL_PX, REGION_PX, STATUS_PX, CELL_PX, NOTE_PX = 30, 24, 34, 26, 52, 20
_SIZES = (NAME_PX, GOAL_PX, REGION_PX, STATUS_PX, CELL_PX, NOTE_PX)
# A panel too narrow or short for every figure whole at full size (a third of a screen,
# 5-digit counts, several regions) takes the largest of these steps that fits; a step
# rather than a continuous scale keeps a resize from changing the size back and forth.
# At the smallest the figures are 29 px bold: still table type, read from 5 m.
SCALES = (1.0, 0.85, 0.7, 0.56)
_NAME_COLUMN, _GOAL_COLUMN, _FIRST_REGION = 0, 1, 2
_STATUS_SYMBOL = {
    RegionState.LIVE: "✔",
    RegionState.LATE: "▲",
    RegionState.DOWN: "✖",
    RegionState.WAITING: "…",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComparisonPanel", text)


def comparison_stylesheet(theme: Theme, scale: float = 1.0) -> str:
    """Sizes for 5 m (times ``scale``: a narrow panel) and the verdict and health
    colours, from the theme's tokens."""
    t = theme.tokens
    NAME_PX, GOAL_PX, REGION_PX, STATUS_PX, CELL_PX, NOTE_PX = (round(px * scale) for px in _SIZES)
    return (
        f'QLabel[role="cmpname"] {{ font-size: {NAME_PX}px; color: {t["text"]}; }}'
        f'QLabel[role="cmpgoal"] {{ font-size: {GOAL_PX}px; color: {t["muted"]}; }}'
        f'QLabel[role="cmpnote"] {{ font-size: {NOTE_PX}px; color: {t["muted"]}; }}'
        f'QLabel[role="cmpregion"] {{ font-size: {REGION_PX}px; font-weight: bold;'
        f" color: {t['text']}; }}"
        f'QLabel[role="cmpstatus"] {{ font-size: {STATUS_PX}px; font-weight: bold;'
        " padding: 2px 8px; border-radius: 4px; }"
        f'QLabel[health="live"] {{ color: {t["ok"]}; }}'
        f'QLabel[health="late"] {{ color: {t["late"]}; }}'
        f'QLabel[health="waiting"] {{ color: {t["muted"]}; }}'
        f'QLabel[health="down"] {{ background: {t["banner"]}; color: {t["on_banner"]}; }}'
        f'QLabel[role="cmpcell"] {{ font-size: {CELL_PX}px; font-weight: bold;'
        f" color: {t['text']}; }}"
        f'QLabel[verdict="met"] {{ color: {t["ok"]}; }}'
        f'QLabel[verdict="missed"] {{ color: {t["critical"]}; }}'
        f'QLabel[verdict="no_data"] {{ color: {t["muted"]}; }}'
        # a down region's last figures: still there, visibly not current
        f'QLabel[role="cmpcell"][down="true"] {{ color: {t["muted"]}; }}'
    )


def row_name(row: ComparisonRow) -> str:
    """What a row is called on the wall."""
    target = row.target
    limit = f"{target.threshold_s:g}" if target is not None and target.threshold_s else ""
    names = {
        "offered": _tr("Calls offered"),
        "answered": _tr("Calls answered"),
        "abandon_rate": _tr("Abandoned"),
        "p90_answer": _tr("Speed of answer (p90)"),
        "p90_dispatch": _tr("Alarm processing (p90)"),
        "open_incidents": _tr("Open incidents now"),
        "units_available": _tr("Units available now"),
    }
    if row.key in names:
        return names[row.key]
    if row.key.startswith("sl_"):
        text, limit = _tr("Answered ≤ {0} s"), row.key[3:]
    elif row.key.startswith("en_route"):
        text = _tr("En route ≤ {0} s")
    else:
        text = _tr("On scene ≤ {0} s")
    # a narrow column wraps the name: never between the limit, its sign and its unit
    return text.format(limit).replace("≤ ", "≤\u00a0").replace(f"{limit} ", f"{limit}\u00a0")


def row_goal(row: ComparisonRow) -> str:
    """The target a row is held to, as the wall writes it ("≥ 90 %", "90 % ≤ 60 s")."""
    target = row.target
    if target is None:
        return ""
    if target.kpi == DISPATCH_WITHIN:
        return f"{percent(target.goal)} ≤ {seconds(float(target.threshold_s or 0))}"
    return goal_text(target)


def figure_text(row: ComparisonRow, value: float | None) -> str:
    if value is None:
        return NO_DATA
    if row.unit == COUNT:
        return count(int(value))
    if row.unit == SHARE:
        return percent(value)
    return seconds(float(value))


def _aligned(label: QLabel, align: Qt.AlignmentFlag) -> QLabel:
    # its text's width is its minimum: the panel's type steps down (SCALES) to fit the
    # width it has, rather than cut a figure (it cut "12.345" to "2.34" in a third)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return label


class ComparisonPanel(StorePanel):
    """Every region's KPIs of today side by side, each column with its backend's health."""

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        backends: Sequence[str],
        theme: Theme | None = None,
        targets: TargetSet = DEFAULT_TARGET_SET,
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__(_tr("Regions compared — today"), store, zone, clock, **options)
        self._targets = targets
        self.backends = tuple(backends)
        self.rows = comparison_rows(targets)
        self.figures: dict[str, RegionFigures] = {}
        self.health: dict[str, RegionHealth] = {}
        self._dirty = True
        self._requested_at: datetime | None = None
        self.scale = SCALES[-1]  # until it has a size: the window is sized by its minimum
        self._small: QSize | None = None  # the panel's minimum at the smallest scale
        self._fitting = False
        # a resize while fitting (showing a label lays the window out) is fitted after
        self._fitted = QSize()
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)
        self.set_theme(theme or load_theme())

        grid = self._grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(_NAME_COLUMN, 5)
        grid.setColumnStretch(_GOAL_COLUMN, 2)
        right = Qt.AlignmentFlag.AlignRight
        center = Qt.AlignmentFlag.AlignHCenter
        grid.addWidget(_aligned(plain_label(_tr("Target"), "cmpgoal"), right), 0, _GOAL_COLUMN)
        self.region_names: dict[str, QLabel] = {}
        self.statuses: dict[str, QLabel] = {}
        self.cells: dict[str, dict[str, QLabel]] = {row.key: {} for row in self.rows}
        for n, backend in enumerate(self.backends):
            column = _FIRST_REGION + n
            grid.setColumnStretch(column, 4)
            name = _aligned(plain_label(backend, "cmpregion"), center)
            status = _aligned(plain_label("", "cmpstatus"), center)
            status.setWordWrap(True)
            grid.addWidget(name, 0, column)
            grid.addWidget(status, 1, column)
            self.region_names[backend] = name
            self.statuses[backend] = status
        for r, row in enumerate(self.rows, start=2):
            grid.setRowStretch(r, 1)  # the rows share the panel's height
            name = _aligned(plain_label(row_name(row), "cmpname"), Qt.AlignmentFlag.AlignLeft)
            name.setWordWrap(True)
            grid.addWidget(name, r, _NAME_COLUMN)
            grid.addWidget(_aligned(plain_label(row_goal(row), "cmpgoal"), right), r, _GOAL_COLUMN)
            for n, backend in enumerate(self.backends):
                cell = _aligned(plain_label(NO_DATA, "cmpcell"), center)
                set_style_state(cell, "verdict", "no_data")
                set_style_state(cell, "down", False)
                grid.addWidget(cell, r, _FIRST_REGION + n)
                self.cells[row.key][backend] = cell
        self.note = plain_label(_tr("Each region's own local day, up to now"), "cmpnote")
        self.note.setWordWrap(True)
        grid.addWidget(self.note, len(self.rows) + 2, 0, 1, _FIRST_REGION + len(self.backends))

        self.worker = KpiWorker(self)
        self.worker.finished.connect(self._show_counted)
        self._counted: frozenset[str] = frozenset()  # regions with data in the last request
        # the store's calls as columns with their owners, kept current by each diff
        # (each region's own calls only: not the reference days)
        # (a record's owner is in its key: (backend, id))
        self._calls = CallTable(attrgetter("backend"), _is_region)
        self._calls.reset(store.calls)
        self._incidents = IncidentTable(attrgetter("backend"))
        self._incidents.reset(store.incidents)
        self._show_names()
        self.follow()  # the health of each region, from the sources' freshness
        self._request()

    # -- the store and the clock -----------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        """Verdict and health colours from ``theme`` (night mode switches it in place)."""
        self._theme = theme
        self.body.setStyleSheet(comparison_stylesheet(theme, self.scale))

    def _set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self.body.setStyleSheet(comparison_stylesheet(self._theme, scale))

    def _fit(self) -> None:
        """The largest type (SCALES) with which every figure, name and status fits the
        body whole; the body has its size already when the panel's resizeEvent runs."""
        if self._fitting:  # a new type can lay the window out, and resize us
            if self.size() != self._fitted:
                self._refit.start()  # and once more, at this size, when this pass is over
            return
        self._fitting = True
        self._fitted = self.size()
        try:
            self._fit_now()
        finally:
            self._fitting = False

    def _fit_now(self) -> None:
        layout = self._grid
        body = self.body.width(), self.body.height()
        self._set_scale(SCALES[-1])
        # both layouts cache their minimum: a stale one (a larger type's) would let the
        # window grow past its screen, and a top-level window never shrinks back
        layout.invalidate()
        self.body.updateGeometry()  # the panel's layout item caches the body's hints
        self.layout().invalidate()
        self._small = super().minimumSizeHint()
        for scale in SCALES:
            self._set_scale(scale)
            layout.invalidate()
            width = layout.minimumSize().width()
            height = max(layout.minimumSize().height(), layout.totalHeightForWidth(body[0]))
            if width <= body[0] and height <= body[1]:
                return

    def minimumSizeHint(self) -> QSize:
        """The panel at its smallest type: given less room than the full type needs,
        it steps its type down (_fit) instead of pushing its window past the screen."""
        hint = super().minimumSizeHint()
        if self._small is not None:
            hint = hint.boundedTo(self._small)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def tick(self) -> None:
        """Once a second: ages and health move on; new data is taken in when due."""
        self._show_health()
        if self._requested_at is None:
            self._request()
            return
        waited = (self._clock() - self._requested_at).total_seconds()
        if waited >= REFRESH_S or (self._dirty and waited >= MIN_GAP_S):
            self._request()

    def _on_changed(self, diff: StoreDiff) -> None:
        if diff.regions_changed:
            self._show_names()
        calls = diff.calls
        if not calls.is_empty:
            self._calls.update(self._store.calls, calls.added | calls.changed | calls.removed)
        incidents = diff.incidents
        if not incidents.is_empty:
            ids = incidents.added | incidents.changed | incidents.removed
            self._incidents.update(self._store.incidents, ids)
        if not (diff.calls.is_empty and diff.incidents.is_empty and diff.units.is_empty):
            self._dirty = True
            if not self.figures and not self.worker.busy:
                self._request()  # the first figures as soon as there is data
            else:
                self._take_in_new_regions()

    def _on_freshness(self, _key: str) -> None:
        self._show_health()
        self._take_in_new_regions()

    def _take_in_new_regions(self) -> None:
        # a region's first data (late at start-up): never leave it out, or show it as
        # zeros, until the next turn; take it in now
        if self._requested_at is not None and not self._with_data() <= self._counted:
            self._request()

    # -- health of each region --------------------------------------------------------

    def _region_zone(self, backend: str) -> ZoneInfo:
        region = self._store.regions.get(backend)
        if region is not None:
            try:
                return ZoneInfo(region.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return self._zone

    def region_title(self, backend: str) -> str:
        region = self._store.regions.get(backend)
        return region.name if region is not None else backend

    def _show_names(self) -> None:
        for backend, label in self.region_names.items():
            label.setText(self.region_title(backend))

    def _show_health(self) -> None:
        now = wall_now(self._store, self._clock)
        freshness = self._store.freshness
        refit = False
        for backend in self.backends:
            health = region_health(backend, freshness, now, self._intervals)
            old = self.health.get(backend)
            self.health[backend] = health
            label = self.statuses[backend]
            text = self.status_text(backend, health)
            refit = refit or text != label.text()
            label.setText(text)
            set_style_state(label, "health", health.state.value)
            if old is None or old.state is not health.state:
                self._mark_column(backend, health.state is RegionState.DOWN)
                self._log_change(backend, health)
        everything_down = self.health and all(
            h.state is RegionState.DOWN for h in self.health.values()
        )
        if refit and self.isVisible():
            self._fit()
        self.show_source_state(None)
        if everything_down:  # nothing on this panel is current any more
            self.banner.setText(_tr("⚠ NO REGION REACHABLE"))
            self.banner.show()

    def status_text(self, backend: str, health: RegionHealth) -> str:
        """What a region's column says about its backend, in words and a symbol."""
        symbol = _STATUS_SYMBOL[health.state]
        zone = self._region_zone(backend)
        last = local_time(health.last_good, zone) if health.last_good is not None else None
        if health.state is RegionState.LIVE:
            return f"{symbol} " + _tr("live")
        if health.state is RegionState.WAITING:
            return f"{symbol} " + _tr("waiting for data")
        if health.state is RegionState.LATE:
            return f"{symbol} " + _tr("LATE — last data {0}").format(last or NO_DATA)
        if last is None:
            return f"{symbol} " + _tr("DOWN — no data yet")
        return f"{symbol} " + _tr("DOWN — last data {0}").format(last)

    def _mark_column(self, backend: str, down: bool) -> None:
        for cells in self.cells.values():
            set_style_state(cells[backend], "down", down)

    def _log_change(self, backend: str, health: RegionHealth) -> None:
        last = health.last_good.isoformat(timespec="seconds") if health.last_good else "never"
        log.info(
            "comparison: region %s (%s) is %s, last good data %s",
            backend,
            self.region_title(backend),
            health.state.value,
            last,
        )

    # -- the figures, off the GUI thread ----------------------------------------------

    def _with_data(self) -> frozenset[str]:
        """The regions whose calls and incidents (those it is polled for) have all
        arrived at least once: before that, its figures would be zeros, not news."""
        fresh = self._store.freshness
        kinds = (FeedKind.CALLS, FeedKind.INCIDENTS)

        def polled(backend: str, kind: FeedKind) -> bool:
            return self._intervals is None or f"{backend}/{kind}" in self._intervals

        return frozenset(
            b
            for b in self.backends
            if all(
                (f := fresh.get(f"{b}/{kind}")) is not None and f.last_success is not None
                for kind in kinds
                if polled(b, kind)
            )
        )

    def _request(self) -> None:
        self._requested_at = self._clock()
        self._dirty = False
        self.worker.request_built(self._job)

    def _job(self) -> Callable[[], tuple[frozenset[str], dict[str, RegionFigures]]]:
        """The KPI process's job, made when it is sent: copies of the tables' arrays
        (kept current from the store's diffs, each row with its owner), shared by every
        region; the process reads them while the store moves on."""
        store = self._store
        self._counted = counted = self._with_data()
        calls, incidents = self._calls.snapshot(), self._incidents.snapshot()
        snapshots = [
            region_snapshot(store, calls, incidents, b, self._region_zone(b)) for b in self.backends
        ]
        return partial(compare_counted, snapshots, self._targets, counted)

    def _show_counted(self, result: tuple[frozenset[str], dict[str, RegionFigures]]) -> None:
        counted, figures = result
        # a region with no data yet has no figures: a dash, not a live-looking zero
        for backend in self.backends:
            if backend not in counted and backend not in self.figures:
                for cells in self.cells.values():
                    cells[backend].setText(NO_DATA)
                    set_style_state(cells[backend], "verdict", "no_data")
        self._show_figures({b: f for b, f in figures.items() if b in counted})

    def _show_figures(self, figures: dict[str, RegionFigures]) -> None:
        for backend, fig in figures.items():
            if backend not in self.statuses:
                continue
            self.figures[backend] = fig
            for row in self.rows:
                cell = row.cell(fig)
                label = self.cells[row.key][backend]
                label.setText(marked(figure_text(row, cell.value), cell.verdict))
                set_style_state(label, "verdict", cell.verdict)
        if self.isVisible():
            self._fit()  # wider figures (another digit) may need smaller type

    def cell_text(self, key: str, backend: str) -> str:
        """What the wall shows for KPI ``key`` of region ``backend`` (for tests)."""
        return self.cells[key][backend].text()


def _is_region(owner: str | None) -> bool:
    return owner is not None and not is_history_owner(owner)


__all__ = ["ComparisonPanel", "figure_text", "row_goal", "row_name"]
