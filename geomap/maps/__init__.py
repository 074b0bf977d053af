"""Maps stage: self-contained folium maps of incidents and of the layers on a date.

>>> import geopandas as gpd, shapely
>>> incidents = gpd.GeoDataFrame({"date": ["2022-02-17"], "event_type": ["shelling"]},
...                              geometry=[shapely.Point(38.9, 48.67)], crs=4326)
>>> from geomap import render
>>> type(render(incidents)).__name__
'Map'
"""
from __future__ import annotations

from geomap.maps.render import iframe_snippet, layers_map

# (render() is geomap.render; a name render here would hide the module geomap.maps.render)
__all__ = ["iframe_snippet", "layers_map"]
