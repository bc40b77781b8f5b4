"""Every KPI of one period in one record: the interface the panel and the report share.

``summarize(calls, incidents, start, end, targets, now)`` applies each definition of
this package once to the same records and checks the figures against the centre's
targets, so the queue panel, the shift report and any later page (a region comparison,
an orientation summary) show the very same numbers. ``to_dict()`` gives plain JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

import numpy as np

from wallboard.kpi import column_kpis
from wallboard.kpi.answering import AnsweringKpis
from wallboard.kpi.columns import CallColumns, IncidentColumns, epoch_us
from wallboard.kpi.disposition import DispositionKpis
from wallboard.kpi.response import DurationStats, ResponseKpis
from wallboard.kpi.targets import (
    ABANDON_RATE,
    DEFAULT_TARGET_SET,
    DISPATCH_WITHIN,
    EN_ROUTE_WITHIN,
    ON_SCENE_WITHIN,
    SERVICE_LEVEL,
    Target,
    TargetSet,
    Verdict,
    verdict,
)
from wallboard.kpi.window import check_period
from wallboard.model import CallRecord, Incident

INTERVAL_MIN = 15
_STEP_OF = {DISPATCH_WITHIN: 0, EN_ROUTE_WITHIN: 1, ON_SCENE_WITHIN: 2}


@dataclass(frozen=True)
class TargetResult:
    """One target, the figure checked against it (None: no data) and the verdict."""

    target: Target
    value: float | None
    verdict: Verdict


@dataclass(frozen=True)
class KpiSummary:
    """Every KPI figure of the records in [start, end) as they stood at ``now``.

    Calls count for the period they were offered in, incidents for the one they were
    created in (README, "Service standards"). ``offered_per_interval`` has one count per
    ``interval_min`` minutes from ``start``; ``results`` one entry per target.
    """

    start: datetime
    end: datetime
    now: datetime
    answering: AnsweringKpis
    average_handling_s: float | None
    dispositions: DispositionKpis
    response: ResponseKpis
    response_by_agency: Mapping[str, ResponseKpis]
    response_by_category: Mapping[str, ResponseKpis]
    offered_per_interval: tuple[int, ...]
    interval_min: int
    results: tuple[TargetResult, ...]

    def result(self, kpi: str, threshold_s: float | None = None) -> TargetResult | None:
        """The result of the target for ``kpi`` (at ``threshold_s``), if one is set."""
        for r in self.results:
            if r.target.kpi == kpi and (threshold_s is None or r.target.threshold_s == threshold_s):
                return r
        return None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: ISO 8601 times, shares as fractions, seconds as floats."""
        a, d = self.answering, self.dispositions
        return {
            "period": {
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
                "now": self.now.isoformat(),
            },
            "answering": {
                "offered": a.offered,
                "answered": a.answered,
                "abandoned": a.abandoned,
                "short_abandoned": a.short_abandoned,
                "waiting": a.waiting,
                "abandon_rate": a.abandon_rate,
                "service_level": {str(t): v for t, v in a.service_level.items()},
                "asa_s": a.asa_s,
                "p90_answer_s": a.p90_answer_s,
                "longest_wait_now_s": a.longest_wait_now_s,
            },
            "handling": {"average_handling_s": self.average_handling_s},
            "dispositions": {
                "counts": {str(k): v for k, v in d.counts.items()},
                "unclassified": d.unclassified,
                "total": d.total,
                "non_emergency": d.non_emergency,
                "non_emergency_share": d.share_of_non_emergency,
            },
            "response": _response_dict(self.response),
            "response_by_agency": {
                k: _response_dict(v) for k, v in self.response_by_agency.items()
            },
            "response_by_category": {
                k: _response_dict(v) for k, v in self.response_by_category.items()
            },
            "offered_per_interval": {
                "minutes": self.interval_min,
                "counts": list(self.offered_per_interval),
            },
            "targets": [
                {
                    "kpi": r.target.kpi,
                    "threshold_s": r.target.threshold_s,
                    "goal": r.target.goal,
                    "higher_is_better": r.target.higher_is_better,
                    "source": r.target.source,
                    "value": r.value,
                    "verdict": str(r.verdict),
                }
                for r in self.results
            ],
        }


def _stats_dict(s: DurationStats) -> dict[str, Any]:
    return {
        "count": s.count,
        "median_s": s.median_s,
        "p90_s": s.p90_s,
        "share_within": s.share_within,
        "pending": s.pending,
    }


