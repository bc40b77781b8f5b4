"""Bulk-load hooks for benchmarks: many synthetic incidents and units, and churn.

Synthetic records live in the same collections (so they are served, versioned and
delta'd like any other) but outside the story: the engine never dispatches or closes
them. They draw from their own RNG so that injecting does not change the story.
"""

from __future__ import annotations

import random

from msgspec.structs import replace

from wallboard.model import (
    Caller,
    Incident,
    IncidentCategory,
    IncidentStatus,
    Location,
    Position,
    Priority,
    ReportChannel,
    Unit,
    UnitStatus,
)
from wallboard.simulator.engine import Engine
from wallboard.simulator.geography import point_near

OPEN_STATUSES = [s for s in IncidentStatus if s is not IncidentStatus.CLOSED]
CATEGORIES = list(IncidentCategory)


class SyntheticLoad:
    """Adds and changes synthetic records in an engine (call under the engine's lock)."""

    def __init__(self, engine: Engine, seed: int) -> None:
        self._e = engine
        self._rng = random.Random(f"synthetic-{seed}")
        self._incidents = 0
        self._units = 0

    def inject_incidents(self, n: int) -> list[str]:
        e, rng = self._e, self._rng
        s = e.scenario
        now = e.ts(e.now)
        ids = []
        for _ in range(n):
            self._incidents += 1
            kec = rng.choice(s.kecamatan)
            lat, lon = point_near(rng, kec, s.region.bounds)
            status = rng.choice(OPEN_STATUSES)
            iid = f"{s.region.code}-SYN-{self._incidents:06d}"
            e.incidents.put(
                Incident(
                    id=iid,
                    version=0,
                    region=e.region,
                    category=rng.choice(CATEGORIES),
                    priority=rng.choice(list(Priority)),
                    status=status,
                    status_times={IncidentStatus.NEW: now, status: now},
                    created_at=now,
                    updated_at=now,
                    location=Location(
                        lat=lat,
                        lon=lon,
                        address=f"{rng.choice(kec.streets)} No. {rng.randint(1, 250)}",
                        kelurahan=rng.choice(kec.kelurahan),
                        kecamatan=kec.name,
                        city=s.region.city,
                    ),
                    description=f"Kejadian uji beban nomor {self._incidents}",
                    caller=Caller(name="Uji Beban", phone="081200000000"),
                    channel=ReportChannel.APP,
                )
            )
            ids.append(iid)
        return ids

    def inject_units(self, n: int) -> list[str]:
        e, rng = self._e, self._rng
        s = e.scenario
        now = e.ts(e.now)
        ids = []
        for _ in range(n):
            self._units += 1
            agency = rng.choice(s.agencies)
            lat, lon = point_near(rng, rng.choice(s.kecamatan), s.region.bounds)
            uid = f"syn-unit-{self._units:05d}"
            e.units.put(
                Unit(
                    id=uid,
                    version=0,
                    agency_id=agency.id,
                    call_sign=f"UJI {self._units:04d}",
                    type="synthetic",
                    status=rng.choice(list(UnitStatus)),
                    status_since=now,
                    position=Position(lat=lat, lon=lon, at=now),
                )
            )
            ids.append(uid)
        return ids

    def touch_incidents(self, fraction: float) -> int:
        """Change ``fraction`` of the open incidents (priority and updated_at); returns k."""
        e = self._e
        open_ids = [i.id for i in e.incidents if i.is_open]
        chosen = self._rng.sample(open_ids, round(len(open_ids) * min(max(fraction, 0), 1)))
        now = e.ts(e.now)
        for iid in chosen:
            incident = e.incidents.items[iid]
            priority = Priority(incident.priority % 4 + 1)
            e.incidents.put(incident, priority=priority, updated_at=now)
        return len(chosen)

    def touch_units(self, fraction: float) -> int:
        """Nudge the position of ``fraction`` of the units; returns how many."""
        e = self._e
        ids = [u.id for u in e.units if u.position is not None]
        chosen = self._rng.sample(ids, round(len(ids) * min(max(fraction, 0), 1)))
        now = e.ts(e.now)
        for uid in chosen:
            unit = e.units.items[uid]
            pos = unit.position
            lat = min(max(pos.lat + self._rng.uniform(-0.001, 0.001), -90), 90)
            lon = min(max(pos.lon + self._rng.uniform(-0.001, 0.001), -180), 180)
            e.units.put(unit, position=replace(pos, lat=round(lat, 6), lon=round(lon, 6), at=now))
        return len(chosen)
