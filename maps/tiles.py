"""The ``[map]`` configuration's tile choice, turned into what the page and the view need.

"none" gives the plain dark ground; "osm" OpenStreetMap's standard tiles with their
attribution; an XYZ URL any tile server; "mbtiles:/path" a local file served through
the ``mbtiles:`` scheme (its own metadata supplies attribution and zoom limits when the
configuration does not).
"""

from __future__ import annotations

import html
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from maps.base_page import TileSource
from maps.mbtiles import URL_TEMPLATE as MBTILES_URL_TEMPLATE
from maps.mbtiles import MBTilesFile

if TYPE_CHECKING:
    from wallboard.config import MapSettings

log = logging.getLogger(__name__)

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_MAX_ZOOM = 19
DEFAULT_MAX_ZOOM = 18
MBTILES_PREFIX = "mbtiles:"


@dataclass(frozen=True)
class ConfiguredTiles:
    """The page's tile layer (None: plain ground) and, for offline tiles, the file."""

    source: TileSource | None
    mbtiles_path: Path | None = None


def _plain(text: str) -> str:
    # Leaflet shows attributions as HTML: configured or file-supplied text is text only
    return html.escape(text, quote=False)


def _mbtiles_meta(path: Path) -> dict[str, str]:
    file = MBTilesFile(path)
    try:
        return file.metadata()
    except sqlite3.Error as exc:
        log.error("MBTiles file %s cannot be read: %s", path, exc)
        return {}
    finally:
        file.close()


def _int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def configured_tiles(settings: MapSettings) -> ConfiguredTiles:
    """The tile source ``settings`` asks for (validated already by the config loader)."""
    tiles = settings.tiles
    if tiles == "none":
        return ConfiguredTiles(None)
    if tiles == "osm":
        attribution = settings.attribution or OSM_ATTRIBUTION
        source = TileSource(OSM_URL, _plain(attribution), settings.max_zoom or OSM_MAX_ZOOM)
        return ConfiguredTiles(source)
    if tiles.startswith(MBTILES_PREFIX):
        path = Path(tiles[len(MBTILES_PREFIX) :]).expanduser().resolve()
        meta = _mbtiles_meta(path)
        attribution = settings.attribution or meta.get("attribution") or path.name
        max_zoom = settings.max_zoom or _int_or(meta.get("maxzoom"), DEFAULT_MAX_ZOOM)
        return ConfiguredTiles(
            TileSource(MBTILES_URL_TEMPLATE, _plain(attribution), max_zoom), path
        )
    # an XYZ server: name it if the configuration does not (Leaflet needs some credit)
    attribution = settings.attribution or urlsplit(tiles).hostname or tiles
    max_zoom = settings.max_zoom or DEFAULT_MAX_ZOOM
    return ConfiguredTiles(TileSource(tiles, _plain(attribution), max_zoom))
