"""Keyed records in tests: building the store's (backend, id) keys and reading them back.

The store, the map and the panels know every record by ``RecordKey(backend, id)``. Tests
of one backend build keyed tables with ``keyed`` / ``pairs`` / ``keys`` (backend "smd"
unless told), and read records or drawn markers back by the id on the wire with
``by_id`` / ``page_ids``, which refuse a table holding several backends' records (where
ids alone would merge two regions' records).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from wallboard.model import RecordKey

R = TypeVar("R")
BACKEND = "smd"


def keyed(records: Iterable[R], backend: str = BACKEND) -> dict[RecordKey, R]:
    """``records`` of one backend by their keys, as the store holds them."""
    return {RecordKey(backend, r.id): r for r in records}  # type: ignore[attr-defined]


def pairs(records: Iterable[R], backend: str = BACKEND) -> list[tuple[RecordKey, R]]:
    """(key, record) pairs of one backend, as a store diff hands them to the map."""
    return list(keyed(records, backend).items())


def keys(ids: Iterable[str], backend: str = BACKEND) -> list[RecordKey]:
    """The keys of ``ids`` of one backend (records that went, say)."""
    return [RecordKey(backend, rid) for rid in ids]


def by_id(table: Mapping[RecordKey, R], backend: str | None = None) -> dict[str, R]:
    """``backend``'s records by id (default: the one backend the table holds)."""
    if backend is None:
        backends = {key.backend for key in table}
        assert len(backends) <= 1, f"records of several backends: {sorted(backends)}"
        return {key.id: rec for key, rec in table.items()}
    return {key.id: rec for key, rec in table.items() if key.backend == backend}


def page_ids(drawn: Mapping[str, R], backend: str = BACKEND) -> dict[str, R]:
    """A map page's markers (by ``RecordKey.text``) by record id; all of ``backend``."""
    parsed = {RecordKey.parse(text): value for text, value in drawn.items()}
    assert all(k is not None and k.backend == backend for k in parsed), sorted(drawn)
    return {k.id: value for k, value in parsed.items()}


__all__ = ["by_id", "keyed", "keys", "page_ids", "pairs"]
