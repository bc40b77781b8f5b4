"""The page's one way back into Python: "a marker was clicked", and "I am alive".

Registered on the map page's QWebChannel as ``wbClicks``; ``channel_bridge.js`` turns it
into ``window.wbMarkerClicked(id)``. A marker's id is its record's key as text
(``RecordKey.text``: backend and id), so a click names one region's record even when
another region uses the same id. The id comes from the page, so it is checked here
(known prefix, a well-formed key, a sane length) before anything else sees it; whether
the record exists is for whoever shows it to decide, against the store. The page also calls
``heartbeat()`` once a second, which carries nothing: its absence is how a hung
renderer is noticed (maps/renderer_watch.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

from wallboard.model import RecordKey

log = logging.getLogger(__name__)

CHANNEL_NAME = "wbClicks"
QWEBCHANNEL_JS = ":/qtwebchannel/qwebchannel.js"  # Qt's own, in its resources
BRIDGE_JS = Path(__file__).resolve().with_name("channel_bridge.js")
KINDS = ("incident", "unit")
TEXT_MAX = 200  # "incident:" and a key's text (backend/id) are far shorter


@dataclass(frozen=True)
class MarkerRef:
    """What was clicked: ``kind`` is "incident" or "unit", ``key`` the record's key."""

    kind: str
    key: RecordKey


def parse_marker_ref(text: object) -> MarkerRef | None:
    """``"incident:<backend>/<id>"`` / ``"unit:<backend>/<id>"`` -> MarkerRef; anything
    else -> None."""
    if not isinstance(text, str) or len(text) > TEXT_MAX:
        return None
    kind, sep, rest = text.partition(":")
    key = RecordKey.parse(rest)
    if not sep or kind not in KINDS or key is None:
        return None
    return MarkerRef(kind, key)


class _PageSlot(QObject):
    """The object the page sees: one slot, no signals or properties of its own.

    QWebChannel also shows the page what every QObject has (``deleteLater``,
    ``objectName``, ``destroyed``); a page calling ``deleteLater`` must not be able to
    cut the channel, so deferred deletion is refused (Qt deletes it with its parent).
    """

    def __init__(self, receive, beat, parent: QObject) -> None:
        super().__init__(parent)
        self._receive = receive
        self._beat = beat

    @Slot(str)
    def markerClicked(self, marker: str) -> None:
        self._receive(marker)

    @Slot()
    def heartbeat(self) -> None:
        self._beat()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DeferredDelete:
            return True  # swallowed: only our parent decides when this object goes
        return super().event(event)


class ClickChannel(QObject):
    """Checks what the page says was clicked; emits ``clicked`` for well-formed ids only.

    Python-side only: the page is given ``page_object``, never this one.
    """

    clicked = Signal(object)  # MarkerRef
    heartbeat = Signal()  # the page is alive: its script ran (once a second)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rejected = 0
        self.page_object = _PageSlot(self.marker_clicked, self.heartbeat.emit, self)

    def marker_clicked(self, marker: object) -> None:
        ref = parse_marker_ref(marker)
        if ref is None:
            self.rejected += 1
            if self.rejected == 1:
                log.warning("map page: ignored a malformed marker id")
            return
        self.clicked.emit(ref)


def _qt_resource_text(name: str) -> str:
    file = QFile(name)
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"Qt resource {name} is missing: is QtWebChannel installed?")
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()


def install_click_channel(page: QWebEnginePage) -> ClickChannel:
    """Give ``page`` a web channel holding only a ClickChannel, and its page-side script.

    Qt's qwebchannel.js and our bridge are injected as one user script when the document
    is ready (in every load, crash reloads included), so the page's HTML stays plain.
    """
    clicks = ClickChannel(page)
    channel = QWebChannel(page)
    channel.registerObject(CHANNEL_NAME, clicks.page_object)
    page.setWebChannel(channel)
    script = QWebEngineScript()
    script.setName("wb-click-channel")
    script.setSourceCode(
        _qt_resource_text(QWEBCHANNEL_JS) + "\n" + BRIDGE_JS.read_text(encoding="utf-8")
    )
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(False)
    page.scripts().insert(script)
    return clicks
