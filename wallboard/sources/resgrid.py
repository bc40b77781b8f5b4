"""Resgrid v4 answers mapped onto the native model: pure functions, no network.

Shapes are those Resgrid documents and its API serves (Resgrid/Core, v4 controllers):

- every answer is a ``StandardApiResponseV4Base`` envelope (Models/v4/
  StandardApiResponseV4Base.cs): ``Data``, ``PageSize``, ``Timestamp`` (UTC),
  ``Version``, ``Node``, ``Environment``, ``RequestId``, ``Status`` ("success", or
  "not_found" with an empty ``Data`` when there is nothing: Helpers/ResponseHelper.cs);
- ``GET /api/v4/Calls/GetActiveCalls``: ``Data`` is a list of ``CallResultData``
  (Models/v4/Calls/CallResult.cs, ActiveCallsResult.cs);
- ``GET /api/v4/UnitStatus/GetAllUnitStatuses``: a list of ``UnitStatusResultData``
  (Models/v4/UnitStatus/UnitStatusResult.cs, Controllers/v4/UnitStatusController.cs);
- ``GET /api/v4/Groups/GetAllGroups``: a list of ``GroupResultData``
  (Models/v4/Groups/GroupResult.cs, Controllers/v4/GroupsController.cs);
- ``GET /api/v4/Personnel/GetAllPersonnelInfos``: a list of ``PersonnelInfoResultData``,
  read as head counts per group (:mod:`wallboard.sources.resgrid_personnel`).

The mapping tables below are documented in the README ("Connecting backends and
recording"). A record that cannot be mapped is dropped with a problem that names it;
the rest of the list is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import msgspec

from wallboard.feed import plausibility
from wallboard.feed.decode import Decoded, FeedDecodeError, RecordRejection
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import AgencyList, IncidentPage, UnitList
from wallboard.feed.quality import Problem, RejectReason
from wallboard.model import (
    Agency,
    AgencyKind,
    Caller,
    Incident,
    IncidentCategory,
    IncidentStatus,
    LinkStatus,
    Location,
    Position,
    Priority,
    Unit,
    UnitStatus,
)
from wallboard.sources.versions import Versions

# Ids are prefixed so that a Resgrid call never collides with another backend's record.
CALL_ID_PREFIX = "RG-"
UNIT_ID_PREFIX = "RG-U"
GROUP_ID_PREFIX = "RG-G"
# Units in no group belong to the department itself (GroupId 0 in UnitStatusResultData).
DEPARTMENT_AGENCY_ID = "RG-DEPT"

# CallResultData.Priority: "Low = 0, Medium = 1, High = 2, Emergency = 3" (CallResult.cs;
# Resgrid.Model CallPriority). Resgrid counts up with urgency, the native feed down.
PRIORITIES: dict[int, Priority] = {
    0: Priority.LOW,
    1: Priority.MEDIUM,
    2: Priority.HIGH,
    3: Priority.CRITICAL,
}

# CallResultData.State (Resgrid.Model CallStates): Active 0, Closed 1, Cancelled 2,
# Unfounded 3, Founded 4, Minor 5, Transferred 6, FalseAlarm 7, Pending 8. Active with a
# DispatchedOnUtc is dispatched; Pending (saved, nobody notified yet) is new.
CLOSED_STATES = frozenset({1, 2, 3, 4, 5, 6, 7})
ACTIVE_STATE = 0
PENDING_STATE = 8

# UnitStatusResultData.State is display text: UnitState.ToStateDisplayText() for the
# standard UnitStateTypes (Resgrid.Model/UnitStateTypes.cs, Helpers), or a department's
# custom button text. Unknown texts fall back on keywords, then on out_of_service: a unit
# not known to be available must not be counted as available.
UNIT_STATES: dict[str, UnitStatus] = {
    "available": UnitStatus.AVAILABLE,
    "delayed": UnitStatus.DISPATCHED,
    "unavailable": UnitStatus.OUT_OF_SERVICE,
    "committed": UnitStatus.DISPATCHED,
    "out of service": UnitStatus.OUT_OF_SERVICE,
    "responding": UnitStatus.EN_ROUTE,
    "enroute": UnitStatus.EN_ROUTE,
    "on scene": UnitStatus.ON_SCENE,
    "staging": UnitStatus.ON_SCENE,
    "returning": UnitStatus.RETURNING,
    "cancelled": UnitStatus.RETURNING,
    "released": UnitStatus.RETURNING,
    "manual": UnitStatus.OUT_OF_SERVICE,
    "unknown": UnitStatus.OUT_OF_SERVICE,
}
UNIT_STATE_WORDS: tuple[tuple[frozenset[str], UnitStatus], ...] = (
    (frozenset({"available", "tersedia", "siaga"}), UnitStatus.AVAILABLE),
    (frozenset({"scene", "lokasi", "tkp"}), UnitStatus.ON_SCENE),
    (frozenset({"responding", "route", "enroute", "menuju", "berangkat"}), UnitStatus.EN_ROUTE),
    (frozenset({"returning", "kembali"}), UnitStatus.RETURNING),
    (frozenset({"dispatched", "committed", "assigned", "ditugaskan"}), UnitStatus.DISPATCHED),
)

# Call type, then nature, then name: the first row with a word in the text decides.
# Resgrid call types are each department's own list, so words (English and Indonesian)
# stand in for a fixed code table; nothing matched is "other".
CATEGORY_WORDS: tuple[tuple[IncidentCategory, frozenset[str]], ...] = (
    (IncidentCategory.FIRE, frozenset({"fire", "smoke", "kebakaran", "asap", "karhutla"})),
    (
        IncidentCategory.TRAFFIC_ACCIDENT,
        frozenset({"mva", "mvc", "accident", "crash", "collision", "kecelakaan", "lakalantas"}),
    ),
    (
        IncidentCategory.WATER_RESCUE,
        frozenset({"drowning", "drowned", "tenggelam", "hanyut", "swiftwater"}),
    ),
    (
        IncidentCategory.MEDICAL,
        frozenset(
            {"medical", "ems", "cardiac", "injury", "sick", "unconscious", "medis", "pingsan"}
        ),
    ),
    (
        IncidentCategory.CRIME,
        frozenset({"crime", "theft", "robbery", "assault", "pencurian", "perampokan", "begal"}),
    ),
    (IncidentCategory.FLOOD, frozenset({"flood", "flooding", "banjir"})),
    (IncidentCategory.LANDSLIDE, frozenset({"landslide", "mudslide", "longsor"})),
    (IncidentCategory.FALLEN_TREE, frozenset({"tree", "pohon", "tumbang"})),
    (IncidentCategory.ANIMAL, frozenset({"animal", "snake", "hewan", "ular", "buaya"})),
    (
        IncidentCategory.PUBLIC_ORDER,
        frozenset({"disturbance", "noise", "fight", "riot", "keributan", "tawuran"}),
    ),
    (IncidentCategory.MISSING_PERSON, frozenset({"missing", "hilang"})),
    (IncidentCategory.UTILITY, frozenset({"utility", "power", "electric", "listrik", "pdam"})),
)

# Department groups (stations, organisational groups) become agencies; their kind comes
# from words in the name. Resgrid serves mostly volunteer departments: that is the rest.
AGENCY_WORDS: tuple[tuple[AgencyKind, frozenset[str]], ...] = (
    (AgencyKind.POLICE, frozenset({"police", "polisi", "polres", "polsek", "polresta"})),
    (AgencyKind.FIRE, frozenset({"fire", "damkar", "pemadam", "station"})),
    (AgencyKind.MEDICAL, frozenset({"ems", "ambulance", "medical", "psc", "puskesmas"})),
    (AgencyKind.DISASTER, frozenset({"bpbd", "disaster", "bencana"})),
    (AgencyKind.SEARCH_RESCUE, frozenset({"sar", "basarnas", "rescue"})),
    (AgencyKind.UTILITY, frozenset({"pln", "pdam", "utility"})),
    (AgencyKind.TRANSPORT, frozenset({"dishub", "transport"})),
    (AgencyKind.PUBLIC_ORDER, frozenset({"satpol", "satpolpp"})),
)

_WORD = re.compile(r"[a-z0-9]+")
# .NET writes up to seven fractional digits; Python reads up to six.
_FRACTION = re.compile(r"(\.\d{6})\d+")
_MAX_TEXT = 2000


class RecordProblem(ValueError):
    """One Resgrid record that cannot be mapped, and why."""


def _kind(value: object) -> str:
    """What a bad value is, without quoting it: backend text may be personal data."""
    if value is None or value == "":
        return "nothing"
    return type(value).__name__


def _small(value: object) -> str:
    """A number worth quoting (an out-of-range code), else only its type."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**6:
        return str(value)
    return _kind(value)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def category_of(*texts: str) -> IncidentCategory:
    """The incident category for a call's type, nature and name (first text that matches)."""
    for text in texts:
        words = _words(text)
        if not words:
            continue
        for category, keys in CATEGORY_WORDS:
            if words & keys:
                return category
    return IncidentCategory.OTHER


