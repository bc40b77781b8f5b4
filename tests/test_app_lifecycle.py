"""The program as a user starts it: it comes up on the simulator and quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_main(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO,
    )


def test_starts_on_the_embedded_simulator_and_exits_0():
    result = run_main("--quit-after", "4", "--speed", "30")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "embedded simulator for samarinda" in result.stderr
    assert "Traceback" not in result.stderr
    assert "WARNING wallboard.poller" not in result.stderr


def test_unreachable_backend_is_reported_but_the_program_keeps_running():
    # nothing listens on port 9 of loopback: every poll fails, the program stays up
    result = run_main("--quit-after", "3", "--backend", "http://127.0.0.1:9")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "backend/info" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_configuration_exits_2_with_the_reason(tmp_path):
    bad = tmp_path / "wall.toml"
    bad.write_text("[[backends]]\nname = 'x'\nurl = 'gopher://old'\n", encoding="utf-8")
    result = run_main("--config", str(bad))
    assert result.returncode == 2
    assert "backends[0].url = 'gopher://old'" in result.stderr
