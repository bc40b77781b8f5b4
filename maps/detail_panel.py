"""Drill-down: the clicked incident's or unit's details, read from the store, beside the map.

What is shown is computed by plain functions (``incident_rows`` / ``unit_rows``) from
the store's records, so the page never supplies a word of it: the page only says which
record (backend and id) was clicked. A record's references (its units, its agencies,
a unit's incident) are looked up in its own backend. Every value is plain text. The
panel closes on its button, or by itself after a minute without a new click, so that a
wall is never left covered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from maps.click_channel import MarkerRef
from views.panel_frame import plain_label
from views.text import local_time, rough_age
from views.vocabulary import name_of
from wallboard.model import Incident, IncidentStatus, RecordKey, Unit
from wallboard.store import Store

IDLE_CLOSE_MS = 60_000
PANEL_WIDTH = 460
TEXT_MAX = 400  # a description is the start of a report, not all of it

Rows = list[tuple[str, str]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DetailPanel", text)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


def _age(since: datetime, now: datetime) -> str:
    return rough_age((now - since).total_seconds())


def region_rows(key: RecordKey, store: Store) -> Rows:
    """On a wall of several regions, the region the record belongs to (two regions may
    use the same ids, so the id alone does not say); nothing on a wall of one."""
    if len(store.regions) < 2:
        return []
    region = store.regions.get(key.backend)
    return [(_tr("Region"), region.name if region is not None else key.backend)]


def timeline(incident: Incident, zone: ZoneInfo, *, steps: bool = False) -> list[str]:
    """Each status the incident reached with its time; with ``steps``, the time since the
    step before it ("Dispatched 14:18:00 (+2 min)")."""
    lines, before = [], None
    for status in IncidentStatus:
        at = incident.status_times.get(status)
        if at is None:
            continue
        line = f"{name_of(status)} {local_time(at, zone)}"
        if steps and before is not None:
            line += " " + _tr("(+{0})").format(rough_age((at - before).total_seconds()))
        lines.append(line)
        before = at
    return lines


def call_text(key: RecordKey, incident: Incident, store: Store, zone: ZoneInfo) -> str:
    """The call the incident came from: when it was offered and how long it waited."""
    if not incident.call_id:
        return "–"  # reported another way (an app, SMS): no call
    call = store.calls.get(key.sibling(incident.call_id))
    if call is None:
        return incident.call_id
    text = _tr("{0} offered {1}").format(call.id, local_time(call.offered_at, zone))
    if call.answered_at is not None:
        waited = (call.answered_at - call.offered_at).total_seconds()
        text += "\n" + _tr("answered after {0}").format(rough_age(waited))
    return text


def incident_rows(
    key: RecordKey,
    incident: Incident,
    store: Store,
    zone: ZoneInfo,
    now: datetime,
    *,
    full: bool = False,
) -> Rows:
    """Label/value rows describing the incident ``key``, from the store's records; ``full``
    (the desk) adds the time between steps and the call it came from."""
    place = incident.location
    address = ", ".join(p for p in (place.address, place.kelurahan, place.kecamatan) if p)
    statuses = timeline(incident, zone, steps=full)
    agencies = []
    for aid in incident.agency_ids:
        agency = store.agencies.get(key.sibling(aid))
        agencies.append(agency.name if agency is not None else aid)
    units = []
    for uid in incident.unit_ids:
        unit = store.units.get(key.sibling(uid))
        units.append(f"{unit.call_sign} ({name_of(unit.status)})" if unit else uid)
    rows = [
        *region_rows(key, store),
        (_tr("Category"), name_of(incident.category)),
        (_tr("Priority"), name_of(incident.priority)),
        (_tr("Status"), "\n".join(statuses) or name_of(incident.status)),
        (_tr("Age"), _age(incident.created_at, now)),
        (_tr("Address"), address or "–"),
        (_tr("Agencies"), ", ".join(agencies) or "–"),
        (_tr("Units"), "\n".join(units) or "–"),
    ]
    if full:
        rows.append((_tr("Call"), call_text(key, incident, store, zone)))
    if incident.description:
        rows.append((_tr("Report"), _clip(incident.description)))
    return rows


def unit_rows(key: RecordKey, unit: Unit, store: Store, zone: ZoneInfo, now: datetime) -> Rows:
    """Label/value rows describing the unit ``key``, from the store's records."""
    agency = store.agencies.get(key.sibling(unit.agency_id))
    incident = store.incidents.get(key.sibling(unit.incident_id)) if unit.incident_id else None
    if incident is not None:
        task = f"{incident.id} · {name_of(incident.category)} · {name_of(incident.priority)}"
    else:
        task = unit.incident_id or "–"
    rows = [
        *region_rows(key, store),
        (_tr("Agency"), agency.name if agency else unit.agency_id),
        (_tr("Type"), unit.type or "–"),
        (
            _tr("Status"),
            _tr("{0} since {1}").format(name_of(unit.status), local_time(unit.status_since, zone)),
        ),
        (_tr("Incident"), task),
    ]
    if unit.position is not None:
        rows.append((_tr("Position"), _tr("{0} ago").format(_age(unit.position.at, now))))
    return rows