def unit_status_of(state: str) -> UnitStatus:
    """The native unit status for Resgrid's state text (standard or custom)."""
    text = " ".join(state.lower().split())
    known = UNIT_STATES.get(text)
    if known is not None:
        return known
    words = _words(text)
    for keys, status in UNIT_STATE_WORDS:
        if words & keys:
            return status
    return UnitStatus.OUT_OF_SERVICE


def agency_kind_of(name: str) -> AgencyKind:
    """The agency kind a group's name suggests; volunteer when nothing does."""
    words = _words(name)
    for kind, keys in AGENCY_WORDS:
        if words & keys:
            return kind
    return AgencyKind.VOLUNTEER


def parse_utc(value: object, field: str) -> datetime:
    """A Resgrid UTC timestamp; ``LoggedOnUtc`` comes without its "Z" (Resgrid's
    LegacyZonelessUtcDateTimeConverter), so a time without offset is UTC."""
    if not isinstance(value, str) or not value:
        raise RecordProblem(f"{field}: expected a timestamp, got {_kind(value)}")
    try:
        parsed = datetime.fromisoformat(_FRACTION.sub(r"\1", value.strip()))
    except ValueError:
        raise RecordProblem(f"{field}: not an ISO 8601 timestamp") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _text(raw: dict[str, Any], field: str) -> str:
    value = raw.get(field)
    if value is None:
        return ""
    if isinstance(value, str):
        return value[:_MAX_TEXT]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise RecordProblem(f"{field}: expected text, got {type(value).__name__}")


