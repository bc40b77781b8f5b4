"""What the map view tests share besides the ``make_view`` fixture (in conftest.py):
a way to ask the page something."""

from __future__ import annotations

from maps.map_view import MapView


def run_js(qtbot, view: MapView, script: str):
    """Evaluate ``script`` in the page and return its (JSON-decoded string) result."""
    box: list = []
    view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]
