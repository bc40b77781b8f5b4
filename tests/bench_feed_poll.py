"""Benchmark: whole polls over real HTTP, simulator -> poller -> store.

Run: .venv/bin/python tests/bench_feed_poll.py
For 100, 1,000 and 10,000 open incidents with 2,000 units, prints the bytes and time of
a full poll, of a poll after 1 % of incidents and units changed (delta / full unit list),
and of an unchanged poll (304): bytes on the wire counted on a raw socket, time through
the real poller (fetch, decode off the loop thread, apply). Medians of several runs.
Figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import time
from urllib.parse import urlsplit

from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, Poller
from wallboard.simulator import start_simulator
from wallboard.store import Store

SIZES = (100, 1_000, 10_000)
UNITS = 2_000
RUNS = 9
START = "2026-11-28T03:00:00+08:00"  # a quiet night hour: few scenario incidents


def wire_bytes(url: str, path: str, etag: str | None) -> tuple[int, int]:
    """(status, total bytes received) of one GET, counted on the socket."""
    parts = urlsplit(url)
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    if etag:
        lines.append(f"If-None-Match: {etag}")
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    return int(raw.split(b" ", 2)[1]), len(raw)


def etag_of(url: str, path: str) -> str:
    import requests

    return requests.get(url + path, timeout=30).headers["ETag"]


def timed_poll(poller: Poller, kind: FeedKind, outcomes: list) -> tuple[float, int | None]:
    outcomes.clear()
    start = time.perf_counter()
    asyncio.run(poller.poll_once("bench", kind))
    elapsed = time.perf_counter() - start
    return elapsed, outcomes[-1].status if outcomes else None


def bench(size: int) -> None:
    with start_simulator(seed=1, manual_clock=True, start=START) as sim:
        sim.inject_incidents(size)
        sim.inject_units(UNITS)
        store = Store()
        poller = Poller([BackendSpec(name="bench", url=sim.url, timeout=30)], store)
        outcomes: list = []
        poller.polled.connect(outcomes.append)
        try:
            full_t, _ = timed_poll(poller, FeedKind.INCIDENTS, outcomes)
            full_b = outcomes[-1].body_bytes
            timed_poll(poller, FeedKind.UNITS, outcomes)
            units_b = outcomes[-1].body_bytes
            open_incidents = sum(1 for i in store.incidents.values() if i.is_open)

            timed_poll(poller, FeedKind.INCIDENTS, outcomes)  # first delta poll: empty 200
            unchanged = [timed_poll(poller, FeedKind.INCIDENTS, outcomes) for _ in range(RUNS)]
            assert all(status == 304 for _, status in unchanged), unchanged
            status, b304 = wire_bytes(
                sim.url, FeedKind.UNITS.path, etag_of(sim.url, "/api/v1/units")
            )
            assert status == 304

            delta_t, delta_b, unit_t = [], [], []
            for _ in range(RUNS):
                sim.touch_incidents(0.01)
                sim.touch_units(0.01)
                t, status = timed_poll(poller, FeedKind.INCIDENTS, outcomes)
                assert status == 200
                delta_t.append(t)
                delta_b.append(outcomes[-1].body_bytes)
                t, _ = timed_poll(poller, FeedKind.UNITS, outcomes)
                unit_t.append(t)
        finally:
            poller.close()
    med = statistics.median
    print(
        f"{open_incidents:>7,} open incidents, {UNITS:,} units | "
        f"full poll {full_b / 1024:8.0f} KiB {full_t * 1000:7.1f} ms | "
        f"1 % delta {med(delta_b) / 1024:6.1f} KiB {med(delta_t) * 1000:6.1f} ms | "
        f"units list {units_b / 1024:5.0f} KiB {med(unit_t) * 1000:5.1f} ms | "
        f"unchanged: 304, {b304} bytes on the wire, {med(t for t, _ in unchanged) * 1000:4.2f} ms"
    )


if __name__ == "__main__":
    for n in SIZES:
        bench(n)
