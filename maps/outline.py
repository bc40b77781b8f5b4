"""The outline drawn under a region's incidents: the project's own approximate GeoJSON."""

from __future__ import annotations

import json
from importlib import resources

from wallboard.feed.pages import RegionInfo

KNOWN_OUTLINES = ("samarinda", "paser", "balikpapan")


def load_outline(region: RegionInfo) -> dict | None:
    """The bundled outline whose name appears in the region's code or name, if any."""
    words = f"{region.region} {region.name}".lower()
    for name in KNOWN_OUTLINES:
        if name in words:
            text = (
                resources.files("resources.regions")
                .joinpath(f"{name}.geojson")
                .read_text(encoding="utf-8")
            )
            return json.loads(text)
    return None
