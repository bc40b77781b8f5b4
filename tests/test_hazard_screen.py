"""Hazard alerts on screen: loopback feeds -> the real poller -> the store -> the map page
(labels read back from the page) and the alerts panel (what a user reads), stale marking."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from cap_documents import geocode_only_samarinda
from hazard_server import HazardServer, cap_document, quake, rss_list
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from maps.base_page import DEFAULT_REGION
from maps.map_panel import MapPanel
from views.alert_panel import AlertPanel
from views.theme import apply_theme, load_theme
from wallboard.backends import backend_specs
from wallboard.config import settings_from_dict
from wallboard.feed.kinds import HazardKind
from wallboard.poller import BackendSpec, Poller
from wallboard.store import Store

LOAD_MS = 20_000
WITA = ZoneInfo("Asia/Makassar")
TEWS = "/DataMKG/TEWS"
HOSTILE = '<img src=x onerror="document.title=1">Kutai'
INTERVALS = {"bmkg/alerts": 60.0, "cap/alerts": 60.0}


class Clock:
    def __init__(self) -> None:
        self.now = datetime.fromisoformat("2026-11-30T10:00:00+08:00")

    def __call__(self) -> datetime:
        return self.now


def gempa(*records) -> str:
    return json.dumps({"Infogempa": {"gempa": list(records)}})


LATEST = quake("2026-11-30T01:12:40+00:00", "-0.95,117.62", "5.4", "30 km Tenggara Kutai Timur",
               felt="III Samarinda, II Bontang", potential="Tidak berpotensi tsunami")  # fmt: skip
NASTY = quake("2026-11-30T00:40:00+00:00", "-0.60,117.30", "4.1", HOSTILE)


@pytest.fixture
def wall(qtbot):
    apply_theme(QCoreApplication.instance(), load_theme("dark"))
    with HazardServer() as server:
        server.serve(f"{TEWS}/autogempa.json", json.dumps({"Infogempa": {"gempa": LATEST}}))
        server.serve(f"{TEWS}/gempaterkini.json", gempa(LATEST))
        server.serve(f"{TEWS}/gempadirasakan.json", gempa(LATEST, NASTY))
        server.serve("/cap/w1.xml", cap_document("w1", severity="Severe"), "application/cap+xml")
        server.serve("/rss.xml", rss_list([("/cap/w1.xml", "Mon, 30 Nov 2026 01:00:00 +0000")]))
        clock = Clock()
        store = Store(wall_clock=clock)
        specs = [
            BackendSpec("bmkg", server.url + TEWS, type="bmkg", timeout=5.0),
            BackendSpec("cap", server.url + "/rss.xml", type="cap", timeout=5.0),
        ]
        poller = Poller(specs, store, wall_clock=clock)
        map_panel = MapPanel(store, WITA, clock, fallback=QLabel, region=DEFAULT_REGION,
                             intervals=INTERVALS)  # fmt: skip
        map_panel.resize(1600, 900)
        map_panel.show()
        alerts = AlertPanel(store, WITA, clock, intervals=INTERVALS)
        alerts.resize(900, 700)
        alerts.show()
        with qtbot.waitSignal(map_panel.view.map_ready, timeout=LOAD_MS):
            pass
        yield server, clock, store, poller, map_panel, alerts
        poller.close()
        for widget in (map_panel, alerts):
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def poll_all(poller: Poller) -> None:
    async def polls() -> None:
        for name in ("bmkg", "cap"):
            await poller.poll_once(name, HazardKind.ALERTS)

    asyncio.run(polls())


def labels_on_map(qtbot, panel: MapPanel, wanted: int) -> list[str]:
    seen: list[str] = []

    def enough() -> bool:
        box: list = []
        panel.view.drawn_alert_labels(box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        seen[:] = box[0]
        return len(seen) >= wanted

    qtbot.waitUntil(enough, timeout=5000)
    return seen


def test_alerts_reach_the_map_and_the_panel_with_their_source(qtbot, wall):
    _server, _clock, _store, poller, map_panel, alerts = wall
    assert alerts.empty.isVisible() and not map_panel.alert_credit.isVisible()
    poll_all(poller)
    # the page writes magnitudes in the wall's language (5,4 in Indonesian)
    labels = [label.replace("M 5,4", "M 5.4").replace("M 4,1", "M 4.1")
              for label in labels_on_map(qtbot, map_panel, 3)]  # fmt: skip
    assert "M 5.4 30 km Tenggara Kutai Timur" in labels
    assert "Hujan lebat disertai petir" in labels
    # feed text is text on the page: the markup is shown, never run
    assert f"M 4.1 {HOSTILE}" in labels
    box: list = []
    map_panel.view.page().runJavaScript("document.querySelectorAll('img').length", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    assert box[0] == 0
    assert map_panel.alert_credit.isVisible() and map_panel.alert_credit.text() == "Source: BMKG"

    text = alerts.shown_text()
    assert text[0] == "M 5.4 · 30 km Tenggara Kutai Timur"
    assert text[1].startswith("09:12 WITA · depth 10 km · ")  # today: no date
    assert "felt: III Samarinda, II Bontang" in text[1]
    assert "Tidak berpotensi tsunami" in text[1] and text[1].endswith("source: BMKG")
    assert any(t.startswith("Hujan lebat disertai petir · Samarinda Ulu") for t in text)
    assert any(t.startswith("until 13:00 WITA · ") for t in text)  # CAP expiry
    assert HOSTILE in " ".join(text)
    for row in alerts.rows:
        assert row.headline.textFormat() == Qt.TextFormat.PlainText
    assert alerts.credit.text() == "Source: BMKG"
    assert not alerts.empty.isVisible()


def test_a_broken_feed_keeps_its_alerts_and_marks_the_panel_stale(qtbot, wall):
    server, clock, store, poller, map_panel, alerts = wall
    poll_all(poller)
    before = alerts.shown_text()
    server.serve(f"{TEWS}/autogempa.json", "{ broken")
    for _ in range(7):
        clock.now += timedelta(seconds=61)
        poll_all(poller)
    alerts.tick()
    assert alerts.is_marked_stale
    assert "Hazard alerts" in alerts.banner.text()
    assert alerts.shown_text() == before
    assert "not JSON" in store.freshness["bmkg/alerts"].last_error
    assert len(labels_on_map(qtbot, map_panel, 3)) == 3


def test_expired_and_cancelled_alerts_leave_the_map(qtbot, wall):
    server, clock, _store, poller, map_panel, alerts = wall
    poll_all(poller)
    labels_on_map(qtbot, map_panel, 3)
    server.serve("/rss.xml", rss_list([]))
    clock.now += timedelta(seconds=61)
    poll_all(poller)

    def only_quakes() -> bool:
        box: list = []
        map_panel.view.drawn_alert_labels(box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        return all(label.startswith("M ") for label in box[0]) and len(box[0]) == 2

    qtbot.waitUntil(only_quakes, timeout=5000)
    assert not any("Hujan" in t for t in alerts.shown_text())


def test_the_region_s_alerts_say_how_far_and_the_footer_counts_the_rest(qtbot):
    """A national quake list and a warning named only by a kecamatan's code, on a wall
    whose hazard backends carry the region rule from the configuration."""
    apply_theme(QCoreApplication.instance(), load_theme("dark"))
    far = quake("2026-11-30T00:50:00+00:00", "-1.38,119.97", "4.1", "12 km BaratDaya Sigi",
                felt="II Sigi")  # fmt: skip
    with HazardServer() as server:
        server.serve(f"{TEWS}/autogempa.json", json.dumps({"Infogempa": {"gempa": LATEST}}))
        server.serve(f"{TEWS}/gempaterkini.json", gempa(LATEST))
        server.serve(f"{TEWS}/gempadirasakan.json", gempa(LATEST, far))
        server.serve("/cap/d.xml", geocode_only_samarinda("64.72.05"), "application/cap+xml")
        server.serve("/rss.xml", rss_list([("/cap/d.xml", "Mon, 30 Nov 2026 01:00:00 +0000")]))
        raw = {"backends": [
            {"name": "bmkg", "type": "bmkg", "url": server.url + TEWS},
            {"name": "cap", "type": "cap", "url": server.url + "/rss.xml"},
        ], "wall": {"language": "en"}}  # fmt: skip
        specs = backend_specs(settings_from_dict(raw, source="wall.toml"), {})
        clock = Clock()
        store = Store(wall_clock=clock)
        poller = Poller(specs, store, wall_clock=clock)
        map_panel = MapPanel(store, WITA, clock, fallback=QLabel, region=DEFAULT_REGION,
                             intervals=INTERVALS)  # fmt: skip
        map_panel.resize(1600, 900)
        map_panel.show()
        alerts = AlertPanel(store, WITA, clock, intervals=INTERVALS)
        alerts.resize(900, 700)
        alerts.show()
        try:
            with qtbot.waitSignal(map_panel.view.map_ready, timeout=LOAD_MS):
                pass
            assert not alerts.left_off.isVisible()
            poll_all(poller)
            text = alerts.shown_text()
            quake_detail = text[text.index("M 5.4 · 30 km Tenggara Kutai Timur") + 1]
            assert quake_detail.startswith("56 km Southeast · 09:12 WITA")
            warning = text.index("Flood early warning · Kota Samarinda")
            assert "no shape on the map" in text[warning + 1]
            assert "Sigi" not in " ".join(text)
            assert alerts.left_off.isVisible()
            assert alerts.left_off.text() == "Far from the region, not shown: 1"
            # the map draws the quake; the warning without a shape is only listed
            labels = labels_on_map(qtbot, map_panel, 1)
            assert [label.replace("5,4", "5.4") for label in labels] == [
                "M 5.4 30 km Tenggara Kutai Timur"
            ]
        finally:
            poller.close()
            for widget in (map_panel, alerts):
                widget.close()
                widget.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_newest_first_holds_when_a_tall_alert_does_not_fit(qtbot):
    """A long quake row that does not fit is counted, and no shorter, older alert is
    shown in its place (the panel shows a newest-first prefix)."""
    from wallboard.model.alert import Alert, AlertKind, AlertList

    apply_theme(QCoreApplication.instance(), load_theme("dark"))
    clock = Clock()
    store = Store(wall_clock=clock)
    base = clock.now - timedelta(minutes=5)

    def warning(i: int) -> Alert:
        ring = ((-0.5, 117.1), (-0.5, 117.2), (-0.6, 117.2), (-0.5, 117.1))
        return Alert(f"w{i}", "cap", AlertKind.AREA, f"Warning {i}", base - timedelta(minutes=i),
                     -0.5, 117.15, "BMKG", polygons=(ring,))  # fmt: skip

    tall = Alert("q", "bmkg", AlertKind.QUAKE, "x", base - timedelta(minutes=1), -0.9, 117.6,
                 "BMKG", magnitude=5.4, area="Kutai Timur", felt="III Samarinda " * 12,
                 potential="Tidak berpotensi tsunami " * 4)  # fmt: skip
    store.apply("cap", HazardKind.ALERTS, AlertList((warning(0), warning(2), warning(3))))
    store.apply("bmkg", HazardKind.ALERTS, AlertList((tall,), left_off=2))
    panel = AlertPanel(store, WITA, clock, intervals=INTERVALS)
    panel.resize(700, 400)
    panel.show()
    try:
        qtbot.waitUntil(lambda: panel.more.isVisible(), timeout=5000)
        heads = panel.shown_text()[::2]
        order = ["Warning 0", "M 5.4 · Kutai Timur", "Warning 2", "Warning 3"]
        assert heads == order[: len(heads)] and len(heads) < 4
        assert panel.more.text() == f"+{4 - len(heads)} more"
        assert panel.left_off.text() == "Far from the region, not shown: 2"
    finally:
        panel.close()
        panel.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
