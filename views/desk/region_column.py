"""The region a desk row belongs to: on a province desk, the column that tells apart two
regions' records of one id (both CADs number from 1), named as the store's region info
names the region (the backend's name until that info arrives).

On a desk of one region the column is there but hidden, and not searched: it would say
the same on every row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wallboard.model import RecordKey
from wallboard.store import Store


def region_name(store: Store, backend: str) -> str:
    """The name of the region ``backend`` serves (the backend's own name if unknown)."""
    region = store.regions.get(backend)
    return region.name if region is not None and region.name else backend


def region_text(store: Store) -> Callable[[RecordKey, Any], str]:
    """A column's text: the row's region."""
    return lambda key, _record: region_name(store, key.backend)


__all__ = ["region_name", "region_text"]
