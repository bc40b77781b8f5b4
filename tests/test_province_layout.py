"""The province's pieces that need no display: layouts naming the comparison and each
region's agencies, one map extent and one outline document for several regions, each
backend's health as the comparison judges it, and the Balikpapan scenario."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from maps.outline import load_outline
from maps.region_outlines import PROVINCE_ID, enclosing_region, merged_outline
from wallboard.backends import region_info
from wallboard.layout import (
    COMPARISON,
    LayoutError,
    Page,
    default_plans,
    place,
    plans_for,
    region_agencies,
)
from wallboard.province.health import RegionState, region_health
from wallboard.simulator.scenario import load_scenario
from wallboard.store import SourceFreshness

REGIONS = ("samarinda", "balikpapan", "paser")
NOW = datetime(2026, 11, 28, 4, 0, tzinfo=UTC)


def names(plan) -> set[str]:
    return {p.panel for page in plan.pages for p in page.placements()}


def test_layouts_name_the_comparison_and_one_regions_agencies():
    placed = place([["map", COMPARISON], ["agencies:paser", "agencies"]])
    assert {p.panel for p in placed} == {"map", "comparison", "agencies:paser", "agencies"}
    for bad in ("agencies:", "agencies:Paser Kab", "comparisons"):
        with pytest.raises(LayoutError, match="unknown panel"):
            place([[bad]])


def test_several_regions_get_the_province_layouts():
    map_screen, comparison, by_region = default_plans(3, regions=REGIONS)
    assert map_screen.pages == (Page((("map",),)),)
    assert comparison.pages == (Page((("comparison",),)),)
    assert [names(ScreenOf(p)) for p in by_region.pages] == [
        {region_agencies(r), "incidents"} for r in REGIONS
    ]
    (one,) = default_plans(1, regions=REGIONS)
    assert COMPARISON in names(one) and "map" in names(one)
    assert any(COMPARISON in names(p) for p in default_plans(2, regions=REGIONS))
    # one region: the usual walls, unchanged
    assert default_plans(3, regions=("samarinda",)) == default_plans(3)
    # a configured screen wins; the others get the province's defaults
    configured = default_plans(1)[:1]
    assert plans_for(3, configured, regions=REGIONS)[1:] == (comparison, by_region)


class ScreenOf:
    """One page seen as a plan (for ``names``)."""

    def __init__(self, page: Page) -> None:
        self.pages = (page,)


def test_one_extent_and_one_outline_for_three_regions():
    regions = [region_info(b, b) for b in REGIONS]
    province = enclosing_region(regions, "Kalimantan Timur")
    assert province.region == PROVINCE_ID and province.name == "Kalimantan Timur"
    for r in regions:
        assert province.south <= r.south and province.north >= r.north
        assert province.west <= r.west and province.east >= r.east
    outline = merged_outline(regions)
    assert outline["type"] == "FeatureCollection"
    assert [f["properties"]["region"] for f in outline["features"]] == list(REGIONS)
    assert all(f["properties"]["approximate"] for f in outline["features"])
    # a single region is drawn as before
    assert enclosing_region(regions[:1], "Kalimantan Timur") == regions[0]


def test_balikpapan_outline_and_scenario_fit_together():
    scenario = load_scenario("balikpapan")
    region = region_info("balikpapan", "balikpapan")
    outline = load_outline(region)
    assert outline is not None
    ring = outline["features"][0]["geometry"]["coordinates"][0]
    b = scenario.region.bounds
    assert all(b.south <= lat <= b.north and b.west <= lon <= b.east for lon, lat in ring)
    assert scenario.region.code == "BPN"
    assert all(a.id.endswith("-bpn") for a in scenario.agencies)


def fresh(key: str, *, ago: float = 1.0, failures: int = 0, error: str | None = None):
    at = NOW - timedelta(seconds=ago)
    return SourceFreshness(
        key=key,
        last_success=at,
        last_attempt=NOW,
        consecutive_failures=failures,
        last_error=error,
        last_error_at=NOW if failures else None,
    )


KINDS = ("info", "incidents", "calls", "units", "agencies", "queue")
INTERVALS = {f"paser/{k}": (300.0 if k == "info" else 2.0) for k in KINDS}


def test_region_health_live_late_down_and_waiting():
    live = {f"paser/{k}": fresh(f"paser/{k}") for k in KINDS}
    assert region_health("paser", live, NOW, INTERVALS).state is RegionState.LIVE
    # one failed poll: late, not down
    late = {**live, "paser/calls": fresh("paser/calls", failures=1, error="HTTP 503")}
    health = region_health("paser", late, NOW, INTERVALS)
    assert (health.state, health.error) == (RegionState.LATE, "HTTP 503")
    # every live kind failed twice: down, with its last good data
    down = {
        k: fresh(k, ago=7, failures=2, error="connection refused")
        if k.rpartition("/")[2] in ("incidents", "calls", "units", "queue")
        else fresh(k, ago=9)
        for k in live
    }
    health = region_health("paser", down, NOW, INTERVALS)
    assert health.state is RegionState.DOWN
    assert health.last_good == NOW - timedelta(seconds=7)
    # no success for 40 s: stale, so down even without a counted failure
    stale = {k: fresh(k, ago=40) for k in live}
    assert region_health("paser", stale, NOW, INTERVALS).state is RegionState.DOWN
    # first polls in flight: waiting; never answered though polled: down, no data
    assert region_health("paser", {}, NOW, INTERVALS).state is RegionState.WAITING
    never = {"paser/info": SourceFreshness(key="paser/info", consecutive_failures=1)}
    health = region_health("paser", never, NOW, INTERVALS)
    assert (health.state, health.last_good) == (RegionState.DOWN, None)
    # another region's sources do not count
    other = {f"samarinda/{k}": fresh(f"samarinda/{k}", ago=100) for k in KINDS}
    assert region_health("paser", {**live, **other}, NOW, INTERVALS).state is RegionState.LIVE


def test_a_layout_naming_an_unknown_regions_agencies_is_refused(tmp_path):
    from wallboard.config import ConfigError, load_settings

    path = tmp_path / "wall.toml"
    path.write_text(
        '[[backends]]\nname = "samarinda"\n[[backends]]\nname = "paser"\nscenario = "paser"\n'
        '[[wall.screens]]\ngrid = [["agencies:paser", "agencies:bontang"]]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "wall.screens[0]" in message and "'agencies:bontang'" in message
    assert "agencies:samarinda, agencies:paser" in message
    path.write_text(path.read_text().replace("agencies:bontang", "agencies:samarinda"))
    assert [b.name for b in load_settings(path).backends] == ["samarinda", "paser"]


def test_two_embedded_simulators_of_one_scenario_are_accepted(tmp_path):
    # their record ids are the same, and that is fine: the wall keys records by
    # (backend, id), so each backend's records stay its own
    from wallboard.config import load_settings

    path = tmp_path / "wall.toml"
    path.write_text(
        '[[backends]]\nname = "a"\nscenario = "paser"\n'
        '[[backends]]\nname = "b"\nscenario = "paser"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert [(b.name, b.scenario) for b in settings.backends] == [("a", "paser"), ("b", "paser")]


def test_a_stale_banner_on_a_province_wall_names_the_region():
    from zoneinfo import ZoneInfo

    from views.panel_frame import stale_text
    from views.source_status import source_states, worst_state
    from wallboard.feed.kinds import FeedKind
    from wallboard.store import Store

    start = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    store = Store(wall_clock=lambda: start)
    for backend in ("samarinda", "paser"):
        store.record_success(f"{backend}/incidents", start, None)
    later = start + timedelta(minutes=5)
    store.record_success("samarinda/incidents", later, None)
    store.record_failure("paser/incidents", later, "connection refused")
    worst = worst_state(source_states(store, later), [FeedKind.INCIDENTS])
    text = stale_text(worst, ZoneInfo("Asia/Makassar"))
    assert "paser: Incidents" in text
