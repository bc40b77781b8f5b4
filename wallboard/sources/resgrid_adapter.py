"""The Resgrid source: which v4 endpoints make each kind, read with the bearer token.

Every request goes through one step (``_read``: token, GET through the poller's
session and caps, one new login after a 401, the v4 envelope decoded); answers are
mapped by the pure functions of :mod:`wallboard.sources.resgrid` and its sibling
modules. Resgrid has no call queue, call records or region description, so a Resgrid
backend serves incidents, units and agencies; and its region (map extent, time zone)
when the configuration names one. What each kind reads (Resgrid/Core
``Web/Resgrid.Web.Services/Controllers/v4``):

- incidents: ``Calls/GetActiveCalls``; ``Calls/GetCallExtraData`` for the calls that
  changed (dispatches and the units' statuses on the call); calls that left the active
  list stay on the wall as closed at the time they left, for a day;
- units: ``UnitStatus/GetAllUnitStatuses``; ``UnitLocation/GetLatestUnitLocation`` for
  units whose position moved (the fix's own time);
- agencies: ``Groups/GetAllGroups``; ``Personnel/GetAllPersonnelInfos`` as head counts;
- with any of them, every ``LOOKUP_S``: ``CallPriorities/GetAllCallPriorites`` and
  ``Statuses/GetAllStatusesForPersonnel``, ``Statuses/GetAllUnitStatuses``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests
from msgspec.structs import replace

from wallboard.feed.decode import Decoded, FeedDecodeError, RecordRejection
from wallboard.feed.kinds import FeedKind
from wallboard.model import Incident, IncidentStatus, Position, Unit
from wallboard.model.agency import Agency, PersonnelCounts
from wallboard.poller.backend import BackendSpec
from wallboard.poller.fetch import Fetched, FetchError, exchange, http_error
from wallboard.sources import (
    resgrid,
    resgrid_assignments,
    resgrid_personnel,
    resgrid_priorities,
    resgrid_statuses,
)
from wallboard.sources.resgrid_assignments import ExtraLog, apply_extra, parse_extra
from wallboard.sources.resgrid_priorities import PriorityTable
from wallboard.sources.resgrid_statuses import PersonStatuses, UnitStatuses
from wallboard.sources.resgrid_token import TokenKeeper
from wallboard.sources.versions import Versions

log = logging.getLogger(__name__)

RESGRID_KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)
# Route "api/v{VersionId:apiVersion}/[controller]" plus each action's HttpGet name.
ENDPOINTS = {
    FeedKind.INCIDENTS: "/api/v4/Calls/GetActiveCalls",
    FeedKind.UNITS: "/api/v4/UnitStatus/GetAllUnitStatuses",
    FeedKind.AGENCIES: "/api/v4/Groups/GetAllGroups",
}
LOCATION_ENDPOINT = "/api/v4/UnitLocation/GetLatestUnitLocation"
# Priorities and status lists change rarely: read again at this pace.
LOOKUP_S = 300.0
# A call that left the active list stays on the wall, closed, this long (today's KPIs).
LEFT_KEPT = timedelta(hours=24)
# At most this many units' fixes asked per units poll.
FIXES_PER_POLL = 20


@dataclass(frozen=True)
class _Net:
    """What one poll's requests need from the poller."""

    session: requests.Session
    lock: threading.Lock
    abort: threading.Event
    timeout: float
    max_bytes: int
    source: str


