"""Reading incident files: GeoJSON, GeoPackage, CSV and (Geo)Parquet, into EPSG:4326 GeoDataFrames.

Readers fail with an ``IncidentFileError`` (a ``ValueError``) that names the file and what is wrong,
never with a driver traceback, so the command line can print it as one line.

>>> gdf = read_incidents("examples/incidents_demo.geojson")  # doctest: +SKIP
>>> is_incident_file("reports/shelling.txt"), is_incident_file("out/incidents.gpkg")
(False, True)
"""
from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geomap.errors import IncidentFileError, NoCoordinatesError, OutputError
from geomap.files import check_output_path, replacing
from geomap.io.importers import detect, import_bellingcat, import_table, open_text

__all__ = ["WRITE_SUFFIXES", "is_incident_file", "read_incidents", "write_incidents"]

INCIDENT_SUFFIXES = (".geojson", ".json", ".gpkg", ".csv", ".parquet", ".geoparquet")
# Coordinate column pairs tried in order for tables without a geometry column.
_LATLON = [("latitude", "longitude"), ("lat", "lon"), ("lat", "lng"), ("y", "x")]


def is_incident_file(path: str | Path) -> bool:
    """Whether ``path`` names an incidents data file (by suffix) rather than report text."""
    return _suffix(Path(path)) in INCIDENT_SUFFIXES


def read_incidents(path: str | Path) -> gpd.GeoDataFrame:
    """Read an incidents file into a GeoDataFrame in EPSG:4326 (no CRS is taken as EPSG:4326).

    CSV and plain Parquet need a WKT ``geometry`` column or coordinate columns
    (``latitude``/``longitude``, ``lat``/``lon``, ``lat``/``lng`` or ``y``/``x``).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "x.csv")
    ...     _ = open(p, "w").write("date,lat,lon\\n2022-02-17,48.57,39.31\\n")
    ...     read_incidents(p).geometry[0].wkt
    'POINT (39.31 48.57)'
    """
    path = Path(path)
    if not path.is_file():
        raise IncidentFileError(f"{path}: no such file")
    suffix = _suffix(path)
    if suffix not in INCIDENT_SUFFIXES:
        raise IncidentFileError(f"{path}: unknown incidents format; "
                                f"use one of {', '.join(INCIDENT_SUFFIXES)}")
    try:
        if suffix == ".csv":
            gdf = _from_csv(path)
        elif suffix in (".parquet", ".geoparquet"):
            gdf = _read_parquet(path)
        elif suffix == ".json" and (events := _event_list(path)) is not None:
            gdf = import_bellingcat(events, path)
        else:
            gdf = gpd.read_file(path)
    except IncidentFileError:
        raise
    except Exception as exc:  # drivers raise many types; the message is what the user needs
        raise IncidentFileError(f"{path}: cannot read {suffix[1:]} file: {exc}") from exc
    if gdf.geometry.isna().all() and len(gdf):
        raise IncidentFileError(f"{path}: no row has a geometry")
    gdf = gdf.set_crs("EPSG:4326") if gdf.crs is None else gdf.to_crs("EPSG:4326")
    return gdf


def _suffix(path: Path) -> str:
    """The format's suffix, through a compression suffix ("events.csv.gz" is ".csv")."""
    suffixes = [x.lower() for x in path.suffixes]
    if len(suffixes) > 1 and suffixes[-1] == ".gz":
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


def _from_csv(path: Path) -> gpd.GeoDataFrame:
    """A CSV: a native export (ACLED, UCDP, CIR, FIRMS) in geomap's columns, else a table with a
    geometry or coordinate columns."""
    table = pd.read_csv(path, low_memory=False)
    native = detect(table)
    return import_table(table, native) if native else _from_table(table, path)


def _event_list(path: Path) -> list[dict] | None:
    """Bellingcat's events (a JSON list of objects with ids and dates), else None (GeoJSON)."""
    import json

    with open_text(path) as fh:
        head = fh.read(1).lstrip()
        if head != "[":
            return None
        events = json.loads(head + fh.read())
    return events if events and isinstance(events[0], dict) and {"id", "date"} <= set(events[0]) else None


def _read_parquet(path: Path) -> gpd.GeoDataFrame:
    try:
        return gpd.read_parquet(path)
    except ValueError:  # plain Parquet without GeoParquet metadata: treat it as a table
        return _from_table(pd.read_parquet(path), path)


