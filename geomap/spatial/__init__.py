"""Spatial stage: embedded layers (occupied areas, lines, oblasts on any date) and the checks of
points and polygons against them.

>>> from geomap.spatial import layers
>>> layers.coverage("deepstate")[0].isoformat()
'2024-07-08'
"""
from __future__ import annotations

from geomap.spatial import layers
from geomap.spatial.checks import check, distance_to_line_km

__all__ = ["check", "distance_to_line_km", "layers"]
