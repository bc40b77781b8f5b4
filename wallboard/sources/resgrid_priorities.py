"""A Resgrid department's call priorities on the wall's four: pure functions, no network.

``CallResultData.Priority`` is a ``DepartmentCallPriorityId`` (Resgrid/Core
``Core/Resgrid.Services/CallsService.cs``): 0-3 for Resgrid's own four (Low, Medium,
High, Emergency; ``GetDefaultCallPriorities``, Sort 0-3) or, in a department that made
its own list, that list's ids (any number). ``GET
/api/v4/CallPriorities/GetAllCallPriorites`` (sic; ``Controllers/v4/
CallPrioritiesController.cs``) lists them: ``Id``, ``Name``, ``Color``, ``Sort``,
``IsDefault``, ``IsDeleted``. Each becomes one of the wall's four priorities by its name
when the name says (English or Indonesian words), else by its place in the ``Sort``
order (Resgrid's defaults sort up with urgency: the top of the list is P1, its bottom
P4), and its name leads the call's description (the map's label, the details panel).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wallboard.model import Priority

ENDPOINT = "/api/v4/CallPriorities/GetAllCallPriorites"

# Resgrid's own four (GetDefaultCallPriorities): id -> (name, wall priority).
DEFAULTS: dict[int, tuple[str, Priority]] = {
    0: ("Low", Priority.LOW),
    1: ("Medium", Priority.MEDIUM),
    2: ("High", Priority.HIGH),
    3: ("Emergency", Priority.CRITICAL),
}
# A priority's name decides when it says: the first row with a word in it.
NAME_WORDS: tuple[tuple[frozenset[str], Priority], ...] = (
    (
        frozenset({"emergency", "critical", "darurat", "kritis", "gawat", "p1", "merah", "red"}),
        Priority.CRITICAL,
    ),
    (frozenset({"high", "urgent", "tinggi", "segera", "p2", "kuning", "yellow"}), Priority.HIGH),
    (frozenset({"medium", "normal", "sedang", "biasa", "p3", "hijau", "green"}), Priority.MEDIUM),
    (frozenset({"low", "rendah", "routine", "rutin", "p4", "putih", "white"}), Priority.LOW),
)
# An id no list names (a priority created after the list was read, or the list not read
# yet): HIGH, so that no call is played down; the problem is logged.
UNKNOWN = Priority.HIGH

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class PriorityTable:
    """Department priority id -> (wall priority, name)."""

    by_id: dict[int, tuple[Priority, str]] = field(default_factory=dict)

    @classmethod
    def from_answer(cls, items: Iterable[Any]) -> PriorityTable:
        """The table for a GetAllCallPriorites ``Data`` list (entries that are not
        priority records are skipped); an empty list means Resgrid's defaults."""
        rows = []
        for raw in items:
            if not isinstance(raw, dict):
                continue
            pid, sort = raw.get("Id"), raw.get("Sort")
            if isinstance(pid, bool) or not isinstance(pid, int):
                continue
            sort = sort if isinstance(sort, int) and not isinstance(sort, bool) else 0
            name = raw.get("Name") if isinstance(raw.get("Name"), str) else ""
            rows.append((sort, pid, " ".join(name.split())[:60]))
        if not rows:
            return cls()
        rows.sort()
        by_id = {}
        for rank, (_sort, pid, name) in enumerate(rows):
            by_id[pid] = (by_name(name) or _by_rank(rank, len(rows)), name)
        return cls(by_id)

    def lookup(self, pid: int) -> tuple[Priority, str, bool]:
        """(wall priority, the department's name for it, whether the id was known)."""
        if pid in self.by_id:
            return (*self.by_id[pid], True)
        if not self.by_id and pid in DEFAULTS:
            name, prio = DEFAULTS[pid]
            return prio, name, True
        return UNKNOWN, "", False


def by_name(name: str) -> Priority | None:
    """The wall priority a priority's name states, if it states one."""
    words = set(_WORD.findall(name.lower()))
    return next((prio for keys, prio in NAME_WORDS if words & keys), None)


def _by_rank(rank: int, count: int) -> Priority:
    """Lowest Sort = least urgent (Resgrid's defaults: Low 0 .. Emergency 3). The top of
    the department's list is P1 and its bottom P4, the rest spread evenly between; a
    list of one is P2 (neither played down nor raised)."""
    if count == 1:
        return Priority.HIGH
    from_top = count - 1 - rank
    band = int(from_top * 3 / (count - 1) + 0.5)  # 0 (top) .. 3 (bottom)
    return (Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW)[band]


__all__ = ["DEFAULTS", "ENDPOINT", "NAME_WORDS", "UNKNOWN", "PriorityTable", "by_name"]
