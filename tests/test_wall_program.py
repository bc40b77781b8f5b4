"""The wall as a program on a three-monitor machine: screenshots, and a clean exit.

Runs main.py in a subprocess on Qt's offscreen platform with three 1920x1080 screens,
on the embedded simulator (a real HTTP server on loopback).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from maps.styles import PRIORITY_COLOURS
from wallboard.layout import Page, default_plans
from wallboard.model import Priority

REPO = Path(__file__).resolve().parent.parent
SCREEN_W, SCREEN_H = 1920, 1080
HEADER_PX = 120  # the header strip over every screen: its colours are not the map's


def screens_config(path: Path, count: int = 3) -> Path:
    """An offscreen-platform config with ``count`` side-by-side screens, first primary."""
    screens = [
        {
            "name": f"{n}-screen",  # added in name order, the first is primary
            "x": n * SCREEN_W,
            "y": 0,
            "width": SCREEN_W,
            "height": SCREEN_H,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
        for n in range(count)
    ]
    path.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    return path


def wall_environment(folder: Path) -> dict[str, str]:
    """The environment of a wall on three offscreen monitors (config written to folder)."""
    config = screens_config(folder / "screens.json")
    return dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QTWEBENGINE_DISABLE_SANDBOX="1",
    )


def run_wall(tmp_path: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=wall_environment(tmp_path),
        cwd=tmp_path,
    )


def colours_seen(image: QImage, step: int = 3) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def marker_pixels(image: QImage) -> int:
    """Pixels in an incident marker's priority colour (P1-P3: P4's grey is also text's),
    outside the header and the legend (bottom right, where the key repeats them)."""
    targets = [QColor(c) for p, c in PRIORITY_COLOURS.items() if p is not Priority.LOW]
    count = 0
    for y in range(HEADER_PX, image.height(), 2):
        for x in range(0, image.width(), 2):
            if x > image.width() * 0.6 and y > image.height() * 0.55:
                continue
            p = image.pixelColor(x, y)
            if any(
                abs(p.red() - t.red()) < 12
                and abs(p.green() - t.green()) < 12
                and abs(p.blue() - t.blue()) < 12
                for t in targets
            ):
                count += 1
    return count


def test_screenshot_mode_writes_one_drawn_png_per_screen(tmp_path):
    out = tmp_path / "shots"
    result = run_wall(tmp_path, "--screenshot", str(out), "--screenshot-timeout", "45")
    assert result.returncode == 0, result.stderr[-3000:]
    shots = sorted(out.glob("screen-*.png"))
    assert [p.name for p in shots] == ["screen-0.png", "screen-1.png", "screen-2.png"]
    images = [QImage(str(p)) for p in shots]
    for path, image in zip(shots, images, strict=True):
        assert abs(image.width() - SCREEN_W) <= 1 and abs(image.height() - SCREEN_H) <= 1, path
        assert len(colours_seen(image)) > 20, f"{path.name} is (nearly) one colour"
    (map_screen,) = [
        n for n, plan in enumerate(default_plans(3)) if plan.pages == (Page((("map",),)),)
    ]
    assert marker_pixels(images[map_screen]) > 50


def test_screenshot_mode_says_which_sources_never_answered(tmp_path):
    # nothing listens on port 9 of loopback
    result = run_wall(
        tmp_path,
        "--backend",
        "http://127.0.0.1:9",
        "--screenshot",
        str(tmp_path / "shots"),
        "--screenshot-timeout",
        "5",
    )
    assert result.returncode == 1, result.stderr[-3000:]
    message = next(line for line in result.stderr.splitlines() if line.startswith("wallboard:"))
    for kind in ("info", "incidents", "calls", "units", "agencies", "queue"):
        assert f"no data from backend/{kind}" in message
    assert "map on screen" in message
    assert not (tmp_path / "shots").exists()


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren...), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def test_quits_cleanly_with_a_web_view_on_screen(tmp_path):
    process = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--quit-after", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=wall_environment(tmp_path),
        cwd=tmp_path,
    )
    # the map's page is really up: QtWebEngine runs its renderer as a child process
    deadline = time.monotonic() + 30
    renderer = False
    while not renderer and process.poll() is None and time.monotonic() < deadline:
        renderer = any(process_name(p).startswith("QtWebEngine") for p in descendants(process.pid))
        time.sleep(0.05)
    out, err = process.communicate(timeout=60)
    assert renderer, "no QtWebEngine process ever ran under the wall"
    assert process.returncode == 0, err[-3000:]  # a segfault is -11 (139 from a shell)
    assert "Release of profile requested but WebEnginePage still not deleted" not in out + err
    assert "Traceback" not in err
    assert "wall tiled on 3 window(s)" in err


def test_an_unreachable_hazard_feed_never_holds_the_screenshot(tmp_path):
    # a wall with no internet: BMKG cannot be reached, the dispatch data can
    config = tmp_path / "wall.toml"
    config.write_text(
        '[[backends]]\nname = "samarinda"\n\n'
        '[[backends]]\nname = "bmkg"\ntype = "bmkg"\nurl = "http://127.0.0.1:9/TEWS/"\n\n'
        '[map]\ntiles = "none"\n',
        encoding="utf-8",
    )
    out = tmp_path / "shots"
    result = run_wall(
        tmp_path, "--config", str(config), "--screenshot", str(out), "--screenshot-timeout", "45"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list(out.glob("screen-*.png"))) == 3
    assert "bmkg/alerts" in result.stderr  # the failure is logged, not hidden
