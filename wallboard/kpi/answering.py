"""Call answering: offered, answered, abandoned, service level, speed of answer."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from wallboard.kpi.percentile import nearest_rank
from wallboard.kpi.selection import calls_offered_in, clamped_seconds, mean_seconds
from wallboard.model import CallRecord


@dataclass(frozen=True)
class AnsweringKpis:
    """How fast the centre picked up the calls offered in a period.

    ``answered + abandoned + waiting == offered``; ``short_abandoned`` is the part of
    ``abandoned`` that hung up in under ``short_abandon_s`` and is left out of the
    abandon rate and the service level.
    """

    offered: int
    answered: int
    abandoned: int
    short_abandoned: int
    waiting: int
    abandon_rate: float | None
    service_level: Mapping[int, float | None]
    asa_s: float | None
    p90_answer_s: float | None
    longest_wait_now_s: float | None


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def answering_kpis(
    calls: Iterable[CallRecord],
    start: datetime,
    end: datetime,
    now: datetime,
    thresholds: Sequence[int] = (10, 15, 20),
    short_abandon_s: float = 5.0,
) -> AnsweringKpis:
    """Answering KPIs of the calls offered in [start, end), as they stand at ``now``.

    Service level at T = answered within T s / (answered + long abandoned + still
    waiting longer than T s): NENA counts all calls arriving, so a call that is already
    late counts as missed before it ends, and a waiting call not yet late is undecided.
    """
    if short_abandon_s < 0:
        raise ValueError(f"short_abandon_s must be >= 0, got {short_abandon_s!r}")
    if any(t < 0 for t in thresholds):
        raise ValueError(f"service-level thresholds must be >= 0, got {tuple(thresholds)!r}")
    answer_s: list[float] = []
    waits_s: list[float] = []
    abandoned = short = 0
    selected = calls_offered_in(calls, start, end)
    for call in selected:
        # answered_at wins if a faulty backend sends both: the caller did reach someone
        if call.answered_at is not None:
            answer_s.append(clamped_seconds(call.offered_at, call.answered_at))
        elif call.abandoned_at is not None:
            abandoned += 1
            if clamped_seconds(call.offered_at, call.abandoned_at) < short_abandon_s:
                short += 1
        else:
            waits_s.append(clamped_seconds(call.offered_at, now))
    answer_s.sort()
    waits_s.sort()
    answered, long_abandoned = len(answer_s), abandoned - short
    service_level: dict[int, float | None] = {}
    for t in thresholds:
        within = bisect_right(answer_s, t)
        late_waiting = len(waits_s) - bisect_right(waits_s, t)
        service_level[t] = _share(within, answered + long_abandoned + late_waiting)
    return AnsweringKpis(
        offered=len(selected),
        answered=answered,
        abandoned=abandoned,
        short_abandoned=short,
        waiting=len(waits_s),
        abandon_rate=_share(long_abandoned, answered + long_abandoned),
        service_level=MappingProxyType(service_level),
        asa_s=mean_seconds(answer_s),
        p90_answer_s=nearest_rank(answer_s, 90),
        longest_wait_now_s=waits_s[-1] if waits_s else None,
    )
