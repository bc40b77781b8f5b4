"""A real HTTP server on loopback that answers like Resgrid's v4 API, for the source tests.

Our own server, shaped field by field by Resgrid/Core (commit 219cfb9, 2026-08); paths
below are in that repository, ``Web/Resgrid.Web.Services/`` unless they start with
``Core/``. What it reproduces, each where Resgrid does it:

- the envelope ``StandardApiResponseV4Base`` (Models/v4/StandardApiResponseV4Base.cs,
  Helpers/ResponseHelper.cs): ``Status`` "success", or "not_found" with an empty list;
- login (Controllers/v4/ConnectController.cs, password grant): the user is found by
  user NAME (``FindByNameAsync``), never by e-mail; a wrong password, an unknown user or
  a locked account all answer 400 ``invalid_grant`` "The username or password is
  invalid."; ``CheckPasswordSignInAsync(..., lockoutOnFailure: true)`` with Startup.cs's
  Identity options locks the account for 15 minutes after 5 failures (the count starts
  again after a lockout or a good login), and while locked even the right password is
  refused;
- ``Calls/GetActiveCalls`` (Controllers/v4/CallsController.cs): only calls in State 0
  (the repository's SelectAllOpenCallsByDidDateQuery is ``[State] = 0``), newest first,
  each as ``ConvertCall`` fills ``CallResultData`` (Models/v4/Calls/CallResult.cs):
  ``Geolocation`` only (``Latitude``/``Longitude`` stay null), ``DispatchedOnUtc`` only
  for a scheduled call (``Call.DispatchOn``), ``Priority`` the department's own priority
  id when it has its own list;
- ``Calls/GetCallExtraData?callId=`` (CallsController.GetCallExtraData,
  Models/v4/Calls/CallExtraDataResult.cs): ``Dispatches`` (users, groups, units, roles;
  ``Timestamp`` is ``LastDispatchedOn``, unset -- DateTime's default -- for a dispatch
  made when the call was saved) and ``Activity`` (every status a unit or person set on
  the call; a unit's event carries the UnitState row id as ``Id``, the unit's NAME, and
  the state value as ``StatusId``);
- ``CallPriorities/GetAllCallPriorites`` (sic; Controllers/v4/CallPrioritiesController.cs,
  ``ConvertPriorityData``): the department's priorities, or Resgrid's four defaults
  (Core/Resgrid.Services/CallsService.cs ``GetDefaultCallPriorities``: 0 Low .. 3
  Emergency, Sort 0..3);
- ``Statuses/GetAllStatusesForPersonnel`` and ``Statuses/GetAllUnitStatuses``
  (Controllers/v4/StatusesController.cs, Models/v4/Statuses/): each status with its
  ``BaseType`` (Core/Resgrid.Model/ActionBaseTypes.cs); the defaults
  (Core/Resgrid.Services/CustomStateService.cs ``GetDefaultPersonStatuses``,
  ``GetDefaultUnitStatuses``) have ``StateId`` 0 and ``BaseType`` 0, never set;
- ``UnitStatus/GetAllUnitStatuses`` (Controllers/v4/UnitStatusController.cs,
  ``ConvertUnitStatusData``): ``State`` is display text; a unit that never had a state
  is "Unknown" with ``TimestampUtc`` = the time of the request; the position is the
  latest GPS fix when there is one;
- ``UnitLocation/GetLatestUnitLocation?unitId=`` (Controllers/v4/UnitLocationController.cs,
  Models/v4/UnitLocation/UnitLocationResult.cs): the fix with its own ``Timestamp``;
- ``Groups/GetAllGroups``; ``Personnel/GetAllPersonnelInfos`` (Controllers/v4/
  PersonnelController.cs): hidden and disabled members are left out unless the login is
  a department admin -- and nothing in a ``PersonnelInfoResultData`` says who is hidden.

It enforces the bearer token, can expire every token it issued, can answer a path with
raw bytes or an error status, and records each request (path, query, grant, status).
Resgrid's own code is not copied here: these are our records, shaped as it serves them.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN_PATH = "/api/v4/connect/token"
CALLS_PATH = "/api/v4/Calls/GetActiveCalls"
EXTRA_PATH = "/api/v4/Calls/GetCallExtraData"
PRIORITIES_PATH = "/api/v4/CallPriorities/GetAllCallPriorites"
UNITS_PATH = "/api/v4/UnitStatus/GetAllUnitStatuses"
UNIT_LOCATION_PATH = "/api/v4/UnitLocation/GetLatestUnitLocation"
GROUPS_PATH = "/api/v4/Groups/GetAllGroups"
PERSONNEL_PATH = "/api/v4/Personnel/GetAllPersonnelInfos"
PERSON_STATUSES_PATH = "/api/v4/Statuses/GetAllStatusesForPersonnel"
UNIT_STATUSES_PATH = "/api/v4/Statuses/GetAllUnitStatuses"

# Startup.cs: config.Lockout.DefaultLockoutTimeSpan = 15 min, MaxFailedAccessAttempts = 5.
LOCKOUT_S = 15 * 60
MAX_FAILED = 5
# ConnectController.cs: the one description every refused password grant carries.
INVALID_GRANT = {
    "error": "invalid_grant",
    "error_description": "The username or password is invalid.",
}
# Samarinda is WITA (UTC+8): the "local" fields (LoggedOn, Timestamp) are in it.
LOCAL = timedelta(hours=8)
# A DateTime never set, as Newtonsoft writes it (DispatchedEventResultData.Timestamp of a
# dispatch made on save: CallDispatch.LastDispatchedOn is null).
NEVER = "0001-01-01T00:00:00"


def zoneless(at: datetime) -> str:
    """A UTC time as Resgrid writes a DateTime read back from its database (Kind
    Unspecified, so Newtonsoft adds no offset)."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat()


