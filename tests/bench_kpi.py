"""Benchmark: time to compute every KPI for one local day of call records.

Not a test: prints figures. Run:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_kpi.py

1. every KPI of a day (summarize: the shift report's and the panels' one function),
   from the records (what the report does) and from columns already built (what the
   panels do, their call columns kept current by each diff);
2. polling at 50,000 calls a day, one backend and a province of three: the real queue
   panel and comparison panel over a real store, fed one second at a time, every
   computation waited for. It prints the longest wait of the GUI's event loop (a 1 ms
   timer's gaps) and the CPU time per second of feed of this process (all threads:
   store, panels, and this script's own records) and of the KPI process the jobs run in,
   which is the CPU share an hour of polling would average: every poll costs the same;
3. the GIL: a thread sleeping 1 ms in a loop while the panels' jobs run back to back,
   on a worker thread (as before) and in the KPI process (as now).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from functools import partial
from operator import attrgetter

import msgspec
import records
from records import WITA

from wallboard.feed.kinds import FeedKind
from wallboard.kpi import (
    TargetSet,
    answering_kpis,
    local_day,
    summarize,
)
from wallboard.kpi.columns import CallColumns, IncidentColumns
from wallboard.kpi.summary import summarize_columns
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
POLLS = 60  # 5 minutes of feed: every poll costs the same, so CPU per second of feed
# extrapolates to the hour (the 30 s refreshes are inside the window too)


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


def median_ms(job, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        job()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def bench_functions(rng: random.Random) -> None:
    print(f"1. summarize(): every KPI of one local day from the records; median of {RUNS} runs")
    day = local_day(NOW, WITA)
    for n_calls in (5_000, 50_000):
        calls = day_of_calls(n_calls, rng)
        incidents = day_of_incidents(n_calls // 5, rng)
        cold = median_ms(lambda c=calls, i=incidents: summarize(c, i, *day, TargetSet(), NOW))
        columns = median_ms(
            lambda c=calls, i=incidents: (
                CallColumns.from_records(c),
                IncidentColumns.from_records(i),
            )
        )
        cc, ic = CallColumns.from_records(calls), IncidentColumns.from_records(incidents)
        warm = median_ms(lambda cc=cc, ic=ic: summarize_columns(cc, ic, *day, TargetSet(), NOW))
        plain = median_ms(lambda c=calls: answering_kpis(c, *day, NOW), runs=3)
        print(
            f"   {n_calls:>6,} calls + {len(incidents):>6,} incidents: summarize() "
            f"{cold:6.1f} ms (records -> columns {columns:5.1f} ms, figures from columns "
            f"{warm:5.1f} ms); the plain answering_kpis alone {plain:6.1f} ms"
        )


class Feed:
    """A day of records per backend in a store, and the polls that follow it: each
    5 s, per backend, ``new`` calls offered and as many earlier ones answered; each
    2 s one incident changed. 50,000 calls a day is 2.9 calls per 5 s."""

    def __init__(self, store, backends: tuple[str, ...], n_calls: int, rng: random.Random):
        from wallboard.feed.pages import CallPage, IncidentPage
        from wallboard.poller.history import history_owner

        self.store, self.backends, self.rng = store, backends, rng
        self.kinds = FeedKind, CallPage, IncidentPage
        self.now = NOW
        self.new = max(1, round(n_calls / 86_400 * 5))
        self.waiting: dict[str, list[CallRecord]] = {}
        self.incidents: dict[str, list[Incident]] = {}
        for b in backends:
            today = [
                msgspec.structs.replace(c, id=f"{b}-{c.id}") for c in day_of_calls(n_calls, rng)
            ]
            store.apply(b, FeedKind.CALLS, CallPage(items=today, cursor="1", full=True))
            week = [
                msgspec.structs.replace(c, id=f"{b}-{c.id}")
                for c in day_of_calls(n_calls, rng, days_back=7)
            ]
            store.apply(
                history_owner(b), FeedKind.CALLS, CallPage(items=week, cursor="", full=True)
            )
            incs = [
                msgspec.structs.replace(i, id=f"{b}-{i.id}")
                for i in day_of_incidents(n_calls // 5, rng)
            ]
            store.apply(b, FeedKind.INCIDENTS, IncidentPage(items=incs, cursor="1", full=True))
            for kind in (FeedKind.CALLS, FeedKind.INCIDENTS):
                store.record_success(f"{b}/{kind}", NOW, NOW)  # polled: the region has data
            self.waiting[b] = []
            self.incidents[b] = incs
        self.serial = 0

    def second(self, n: int) -> None:
        """One second of the feed; second ``n`` of the run. Calls are polled every 5 s,
        incidents every 2 s."""
        FeedKind, _, IncidentPage = self.kinds
        self.now += timedelta(seconds=1)
        for b in self.backends:
            if n % 2 == 0:
                k = self.rng.randrange(len(self.incidents[b]))
                held = self.incidents[b][k]
                changed = msgspec.structs.replace(
                    held, version=held.version + 1, updated_at=self.now
                )
                self.incidents[b][k] = changed
                self.store.apply(
                    b, FeedKind.INCIDENTS, IncidentPage(items=[changed], cursor="2", full=False)
                )
            if n % 5 == 0:
                self._calls(b)

    def _calls(self, b: str) -> None:
        FeedKind, CallPage, _ = self.kinds
        answered = [
            msgspec.structs.replace(
                c, version=c.version + 1, answered_at=self.now, disposition=Disposition.EMERGENCY
            )
            for c in self.waiting[b]
        ]
        new = []
        for _ in range(self.new):
            self.serial += 1
            new.append(
                CallRecord(
                    id=f"{b}-live-{self.serial}", version=1, region="kaltim", offered_at=self.now
                )
            )
        self.waiting[b] = new
        self.store.apply(b, FeedKind.CALLS, CallPage(items=answered + new, cursor="2", full=False))


def run_queue_ms() -> float:
    """How long this thread has waited, runnable, for a core (Linux schedstat), in ms."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stat:
            return int(stat.read().split()[1]) / 1e6
    except OSError:
        return float("nan")


