"""Reading and writing: incident files (GeoJSON, GeoPackage, CSV, Parquet) and report files.

>>> read_incidents("examples/incidents_demo.geojson").crs.to_epsg()
4326
"""
from __future__ import annotations

from geomap.io.incidents import read_incidents, write_incidents
from geomap.io.reports import read_reports

__all__ = ["read_incidents", "read_reports", "write_incidents"]
