"""One kind of record held by the store, keyed by (backend, id).

Two backends may use the same ids (two regions' CADs both number from 1): their records
are different records, held side by side under different keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

from wallboard.model.record_key import RecordKey

# How many removed keys a table remembers, so that a late page cannot bring them back.
_TOMBSTONES = 20_000
_new_tuple = tuple.__new__  # RecordKey(b, i) without the generated __new__: 2.5x faster


class RecordTable:
    """Records of one kind by ``RecordKey``; the backends' keys, each backend's own.

    Versions order revisions of one record: a record whose version is not above the
    held one is old news. ``remember_removed`` keeps the version of removed keys so that
    a page arriving late cannot resurrect them (delta kinds, whose ids leave a window
    for good). Each backend's held ids map to their keys, so a page finds the key of a
    record already held by one dict lookup (a full list of 2,000 units makes no new key).
    """

    def __init__(self, *, remember_removed: bool) -> None:
        self._records: dict[RecordKey, Any] = {}
        self._keys: dict[str, dict[str, RecordKey]] = {}  # backend -> id -> key held
        self._tombstones: dict[RecordKey, int] = {}
        self._remember_removed = remember_removed
        self.view = MappingProxyType(self._records)

    def upsert(
        self,
        backend: str,
        items: Iterable[Any],
        added: set[RecordKey],
        changed: set[RecordKey],
    ) -> None:
        """Store every item newer than what is held; note the keys in added/changed."""
        records, tombstones = self._records, self._tombstones
        mine = self._keys.setdefault(backend, {})
        for rec in items:
            key = mine.get(rec.id)
            if key is None:
                key = _new_tuple(RecordKey, (backend, rec.id))
                dead = tombstones.get(key)
                if dead is not None:
                    if rec.version <= dead:
                        continue
                    del tombstones[key]
                records[key] = rec
                mine[rec.id] = key
                added.add(key)
            elif rec.version > records[key].version:
                records[key] = rec
                if key not in added:
                    changed.add(key)

    def remove(self, backend: str, ids: Iterable[str], removed: set[RecordKey]) -> None:
        """Remove this backend's records of the given ids; others' records stay."""
        mine = self._keys.get(backend)
        if not mine:
            return
        for rid in ids:
            key = mine.pop(rid, None)
            if key is None:
                continue
            rec = self._records.pop(key)
            removed.add(key)
            if self._remember_removed:
                self._tombstones[key] = rec.version
        while len(self._tombstones) > _TOMBSTONES:
            del self._tombstones[next(iter(self._tombstones))]

    def held_ids(self, backend: str) -> list[str]:
        """The ids of the records ``backend`` sent that the table still holds."""
        return list(self._keys.get(backend, ()))

    def owned_by(self, backend: str) -> frozenset[RecordKey]:
        """The keys of the records ``backend`` sent that the table still holds."""
        return frozenset(self._keys.get(backend, {}).values())


__all__ = ["RecordTable"]
