"""The KPI jobs' own process: one long-lived Python process that computes the wall's figures.

A worker *thread* shares Python's GIL with the GUI thread: at 3 x 50,000 calls a day the
KPI jobs kept the wall's event loop waiting up to 80-276 ms (docs/kpi.md, "Measured").
A process holds no GIL of the GUI's. One process serves every KPI job of the wall (the
queue panel's and the region comparison's): started with multiprocessing's ``spawn``
context, it is a fresh interpreter that never inherits Qt, and it imports only what a
job's function needs, which must be pure domain code (``submit`` refuses functions from
the Qt layers). Jobs are picklable callables, in practice ``functools.partial`` of a
domain function over table copies (numpy arrays) and small frozen records; results are
frozen records.

Nothing here runs on the GUI thread but ``submit`` (a queue put) and ``shutdown``: a
sender thread pickles each job, its arrays as out-of-band buffers written to the jobs'
pipe (one-way, 1 MiB of buffer: a few writes per job, each without the GIL), and
starts the process when there is none; a reader thread per
process takes the results and hands each to the ``done`` callback given with its job.
If the process dies (killed, out of memory), the reader logs it, starts a new one and
sends it the jobs that were in flight; a job that has been in flight through
``DEATHS_PER_JOB`` deaths is given up (its ``done`` gets a :class:`JobError`). The
process runs at a lower priority (``NICE``): on a busy machine the wall's frames come
before its figures. Pure Python: the Qt side is views/kpi_worker.py.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import itertools
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from types import MappingProxyType
from typing import Any

log = logging.getLogger(__name__)

NICE = 5  # the process's priority below the wall's own (a Unix nice increment)
PIPE_BYTES = 1 << 20  # the jobs' pipe buffer (Linux allows 1 MiB without privileges)
DEATHS_PER_JOB = 3  # a job in flight through this many deaths of the process is given up
# Modules whose functions must never run in the process: they would import Qt there.
QT_MODULES = ("PySide6", "shiboken6", "views", "maps", "wallboard.shell", "__main__")

Done = Callable[[Any, float], None]  # (the result or a JobError, seconds it took)
_STOP = object()


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of ``mapping`` (how a MappingProxyType is unpickled)."""
    return MappingProxyType(mapping)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return read_only, (dict(proxy),)


# The KPI results keep their tables read-only (MappingProxyType), which pickle refuses:
# they travel as plain dicts and are wrapped again on arrival (multiprocessing's own
# pickler only, pickle's global table untouched).
ForkingPickler.register(MappingProxyType, _reduce_proxy)


class JobError(Exception):
    """A job failed in the KPI process, or could not be run there: what happened, as text."""


def job_module(job: Callable[[], Any]) -> str:
    """The module of the function a job calls (through any ``partial``)."""
    while isinstance(job, partial):
        job = job.func
    return getattr(job, "__module__", None) or "?"


def runs_without_qt(job: Callable[[], Any]) -> bool:
    """Whether the process may run ``job``: its function is not of a Qt layer."""
    module = job_module(job)
    return not any(module == m or module.startswith(m + ".") for m in QT_MODULES)


def loaded_modules() -> tuple[str, ...]:
    """The modules imported in the process that runs this (a job for tests)."""
    return tuple(sorted(sys.modules))


def process_id() -> int:
    """The id of the process that runs this (a job for tests)."""
    return os.getpid()


# -- the wire: a job's arrays travel as out-of-band buffers (pickle protocol 5) -------


def _send_job(conn: Connection, message: object) -> None:
    buffers: list[pickle.PickleBuffer] = []
    out = io.BytesIO()
    ForkingPickler(out, 5, True, buffers.append).dump(message)  # positional only
    head = out.getbuffer()
    views = [b.raw() for b in buffers]
    conn.send((head.nbytes, [v.nbytes for v in views]))
    conn.send_bytes(head)
    for view in views:
        conn.send_bytes(view)  # written from the array's own memory, the GIL released


