"""The kinds of data a native-feed backend serves, one per endpoint."""

from __future__ import annotations

from enum import StrEnum

from wallboard.feed.pages import API_PREFIX


class FeedKind(StrEnum):
    """One endpoint of the native feed v1; the value is the last part of its path."""

    INFO = "info"
    INCIDENTS = "incidents"
    CALLS = "calls"
    UNITS = "units"
    AGENCIES = "agencies"
    QUEUE = "queue"

    @property
    def path(self) -> str:
        """The endpoint's path, e.g. ``/api/v1/incidents``."""
        return f"{API_PREFIX}/{self.value}"

    @property
    def has_delta(self) -> bool:
        """Whether the endpoint answers ``?since=CURSOR`` with only what changed."""
        return self in (FeedKind.INCIDENTS, FeedKind.CALLS)


class HazardKind(StrEnum):
    """What a public hazard source (BMKG, CAP) serves: not a native-feed endpoint, so a
    native backend never polls it, and the store keeps it apart from the records."""

    ALERTS = "alerts"

    @property
    def has_delta(self) -> bool:
        return False


__all__ = ["FeedKind", "HazardKind"]
