"""A recording played back as a backend: the native feed v1 served on loopback.

Each recorded backend gets its own server (like the embedded simulator's), which the
wall polls like any native backend. The replay clock runs from the recording's first
page at ``speed`` recorded seconds per real second (or is moved by hand in tests);
every answer holds the state as of the replay clock, and ``X-Feed-Time`` follows the
recorded feed time. Incidents and calls are always served as full pages, with strong
ETags, so an unchanged state costs a 304.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from http import HTTPStatus
from pathlib import Path

import msgspec

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import API_PREFIX
from wallboard.recording.format import Recording, read_recording
from wallboard.recording.timeline import BackendTimeline
from wallboard.simulator.encoding import Body, make_body
from wallboard.simulator.served_feed import ServedFeed
from wallboard.simulator.server import FeedFailure, openapi_body

log = logging.getLogger(__name__)
_encoder = msgspec.json.Encoder()
_PATHS = {kind.path: kind for kind in FeedKind}


class ReplayServer(ServedFeed):
    """Serves one recorded backend; use as a context manager, or call :meth:`stop`."""

    def __init__(
        self,
        recording: Recording,
        backend: str,
        *,
        speed: float = 1.0,
        manual_clock: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if not speed > 0:
            raise ValueError(f"replay speed must be > 0, got {speed}")
        entries = [pair for pair in recording.entries if pair[0].backend == backend]
        if not entries:
            raise ValueError(f"{recording.path}: nothing recorded for backend {backend!r}")
        self.backend = backend
        self.kinds = recording.kinds(backend)
        self._timeline = BackendTimeline(entries)
        self.start, self.end = self._timeline.start, self._timeline.end
        self._speed = speed
        self._manual = manual_clock
        self._at = self.start
        # the clock starts at the first request, not here: a wall that takes a while to
        # start (QtWebEngine on a busy machine) still sees the recording from its start
        self._real0: float | None = None
        self._lock = threading.Lock()
        self._cache: dict[tuple[FeedKind, object], tuple[int, Body]] = {}
        self._serve(host, port, self._respond, self._feed_time, "replay")
        log.info("replaying %s of %s at %s", backend, recording.path, self.url)

    # -- the replay clock ------------------------------------------------------------

    def now(self) -> datetime:
        """The recorded time being replayed."""
        if self._manual:
            return self._at
        if self._real0 is None:
            return self.start
        elapsed = (time.monotonic() - self._real0) * self._speed
        return self.start + timedelta(seconds=elapsed)

    def seek(self, at: datetime) -> None:
        """Move a manual clock to recorded time ``at`` (forward or back)."""
        if not self._manual:
            raise RuntimeError("seek() needs manual_clock=True")
        with self._lock:
            self._at = at

    @property
    def finished(self) -> bool:
        """Whether the replay clock has passed the recording's last page."""
        return self.now() >= self.end

    # -- answers ---------------------------------------------------------------------

    def _feed_time(self) -> str:
        skew = self._timeline.skew or timedelta(0)
        return (self.now() + skew).isoformat()

    def _respond(self, path: str, query: dict[str, list[str]]) -> tuple[Body, str]:
        if self._real0 is None:
            with self._lock:
                if self._real0 is None:
                    self._real0 = time.monotonic()
        if path == f"{API_PREFIX}/openapi.json":
            return openapi_body(), self._feed_time()
        kind = _PATHS.get(path)
        if kind is None:
            raise FeedFailure(HTTPStatus.NOT_FOUND, "not_found", "no such endpoint in feed v1")
        between = _between(query) if kind is FeedKind.CALLS else None
        if self.now() > self.end:
            # Past the last page the data is frozen: answering it as current would make a
            # wall show a finished day as live. Failing makes the wall mark it stale.
            raise FeedFailure(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "recording_ended",
                f"the recording ended at {self.end.isoformat(timespec='seconds')}",
            )
        with self._lock:
            self._timeline.advance_to(self.now())
            feed_time = self._feed_time()
            if not self._timeline.has(kind):
                raise FeedFailure(
                    HTTPStatus.NOT_FOUND,
                    "not_recorded",
                    f"no {kind.value} recorded for {self.backend} by this point of the replay",
                )
            stamp = self._timeline.applied[kind]
            key = (kind, between)
            hit = self._cache.get(key)
            if hit is None or hit[0] != stamp:
                page = self._timeline.page(kind, between)
                if len(self._cache) > 32:
                    self._cache.clear()
                hit = (stamp, make_body(_encoder.encode(page)))
                self._cache[key] = hit
            return hit[1], feed_time


def _between(query: dict[str, list[str]]) -> tuple[datetime, datetime] | None:
    """The feed's ``/calls?from=&to=`` history window, if asked for."""
    if "from" not in query and "to" not in query:
        return None
    try:
        start = datetime.fromisoformat(query["from"][-1])
        end = datetime.fromisoformat(query["to"][-1])
    except (KeyError, ValueError):
        raise FeedFailure(
            HTTPStatus.BAD_REQUEST, "bad_range", "from and to must both be ISO 8601 times"
        ) from None
    if start.tzinfo is None or end.tzinfo is None:
        raise FeedFailure(HTTPStatus.BAD_REQUEST, "bad_range", "from and to need an offset")
    return start, end


def start_replay(
    path: Path, *, speed: float = 1.0, manual_clock: bool = False
) -> tuple[list[ReplayServer], list[str]]:
    """One server per backend recorded in ``path``, and the problems met reading it.

    Raises RecordingError when the file is not a recording, ValueError when it holds
    no page at all.
    """
    recording = read_recording(Path(path))
    for problem in recording.problems:
        log.warning("%s", problem)
    if not recording.entries:
        raise ValueError(f"{path}: no readable page in the recording")
    servers = [
        ReplayServer(recording, backend, speed=speed, manual_clock=manual_clock)
        for backend in recording.backends
    ]
    return servers, recording.problems


__all__ = ["ReplayServer", "start_replay"]
