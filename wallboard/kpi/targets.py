"""Service targets, their sources, and the verdict of a figure against them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wallboard.units.status_limits import (
    DEFAULT_UNIT_LIMITS,
    LimitError,
    UnitLimits,
    is_limit_key,
    unit_limits_from_dict,
)

NENA = "NENA-STA-020.1-2020 (9-1-1 call answering)"
NFPA = "NFPA 1225 (alarm processing: 90 % within 60 s)"
COMMON_GOAL = "common contact-centre goal, not a standard"

# the KPI names a Target refers to, and the figure each one is checked against
SERVICE_LEVEL = "service_level"  # AnsweringKpis.service_level[threshold_s]
DISPATCH_WITHIN = "dispatch_within"  # response_kpis(..., dispatch_target_s=threshold_s)
EN_ROUTE_WITHIN = "en_route_within"  # .to_en_route.share_within at threshold_s
ON_SCENE_WITHIN = "on_scene_within"  # .to_on_scene.share_within at threshold_s
ABANDON_RATE = "abandon_rate"  # AnsweringKpis.abandon_rate


@dataclass(frozen=True)
class Target:
    """A goal for one KPI: e.g. service level at 15 s >= 0.90 (higher is better)."""

    kpi: str
    threshold_s: float | None
    goal: float
    higher_is_better: bool
    source: str


DEFAULT_TARGETS: tuple[Target, ...] = (
    Target(SERVICE_LEVEL, 15, 0.90, True, NENA),
    Target(SERVICE_LEVEL, 20, 0.95, True, NENA),
    Target(DISPATCH_WITHIN, 60, 0.90, True, NFPA),
    Target(ABANDON_RATE, None, 0.05, False, COMMON_GOAL),
)


class Verdict(StrEnum):
    MET = "met"
    MISSED = "missed"
    NO_DATA = "no_data"


def verdict(target: Target, value: float | None) -> Verdict:
    """MET when ``value`` reaches the goal (>= or <= by direction); NO_DATA when None/NaN."""
    if value is None or math.isnan(value):
        return Verdict.NO_DATA
    met = value >= target.goal if target.higher_is_better else value <= target.goal
    return Verdict.MET if met else Verdict.MISSED


class TargetError(ValueError):
    """A bad [targets] entry, worded for the person who edits the file."""


_KEY_RE = re.compile(r"(?P<kind>answer|dispatch|en_route|on_scene)_(?P<seconds>[0-9]{1,4})s")
_KINDS = {
    "answer": SERVICE_LEVEL,
    "dispatch": DISPATCH_WITHIN,
    "en_route": EN_ROUTE_WITHIN,
    "on_scene": ON_SCENE_WITHIN,
}
_KEY_HELP = (
    "answer_<N>s, dispatch_<N>s, en_route_<N>s, on_scene_<N>s (N = 1..3600), abandon_rate, "
    "service_levels_s, short_abandon_s or unit_<status>_min"
)
DEFAULT_SERVICE_LEVELS_S: tuple[int, ...] = (10, 15, 20)
DEFAULT_SHORT_ABANDON_S = 5.0


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _key_text(key: Any) -> str:
    if isinstance(key, str) and key.isprintable() and len(key) <= 60:
        return key
    return _shown(key)


def targets_from_dict(raw: dict[str, Any], source: str) -> tuple[Target, ...]:
    """Validate a table of goals into Targets: ``answer_15s = 0.9`` (share of calls
    answered within 15 s), ``dispatch_60s``, ``en_route_<N>s``, ``on_scene_<N>s``,
    ``abandon_rate = 0.05`` (a ceiling). Values are shares in [0, 1]. Errors name
    ``source``, the key, the value and what was expected.
    """
    if not isinstance(raw, dict):
        raise TargetError(f"{source}: [targets] must be a table, got {_shown(raw)}")
    return tuple(_target(key, value, source) for key, value in raw.items())


def _target(key: Any, value: Any, source: str) -> Target:
    where = f"{source}: key targets.{_key_text(key)}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TargetError(
            f"{where} = {_shown(value)}: expected a number between 0 and 1 (e.g. 0.9)"
        )
    if not 0 <= value <= 1:
        raise TargetError(
            f"{where} = {_shown(value)}: expected a share between 0 and 1 (write 90 % as 0.9)"
        )
    if key == "abandon_rate":
        return Target(ABANDON_RATE, None, float(value), False, f"set in {source}")
    match = _KEY_RE.fullmatch(key) if isinstance(key, str) else None
    seconds = int(match["seconds"]) if match else 0
    if not match or not 1 <= seconds <= 3600:
        raise TargetError(f"{where}: unknown target; expected one of {_KEY_HELP}")
    return Target(_KINDS[match["kind"]], seconds, float(value), True, f"set in {source}")


@dataclass(frozen=True)
class TargetSet:
    """Everything a centre sets about its service standards: the goals, the service
    levels shown (seconds), the abandon time under which a call is a misdial, and how
    long a unit may stay in a status (``unit_<status>_min``)."""

    targets: tuple[Target, ...] = DEFAULT_TARGETS
    service_levels_s: tuple[int, ...] = DEFAULT_SERVICE_LEVELS_S
    short_abandon_s: float = DEFAULT_SHORT_ABANDON_S
    unit_limits: UnitLimits = DEFAULT_UNIT_LIMITS

    @property
    def thresholds_s(self) -> tuple[int, ...]:
        """Service levels to compute: those shown plus any a target needs, ascending."""
        needed = {int(t.threshold_s) for t in self.targets if t.kpi == SERVICE_LEVEL}
        return tuple(sorted(set(self.service_levels_s) | needed))

    def of(self, kpi: str) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.kpi == kpi)


DEFAULT_TARGET_SET = TargetSet()


def _seconds_list(value: Any, where: str) -> tuple[int, ...]:
    ok = (
        isinstance(value, list)
        and 0 < len(value) <= 6
        and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 3600 for v in value)
    )
    if not ok:
        raise TargetError(
            f"{where} = {_shown(value)}: expected 1 to 6 whole seconds between 1 and 3600, "
            "e.g. [10, 15, 20]"
        )
    return tuple(sorted(set(value)))


def target_set_from_dict(raw: Any, source: str) -> TargetSet:
    """The ``[targets]`` table of the configuration, merged over the defaults.

    A goal key given replaces the default goal of the same KPI and threshold (or adds
    one); defaults not named stay. ``service_levels_s = [10, 15, 20]`` lists the service
    levels shown; ``short_abandon_s = 5`` the misdial limit (0 turns it off);
    ``unit_en_route_min = 15`` (or ``[15, 25]``) a unit status's amber (and red) limit.
    """
    if not isinstance(raw, dict):
        raise TargetError(f"{source}: [targets] must be a table, got {_shown(raw)}")
    goals = dict(raw)
    levels = DEFAULT_SERVICE_LEVELS_S
    short = DEFAULT_SHORT_ABANDON_S
    if "service_levels_s" in goals:
        levels = _seconds_list(
            goals.pop("service_levels_s"), f"{source}: key targets.service_levels_s"
        )
    if "short_abandon_s" in goals:
        value = goals.pop("short_abandon_s")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 60:
            raise TargetError(
                f"{source}: key targets.short_abandon_s = {_shown(value)}: "
                "expected seconds between 0 and 60 (0 turns the rule off)"
            )
        short = float(value)
    limit_keys = {k: goals.pop(k) for k in list(goals) if is_limit_key(k)}
    try:
        unit_limits = unit_limits_from_dict(limit_keys, source)
    except LimitError as exc:
        raise TargetError(str(exc)) from None
    given = {(t.kpi, t.threshold_s): t for t in targets_from_dict(goals, source)}
    # a default keeps its place with the configured goal; new targets follow in file order
    merged = [given.pop((t.kpi, t.threshold_s), t) for t in DEFAULT_TARGETS]
    return TargetSet((*merged, *given.values()), levels, short, unit_limits)
