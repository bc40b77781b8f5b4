"""Benchmark: the province comparison at 3 x 50,000 calls (and 3 x 10,000 incidents) a day.

Not a test: prints figures. Run:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_province.py

1. what stays on the GUI thread: the snapshot (tuples of every backend's (key, record)
   pairs) that the comparison panel hands its worker;
2. the worker's job: ``compare_regions`` (summarize() per region over its own records).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_kpi import NOW, WITA, day_of_calls, day_of_incidents

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage, IncidentPage
from wallboard.province.comparison import RegionSnapshot, compare_regions, held_records
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


def snapshot(store: Store) -> list[RegionSnapshot]:
    """What the panel's _request does on the GUI thread."""
    held = held_records(store)
    return [RegionSnapshot(backend=b, zone=WITA, now=NOW, records=held) for b in REGIONS]


def median_ms(job) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    store = filled_store()
    print(f"{len(REGIONS)} regions x {CALLS:,} calls + {INCIDENTS:,} incidents, median of {RUNS}")
    snaps = snapshot(store)
    print(f"  GUI thread, snapshot for the worker: {median_ms(lambda: snapshot(store)):.1f} ms")
    print(
        "  worker, compare_regions (3 x summarize):",
        f"{median_ms(lambda: compare_regions(snaps)):.0f} ms",
    )


if __name__ == "__main__":
    main()
