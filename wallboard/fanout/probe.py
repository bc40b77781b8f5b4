"""Headless walls for load and checks: K clients polling one backend like K walls.

Each client is what a wall runs minus its windows: the real poller and store, the same
intervals, ETags and cursors (and the reference-day fetch, unless told not). Their
outcomes are tallied together; what each ended with is read from its store. The
``wallboard probe`` command prints a tally as one JSON line ("what will 20 walls cost
our CAD?"); the fan-out test and benchmark drive clients in-process.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wallboard.feed.kinds import FeedKind
from wallboard.poller import Poller
from wallboard.poller.backend import DEFAULT_INTERVALS, BackendSpec
from wallboard.poller.poller import PollOutcome
from wallboard.store import Store

BACKEND_NAME = "backend"
# the kinds whose records a store holds, reported per client
RECORD_KINDS = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES)
# the source whose data age is sampled: polled every 2 s, changes often
AGE_KIND = FeedKind.UNITS
# clients start spread over one poll interval of the live kinds (2 s)
SPREAD_S = DEFAULT_INTERVALS[FeedKind.UNITS]


@dataclass
class Tally:
    """Outcomes of every client's polls, counted as they come (any thread may read)."""

    requests: int = 0
    ok: int = 0
    not_modified: int = 0
    bytes: int = 0
    errors: int = 0
    error_lines: list[str] = field(default_factory=list)
    ages: list[float] = field(default_factory=list)  # seconds, see Client.data_age
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, outcome: PollOutcome) -> None:
        with self.lock:
            self.requests += 1
            if outcome.error is not None:
                self.errors += 1
                if len(self.error_lines) < 20:
                    self.error_lines.append(outcome.error)
            elif outcome.status == 200:
                self.ok += 1
                self.bytes += outcome.body_bytes
            elif outcome.status == 304:
                self.not_modified += 1

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {
                "requests": self.requests,
                "ok": self.ok,
                "not_modified": self.not_modified,
                "bytes": self.bytes,
                "errors": self.errors,
            }


class Client:
    """One headless wall: a store and the poller that fills it from ``url``."""

    def __init__(self, url: str, tally: Tally, *, reference_day: bool = True) -> None:
        self.store = Store()
        self.poller = Poller(
            [BackendSpec(BACKEND_NAME, url)],
            self.store,
            reference_day_check_s=60.0 if reference_day else None,
        )
        self._tally = tally
        self._feed_time: datetime | None = None  # of the newest AGE_KIND answer held
        self.poller.polled.connect(self._on_polled)

    def _on_polled(self, outcome: PollOutcome) -> None:
        self._tally.count(outcome)
        if outcome.error is None and outcome.key.endswith("/" + AGE_KIND.value):
            self._feed_time = outcome.feed_time

    def data_age(self, now: datetime) -> float | None:
        """Seconds since the backend made (or, when it answered 304 itself, confirmed)
        the newest unit list this client holds, by X-Feed-Time; None before the first.

        An upper bound through nginx: an unchanged list it revalidated keeps its first
        X-Feed-Time. Backend and client share a clock here (loopback).
        """
        if self._feed_time is None:
            return None
        return (now - self._feed_time).total_seconds()

    def records(self) -> dict[str, int]:
        """The store's record counts per kind."""
        s = self.store
        tables = {
            FeedKind.INCIDENTS: s.incidents,
            FeedKind.CALLS: s.calls,
            FeedKind.UNITS: s.units,
            FeedKind.AGENCIES: s.agencies,
        }
        return {kind.value: len(tables[kind]) for kind in RECORD_KINDS}


async def run_clients(
    clients: list[Client],
    seconds: float,
    *,
    tally: Tally | None = None,
    age_every_s: float = 0.5,
    stop: asyncio.Event | None = None,
    spread_s: float = SPREAD_S,
) -> None:
    """Poll with every client for ``seconds`` (or until ``stop`` is set), sampling each
    client's data age into ``tally`` every ``age_every_s``; then stop and close them.

    The clients start one after another over ``spread_s``, as walls switched on at
    different moments: started together, they would poll in step and flatter the cache.
    """
    stop = stop or asyncio.Event()

    async def start(client: Client, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        await client.poller.run()  # returns at once when stopped before it began

    step = spread_s / len(clients) if clients else 0.0
    tasks = [
        asyncio.create_task(start(c, i * step), name=f"probe client {i}")
        for i, c in enumerate(clients)
    ]
    deadline = time.monotonic() + seconds
    try:
        while (left := deadline - time.monotonic()) > 0 and not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), min(age_every_s, left))
            if tally is not None:
                now = datetime.now(UTC)
                ages = [a for c in clients if (a := c.data_age(now)) is not None]
                with tally.lock:
                    tally.ages.extend(ages)
    finally:
        for client in clients:
            client.poller.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        for client in clients:
            client.poller.close()


def age_summary(ages: list[float]) -> dict[str, float | None]:
    """Mean, 95th percentile and maximum of the sampled data ages, in seconds."""
    if not ages:
        return {"mean": None, "p95": None, "max": None}
    ordered = sorted(ages)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {
        "mean": round(statistics.fmean(ordered), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }


def probe(url: str, seconds: float, clients: int, *, reference_day: bool = True) -> dict:
    """Run ``clients`` headless walls against ``url`` for ``seconds``; the JSON result."""
    tally = Tally()
    made = [Client(url, tally, reference_day=reference_day) for _ in range(clients)]
    asyncio.run(run_clients(made, seconds, tally=tally))
    result: dict[str, object] = dict(tally.snapshot())
    result["records"] = [c.records() for c in made]
    result["data_age_s"] = age_summary(tally.ages)
    if tally.error_lines:
        result["first_errors"] = tally.error_lines[:5]
    return result