def _response_dict(r: ResponseKpis) -> dict[str, Any]:
    return {
        "to_dispatch": _stats_dict(r.to_dispatch),
        "to_en_route": _stats_dict(r.to_en_route),
        "to_on_scene": _stats_dict(r.to_on_scene),
    }


def _step_targets(targets: TargetSet) -> dict[str, float | None]:
    """The first target of each response step, the threshold its share_within uses."""
    firsts: dict[str, float | None] = {}
    for kind in _STEP_OF:
        found = targets.of(kind)
        firsts[kind] = found[0].threshold_s if found else None
    return firsts


def _triple(steps: Mapping[str, float | None]) -> tuple[float | None, float | None, float | None]:
    return steps[DISPATCH_WITHIN], steps[EN_ROUTE_WITHIN], steps[ON_SCENE_WITHIN]


def _value(
    target: Target,
    answering: AnsweringKpis,
    incidents: IncidentColumns,
    rows: np.ndarray,
    response: ResponseKpis,
    steps: Mapping[str, float | None],
) -> float | None:
    if target.kpi == SERVICE_LEVEL:
        return answering.service_level.get(int(target.threshold_s or 0))
    if target.kpi == ABANDON_RATE:
        return answering.abandon_rate
    if target.kpi in _STEP_OF:
        if steps[target.kpi] != target.threshold_s:
            # a second target on the same step: its own threshold
            own = _triple({**steps, target.kpi: target.threshold_s})
            response = column_kpis.response(incidents, rows, own)
        stats = (response.to_dispatch, response.to_en_route, response.to_on_scene)
        return stats[_STEP_OF[target.kpi]].share_within
    return None


def summarize(
    calls: Iterable[CallRecord],
    incidents: Iterable[Incident],
    start: datetime,
    end: datetime,
    targets: TargetSet = DEFAULT_TARGET_SET,
    now: datetime | None = None,
    *,
    interval_min: int = INTERVAL_MIN,
    by_group: bool = True,
) -> KpiSummary:
    """Every KPI of [start, end) at ``now`` (default ``end``), checked against ``targets``.

    Pure and thread-safe over immutable records: the panel runs it off the GUI thread.
    ``by_group=False`` leaves the per-agency and per-category response figures empty
    for a view that does not show them. The records are turned into columns once
    (wallboard/kpi/columns.py) and every figure is computed from those.
    """
    check_period(start, end)
    return summarize_columns(
        CallColumns.from_records(calls),
        IncidentColumns.from_records(incidents),
        start,
        end,
        targets,
        now,
        interval_min=interval_min,
        by_group=by_group,
    )


def summarize_columns(
    calls: CallColumns,
    incidents: IncidentColumns,
    start: datetime,
    end: datetime,
    targets: TargetSet = DEFAULT_TARGET_SET,
    now: datetime | None = None,
    *,
    interval_min: int = INTERVAL_MIN,
    by_group: bool = True,
) -> KpiSummary:
    """``summarize`` over columns already built (one revision per id): the panels keep
    theirs current from the store's diffs, so a poll costs no pass over the records."""
    check_period(start, end)
    now = end if now is None else now
    start_us, end_us, now_us = epoch_us(start), epoch_us(end), epoch_us(now)
    offered = column_kpis.offered_mask(calls, start_us, end_us)
    created = column_kpis.created_mask(incidents, start_us, end_us)
    answering = column_kpis.answering(
        calls, offered, now_us, targets.thresholds_s, targets.short_abandon_s
    )
    steps = _step_targets(targets)
    response = column_kpis.response(incidents, created, _triple(steps))
    by_agency = by_category = MappingProxyType({})
    if by_group:
        by_agency = MappingProxyType(
            column_kpis.response_by_agency(incidents, created, _triple(steps))
        )
        by_category = MappingProxyType(
            column_kpis.response_by_category(incidents, created, _triple(steps))
        )
    results = tuple(
        TargetResult(t, v, verdict(t, v))
        for t in targets.targets
        for v in (_value(t, answering, incidents, created, response, steps),)
    )
    return KpiSummary(
        start=start,
        end=end,
        now=now,
        answering=answering,
        average_handling_s=column_kpis.average_handling(calls, offered),
        dispositions=column_kpis.dispositions(calls, offered),
        response=response,
        response_by_agency=by_agency,
        response_by_category=by_category,
        offered_per_interval=tuple(
            column_kpis.per_interval(calls, offered, start_us, end_us, interval_min)
        ),
        interval_min=interval_min,
        results=results,
    )


__all__ = ["INTERVAL_MIN", "KpiSummary", "TargetResult", "summarize", "summarize_columns"]
