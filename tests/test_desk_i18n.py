"""The desk in Indonesian (the default language) shows no English string that has a
translation: window title, menus and their actions, parts' titles, filters, lists'
headers and cells, details, status line. On the real simulator."""

from __future__ import annotations

import pytest
from desk_support import build_desk, take_down
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QWidget
from test_i18n_complete import _pieces, _texts, _untranslated_matchers

from wallboard.shell.translations import install_language
from wallboard.simulator import start_simulator

SIM_START = "2026-11-20T10:00:00+08:00"


@pytest.fixture
def indonesian(qapp):
    old = QLocale()
    translator = install_language(qapp, "id")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(old)


def test_the_indonesian_desk_shows_no_english_string_that_has_a_translation(
    qapp, qtbot, tmp_path, indonesian
):
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as sim:
        desk = build_desk(qapp, sim.url, tmp_path, language="id")
        try:
            desk.poll_all()
            window = desk.window
            window.tick()
            incident = window.incidents.table.model().index(0, 0)
            window.incidents.table.setCurrentIndex(incident)
            window.open_details("incident", window.incidents.table.selected_record())
            seen: dict[str, str] = {window.windowTitle(): "window title"}
            for action in window.menuBar().actions():
                seen.setdefault(action.text(), "menu")
                for item in action.menu().actions():
                    seen.setdefault(item.text(), f"menu {action.text()}")
            for name, part in window.parts.items():
                seen.setdefault(part.windowTitle(), f"part {name}")
            for widget in [window, *window.findChildren(QWidget)]:
                if not widget.isVisible():
                    continue
                for text in _texts(widget):
                    seen.setdefault(text, type(widget).__name__)
                if isinstance(widget, QComboBox):
                    for i in range(widget.count()):
                        seen.setdefault(widget.itemText(i), "filter")
                if hasattr(widget, "placeholderText"):
                    seen.setdefault(widget.placeholderText(), "placeholder")
            assert len(seen) > 80, "too little text on the desk: did the data arrive?"
            matchers = _untranslated_matchers()
            untranslated = sorted(
                {
                    f"{where}: {piece!r} is the English of {name}"
                    for text, where in seen.items()
                    for variant in {text, text.replace("&", "")}  # menus' accelerators
                    for piece in _pieces(variant)
                    for name, pattern in matchers
                    if piece and pattern.match(piece)
                }
            )
            assert not untranslated, "in English on the Indonesian desk:\n" + "\n".join(
                untranslated
            )
            assert "Berkas" in {a.text().replace("&", "") for a in window.menuBar().actions()}
        finally:
            take_down(qtbot, [desk])
