"""Records and diffs -> the compact JSON messages the map page applies. Pure Python.

A message is ``{"reset": bool, "upsert_incidents": [...], "remove_incidents": [...],
"upsert_units": [...], "remove_units": [...]}``, each item keyed by ``id`` and holding
only what the page draws. A marker's ``id`` is its record's key as text
(``RecordKey.text``, "backend/id"): two regions' incidents of one id are two markers,
and a click names the one it was. Closed incidents, incidents and units with no
position are removals: the map shows only what is live and placeable. Optional keys:

- ``now`` and ``day_start``: the feed's clock and the start of the region's local day,
  in epoch ms. The page ages incidents (a new one pulses for its first minutes) and
  keeps its heat-map to today's incidents by this clock, not the wall's.
- ``alerts``: the whole list of alerts to draw under the incidents (full replacement;
  ``[]`` clears them), each made by ``alert_item``.

Messages reach the page only as the argument of one fixed function, as a JSON string
literal that cannot become JS source.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, tzinfo

from wallboard.model import AgencyKind, Incident, RecordKey, Unit

LABEL_MAX = 140  # a tooltip line, not the whole report

Message = dict[str, object]


def _epoch_ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def incident_item(key: RecordKey, incident: Incident) -> dict[str, object] | None:
    """What the page draws for one incident, or None when it should not be on the map
    (closed, or without a position: the panel counts those under the map)."""
    if not incident.is_open or not incident.is_placed:
        return None
    return {
        "id": key.text,
        "lat": incident.location.lat,
        "lon": incident.location.lon,
        "category": str(incident.category),
        "priority": int(incident.priority),
        "status": str(incident.status),
        "label": _short(incident.description),
        "place": _short(incident.location.kelurahan or incident.location.kecamatan),
        "since": _epoch_ms(incident.created_at),
    }


def unit_item(
    key: RecordKey, unit: Unit, agency_kind: AgencyKind | None
) -> dict[str, object] | None:
    """What the page draws for one unit, or None when it has no known position."""
    if unit.position is None:
        return None
    return {
        "id": key.text,
        "lat": unit.position.lat,
        "lon": unit.position.lon,
        "kind": str(agency_kind) if agency_kind is not None else "",
        "status": str(unit.status),
        "label": _short(unit.call_sign),
        "since": _epoch_ms(unit.status_since),
    }


ALERT_KINDS = ("quake", "area")
ALERT_SEVERITIES = ("unknown", "minor", "moderate", "severe", "extreme")


def alert_item(
    alert_id: str,
    kind: str,
    lat: float,
    lon: float,
    *,
    radius_m: float = 0.0,
    polygon: Sequence[tuple[float, float]] | None = None,
    magnitude: float | None = None,
    label: str = "",
    severity: str = "minor",
) -> dict[str, object]:
    """One alert as the page draws it, under the incidents.

    Shape: ``{"id": str, "kind": "quake" | "area", "lat": float, "lon": float,
    "radius_m": float, "polygon": [[lat, lon], ...] | None, "magnitude": float | None,
    "label": str, "severity": "unknown" | "minor" | "moderate" | "severe" | "extreme"}``. A quake is
    drawn as its epicentre with "M <magnitude>" and, if ``radius_m`` > 0, the felt
    area's circle; an area as its polygon, else as the circle around (lat, lon). The
    label is backend text: the page shows it with textContent only.
    """
    if kind not in ALERT_KINDS:
        raise ValueError(f"alert {alert_id!r}: kind must be one of {ALERT_KINDS}, not {kind!r}")
    if severity not in ALERT_SEVERITIES:
        raise ValueError(
            f"alert {alert_id!r}: severity must be one of {ALERT_SEVERITIES}, not {severity!r}"
        )
    numbers = [lat, lon, radius_m] + ([magnitude] if magnitude is not None else [])
    if not all(math.isfinite(n) for n in numbers) or radius_m < 0:
        raise ValueError(f"alert {alert_id!r}: position, radius and magnitude must be finite")
    ring = [[float(a), float(b)] for a, b in polygon] if polygon else None
    if ring is not None and len(ring) < 3:
        raise ValueError(f"alert {alert_id!r}: a polygon needs at least 3 corners")
    return {
        "id": alert_id,
        "kind": kind,
        "lat": float(lat),
        "lon": float(lon),
        "radius_m": float(radius_m),
        "polygon": ring,
        "magnitude": None if magnitude is None else float(magnitude),
        "label": _short(label),
        "severity": severity,
    }


class PendingBatch:
    """Changes waiting for the page, coalesced by key: the latest word on each wins.

    ``None`` in a table means "remove". A reset (full sync) drops everything pending
    before it, since the page will be cleared anyway. ``clock`` gives the feed's time
    for the page's incident ages; without it the newest record timestamp seen stands in.
    ``zone`` is the region's time zone (its local day); by default the records' offset.
    """

    def __init__(
        self,
        clock: Callable[[], datetime] | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        self._clock = clock
        self._zone = zone
        self._newest: datetime | None = None
        self._clear()

    def _clear(self) -> None:
        self.reset = False
        self.incidents: dict[str, dict[str, object] | None] = {}
        self.units: dict[str, dict[str, object] | None] = {}
        self.alerts: list[dict[str, object]] | None = None

    def __bool__(self) -> bool:
        return self.reset or bool(self.incidents) or bool(self.units) or self.alerts is not None

    def set_alerts(self, alerts: Iterable[dict[str, object]]) -> None:
        """Replace the alerts the page draws (items from ``alert_item``)."""
        self.alerts = list(alerts)

    def _seen(self, at: datetime) -> None:
        if self._newest is None or at > self._newest:
            self._newest = at

    def feed_now(self) -> datetime | None:
        """The feed's time as this batch knows it (clock, else newest record time)."""
        return self._clock() if self._clock is not None else self._newest

    def add_state(
        self,
        incidents: Mapping[RecordKey, Incident],
        units: Mapping[RecordKey, Unit],
        agency_kinds: Mapping[RecordKey, AgencyKind],
    ) -> None:
        """Replace everything: the page clears and draws exactly this state."""
        self.reset = True
        self.incidents = {}
        self.units = {}
        self.add_changes(incidents.items(), (), units.items(), (), agency_kinds)

    def add_changes(
        self,
        upserted_incidents: Iterable[tuple[RecordKey, Incident]],
        removed_incidents: Iterable[RecordKey],
        upserted_units: Iterable[tuple[RecordKey, Unit]],
        removed_units: Iterable[RecordKey],
        agency_kinds: Mapping[RecordKey, AgencyKind],
    ) -> None:
        """Records by key, and the keys that went; a unit's agency is of its own backend."""
        for key in removed_incidents:
            self.incidents[key.text] = None
        for key in removed_units:
            self.units[key.text] = None
        for key, inc in upserted_incidents:
            self.incidents[key.text] = incident_item(key, inc)
            self._seen(inc.updated_at)
        for key, unit in upserted_units:
            kind = agency_kinds.get(key.sibling(unit.agency_id))
            self.units[key.text] = unit_item(key, unit, kind)
            self._seen(unit.status_since)

    def take(self) -> Message | None:
        """The coalesced message, emptying the batch; None when nothing is pending."""
        if not self:
            return None
        message = build_message(self.incidents, self.units, reset=self.reset)
        now = self.feed_now()
        if now is not None:
            local = now.astimezone(self._zone or now.tzinfo)
            midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
            message["now"] = _epoch_ms(now)
            message["day_start"] = _epoch_ms(midnight)
        if self.alerts is not None:
            message["alerts"] = self.alerts
        self._clear()
        return message


def build_message(
    incidents: Mapping[str, dict[str, object] | None],
    units: Mapping[str, dict[str, object] | None],
    *,
    reset: bool = False,
) -> Message:
    """One message from marker id -> item tables (``None`` = remove); a reset sends no
    removals. Marker ids are ``RecordKey.text``."""
    return {
        "reset": reset,
        "upsert_incidents": [item for item in incidents.values() if item is not None],
        "remove_incidents": [] if reset else [k for k, v in incidents.items() if v is None],
        "upsert_units": [item for item in units.values() if item is not None],
        "remove_units": [] if reset else [k for k, v in units.items() if v is None],
    }


def js_string_literal(text: str) -> str:
    """``text`` as a JS string literal that stays data inside any script or HTML context.

    json.dumps escapes quotes, backslashes and non-ASCII (U+2028/9 included); escaping
    ``<``, ``>`` and ``&`` as well keeps ``</script>`` and ``<!--`` out of the source.
    """
    literal = json.dumps(text, ensure_ascii=True)
    return literal.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def apply_call(message: Message) -> str:
    """The one JS statement that hands a message to the page: a fixed function, data only."""
    return f"window.wb.apply({js_string_literal(json.dumps(message))})"
