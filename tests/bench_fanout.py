"""Benchmark: what 1, 10, 50 and 200 walls cost the backend, directly and through nginx.

Run: .venv/bin/python tests/bench_fanout.py [--seconds 20] [--clients 1,10,50,200]
For each number of walls, polls the simulator with ``wallboard probe`` (a separate
process: K headless walls, the real poller and store) straight at the origin and then
through the generated nginx microcache (1 s), and prints a Markdown table: the origin's
requests per second (counted at the simulator), the walls' requests per second, and the
age of the unit list the walls hold (now minus its X-Feed-Time, sampled every 0.5 s on
every wall: mean and 95th percentile; X-Feed-Time is whole seconds, which adds 0.5 s on
average to both columns). The simulator runs in real time and moves a few units five
times a second, so every origin answer is new. Figures only; nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from nginx_cache import NginxCache

from wallboard.simulator import start_simulator

LIFETIME_S = 1


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def probe_command() -> list[str]:
    script = Path(sys.executable).parent / "wallboard"
    prefix = [str(script)] if script.exists() else [sys.executable, "-m", "wallboard.shell.cli"]
    return [*prefix, "probe", "--no-reference-day"]


def run(url: str, clients: int, seconds: float) -> dict:
    args = [
        *probe_command(),
        "--backend",
        url,
        "--seconds",
        str(seconds),
        "--clients",
        str(clients),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=seconds * 4 + 120)
    if done.returncode != 0:
        raise RuntimeError(f"probe failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(clients: int, seconds: float, cached: bool) -> dict:
    with start_simulator(seed=1) as sim:
        stop = threading.Event()

        def busy_centre() -> None:  # vehicles on the move: the unit list changes often
            while not stop.wait(0.2):
                sim.touch_units(0.05)

        mover = threading.Thread(target=busy_centre, daemon=True)
        mover.start()
        try:
            if cached:
                with (
                    tempfile.TemporaryDirectory() as root,
                    NginxCache(sim.url, Path(root), lifetime_s=LIFETIME_S) as cache,
                ):
                    before = sum(sim.served().values())
                    result = run(cache.url, clients, seconds)
            else:
                before = sum(sim.served().values())
                result = run(sim.url, clients, seconds)
            origin = sum(sim.served().values()) - before
        finally:
            stop.set()
            mover.join()
    return {
        "clients": clients,
        "mode": "nginx 1 s" if cached else "direct",
        "origin_rps": origin / seconds,
        "client_rps": result["requests"] / seconds,
        "errors": result["errors"],
        "age": result["data_age_s"],
        "load": load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", default="1,10,50,200")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    print(f"load before: {load()} ({os.cpu_count()} cores); {args.seconds:g} s per run")
    print()
    print("| walls | path | origin req/s | walls' req/s | errors | data age mean | p95 | load |")
    print("|---|---|---|---|---|---|---|---|")
    for clients in counts:
        for cached in (False, True):
            r = measure(clients, args.seconds, cached)
            age = r["age"]
            print(
                f"| {r['clients']} | {r['mode']} | {r['origin_rps']:.1f} | {r['client_rps']:.1f} "
                f"| {r['errors']} | {age['mean']} s | {age['p95']} s | {r['load']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
