"""geomap: turn reports of shelling and strikes in Ukraine into checked, mapped incidents.

Data flows one way: text -> mentions -> places -> incidents -> checked incidents -> map, one
sub-package a stage (``extract``, ``geocode``, ``spatial``, ``maps``, ``io``) over a small core
(``errors``, ``schema``, ``dates``, ``data``). ``check`` and ``extract_reports`` also take Dask
collections (``parallel``: the same work spread over cores or machines).

>>> import geomap
>>> geomap.layers.coverage("liveuamap")[0].isoformat()
'2014-02-27'
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from geomap import accessor  # noqa: F401  (registers the df.geomap accessor)
from geomap.errors import GeomapError, InputError
from geomap.extract import extract_incidents, extract_mentions, preload
from geomap.geocoding import Gazetteer, geocode, reverse
from geomap.geocoding.tables import geocode_table
from geomap.io import read_incidents, read_reports, write_incidents
from geomap.maps.render import render
from geomap.parallel import check, extract_reports
from geomap.spatial import layers

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = [
    "Gazetteer", "GeomapError", "InputError", "__version__", "check", "extract_incidents", "extract_mentions",
    "extract_reports", "geocode", "geocode_table", "layers", "preload", "read_incidents", "read_reports",
    "render", "reverse", "write_incidents",
]
