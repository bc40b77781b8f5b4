"""Public hazard alerts: an earthquake (BMKG) or a warning area (CAP 1.2). No Qt here.

Alerts come from public feeds, not from the centre's dispatch backend: they are public
information (no redaction) but still untrusted text, shown as plain text only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# CAP 1.2 severities the map draws, lowest first ("Unknown" is drawn as "minor").
SEVERITIES = ("minor", "moderate", "severe", "extreme")
# Longest text kept from a feed field: a ticker line, not a bulletin.
TEXT_MAX = 400


class AlertKind(StrEnum):
    QUAKE = "quake"  # an epicentre, with magnitude and depth
    AREA = "area"  # a warning area: polygons and/or circles


@dataclass(frozen=True)
class Circle:
    """A CAP circle: centre and radius in kilometres."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class Alert:
    """One current hazard alert, from one source (``source`` is the backend's name).

    ``lat``/``lon`` is the epicentre of a quake, or a point to label an area at.
    ``credit`` names the publisher for the on-screen credit (e.g. "BMKG").
    """

    id: str
    source: str
    kind: AlertKind
    headline: str
    sent: datetime
    lat: float
    lon: float
    credit: str
    severity: str = "minor"
    onset: datetime | None = None
    expires: datetime | None = None
    urgency: str | None = None
    certainty: str | None = None
    magnitude: float | None = None
    depth_km: float | None = None
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()
    circles: tuple[Circle, ...] = ()
    area: str = ""  # the place: BMKG's Wilayah, CAP's areaDesc
    felt: str = ""  # BMKG's Dirasakan (MMI by place)
    potential: str = ""  # BMKG's Potensi (tsunami or not), CAP's instruction

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"alert {self.id!r}: severity {self.severity!r} not in {SEVERITIES}")
        if not valid_position(self.lat, self.lon):
            raise ValueError(f"alert {self.id!r}: no valid position")

    def is_current(self, now: datetime) -> bool:
        """False once the alert has expired (an alert without ``expires`` stays)."""
        return self.expires is None or self.expires > now


def valid_position(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def clean_text(value: object, limit: int = TEXT_MAX) -> str:
    """Feed text as one plain line: non-printables out, whitespace folded, length capped."""
    if not isinstance(value, str):
        return ""
    text = " ".join("".join(c if c.isprintable() else " " for c in value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class AlertList:
    """Every current alert of one source: a full replacement of what it held."""

    items: tuple[Alert, ...]


__all__ = [
    "SEVERITIES",
    "Alert",
    "AlertKind",
    "AlertList",
    "Circle",
    "clean_text",
    "valid_position",
]
