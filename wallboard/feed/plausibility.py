"""Plausibility checks beyond the schema: what a well-typed record can still get wrong.

Each ``*_check`` returns a ``Problem`` (the reason, and a sentence naming the field and
the values: the record is dropped, the rest of its page kept), or the reasons it was
repaired (an empty tuple: nothing wrong). The ``*_problem`` functions give the Problem
only, for sources that keep no repair counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from wallboard.feed.quality import Problem, RejectReason, RepairReason
from wallboard.feed.step_order import CLEAN, call_order, incident_order
from wallboard.model import Agency, CallRecord, Incident, Unit

# A backend's clock may run a little ahead of the skew we estimate; beyond this margin a
# timestamp is corrupt, not early.
FUTURE_MARGIN = timedelta(minutes=10)


def _future(fields: Iterator[tuple[str, datetime | None]], feed_now: datetime) -> Problem | None:
    horizon = feed_now + FUTURE_MARGIN
    for name, ts in fields:
        if ts is not None and ts > horizon:
            return Problem(
                RejectReason.FUTURE_TIMESTAMP,
                f"timestamp from the future: {name} is {ts.isoformat()}, "
                f"feed time is {feed_now.isoformat()}",
            )
    return None


def _null_island(lat: float, lon: float, where: str) -> Problem | None:
    # (0, 0) is in the Gulf of Guinea: a default value that leaked, never a real fix.
    if lat == 0.0 and lon == 0.0:
        return Problem(
            RejectReason.ABSURD_VALUE,
            f"coordinates (0, 0) at {where}: a missing position, not a real one",
        )
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


def _assignments_late(assignments: tuple, horizon: datetime) -> bool:
    for a in assignments:
        if (
            a.dispatched_at > horizon
            or (a.en_route_at is not None and a.en_route_at > horizon)
            or (a.on_scene_at is not None and a.on_scene_at > horizon)
            or (a.cleared_at is not None and a.cleared_at > horizon)
        ):
            return True
    return False


def incident_check(r: Incident, feed_now: datetime) -> Problem | tuple[RepairReason, ...]:
    """What makes an incident unusable, else why it was repaired (empty: nothing)."""
    # Runs for every record of every page (10,000 per poll): a quick test first, and
    # the field-by-field walk only to name what failed.
    loc = r.location
    if loc.lat == 0.0 and loc.lon == 0.0:
        return _null_island(loc.lat, loc.lon, "location")
    horizon = feed_now + FUTURE_MARGIN
    if (
        r.updated_at > horizon
        or r.created_at > horizon
        or (r.status_times and max(r.status_times.values()) > horizon)
        or (r.assignments and _assignments_late(r.assignments, horizon))
    ):
        return _future(_incident_times(r), feed_now) or CLEAN
    return incident_order(r)


def call_check(r: CallRecord, feed_now: datetime) -> Problem | tuple[RepairReason, ...]:
    """What makes a call record unusable, else why it was repaired (empty: nothing)."""
    offered, answered, abandoned, ended = r.offered_at, r.answered_at, r.abandoned_at, r.ended_at
    horizon = feed_now + FUTURE_MARGIN
    if (
        offered > horizon
        or (ended is not None and ended > horizon)
        or (answered is not None and answered > horizon)
        or (abandoned is not None and abandoned > horizon)
    ):
        fields = (
            ("offered_at", offered),
            ("answered_at", answered),
            ("abandoned_at", abandoned),
            ("ended_at", ended),
        )
        return _future(iter(fields), feed_now) or CLEAN
    return call_order(r)


def unit_check(r: Unit, feed_now: datetime) -> Problem | tuple[RepairReason, ...]:
    """What makes a unit unusable (units have no repairs)."""
    p = r.position
    horizon = feed_now + FUTURE_MARGIN
    if p is not None:
        if p.lat == 0.0 and p.lon == 0.0:
            return _null_island(p.lat, p.lon, "position")
        if p.at > horizon:
            return _future(iter((("position.at", p.at),)), feed_now) or CLEAN
    if r.status_since > horizon:
        return _future(iter((("status_since", r.status_since),)), feed_now) or CLEAN
    return CLEAN


def agency_check(r: Agency, feed_now: datetime) -> Problem | tuple[RepairReason, ...]:
    """What makes an agency unusable (agencies have no repairs)."""
    return _future(iter((("link_checked_at", r.link_checked_at),)), feed_now) or CLEAN


def future_problem(name: str, ts: datetime, feed_now: datetime) -> Problem | None:
    """'timestamp from the future' for one named timestamp, or None."""
    return _future(iter(((name, ts),)), feed_now)


def _problem_only(
    check: Callable[[Any, datetime], Problem | tuple[RepairReason, ...]],
) -> Callable[[Any, datetime], Problem | None]:
    def problem(r: Any, feed_now: datetime) -> Problem | None:
        got = check(r, feed_now)
        return got if isinstance(got, Problem) else None

    problem.__doc__ = f"What makes a record unusable, or None: {check.__name__} without repairs."
    return problem


incident_problem = _problem_only(incident_check)
call_problem = _problem_only(call_check)
unit_problem = _problem_only(unit_check)
agency_problem = _problem_only(agency_check)


__all__ = [
    "FUTURE_MARGIN",
    "agency_check",
    "agency_problem",
    "call_check",
    "call_problem",
    "future_problem",
    "incident_check",
    "incident_problem",
    "unit_check",
    "unit_problem",
]
