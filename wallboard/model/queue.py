"""The live call queue: who is waiting, and what each call-taker is doing."""

from __future__ import annotations

import msgspec

from wallboard.model.enums import CallTakerState
from wallboard.model.incident import RecordId, Timestamp


class WaitingCall(msgspec.Struct, frozen=True, kw_only=True):
    call_id: RecordId
    since: Timestamp


class CallTaker(msgspec.Struct, frozen=True, kw_only=True):
    id: RecordId
    name: str
    state: CallTakerState
    since: Timestamp


class QueueSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    """The queue as it stood at ``at``; each poll replaces the previous snapshot."""

    region: str
    at: Timestamp
    waiting: tuple[WaitingCall, ...] = ()
    call_takers: tuple[CallTaker, ...] = ()
