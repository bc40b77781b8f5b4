"""A hung map renderer: noticed by its missing heartbeat, killed, and the map repainted.

A renderer is stopped for real (SIGSTOP on the QtWebEngineProcess that draws the page),
which is how a hung renderer looks from outside: no crash, no Qt signal, no heartbeat.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from pathlib import Path

import pytest
from record_support import keyed, keys, pairs
from test_map_payload import incident, unit
from test_map_view import LOAD_MS, wait_drawn

HANG_S = 3.0
RECOVERY_MS = 30_000  # the target: a hung renderer replaced and the map back within 30 s


@pytest.fixture
def stop_renderer():
    """SIGSTOP a renderer; whatever the test's outcome, no stopped process is left behind."""
    stopped: list[int] = []

    def stop(pid: int) -> None:
        assert pid > 0
        assert Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"/"), "no such process"
        os.kill(pid, signal.SIGSTOP)
        stopped.append(pid)

    yield stop
    for pid in stopped:
        with contextlib.suppress(ProcessLookupError):  # killed by the wall, as it should be
            os.kill(pid, signal.SIGKILL)


def _gone(pid: int) -> bool:
    """Whether ``pid`` has ended (gone, or a zombie waiting for its parent)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return status.rpartition(")")[2].split()[0] in ("Z", "X")


def test_a_stopped_renderer_is_killed_and_the_map_repaints(qtbot, make_view, stop_renderer, caplog):
    caplog.set_level(logging.INFO, logger="maps")
    view = make_view(hang_s=HANG_S)
    view.show_state(keyed([incident("A"), incident("B", -0.45, 117.1)]), keyed([unit("U1")]))
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    wait_drawn(qtbot, view, {"A": [-0.5, 117.15], "B": [-0.45, 117.1]}, {"U1": [-0.49, 117.14]})
    pid = view.page().renderProcessPid()
    assert b"QtWebEngineProcess" in Path(f"/proc/{pid}/cmdline").read_bytes()
    stop_renderer(pid)
    # the wall goes on receiving data while the page is hung: the repainted map shows it
    view.apply_changes(
        upserted_incidents=pairs([incident("C", -0.41, 117.21)]), removed_incidents=keys(["B"])
    )
    with (
        qtbot.waitSignal(view.renderer_crashed, timeout=RECOVERY_MS),
        qtbot.waitSignal(view.map_ready, timeout=RECOVERY_MS),
    ):
        pass
    qtbot.waitUntil(lambda: _gone(pid), timeout=5000)
    assert view.page().renderProcessPid() not in (0, pid)
    wait_drawn(qtbot, view, {"A": [-0.5, 117.15], "C": [-0.41, 117.21]}, {"U1": [-0.49, 117.14]})
    hung = [r.getMessage() for r in caplog.records if "hung" in r.getMessage()]
    assert len(hung) == 1, hung  # logged once, with the pid that was killed
    assert f"pid {pid}" in hung[0]
    ended = [r.getMessage() for r in caplog.records if "ended" in r.getMessage()]
    assert any(f"(pid {pid}) ended: KilledTerminationStatus" in m for m in ended), ended
    assert view.renderer_watch.hangs == 1


def test_a_live_page_keeps_beating_and_is_left_alone(qtbot, make_view):
    view = make_view(hang_s=2.0)
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    pid = view.page().renderProcessPid()
    with (
        qtbot.waitSignal(view.clicks.heartbeat, timeout=3000),
        qtbot.assertNotEmitted(view.renderer_crashed, wait=5000),
    ):
        pass
    assert view.renderer_watch.silent_s() < 2.0
    assert view.page().renderProcessPid() == pid
    assert view.renderer_watch.hangs == 0


def test_hangs_count_toward_the_crash_loop_guard(qtbot, make_view, stop_renderer):
    view = make_view(hang_s=2.0, max_crashes=0, crash_window_s=600)
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    stop_renderer(view.page().renderProcessPid())
    with qtbot.waitSignals([view.renderer_crashed, view.gave_up], timeout=RECOVERY_MS):
        pass
    assert not view.is_ready


def test_a_hidden_map_is_judged_only_once_shown_again(qtbot, make_view, stop_renderer):
    # a page on a rotating screen that shows something else may have its timers
    # throttled by Chromium; the watch only judges a map that is on screen
    view = make_view(hang_s=2.0)
    with qtbot.waitSignal(view.map_ready, timeout=LOAD_MS):
        pass
    view.hide()
    stop_renderer(view.page().renderProcessPid())
    with qtbot.assertNotEmitted(view.renderer_crashed, wait=4000):
        pass
    assert view.renderer_watch.hangs == 0
    view.show()
    with qtbot.waitSignal(view.map_ready, timeout=RECOVERY_MS):
        pass
    assert view.renderer_watch.hangs == 1
