"""``gdf.geomap``: geomap's functions as a GeoDataFrame accessor (registered on import of geomap).

>>> import geopandas as gpd, shapely
>>> gpd.GeoDataFrame({"date": ["2023-01-01"]}, geometry=[shapely.Point(30.52, 50.45)],
...                  crs=4326).geomap.check().control.tolist()
['government']
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geomap.dates import DateLike
from geomap.spatial import layers
from geomap.spatial.checks import check

__all__ = ["GeomapAccessor"]


@pd.api.extensions.register_dataframe_accessor("geomap")
class GeomapAccessor:
    """``gdf.geomap.check()``: :func:`geomap.check` on the frame."""

    def __init__(self, frame: pd.DataFrame):
        if not isinstance(frame, gpd.GeoDataFrame):
            raise AttributeError("the .geomap accessor works on GeoDataFrames")
        self._frame = frame

    def check(self, date_column: str = "date", source: str = layers.DEFAULT_SOURCE,
              date: DateLike = None) -> gpd.GeoDataFrame:
        """:func:`geomap.check` of this frame."""
        return check(self._frame, date_column=date_column, source=source, date=date)
