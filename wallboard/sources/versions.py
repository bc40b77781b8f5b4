"""Versions for records whose backend gives none, so the store can tell old from new.

The store keeps a record only when its version rises. A source such as Resgrid sends
whole lists without versions; here a record's version rises whenever its content
changes, or when it comes back after a poll without it (a reopened call must not be
taken for the closed one the store remembers).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec

_encoder = msgspec.json.Encoder()


class Versions:
    """Stamps versions on the records of one kind of one backend, poll after poll.

    ``volatile`` fields (such as a "checked at" time that every poll renews) do not make
    a new version: while the rest is unchanged the record first stamped is kept whole.
    """

    def __init__(self, volatile: tuple[str, ...] = ()) -> None:
        self._held: dict[str, tuple[bytes, Any]] = {}
        self._next = 1
        self._blank = dict.fromkeys(volatile)

    def stamp(self, records: Iterable[Any]) -> list[Any]:
        """The records with versions: unchanged content keeps its version, else a new one.

        Only the ids of this poll are remembered, so memory follows the list's size.
        """
        held: dict[str, tuple[bytes, Any]] = {}
        out = []
        for rec in records:
            content = _encoder.encode(msgspec.structs.replace(rec, version=0, **self._blank))
            previous = self._held.get(rec.id)
            if previous is not None and previous[0] == content:
                stamped = previous[1]
            else:
                stamped = msgspec.structs.replace(rec, version=self._next)
                self._next += 1
            held[rec.id] = (content, stamped)
            out.append(stamped)
        self._held = held
        return out


__all__ = ["Versions"]
