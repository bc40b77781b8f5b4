"""Resgrid statuses by their base type: what a person's or a unit's status means.

A Resgrid status is either one of Resgrid's built-in ones (a person's ``ActionTypes``
value 0-7, a unit's ``UnitStateTypes`` value 0-12) or a department's own status, a
``CustomStateDetail`` whose id is above 25 (Resgrid/Core
``Web/Resgrid.Web.Services/Helpers/CustomStatesHelper.cs``: ``<= 25`` is built in) and
whose ``BaseType`` (``Core/Resgrid.Model/ActionBaseTypes.cs``) says what it means.
``GET /api/v4/Statuses/GetAllStatusesForPersonnel`` and ``GET
/api/v4/Statuses/GetAllUnitStatuses`` (``Controllers/v4/StatusesController.cs``) list
them with their ``BaseType``; this module turns those lists into lookups. The defaults
Resgrid lists when a department has none of its own have ``StateId`` 0 and ``BaseType``
0 ("Available", never set: ``Core/Resgrid.Services/CustomStateService.cs``), so only
entries with a ``StateId`` are read by base type; built-in ids keep their own meaning.

Meanings follow Resgrid's own availability classes
(``Core/Resgrid.Model/Reporting/AvailabilityMatrix.cs``), refined to the wall's steps
(dispatched, en route, on scene, returning). Pure functions: no network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wallboard.model import UnitStatus

PERSON_STATUSES_ENDPOINT = "/api/v4/Statuses/GetAllStatusesForPersonnel"
UNIT_STATUSES_ENDPOINT = "/api/v4/Statuses/GetAllUnitStatuses"

# The highest built-in id (CustomStatesHelper: "state <= 25" is Resgrid's own).
BUILT_IN_MAX = 25

AVAILABLE, RESPONDING, ON_SCENE, UNAVAILABLE = "available", "responding", "on_scene", "unavailable"

# ActionBaseTypes -> the wall's unit status. AvailabilityMatrix classes: Available for
# Available 0, Cleared 7, OnPatrol 19, Completed 22; Unavailable for NotResponding 1,
# Unavailable 10, Maintenance 20; Delayed for OnBreak 21; Unknown for None -1; the rest
# Committed, which the wall splits into its steps.
BASE_UNIT_STATUS: dict[int, UnitStatus] = {
    -1: UnitStatus.OUT_OF_SERVICE,  # None: no system meaning, so never "available"
    0: UnitStatus.AVAILABLE,
    1: UnitStatus.OUT_OF_SERVICE,  # NotResponding
    2: UnitStatus.EN_ROUTE,  # Responding
    3: UnitStatus.ON_SCENE,  # OnScene
    4: UnitStatus.ON_SCENE,  # MadeContact
    5: UnitStatus.ON_SCENE,  # Investigating
    6: UnitStatus.DISPATCHED,  # Dispatched
    7: UnitStatus.AVAILABLE,  # Cleared
    8: UnitStatus.RETURNING,  # Returning
    9: UnitStatus.ON_SCENE,  # Staging
    10: UnitStatus.OUT_OF_SERVICE,  # Unavailable
    11: UnitStatus.EN_ROUTE,  # Enroute
    12: UnitStatus.EN_ROUTE,  # Transporting (committed, on the road)
    13: UnitStatus.EN_ROUTE,  # Delivering
    14: UnitStatus.ON_SCENE,  # AtPatient
    15: UnitStatus.ON_SCENE,  # AtHospital
    16: UnitStatus.ON_SCENE,  # Searching
    17: UnitStatus.ON_SCENE,  # Loading
    18: UnitStatus.DISPATCHED,  # Standby: committed (AvailabilityMatrix), not yet moving
    19: UnitStatus.AVAILABLE,  # OnPatrol
    20: UnitStatus.OUT_OF_SERVICE,  # Maintenance
    21: UnitStatus.OUT_OF_SERVICE,  # OnBreak (Delayed)
    22: UnitStatus.AVAILABLE,  # Completed
}
# The same base types as a person's head-count column.
_PERSON_OF_UNIT = {
    UnitStatus.AVAILABLE: AVAILABLE,
    UnitStatus.DISPATCHED: RESPONDING,
    UnitStatus.EN_ROUTE: RESPONDING,
    UnitStatus.RETURNING: RESPONDING,
    UnitStatus.ON_SCENE: ON_SCENE,
    UnitStatus.OUT_OF_SERVICE: UNAVAILABLE,
}
BASE_PERSON_STATE: dict[int, str] = {k: _PERSON_OF_UNIT[v] for k, v in BASE_UNIT_STATUS.items()}

# Built-in personnel statuses (Core/Resgrid.Model/ActionTypes.cs). On Unit (7): crewing a
# unit, so committed with it (Resgrid's reporting counts it Available and defers to the
# unit's state; a wall counting who is free to send must not).
BUILT_IN_PERSON: dict[int, str] = {
    0: AVAILABLE,  # StandingBy ("Standing By", also a person who never set a status)
    1: UNAVAILABLE,  # NotResponding
    2: RESPONDING,  # Responding
    3: ON_SCENE,  # OnScene
    4: AVAILABLE,  # AvailableStation
    5: RESPONDING,  # RespondingToStation
    6: RESPONDING,  # RespondingToScene
    7: RESPONDING,  # OnUnit
}
# Built-in unit states (Core/Resgrid.Model/UnitStateTypes.cs), by value and by the
# display text GetAllUnitStatuses sends (BigBoardModel.ToStateDisplayText).
BUILT_IN_UNIT: dict[int, UnitStatus] = {
    0: UnitStatus.AVAILABLE,  # Available
    1: UnitStatus.DISPATCHED,  # Delayed
    2: UnitStatus.OUT_OF_SERVICE,  # Unavailable
    3: UnitStatus.DISPATCHED,  # Committed
    4: UnitStatus.OUT_OF_SERVICE,  # OutOfService
    5: UnitStatus.EN_ROUTE,  # Responding
    6: UnitStatus.ON_SCENE,  # OnScene
    7: UnitStatus.ON_SCENE,  # Staging
    8: UnitStatus.RETURNING,  # Returning
    9: UnitStatus.RETURNING,  # Cancelled (released from the call)
    10: UnitStatus.RETURNING,  # Released
    11: UnitStatus.OUT_OF_SERVICE,  # Manual
    12: UnitStatus.EN_ROUTE,  # Enroute
}
BUILT_IN_UNIT_TEXT: dict[str, UnitStatus] = {
    "available": UnitStatus.AVAILABLE,
    "delayed": UnitStatus.DISPATCHED,
    "unavailable": UnitStatus.OUT_OF_SERVICE,
    "committed": UnitStatus.DISPATCHED,
    "out of service": UnitStatus.OUT_OF_SERVICE,
    "responding": UnitStatus.EN_ROUTE,
    "on scene": UnitStatus.ON_SCENE,
    "staging": UnitStatus.ON_SCENE,
    "returning": UnitStatus.RETURNING,
    "cancelled": UnitStatus.RETURNING,
    "released": UnitStatus.RETURNING,
    "manual": UnitStatus.OUT_OF_SERVICE,
    "enroute": UnitStatus.EN_ROUTE,
    "unknown": UnitStatus.OUT_OF_SERVICE,  # a unit that never had a state
}
# Unit statuses that mean the unit is no longer working its call.
FREE = frozenset({UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE})


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _text_key(value: object) -> str:
    return " ".join(value.lower().split()) if isinstance(value, str) else ""


def _custom(entries: Iterable[Any]) -> Iterable[tuple[int, str, int]]:
    """(id, text, base type) of a department's own statuses (entries with a StateId)."""
    for raw in entries:
        if not isinstance(raw, dict):
            continue
        sid, state_id, base = (
            _int(raw.get("Id")),
            _int(raw.get("StateId")),
            _int(raw.get("BaseType")),
        )
        if sid is None or not state_id or base is None:
            continue  # a built-in default (StateId 0): its BaseType was never set
        yield sid, _text_key(raw.get("Text")), base


