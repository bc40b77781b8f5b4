"""Response bodies of the native feed v1, encoded once per state and cached with ETags.

A body is rebuilt only when its collection changed (its stamp moved); an unchanged
backend hands back the same bytes and ETag, so a conditional poll costs no encoding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import NamedTuple

import msgspec

from wallboard.feed.pages import (
    AgencyList,
    CallPage,
    IncidentPage,
    RegionInfo,
    UnitList,
)
from wallboard.model import CallTaker, QueueSnapshot, WaitingCall
from wallboard.simulator.engine import Engine
from wallboard.simulator.journal import Collection

_encoder = msgspec.json.Encoder()
_CACHE_LIMIT = 64  # bodies per endpoint and cursor; full pages can be megabytes


class Body(NamedTuple):
    """An encoded 200 body and its strong ETag (a hash of the bytes alone)."""

    data: bytes
    etag: str


def make_body(data: bytes) -> Body:
    return Body(data, '"' + hashlib.blake2b(data, digest_size=16).hexdigest() + '"')


class FeedBodies:
    """Builds each endpoint's body from the engine's state, caching by change stamp."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._cache: dict[tuple[str, int | None], tuple[int, Body]] = {}

    def _cached(self, key: tuple[str, int | None], stamp: int, build: Callable[[], object]) -> Body:
        hit = self._cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()  # many distinct cursors: start afresh rather than grow
        body = make_body(_encoder.encode(build()))
        self._cache[key] = (stamp, body)
        return body

    def info(self) -> Body:
        region = self._engine.scenario.region
        b = region.bounds

        def build() -> RegionInfo:
            return RegionInfo(
                region=region.id,
                name=region.name,
                timezone=region.timezone,
                center_lat=region.center[0],
                center_lon=region.center[1],
                south=b.south,
                west=b.west,
                north=b.north,
                east=b.east,
            )

        return self._cached(("info", None), 0, build)

    def incidents(self, since: int | None) -> Body:
        return self._page("incidents", self._engine.incidents, IncidentPage, since)

    def calls(self, since: int | None) -> Body:
        return self._page("calls", self._engine.calls, CallPage, since)

    def _page(self, name: str, records: Collection, page: type, since: int | None) -> Body:
        if since is None:
            return self._cached(
                (name, None),
                records.last_seq,
                lambda: page(items=list(records), cursor=str(records.last_seq), full=True),
            )
        records.check_cursor(since)  # raises CursorExpired before any cache lookup

        def build():
            items, removed = records.changed_since(since)
            cursor = str(max(since, records.last_seq))
            return page(items=items, cursor=cursor, full=False, removed=removed)

        return self._cached((name, since), records.last_seq, build)

    def units(self) -> Body:
        units = self._engine.units
        return self._cached(("units", None), units.last_seq, lambda: UnitList(items=list(units)))

    def agencies(self) -> Body:
        agencies = self._engine.agencies
        return self._cached(
            ("agencies", None), agencies.last_seq, lambda: AgencyList(items=list(agencies))
        )

    def queue(self) -> Body:
        e = self._engine

        def build() -> QueueSnapshot:
            return QueueSnapshot(
                region=e.region,
                at=e.ts(e.queue_at),
                waiting=tuple(WaitingCall(call_id=c, since=e.ts(t)) for c, t in e.waiting.items()),
                call_takers=tuple(
                    CallTaker(id=t.id, name=t.name, state=t.state, since=e.ts(t.since))
                    for t in e.takers
                ),
            )

        return self._cached(("queue", None), e.queue_stamp, build)
