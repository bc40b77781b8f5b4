"""The reference day: each backend's calls and incidents of the same weekday last week.

Fetched with ``/calls?from=&to=`` and ``/incidents?from=&to=`` once the backend's region
(and so its time zone) is known, and again after every local midnight. The calls go
into the store's calls table under their own owner, ``<backend>~history``: a full live
poll of the backend never removes them, and each new reference day replaces the last
one, so the store holds at most one past day per backend. The incidents go to
``Store.reference_incidents``, apart from today's (which the map and lists show): they
are there for last week's dispatch and response figures only.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import NamedTuple
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wallboard.feed.decode import FeedDecodeError
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage, IncidentPage
from wallboard.kpi.window import same_weekday_last_week
from wallboard.poller.backoff import BackoffPolicy
from wallboard.poller.fetch import Fetched, FetchError
from wallboard.store import Store

log = logging.getLogger("wallboard.poller")

HISTORY_SUFFIX = "~history"


def history_owner(backend: str) -> str:
    """The store owner of ``backend``'s past calls (never a valid backend name)."""
    return f"{backend}{HISTORY_SUFFIX}"


def is_history_owner(owner: str | None) -> bool:
    """Whether a store owner is a backend's past calls (see ``history_owner``)."""
    return owner is not None and owner.endswith(HISTORY_SUFFIX)


def reference_day(now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the same weekday last week, as the local day in ``zone``."""
    return same_weekday_last_week(now, zone)


def ranged_url(endpoint: str, start: datetime, end: datetime) -> str:
    """``endpoint?from=..&to=..`` with the offsets' ``+`` escaped."""
    first, last = (quote(t.isoformat(), safe="") for t in (start, end))
    return f"{endpoint}?from={first}&to={last}"


def _zone(store: Store, backend: str) -> ZoneInfo | None:
    info = store.regions.get(backend)
    if info is None:
        return None
    try:
        return ZoneInfo(info.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class ReferencePart(NamedTuple):
    """One collection of the reference day: where to fetch it and how to keep it."""

    endpoint: str
    fetch: Callable[[str], Awaitable[Fetched]]
    keep: Callable[[Store, str, object, tuple[datetime, datetime]], None]


async def follow_reference_day(
    store: Store,
    backend: str,
    endpoint: str,
    fetch: Callable[[str], Awaitable[Fetched]],
    ready: asyncio.Event,
    check_s: float,
    backoff: BackoffPolicy,
    rng: random.Random,
    incidents: tuple[str, Callable[[str], Awaitable[Fetched]]] | None = None,
) -> None:
    """Keep ``backend``'s reference day in ``store``; runs until cancelled.

    Every ``check_s`` it compares the reference day of the backend's current time with
    the one it holds: a change (the first time, or a local midnight) fetches the new day,
    its calls from ``endpoint`` and, given ``incidents`` (endpoint, fetch), its incidents.
    """
    parts = [ReferencePart(endpoint, fetch, _keep_calls)]
    if incidents is not None:
        parts.append(ReferencePart(*incidents, _keep_incidents))
    await ready.wait()
    held: list[tuple[datetime, datetime] | None] = [None] * len(parts)
    failures = 0
    while True:
        zone = _zone(store, backend)
        wanted = reference_day(store.feed_now(backend), zone) if zone else None
        delay = check_s
        for n, part in enumerate(parts):
            if wanted is None or wanted == held[n]:
                continue
            try:
                fetched = await part.fetch(ranged_url(part.endpoint, *wanted))
            except (FetchError, FeedDecodeError) as exc:
                failures += 1
                delay = max(check_s, backoff.delay(failures, rng))
                text = getattr(exc, "problem", None) or str(exc)
                log.warning("%s: reference day not fetched: %s", backend, text)
                break
            failures = 0
            held[n] = wanted
            if fetched.decoded is not None:
                part.keep(store, backend, fetched.decoded.page, wanted)
                log.info(
                    "%s: reference day %s fetched (%s)", backend, wanted[0].date(), part.endpoint
                )
        await asyncio.sleep(delay)


def _keep_calls(
    store: Store, backend: str, page: object, period: tuple[datetime, datetime]
) -> None:
    if not isinstance(page, CallPage):
        return
    # A backend young enough to still hold last week's calls live sends them in both
    # answers; the live copy wins, so one call is never counted twice.
    live = {key.id for key in store.owned_by(backend, FeedKind.CALLS)}
    items = [c for c in page.items if c.id not in live]
    store.apply(history_owner(backend), FeedKind.CALLS, CallPage(items=items, cursor="", full=True))


def _keep_incidents(
    store: Store, backend: str, page: object, period: tuple[datetime, datetime]
) -> None:
    if not isinstance(page, IncidentPage):
        return
    # Only the period's: a backend that does not know from/to answers its live window,
    # which must not pass for last week's.
    start, end = period
    store.set_reference_incidents(backend, [i for i in page.items if start <= i.created_at < end])


__all__ = [
    "HISTORY_SUFFIX",
    "ReferencePart",
    "follow_reference_day",
    "history_owner",
    "is_history_owner",
    "ranged_url",
    "reference_day",
]
