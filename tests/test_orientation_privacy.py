"""Done-when for issue 6's privacy: the wall in orientation mode shows no caller's data.

The real wall (assemble_wall, as main.py builds it) polls the embedded simulator over
loopback. The simulator's own records are fetched raw from its HTTP API; then every
text a person could see or a log could keep is gathered: every widget of every screen
(labels, buttons, tooltips, window titles, table models, chart texts; hidden pages
too), the JSON that MapView sent to each map page and the text the page shows, and all
log output at DEBUG. No caller name, phone number, street address or description may
appear in any of it. A second wall has a redacted screen beside a plain one: the plain
one still shows everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import urllib.request
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.exceptions import TimeoutError

import maps.map_view
from maps.click_channel import MarkerRef
from maps.map_panel import MapPanel
from maps.map_view import MapView
from wallboard.backends import poll_intervals
from wallboard.config import Settings
from wallboard.config.settings import ScreenSettings
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec
from wallboard.redaction import snap
from wallboard.shell.assembly import WallParts, assemble_wall
from wallboard.simulator import start_simulator

BACKEND = "samarinda"
SIM_START = "2026-11-20T10:00:00+08:00"
LOAD_MS = 30_000
TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as server:
        yield server


def raw(sim, kind: FeedKind) -> dict:
    with urllib.request.urlopen(sim.url + kind.path, timeout=5) as answer:
        return json.loads(answer.read())


def secrets_of(sim) -> dict[str, set[str]]:
    """What the simulator's own records hold that a public screen must never show."""
    incidents = raw(sim, FeedKind.INCIDENTS)["items"]
    calls = raw(sim, FeedKind.CALLS)["items"]
    callers = [r["caller"] for r in incidents + calls if r.get("caller")]
    found = {
        "caller names": {c["name"] for c in callers},
        "phone numbers": {c["phone"] for c in callers},
        "addresses": {i["location"]["address"] for i in incidents},
        "streets": {i["location"]["address"].split(" No. ")[0] for i in incidents},
        "descriptions": {i["description"] for i in incidents},
        "call-takers' names": {t["name"] for t in raw(sim, FeedKind.QUEUE)["call_takers"]},
    }
    return {what: {v for v in values if v} for what, values in found.items()}


class SentToPages:
    """Every message MapView sent to a page, by view: the JSON that reached the map."""

    def __init__(self, monkeypatch) -> None:
        self.by_view: dict[int, list[str]] = defaultdict(list)
        self._current: list[MapView] = []
        real_call, real_flush = maps.map_view.apply_call, MapView._flush

        def call(message):
            script = real_call(message)
            self.by_view[id(self._current[-1])].append(script)
            return script

        def flush(view):
            self._current.append(view)
            try:
                real_flush(view)
            finally:
                self._current.pop()

        monkeypatch.setattr(maps.map_view, "apply_call", call)
        monkeypatch.setattr(MapView, "_flush", flush)

    def of(self, view: MapView) -> str:
        return "\n".join(self.by_view[id(view)])


