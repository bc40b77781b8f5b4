"""The recording file: one JSON object per line, optionally gzip-compressed.

The first line says what the file is; every other line is one page the store applied:
its backend, kind, our wall-clock time, the backend's feed time, and the page itself as
the native feed would send it (so a Resgrid recording replays as native)::

    {"recording":"wallboard112","version":1,"started":"2026-11-30T10:00:00+08:00"}
    {"at":"...","feed_time":"...","backend":"samarinda","kind":"incidents","page":{...}}

Reading keeps every good line and names each bad one; a file cut short (a wall that
lost power) is read up to its last complete line.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

import msgspec

from wallboard.feed.decode import PAGE_TYPES
from wallboard.feed.kinds import FeedKind

FORMAT_NAME = "wallboard112"
FORMAT_VERSION = 1
_MAX_PROBLEMS = 20


class Header(msgspec.Struct, kw_only=True):
    recording: str
    version: int
    started: datetime


class Entry(msgspec.Struct, kw_only=True):
    """One applied page: ``at`` is the wall clock when the store applied it."""

    at: datetime
    feed_time: datetime | None
    backend: str
    kind: FeedKind
    page: msgspec.Raw
    # ids of records rejected from a full page whose last good version the store kept
    kept: list[str] = []


class RecordingError(ValueError):
    """A file that is not a recording at all (wrong header, unreadable)."""


@dataclass
class Recording:
    """What a recording file held: its entries in time order, and what could not be read."""

    path: Path
    entries: list[tuple[Entry, object]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def backends(self) -> list[str]:
        """The recorded backends, in order of first appearance."""
        return list(dict.fromkeys(e.backend for e, _ in self.entries))

    def kinds(self, backend: str) -> tuple[FeedKind, ...]:
        """The kinds recorded for ``backend``, in the feed's order."""
        seen = {e.kind for e, _ in self.entries if e.backend == backend}
        return tuple(k for k in FeedKind if k in seen)


_encoder = msgspec.json.Encoder()
_header_decoder = msgspec.json.Decoder(Header)
_entry_decoder = msgspec.json.Decoder(Entry)


def is_gzip(path: Path) -> bool:
    return path.suffix == ".gz"


def open_for_writing(path: Path) -> IO[bytes]:
    """The file to append lines to; gzip when the name ends in ``.gz``."""
    if is_gzip(path):
        return gzip.open(path, "wb", compresslevel=6)
    return path.open("wb")


def header_line(started: datetime) -> bytes:
    header = Header(recording=FORMAT_NAME, version=FORMAT_VERSION, started=started)
    return _encoder.encode(header) + b"\n"


def entry_line(
    backend: str,
    kind: FeedKind,
    page: object,
    at: datetime,
    feed_time: datetime | None,
    kept: list[str] | None = None,
) -> bytes:
    """One page as a line (encoding is the costly part: done by the recorder's thread)."""
    raw = msgspec.Raw(_encoder.encode(page))
    entry = Entry(at=at, feed_time=feed_time, backend=backend, kind=kind, page=raw, kept=kept or [])
    return _encoder.encode(entry) + b"\n"


def read_recording(path: Path) -> Recording:
    """Every good entry of ``path`` (sorted by ``at``), and a problem for each bad line.

    Raises RecordingError when the file cannot be opened or is not a recording.
    """
    recording = Recording(path=Path(path))
    lines = _lines(recording)
    try:
        first = next(lines)
    except StopIteration:
        raise RecordingError(f"{path}: empty file, not a recording") from None
    try:
        header = _header_decoder.decode(first[1])
    except msgspec.MsgspecError:
        raise RecordingError(f"{path}: not a wallboard112 recording (first line)") from None
    if header.recording != FORMAT_NAME or header.version != FORMAT_VERSION:
        raise RecordingError(
            f"{path}: recording format {header.recording} {header.version}, "
            f"expected {FORMAT_NAME} {FORMAT_VERSION}"
        )
    for number, line in lines:
        try:
            entry = _entry_decoder.decode(line)
            page = msgspec.json.decode(entry.page, type=PAGE_TYPES[entry.kind])
        except msgspec.MsgspecError as exc:
            _problem(recording, f"line {number}: unreadable, skipped ({str(exc)[:120]})")
            continue
        entry.page = msgspec.Raw(b"null")  # the decoded page is kept; free the text
        recording.entries.append((entry, page))
    recording.entries.sort(key=lambda pair: pair[0].at)  # stable: equal times keep order
    return recording


def _lines(recording: Recording) -> Iterator[tuple[int, bytes]]:
    path = recording.path
    try:
        stream: IO[bytes] = gzip.open(path, "rb") if is_gzip(path) else path.open("rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise RecordingError(f"{path}: cannot open: {exc.strerror or exc}") from None
    number = 0
    with stream:
        try:
            for number, line in enumerate(stream, start=1):
                if not line.endswith(b"\n"):
                    _problem(recording, f"line {number}: cut short (the file ends mid-line)")
                    return
                if line.strip():
                    yield number, line
        except (EOFError, OSError, zlib.error) as exc:
            what = "truncated" if isinstance(exc, EOFError) else f"corrupt ({exc})"
            _problem(recording, f"after line {number}: compressed data {what}; the rest is lost")


def _problem(recording: Recording, text: str) -> None:
    if len(recording.problems) < _MAX_PROBLEMS:
        recording.problems.append(f"{recording.path}: {text}")
    elif len(recording.problems) == _MAX_PROBLEMS:
        recording.problems.append(f"{recording.path}: more problems not listed")


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Entry",
    "Recording",
    "RecordingError",
    "entry_line",
    "header_line",
    "open_for_writing",
    "read_recording",
]
