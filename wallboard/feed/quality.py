"""Data quality vocabulary: why a record was repaired, why one was dropped, and the bound.

A record is a fact about a call or an incident: dropping it changes every figure. So a
problem the KPI rules of docs/kpi.md already know how to judge makes the record
*repaired* (kept as sent, flagged, counted by reason), and only a record that no rule
can use is *unusable* (dropped, counted by reason, named in the log).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# How much earlier than the step it follows a step may be stamped and still be a clock
# disagreement between two devices of one backend (a PBX and a CAD a few seconds apart,
# a workstation whose NTP failed for a day: minutes). Beyond it the order is not skew
# but a corrupt or mis-keyed time, and no rule can judge the record. Ten minutes is
# also the margin a timestamp may run ahead of the feed's clock (FUTURE_MARGIN).
SKEW_BOUND = timedelta(minutes=10)

# A 112 call that waited, or talked, for longer than this is a stuck record, not a call.
LONGEST_CALL = timedelta(hours=24)


class RepairReason(StrEnum):
    """Why a kept record was flagged; each has a KPI rule that judges it (docs/kpi.md)."""

    # answered_at or abandoned_at stamped before offered_at (within SKEW_BOUND):
    # the answer (or abandon) time counts as 0 s
    STEP_BEFORE_OFFER = "step_before_offer"
    # both answered_at and abandoned_at set: answered wins, the caller reached someone
    ANSWERED_AND_ABANDONED = "answered_and_abandoned"
    # ended_at stamped before answered_at (or the offer, within SKEW_BOUND): talk 0 s
    END_BEFORE_ANSWER = "end_before_answer"
    # an incident's step (status, dispatch, en route, on scene, cleared) stamped before
    # the step it follows (within SKEW_BOUND): that interval counts as 0 s
    INCIDENT_STEP_ORDER = "incident_step_order"


class RejectReason(StrEnum):
    """Why a record was dropped: nothing in it can be trusted enough to count."""

    # a required field missing, of the wrong type, or outside its vocabulary
    INVALID_FIELD = "invalid_field"
    # well-typed but impossible: coordinates (0, 0), a call lasting over a day
    ABSURD_VALUE = "absurd_value"
    # a timestamp later than the feed's clock plus FUTURE_MARGIN
    FUTURE_TIMESTAMP = "future_timestamp"
    # a step stamped before the one it follows by more than SKEW_BOUND
    BEYOND_SKEW_BOUND = "beyond_skew_bound"


@dataclass(frozen=True)
class Problem:
    """What makes a record unusable: the reason (counted) and a sentence (logged)."""

    reason: RejectReason
    text: str


@dataclass(frozen=True)
class RecordRepair:
    """One record kept with flags: its position in the body, id, why it was flagged, and
    ``at``, when it started (a call's offer, an incident's creation: the day it counts for)."""

    index: int
    record_id: str
    reasons: tuple[RepairReason, ...]
    at: datetime


__all__ = [
    "LONGEST_CALL",
    "SKEW_BOUND",
    "Problem",
    "RecordRepair",
    "RejectReason",
    "RepairReason",
]
