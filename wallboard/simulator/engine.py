"""The seeded, event-driven model of a 112 centre: calls, call-takers, agency links.

Every event is drawn from one seeded RNG in simulated-time order, so the story depends
only on the seed, the scenario and the start time, never on when clients poll. The event
loop itself is :class:`~wallboard.simulator.world.World`; incidents and units live in
:mod:`wallboard.simulator.dispatch`, which is handed the world.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wallboard.model import Agency, CallRecord, CallTakerState, Disposition, LinkStatus
from wallboard.simulator.dispatch import Dispatch
from wallboard.simulator.scenario import Scenario
from wallboard.simulator.world import World

TICK_S = 30.0  # how often moving units report a position and the windows are swept
CALL_WINDOW_S = 48 * 3600.0
INCIDENT_WINDOW_S = 24 * 3600.0
WARM_UP_MIN_S = 6 * 3600.0


@dataclass(slots=True)
class Taker:
    """A call-taker desk: who sits there and what they are doing."""

    id: str
    name: str
    shift: int
    state: CallTakerState
    since: float
    leaving: bool = False  # shift over: goes offline after the current call


class Engine(World):
    """State of the simulated centre, advanced event by event up to a simulated time."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        start: float,
        tombstone_limit: int = 50_000,
        call_id_prefix: str | None = None,
        incident_id_prefix: str | None = None,
    ) -> None:
        tz = ZoneInfo(scenario.region.timezone)
        local = datetime.fromtimestamp(start, tz)
        midnight = datetime(local.year, local.month, local.day, tzinfo=tz).timestamp()
        # Warm up from local midnight so "today" is complete; an early-morning start reaches
        # back into yesterday evening so that the first poll does not show an empty city.
        begin = min(midnight, start - WARM_UP_MIN_S)
        super().__init__(scenario, seed, begin, tombstone_limit)
        # a past day re-simulated for history needs call ids no live call can have
        self._call_prefix = call_id_prefix or scenario.region.code
        self._call_ids = itertools.count(1)
        self._natures: dict[str, Disposition] = {}
        self._call_order: deque[tuple[float, str]] = deque()
        self.waiting: dict[str, float] = {}  # call id -> offered time, oldest first
        self._ringing: dict[str, Taker] = {}
        self.queue_at = begin
        self.queue_stamp = 0
        calls = scenario.calls
        self._dispositions = list(calls.disposition)
        self._disposition_weights = list(calls.disposition.values())
        self.takers = self._make_takers()
        self._make_agencies()
        self.dispatch = Dispatch(self, incident_id_prefix=incident_id_prefix)
        self.at(self.next_arrival(begin, calls.per_day), self._on_call_arrival)
        self.at(begin + TICK_S, self._on_tick)
        self._start_shifts()
        self.advance_to(start)

    def live_since(self) -> float:
        """Calls offered from this time on are still held live (the 48 h window)."""
        return max(self.begin, self.now - CALL_WINDOW_S)

    def incidents_live_since(self) -> float:
        """Incidents created from this time on are all still held live: only those
        closed more than 24 h ago leave, and they were created earlier still."""
        return max(self.begin, self.now - INCIDENT_WINDOW_S)

    # -- calls and the queue ---------------------------------------------------------

    def _queue_changed(self) -> None:
        self.queue_at = self.now
        self.queue_stamp += 1

    def _new_call_id(self) -> str:
        return f"{self._call_prefix}-C{next(self._call_ids):07d}"

    def _on_call_arrival(self) -> None:
        calls = self.scenario.calls
        self.at(self.next_arrival(self.now, calls.per_day), self._on_call_arrival)
        nature = self.rng.choices(self._dispositions, self._disposition_weights)[0]
        if nature is Disposition.MENU_DROP:
            # Hung up in the voice menu: the record is written when the caller leaves.
            self.at(self.now + self.uniform(calls.menu_drop_s), self._on_menu_drop, self.now)
            return
        call_id = self._new_call_id()
        self._natures[call_id] = nature
        self.calls.put(
            CallRecord(
                id=call_id,
                version=0,
                region=self.region,
                offered_at=self.pbx_ts(self.now),
                caller=self.people.caller(named=nature is not Disposition.SILENT),
            )
        )
        self._call_order.append((self.now, call_id))
        self.waiting[call_id] = self.now
        self._queue_changed()
        self.at(
            self.now + self.rng.expovariate(1 / calls.patience_mean_s), self._on_abandon, call_id
        )
        self._offer_calls()

    def _on_menu_drop(self, offered: float) -> None:
        call_id = self._new_call_id()
        self.calls.put(
            CallRecord(
                id=call_id,
                version=0,
                region=self.region,
                offered_at=self.pbx_ts(offered),
                abandoned_at=self.pbx_ts(self.now),
                ended_at=self.pbx_ts(self.now),
                disposition=Disposition.MENU_DROP,
                caller=self.people.caller(named=False),
            )
        )
        self._call_order.append((offered, call_id))

    def _offer_calls(self) -> None:
        """Ring the oldest unrung waiting calls at the longest-idle ready call-takers."""
        ready = sorted(
            (t for t in self.takers if t.state is CallTakerState.READY),
            key=lambda t: (t.since, t.id),
        )
        if not ready:
            return
        for call_id in self.waiting:
            if not ready:
                break
            if call_id in self._ringing:
                continue
            taker = ready.pop(0)
            self._ringing[call_id] = taker
            self._set_taker(taker, CallTakerState.TALKING)
            self.at(self.now + self.uniform(self.scenario.calls.ring_s), self._on_answer, call_id)

    def _on_abandon(self, call_id: str) -> None:
        if call_id not in self.waiting:
            return
        del self.waiting[call_id]
        self._queue_changed()
        record = self.calls.get(call_id)
        self._natures.pop(call_id, None)
        if record is not None:
            now = self.pbx_ts(self.now)
            self.calls.put(record, abandoned_at=now, ended_at=now)
        taker = self._ringing.pop(call_id, None)
        if taker is not None:
            self._after_call(taker)

    def _on_answer(self, call_id: str) -> None:
        taker = self._ringing.pop(call_id, None)
        if taker is None or call_id not in self.waiting:
            return
        del self.waiting[call_id]
        self._queue_changed()
        record = self.calls.get(call_id)
        if record is None:
            return
        self.calls.put(record, answered_at=self.ts(self.now), call_taker_id=taker.id)
        handling = self.scenario.calls.handling_s[self._natures[call_id]]
        self.at(self.now + self.uniform(handling), self._on_call_end, call_id, taker)

    def _on_call_end(self, call_id: str, taker: Taker) -> None:
        nature = self._natures.pop(call_id)
        record = self.calls.get(call_id)
        if record is not None:
            incident_id = None
            if nature is Disposition.EMERGENCY:
                incident_id = self.dispatch.create_incident(call=record)
            elif nature is Disposition.DUPLICATE:
                incident_id = self.dispatch.any_open_incident()
            self.calls.put(
                record, ended_at=self.ts(self.now), disposition=nature, incident_id=incident_id
            )
        self._set_taker(taker, CallTakerState.WRAP_UP)
        self.at(self.now + self.uniform(self.scenario.calls.wrap_up_s), self._after_call, taker)

    def _after_call(self, taker: Taker) -> None:
        staffing = self.scenario.staffing
        if taker.leaving:
            taker.leaving = False
            self._set_taker(taker, CallTakerState.OFFLINE)
        elif self.rng.random() < staffing.break_chance:
            self._set_taker(taker, CallTakerState.BREAK)
            self.at(self.now + 60 * self.uniform(staffing.break_minutes), self._on_break_end, taker)
        else:
            self._set_taker(taker, CallTakerState.READY)
            self._offer_calls()

    def _on_break_end(self, taker: Taker) -> None:
        if taker.state is CallTakerState.BREAK:
            self._after_call(taker)

    # -- call-takers and shifts ------------------------------------------------------

    def _make_takers(self) -> list[Taker]:
        takers = []
        for shift, spec in enumerate(self.scenario.staffing.shifts):
            for _ in range(spec.call_takers):
                number = len(takers) + 1
                takers.append(
                    Taker(
                        f"ct-{number:02d}",
                        self.people.name(),
                        shift,
                        CallTakerState.OFFLINE,
                        self.now,
                    )
                )
        return takers

    def _set_taker(self, taker: Taker, state: CallTakerState) -> None:
        taker.state = state
        taker.since = self.now
        self._queue_changed()

    def _start_shifts(self) -> None:
        shifts = self.scenario.staffing.shifts
        order = sorted(range(len(shifts)), key=lambda i: shifts[i].start_hour)
        hour = datetime.fromtimestamp(self.now, self.tz).hour
        current = order[-1]  # before the first start hour, yesterday's last shift runs on
        for i in order:
            if shifts[i].start_hour <= hour:
                current = i
        for taker in self.takers:
            if taker.shift == current:
                self._set_taker(taker, CallTakerState.READY)
        for i in order:
            self._schedule_shift(i, self.now)

    def _schedule_shift(self, shift: int, after: float) -> None:
        local = datetime.fromtimestamp(after, self.tz)
        start = local.replace(
            hour=self.scenario.staffing.shifts[shift].start_hour, minute=0, second=0, microsecond=0
        )
        if start.timestamp() <= after:
            start += timedelta(days=1)
        self.at(start.timestamp(), self._on_shift, shift)

    def _on_shift(self, shift: int) -> None:
        self._schedule_shift(shift, self.now)
        for taker in self.takers:
            if taker.shift == shift:
                taker.leaving = False
                if taker.state is CallTakerState.OFFLINE:
                    self._set_taker(taker, CallTakerState.READY)
            elif taker.state in (CallTakerState.READY, CallTakerState.BREAK):
                self._set_taker(taker, CallTakerState.OFFLINE)
            elif taker.state is not CallTakerState.OFFLINE:
                taker.leaving = True
        self._offer_calls()

    # -- agencies' links -------------------------------------------------------------

    def _make_agencies(self) -> None:
        for spec in self.scenario.agencies:
            self.agencies.put(
                Agency(
                    id=spec.id,
                    version=0,
                    kind=spec.kind,
                    name=spec.name,
                    short_name=spec.short_name,
                    region=self.region,
                    link=LinkStatus.ONLINE,
                    link_checked_at=self.ts(self.now),
                )
            )
            self._schedule_link_trouble(spec.id, spec.link_trouble_per_day)

    def _schedule_link_trouble(self, agency_id: str, per_day: float) -> None:
        if per_day > 0:
            self.at(self.now + self.rng.expovariate(per_day / 86400), self._on_link, agency_id)

    def _on_link(self, agency_id: str) -> None:
        spec = next(a for a in self.scenario.agencies if a.id == agency_id)
        agency = self.agencies.get(agency_id)
        if agency is None:
            return
        if agency.link is LinkStatus.ONLINE:
            link = LinkStatus.DEGRADED if self.rng.random() < 0.7 else LinkStatus.OFFLINE
            minutes = self.uniform(spec.link_trouble_minutes)
            self.at(self.now + 60 * minutes, self._on_link, agency_id)
        else:
            link = LinkStatus.ONLINE
            self._schedule_link_trouble(agency_id, spec.link_trouble_per_day)
        self.agencies.put(agency, link=link, link_checked_at=self.ts(self.now))

    # -- the periodic tick: positions and windows ------------------------------------

    def _on_tick(self) -> None:
        self.at(self.now + TICK_S, self._on_tick)
        self.dispatch.report_positions()
        cutoff = self.now - CALL_WINDOW_S
        while self._call_order and self._call_order[0][0] < cutoff:
            self.calls.remove(self._call_order.popleft()[1])
        self.dispatch.evict_closed(self.now - INCIDENT_WINDOW_S)
