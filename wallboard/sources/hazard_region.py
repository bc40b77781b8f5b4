"""The wall's region as the hazard sources see it: outline, centre, place names, area codes.

Pure Python. Built from the project's own region data: the scenario (``resources/
scenarios/<id>.toml``: the region's name, city and kecamatan names, centre and bounds)
and the approximate outline (``resources/regions/<id>.geojson``: its rings, and in its
``codes`` property the region's Indonesian area codes, e.g. "64.72" for Kota Samarinda,
the Kemendagri/BPS code a CAP ``<geocode>`` may carry). A region without a bundled
outline is outlined by its scenario's bounds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

Ring = tuple[tuple[float, float], ...]  # (lat, lon) corners, closed (first == last)

# Administrative words that name no place by themselves ("Kota Samarinda" -> "Samarinda")
_TITLES = re.compile(r"^(kota|kabupaten|kab\.|kecamatan|kec\.)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class HazardRegion:
    """Where the wall is: what a quake's ``Dirasakan`` or a warning's area must name or
    come near to matter here."""

    id: str
    name: str
    centre: tuple[float, float]
    outline: tuple[Ring, ...]
    places: tuple[str, ...]  # the region's own names and its kecamatan, titles stripped
    codes: tuple[str, ...] = ()  # the region's area codes, digits only ("6472")

    def names_a_place(self, text: str) -> bool:
        """Whether ``text`` (BMKG's "III Samarinda, II Bontang", a CAP areaDesc) names
        one of the region's places, as whole words, any case.

        A name followed by a direction word names another place unless that compound is
        the region's own: "Penajam Paser Utara" is not Kabupaten Paser, "Kutai Timur" not
        Kutai, while "Samarinda Utara" is a kecamatan of Samarinda.
        """
        own = {p.lower() for p in self.places}
        for place in self.places:
            for match in _word(place).finditer(text):
                after = _DIRECTION.match(text, match.end())
                if after is None or f"{place} {after.group(1)}".lower() in own:
                    return True
        return False


def _word(place: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(place)}(?![\w])", re.IGNORECASE)


# Indonesian direction words that make a new place name of the one before them
_DIRECTION = re.compile(
    r"\s+(Utara|Selatan|Timur|Barat|Tengah|Tenggara|Barat Daya|Barat Laut|Timur Laut)\b",
    re.IGNORECASE,
)


def place_name(name: str) -> str:
    """A name without its administrative title ("Kabupaten Paser" -> "Paser")."""
    return _TITLES.sub("", name.strip()).strip()


def load_region(name: str) -> HazardRegion:
    """The region of a scenario (a built-in name such as "samarinda", or a .toml path).

    Raises ScenarioError or OSError as ``load_scenario`` does.
    """
    from wallboard.simulator.scenario import load_scenario

    scenario = load_scenario(name)
    region = scenario.region
    places = [place_name(region.name), place_name(region.city)]
    places.extend(place_name(k.name) for k in scenario.kecamatan)
    unique = tuple(dict.fromkeys(p for p in places if len(p) >= 3))
    outline, codes = _bundled_outline(region.id)
    if not outline:
        b = region.bounds
        outline = (
            ((b.north, b.west), (b.north, b.east), (b.south, b.east), (b.south, b.west),
             (b.north, b.west)),
        )  # fmt: skip
    return HazardRegion(
        id=region.id,
        name=region.name,
        centre=(region.center[0], region.center[1]),
        outline=outline,
        places=unique,
        codes=codes,
    )


def _bundled_outline(region_id: str) -> tuple[tuple[Ring, ...], tuple[str, ...]]:
    """The rings and area codes of ``resources/regions/<id>.geojson`` (none if absent)."""
    if not re.fullmatch(r"[a-z0-9_-]{1,40}", region_id):
        return (), ()
    path = resources.files("resources.regions").joinpath(f"{region_id}.geojson")
    if not path.is_file():
        return (), ()
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
    rings: list[Ring] = []
    codes: list[str] = []
    for feature in features:
        props = feature.get("properties") or {}
        codes.extend(re.sub(r"\D", "", str(c)) for c in props.get("codes", []))
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon[:1]:  # the outer ring; holes do not matter at this scale
                rings.append(tuple((float(lat), float(lon)) for lon, lat in ring))
    return tuple(rings), tuple(c for c in codes if c)


__all__ = ["HazardRegion", "Ring", "load_region", "place_name"]
