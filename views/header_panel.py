"""The wall's header: region, local date and time, and how fresh every source is.

A source that stops answering turns amber (late) then red (stale), and the status line
says in words what is wrong and since when: a silently frozen wall is the one failure
a 112 centre cannot afford. A source whose records of today had to be repaired or
dropped says how many under its chip (the reasons in its tooltip), and a backend whose
clock is off by more than a few seconds says so under its region info chip (a
province: under the backend's chip), so that the centre fixes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from views.fonts import FIGURE_PX, pixel_font
from views.panel_frame import follow_store, plain_label
from views.source_quality import quality_line, quality_tooltip, skew_text
from views.source_status import SourceState, source_states, wall_now
from views.text import local_date, local_time, number, rough_age, zone_abbreviation
from views.theme import set_style_state, style_state
from views.vocabulary import name_of
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.window import local_day
from wallboard.store import FreshnessLevel, Store, StoreDiff

# On a line of its own in table type: two lines at most across the header's left part
_MAX_ERROR_CHARS = 100
_CHIP_COLUMNS = 3
# Narrower than this (a 1280 px screen), the clock and the status line take smaller
# type, so that the region's name, the clock and every chip still fit side by side.
NARROW_PX = 1600

_SYMBOLS = {
    FreshnessLevel.FRESH: "✔",
    FreshnessLevel.LATE: "▲",
    FreshnessLevel.STALE: "✖",
    FreshnessLevel.NEVER: "…",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("HeaderPanel", text)


def _source_name(state: SourceState, several_backends: bool) -> str:
    kind = name_of(state.kind) if state.kind is not None else state.key
    if several_backends and state.kind is not None:
        return f"{state.key.partition('/')[0]}: {kind}"
    return kind


def _chip_text(state: SourceState, name: str, quality: str = "") -> str:
    """ "Calls ✔ 3 s", and under it the data quality when there is something to say
    ("34 repaired · 2 dropped"): two short lines keep the chips' columns narrow."""
    symbol = "✖" if state.alarming else _SYMBOLS[state.level]
    if state.age_s is None:
        text = f"{name} {symbol} " + (_tr("no data") if state.alarming else _tr("waiting"))
    else:
        text = f"{name} {symbol} {rough_age(state.age_s)}"
    return f"{text}\n{quality}" if quality else text


def _chips_of(states: list[SourceState], several: bool) -> list[tuple[str, str, SourceState]]:
    """(chip key, name, state) of each chip: one per source, or with several backends
    (a province: 3 x 6 sources would not fit a 1920 px header) one per backend, showing
    its most alarming source, else its newest data."""
    if not several:
        return [(s.key, _source_name(s, False), s) for s in states]
    groups: dict[str, list[SourceState]] = {}
    for state in states:
        groups.setdefault(state.key.partition("/")[0], []).append(state)
    chips = []
    for backend, group in groups.items():
        worst = max(group, key=lambda s: (s.severity, s.age_s or 0.0))
        if worst.severity == 0:
            worst = min(group, key=lambda s: s.age_s or 0.0)
        chips.append((backend, _source_name(worst, True), worst))
    return chips


_URL = re.compile(r"https?://([^/\s]+)\S*")


def _short_error(error: str, key: str) -> str:
    """The error as the header has room for it (its own line, two at most, read from
    across the room): without the source key the status names, a URL cut to its host."""
    error = _URL.sub(r"\1", error.removeprefix(f"{key}: "))
    if len(error) > _MAX_ERROR_CHARS:
        error = error[: _MAX_ERROR_CHARS - 1] + "…"
    return error


def _clock_chips(keys: list[str]) -> set[str]:
    """The chip of each backend that tells its clock: its region info's (the backend as
    a whole), else its first; with several backends, the backend's own chip."""
    chosen: dict[str, str] = {}
    for key in keys:
        backend, _, kind = key.partition("/")
        if backend not in chosen or kind == FeedKind.INFO.value:
            chosen[backend] = key
    return set(chosen.values())


# Problems an adapter words as a sentence for the people at the wall (the adapter's
# message starts with it, the details follow for the log): shown in the wall's language.
_SENTENCES = (
    # wallboard/sources/resgrid_token.py LOGIN_REFUSED: logins stop until it is fixed
    QT_TRANSLATE_NOOP("SourceProblem", "Resgrid: login refused — check the password"),
)


def _sentence(error: str) -> str | None:
    """The translated sentence a known problem is shown as, or None."""
    for words in _SENTENCES:
        if error.startswith(words) or f": {words}" in error:
            return QCoreApplication.translate("SourceProblem", words)
    return None


def _chip_level(state: SourceState) -> str:
    if state.level is FreshnessLevel.NEVER:
        return "never" if state.alarming else "idle"
    return state.level.value


