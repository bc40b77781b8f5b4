"""Several regions on one map: their outlines merged, and the extent that holds them all.

The base page takes one region and one GeoJSON document (maps/base_page.py); a province
wall gives it a region whose bounds enclose every configured region, and one
FeatureCollection holding each region's own (approximate) outline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from maps.outline import load_outline
from wallboard.feed.pages import RegionInfo

PROVINCE_ID = "province"


def merged_outline(
    regions: Iterable[RegionInfo],
    load: Callable[[RegionInfo], dict | None] = load_outline,
) -> dict | None:
    """One FeatureCollection with the features of every region's outline (None: none known).

    A region whose outline is not bundled is simply not outlined; its markers still show.
    """
    features: list[dict] = []
    seen: set[str] = set()
    for region in regions:
        if region.region in seen:
            continue
        seen.add(region.region)
        outline = load(region)
        if outline is None:
            continue
        if outline.get("type") == "FeatureCollection":
            features.extend(outline.get("features", []))
        elif outline.get("type") == "Feature":
            features.append(outline)
        else:  # a bare geometry
            features.append({"type": "Feature", "properties": {}, "geometry": outline})
    if not features:
        return None
    return {"type": "FeatureCollection", "features": features}


def enclosing_region(regions: Iterable[RegionInfo], name: str) -> RegionInfo:
    """A region whose bounds hold every one of ``regions``, named ``name`` (the wall's).

    One region is returned as it is (a single-backend wall is unchanged).
    """
    regions = list(regions)
    if not regions:
        raise ValueError("enclosing_region needs at least one region")
    if len({r.region for r in regions}) == 1:
        return regions[0]
    south = min(r.south for r in regions)
    west = min(r.west for r in regions)
    north = max(r.north for r in regions)
    east = max(r.east for r in regions)
    return RegionInfo(
        region=PROVINCE_ID,
        name=name or " · ".join(r.name for r in regions),
        timezone=regions[0].timezone,
        center_lat=(south + north) / 2,
        center_lon=(west + east) / 2,
        south=south,
        west=west,
        north=north,
        east=east,
    )


__all__ = ["PROVINCE_ID", "enclosing_region", "merged_outline"]
