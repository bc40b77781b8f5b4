"""No panel makes its window wider or taller than its screen, and none shows half a text,
whatever the figures: every panel in a third of a 1920 x 1080 screen and of a 1280 x 720
one, with a national day's figures (5-digit counts, services missing their targets, so
the longest verdicts) in both languages.

A panel's minimum width is the sum of what it puts side by side: with wider figures
(screen 5 of the two-PC wall, when the simulator's day got busier) the summary pushed its
window to 1965 px and the screen lost its right edge. Real panels on a hand-made store
(the agencies, units and incidents of test_view_screen_fit, plus calls, incidents of
the day, the queue, hazard alerts and a second region for the comparison).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from records import alert, call, incident, queue
from test_view_screen_fit import T0, FakeClock, _describe, _store, build, language

from views.kpi_table import KpiTable
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind, HazardKind
from wallboard.feed.pages import CallPage, IncidentPage
from wallboard.layout import Page, ScreenPlan
from wallboard.model import CallTakerState, IncidentCategory, IncidentStatus
from wallboard.model.alert import AlertList
from wallboard.shell.panel_kit import PanelKit

__all__ = ["build", "language"]  # fixtures, used by name

SHOTS = Path("/tmp/panel-shots")
BACKENDS = ("samarinda", "paser")
# a national day: 5-digit counts, and services that miss their targets (a longer verdict)
CALLS = 12_345
INCIDENTS = 10_123
PANELS = ("summary", "queue", "comparison", "units", "alerts", "incidents", "agencies")
# three panels side by side on a 1080p screen: every panel once in a third of it
THIRDS = [
    ("summary", "queue", "comparison"),
    ("units", "alerts", "incidents"),
    ("summary", "queue", "agencies"),
]
# The agencies panel's eleven columns (name, link, open incidents, six unit statuses,
# personnel, longest in status) need ~1250 px: in a third of a screen it still pushes
# its window wide. Known, not yet fixed: it needs a narrow form (fewer, summed columns).
_AGENCIES_IN_A_THIRD = pytest.mark.xfail(
    strict=True, reason="the agencies panel's columns need ~1250 px (not yet a narrow form)"
)


def _plan(screen, grid, *marks):
    name = "-".join(p for row in grid for p in row)
    return pytest.param(screen, grid, marks=marks, id=f"{screen[1]}p-{name}")


# and every panel on a 720p screen of its own (a desk's, a small wall's)
PLANS = [_plan((1920, 1080), (row,)) for row in THIRDS[:2]]
PLANS += [_plan((1920, 1080), (THIRDS[2],), _AGENCIES_IN_A_THIRD)]
PLANS += [_plan((1280, 720), ((p,),)) for p in PANELS]


def _busy_day(store, backend: str) -> None:
    """Today's calls (a third answered late) and incidents (most closed) of ``backend``."""
    start = T0.replace(hour=0, minute=1)
    step = (T0 - start).total_seconds() / CALLS
    calls = [
        call(
            f"{backend}-c{i}",
            region=backend,
            offered=start + timedelta(seconds=i * step),
            answer_s=40 if i % 3 == 0 else 6,
            talk_s=90,
        )
        for i in range(CALLS)
    ]
    categories = list(IncidentCategory)
    incidents = [
        incident(
            f"{backend}-i{i}",
            region=backend,
            at=start + timedelta(seconds=i * step),
            status=IncidentStatus.CLOSED,
            category=categories[i % len(categories)],
        )
        for i in range(INCIDENTS)
    ]
    store.apply(backend, FeedKind.CALLS, CallPage(items=calls, cursor="1", full=True))
    store.apply(backend, FeedKind.INCIDENTS, IncidentPage(items=incidents, cursor="1", full=False))
    waiting = [T0 - timedelta(seconds=s) for s in range(5, 400, 9)]
    states = [CallTakerState.TALKING] * 12 + [CallTakerState.READY] * 2
    store.apply(
        backend, FeedKind.QUEUE, queue(region=backend, waiting_since=waiting, states=states)
    )


def _kit(language: str) -> PanelKit:
    store = _store(FakeClock(T0))
    for backend in BACKENDS:
        _busy_day(store, backend)
    felt = "III Samarinda, II Balikpapan, II Tenggarong " * 3
    quake = alert("Q1", magnitude=5.4, area="Kutai Kartanegara", felt=felt)
    store.apply("bmkg", HazardKind.ALERTS, AlertList((quake,), left_off=3))
    return PanelKit(
        store=store,
        zone=ZoneInfo("Asia/Makassar"),
        region_name="Kabupaten Penajam Paser Utara",
        theme=load_theme("dark"),
        language=language,
        intervals={},
        backends=BACKENDS,
    )


@pytest.fixture(autouse=True)
def _themed_application():
    """The wall styles the whole application (theme_switch), not one window: so here."""
    app = QApplication.instance()
    palette = app.palette()
    apply_theme(app, load_theme("dark"))
    yield
    app.setStyleSheet("")
    app.setPalette(palette)


def _half_texts(window) -> list[str]:
    """Every label on show whose text does not fit it: a figure, a mark or a word cut."""
    cut = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        room = label.contentsRect()
        metrics = QFontMetrics(label.font())
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                cut.append(f"{label.text()!r} needs {needed} px high, has {label.height()}")
            continue
        lines = label.text().split("\n")
        wide = max(metrics.horizontalAdvance(line) for line in lines)
        high = metrics.height() * len(lines)
        if wide > room.width() + 1 or high > room.height() + 2:
            cut.append(f"{label.text()!r} needs {wide}x{high}, has {room.width()}x{room.height()}")
    return cut


def _kpis_shown(window) -> bool:
    tables = [t for t in window.findChildren(KpiTable) if t.isVisible()]
    return all(t.cell(t.row_keys()[0], 0).text() != "–" for t in tables)


@pytest.mark.parametrize(("screen", "grid"), PLANS)
def test_every_panel_fits_its_screen_and_shows_whole_texts(qtbot, build, language, screen, grid):
    window = build(ScreenPlan((Page(grid),)), _kit(language))
    window.resize(*screen)
    # the KPI tables fill off the GUI thread; their figures are the widest texts
    qtbot.waitUntil(lambda: _kpis_shown(window), timeout=20_000)
    window.layout().activate()
    what = _describe(window)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= screen[0] and minimum.height() <= screen[1], what
    qtbot.waitUntil(lambda: (window.width(), window.height()) == screen, timeout=3000)
    for panel in window.visible_panels():
        assert panel.width() >= panel.minimumSizeHint().width(), what
        assert panel.height() >= panel.minimumSizeHint().height(), what
    # the layout settles wrapped labels in a pass or two of the event loop
    try:
        qtbot.waitUntil(lambda: not _half_texts(window), timeout=3000)
    except qtbot.TimeoutError:
        pytest.fail(f"{_half_texts(window)} on {what}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = "-".join(p for row in grid for p in row)
    window.grab().save(str(SHOTS / f"fit-{screen[1]}p-{name}-{language}.png"))
