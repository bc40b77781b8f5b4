"""Recording and replay end to end: the real simulator (or a Resgrid-shaped server)
-> the real poller -> a Store and a Recorder; then the recording served by the replay
server -> the real poller -> a fresh Store, compared at the same recorded times."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime, timedelta

import pytest
import requests
from resgrid_server import ResgridServer, call, group, unit_status

from wallboard.feed.kinds import FeedKind
from wallboard.model import RecordKey
from wallboard.poller import BackendSpec, Poller
from wallboard.recording import Recorder, RecordingError, read_recording, start_replay
from wallboard.simulator import start_simulator
from wallboard.store import Store

BACKEND = "samarinda"
START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 WITA


class Clock:
    """The wall clock of the recording wall, stepped with the simulator."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def snapshot(store: Store) -> dict[str, dict]:
    return {
        "incidents": dict(store.incidents),
        "calls": dict(store.calls),
        "units": dict(store.units),
        "agencies": dict(store.agencies),
        "queues": dict(store.queues),
        "regions": dict(store.regions),
    }


def poll_all(poller: Poller, backend: str, kinds=tuple(FeedKind)) -> None:
    async def polls() -> None:
        for kind in kinds:
            await poller.poll_once(backend, kind)

    asyncio.run(polls())


def record_simulator(path, steps: int = 5) -> list[tuple[datetime, dict]]:
    """Record the simulator through the poller; the store's state after each step."""
    clock = Clock()
    states = []
    with (
        start_simulator(seed=11, manual_clock=True, start=START) as sim,
        Recorder(path, wall_clock=clock) as recorder,
    ):
        store = Store(wall_clock=clock)
        poller = Poller([BackendSpec(BACKEND, sim.url)], store, wall_clock=clock)
        poller.applied.connect(recorder.write)
        try:
            for _ in range(steps):
                poll_all(poller, BACKEND)
                states.append((clock.now, snapshot(store)))
                sim.advance(timedelta(seconds=45))
                clock.now += timedelta(seconds=45)
        finally:
            poller.close()
    assert recorder.written > 0 and recorder.dropped == 0
    return states


def test_replay_gives_the_store_the_recording_wall_had(tmp_path):
    path = tmp_path / "shift.jsonl.gz"
    states = record_simulator(path)
    assert states[-1][1]["incidents"] and states[-1][1]["calls"]  # a living city
    servers, problems = start_replay(path, manual_clock=True)
    assert problems == [] and [s.backend for s in servers] == [BACKEND]
    (server,) = servers
    replayed = Store()
    poller = Poller([BackendSpec(BACKEND, server.url)], replayed)
    try:
        for at, expected in states:
            server.seek(at)
            poll_all(poller, BACKEND)
            assert snapshot(replayed) == expected, f"differs at {at}"
        # An unchanged state is answered with 304s, like a native backend.
        outcomes = []
        poller.polled.connect(outcomes.append)
        poll_all(poller, BACKEND, (FeedKind.INCIDENTS, FeedKind.UNITS))
        assert [o.status for o in outcomes] == [304, 304]
    finally:
        poller.close()
        server.stop()


def test_a_recording_of_two_backends_with_the_same_ids_replays_both(tmp_path):
    # two regions' CADs number alike: two simulators of one scenario, different seeds
    path = tmp_path / "province.jsonl.gz"
    regions = ("utara", "selatan")
    clock = Clock()
    states = []
    with (
        start_simulator(seed=11, manual_clock=True, start=START) as north,
        start_simulator(seed=12, manual_clock=True, start=START) as south,
        Recorder(path, wall_clock=clock) as recorder,
    ):
        store = Store(wall_clock=clock)
        specs = [BackendSpec("utara", north.url), BackendSpec("selatan", south.url)]
        poller = Poller(specs, store, wall_clock=clock)
        poller.applied.connect(recorder.write)
        try:
            for _ in range(3):
                for backend in regions:
                    poll_all(poller, backend)
                states.append((clock.now, snapshot(store)))
                for sim in (north, south):
                    sim.advance(timedelta(seconds=45))
                clock.now += timedelta(seconds=45)
        finally:
            poller.close()
    held = states[-1][1]["incidents"]
    ids = {b: {k.id for k in held if k.backend == b} for b in regions}
    assert ids["utara"] & ids["selatan"], "the premise: both regions use the same ids"
    servers, problems = start_replay(path, manual_clock=True)
    assert problems == [] and sorted(s.backend for s in servers) == sorted(regions)
    replayed = Store()
    poller = Poller([BackendSpec(s.backend, s.url) for s in servers], replayed)
    try:
        for at, expected in states:
            for server in servers:
                server.seek(at)
                poll_all(poller, server.backend)
            assert snapshot(replayed) == expected, f"differs at {at}"
    finally:
        poller.close()
        for server in servers:
            server.stop()


def test_feed_time_follows_the_recorded_time(tmp_path):
    path = tmp_path / "shift.jsonl"
    states = record_simulator(path, steps=3)
    servers, _ = start_replay(path, manual_clock=True)
    with servers[0] as server:
        server.seek(states[1][0])
        answer = requests.get(server.url + FeedKind.QUEUE.path, timeout=5)
    feed_time = datetime.fromisoformat(answer.headers["X-Feed-Time"])
    # The simulator started at START and the recording wall's clock with it.
    assert feed_time == states[1][0]


