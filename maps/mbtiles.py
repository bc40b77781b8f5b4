"""Offline tiles: an MBTiles file (SQLite) served to the map page through a Qt URL scheme.

A centre with no internet points ``[map] tiles`` at ``mbtiles:/path/file.mbtiles``; the
page then asks for ``mbtiles:{z}/{x}/{y}`` and ``MBTilesHandler`` answers from the file
(read-only; TMS rows, so y is flipped; 404 for a tile the file does not hold).

Qt needs a custom scheme registered before the QApplication exists, so importing this
module registers it: the application and the tests import it first thing.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

log = logging.getLogger(__name__)

SCHEME = "mbtiles"
URL_TEMPLATE = f"{SCHEME}:{{z}}/{{x}}/{{y}}"
MAX_ZOOM = 24  # past this a tile address is nonsense, not a request to look up

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", b"image/png"),
    (b"\xff\xd8\xff", b"image/jpeg"),
)


def register_scheme() -> None:
    """Tell QtWebEngine about ``mbtiles:`` (once, before the QApplication is created)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    # Local: only local pages (our file:// map) may load it, never a web page.
    scheme.setFlags(QWebEngineUrlScheme.Flag.LocalScheme | QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


register_scheme()


def tile_mime(data: bytes) -> bytes | None:
    """The image type of a tile from its first bytes (PNG, JPEG, WebP), else None."""
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return b"image/webp"
    return None


def parse_tile_path(path: str) -> tuple[int, int, int] | None:
    """``"z/x/y"`` (an extension on y is allowed) -> (z, x, y), or None if not a tile."""
    parts = path.strip("/").split("/")
    if len(parts) != 3:
        return None
    parts[2] = parts[2].split(".", 1)[0]
    if not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts):
        return None
    z, x, y = (int(p) for p in parts)
    if z > MAX_ZOOM or x >= 2**z or y >= 2**z:
        return None
    return z, x, y


class MBTilesFile:
    """Read-only access to one MBTiles file: tiles by XYZ address, and its metadata."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True)
        return self._conn

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ (z, x, y); MBTiles stores TMS rows, counted from the south."""
        row = (2**z - 1) - y
        found = (
            self._connection()
            .execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, row),
            )
            .fetchone()
        )
        return bytes(found[0]) if found and found[0] is not None else None

    def metadata(self) -> dict[str, str]:
        """The file's name/value metadata (attribution, minzoom, maxzoom, format …)."""
        try:
            rows = self._connection().execute("SELECT name, value FROM metadata").fetchall()
        except sqlite3.Error:
            return {}
        return {str(name): str(value) for name, value in rows}

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class MBTilesHandler(QWebEngineUrlSchemeHandler):
    """Answers ``mbtiles:z/x/y`` from one MBTiles file; misses and bad addresses are 404s."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file = MBTilesFile(path)
        self._broken = False
        self.served = 0
        self.missing = 0

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        address = parse_tile_path(job.requestUrl().path())
        data = None
        if address is not None and not self._broken:
            try:
                data = self._file.tile(*address)
            except sqlite3.Error as exc:
                # a missing or corrupt file: say so once, then the map runs on without tiles
                self._broken = True
                log.error("MBTiles file %s cannot be read: %s", self._file.path, exc)
        mime = tile_mime(data) if data else None
        if mime is None:
            self.missing += 1
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self.served += 1
        buffer = QBuffer(job)  # owned by the job: freed when the request is done
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime, buffer)

    def close(self) -> None:
        self._file.close()