@dataclass(frozen=True)
class PersonStatuses:
    """A department's own personnel statuses: custom status id -> base type."""

    base_of: dict[int, int] = field(default_factory=dict)

    @classmethod
    def from_answer(cls, items: Iterable[Any]) -> PersonStatuses:
        return cls({sid: base for sid, _text, base in _custom(items)})

    def state(self, status_id: object) -> str:
        """A person's state for their ``StatusId``: a built-in one (<= 25) by its id, a
        custom one by its base type; anything unknown is unavailable (never counted free)."""
        sid = _int(status_id)
        if sid is None:
            return UNAVAILABLE
        if sid <= BUILT_IN_MAX:
            return BUILT_IN_PERSON.get(sid, UNAVAILABLE)
        return BASE_PERSON_STATE.get(self.base_of.get(sid, -1), UNAVAILABLE)


@dataclass(frozen=True)
class UnitStatuses:
    """A department's own unit statuses: per unit type, text -> base type; and by id.

    ``GetAllUnitStatuses`` (UnitStatus controller) names a unit's state by its text only,
    so a custom state is found by the unit type's status set (``UnitType``) and the
    button text; ``GetCallExtraData`` names it by id (``StatusId``)."""

    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    by_id: dict[int, int] = field(default_factory=dict)

    @classmethod
    def from_answer(cls, items: Iterable[Any]) -> UnitStatuses:
        by_type: dict[str, dict[str, int]] = {}
        by_id: dict[int, int] = {}
        for raw in items:
            if not isinstance(raw, dict) or not isinstance(raw.get("Statuses"), list):
                continue
            texts = by_type.setdefault(_text_key(raw.get("UnitType")), {})
            for sid, text, base in _custom(raw["Statuses"]):
                texts.setdefault(text, base)
                by_id[sid] = base
        return cls(by_type, by_id)

    def of_text(self, state: str, unit_type: str) -> UnitStatus:
        """A unit's status for the ``State`` text GetAllUnitStatuses sends."""
        text = _text_key(state)
        base = self.by_type.get(_text_key(unit_type), {}).get(text)
        if base is None:
            # Another type's set (the unit's type renamed), then Resgrid's own texts.
            base = next((t[text] for t in self.by_type.values() if text in t), None)
        if base is not None:
            return BASE_UNIT_STATUS.get(base, UnitStatus.OUT_OF_SERVICE)
        return BUILT_IN_UNIT_TEXT.get(text, UnitStatus.OUT_OF_SERVICE)

    def of_id(self, state_id: object) -> UnitStatus:
        """A unit's status for a state value (``StatusId`` of a call's activity)."""
        sid = _int(state_id)
        if sid is None:
            return UnitStatus.OUT_OF_SERVICE
        if sid <= BUILT_IN_MAX:
            return BUILT_IN_UNIT.get(sid, UnitStatus.OUT_OF_SERVICE)
        return BASE_UNIT_STATUS.get(self.by_id.get(sid, -1), UnitStatus.OUT_OF_SERVICE)


__all__ = [
    "BASE_PERSON_STATE",
    "BASE_UNIT_STATUS",
    "BUILT_IN_PERSON",
    "BUILT_IN_UNIT",
    "FREE",
    "PERSON_STATUSES_ENDPOINT",
    "UNIT_STATUSES_ENDPOINT",
    "PersonStatuses",
    "UnitStatuses",
]
