"""Many walls, one backend: 20 headless walls poll the real simulator through a real
nginx running the configuration ``wallboard nginx-config`` writes (docs/fanout.md).

The origin sees about one request per cache lifetime per URL shape however many walls
poll; every wall ends with what a wall polling the origin directly holds; and neither a
backend restart behind the cache nor a restart of the cache itself loses a record.
nginx is a system package: scripts/bootstrap installs it (as root, through apt).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from datetime import datetime, timedelta

import msgspec
import pytest
import requests
from nginx_cache import NGINX_MISSING, NginxCache, nginx_binary, wait_until

from wallboard.fanout.probe import BACKEND_NAME, Client, Tally, run_clients
from wallboard.feed.decode import PAGE_TYPES
from wallboard.feed.kinds import FeedKind
from wallboard.poller import PollOutcome
from wallboard.simulator import SimulatorServer, start_simulator

START = "2026-11-28T10:00:00+08:00"  # a busy Saturday morning in Samarinda
SEED = 14
CLIENTS = 20
RUN_S = 30.0
LIFETIME_S = 1
SIM_STEP = timedelta(seconds=30)  # simulated time per poll of the direct wall's queue
RECORD_KINDS = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES)
# (the calls a wall holds include last week's reference day: compared between walls only)
LIVE_KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)


class Backend:
    """The simulator behind the cache; a restart brings the same centre back on the same
    port at the same simulated time (same seed, same story: test_simulator_story.py)."""

    def __init__(self) -> None:
        self.sim: SimulatorServer | None = start_simulator(
            seed=SEED, start=START, manual_clock=True
        )
        self.port = self.sim.port
        self.url = self.sim.url
        self._earlier: Counter[str] = Counter()  # requests served before restarts
        self._lock = threading.Lock()
        self.frozen = False

    def advance(self) -> None:
        """Move the story on (never waits: skipped while a restart is under way)."""
        if self.frozen or not self._lock.acquire(blocking=False):
            return
        try:
            if self.sim is not None:
                self.sim.advance(SIM_STEP)
        finally:
            self._lock.release()

    def restart(self) -> None:
        with self._lock:
            assert self.sim is not None
            now = self.sim.now()
            self._earlier += self.sim.served(via=True)
            self.sim.stop()
            self.sim = None
            self.sim = start_simulator(seed=SEED, start=now, manual_clock=True, port=self.port)

    def served_through_cache(self) -> Counter[str]:
        with self._lock:
            current = self.sim.served(via=True) if self.sim is not None else Counter()
        return self._earlier + current

    def stop(self) -> None:
        with self._lock:
            if self.sim is not None:
                self.sim.stop()


def origin_versions(url: str, kind: FeedKind) -> dict[str, int]:
    """The backend's full answer for ``kind``, fetched independently: id -> version."""
    with requests.Session() as http:
        body = http.get(url + kind.path, timeout=10).content
    return {r.id: r.version for r in msgspec.json.decode(body, type=PAGE_TYPES[kind]).items}


def held(client: Client) -> dict[str, dict[str, int]]:
    """What a wall holds: every record's id and version, per kind, and its queue."""
    store = client.store
    tables = {
        FeedKind.INCIDENTS: store.incidents,
        FeedKind.CALLS: store.calls,
        FeedKind.UNITS: store.units,
        FeedKind.AGENCIES: store.agencies,
    }
    state = {
        kind.value: {key.id: r.version for key, r in tables[kind].items()} for kind in RECORD_KINDS
    }
    queue = store.queues.get(BACKEND_NAME)
    state["queue"] = {"at": queue.at.isoformat(), "waiting": len(queue.waiting)} if queue else {}
    return state


class Walls:
    """The walls' event loop in a thread of its own, so the test can restart things."""

    def __init__(self, clients: list[Client]) -> None:
        self.clients = clients
        self._ready = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)
        self._thread.start()
        self._ready.wait(10)

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stop_event = asyncio.Event()
        self._ready.set()
        await run_clients(self.clients, 3600.0, stop=self.stop_event)

    def read(self, fn):
        """Run ``fn`` on the walls' loop (where the stores change) and return its result."""

        async def call():
            return fn()

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(timeout=10)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.stop_event.set)
        self._thread.join(timeout=20)


