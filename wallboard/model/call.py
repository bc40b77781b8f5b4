"""Call records: one per call offered to the centre, updated as the call progresses."""

from __future__ import annotations

import msgspec

from wallboard.model.enums import Disposition
from wallboard.model.incident import Caller, RecordId, Timestamp, Version


class CallRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A call: offered, then answered or abandoned, then ended, then classified.

    ``answered_at`` and ``abandoned_at`` never both hold; a call with neither is still
    waiting (or ringing).
    """

    id: RecordId
    version: Version
    region: str
    offered_at: Timestamp
    answered_at: Timestamp | None = None
    abandoned_at: Timestamp | None = None
    ended_at: Timestamp | None = None
    disposition: Disposition | None = None
    call_taker_id: str | None = None
    incident_id: str | None = None
    caller: Caller | None = None
