"""Agencies: the services a 112 centre dispatches to."""

from __future__ import annotations

from typing import Annotated

import msgspec

from wallboard.model.enums import AgencyKind, LinkStatus
from wallboard.model.incident import RecordId, Timestamp, Version

Headcount = Annotated[int, msgspec.Meta(ge=0, le=100_000)]


class PersonnelCounts(msgspec.Struct, frozen=True, kw_only=True):
    """How many of an agency's people are in each state: counts only, never who."""

    available: Headcount = 0
    responding: Headcount = 0
    on_scene: Headcount = 0
    unavailable: Headcount = 0


class Agency(msgspec.Struct, frozen=True, kw_only=True):
    id: RecordId
    version: Version
    kind: AgencyKind
    name: str
    short_name: str
    region: str
    link: LinkStatus
    link_checked_at: Timestamp
    # Staffing, when the backend knows it (Resgrid's personnel statuses); None: not told.
    personnel: PersonnelCounts | None = None
