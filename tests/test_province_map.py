"""One map for the province: the page is built for every region that has reported (each
region's outline, the extent of all, the wall's name as the legend's title), again when a
region that was late reports, and it draws the incidents of every backend."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from maps.map_panel import MapPanel
from wallboard.feed.kinds import FeedKind
from wallboard.model import RecordKey
from wallboard.poller import BackendSpec, Poller
from wallboard.simulator import start_simulator
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
REGIONS = ("samarinda", "balikpapan", "paser")
LOAD_MS = 60_000


def poll(poller: Poller, backends) -> None:
    async def polls() -> None:
        for backend in backends:
            for kind in FeedKind:
                await poller.poll_once(backend, kind)

    asyncio.run(polls())


@pytest.fixture
def province(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    start = datetime(2026, 11, 28, 8, 0, tzinfo=WITA)
    sims = {
        name: start_simulator(seed=5 + n, scenario=name, start=start, manual_clock=True)
        for n, name in enumerate(REGIONS)
    }
    for sim in sims.values():
        sim.advance(timedelta(hours=2))
    store = Store()
    poller = Poller([BackendSpec(n, s.url, timeout=5.0) for n, s in sims.items()], store)
    poll(poller, ("samarinda", "paser"))  # Balikpapan is late
    panel = MapPanel(
        store,
        WITA,
        store.feed_now,
        fallback=QLabel,
        backends=REGIONS,
        region_name="Kalimantan Timur",
    )
    panel.resize(1600, 900)
    panel.show()
    yield store, poller, panel
    poller.close(wait=True)
    for sim in sims.values():
        sim.stop()
    panel.close()
    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settled_drawing(qtbot, view) -> dict:
    """What the page draws, once its changes have reached the screen."""
    seen: dict = {}

    def settled() -> bool:
        got: list[dict] = []
        view.drawn_ids(got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=10_000)
        seen.update(got[0])
        return bool(seen.get("settled"))

    qtbot.waitUntil(settled, timeout=LOAD_MS)
    return seen


def test_one_page_for_every_region_reported_and_again_for_a_late_one(qtbot, province):
    store, poller, panel = province
    # two of three regions known: the page waits for the others until the next tick
    assert panel.view is None
    panel.tick()
    first = panel.view
    assert first is not None
    with qtbot.waitSignal(first.map_ready, timeout=LOAD_MS):
        pass
    page = first.page_path.read_text(encoding="utf-8")
    assert "Kota Samarinda" in page and "Kabupaten Paser" in page
    assert "Kota Balikpapan" not in page
    assert "Kalimantan Timur" in page  # the legend's title: the wall's name
    # Balikpapan reports: one new page with its outline too, the old one gone
    poll(poller, ("balikpapan",))
    second = panel.view
    assert second is not first
    with qtbot.waitSignal(second.map_ready, timeout=LOAD_MS):
        pass
    page = second.page_path.read_text(encoding="utf-8")
    assert all(name in page for name in ("Kota Samarinda", "Kota Balikpapan", "Kabupaten Paser"))
    # the page fits all three; the regions are as their backends reported them
    assert [r.region for r in panel._built_for] == list(REGIONS)
    # incidents of every backend are drawn
    shown = {RecordKey.parse(t) for t in settled_drawing(qtbot, second)["incidents"]}
    assert shown <= set(store.incidents)
    for backend in REGIONS:
        assert shown & store.owned_by(backend, FeedKind.INCIDENTS), backend
    panel.tick()
    assert panel.view is second  # nothing changed: no new page
