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
    """Stamps versions on the records of one kind of one backend, poll after poll."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[bytes, int]] = {}
        self._next = 1

    def stamp(self, records: Iterable[Any]) -> list[Any]:
        """The records with versions: unchanged content keeps its version, else a new one.

        Only the ids of this poll are remembered, so memory follows the list's size.
        """
        held: dict[str, tuple[bytes, int]] = {}
        out = []
        for rec in records:
            content = _encoder.encode(msgspec.structs.replace(rec, version=0))
            previous = self._held.get(rec.id)
            if previous is not None and previous[0] == content:
                version = previous[1]
            else:
                version = self._next
                self._next += 1
            held[rec.id] = (content, version)
            out.append(msgspec.structs.replace(rec, version=version))
        self._held = held
        return out


__all__ = ["Versions"]
