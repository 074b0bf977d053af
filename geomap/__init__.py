"""geomap: turn reports of shelling and strikes in Ukraine into checked, mapped incidents.

Data flows one way: text -> mentions -> places -> incidents -> checked incidents -> map.

>>> import geomap
>>> geomap.layers.coverage("liveuamap")[0].isoformat()
'2014-02-27'
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from geomap import layers
from geomap.checks import check
from geomap.extract import extract_incidents, extract_mentions, extract_reports
from geomap.geocoders import geocode
from geomap.maps import render

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = ["__version__", "check", "extract_incidents", "extract_mentions", "extract_reports", "geocode", "layers",
           "render"]
