"""Plausibility checks beyond the schema: what a well-typed record can still get wrong.

Each check returns a problem (a sentence naming the field and the values) or None. A
record that fails one is dropped by the decoder; the rest of its page is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from wallboard.model import Agency, CallRecord, Incident, Unit

# A backend's clock may run a little ahead of the skew we estimate; beyond this margin a
# timestamp is corrupt, not early.
FUTURE_MARGIN = timedelta(minutes=10)


def _future(fields: Iterator[tuple[str, datetime | None]], feed_now: datetime) -> str | None:
    horizon = feed_now + FUTURE_MARGIN
    for name, ts in fields:
        if ts is not None and ts > horizon:
            return (
                f"timestamp from the future: {name} is {ts.isoformat()}, "
                f"feed time is {feed_now.isoformat()}"
            )
    return None


def _null_island(lat: float, lon: float, where: str) -> str | None:
    # (0, 0) is in the Gulf of Guinea: a default value that leaked, never a real fix.
    if lat == 0.0 and lon == 0.0:
        return f"coordinates (0, 0) at {where}: a missing position, not a real one"
    return None


def _incident_times(r: Incident) -> Iterator[tuple[str, datetime | None]]:
    yield "created_at", r.created_at
    yield "updated_at", r.updated_at
    for status, ts in r.status_times.items():
        yield f"status_times.{status.value}", ts
    for i, a in enumerate(r.assignments):
        yield f"assignments[{i}].dispatched_at", a.dispatched_at
        yield f"assignments[{i}].en_route_at", a.en_route_at
        yield f"assignments[{i}].on_scene_at", a.on_scene_at
        yield f"assignments[{i}].cleared_at", a.cleared_at


def incident_problem(r: Incident, feed_now: datetime) -> str | None:
    """What is implausible about an incident, or None."""
    return _null_island(r.location.lat, r.location.lon, "location") or _future(
        _incident_times(r), feed_now
    )


def call_problem(r: CallRecord, feed_now: datetime) -> str | None:
    """What is implausible about a call record, or None."""
    if r.answered_at is not None and r.abandoned_at is not None:
        return "both answered_at and abandoned_at are set: a call is one or the other"
    for name in ("answered_at", "abandoned_at", "ended_at"):
        ts = getattr(r, name)
        if ts is not None and ts < r.offered_at:
            return f"{name} {ts.isoformat()} is before offered_at {r.offered_at.isoformat()}"
    return _future(
        iter(
            (
                ("offered_at", r.offered_at),
                ("answered_at", r.answered_at),
                ("abandoned_at", r.abandoned_at),
                ("ended_at", r.ended_at),
            )
        ),
        feed_now,
    )


def unit_problem(r: Unit, feed_now: datetime) -> str | None:
    """What is implausible about a unit, or None."""
    p = r.position
    if p is None:
        return _future(iter((("status_since", r.status_since),)), feed_now)
    return _null_island(p.lat, p.lon, "position") or _future(
        iter((("status_since", r.status_since), ("position.at", p.at))), feed_now
    )


def agency_problem(r: Agency, feed_now: datetime) -> str | None:
    """What is implausible about an agency, or None."""
    return _future(iter((("link_checked_at", r.link_checked_at),)), feed_now)


def future_problem(name: str, ts: datetime, feed_now: datetime) -> str | None:
    """'timestamp from the future' for one named timestamp, or None."""
    return _future(iter(((name, ts),)), feed_now)


__all__ = [
    "FUTURE_MARGIN",
    "agency_problem",
    "call_problem",
    "future_problem",
    "incident_problem",
    "unit_problem",
]
