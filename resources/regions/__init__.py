"""Approximate region outlines (GeoJSON) for the map, authored by the project."""