def utc(at: datetime) -> str:
    """A UTC time through Resgrid's UtcDateTimeConverter ("Z")."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


@dataclass(frozen=True)
class Seen:
    path: str
    grant: str | None
    status: int
    query: str = ""


@dataclass
class Account:
    """An Identity user: password, admin or not, and its lockout state (Startup.cs)."""

    password: str
    admin: bool = False
    failed: int = 0
    locked_until: float = 0.0


def call(call_id: int, **fields: Any) -> dict[str, Any]:
    """A CallResultData as ConvertCall fills it (Models/v4/Calls/CallResult.cs,
    CallsController.ConvertCall). ``LoggedOnUtc`` goes through the
    LegacyZonelessUtcDateTimeConverter (no "Z"), ``LoggedOn`` is local time;
    ``DispatchedOn``/``DispatchedOnUtc`` are set only for a scheduled call (``DispatchOn``);
    ``Latitude``/``Longitude`` are declared and never set."""
    logged = fields.pop("logged", datetime(2026, 11, 30, 2, 2, 3, 123456, tzinfo=UTC))
    record = {
        "CallId": str(call_id),
        "Priority": 2,
        "Name": f"Call {call_id}",
        "Nature": "Smoke seen from the second floor",
        "Note": None,  # only when the call has notes
        "Address": "Jl. Pahlawan 12, Samarinda",
        "DestinationPoiId": None,
        "DestinationName": None,
        "DestinationAddress": None,
        "DestinationTypeName": None,
        "DestinationPoiTypeId": None,
        "DestinationLatitude": None,
        "DestinationLongitude": None,
        "Geolocation": "-0.4948,117.1436",  # Call.GeoLocationData: null when not geocoded
        "LoggedOn": zoneless(logged + LOCAL),
        "State": 0,
        "Number": f"26-{call_id}",
        "NotesCount": 0,
        "AudioCount": 0,
        "ImgagesCount": 0,  # sic
        "FileCount": 0,
        "What3Words": None,
        "ContactName": "Budi",
        "ContactInfo": "0812-555-0101",
        "ReferenceId": None,
        "ExternalId": None,
        "IncidentId": None,
        "AudioFileId": None,
        "Type": "Structure Fire",
        "AlarmLevel": 1,  # Math.Max(1, call.AlarmLevel)
        "ActiveRunCardId": None,
        "LoggedOnUtc": zoneless(logged),
        "DispatchedOn": None,
        "DispatchedOnUtc": None,
        "Latitude": None,
        "Longitude": None,
        "Protocols": [],
        "UdfValues": None,  # not filled by ConvertCall
        "CheckInTimersEnabled": False,
    }
    record.update(fields)
    return record


def scheduled(at: datetime) -> dict[str, Any]:
    """The fields ConvertCall sets for a call with ``DispatchOn`` (scheduled dispatch)."""
    return {"DispatchedOnUtc": utc(at), "DispatchedOn": zoneless(at + LOCAL)}


def priority(pid: int, name: str, sort: int, color: str = "#ff0000", **fields: Any) -> dict:
    """A CallPriorityResultData as ConvertPriorityData fills it (Models/v4/CallPriorities/
    CallPriorityResult.cs): DispatchPersonnel, DispatchUnits, ForceNotifyAllPersonnel and
    IsSystemPriority are declared but not copied, so always false."""
    record = {
        "Id": pid,
        "DepartmentId": 1 if fields.get("IsSystemPriority") is None else 0,
        "Name": name,
        "Color": color,
        "Sort": sort,
        "IsDeleted": False,
        "IsDefault": False,
        "DispatchPersonnel": False,
        "DispatchUnits": False,
        "ForceNotifyAllPersonnel": False,
        "Tone": 0,
        "IsSystemPriority": False,
    }
    record.update(fields)
    return record


# CallsService.GetDefaultCallPriorities, as ConvertPriorityData serves them.
DEFAULT_PRIORITIES = [
    {**priority(0, "Low", 0, "#028602"), "DepartmentId": 0},
    {**priority(1, "Medium", 1, "#DBDB2E"), "DepartmentId": 0},
    {**priority(2, "High", 2, "#FF8000"), "DepartmentId": 0},
    {**priority(3, "Emergency", 3, "#FF0000"), "DepartmentId": 0},
]


def status(
    sid: int, text: str, base_type: int = 0, *, kind: int = 1, state_id: int = 0, **fields: Any
) -> dict:
    """A StatusResultData (Models/v4/Statuses/StatusResult.cs) as
    StatusesController.ConvertCustomStatusData fills it: ``Id`` the CustomStateDetailId,
    ``Type`` CustomStateTypes (Personnel 1, Unit 2, Staffing 3), ``StateId`` the
    CustomStateId (0 for Resgrid's built-in defaults), ``BaseType`` an ActionBaseTypes
    value (0 for the defaults: CustomStateService never sets it)."""
    record = {
        "Id": sid,
        "Type": kind,
        "StateId": state_id,
        "Text": text,
        "BColor": "#777",
        "BaseType": base_type,
        "Color": "#ffffff",
        "Gps": False,
        "Note": 0,
        "Detail": 0,
        "IsDeleted": False,  # not copied by ConvertCustomStatusData: always false
    }
    record.update(fields)
    return record


# CustomStateService.GetDefaultPersonStatuses (ids are ActionTypes values).
DEFAULT_PERSON_STATUSES = [
    status(2, "Responding"),
    status(1, "Not Responding"),
    status(3, "On Scene"),
    status(0, "Standing By"),
    status(4, "Available Station"),
    status(5, "Responding to Station"),
    status(6, "Responding to Scene"),
    status(7, "On Unit"),
]
# CustomStateService.GetDefaultUnitStatuses (ids are UnitStateTypes values).
DEFAULT_UNIT_STATUSES = [
    status(5, "Responding", kind=2),
    status(0, "Available", kind=2),
    status(3, "Committed", kind=2),
    status(6, "On Scene", kind=2),
    status(7, "Staging", kind=2),
    status(8, "Returning", kind=2),
    status(4, "Out of Service", kind=2),
]


def unit_type_statuses(unit_type: str, state_id: int, statuses: list[dict]) -> dict:
    """A UnitTypeStatusResultData: a unit type's own status set (its CustomStatesId)."""
    return {"UnitType": unit_type, "StatusId": str(state_id), "Statuses": statuses}


def unit_status(unit_id: int, **fields: Any) -> dict[str, Any]:
    """A UnitStatusResultData as ConvertUnitStatusData fills it (Models/v4/UnitStatus/
    UnitStatusResult.cs): ``TimestampUtc`` with "Z" (UtcDateTimeConverter), ``Timestamp``
    local; ``Latitude``/``Longitude`` decimals, 0 when nothing is known."""
    since = fields.pop("since", datetime(2026, 11, 30, 1, 50, tzinfo=UTC))
    record = {
        "UnitId": str(unit_id),
        "Name": f"Engine {unit_id}",
        "Type": "Engine",
        "State": "Available",
        "StateCss": "",
        "StateStyle": "",
        "Timestamp": zoneless(since + LOCAL),
        "TimestampUtc": utc(since),
        "DestinationId": 0,
        "DestinationType": 0,
        "DestinationName": "",
        "DestinationAddress": "",
        "DestinationTypeName": "",
        "Note": None,
        "Latitude": -0.5,
        "Longitude": 117.15,
        "GroupName": "Station 1",
        "GroupId": 7,
    }
    record.update(fields)
    return record


def stateless_unit(unit_id: int, **fields: Any) -> dict[str, Any]:
    """A unit that never had a state: "Unknown", its time filled in per request (the
    server stamps ``TimestampUtc`` with the request's time: ConvertUnitStatusData's
    ``DateTime.UtcNow``)."""
    return unit_status(
        unit_id, State="Unknown", StateCss="", Latitude=0, Longitude=0, _now=True, **fields
    )


def unit_location(unit_id: int, lat: float, lon: float, at: datetime) -> dict[str, Any]:
    """A UnitLocationResultData as ConvertUnitLocation fills it: numbers as text, the
    fix's own ``Timestamp`` (a stored DateTime: no offset)."""
    return {
        "UnitId": str(unit_id),
        "Timestamp": zoneless(at),
        "Latitude": str(lat),
        "Longitude": str(lon),
        "Accuracy": "12",
        "Altitude": None,
        "AltitudeAccuracy": None,
        "Speed": "0",
        "Heading": None,
    }


def event(
    kind: str, ident: str, name: str, at: datetime | None, status_id: int = 0, **fields: Any
) -> dict[str, Any]:
    """A DispatchedEventResultData (Models/v4/Calls/CallExtraDataResult.cs). ``Timestamp``
    has no converter: a stored time without offset, DateTime's default when unset."""
    record = {
        "Id": ident,
        "Timestamp": NEVER if at is None else zoneless(at),
        "Type": kind,
        "Name": name,
        "GroupId": None,
        "Group": None,
        "Note": None,
        "StatusId": status_id,
        "Location": None,
        "StatusText": None,
        "StatusColor": None,
    }
    record.update(fields)
    return record


def unit_dispatch(unit_id: int, name: str, at: datetime | None = None, group_id: int = 7) -> dict:
    """A unit's entry in ``Dispatches`` (``Id`` = UnitId)."""
    return event("Unit", str(unit_id), name, at, GroupId=str(group_id), Group="Station 1")


def group_dispatch(group_id: int, name: str, at: datetime | None = None) -> dict:
    """A group's entry in ``Dispatches`` (a group dispatch sets no unit status)."""
    return event("Group", str(group_id), name, at, GroupId=str(group_id), Group=name)


def unit_activity(row: int, name: str, at: datetime, state: int, group_id: int = 7) -> dict:
    """A unit status on the call in ``Activity``: ``Id`` the UnitStateId row, ``StatusId``
    the state (UnitStateTypes value or CustomStateDetailId). GetCallExtraData looks the
    text up by the row id (``unitLog.UnitStateId <= 12``), so it is mostly "Unknown"."""
    return event(
        "Unit", str(row), name, at, state, GroupId=str(group_id), Group="Station 1",
        StatusText="Unknown", StatusColor="#ffa500",
    )  # fmt: skip


def extra_data(
    dispatches: list[dict] | None = None,
    activity: list[dict] | None = None,
    prio: dict | None = None,
) -> dict[str, Any]:
    """A CallExtraDataResultData."""
    return {
        "CallFormData": None,
        "Activity": list(activity or []),
        "Dispatches": list(dispatches or []),
        "Priority": prio,
        "Protocols": [],
    }


def group(group_id: int, name: str, type_id: str = "2") -> dict[str, Any]:
    """A GroupResultData as GetAllGroups serves it."""
    return {
        "GroupId": str(group_id),
        "TypeId": type_id,
        "Name": name,
        "Address": "Jl. Basuki Rahmat 1, Samarinda",
        "ParentGroupId": "",
        "Latitude": "",
        "Longitude": "",
        "Geofence": "",
        "GeofenceColor": "",
    }


def person(
    user: int, group_id: str = "7", *, hidden: bool = False, disabled: bool = False, **fields: Any
) -> dict[str, Any]:
    """A PersonnelInfoResultData as ConvertPersonnelInfo fills it (Models/v4/Personnel/
    PersonnelInfoResult.cs): "Standing By" (StatusId 0) and "Available" staffing when the
    person never set either. Timestamps are the department's local time, without offset.
    ``hidden``/``disabled`` are the DepartmentMember flags: not in the record (Resgrid
    never sends them), only used to leave the person out for non-admin logins."""
    record = {
        "UserId": f"6f1c2a3b-0000-4000-8000-{user:012d}",
        "DepartmentId": "1",
        "IdentificationNumber": f"NRP-{user}",
        "FirstName": "Siti",
        "LastName": f"Rahayu {user}",
        "EmailAddress": f"siti{user}@example.id",
        "MobilePhone": "0812-555-0199",
        "GroupId": group_id,
        "GroupName": "Station 1" if group_id == "7" else "",
        "Roles": ["Firefighter"],
        "StatusId": "0",
        "Status": "Standing By",
        "StatusColor": "#000",
        "StatusTimestamp": "2026-11-30T09:40:00",
        "StatusDestinationId": None,
        "StatusDestinationName": None,
        "StaffingId": "0",
        "Staffing": "Available",
        "StaffingColor": "#000",
        "StaffingTimestamp": "2026-11-30T07:00:00",
        "Location": "-0.5012,117.1533",
        "Weight": 9000,
        "UdfValues": None,
        "_member": {"hidden": hidden, "disabled": disabled},
    }
    record.update(fields)
    return record


@dataclass
class Department:
    """What one Resgrid department holds; the server answers from it."""

    calls: list[Any] = field(default_factory=list)  # every state; only State 0 is active
    extra: dict[str, dict] = field(default_factory=dict)  # CallId -> CallExtraDataResultData
    priorities: list[Any] | None = None  # None: the department has none (the defaults)
    units: list[Any] = field(default_factory=list)
    locations: dict[str, dict] = field(default_factory=dict)  # UnitId -> latest fix
    groups: list[Any] = field(default_factory=list)
    personnel: list[Any] = field(default_factory=list)
    person_statuses: list[Any] | None = None  # None: the defaults
    unit_type_statuses: list[Any] = field(default_factory=list)


class ResgridServer:
    """Serves one department on 127.0.0.1; use as a context manager.

    ``username`` is the Identity user NAME the login uses; ``email`` is that user's
    e-mail, which Resgrid's token endpoint does not accept in its place.
    """

    def __init__(
        self,
        username: str = "dispatch.samarinda",
        password: str = "s3cret-pass",
        *,
        email: str = "dispatch@example.id",
        admin: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.username, self.password, self.email = username, password, email
        self.accounts = {username: Account(password, admin)}
        self.clock = clock  # seconds, for the lockout
        self.dept = Department()
        self.raw: dict[str, bytes] = {}  # path -> body served as it is (status 200)
        self.refuse: dict[str, int] = {}  # path -> an error status it answers with
        self.expires_in = 86398  # what the token answer says, as in Resgrid's example
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._access: dict[str, str] = {}  # token -> user name
        self._refresh: dict[str, str] = {}
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.app = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,))
        self._thread.daemon = True
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    # The department's lists, as the tests set them.
    calls = property(lambda s: s.dept.calls, lambda s, v: setattr(s.dept, "calls", v))
    units = property(lambda s: s.dept.units, lambda s, v: setattr(s.dept, "units", v))
    groups = property(lambda s: s.dept.groups, lambda s, v: setattr(s.dept, "groups", v))
    personnel = property(lambda s: s.dept.personnel, lambda s, v: setattr(s.dept, "personnel", v))

    def expire_tokens(self) -> None:
        """Every access token issued so far is refused from now on (refresh tokens stay)."""
        with self._lock:
            self._access.clear()

    def locked(self, username: str | None = None) -> bool:
        account = self.accounts[username or self.username]
        return account.locked_until > self.clock()

    def count(self, path: str, grant: str | None = None, status: int | None = None) -> int:
        with self._lock:
            return sum(
                1
                for s in self.seen
                if s.path == path
                and (grant is None or s.grant == grant)
                and (status is None or s.status == status)
            )

    def queries(self, path: str) -> list[str]:
        with self._lock:
            return [s.query for s in self.seen if s.path == path]

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.cut_connections()
        self._httpd.server_close()

    def __enter__(self) -> ResgridServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answers ---------------------------------------------------------------------

    def _password_ok(self, form: dict[str, str]) -> str | None:
        """ConnectController's password grant: FindByNameAsync, then
        CheckPasswordSignInAsync with lockoutOnFailure. The user name, or None."""
        account = self.accounts.get(form.get("username", ""))
        if account is None:
            return None  # an e-mail address is not a user name: no such user
        now = self.clock()
        if account.locked_until > now:
            return None  # locked out: refused whatever the password
        if form.get("password") == account.password:
            account.failed = 0
            return form["username"]
        account.failed += 1
        if account.failed >= MAX_FAILED:
            account.failed, account.locked_until = 0, now + LOCKOUT_S
        return None

    def token_answer(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        grant = form.get("grant_type")
        with self._lock:
            if grant == "password":
                user = self._password_ok(form)
            elif grant == "refresh_token":
                user = self._refresh.pop(form.get("refresh_token", ""), None)  # one use each
            else:
                return 400, {"error": "unsupported_grant_type"}
            if user is None:
                return 400, dict(INVALID_GRANT)
            access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
            self._access[access] = user
            offline = "offline_access" in form.get("scope", "offline_access")
            if offline:
                self._refresh[refresh] = user
        answer = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "id_token": "eyJ.test.id",
        }
        if offline:
            answer["refresh_token"] = refresh
        return 200, answer

    def user_of(self, header: str | None) -> str | None:
        if not header or not header.startswith("Bearer "):
            return None
        with self._lock:
            return self._access.get(header[len("Bearer ") :])

    def _people(self, user: str) -> list[dict]:
        """GetAllPersonnelInfos: hidden/disabled members only for a department admin."""
        admin = self.accounts[user].admin
        shown = []
        for raw in self.dept.personnel:
            member = raw.get("_member", {}) if isinstance(raw, dict) else {}
            if not admin and (member.get("hidden") or member.get("disabled")):
                continue
            shown.append({k: v for k, v in raw.items() if k != "_member"} if member else raw)
        return shown

    def _units(self) -> list[dict]:
        now = utc(datetime.now(UTC))
        served = []
        for raw in self.dept.units:
            if isinstance(raw, dict) and raw.get("_now"):
                raw = {k: v for k, v in raw.items() if k != "_now"}
                raw["TimestampUtc"], raw["Timestamp"] = now, now[:-1]
            elif isinstance(raw, dict):
                fix = self.dept.locations.get(str(raw.get("UnitId")))
                if fix is not None:  # ConvertUnitStatusData: the latest location wins
                    raw = {**raw, "Latitude": float(fix["Latitude"]),
                           "Longitude": float(fix["Longitude"])}  # fmt: skip
            served.append(raw)
        return served

    def data_answer(
        self, path: str, user: str | None = None, query: dict[str, str] | None = None
    ) -> tuple[int, bytes] | None:
        user = user or self.username
        query = query or {}
        if path in self.refuse:
            return self.refuse[path], b'{"Message": "Authorization has been denied."}'
        if path in self.raw:
            return 200, self.raw[path]
        dept = self.dept
        single = False
        if path == CALLS_PATH:
            active = [c for c in dept.calls if not isinstance(c, dict) or c.get("State") == 0]
            data: Any = sorted(
                active,
                key=lambda c: c.get("LoggedOnUtc", "") if isinstance(c, dict) else "",
                reverse=True,
            )
        elif path == EXTRA_PATH:
            single, data = True, None
            call_id = query.get("callId", "")
            if any(isinstance(c, dict) and c.get("CallId") == call_id for c in dept.calls):
                data = dept.extra.get(call_id, extra_data())
        elif path == PRIORITIES_PATH:
            data = DEFAULT_PRIORITIES if dept.priorities is None else dept.priorities
        elif path == UNITS_PATH:
            data = self._units()
        elif path == UNIT_LOCATION_PATH:
            single, data = True, dept.locations.get(query.get("unitId", ""))
        elif path == GROUPS_PATH:
            data = dept.groups
        elif path == PERSONNEL_PATH:
            data = self._people(user)
        elif path == PERSON_STATUSES_PATH:
            data = DEFAULT_PERSON_STATUSES if dept.person_statuses is None else dept.person_statuses
        elif path == UNIT_STATUSES_PATH:
            data = [unit_type_statuses("0", 0, DEFAULT_UNIT_STATUSES), *dept.unit_type_statuses]
            data[0]["StatusId"] = None
        else:
            return None
        found = data is not None if single else bool(data)
        if path == UNIT_STATUSES_PATH:
            found = bool(dept.unit_type_statuses)  # no unit types: "not_found", defaults in Data
        envelope = {
            "Data": data if single else list(data),
            "PageSize": (1 if found else 0) if single else len(data),
            "Page": 0,
            "Timestamp": utc(datetime.now(UTC)),
            "Version": "v4",
            "Node": "resgrid-api-test",
            "Environment": "Dev",
            "RequestId": "00-test",
            # GetAllPersonnelInfos says "success" even for an empty list.
            "Status": "success" if found or path == PERSONNEL_PATH else "not_found",
            "PreviousPageUrl": None,
            "NextPageUrl": None,
        }
        return 200, json.dumps(envelope).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    app: ResgridServer

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.connections: set[socket.socket] = set()

    def cut_connections(self) -> None:
        for conn in list(self.connections):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.connections.discard(self.connection)

    def log_message(self, *args: object) -> None:
        pass

    def _send(
        self, status: int, body: bytes, path: str, grant: str | None = None, query: str = ""
    ) -> None:
        app = self.server.app
        with app._lock:
            app.seen.append(Seen(path, grant, status, query))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if path.lower() != TOKEN_PATH.lower():
            self._send(404, b"{}", path)
            return
        status, answer = self.server.app.token_answer(form)
        self._send(status, json.dumps(answer).encode(), path, form.get("grant_type"))

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        app = self.server.app
        user = app.user_of(self.headers.get("Authorization"))
        if user is None:
            self._send(401, b"", parts.path, query=parts.query)
            return
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        answer = app.data_answer(parts.path, user, query)
        if answer is None:
            self._send(404, b"{}", parts.path, query=parts.query)
            return
        self._send(*answer, parts.path, query=parts.query)
