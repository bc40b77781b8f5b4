"""Public hazard alerts: an earthquake (BMKG) or a warning area (CAP 1.2). No Qt here.

Alerts come from public feeds, not from the centre's dispatch backend: they are public
information (no redaction) but still untrusted text, shown as plain text only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# CAP 1.2 severities the map draws, lowest first; CAP's "Unknown" is its own kind (a
# sender who does not know how bad it is has not said it is minor).
SEVERITIES = ("unknown", "minor", "moderate", "severe", "extreme")
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

    ``lat``/``lon`` is the epicentre of a quake, or a point to label an area at; None
    for a warning whose area is only named (a CAP ``<geocode>`` we hold no shape for):
    it is listed, not drawn. ``credit`` names the publisher for the on-screen credit.
    ``distance_km``/``bearing_deg``: from the wall's region (its outline) to the alert,
    0 km when it touches the region; None when not worked out (no region, no position).
    """

    id: str
    source: str
    kind: AlertKind
    headline: str
    sent: datetime
    lat: float | None
    lon: float | None
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
    geocodes: tuple[tuple[str, str], ...] = ()  # CAP <geocode> (valueName, value) pairs
    distance_km: float | None = None
    bearing_deg: float | None = None  # from the region's centre, clockwise from north

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"alert {self.id!r}: severity {self.severity!r} not in {SEVERITIES}")
        unplaced = self.lat is None and self.lon is None
        if (self.lat is None) != (self.lon is None):
            raise ValueError(f"alert {self.id!r}: a position needs both lat and lon")
        if unplaced and (self.kind is AlertKind.QUAKE or self.polygons or self.circles):
            raise ValueError(f"alert {self.id!r}: a quake or a drawn area needs a position")
        if not unplaced and not valid_position(self.lat, self.lon):  # type: ignore[arg-type]
            raise ValueError(f"alert {self.id!r}: no valid position")

    @property
    def mapped(self) -> bool:
        """Whether the map draws it (a warning named only by its area's codes is not)."""
        return self.kind is AlertKind.QUAKE or bool(self.polygons or self.circles)

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
    """Every current alert of one source: a full replacement of what it held.

    ``left_off``: alerts the source listed that are not for this region (too far), not
    shown but counted, so none is lost silently.
    """

    items: tuple[Alert, ...]
    left_off: int = 0


__all__ = [
    "SEVERITIES",
    "Alert",
    "AlertKind",
    "AlertList",
    "Circle",
    "clean_text",
    "valid_position",
]
