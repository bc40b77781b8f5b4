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
  read as head counts per group (:mod:`wallboard.sources.resgrid_personnel`);
- priorities, statuses by base type and each call's extra data: their own modules
  (``resgrid_priorities``, ``resgrid_statuses``, ``resgrid_assignments``).

The mapping tables are documented in docs/resgrid.md. A record that cannot be mapped
is dropped with a problem that names it; the rest of the list is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import msgspec

from wallboard.feed import plausibility
from wallboard.feed.decode import FeedDecodeError, RecordRejection
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
    Unit,
    UnitStatus,
)
from wallboard.sources.resgrid_priorities import DEFAULTS as _DEFAULT_PRIORITIES
from wallboard.sources.resgrid_priorities import PriorityTable
from wallboard.sources.resgrid_statuses import FREE, UnitStatuses
from wallboard.sources.versions import Versions

_DEFAULT_PRIORITY_NAMES = frozenset(name.lower() for name, _ in _DEFAULT_PRIORITIES.values())

# Ids are prefixed so that a Resgrid call never collides with another backend's record.
CALL_ID_PREFIX = "RG-"
UNIT_ID_PREFIX = "RG-U"
GROUP_ID_PREFIX = "RG-G"
# Units in no group belong to the department itself (GroupId 0 in UnitStatusResultData).
DEPARTMENT_AGENCY_ID = "RG-DEPT"

# CallResultData.State (Core/Resgrid.Model/CallStates.cs): Active 0, Closed 1, Cancelled 2,
# Unfounded 3, Founded 4, Minor 5 -- nothing else exists. GetActiveCalls lists State 0
# only (the repository's SelectAllOpenCallsByDidDateQuery): a call that is closed leaves
# the list, and the adapter closes it at the time it left.
ACTIVE_STATE = 0
CLOSED_STATES = frozenset({1, 2, 3, 4, 5})

# Units, personnel: statuses by base type (wallboard.sources.resgrid_statuses).
# Priorities: the department's own list (wallboard.sources.resgrid_priorities).

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


def call_location(raw: dict[str, Any]) -> tuple[float | None, float | None]:
    """A call's position from ``Geolocation`` ("lat,lon"): ``ConvertCall`` fills nothing
    else (``Latitude``/``Longitude`` are declared and never set: CallsController.cs), and
    a call whose address did not geocode has none. Then, or when it is not a usable
    "lat,lon" (or is 0,0), the call has no position: listed, counted, not on the map."""
    geo = _text(raw, "Geolocation").strip()
    if not geo:
        lat, lon = raw.get("Latitude"), raw.get("Longitude")  # declared: read if ever set
        if lat in (None, "") or lon in (None, ""):
            return None, None
    else:
        parts = geo.split(",")
        if len(parts) != 2:
            return None, None
        lat, lon = parts
    try:
        place = _coordinate(lat, "latitude", 90.0), _coordinate(lon, "longitude", 180.0)
    except RecordProblem:
        return None, None
    return (None, None) if place == (0.0, 0.0) else place


