"""The asyncio scheduler: polls every (backend, kind) on its interval, into the store.

One task per (backend, kind). The blocking HTTP request and the decoding run in an
executor; only ``store.apply`` and the freshness updates run on the event loop thread.
A failed poll never touches the store's records: it is logged once per streak of the
same error, recorded as the source's freshness, and retried with jittered backoff.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import random
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import requests
from psygnal import Signal

from wallboard.feed.decode import Decoded, FeedDecodeError
from wallboard.feed.kinds import FeedKind
from wallboard.poller.backend import BackendSpec
from wallboard.poller.backoff import BackoffPolicy
from wallboard.poller.fetch import (
    CursorExpired,
    Fetched,
    FetchError,
    fetch_and_decode,
    request_url,
)
from wallboard.poller.history import follow_reference_day
from wallboard.poller.session import make_session
from wallboard.sources import SourceAdapter, adapter_for
from wallboard.store import Store

log = logging.getLogger("wallboard.poller")

# Rejected records are logged one line each up to this many per poll, then a count.
MAX_REJECTION_LINES = 5
_MAX_MESSAGE = 600


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one source did; emitted by ``Poller.polled`` for status and tests.

    ``status`` is the HTTP status (200, 304, ...) or None when no answer came;
    ``error`` is the logged message of a failed poll.
    """

    key: str
    status: int | None
    body_bytes: int = 0
    rejected: int = 0
    error: str | None = None
    # a successful poll: when the backend made the answer (X-Feed-Time) and how long it
    # then sat in an HTTP cache (docs/fanout.md)
    feed_time: datetime | None = None
    cache_age: float | None = 0.0


@dataclass(frozen=True)
class AppliedPage:
    """A page the store applied, as ``Poller.applied`` reports it (for recording).

    ``page`` is the native page (IncidentPage, UnitList, ...) whatever the source's type;
    ``at`` is our wall clock, ``feed_time`` the backend's (None when it did not say).
    """

    backend: str
    kind: FeedKind
    page: object
    at: datetime
    feed_time: datetime | None
    kept: frozenset[str] = frozenset()  # rejected ids whose last good version stays


@dataclass
class _SourceState:
    """What the poller remembers about one (backend, kind) between polls."""

    etag: str | None = None
    cursor: str | None = None
    failures: int = 0
    retry_after: float | None = None
    streak_error: str | None = None
    streak_count: int = 0
    last_rejections: tuple[str, ...] = ()
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class _BackendState:
    spec: BackendSpec
    session: requests.Session
    lock: threading.Lock
    executor: Executor
    sources: dict[FeedKind, _SourceState]
    adapter: SourceAdapter | None = None  # None: the native feed


