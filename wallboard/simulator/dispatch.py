"""Incidents and units: creation, dispatch of the nearest free unit, travel, closing.

A unit goes dispatched -> en_route -> on_scene -> returning -> available; the incident's
status and status_times follow its units. Unit events carry a trip token so that an
event made stale by a later change (the incident closed early) is ignored.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass, field

from msgspec.structs import replace

from wallboard.model import (
    Assignment,
    CallRecord,
    Incident,
    IncidentStatus,
    Location,
    Position,
    Priority,
    ReportChannel,
    Unit,
    UnitStatus,
)
from wallboard.simulator.geography import distance_km, interpolate, point_near
from wallboard.simulator.scenario import AgencyDef, Category
from wallboard.simulator.world import World

PRIORITIES = [Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW]
STATUS_RANK = {s: i for i, s in enumerate(IncidentStatus)}
ANONYMOUS_CHANNELS = {ReportChannel.RADIO, ReportChannel.SOCIAL_MEDIA}


@dataclass(slots=True)
class Trip:
    """A unit moving from one point to another between two simulated times."""

    origin: tuple[float, float]
    target: tuple[float, float]
    depart: float
    arrive: float

    def position(self, t: float) -> tuple[float, float]:
        span = self.arrive - self.depart
        return interpolate(self.origin, self.target, (t - self.depart) / span if span else 1.0)


@dataclass(slots=True)
class Job:
    """What an open incident still needs: agency kinds not yet covered by a unit."""

    category: Category
    priority: Priority
    point: tuple[float, float]
    needs: list = field(default_factory=list)
    ready: bool = False  # dispatch delay over
    arrived: bool = False


class Dispatch:
    """Owns incidents and units within the world's event loop."""

    def __init__(self, world: World, incident_id_prefix: str | None = None) -> None:
        self.e = world
        # None: the live form, code-date-number; a replayed past day's prefix otherwise
        self._incident_prefix = incident_id_prefix
        s = world.scenario
        self._numbers = itertools.count(1)
        self._categories = s.incidents.categories
        self._category_weights = [c.weight for c in self._categories]
        self._kec_weights = [k.weight for k in s.kecamatan]
        self._channels = list(s.incidents.channels)
        self._channel_weights = list(s.incidents.channels.values())
        self.jobs: dict[str, Job] = {}
        self._closed_order: deque[tuple[float, str]] = deque()
        self._base: dict[str, tuple[float, float]] = {}
        self._speed: dict[str, float] = {}
        self._by_kind: dict[str, list[str]] = {}
        self._trips: dict[str, Trip] = {}
        self._token: dict[str, int] = {}
        for agency in s.agencies:
            self._make_units(agency)
        if s.incidents.other_channels_per_day > 0:
            self._schedule_other_channel()
        if s.travel.out_of_service_per_day > 0:
            self._schedule_out_of_service()

    # -- units -----------------------------------------------------------------------

    def _make_units(self, agency: AgencyDef) -> None:
        e = self.e
        for group in agency.units:
            for k in range(1, group.count + 1):
                uid = f"{agency.id}-{group.call_sign.lower().replace(' ', '')}-{k:02d}"
                base = (agency.base[0], agency.base[1])
                self._base[uid] = base
                self._speed[uid] = agency.speed_kmh or e.scenario.travel.speed_kmh
                self._by_kind.setdefault(agency.kind, []).append(uid)
                self._token[uid] = 0
                e.units.put(
                    Unit(
                        id=uid,
                        version=0,
                        agency_id=agency.id,
                        call_sign=f"{group.call_sign} {k:02d}",
                        type=group.type,
                        status=UnitStatus.AVAILABLE,
                        status_since=e.ts(e.now),
                        position=Position(lat=base[0], lon=base[1], at=e.ts(e.now)),
                    )
                )

    def _where(self, uid: str) -> tuple[float, float]:
        trip = self._trips.get(uid)
        if trip is not None:
            return trip.position(self.e.now)
        unit = self.e.units.items[uid]
        return (unit.position.lat, unit.position.lon) if unit.position else self._base[uid]

    def _set_unit(self, uid: str, status: UnitStatus, **changes) -> None:
        e = self.e
        unit = e.units.items[uid]
        lat, lon = changes.pop("point", None) or self._where(uid)
        e.units.put(
            unit,
            status=status,
            status_since=e.ts(e.now),
            position=Position(lat=lat, lon=lon, at=e.ts(e.now)),
            **changes,
        )

    def _nearest_free(self, kind: str, point: tuple[float, float]) -> str | None:
        units = self.e.units.items
        free = [u for u in self._by_kind.get(kind, ()) if units[u].status is UnitStatus.AVAILABLE]
        return min(free, key=lambda u: (distance_km(self._where(u), point), u), default=None)

    def report_positions(self) -> None:
        """Moving units report where they are now (called on every engine tick)."""
        e = self.e
        for uid, trip in self._trips.items():
            lat, lon = trip.position(e.now)
            e.units.put(e.units.items[uid], position=Position(lat=lat, lon=lon, at=e.ts(e.now)))

    def _travel(self, uid: str, target: tuple[float, float]) -> float:
        """Start a trip to ``target``; returns the arrival time."""
        e = self.e
        origin = self._where(uid)
        km = distance_km(origin, target) * e.scenario.travel.road_factor
        arrive = e.now + max(60.0, km / self._speed[uid] * 3600)
        self._trips[uid] = Trip(origin, target, e.now, arrive)
        return arrive

    # -- incidents -------------------------------------------------------------------

    def create_incident(
        self, call: CallRecord | None = None, channel: ReportChannel = ReportChannel.CALL
    ) -> str:
        """Open an incident (from an emergency call or another channel); returns its id."""
        e, rng = self.e, self.e.rng
        s = e.scenario
        category = rng.choices(self._categories, self._category_weights)[0]
        priority = rng.choices(PRIORITIES, category.priority)[0]
        kec = rng.choices(s.kecamatan, self._kec_weights)[0]
        point = point_near(rng, kec, s.region.bounds)
        street, kelurahan = rng.choice(kec.streets), rng.choice(kec.kelurahan)
        words = {
            "street": street,
            "kelurahan": kelurahan,
            "kecamatan": kec.name,
            "city": s.region.city,
        }
        description = rng.choice(category.descriptions).format(**words)
        if call is not None:
            caller = call.caller
        elif channel in ANONYMOUS_CHANNELS:
            caller = None
        else:
            caller = e.people.caller()
        now = e.ts(e.now)
        if self._incident_prefix is None:
            iid = f"{s.region.code}-{now:%Y%m%d}-{next(self._numbers):05d}"
        else:  # a replayed past day: ids no live incident can have
            iid = f"{self._incident_prefix}-I{next(self._numbers):05d}"
        e.incidents.put(
            Incident(
                id=iid,
                version=0,
                region=e.region,
                category=category.id,
                priority=priority,
                status=IncidentStatus.NEW,
                status_times={IncidentStatus.NEW: now},
                created_at=now,
                updated_at=now,
                location=Location(
                    lat=point[0],
                    lon=point[1],
                    address=f"{street} No. {rng.randint(1, 250)}",
                    kelurahan=kelurahan,
                    kecamatan=kec.name,
                    city=s.region.city,
                ),
                description=description,
                caller=caller,
                channel=channel,
                call_id=call.id if call is not None else None,
            )
        )
        count = rng.randint(*category.units)
        kinds = [category.agencies[i % len(category.agencies)] for i in range(max(1, count))]
        self.jobs[iid] = Job(category, priority, point, kinds)
        e.at(e.now + e.uniform(s.incidents.dispatch_delay_s), self._on_dispatch, iid)
        return iid

    def any_open_incident(self) -> str | None:
        """An open incident a duplicate call is about (None if nothing is open)."""
        if not self.jobs:
            return None
        return self.e.rng.choice(sorted(self.jobs))

    def _advance_incident(self, iid: str, status: IncidentStatus, **changes) -> None:
        e = self.e
        incident = e.incidents.items[iid]
        now = e.ts(e.now)
        times = dict(incident.status_times)
        if STATUS_RANK[status] > STATUS_RANK[incident.status]:
            times.setdefault(status, now)
        else:
            status = incident.status
        e.incidents.put(incident, status=status, status_times=times, updated_at=now, **changes)

    def _on_dispatch(self, iid: str) -> None:
        job = self.jobs.get(iid)
        if job is not None:
            job.ready = True
            self._fill(iid, job)

    def _fill(self, iid: str, job: Job) -> None:
        for kind in list(job.needs):
            uid = self._nearest_free(kind, job.point)
            if uid is not None:
                job.needs.remove(kind)
                self._assign(iid, uid)

    def _serve_pending(self) -> None:
        waiting = [(j.priority, iid) for iid, j in self.jobs.items() if j.ready and j.needs]
        for _, iid in sorted(waiting):
            self._fill(iid, self.jobs[iid])

    def _assign(self, iid: str, uid: str) -> None:
        e = self.e
        unit = e.units.items[uid]
        incident = e.incidents.items[iid]
        assignment = Assignment(unit_id=uid, agency_id=unit.agency_id, dispatched_at=e.ts(e.now))
        agency_ids = incident.agency_ids
        if unit.agency_id not in agency_ids:
            agency_ids = (*agency_ids, unit.agency_id)
        self._advance_incident(
            iid,
            IncidentStatus.DISPATCHED,
            assignments=(*incident.assignments, assignment),
            agency_ids=agency_ids,
        )
        self._token[uid] += 1
        self._set_unit(uid, UnitStatus.DISPATCHED, incident_id=iid)
        turnout = e.uniform(e.scenario.travel.turnout_s)
        e.at(e.now + turnout, self._on_rolling, uid, iid, self._token[uid])

    def _stamp_assignment(self, iid: str, uid: str, **times) -> tuple[Assignment, ...]:
        return tuple(
            replace(a, **times) if a.unit_id == uid and a.cleared_at is None else a
            for a in self.e.incidents.items[iid].assignments
        )

    def _on_rolling(self, uid: str, iid: str, token: int) -> None:
        if self._token[uid] != token:
            return
        e = self.e
        arrive = self._travel(uid, self.jobs[iid].point)
        self._set_unit(uid, UnitStatus.EN_ROUTE)
        now = e.ts(e.now)
        self._advance_incident(
            iid,
            IncidentStatus.EN_ROUTE,
            assignments=self._stamp_assignment(iid, uid, en_route_at=now),
        )
        e.at(arrive, self._on_arrive, uid, iid, token)

    def _on_arrive(self, uid: str, iid: str, token: int) -> None:
        if self._token[uid] != token:
            return
        e = self.e
        job = self.jobs[iid]
        del self._trips[uid]
        self._set_unit(uid, UnitStatus.ON_SCENE, point=job.point)
        now = e.ts(e.now)
        self._advance_incident(
            iid,
            IncidentStatus.ON_SCENE,
            assignments=self._stamp_assignment(iid, uid, on_scene_at=now),
        )
        if not job.arrived:
            job.arrived = True
            work = 60 * e.uniform(job.category.on_scene_minutes)
            e.at(e.now + work, self._on_close, iid)

    def _on_close(self, iid: str) -> None:
        e = self.e
        self.jobs.pop(iid)
        incident = e.incidents.items[iid]
        now = e.ts(e.now)
        assignments = tuple(
            a if a.cleared_at is not None else replace(a, cleared_at=now)
            for a in incident.assignments
        )
        self._advance_incident(iid, IncidentStatus.CLOSED, assignments=assignments)
        self._closed_order.append((e.now, iid))
        for a in incident.assignments:
            if a.cleared_at is None and e.units.items[a.unit_id].incident_id == iid:
                self._send_home(a.unit_id)

    def _send_home(self, uid: str) -> None:
        e = self.e
        self._token[uid] += 1
        arrive = self._travel(uid, self._base[uid])
        self._set_unit(uid, UnitStatus.RETURNING, incident_id=None)
        e.at(arrive, self._on_home, uid, self._token[uid])

    def _on_home(self, uid: str, token: int) -> None:
        if self._token[uid] != token:
            return
        self._trips.pop(uid, None)
        self._set_unit(uid, UnitStatus.AVAILABLE, point=self._base[uid])
        self._serve_pending()

    def evict_closed(self, cutoff: float) -> None:
        """Incidents closed before ``cutoff`` leave the feed's window."""
        while self._closed_order and self._closed_order[0][0] < cutoff:
            self.e.incidents.remove(self._closed_order.popleft()[1])

    # -- other channels and out-of-service -------------------------------------------

    def _schedule_other_channel(self) -> None:
        e = self.e
        per_day = e.scenario.incidents.other_channels_per_day
        e.at(e.next_arrival(e.now, per_day), self._on_other_channel)

    def _on_other_channel(self) -> None:
        self._schedule_other_channel()
        channel = self.e.rng.choices(self._channels, self._channel_weights)[0]
        self.create_incident(channel=channel)

    def _schedule_out_of_service(self) -> None:
        e = self.e
        rate = e.scenario.travel.out_of_service_per_day * len(self._base) / 86400
        e.at(e.now + e.rng.expovariate(rate), self._on_out_of_service)

    def _on_out_of_service(self) -> None:
        e = self.e
        self._schedule_out_of_service()
        free = [u for u in self._base if e.units.items[u].status is UnitStatus.AVAILABLE]
        if free:
            uid = e.rng.choice(free)
            self._token[uid] += 1
            self._set_unit(uid, UnitStatus.OUT_OF_SERVICE)
            minutes = e.uniform(e.scenario.travel.out_of_service_minutes)
            e.at(e.now + 60 * minutes, self._on_home, uid, self._token[uid])
