"""The agencies: one card each, with units by status, open incidents and link state.

Counts are kept per record and adjusted by each diff, so a wall with thousands of
incidents does not recount them all every two seconds. Agencies, units and incidents are
known by their keys (backend, id): a unit's agency is the agency of that id in the unit's
own backend, so two regions' agencies of one id are two cards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Unpack
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from views.agency_card import NAME, AgencyCard, AgencyHeader, row_height
from views.panel_frame import plain_label
from views.source_status import SourceState
from views.store_panel import PanelOptions, StorePanel
from views.text import clock_duration, number
from views.unit_model import SYMBOLS
from views.vocabulary import name_of
from wallboard.feed.kinds import FeedKind
from wallboard.model import Incident, RecordKey, Unit, UnitStatus
from wallboard.store import Store, StoreDiff
from wallboard.units.status_limits import (
    DEFAULT_UNIT_LIMITS,
    UnitLimits,
    longest_running,
    seconds_in_status,
)

_ROW_SPACING = 2
_MIN_ROWS = 3  # what the panel keeps when a crowded screen squeezes it


class _RowsArea(QScrollArea):
    """The rows, clipped at the bottom when there is no room for all (never pushing the
    panels below off the screen); its size hint is every row, its minimum what the panel
    must keep (``minimum_height``)."""

    def __init__(
        self,
        rows: QWidget,
        on_resize: Callable[[], None],
        wanted_height: Callable[[], int],
        minimum_height: Callable[[], int],
    ) -> None:
        super().__init__()
        self._on_resize = on_resize
        self._wanted_height = wanted_height
        self._minimum_height = minimum_height
        self.setWidget(rows)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        rows.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:
        return QSize(self.widget().minimumSizeHint().width(), self._wanted_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.widget().minimumSizeHint().width(), self._minimum_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_resize()


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyPanel", text)


def _agencies_of(key: RecordKey, incident: Incident) -> frozenset[RecordKey]:
    """The agencies an incident is assigned to: named on it or with a unit sent (each of
    the incident's own backend)."""
    ids = set(incident.agency_ids) | {a.agency_id for a in incident.assignments}
    return frozenset(key.sibling(a) for a in ids)


class AgencyPanel(StorePanel):
    """A column of AgencyCard rows under one header, ordered by kind then name.

    ``backend`` shows one region's agencies only, titled with the region's name;
    ``regions`` (several backends' names) groups every agency under its region's name.
    Short of room, the rows' type shrinks first; rows that still do not fit are counted
    in the title (never half shown), unless ``keep_every_row`` (orientation mode: the
    volunteers' row is what delegations come to see), which makes every row, in the
    smaller type, the panel's minimum height.
    """

    KINDS = (FeedKind.AGENCIES, FeedKind.UNITS, FeedKind.INCIDENTS)

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        backend: str | None = None,
        regions: Sequence[str] = (),
        keep_every_row: bool = False,
        limits: UnitLimits = DEFAULT_UNIT_LIMITS,
        **options: Unpack[PanelOptions],
    ) -> None:
        super().__init__(_tr("Agencies"), store, zone, clock, **options)
        self._limits = limits
        # agency key -> its busy unit longest in status
        self._longest: dict[RecordKey, Unit] = {}
        self._keep_every_row = keep_every_row
        self._compact = False
        self._shown: list[QWidget] = []  # headings and cards in order, as fitted now
        self._order: list[QWidget] = []  # headings and cards in order
        self.title.hide()  # said in the column header's first cell: one line less
        self.backend = backend
        self._regions = tuple(regions) if backend is None and len(regions) > 1 else ()
        self.headings: dict[str, QWidget] = {}
        self.cards: dict[RecordKey, AgencyCard] = {}
        self._unit_of: dict[RecordKey, tuple[RecordKey, UnitStatus]] = {}
        self._unit_counts: dict[RecordKey, Counter[UnitStatus]] = {}
        self._incident_of: dict[RecordKey, frozenset[RecordKey]] = {}
        self._incident_counts: Counter[RecordKey] = Counter()
        self.header = AgencyHeader()
        rows = QWidget()
        rows.setObjectName("agencyRows")
        self._rows = QVBoxLayout(rows)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(_ROW_SPACING)
        self._rows.addStretch(1)
        self.rows_area = _RowsArea(
            rows, self._fit_rows, lambda: self._rows_height(False), self._minimum_height
        )
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addWidget(self.header)
        outer.addWidget(self.rows_area, 1)

        self._count_units(store.units)
        self._count_incidents(store.incidents)
        self._longest = longest_running(store.units)
        self._place_cards()
        self.follow()

    def alarming_source(self, states: list[SourceState]) -> SourceState | None:
        if self.backend is not None:  # one region's panel: only its own sources count
            states = [s for s in states if s.key.partition("/")[0] == self.backend]
        return super().alarming_source(states)

    def _on_changed(self, diff: StoreDiff) -> None:
        touched: set[RecordKey] = set()
        if not diff.units.is_empty:
            touched |= self._count_units(diff.units.added | diff.units.changed | diff.units.removed)
            self._longest = longest_running(self._store.units)
            self._show_longest()
        if not diff.incidents.is_empty:
            d = diff.incidents
            touched |= self._count_incidents(d.added | d.changed | d.removed)
        if not diff.agencies.is_empty or diff.regions_changed:
            self._place_cards()
            return
        for agency in touched:
            self._show_counts(agency)

    def _count_units(self, keys: Iterable[RecordKey]) -> set[RecordKey]:
        touched = set()
        units = self._store.units
        for key in keys:
            old = self._unit_of.pop(key, None)
            if old is not None:
                self._unit_counts[old[0]][old[1]] -= 1
                touched.add(old[0])
            unit = units.get(key)
            if unit is not None:
                agency = key.sibling(unit.agency_id)
                self._unit_of[key] = (agency, unit.status)
                self._unit_counts.setdefault(agency, Counter())[unit.status] += 1
                touched.add(agency)
        return touched

    def _count_incidents(self, keys: Iterable[RecordKey]) -> set[RecordKey]:
        touched: set[RecordKey] = set()
        incidents = self._store.incidents
        for key in keys:
            old = self._incident_of.pop(key, frozenset())
            self._incident_counts.subtract(old)
            touched |= old
            incident = incidents.get(key)
            if incident is not None and incident.is_open:
                now = _agencies_of(key, incident)
                self._incident_of[key] = now
                self._incident_counts.update(now)
                touched |= now
        return touched

    def tick(self) -> None:
        """Once a second: the longest-running units' times run on."""
        self._show_longest()
        super().tick()

    def _show_longest(self) -> None:
        now = self._clock()
        for agency, card in self.cards.items():
            unit = self._longest.get(agency)
            if unit is None:
                card.show_longest("", "", "ok")
                continue
            seconds = seconds_in_status(unit, now)
            level = self._limits.level(unit.status, seconds)
            timer = f"{SYMBOLS[level]}{clock_duration(seconds)}"
            card.show_longest(unit.call_sign, timer, level.value)
            card.longest.setToolTip(f"{unit.call_sign} · {name_of(unit.status)}")

    def _show_counts(self, agency: RecordKey) -> None:
        card = self.cards.get(agency)
        if card is not None:
            units = self._unit_counts.get(agency, Counter())
            card.show_counts(units, self._incident_counts.get(agency, 0))

    def region_title(self, backend: str) -> str:
        """The name a region goes by: the one its backend reports, else the backend's."""
        region = self._store.regions.get(backend)
        return region.name if region is not None else backend

    def _region_order(self) -> dict[str, int]:
        """Backend -> its region's place, for a panel of one region or grouped ones."""
        backends = (self.backend,) if self.backend is not None else self._regions
        return {backend: n for n, backend in enumerate(backends)}

    def _place_headings(self) -> dict[int, QWidget]:
        """One heading per region of a grouped panel (its name), by the region's place."""
        for heading in self.headings.values():
            self._rows.removeWidget(heading)
        placed = {}
        for n, backend in enumerate(self._regions):
            heading = self.headings.get(backend)
            if heading is None:
                heading = self.headings[backend] = plain_label("", "title")
            heading.setText(self.region_title(backend))
            placed[n] = heading
        return placed

    def _place_cards(self) -> None:
        region_of = self._region_order()
        agencies = list(self._store.agencies.items())
        if self.backend is not None:
            agencies = [(k, a) for k, a in agencies if k.backend == self.backend]
        last = len(self._regions)  # a grouped panel's agencies of no known region: last
        agencies.sort(
            key=lambda ka: (
                region_of.get(ka[0].backend, last),
                list(type(ka[1].kind)).index(ka[1].kind),
                ka[1].short_name,
                ka[0],
            )
        )
        for card in self.cards.values():
            self._rows.removeWidget(card)
        headings = self._place_headings()
        gone = set(self.cards) - {k for k, _ in agencies}
        for key in gone:
            card = self.cards.pop(key)
            card.hide()
            card.deleteLater()
        self._order = []
        for key, agency in agencies:
            heading = headings.pop(region_of.get(key.backend, last), None)
            if heading is not None:
                self._rows.insertWidget(self._rows.count() - 1, heading)
                heading.show()
                self._order.append(heading)
            card = self.cards.get(key)
            if card is None:
                card = self.cards[key] = AgencyCard(agency)
            else:
                card.show_agency(agency)
            self._rows.insertWidget(self._rows.count() - 1, card)  # above the stretch
            self._order.append(card)
            self._show_counts(key)
        for heading in headings.values():  # a region with no agency (yet): no heading
            heading.hide()
        # The personnel column only when some agency here has staffing figures.
        staffed = any(a.personnel is not None for _, a in agencies)
        self.header.show_personnel_column(staffed)
        for card in self.cards.values():
            card.show_personnel_column(staffed)
        self.rows_area.updateGeometry()
        self._show_longest()
        self._fit_rows()

    def _rows_height(self, compact: bool) -> int:
        """The height every row (and region heading) takes, in full or smaller type."""
        cards = sum(1 for w in self._order if isinstance(w, AgencyCard))
        headings = [w for w in self._order if not isinstance(w, AgencyCard)]
        height = cards * (row_height(compact) + _ROW_SPACING)
        height += sum(h.sizeHint().height() + _ROW_SPACING for h in headings)
        return max(0, height - _ROW_SPACING)

    def _minimum_height(self) -> int:
        if self._keep_every_row:
            return self._rows_height(True)
        return _MIN_ROWS * (row_height(True) + _ROW_SPACING)

    def _fit_rows(self) -> None:
        """Shrink the type when the rows do not all fit, then show only whole rows."""
        if self._keep_every_row:
            # An explicit minimum: a screen's grid lays panels with a word-wrapped caption
            # (orientation mode) out by height-for-width, where the panel's own minimum
            # size hint does not hold, and the rows below would be squeezed out.
            self.rows_area.setMinimumHeight(self._minimum_height())
            self.setMinimumHeight(self.minimumSizeHint().height())
        room = self.rows_area.viewport().height()
        compact = self._rows_height(False) > room
        self._compact = compact
        for card in self.cards.values():
            card.set_compact(compact)
        used, shown, full = 0, [], False
        for widget in self._order:  # in order: after the first row that does not fit, none
            if isinstance(widget, AgencyCard):
                height = row_height(compact)
            else:
                height = widget.sizeHint().height()
            full = full or used + height > room
            widget.setVisible(not full)
            if not full:
                used += height + _ROW_SPACING
                shown.append(widget)
        # a region's heading with none of its rows below it says nothing: hide it
        while shown and not isinstance(shown[-1], AgencyCard):
            shown.pop().hide()
        self._shown = shown
        self._show_hidden_count()

    @property
    def compact(self) -> bool:
        """Whether the rows are in the smaller type now, for want of room."""
        return self._compact

    def rows_shown(self) -> int:
        """How many agency rows are shown whole in the panel as it is sized now."""
        return sum(1 for w in self._shown if isinstance(w, AgencyCard))

    def _show_hidden_count(self) -> None:
        # Rows that do not fit are said in the title, never silently dropped.
        hidden = len(self.cards) - self.rows_shown()
        title = _tr("Agencies") if self.backend is None else self.region_title(self.backend)
        if hidden > 0:
            title = _tr("{0} ▼ +{1} more").format(title, number(hidden))
        self.header.captions[NAME].setText(title)


__all__ = ["AgencyPanel"]
