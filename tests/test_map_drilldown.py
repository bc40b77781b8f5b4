"""Drill-down: a marker click in the real page opens the record's details from the store."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import records
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from records import WITA
from test_map_tiles import count_pixels, p1_red
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from maps.base_page import DEFAULT_REGION
from maps.click_channel import MarkerRef, parse_marker_ref
from maps.map_panel import MapPanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage
from wallboard.model import (
    Assignment,
    Incident,
    IncidentStatus,
    Position,
    RecordKey,
    UnitStatus,
)
from wallboard.store import Store

NOW = datetime(2026, 11, 28, 14, 30, tzinfo=WITA)
LOAD_MS = 20_000
SHOTS = Path("/tmp/map-shots")
HOSTILE = '<b>bold</b><img src=x onerror="window.__pwned=1">'


def _incident(rid: str, lat: float, lon: float, description: str = "Rumah terbakar") -> Incident:
    created = NOW - timedelta(minutes=14)
    return records.incident(
        rid,
        at=created,
        status=IncidentStatus.EN_ROUTE,
        status_times={
            IncidentStatus.NEW: created,
            IncidentStatus.DISPATCHED: created + timedelta(minutes=2),
            IncidentStatus.EN_ROUTE: created + timedelta(minutes=3),
        },
        updated_at=created + timedelta(minutes=3),
        location=records.location(
            lat, lon, address="Jl. Juanda 12", kelurahan="Air Putih", kecamatan="Samarinda Ulu"
        ),
        description=description,
        assignments=(Assignment(unit_id="U-9", agency_id="AG-F", dispatched_at=created),),
        agency_ids=("AG-F",),
    )


def _store(clock: FakeClock) -> Store:
    store = Store(wall_clock=clock)
    store.apply(
        "smd",
        FeedKind.AGENCIES,
        records.agency_list(records.agency("AG-F", short="DMK", name="Damkar Samarinda", at=NOW)),
    )
    store.apply(
        "smd",
        FeedKind.UNITS,
        records.unit_list(
            records.unit(
                "U-9",
                agency="AG-F",
                call_sign="DAMKAR 09",
                type="engine",
                status=UnitStatus.EN_ROUTE,
                at=NOW - timedelta(minutes=11),
                position=Position(lat=-0.47, lon=117.12, at=NOW - timedelta(minutes=1)),
                incident_id="INC-7",
            )
        ),
    )
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        records.incident_page(_incident("INC-7", -0.50, 117.15, HOSTILE)),
    )
    return store


@pytest.fixture
def panel(qtbot):
    apply_theme(QCoreApplication.instance(), load_theme("dark"))
    clock = FakeClock(NOW)
    store = _store(clock)
    made = MapPanel(store, WITA, clock, fallback=QLabel, region=DEFAULT_REGION)
    made.resize(1600, 900)
    made.show()
    assert made.view is not None
    with qtbot.waitSignal(made.view.map_ready, timeout=LOAD_MS):
        pass
    yield made
    made.close()
    made.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def smd(rid: str) -> RecordKey:
    """A record of the one backend these tests feed."""
    return RecordKey("smd", rid)


def _run_js(qtbot, panel: MapPanel, script: str):
    box: list = []
    panel.view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def test_marker_ids_from_the_page_are_checked():
    # a marker's id is its record's key as text: backend, "/", the id on the wire
    assert parse_marker_ref("incident:smd/INC-7") == MarkerRef("incident", smd("INC-7"))
    assert parse_marker_ref("unit:smd/U 9") == MarkerRef("unit", smd("U 9"))
    assert parse_marker_ref("unit:psr/a/b") == MarkerRef("unit", RecordKey("psr", "a/b"))
    assert parse_marker_ref("incident:" + smd("INC-7").text) == MarkerRef("incident", smd("INC-7"))
    for bad in (
        "INC-7",
        "incident:INC-7",  # an id alone names no record: which backend's?
        "call:smd/1",
        "incident:",
        "incident:smd/",
        "incident:/INC-7",
        "incident:smd/" + "x" * 65,
        "unit:smd/a\nb",
        None,
        7,
    ):
        assert parse_marker_ref(bad) is None


def test_a_click_in_the_page_opens_the_incident_from_the_store(qtbot, panel):
    assert panel.details.isHidden()
    _run_js(qtbot, panel, "window.wbMarkerClicked('incident:smd/INC-7'); 1")
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    rows = dict(panel.details.rows())
    assert panel.details.title.text() == "Incident INC-7"
    assert rows["Category"] == "Fire"
    assert rows["Priority"] == "P1 Critical"
    assert rows["Status"].splitlines() == [
        "New 14:16:00",
        "Dispatched 14:18:00",
        "En route 14:19:00",
    ]
    assert rows["Age"] == "14 min"
    assert rows["Address"] == "Jl. Juanda 12, Air Putih, Samarinda Ulu"
    assert rows["Agencies"] == "Damkar Samarinda"
    assert rows["Units"] == "DAMKAR 09 (En route)"
    # backend text stays text: shown verbatim, never as markup, nothing runs in the page
    assert rows["Report"] == HOSTILE
    labels = panel.details.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert _run_js(qtbot, panel, "window.__pwned === undefined") is True
    # readable from 5 m: the smallest text in the panel is at least 20 px
    sizes = [label.fontInfo().pixelSize() for label in labels if label.isVisible()]
    assert min(sizes) >= 20
    # the map beside the panel still shows the incident (P1 red) once it has settled
    shots: list = []

    def settled() -> bool:
        shots.append(panel.grab().toImage())
        return len(shots) > 1 and shots[-1] == shots[-2] and count_pixels(shots[-1], p1_red) > 5

    qtbot.waitUntil(settled, timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shots[-1].save(str(SHOTS / "drilldown-incident.png"))


def test_a_unit_click_shows_the_unit_and_its_task(qtbot, panel):
    _run_js(qtbot, panel, "window.wbMarkerClicked('unit:smd/U-9'); 1")
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    rows = dict(panel.details.rows())
    assert panel.details.title.text() == "Unit DAMKAR 09"
    assert rows["Agency"] == "Damkar Samarinda"
    assert rows["Status"] == "En route since 14:19:00"
    assert rows["Incident"] == "INC-7 · Fire · P1 Critical"
    assert rows["Position"] == "1 min ago"


def test_ids_the_store_does_not_hold_or_malformed_ones_open_nothing(qtbot, panel):
    clicks = panel.view.clicks
    _run_js(
        qtbot,
        panel,
        """window.wbMarkerClicked('incident:smd/NOPE');
           window.wbMarkerClicked('agency:smd/AG-F');
           window.wbMarkerClicked('incident:' + 'x'.repeat(5000));
           window.wbMarkerClicked({toString() { return 'unit:smd/U-9'; }, evil: 1});
           1""",
    )
    # the page cannot replace the function with one of its own
    assert _run_js(
        qtbot, panel, "window.wbMarkerClicked = null; typeof window.wbMarkerClicked"
    ) == ("function")
    # messages arrive in order: once this one is seen, the four above have been handled
    _run_js(qtbot, panel, "window.wbMarkerClicked('unit:smd/NOPE'); 1")
    qtbot.waitUntil(lambda: panel.unknown_clicks == 2, timeout=5000)
    assert clicks.rejected == 2
    # the object's text was taken as a string id (String(id)) and checked like any other
    assert panel.details.ref == MarkerRef("unit", smd("U-9"))


def test_the_panel_closes_on_its_button_and_by_itself(qtbot, panel):
    _run_js(qtbot, panel, "window.wbMarkerClicked('incident:smd/INC-7'); 1")
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    qtbot.mouseClick(panel.details.close_button, Qt.MouseButton.LeftButton)
    assert panel.details.isHidden()
    panel.details._idle.setInterval(200)  # a minute in the wall; a moment here
    _run_js(qtbot, panel, "window.wbMarkerClicked('incident:smd/INC-7'); 1")
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    with qtbot.waitSignal(panel.details.closed, timeout=5000):
        pass
    assert panel.details.isHidden()


def test_details_follow_the_store_and_close_when_the_record_goes(qtbot, panel):
    _run_js(qtbot, panel, "window.wbMarkerClicked('incident:smd/INC-7'); 1")
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    store = panel._store
    panel._clock.now = NOW + timedelta(minutes=10)
    panel.tick()
    assert dict(panel.details.rows())["Age"] == "24 min"
    store.apply(
        "smd", FeedKind.INCIDENTS, IncidentPage(items=[], cursor="d", full=False, removed=["INC-7"])
    )
    assert panel.details.isHidden()


def test_a_real_mouse_click_on_a_marker_opens_its_details(qtbot, panel):
    # where the page draws INC-7, in the view's pixels (folium's map fills the page)
    where = """JSON.stringify((function () {
                 var drawn = JSON.parse(window.wb.drawn()).incidents["smd/INC-7"];
                 var name = Object.keys(window).find(function (k) {
                   return k.indexOf("map_") === 0 && window[k] instanceof L.Map;
                 });
                 if (!drawn || !name) return null;
                 var p = window[name].latLngToContainerPoint(drawn);
                 var r = window[name].getContainer().getBoundingClientRect();
                 return [r.left + p.x, r.top + p.y];
               })())"""
    box: list = []

    def drawn() -> bool:
        box.append(json.loads(_run_js(qtbot, panel, where)))
        return box[-1] is not None

    qtbot.waitUntil(drawn, timeout=5000)
    x, y = box[-1]
    QTest.mouseClick(
        panel.view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y))
    )
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    assert panel.details.ref == MarkerRef("incident", smd("INC-7"))


def test_on_a_public_screen_the_details_hold_no_street_address_or_report(qtbot):
    from maps.detail_panel import DetailPanel
    from wallboard.redaction import RedactedStore

    clock = FakeClock(NOW)
    details = DetailPanel(RedactedStore(_store(clock)), WITA, clock)
    qtbot.addWidget(details)
    assert details.show_ref(MarkerRef("incident", smd("INC-7")))
    rows = dict(details.rows())
    assert rows["Address"] == "Air Putih, Samarinda Ulu"  # kelurahan and kecamatan only
    assert "Report" not in rows
    assert "Juanda" not in str(details.rows()) and "pwned" not in str(details.rows())


def test_the_page_cannot_delete_the_channel_object(qtbot, panel):
    # a script with its own channel client sees the one slot, plus what every QObject
    # has; deleteLater is the one that could hurt, and it must not cut drill-down
    _run_js(
        qtbot,
        panel,
        """new QWebChannel(qt.webChannelTransport, function (ch) {
             var o = ch.objects.wbClicks;
             window.__slots = Object.keys(o).filter(function (k) {
               return typeof o[k] === "function" && k.indexOf("(") > 0;
             }).sort();
             o.deleteLater();
             o.deleteLater();
             o.markerClicked("unit:smd/U-9");
           }); 1""",
    )
    qtbot.waitUntil(lambda: panel.details.isVisible(), timeout=5000)
    slots = json.loads(_run_js(qtbot, panel, "JSON.stringify(window.__slots)"))
    # heartbeat() takes nothing and gives nothing: its absence is what tells a hung renderer
    assert slots == ["deleteLater()", "heartbeat()", "markerClicked(QString)"]
    panel.details.close_details()
    _run_js(qtbot, panel, "window.wbMarkerClicked('incident:smd/INC-7'); 1")
    qtbot.waitUntil(lambda: panel.details.ref == MarkerRef("incident", smd("INC-7")), timeout=5000)
