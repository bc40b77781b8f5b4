"""Several regions side by side: each region's KPIs of today, and the comparison's rows.

Pure functions over immutable snapshots, no Qt: the comparison panel takes a snapshot on
the GUI thread and runs ``compare_regions`` off it. Every figure comes from
``wallboard.kpi.summarize`` over the region's own records and local day, so a region's
column says exactly what its own wall's queue panel and shift report say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from wallboard.kpi.selection import Distinct
from wallboard.kpi.summary import KpiSummary, summarize
from wallboard.kpi.targets import (
    ABANDON_RATE,
    DEFAULT_TARGET_SET,
    DISPATCH_WITHIN,
    EN_ROUTE_WITHIN,
    ON_SCENE_WITHIN,
    SERVICE_LEVEL,
    Target,
    TargetSet,
)
from wallboard.kpi.window import local_day
from wallboard.model import CallRecord, Incident, RecordKey, Unit, UnitStatus

R = TypeVar("R")


@dataclass(frozen=True)
class KeyedRecords(Generic[R]):
    """One kind of record as the store held it: its keys and its records, in one order.

    Two tuples rather than one of (key, record) pairs: copying a table's keys and values
    costs ~1 ms per 50,000 records, building 50,000 pairs (and the garbage collection
    their allocation sets off) a hundred times that.
    """

    keys: tuple[RecordKey, ...]
    records: tuple[R, ...]

    @classmethod
    def copy(cls, table: Mapping[RecordKey, R]) -> KeyedRecords[R]:
        return cls(tuple(table), tuple(table.values()))  # a dict's keys and values align

    def of(self, backend: str) -> Distinct:
        """``backend``'s records: one per id, so Distinct (never merged as revisions)."""
        return Distinct(
            r for k, r in zip(self.keys, self.records, strict=True) if k.backend == backend
        )


@dataclass(frozen=True)
class HeldRecords:
    """Every backend's calls, incidents and units as the store held them: tuples of
    frozen records, not shared with the store, so safe off the GUI thread. One copy
    serves every region's snapshot."""

    calls: KeyedRecords[CallRecord]
    incidents: KeyedRecords[Incident]
    units: KeyedRecords[Unit]


def held_records(store: Any) -> HeldRecords:
    """Copy the store's (or its redacted facade's) records for a worker: tuple copies at
    C speed on the GUI thread; sorting them by region is the worker's job."""
    return HeldRecords(
        calls=KeyedRecords.copy(store.calls),
        incidents=KeyedRecords.copy(store.incidents),
        units=KeyedRecords.copy(store.units),
    )


@dataclass(frozen=True)
class RegionSnapshot:
    """One region as the store held it: ``records`` holds every backend's, and only
    those whose key names this ``backend`` count (two regions may use the same ids)."""

    backend: str
    zone: ZoneInfo
    now: datetime  # the backend's clock
    records: HeldRecords


@dataclass(frozen=True)
class RegionFigures:
    """Today's KPIs of one region (its local day up to its ``now``), and its resources."""

    backend: str
    summary: KpiSummary
    open_incidents: int
    units_available: int
    units_total: int


def region_figures(snap: RegionSnapshot, targets: TargetSet = DEFAULT_TARGET_SET) -> RegionFigures:
    """``summarize`` over the region's own calls and incidents of its local day."""
    start, end = local_day(snap.now, snap.zone)
    mine, held = snap.backend, snap.records
    calls, incidents, units = held.calls.of(mine), held.incidents.of(mine), held.units.of(mine)
    summary = summarize(calls, incidents, start, end, targets, snap.now, by_group=False)
    return RegionFigures(
        backend=snap.backend,
        summary=summary,
        open_incidents=sum(1 for i in incidents if i.is_open),
        units_available=sum(1 for u in units if u.status is UnitStatus.AVAILABLE),
        units_total=len(units),
    )


def compare_regions(
    snapshots: Iterable[RegionSnapshot], targets: TargetSet = DEFAULT_TARGET_SET
) -> dict[str, RegionFigures]:
    """Every region's figures, by backend name (the job the panel runs off the GUI thread)."""
    return {s.backend: region_figures(s, targets) for s in snapshots}


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
    "HeldRecords",
    "KeyedRecords",
    "RegionFigures",
    "RegionSnapshot",
    "compare_regions",
    "comparison_rows",
    "held_records",
    "region_figures",
]
