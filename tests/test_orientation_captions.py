"""Orientation captions: every panel a layout can name explains itself to visitors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from views.captions import caption_for
from wallboard.layout import KNOWN_PANELS
from wallboard.shell.translations import install_language


@pytest.mark.parametrize("panel", KNOWN_PANELS)
def test_every_panel_a_layout_can_name_has_a_caption(panel):
    assert caption_for(panel)


def test_one_regions_agencies_panel_has_the_agencies_caption():
    assert caption_for("agencies:paser") == caption_for("agencies")
    assert caption_for("no-such-panel") is None


def test_captions_speak_indonesian_when_it_is_the_language(qapp):
    locale = QLocale()
    translator = install_language(qapp, "id")
    try:
        assert caption_for("comparison").startswith("Angka hari ini setiap wilayah")
        assert caption_for("alerts").startswith("Peringatan bahaya publik")
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
