"""The takeover chime: heard when an audio device exists, skipped (never a failure) when
none does or the wall is muted. Each case runs tests/chime_probe.py in its own process,
with its own audio world: a PulseAudio server with a null sink, or no server at all."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wallboard.alerting.chime_tone import SAMPLE_RATE, chime_samples

PROBE = Path(__file__).with_name("chime_probe.py")
ROOT = Path(__file__).resolve().parent.parent


def probe(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(PROBE), *args],
        env={**env, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def no_audio(tmp_path) -> dict[str, str]:
    """An environment where no sound server can be found."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)  # no pulse socket here
    env["PULSE_SERVER"] = f"unix:{tmp_path}/none"
    return env


@pytest.fixture
def null_sink(tmp_path):
    """A real PulseAudio server (installed by scripts/bootstrap) with a null output."""
    binary = shutil.which("pulseaudio")
    assert binary, "pulseaudio is missing: run scripts/bootstrap (it installs it as root)"
    socket = tmp_path / "pulse.sock"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path)}
    # --daemonize=yes returns once the server is ready; its pid file says whom to stop
    subprocess.run(
        [binary, "-n", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit",
         "-L", "module-null-sink sink_name=wall",
         "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}"],
        env=env, check=True, timeout=30, capture_output=True,
    )  # fmt: skip
    pid = int((tmp_path / "pulse" / "pid").read_text().strip())
    try:
        yield {**env, "PULSE_SERVER": f"unix:{socket}"}
    finally:
        os.kill(pid, signal.SIGTERM)


def test_chime_is_played_on_an_audio_device(null_sink):
    result = probe(null_sink)
    assert result["played"] is True
    assert result["processed_us"] > 0  # the device took audio


def test_no_audio_device_skips_the_chime_without_failing(no_audio):
    assert probe(no_audio) == {"played": False, "processed_us": 0}


def test_muted_wall_plays_nothing_even_with_a_device(null_sink):
    assert probe(null_sink, "--mute") == {"played": False, "processed_us": 0}


def test_the_chime_is_made_at_run_time_short_and_never_clipped():
    samples = chime_samples()
    assert 0.5 * SAMPLE_RATE < len(samples) < 2 * SAMPLE_RATE
    peak = max(abs(s) for s in samples)
    assert 0.2 * 32767 < peak < 32767
    assert abs(samples[-1]) < 0.05 * peak  # it fades out rather than being cut off