def _from_table(df: pd.DataFrame, path: Path) -> gpd.GeoDataFrame:
    """Geometry from a WKT column or a coordinate pair."""
    columns = {c.lower(): c for c in df.columns}
    if "geometry" in columns:
        col = df[columns["geometry"]]
        try:
            geoms = shapely.from_wkt(col.where(col.notna(), None).astype(object))
        except shapely.errors.GEOSException as exc:
            raise IncidentFileError(f"{path}: column 'geometry' is not WKT: {exc}") from exc
        return gpd.GeoDataFrame(df.drop(columns=[columns["geometry"]]), geometry=geoms)
    for lat, lon in _LATLON:
        if lat in columns and lon in columns:
            y = pd.to_numeric(df[columns[lat]], errors="coerce")
            x = pd.to_numeric(df[columns[lon]], errors="coerce")
            _check_coordinates(path, x, y, df[columns[lat]].notna() | df[columns[lon]].notna(), (lat, lon))
            geoms = [None if pd.isna(a) or pd.isna(b) else shapely.Point(a, b) for a, b in zip(x, y)]
            return gpd.GeoDataFrame(df, geometry=geoms)
    raise NoCoordinatesError(
        f"{path}: no coordinates: expected a WKT 'geometry' column or latitude/longitude (or lat/lon) columns"
    )


def _check_coordinates(path: Path, x: pd.Series, y: pd.Series, written: pd.Series,
                       names: tuple[str, str]) -> None:
    """Faults of single rows stay with those rows: a row whose coordinates are not numbers is
    kept without a geometry, one out of range is kept as written (the checks mark both, with
    the reason), and a warning names them. Only a whole column out of range, as when latitude
    and longitude are swapped, is an error of the file."""
    unreadable = (x.isna() | y.isna()) & written
    if unreadable.any():
        rows = ", ".join(str(i + 2) for i in np.flatnonzero(unreadable)[:5])
        more = " ..." if unreadable.sum() > 5 else ""
        warnings.warn(f"{path}: {int(unreadable.sum())} row(s) with {names[0]}/{names[1]} that are not "
                      f"numbers (line {rows}{more}): kept without a geometry", stacklevel=3)
    given = x.notna() & y.notna()
    if given.any() and (y[given].abs() > 90).all() and (x[given].abs() <= 90).all():
        raise IncidentFileError(f"{path}: every {names[0]} is out of range; "
                                f"are {names[0]} and {names[1]} swapped?")


WRITE_SUFFIXES = (".geojson", ".gpkg", ".csv", ".parquet")


def _write_with_driver(frame: gpd.GeoDataFrame, part: Path, driver: str, path: Path) -> None:
    """Write through GDAL, then count the features back: GDAL can end a write cut short by a
    full disk without an error, and a cut file must never replace a whole one."""
    try:
        # The layer keeps the name the file will have, not the temporary one.
        frame.to_file(part, driver=driver, layer=path.stem)
        written = pyogrio.read_info(part)["features"]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FeatureError,
            pyogrio.errors.GeometryError, pyogrio.errors.FieldError) as exc:
        raise OutputError(f"{path}: cannot write: {exc}; the previous file, if any, is unchanged") from exc
    if written != len(frame):
        raise OutputError(f"{path}: the write was cut short ({written:,} of {len(frame):,} features; "
                          "is the disk full?); the previous file, if any, is unchanged")


def write_incidents(gdf: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write incidents to GeoJSON, GeoPackage, CSV (WKT ``geometry``) or GeoParquet, by suffix.

    Categorical and date columns are written as text so every format round-trips through
    :func:`read_incidents`. The file is written beside ``path`` and moved over it at the end: a
    failed write leaves an existing file unchanged (:class:`~geomap.errors.OutputError`).

    >>> import tempfile, os, shapely
    >>> frame = gpd.GeoDataFrame({"date": ["2022-02-17"]}, geometry=[shapely.Point(39.31, 48.57)], crs=4326)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     read_incidents(write_incidents(frame, os.path.join(d, "x.gpkg"))).date.tolist()
    ['2022-02-17']
    """
    path = check_output_path(path, WRITE_SUFFIXES)
    suffix = path.suffix.lower()
    out = gdf.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype) or (
            values.dtype == object and values.map(lambda v: hasattr(v, "isoformat")).any()
        ):
            out[column] = values.map(lambda v: None if pd.isna(v)
                                     else (v.isoformat() if hasattr(v, "isoformat") else str(v)))
    with replacing(path) as part:
        if suffix == ".csv":
            table = pd.DataFrame(out.drop(columns=out.geometry.name))
            table["geometry"] = shapely.to_wkt(out.geometry.to_numpy(), rounding_precision=6)
            table.to_csv(part, index=False)
        elif suffix == ".parquet":
            out.to_parquet(part, index=False)
        else:
            _write_with_driver(out, part, "GPKG" if suffix == ".gpkg" else "GeoJSON", path)
    return path
