"""Call records of past local days: each day re-simulated from its own seed.

The live engine starts at most a few hours before the simulator does, so "the same
weekday last week" would not exist. Each past local day is instead played by its own
engine, seeded from the simulator's seed and the date: the same day always gives the
same calls, whoever asks and whenever. A day costs about 0.3 s (3,000 calls); the last
few are cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import msgspec

from wallboard.feed.pages import MAX_CALL_RANGE
from wallboard.model import CallRecord
from wallboard.simulator.engine import Engine
from wallboard.simulator.scenario import Scenario

# Play on past midnight so that calls offered late in the day have ended.
_SETTLE_S = 2 * 3600.0
_CACHED_DAYS = 8
MAX_RANGE = MAX_CALL_RANGE


def day_seed(seed: int, day: date) -> int:
    """The seed of one past day: stable across runs and Python versions."""
    return seed * 1_000_003 + day.toordinal()


class CallHistory:
    """Call records offered on past local days of one scenario, deterministic per day."""

    def __init__(self, scenario: Scenario, seed: int, cached_days: int = _CACHED_DAYS) -> None:
        self._scenario = scenario
        self._seed = seed
        self._tz = ZoneInfo(scenario.region.timezone)
        self._limit = max(1, cached_days)
        self._days: OrderedDict[date, list[CallRecord]] = OrderedDict()
        self._lock = threading.Lock()

    def day(self, day: date) -> list[CallRecord]:
        """Every call offered on local ``day`` (midnight to midnight), oldest first."""
        with self._lock:
            held = self._days.get(day)
            if held is not None:
                self._days.move_to_end(day)
                return held
        calls = self._play(day)
        with self._lock:
            self._days[day] = calls
            while len(self._days) > self._limit:
                self._days.popitem(last=False)
        return calls

    def calls(self, start: datetime, end: datetime) -> list[CallRecord]:
        """Calls offered in [start, end), which must span at most MAX_RANGE."""
        if end - start > MAX_RANGE:
            raise ValueError(f"history range longer than {MAX_RANGE.days} days")
        found: list[CallRecord] = []
        day = start.astimezone(self._tz).date()
        while end > datetime.combine(day, time(0), tzinfo=self._tz):
            found.extend(c for c in self.day(day) if start <= c.offered_at < end)
            day += timedelta(days=1)
        return found

    def _play(self, day: date) -> list[CallRecord]:
        start = datetime.combine(day, time(0), tzinfo=self._tz).timestamp()
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz).timestamp()
        prefix = f"{self._scenario.region.code}-{day:%Y%m%d}"
        engine = Engine(self._scenario, day_seed(self._seed, day), start, call_id_prefix=prefix)
        engine.advance_to(end + _SETTLE_S)
        # The incidents of a replayed day are not served, so calls must not point at them
        # (their ids could be those of live incidents).
        return sorted(
            (
                msgspec.structs.replace(c, incident_id=None)
                for c in engine.calls
                if start <= c.offered_at.timestamp() < end
            ),
            key=lambda c: (c.offered_at, c.id),
        )


__all__ = ["MAX_RANGE", "CallHistory", "day_seed"]