def _receive_job(conn: Connection) -> object:
    _, sizes = conn.recv()
    head = conn.recv_bytes()
    buffers = []
    for size in sizes:
        buffer = bytearray(size)  # writable: the arrays made on it are too
        if size:
            conn.recv_bytes_into(buffer)
        else:
            conn.recv_bytes()
        buffers.append(buffer)
    return pickle.loads(head, buffers=buffers)


def serve(jobs: Connection, results: Connection) -> None:
    """The process's loop: run each job received on ``jobs``, send its result back on
    ``results``, until told to stop or the wall's end of the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the wall's to handle
    with contextlib.suppress(OSError, AttributeError):
        os.nice(NICE)
    while True:
        try:
            message = _receive_job(jobs)
        except (EOFError, OSError):
            return
        if message is None:
            return
        ticket, job = message
        started = time.perf_counter()
        try:
            result, ok = job(), True
        except Exception as exc:
            result, ok = JobError(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"), False
        seconds = time.perf_counter() - started
        try:
            results.send((ticket, ok, result, seconds, time.process_time()))
        except (EOFError, OSError):
            return
        except Exception as exc:  # the result would not pickle: say so
            problem = JobError(f"the job's result could not be sent: {exc!r}")
            results.send((ticket, False, problem, seconds, time.process_time()))


# -- the wall's side -----------------------------------------------------------------


@dataclass
class _InFlight:
    job: Callable[[], Any]
    done: Done
    deaths: int = 0
    sent_to: set[int] = field(default_factory=set)  # the processes it was sent to (pids)


class JobProcess:
    """One process for every KPI job of the wall; started on the first job, restarted
    when it dies, stopped by :meth:`shutdown`."""

    def __init__(self, context: str = "spawn") -> None:
        self._context = multiprocessing.get_context(context)
        self._lock = threading.Lock()
        self._outbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._in_flight: dict[int, _InFlight] = {}
        self._tickets = itertools.count(1)
        self._process: Any = None  # the running process, if any
        self._conn: Connection | None = None
        self._dead_pipes: list[Connection] = []  # jobs' pipes of processes that died
        self._closed = False
        self._cpu_before = 0.0  # CPU seconds of processes that have ended
        self._cpu_now = 0.0  # of the running one, as it last said
        self.starts = 0  # how many processes were started (1 unless one died)
        self._sender = threading.Thread(target=self._send_loop, name="kpi-send", daemon=True)
        self._sender.start()

    @property
    def pid(self) -> int | None:
        """The running process's id (None before the first job)."""
        process = self._process
        return process.pid if process is not None else None

    @property
    def cpu_seconds(self) -> float:
        """CPU time the process(es) used so far, as of the last result."""
        return self._cpu_before + self._cpu_now

    def submit(self, job: Callable[[], Any], done: Done) -> int:
        """Run ``job`` in the process; ``done(result, seconds)`` is called on a thread of
        ours when it is back (``result`` a :class:`JobError` if it failed). Returns the
        job's ticket (for :meth:`cancel`)."""
        if not runs_without_qt(job):
            raise TypeError(f"a KPI job must be pure domain code, not of {job_module(job)}")
        with self._lock:
            if self._closed:
                raise RuntimeError("the KPI process has been shut down")
            ticket = next(self._tickets)
            self._in_flight[ticket] = _InFlight(job, done)
        self._outbox.put((ticket, job))
        return ticket

    def cancel(self, ticket: int) -> None:
        """Forget a job: its result, if it comes, is dropped."""
        with self._lock:
            self._in_flight.pop(ticket, None)

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop the process (after its running job, or at once past ``timeout``)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._in_flight.clear()
            process = self._process
        self._outbox.put(_STOP)
        self._sender.join(timeout)
        if process is not None:
            process.join(timeout)
            if process.is_alive():
                process.terminate()
                process.join(timeout)

    # -- threads of ours ------------------------------------------------------------

    def _connection(self) -> Connection:
        """The running process's end of the pipe; starts a process if none runs (under
        the lock)."""
        if self._conn is not None:
            return self._conn
        for dead in self._dead_pipes:
            dead.close()
        self._dead_pipes.clear()
        # two one-way pipes: the jobs' one with a large buffer, so a job's arrays go in
        # a few writes (each write gives the GIL back and takes it again)
        job_out, job_in = self._context.Pipe(duplex=False)
        result_out, result_in = self._context.Pipe(duplex=False)
        with contextlib.suppress(OSError, AttributeError):
            fcntl.fcntl(job_in.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        process = self._context.Process(
            target=serve, args=(job_out, result_in), name="wallboard-kpi", daemon=True
        )
        process.start()
        job_out.close()  # only the process holds these now: its death closes the pipes
        result_in.close()
        self._process, self._conn = process, job_in
        self.starts += 1
        log.info("KPI process started (pid %s)", process.pid)
        reader = threading.Thread(
            target=self._read_loop,
            args=(result_out, job_in, process),
            name="kpi-read",
            daemon=True,
        )
        reader.start()
        return job_in

    def _send_loop(self) -> None:
        while True:
            item = self._outbox.get()
            if item is _STOP:
                with self._lock:
                    conn = self._conn
                if conn is not None:
                    with contextlib.suppress(OSError, ValueError):
                        conn.send((0, []))
                        conn.send_bytes(pickle.dumps(None))
                    conn.close()
                for dead in self._dead_pipes:
                    dead.close()
                return
            ticket, job = item  # type: ignore[misc]
            with self._lock:
                entry = self._in_flight.get(ticket)
                if entry is None or self._closed:
                    continue  # cancelled meanwhile
                try:
                    conn = self._connection()
                except Exception as exc:  # OSError, or spawn refusing (an unguarded main)
                    log.error("KPI process could not be started: %s", exc)
                    self._in_flight.pop(ticket, None)
                    entry.done(JobError(f"the KPI process could not be started: {exc}"), 0.0)
                    continue
                entry.sent_to.add(self._process.pid)
            try:
                _send_job(conn, (ticket, job))
            except (OSError, ValueError, EOFError):
                pass  # the process died: its reader restarts it and sends the job again
            except Exception as exc:  # a job that does not pickle: a bug of its panel
                log.error("KPI job could not be sent to the KPI process: %r", exc)
                with self._lock:
                    self._in_flight.pop(ticket, None)
                entry.done(JobError(f"the job could not be sent: {exc!r}"), 0.0)

    def _read_loop(self, conn: Connection, jobs: Connection, process: Any) -> None:
        while True:
            try:
                ticket, _ok, result, seconds, cpu = conn.recv()
            except (EOFError, OSError):
                break
            self._cpu_now = cpu
            with self._lock:
                entry = self._in_flight.pop(ticket, None)
            if entry is not None:
                entry.done(result, seconds)
        process.join(1.0)
        conn.close()
        with self._lock:
            if self._closed or self._process is not process:
                return
            self._cpu_before += self._cpu_now
            self._cpu_now = 0.0
            self._process, self._conn = None, None
            # closed by the sender, the only thread writing to it (closed here, its
            # number could be reused by another file while a send is still writing)
            self._dead_pipes.append(jobs)
            resend, give_up = [], []
            for ticket, entry in self._in_flight.items():
                if process.pid not in entry.sent_to:
                    continue  # not sent yet: the sender sends it to the next process
                entry.deaths += 1
                (give_up if entry.deaths >= DEATHS_PER_JOB else resend).append(ticket)
            gone = [(t, self._in_flight.pop(t)) for t in give_up]
        log.warning(
            "KPI process (pid %s) ended (exit code %s) with %d job(s) in flight: "
            "starting a new one",
            process.pid,
            process.exitcode,
            len(resend) + len(gone),
        )
        for _ticket, entry in gone:
            log.error("KPI job given up: the process died %d times running it", entry.deaths)
            entry.done(JobError(f"the KPI process died {entry.deaths} times running it"), 0.0)
        for ticket in resend:
            with self._lock:
                entry = self._in_flight.get(ticket)
            if entry is not None:
                self._outbox.put((ticket, entry.job))


__all__ = [
    "DEATHS_PER_JOB",
    "JobError",
    "JobProcess",
    "job_module",
    "loaded_modules",
    "process_id",
    "runs_without_qt",
    "serve",
]
