"""Row numbers of a columnar table: which key holds which row, and rows freed for reuse.

CallTable and IncidentTable keep records as rows of numpy arrays that a diff rewrites in
place; a removed record's row is given back and reused, so the arrays grow only with
the number of records held, never with the number of changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

import numpy as np

NO_OWNER = -1


class RowPool:
    """Rows by key; ``size`` is one past the highest row ever handed out."""

    def __init__(self) -> None:
        self._rows: dict[Hashable, int] = {}
        self._free: list[int] = []
        self.size = 0

    def __len__(self) -> int:
        return len(self._rows)

    def take(self, keys: Iterable[Hashable]) -> np.ndarray:
        """The row of each key, a new or freed one for a key not held yet."""
        rows = self._rows
        keys = keys if isinstance(keys, list) else list(keys)
        if not self._free and rows.keys().isdisjoint(keys):
            # all new (a first full page): consecutive rows, no per-key work in Python
            start = self.size
            self.size += len(keys)
            rows.update(zip(keys, range(start, self.size), strict=True))
            return np.arange(start, self.size, dtype=np.int64)
        out = []
        for key in keys:
            row = rows.get(key)
            if row is None:
                row = rows[key] = self._new()
            out.append(row)
        return np.asarray(out, dtype=np.int64)

    def take_new(self, n: int) -> np.ndarray:
        """``n`` rows held by no key (their owner keeps them and gives them back)."""
        return np.asarray([self._new() for _ in range(n)], dtype=np.int64)

    def _new(self) -> int:
        if self._free:
            return self._free.pop()
        self.size += 1
        return self.size - 1

    def release(self, key: Hashable) -> int | None:
        """Free ``key``'s row; returns it (None: the key held none)."""
        row = self._rows.pop(key, None)
        if row is not None:
            self._free.append(row)
        return row

    def give_back(self, rows: Iterable[int]) -> None:
        """Free rows taken with ``take_new``."""
        self._free.extend(rows)


def owner_codes(
    codes: dict[str | None, int],
    owner_of: Callable[[Hashable], str | None] | None,
    keys: list[Hashable],
) -> np.ndarray:
    """The small integer standing for each key's owner (owners numbered as first seen)."""
    if owner_of is None:
        return np.full(len(keys), NO_OWNER, dtype=np.int16)
    names = list(map(owner_of, keys))
    for name in set(names) - codes.keys():
        codes[name] = len(codes)
    return np.fromiter(map(codes.__getitem__, names), np.int16, len(names))


__all__ = ["NO_OWNER", "RowPool", "owner_codes"]