def test_a_speed_must_be_positive(tmp_path):
    path = tmp_path / "shift.jsonl"
    record_simulator(path, steps=1)
    with pytest.raises(ValueError, match="replay speed must be > 0"):
        start_replay(path, speed=0.0)


def test_truncated_gzip_recording_replays_what_is_good(tmp_path, caplog):
    path = tmp_path / "cut.jsonl.gz"
    record_simulator(path, steps=4)
    whole = read_recording(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    cut = read_recording(path)
    assert 0 < len(cut.entries) < len(whole.entries)
    assert len(cut.problems) == 1
    assert "compressed data truncated; the rest is lost" in cut.problems[0]
    servers, problems = start_replay(path, manual_clock=True)
    assert problems == cut.problems
    assert "compressed data truncated" in caplog.text
    with servers[0] as server:
        server.seek(cut.entries[-1][0].at)
        answer = requests.get(server.url + cut.entries[0][0].kind.path, timeout=5)
        assert answer.status_code == 200


def test_corrupt_lines_are_named_and_skipped(tmp_path):
    path = tmp_path / "bad.jsonl"
    record_simulator(path, steps=2)
    lines = path.read_bytes().splitlines(keepends=True)
    lines.insert(3, b'{"at": "not a time", "kind": "incidents"}\n')
    lines.insert(5, b"\x00\x01 garbage\n")
    lines.append(b'{"at": "2026-11-30T01:02:00+00:00", "backend": "samar')  # power cut
    path.write_bytes(b"".join(lines))
    recording = read_recording(path)
    assert len(recording.entries) == len(lines) - 4  # header and three bad lines
    text = "\n".join(recording.problems)
    assert "line 4: unreadable, skipped" in text
    assert "line 6: unreadable, skipped" in text
    assert f"line {len(lines)}: cut short (the file ends mid-line)" in text


def test_not_a_recording_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    with pytest.raises(RecordingError, match="not a wallboard112 recording"):
        read_recording(path)
    with pytest.raises(RecordingError, match="cannot open"):
        read_recording(tmp_path / "missing.jsonl")
    gz = tmp_path / "empty.jsonl.gz"
    gz.write_bytes(gzip.compress(b""))
    with pytest.raises(RecordingError, match="empty file"):
        read_recording(gz)


def test_a_resgrid_recording_replays_as_native(tmp_path):
    path = tmp_path / "resgrid.jsonl"
    with ResgridServer() as rg, Recorder(path) as recorder:
        rg.calls = [call(1), call(2, Type="Medical", Priority=3)]
        rg.units = [unit_status(5, State="On Scene")]
        rg.groups = [group(7, "Station 1")]
        spec = BackendSpec("rg", rg.url, type="resgrid", username=rg.username, password=rg.password)
        store = Store()
        poller = Poller([spec], store)
        poller.applied.connect(recorder.write)
        try:
            poll_all(poller, "rg", (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES))
        finally:
            poller.close()
    recording = read_recording(path)
    kinds = recording.kinds("rg")
    assert kinds == (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)
    servers, _ = start_replay(path, manual_clock=True)
    with servers[0] as server:
        server.seek(server.end)
        replayed = Store()
        poller = Poller([BackendSpec("rg", server.url, kinds=kinds)], replayed)
        try:
            poll_all(poller, "rg", kinds)
        finally:
            poller.close()
    assert snapshot(replayed) == snapshot(store)
    assert set(replayed.incidents) == {RecordKey("rg", "RG-1"), RecordKey("rg", "RG-2")}


def test_past_its_last_page_a_replay_says_it_ended_instead_of_posing_as_live(tmp_path):
    path = tmp_path / "day.jsonl"
    record_simulator(path)
    servers, _ = start_replay(path, manual_clock=True)
    with servers[0] as server:
        server.seek(server.end)
        assert requests.get(server.url + FeedKind.INCIDENTS.path, timeout=5).status_code == 200
        server.seek(server.end + timedelta(seconds=1))
        answer = requests.get(server.url + FeedKind.INCIDENTS.path, timeout=5)
    assert answer.status_code == 503
    assert answer.json()["error"] == "recording_ended"


def test_a_replayed_wall_says_so_first_in_its_header(tmp_path, qtbot):
    import argparse
    from zoneinfo import ZoneInfo

    from views.header_panel import HeaderPanel
    from wallboard.shell.app import replay_note

    assert replay_note(argparse.Namespace(replay=None, speed=None)) == ""
    note = replay_note(argparse.Namespace(replay=tmp_path / "day.jsonl", speed=10.0))
    assert note == "▶ REPLAY ×10"
    store = Store()
    header = HeaderPanel(
        store, ZoneInfo("Asia/Makassar"), store.feed_now, region_name="Samarinda", note=note
    )
    qtbot.addWidget(header)
    assert header.status.text().startswith("▶ REPLAY ×10 · ")
    store.record_success("samarinda/queue", store.feed_now(), None)
    assert header.status.text().startswith("▶ REPLAY ×10 · ")
