"""Record keys: a record is known by its backend and its id, never by its id alone.

Two regions' CAD systems both numbering their calls from 1 is normal, so the wall keys
every call, incident, unit and agency by ``RecordKey(backend, id)``: the store, its
diffs, the panels, the map, the drill-down, redaction and the province comparison all
use this one type. Ids on the wire stay as the backend sends them. Where a key must
travel as text (a marker's id on the map page and back in a click), ``text`` makes it
and ``RecordKey.parse`` reads it: nowhere else.

A record's references (a unit's ``agency_id``, an incident's ``unit_ids``) are ids of
its own backend: ``key.sibling(ref)`` is the key of what it refers to.
"""

from __future__ import annotations

from typing import NamedTuple

SEPARATOR = "/"  # backend names carry none (the configuration refuses it)
ID_MAX = 64  # the feed's record ids are 1..64 characters
BACKEND_MAX = 64  # the configuration's limit on a backend's name


class RecordKey(NamedTuple):
    """The backend a record came from, and the id that backend gave it."""

    backend: str
    id: str

    def sibling(self, rid: str) -> RecordKey:
        """The key of record ``rid`` of the same backend (what this record refers to)."""
        return RecordKey(self.backend, rid)

    @property
    def text(self) -> str:
        """The key as one string, ``backend/id``: for the map page, which needs text ids."""
        return f"{self.backend}{SEPARATOR}{self.id}"

    @classmethod
    def parse(cls, text: object) -> RecordKey | None:
        """``"backend/id"`` (as ``text`` made it) -> the key; anything malformed -> None."""
        if not isinstance(text, str) or len(text) > BACKEND_MAX + 1 + ID_MAX:
            return None
        backend, sep, rid = text.partition(SEPARATOR)
        if not sep or not 0 < len(backend) <= BACKEND_MAX or not 0 < len(rid) <= ID_MAX:
            return None
        if not (backend.isprintable() and rid.isprintable()):
            return None
        return cls(backend, rid)


__all__ = ["ID_MAX", "RecordKey"]
