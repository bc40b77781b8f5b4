"""One recorded backend played forward: the state of each kind as of a recorded time.

Pages are applied the way the store applies them (a full page replaces what is held,
except ids it kept; a delta adds, changes and removes; a record not newer than the held
one is old news; an older queue snapshot is ignored), so the state at a time is what the
recording wall's store held then. Moving forward applies only the new pages; moving
back starts again from the beginning.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import AgencyList, CallPage, IncidentPage, UnitList
from wallboard.recording.format import Entry

RECORD_KINDS = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES)


class BackendTimeline:
    """The recorded pages of one backend, and its state at the current position."""

    def __init__(self, entries: Sequence[tuple[Entry, object]]) -> None:
        self._entries = list(entries)
        if not self._entries:
            raise ValueError("a timeline needs at least one recorded page")
        self.start = self._entries[0][0].at
        self.end = self._entries[-1][0].at
        self._reset()

    def _reset(self) -> None:
        self._pos = 0
        self._records: dict[FeedKind, dict[str, Any]] = {k: {} for k in RECORD_KINDS}
        # versions of removed incidents and calls: a late page cannot bring them back
        self._tombstones: dict[FeedKind, dict[str, int]] = {k: {} for k in RECORD_KINDS}
        self._latest: dict[FeedKind, Any] = {}
        self.applied = dict.fromkeys(FeedKind, 0)  # pages applied per kind so far
        self.skew = None  # feed time minus wall time of the last page that said

    @property
    def position(self) -> datetime | None:
        """The recorded time of the last page applied (None before the first)."""
        return self._entries[self._pos - 1][0].at if self._pos else None

    def advance_to(self, at: datetime) -> None:
        """Apply every page recorded at or before ``at``."""
        if self._pos and self._entries[self._pos - 1][0].at > at:
            self._reset()  # going back in time: start again
        entries = self._entries
        while self._pos < len(entries) and entries[self._pos][0].at <= at:
            entry, page = entries[self._pos]
            self._apply(entry, page)
            self._pos += 1

    def _apply(self, entry: Entry, page: Any) -> None:
        kind = entry.kind
        self.applied[kind] += 1
        if entry.feed_time is not None:
            self.skew = entry.feed_time - entry.at
        if kind is FeedKind.QUEUE:
            held = self._latest.get(kind)
            if held is None or page.at >= held.at:
                self._latest[kind] = page
            return
        if kind is FeedKind.INFO:
            self._latest[kind] = page
            return
        table, tombstones = self._records[kind], self._tombstones[kind]
        remember = kind in (FeedKind.INCIDENTS, FeedKind.CALLS)
        if getattr(page, "full", True):
            present = {rec.id for rec in page.items} | set(entry.kept)
            gone = [rid for rid in table if rid not in present]
        else:
            gone = [rid for rid in page.removed if rid in table]
        for rid in gone:
            rec = table.pop(rid)
            if remember:
                tombstones[rid] = rec.version
        for rec in page.items:
            held = table.get(rec.id)
            if held is None:
                dead = tombstones.get(rec.id)
                if dead is not None and rec.version <= dead:
                    continue
                tombstones.pop(rec.id, None)
                table[rec.id] = rec
            elif rec.version > held.version:
                table[rec.id] = rec
        self._latest[kind] = True

    def has(self, kind: FeedKind) -> bool:
        """Whether a page of ``kind`` has been applied yet."""
        return kind in self._latest

    def page(self, kind: FeedKind, calls_between: tuple[datetime, datetime] | None = None):
        """The state of ``kind`` as one full native page (None before its first page).

        ``calls_between`` keeps only calls offered in [from, to): the feed's history query.
        """
        if kind not in self._latest:
            return None
        if kind in (FeedKind.QUEUE, FeedKind.INFO):
            return self._latest[kind]  # the QueueSnapshot or RegionInfo itself
        items = list(self._records[kind].values())
        cursor = str(self.applied[kind])
        if kind is FeedKind.INCIDENTS:
            return IncidentPage(items=items, cursor=cursor, full=True)
        if kind is FeedKind.CALLS:
            if calls_between is not None:
                start, end = calls_between
                items = [c for c in items if start <= c.offered_at < end]
            return CallPage(items=items, cursor=cursor, full=True)
        if kind is FeedKind.UNITS:
            return UnitList(items=items)
        return AgencyList(items=items)


__all__ = ["RECORD_KINDS", "BackendTimeline"]
