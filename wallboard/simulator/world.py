"""The simulated world's event loop and what every part of the story shares.

Simulated time and its event queue, the one seeded RNG, the scenario, the people
factory and the record collections. :class:`~wallboard.simulator.engine.Engine` (calls,
call-takers, agency links) builds on it, and
:class:`~wallboard.simulator.dispatch.Dispatch` (incidents and units) is handed it: so
the two use the world, never each other's module.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from wallboard.model import Agency, CallRecord, Incident, Unit
from wallboard.simulator.journal import Collection, Journal
from wallboard.simulator.people import PeopleFactory
from wallboard.simulator.scenario import Scenario


class World:
    """Simulated time from ``begin``, events played in time order, one seeded RNG."""

    def __init__(
        self, scenario: Scenario, seed: int, begin: float, tombstone_limit: int = 50_000
    ) -> None:
        self.scenario = scenario
        self.region = scenario.region.id
        self.tz = ZoneInfo(scenario.region.timezone)
        self.rng = random.Random(seed)
        self.people = PeopleFactory(scenario.people, self.rng)
        self.journal = Journal()
        self.calls: Collection[CallRecord] = Collection(self.journal, tombstone_limit)
        self.incidents: Collection[Incident] = Collection(self.journal, tombstone_limit)
        self.units: Collection[Unit] = Collection(self.journal, tombstone_limit)
        self.agencies: Collection[Agency] = Collection(self.journal, tombstone_limit)
        self.begin = begin
        self.now = begin
        self._events: list[tuple[float, int, Callable[..., None], tuple]] = []
        self._order = itertools.count()

    def ts(self, t: float) -> datetime:
        """A wire timestamp: whole seconds in the region's zone."""
        return datetime.fromtimestamp(int(t), self.tz)

    def pbx_ts(self, t: float) -> datetime:
        """A timestamp stamped by the PBX, whose clock may run off the CAD's (the
        scenario's ``calls.pbx_clock_skew_s``): a call's arrival, a caller's hang-up."""
        return self.ts(t + self.scenario.calls.pbx_clock_skew_s)

    def at(self, t: float, handler: Callable[..., None], *args: object) -> None:
        heapq.heappush(self._events, (t, next(self._order), handler, args))

    def advance_to(self, t: float) -> None:
        """Play every event up to simulated time ``t``; later calls never rewrite history."""
        events = self._events
        while events and events[0][0] <= t:
            when, _, handler, args = heapq.heappop(events)
            self.now = when
            handler(*args)
        self.now = max(self.now, t)

    def next_arrival(self, t: float, per_day: float) -> float:
        """Next arrival of a Poisson process whose rate follows the hourly curve."""
        weights = self.scenario.calls.hourly
        total = sum(weights)
        while True:
            local = datetime.fromtimestamp(t, self.tz)
            hour_end = t - (local.minute * 60 + local.second + local.microsecond / 1e6) + 3600
            rate = per_day * weights[local.hour] / total / 3600
            if rate > 0:
                step = self.rng.expovariate(rate)
                if t + step < hour_end:
                    return t + step
            t = hour_end

    def uniform(self, bounds: tuple[float, float]) -> float:
        return self.rng.uniform(*bounds)
