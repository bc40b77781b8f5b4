"""Agencies: the services a 112 centre dispatches to."""

from __future__ import annotations

import msgspec

from wallboard.model.enums import AgencyKind, LinkStatus
from wallboard.model.incident import RecordId, Timestamp, Version


class Agency(msgspec.Struct, frozen=True, kw_only=True):
    id: RecordId
    version: Version
    kind: AgencyKind
    name: str
    short_name: str
    region: str
    link: LinkStatus
    link_checked_at: Timestamp
