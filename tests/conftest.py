"""Test set-up shared by every test: headless Qt, a private config folder, map views.

The offscreen platform and the sandbox switch must be in the environment before Qt
loads, and QtWebEngineWidgets must be imported before the QApplication exists.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import pytest
from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
from PySide6.QtCore import QCoreApplication, QEvent

import maps.mbtiles  # noqa: F401  (registers the mbtiles: scheme, before QApplication)


@pytest.fixture(autouse=True)
def _private_config_home(tmp_path_factory, monkeypatch):
    """Point every config and cache lookup at a temp dir: tests never touch the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "localappdata"))


@pytest.fixture
def make_view(qtbot, tmp_path):
    """``make_view(**options)``: a shown 1280×800 MapView caching in the test's folder."""
    from maps.map_view import MapView  # only the map tests pay for loading the map

    views: list[MapView] = []

    def make(**kwargs) -> MapView:
        view = MapView(cache_dir=tmp_path / "map", **kwargs)
        view.resize(1280, 800)
        view.show()
        views.append(view)
        return view

    yield make
    for view in views:
        view.close()
        view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
