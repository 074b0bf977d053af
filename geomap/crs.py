"""Coordinate reference systems used across geomap.

Data goes in and out in EPSG:4326. Measurements use projections fitted to Ukraine:

- ``LENGTH_CRS``: Lambert conformal conic with standard parallels 45.5° and 50.5° N; its scale
  error stays below 0.5 % from the Black Sea coast to the Belarus border, so distances to the
  contact line are good to a few metres per kilometre.
- ``AREA_CRS``: Lambert azimuthal equal-area centred on Ukraine, for true areas.
- ``REPORT_AREA_CRS``: EPSG:6381 (UCS-2000 / Ukraine TM zone 7), the CRS the project's area
  figures were first stated in. Its central meridian is 21° E, so it overstates areas in the
  east by about 4 %; it is kept only so those figures can be compared.

>>> from geomap.crs import LENGTH_CRS
>>> LENGTH_CRS.startswith("+proj=lcc")
True
"""
from __future__ import annotations

GEOGRAPHIC_CRS = "EPSG:4326"
LENGTH_CRS = "+proj=lcc +lat_1=45.5 +lat_2=50.5 +lat_0=48.5 +lon_0=31.5 +ellps=GRS80 +units=m +no_defs"
AREA_CRS = "+proj=laea +lat_0=48.5 +lon_0=31.5 +ellps=GRS80 +units=m +no_defs"
REPORT_AREA_CRS = "EPSG:6381"
