"""The map at scale and at a glance: clusters, per-frame diffs, pulses, auto-fit, heat, alerts.

Real MapView (or a real QWebEngineView on the base page, for switches MapView does not
pass yet), real bridge; what is asserted is what the page reports it drew.
"""

from __future__ import annotations

import json
from datetime import timedelta

import msgspec
import pytest
from map_support import run_js
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWebEngineWidgets import QWebEngineView
from record_support import keyed, page_ids, pairs
from test_map_payload import NOW, incident, unit
from test_map_view import LOAD_MS

from maps.base_page import DEFAULT_REGION, build_base_page, write_base_page
from maps.map_view import MapView
from maps.payload import PendingBatch, alert_item, apply_call
from wallboard.model import IncidentCategory, Priority, RecordKey, UnitStatus
from wallboard.model import IncidentStatus as St

CATEGORIES = list(IncidentCategory)


def stats(qtbot, view) -> dict:
    return json.loads(run_js(qtbot, view, "window.wb.stats()"))


def settle(qtbot, view) -> dict:
    """Wait until the page has drawn every message sent so far, and its legend (whose size
    the fit allows for); its stats then."""
    qtbot.waitUntil(
        lambda: json.loads(run_js(qtbot, view, "window.wb.drawn()"))["settled"], timeout=20_000
    )
    run_js(qtbot, view, "window.wb.legend()")
    return stats(qtbot, view)


def change(qtbot, view, **changes) -> dict:
    """``view.apply_changes(**changes)``, then wait until the page has drawn them.

    ``upserted_incidents`` / ``upserted_units`` are records of backend "smd": keyed here.
    """
    applied = stats(qtbot, view)["applied"]
    view.apply_changes(**{part: pairs(records) for part, records in changes.items()})
    qtbot.waitUntil(lambda: stats(qtbot, view)["applied"] > applied, timeout=5000)
    return settle(qtbot, view)


