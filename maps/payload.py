"""Records and diffs -> the compact JSON messages the map page applies. Pure Python.

A message is ``{"reset": bool, "upsert_incidents": [...], "remove_incidents": [...],
"upsert_units": [...], "remove_units": [...]}``, each item keyed by ``id`` and holding
only what the page draws. Closed incidents and units with no position are removals:
the map shows only what is live and placeable. Messages reach the page only as the
argument of one fixed function, as a JSON string literal that cannot become JS source.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime

from wallboard.model import AgencyKind, Incident, Unit

LABEL_MAX = 140  # a tooltip line, not the whole report

Message = dict[str, object]


def _epoch_ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def incident_item(incident: Incident) -> dict[str, object] | None:
    """What the page draws for one incident, or None when it should not be on the map."""
    if not incident.is_open:
        return None
    return {
        "id": incident.id,
        "lat": incident.location.lat,
        "lon": incident.location.lon,
        "category": str(incident.category),
        "priority": int(incident.priority),
        "status": str(incident.status),
        "label": _short(incident.description),
        "place": _short(incident.location.kelurahan or incident.location.kecamatan),
        "since": _epoch_ms(incident.created_at),
    }


def unit_item(unit: Unit, agency_kind: AgencyKind | None) -> dict[str, object] | None:
    """What the page draws for one unit, or None when it has no known position."""
    if unit.position is None:
        return None
    return {
        "id": unit.id,
        "lat": unit.position.lat,
        "lon": unit.position.lon,
        "kind": str(agency_kind) if agency_kind is not None else "",
        "status": str(unit.status),
        "label": _short(unit.call_sign),
        "since": _epoch_ms(unit.status_since),
    }


class PendingBatch:
    """Changes waiting for the page, coalesced by id: the latest word on each id wins.

    ``None`` in a table means "remove". A reset (full sync) drops everything pending
    before it, since the page will be cleared anyway.
    """

    def __init__(self) -> None:
        self.reset = False
        self.incidents: dict[str, dict[str, object] | None] = {}
        self.units: dict[str, dict[str, object] | None] = {}

    def __bool__(self) -> bool:
        return self.reset or bool(self.incidents) or bool(self.units)

    def add_state(
        self,
        incidents: Iterable[Incident],
        units: Iterable[Unit],
        agency_kinds: Mapping[str, AgencyKind],
    ) -> None:
        """Replace everything: the page clears and draws exactly this state."""
        self.reset = True
        self.incidents = {}
        self.units = {}
        self.add_changes(incidents, (), units, (), agency_kinds)

    def add_changes(
        self,
        upserted_incidents: Iterable[Incident],
        removed_incident_ids: Iterable[str],
        upserted_units: Iterable[Unit],
        removed_unit_ids: Iterable[str],
        agency_kinds: Mapping[str, AgencyKind],
    ) -> None:
        for rid in removed_incident_ids:
            self.incidents[rid] = None
        for rid in removed_unit_ids:
            self.units[rid] = None
        for inc in upserted_incidents:
            self.incidents[inc.id] = incident_item(inc)
        for unit in upserted_units:
            self.units[unit.id] = unit_item(unit, agency_kinds.get(unit.agency_id))

    def take(self) -> Message | None:
        """The coalesced message, emptying the batch; None when nothing is pending."""
        if not self:
            return None
        message = build_message(self.incidents, self.units, reset=self.reset)
        self.__init__()
        return message


def build_message(
    incidents: Mapping[str, dict[str, object] | None],
    units: Mapping[str, dict[str, object] | None],
    *,
    reset: bool = False,
) -> Message:
    """One message from id -> item tables (``None`` = remove); a reset sends no removals."""
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
