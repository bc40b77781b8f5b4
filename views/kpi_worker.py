"""KPI computation off the GUI thread, one at a time, its result delivered on the GUI thread.

At 50,000 calls a day every KPI of today, the last hour and last week takes a few
hundred milliseconds: on the GUI thread that would freeze the wall. The panel hands
``request`` a job that closes over an immutable snapshot (tuples of frozen records); one
worker thread runs it and ``finished`` brings the result back through a queued Qt
signal. Requests coalesce: while one computation runs, only the newest request waits,
so a busy feed never builds a queue of stale work. Nothing in the job may touch a widget
(Anki's rule for its QueryOp: "don't call any UI routines in op").
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class KpiWorker(QObject):
    """Runs jobs on one background thread; never more than one in flight."""

    finished = Signal(object)  # the job's result, on the GUI thread
    _done = Signal(object, float)  # emitted from the worker thread: queued to ours

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="kpi")
        self._busy = False
        self._pending: Callable[[], Any] | None = None
        self.last_seconds: float | None = None  # how long the last job took (benchmarks)
        self.completed = 0
        self._done.connect(self._on_done)
        executor = self._executor  # not self: the slot runs while self is being deleted
        self.destroyed.connect(lambda *_: executor.shutdown(wait=False, cancel_futures=True))

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, job: Callable[[], Any]) -> None:
        """Run ``job`` off the GUI thread now, or as soon as the running one ends
        (replacing any job already waiting)."""
        if self._busy:
            self._pending = job
            return
        self._busy = True
        self._executor.submit(self._run, job)

    def _run(self, job: Callable[[], Any]) -> None:
        started = time.perf_counter()
        try:
            result = job()
        except Exception as exc:  # a bug in a KPI must not kill the worker thread
            log.exception("KPI computation failed")
            result = exc
        # RuntimeError: the panel (and this object) went away meanwhile
        with contextlib.suppress(RuntimeError):
            self._done.emit(result, time.perf_counter() - started)

    def _on_done(self, result: Any, seconds: float) -> None:
        self._busy = False
        self.last_seconds = seconds
        self.completed += 1
        pending, self._pending = self._pending, None
        if pending is not None:
            self.request(pending)
        if not isinstance(result, Exception):
            self.finished.emit(result)

    def shutdown(self) -> None:
        """Stop taking work; a running job finishes on its own."""
        self._pending = None
        self._executor.shutdown(wait=False, cancel_futures=True)


__all__ = ["KpiWorker"]
