"""Benchmark: time to compute every KPI for one local day of call records.

Not a test: prints figures. Run:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_kpi.py

1. every KPI of a day (summarize: the shift report's and the panel's one function);
2. the queue panel's off-thread computation (last hour, today, last week) through the
   real worker, with what stays on the GUI thread: the snapshot, the instant tally of
   a poll's changes, and the longest stall of the event loop while the worker runs.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta, timezone

import records
from records import WITA

from wallboard.kpi import (
    TargetSet,
    answering_kpis,
    average_handling_s,
    calls_per_interval,
    disposition_kpis,
    last_hour,
    local_day,
    response_kpis,
    response_kpis_by,
    summarize,
)
from wallboard.kpi.comparison import compare_periods
from wallboard.kpi.tally import CallTally
from wallboard.model import (
    Assignment,
    CallRecord,
    Disposition,
    Incident,
    IncidentCategory,
    IncidentStatus,
    Priority,
)

# records carry the fixed offset the feed decoder gives them (+08:00), as in production
FEED_ZONE = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 28, 23, 0, tzinfo=FEED_ZONE)
RUNS = 7


def day_of_calls(n: int, rng: random.Random, days_back: int = 0) -> list[CallRecord]:
    start = (local_day(NOW, WITA)[0] - timedelta(days=days_back)).astimezone(FEED_ZONE)
    calls = []
    for i in range(n):
        offered = start + timedelta(seconds=rng.uniform(0, 23 * 3600))
        outcome = rng.random()
        delay = timedelta(seconds=rng.expovariate(1 / 8))
        answered = offered + delay if outcome < 0.9 else None
        calls.append(
            records.call(
                f"c{days_back}-{i}",
                offered=offered,
                answered_at=answered,
                abandoned_at=offered + delay if 0.9 <= outcome < 0.99 else None,
                ended_at=answered + timedelta(seconds=rng.uniform(20, 300)) if answered else None,
                disposition=rng.choice(list(Disposition)) if outcome < 0.99 else None,
            )
        )
    return calls


def day_of_incidents(n: int, rng: random.Random) -> list[Incident]:
    start = local_day(NOW, WITA)[0].astimezone(FEED_ZONE)
    agencies = ["police", "fire", "medical", "bpbd", "sar"]
    incidents = []
    for i in range(n):
        created = start + timedelta(seconds=rng.uniform(0, 23 * 3600))
        units = tuple(
            Assignment(
                unit_id=f"u{i}-{k}",
                agency_id=rng.choice(agencies),
                dispatched_at=created + timedelta(seconds=rng.uniform(10, 120)),
                en_route_at=created + timedelta(seconds=rng.uniform(120, 300)),
                on_scene_at=created + timedelta(seconds=rng.uniform(300, 1200)),
            )
            for k in range(rng.randint(0, 3))
        )
        incidents.append(
            records.incident(
                f"i{i}",
                at=created,
                category=rng.choice(list(IncidentCategory)),
                priority=Priority.HIGH,
                status=IncidentStatus.ON_SCENE if units else IncidentStatus.NEW,
                status_times={IncidentStatus.NEW: created},
                assignments=units,
            )
        )
    return incidents


def all_kpis(calls: list[CallRecord], incidents: list[Incident]) -> None:
    day = local_day(NOW, WITA)
    hour = last_hour(NOW)
    answering_kpis(calls, *day, NOW)
    answering_kpis(calls, *hour, NOW)
    average_handling_s(calls, *day)
    disposition_kpis(calls, *day)
    calls_per_interval(calls, *day)
    response_kpis(incidents, *day)
    response_kpis_by(incidents, *day, "agency")
    response_kpis_by(incidents, *day, "category")


def median_ms(job, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        job()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def bench_functions(rng: random.Random) -> None:
    print("all KPIs for one local day (answering day + last hour, handling, dispositions,")
    print(f"15-min series, response overall/by agency/by category); median of {RUNS} runs")
    day = local_day(NOW, WITA)
    for n_calls in (5_000, 50_000):
        calls = day_of_calls(n_calls, rng)
        incidents = day_of_incidents(n_calls // 5, rng)
        separate = median_ms(lambda c=calls, i=incidents: all_kpis(c, i))
        answer = median_ms(lambda c=calls: answering_kpis(c, *day, NOW))
        summary = median_ms(lambda c=calls, i=incidents: summarize(c, i, *day, TargetSet(), NOW))
        print(
            f"{n_calls:>6} calls + {len(incidents):>6} incidents: summarize() {summary:7.1f} ms; "
            f"the functions one by one {separate:7.1f} ms "
            f"(answering_kpis alone {answer:6.1f} ms)"
        )


def bench_panel(rng: random.Random) -> None:
    """The queue panel on a real store: what runs where, and how long the GUI waits."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from views.queue_panel import QueuePanel
    from wallboard.feed.kinds import FeedKind
    from wallboard.feed.pages import CallPage, IncidentPage
    from wallboard.poller.history import history_owner
    from wallboard.store import Store

    app = QApplication.instance() or QApplication([])
    print()
    print("queue panel: today + the same weekday last week in the store, KPIs off the GUI thread")
    for n_calls in (5_000, 50_000):
        store = Store(wall_clock=lambda: NOW)
        today = day_of_calls(n_calls, rng)
        store.apply("smd", FeedKind.CALLS, CallPage(items=today, cursor="1", full=True))
        week = day_of_calls(n_calls, rng, days_back=7)
        store.apply(
            history_owner("smd"), FeedKind.CALLS, CallPage(items=week, cursor="", full=True)
        )
        incidents = day_of_incidents(n_calls // 5, rng)
        store.apply("smd", FeedKind.INCIDENTS, IncidentPage(items=incidents, cursor="1", full=True))
        pure = median_ms(
            lambda s=store: compare_periods(s.calls.values(), s.incidents.values(), NOW, WITA)
        )
        panel = QueuePanel(store, WITA, lambda: NOW)
        panel.resize(640, 950)
        panel.show()
        worker_s, stalls = [], []
        for _ in range(RUNS):
            done = panel.worker.completed
            gaps: list[float] = []
            clock = QElapsedTimer()
            clock.start()
            ticker = QTimer()
            ticker.setInterval(5)

            def beat(c=clock, g=gaps) -> None:
                g.append(c.restart())

            ticker.timeout.connect(beat)
            ticker.start()
            snapshot = QElapsedTimer()
            snapshot.start()
            panel._request()  # what a new poll triggers: snapshot on the GUI thread, then off
            snapshot_ms = snapshot.nsecsElapsed() / 1e6
            while panel.worker.completed == done:
                app.processEvents()
                time.sleep(0.001)
            ticker.stop()
            worker_s.append(panel.worker.last_seconds)
            stalls.append(max(gaps, default=0))
        # a poll's changes: 20 calls changed, tallied on the GUI thread
        tally = CallTally(*local_day(NOW, WITA))
        tally.reset(store.calls.values())
        ids = [c.id for c in today[:20]]
        tally_ms = median_ms(lambda t=tally, s=store, i=ids: t.update(s.calls, i), runs=50)
        print(
            f"{n_calls:>6} calls/day (+{n_calls} last week, {len(incidents)} incidents): "
            f"off-thread computation {statistics.median(worker_s) * 1000:7.1f} ms "
            f"(compare_periods alone {pure:7.1f} ms); on the GUI thread: snapshot "
            f"{snapshot_ms:5.1f} ms, tally of a 20-call poll {tally_ms:6.3f} ms, longest "
            f"event-loop gap while computing {statistics.median(stalls):5.1f} ms "
            f"(5 ms timer)"
        )
        panel.close()
        panel.deleteLater()


def main() -> None:
    rng = random.Random(112)
    bench_functions(rng)
    bench_panel(rng)


if __name__ == "__main__":
    main()
