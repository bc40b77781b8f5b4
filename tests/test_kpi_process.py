"""The KPI process: the panels' jobs run in one long-lived process of their own (no Qt in
it), one in flight per worker with only the newest waiting, a killed process is logged
and replaced and the figures come back, and the process ends with the wall."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from kpi_jobs import dies, fails, gated, named, writer_on
from test_view_queue import at, call, computed, make_panel, shown, wall  # noqa: F401

from views.kpi_worker import KpiWorker, shared_jobs, stop_jobs
from views.text import number
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage
from wallboard.kpi.job_process import DEATHS_PER_JOB, JobError, JobProcess, loaded_modules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def jobs():
    process = JobProcess()
    yield process
    process.shutdown()


@pytest.fixture
def gate(tmp_path):
    path = tmp_path / "gate"
    os.mkfifo(path)
    return str(path)


def release(qtbot, fifo: str) -> None:
    """Wait until a job is at the gate, then let it through."""
    fds: list[int] = []
    qtbot.waitUntil(lambda: bool(fds.append(fd) or True) if (fd := writer_on(fifo)) else False)
    os.close(fds[0])


def test_jobs_run_in_another_process_one_at_a_time_newest_waiting(qtbot, jobs, gate):
    worker = KpiWorker(jobs=jobs)
    results = []
    worker.finished.connect(results.append)
    worker.request(partial(gated, gate, "first"))
    assert worker.busy
    for name in ("second", "third", "fourth"):
        worker.request(partial(named, name))  # each replaces the one waiting before it
    release(qtbot, gate)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert [name for name, _ in results] == ["first", "fourth"]
    pids = {pid for _, pid in results}
    assert pids == {jobs.pid} and os.getpid() not in pids  # one process, not ours
    qtbot.waitUntil(lambda: not worker.busy)
    assert worker.last_seconds is not None and worker.completed == 2


def test_the_panels_share_one_process_without_qt(qtbot, wall):  # noqa: F811
    _, store = wall
    panel = make_panel(qtbot, store)
    computed(qtbot, panel)
    assert panel.worker.jobs is shared_jobs()
    modules = []
    probe = KpiWorker()
    probe.finished.connect(modules.extend)
    probe.request(loaded_modules)
    qtbot.waitUntil(lambda: bool(modules))
    assert "wallboard.kpi.comparison" in modules  # the panel's job ran there
    qt = [m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6", "views", "maps")]
    assert qt == [] and "wallboard.shell" not in modules


def test_a_job_of_a_qt_layer_is_refused(jobs):
    with pytest.raises(TypeError, match=r"views\.text"):
        jobs.submit(partial(number, 3), lambda *_: None)


def test_a_failing_job_is_logged_and_the_worker_goes_on(qtbot, jobs, caplog):
    worker = KpiWorker(jobs=jobs)
    results = []
    worker.finished.connect(results.append)
    worker.request(fails)
    worker.request(partial(named, "after"))
    qtbot.waitUntil(lambda: bool(results))
    assert results[0][0] == "after"
    assert "KPI computation failed: ValueError: no such KPI" in caplog.text


def test_a_process_killed_mid_job_is_replaced_and_the_job_run_again(qtbot, jobs, gate, caplog):
    worker = KpiWorker(jobs=jobs)
    results = []
    worker.finished.connect(results.append)
    worker.request(partial(gated, gate, "figures"))
    fds: list[int] = []
    qtbot.waitUntil(lambda: bool(fds.append(fd) or True) if (fd := writer_on(gate)) else False)
    first = jobs.pid  # the job is running there, waiting at the gate
    with caplog.at_level(logging.WARNING):
        os.kill(first, signal.SIGKILL)
        os.close(fds[0])
        qtbot.waitUntil(lambda: jobs.pid not in (None, first))  # the old one is gone
        release(qtbot, gate)  # the job again, in the new process
        qtbot.waitUntil(lambda: bool(results))
    assert results == [("figures", jobs.pid)] and jobs.pid != first and jobs.starts == 2
    assert f"KPI process (pid {first}) ended" in caplog.text


def test_a_job_that_kills_the_process_every_time_is_given_up(qtbot, jobs, caplog):
    worker = KpiWorker(jobs=jobs)
    results = []
    worker.finished.connect(results.append)
    worker.request(dies)
    worker.request(partial(named, "next"))
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    assert results[0][0] == "next"
    assert jobs.starts == DEATHS_PER_JOB + 1
    assert f"the process died {DEATHS_PER_JOB} times running it" in caplog.text


def test_the_queue_panel_gets_its_figures_back_after_the_process_is_killed(
    qtbot,
    wall,  # noqa: F811
    caplog,
):
    _, store = wall
    panel = make_panel(qtbot, store)
    computed(qtbot, panel)
    late = [call(f"n{i}", at(9, 40 + i), answer_s=40) for i in range(4)]
    store.apply("smd", FeedKind.CALLS, CallPage(items=late, cursor="6", full=False))
    assert panel.worker.busy  # the new calls' figures are being computed
    killed = panel.worker.jobs.pid
    with caplog.at_level(logging.WARNING):
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: shown(panel, "offered")[1] == ("10", "none"), timeout=20_000)
    assert panel.worker.jobs.pid != killed
    assert f"KPI process (pid {killed}) ended" in caplog.text


def test_shutdown_ends_the_process(qtbot, jobs):
    results = []
    jobs.submit(partial(named, "x"), lambda result, _s: results.append(result))
    qtbot.waitUntil(lambda: bool(results))
    pid = jobs.pid
    jobs.shutdown()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended and reaped
    with pytest.raises(RuntimeError):
        jobs.submit(partial(named, "y"), lambda *_: None)


def test_job_error_is_what_a_failed_job_gives(qtbot, jobs):
    results = []
    jobs.submit(fails, lambda result, _s: results.append(result))
    qtbot.waitUntil(lambda: bool(results))
    assert isinstance(results[0], JobError) and "no such KPI" in str(results[0])


def test_the_walls_entry_point_imports_no_qt_before_it_runs():
    # multiprocessing's spawn runs the parent's main module again in the KPI process
    # (main.py: `from wallboard.shell.cli import main`): that import must not load Qt
    probe = (
        "import sys; import wallboard.shell.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_the_walls_process_stops_when_the_wall_quits_and_a_new_one_serves_after(
    qtbot,
    wall,  # noqa: F811
):
    _, store = wall
    panel = make_panel(qtbot, store)
    computed(qtbot, panel)
    pid = panel.worker.jobs.pid
    stop_jobs()  # what the application's aboutToQuit runs
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    late = [call(f"n{i}", at(9, 40 + i), answer_s=40) for i in range(4)]
    store.apply("smd", FeedKind.CALLS, CallPage(items=late, cursor="6", full=False))
    qtbot.waitUntil(lambda: shown(panel, "offered")[1] == ("10", "none"), timeout=20_000)
    assert panel.worker.jobs.pid != pid
