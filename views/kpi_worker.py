"""KPI computation out of the GUI's thread and process, the result delivered on the GUI thread.

At 50,000 calls a day every KPI of today, the last hour and last week takes tens of
milliseconds, at 3 x 50,000 up to a few hundred: on the GUI thread that would freeze the
wall, and on a worker thread it still did, for up to 276 ms, because the thread held
Python's GIL while the GUI waited for it. So the jobs run in the wall's one KPI process
(wallboard/kpi/job_process.py), shared by every panel: a panel hands ``request`` a
picklable job (a ``partial`` of a pure domain function over copies of its tables), or
``request_built`` a function that makes one when it is sent, and ``finished`` brings
the result back through a queued Qt signal. Requests coalesce: while one job of this
worker is in flight, only the newest request waits (and is made only when sent), so a
busy feed never builds a queue of stale work nor copies tables for it. The process is
stopped when the application quits.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from wallboard.kpi.job_process import JobError, JobProcess

log = logging.getLogger(__name__)

_shared: JobProcess | None = None


def shared_jobs() -> JobProcess:
    """The wall's one KPI process (started on the first job), stopped when the
    application quits or, at the latest, when Python exits."""
    global _shared
    if _shared is None:
        _shared = JobProcess()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(stop_jobs)
        atexit.register(stop_jobs)
    return _shared


def stop_jobs() -> None:
    """Stop the wall's KPI process (a new one starts if a job comes after)."""
    global _shared
    jobs, _shared = _shared, None
    if jobs is not None:
        jobs.shutdown()


class KpiWorker(QObject):
    """Runs jobs in the KPI process; never more than one of this worker's in flight."""

    finished = Signal(object)  # the job's result, on the GUI thread
    _done = Signal(object, float)  # emitted from a thread of the process's: queued to ours

    def __init__(self, parent: QObject | None = None, jobs: JobProcess | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._busy = False
        self._stopped = False
        self._pending: Callable[[], Callable[[], Any]] | None = None
        self.last_seconds: float | None = None  # how long the last job took (benchmarks)
        self.completed = 0
        self._done.connect(self._on_done)

    @property
    def jobs(self) -> JobProcess:
        """The process this worker's jobs run in."""
        if self._jobs is None:
            return shared_jobs()
        return self._jobs

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def idle(self) -> bool:
        """No job in flight and none waiting."""
        return not self._busy and self._pending is None

    def request(self, job: Callable[[], Any]) -> None:
        """Run ``job`` in the KPI process now, or as soon as the running one ends
        (replacing any job already waiting)."""
        self.request_built(lambda: job)

    def request_built(self, build: Callable[[], Callable[[], Any]]) -> None:
        """Like ``request``, but the job is made by ``build()`` only when it is sent: a
        request that a newer one replaces never pays for its copies of the tables."""
        if self._stopped:
            return
        if self._busy:
            self._pending = build
            return
        self._busy = True
        self._pending = None  # made now, this job supersedes any waiting one
        self.jobs.submit(build(), self._deliver)

    def _deliver(self, result: Any, seconds: float) -> None:
        # on the process's reader thread; RuntimeError: this worker went away meanwhile
        with contextlib.suppress(RuntimeError):
            self._done.emit(result, seconds)

    def _on_done(self, result: Any, seconds: float) -> None:
        self._busy = False
        self.last_seconds = seconds
        self.completed += 1
        if self._pending is not None:
            # the next job's copies in an event of their own, after this result is shown:
            # two short steps of the event loop rather than one long one
            QTimer.singleShot(0, self, self._send_pending)
        if isinstance(result, JobError):  # a bug in a KPI must not blank the panel
            log.error("KPI computation failed: %s", result)
        else:
            self.finished.emit(result)

    def _send_pending(self) -> None:
        pending = self._pending
        if pending is not None and not self._busy:  # else a newer one went meanwhile
            self.request_built(pending)

    def shutdown(self) -> None:
        """Stop taking work (a job in flight still ends in the process)."""
        self._pending = None
        self._stopped = True


__all__ = ["KpiWorker", "shared_jobs", "stop_jobs"]