def spread(n: int, *, lat0: float = -0.70, lon0: float = 117.03) -> list:
    """``n`` incidents on a grid over the region, every category and priority."""
    side = int(n**0.5) + 1
    return [
        incident(
            f"I{k}",
            lat0 + 0.38 * (k // side) / side,
            lon0 + 0.25 * (k % side) / side,
            category=CATEGORIES[k % len(CATEGORIES)],
            priority=Priority(1 + k % 4),
            status=St.NEW if k % 5 == 0 else St.ON_SCENE,
        )
        for k in range(n)
    ]


def units(n: int) -> list:
    side = int(n**0.5) + 1
    return [
        unit(f"U{k}", -0.69 + 0.37 * (k // side) / side, 117.04 + 0.24 * (k % side) / side)
        for k in range(n)
    ]


@pytest.fixture
def ready_view(qtbot, tmp_path):
    """A MapView (1280x800, English) that has drawn the given state."""
    views: list[MapView] = []

    def make(incidents=(), unit_list=(), **kwargs):
        view = MapView(cache_dir=tmp_path / "map", **{"language": "en", **kwargs})
        view.resize(1280, 800)
        view.show()
        views.append(view)
        view.show_state(keyed(incidents), keyed(unit_list))
        with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
            pass
        settle(qtbot, view)
        return view

    yield make
    for view in views:
        view.close()
        view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_one_percent_poll_touches_only_the_markers_that_changed(qtbot, ready_view):
    incidents, unit_list = spread(10_000), units(2_000)
    view = ready_view(incidents, unit_list)
    first = stats(qtbot, view)
    assert first["clusters"] > 0  # 10,000 incidents on one city are grouped
    run_js(qtbot, view, "window.wb.resetCounts(); 1")
    changed = [
        msgspec.structs.replace(i, status=St.DISPATCHED, priority=Priority.LOW)  # were P1
        for i in incidents[::100]
    ]
    moved = [
        msgspec.structs.replace(u, status=UnitStatus.EN_ROUTE, position=u.position)
        for u in unit_list[::100]
    ]
    after = change(qtbot, view, upserted_incidents=changed, upserted_units=moved)
    assert after["frames"] == first["frames"] + 1  # one message, one repaint
    assert after["touched"]["incidents"] == len(changed) == 100
    assert after["touched"]["units"] == len(moved) == 20
    # only the clusters holding a changed incident were redrawn
    assert 0 < after["touched"]["clusters"] <= len(changed)
    assert after["clusters"] == first["clusters"]


def test_messages_in_one_burst_are_applied_in_one_frame(qtbot, ready_view):
    view = ready_view([incident("A")])
    before = stats(qtbot, view)
    calls = []
    for k in range(5):
        batch = PendingBatch()
        batch.add_changes(
            pairs([incident("A", -0.5, 117.1 + k / 100)]), [], pairs([unit(f"U{k}")]), [], {}
        )
        calls.append(apply_call(batch.take()))
    run_js(qtbot, view, ";".join(calls) + "; 1")  # five messages before the next frame
    after = settle(qtbot, view)
    assert after["applied"] - before["applied"] == 5
    assert after["frames"] - before["frames"] == 1
    drawn = json.loads(run_js(qtbot, view, "window.wb.drawn()"))
    assert page_ids(drawn["incidents"]) == {"A": [-0.5, 117.14]}  # the latest word on A won
    assert sorted(page_ids(drawn["units"])) == [f"U{k}" for k in range(5)]


def test_a_cluster_shows_its_priority_mix_and_a_click_zooms_into_its_incidents(qtbot, ready_view):
    priorities = [Priority.CRITICAL] * 2 + [Priority.HIGH] * 3 + [Priority.LOW] * 5
    dense = [
        incident(f"D{k}", -0.5 + k * 0.0004, 117.15, priority=p) for k, p in enumerate(priorities)
    ]
    view = ready_view(dense)
    clusters = json.loads(run_js(qtbot, view, "window.wb.clusters()"))
    assert len(clusters) == 1
    assert clusters[0]["n"] == 10
    assert clusters[0]["counts"] == {"1": 2, "2": 3, "3": 0, "4": 5}
    legend = dict(json.loads(run_js(qtbot, view, "window.wb.legend()")))
    assert any("cluster" in label for label in legend["Incidents"])
    # a click on the ring zooms in until its incidents stand alone
    where = json.loads(run_js(qtbot, view, POINT_OF % {"lat": clusters[0]["lat"], "lon": 117.15}))
    zoom = stats(qtbot, view)["zoom"]
    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(*where))
    qtbot.waitUntil(lambda: stats(qtbot, view)["zoom"] > zoom, timeout=5000)
    qtbot.waitUntil(lambda: stats(qtbot, view)["singles"] == 10, timeout=5000)
    assert stats(qtbot, view)["movedByHand"] is True  # an operator's zoom stops auto-fit
    # a click on one of them reaches the drill-down hook (the view's click channel) with
    # its id (clicked just south of D0, clear of its neighbour D1)
    where = json.loads(run_js(qtbot, view, POINT_OF % {"lat": -0.5 - 0.0002, "lon": 117.15}))
    with qtbot.waitSignal(view.clicks.clicked, timeout=5000) as click:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(*where))
    assert (click.args[0].kind, click.args[0].key) == ("incident", RecordKey("smd", "D0"))


POINT_OF = """JSON.stringify((function () {
    var map = Object.keys(window).filter(k => k.startsWith("map_")).map(k => window[k])[0];
    var p = map.latLngToContainerPoint([%(lat)s, %(lon)s]);
    var r = map.getContainer().getBoundingClientRect();
    return [Math.round(r.left + p.x), Math.round(r.top + p.y)];
})())"""


def test_a_unit_click_reaches_the_hook_through_the_incident_canvas_above(qtbot, ready_view):
    view = ready_view([incident("A", -0.45, 117.1)], [unit("U1", -0.55, 117.2)])
    for (lat, lon), expected in (
        ((-0.55, 117.2), ("unit", RecordKey("smd", "U1"))),
        ((-0.45, 117.1), ("incident", RecordKey("smd", "A"))),
    ):
        where = json.loads(run_js(qtbot, view, POINT_OF % {"lat": lat, "lon": lon}))
        with qtbot.waitSignal(view.clicks.clicked, timeout=5000) as click:
            QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(*where))
        assert (click.args[0].kind, click.args[0].key) == expected


def test_new_incidents_pulse_by_the_feed_clock_not_the_wall_clock(qtbot, ready_view):
    # the feed's clock is NOW (the records' newest update); the wall's is today
    young = msgspec.structs.replace(incident("NEW1"), created_at=NOW - timedelta(minutes=1))
    old = incident("OLD1", -0.45, 117.1)  # created 12 minutes before NOW
    view = ready_view([young, old])
    assert stats(qtbot, view)["pulses"] == 1
    legend = dict(json.loads(run_js(qtbot, view, "window.wb.legend()")))
    assert "new (< 3 min)" in legend["Incidents"]


PINGING = "document.body.classList.contains('wb-pinging')"
ANIMATIONS = "document.getAnimations().length"


