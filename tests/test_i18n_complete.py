"""Every string the user sees is translated: in the sources (static) and on the wall (live).

(a) Static: every (context, source) the program marks for translation has a finished,
non-empty Indonesian translation in some resources/i18n/*_id.ts, with the same {n}
placeholders. (b) Live: the real wall in Indonesian, orientation mode, on the simulator;
no visible text (labels, buttons, tooltips, window titles, table headers and cells, the
map legend's words) is an English source whose Indonesian translation differs from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator

import msgspec
import pytest
from i18n_sources import marked_strings, translations
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget
from pytestqt.exceptions import TimeoutError

from maps.map_panel import MapPanel
from maps.styles import page_style
from wallboard.backends import poll_intervals
from wallboard.config import Settings
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import assemble_wall
from wallboard.shell.translations import install_language
from wallboard.simulator import start_simulator

BACKEND = "samarinda"
SIM_START = "2026-11-20T10:00:00+08:00"
_PLACEHOLDER = re.compile(r"\{\d+\}")
_MAX_ROWS = 40  # table rows read per table: enough to meet every vocabulary value


# -- (a) static ------------------------------------------------------------------------


def test_every_marked_string_has_a_finished_indonesian_translation():
    table = translations("id")
    marked = marked_strings()
    assert len(marked) > 100, "the source scan found too little: is it still reading _tr()?"
    missing = sorted({f"{m.where}: [{m.context}] {m.source!r}" for m in marked
                      if (m.context, m.source) not in table})  # fmt: skip
    assert not missing, "no Indonesian translation for:\n" + "\n".join(missing)


def test_translations_keep_the_placeholders_of_their_source():
    wrong = [
        f"[{context}] {source!r} -> {text!r}"
        for (context, source), text in translations("id").items()
        if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text))
    ]
    assert not wrong, "placeholders lost or added in translation:\n" + "\n".join(wrong)


# -- (b) live --------------------------------------------------------------------------


def _untranslated_matchers() -> list[tuple[str, re.Pattern[str]]]:
    """English sources whose Indonesian differs, as patterns ({n} matches anything)."""
    table = translations("id")
    matchers = []
    for (context, source), text in sorted(table.items()):
        if text == source:
            continue
        literal = _PLACEHOLDER.sub("", source)
        if len(literal.strip(" :()+·-–—")) < 3:
            continue  # "{0} s" and the like would match data ("12 s" and "12 dtk" alike)
        parts = [re.escape(p) for p in _PLACEHOLDER.split(source)]
        matchers.append((f"[{context}] {source!r}", re.compile("^" + "(.+)".join(parts) + "$")))
    return matchers


def _texts(widget: QWidget) -> Iterator[str]:
    """What a user can read on ``widget``: its text, tooltip, and a table's headers and cells."""
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if widget.toolTip():
        yield widget.toolTip()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for column in range(model.columnCount()):
            yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            for row in range(min(model.rowCount(), _MAX_ROWS)):
                yield str(model.index(row, column).data() or "")


def _pieces(text: str) -> Iterator[str]:
    """The text, and its parts where the wall joins several strings into one line."""
    yield text.strip()
    for piece in re.split(r" · |\n", text):
        yield piece.strip()


@pytest.fixture
def indonesian(qapp):
    old = QLocale()
    translator = install_language(qapp, "id")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(old)


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as server:
        yield server


def _settle_maps(qtbot, parts) -> None:
    # no page call left in flight when the windows go (see tests/test_wall_live.py)
    for window in parts.wall.windows:
        for panel in window.panels:
            view = getattr(panel, "view", None) if isinstance(panel, MapPanel) else None
            if view is None:
                continue
            with contextlib.suppress(TimeoutError):
                qtbot.waitUntil(lambda v=view: v.is_ready, timeout=20_000)
                for timer in view.findChildren(QTimer):
                    timer.stop()
                box: list = []
                view.drawn_ids(box.append)
                qtbot.waitUntil(lambda b=box: bool(b), timeout=5000)


def test_the_indonesian_wall_shows_no_english_string_that_has_a_translation(
    qapp, qtbot, sim, indonesian
):
    replace = msgspec.structs.replace
    settings = Settings()
    settings = replace(settings, wall=replace(settings.wall, language="id", orientation=True))
    spec = BackendSpec(name=BACKEND, url=sim.url, intervals=poll_intervals(2.0), timeout=5.0)
    screens = [qapp.primaryScreen()] * 3
    parts = assemble_wall(qapp, settings, [spec], screens=lambda: screens)
    try:

        async def polls() -> None:
            for kind in FeedKind:
                await parts.poller.poll_once(BACKEND, kind)

        asyncio.run(polls())
        parts.wall.tick()
        matchers = _untranslated_matchers()
        seen: dict[str, str] = {}  # visible text -> where
        for n, window in enumerate(parts.wall.windows):
            seen[window.windowTitle()] = f"screen {n}: window title"
            for page in range(window.pages.count()):
                window.pages.setCurrentIndex(page)
                for widget in [window, *window.findChildren(QWidget)]:
                    if widget.isVisible():
                        for text in _texts(widget):
                            seen.setdefault(
                                text, f"screen {n} page {page}: {type(widget).__name__}"
                            )
        legend = page_style("id")
        words = list(legend["words"].values())
        words += [c["label"] for c in legend["categories"].values()]
        words += [p["label"] for p in legend["priorities"].values()]
        words += [a["label"] for a in legend["legend_agencies"]]
        words += [u["label"] for u in legend["legend_unit_statuses"]]
        for word in words:
            seen.setdefault(word, "map legend (maps/styles.py)")

        assert len(seen) > 50, "too little text on the wall: did the data arrive?"
        untranslated = sorted(
            {
                f"{where}: {piece!r} is the English of {name}"
                for text, where in seen.items()
                for piece in _pieces(text)
                for name, pattern in matchers
                if piece and pattern.match(piece)
            }
        )
        assert not untranslated, "shown in English on the Indonesian wall:\n" + "\n".join(
            untranslated
        )
        captions = [t for t, where in seen.items() if "Sekilas" in t or "sekilas" in t]
        assert captions, "the orientation captions and summary page should be on show"
    finally:
        parts.close()
        _settle_maps(qtbot, parts)
        for window in parts.wall.windows:
            window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