def _ident(raw: dict[str, Any], field: str) -> str:
    value = _text(raw, field).strip()
    if not value or len(value) > 40:
        raise RecordProblem(f"{field}: expected an id of 1-40 characters")
    return value


def _coordinate(value: object, field: str, limit: float) -> float:
    try:
        number = float(value)  # Resgrid sends these as strings or decimals
    except (TypeError, ValueError):
        raise RecordProblem(f"{field}: not a number") from None
    if not -limit <= number <= limit:
        raise RecordProblem(f"{field}: {number} is outside ±{limit:g}")
    return number


def call_location(raw: dict[str, Any]) -> tuple[float, float]:
    """A call's position: ``Geolocation`` ("lat,lon"), else ``Latitude``/``Longitude``."""
    geo = _text(raw, "Geolocation").strip()
    if geo:
        parts = geo.split(",")
        if len(parts) != 2:
            raise RecordProblem("Geolocation: expected 'lat,lon'")
        lat, lon = parts
    else:
        lat, lon = raw.get("Latitude"), raw.get("Longitude")
        if lat in (None, "") or lon in (None, ""):
            raise RecordProblem("no position: Geolocation, Latitude and Longitude are empty")
    return _coordinate(lat, "latitude", 90.0), _coordinate(lon, "longitude", 180.0)


