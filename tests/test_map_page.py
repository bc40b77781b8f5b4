"""The map's base page: built once by folium, local files only, text never becomes code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import records
from PySide6.QtCore import QCoreApplication, QEvent
from record_support import keyed, keys, pairs
from test_map_payload import incident, unit

import maps.assets
from maps.assets import MissingMapAssets, find_assets
from maps.base_page import DEFAULT_REGION, NO_TILES_MAX_ZOOM, TileSource, build_base_page
from maps.map_view import MapView
from maps.outline import load_outline
from maps.styles import WORDS, page_style
from wallboard.feed.pages import RegionInfo
from wallboard.model import AgencyKind, IncidentCategory, IncidentStatus, Priority, UnitStatus

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
    region = records.region_info(
        region="x",
        name='</script><script>window.__pwned = 1</script>"><img src=x onerror=alert(1)>',
        west=117.0,
        east=117.3,
    )
    html = build_base_page(region)
    assert "window.__pwned" in html  # it is there, as escaped data...
    assert "<script>window.__pwned" not in html  # ...never as markup or code
    assert "<img src=x" not in html


def test_assets_fall_back_to_the_python_package_without_npm(tmp_path):
    assets = find_assets(vendor=tmp_path / "no-npm-here")
    assert assets.scripts[0].parts[-3:] == ("static", "js_lib_leaflet", "leaflet.js")
    assert len(assets.scripts) == 1  # no plugin: the page clusters by itself


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


def test_legend_table_covers_every_status_and_kind_once_and_keeps_category_words():
    style = page_style("en")
    covered = [s for entry in style["legend_unit_statuses"] for s in entry["statuses"]]
    assert sorted(covered) == sorted(str(s) for s in UnitStatus)
    assert [a["kind"] for a in style["legend_agencies"]] == [str(k) for k in AgencyKind] + [""]
    # agency kinds share values with categories ("fire"): neither may relabel the other
    assert style["categories"]["fire"]["label"] == WORDS[IncidentCategory.FIRE]
    assert style["legend_agencies"][1]["label"] != style["categories"]["fire"]["label"]
    assert all(a["label"] for a in style["legend_agencies"])
    out_of_service = style["legend_unit_statuses"][-1]
    assert out_of_service["fill"] == style["out_of_service_fill"]


@pytest.fixture
def map_view(qtbot, tmp_path):
    view = MapView(cache_dir=tmp_path / "map", language="en")
    view.resize(1280, 720)
    view.show()
    yield view
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _legend(qtbot, view: MapView) -> dict:
    box: list = []
    view.page().runJavaScript("window.wb.legend()", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return dict(json.loads(box[0]))


def _legend_box(qtbot, view: MapView) -> tuple[float, float]:
    box: list = []
    script = "JSON.stringify((r => [r.width, r.height])(document.querySelector('.wb-legend')"
    view.page().runJavaScript(script + ".getBoundingClientRect()))", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return tuple(json.loads(box[0]))


def test_legend_lists_exactly_what_is_drawn_and_stays_small(qtbot, map_view):
    agencies = [
        records.agency(f"AG-{kind}", kind, short=str(kind), at=incident().created_at)
        for kind in (AgencyKind.POLICE, AgencyKind.MEDICAL)
    ]
    map_view.show_state(
        keyed(
            [
                incident("A", category=IncidentCategory.FIRE, priority=Priority.CRITICAL),
                incident(
                    "B",
                    -0.52,
                    category=IncidentCategory.MEDICAL,
                    priority=Priority.LOW,
                    status=IncidentStatus.ON_SCENE,
                ),
            ]
        ),
        keyed(
            [
                unit("U1", agency_id="AG-police", status=UnitStatus.EN_ROUTE),
                unit("U2", -0.47, agency_id="AG-medical", status=UnitStatus.AVAILABLE),
            ]
        ),
        keyed(agencies),
    )
    with qtbot.waitSignal(map_view.map_ready, timeout=20_000):
        pass
    expected = {
        "Incidents": ["Fire", "Medical", "unassigned"],
        "Priority": ["P1 critical", "P4 low"],
        "Units": ["available", "dispatched / en route"],
        "Agencies": ["Police", "Health"],
    }
    qtbot.waitUntil(lambda: _legend(qtbot, map_view) == expected, timeout=5000)
    width, height = _legend_box(qtbot, map_view)
    # 20 px text (readable at 5 m) yet far from the quarter the first legend took
    assert width * height < 0.09 * 1280 * 720

    # the last P1 goes, an out-of-service unit comes: the legend follows
    map_view.apply_changes(
        removed_incidents=keys(["A"]),
        upserted_units=pairs([unit("U1", agency_id="AG-police", status=UnitStatus.OUT_OF_SERVICE)]),
    )
    expected = {
        "Incidents": ["Medical"],
        "Priority": ["P4 low"],
        "Units": ["available", "out of service"],
        "Agencies": ["Health"],  # an out-of-service unit is drawn grey, not police blue
    }
    qtbot.waitUntil(lambda: _legend(qtbot, map_view) == expected, timeout=5000)


REGION_CLEAR_OF_LEGEND = """JSON.stringify((function () {
    var map = Object.keys(window).filter(k => k.startsWith("map_")).map(k => window[k])[0];
    var box = map.getContainer().getBoundingClientRect();
    var legend = document.querySelector(".wb-legend").getBoundingClientRect();
    var ne = map.latLngToContainerPoint([%(north)s, %(east)s]);
    var sw = map.latLngToContainerPoint([%(south)s, %(west)s]);
    return {region_right: ne.x, region_bottom: sw.y, legend_left: legend.left - box.left,
            legend_top: legend.top - box.top, width: box.width};
})())"""


@pytest.mark.parametrize("size", [(1240, 430), (1900, 970), (640, 900)])
def test_region_is_fitted_clear_of_the_legend(qtbot, map_view, size):
    map_view.resize(*size)
    with qtbot.waitSignal(map_view.map_ready, timeout=20_000):
        pass
    bounds = {k: getattr(DEFAULT_REGION, k) for k in ("north", "east", "south", "west")}
    box: list = []
    map_view.page().runJavaScript(REGION_CLEAR_OF_LEGEND % bounds, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    shown = json.loads(box[0])
    assert shown["width"] == size[0]
    # the legend sits beside the region or below it, never over it
    assert (
        shown["region_right"] <= shown["legend_left"]
        or shown["region_bottom"] <= shown["legend_top"]
    ), shown


VISIBLE_LEGEND = """JSON.stringify((function () {
    var box = document.querySelector(".wb-legend").getBoundingClientRect();
    var shown = Array.from(document.querySelectorAll(".wb-legend-sec"))
        .filter(s => getComputedStyle(s).display !== "none")
        .map(s => Array.from(s.querySelectorAll(".wb-legend-row"), r => r.lastChild.textContent));
    return {height: box.height, shown: shown};
})())"""


def test_on_a_short_map_the_legend_shows_a_page_at_a_time_at_full_size(qtbot, map_view):
    categories = list(IncidentCategory)
    map_view.resize(1000, 260)  # the map panel of the one-screen wall
    map_view.show_state(
        keyed(
            incident(f"I{k}", -0.4 - k / 100, category=c, priority=Priority(1 + k % 4))
            for k, c in enumerate(categories)
        ),
        keyed(unit(f"U{k}", -0.45, status=s) for k, s in enumerate(UnitStatus)),
    )
    with qtbot.waitSignal(map_view.map_ready, timeout=20_000):
        pass
    legend = {}
    qtbot.waitUntil(lambda: legend.update(_legend(qtbot, map_view)) or len(legend) >= 4)
    every = [label for labels in legend.values() for label in labels]
    assert len(every) > 20  # the whole key is there...
    seen: list[str] = []
    for _page in range(12):
        box: list = []
        map_view.page().runJavaScript(VISIBLE_LEGEND, 0, box.append)
        qtbot.waitUntil(lambda b=box: bool(b), timeout=5000)
        page = json.loads(box[0])
        assert len(page["shown"]) == 1 and 0 < len(page["shown"][0]) <= 4  # ...a page at a time
        assert page["height"] <= 0.45 * 260
        seen += page["shown"][0]
        map_view.page().runJavaScript("window.wb.nextLegendPage()")
    assert set(every) <= set(seen)  # every entry comes round
