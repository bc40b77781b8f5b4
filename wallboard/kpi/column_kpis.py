"""Every KPI definition of this package, over columns (wallboard/kpi/columns.py).

The same rules as answering.py, handling.py, disposition.py, series.py and response.py,
written with numpy over exact integer microseconds: a day of 50,000 calls takes a few
milliseconds instead of a few hundred. The plain functions stay the definitions; a
property test (tests/test_kpi_fast_path.py) holds these equal to them on random logs.
Averages sum whole microseconds as integers on both sides (selection.mean_of_us), so
they agree to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

import numpy as np

from wallboard.kpi.answering import AnsweringKpis
from wallboard.kpi.columns import (
    CATEGORIES,
    DISPOSITIONS,
    MISSING,
    UNCLASSIFIED,
    CallColumns,
    IncidentColumns,
)
from wallboard.kpi.disposition import DispositionKpis
from wallboard.kpi.percentile import nearest_rank
from wallboard.kpi.response import DurationStats, ResponseKpis
from wallboard.kpi.selection import mean_of_us

_US_PER_S = 1_000_000


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _seconds(later: np.ndarray, earlier: np.ndarray | int) -> np.ndarray:
    """Clamped durations in seconds: never negative (clock skew), each value the same
    float as ``timedelta.total_seconds()`` of the exact difference."""
    return np.maximum(later - earlier, 0) / _US_PER_S


def offered_mask(calls: CallColumns, start_us: int, end_us: int) -> np.ndarray:
    """Rows of the calls offered in [start, end)."""
    offered = calls.offered
    return (offered >= start_us) & (offered < end_us)


def answering(
    calls: CallColumns,
    rows: np.ndarray,
    now_us: int,
    thresholds: Sequence[int],
    short_abandon_s: float,
) -> AnsweringKpis:
    """``answering_kpis`` of the rows ``rows`` (a mask of offered calls)."""
    if short_abandon_s < 0:
        raise ValueError(f"short_abandon_s must be >= 0, got {short_abandon_s!r}")
    if any(t < 0 for t in thresholds):
        raise ValueError(f"service-level thresholds must be >= 0, got {tuple(thresholds)!r}")
    offered = calls.offered[rows]
    answered_at = calls.answered[rows]
    abandoned_at = calls.abandoned[rows]
    # answered wins if a faulty backend sends both: the caller did reach someone
    is_answered = answered_at != MISSING
    is_abandoned = ~is_answered & (abandoned_at != MISSING)
    is_waiting = ~is_answered & ~is_abandoned
    answer_us = np.maximum(answered_at[is_answered] - offered[is_answered], 0)
    answer_s = np.sort(answer_us / _US_PER_S)
    abandon_s = _seconds(abandoned_at[is_abandoned], offered[is_abandoned])
    waits_s = np.sort(_seconds(now_us, offered[is_waiting]))
    abandoned = len(abandon_s)
    short = int(np.count_nonzero(abandon_s < short_abandon_s))
    answered, long_abandoned = len(answer_s), abandoned - short
    service_level: dict[int, float | None] = {}
    for t in thresholds:
        within = int(np.searchsorted(answer_s, t, side="right"))
        late_waiting = len(waits_s) - int(np.searchsorted(waits_s, t, side="right"))
        service_level[t] = _share(within, answered + long_abandoned + late_waiting)
    return AnsweringKpis(
        offered=len(offered),
        answered=answered,
        abandoned=abandoned,
        short_abandoned=short,
        waiting=len(waits_s),
        abandon_rate=_share(long_abandoned, answered + long_abandoned),
        service_level=MappingProxyType(service_level),
        asa_s=mean_of_us(int(answer_us.sum()), answered),
        p90_answer_s=nearest_rank(answer_s, 90),
        longest_wait_now_s=float(waits_s[-1]) if len(waits_s) else None,
    )


def average_handling(calls: CallColumns, rows: np.ndarray) -> float | None:
    """``average_handling_s``: mean talk time of answered, ended calls of ``rows``."""
    answered_at = calls.answered[rows]
    ended_at = calls.ended[rows]
    both = (answered_at != MISSING) & (ended_at != MISSING)
    talk_us = np.maximum(ended_at[both] - answered_at[both], 0)
    return mean_of_us(int(talk_us.sum()), len(talk_us))


def dispositions(calls: CallColumns, rows: np.ndarray) -> DispositionKpis:
    """``disposition_kpis`` of ``rows``."""
    tally = np.bincount(calls.disposition[rows], minlength=UNCLASSIFIED + 1)
    counts = {d: int(tally[n]) for n, d in enumerate(DISPOSITIONS)}
    return DispositionKpis(
        counts=MappingProxyType(counts),
        unclassified=int(tally[UNCLASSIFIED]),
        total=int(tally.sum()),
    )


def per_interval(calls: CallColumns, rows: np.ndarray, start_us: int, end_us: int, minutes: int):
    """``calls_per_interval``: offered calls per bucket of ``minutes`` from ``start``."""
    if minutes <= 0:
        raise ValueError(f"interval must be a positive number of minutes, got {minutes!r}")
    width = minutes * 60 * _US_PER_S
    n = -(-(end_us - start_us) // width)
    if n <= 0:
        return []
    buckets = np.minimum((calls.offered[rows] - start_us) // width, n - 1)
    return np.bincount(buckets, minlength=n).tolist()


def _stats(durations: np.ndarray, pending: int, target_s: float | None) -> DurationStats:
    durations = np.sort(durations)
    within = None
    if target_s is not None and len(durations):
        within = int(np.count_nonzero(durations <= target_s)) / len(durations)
    return DurationStats(
        count=len(durations),
        median_s=nearest_rank(durations, 50),
        p90_s=nearest_rank(durations, 90),
        share_within=within,
        pending=pending,
    )


def _response(
    created: np.ndarray,
    first: np.ndarray,
    is_open: np.ndarray,
    targets: tuple[float | None, float | None, float | None],
) -> ResponseKpis:
    stats = []
    for k in range(3):
        reached = first[:, k] != MISSING
        durations = _seconds(first[reached, k], created[reached])
        pending = int(np.count_nonzero(~reached & is_open))
        stats.append(_stats(durations, pending, targets[k]))
    return ResponseKpis(to_dispatch=stats[0], to_en_route=stats[1], to_on_scene=stats[2])


def created_mask(incidents: IncidentColumns, start_us: int, end_us: int) -> np.ndarray:
    """Rows of the incidents created in [start, end)."""
    created = incidents.created
    return (created >= start_us) & (created < end_us)


def response(
    incidents: IncidentColumns,
    rows: np.ndarray,
    targets: tuple[float | None, float | None, float | None],
) -> ResponseKpis:
    """``response_kpis`` (every agency, every category) of the incident rows ``rows``."""
    return _response(
        incidents.created[rows], incidents.first[rows], incidents.is_open[rows], targets
    )


def response_by_category(
    incidents: IncidentColumns,
    rows: np.ndarray,
    targets: tuple[float | None, float | None, float | None],
) -> dict[str, ResponseKpis]:
    """``response_kpis_by(..., "category")``: the categories present, sorted by value."""
    found = {}
    category = incidents.category
    for code in np.unique(category[rows]).tolist():
        found[str(CATEGORIES[code])] = response(incidents, rows & (category == code), targets)
    return {name: found[name] for name in sorted(found)}


def response_by_agency(
    incidents: IncidentColumns,
    rows: np.ndarray,
    targets: tuple[float | None, float | None, float | None],
) -> dict[str, ResponseKpis]:
    """``response_kpis_by(..., "agency")``: each agency involved, timed to its own units."""
    pairs = rows[incidents.agency_incident]
    owner = incidents.agency_incident[pairs]
    code = incidents.agency_code[pairs]
    first = incidents.agency_first[pairs]
    created = incidents.created[owner]
    is_open = incidents.is_open[owner]
    found = {}
    for k in np.unique(code).tolist():
        mine = code == k
        found[incidents.agencies[k]] = _response(created[mine], first[mine], is_open[mine], targets)
    return {name: found[name] for name in sorted(found)}


__all__ = [
    "answering",
    "average_handling",
    "created_mask",
    "dispositions",
    "offered_mask",
    "per_interval",
    "response",
    "response_by_agency",
    "response_by_category",
]
