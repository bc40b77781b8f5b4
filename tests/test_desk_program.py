"""The desk as a program: ``wallboard --desk --screenshot DIR`` writes the desk window,
filling the screen, once its data has arrived; ``--desk`` and ``--windowed`` exclude
each other (two different windows)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parent.parent


def run_desk(tmp_path: Path, width: int, height: int, *args: str) -> subprocess.CompletedProcess:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "0-desk", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))  # fmt: skip
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screens}",
        QTWEBENGINE_DISABLE_SANDBOX="1",
    )
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--desk", *args],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )  # fmt: skip


def test_desk_screenshot_fills_the_screen_once_data_arrived(tmp_path):
    out = tmp_path / "shots"
    result = run_desk(
        tmp_path,
        1280,
        800,
        "--desk-settings",
        str(tmp_path / "desk.ini"),
        "--screenshot",
        str(out),
        "--screenshot-timeout",
        "60",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert [p.name for p in out.iterdir()] == ["screen-0.png"]
    image = QImage(str(out / "screen-0.png"))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 4) for y in range(0, 800, 4)}
    assert len(colours) > 50, "the desk's picture is (nearly) one colour"
    # a screenshot's full-screen arrangement is not kept as the user's layout
    assert not (tmp_path / "desk.ini").exists() or "geometry" not in (
        tmp_path / "desk.ini"
    ).read_text(encoding="utf-8")


def test_desk_and_windowed_are_two_different_windows(tmp_path):
    result = run_desk(tmp_path, 1280, 800, "--windowed", "--quit-after", "1")
    assert result.returncode == 2
    assert "--desk and --windowed" in result.stderr
