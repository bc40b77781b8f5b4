"""Where a report's records come from: a backend over HTTP, or a JSON file of call records.

Over HTTP the report uses the poller's own fetch function (the same session settings,
timeouts and size cap; the token only in a header). It is a one-shot command, not the
wall, so it fetches by itself: the region, the calls offered in the period
(``/calls?from=&to=``) and the incidents created in it (``/incidents?from=&to=``:
a past shift's dispatch and response times too; a backend that ignores the range
answers its live window, and the KPIs keep only the period's incidents anyway).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from wallboard.feed.decode import Decoded, FeedDecodeError, decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import AgencyList, CallPage, IncidentPage, RegionInfo
from wallboard.model import CallRecord, Incident
from wallboard.poller.fetch import FetchError, fetch_and_decode, public_url
from wallboard.poller.history import ranged_url
from wallboard.poller.session import make_session
from wallboard.report.quality import ReportQuality, report_quality

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_BODY_BYTES = 256 * 1024 * 1024


class ReportSourceError(Exception):
    """The records for a report could not be had; the text says which and why."""


@dataclass(frozen=True)
class ReportRecords:
    """What a report is computed from, and what was dropped on the way in."""

    calls: tuple[CallRecord, ...]
    incidents: tuple[Incident, ...]
    region: RegionInfo | None
    source: str
    # the backend's clock when it answered; for a file its latest timestamp
    feed_time: datetime | None
    quality: ReportQuality  # records repaired and left out on the way in, by reason
    agency_names: Mapping[str, str] = field(default_factory=dict)  # id -> short name


def _fetch(
    session, kind: FeedKind, url: str, timeout: float
) -> tuple[object, datetime | None, Decoded]:
    try:
        fetched = fetch_and_decode(
            session,
            threading.Lock(),
            threading.Event(),
            kind,
            url,
            None,
            timeout,
            MAX_BODY_BYTES,
            f"report/{kind.value}",
            datetime.now(UTC),
        )
    except FetchError as exc:
        raise ReportSourceError(exc.problem) from None
    except FeedDecodeError as exc:
        raise ReportSourceError(str(exc)) from None
    if fetched.decoded is None:
        raise ReportSourceError(f"no body from {public_url(url)}")
    return fetched.decoded.page, fetched.feed_time, fetched.decoded


def fetch_records(
    base_url: str,
    start: datetime,
    end: datetime,
    *,
    token: str | None = None,
    timeout: float = 30.0,
    proxy: str | None = None,
    ca_file: str | None = None,
) -> ReportRecords:
    """Calls offered and incidents created in [start, end), and the region, over HTTP
    (through ``proxy`` and trusting ``ca_file``, as a wall's backend settings say)."""
    base = base_url.rstrip("/")
    with make_session(token, proxy=proxy, ca_file=ca_file) as session:
        info, _, _ = _fetch(session, FeedKind.INFO, base + FeedKind.INFO.path, timeout)
        calls_url = ranged_url(base + FeedKind.CALLS.path, start, end)
        calls, feed_time, decoded_calls = _fetch(session, FeedKind.CALLS, calls_url, timeout)
        incidents_url = ranged_url(base + FeedKind.INCIDENTS.path, start, end)
        incidents, _, decoded_incidents = _fetch(
            session, FeedKind.INCIDENTS, incidents_url, timeout
        )
        agencies, _, _ = _fetch(session, FeedKind.AGENCIES, base + FeedKind.AGENCIES.path, timeout)
    assert isinstance(calls, CallPage) and isinstance(incidents, IncidentPage)
    return ReportRecords(
        calls=tuple(calls.items),
        incidents=tuple(incidents.items),
        region=info if isinstance(info, RegionInfo) else None,
        source=public_url(base),
        feed_time=feed_time,
        quality=report_quality((decoded_calls, decoded_incidents), start, end),
        agency_names={a.id: a.short_name or a.name for a in agencies.items}
        if isinstance(agencies, AgencyList)
        else {},
    )


def latest_timestamp(calls: Sequence[CallRecord]) -> datetime | None:
    """The last moment a file of calls knows about: when it was exported, as near as it says."""
    times = [
        t
        for c in calls
        for t in (c.offered_at, c.answered_at, c.abandoned_at, c.ended_at)
        if t is not None
    ]
    return max(times, default=None)


def read_calls_file(
    path: Path,
    latest: datetime | None = None,
    period: tuple[datetime, datetime] | None = None,
) -> ReportRecords:
    """Call records from a JSON file in the feed's format: a CallPage body, or a list.

    Each record is checked as the wall checks the feed's, "from the future" meaning
    later than ``latest`` (default: now); repaired ones are kept and counted (those
    offered in ``period``, default all), unusable ones dropped and counted, and a file
    that is not such JSON at all is refused with the reason.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportSourceError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB")
        body = path.read_bytes()
    except OSError as exc:
        raise ReportSourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        raw = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise ReportSourceError(f"{path}: not valid JSON: {exc}") from None
    if isinstance(raw, list):
        body = msgspec.json.encode({"items": raw, "cursor": "", "full": True})
    elif not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
        raise ReportSourceError(
            f"{path}: expected a list of call records or a /calls page "
            '({"items": [...], "cursor": ..., "full": ...})'
        )
    try:
        decoded = decode_body(
            FeedKind.CALLS, body, source=str(path), feed_now=latest or datetime.now(UTC)
        )
    except FeedDecodeError as exc:
        raise ReportSourceError(str(exc)) from None
    page = decoded.page
    assert isinstance(page, CallPage)
    start, end = period or (datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC))
    return ReportRecords(
        calls=tuple(page.items),
        incidents=(),
        region=None,
        source=str(path),
        feed_time=latest_timestamp(page.items),
        quality=report_quality((decoded,), start, end),
    )


__all__ = ["ReportRecords", "ReportSourceError", "fetch_records", "read_calls_file"]
