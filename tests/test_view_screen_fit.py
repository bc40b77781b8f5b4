"""Every default screen fits a 1920x1080 monitor, and each panel keeps a useful size.

Real panels on a hand-made store (12 agencies, 20 open incidents, six sources), in both
languages and both themes: a window larger than its screen cuts the wall off, and a
panel squeezed below its minimum paints its figures over each other.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QApplication
from test_view_agency import T0, FakeClock, agency, incident, unit

from views.agency_panel import AgencyPanel
from views.incident_panel import WANTED_ROWS, IncidentPanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import AgencyList, IncidentPage, UnitList
from wallboard.layout import default_plans
from wallboard.model import AgencyKind, UnitStatus
from wallboard.shell.panel_kit import PanelKit
from wallboard.shell.translations import install_language
from wallboard.store import Store

SCREEN = (1920, 1080)
AGENCIES = 12
KINDS = list(AgencyKind)
NAMES = ["POLRESTA", "DAMKAR", "PSC 119", "BPBD", "BASARNAS", "PDAM", "PLN", "DISHUB"]
NAMES += ["SATPOL PP", "RELAWAN", "TAGANA", "PMI"]


def _store(clock: FakeClock) -> Store:
    store = Store(wall_clock=clock)
    agencies = [agency(f"a{i}", NAMES[i], KINDS[i % len(KINDS)]) for i in range(AGENCIES)]
    statuses = list(UnitStatus)
    units = [unit(f"u{i}", f"a{i % AGENCIES}", statuses[i % len(statuses)]) for i in range(60)]
    incidents = [incident(f"i{i}", (f"a{i % AGENCIES}",)) for i in range(20)]
    store.apply("samarinda", FeedKind.AGENCIES, AgencyList(items=agencies))
    store.apply("samarinda", FeedKind.UNITS, UnitList(items=units))
    store.apply(
        "samarinda", FeedKind.INCIDENTS, IncidentPage(items=incidents, cursor="1", full=True)
    )
    # every source the wall knows, one of them failing with a long error: the header's
    # chips and status line at their widest
    for kind in FeedKind:
        store.record_success(f"samarinda/{kind.value}", T0 - timedelta(seconds=3), T0)
    store.record_failure(
        f"samarinda/{FeedKind.QUEUE.value}", T0, "connection refused by 127.0.0.1:8112 " * 4
    )
    return store


@pytest.fixture(params=["en", "id"])
def language(request):
    app = QApplication.instance()
    old = QLocale()
    translator = install_language(app, request.param)
    yield request.param
    if translator is not None:
        app.removeTranslator(translator)
    QLocale.setDefault(old)


@pytest.fixture
def build(qtbot):
    windows = []

    def make(plan, kit: PanelKit):
        window = kit.screen(plan)
        apply_theme(window, kit.theme)
        window.resize(*SCREEN)
        window.show()
        windows.append(window)
        qtbot.waitUntil(lambda: window.isVisible() and window.width() > 0)
        QCoreApplication.processEvents()
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _kit(language: str, theme: str) -> PanelKit:
    clock = FakeClock(T0)
    store = _store(clock)
    return PanelKit(
        store=store,
        zone=ZoneInfo("Asia/Makassar"),
        region_name="Kota Samarinda",
        theme=load_theme(theme),
        language=language,
        intervals={},
    )


def _describe(window) -> str:
    parts = [f"window {window.width()}x{window.height()}"]
    for panel in window.visible_panels():
        minimum = panel.minimumSizeHint()
        parts.append(
            f"{type(panel).__name__} {panel.width()}x{panel.height()}"
            f" (min {minimum.width()}x{minimum.height()})"
        )
    return "; ".join(parts)


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("screens", [1, 2, 3, 4])
def test_every_default_screen_fits_1080p_and_no_panel_is_squeezed(build, language, theme, screens):
    kit = _kit(language, theme)
    for plan in default_plans(screens):
        window = build(plan, kit)
        what = _describe(window)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= SCREEN[0] and minimum.height() <= SCREEN[1], what
        assert (window.width(), window.height()) == SCREEN, what
        for panel in window.visible_panels():
            assert panel.height() >= panel.minimumSizeHint().height(), what
            assert panel.width() >= panel.minimumSizeHint().width(), what
            if isinstance(panel, IncidentPanel):
                assert panel.table.rows_shown() >= 2, what
            if isinstance(panel, AgencyPanel):
                assert panel.rows_shown() >= 8, what


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize(("screens", "screen"), [(3, 2), (2, 1)])
def test_agencies_and_incidents_share_one_screen_with_a_useful_list(
    build, language, theme, screens, screen
):
    """The agencies-over-incidents screen: all twelve agencies and eight incident rows."""
    kit = _kit(language, theme)
    window = build(default_plans(screens)[screen], kit)
    agencies, incidents = [
        p for p in window.visible_panels() if isinstance(p, AgencyPanel | IncidentPanel)
    ]
    assert isinstance(agencies, AgencyPanel) and isinstance(incidents, IncidentPanel)
    assert agencies.rows_shown() == AGENCIES, _describe(window)
    assert incidents.table.rows_shown() >= WANTED_ROWS, _describe(window)
    # nothing hidden, so the title says nothing is
    assert "+" not in agencies.header.captions[0].text()


def test_agencies_that_do_not_fit_are_counted_in_the_title(qtbot, build, language):
    kit = _kit(language, "dark")
    window = build(default_plans(3)[2], kit)
    agencies = window.visible_panels()[0]
    agencies.setFixedHeight(agencies.minimumSizeHint().height())
    qtbot.waitUntil(lambda: agencies.rows_shown() < AGENCIES)
    hidden = AGENCIES - agencies.rows_shown()
    qtbot.waitUntil(lambda: f"▼ +{hidden}" in agencies.header.captions[0].text())
