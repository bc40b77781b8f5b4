"""One kind of record held by the store: by id, with the backend that owns each."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

log = logging.getLogger(__name__)

# How many removed ids a table remembers, so that a late page cannot bring them back.
_TOMBSTONES = 20_000


class RecordTable:
    """Records of one kind, keyed by id; each id is owned by the backend that sent it.

    Versions order revisions of one id: a record whose version is not above the held
    one is old news. ``remember_removed`` keeps the version of removed ids so that a
    page arriving late cannot resurrect them (delta kinds, whose ids leave a window
    for good).
    """

    def __init__(self, *, remember_removed: bool) -> None:
        self._records: dict[str, Any] = {}
        self._owner: dict[str, str] = {}
        self._by_backend: dict[str, set[str]] = {}
        self._tombstones: dict[str, int] = {}
        self._remember_removed = remember_removed
        self._reported_clashes: set[str] = set()
        self.view = MappingProxyType(self._records)

    def upsert(self, backend: str, items: Iterable[Any], added: set[str], changed: set[str]):
        """Store every item newer than what is held; note the ids in added/changed."""
        records, tombstones = self._records, self._tombstones
        mine = self._by_backend.setdefault(backend, set())
        for rec in items:
            rid = rec.id
            held = records.get(rid)
            if held is None:
                dead = tombstones.get(rid)
                if dead is not None:
                    if rec.version <= dead:
                        continue
                    del tombstones[rid]
                records[rid] = rec
                self._owner[rid] = backend
                mine.add(rid)
                added.add(rid)
            elif rec.version > held.version:
                if self._owner[rid] != backend:
                    self._clash(rid, backend)
                    continue
                records[rid] = rec
                if rid not in added:
                    changed.add(rid)

    def remove(self, backend: str, ids: Iterable[str], removed: set[str]) -> None:
        """Remove the given ids if this backend owns them; others' records stay."""
        mine = self._by_backend.get(backend)
        if not mine:
            return
        for rid in ids:
            if rid not in mine:
                continue
            mine.discard(rid)
            del self._owner[rid]
            rec = self._records.pop(rid)
            removed.add(rid)
            if self._remember_removed:
                self._tombstones[rid] = rec.version
        while len(self._tombstones) > _TOMBSTONES:
            del self._tombstones[next(iter(self._tombstones))]

    def owned_by(self, backend: str) -> frozenset[str]:
        return frozenset(self._by_backend.get(backend, ()))

    def owner(self, rid: str) -> str | None:
        """The backend that sent ``rid`` (None: not held)."""
        return self._owner.get(rid)

    def owners(self) -> dict[str, str]:
        """A copy of id -> owning backend (a dict copy: far cheaper than sets per backend)."""
        return self._owner.copy()

    def _clash(self, rid: str, backend: str) -> None:
        # Two backends sending the same id is a configuration error; the first owner keeps
        # it so one region cannot overwrite another's record. Say so once per id.
        if rid not in self._reported_clashes and len(self._reported_clashes) < 1000:
            self._reported_clashes.add(rid)
            log.warning(
                "id %r from %s is already held from %s; ignored", rid, backend, self._owner[rid]
            )


__all__ = ["RecordTable"]
