"""The live map widget: a real QWebEngineView on the folium page, driven through MapView."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import records
from map_support import run_js
from record_support import keyed, keys, page_ids, pairs
from test_map_payload import HOSTILE, incident, unit

from maps.map_view import MapView
from wallboard.model import Agency, AgencyKind, Priority
from wallboard.model import IncidentStatus as St

LOAD_MS = 20_000


def drawn(qtbot, view: MapView) -> dict:
    box: list = []
    view.drawn_ids(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def wait_drawn(qtbot, view: MapView, incidents: dict, units: dict) -> dict:
    """Poll the page until it draws exactly these ids at these positions."""
    seen: dict = {}

    def matches() -> bool:
        seen.update(drawn(qtbot, view))
        # markers are named by record key ("smd/A"); these tests feed one backend
        return page_ids(seen["incidents"]) == incidents and page_ids(seen["units"]) == units

    qtbot.waitUntil(matches, timeout=5000)
    return seen


def test_markers_added_moved_and_removed_through_the_bridge(qtbot, make_view):
    view = make_view()
    view.show_state(
        keyed([incident("A", -0.50, 117.15), incident("B", -0.45, 117.10)]), keyed([unit("U1")])
    )
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(
        qtbot,
        view,
        {"A": [-0.50, 117.15], "B": [-0.45, 117.10]},
        {"U1": [-0.49, 117.14]},
    )
    view.apply_changes(
        upserted_incidents=pairs([incident("A", -0.52, 117.16), incident("C", -0.40, 117.2)]),
        removed_incidents=keys(["B"]),
        upserted_units=pairs([unit("U2", -0.48, 117.13)]),
        removed_units=keys(["U1"]),
    )
    wait_drawn(qtbot, view, {"A": [-0.52, 117.16], "C": [-0.40, 117.2]}, {"U2": [-0.48, 117.13]})
    # closing an incident takes it off the map
    view.apply_changes(upserted_incidents=pairs([incident("C", -0.40, 117.2, status=St.CLOSED)]))
    wait_drawn(qtbot, view, {"A": [-0.52, 117.16]}, {"U2": [-0.48, 117.13]})


def test_state_given_before_the_page_loads_is_drawn_once_ready(qtbot, make_view):
    view = make_view()
    assert not view.is_ready
    view.apply_changes(upserted_incidents=pairs([incident("EARLY")]))
    view.apply_changes(upserted_units=pairs([unit("U7")]))
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(qtbot, view, {"EARLY": [-0.5, 117.15]}, {"U7": [-0.49, 117.14]})


def test_a_burst_of_diffs_reaches_the_page_as_one_message(qtbot, make_view):
    view = make_view()
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    before = drawn(qtbot, view)["applied"]
    for k in range(50):
        view.apply_changes(upserted_incidents=pairs([incident(f"I{k % 5}", -0.5, 117.0 + k / 100)]))
    final = {f"I{k}": [-0.5, 117.0 + (45 + k) / 100] for k in range(5)}
    after = wait_drawn(qtbot, view, final, {})
    assert after["applied"] - before == 1


def test_hostile_text_is_shown_as_text_and_runs_nothing(qtbot, make_view):
    view = make_view()
    hostile = [
        incident(f"H{k}", -0.5 + k / 50, 117.15, description=text) for k, text in enumerate(HOSTILE)
    ]
    view.show_state(keyed(hostile), keyed([unit("UH", call_sign=HOSTILE[1])]))
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(
        qtbot, view, {i.id: [i.location.lat, 117.15] for i in hostile}, {"UH": [-0.49, 117.14]}
    )
    run_js(qtbot, view, "window.wb.openTooltips(); 1")
    shown = json.loads(
        run_js(
            qtbot,
            view,
            """JSON.stringify({
                pwned: window.__pwned === undefined ? null : window.__pwned,
                injected: document.querySelectorAll('.wb-tip img, .wb-tip script').length,
                tips: Array.from(document.querySelectorAll('.wb-tip')).map(t => t.textContent)
            })""",
        )
    )
    assert shown["pwned"] is None
    assert shown["injected"] == 0
    text = "\n".join(shown["tips"])
    for hostile_text in HOSTILE[:4]:
        assert hostile_text in text


def test_renderer_crash_reloads_the_page_and_redraws_the_state(qtbot, make_view):
    view = make_view()
    view.show_state(keyed([incident("A"), incident("B", -0.45, 117.1)]), keyed([unit("U1")]))
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    # a change that only ever reached the page as a diff must survive the crash too
    view.apply_changes(
        upserted_incidents=pairs([incident("C", -0.41, 117.21)]), removed_incidents=keys(["B"])
    )
    expected = ({"A": [-0.5, 117.15], "C": [-0.41, 117.21]}, {"U1": [-0.49, 117.14]})
    wait_drawn(qtbot, view, *expected)
    pid = view.page().renderProcessPid()
    assert pid > 0
    with (
        qtbot.waitSignal(view.renderer_crashed, timeout=LOAD_MS),
        qtbot.waitSignal(view.map_ready, timeout=LOAD_MS),
    ):
        os.kill(pid, signal.SIGKILL)
    assert view.page().renderProcessPid() != pid
    after = wait_drawn(qtbot, view, *expected)
    assert after["applied"] == 1  # a fresh page, brought back by one full-state message


def test_too_many_crashes_give_up_so_the_wall_can_show_the_list(qtbot, make_view):
    view = make_view(max_crashes=0, crash_window_s=60)
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    with qtbot.waitSignals([view.renderer_crashed, view.gave_up], timeout=LOAD_MS):
        os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    assert not view.is_ready


def _agencies() -> list[Agency]:
    from test_map_payload import NOW

    kinds = [AgencyKind.POLICE, AgencyKind.FIRE, AgencyKind.MEDICAL, AgencyKind.DISASTER]
    return [
        records.agency(f"AG-{k}", kind, short=str(kind), at=NOW) for k, kind in enumerate(kinds)
    ]


def _p1_reds(image) -> int:
    return sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).red() > 230 and image.pixelColor(x, y).green() < 90
    )


def _grab_settled(qtbot, view: MapView, shows=lambda _image: True):
    """Grab until two grabs agree, the picture is not one colour (QT-HEADLESS.md) and it
    ``shows`` what the test waits for (markers are painted after the page says "drawn")."""
    shots: list = []

    def settled() -> bool:
        image = view.grab().toImage()
        shots.append(image)
        if len(shots) < 2 or image != shots[-2]:
            return False
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 23)
        }
        return len(colours) > 1 and shows(image)

    qtbot.waitUntil(settled, timeout=10_000)
    return shots[-1]


def test_screenshot_shows_outline_markers_and_legend_on_dark_ground(qtbot, make_view):
    from maps.styles import CATEGORY_SYMBOLS
    from wallboard.model import UnitStatus

    view = make_view()
    view.resize(1600, 900)
    categories = list(CATEGORY_SYMBOLS)
    incidents = [
        incident(
            f"I{k}",
            -0.38 - 0.045 * (k % 6),
            117.07 + 0.05 * (k // 6),
            category=categories[k % len(categories)],
            priority=Priority(1 + k % 4),
            status=St.NEW if k % 4 == 0 else St.ON_SCENE,
        )
        for k in range(len(categories))
    ]
    statuses = list(UnitStatus)
    units = [
        unit(
            f"U{k}",
            -0.40 - 0.02 * k,
            117.17 + 0.006 * k,
            agency_id=f"AG-{k % 4}",
            status=statuses[k % 6],
        )
        for k in range(14)
    ]
    view.show_state(keyed(incidents), keyed(units), keyed(_agencies()))
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(
        qtbot,
        view,
        {i.id: [i.location.lat, i.location.lon] for i in incidents},
        {u.id: [u.position.lat, u.position.lon] for u in units},
    )
    # wait until the markers are in the picture, not just in the page's tables
    image = _grab_settled(qtbot, view, shows=lambda shot: _p1_reds(shot) > 10)
    out = Path("/tmp/map-shots")
    out.mkdir(parents=True, exist_ok=True)
    image.save(str(out / "map.png"))
    # dark ground: a corner far from the outline and the legend is the page's background
    corner = image.pixelColor(5, 5)
    assert corner.lightness() < 40
    # the legend (bottom right) is drawn: light text on its dark box
    legend = {
        image.pixelColor(x, y).lightness()
        for x in range(image.width() - 300, image.width() - 10, 3)
        for y in range(image.height() - 300, image.height() - 20, 3)
    }
    assert max(legend) > 200
    # markers drawn with their priority colours: P1 red present somewhere
    assert _p1_reds(image) > 10


def test_hostile_region_name_shows_as_legend_text(qtbot, make_view):
    from wallboard.feed.pages import RegionInfo

    name = HOSTILE[3] + HOSTILE[1]
    region = RegionInfo(
        region="x",
        name=name,
        timezone="Asia/Makassar",
        center_lat=-0.5,
        center_lon=117.15,
        south=-0.7,
        west=117.0,
        north=-0.3,
        east=117.3,
    )
    view = make_view(region=region)
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    shown = json.loads(
        run_js(
            qtbot,
            view,
            """JSON.stringify({
                pwned: window.__pwned === undefined ? null : window.__pwned,
                title: document.querySelector('.wb-legend-title').textContent,
                imgs: document.querySelectorAll('.wb-legend img').length
            })""",
        )
    )
    assert shown == {"pwned": None, "title": name, "imgs": 0}


def test_after_giving_up_a_reload_brings_the_state_back(qtbot, make_view):
    view = make_view(max_crashes=0)
    view.show_state(keyed([incident("A")]), {})
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    with qtbot.waitSignal(view.gave_up, timeout=LOAD_MS):
        os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    view.apply_changes(upserted_incidents=pairs([incident("B", -0.45, 117.1)]))  # while down
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        view.reload_map()
    wait_drawn(qtbot, view, {"A": [-0.5, 117.15], "B": [-0.45, 117.1]}, {})
