"""Coordinate reference systems used across geomap, and quick distances in km.

Data goes in and out in EPSG:4326. Measurements use projections fitted to Ukraine:

- ``LENGTH_CRS``: Lambert conformal conic with standard parallels 45.5° and 50.5° N; its scale
  error stays below 0.5 % from the Black Sea coast to the Belarus border, so distances to the
  contact line are good to a few metres per kilometre.
- ``AREA_CRS``: Lambert azimuthal equal-area centred on Ukraine, for true areas.
- ``REPORT_AREA_CRS``: EPSG:6381 (UCS-2000 / Ukraine TM zone 7), the CRS the project's area
  figures were first stated in. Its central meridian is 21° E, so it overstates areas in the
  east by about 4 %; it is kept only so those figures can be compared.

>>> LENGTH_CRS.startswith("+proj=lcc")
True
>>> round(distance_km(37.80, 48.60, 38.00, 48.60), 1)
14.7
"""
from __future__ import annotations

import functools
import math

import numpy as np
import pyproj
import shapely

__all__ = ["AREA_CRS", "GEOGRAPHIC_CRS", "KM_PER_DEGREE", "LENGTH_CRS", "REPORT_AREA_CRS", "distance_km",
           "distances_km", "projected", "transformer"]

GEOGRAPHIC_CRS = "EPSG:4326"
LENGTH_CRS = "+proj=lcc +lat_1=45.5 +lat_2=50.5 +lat_0=48.5 +lon_0=31.5 +ellps=GRS80 +units=m +no_defs"
AREA_CRS = "+proj=laea +lat_0=48.5 +lon_0=31.5 +ellps=GRS80 +units=m +no_defs"
REPORT_AREA_CRS = "EPSG:6381"
KM_PER_DEGREE = 111.2


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Equirectangular distance in km; exact enough below a few hundred km."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return KM_PER_DEGREE * math.hypot(x, lat2 - lat1)


def distances_km(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """:func:`distance_km` from one point to many."""
    x = (lons - lon) * math.cos(math.radians(lat))
    return KM_PER_DEGREE * np.hypot(x, lats - lat)


def projected(geoms, crs: str):
    """Geometries in EPSG:4326 (one or an array) in ``crs``: as ``GeoSeries.to_crs`` makes them,
    with one transformer a CRS, made once (a new one parses both CRSs again).

    >>> import geopandas as gpd
    >>> box = shapely.box(31, 48, 32, 49)
    >>> by_geopandas = gpd.GeoSeries([box], crs=4326).to_crs(AREA_CRS).area[0]
    >>> bool(shapely.area(projected(box, AREA_CRS)) == by_geopandas)
    True
    """
    to_crs = transformer(crs)
    return shapely.transform(geoms, lambda xy: np.column_stack(to_crs.transform(xy[:, 0], xy[:, 1])))


@functools.cache
def transformer(crs: str) -> pyproj.Transformer:
    """The transformer from EPSG:4326 to ``crs`` (x = longitude), one for the whole package."""
    return pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, crs, always_xy=True)


# Made at import: making a transformer parses both CRSs, a cost no report's or check's call
# should carry (a process's first would).
transformer(LENGTH_CRS)
transformer(AREA_CRS)
