"""The header says what a source's data quality is, and when a backend's clock is off.

Built from a real store fed by the real decoder: a calls page with repairable and
unusable records, the way a PBX a few seconds off the CAD and a faulty export send it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest
from PySide6.QtCore import QLocale

from views.header_panel import HeaderPanel
from views.theme import apply_theme, load_theme
from wallboard.feed.decode import decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.shell.translations import install_language
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
SHOTS = Path("/tmp/panel-shots")
NOW = datetime(2026, 11, 28, 2, 41, 3, tzinfo=UTC)  # 10:41:03 WITA
KINDS = ("incidents", "calls", "units", "agencies", "queue", "info")


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def call(cid: str, offered: datetime, **steps: datetime) -> dict:
    record = {"id": cid, "version": 1, "region": "samarinda", "offered_at": offered.isoformat()}
    record.update({k: v.isoformat() for k, v in steps.items()})
    return record


def calls_page(now: datetime) -> bytes:
    o = now - timedelta(minutes=20)
    s = timedelta(seconds=1)
    items = [
        call("ok", o, answered_at=o + 6 * s, ended_at=o + 90 * s),
        call("skew", o, answered_at=o - 3 * s, ended_at=o + 60 * s),  # PBX 3 s ahead
        call("skew2", o, abandoned_at=o - 2 * s),
        call("both", o, answered_at=o + 9 * s, abandoned_at=o + 12 * s),
        call("end", o, answered_at=o + 9 * s, ended_at=o + 5 * s),
        call("way-off", o, answered_at=o - 3600 * s),  # an hour early: unusable
        {"id": "naive", "version": 1, "region": "samarinda", "offered_at": "2026-11-28T10:00:00"},
        call("future", now + timedelta(days=400)),
    ]
    return msgspec.json.encode({"items": items, "cursor": "1", "full": True})


@pytest.fixture(autouse=True)
def _english_locale():
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(old)


@pytest.fixture
def wall():
    clock = FakeClock(NOW)
    return clock, Store(wall_clock=clock)


def header(qtbot, store: Store) -> HeaderPanel:
    panel = HeaderPanel(store, WITA, store.feed_now, region_name="Kota Samarinda")
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    return panel


def feed_calls(store: Store, backend: str, now: datetime, skew_s: float = 0.0) -> None:
    """One poll of ``backend``'s calls as the poller does it: decode, apply, count."""
    key = f"{backend}/calls"
    decoded = decode_body(FeedKind.CALLS, calls_page(now), source=key, feed_now=now)
    store.apply(backend, FeedKind.CALLS, decoded)
    store.record_quality(key, decoded, now)
    store.record_success(key, now, now + timedelta(seconds=skew_s))


def test_a_clean_source_says_nothing_more(qtbot, wall):
    clock, store = wall
    panel = header(qtbot, store)
    store.record_success("samarinda/calls", clock.now, clock.now + timedelta(seconds=2))
    assert panel.chip_text("samarinda/calls") == "Calls ✔ 0 s"
    assert panel.status.text() == "✔ All data current"  # 2 s off: not worth a word
    assert panel.chip_tooltip("samarinda/calls") == ""


def test_repaired_and_dropped_records_show_on_the_chip_with_reasons_in_the_tooltip(qtbot, wall):
    clock, store = wall
    panel = header(qtbot, store)
    feed_calls(store, "samarinda", clock.now)
    feed_calls(store, "samarinda", clock.now)  # the same full page again: counted once
    assert panel.chip_text("samarinda/calls") == "Calls ✔ 0 s\n4 repaired · 3 dropped"
    assert panel.status.text() == "✔ All data current"
    tip = panel.chip_tooltip("samarinda/calls").splitlines()
    assert tip == [
        "Repaired today (kept, the KPI rule applied):",
        "  1 × both answered and abandoned: counted as answered",
        "  1 × ended before the answer (clock skew): talk time 0 s",
        "  2 × answered or abandoned before the offer (clock skew): counted as 0 s",
        "Dropped today (unusable, left out):",
        "  1 × a step more than 10 min before the one it follows",
        "  1 × a time in the future",
        "  1 × a required field missing or of the wrong type",
    ]
    # tomorrow (local day) the counts start again
    clock.now += timedelta(days=1)
    store.record_success("samarinda/calls", clock.now, None)
    assert panel.chip_text("samarinda/calls") == "Calls ✔ 0 s"