class Poller:
    """Polls the given backends into ``store`` until ``stop()``; owns time and the network."""

    polled = Signal(object)  # PollOutcome, after every poll
    applied = Signal(object)  # AppliedPage, after the store applied a page

    def __init__(
        self,
        backends: Sequence[BackendSpec],
        store: Store,
        *,
        rng: random.Random | None = None,
        executor: Executor | None = None,
        backoff: BackoffPolicy | None = None,
        wall_clock: Callable[[], datetime] = _utc_now,
        reference_day_check_s: float | None = None,
    ) -> None:
        """``reference_day_check_s``: also keep each backend's calls and incidents of the
        same weekday last week in the store, checking this often for a new local day
        (None: off)."""
        names = [spec.name for spec in backends]
        if len(set(names)) != len(names):
            raise ValueError(f"backend names must be unique: {names}")
        self._store = store
        self._rng = rng or random.Random()
        self._backoff = backoff or BackoffPolicy()
        self._wall_clock = wall_clock
        self._owned_executors: list[ThreadPoolExecutor] = []
        self._backends: dict[str, _BackendState] = {}
        for spec in backends:
            if executor is None:
                # One thread per backend serializes its session and keeps one slow
                # backend from delaying the others.
                own = ThreadPoolExecutor(1, thread_name_prefix=f"poll-{spec.name}")
                self._owned_executors.append(own)
            adapter = adapter_for(spec)
            self._backends[spec.name] = _BackendState(
                spec=spec,
                session=make_session(spec.token, proxy=spec.proxy, ca_file=spec.ca_file),
                lock=threading.Lock(),
                executor=executor or own,
                sources={
                    kind: _SourceState() for kind in (adapter.kinds if adapter else spec.kinds)
                },
                adapter=adapter,
            )
        self._secrets = [s for spec in backends for s in (spec.token, spec.password) if s]
        self._closing = threading.Event()  # read by executor threads
        self._stopping = False
        self._stop_event: asyncio.Event | None = None
        self._reference_day_check_s = reference_day_check_s

    async def run(self) -> None:
        """Poll every (backend, kind) on its interval, INFO first, until ``stop()``."""
        if self._stopping:
            return
        self._stop_event = asyncio.Event()
        tasks = []
        for state in self._backends.values():
            info_done = asyncio.Event()
            if FeedKind.INFO not in state.sources:
                info_done.set()  # a source without region info: nothing to wait for
            for kind in state.sources:
                coro = self._run_source(state, kind, info_done)
                tasks.append(asyncio.create_task(coro, name=f"poll {state.spec.key(kind)}"))
            # Past calls come from a native feed's /calls (an adapter's source has none).
            native_calls = state.adapter is None and FeedKind.CALLS in state.sources
            if self._reference_day_check_s is not None and native_calls:
                tasks.append(self._follow_reference_day(state, info_done))
        try:
            await self._stop_event.wait()
        finally:
            for task in tasks:
                task.cancel()
            # Cancelling abandons any request still running in the executor: run()
            # returns now, the thread finishes within its timeout on its own.
            await asyncio.gather(*tasks, return_exceptions=True)

    def stop(self) -> None:
        """Make ``run()`` return promptly; call from the event loop's thread."""
        self._stopping = True
        if self._stop_event is not None:
            self._stop_event.set()

    def close(self, *, wait: bool = False) -> None:
        """Close the HTTP sessions and shut our executors down.

        A body still downloading is abandoned at its next read, so a request in flight
        ends within about one timeout; ``wait`` joins it.
        """
        self._closing.set()
        for executor in self._owned_executors:
            executor.shutdown(wait=wait, cancel_futures=True)
        for state in self._backends.values():
            state.session.close()

    async def poll_once(self, backend: str, kind: FeedKind) -> None:
        """Poll one source once (recovering from an expired cursor); for tests and tools."""
        await self._poll(self._backends[backend], kind)

    def _follow_reference_day(self, state: _BackendState, ready: asyncio.Event) -> asyncio.Task:
        name = state.spec.name
        coro = follow_reference_day(
            self._store,
            name,
            state.spec.endpoint(FeedKind.CALLS),
            functools.partial(self.fetch_once, name, FeedKind.CALLS),
            ready,
            self._reference_day_check_s or 60.0,
            self._backoff,
            self._rng,
            incidents=(
                state.spec.endpoint(FeedKind.INCIDENTS),
                functools.partial(self.fetch_once, name, FeedKind.INCIDENTS),
            )
            if FeedKind.INCIDENTS in state.sources
            else None,
        )
        return asyncio.create_task(coro, name=f"reference day {name}")

    async def fetch_once(self, backend: str, kind: FeedKind, url: str) -> Fetched:
        """One unconditional GET of ``url`` on ``backend``'s session and thread, decoded as
        ``kind``; the store is not touched (the caller decides what to do with the page)."""
        state = self._backends[backend]
        job = functools.partial(
            fetch_and_decode,
            state.session,
            state.lock,
            self._closing,
            kind,
            url,
            None,
            state.spec.timeout,
            state.spec.max_bytes,
            state.spec.key(kind),
            self._store.feed_now(backend),
        )
        return await asyncio.get_running_loop().run_in_executor(state.executor, job)

    async def _run_source(
        self, state: _BackendState, kind: FeedKind, info_done: asyncio.Event
    ) -> None:
        loop = asyncio.get_running_loop()
        source = state.sources[kind]
        key = state.spec.key(kind)
        if kind is not FeedKind.INFO:
            await info_done.wait()
        while True:
            started = loop.time()
            try:
                await self._poll(state, kind)
            except Exception:
                # A bug of ours must not end this source's polling for good.
                log.exception("%s: unexpected error in the poller", key)
                source.failures += 1
            finally:
                info_done.set()
            if source.failures:
                delay = self._backoff.delay(source.failures, self._rng, source.retry_after)
            else:
                delay = max(0.0, started + state.spec.interval(kind) - loop.time())
            await asyncio.sleep(delay)

    async def _poll(self, state: _BackendState, kind: FeedKind) -> None:
        source = state.sources[kind]
        async with source.lock:  # never two polls of the same source at once
            try:
                fetched = await self._fetch(state, kind, source)
            except CursorExpired as exc:
                self._warn(f"{state.spec.key(kind)}: {exc.problem}; fetching in full")
                source.cursor = None
                source.etag = None
                try:
                    fetched = await self._fetch(state, kind, source)
                except (FetchError, FeedDecodeError) as exc2:
                    self._failed(state, kind, exc2)
                    return
            except (FetchError, FeedDecodeError) as exc:
                self._failed(state, kind, exc)
                return
            except Exception as exc:
                # A bug (ours or a library's) still shows as a failing source on the wall.
                log.error("%s: unexpected error while polling", state.spec.key(kind), exc_info=True)
                self._failed(state, kind, FetchError(f"internal error ({type(exc).__name__})"))
                return
            self._succeeded(state, kind, fetched)

    async def _fetch(self, state: _BackendState, kind: FeedKind, source: _SourceState) -> Fetched:
        spec = state.spec
        key = spec.key(kind)
        self._store.record_attempt(key, self._wall_clock())
        if state.adapter is not None:
            job = functools.partial(
                state.adapter.fetch,
                state.session,
                state.lock,
                self._closing,
                kind,
                spec.timeout,
                spec.max_bytes,
                key,
                self._store.feed_now(spec.name),
            )
            return await asyncio.get_running_loop().run_in_executor(state.executor, job)
        cursor = source.cursor if kind.has_delta else None
        job = functools.partial(
            fetch_and_decode,
            state.session,
            state.lock,
            self._closing,
            kind,
            request_url(spec.endpoint(kind), cursor),
            source.etag,
            spec.timeout,
            spec.max_bytes,
            key,
            self._store.feed_now(spec.name),
        )
        return await asyncio.get_running_loop().run_in_executor(state.executor, job)

    def _succeeded(self, state: _BackendState, kind: FeedKind, fetched: Fetched) -> None:
        key = state.spec.key(kind)
        source = state.sources[kind]
        rejected = 0
        if fetched.decoded is not None:
            try:
                # The Decoded itself, so a record rejected from a full page keeps its
                # last good version in the store instead of vanishing from the wall.
                self._store.apply(state.spec.name, kind, fetched.decoded)
            except Exception as exc:
                log.exception("%s: the store could not apply the page", key)
                self._failed(state, kind, FetchError(f"store rejected the page: {exc!r}"))
                return
            # Only a validator of a body we used may be sent back: a 304 to it means
            # "you already have this", which must never hide a body we rejected.
            source.etag = fetched.etag
            page = fetched.decoded.page
            if kind.has_delta:
                source.cursor = getattr(page, "cursor", None)
            rejected = len(fetched.decoded.rejected)
            self._log_rejections(key, source, fetched.decoded)
            seen_at = fetched.feed_time or self._store.feed_now(state.spec.name)
            self._store.record_quality(key, fetched.decoded, seen_at)
            kept = frozenset(r.record_id for r in fetched.decoded.rejected if r.record_id)
            at = self._wall_clock()
            if isinstance(kind, FeedKind):  # hazard alerts are not native pages to record
                self.applied.emit(
                    AppliedPage(state.spec.name, kind, page, at, fetched.feed_time, kept)
                )
        # The backend's clock as we received the answer: a cached answer's X-Feed-Time is
        # older by its cache age, which must not read as the backend's clock running slow;
        # an answer of unknown age gives only a rough sample (wallboard/poller/cache_age.py).
        feed_clock = fetched.feed_time
        age = fetched.cache_age
        if feed_clock is not None and age:
            feed_clock += timedelta(seconds=age)
        self._store.record_success(key, self._wall_clock(), feed_clock, rough=age is None)
        if source.failures:
            log.info("%s: recovered after %d failed polls", key, source.failures)
        source.failures = 0
        source.retry_after = None
        source.streak_error = None
        source.streak_count = 0
        self.polled.emit(
            PollOutcome(
                key,
                fetched.status,
                fetched.body_bytes,
                rejected,
                feed_time=fetched.feed_time,
                cache_age=fetched.cache_age,
            )
        )

    def _failed(
        self, state: _BackendState, kind: FeedKind, exc: FetchError | FeedDecodeError
    ) -> None:
        key = state.spec.key(kind)
        source = state.sources[kind]
        # FeedDecodeError's text already starts with the source; ours does not.
        text = str(exc) if isinstance(exc, FeedDecodeError) else f"{key}: {exc.problem}"
        message = self._clean(text)
        source.failures += 1
        source.retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        self._store.record_failure(key, self._wall_clock(), message)
        if message != source.streak_error:
            source.streak_error = message
            source.streak_count = 1
            log.warning("%s", message)
        else:
            source.streak_count += 1
            if _is_power_of_ten(source.streak_count):
                log.warning("%s (%d times in a row)", message, source.streak_count)
            else:
                log.debug("%s (%d times in a row)", message, source.streak_count)
        status = exc.status if isinstance(exc, FetchError) else 200
        self.polled.emit(PollOutcome(key, status, error=message))

    def _log_rejections(self, key: str, source: _SourceState, decoded: Decoded) -> None:
        lines = []
        for rejection in decoded.rejected[:MAX_REJECTION_LINES]:
            ident = f" (id {rejection.record_id!r})" if rejection.record_id is not None else ""
            lines.append(
                self._clean(
                    f"{key}: rejected record {rejection.index}{ident}: {rejection.problem}"
                    f" [{rejection.reason}]"
                )
            )
        if decoded.rejected:
            lines.append(f"{key}: {len(decoded.rejected)} record(s) rejected, the rest kept")
        # The same rejections in poll after poll (a full list with one bad record) are
        # logged once, not every two seconds.
        level = logging.DEBUG if tuple(lines) == source.last_rejections else logging.WARNING
        source.last_rejections = tuple(lines)
        for line in lines:
            log.log(level, "%s", line)

    def _warn(self, text: str) -> None:
        log.warning("%s", self._clean(text))

    def _clean(self, text: str) -> str:
        """Backend text made safe for a log line: no tokens, no control characters."""
        for secret in self._secrets:
            text = text.replace(secret, "[token]")
        text = "".join(c if c.isprintable() else " " for c in text)
        return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _is_power_of_ten(n: int) -> bool:
    return n >= 10 and 10 ** round(math.log10(n)) == n
