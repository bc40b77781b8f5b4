"""The map's base page, built once by folium: outline, legend, dark ground, the JS bridge.

Everything the page loads is a local file (Leaflet from ``maps.assets``); the only
remote reference it may hold is a tile URL template that the caller configured.
Live data never goes into this HTML: it arrives later through ``window.wb.apply``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from maps.assets import MapAssets, find_assets
from maps.payload import js_string_literal
from maps.styles import page_style
from wallboard.feed.pages import RegionInfo

# With no tiles there is nothing to gain past street level, and Leaflet plugins such
# as MarkerCluster throw unless the map knows its maximum zoom.
NO_TILES_MAX_ZOOM = 16
BACKGROUND = "#0b0f14"

# Samarinda, East Kalimantan: used when no backend has told us its region yet.
DEFAULT_REGION = RegionInfo(
    region="samarinda",
    name="Kota Samarinda",
    timezone="Asia/Makassar",
    center_lat=-0.5022,
    center_lon=117.1536,
    south=-0.72,
    west=117.02,
    north=-0.30,
    east=117.29,
)


@dataclass(frozen=True)
class TileSource:
    """An XYZ tile server the page may load from (only when configured; none offline)."""

    url_template: str
    attribution: str
    max_zoom: int = 19


PAGE_CSS = """
html, body { background: {bg}; }
body .leaflet-container { background: {bg}; font-family: "DejaVu Sans", Arial, sans-serif; }
.wb-icon { background: none; border: none; }
.wb-legend { background: rgba(11, 15, 20, 0.86); color: #f2f2f7; padding: 4px 10px 6px;
  border: 1px solid #3a3a3c; border-radius: 6px; font-size: 20px; line-height: 1.2;
  max-width: min(620px, 62vw); box-sizing: border-box; }
.wb-legend-title { font-size: 22px; font-weight: 700; }
.wb-legend-sec { display: flex; flex-wrap: wrap; align-items: center; column-gap: 12px;
  row-gap: 1px; margin-top: 3px; }
