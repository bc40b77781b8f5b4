"""Benchmark: the redacted store's cost at 100 / 1,000 / 10,000 incidents (and as many calls).

Run: .venv/bin/python tests/bench_redaction.py
Prints the time to build the facade over a full store (every record redacted once), and
the extra time a 1 % delta costs when a redacted screen follows the store (store apply
with the facade minus store apply without it). Medians of several runs; nothing here
asserts a speed.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta

import records
from records import WITA

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage, IncidentPage
from wallboard.model import Caller, CallRecord, Incident, Priority
from wallboard.redaction import RedactedStore
from wallboard.store import Store

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=WITA)
RUNS = 7


def incident(n: int, version: int, rng: random.Random) -> Incident:
    return records.incident(
        f"SMR-{n:06d}",
        version=version,
        priority=Priority.HIGH,
        updated_at=T0 + timedelta(seconds=version),
        location=records.location(
            -0.5 + rng.uniform(-0.1, 0.1),
            117.15 + rng.uniform(-0.1, 0.1),
            address=f"Jl. Juanda No. {n % 250}",
            kelurahan="Air Putih",
            kecamatan="Samarinda Ulu",
            city="Samarinda",
        ),
        description=f"Kejadian nomor {n}",
        caller=Caller(name="Budi Santoso", phone="081234567890"),
    )


def call(n: int) -> CallRecord:
    return records.call(f"C-{n:06d}", caller=Caller(name="Budi Santoso", phone="081234567890"))


def filled(count: int) -> Store:
    rng = random.Random(count)
    store = Store()
    items = [incident(n, 1, rng) for n in range(count)]
    store.apply("smd", FeedKind.INCIDENTS, IncidentPage(items=items, cursor="1", full=True))
    calls = [call(n) for n in range(count)]
    store.apply("smd", FeedKind.CALLS, CallPage(items=calls, cursor="1", full=True))
    return store


def delta_ms(count: int, redacted: bool) -> float:
    times = []
    for run in range(RUNS):
        store = filled(count)
        facade = RedactedStore(store) if redacted else None
        rng = random.Random(run)
        changed = [incident(n, 2 + run, rng) for n in range(0, count, 100)]
        page = IncidentPage(items=changed, cursor="2", full=False)
        start = time.perf_counter()
        store.apply("smd", FeedKind.INCIDENTS, page)
        times.append((time.perf_counter() - start) * 1000)
        del facade
    return statistics.median(times)


def main() -> None:
    print("incidents+calls  facade built (ms)  1% delta: store alone / with facade (ms)")
    for count in (100, 1_000, 10_000):
        store = filled(count)
        built = []
        for _ in range(RUNS):
            start = time.perf_counter()
            RedactedStore(store)
            built.append((time.perf_counter() - start) * 1000)
        plain, followed = delta_ms(count, False), delta_ms(count, True)
        print(
            f"{count:>7,} + {count:<7,} {statistics.median(built):>12.2f}"
            f"        {plain:>8.2f} / {followed:.2f}"
        )


if __name__ == "__main__":
    main()
