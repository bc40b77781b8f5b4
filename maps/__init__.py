"""The live incident map: a folium-built page fed by JSON diffs through a JS bridge.

Import the pieces from their modules (``maps.payload`` is pure Python; ``maps.map_view``
needs Qt), so the pure parts load without a QApplication.
"""
