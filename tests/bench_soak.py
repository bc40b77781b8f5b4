"""Soak run: the wall's memory over a long run, per process kind, and its growth per hour.

Run: .venv/bin/python tests/bench_soak.py [--minutes 60] [--every-s 30] [--log FILE]
     .venv/bin/python tests/bench_soak.py --report FILE   (figures of a finished log)

Starts main.py in a subprocess on three offscreen 1920x1080 monitors against the embedded
simulator at ``--speed`` (30 simulated seconds per real second by default, so an hour is
more than a simulated day), and every ``--every-s`` seconds writes one JSON line to the
log: the time, the machine's load, and for each process kind (main, renderer, zygote,
gpu-process, utility...) the count, the summed RSS and PSS and the CPU seconds so far.
At the end (or with --report) it prints, per kind, the memory at the start and the end of
the second half and the growth per hour over that half (a least-squares slope: the first
half is warm-up: caches filling, the day's first incidents). A wall must keep the whole
tree at <= 10 MiB/h.

The wall's own log (stderr) goes next to the samples (FILE.wall.log). Figures only;
nothing here asserts anything. Write down the machine and its load with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench_wall import sample
from test_wall_program import REPO, wall_environment

MIB = 1024 * 1024


def pss_bytes(pid: int) -> int:
    """Proportional set size: shared pages split between the processes that map them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def snapshot(pid: int, started: float) -> dict:
    """One line of the log: per kind, count, RSS, PSS and CPU seconds of the tree."""
    kinds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for p, (kind, cpu, rss) in sample(pid).items():
        row = kinds[kind]
        row["n"] += 1
        row["rss"] += rss
        row["pss"] += pss_bytes(p)
        row["cpu"] += cpu
    return {
        "t": round(time.monotonic() - started, 1),
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load": os.getloadavg(),
        "kinds": {k: dict(v) for k, v in kinds.items()},
    }


def slope_per_hour(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, bytes) points, in bytes per hour."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    if var == 0:
        return 0.0
    cov = sum((t - mean_t) * (v - mean_v) for t, v in points)
    return cov / var * 3600


def around(samples: list[dict], t: float, kind: str | None, width: int = 2) -> float:
    """Mean RSS (of one kind, or of the whole tree) over the samples nearest ``t``."""
    nearest = min(range(len(samples)), key=lambda i: abs(samples[i]["t"] - t))
    chosen = samples[max(0, nearest - width) : nearest + width + 1]
    values = [
        sum(k.get("rss", 0.0) for name, k in s["kinds"].items() if kind in (None, name))
        for s in chosen
    ]
    return sum(values) / len(values)


def day_apart_lines(samples: list[dict], speed: float, kinds: list[str]) -> list[str]:
    """Growth between the same time of the simulated day, one simulated day apart.

    The simulated centre is busier by day than by night, and an hour at speed 30 is 30
    simulated hours: the second half's slope mixes growth with the day's curve. The same
    hour of the day a day later has the same load, so what differs is growth.
    """
    day_s = 86400 / speed
    end_t = samples[-1]["t"]
    if end_t - samples[0]["t"] < day_s + 60:
        return []
    start_t = end_t - day_s
    lines = [
        f"  same simulated hour one simulated day apart ({start_t / 60:.0f} and "
        f"{end_t / 60:.0f} min, {day_s / 60:.0f} min of wall time), per hour:"
    ]
    for kind in [*kinds, None]:
        grown = around(samples, end_t, kind) - around(samples, start_t, kind)
        lines.append(f"  {kind or 'whole tree':<16}{grown / MIB * 3600 / day_s:>+8.1f} MiB/h")
    return lines