@pytest.fixture
def backend():
    made = Backend()
    yield made
    made.stop()


def test_twenty_walls_through_nginx_cost_the_origin_one_request_per_lifetime(backend, tmp_path):
    if nginx_binary() is None:
        pytest.fail(NGINX_MISSING)
    errors: list[tuple[float, str]] = []
    outages: list[tuple[float, float]] = []

    def note(outcome: PollOutcome) -> None:
        if outcome.error is not None:
            errors.append((time.monotonic(), outcome.error))

    with NginxCache(backend.url, tmp_path / "nginx", lifetime_s=LIFETIME_S) as cache:
        tally = Tally()
        walls = [Client(cache.url, tally) for _ in range(CLIENTS)]
        for wall in walls:
            wall.poller.polled.connect(note)
        direct = Client(backend.url, Tally())

        def story(outcome: PollOutcome) -> None:  # the centre lives as the direct wall polls
            if outcome.key.endswith("/queue"):
                backend.advance()

        direct.poller.polled.connect(story)
        started = time.monotonic()
        running = Walls([*walls, direct])
        try:
            # a third of the run, then the backend restarts behind the cache
            wait_until(lambda: time.monotonic() >= started + RUN_S / 3, RUN_S)
            down = time.monotonic()
            backend.restart()
            outages.append((down, time.monotonic()))
            # another third, then the cache itself restarts
            wait_until(lambda: time.monotonic() >= started + 2 * RUN_S / 3, RUN_S)
            down = time.monotonic()
            cache.restart()
            outages.append((down, time.monotonic()))
            wait_until(lambda: time.monotonic() >= started + RUN_S, RUN_S)
            backend.frozen = True  # the story stops: every wall can now catch up

            def converged() -> bool:
                want = running.read(lambda: held(direct))
                return all(running.read(lambda w=w: held(w)) == want for w in walls)

            caught_up = wait_until(converged, 20.0, step=0.5)
            elapsed = time.monotonic() - started
            reference = running.read(lambda: held(direct))
            finals = [running.read(lambda w=w: held(w)) for w in walls]
            truth = {kind.value: origin_versions(backend.url, kind) for kind in LIVE_KINDS}
            story_time = backend.sim.now() - datetime.fromisoformat(START)
        finally:
            running.stop()

    # the story moved, and the direct wall holds what the backend serves in full
    assert story_time >= timedelta(minutes=5)
    assert len(reference["incidents"]) > 50 and len(reference["calls"]) > 500
    for kind, versions in truth.items():
        assert reference[kind] == versions, kind
    assert caught_up, "walls behind the cache did not end with the direct wall's records"
    for final in finals:
        for kind, records in reference.items():
            assert final[kind] == records, kind

    # no wall saw an error but while the backend or the cache was down (and the poll
    # already on its way when it came back: 2 s of grace on a loaded machine)
    late = [text for at, text in errors if not any(down <= at <= up + 2.0 for down, up in outages)]
    assert late == []
    counts = tally.snapshot()
    assert counts["requests"] > CLIENTS * RUN_S  # each wall polled ~1.8 times a second

    # the origin: about one request per cache lifetime per URL shape, however many walls
    served = backend.served_through_cache()
    bound = elapsed / LIFETIME_S * 1.25 + 6  # + the restarts' refills
    shapes = {
        "/api/v1/incidents?since",
        "/api/v1/calls?since",
        "/api/v1/units",
        "/api/v1/queue",
        "/api/v1/agencies",
    }
    assert shapes <= set(served), served
    for shape, n in served.items():
        assert n <= bound, f"{shape}: {n} origin requests in {elapsed:.0f} s ({served})"
    assert sum(served.values()) * 5 < counts["requests"]