class HeaderPanel(QWidget):
    """Region name, local date and time (WITA), and the freshness of every source."""

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        region_name: str = "",
        intervals: Mapping[str, float] | None = None,
        note: str = "",
        show_clock: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``note`` leads the status line whatever the sources' state (a replay says so);
        ``show_clock`` false keeps quiet about backends' clocks (a replay's is off by design)."""
        super().__init__(parent)
        self._note = note
        self._show_clock = show_clock
        self.setObjectName("header")
        self._store = store
        self._zone = zone
        self._clock = clock
        self._region_name = region_name
        self._intervals = intervals
        self._chips: dict[str, QLabel] = {}
        self._chip_order: list[str] = []
        self._chip_columns_now = 0
        self.narrow = False  # smaller clock and status: a screen under NARROW_PX wide

        self.region = plain_label("", "title")
        self.date = plain_label("", "caption")
        self.time = plain_label("", "clock")
        self.status = plain_label("", "title")
        self.status.setWordWrap(True)
        # Why the worst source fails, on a line of its own under the status: after the
        # status (source, age, last success, other sources) it was cut off at the
        # label's edge when every source failed, the one thing the room must read.
        self.error = plain_label("", "caption")
        self.error.setWordWrap(True)
        self.error.hide()
        self._chip_grid = QGridLayout()
        self._chip_grid.setHorizontalSpacing(12)
        self._chip_grid.setVerticalSpacing(2)

        # Two lines high, as tall as the clock: region and date, then the status line
        # (which wraps only when something is wrong); every pixel saved goes to panels.
        # The date gives way (clipped) before the clock or the sources do; the region's
        # name never does (it was "Samarir" at 1436 px): a label's minimum is its text.
        self.date.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        place = QHBoxLayout()
        place.setSpacing(16)
        place.addWidget(self.region)
        place.addWidget(self.date, 1, Qt.AlignmentFlag.AlignBottom)
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addLayout(place)
        left.addWidget(self.status)
        left.addWidget(self.error)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(16)
        layout.addLayout(left, 5)
        layout.addWidget(self.time, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(self._chip_grid, 4)

        follow_store(self, store, self._on_changed, self._on_freshness)
        self._show_region()
        self.tick()

    def _on_changed(self, diff: StoreDiff) -> None:
        if diff.regions_changed:
            self._show_region()

    def _on_freshness(self, _key: str) -> None:
        self._show_freshness(
            source_states(self._store, wall_now(self._store, self._clock), self._intervals)
        )

    def _show_region(self) -> None:
        names = sorted({r.name for r in self._store.regions.values()})
        self.region.setText(self._region_name or " · ".join(names) or "—")

    def tick(self) -> None:
        """Re-render what depends on time: the clock and the age of every source."""
        now = self._clock()
        self._show_date(now)
        self.time.setText(f"{local_time(now, self._zone)} {zone_abbreviation(now, self._zone)}")
        self._show_freshness(
            source_states(self._store, wall_now(self._store, self._clock), self._intervals)
        )

    def _show_date(self, now: datetime) -> None:
        """The long date, else the short one, else none: never a date cut in half (it
        gives way to the region's name, the clock and the sources)."""
        room = self.date.contentsRect().width()
        metrics = QFontMetrics(self.date.font())
        for short in (False, True):
            text = local_date(now, self._zone, short=short)
            if metrics.horizontalAdvance(text) <= room:
                break
        else:
            text = ""
        self.date.setText(text)

    def chip_text(self, key: str) -> str:
        """What the wall shows for source ``key`` (for tests and drill-down); with
        several backends, the chip of the source's backend."""
        return self._chip(key).text()

    def chip_tooltip(self, key: str) -> str:
        """The reasons behind a chip's counts, and its backend's clock (for tests)."""
        return self._chip(key).toolTip()

    def _chip(self, key: str) -> QLabel:
        return self._chips.get(key) or self._chips[key.partition("/")[0]]

    def chip_level(self, key: str) -> str:
        return str(style_state(self._chip(key), "level"))

    def _show_freshness(self, states: list[SourceState]) -> None:
        several = len({s.key.partition("/")[0] for s in states}) > 1
        chips = _chips_of(states, several)
        if set(self._chips) != {key for key, _, _ in chips}:
            self._rebuild_chips([key for key, _, _ in chips])
        today = local_day(self._clock(), self._zone)
        clock_chips = _clock_chips([key for key, _, _ in chips])
        for key, name, state in chips:
            chip = self._chips[key]
            counts = self._store.quality.counts(key, *today)
            skew = self._store.clock_skew(state.backend) if self._show_clock else timedelta(0)
            detail = [quality_line(counts), skew_text(skew) if key in clock_chips else ""]
            chip.setText(_chip_text(state, name, " · ".join(d for d in detail if d)))
            chip.setToolTip(quality_tooltip(counts, skew))
            set_style_state(chip, "level", _chip_level(state))
        self._show_status(states, several)

    def _rebuild_chips(self, wanted: list[str]) -> None:
        # Sources appear one by one at start-up; keep the chips we have, drop the gone.
        for key, chip in list(self._chips.items()):
            self._chip_grid.removeWidget(chip)
            if key not in wanted:
                chip.hide()  # deleteLater waits for the event loop; never paint it again
                chip.deleteLater()
                del self._chips[key]
        for key in wanted:
            self._chips[key] = self._chips.get(key) or plain_label("", "chip")
        self._chip_order = list(wanted)
        self._place_chips()

    def _chip_columns(self) -> int:
        """Columns of chips: three (two rows) when the header is wide enough beside the
        region's whole name and the clock, else two (three rows: still as tall as the
        clock); a chip per backend (several backends) is one line each, a column, and
        one column of them on a narrow screen."""
        keys = self._chip_order
        if "/" not in "".join(keys):
            return 1 + len(keys) // 5
        for columns in range(_CHIP_COLUMNS, 1, -1):
            if self._width_for(columns) <= self.width():
                return columns
        return 1

    def _width_for(self, columns: int) -> int:
        """The narrowest the header can be with its chips in ``columns`` columns."""
        margins = self.layout().contentsMargins()
        width = margins.left() + margins.right() + 2 * self.layout().spacing()
        width += self.region.minimumSizeHint().width() + self.time.sizeHint().width()
        chips = [self._chips[k].minimumSizeHint().width() for k in self._chip_order]
        widest = [max(chips[c::columns], default=0) for c in range(columns)]
        return width + sum(widest) + self._chip_grid.horizontalSpacing() * (columns - 1)

    def minimumSizeHint(self) -> QSize:
        """As narrow as one column of chips and the narrow clock allow: given less than
        the three columns need, the header moves its chips to fewer columns and
        shrinks its clock (resizeEvent) instead of pushing the window past its screen."""
        hint = super().minimumSizeHint()
        if "/" in "".join(self._chip_order):
            hint.setWidth(min(hint.width(), self._width_for(1)))
        if not self.narrow:
            shrink = self.time.sizeHint().width() - self._narrow_clock_width()
            hint.setWidth(hint.width() - max(0, shrink))
        return hint

    def _narrow_clock_width(self) -> int:
        text = self.time.text()
        margins = self.time.contentsMargins()
        advance = QFontMetrics(pixel_font(FIGURE_PX, bold=True)).horizontalAdvance(text)
        return advance + margins.left() + margins.right() + 2

    def _set_narrow(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        set_style_state(self.time, "role", "figure" if narrow else "clock")
        set_style_state(self.status, "role", "agency" if narrow else "title")
        self.updateGeometry()

    def _place_chips(self) -> None:
        columns = self._chip_columns()
        self._chip_columns_now = columns
        for chip in self._chips.values():
            self._chip_grid.removeWidget(chip)
        for i, key in enumerate(self._chip_order):
            self._chip_grid.addWidget(self._chips[key], i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_narrow(event.size().width() < NARROW_PX)
        self._show_date(self._clock())
        if self._chip_order and self._chip_columns() != self._chip_columns_now:
            self._place_chips()

    def _show_status(self, states: list[SourceState], several: bool) -> None:
        problems = sorted((s for s in states if s.severity >= 2), key=lambda s: -s.severity)
        self._set_error("", "idle")
        if not states:
            self._set_status(_tr("Waiting for the first data from the backend"))
            set_style_state(self.status, "level", "idle")
            return
        if not problems:
            self._set_status(_tr("✔ All data current"))
            set_style_state(self.status, "level", "fresh")
            return
        worst = problems[0]
        text = f"{_source_name(worst, several)}: {self._problem_text(worst)}"
        if len(problems) > 1:
            text += " " + _tr("(+{0} more sources)").format(number(len(problems) - 1))
        error = worst.freshness.last_error
        if error and worst.freshness.consecutive_failures:
            said = _sentence(error)
            if said:  # a problem people must act on leads the line
                text = f"{said} · {text}"
            else:
                said = _tr("error: {0}").format(_short_error(error, worst.key))
                self._set_error(said, _chip_level(worst))
        self._set_status(text)
        set_style_state(self.status, "level", _chip_level(worst))

    def _set_status(self, text: str) -> None:
        self.status.setText(f"{self._note} · {text}" if self._note else text)

    def _set_error(self, text: str, level: str) -> None:
        if text != self.error.text():
            self.error.setText(text)
            self.error.setVisible(bool(text))
        set_style_state(self.error, "level", level)

    def status_text(self) -> str:
        """The status as the wall shows it: the problem, and on its own line why."""
        error = self.error.text()
        return f"{self.status.text()}\n{error}" if error else self.status.text()

    def _problem_text(self, state: SourceState) -> str:
        last = state.freshness.last_success
        if last is None or state.age_s is None:
            return _tr("✖ NO DATA — never received")
        when = local_time(last, self._zone)
        age = rough_age(state.age_s)
        if state.level is FreshnessLevel.STALE:
            return _tr("✖ DATA STALE {0} — last success {1}").format(age, when)
        return _tr("▲ DATA LATE {0} — last success {1}").format(age, when)


__all__ = ["HeaderPanel"]
