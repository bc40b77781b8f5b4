"""How long a unit may stay in a status before the wall marks it: amber, then red.

The limits come from the ``[targets]`` table (``unit_en_route_min = 15``: amber after
15 minutes en route, red after twice that; or ``[15, 25]`` for both). Defaults: en
route 15 min, on scene 90 min, out of service 8 h. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from wallboard.model import RecordKey, Unit, UnitStatus

PREFIX = "unit_"
SUFFIX = "_min"
RED_FACTOR = 2.0  # a single limit: red at twice the amber limit
_MAX_MIN = 7 * 24 * 60


class Level(StrEnum):
    """How a unit's time in its status compares with the limits."""

    OK = "ok"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class Limit:
    """Minutes in a status after which a unit is amber, and red."""

    amber_min: float
    red_min: float


def _defaults() -> Mapping[UnitStatus, Limit]:
    return MappingProxyType(
        {
            UnitStatus.EN_ROUTE: Limit(15, 30),
            UnitStatus.ON_SCENE: Limit(90, 180),
            UnitStatus.OUT_OF_SERVICE: Limit(8 * 60, 16 * 60),
        }
    )


@dataclass(frozen=True)
class UnitLimits:
    """The per-status limits of a centre; a status without one is never marked."""

    limits: Mapping[UnitStatus, Limit] = field(default_factory=_defaults)

    def level(self, status: UnitStatus, seconds: float) -> Level:
        limit = self.limits.get(status)
        if limit is None or seconds < limit.amber_min * 60:
            return Level.OK
        return Level.RED if seconds >= limit.red_min * 60 else Level.AMBER


DEFAULT_UNIT_LIMITS = UnitLimits()


def seconds_in_status(unit: Unit, now: datetime) -> float:
    """How long ``unit`` has been in its status at ``now``; never negative (clock skew)."""
    return max(0.0, (now - unit.status_since).total_seconds())


def is_busy(unit: Unit) -> bool:
    """A unit not standing by: what the agency panel's "longest" looks at."""
    return unit.status is not UnitStatus.AVAILABLE


def longest_running(units: Mapping[RecordKey, Unit]) -> dict[RecordKey, Unit]:
    """Agency key -> its busy unit that has been longest in its status (earliest since).

    Units come by their store keys: a unit's agency is the agency of that id in the
    unit's own backend (two regions may use the same agency ids).
    """
    best: dict[RecordKey, Unit] = {}
    for key, unit in units.items():
        if not is_busy(unit):
            continue
        agency = key.sibling(unit.agency_id)
        held = best.get(agency)
        if held is None or (unit.status_since, unit.id) < (held.status_since, held.id):
            best[agency] = unit
    return best


class LimitError(ValueError):
    """A bad ``unit_<status>_min`` entry, worded for the person who edits the file."""


def _minutes(value: Any, where: str) -> Limit:
    def number(v: Any) -> bool:
        return not isinstance(v, bool) and isinstance(v, int | float) and 0 < v <= _MAX_MIN

    if number(value):
        return Limit(float(value), float(value) * RED_FACTOR)
    if isinstance(value, list) and len(value) == 2 and all(number(v) for v in value):
        amber, red = (float(v) for v in value)
        if red > amber:
            return Limit(amber, red)
    raise LimitError(
        f"{where} = {value!r}: expected minutes (amber; red at twice that) or "
        f"[amber, red] with red > amber, each between 0 and {_MAX_MIN}, e.g. 15 or [15, 25]"
    )


def is_limit_key(key: Any) -> bool:
    return isinstance(key, str) and key.startswith(PREFIX) and key.endswith(SUFFIX)


def unit_limits_from_dict(raw: Mapping[str, Any], source: str) -> UnitLimits:
    """The ``unit_<status>_min`` keys of ``[targets]``, merged over the defaults."""
    limits = dict(_defaults())
    names = ", ".join(f"{PREFIX}{s.value}{SUFFIX}" for s in UnitStatus)
    for key, value in raw.items():
        where = f"{source}: key targets.{key}"
        name = key[len(PREFIX) : -len(SUFFIX)]
        try:
            status = UnitStatus(name)
        except ValueError:
            raise LimitError(f"{where}: unknown unit status; expected one of {names}") from None
        limits[status] = _minutes(value, where)
    return UnitLimits(MappingProxyType(limits))


__all__ = [
    "DEFAULT_UNIT_LIMITS",
    "Level",
    "Limit",
    "LimitError",
    "UnitLimits",
    "is_busy",
    "is_limit_key",
    "longest_running",
    "seconds_in_status",
    "unit_limits_from_dict",
]