class ResgridAdapter:
    """Polls one Resgrid department for the poller; one instance per backend."""

    def __init__(
        self,
        spec: BackendSpec,
        tokens: TokenKeeper | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not spec.username or not spec.password:
            raise ValueError(f"backend {spec.name}: Resgrid needs a username and a password")
        self._base = spec.url.rstrip("/")
        # Records carry the configured region's id (as a native feed's do), else the name.
        self._region = spec.region_info.region if spec.region_info else spec.name
        self._region_info = spec.region_info
        self.kinds = RESGRID_KINDS + ((FeedKind.INFO,) if spec.region_info else ())
        self.tokens = tokens or TokenKeeper(self._base, spec.username, spec.password)
        self._clock = clock
        self._versions = {
            FeedKind.INCIDENTS: Versions(),
            FeedKind.UNITS: Versions(),
            FeedKind.AGENCIES: Versions(volatile=("link_checked_at",)),
        }
        # One poll of this backend at a time: they share what the others learnt.
        self._serial = threading.Lock()
        self._lookups_at: float | None = None
        self.priorities = PriorityTable()
        self.unit_statuses = UnitStatuses()
        self.person_statuses = PersonStatuses()
        self._unknown_priorities: set[int] = set()
        self._extra = ExtraLog()
        self._units: dict[str, Unit] | None = None  # the last unit list, by id
        self._unknown_since: dict[str, datetime] = {}
        self._fixes: dict[str, tuple[float, float, datetime]] = {}  # unit id -> last fix
        # Whether the last unit list had units in no group: then the department itself
        # is listed as an agency, so those units have one.
        self._groupless_units = False
        self._active: dict[str, Incident] = {}  # the last active calls mapped
        self._left: dict[str, Incident] = {}  # calls closed by leaving the list
        # Head counts per group id ("" for no group) from the last usable personnel
        # answer; None until one came. They ride on the agencies.
        self._personnel: dict[str, PersonnelCounts] | None = None
        self.personnel_problem: str | None = None
        self._problems: dict[str, str | None] = {}

    # -- the one request-and-decode step ----------------------------------------------

    def _read(
        self, net: _Net, path: str, query: str = "", *, single: bool = False
    ) -> tuple[Any, datetime | None, int]:
        """``Data``, ``Timestamp`` and size of a 200 to ``path`` (with the token; once
        more with a new one after a 401). FetchError or FeedDecodeError otherwise."""
        url = self._base + path + (f"?{query}" if query else "")
        for attempt in (1, 2):
            token = self.tokens.token(net.session, net.lock, net.abort, net.timeout)
            status, headers, body = exchange(
                net.session,
                net.lock,
                net.abort,
                url,
                timeout=net.timeout,
                max_bytes=net.max_bytes,
                headers={"Authorization": f"Bearer {token}"},
            )
            if status == 401 and attempt == 1:
                self.tokens.forget()  # expired or revoked early: log in again, once
                continue
            break
        if status == 401:
            error = http_error(status, headers, body, url)
            raise FetchError(f"{error.problem}: a new token was refused too", status=401)
        if status != 200:
            raise http_error(status, headers, body, url)
        data, stamp = resgrid.envelope(body, net.source, single=single)
        return data, stamp, len(body)

    def _read_quietly(self, net: _Net, what: str, path: str, query: str = "", **kw: Any) -> Any:
        """``Data`` of a secondary answer, or None when unusable: the problem is logged
        once per distinct problem and the last good values stay."""
        try:
            data, _stamp, _size = self._read(net, path, query, **kw)
        except (FetchError, FeedDecodeError) as exc:
            problem = exc.problem
            if self._problems.get(what) != problem:
                log.warning(
                    "%s: %s not read (%s); the last good values stay", net.source, what, problem
                )
            self._problems[what] = problem
            return None
        if self._problems.get(what):
            log.info("%s: %s read again", net.source, what)
        self._problems[what] = None
        return data

    # -- the poller's entry point -------------------------------------------------------

    def fetch(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        kind: FeedKind,
        timeout: float,
        max_bytes: int,
        source: str,
        fallback_now: datetime,
    ) -> Fetched:
        """One poll of ``kind``: its endpoints read, mapped to the native page."""
        if kind is FeedKind.INFO and self._region_info is not None:
            # From the configuration: nothing to ask Resgrid.
            return Fetched(200, "config", 0, None, None, Decoded(self._region_info, ()))
        if kind not in ENDPOINTS:
            raise ValueError(f"Resgrid serves no {kind.value}")
        net = _Net(session, lock, abort, timeout, max_bytes, source)
        with self._serial:
            self._read_lookups(net)
            if kind is FeedKind.INCIDENTS:
                return self._poll_incidents(net, fallback_now)
            if kind is FeedKind.UNITS:
                return self._poll_units(net, fallback_now)
            return self._poll_agencies(net, fallback_now)

    def _read_lookups(self, net: _Net) -> None:
        """Priorities and statuses, when due (first poll, then every LOOKUP_S)."""
        now = self._clock()
        if self._lookups_at is not None and now - self._lookups_at < LOOKUP_S:
            return
        self._lookups_at = now
        items = self._read_quietly(net, "call priorities", resgrid_priorities.ENDPOINT)
        if items is not None:
            self.priorities = PriorityTable.from_answer(items)
        items = self._read_quietly(
            net, "personnel status list", resgrid_statuses.PERSON_STATUSES_ENDPOINT
        )
        if items is not None:
            self.person_statuses = PersonStatuses.from_answer(items)
        items = self._read_quietly(net, "unit status list", resgrid_statuses.UNIT_STATUSES_ENDPOINT)
        if items is not None:
            self.unit_statuses = UnitStatuses.from_answer(items)

    # -- incidents ------------------------------------------------------------------------

    def _poll_incidents(self, net: _Net, fallback_now: datetime) -> Fetched:
        if self._units is None:
            # The first incidents' assignments name units: read the units once first.
            with contextlib.suppress(FetchError, FeedDecodeError):
                self._take_units(net, fallback_now)  # its own poll reports what is wrong
        items, stamp, size = self._read(net, ENDPOINTS[FeedKind.INCIDENTS])
        now = stamp or fallback_now
        kept, rejected = resgrid.map_calls(items, self._region, self.priorities, now)
        raws = {  # keyed as call_to_incident names them (the id stripped)
            f"{resgrid.CALL_ID_PREFIX}{str(raw['CallId']).strip()}": raw
            for raw in items
            if isinstance(raw, dict) and isinstance(raw.get("CallId"), str | int)
        }
        self._note_priorities(net, kept, raws)
        self._read_extra(net, kept, raws)
        units = self._units or {}
        calls = []
        for incident in kept:
            extra = self._extra.get(incident.id)
            raw = raws.get(incident.id, {})
            if extra is not None:
                incident = apply_extra(
                    incident,
                    extra,
                    units,
                    self.unit_statuses,
                    unit_prefix=resgrid.UNIT_ID_PREFIX,
                    group_prefix=resgrid.GROUP_ID_PREFIX,
                    department_agency=resgrid.DEPARTMENT_AGENCY_ID,
                    waiting=resgrid.is_waiting(raw, now),
                )
            calls.append(incident)
        listed = {i.id for i in calls} | {r.record_id for r in rejected if r.record_id}
        self._close_departed(listed, now)
        self._active = {i.id: i for i in calls}
        self._extra.keep_only(i.id for i in calls)
        page = resgrid.page_of(
            FeedKind.INCIDENTS, [*calls, *self._left.values()], self._versions[FeedKind.INCIDENTS]
        )
        url = self._base + ENDPOINTS[FeedKind.INCIDENTS]
        return Fetched(200, url, size, None, stamp, Decoded(page=page, rejected=tuple(rejected)))

    def _note_priorities(self, net: _Net, kept: list[Incident], raws: dict[str, Any]) -> None:
        for incident in kept:
            pid = raws.get(incident.id, {}).get("Priority")
            if self.priorities.lookup(pid)[2] or pid in self._unknown_priorities:
                continue
            self._unknown_priorities.add(pid)
            log.warning(
                "%s: call %s has priority id %s, which the department's priority list does "
                "not name; shown as P2 until the list is read again",
                net.source,
                incident.id,
                pid,
            )

    def _read_extra(self, net: _Net, kept: list[Incident], raws: dict[str, Any]) -> None:
        """GetCallExtraData for the calls that are due (changed, their units changed,
        or not asked for a while); a failure stops this poll's asking politely."""
        now = self._clock()
        prints = {i.id: ExtraLog.fingerprint(raws.get(i.id, {})) for i in kept}
        for call_id in self._extra.due(prints.items(), now):
            number = call_id.removeprefix(resgrid.CALL_ID_PREFIX)
            data = self._read_quietly(
                net, "call extra data", resgrid_assignments.ENDPOINT, f"callId={number}",
                single=True,
            )  # fmt: skip
            if data is None and self._problems.get("call extra data"):
                return
            self._extra.store(call_id, parse_extra(data, resgrid.parse_utc), prints[call_id], now)

    def _close_departed(self, listed: set[str], now: datetime) -> None:
        """Calls that left the active list are closed at the time they left; a call
        that comes back is active again; closed ones go after LEFT_KEPT."""
        for call_id, incident in self._active.items():
            if call_id in listed or call_id in self._left:
                continue
            times = {**incident.status_times, IncidentStatus.CLOSED: now}
            self._left[call_id] = replace(
                incident, status=IncidentStatus.CLOSED, status_times=times, updated_at=now
            )
        for call_id in [
            c for c, i in self._left.items() if c in listed or now - i.updated_at > LEFT_KEPT
        ]:
            del self._left[call_id]

    # -- units ----------------------------------------------------------------------------

    def _take_units(
        self, net: _Net, fallback_now: datetime
    ) -> tuple[list[Unit], list[RecordRejection], datetime | None, int]:
        items, stamp, size = self._read(net, ENDPOINTS[FeedKind.UNITS])
        now = stamp or fallback_now
        self._extra.note_units(items, resgrid.CALL_ID_PREFIX)
        kept, rejected = resgrid.map_units(items, self.unit_statuses, now)
        unknown = {
            f"{resgrid.UNIT_ID_PREFIX}{raw.get('UnitId')}"
            for raw in items
            if isinstance(raw, dict) and raw.get("State") == "Unknown"
        }
        kept = [self._steady(u, u.id in unknown) for u in kept]
        kept = self._with_fixes(net, kept)
        self._units = {u.id: u for u in kept}
        self._groupless_units = any(u.agency_id == resgrid.DEPARTMENT_AGENCY_ID for u in kept)
        return kept, rejected, stamp, size

    def _steady(self, unit: Unit, stateless: bool) -> Unit:
        """A unit that never had a state reports ``TimestampUtc`` = now on every request
        (ConvertUnitStatusData): its time is when the wall first saw it so, not a change."""
        if not stateless:
            self._unknown_since.pop(unit.id, None)
            return unit
        since = self._unknown_since.setdefault(unit.id, unit.status_since)
        return replace(unit, status_since=since)

    def _with_fixes(self, net: _Net, units: list[Unit]) -> list[Unit]:
        """Positions with their GPS fix's own time (GetLatestUnitLocation), asked only
        for units whose position moved; until asked, the status time stands in."""
        asked = 0
        out = []
        for unit in units:
            pos = unit.position
            if pos is None:
                out.append(unit)
                continue
            held = self._fixes.get(unit.id)
            if (held is None or held[:2] != (pos.lat, pos.lon)) and asked < FIXES_PER_POLL:
                asked += 1
                held = (pos.lat, pos.lon, self._fix_time(net, unit) or pos.at)
                self._fixes[unit.id] = held
            if held is not None and held[:2] == (pos.lat, pos.lon):
                unit = replace(unit, position=Position(lat=pos.lat, lon=pos.lon, at=held[2]))
            out.append(unit)
        return out

    def _fix_time(self, net: _Net, unit: Unit) -> datetime | None:
        number = unit.id.removeprefix(resgrid.UNIT_ID_PREFIX)
        data = self._read_quietly(
            net, "unit locations", LOCATION_ENDPOINT, f"unitId={number}", single=True
        )
        if not isinstance(data, dict):
            return None
        try:
            return resgrid.parse_utc(data.get("Timestamp"), "Timestamp")
        except resgrid.RecordProblem:
            return None

    def _poll_units(self, net: _Net, fallback_now: datetime) -> Fetched:
        kept, rejected, stamp, size = self._take_units(net, fallback_now)
        page = resgrid.page_of(FeedKind.UNITS, kept, self._versions[FeedKind.UNITS])
        url = self._base + ENDPOINTS[FeedKind.UNITS]
        return Fetched(200, url, size, None, stamp, Decoded(page=page, rejected=tuple(rejected)))

    # -- agencies -------------------------------------------------------------------------

    def _poll_agencies(self, net: _Net, fallback_now: datetime) -> Fetched:
        items, stamp, size = self._read(net, ENDPOINTS[FeedKind.AGENCIES])
        now = stamp or fallback_now
        people = self._read_quietly(net, "personnel statuses", resgrid_personnel.ENDPOINT)
        self.personnel_problem = self._problems.get("personnel statuses")
        if people is not None:
            counts, skipped = resgrid_personnel.count_by_group(people, self.person_statuses)
            self._personnel = counts
            if skipped:
                log.warning(
                    "%s: personnel: %d entries were not person records", net.source, skipped
                )
        kept, rejected = resgrid.map_groups(items, self._region, now)
        groupless_people = self._personnel is not None and "" in self._personnel
        if self._groupless_units or groupless_people:
            kept.append(resgrid.department_agency(self._region, now))
        agencies = [self._with_personnel(a) for a in kept]
        page = resgrid.page_of(FeedKind.AGENCIES, agencies, self._versions[FeedKind.AGENCIES])
        url = self._base + ENDPOINTS[FeedKind.AGENCIES]
        return Fetched(200, url, size, None, stamp, Decoded(page=page, rejected=tuple(rejected)))

    def _with_personnel(self, agency: Agency) -> Agency:
        if self._personnel is None:
            return agency  # never read: the wall shows no staffing rather than zeros
        group = (
            ""
            if agency.id == resgrid.DEPARTMENT_AGENCY_ID
            else agency.id.removeprefix(resgrid.GROUP_ID_PREFIX)
        )
        counts = self._personnel.get(group, PersonnelCounts())
        return agency if agency.personnel == counts else replace(agency, personnel=counts)


__all__ = ["ENDPOINTS", "LOCATION_ENDPOINT", "LOOKUP_S", "RESGRID_KINDS", "ResgridAdapter"]
