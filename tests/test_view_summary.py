"""The summary page as a visitor reads it: today's figures in the interface language's
numbers, the targets met or missed in words, the volunteers' part; and its caption."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from test_orientation_summary import AGENCIES, CALLS, INCIDENTS, NOW, UNITS, WITA, call
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.captions import caption_for
from views.summary_panel import SummaryPanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import AgencyList, CallPage, IncidentPage, UnitList
from wallboard.store import Store

SHOTS = Path("/tmp/panel-shots")


@pytest.fixture
def store():
    clock = FakeClock(NOW)
    store = Store(wall_clock=clock)
    store.apply("smd", FeedKind.AGENCIES, AgencyList(items=list(AGENCIES.values())))
    store.apply("smd", FeedKind.UNITS, UnitList(items=UNITS))
    store.apply("smd", FeedKind.INCIDENTS, IncidentPage(items=INCIDENTS, cursor="1", full=True))
    store.apply("smd", FeedKind.CALLS, CallPage(items=CALLS, cursor="1", full=True))
    return store


def make_panel(qtbot, store) -> SummaryPanel:
    panel = SummaryPanel(store, WITA, lambda: NOW)
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    panel.resize(1900, 1000)
    panel.show()
    return panel


def test_todays_figures_and_the_targets_in_words(qtbot, store):
    panel = make_panel(qtbot, store)
    assert panel.offered.value.text() == "4"
    assert panel.answered.value.text() == "3"
    assert panel.service_level.caption.text() == "Answered within 15\u00a0s"
    assert panel.service_level.value.text() == "50.0%"
    assert panel.service_level.verdict.text() == "✖ below the target of 90%"
    assert panel.service_level.verdict.property("level") == "stale"
    assert panel.dispatch.caption.text() == "Dispatched within 60\u00a0s"
    assert panel.incidents.value.text() == "4"
    assert panel.open.value.text() == "3"
    assert panel.units.value.text() == "2 of 5"
    assert [c.text() for c in panel.categories[:3]] == ["Flood 2", "Fire 1", "Medical 1"]
    assert panel.volunteer_units.value.text() == "3"
    assert panel.volunteer_busy.value.text() == "1"
    assert panel.volunteer_incidents.value.text() == "2 (50%)"
    SHOTS.mkdir(exist_ok=True)
    panel.grab().save(str(SHOTS / "summary.png"))


def test_numbers_follow_the_indonesian_locale(qtbot, store):
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    panel = make_panel(qtbot, store)
    assert panel.service_level.value.text() == "50,0%"
    many = [call(f"x{n}", NOW - timedelta(hours=1), 3) for n in range(1200)]
    store.apply("smd", FeedKind.CALLS, CallPage(items=many, cursor="2", full=False))
    panel.tick()  # changes are shown on the next tick, not on every page of a poll
    assert panel.offered.value.text() == "1.204"


def test_a_caption_in_orientation_mode_and_the_tours_highlight(qtbot, store):
    panel = make_panel(qtbot, store)
    assert panel.caption.isHidden()  # not in orientation mode
    panel.show_caption(caption_for("summary"), load_theme("dark"))
    assert panel.caption.isVisible() and "volunteer" in panel.caption.text()
    normal = panel.caption.sizeHint().height()
    panel.set_tour_focus(True)
    assert panel.has_tour_focus and panel.caption.property("tour") == "focus"
    assert panel.caption.sizeHint().height() > normal  # a larger caption while in focus
    panel.set_tour_focus(False)
    assert not panel.has_tour_focus


def test_a_summary_sharing_a_screen_goes_compact_rather_than_overlap(qtbot, store):
    panel = make_panel(qtbot, store)
    assert not panel.compact and panel.headings[0].isVisible()
    panel.resize(950, 480)
    qtbot.waitUntil(lambda: panel.compact)
    assert not panel.headings[0].isVisible() and not panel.categories[0].isVisible()
    assert panel.offered.value.property("role") == "agency"
    # every figure is drawn whole, inside the panel, under the one above it
    tops = [f.mapTo(panel, f.value.geometry().topLeft()).y() for f in panel.figures[::4]]
    assert tops == sorted(tops)
    assert all(f.value.height() >= f.value.sizeHint().height() for f in panel.figures)
    assert panel.volunteer_units.geometry().bottom() < panel.height()
    panel.grab().save(str(SHOTS / "summary-compact.png"))
