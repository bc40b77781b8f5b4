"""The takeover on the whole wall (assemble_wall) fed by the real simulator over HTTP: a
new P1 takes over every screen and flies the map to it, the P1s open at start never
do; it ends after its time, and on the wall's acknowledge key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from record_support import by_id
from test_wall_live import LOAD_MS, SIM_START, live_wall  # noqa: F401  (a fixture)

from maps.map_panel import MapPanel
from wallboard.config import Settings
from wallboard.model import Priority
from wallboard.simulator import start_simulator


@pytest.fixture
def sim():
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as server:
        yield server


def until_new_p1(sim, live, hub, limit_minutes: int = 360) -> list[str]:
    """Simulated minutes pass, polled each minute, until something takes over."""
    for _ in range(limit_minutes):
        sim.advance(timedelta(minutes=1))
        live.clock.advance(1)  # the takeover's own time hardly moves meanwhile
        live.poll_all()
        if hub.takeovers.active:
            return [t.key.id for t in hub.takeovers.active]
    raise AssertionError(f"no new P1 in {limit_minutes} simulated minutes")


def test_a_new_p1_takes_over_every_screen_and_the_map_those_open_at_start_do_not(
    qtbot,
    sim,
    live_wall,  # noqa: F811  (the fixture imported above)
):
    live = live_wall(sim.url, screen_count=2)
    live.poll_all()
    store, hub = live.parts.store, live.parts.takeover
    open_at_start = {i.id for i in store.incidents.values() if i.is_open and i.priority == 1}
    assert open_at_start, "the simulated city at 10:00 should have P1 incidents open"
    windows = live.parts.wall.windows
    assert hub.takeovers.active == ()
    assert all(w.overlay.isHidden() for w in windows)

    (new,) = until_new_p1(sim, live, hub)
    # the chime was wanted once (played if this machine has an audio device, else skipped:
    # tests/test_chime.py covers both); either way the wall went on
    assert hub.chime.asked == 1 and hub.chime.plays <= 1
    incident = by_id(store.incidents)[new]
    assert incident.priority is Priority.CRITICAL and new not in open_at_start
    for window in windows:  # every screen, one banner each, naming the incident
        banner = window.overlay
        assert banner.isVisible() and banner.shown_ids() == [new]
        assert banner.rows[0].headline.text().startswith("P1 Critical · ")
        assert banner.geometry().top() == window.pages.geometry().top()
    (panel,) = live.panels(MapPanel)
    assert panel.takeover_key is not None and panel.takeover_key.id == new
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.is_ready, timeout=LOAD_MS)
    where: list = []

    def ringed() -> bool:
        panel.view.focused_point(lambda point: where.append(point))
        return bool(where) and where[-1] is not None

    qtbot.waitUntil(ringed, timeout=5000)
    assert where[-1] == pytest.approx([incident.location.lat, incident.location.lon])

    # the wall's acknowledge key ends it on this wall, and the map goes back
    qtbot.keyClick(windows[0], Qt.Key.Key_Space)
    assert hub.takeovers.active == () and hub.takeovers.acknowledged == 1
    assert all(w.overlay.isHidden() for w in windows)
    assert panel.takeover_key is None
    after: list = []
    panel.view.focused_point(after.append)  # page calls answer in order: after the unfocus
    qtbot.waitUntil(lambda: bool(after), timeout=5000)
    assert after == [None]


def test_a_takeover_ends_by_itself_after_its_time(qtbot, sim, live_wall):  # noqa: F811
    live = live_wall(sim.url, screen_count=1)
    live.poll_all()
    hub = live.parts.takeover
    until_new_p1(sim, live, hub)
    (window,) = live.parts.wall.windows
    assert window.overlay.isVisible()
    live.clock.advance(hub.takeovers.rule.seconds)  # the wall's own ticker ends it
    qtbot.waitUntil(lambda: window.overlay.isHidden(), timeout=3000)
    assert hub.takeovers.active == () and hub.takeovers.acknowledged == 0


def test_settings_choose_the_takeover_and_mute_the_chime():
    from wallboard.config import settings_from_dict
    from wallboard.shell.takeover_hub import takeover_rule

    settings = settings_from_dict(
        {"takeover": {"priorities": [1, 2], "categories": ["fire"], "seconds": 45},
         "wall": {"sound": False}},
        source="t.toml",
    )  # fmt: skip
    rule = takeover_rule(settings)
    assert rule.priorities == {Priority.CRITICAL, Priority.HIGH} and rule.seconds == 45
    assert settings.wall.sound is False
    assert takeover_rule(Settings()).priorities == {Priority.CRITICAL}
