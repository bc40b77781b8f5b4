"""The order of a record's steps: a step stamped before the one it follows.

Two devices of one backend (a PBX stamping the offer and the answer, a CAD stamping the
end; a dispatcher's console and a unit's terminal) disagree by a few seconds. A step
stamped before the one it follows by no more than ``SKEW_BOUND`` is such a
disagreement: the record is kept and flagged (the KPI rules clamp its interval to 0 s).
Beyond the bound the time is corrupt, and the record unusable.
"""

from __future__ import annotations

from datetime import datetime

from wallboard.feed.quality import LONGEST_CALL, SKEW_BOUND, Problem, RejectReason, RepairReason
from wallboard.model import CallRecord, Incident, IncidentStatus

CLEAN: tuple[RepairReason, ...] = ()
_LIFECYCLE = tuple(IncidentStatus)  # NEW, DISPATCHED, EN_ROUTE, ON_SCENE, CLOSED
# Each status's place in the lifecycle, looked up by the member's id: hashing a StrEnum
# member runs Python code, and this runs for every incident of every page.
_RANK = {id(status): rank for rank, status in enumerate(_LIFECYCLE)}


def _too_early(name: str, ts: datetime, before: str, ref: datetime) -> Problem:
    return Problem(
        RejectReason.BEYOND_SKEW_BOUND,
        f"{name} {ts.isoformat()} is before {before} {ref.isoformat()} "
        f"by more than {SKEW_BOUND.total_seconds() / 60:g} min",
    )


def call_order(r: CallRecord) -> Problem | tuple[RepairReason, ...]:
    """A call's steps judged: unusable (Problem), repaired (its reasons) or ``CLEAN``."""
    offered, answered, abandoned, ended = r.offered_at, r.answered_at, r.abandoned_at, r.ended_at
    if answered is None and abandoned is None and ended is None:
        return CLEAN  # waiting: the common case of a live queue, nothing to order
    reasons: list[RepairReason] = []
    for name, ts in (("answered_at", answered), ("abandoned_at", abandoned)):
        if ts is None:
            continue
        if ts < offered:
            if offered - ts > SKEW_BOUND:
                return _too_early(name, ts, "offered_at", offered)
            if RepairReason.STEP_BEFORE_OFFER not in reasons:
                reasons.append(RepairReason.STEP_BEFORE_OFFER)
        elif ts - offered > LONGEST_CALL:
            return Problem(RejectReason.ABSURD_VALUE, f"{name} is over a day after offered_at")
    if answered is not None and abandoned is not None:
        reasons.append(RepairReason.ANSWERED_AND_ABANDONED)
    if ended is not None:
        # the step a call's end follows: its answer, else its abandon, else its offer
        name, ref = (
            ("answered_at", answered)
            if answered is not None
            else ("abandoned_at", abandoned)
            if abandoned is not None
            else ("offered_at", offered)
        )
        if ended < ref:
            if ref - ended > SKEW_BOUND:
                return _too_early("ended_at", ended, name, ref)
            reasons.append(RepairReason.END_BEFORE_ANSWER)
        elif ended - ref > LONGEST_CALL:
            return Problem(RejectReason.ABSURD_VALUE, f"ended_at is over a day after {name}")
    return tuple(reasons) if reasons else CLEAN


def _in_order(r: Incident) -> bool:
    """The quick test every incident of every page takes (10,000 a full page): straight
    code, no tuples; only an incident that fails it is walked step by step."""
    created = r.created_at
    if r.updated_at < created:
        return False
    prev, prev_rank = created, -1
    for status, ts in r.status_times.items():
        rank = _RANK[id(status)]
        if rank < prev_rank or ts < prev:
            return False  # out of order, or only listed out of order: walk it
        prev, prev_rank = ts, rank
    for a in r.assignments:
        last = a.dispatched_at
        if last < created:
            return False
        ts = a.en_route_at
        if ts is not None:
            if ts < last:
                return False
            last = ts
        ts = a.on_scene_at
        if ts is not None:
            if ts < last:
                return False
            last = ts
        ts = a.cleared_at
        if ts is not None and ts < last:
            return False
    return True


def incident_order(r: Incident) -> Problem | tuple[RepairReason, ...]:
    """An incident's steps judged: statuses in lifecycle order after ``created_at``, each
    assignment's dispatched, en route, on scene and cleared in that order after it."""
    if _in_order(r):
        return CLEAN
    created = r.created_at
    worst = created - r.updated_at if r.updated_at < created else None
    where = ("updated_at", r.updated_at, "created_at", created)
    prev_name, prev = "created_at", created
    times = r.status_times
    for status in _LIFECYCLE:
        ts = times.get(status)
        if ts is None:
            continue
        if ts < prev and (worst is None or prev - ts > worst):
            worst, where = prev - ts, (f"status_times.{status.value}", ts, prev_name, prev)
        if ts > prev:
            prev_name, prev = f"status_times.{status.value}", ts
    for i, a in enumerate(r.assignments):
        prev_name, prev = "created_at", created
        for name, ts in (
            ("dispatched_at", a.dispatched_at),
            ("en_route_at", a.en_route_at),
            ("on_scene_at", a.on_scene_at),
            ("cleared_at", a.cleared_at),
        ):
            if ts is None:
                continue
            if ts < prev and (worst is None or prev - ts > worst):
                worst, where = prev - ts, (f"assignments[{i}].{name}", ts, prev_name, prev)
            if ts > prev:
                prev_name, prev = f"assignments[{i}].{name}", ts
    if worst is None:
        return CLEAN
    if worst > SKEW_BOUND:
        return _too_early(*where)
    return (RepairReason.INCIDENT_STEP_ORDER,)


__all__ = ["CLEAN", "call_order", "incident_order"]
