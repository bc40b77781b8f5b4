"""Jobs for the KPI process's tests: pure functions (no Qt), so the process may run them.

``gated`` blocks on a named pipe (FIFO) until the test opens it for writing and closes
it: the test knows the job is running when its open succeeds, and releases it at will,
without sleeping.
"""

from __future__ import annotations

import os


def gated(fifo: str, name: str) -> tuple[str, int]:
    """``name`` and the process's id, once the test has released the gate."""
    with open(fifo, encoding="utf-8") as gate:
        gate.read()
    return name, os.getpid()


def named(name: str) -> tuple[str, int]:
    """``name`` and the process's id, at once."""
    return name, os.getpid()


def dies() -> None:
    """Ends the process that runs it, as the kernel's OOM killer would."""
    os._exit(9)


def fails() -> None:
    """A job with a bug."""
    raise ValueError("no such KPI")


def writer_on(fifo: str) -> int | None:
    """Our end of the gate, opened, once a job is waiting at the other (else None)."""
    try:
        return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # ENXIO: no job has it open for reading yet
        return None