def test_a_clock_off_by_more_than_five_seconds_is_named(qtbot, wall):
    clock, store = wall
    panel = header(qtbot, store)
    store.record_success("samarinda/calls", clock.now, clock.now + timedelta(seconds=7))
    # one source: its chip says so; a backend's region info chip when it has one
    assert panel.chip_text("samarinda/calls") == "Calls ✔ 0 s\nfeed clock +7 s"
    assert "The backend's clock is +7 s off ours" in panel.chip_tooltip("samarinda/calls")
    store.record_success("samarinda/info", clock.now, None)
    assert panel.chip_text("samarinda/calls") == "Calls ✔ 0 s"
    assert panel.chip_text("samarinda/info") == "Region info ✔ 0 s\nfeed clock +7 s"
    for _ in range(9):  # the estimate follows the backend's clock in a few polls
        store.record_success("samarinda/calls", clock.now, clock.now - timedelta(seconds=12))
    assert panel.chip_text("samarinda/info") == "Region info ✔ 0 s\nfeed clock −12 s"
    assert panel.status.text() == "✔ All data current"  # nothing is late


def test_a_province_names_the_backend_of_each_count_and_clock(qtbot, wall):
    clock, store = wall
    panel = header(qtbot, store)
    store.record_success("samarinda/queue", clock.now, clock.now)
    feed_calls(store, "paser", clock.now, skew_s=-9)
    assert panel.chip_text("paser/calls") == (
        "paser: Calls ✔ 0 s\n4 repaired · 3 dropped · feed clock −9 s"
    )
    assert panel.chip_text("samarinda/queue") == "samarinda: Queue ✔ 0 s"
    assert panel.status.text() == "✔ All data current"


def grab(qtbot, panel: HeaderPanel, name: str) -> None:
    panel.resize(1920, 110)
    panel.show()
    qtbot.waitExposed(panel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / name))


@pytest.mark.parametrize("language", ["en", "id"])
def test_screenshot_in_both_languages(qtbot, qapp, wall, language):
    clock, store = wall
    translator = install_language(qapp, language) if language == "id" else None
    try:
        panel = header(qtbot, store)
        for kind in KINDS:
            store.record_success(f"samarinda/{kind}", clock.now, clock.now + timedelta(seconds=7))
        feed_calls(store, "samarinda", clock.now, skew_s=7)
        panel.tick()
        if language == "id":
            assert panel.chip_text("samarinda/calls") == (
                "Panggilan ✔ 0 dtk\n4 diperbaiki · 3 dibuang"
            )
            assert panel.chip_text("samarinda/info") == "Info wilayah ✔ 0 dtk\njam server +7 dtk"
            assert "Diperbaiki hari ini" in panel.chip_tooltip("samarinda/calls")
        grab(qtbot, panel, f"header-quality-{language}.png")
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_a_wrong_time_zone_reads_in_hours_and_a_replay_says_nothing(qtbot, wall):
    clock, store = wall
    live = header(qtbot, store)
    replay = HeaderPanel(store, WITA, store.feed_now, note="▶ REPLAY ×1", show_clock=False)
    qtbot.addWidget(replay)
    for _ in range(9):
        store.record_success("samarinda/calls", clock.now, clock.now - timedelta(hours=8))
    assert live.chip_text("samarinda/calls") == "Calls ✔ 0 s\nfeed clock −8 h"
    assert replay.chip_text("samarinda/calls") == "Calls ✔ 0 s"
    assert replay.chip_tooltip("samarinda/calls") == ""
