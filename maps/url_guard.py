"""What the map page may load, and where it may go: nowhere but its own files and tiles.

``UrlGuard`` sits on the map's own profile and blocks every request except the page's
files (its cache folder and Leaflet's folders), Qt's web channel script, the MBTiles
scheme and the configured tile server (scheme, host and port). ``GuardedPage`` refuses
every navigation away from the map page and every new window. A page that tries to
reach out is thus cut off twice: it cannot load, and it cannot leave.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from maps.mbtiles import SCHEME as MBTILES_SCHEME

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "qrc:///qtwebchannel/"
_PLACEHOLDER = re.compile(r"\{[a-z]+\}")
_LABEL = "[a-z0-9-]+"


def tile_origin_pattern(url_template: str) -> re.Pattern[str] | None:
    """A matcher for ``scheme://host:port`` of an XYZ template; ``{s}`` matches a label.

    None when the template is not an http(s) URL (e.g. the MBTiles scheme).
    """
    parts = urlsplit(url_template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    netloc = parts.netloc.lower().rsplit("@", 1)[-1]
    pieces = _PLACEHOLDER.split(netloc)
    host = _LABEL.join(re.escape(p) for p in pieces)
    default_port = {"http": "80", "https": "443"}[parts.scheme]
    if ":" not in netloc:
        host += f":{default_port}"
    return re.compile(f"{parts.scheme}://{host}")


def _real(path: Path | str) -> str:
    return os.path.realpath(path)


class UrlGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request of the map page but the few it needs (see module doc).

    Blocked requests are counted per host (``blocked``) and logged once per host.
    """

    def __init__(
        self,
        folders: Iterable[Path],
        files: Iterable[Path] = (),
        tile_template: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folders = tuple(_real(f) for f in folders)
        self._files = frozenset(_real(f) for f in files)
        self._tiles = tile_origin_pattern(tile_template) if tile_template else None
        self._lock = threading.Lock()  # Qt may call from its IO thread
        self.blocked: Counter[str] = Counter()

    def allows(self, url: QUrl) -> bool:
        """Whether the page may load ``url``."""
        scheme = url.scheme().lower()
        if scheme == "file":
            path = _real(url.toLocalFile())
            return path in self._files or any(
                os.path.commonpath((path, folder)) == folder for folder in self._folders
            )
        if scheme == "qrc":
            return url.toString().startswith(CHANNEL_PREFIX)
        if scheme == MBTILES_SCHEME:
            return True
        if scheme == "data":
            return True  # inline images in Leaflet's stylesheet: no request leaves the page
        if self._tiles is not None and scheme in ("http", "https"):
            port = url.port(443 if scheme == "https" else 80)
            return self._tiles.fullmatch(f"{scheme}://{url.host().lower()}:{port}") is not None
        return False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if self.allows(url):
            return
        info.block(True)
        where = url.host() or url.scheme()
        with self._lock:
            self.blocked[where] += 1
            first = self.blocked[where] == 1
        if first:
            log.warning("map page: blocked a request to %s (%s)", where, url.scheme())


class GuardedPage(QWebEnginePage):
    """The map's page: loads its own URL when the view asks, goes nowhere, opens no windows.

    Even a reload started by the page is refused: the view re-sends its state only
    after loads it started itself, so a page reloading itself would come back empty.
    """

    def __init__(self, profile: QWebEngineProfile, home: QUrl, parent: QObject | None = None):
        super().__init__(profile, parent)
        self._home = _real(home.toLocalFile())
        self._expecting = False
        self.refused_navigations = 0

    def load_home(self) -> None:
        """Load (or reload) the map page: the only navigation this page accepts."""
        self._expecting = True
        self.setUrl(QUrl.fromLocalFile(self._home))

    def acceptNavigationRequest(
        self, url: QUrl, _type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        home = is_main_frame and url.isLocalFile() and _real(url.toLocalFile()) == self._home
        if home and self._expecting:
            self._expecting = False
            return True
        self._refuse(f"navigation to {url.toDisplayString()[:200]}")
        return False

    def createWindow(self, _type: QWebEnginePage.WebWindowType):
        self._refuse("a new window")
        return None

    def _refuse(self, what: str) -> None:
        self.refused_navigations += 1
        n = self.refused_navigations
        if n <= 3 or n & (n - 1) == 0:  # a page retrying in a loop does not flood the log
            log.warning("map page: refused %s (%d refused so far)", what, n)