def idle_gap_ms(seconds: float = 3.0) -> float:
    """The longest a bare 1 ms sleep loop waited: what the shared machine alone costs."""
    last = time.perf_counter()
    end, longest = last + seconds, 0.0
    while last < end:
        time.sleep(0.001)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    return longest * 1000


def bench_polling(
    title: str, backends: tuple[str, ...], n_calls: int, rng: random.Random, polls: int
) -> None:
    """The queue panel and the comparison panel on one store under ``polls`` calls polls
    (5 s of feed each, every computation waited for): the longest the GUI's event loop
    waited, and the process's CPU time (every thread) per second of feed."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from views.comparison_panel import ComparisonPanel
    from views.kpi_worker import shared_jobs
    from views.queue_panel import QueuePanel
    from wallboard.store import Store

    app = QApplication.instance() or QApplication([])
    feed_clock = [NOW]
    store = Store(wall_clock=lambda: feed_clock[0])
    feed = Feed(store, backends, n_calls, rng)
    queue = QueuePanel(store, WITA, lambda: feed.now)
    queue.resize(640, 950)
    queue.show()
    comparison = ComparisonPanel(store, WITA, lambda: feed.now, backends=backends)
    comparison.resize(900, 700)
    comparison.show()
    workers = (queue.worker, comparison.worker)

    gui_cpu: list[float] = []  # GUI-thread CPU time of each step (ms): its own work only

    steps: list[tuple[float, float, float, str, float]] = []  # (start, end, CPU, what, queued)

    def on_gui(step) -> None:
        t0, w0, q0 = time.thread_time(), time.perf_counter(), run_queue_ms()
        step()
        cpu_ms = (time.thread_time() - t0) * 1000
        gui_cpu.append(cpu_ms)
        what = getattr(step, "__qualname__", None) or getattr(step.func, "__qualname__", "?")
        steps.append((w0, time.perf_counter(), cpu_ms, what, run_queue_ms() - q0))

    def settle() -> None:
        while not all(w.idle for w in workers):
            on_gui(app.processEvents)  # results shown, pending requests sent
            time.sleep(0.0005)
        on_gui(app.processEvents)

    settle()
    idle = idle_gap_ms()
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    gap_ends: list[float] = []
    ticker.timeout.connect(
        lambda: (gaps.append(clock.restart()), gap_ends.append(time.perf_counter()))
    )
    clock.start()
    ticker.start()
    jobs = [w.completed for w in workers]
    import gc

    pauses: list[float] = []
    started: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started[:] = [time.perf_counter()]
        elif started:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(on_gc)
    settle()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    kpi_cpu0 = shared_jobs().cpu_seconds
    gui_cpu.clear()
    steps.clear()
    gaps.clear()
    gap_ends.clear()
    for n in range(1, polls * 5 + 1):
        on_gui(partial(feed.second, n))  # store.apply of the polls, the diff handlers
        feed_clock[0] = feed.now
        on_gui(queue.tick)  # the wall's one-second timer: requests when due
        on_gui(comparison.tick)
        settle()
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    kpi_cpu = shared_jobs().cpu_seconds - kpi_cpu0
    ticker.stop()
    gc.callbacks.remove(on_gc)
    done = [w.completed - j for w, j in zip(workers, jobs, strict=True)]
    feed_s = polls * 5.0
    q_ms = (queue.worker.last_seconds or 0) * 1000
    c_ms = (comparison.worker.last_seconds or 0) * 1000
    print(
        f"   {title}: {polls} calls polls = {feed_s:.0f} s of feed in {wall:.1f} s; "
        f"queue panel {done[0]} computations (last {q_ms:.1f} ms), comparison {done[1]} "
        f"(last {c_ms:.1f} ms)"
    )
    print(
        f"      GUI event loop: longest gap {max(gaps):.0f} ms (1 ms timer; p99 "
        f"{statistics.quantiles(gaps, n=100)[98]:.0f} ms; the machine alone, a bare 1 ms sleep "
        f"loop just before: longest {idle:.0f} ms)"
    )
    total = cpu + kpi_cpu
    print(
        f"      CPU: this process {cpu * 1000:.0f} ms + the KPI process {kpi_cpu * 1000:.0f} ms "
        f"for {feed_s:.0f} s of feed = {total / feed_s * 100:.2f} % of a core "
        f"(an hour of polling: {total / feed_s * 3600:.1f} s of CPU)"
    )
    print(
        f"      GUI thread's own work (thread CPU time): longest step {max(gui_cpu):.1f} ms "
        f"(a second of polls applied with the diff handlers, a tick with its request, or "
        f"an event batch with a result shown), "
        f"p99 {statistics.quantiles(gui_cpu, n=100)[98]:.1f} ms"
    )
    # what the GUI thread was doing in its longest gap: its own work (CPU) or waiting
    # (wall time well above CPU time: for a core, or the GIL)
    k = max(range(len(gaps)), key=gaps.__getitem__)
    end, begin = gap_ends[k], gap_ends[k] - gaps[k] / 1000
    during = [s for s in steps if s[1] > begin and s[0] < end]
    worst = max(during, key=lambda s: s[1] - s[0], default=None)
    if worst is None or worst[1] - worst[0] < 0.001:
        print("      the longest gap fell between the GUI thread's steps (the script's wait)")
    else:
        print(
            f"      in the longest gap the GUI thread ran {worst[3]}: "
            f"{(worst[1] - worst[0]) * 1000:.0f} ms of wall time: {worst[2]:.1f} ms on a core, "
            f"{worst[4]:.0f} ms runnable but waiting for one (the kernel's schedstat), the rest "
            "blocked (the GIL, a lock)"
        )
    blocked = max(s[1] - s[0] - s[2] / 1000 - s[4] / 1000 for s in steps) * 1000
    queued = max(s[4] for s in steps)
    print(
        f"      over all its steps: longest wait for a core {queued:.0f} ms (the machine), "
        f"longest blocked {blocked:.0f} ms (the GIL or a lock: ours)"
    )
    longest_gc = max(pauses, default=0)
    print(f"      garbage collections meanwhile: {len(pauses)}, longest {longest_gc:.0f} ms")
    for panel in (queue, comparison):
        panel.close()
        panel.deleteLater()
    app.processEvents()


def bench_gil(rng: random.Random) -> None:
    """How long the worker's jobs keep the GIL from another thread: a thread that sleeps
    1 ms in a loop (as the GUI's event loop waits for its next event) while the jobs run
    back to back, against the same loop with nothing running."""
    from wallboard.kpi.call_table import CallTable
    from wallboard.kpi.comparison import compare_snapshot
    from wallboard.kpi.incident_table import IncidentTable
    from wallboard.kpi.job_process import JobProcess
    from wallboard.province.comparison import RegionSnapshot, compare_regions
    from wallboard.store import Store

    backends = ("samarinda", "balikpapan", "paser")
    store = Store(wall_clock=lambda: NOW)
    Feed(store, backends, 50_000, rng)
    owner = attrgetter("backend")  # a record's owner is in its key
    calls = CallTable(owner, lambda o: not o.endswith("~history"))
    history = CallTable(owner, lambda o: o.endswith("~history"))
    incidents = IncidentTable(attrgetter("backend"))
    calls.reset(store.calls)
    history.reset(store.calls)
    incidents.reset(store.incidents)
    copies = (calls.snapshot(), history.snapshot())
    incident_copy = incidents.snapshot()
    regions = [RegionSnapshot(b, WITA, NOW, copies[0], incident_copy, 0, 0) for b in backends]
    jobs = {
        "queue panel, 3 x 50,000 calls + last week": lambda: compare_snapshot(
            copies, incident_copy, NOW, WITA
        ),
        "comparison, 3 regions": lambda: compare_regions(regions),
    }
    process_jobs = {
        "queue panel, 3 x 50,000 calls + last week": partial(
            compare_snapshot, copies, incident_copy, NOW, WITA
        ),
        "comparison, 3 regions": partial(compare_regions, regions),
    }
    print()
    print("3. the worker and the GIL: a thread sleeping 1 ms in a loop while a job runs")
    print(f"   back to back for 2 s; the same loop alone waits at most {idle_gap_ms(2.0):.1f} ms")
    print("   a. on a worker thread (before):")
    for name, job in jobs.items():
        sleeping_thread_gap(name, job)
    print("   b. in the KPI process (now): this process only sends the copies and takes the")
    print("      result back (on threads of its own that mostly wait, the GIL released)")
    kpi = JobProcess()
    try:
        for name, job in process_jobs.items():
            sleeping_thread_gap(name, partial(in_process, kpi, job))
    finally:
        kpi.shutdown()


def in_process(kpi, job) -> None:
    """Run ``job`` in the KPI process and wait for its result."""
    import threading

    back = threading.Event()
    kpi.submit(job, lambda _result, _s: back.set())
    back.wait()


def sleeping_thread_gap(name: str, job) -> None:
    """Run ``job`` back to back for 2 s on a thread while this one sleeps 1 ms in a loop:
    print the job's median time and the longest the sleeping thread waited."""
    import threading

    done = threading.Event()
    took: list[float] = []

    def work(job=job, done=done, took=took) -> None:
        job()  # the first one (the process may be starting) is not timed
        end = time.perf_counter() + 2.0
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            job()
            took.append(time.perf_counter() - t0)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    longest, blocked, last, queued = 0.0, 0.0, time.perf_counter(), run_queue_ms()
    while not done.is_set():
        time.sleep(0.001)
        now, queued_now = time.perf_counter(), run_queue_ms()
        wait_ms = (now - last) * 1000
        # past the 1 ms asked: runnable waiting for a core (the machine), or blocked
        # (the GIL, held by another thread of this process)
        blocked = max(blocked, wait_ms - 1.0 - (queued_now - queued))
        longest, last, queued = max(longest, wait_ms), now, queued_now
    worker.join()
    print(
        f"      {name}: job {statistics.median(took) * 1000:.1f} ms (median of "
        f"{len(took)}); the sleeping thread waited at most {longest:.1f} ms, "
        f"blocked (not waiting for a core) at most {blocked:.1f} ms"
    )


def main() -> None:
    import subprocess

    rng = random.Random(112)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores; uptime before: {load}")
    if "--polling" not in sys.argv:
        bench_functions(rng)
    print()
    print("2. polling: the real queue panel and comparison panel over a real store; each")
    print("   calls poll (5 s of feed) brings 3 new and 3 answered calls per backend, each")
    print("   2 s one changed incident; every computation is waited for (none coalesced)")
    bench_polling("1 x 50,000 calls/day", ("samarinda",), 50_000, rng, POLLS)
    bench_polling(
        "province 3 x 50,000 calls/day", ("samarinda", "balikpapan", "paser"), 50_000, rng, POLLS
    )
    if "--polling" not in sys.argv:
        bench_gil(rng)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"uptime after: {load}")


if __name__ == "__main__":
    main()
