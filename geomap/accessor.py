"""``df.geomap``: geomap's functions as a pandas accessor (registered on import of geomap):
``df.geomap.geocode(column)`` on any table, ``gdf.geomap.check()`` on a GeoDataFrame.

>>> import geopandas as gpd, pandas as pd, shapely
>>> gpd.GeoDataFrame({"date": ["2023-01-01"]}, geometry=[shapely.Point(30.52, 50.45)],
...                  crs=4326).geomap.check().control.tolist()
['government']
>>> pd.DataFrame({"town": ["Kramatorsk"]}).geomap.geocode("town").place_name.tolist()
['Kramatorsk']
"""
from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from geomap.dates import DateLike
from geomap.errors import InputTypeError
from geomap.geocoding.tables import geocode_table
from geomap.spatial import layers
from geomap.spatial.checks import check

__all__ = ["GeomapAccessor"]


@pd.api.extensions.register_dataframe_accessor("geomap")
class GeomapAccessor:
    """``df.geomap.geocode(...)`` and ``gdf.geomap.check(...)``."""

    def __init__(self, frame: pd.DataFrame):
        self._frame = frame

    def geocode(self, column: str, date: str | DateLike = None, hint: str | None = None,
                **options: Any) -> gpd.GeoDataFrame:
        """:func:`geomap.geocode_table` of this table."""
        return geocode_table(self._frame, column, date, hint, **options)

    def check(self, date_column: str = "date", source: str = layers.DEFAULT_SOURCE,
              date: DateLike = None) -> gpd.GeoDataFrame:
        """:func:`geomap.check` of this frame (a GeoDataFrame)."""
        if not isinstance(self._frame, gpd.GeoDataFrame):
            raise InputTypeError("check() needs geometries: geocode a place column first (df.geomap.geocode)")
        return check(self._frame, date_column=date_column, source=source, date=date)