def test_pulses_flash_in_step_and_nothing_animates_between_flashes(qtbot, ready_view):
    # an endless CSS animation kept the compositor drawing every frame: a tenth of a core
    young = msgspec.structs.replace(incident("NEW1"), created_at=NOW - timedelta(minutes=1))
    view = ready_view([young])
    assert stats(qtbot, view)["pulses"] == 1
    seen: list = []

    def flashed() -> bool:
        script = f"JSON.stringify([{PINGING}, {ANIMATIONS}])"
        view.page().runJavaScript(script, 0, lambda text: seen.append(json.loads(text)))
        return any(state[0] for state in seen)

    qtbot.waitUntil(flashed, timeout=10_000)
    qtbot.waitUntil(lambda: not run_js(qtbot, view, PINGING), timeout=5_000)
    assert all(state[1] == 0 for state in seen)  # flashes are two repaints, not animations


VIEW_HOLDS = """(function () {
    var map = Object.keys(window).filter(k => k.startsWith("map_")).map(k => window[k])[0];
    return map.getBounds().contains([%(lat)s, %(lon)s]);
})()"""


def test_auto_fit_keeps_every_incident_in_view_until_an_operator_moves_the_map(qtbot, ready_view):
    view = ready_view([incident("A")])
    far = incident("FAR", -1.3, 116.4)  # well outside the city
    change(qtbot, view, upserted_incidents=[far])
    assert run_js(qtbot, view, VIEW_HOLDS % {"lat": -1.3, "lon": 116.4}) is True
    # an operator zooms in with the wheel: the map no longer follows the incidents
    where = json.loads(run_js(qtbot, view, POINT_OF % {"lat": -0.5, "lon": 117.15}))
    run_js(
        qtbot,
        view,
        "window.map_el = document.querySelector('.leaflet-container');"
        f"map_el.dispatchEvent(new WheelEvent('wheel', {{deltaY: -300, clientX: {where[0]},"
        f" clientY: {where[1]}, bubbles: true}})); 1",
    )
    qtbot.waitUntil(lambda: stats(qtbot, view)["movedByHand"] is True, timeout=5000)
    shown_reset = "getComputedStyle(document.querySelector('.wb-reset')).display !== 'none'"
    assert run_js(qtbot, view, shown_reset) is True
    qtbot.waitUntil(
        lambda: (
            run_js(qtbot, view, VIEW_HOLDS % {"lat": -1.3, "lon": 116.4}) is False
            and run_js(qtbot, view, "document.querySelector('.leaflet-zoom-anim') === null")
        ),
        timeout=5000,
    )
    change(qtbot, view, upserted_incidents=[incident("FAR2", 0.4, 118.3)])
    assert run_js(qtbot, view, VIEW_HOLDS % {"lat": 0.4, "lon": 118.3}) is False
    # "show all" brings every incident back into view and auto-fit back on
    run_js(qtbot, view, "document.querySelector('.wb-reset').click(); 1")
    for lat, lon in ((-1.3, 116.4), (0.4, 118.3), (-0.5, 117.15)):
        assert run_js(qtbot, view, VIEW_HOLDS % {"lat": lat, "lon": lon}) is True
    assert stats(qtbot, view)["movedByHand"] is False


@pytest.fixture
def base_page_view(qtbot, tmp_path):
    """A real QWebEngineView on the base page built with the given switches."""
    views: list[QWebEngineView] = []

    def make(**page_options) -> QWebEngineView:
        html = build_base_page(DEFAULT_REGION, None, language="en", **page_options)
        path = write_base_page(tmp_path / f"page{len(views)}", html)
        view = QWebEngineView()
        view.resize(1280, 800)
        view.show()
        views.append(view)
        with qtbot.waitSignal(view.loadFinished, timeout=LOAD_MS):
            view.setUrl(QUrl.fromLocalFile(str(path)))
        qtbot.waitUntil(lambda: run_js(qtbot, view, "window.wb.ready === true"), timeout=5000)
        return view

    yield make
    for view in views:
        view.close()
        view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def send(qtbot, view, batch: PendingBatch) -> dict:
    run_js(qtbot, view, apply_call(batch.take()) + "; 1")
    return settle(qtbot, view)


