"""Hostile backend text on the real map: shown as text, never run, and the map still draws.

Descriptions, addresses, unit call signs, record ids and alert labels carry markup,
script, template and quote tricks, very long and right-to-left text. They go through
the real MapView (its bridge, its guarded page) or a real QWebEngineView on the base
page, and the page is then asked what it holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
from map_support import run_js
from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView
from record_support import keyed, page_ids
from test_map_payload import incident, unit
from test_map_view import LOAD_MS, _grab_settled

from maps.base_page import DEFAULT_REGION, build_base_page, write_base_page
from maps.map_view import MapView
from maps.payload import LABEL_MAX, PendingBatch, alert_item, apply_call
from wallboard.model import Location, Priority, RecordKey

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "`${window.__pwned = 3}`",
    "</script><script>window.__pwned = 4</script>",
    "'); window.__pwned = 5; ('",
    "<svg onload=window.__pwned=6></svg>",
    "{{7*7}} ${7*7} <!-- --> &lt;b&gt; \\u003cscript\\u003e",
    "\u202eRLO terbalik\u202c حريق في المبنى שריפה בבניין",
    "<iframe src=javascript:window.__pwned=7></iframe>" + "x" * 20_000,
]
HOSTILE_IDS = ['x"]);window.__pwned=8;//', "<img src=x onerror=window.__pwned=9>", "${id}`"]

# What any of the above would have left behind had it run or become markup.
TRACES = """JSON.stringify({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    injected: document.querySelectorAll(
        'img, iframe, object, embed, [onerror], [onload], .wb-tip script, .wb-tip svg').length,
    scripts: document.querySelectorAll('script').length,
    tips: Array.from(document.querySelectorAll('.wb-tip'), t => t.textContent),
    alerts: Array.from(document.querySelectorAll('.wb-alert-label'), t => t.textContent)
})"""


def shown(text: str) -> str:
    """``text`` as the page shows it: whitespace folded, cut at LABEL_MAX."""
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def hostile_records():
    incidents = [
        msgspec.structs.replace(
            incident(f"H{k}", -0.62 + 0.03 * k, 117.08 + 0.02 * (k % 3), priority=Priority(1)),
            description=text,
            location=Location(
                lat=-0.62 + 0.03 * k, lon=117.08 + 0.02 * (k % 3), kelurahan=HOSTILE[-1 - k]
            ),
        )
        for k, text in enumerate(HOSTILE)
    ]
    incidents += [incident(rid, -0.40, 117.20 + 0.02 * k) for k, rid in enumerate(HOSTILE_IDS)]
    units = [
        unit(f"U{k}", -0.55 + 0.03 * k, 117.22, call_sign=text) for k, text in enumerate(HOSTILE)
    ]
    units.append(unit(HOSTILE_IDS[0], -0.35, 117.1))
    return incidents, units


@pytest.fixture
def view(qtbot, tmp_path):
    map_view = MapView(cache_dir=tmp_path / "map", language="en")
    map_view.resize(1600, 900)
    map_view.show()
    yield map_view
    map_view.close()
    map_view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_hostile_text_through_the_map_view_runs_nothing_and_every_marker_is_drawn(qtbot, view):
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    scripts_before = json.loads(run_js(qtbot, view, TRACES))["scripts"]
    incidents, units = hostile_records()
    view.show_state(keyed(incidents), keyed(units))
    expected_incidents = {i.id: [i.location.lat, i.location.lon] for i in incidents}
    expected_units = {u.id: [u.position.lat, u.position.lon] for u in units}

    def all_drawn() -> bool:
        drawn = json.loads(run_js(qtbot, view, "window.wb.drawn()"))
        return (
            page_ids(drawn["incidents"]) == expected_incidents
            and page_ids(drawn["units"]) == expected_units
        )

    qtbot.waitUntil(all_drawn, timeout=10_000)
    run_js(qtbot, view, "window.wb.openTooltips(); 1")
    traces = json.loads(run_js(qtbot, view, TRACES))
    assert traces["pwned"] is None
    assert traces["injected"] == 0
    assert traces["scripts"] == scripts_before
    text = "\n".join(traces["tips"])
    for hostile in HOSTILE:
        assert shown(hostile) in text  # descriptions, places and call signs, as text
    # ids come back as data too: the drill-down hook gets them verbatim
    assert set(HOSTILE_IDS) <= set(
        page_ids(json.loads(run_js(qtbot, view, "window.wb.drawn()"))["incidents"])
    )
    # the map still draws: P1 red on the canvas, the legend's text intact
    image = _grab_settled(qtbot, view)
    out = Path("/tmp/map-shots")
    out.mkdir(parents=True, exist_ok=True)
    image.save(str(out / "hostile.png"))
    reds = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).red() > 230 and image.pixelColor(x, y).green() < 90
    )
    assert reds > 20
    legend = dict(json.loads(run_js(qtbot, view, "window.wb.legend()")))
    assert legend["Priority"] == ["P1 critical"]


def test_a_hostile_id_reaches_the_click_hook_as_one_plain_string(qtbot, view):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    rid = HOSTILE_IDS[0]
    view.show_state(keyed([incident(rid, -0.5, 117.15)]), {})
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    qtbot.waitUntil(
        lambda: json.loads(run_js(qtbot, view, "window.wb.drawn()"))["incidents"] != {},
        timeout=5000,
    )
    where = json.loads(
        run_js(
            qtbot,
            view,
            """JSON.stringify((function () {
                var map = Object.keys(window).filter(k => k.startsWith("map_"))
                    .map(k => window[k])[0];
                var p = map.latLngToContainerPoint([-0.5, 117.15]);
                var r = map.getContainer().getBoundingClientRect();
                return [Math.round(r.left + p.x), Math.round(r.top + p.y)];
            })())""",
        )
    )
    with qtbot.waitSignal(view.clicks.clicked, timeout=5000) as click:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(*where))
    assert (click.args[0].kind, click.args[0].key) == ("incident", RecordKey("smd", rid))
    assert json.loads(run_js(qtbot, view, TRACES))["pwned"] is None


def test_hostile_alert_labels_are_text(qtbot, tmp_path):
    html = build_base_page(DEFAULT_REGION, None, language="en")
    page = write_base_page(tmp_path / "page", html)
    web = QWebEngineView()
    web.resize(1280, 800)
    web.show()
    try:
        with qtbot.waitSignal(web.loadFinished, timeout=LOAD_MS):
            web.setUrl(QUrl.fromLocalFile(str(page)))
        batch = PendingBatch()
        batch.set_alerts(
            [
                alert_item(f"A{k}", "quake", -0.5 + k / 50, 117.1, magnitude=5.0, label=text)
                for k, text in enumerate(HOSTILE)
            ]
        )
        run_js(qtbot, web, apply_call(batch.take()) + "; 1")
        qtbot.waitUntil(
            lambda: json.loads(run_js(qtbot, web, "window.wb.stats()"))["alerts"] == len(HOSTILE),
            timeout=5000,
        )
        traces = json.loads(run_js(qtbot, web, TRACES))
        assert traces["pwned"] is None
        assert traces["injected"] == 0
        assert traces["alerts"] == [f"M 5.0 {shown(text)}" for text in HOSTILE]
    finally:
        web.close()
        web.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
