"""A real HTTP server on loopback that answers like Resgrid's v4 API, for the source tests.

Shapes follow what Resgrid documents and serves: the token endpoint of
docs/api/authentication.md (Resgrid/docs), the ``StandardApiResponseV4Base`` envelope
and the ``CallResultData``, ``UnitStatusResultData``, ``GroupResultData`` and
``PersonnelInfoResultData`` records of Resgrid/Core's v4 models. It enforces the bearer
token, can expire every token it issued (as a restart or revocation would), can answer
a path with raw bytes, and records each request (path, grant type, status).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN_PATH = "/api/v4/connect/token"
CALLS_PATH = "/api/v4/Calls/GetActiveCalls"
UNITS_PATH = "/api/v4/UnitStatus/GetAllUnitStatuses"
GROUPS_PATH = "/api/v4/Groups/GetAllGroups"
PERSONNEL_PATH = "/api/v4/Personnel/GetAllPersonnelInfos"


@dataclass(frozen=True)
class Seen:
    path: str
    grant: str | None
    status: int


def call(call_id: int, **fields: Any) -> dict[str, Any]:
    """A CallResultData as GetActiveCalls serves it (LoggedOnUtc without its "Z")."""
    record = {
        "CallId": str(call_id),
        "Priority": 2,
        "Name": f"Call {call_id}",
        "Nature": "Smoke seen from the second floor",
        "Note": "",
        "Address": "Jl. Pahlawan 12, Samarinda",
        "DestinationPoiId": None,
        "DestinationName": None,
        "DestinationAddress": None,
        "DestinationTypeName": None,
        "DestinationPoiTypeId": None,
        "DestinationLatitude": None,
        "DestinationLongitude": None,
        "Geolocation": "-0.4948,117.1436",
        "LoggedOn": "2026-11-30T10:02:03.1234567",
        "State": 0,
        "Number": f"26-{call_id}",
        "NotesCount": 0,
        "AudioCount": 0,
        "ImgagesCount": 0,
        "FileCount": 0,
        "What3Words": "",
        "ContactName": "Budi",
        "ContactInfo": "0812-555-0101",
        "ReferenceId": "",
        "ExternalId": "",
        "IncidentId": "",
        "AudioFileId": "",
        "Type": "Structure Fire",
        "AlarmLevel": 1,
        "ActiveRunCardId": None,
        "LoggedOnUtc": "2026-11-30T02:02:03.1234567",
        "DispatchedOn": None,
        "DispatchedOnUtc": None,
        "Latitude": "-0.4948",
        "Longitude": "117.1436",
        "Protocols": [],
        "UdfValues": [],
        "CheckInTimersEnabled": False,
    }
    record.update(fields)
    return record


def unit_status(unit_id: int, **fields: Any) -> dict[str, Any]:
    """A UnitStatusResultData as GetAllUnitStatuses serves it."""
    record = {
        "UnitId": str(unit_id),
        "Name": f"Engine {unit_id}",
        "Type": "Engine",
        "State": "Available",
        "StateCss": "",
        "StateStyle": "",
        "Timestamp": "2026-11-30T09:50:00",
        "TimestampUtc": "2026-11-30T01:50:00Z",
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


def person(user: int, group_id: str = "7", **fields: Any) -> dict[str, Any]:
    """A PersonnelInfoResultData as GetAllPersonnelInfos serves it (Models/v4/Personnel/
    PersonnelInfoResult.cs; PersonnelController.ConvertPersonnelInfo fills it): the
    standard "Standing By" status (StatusId 0) and "Available" staffing by default.
    Timestamps are the department's local time, without offset."""
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
    }
    record.update(fields)
    return record


class ResgridServer:
    """Serves one department on 127.0.0.1; use as a context manager."""

    def __init__(self, username: str = "dispatch@example.id", password: str = "s3cret") -> None:
        self.username, self.password = username, password
        self.calls: list[Any] = []
        self.units: list[Any] = []
        self.groups: list[Any] = []
        self.personnel: list[Any] = []
        self.raw: dict[str, bytes] = {}  # path -> body served as it is (status 200)
        self.refuse: dict[str, int] = {}  # path -> an error status it answers with
        self.expires_in = 86398  # what the token answer says, as in Resgrid's example
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._access: set[str] = set()
        self._refresh: set[str] = set()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.app = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,))
        self._thread.daemon = True
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def expire_tokens(self) -> None:
        """Every access token issued so far is refused from now on (refresh tokens stay)."""
        with self._lock:
            self._access.clear()

    def count(self, path: str, grant: str | None = None, status: int | None = None) -> int:
        with self._lock:
            return sum(
                1
                for s in self.seen
                if s.path == path
                and (grant is None or s.grant == grant)
                and (status is None or s.status == status)
            )

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

    def token_answer(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        grant = form.get("grant_type")
        with self._lock:
            if grant == "password":
                ok = form.get("username") == self.username and form.get("password") == self.password
            elif grant == "refresh_token":
                ok = form.get("refresh_token") in self._refresh
                self._refresh.discard(form.get("refresh_token"))  # one use each
            else:
                return 400, {"error": "unsupported_grant_type"}
            if not ok:
                return 400, {"error": "invalid_grant", "error_description": "no"}
            access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
            self._access.add(access)
            if "offline_access" in form.get("scope", "offline_access"):
                self._refresh.add(refresh)
        answer = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "id_token": "eyJ.test.id",
        }
        if refresh in self._refresh:
            answer["refresh_token"] = refresh
        return 200, answer

    def authorised(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        with self._lock:
            return header[len("Bearer ") :] in self._access

    def data_answer(self, path: str) -> tuple[int, bytes] | None:
        if path in self.refuse:
            return self.refuse[path], b'{"Message": "Authorization has been denied."}'
        if path in self.raw:
            return 200, self.raw[path]
        data = {
            CALLS_PATH: self.calls,
            UNITS_PATH: self.units,
            GROUPS_PATH: self.groups,
            PERSONNEL_PATH: self.personnel,
        }.get(path)
        if data is None:
            return None
        envelope = {
            "Data": list(data),
            "PageSize": len(data),
            "Timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "Version": "v4",
            "Node": "resgrid-api-test",
            "Environment": "Dev",
            "RequestId": "00-test",
            # GetAllPersonnelInfos says "success" even for an empty list.
            "Status": "success" if data or path == PERSONNEL_PATH else "not_found",
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

    def _send(self, status: int, body: bytes, path: str, grant: str | None = None) -> None:
        self.server.app.seen.append(Seen(path, grant, status))
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
        path = urlsplit(self.path).path
        app = self.server.app
        if not app.authorised(self.headers.get("Authorization")):
            self._send(401, b"", path)
            return
        answer = app.data_answer(path)
        if answer is None:
            self._send(404, b"{}", path)
            return
        self._send(*answer, path)
