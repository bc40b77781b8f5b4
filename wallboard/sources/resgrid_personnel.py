"""Resgrid personnel statuses as head counts per group: pure functions, no network.

``GET /api/v4/Personnel/GetAllPersonnelInfos`` (Resgrid/Core
Web/Resgrid.Web.Services/Controllers/v4/PersonnelController.cs) answers a v4 envelope
whose ``Data`` is a list of ``PersonnelInfoResultData`` (Models/v4/Personnel/
PersonnelInfoResult.cs, GetAllPersonnelInfosResult.cs), one per person the login may
see. Of each we read three fields and nothing else:

- ``GroupId`` (text; "0" or empty: in no group) -> which agency the person counts for;
- ``StatusId``: the ``ActionTypes`` value (Resgrid.Model/ActionTypes.cs) or a
  department's custom status id, read by its base type (resgrid_statuses);
- ``Staffing``, the staffing level's text (UserStateTypes: Available, Delayed,
  Unavailable, Committed, On Shift, or custom).

Hidden and disabled members are in the answer only for a department or group admin's
login (PersonnelController.GetAllPersonnelInfos), and nothing in it marks them: the
wall's login must be an ordinary member's, so that they are not counted on duty.

Names, e-mail, phone, identification number, roles and location are in the answer
too; they are never read, kept or logged: the wall shows counts, not people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from wallboard.model.agency import PersonnelCounts
from wallboard.sources.resgrid_statuses import (
    AVAILABLE,
    ON_SCENE,
    RESPONDING,
    UNAVAILABLE,
    PersonStatuses,
)

ENDPOINT = "/api/v4/Personnel/GetAllPersonnelInfos"

# A staffing level that takes an "available" person off the count (UserStateTypes
# Unavailable, or a department's own level saying so).
UNAVAILABLE_STAFFING = frozenset({"unavailable", "tidak", "off", "libur", "cuti", "sakit"})

_WORD = re.compile(r"[a-z0-9]+")


class PersonnelProblem(ValueError):
    """The personnel answer as a whole cannot be used."""


def _text(raw: dict[str, Any], field: str) -> str:
    value = raw.get(field)
    if isinstance(value, str):
        return " ".join(value.lower().split())[:200]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def person_state(statuses: PersonStatuses, status_id: object, staffing: str = "") -> str:
    """One person's state (available, responding, on_scene, unavailable) from their
    ``StatusId``: a built-in status (ActionTypes, <= 25) by its id, a department's own
    by its base type (wallboard.sources.resgrid_statuses), anything unknown unavailable,
    so no one is counted as available who is not known to be. The status TEXT is not
    read ("On Unit (Engine 1)" and custom texts say nothing reliable). An "unavailable"
    staffing level takes an available person off the available count."""
    state = statuses.state(status_id)
    if state == AVAILABLE and set(_WORD.findall(staffing)) & UNAVAILABLE_STAFFING:
        return UNAVAILABLE
    return state


def group_key(raw: dict[str, Any]) -> str:
    """The person's group id as text; "" for no group."""
    value = raw.get("GroupId")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    text = str(value).strip()
    return "" if text in ("", "0") or len(text) > 40 else text


def count_by_group(
    items: Iterable[Any], statuses: PersonStatuses
) -> tuple[dict[str, PersonnelCounts], int]:
    """Head counts per group id ("" for people in no group), and how many entries were
    not person records (skipped)."""
    tallies: dict[str, Counter[str]] = {}
    skipped = 0
    for raw in items:
        if not isinstance(raw, dict):
            skipped += 1
            continue
        state = person_state(statuses, raw.get("StatusId"), _text(raw, "Staffing"))
        tallies.setdefault(group_key(raw), Counter())[state] += 1
    counts = {
        group: PersonnelCounts(
            available=t[AVAILABLE],
            responding=t[RESPONDING],
            on_scene=t[ON_SCENE],
            unavailable=t[UNAVAILABLE],
        )
        for group, t in tallies.items()
    }
    return counts, skipped


__all__ = [
    "ENDPOINT",
    "PersonnelProblem",
    "count_by_group",
    "group_key",
    "person_state",
]