def call_to_incident(
    raw: dict[str, Any], region: str, priorities: PriorityTable, feed_now: datetime
) -> Incident:
    """One ``CallResultData`` as an Incident (version 0: see Versions).

    ``DispatchedOnUtc`` is a scheduled dispatch (``Call.DispatchOn``): in the past it is
    the dispatch time; in the future the call is new, waiting for it. Ordinary calls'
    dispatch times, and everything after, come from the call's extra data
    (wallboard.sources.resgrid_assignments)."""
    call_id = _ident(raw, "CallId")
    pid = raw.get("Priority")
    if isinstance(pid, bool) or not isinstance(pid, int):
        raise RecordProblem(f"Priority: expected a number, got {_kind(pid)}")
    priority, priority_name, _known = priorities.lookup(pid)
    state = raw.get("State")
    if isinstance(state, bool) or not isinstance(state, int):
        raise RecordProblem(f"State: expected a number, got {_kind(state)}")
    if state != ACTIVE_STATE and state not in CLOSED_STATES:
        raise RecordProblem(f"State: {_small(state)} is not a Resgrid call state (0-5)")
    logged = parse_utc(raw.get("LoggedOnUtc"), "LoggedOnUtc")
    times = {IncidentStatus.NEW: logged}
    status = IncidentStatus.CLOSED if state in CLOSED_STATES else IncidentStatus.NEW
    if raw.get("DispatchedOnUtc") not in (None, ""):
        scheduled = parse_utc(raw["DispatchedOnUtc"], "DispatchedOnUtc")
        if scheduled <= feed_now and status is IncidentStatus.NEW:
            times[IncidentStatus.DISPATCHED] = max(scheduled, logged)
            status = IncidentStatus.DISPATCHED
    lat, lon = call_location(raw)
    name, nature, number = _text(raw, "Name"), _text(raw, "Nature"), _text(raw, "Number")
    contact_name, contact_info = _text(raw, "ContactName"), _text(raw, "ContactInfo")
    caller = Caller(name=contact_name, phone=contact_info) if contact_name or contact_info else None
    description = " - ".join(t for t in (f"{number} {name}".strip(), nature) if t)
    if priority_name and priority_name.lower() not in _DEFAULT_PRIORITY_NAMES:
        # A department's own priority: its name, as Resgrid's own board shows it.
        description = f"{priority_name} · {description}" if description else priority_name
    return Incident(
        id=CALL_ID_PREFIX + call_id,
        version=0,
        region=region,
        category=category_of(_text(raw, "Type"), nature, name),
        priority=priority,
        status=status,
        status_times=times,
        created_at=logged,
        updated_at=max(times.values()),
        location=Location(lat=lat, lon=lon, address=_text(raw, "Address")),
        description=description,
        caller=caller,
    )


def is_waiting(raw: dict[str, Any], feed_now: datetime) -> bool:
    """Whether the call is scheduled for a dispatch still to come."""
    try:
        return parse_utc(raw.get("DispatchedOnUtc"), "DispatchedOnUtc") > feed_now
    except RecordProblem:
        return False


def unit_status_to_unit(raw: dict[str, Any], statuses: UnitStatuses) -> Unit:
    """One ``UnitStatusResultData`` as a Unit (version 0: see Versions).

    ``State`` is the status's text: Resgrid's own (UnitStateTypes) or the unit type's
    custom status, read by its base type. ``TimestampUtc`` is when the state was set
    (the time of the request for a unit that never had one: the adapter keeps the first).
    ``Latitude``/``Longitude`` are the latest GPS fix (0, 0 when none); the adapter gives
    the fix its own time."""
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
    status = statuses.of_text(_text(raw, "State"), _text(raw, "Type"))
    incident_id = None
    # DestinationType 2 is a call (Resgrid.Model DestinationEntityTypes: None 0,
    # Station 1, Call 2, Poi 3). A released or available unit keeps pointing at its last
    # call (CallDispatchStatusService sets "Released" with the call as destination): it
    # works the call only while its status says it is on its way or there.
    working = status not in FREE and status is not UnitStatus.RETURNING
    if raw.get("DestinationType") == 2 and raw.get("DestinationId") and working:
        incident_id = CALL_ID_PREFIX + str(raw["DestinationId"])
    return Unit(
        id=UNIT_ID_PREFIX + unit_id,
        version=0,
        agency_id=f"{GROUP_ID_PREFIX}{group}" if group else DEPARTMENT_AGENCY_ID,
        call_sign=_text(raw, "Name") or unit_id,
        type=_text(raw, "Type"),
        status=status,
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


def envelope(body: bytes, source: str, *, single: bool = False) -> tuple[Any, datetime | None]:
    """``Data`` and ``Timestamp`` of a v4 answer; FeedDecodeError when unusable.

    ``Data`` is a list, or with ``single`` one object (None when Resgrid found nothing:
    ``Status`` "not_found", Helpers/ResponseHelper.cs)."""
    try:
        raw = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise FeedDecodeError(source, f"malformed JSON from Resgrid: {str(exc)[:200]}") from None
    if not isinstance(raw, dict):
        raise FeedDecodeError(source, f"expected a v4 envelope object, got {type(raw).__name__}")
    data = raw.get("Data")
    try:
        stamp = parse_utc(raw.get("Timestamp"), "Timestamp")
    except RecordProblem:
        stamp = None
    if single:
        if data is None or raw.get("Status") == "not_found":
            return None, stamp
        if not isinstance(data, dict):
            raise FeedDecodeError(source, "`Data` is not an object in the Resgrid answer")
        return data, stamp
    if data is None and raw.get("Status") == "not_found":
        data = []  # nothing active: ResponseHelper.PopulateV4ResponseNotFound
    if not isinstance(data, list):
        problem = "missing `Data`" if data is None else "`Data` is not an array"
        raise FeedDecodeError(source, f"{problem} in the Resgrid answer")
    return data, stamp


def _raw_id(raw: object, field: str, prefix: str) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get(field), str | int) and raw.get(field) != "":
        return f"{prefix}{raw[field]}"[:64]
    return None


