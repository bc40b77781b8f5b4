"""Where the map's local Leaflet files are: installed at set-up time, never committed.

Leaflet 1.9.4 comes from either of two places, the first one present wins:
maps/vendor/node_modules (``scripts/fetch_map_assets.py``, npm, exact pinned version)
or the PyPI package ``django-js-lib-leaflet`` (Leaflet 1.9.4's dist files, no
dependencies), so a Windows user with only Python gets a working map. No plugin is
needed: clustering, the heat-map and the canvases are the page's own (maps/page_*.js).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "vendor" / "node_modules"
PYPI_LEAFLET_PACKAGE = "js_lib_leaflet"


class MissingMapAssets(RuntimeError):
    """Leaflet's files are not installed: the message says how to install them."""


@dataclass(frozen=True)
class MapAssets:
    """Absolute paths of the scripts and stylesheets the page loads, in load order."""

    scripts: tuple[Path, ...]
    stylesheets: tuple[Path, ...]


def _npm_leaflet(vendor: Path) -> tuple[Path, Path] | None:
    dist = vendor / "leaflet" / "dist"
    js, css = dist / "leaflet.js", dist / "leaflet.css"
    return (js, css) if js.is_file() and css.is_file() else None


def _pypi_leaflet() -> tuple[Path, Path] | None:
    spec = importlib.util.find_spec(PYPI_LEAFLET_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    static = Path(next(iter(spec.submodule_search_locations))) / "static" / "js_lib_leaflet"
    js, css = static / "leaflet.js", static / "leaflet.css"
    return (js, css) if js.is_file() and css.is_file() else None


def find_assets(vendor: Path = VENDOR_DIR) -> MapAssets:
    """Locate Leaflet on this machine."""
    leaflet = _npm_leaflet(vendor) or _pypi_leaflet()
    if leaflet is None:
        raise MissingMapAssets(
            "Leaflet 1.9.4 is not installed: run `pip install django-js-lib-leaflet==1.9.4.1`"
            " (part of the project's dependencies) or `python scripts/fetch_map_assets.py`"
        )
    return MapAssets((leaflet[0],), (leaflet[1],))
