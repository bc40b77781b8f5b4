"""Themes: both build, contrast holds for reading from 5 m, type is large enough."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import records
from PySide6.QtGui import QColor

from views.header_panel import HeaderPanel
from views.queue_panel import QueuePanel
from views.theme import THEMES, ThemeError, apply_theme, load_theme, substitute
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", THEMES)
def test_every_token_is_filled_in(name):
    theme = load_theme(name)
    assert "@" not in theme.stylesheet
    assert theme.name == name


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize(
    ("fg", "bg", "least"),
    [
        ("text", "background", 7.0),
        ("text", "surface", 7.0),
        ("muted", "background", 4.5),
        ("muted", "surface", 4.5),
        ("ok", "surface", 4.5),
        ("critical", "surface", 4.5),
        ("on_status", "late", 4.5),
        ("on_banner", "stale", 3.0),  # large bold text on the red banner: WCAG large-text
        ("on_banner", "banner", 4.5),
    ],
)
def test_contrast(name, fg, bg, least):
    theme = load_theme(name)
    assert contrast(theme.color(fg), theme.color(bg)) >= least


def test_unknown_token_is_named():
    with pytest.raises(ThemeError, match=r"base.qss: unknown token @nope"):
        substitute("QLabel { color: @nope; }", {"text": "#fff"}, "base.qss")


def test_unknown_theme_is_refused():
    with pytest.raises(ThemeError, match="unknown theme 'sepia'"):
        load_theme("sepia")


def test_type_is_large_enough_for_the_wall(qtbot):
    store = Store(wall_clock=lambda: datetime(2026, 11, 28, 2, 0, tzinfo=UTC))
    queue = QueuePanel(store, WITA, store.feed_now)
    header = HeaderPanel(store, WITA, store.feed_now, region_name="Samarinda")
    for w in (queue, header):
        qtbot.addWidget(w)
        apply_theme(w, load_theme("dark"))
        w.show()
        qtbot.waitExposed(w)
    assert queue.waiting.value.font().pixelSize() >= 48
    assert queue.offered.value.font().pixelSize() >= 48
    assert queue.offered.caption.font().pixelSize() >= 20
    assert queue.title.font().pixelSize() >= 20
    assert header.time.font().pixelSize() >= 48
    assert header.status.font().pixelSize() >= 20


@pytest.mark.parametrize("name", THEMES)
def test_whole_wall_screenshot(qtbot, name):
    """One 1920x1080 screen of every panel, to look at: /tmp/panel-shots/wall-<theme>.png."""
    from datetime import timedelta
    from pathlib import Path

    from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

    from views.agency_panel import AgencyPanel
    from views.incident_panel import IncidentPanel
    from wallboard.feed.kinds import FeedKind
    from wallboard.model import (
        AgencyKind,
        CallTaker,
        CallTakerState,
        Disposition,
        IncidentCategory,
        IncidentStatus,
        LinkStatus,
        Priority,
        UnitStatus,
        WaitingCall,
    )

    now = datetime(2026, 11, 28, 6, 30, tzinfo=UTC)  # 14:30 WITA
    store = Store(wall_clock=lambda: now)
    day = datetime(2026, 11, 28, 0, 0, tzinfo=WITA)
    store.apply(
        "smd",
        FeedKind.CALLS,
        records.call_page(
            *(
                records.call(
                    f"c{i}",
                    region="smd",
                    offered=day + timedelta(minutes=i * 3 + i % 7),
                    answer_s=9 if i % 9 else None,
                    abandon_s=None if i % 9 else 40,
                    disposition=list(Disposition)[i % 7],
                )
                for i in range(290)
            ),
            cursor="1",
        ),
    )
    store.apply(
        "smd",
        FeedKind.QUEUE,
        records.queue(
            now,
            region="smd",
            waiting=(WaitingCall(call_id="w1", since=now - timedelta(seconds=38)),),
            call_takers=tuple(
                CallTaker(id=f"t{i}", name="x", state=list(CallTakerState)[i % 5], since=now)
                for i in range(8)
            ),
        ),
    )
    kinds = [AgencyKind.POLICE, AgencyKind.FIRE, AgencyKind.MEDICAL, AgencyKind.DISASTER]
    store.apply(
        "smd",
        FeedKind.AGENCIES,
        records.agency_list(
            *(
                records.agency(
                    f"a{i}",
                    k,
                    short=["POLRESTA", "DAMKAR", "PSC 119", "BPBD"][i],
                    name=f"{k.value.title()} Samarinda",
                    region="smd",
                    link=[
                        LinkStatus.ONLINE,
                        LinkStatus.ONLINE,
                        LinkStatus.DEGRADED,
                        LinkStatus.OFFLINE,
                    ][i],
                    at=now,
                )
                for i, k in enumerate(kinds)
            )
        ),
    )
    store.apply(
        "smd",
        FeedKind.UNITS,
        records.unit_list(
            *(
                records.unit(
                    f"u{i}",
                    agency=f"a{i % 4}",
                    call_sign=f"U-{i:02d}",
                    status=list(UnitStatus)[i % 6],
                    at=now,
                )
                for i in range(40)
            )
        ),
    )
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        records.incident_page(
            *(
                records.incident(
                    f"i{i}",
                    at=now,
                    region="smd",
                    category=list(IncidentCategory)[i % 13],
                    priority=Priority(1 + i % 4),
                    status=list(IncidentStatus)[i % 4],
                    status_times={},
                    created_at=now - timedelta(seconds=50 + 131 * i),
                    location=records.location(
                        -0.5, 117.1, kecamatan="Sungai Pinang", kelurahan="Temindung Permai"
                    ),
                    agency_ids=(f"a{i % 4}",),
                )
                for i in range(30)
            ),
            cursor="1",
        ),
    )
    for kind in FeedKind:
        store.record_success(f"smd/{kind.value}", now, None)

    theme = load_theme(name)
    wall = QWidget()
    wall.setObjectName("ScreenWindow")
    grid = QGridLayout()
    grid.addWidget(QueuePanel(store, WITA, store.feed_now, theme=theme), 0, 0, 2, 1)
    grid.addWidget(IncidentPanel(store, WITA, store.feed_now, theme=theme), 0, 1)
    grid.addWidget(AgencyPanel(store, WITA, store.feed_now), 1, 1)
    grid.setColumnStretch(0, 2)
    grid.setColumnStretch(1, 3)
    outer = QVBoxLayout(wall)
    outer.addWidget(HeaderPanel(store, WITA, store.feed_now, region_name="Samarinda"))
    outer.addLayout(grid, 1)
    qtbot.addWidget(wall)
    apply_theme(wall, theme)
    wall.resize(1920, 1080)
    wall.show()
    qtbot.waitExposed(wall)
    image = wall.grab().toImage()
    shots = Path("/tmp/panel-shots")
    shots.mkdir(parents=True, exist_ok=True)
    assert image.save(str(shots / f"wall-{name}.png"))
    assert image.pixelColor(5, 5) == theme.color("background")
