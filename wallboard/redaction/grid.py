"""Snapping coordinates to a fixed grid, so a public screen never shows an exact place.

The grid is fixed on the globe (not on the data): the same point always lands in the
same cell, so a marker does not jump between polls, and every point of a cell shows as
the cell's centre. Cells are ``metres`` tall; each row of cells is ``metres`` wide at
its own centre latitude.
"""

from __future__ import annotations

import math

METRES_PER_DEGREE = 111_320.0
DEFAULT_GRID_METRES = 500


def snap(lat: float, lon: float, metres: float = DEFAULT_GRID_METRES) -> tuple[float, float]:
    """The centre of the grid cell that holds (lat, lon): at most ~0.71 x ``metres`` away."""
    if metres <= 0:
        raise ValueError(f"grid size must be positive, got {metres}")
    step_lat = metres / METRES_PER_DEGREE
    row = math.floor((lat + 90.0) / step_lat)
    centre_lat = min(90.0, max(-90.0, (row + 0.5) * step_lat - 90.0))
    # longitude cells shrink towards the poles; near them one cell spans the whole row
    scale = max(math.cos(math.radians(centre_lat)), 1e-6)
    step_lon = min(360.0, metres / (METRES_PER_DEGREE * scale))
    column = math.floor((lon + 180.0) / step_lon)
    centre_lon = min(180.0, max(-180.0, (column + 0.5) * step_lon - 180.0))
    return round(centre_lat, 6), round(centre_lon, 6)


__all__ = ["DEFAULT_GRID_METRES", "METRES_PER_DEGREE", "snap"]