def widget_texts(widget: QWidget) -> list[str]:
    """Every text a widget tree holds: what is on show, and what a hover or page turn shows."""
    texts: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        texts += [w.toolTip(), w.statusTip(), w.whatsThis(), w.windowTitle()]
        texts += [w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            texts.append(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            texts += model_texts(w.model())
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            for item in w.scene().items():
                texts.append(item.toolTip())
                if isinstance(item, QGraphicsTextItem):
                    texts.append(item.toPlainText())
                elif isinstance(item, QGraphicsSimpleTextItem):
                    texts.append(item.text())
    return [t for t in texts if t]


def model_texts(model) -> list[str]:
    texts = []
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            texts += [str(model.data(index, role) or "") for role in TEXT_ROLES]
    return texts


def drill_down_texts(panel: MapPanel, incident_keys, unit_keys) -> str:
    """What the side panel shows for a click on every incident and every unit (by key)."""
    texts = []
    for kind, keys in (("incident", incident_keys), ("unit", unit_keys)):
        for key in keys:
            panel.show_details(MarkerRef(kind, key))
            texts += widget_texts(panel.details)
    panel.details.close_details()
    return "\n".join(texts)


def page_text(qtbot, view: MapView) -> str:
    box: list = []
    view.page().runJavaScript("document.body.innerText", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return str(box[0])


def drawn(qtbot, view: MapView) -> dict:
    box: list = []
    view.drawn_ids(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def maps_of(parts: WallParts) -> list[MapPanel]:
    return [p for w in parts.wall.windows for p in w.panels if isinstance(p, MapPanel)]


def wait_all_drawn(qtbot, parts: WallParts) -> None:
    """Every map draws exactly the open incidents the store holds."""
    open_ids = {k.text for k, i in parts.store.incidents.items() if i.is_open}  # marker ids
    assert open_ids, "the simulated city should have open incidents"
    for panel in maps_of(parts):
        qtbot.waitUntil(lambda p=panel: p.view is not None and p.view.is_ready, timeout=LOAD_MS)
        qtbot.waitUntil(
            lambda p=panel: set(drawn(qtbot, p.view)["incidents"]) == open_ids, timeout=LOAD_MS
        )


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def build_wall(qapp, qtbot):
    built: list[WallParts] = []

    def build(sim, settings: Settings, screen_count: int) -> WallParts:
        spec = BackendSpec(name=BACKEND, url=sim.url, intervals=poll_intervals(2.0), timeout=5.0)
        screens = [qapp.primaryScreen()] * screen_count
        parts = assemble_wall(qapp, settings, [spec], wall_clock=Clock(), screens=lambda: screens)
        built.append(parts)
        return parts

    yield build
    for parts in built:
        parts.close()
        for panel in maps_of(parts):
            view = panel.view
            if view is None or not view.is_ready:
                continue
            for timer in view.findChildren(QTimer):
                timer.stop()
            with contextlib.suppress(TimeoutError):
                drawn(qtbot, view)  # the last page call answered before the view goes
        for window in parts.wall.windows:
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def poll_all(parts: WallParts) -> None:
    async def polls() -> None:
        for kind in FeedKind:
            await parts.poller.poll_once(BACKEND, kind)

    asyncio.run(polls())


def with_wall(**changes) -> Settings:
    base = Settings()
    return msgspec.structs.replace(base, wall=msgspec.structs.replace(base.wall, **changes))


# -- orientation mode: nothing personal anywhere ------------------------------------------


def test_orientation_wall_shows_and_logs_no_callers_data(
    qtbot, sim, build_wall, caplog, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    sent = SentToPages(monkeypatch)
    settings = with_wall(orientation=True)
    # the heat-map keeps today's incidents on the page: it must get the snapped points too
    settings = msgspec.structs.replace(
        settings, map=msgspec.structs.replace(settings.map, heatmap=True, tiles="none")
    )
    parts = build_wall(sim, settings, screen_count=3)
    poll_all(parts)
    wait_all_drawn(qtbot, parts)
    # then the city moves on: what changed reaches the screens through diffs as well
    sim.advance(timedelta(minutes=3))
    poll_all(parts)
    parts.wall.tick()
    wait_all_drawn(qtbot, parts)

    secrets = secrets_of(sim)
    assert all(secrets.values()), f"the simulator should have every kind of secret: {secrets}"
    windows = parts.wall.windows
    assert len(windows) == 3
    seen = {f"screen {n}": "\n".join(widget_texts(w)) for n, w in enumerate(windows)}
    for panel in maps_of(parts):
        seen["map payload"] = seen.get("map payload", "") + sent.of(panel.view)
        seen["map page text"] = seen.get("map page text", "") + page_text(qtbot, panel.view)
    store = parts.store
    open_keyed = [(k, i) for k, i in store.incidents.items() if i.is_open]
    open_incidents = [i for _, i in open_keyed]
    seen["map drill-down"] = "\n".join(
        drill_down_texts(panel, [k for k, _ in open_keyed], list(store.units))
        for panel in maps_of(parts)
    )
    seen["log"] = caplog.text

    # the gathering really reached the data: areas, incident ids, log lines
    kelurahan = {i.location.kelurahan for i in open_incidents}
    assert any(k in seen["map payload"] for k in kelurahan)
    assert all(i.id in seen["map payload"] for i in open_incidents)
    assert any(k in "".join(seen[f"screen {n}"] for n in range(3)) for k in kelurahan)
    assert all(k in seen["map drill-down"] for k in kelurahan)
    assert "GET /api/v1/incidents?since=" in seen["log"]  # DEBUG lines of the data path

    for what, values in secrets.items():
        for where, text in seen.items():
            leaked = sorted(v for v in values if v in text)
            assert not leaked, f"{what} in the {where}: {leaked[:3]}"

    # no exact place either: every incident is drawn at its grid cell's centre
    for panel in maps_of(parts):
        positions = drawn(qtbot, panel.view)["incidents"]
        for key, incident in open_keyed:
            exact = (incident.location.lat, incident.location.lon)
            assert tuple(positions[key.text]) == pytest.approx(snap(*exact, 500), abs=1e-6)
            assert f"{exact[0]}, {exact[1]}" not in seen["map payload"].replace('"lon": ', "")


# -- a redacted screen beside a plain one ------------------------------------------------


def test_a_redacted_screen_beside_a_plain_one_leaves_the_plain_one_complete(
    qtbot, sim, build_wall, monkeypatch
):
    sent = SentToPages(monkeypatch)
    # two screens with the very same layout: only their ``redact`` tells them apart
    grid = (("map", "incidents"),)
    screens = (ScreenSettings(grid=grid, redact=True), ScreenSettings(grid=grid))
    parts = build_wall(sim, with_wall(screens=screens, redact_grid_metres=300), screen_count=2)
    poll_all(parts)
    wait_all_drawn(qtbot, parts)
    public, plain = (maps_of(parts)[0].view, maps_of(parts)[1].view)
    assert parts.wall.windows[0].isAncestorOf(public)

    open_keyed = [(k, i) for k, i in parts.store.incidents.items() if i.is_open]
    open_incidents = [i for _, i in open_keyed]
    public_at, plain_at = drawn(qtbot, public)["incidents"], drawn(qtbot, plain)["incidents"]
    for key, incident in open_keyed:
        exact = (incident.location.lat, incident.location.lon)
        assert tuple(plain_at[key.text]) == pytest.approx(exact, abs=1e-9)
        assert tuple(public_at[key.text]) == pytest.approx(snap(*exact, 300), abs=1e-6)
    described = [i.description for i in open_incidents if i.description]
    assert described and all(d in sent.of(plain) for d in described)  # map tooltips
    assert not any(d in sent.of(public) for d in described)
    # and a click on a marker opens the full report on the plain screen only
    ids = [k for k, i in open_keyed if i.description]
    public_panel, plain_panel = maps_of(parts)
    assert all(d[:40] in drill_down_texts(plain_panel, ids, ()) for d in described)
    assert not any(d[:40] in drill_down_texts(public_panel, ids, ()) for d in described)