.wb-legend-head { font-size: 20px; font-weight: 700; color: #aeaeb2; }
.wb-legend-row { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.wb-swatch { display: inline-flex; align-items: center; justify-content: center;
  min-width: 20px; min-height: 20px; }
.wb-swatch-alert { width: 22px; height: 16px; border: 3px solid; border-radius: 50%;
  box-sizing: border-box; min-width: 0; min-height: 0; }
.wb-swatch-heat { width: 28px; height: 16px; border-radius: 8px; min-width: 0; min-height: 0;
  background: linear-gradient(90deg, #1e64ff, #00e5ff, #7cff3a, #ffe600, #ff2d2d); }
.wb-swatch-pulse { width: 30px; height: 30px; position: relative; }
/* a still ring that flashes (bigger, brighter) while the page's timer sets wb-pinging on
   the body: every pulse in step, two repaints per flash and nothing animated in between.
   An endless CSS animation kept the compositor drawing every frame (software rendering:
   a tenth of a core of the wall's process while idle); a one-shot animation per ping
   still cost most of that. */
.wb-pulse { width: 100%; height: 100%; border-radius: 50%; border: 4px solid #ffffff;
  box-sizing: border-box; pointer-events: none; transform: scale(1.3); opacity: 0.45; }
.wb-pinging .wb-pulse { transform: scale(1.7); opacity: 1; }
.wb-pulse-swatch { display: block; width: 26px; height: 26px; }
.wb-alert-icon { background: none; border: none; }
.wb-alert-label { display: inline-block; white-space: nowrap; max-width: 480px;
  overflow: hidden; text-overflow: ellipsis; background: rgba(11, 15, 20, 0.85);
  color: #f2f2f7; border: 2px solid; border-radius: 4px; padding: 1px 6px; font-size: 20px;
  font-weight: 700; }
.wb-reset { font-size: 20px; padding: 4px 12px; background: #1c1c1e; color: #f2f2f7;
  border: 1px solid #8e8e93; border-radius: 6px; cursor: pointer; }
body .leaflet-tooltip { background: #1c1c1e; color: #f2f2f7;
  border: 1px solid #48484a; font-size: 20px; max-width: 420px; white-space: normal;
  overflow-wrap: anywhere; }
.wb-tip { min-width: 160px; max-height: 220px; overflow: hidden; unicode-bidi: plaintext; }
.wb-tip > div { unicode-bidi: plaintext; }
.wb-tip-title { font-weight: 700; }
.wb-tip-age { color: #aeaeb2; }
.leaflet-control-attribution { background: rgba(11, 15, 20, 0.7) !important; color: #8e8e93; }
.leaflet-control-attribution a { color: #aeaeb2; }
body .leaflet-control-scale-line { background: rgba(11, 15, 20, 0.7); color: #d1d1d6;
  border-color: #8e8e93; font-size: 14px; }
.wb-legend-collapsed .wb-legend-sec { display: none !important; }
.wb-legend-collapsed { min-height: 0 !important; min-width: 0 !important; }
/* night mode: the whole map dimmed and its whites softened, the same marks and words */
body.wb-night .folium-map { filter: brightness(0.62) sepia(0.15); }
""".replace("{bg}", BACKGROUND)

# The light theme's page (a desk in daylight): a pale ground, dark text on light boxes.
# Marker colours stay: they were chosen to read on both grounds.
LIGHT_BACKGROUND = "#e8ecf1"
LIGHT_CSS = """
html, body { background: {bg}; }
body .leaflet-container { background: {bg}; }
.wb-legend { background: rgba(255, 255, 255, 0.92); color: #1c1c1e; border-color: #c7c7cc; }
.wb-legend-head { color: #48484a; }
.wb-alert-label { background: rgba(255, 255, 255, 0.9); color: #1c1c1e; }
.wb-reset { background: #ffffff; color: #1c1c1e; border-color: #8e8e93; }
body .leaflet-tooltip { background: #ffffff; color: #1c1c1e; border-color: #c7c7cc; }
.wb-tip-age { color: #636366; }
.leaflet-control-attribution { background: rgba(255, 255, 255, 0.8) !important; color: #48484a; }
.leaflet-control-attribution a { color: #3a3a3c; }
body .leaflet-control-scale-line { background: rgba(255, 255, 255, 0.8); color: #1c1c1e;
  border-color: #636366; }
""".replace("{bg}", LIGHT_BACKGROUND)
# A desk's page (read from half a metre, in a part of a window): smaller words, and a
# legend title that says it folds (a wall has nobody to click it).
COMPACT_CSS = """
.wb-legend-title { cursor: pointer; }
.wb-legend-title::before { content: "▾ "; }
.wb-legend-collapsed .wb-legend-title::before { content: "▸ "; }
.wb-legend { font-size: 14px; max-width: min(440px, 70vw); padding: 3px 8px 4px; }
.wb-legend-title { font-size: 15px; }
.wb-legend-head { font-size: 14px; }
.wb-swatch { zoom: 0.75; }
.wb-reset { font-size: 14px; padding: 2px 8px; }
body .leaflet-tooltip { font-size: 14px; }
.wb-alert-label { font-size: 14px; }
"""
OUTLINES = {
    "dark": {"color": "#8fb8ff", "fillColor": "#1d2a3a"},
    "light": {"color": "#3a6fc4", "fillColor": "#ffffff"},
}


# our own page scripts, in load order: the bridge (last) uses all the others
PAGE_SCRIPTS = (
    "page_draw.js",
    "page_canvas.js",
    "page_legend.js",
    "page_heat.js",
    "page_bridge.js",
)


def bridge_source() -> str:
    """The page-side bridge code (our own files, shipped with the package)."""
    folder = resources.files("maps")
    return "\n".join(folder.joinpath(n).read_text(encoding="utf-8") for n in PAGE_SCRIPTS)


class _Bridge(MacroElement):
    """Defines ``window.wb`` and hands it the map and the style table (as JSON text)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.source }}
        window.wb.init({{ this._parent.get_name() }}, {{ this.style_literal }});
        {% endmacro %}
        """
    )

    def __init__(self, source: str, style: dict) -> None:
        super().__init__()
        self._name = "WallboardBridge"
        self.source = source
        self.style_literal = js_string_literal(json.dumps(style))


def build_base_page(
    region: RegionInfo | None = None,
    outline_geojson: dict | None = None,
    tiles: TileSource | None = None,
    *,
    assets: MapAssets | None = None,
    language: str = "id",
    heatmap: bool = False,
    theme: str = "dark",
    compact: bool = False,
) -> str:
    """The complete HTML of the base page, with no live data in it.

    ``heatmap`` switches on the layer of today's incident density (configuration);
    ``theme`` ("dark" or "light") is the application's, so the page matches it;
    ``compact`` sizes its words for a desk instead of a wall.
    """
    region = region or DEFAULT_REGION
    assets = assets or find_assets()
    fmap = folium.Map(
        location=[region.center_lat, region.center_lon],
        zoom_start=12,
        tiles=None,
        control_scale=True,
        zoom_control=False,  # a wall has no mouse; wheel zoom still works on a desk
        attribution_control=tiles is not None,
    )
    # folium passes its own zoom limits only to a tile layer; the map must know them too
    fmap.options["max_zoom"] = tiles.max_zoom if tiles else NO_TILES_MAX_ZOOM
    fmap.options["min_zoom"] = 5
    fmap.options["zoom_snap"] = 0.25  # a fit that fills a small panel, not the next whole zoom
    # Instance lists (not the class's): only our local files, no jQuery/Bootstrap/icons.
    fmap.default_js = [(f"local_js_{i}", p.as_uri()) for i, p in enumerate(assets.scripts)]
    fmap.default_css = [(f"local_css_{i}", p.as_uri()) for i, p in enumerate(assets.stylesheets)]
    if tiles is not None:
        folium.TileLayer(
            tiles=tiles.url_template, attr=tiles.attribution, max_zoom=tiles.max_zoom, name="base"
        ).add_to(fmap)
    outline = OUTLINES.get(theme, OUTLINES["dark"])
    if outline_geojson is not None:
        folium.GeoJson(
            outline_geojson,
            name="outline",
            style_function=lambda _feature: {
                "color": outline["color"],
                "weight": 3,
                "opacity": 0.9,
                "fill": True,
                "fillColor": outline["fillColor"],
                "fillOpacity": 0.55,
            },
            interactive=False,
        ).add_to(fmap)
    # No folium fit_bounds: its animated zoom would land after, and undo, the bridge's
    # own fit, which keeps the region clear of the legend (page_bridge.js).
    css = PAGE_CSS + (LIGHT_CSS if theme == "light" else "") + (COMPACT_CSS if compact else "")
    fmap.get_root().header.add_child(Element(f"<style>{css}</style>"), name="wb_css")
    bounds = ((region.south, region.west), (region.north, region.east))
    style = page_style(language, title=region.name, bounds=bounds, heatmap=heatmap)
    _Bridge(bridge_source(), style).add_to(fmap)
    return fmap.get_root().render()


def write_base_page(directory: Path, html: str) -> Path:
    """Write the page into ``directory`` (a cache folder) and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "map.html"
    path.write_text(html, encoding="utf-8")
    return path