def map_all(
    items: list[Any],
    convert: Callable[[dict[str, Any]], Any],
    check: Callable[[Any, datetime], Problem | None],
    id_field: str,
    prefix: str,
    feed_now: datetime,
) -> tuple[list[Any], list[RecordRejection]]:
    """Each item converted and checked; a record that cannot be used is a rejection
    that names it, the rest are kept."""
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


def map_units(
    items: list[Any], statuses: UnitStatuses, feed_now: datetime
) -> tuple[list[Unit], list[RecordRejection]]:
    """GetAllUnitStatuses' ``Data`` as units."""
    return map_all(
        items,
        lambda raw: unit_status_to_unit(raw, statuses),
        plausibility.unit_problem,
        "UnitId",
        UNIT_ID_PREFIX,
        feed_now,
    )


def map_calls(
    items: list[Any], region: str, priorities: PriorityTable, feed_now: datetime
) -> tuple[list[Incident], list[RecordRejection]]:
    """GetActiveCalls' ``Data`` as incidents (before their extra data)."""
    return map_all(
        items,
        lambda raw: call_to_incident(raw, region, priorities, feed_now),
        plausibility.incident_problem,
        "CallId",
        CALL_ID_PREFIX,
        feed_now,
    )


def map_groups(
    items: list[Any], region: str, feed_now: datetime
) -> tuple[list[Agency], list[RecordRejection]]:
    """GetAllGroups' ``Data`` as agencies."""
    return map_all(
        items,
        lambda raw: group_to_agency(raw, region, feed_now),
        plausibility.agency_problem,
        "GroupId",
        GROUP_ID_PREFIX,
        feed_now,
    )


def page_of(kind: FeedKind, records: list[Any], versions: Versions) -> object:
    """The native page the store applies: incidents as a full page (every active call,
    and the calls the adapter closed), units and agencies as lists."""
    if kind is FeedKind.INCIDENTS:
        return IncidentPage(items=versions.stamp(records), cursor="", full=True)
    if kind is FeedKind.UNITS:
        return UnitList(items=versions.stamp(records))
    if kind is FeedKind.AGENCIES:
        return AgencyList(items=versions.stamp(records))
    raise ValueError(f"Resgrid serves no {kind.value}")


__all__ = [
    "AGENCY_WORDS",
    "CATEGORY_WORDS",
    "CLOSED_STATES",
    "RecordProblem",
    "agency_kind_of",
    "call_to_incident",
    "category_of",
    "department_agency",
    "envelope",
    "group_to_agency",
    "is_waiting",
    "map_calls",
    "map_groups",
    "map_units",
    "page_of",
    "unit_status_to_unit",
]
