"""Benchmark: time to compute every KPI for one local day of call records.

Not a test: prints figures. Run: .venv/bin/python tests/bench_kpi.py
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from wallboard.kpi import (
    answering_kpis,
    average_handling_s,
    calls_per_interval,
    disposition_kpis,
    last_hour,
    local_day,
    response_kpis,
    response_kpis_by,
)
from wallboard.model import (
    Assignment,
    CallRecord,
    Disposition,
    Incident,
    IncidentCategory,
    IncidentStatus,
    Location,
    Priority,
)

WITA = ZoneInfo("Asia/Makassar")
# records carry the fixed offset the feed decoder gives them (+08:00), as in production
FEED_ZONE = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 28, 23, 0, tzinfo=FEED_ZONE)
RUNS = 7


def day_of_calls(n: int, rng: random.Random) -> list[CallRecord]:
    start = local_day(NOW, WITA)[0].astimezone(FEED_ZONE)
    calls = []
    for i in range(n):
        offered = start + timedelta(seconds=rng.uniform(0, 23 * 3600))
        outcome = rng.random()
        delay = timedelta(seconds=rng.expovariate(1 / 8))
        answered = offered + delay if outcome < 0.9 else None
        calls.append(
            CallRecord(
                id=f"c{i}",
                version=1,
                region="kaltim",
                offered_at=offered,
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
            Incident(
                id=f"i{i}",
                version=1,
                region="kaltim",
                category=rng.choice(list(IncidentCategory)),
                priority=Priority.HIGH,
                status=IncidentStatus.ON_SCENE if units else IncidentStatus.NEW,
                status_times={IncidentStatus.NEW: created},
                created_at=created,
                updated_at=created,
                location=Location(lat=-0.5, lon=117.15),
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


def main() -> None:
    rng = random.Random(112)
    print("all KPIs for one local day (answering day + last hour, handling, dispositions,")
    print(f"15-min series, response overall/by agency/by category); median of {RUNS} runs")
    for n_calls in (5_000, 50_000):
        calls = day_of_calls(n_calls, rng)
        incidents = day_of_incidents(n_calls // 5, rng)
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            all_kpis(calls, incidents)
            times.append(time.perf_counter() - t0)
        answer_only = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            answering_kpis(calls, *local_day(NOW, WITA), NOW)
            answer_only.append(time.perf_counter() - t0)
        print(
            f"{n_calls:>6} calls + {len(incidents):>6} incidents: all KPIs "
            f"{statistics.median(times) * 1000:7.1f} ms "
            f"(answering_kpis alone {statistics.median(answer_only) * 1000:6.1f} ms)"
        )


if __name__ == "__main__":
    main()