def call_to_incident(raw: dict[str, Any], region: str) -> Incident:
    """One ``CallResultData`` as an Incident (version 0: see Versions)."""
    call_id = _ident(raw, "CallId")
    priority = raw.get("Priority")
    if isinstance(priority, bool) or priority not in PRIORITIES:
        raise RecordProblem(f"Priority: {_small(priority)} is not one of Resgrid's 0-3")
    state = raw.get("State")
    if isinstance(state, bool) or not isinstance(state, int):
        raise RecordProblem(f"State: expected a number, got {_kind(state)}")
    logged = parse_utc(raw.get("LoggedOnUtc"), "LoggedOnUtc")
    dispatched = None
    if raw.get("DispatchedOnUtc") not in (None, ""):
        dispatched = parse_utc(raw["DispatchedOnUtc"], "DispatchedOnUtc")
    times = {IncidentStatus.NEW: logged}
    if state in CLOSED_STATES:
        status = IncidentStatus.CLOSED
    elif state in (ACTIVE_STATE, PENDING_STATE):
        sent = dispatched is not None and state == ACTIVE_STATE
        status = IncidentStatus.DISPATCHED if sent else IncidentStatus.NEW
    else:
        raise RecordProblem(f"State: {state} is not a Resgrid call state (0-8)")
    if dispatched is not None:
        times[IncidentStatus.DISPATCHED] = dispatched
    lat, lon = call_location(raw)
    name, nature, number = _text(raw, "Name"), _text(raw, "Nature"), _text(raw, "Number")
    contact_name, contact_info = _text(raw, "ContactName"), _text(raw, "ContactInfo")
    caller = Caller(name=contact_name, phone=contact_info) if contact_name or contact_info else None
    description = " - ".join(t for t in (f"{number} {name}".strip(), nature) if t)
    return Incident(
        id=CALL_ID_PREFIX + call_id,
        version=0,
        region=region,
        category=category_of(_text(raw, "Type"), nature, name),
        priority=PRIORITIES[priority],
        status=status,
        status_times=times,
        created_at=logged,
        updated_at=max(times.values()),
        location=Location(lat=lat, lon=lon, address=_text(raw, "Address")),
        description=description,
        caller=caller,
    )


def unit_status_to_unit(raw: dict[str, Any]) -> Unit:
    """One ``UnitStatusResultData`` as a Unit (version 0: see Versions)."""
    unit_id = _ident(raw, "UnitId")
    since = parse_utc(raw.get("TimestampUtc"), "TimestampUtc")
    group = raw.get("GroupId") or 0
    if isinstance(group, bool) or not isinstance(group, int):
        raise RecordProblem(f"GroupId: expected a number, got {_kind(group)}")
    position = None
    lat, lon = raw.get("Latitude"), raw.get("Longitude")
    if lat not in (None, "") and lon not in (None, ""):
        la, lo = _coordinate(lat, "Latitude", 90.0), _coordinate(lon, "Longitude", 180.0)
        # The controller starts both at 0 and keeps them when no location is known.
        if (la, lo) != (0.0, 0.0):
            position = Position(lat=la, lon=lo, at=since)
    incident_id = None
    # DestinationType 2 is a call (Resgrid.Model DestinationEntityTypes: None 0,
    # Station 1, Call 2, Poi 3).
    if raw.get("DestinationType") == 2 and raw.get("DestinationId"):
        incident_id = CALL_ID_PREFIX + str(raw["DestinationId"])
    return Unit(
        id=UNIT_ID_PREFIX + unit_id,
        version=0,
        agency_id=f"{GROUP_ID_PREFIX}{group}" if group else DEPARTMENT_AGENCY_ID,
        call_sign=_text(raw, "Name") or unit_id,
        type=_text(raw, "Type"),
        status=unit_status_of(_text(raw, "State")),
        status_since=since,
        position=position,
        incident_id=incident_id,
    )


def group_to_agency(raw: dict[str, Any], region: str, checked_at: datetime) -> Agency:
    """One ``GroupResultData`` as an Agency; the link is up since the answer came."""
    group_id = _ident(raw, "GroupId")
    name = _text(raw, "Name").strip() or f"Group {group_id}"
    return Agency(
        id=GROUP_ID_PREFIX + group_id,
        version=0,
        kind=agency_kind_of(name),
        name=name,
        short_name=name[:16],
        region=region,
        link=LinkStatus.ONLINE,
        link_checked_at=checked_at,
    )


def department_agency(region: str, checked_at: datetime) -> Agency:
    """The department itself, for its units that belong to no group."""
    return Agency(
        id=DEPARTMENT_AGENCY_ID,
        version=0,
        kind=AgencyKind.VOLUNTEER,
        name=f"Resgrid {region}",
        short_name="Resgrid",
        region=region,
        link=LinkStatus.ONLINE,
        link_checked_at=checked_at,
    )


