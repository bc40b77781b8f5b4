"""Two wall processes, started at different moments, show the same tour focus at the same
time: the focus comes from the wall clock, not from when a process started.

Each runs main.py --orientation on two offscreen monitors (no map: the test is about the
tour, and two map renderers would only slow the machine) with its own embedded simulator,
and logs every move of the focus with its slot (floor(epoch / dwell)).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DWELL_S = 2
RUN_S = 16
_FOCUS = re.compile(
    r"^(?P<at>\S+ \S+) INFO views\.tour_guide: tour focus slot=(?P<slot>\d+)"
    r" stop=(?P<index>\d+)/(?P<stops>\d+) screen=(?P<screen>\d+) page=(?P<page>\S+)"
    r" panel=(?P<panel>\S+)$"
)


def _environment(folder: Path) -> dict[str, str]:
    screens = [
        {"name": f"{n}-screen", "x": n * 1280, "y": 0, "width": 1280, "height": 720,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        for n in range(2)
    ]  # fmt: skip
    path = folder / "screens.json"
    path.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    return dict(
        os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}", QTWEBENGINE_DISABLE_SANDBOX="1"
    )


def _config(folder: Path) -> Path:
    path = folder / "wall.toml"
    path.write_text(
        f"""
[wall]
orientation = true
tour_seconds = {DWELL_S}

[[wall.screens]]
grid = [["queue", "summary"]]

[[wall.screens]]
grid = [["agencies"], ["incidents"]]
""",
        encoding="utf-8",
    )
    return path


def _start(folder: Path) -> subprocess.Popen:
    command = [sys.executable, str(REPO / "main.py"), "--config", str(_config(folder))]
    command += ["--quit-after", str(RUN_S)]
    return subprocess.Popen(
        command, env=_environment(folder), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip


def _focus_lines(text: str) -> list[re.Match[str]]:
    return [m for line in text.splitlines() if (m := _FOCUS.match(line))]


def test_two_walls_started_apart_focus_the_same_panel_in_the_same_slot(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _start(tmp_path / "a")
    second: subprocess.Popen | None = None
    early: list[str] = []
    try:
        # the second wall starts only once the first has moved its focus once (a dwell
        # after its first focus), so the two walls' first focus lines are a dwell apart
        # however fast a wall starts
        moves = 0
        for line in first.stderr:
            early.append(line)
            if _FOCUS.match(line.rstrip("\n")):
                moves += 1
                if moves == 2:
                    break
        second = _start(tmp_path / "b")
        out_b = second.communicate(timeout=RUN_S + 60)[1]
        out_a = "".join(early) + first.communicate(timeout=RUN_S + 60)[1]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    assert first.returncode == 0, out_a[-2000:]
    assert second is not None and second.returncode == 0, out_b[-2000:]

    a, b = _focus_lines(out_a), _focus_lines(out_b)
    start_a = datetime.fromisoformat(a[0]["at"].replace(",", "."))
    start_b = datetime.fromisoformat(b[0]["at"].replace(",", "."))
    assert (start_b - start_a).total_seconds() >= 1.0, "the walls should start apart"

    # each wall moves its focus on schedule: one stop further every slot, round the wall
    for lines in (a, b):
        assert len(lines) >= RUN_S // DWELL_S - 3, "the focus should move every dwell"
        for line in lines:
            assert int(line["index"]) == int(line["slot"]) % int(line["stops"])
        screens = {line["screen"] for line in lines}
        assert screens == {"0", "1"}, "the focus moves across both screens"

    focus_a = {int(m["slot"]): (m["index"], m["screen"], m["page"], m["panel"]) for m in a}
    focus_b = {int(m["slot"]): (m["index"], m["screen"], m["page"], m["panel"]) for m in b}
    shared = sorted(set(focus_a) & set(focus_b))
    assert len(shared) >= 3, f"the walls ran together for too short a time: {shared}"
    disagree = {s: (focus_a[s], focus_b[s]) for s in shared if focus_a[s] != focus_b[s]}
    assert not disagree, f"the walls disagree on the focus: {disagree}"
