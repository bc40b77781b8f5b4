"""Resgrid personnel statuses as head counts per group: pure functions, no network.

``GET /api/v4/Personnel/GetAllPersonnelInfos`` (Resgrid/Core
Web/Resgrid.Web.Services/Controllers/v4/PersonnelController.cs) answers a v4 envelope
whose ``Data`` is a list of ``PersonnelInfoResultData`` (Models/v4/Personnel/
PersonnelInfoResult.cs, GetAllPersonnelInfosResult.cs), one per person the login may
see. Of each we read three fields and nothing else:

- ``GroupId`` (text; "0" or empty: in no group) -> which agency the person counts for;
- ``Status``, the status button's text, and ``StatusId``, the ``ActionTypes`` value
  (Resgrid.Model/ActionTypes.cs) or a department's custom status id;
- ``Staffing``, the staffing level's text (UserStateTypes: Available, Delayed,
  Unavailable, Committed, On Shift, or custom).

Names, e-mail, phone, identification number, roles and location are in the answer
too; they are never read, kept or logged: the wall shows counts, not people.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from wallboard.model.agency import PersonnelCounts

ENDPOINT = "/api/v4/Personnel/GetAllPersonnelInfos"

AVAILABLE, RESPONDING, ON_SCENE, UNAVAILABLE = "available", "responding", "on_scene", "unavailable"

# The standard statuses (ActionTypes and their display texts). "Standing By" is the
# text Resgrid gives a person who never set a status (StatusId 0).
STATUS_TEXTS: dict[str, str] = {
    "available": AVAILABLE,  # StandingBy = 0
    "standing by": AVAILABLE,
    "not responding": UNAVAILABLE,  # NotResponding = 1
    "responding": RESPONDING,  # Responding = 2
    "on scene": ON_SCENE,  # OnScene = 3
    "available station": AVAILABLE,  # AvailableStation = 4
    "responding to station": RESPONDING,  # RespondingToStation = 5
    "responding to scene": RESPONDING,  # RespondingToScene = 6
    "on unit": RESPONDING,  # OnUnit = 7: crewing a unit, so committed with it
}
STATUS_IDS: dict[str, str] = {
    "0": AVAILABLE,
    "1": UNAVAILABLE,
    "2": RESPONDING,
    "3": ON_SCENE,
    "4": AVAILABLE,
    "5": RESPONDING,
    "6": RESPONDING,
    "7": RESPONDING,
}
# A department's own status texts: words decide (English and Indonesian), the first
# row that matches: "not"/"tidak" first, so "Not available" is not available; heading
# somewhere before being there, so "Menuju lokasi" is responding, "Tiba di lokasi" on scene.
STATUS_WORDS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"not", "unavailable", "tidak", "off", "libur", "cuti", "sakit"}), UNAVAILABLE),
    (frozenset({"responding", "route", "enroute", "menuju", "berangkat"}), RESPONDING),
    (frozenset({"scene", "lokasi", "tkp"}), ON_SCENE),
    (frozenset({"available", "standing", "siaga", "tersedia", "standby"}), AVAILABLE),
)
# A staffing level that takes an "available" person off the count.
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


def person_state(status: str, status_id: str = "", staffing: str = "") -> str:
    """One person's state (available, responding, on_scene, unavailable).

    The status text decides (standard texts, then words of a custom one); an empty text
    falls back on the standard StatusId; anything unknown is unavailable, so no one is
    counted as available who is not known to be. An "unavailable" staffing level takes
    an available person off the available count.
    """
    state = STATUS_TEXTS.get(status)
    if state is None and status:
        words = set(_WORD.findall(status))
        state = next((s for keys, s in STATUS_WORDS if words & keys), UNAVAILABLE)
    if state is None:
        state = STATUS_IDS.get(status_id, UNAVAILABLE)
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


def count_by_group(items: Iterable[Any]) -> tuple[dict[str, PersonnelCounts], int]:
    """Head counts per group id ("" for people in no group), and how many entries were
    not person records (skipped)."""
    tallies: dict[str, Counter[str]] = {}
    skipped = 0
    for raw in items:
        if not isinstance(raw, dict):
            skipped += 1
            continue
        state = person_state(_text(raw, "Status"), _text(raw, "StatusId"), _text(raw, "Staffing"))
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
    "STATUS_IDS",
    "STATUS_TEXTS",
    "STATUS_WORDS",
    "PersonnelProblem",
    "count_by_group",
    "group_key",
    "person_state",
]
