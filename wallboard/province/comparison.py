"""Several regions side by side: each region's KPIs of today, and the comparison's rows.

Pure functions over immutable snapshots, no Qt: the comparison panel takes a snapshot on
the GUI thread and runs ``compare_regions`` off it. Every figure comes from
``wallboard.kpi.summarize`` over the region's own records and local day, so a region's
column says exactly what its own wall's queue panel and shift report say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from wallboard.feed.kinds import FeedKind
from wallboard.kpi import DEFAULT_TARGET_SET, KpiSummary, Target, TargetSet
from wallboard.kpi.call_table import CallTableCopy
from wallboard.kpi.incident_table import IncidentTableCopy
from wallboard.kpi.summary import summarize_columns
from wallboard.kpi.targets import (
    ABANDON_RATE,
    DISPATCH_WITHIN,
    EN_ROUTE_WITHIN,
    ON_SCENE_WITHIN,
    SERVICE_LEVEL,
)
from wallboard.kpi.window import local_day
from wallboard.model import UnitStatus


@dataclass(frozen=True)
class RegionSnapshot:
    """One region's records as the store held them (not shared with the store: safe off
    the GUI thread).

    ``calls`` and ``incidents`` are copies of the panel's tables (every backend's rows,
    each with its owner: the panel keeps them current from the store's diffs); only
    this backend's rows count. Its units come as counts.
    """

    backend: str
    zone: ZoneInfo
    now: datetime  # the backend's clock
    calls: CallTableCopy
    incidents: IncidentTableCopy
    units_available: int
    units_total: int


@dataclass(frozen=True)
class RegionFigures:
    """Today's KPIs of one region (its local day up to its ``now``), and its resources."""

    backend: str
    summary: KpiSummary
    open_incidents: int
    units_available: int
    units_total: int


def region_snapshot(
    store: Any,
    calls: CallTableCopy,
    incidents: IncidentTableCopy,
    backend: str,
    zone: ZoneInfo,
) -> RegionSnapshot:
    """What the panel hands the worker for ``backend``: the tables' copies (shared by
    every region), its clock and its unit counts (a few thousand units at most)."""
    units = store.units
    statuses = [units[u].status for u in store.owned_by(backend, FeedKind.UNITS) if u in units]
    return RegionSnapshot(
        backend=backend,
        zone=zone,
        now=store.feed_now(backend),
        calls=calls,
        incidents=incidents,
        units_available=sum(1 for s in statuses if s is UnitStatus.AVAILABLE),
        units_total=len(statuses),
    )


def region_figures(snap: RegionSnapshot, targets: TargetSet = DEFAULT_TARGET_SET) -> RegionFigures:
    """``summarize`` over the region's own calls and incidents of its local day."""
    start, end = local_day(snap.now, snap.zone)
    incidents = snap.incidents.columns(snap.backend)
    summary = summarize_columns(
        snap.calls.columns(snap.backend), incidents, start, end, targets, snap.now, by_group=False
    )
    return RegionFigures(
        backend=snap.backend,
        summary=summary,
        open_incidents=int(incidents.is_open.sum()),
        units_available=snap.units_available,
        units_total=snap.units_total,
    )


def compare_regions(
    snapshots: Iterable[RegionSnapshot], targets: TargetSet = DEFAULT_TARGET_SET
) -> dict[str, RegionFigures]:
    """Every region's figures, by backend name (the job the panel runs off the GUI thread)."""
    return {s.backend: region_figures(s, targets) for s in snapshots}


def compare_counted(
    snapshots: list[RegionSnapshot], targets: TargetSet, counted: frozenset[str]
) -> tuple[frozenset[str], dict[str, RegionFigures]]:
    """The comparison panel's job (run in the KPI process): the figures, with the
    regions that had data when asked."""
    return counted, compare_regions(snapshots, targets)


# -- the rows of the comparison, and each cell's value and verdict ----------------------

COUNT, SHARE, SECONDS = "count", "share", "seconds"


@dataclass(frozen=True)
class Cell:
    """A figure (None: no data) and its verdict: met, missed, no_data or none (no target)."""

    value: float | None
    verdict: str


@dataclass(frozen=True)
class ComparisonRow:
    """One KPI across the regions: its key, how its value reads, the target it is held to."""

    key: str
    unit: str  # COUNT, SHARE or SECONDS
    target: Target | None
    cell: Callable[[RegionFigures], Cell]


def _checked(target: Target, value: Callable[[RegionFigures], float | None]):
    def cell(f: RegionFigures) -> Cell:
        result = f.summary.result(target.kpi, target.threshold_s)
        shown = value(f)
        if result is None:
            return Cell(shown, "none")
        return Cell(shown, str(result.verdict))

    return cell


def _plain(value: Callable[[RegionFigures], float | None]):
    return lambda f: Cell(value(f), "none" if value(f) is not None else "no_data")


def comparison_rows(targets: TargetSet = DEFAULT_TARGET_SET) -> list[ComparisonRow]:
    """The rows in the order shown: calls offered and answered, abandon rate, every
    answering target, speed of answer p90, alarm processing p90 (held to the dispatch
    target), other response targets, open incidents and units available."""
    rows = [
        ComparisonRow("offered", COUNT, None, _plain(lambda f: f.summary.answering.offered)),
        ComparisonRow("answered", COUNT, None, _plain(lambda f: f.summary.answering.answered)),
    ]
    abandon = next(iter(targets.of(ABANDON_RATE)), None)
    rate = lambda f: f.summary.answering.abandon_rate  # noqa: E731
    abandon_cell = _checked(abandon, rate) if abandon else _plain(rate)
    rows.append(ComparisonRow("abandon_rate", SHARE, abandon, abandon_cell))
    for target in targets.of(SERVICE_LEVEL):
        t = int(target.threshold_s or 0)
        rows.append(
            ComparisonRow(
                f"sl_{t}",
                SHARE,
                target,
                _checked(target, lambda f, t=t: f.summary.answering.service_level.get(t)),
            )
        )
    rows.append(
        ComparisonRow(
            "p90_answer", SECONDS, None, _plain(lambda f: f.summary.answering.p90_answer_s)
        )
    )
    dispatch = next(iter(targets.of(DISPATCH_WITHIN)), None)
    p90_dispatch = lambda f: f.summary.response.to_dispatch.p90_s  # noqa: E731
    rows.append(
        ComparisonRow(
            "p90_dispatch",
            SECONDS,
            dispatch,
            _checked(dispatch, p90_dispatch) if dispatch else _plain(p90_dispatch),
        )
    )
    for kpi in (EN_ROUTE_WITHIN, ON_SCENE_WITHIN):
        for target in targets.of(kpi):
            share = lambda f, t=target: _result_value(f, t)  # noqa: E731
            key = f"{kpi}_{target.threshold_s:g}"
            rows.append(ComparisonRow(key, SHARE, target, _checked(target, share)))
    rows.append(ComparisonRow("open_incidents", COUNT, None, _plain(lambda f: f.open_incidents)))
    rows.append(ComparisonRow("units_available", COUNT, None, _plain(lambda f: f.units_available)))
    return rows


def _result_value(f: RegionFigures, target: Target) -> float | None:
    result = f.summary.result(target.kpi, target.threshold_s)
    return result.value if result is not None else None


__all__ = [
    "COUNT",
    "SECONDS",
    "SHARE",
    "Cell",
    "ComparisonRow",
    "RegionFigures",
    "RegionSnapshot",
    "compare_counted",
    "compare_regions",
    "comparison_rows",
    "region_figures",
    "region_snapshot",
]
