"""Benchmark: the province comparison at 3 x 50,000 calls (and 3 x 10,000 incidents) a day.

Not a test: prints figures. Run:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_province.py

1. what stays on the GUI thread: the snapshot the comparison panel hands its worker
   (copies of its call and incident tables, kept current from the store's diffs, and
   each region's unit counts);
2. the worker's job: ``compare_regions`` (each region's rows picked out of the copies,
   then summarize_columns over them);
3. the stall: a thread sleeping 1 ms in a loop (as the GUI's event loop waits) while
   the job runs back to back on a worker thread (before) and in the KPI process (now).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from functools import partial
from operator import attrgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_kpi import (
    WITA,
    day_of_calls,
    day_of_incidents,
    idle_gap_ms,
    in_process,
    sleeping_thread_gap,
)

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage, IncidentPage
from wallboard.kpi.call_table import CallTable
from wallboard.kpi.incident_table import IncidentTable
from wallboard.kpi.job_process import JobProcess
from wallboard.province.comparison import RegionSnapshot, compare_regions, region_snapshot
from wallboard.store import Store

REGIONS = ("samarinda", "balikpapan", "paser")
CALLS, INCIDENTS, RUNS = 50_000, 10_000, 5


def filled_store() -> Store:
    store = Store()
    rng = random.Random(112)
    for backend in REGIONS:
        # every region numbers its records alike, as two CADs that know nothing of each
        # other do: the store keys them by (backend, id)
        calls = day_of_calls(CALLS, rng)
        incidents = day_of_incidents(INCIDENTS, rng)
        store.apply(backend, FeedKind.CALLS, CallPage(items=calls, cursor="1", full=True))
        store.apply(
            backend, FeedKind.INCIDENTS, IncidentPage(items=incidents, cursor="1", full=True)
        )
    return store


def snapshot(store: Store, calls: CallTable, incidents: IncidentTable) -> list[RegionSnapshot]:
    """What the panel's _request does on the GUI thread (each request after a change
    copies the tables afresh)."""
    call_copy, incident_copy = calls.snapshot(), incidents.snapshot()
    return [region_snapshot(store, call_copy, incident_copy, b, WITA) for b in REGIONS]


def median_ms(job) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    store = filled_store()
    calls = CallTable(attrgetter("backend"))  # a record's owner is in its key
    incidents = IncidentTable(attrgetter("backend"))
    print(f"{len(REGIONS)} regions x {CALLS:,} calls + {INCIDENTS:,} incidents, median of {RUNS}")
    print(
        "  GUI thread, the tables built once from the store:",
        f"{median_ms(lambda: (calls.reset(store.calls), incidents.reset(store.incidents))):.0f} ms",
    )

    def fresh_snapshot() -> list[RegionSnapshot]:
        calls.update(store.calls, ())  # a change: the next copy is made afresh
        incidents.update(store.incidents, ())
        return snapshot(store, calls, incidents)

    snaps = fresh_snapshot()
    print(f"  GUI thread, snapshot for the worker: {median_ms(fresh_snapshot):.1f} ms")
    print(
        "  worker, compare_regions (3 x summarize_columns):",
        f"{median_ms(lambda: compare_regions(snaps)):.0f} ms",
    )
    print(f"  the stall (a 1 ms sleep loop alone waits at most {idle_gap_ms(2.0):.0f} ms):")
    sleeping_thread_gap("on a worker thread", partial(compare_regions, snaps))
    kpi = JobProcess()
    try:
        sleeping_thread_gap(
            "in the KPI process", partial(in_process, kpi, partial(compare_regions, snaps))
        )
    finally:
        kpi.shutdown()


if __name__ == "__main__":
    main()
