"""Run the simulator standalone: ``python -m wallboard.simulator --port 8112 --seed 1``."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from datetime import datetime

from wallboard.simulator import ScenarioError, start_simulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wallboard.simulator",
        description="Serve a simulated 112 centre as the native feed v1 on loopback.",
    )
    parser.add_argument("--port", type=int, default=8112, help="TCP port (0: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same story")
    parser.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    parser.add_argument(
        "--scenario",
        default="samarinda",
        help="samarinda, paser, balikpapan or a path to a .toml file",
    )
    parser.add_argument(
        "--start",
        type=datetime.fromisoformat,
        default=None,
        help="simulated start time, ISO 8601 (default: now)",
    )
    args = parser.parse_args(argv)
    if args.speed <= 0:
        parser.error("--speed must be positive")
    try:
        sim = start_simulator(
            seed=args.seed,
            speed=args.speed,
            port=args.port,
            scenario=args.scenario,
            start=args.start,
            host=args.host,
        )
    except ScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(sim.url, flush=True)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
