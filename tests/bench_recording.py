"""Recording figures: how big a recording grows and how fast it reads back.

Polls the real simulator through the real poller (default intervals) for a while,
writing a plain and a gzip recording at once, then prints pages, bytes per hour of
each, and the time to read each back. Prints figures; asserts nothing.

    python tests/bench_recording.py [seconds] [simulator speed]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from wallboard.backends import poll_intervals
from wallboard.poller import BackendSpec, Poller
from wallboard.recording import Recorder, read_recording
from wallboard.simulator import start_simulator
from wallboard.store import Store


async def record(poller: Poller, seconds: float) -> None:
    running = asyncio.ensure_future(poller.run())
    await asyncio.sleep(seconds)
    poller.stop()
    await running


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    speed = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    folder = Path(tempfile.mkdtemp(prefix="wallboard-rec-"))
    plain, packed = folder / "shift.jsonl", folder / "shift.jsonl.gz"
    with start_simulator(seed=112, speed=speed) as sim:
        spec = BackendSpec("samarinda", sim.url, intervals=poll_intervals(2.0))
        store = Store()
        poller = Poller([spec], store)
        with Recorder(plain) as a, Recorder(packed) as b:
            poller.applied.connect(a.write)
            poller.applied.connect(b.write)
            asyncio.run(record(poller, seconds))
        poller.close()
    per_hour = 3600.0 / seconds
    print(f"{seconds:g} s of the simulator at speed {speed:g} (default intervals):")
    print(f"  pages recorded: {a.written} ({a.dropped} dropped)")
    print(f"  incidents open at the end: {sum(i.is_open for i in store.incidents.values())}")
    for path in (plain, packed):
        size = path.stat().st_size
        started = time.perf_counter()
        recording = read_recording(path)
        took = time.perf_counter() - started
        print(
            f"  {path.name}: {size / 1024:.0f} KiB, about {size * per_hour / 2**20:.1f} MiB "
            f"per hour; read back ({len(recording.entries)} pages) in {took * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
