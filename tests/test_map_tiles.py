"""Tiles: configuration, the MBTiles file behind the mbtiles: scheme, and what the map shows."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from record_support import keyed
from test_map_payload import incident
from test_map_view import wait_drawn

from maps.base_page import DEFAULT_REGION
from maps.map_view import MapView
from maps.mbtiles import MBTilesFile, parse_tile_path, tile_mime
from maps.tiles import OSM_ATTRIBUTION, OSM_URL, configured_tiles
from wallboard.config import ConfigError, MapSettings, settings_from_dict

LOAD_MS = 20_000
SHOTS = Path("/tmp/map-shots")
# two colours no map layer uses, laid out as a checkerboard of tiles
TILE_COLOURS = (QColor(255, 0, 255), QColor(0, 160, 255))
P1_RED_MIN = 230


def png(colour: QColor, size: int = 256) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(colour)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def tile_xy(lat: float, lon: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def build_mbtiles(path: Path, *, zooms=range(5, 14), pad: float = 0.8) -> int:
    """An MBTiles file covering the default region (padded), checkerboard-coloured."""
    region = DEFAULT_REGION
    blobs = [png(c) for c in TILE_COLOURS]
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute(
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
        " tile_data BLOB)"
    )
    conn.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("name", "test"),
            ("format", "png"),
            ("minzoom", str(min(zooms))),
            ("maxzoom", str(max(zooms))),
            ("attribution", "<b>Test tiles</b>"),
        ],
    )
    count = 0
    for z in zooms:
        x0, y0 = tile_xy(region.north + pad, region.west - pad, z)
        x1, y1 = tile_xy(region.south - pad, region.east + pad, z)
        rows = [
            (z, x, (2**z - 1) - y, blobs[(x + y) % 2])
            for x in range(x0, x1 + 1)
            for y in range(y0, y1 + 1)
        ]
        conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
        count += len(rows)
    conn.commit()
    conn.close()
    return count


def grab_when(qtbot, view: MapView, shows) -> QImage:
    """Grab until two grabs agree and the picture ``shows`` what the test waits for."""
    shots: list[QImage] = []

    def ready() -> bool:
        image = view.grab().toImage()
        shots.append(image)
        return len(shots) > 1 and image == shots[-2] and shows(image)

    qtbot.waitUntil(ready, timeout=15_000)
    return shots[-1]


def count_pixels(image: QImage, match, step: int = 4) -> int:
    return sum(
        1
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
        if match(image.pixelColor(x, y))
    )


def exactly(colour: QColor):
    return lambda c: c.rgb() == colour.rgb()


def p1_red(c: QColor) -> bool:
    return c.red() > P1_RED_MIN and c.green() < 90 and c.blue() < 90


# -- configuration ------------------------------------------------------------------


def test_default_is_openstreetmap_with_its_attribution():
    assert MapSettings().tiles == "osm"
    tiles = configured_tiles(MapSettings())
    assert tiles.source is not None and tiles.mbtiles_path is None
    assert tiles.source.url_template == OSM_URL
    assert tiles.source.attribution == OSM_ATTRIBUTION
    assert configured_tiles(MapSettings(tiles="none")).source is None


def test_an_xyz_server_and_an_mbtiles_file_from_the_config(tmp_path):
    url = "https://{s}.tiles.example.id/{z}/{x}/{y}.png"
    settings = settings_from_dict(
        {"map": {"tiles": url, "attribution": "<i>BIG</i>", "max_zoom": 17, "heatmap": True}},
        source="wall.toml",
    )
    assert settings.map.heatmap is True
    xyz = configured_tiles(settings.map).source
    assert (xyz.url_template, xyz.max_zoom) == (url, 17)
    assert xyz.attribution == "&lt;i&gt;BIG&lt;/i&gt;"  # shown as text by Leaflet
    path = tmp_path / "smd.mbtiles"
    build_mbtiles(path, zooms=range(5, 7))
    offline = configured_tiles(
        settings_from_dict({"map": {"tiles": f"mbtiles:{path}"}}, source="wall.toml").map
    )
    assert offline.mbtiles_path == path
    assert offline.source.url_template == "mbtiles:{z}/{x}/{y}"
    assert offline.source.max_zoom == 6  # from the file's metadata
    assert offline.source.attribution == "&lt;b&gt;Test tiles&lt;/b&gt;"


@pytest.mark.parametrize(
    ("tiles", "expected"),
    [
        ("ftp://tiles.example.id/{z}/{x}/{y}.png", "an http(s) URL with {z}, {x} and {y}"),
        ("https://tiles.example.id/tiles.png", "an http(s) URL with {z}, {x} and {y}"),
        ("mbtiles:/nowhere/smd.mbtiles", "no such file"),
    ],
)
def test_bad_tile_settings_name_file_key_and_expectation(tiles, expected):
    with pytest.raises(ConfigError) as caught:
        settings_from_dict({"map": {"tiles": tiles}}, source="wall.toml")
    message = str(caught.value)
    assert message.startswith("wall.toml: key map.tiles = ")
    assert repr(tiles) in message and expected in message


# -- the MBTiles file and the scheme's addresses -----------------------------------


def test_mbtiles_rows_are_flipped_and_misses_are_none(tmp_path):
    path = tmp_path / "t.mbtiles"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)")
    conn.execute("INSERT INTO tiles VALUES (3, 5, 1, ?)", (b"\x89PNG\r\n\x1a\nrest",))
    conn.commit()
    conn.close()
    file = MBTilesFile(path)
    assert file.tile(3, 5, 6) == b"\x89PNG\r\n\x1a\nrest"  # XYZ y 6 is TMS row 8-1-6 = 1
    assert file.tile(3, 5, 1) is None
    assert file.metadata() == {}  # no metadata table: nothing, not an error
    with pytest.raises(sqlite3.OperationalError):  # opened read-only
        file._connection().execute("DELETE FROM tiles")
    file.close()


def test_tile_addresses_and_types():
    assert parse_tile_path("12/3295/2053") == (12, 3295, 2053)
    assert parse_tile_path("/12/3295/2053.png") == (12, 3295, 2053)
    for bad in ("12/3295", "a/b/c", "1/2/3/4", "2/4/0", "99/0/0", "1/-1/0", "1/٣/0", ""):
        assert parse_tile_path(bad) is None, bad
    assert tile_mime(png(TILE_COLOURS[0], 4)) == b"image/png"
    assert tile_mime(b"\xff\xd8\xff\xe0xxxx") == b"image/jpeg"
    assert tile_mime(b"RIFF\0\0\0\0WEBPVP8 ") == b"image/webp"
    assert tile_mime(b"<html>") is None


# -- the map with tiles -------------------------------------------------------------


def test_mbtiles_tiles_appear_in_the_map(qtbot, make_view, tmp_path):
    path = tmp_path / "smd.mbtiles"
    assert build_mbtiles(path) > 0
    tiles = configured_tiles(MapSettings(tiles=f"mbtiles:{path}"))
    view = make_view(tiles=tiles.source, mbtiles=tiles.mbtiles_path)
    incidents = [incident("A", -0.50, 117.15), incident("B", -0.45, 117.10)]
    view.show_state(keyed(incidents), {})
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(qtbot, view, {"A": [-0.50, 117.15], "B": [-0.45, 117.10]}, {})

    def tiles_and_markers(image: QImage) -> bool:
        return all(count_pixels(image, exactly(c), 8) > 50 for c in TILE_COLOURS) and (
            count_pixels(image, p1_red) > 10
        )

    image = grab_when(qtbot, view, tiles_and_markers)
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.save(str(SHOTS / "map-mbtiles.png"))
    assert view.tile_handler is not None and view.tile_handler.served > 0
    assert not view.url_guard.blocked
    # the remote-access switch stays off: MBTiles needs no network
    from PySide6.QtWebEngineCore import QWebEngineSettings

    remote = QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls
    assert not view.page().settings().testAttribute(remote)


def test_the_default_osm_tiles_do_not_break_an_offline_map(qtbot, make_view):
    tiles = configured_tiles(MapSettings())
    view = make_view(tiles=tiles.source)
    view.show_state(keyed([incident("A", -0.50, 117.15)]), {})
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(qtbot, view, {"A": [-0.50, 117.15]}, {})

    def marker_and_legend(image: QImage) -> bool:
        legend = {
            image.pixelColor(x, y).lightness()
            for x in range(image.width() - 300, image.width() - 10, 3)
            for y in range(image.height() - 300, image.height() - 20, 3)
        }
        return count_pixels(image, p1_red) > 5 and max(legend) > 200

    image = grab_when(qtbot, view, marker_and_legend)
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.save(str(SHOTS / "map-osm-offline.png"))
    assert view.is_ready
    # the OSM server is the one remote host allowed; nothing else was attempted
    assert not view.url_guard.blocked


@pytest.mark.parametrize("heatmap", [False, True])
def test_the_heatmap_switch_reaches_the_page(qtbot, make_view, heatmap):
    view = make_view(tiles=None, heatmap=heatmap)
    view.show_state(keyed([incident("A", -0.50, 117.15)]), {})
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    box: list = []
    script = "document.querySelectorAll('.leaflet-wbHeat-pane > *').length"
    view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    assert (box[0] > 0) is heatmap
