"""The first window: counts from the real simulator, through the poller and the store."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from views.counts_window import CountsWindow
from wallboard.feed.kinds import FeedKind
from wallboard.model import UnitStatus
from wallboard.poller import BackendSpec, Poller
from wallboard.simulator import start_simulator
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def sim():
    with start_simulator(seed=11, manual_clock=True, start="2026-11-27T10:00:00+08:00") as server:
        yield server


def poll_everything(poller: Poller) -> None:
    async def polls() -> None:
        for kind in FeedKind:
            await poller.poll_once("smd", kind)

    asyncio.run(polls())


def test_window_shows_what_the_backend_holds_and_follows_it(qtbot, sim):
    store = Store()
    poller = Poller([BackendSpec(name="smd", url=sim.url)], store)
    window = CountsWindow(store, "Samarinda", WITA)
    qtbot.addWidget(window)
    try:
        poll_everything(poller)
        open_now = sum(1 for i in store.incidents.values() if i.is_open)
        assert open_now > 0
        assert window.values["open_incidents"].text() == str(open_now)
        busy = sum(
            1
            for u in store.units.values()
            if u.status not in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE)
        )
        assert window.values["units_busy"].text() == f"{busy} / {len(store.units)}"
        calls_before = int(window.values["calls_today"].text())
        assert calls_before > 0

        sim.advance(timedelta(minutes=20))
        poll_everything(poller)
        assert int(window.values["calls_today"].text()) >= calls_before
        assert "smd/incidents" in window.freshness.text()
    finally:
        poller.close()
