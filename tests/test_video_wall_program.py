"""The wall as a program on real video-wall set-ups, with the embedded simulator's live data.

- One X11 screen of 5808 x 2184 under Xvfb (the xcb platform, as a PC with NVIDIA Mosaic
  or AMD Eyefinity presents a 3 x 2 wall of 1920 x 1080 monitors with 24 px bezels):
  ``[[wall.spans]]`` makes it six screens, six windows, six PNGs.
- Two wall processes over one configuration, ``--first-screen 0`` and ``--first-screen
  3``, each with three offscreen monitors: together they show the six screens of one
  layout, numbered as the layout numbers them.
- ``--check-config`` refuses tiles that do not fit this PC's display, with the numbers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from test_wall_program import colours_seen, marker_pixels

from wallboard.layout import default_plans
from wallboard.video_wall import Rect, split

REPO = Path(__file__).resolve().parent.parent
MOSAIC_W, MOSAIC_H = 5808, 2184
SPAN = """
[[wall.spans]]
screen = 0
tiles = [3, 2]
bezel_px = [24, 24]
"""
_TILED = re.compile(r"screen (\d+) at (\d+),(\d+) (\d+)x(\d+) ")


def _free_display() -> int:
    """A display number of :90-:99 (the ones these tests may use) nobody holds."""
    for n in range(90, 100):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    pytest.fail("no free X display among :90-:99")


@pytest.fixture
def mosaic_display():
    """An Xvfb server with one 5808 x 2184 screen; yields its DISPLAY."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (scripts/bootstrap installs it when run as root)")
    n = _free_display()
    ready, told = os.pipe()  # Xvfb writes its display number there once it takes clients
    screen = f"{MOSAIC_W}x{MOSAIC_H}x24"
    server = subprocess.Popen(
        [xvfb, f":{n}", "-screen", "0", screen, "-nolisten", "tcp", "-displayfd", str(told)],
        pass_fds=(told,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(told)
    try:
        said = os.read(ready, 16)  # one read: Xvfb writes the number once, no newline
        assert said.strip() == str(n).encode(), f"Xvfb :{n} did not start ({said!r})"
        yield f":{n}"
    finally:
        os.close(ready)
        server.terminate()
        server.wait(timeout=10)


def _wall(env: dict, cwd: Path, *args: str, timeout: float = 150) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )


def test_a_spanned_mosaic_display_is_six_screens_of_live_data(tmp_path, mosaic_display):
    config = tmp_path / "wall.toml"
    config.write_text(SPAN, encoding="utf-8")
    env = dict(os.environ, QTWEBENGINE_DISABLE_SANDBOX="1", DISPLAY=mosaic_display)
    env["QT_QPA_PLATFORM"] = "xcb"  # a real X11 desktop, not the offscreen platform
    checked = _wall(env, tmp_path, "--check-config", str(config), timeout=60)
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert "5808 x 2184" in checked.stdout

    out = tmp_path / "shots"
    args = ("--config", str(config), "--screenshot", str(out), "--screenshot-timeout", "90")
    result = _wall(env, tmp_path, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    shots = sorted(out.glob("screen-*.png"))
    assert [p.name for p in shots] == [f"screen-{n}.png" for n in range(6)]
    images = [QImage(str(p)) for p in shots]
    for path, image in zip(shots, images, strict=True):
        assert (image.width(), image.height()) == (1920, 1080), path.name
        assert len(colours_seen(image)) > 20, f"{path.name} is (nearly) one colour"
    # the six-screen layout's map screen shows the simulator's incidents
    plans = default_plans(6)
    map_screen = next(n for n, p in enumerate(plans) if p.pages[0].grid == (("map",),))
    assert marker_pixels(images[map_screen]) > 50
    # every window sits on its monitor's pixels: none reaches into a bezel
    placed = {
        int(m[1]): Rect(int(m[2]), int(m[3]), int(m[4]), int(m[5]))
        for m in _TILED.finditer(result.stderr)
    }
    assert placed == dict(enumerate(split(Rect(0, 0, MOSAIC_W, MOSAIC_H), (3, 2), (24, 24), "")))


def _offscreen(folder: Path, name: str, count: int, width: int, height: int) -> dict:
    """The environment of a PC with ``count`` offscreen monitors side by side."""
    screens = [
        {"name": f"{n}-screen", "x": n * width, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        for n in range(count)
    ]  # fmt: skip
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    return dict(
        os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={path}", QTWEBENGINE_DISABLE_SANDBOX="1"
    )


# Six screens told apart in a picture by their grid of panels: (rows down the left edge,
# columns along the bottom). No map: two map renderers would only slow the test.
LAYOUT = (
    [["queue"]],
    [["agencies"], ["incidents"]],
    [["alerts"], ["summary"], ["incidents"]],
    [["queue", "agencies", "agencies"]],
    [["incidents", "alerts"], ["summary", "queue"]],
    [["alerts", "summary", "incidents"]],
)
SIGNATURES = [(1, 1), (2, 1), (3, 1), (1, 2), (2, 2), (1, 3)]


def _runs(image: QImage, points: list[tuple[int, int]], colour: int) -> int:
    """How many stretches of at least 30 px of ``colour`` a line of pixels crosses."""
    runs = length = 0
    for x, y in points:
        if image.pixel(x, y) == colour:
            length += 1
            continue
        runs += length >= 30
        length = 0
    return runs + (length >= 30)


def panel_grid(image: QImage) -> tuple[int, int]:
    """(rows, columns) of panels on a screenshot: along the panels' left padding and their
    bottom padding, the panel colour is interrupted only by the gaps between panels."""
    w, h = image.width(), image.height()
    panel = image.pixel(12, h - 12)  # inside the bottom-left panel's frame
    rows = _runs(image, [(12, y) for y in range(h)], panel)
    columns = _runs(image, [(x, h - 12) for x in range(w)], panel)
    return rows, columns


def test_two_pcs_show_the_six_screens_of_one_layout(tmp_path):
    screens = "\n".join(f"[[wall.screens]]\ngrid = {json.dumps(grid)}\n" for grid in LAYOUT)
    config = tmp_path / "wall.toml"
    config.write_text(screens, encoding="utf-8")
    out = tmp_path / "shots"  # both PCs write into one folder: screen-0 ... screen-5
    walls = []
    for first in (0, 3):
        env = _offscreen(tmp_path, f"pc{first}", 3, 1920, 1080)
        command = [sys.executable, str(REPO / "main.py"), "--config", str(config)]
        command += ["--first-screen", str(first), "--screenshot", str(out)]
        command += ["--screenshot-timeout", "90"]
        walls.append(
            subprocess.Popen(
                command,
                env=env,
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for wall in walls:
        _, stderr = wall.communicate(timeout=150)
        assert wall.returncode == 0, stderr[-3000:]
    shots = sorted(out.glob("screen-*.png"))
    assert [p.name for p in shots] == [f"screen-{n}.png" for n in range(6)]
    for n, path in enumerate(shots):
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1920, 1080), path.name
        assert panel_grid(image) == SIGNATURES[n], f"{path.name} is not screen {n}"


def test_check_config_refuses_tiles_that_do_not_fit_with_the_numbers(tmp_path):
    config = tmp_path / "wall.toml"
    config.write_text(SPAN, encoding="utf-8")
    # the display is 5760 x 1080: three monitors side by side with no bezel pixels
    env = _offscreen(tmp_path, "wide", 1, 5760, 1080)
    result = _wall(env, tmp_path, "--check-config", str(config), timeout=60)
    assert result.returncode == 2
    message = result.stderr
    assert "wall.spans: screen 0 ('0-screen', 5760 x 1080 px)" in message
    assert "monitors of 1904 x 528 px" in message and "not 3 x 2 monitors" in message
    # the wall itself refuses to start on it, with the same words
    started = _wall(env, tmp_path, "--config", str(config), "--quit-after", "1", timeout=60)
    assert started.returncode == 2
    assert "wall.spans: screen 0" in started.stderr
