"""The recorder: every page the store applied, written to a recording file.

Connected to ``Poller.applied``, it only queues the page: the encoding and the writing
happen in the recorder's own thread, so the GUI thread (where the poller's tasks run
under qasync) never waits on JSON or the disk. The queue is bounded: when the disk
cannot keep up, pages are dropped and counted (and the count logged) rather than held
without limit.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from wallboard.poller import AppliedPage
from wallboard.recording.format import entry_line, header_line, open_for_writing

log = logging.getLogger(__name__)

_STOP = object()


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Recorder:
    """Appends applied pages to ``path`` (gzip when it ends in ``.gz``) until ``close()``.

    Opening the file happens at once, so a path that cannot be written is an OSError
    for the caller, not a silent thread failure.
    """

    def __init__(
        self,
        path: Path,
        *,
        max_queued: int = 1024,
        wall_clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.path = Path(path)
        self.written = 0
        self.dropped = 0
        self.error: str | None = None
        self._file: IO[bytes] = open_for_writing(self.path)
        self._file.write(header_line(wall_clock()))
        self._queue: queue.Queue[object] = queue.Queue(max_queued)
        self._thread = threading.Thread(target=self._run, name="recorder", daemon=True)
        self._thread.start()
        self._closed = False

    def write(self, applied: AppliedPage) -> None:
        """Queue one applied page; never blocks (a full queue drops it and counts)."""
        if self._closed:
            return
        try:
            self._queue.put_nowait(applied)
        except queue.Full:
            self.dropped += 1
            if self.dropped == 1 or self.dropped % 100 == 0:
                log.warning(
                    "%s: recording falls behind; %d page(s) dropped", self.path, self.dropped
                )

    def close(self) -> None:
        """Write what is queued, then close the file. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join()
        self._file.close()
        log.info("%s: %d page(s) recorded, %d dropped", self.path, self.written, self.dropped)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            if self.error is not None:
                continue  # the disk failed: keep draining so the wall never waits
            try:
                self._write(item)
            except (OSError, ValueError) as exc:
                self.error = f"{self.path}: recording stopped: {exc}"
                log.error("%s", self.error)
        try:
            self._file.flush()
        except OSError as exc:
            log.error("%s: could not flush the recording: %s", self.path, exc)

    def _write(self, applied: AppliedPage) -> None:
        line = entry_line(
            applied.backend,
            applied.kind,
            applied.page,
            applied.at,
            applied.feed_time,
            sorted(applied.kept),
        )
        self._file.write(line)
        self.written += 1
        if self._queue.empty():
            self._file.flush()  # a crash loses at most what was still queued


__all__ = ["Recorder"]
