"""Which public hazard alerts matter to the wall's region, and how far away they are.

Pure Python. BMKG's quake lists and many CAP lists are national (or worldwide): a wall in
Samarinda must not show an M4.1 felt only in Sigi, 330 km across the strait.

- A quake is shown when BMKG's ``Dirasakan`` names one of the region's places, or when its
  epicentre lies within a radius that grows with its magnitude (``QuakeRadii``; by
  default 150 km below M5, 300 km below M6, 600 km below M7, 1,200 km from M7).
- A CAP warning is shown when its area (polygon or circle) touches the region's outline
  or lies within ``area_radius_km`` (150 km) of it; when its ``<geocode>`` is one of the
  region's area codes (or holds it, or lies in it); or, with no shape to measure, when
  its ``<areaDesc>`` names one of the region's places.

Every alert gets its distance from the region's outline (0 inside it) and its bearing from
the region's centre, for "118 km Timur". Distances are measured on a flat projection
around the region's centre: good to about 1 % at the distances that matter here (a few
hundred km near the equator), which is all a choice between 150 and 300 km needs.
Alerts left off are counted (``AlertList.left_off``), never dropped silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from wallboard.model.alert import Alert, AlertKind
from wallboard.sources.hazard_region import HazardRegion, Ring

EARTH_RADIUS_KM = 6371.0
# (from magnitude, radius km): a quake of magnitude m is near when within the radius of
# the last row whose magnitude is <= m
DEFAULT_QUAKE_RADII: tuple[tuple[float, float], ...] = (
    (0.0, 150.0),
    (5.0, 300.0),
    (6.0, 600.0),
    (7.0, 1200.0),
)
DEFAULT_AREA_RADIUS_KM = 150.0
# CAP geocode schemes of other countries whose digits could look like an Indonesian
# area code (US SAME/FIPS/UGC, Canada's CAP-CP, Australia's), never matched against ours
_FOREIGN_CODES = re.compile(r"SAME|FIPS|UGC|CAP-CP|AMOC|NUTS|EMMA|ISO3166", re.IGNORECASE)
# Indonesian area codes (Kemendagri/BPS): 2 digits a province, 4 a regency or city,
# 6 a district, 10 a village ("64", "64.72", "64.72.01", ...)
_ID_CODE = re.compile(r"^\d{2}(\.?\d{2}(\.?\d{2}(\.?\d{4})?)?)?$")


@dataclass(frozen=True)
class Relevance:
    """The rule one hazard backend applies: the region, and its configured radii."""

    region: HazardRegion
    quake_radii: tuple[tuple[float, float], ...] = DEFAULT_QUAKE_RADII
    area_radius_km: float = DEFAULT_AREA_RADIUS_KM

    def quake_radius_km(self, magnitude: float) -> float:
        """The radius within which a quake of ``magnitude`` matters (0: only when felt)."""
        radius = 0.0
        for start, km in self.quake_radii:
            if magnitude >= start:
                radius = km
        return radius


@dataclass(frozen=True)
class HazardRules:
    """What one hazard backend is told by the configuration: the region rule (None: every
    alert is shown, as before a region is known), and how long a CAP alert without
    ``<expires>`` stays (CAP leaves it open; the wall does not)."""

    relevance: Relevance | None = None
    no_expiry: timedelta = timedelta(hours=24)


def relevant_quakes(quakes: Iterable[Alert], rule: Relevance) -> tuple[list[Alert], int]:
    """The quakes that matter to the region (with distance and bearing), and how many
    were left off."""
    shown: list[Alert] = []
    left_off = 0
    for quake in quakes:
        placed = _placed(quake, rule.region)
        near = placed.distance_km is not None and placed.distance_km <= rule.quake_radius_km(
            quake.magnitude or 0.0
        )
        if near or rule.region.names_a_place(quake.felt):
            shown.append(placed)
        else:
            left_off += 1
    return shown, left_off


def relevant_areas(alerts: Iterable[Alert], rule: Relevance) -> tuple[list[Alert], int]:
    """The CAP warnings that matter to the region, geocodes of the region given its
    outline, each with distance and bearing; and how many were left off."""
    shown: list[Alert] = []
    left_off = 0
    for alert in alerts:
        if alert.kind is AlertKind.QUAKE:
            placed = _placed(alert, rule.region)
            keep = placed.distance_km is not None and placed.distance_km <= rule.area_radius_km
        else:
            placed, keep = _area(alert, rule)
        if keep:
            shown.append(placed)
        else:
            left_off += 1
    return shown, left_off


def _area(alert: Alert, rule: Relevance) -> tuple[Alert, bool]:
    region = rule.region
    code_match = _code_match(alert, region)
    if not alert.mapped and code_match == "same" and region.outline:
        # the region's own code: its outline is the area's shape
        lat, lon = region.centre
        alert = replace(alert, polygons=region.outline, lat=lat, lon=lon)
    if alert.mapped:
        distance = _shapes_distance(alert, region)
        placed = replace(alert, distance_km=distance, bearing_deg=_label_bearing(alert, region))
        return placed, distance <= rule.area_radius_km or code_match is not None
    if code_match is not None:
        return replace(alert, distance_km=0.0), True
    return alert, region.names_a_place(alert.area)


def _code_match(alert: Alert, region: HazardRegion) -> str | None:
    """ "same" when a geocode is the region's own code, "related" when it holds the
    region or lies in it (a province, a district), else None."""
    found = None
    for name, value in alert.geocodes:
        if _FOREIGN_CODES.search(name) or not _ID_CODE.match(value.strip()):
            continue
        digits = re.sub(r"\D", "", value)
        for code in region.codes:
            if digits == code:
                return "same"
            if code.startswith(digits) or digits.startswith(code):
                found = "related"
    return found


def _placed(alert: Alert, region: HazardRegion) -> Alert:
    if alert.lat is None or alert.lon is None:
        return alert
    distance = point_distance_km((alert.lat, alert.lon), region)
    return replace(alert, distance_km=distance, bearing_deg=_label_bearing(alert, region))


def _label_bearing(alert: Alert, region: HazardRegion) -> float | None:
    if alert.lat is None or alert.lon is None:
        return None
    return bearing_deg(region.centre, (alert.lat, alert.lon))


# -- geometry on a flat projection around the region's centre ---------------------------


def _projector(centre: tuple[float, float]):
    lat0, lon0 = centre
    scale = math.cos(math.radians(lat0))

    def project(point: tuple[float, float]) -> tuple[float, float]:
        lat, lon = point
        dlon = (lon - lon0 + 180.0) % 360.0 - 180.0
        return (
            math.radians(dlon) * scale * EARTH_RADIUS_KM,
            math.radians(lat - lat0) * EARTH_RADIUS_KM,
        )

    return project


def bearing_deg(origin: tuple[float, float], target: tuple[float, float]) -> float:
    """Initial great-circle bearing from ``origin`` to ``target``, 0..360 from north."""
    lat1, lon1 = map(math.radians, origin)
    lat2, lon2 = map(math.radians, target)
    dlon = lon2 - lon1
    x = math.sin(dlon) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(x, y)) % 360.0


def point_distance_km(point: tuple[float, float], region: HazardRegion) -> float:
    """Kilometres from ``point`` to the region's outline (0 inside it)."""
    project = _projector(region.centre)
    p = project(point)
    rings = [[project(c) for c in ring] for ring in region.outline]
    if any(_inside(p, ring) for ring in rings):
        return 0.0
    return min(_to_ring(p, ring) for ring in rings)


