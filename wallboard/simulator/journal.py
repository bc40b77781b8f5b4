"""Versions, cursors and tombstones: what lets clients fetch only what changed.

Every change takes the next number of one global sequence; that number becomes the
record's ``version``. A collection keeps its records ordered by version, so the changes
since a cursor are found by walking back from the newest, and remembers the last N
removals (tombstones) so that deltas can list what left the window.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

import msgspec

R = TypeVar("R", bound=msgspec.Struct)


class CursorExpired(Exception):
    """The cursor is older than the oldest change still remembered."""


class Journal:
    """The global change sequence shared by every collection of one backend."""

    def __init__(self) -> None:
        self.seq = 0

    def next(self) -> int:
        self.seq += 1
        return self.seq


class Collection(Generic[R]):
    """Records of one kind, keyed by id, ordered by version, with tombstones."""

    def __init__(self, journal: Journal, tombstone_limit: int = 50_000) -> None:
        self._journal = journal
        self._limit = max(1, tombstone_limit)
        self.items: dict[str, R] = {}
        self._tombstones: deque[tuple[int, str]] = deque()
        self._dropped_upto = 0
        self.last_seq = 0

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, record_id: str) -> bool:
        return record_id in self.items

    def get(self, record_id: str) -> R | None:
        return self.items.get(record_id)

    def put(self, record: R, **changes: Any) -> R:
        """Store ``record`` with ``changes`` applied and a fresh version; returns it."""
        seq = self._journal.next()
        new = msgspec.structs.replace(record, version=seq, **changes)
        self.items.pop(new.id, None)  # re-insert so dict order stays version order
        self.items[new.id] = new
        self.last_seq = seq
        return new

    def remove(self, record_id: str) -> None:
        """Take a record out of the window, leaving a tombstone for deltas."""
        if self.items.pop(record_id, None) is None:
            return
        seq = self._journal.next()
        self._tombstones.append((seq, record_id))
        self.last_seq = seq
        while len(self._tombstones) > self._limit:
            self._dropped_upto = self._tombstones.popleft()[0]

    def check_cursor(self, cursor: int) -> None:
        """Raise CursorExpired for a cursor whose removals are forgotten or from the future."""
        if cursor < self._dropped_upto or cursor > self._journal.seq:
            raise CursorExpired(cursor)

    def changed_since(self, cursor: int) -> tuple[list[R], list[str]]:
        """Records with version > cursor (oldest first) and ids removed after cursor."""
        self.check_cursor(cursor)
        items: list[R] = []
        for record in reversed(self.items.values()):
            if record.version <= cursor:
                break
            items.append(record)
        items.reverse()
        removed: list[str] = []
        for seq, record_id in reversed(self._tombstones):
            if seq <= cursor:
                break
            removed.append(record_id)
        removed.reverse()
        return items, removed

    def __iter__(self) -> Iterator[R]:
        return iter(self.items.values())
