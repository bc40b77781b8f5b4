"""The map's base page: built once by folium, local files only, text never becomes code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import maps.assets
from maps.assets import MissingMapAssets, find_assets
from maps.base_page import DEFAULT_REGION, NO_TILES_MAX_ZOOM, TileSource, build_base_page
from maps.outline import load_outline
from wallboard.feed.pages import RegionInfo

SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # an identifier in the bridge, never fetched
TILES = TileSource(
    url_template="http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png",
    attribution="Tiles: local test server",
)


def remote_references(html: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>)]+", html)) - {SVG_NAMESPACE}


def loaded_resources(html: str) -> list[str]:
    """Every script src, stylesheet href, CSS @import and url() the page would fetch."""
    found = re.findall(r"<script[^>]*\ssrc=[\"']([^\"']+)", html)
    found += re.findall(r"<link[^>]*\shref=[\"']([^\"']+)", html)
    found += re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", html)
    found += re.findall(r"url\([\"']?([^\"')]+)", html)
    return found


def test_offline_page_references_nothing_remote():
    html = build_base_page(DEFAULT_REGION, load_outline(DEFAULT_REGION))
    assert remote_references(html) == set()
    resources = loaded_resources(html)
    assert resources, "the page must load Leaflet from somewhere"
    for url in resources:
        assert url.startswith("file://"), url
        assert Path(url.removeprefix("file://")).is_file(), url
    # with no tile layer the map still knows how far it may zoom (plugins need it)
    assert f'"maxZoom": {NO_TILES_MAX_ZOOM}' in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_leaflet_loaded_is_1_9_4():
    script = find_assets().scripts[0]
    assert script.name == "leaflet.js"
    assert "1.9.4" in script.read_text(encoding="utf-8")[:2000]


def test_configured_tiles_are_the_only_remote_reference_and_no_script_is_remote():
    html = build_base_page(DEFAULT_REGION, None, TILES)
    assert remote_references(html) == {TILES.url_template}
    assert all(url.startswith("file://") for url in loaded_resources(html))
    assert f'"maxZoom": {TILES.max_zoom}' in html


def test_hostile_region_name_stays_data():
    region = RegionInfo(
        region="x",
        name='</script><script>window.__pwned = 1</script>"><img src=x onerror=alert(1)>',
        timezone="Asia/Makassar",
        center_lat=-0.5,
        center_lon=117.15,
        south=-0.7,
        west=117.0,
        north=-0.3,
        east=117.3,
    )
    html = build_base_page(region)
    assert "window.__pwned" in html  # it is there, as escaped data...
    assert "<script>window.__pwned" not in html  # ...never as markup or code
    assert "<img src=x" not in html


def test_assets_fall_back_to_the_python_package_without_npm(tmp_path):
    assets = find_assets(vendor=tmp_path / "no-npm-here")
    assert assets.scripts[0].parts[-3:] == ("static", "js_lib_leaflet", "leaflet.js")
    assert not assets.has_markercluster


def test_missing_assets_say_how_to_install_them(tmp_path, monkeypatch):
    monkeypatch.setattr(maps.assets, "PYPI_LEAFLET_PACKAGE", "no_such_leaflet_package")
    with pytest.raises(MissingMapAssets, match="fetch_map_assets"):
        find_assets(vendor=tmp_path)


@pytest.mark.parametrize("name", ["samarinda", "paser"])
def test_bundled_outlines_are_marked_approximate_and_closed(name):
    region = RegionInfo(
        region=name,
        name=name.title(),
        timezone="Asia/Makassar",
        center_lat=-1.0,
        center_lon=116.5,
        south=-3.0,
        west=115.0,
        north=0.0,
        east=118.0,
    )
    outline = load_outline(region)
    feature = outline["features"][0]
    assert feature["properties"]["approximate"] is True
    ring = feature["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) > 8
    for lon, lat in ring:  # inside East Kalimantan
        assert 115.0 < lon < 118.0 and -3.0 < lat < 0.5


def test_unknown_region_has_no_outline():
    region = RegionInfo(
        region="elsewhere",
        name="Elsewhere",
        timezone="Asia/Makassar",
        center_lat=0,
        center_lon=0,
        south=-1,
        west=-1,
        north=1,
        east=1,
    )
    assert load_outline(region) is None
