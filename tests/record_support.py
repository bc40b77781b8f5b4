"""Reading the store's keyed records in tests of one backend: by the id on the wire.

The store keys every record by ``RecordKey(backend, id)``. A test that polls a single
backend reads its records by their ids with ``by_id``, which refuses a table holding
several backends' records (where ids alone would merge two regions' records).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from wallboard.model import RecordKey

R = TypeVar("R")


def by_id(table: Mapping[RecordKey, R], backend: str | None = None) -> dict[str, R]:
    """``backend``'s records by id (default: the one backend the table holds)."""
    if backend is None:
        backends = {key.backend for key in table}
        assert len(backends) <= 1, f"records of several backends: {sorted(backends)}"
        return {key.id: rec for key, rec in table.items()}
    return {key.id: rec for key, rec in table.items() if key.backend == backend}


__all__ = ["by_id"]