def report(samples: list[dict], speed: float = 30.0) -> str:
    """The figures of a run: per kind, memory over the second half and growth per hour."""
    if len(samples) < 4:
        return "too few samples for figures"
    end_t = samples[-1]["t"]
    half = [s for s in samples if s["t"] >= end_t / 2]
    kinds = sorted(
        {k for s in samples for k in s["kinds"]},
        key=lambda k: (k != "main", k),
    )
    loads = [s["load"][0] for s in samples]
    lines = [
        f"soak: {len(samples)} samples over {end_t / 60:.0f} min, "
        f"{samples[0]['at']} to {samples[-1]['at']}",
        f"  machine: {os.cpu_count()} cores; 1-min load min {min(loads):.2f}, "
        f"median {sorted(loads)[len(loads) // 2]:.2f}, max {max(loads):.2f}",
        f"  second half: {half[0]['t'] / 60:.0f} to {half[-1]['t'] / 60:.0f} min, "
        f"{len(half)} samples",
        f"  {'process kind':<16}{'n':>4}{'RSS at half':>13}{'RSS at end':>12}"
        f"{'RSS MiB/h':>11}{'PSS MiB/h':>11}",
    ]
    total_rss: dict[float, float] = defaultdict(float)
    total_pss: dict[float, float] = defaultdict(float)
    for kind in kinds:
        rss = [(s["t"], s["kinds"].get(kind, {}).get("rss", 0.0)) for s in half]
        pss = [(s["t"], s["kinds"].get(kind, {}).get("pss", 0.0)) for s in half]
        for (t, r), (_, p) in zip(rss, pss, strict=True):
            total_rss[t] += r
            total_pss[t] += p
        count = int(half[-1]["kinds"].get(kind, {}).get("n", 0))
        lines.append(_line(kind, count, rss, pss))
    lines.append(
        _line(
            "whole tree",
            sum(int(s.get("n", 0)) for s in half[-1]["kinds"].values()),
            sorted(total_rss.items()),
            sorted(total_pss.items()),
        )
    )
    cpu_first = sum(k.get("cpu", 0.0) for k in half[0]["kinds"].values())
    cpu_last = sum(k.get("cpu", 0.0) for k in half[-1]["kinds"].values())
    span = half[-1]["t"] - half[0]["t"]
    if span > 0:
        lines.append(
            f"  CPU of the whole tree over the second half: "
            f"{100 * (cpu_last - cpu_first) / span:.1f} % of a core"
        )
    lines += day_apart_lines(samples, speed, kinds)
    lines.append("  (RSS counts shared pages once per process; PSS splits them)")
    return "\n".join(lines)


def _line(kind: str, count: int, rss: list, pss: list) -> str:
    return (
        f"  {kind:<16}{count:>4}{rss[0][1] / MIB:>9.0f} MiB{rss[-1][1] / MIB:>8.0f} MiB"
        f"{slope_per_hour(rss) / MIB:>+11.1f}{slope_per_hour(pss) / MIB:>+11.1f}"
    )


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def soak(minutes: float, every_s: float, speed: float, log: Path, extra: list[str]) -> int:
    duration = minutes * 60
    with tempfile.TemporaryDirectory() as folder, (log.with_suffix(".wall.log")).open("w") as err:
        env = wall_environment(Path(folder))
        env["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        started = time.monotonic()
        command = [sys.executable, str(REPO / "main.py"), "--speed", str(speed)]
        command += ["--quit-after", str(duration + 30), *extra]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=folder
        )
        print(f"soak: wall pid {process.pid}, {minutes:g} min, samples to {log}", flush=True)
        with log.open("w") as out:
            next_at = every_s
            while time.monotonic() - started < duration and process.poll() is None:
                time.sleep(max(0.0, next_at - (time.monotonic() - started)))
                next_at += every_s
                if process.poll() is not None:
                    break
                out.write(json.dumps(snapshot(process.pid, started)) + "\n")
                out.flush()
        code = process.wait(timeout=120)
    print(f"  wall exit code {code}")
    print(report(read_log(log), speed))
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--every-s", type=float, default=30.0)
    parser.add_argument("--speed", type=float, default=30.0)
    parser.add_argument("--log", type=Path, default=Path("soak.jsonl"))
    parser.add_argument("--report", type=Path, metavar="FILE", help="figures of a finished log")
    parser.add_argument("wall_args", nargs="*", help="more arguments for main.py (after --)")
    args = parser.parse_args()
    if args.report is not None:
        print(report(read_log(args.report), args.speed))
        return 0
    return soak(args.minutes, args.every_s, args.speed, args.log, args.wall_args)


if __name__ == "__main__":
    sys.exit(main())
