"""The Resgrid source: which v4 endpoint serves each kind, with the bearer token.

Requests go through the poller's session and caps (``exchange``); answers are mapped
by the pure functions of :mod:`wallboard.sources.resgrid`. Resgrid has no call queue,
call records or region description, so a Resgrid backend serves incidents, units and
agencies; and its region (map extent, time zone) when the configuration names one.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

import requests
from msgspec.structs import replace

from wallboard.feed.decode import Decoded, FeedDecodeError
from wallboard.feed.kinds import FeedKind
from wallboard.model.agency import Agency, PersonnelCounts
from wallboard.poller.backend import BackendSpec
from wallboard.poller.fetch import Fetched, FetchError, exchange, http_error
from wallboard.sources import resgrid, resgrid_personnel
from wallboard.sources.resgrid_assignments import AssignmentLog
from wallboard.sources.resgrid_token import TokenKeeper
from wallboard.sources.versions import Versions

log = logging.getLogger(__name__)

RESGRID_KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)
# Controllers/v4/CallsController.cs, UnitStatusController.cs, GroupsController.cs:
# route "api/v{VersionId:apiVersion}/[controller]" plus each action's HttpGet name.
ENDPOINTS = {
    FeedKind.INCIDENTS: "/api/v4/Calls/GetActiveCalls",
    FeedKind.UNITS: "/api/v4/UnitStatus/GetAllUnitStatuses",
    FeedKind.AGENCIES: "/api/v4/Groups/GetAllGroups",
}


class ResgridAdapter:
    """Polls one Resgrid department for the poller; one instance per backend."""

    def __init__(self, spec: BackendSpec, tokens: TokenKeeper | None = None) -> None:
        if not spec.username or not spec.password:
            raise ValueError(f"backend {spec.name}: Resgrid needs a username and a password")
        self._base = spec.url.rstrip("/")
        # Records carry the configured region's id (as a native feed's do), else the name.
        self._region = spec.region_info.region if spec.region_info else spec.name
        self._region_info = spec.region_info
        self.kinds = RESGRID_KINDS + ((FeedKind.INFO,) if spec.region_info else ())
        self.tokens = tokens or TokenKeeper(self._base, spec.username, spec.password)
        self._versions = {
            FeedKind.INCIDENTS: Versions(),
            FeedKind.UNITS: Versions(),
            FeedKind.AGENCIES: Versions(volatile=("link_checked_at",)),
        }
        # Whether the last unit list had units in no group: then the department itself
        # is listed as an agency, so those units have one.
        self._groupless_units = False
        # Which units work which call: Resgrid says so on the units, not on the calls.
        self._assignments = AssignmentLog()
        self._units_seen = False
        # Head counts per group id ("" for no group) from the last usable personnel
        # answer; None until one came. They ride on the agencies (see _read_personnel).
        self._personnel: dict[str, PersonnelCounts] | None = None
        self.personnel_problem: str | None = None
        # The poller may fetch kinds in parallel (a shared executor): map one at a time.
        self._mapping = threading.Lock()

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
        """GET ``kind``'s endpoint with the token (a new one after a 401), then map it."""
        if kind is FeedKind.INFO and self._region_info is not None:
            # From the configuration: nothing to ask Resgrid.
            return Fetched(200, "config", 0, None, None, Decoded(self._region_info, ()))
        url = self._base + ENDPOINTS[kind]
        body = self._get(session, lock, abort, url, timeout, max_bytes)
        if kind is FeedKind.AGENCIES:
            self._read_personnel(session, lock, abort, timeout, max_bytes, source)
        if kind is FeedKind.INCIDENTS and not self._units_seen:
            # The very first incidents would come before any unit list, without their
            # assignments until the next poll: read the units once first.
            self._prime_units(session, lock, abort, timeout, max_bytes, source, fallback_now)
        with self._mapping:
            return self._map(kind, url, body, source, fallback_now)

    def _get(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        url: str,
        timeout: float,
        max_bytes: int,
    ) -> bytes:
        """The body of a 200 to ``url`` with the token; FetchError for anything else."""
        for attempt in (1, 2):
            token = self.tokens.token(session, lock, abort, timeout)
            status, headers, body = exchange(
                session,
                lock,
                abort,
                url,
                timeout=timeout,
                max_bytes=max_bytes,
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
        return body

    def _prime_units(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        timeout: float,
        max_bytes: int,
        source: str,
        fallback_now: datetime,
    ) -> None:
        url = self._base + ENDPOINTS[FeedKind.UNITS]
        try:
            body = self._get(session, lock, abort, url, timeout, max_bytes)
            decoded, _ = resgrid.decode_page(
                FeedKind.UNITS,
                body,
                region=self._region,
                source=source,
                feed_now=fallback_now,
                versions=Versions(),  # not a page for the store: its versions do not count
            )
        except (FetchError, FeedDecodeError):
            return  # the units' own poll reports what is wrong
        with self._mapping:
            if not self._units_seen:
                self._assignments.observe(decoded.page.items)
                self._units_seen = True

    def _read_personnel(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        timeout: float,
        max_bytes: int,
        source: str,
    ) -> None:
        """Personnel statuses as counts per group, read with each agency list (the
        counts travel on the agencies). An unusable answer keeps the last good counts
        and is logged once per distinct problem; the agencies come all the same."""
        url = self._base + resgrid_personnel.ENDPOINT
        try:
            body = self._get(session, lock, abort, url, timeout, max_bytes)
            items, _ = resgrid.envelope(body, source)
        except FetchError as exc:
            problem: str | None = exc.problem
        except FeedDecodeError as exc:
            problem = exc.problem
        else:
            counts, skipped = resgrid_personnel.count_by_group(items)
            with self._mapping:
                self._personnel = counts
            problem = None
            if skipped:
                log.warning("%s: personnel: %d entries were not person records", source, skipped)
        if problem is not None and problem != self.personnel_problem:
            log.warning(
                "%s: personnel statuses not read (%s); the counts stay at their last good value",
                source,
                problem,
            )
        elif problem is None and self.personnel_problem is not None:
            log.info("%s: personnel statuses read again", source)
        self.personnel_problem = problem

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

    def _map(
        self, kind: FeedKind, url: str, body: bytes, source: str, fallback_now: datetime
    ) -> Fetched:
        extra = ()
        groupless_people = self._personnel is not None and "" in self._personnel
        if kind is FeedKind.AGENCIES and (self._groupless_units or groupless_people):
            extra = (resgrid.department_agency(self._region, fallback_now),)
        adjust = None
        if kind is FeedKind.INCIDENTS:
            adjust = self._assignments.apply
        elif kind is FeedKind.AGENCIES:
            adjust = self._with_personnel
        decoded, stamp = resgrid.decode_page(
            kind,
            body,
            region=self._region,
            source=source,
            feed_now=fallback_now,
            versions=self._versions[kind],
            extra_agencies=extra,
            adjust=adjust,
        )
        if kind is FeedKind.UNITS:
            self._units_seen = True
            units = decoded.page.items
            self._groupless_units = any(u.agency_id == resgrid.DEPARTMENT_AGENCY_ID for u in units)
            self._assignments.observe(units)
        elif kind is FeedKind.INCIDENTS:
            listed = [i.id for i in decoded.page.items]
            self._assignments.keep_only([*listed, *(r.record_id for r in decoded.rejected)])
        return Fetched(200, url, len(body), None, stamp, decoded)


__all__ = ["ENDPOINTS", "RESGRID_KINDS", "ResgridAdapter"]