class DetailPanel(QFrame):
    """Shows one incident or unit from the store; ``show_ref`` opens it, ``close`` hides."""

    closed = Signal()

    def __init__(
        self,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        idle_close_ms: int | None = IDLE_CLOSE_MS,
        full: bool = False,
    ) -> None:
        """``idle_close_ms`` None: open until closed (the desk); ``full``: the desk's rows."""
        super().__init__(parent)
        self.setObjectName("panel")
        if not full:
            self.setFixedWidth(PANEL_WIDTH)
        self._full = full
        self._store = store
        self._zone = zone
        self._clock = clock
        self.ref: MarkerRef | None = None
        self.title = plain_label("", "title")
        self.title.setWordWrap(True)
        self.close_button = QPushButton(_tr("✕ Close"))
        self.close_button.clicked.connect(self.close_details)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        # caption over value, one under the other: long values get the panel's full width
        self._fields = QVBoxLayout()
        self._fields.setSpacing(2)
        self._shown: list[tuple[QLabel, QLabel]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addLayout(self._fields)
        layout.addStretch(1)
        self._idle = QTimer(self, singleShot=True, interval=idle_close_ms or 0)
        self._idle_closes = idle_close_ms is not None
        self._idle.timeout.connect(self.close_details)
        self.hide()

    def show_ref(self, ref: MarkerRef) -> bool:
        """Open on ``ref`` if the store holds it; False (and nothing shown) if it does not."""
        table = self._store.incidents if ref.kind == "incident" else self._store.units
        if ref.key not in table:
            return False
        self.ref = ref
        self.refresh()
        self.show()
        if self._idle_closes:
            self._idle.start()
        return True

    def refresh(self) -> None:
        """Redraw from the store (a changed record, a ticking age); closes if it went."""
        if self.ref is None:
            return
        now = self._clock()
        if self.ref.kind == "incident":
            record = self._store.incidents.get(self.ref.key)
            if record is None:
                self.close_details()
                return
            title = _tr("Incident {0}").format(record.id)
            rows = incident_rows(
                self.ref.key, record, self._store, self._zone, now, full=self._full
            )
        else:
            record = self._store.units.get(self.ref.key)
            if record is None:
                self.close_details()
                return
            title = _tr("Unit {0}").format(record.call_sign)
            rows = unit_rows(self.ref.key, record, self._store, self._zone, now)
        self.title.setText(title)
        self._set_rows(rows)

    def rows(self) -> Rows:
        """The label/value pairs on screen, as the user reads them."""
        return [(name.text(), value.text()) for name, value in self._shown]

    def close_details(self) -> None:
        self._idle.stop()
        was_open = self.ref is not None
        self.ref = None
        self.hide()
        if was_open:
            self.closed.emit()

    def _set_rows(self, rows: Rows) -> None:
        if self.rows() == rows:
            return
        while self._fields.count():
            widget = self._fields.takeAt(0).widget()  # spacings have none
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._shown = []
        for caption, text in rows:
            name = plain_label(caption, "small")
            value = plain_label(text)
            value.setWordWrap(True)
            self._fields.addWidget(name)
            self._fields.addWidget(value)
            self._fields.addSpacing(6)
            self._shown.append((name, value))