def _shapes_distance(alert: Alert, region: HazardRegion) -> float:
    project = _projector(region.centre)
    outline = [[project(c) for c in ring] for ring in region.outline]
    best = math.inf
    for polygon in alert.polygons:
        shape = [project(c) for c in polygon]
        best = min(best, _rings_distance(shape, outline))
    for circle in alert.circles:
        centre = project((circle.lat, circle.lon))
        if any(_inside(centre, ring) for ring in outline):
            return 0.0
        edge = min(_to_ring(centre, ring) for ring in outline)
        best = min(best, max(0.0, edge - circle.radius_km))
    return best


def _rings_distance(shape: Sequence[tuple[float, float]], outline: list) -> float:
    if any(_inside(c, shape) for ring in outline for c in ring):
        return 0.0  # the region lies (partly) in the warning area
    if any(_inside(c, ring) for ring in outline for c in shape):
        return 0.0  # the warning area reaches into the region
    best = math.inf
    for ring in outline:
        for c in shape:
            best = min(best, _to_ring(c, ring))
        for c in ring:
            best = min(best, _to_ring(c, shape))
    return best


def _inside(p: tuple[float, float], ring: Sequence[tuple[float, float]]) -> bool:
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _to_ring(p: tuple[float, float], ring: Sequence[tuple[float, float]]) -> float:
    best = math.inf
    for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
        best = min(best, _to_segment(p, a, b))
    return best


def _to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


__all__ = [
    "DEFAULT_AREA_RADIUS_KM",
    "DEFAULT_QUAKE_RADII",
    "HazardRules",
    "Relevance",
    "Ring",
    "bearing_deg",
    "point_distance_km",
    "relevant_areas",
    "relevant_quakes",
]
