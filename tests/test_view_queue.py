"""The queue panel: live waiting and longest wait, call-takers, today's calls and chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.queue_panel import QueuePanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import CallPage
from wallboard.kpi.series import calls_per_interval
from wallboard.model import (
    CallRecord,
    CallTaker,
    CallTakerState,
    Disposition,
    QueueSnapshot,
    WaitingCall,
)
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 28, 10, 0, 0, tzinfo=WITA)
SHOTS = Path("/tmp/panel-shots")


def call(
    cid: str,
    offered: datetime,
    *,
    answer_s: float | None = None,
    abandon_s: float | None = None,
    disposition: Disposition | None = None,
) -> CallRecord:
    answered = offered + timedelta(seconds=answer_s) if answer_s is not None else None
    abandoned = offered + timedelta(seconds=abandon_s) if abandon_s is not None else None
    return CallRecord(
        id=cid,
        version=1,
        region="samarinda",
        offered_at=offered,
        answered_at=answered,
        abandoned_at=abandoned,
        disposition=disposition,
    )


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return NOW.replace(hour=hh, minute=mm, second=ss)


CALLS = [
    call("y1", at(0, 0) - timedelta(seconds=1), answer_s=3),  # 23:59:59 yesterday (WITA)
    call("c1", at(0, 10), answer_s=8, disposition=Disposition.EMERGENCY),
    call("c2", at(0, 12), answer_s=5, disposition=Disposition.PRANK),
    call("c3", at(8, 5), answer_s=12, disposition=Disposition.SILENT),
    call("c4", at(9, 50), abandon_s=30),
    call("c5", at(9, 58), answer_s=4, disposition=Disposition.INFORMATION),
    call("c6", at(9, 59, 30)),  # still waiting
]


def queue(at_: datetime, waiting_since: list[datetime]) -> QueueSnapshot:
    states = [
        CallTakerState.READY,
        CallTakerState.READY,
        CallTakerState.TALKING,
        CallTakerState.WRAP_UP,
        CallTakerState.BREAK,
    ]
    return QueueSnapshot(
        region="samarinda",
        at=at_,
        waiting=tuple(WaitingCall(call_id=f"w{i}", since=s) for i, s in enumerate(waiting_since)),
        call_takers=tuple(
            CallTaker(id=f"t{i}", name=f"Operator {i}", state=s, since=at_)
            for i, s in enumerate(states)
        ),
    )


@pytest.fixture
def wall():
    clock = FakeClock(NOW.astimezone(UTC))
    store = Store(wall_clock=clock)
    store.apply("smd", FeedKind.CALLS, CallPage(items=CALLS, cursor="1", full=True))
    store.apply("smd", FeedKind.QUEUE, queue(NOW, [at(9, 59, 15), at(9, 59, 30)]))
    return clock, store


def make_panel(qtbot, store) -> QueuePanel:
    panel = QueuePanel(store, WITA, store.feed_now)
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    return panel


def test_waiting_now_and_longest_wait_ticks(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    assert panel.waiting.value.text() == "2"
    assert panel.longest_wait.value.text() == "▲ 0:45"
    clock.now += timedelta(seconds=1)
    panel.tick()
    assert panel.longest_wait.value.text() == "▲ 0:46"
    clock.now += timedelta(minutes=2)
    panel.tick()
    assert panel.longest_wait.value.text() == "▲ 2:46"
    store.apply("smd", FeedKind.QUEUE, queue(clock.now, []))
    assert panel.waiting.value.text() == "0"
    assert panel.longest_wait.value.text() == "0:00"


def test_a_wait_past_the_answer_target_is_marked(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    # NENA: 90 % answered in 15 s; the figure and its unit stay on one line
    assert panel.longest_wait.caption.text() == "Longest wait (target 15\u00a0s)"
    store.apply("smd", FeedKind.QUEUE, queue(clock.now, [clock.now - timedelta(seconds=15)]))
    assert panel.longest_wait.value.text() == "0:15"
    assert panel.longest_wait.value.property("alert") == "false"
    clock.now += timedelta(seconds=1)
    panel.tick()
    assert panel.longest_wait.value.text() == "▲ 0:16"
    assert panel.longest_wait.value.property("alert") == "true"


def test_a_wait_is_never_negative_under_clock_skew(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    store.apply("smd", FeedKind.QUEUE, queue(clock.now, [clock.now + timedelta(seconds=3)]))
    assert panel.longest_wait.value.text() == "0:00"


def test_call_takers_by_state(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    shown = {state.value: block.value.text() for state, block in panel.takers.items()}
    assert shown == {"ready": "2", "talking": "1", "wrap_up": "1", "break": "1", "offline": "0"}


def test_todays_calls_in_the_regions_day(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    # y1 was offered at 23:59:59 WITA yesterday (15:59:59 UTC, the same UTC date): not today
    assert panel.offered.value.text() == "6"
    assert panel.answered.value.text() == "4"
    assert panel.abandoned.value.text() == "1"
    shown = {d.value: b.value.text() for d, b in panel.dispositions.items()}
    assert shown == {
        "information": "1",
        "prank": "1",
        "silent": "1",
        "menu_drop": "0",
        "duplicate": "0",
        "test": "0",
    }
    assert panel.non_emergency_total.value.text() == "3"


def test_new_calls_update_today(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    store.apply(
        "smd",
        FeedKind.CALLS,
        CallPage(
            items=[call("c7", at(9, 59, 50), answer_s=2, disposition=Disposition.MENU_DROP)],
            cursor="2",
            full=False,
        ),
    )
    assert panel.offered.value.text() == "7"
    assert panel.dispositions[Disposition.MENU_DROP].value.text() == "1"


def test_chart_shows_calls_per_15_minutes_up_to_now(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    counts = panel.chart.counts()
    assert len(counts) == 40  # 00:00 to 10:00 WITA: the interval starting 10:00 is empty
    start = at(0, 0)
    assert counts == calls_per_interval(store.calls.values(), start, at(10, 0))
    assert counts[0] == 2 and counts[32] == 1 and counts[39] == 3 and sum(counts) == 6
    clock.now += timedelta(minutes=1)
    panel.tick()  # the day has not changed: the chart is redrawn only by new calls
    store.apply(
        "smd",
        FeedKind.CALLS,
        CallPage(items=[call("c8", at(10, 0, 30), answer_s=2)], cursor="3", full=False),
    )
    assert len(panel.chart.counts()) == 41
    assert panel.chart.counts()[40] == 1


def test_a_new_local_day_starts_from_zero(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    clock.now = datetime(2026, 11, 29, 0, 0, 1, tzinfo=WITA).astimezone(UTC)
    panel.tick()
    assert panel.offered.value.text() == "0"
    assert panel.chart.counts() == [0]


def test_stale_queue_marks_the_panel_and_keeps_the_last_data(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    store.record_success("smd/queue", clock.now, None)
    store.record_success("smd/calls", clock.now, None)
    assert not panel.is_marked_stale
    clock.now += timedelta(minutes=2)
    store.record_success("smd/calls", clock.now, None)
    store.record_failure("smd/queue", clock.now, "connection refused")
    assert panel.is_marked_stale
    assert panel.banner.text() == "⚠ DATA NOT CURRENT — Queue: last success 10:00:00 (2 min ago)"
    assert panel.waiting.value.text() == "2"
    store.record_success("smd/queue", clock.now, None)
    assert not panel.is_marked_stale


def test_screenshot(qtbot, wall):
    clock, store = wall
    busy = [
        call(
            f"b{i}",
            at(0, 0) + timedelta(minutes=7 * i + (i % 5)),
            answer_s=6,
            disposition=list(Disposition)[i % 7],
        )
        for i in range(85)
    ]
    store.apply("smd", FeedKind.CALLS, CallPage(items=busy, cursor="9", full=False))
    panel = make_panel(qtbot, store)
    panel.resize(960, 1000)
    panel.show()
    qtbot.waitExposed(panel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "queue.png"))
    clock.now += timedelta(minutes=1)
    store.record_failure("smd/queue", clock.now, "timed out")
    panel.tick()
    assert panel.grab().save(str(SHOTS / "queue-stale.png"))
