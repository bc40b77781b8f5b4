"""The embedded dispatch simulator: a seeded 112 centre served as the native feed v1.

``start_simulator(...)`` runs it in-process on loopback (the default backend, and the
one end-to-end tests and benchmarks talk to); ``python -m wallboard.simulator`` runs it
standalone.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from http import HTTPStatus
from operator import attrgetter
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec

from wallboard.feed.pages import API_PREFIX, CallPage, IncidentPage
from wallboard.simulator.clock import SimClock
from wallboard.simulator.encoding import Body, FeedBodies, make_body
from wallboard.simulator.engine import Engine
from wallboard.simulator.history import MAX_RANGE, CallHistory
from wallboard.simulator.scenario import Scenario, ScenarioError, load_scenario
from wallboard.simulator.served_feed import ServedFeed
from wallboard.simulator.server import FeedFailure, FeedRoutes, parse_range
from wallboard.simulator.synthetic import SyntheticLoad

log = logging.getLogger(__name__)

__all__ = ["Scenario", "ScenarioError", "SimulatorServer", "load_scenario", "start_simulator"]


class SimulatorServer(ServedFeed):
    """A running simulator: its URL, its simulated clock, and the bulk-load hooks.

    Use as a context manager, or call :meth:`stop`.
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int = 1,
        speed: float = 1.0,
        start: datetime | None = None,
        manual_clock: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        tombstone_limit: int = 50_000,
    ) -> None:
        self.scenario = scenario
        self.tz = ZoneInfo(scenario.region.timezone)
        start = start or datetime.now(self.tz)
        if start.tzinfo is None:
            start = start.replace(tzinfo=self.tz)  # a naive start is the region's local time
        self._lock = threading.Lock()
        self._clock = SimClock(start.timestamp(), speed=speed, manual=manual_clock)
        self._engine = Engine(scenario, seed, start.timestamp(), tombstone_limit)
        self._bodies = FeedBodies(self._engine)
        self._routes = FeedRoutes(self._bodies)
        self._synthetic = SyntheticLoad(self._engine, seed)
        self._history = CallHistory(scenario, seed)
        self._serve(host, port, self._respond, self._feed_time, "simulator")
        log.info("simulator %s serving %s", scenario.region.id, self.url)

    def now(self) -> datetime:
        """The current simulated time in the region's zone."""
        return datetime.fromtimestamp(self._clock.now(), self.tz)

    def advance(self, delta: timedelta) -> datetime:
        """Move a manual clock forward (and the model with it); returns the new time."""
        with self._lock:
            t = self._clock.advance(delta.total_seconds())
            self._engine.advance_to(t)
        return self.now()

    def _sync(self) -> None:
        self._engine.advance_to(self._clock.now())

    def _respond(self, path: str, query: dict[str, list[str]]) -> tuple[Body, str]:
        if path == f"{API_PREFIX}/calls":
            period = parse_range(query)
            if period is not None:
                return self._ranged_calls(*period), self._feed_time()
        if path == f"{API_PREFIX}/incidents":
            period = parse_range(query)
            if period is not None:
                return self._ranged_incidents(*period), self._feed_time()
        with self._lock:
            self._sync()
            return self._routes.body(path, query), self._feed_time()

    def _feed_time(self) -> str:
        return datetime.fromtimestamp(int(self._clock.now()), self.tz).isoformat()

    def _ranged_calls(self, start: datetime, end: datetime) -> Body:
        """Calls offered in [start, end): live ones from the engine, older ones replayed."""
        return self._ranged(
            start, end, self._engine.live_since, lambda: self._engine.calls,
            attrgetter("offered_at"), self._history.calls, CallPage,
        )  # fmt: skip

    def _ranged_incidents(self, start: datetime, end: datetime) -> Body:
        """Incidents created in [start, end), as they stand now: live ones from the
        engine, older ones (before the engine, or past its 24 h window) replayed."""
        return self._ranged(
            start, end, self._engine.incidents_live_since, lambda: self._engine.incidents,
            attrgetter("created_at"), self._history.incidents, IncidentPage,
        )  # fmt: skip

    def _ranged(self, start, end, live_since_of, live_records, stamp, replayed, page) -> Body:
        """Records stamped in [start, end): the engine's live ones since ``live_since_of()``,
        older ones replayed by ``replayed(start, cut)``. The replay runs outside the
        engine's lock, so live polls never wait for it."""
        if end - start > MAX_RANGE:
            raise FeedFailure(
                HTTPStatus.BAD_REQUEST,
                "bad_range",
                f"a range may span at most {MAX_RANGE.days} days",
            )
        with self._lock:
            self._sync()
            live_since = live_since_of()
            live = [
                r
                for r in live_records()
                if start <= stamp(r) < end and stamp(r).timestamp() >= live_since
            ]
        cut = min(end, datetime.fromtimestamp(live_since, self.tz))
        older = replayed(start, cut) if start < cut else []
        items = older + sorted(live, key=lambda r: (stamp(r), r.id))
        # A ranged page is a snapshot, not a step in the delta sequence: no cursor.
        return make_body(msgspec.json.encode(page(items=items, cursor="", full=True)))

    # -- bulk-load hooks for benchmarks ----------------------------------------------

    def inject_incidents(self, n: int) -> list[str]:
        """Add n synthetic open incidents (never dispatched or closed); returns their ids."""
        with self._lock:
            self._sync()
            return self._synthetic.inject_incidents(n)

    def inject_units(self, n: int) -> list[str]:
        """Add n synthetic units (never dispatched); returns their ids."""
        with self._lock:
            self._sync()
            return self._synthetic.inject_units(n)

    def touch_incidents(self, fraction: float) -> int:
        """Change that fraction of the open incidents (new versions); returns how many."""
        with self._lock:
            self._sync()
            return self._synthetic.touch_incidents(fraction)

    def touch_units(self, fraction: float) -> int:
        """Move that fraction of the units a little (new versions); returns how many."""
        with self._lock:
            self._sync()
            return self._synthetic.touch_units(fraction)


def start_simulator(
    seed: int = 1,
    speed: float = 1.0,
    port: int = 0,
    scenario: str | Path | Scenario = "samarinda",
    start: datetime | str | None = None,
    manual_clock: bool = False,
    host: str = "127.0.0.1",
    tombstone_limit: int = 50_000,
) -> SimulatorServer:
    """Start a simulator serving on ``host:port`` (0 picks a free port) and return it.

    ``scenario`` is a built-in name ("samarinda", "paser"), a TOML path or a Scenario;
    ``start`` (aware or region-local datetime, or ISO 8601 text) defaults to now.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if isinstance(start, str):
        start = datetime.fromisoformat(start)
    return SimulatorServer(
        scenario,
        seed=seed,
        speed=speed,
        start=start,
        manual_clock=manual_clock,
        host=host,
        port=port,
        tombstone_limit=tombstone_limit,
    )
