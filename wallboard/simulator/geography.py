"""Points, distances and movement on the region's map (small-area approximations)."""

from __future__ import annotations

import math
import random

from wallboard.simulator.scenario import Bounds, Kecamatan

KM_PER_DEGREE = 111.32


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line distance; equirectangular is exact enough inside one regency."""
    mean_lat = math.radians((a[0] + b[0]) / 2)
    dy = (b[0] - a[0]) * KM_PER_DEGREE
    dx = (b[1] - a[1]) * KM_PER_DEGREE * math.cos(mean_lat)
    return math.hypot(dx, dy)


def point_near(rng: random.Random, kec: Kecamatan, bounds: Bounds) -> tuple[float, float]:
    """A random point within the kecamatan's spread radius, kept inside the region."""
    radius = kec.radius_km * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    lat = kec.center[0] + radius * math.sin(angle) / KM_PER_DEGREE
    lon = kec.center[1] + radius * math.cos(angle) / (
        KM_PER_DEGREE * math.cos(math.radians(kec.center[0]))
    )
    lat = min(max(lat, bounds.south), bounds.north)
    lon = min(max(lon, bounds.west), bounds.east)
    return round(lat, 6), round(lon, 6)


def interpolate(
    a: tuple[float, float], b: tuple[float, float], fraction: float
) -> tuple[float, float]:
    f = min(max(fraction, 0.0), 1.0)
    return round(a[0] + (b[0] - a[0]) * f, 6), round(a[1] + (b[1] - a[1]) * f, 6)
