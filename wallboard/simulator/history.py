"""Call records and incidents of past local days: each day re-simulated from its own seed.

The live engine starts at most a few hours before the simulator does, so "the same
weekday last week" would not exist. Each past local day is instead played by its own
engine, seeded from the simulator's seed and the date: the same day always gives the
same calls and incidents, whoever asks and whenever. A day costs about 0.3 s (3,000
calls, 500 incidents); the last few are cached. A replayed day's ids carry its date, so
they never clash with live ones.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import msgspec

from wallboard.feed.pages import MAX_CALL_RANGE
from wallboard.model import CallRecord, Incident
from wallboard.simulator.engine import Engine
from wallboard.simulator.scenario import Scenario

# Play on past midnight so that calls offered late in the day have ended.
_SETTLE_S = 2 * 3600.0
# The replay looks at its incidents this often: a closed one leaves the engine's 24 h
# window, and must be kept as it last stood.
_LOOK_S = 3600.0
_CACHED_DAYS = 8
MAX_RANGE = MAX_CALL_RANGE


def day_seed(seed: int, day: date) -> int:
    """The seed of one past day: stable across runs and Python versions."""
    return seed * 1_000_003 + day.toordinal()


class _Day(msgspec.Struct, frozen=True):
    calls: list[CallRecord]
    incidents: list[Incident]


class CallHistory:
    """Call records and incidents of past local days of one scenario, deterministic per day."""

    def __init__(self, scenario: Scenario, seed: int, cached_days: int = _CACHED_DAYS) -> None:
        self._scenario = scenario
        self._seed = seed
        self._tz = ZoneInfo(scenario.region.timezone)
        self._limit = max(1, cached_days)
        self._days: OrderedDict[date, _Day] = OrderedDict()
        self._lock = threading.Lock()

    def day(self, day: date) -> list[CallRecord]:
        """Every call offered on local ``day`` (midnight to midnight), oldest first."""
        return self._day(day).calls

    def day_incidents(self, day: date) -> list[Incident]:
        """Every incident created on local ``day``, as it stood when the day was over
        (two hours past midnight), oldest first."""
        return self._day(day).incidents

    def _day(self, day: date) -> _Day:
        with self._lock:
            held = self._days.get(day)
            if held is not None:
                self._days.move_to_end(day)
                return held
        played = self._play(day)
        with self._lock:
            self._days[day] = played
            while len(self._days) > self._limit:
                self._days.popitem(last=False)
        return played

    def calls(self, start: datetime, end: datetime) -> list[CallRecord]:
        """Calls offered in [start, end), which must span at most MAX_RANGE."""
        return self._range(start, end, lambda d: self.day(d), "offered_at")

    def incidents(self, start: datetime, end: datetime) -> list[Incident]:
        """Incidents created in [start, end), which must span at most MAX_RANGE."""
        return self._range(start, end, self.day_incidents, "created_at")

    def _range(self, start: datetime, end: datetime, of_day, field: str) -> list:
        if end - start > MAX_RANGE:
            raise ValueError(f"history range longer than {MAX_RANGE.days} days")
        found: list = []
        day = start.astimezone(self._tz).date()
        while end > datetime.combine(day, time(0), tzinfo=self._tz):
            found.extend(r for r in of_day(day) if start <= getattr(r, field) < end)
            day += timedelta(days=1)
        return found

    def _play(self, day: date) -> _Day:
        start = datetime.combine(day, time(0), tzinfo=self._tz).timestamp()
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz).timestamp()
        prefix = f"{self._scenario.region.code}-{day:%Y%m%d}"
        engine = Engine(
            self._scenario,
            day_seed(self._seed, day),
            start,
            call_id_prefix=prefix,
            incident_id_prefix=prefix,
        )
        seen: dict[str, Incident] = {}
        t = start
        while t < end + _SETTLE_S:
            t = min(t + _LOOK_S, end + _SETTLE_S)
            engine.advance_to(t)
            seen.update(engine.incidents.items)
        incidents = sorted(
            (i for i in seen.values() if start <= i.created_at.timestamp() < end),
            key=lambda i: (i.created_at, i.id),
        )
        # Calls keep no link to incidents: a replayed call's incident is a replayed one,
        # which a client may not hold (it asked for calls only).
        calls = sorted(
            (
                msgspec.structs.replace(c, incident_id=None)
                for c in engine.calls
                if start <= c.offered_at.timestamp() < end
            ),
            key=lambda c: (c.offered_at, c.id),
        )
        return _Day(calls=calls, incidents=incidents)


__all__ = ["MAX_RANGE", "CallHistory", "day_seed"]