def envelope(body: bytes, source: str) -> tuple[list[Any], datetime | None]:
    """``Data`` (a list) and ``Timestamp`` of a v4 answer; FeedDecodeError when unusable."""
    try:
        raw = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise FeedDecodeError(source, f"malformed JSON from Resgrid: {str(exc)[:200]}") from None
    if not isinstance(raw, dict):
        raise FeedDecodeError(source, f"expected a v4 envelope object, got {type(raw).__name__}")
    data = raw.get("Data")
    if data is None and raw.get("Status") == "not_found":
        data = []  # nothing active: ResponseHelper.PopulateV4ResponseNotFound
    if not isinstance(data, list):
        problem = "missing `Data`" if data is None else "`Data` is not an array"
        raise FeedDecodeError(source, f"{problem} in the Resgrid answer")
    try:
        stamp = parse_utc(raw.get("Timestamp"), "Timestamp")
    except RecordProblem:
        stamp = None
    return data, stamp


def _raw_id(raw: object, field: str, prefix: str) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get(field), str | int) and raw.get(field) != "":
        return f"{prefix}{raw[field]}"[:64]
    return None


def _map_all(
    items: list[Any],
    convert: Callable[[dict[str, Any]], Any],
    check: Callable[[Any, datetime], Problem | None],
    id_field: str,
    prefix: str,
    feed_now: datetime,
) -> tuple[list[Any], list[RecordRejection]]:
    kept, rejected, seen = [], [], set()
    for index, raw in enumerate(items):
        rid = _raw_id(raw, id_field, prefix)
        try:
            if not isinstance(raw, dict):
                raise RecordProblem(f"expected an object, got {type(raw).__name__}")
            rec = convert(raw)
        except RecordProblem as exc:
            rejected.append(RecordRejection(index, rid, str(exc)))
            continue
        problem = check(rec, feed_now)
        if problem is None and rec.id in seen:
            problem = Problem(RejectReason.INVALID_FIELD, "duplicate id: the first one kept")
        if problem is not None:
            rejected.append(RecordRejection(index, rec.id, problem.text, problem.reason))
            continue
        seen.add(rec.id)
        kept.append(rec)
    return kept, rejected


def decode_page(
    kind: FeedKind,
    body: bytes,
    *,
    region: str,
    source: str,
    feed_now: datetime,
    versions: Versions,
    extra_agencies: Iterable[Agency] = (),
    adjust: Callable[[Any], Any] | None = None,
) -> tuple[Decoded, datetime | None]:
    """A Resgrid answer for ``kind`` as the native page the store applies, and its time.

    Incidents come as a full page (GetActiveCalls lists every active call), so a call
    that leaves the list leaves the wall. ``adjust`` changes each kept record before
    its version is stamped (the adapter adds the units' assignments to incidents, and
    the personnel counts to agencies).
    """
    items, stamp = envelope(body, source)
    now = stamp or feed_now
    if kind is FeedKind.INCIDENTS:
        kept, rejected = _map_all(
            items,
            lambda raw: call_to_incident(raw, region),
            plausibility.incident_problem,
            "CallId",
            CALL_ID_PREFIX,
            now,
        )
        if adjust is not None:
            kept = [adjust(rec) for rec in kept]
        page: object = IncidentPage(items=versions.stamp(kept), cursor="", full=True)
    elif kind is FeedKind.UNITS:
        kept, rejected = _map_all(
            items, unit_status_to_unit, plausibility.unit_problem, "UnitId", UNIT_ID_PREFIX, now
        )
        page = UnitList(items=versions.stamp(kept))
    elif kind is FeedKind.AGENCIES:
        kept, rejected = _map_all(
            items,
            lambda raw: group_to_agency(raw, region, now),
            plausibility.agency_problem,
            "GroupId",
            GROUP_ID_PREFIX,
            now,
        )
        agencies = [*kept, *extra_agencies]
        if adjust is not None:
            agencies = [adjust(rec) for rec in agencies]
        page = AgencyList(items=versions.stamp(agencies))
    else:
        raise ValueError(f"Resgrid serves no {kind.value}")
    return Decoded(page=page, rejected=tuple(rejected)), stamp


__all__ = [
    "AGENCY_WORDS",
    "CATEGORY_WORDS",
    "PRIORITIES",
    "UNIT_STATES",
    "RecordProblem",
    "agency_kind_of",
    "call_to_incident",
    "category_of",
    "decode_page",
    "department_agency",
    "group_to_agency",
    "unit_status_of",
    "unit_status_to_unit",
]
