"""The header: region, local time in WITA, and each source's freshness in words and colour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.header_panel import HeaderPanel
from views.theme import apply_theme, load_theme
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
SHOTS = Path("/tmp/panel-shots")


@pytest.fixture
def wall():
    # 02:41:03 UTC is 10:41:03 WITA
    clock = FakeClock(datetime(2026, 11, 28, 2, 41, 3, tzinfo=UTC))
    store = Store(wall_clock=clock)
    return clock, store


def make_header(qtbot, store: Store) -> HeaderPanel:
    panel = HeaderPanel(store, WITA, store.feed_now, region_name="Samarinda")
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    return panel


def test_shows_region_and_local_time_in_wita(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    assert panel.region.text() == "Samarinda"
    assert panel.time.text() == "10:41:03 WITA"
    assert "28 November 2026" in panel.date.text()
    clock.now += timedelta(seconds=2)
    panel.tick()
    assert panel.time.text() == "10:41:05 WITA"


def test_local_date_is_the_regions_not_utcs(qtbot, wall):
    clock, store = wall
    clock.now = datetime(2026, 11, 28, 16, 0, 0, tzinfo=UTC)  # 00:00 on the 29th in WITA
    panel = make_header(qtbot, store)
    assert "29 November 2026" in panel.date.text()
    assert panel.time.text() == "00:00:00 WITA"


def test_freshness_goes_late_then_stale_with_words_and_level(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    assert "Waiting for the first data" in panel.status.text()
    store.record_attempt("samarinda/incidents", clock.now)
    store.record_success("samarinda/incidents", clock.now, None)
    assert panel.chip_text("samarinda/incidents") == "Incidents ✔ 0 s"
    assert panel.chip_level("samarinda/incidents") == "fresh"
    assert panel.status.text() == "✔ All data current"

    clock.now += timedelta(seconds=12)  # incidents poll every 2 s: late after 10 s
    store.record_failure("samarinda/incidents", clock.now, "connection refused")
    assert panel.chip_level("samarinda/incidents") == "late"
    assert panel.chip_text("samarinda/incidents") == "Incidents ▲ 12 s"
    # why, on a line of its own: never cut off at the end of a long status
    assert panel.status_text() == (
        "Incidents: ▲ DATA LATE 12 s — last success 10:41:03\nerror: connection refused"
    )
    assert not panel.error.isHidden()

    clock.now += timedelta(seconds=108)  # two minutes without success: stale
    panel.tick()
    assert panel.chip_level("samarinda/incidents") == "stale"
    assert panel.chip_text("samarinda/incidents") == "Incidents ✖ 2 min"
    assert panel.status.text().startswith("Incidents: ✖ DATA STALE 2 min — last success 10:41:03")

    store.record_success("samarinda/incidents", clock.now, None)
    assert panel.chip_level("samarinda/incidents") == "fresh"
    assert panel.status_text() == "✔ All data current"
    assert panel.error.isHidden()


def test_a_source_that_never_answered_says_so(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    store.record_attempt("samarinda/queue", clock.now)
    assert panel.chip_text("samarinda/queue") == "Queue … waiting"
    store.record_failure("samarinda/queue", clock.now, "timed out")
    assert panel.chip_text("samarinda/queue") == "Queue ✖ no data"
    assert panel.chip_level("samarinda/queue") == "never"
    assert "NO DATA" in panel.status.text()


def test_backend_error_text_is_plain_and_shortened(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    store.record_success("samarinda/units", clock.now, None)
    clock.now += timedelta(seconds=40)
    store.record_failure("samarinda/units", clock.now, "<b>bad</b> " + "x" * 300)
    text = panel.error.text()
    assert "<b>bad</b>" in text  # shown as typed, never interpreted
    assert text.endswith("…")
    assert len(text) < 120


def test_several_backends_are_named(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    store.record_success("samarinda/queue", clock.now, None)
    store.record_success("paser/queue", clock.now, None)
    assert panel.chip_text("paser/queue") == "paser: Queue ✔ 0 s"


def test_a_hazard_feed_is_named_in_words_not_by_its_key(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    store.record_success("samarinda/queue", clock.now, None)
    store.record_success("bmkg/alerts", clock.now, None)
    assert panel.chip_text("bmkg/alerts") == "bmkg: Hazard alerts ✔ 0 s"


def test_screenshot(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    for kind in ("incidents", "calls", "units", "agencies", "queue", "info"):
        store.record_success(f"samarinda/{kind}", clock.now - timedelta(seconds=1), None)
    clock.now += timedelta(seconds=15)
    for kind in ("incidents", "calls", "queue", "info"):
        store.record_success(f"samarinda/{kind}", clock.now, None)
    store.record_failure("samarinda/units", clock.now, "HTTP 503 from backend")
    clock.now += timedelta(seconds=20)
    for kind in ("incidents", "calls", "queue", "info", "agencies"):
        store.record_success(f"samarinda/{kind}", clock.now, None)
    panel.tick()
    panel.resize(1920, 200)
    panel.show()
    qtbot.waitExposed(panel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "header.png"))
    assert panel.chip_level("samarinda/units") == "stale"


def test_a_refused_connection_reads_short_with_the_host_not_the_whole_url(qtbot, wall):
    clock, store = wall
    panel = make_header(qtbot, store)
    store.record_success("paser/calls", clock.now, None)
    clock.now += timedelta(seconds=40)
    store.record_failure(
        "paser/calls",
        clock.now,
        "paser/calls: connection refused by http://127.0.0.1:8203/api/v1/calls?since=7316",
    )
    text = panel.status_text()
    assert text.endswith("\nerror: connection refused by 127.0.0.1:8203")
    assert "/api/v1" not in text


@pytest.mark.parametrize("width", [1920, 1280])
def test_when_every_source_fails_the_reason_has_a_line_of_its_own(qtbot, wall, width):
    """The reason stood at the end of a long status line and was cut off with it."""
    clock, store = wall
    panel = make_header(qtbot, store)
    kinds = ("incidents", "calls", "units", "agencies", "queue", "info")
    for kind in kinds:
        store.record_success(f"samarinda/{kind}", clock.now, None)
    clock.now += timedelta(minutes=3)
    for kind in kinds:
        url = f"http://127.0.0.1:8112/api/v1/{kind}?since=7316"
        store.record_failure(f"samarinda/{kind}", clock.now, f"connection refused by {url}")
    panel.resize(width, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.tick()
    status, reason = panel.status_text().split("\n")
    assert status.startswith("Agencies: ✖ DATA STALE 3 min") and "more sources" in status
    assert reason == "error: connection refused by 127.0.0.1:8112"
    error = panel.error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))
    assert error.isVisible() and panel.minimumSizeHint().width() <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / f"header-every-source-down-{width}.png"))