def test_heat_map_is_switched_by_configuration_and_holds_todays_incidents(qtbot, base_page_view):
    yesterday = msgspec.structs.replace(
        incident("Y", -0.45, 117.1), created_at=NOW - timedelta(hours=15)
    )
    today = spread(40)
    for heatmap, expected in ((True, 40), (False, 0)):
        view = base_page_view(heatmap=heatmap)
        batch = PendingBatch(clock=lambda: NOW)
        batch.add_state(keyed([*today, yesterday]), {}, {})
        assert send(qtbot, view, batch)["heatPoints"] == expected
        qtbot.waitUntil(lambda v=view, n=expected: stats(qtbot, v)["heatDrawn"] == n, timeout=5000)
    # a closed incident leaves the markers, but stays in today's heat
    batch = PendingBatch(clock=lambda: NOW)
    view = base_page_view(heatmap=True)
    batch.add_state(keyed(today), {}, {})
    send(qtbot, view, batch)
    batch.add_changes(pairs([msgspec.structs.replace(today[0], status=St.CLOSED)]), [], [], [], {})
    seen = send(qtbot, view, batch)
    assert seen["heatPoints"] == 40
    assert "smd/I0" not in json.loads(run_js(qtbot, view, "window.wb.drawn()"))["incidents"]
    legend = dict(json.loads(run_js(qtbot, view, "window.wb.legend()")))
    assert "Today's incident density" in legend["Alerts"]


def test_alerts_are_drawn_under_the_incidents_and_replaced_whole(qtbot, base_page_view):
    view = base_page_view()
    batch = PendingBatch(clock=lambda: NOW)
    batch.add_state(keyed([incident("A")]), {}, {})
    batch.set_alerts(
        [
            alert_item(
                "Q",
                "quake",
                -0.45,
                117.2,
                radius_m=5000,
                magnitude=5.4,
                label="Gempa",
                severity="severe",
            ),
            alert_item(
                "F",
                "area",
                -0.6,
                117.1,
                polygon=[(-0.55, 117.05), (-0.55, 117.15), (-0.66, 117.1)],
                label="Banjir",
                severity="moderate",
            ),
        ]
    )
    assert send(qtbot, view, batch)["alerts"] == 2
    labels = json.loads(
        run_js(
            qtbot,
            view,
            "JSON.stringify(Array.from(document.querySelectorAll('.wb-alert-label'),"
            " e => e.textContent))",
        )
    )
    assert labels == ["M 5.4 Gempa", "Banjir"]
    legend = dict(json.loads(run_js(qtbot, view, "window.wb.legend()")))
    assert legend["Alerts"] == ["moderate", "severe"]
    # the alerts' pane lies under the incidents' canvas
    under = run_js(
        qtbot,
        view,
        "+getComputedStyle(document.querySelector('.leaflet-wbAlerts-pane')).zIndex <"
        " +getComputedStyle(document.querySelector('.leaflet-wbIncidents-pane')).zIndex",
    )
    assert under is True
    batch.set_alerts([])
    assert send(qtbot, view, batch)["alerts"] == 0
    assert "Alerts" not in dict(json.loads(run_js(qtbot, view, "window.wb.legend()")))


def test_alert_items_are_checked():
    with pytest.raises(ValueError, match="kind"):
        alert_item("X", "meteor", 0, 0)
    with pytest.raises(ValueError, match="severity"):
        alert_item("X", "quake", 0, 0, severity="apocalyptic")
    with pytest.raises(ValueError, match="3 corners"):
        alert_item("X", "area", 0, 0, polygon=[(0, 0), (1, 1)])
    with pytest.raises(ValueError, match="finite"):
        alert_item("X", "quake", float("nan"), 0)


TEXT_SIZES = """JSON.stringify(Array.from(document.querySelectorAll(
    '.wb-legend-row, .wb-legend-head, .wb-legend-title, .wb-tip, .wb-alert-label, .wb-reset'),
    e => [e.className, parseFloat(getComputedStyle(e).fontSize)]))"""


def test_every_data_text_on_the_map_is_at_least_20_px(qtbot, base_page_view):
    view = base_page_view(heatmap=True)
    batch = PendingBatch(clock=lambda: NOW)
    batch.add_state(keyed(spread(30)), keyed(units(10)), {})
    batch.set_alerts([alert_item("Q", "quake", -0.45, 117.2, magnitude=5.0, label="Gempa")])
    send(qtbot, view, batch)
    run_js(qtbot, view, "window.wb.legend(); window.wb.openTooltips(); 1")
    sizes = json.loads(run_js(qtbot, view, TEXT_SIZES))
    kinds = {name.split()[0] for name, _size in sizes}
    assert {"wb-legend-row", "wb-legend-head", "wb-tip", "wb-alert-label", "wb-reset"} <= kinds
    assert all(size >= 20 for _name, size in sizes), sizes
