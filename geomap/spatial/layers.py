"""Dated occupied areas, contact lines, oblasts and map context, from the embedded data.

Two control sources are embedded (see ``boundaries/SOURCES.md``):

- ``"liveuamap"`` (default): one reconciled series from 2014-02-27 — Crimea and Sevastopol
  from 2014-02-27, the pre-2022 Donbas areas from 2014-04-07 (exact only from 2015-02-18), and
  from 2022-02-24 the liveuamap/NZZ daily snapshots united with both.
- ``"deepstate"``: DeepStateMap's snapshots from 2024-07-08.

A snapshot holds from its date until the next one; a date outside a source's coverage raises
``ValueError`` naming the covered range. Geometries are shapely objects in EPSG:4326 and the
same date always returns the same object.

>>> from geomap import layers
>>> luhansk = shapely.Point(39.3078, 48.5740)
>>> layers.occupied_area("2022-02-17").contains(luhansk)
True
>>> layers.contact_line("2022-02-17").geom_type
'MultiLineString'
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.data import data_path
from geomap.dates import DateLike, parse_date
from geomap.errors import InputError
from geomap.spatial.crs import AREA_CRS

__all__ = [
    "ATTRIBUTION", "DEFAULT_SOURCE", "FULL_SCALE_INVASION", "PRE2022_LINE_DATE", "SOURCES", "SOURCE_NAMES",
    "ControlSeries", "contact_line", "contact_lines", "coverage", "info_text", "land", "layer_date",
    "oblasts", "occupied_2014", "occupied_area", "occupied_land_km2", "rivers", "series", "ukraine_land",
]

SOURCES = ("liveuamap", "deepstate")
DEFAULT_SOURCE = "liveuamap"
# The last day of the 2015-2022 Donbas line of contact (for maps that show it for reference).
PRE2022_LINE_DATE = dt.date(2022, 2, 23)
FULL_SCALE_INVASION = dt.date(2022, 2, 24)

ATTRIBUTION = {
    "liveuamap": "Occupied areas 2022–: liveuamap / NZZ",
    "deepstate": "Occupied areas 2024–: DeepStateMap",
    "geoboundaries": "Oblasts: geoBoundaries (gbOpen), © OpenStreetMap contributors, ODbL",
    "naturalearth": "Land and rivers: Natural Earth (public domain)",
    "geonames": "Data from GeoNames (geonames.org), CC BY 4.0",
}
SOURCE_NAMES = {"liveuamap": "liveuamap / NZZ (+ Crimea 2014, pre-2022 Donbas areas)",
                "deepstate": "DeepStateMap"}


@dataclass(frozen=True)
class ControlSeries:
    """One source's snapshots, sorted by date; row i holds from dates[i] to dates[i+1]."""

    source: str
    dates: np.ndarray  # datetime64[D]
    areas: np.ndarray  # shapely MultiPolygons
    fronts: np.ndarray  # shapely MultiLineStrings: lines of contact
    abls: np.ndarray  # shapely MultiLineStrings: Crimea's administrative boundary line (pre-2022)
    quality: np.ndarray  # "exact" or "approximate"
    land_km2: np.ndarray

    @property
    def first(self) -> dt.date:
        return self.dates[0].astype(dt.date)

    @property
    def last(self) -> dt.date:
        return self.dates[-1].astype(dt.date)

    def index(self, dates: np.ndarray) -> np.ndarray:
        """Row index for each date (datetime64[D] array); -1 where outside the coverage."""
        idx = np.searchsorted(self.dates, dates, side="right") - 1
        outside = (dates < self.dates[0]) | (dates > self.dates[-1]) | np.isnat(dates)
        idx[outside] = -1
        return idx

    def row(self, date: DateLike) -> int:
        when = parse_date(date)
        i = int(self.index(np.array([when], dtype="datetime64[D]"))[0])
        if i < 0:
            raise InputError(
                f"{when.isoformat()} is outside the {self.source} coverage "
                f"({self.first.isoformat()} to {self.last.isoformat()})"
            )
        return i


@functools.cache
def series(source: str = DEFAULT_SOURCE) -> ControlSeries:
    """The embedded snapshots of one source (loaded once, then cached).

    >>> series("deepstate").first.isoformat()
    '2024-07-08'
    """
    if source not in SOURCES:
        raise InputError(f"unknown control source {source!r}; choose one of {', '.join(SOURCES)}")
    frame = gpd.read_parquet(data_path(f"control_{source}.parquet"))
    return ControlSeries(
        source=source,
        dates=pd.to_datetime(frame["date"]).to_numpy().astype("datetime64[D]"),
        areas=frame.geometry.to_numpy(),
        fronts=frame["front"].to_numpy(),
        abls=frame["abl"].to_numpy(),
        quality=frame["quality"].to_numpy(),
        land_km2=frame["land_km2"].to_numpy(),
    )


def coverage(source: str = DEFAULT_SOURCE) -> tuple[dt.date, dt.date]:
    """First and last date a source covers.

    >>> [d.isoformat() for d in coverage("liveuamap")]
    ['2014-02-27', '2026-08-19']
    """
    s = series(source)
    return s.first, s.last


def layer_date(date: DateLike, source: str = DEFAULT_SOURCE) -> dt.date:
    """Date of the snapshot in force on ``date`` (a snapshot holds until the next one)."""
    s = series(source)
    return s.dates[s.row(date)].astype(dt.date)


def occupied_area(date: DateLike, source: str = DEFAULT_SOURCE) -> shapely.MultiPolygon:
    """Area assessed as Russian-held on ``date`` (MultiPolygon, EPSG:4326).

    >>> occupied_area("2015-01-01").contains(shapely.Point(34.10, 44.95))  # Simferopol
    True
    """
    s = series(source)
    return s.areas[s.row(date)]


@functools.cache
def _all_lines(source: str, row: int) -> shapely.MultiLineString:
    s = series(source)
    parts = [*shapely.get_parts(s.fronts[row]), *shapely.get_parts(s.abls[row])]
    return shapely.MultiLineString(parts)


def contact_line(date: DateLike, source: str = DEFAULT_SOURCE) -> shapely.MultiLineString:
    """The line of contact on ``date``: the occupied area's edge inside Ukraine, without the
    state border and the coast (MultiLineString, EPSG:4326). Before 2022 it includes Crimea's
    administrative boundary line; :func:`contact_lines` labels the parts.

    >>> contact_line("2022-02-17").is_empty
    False
    """
    return _all_lines(source, series(source).row(date))


def contact_lines(date: DateLike, source: str = DEFAULT_SOURCE) -> gpd.GeoDataFrame:
    """The contact line's parts labelled by ``kind``: ``front`` or ``administrative_boundary_line``.

    >>> sorted(contact_lines("2020-01-01").kind)
    ['administrative_boundary_line', 'front']
    """
    s = series(source)
    i = s.row(date)
    rows = [("front", s.fronts[i]), ("administrative_boundary_line", s.abls[i])]
    rows = [(kind, geom) for kind, geom in rows if not geom.is_empty]
    return gpd.GeoDataFrame(
        {"kind": [k for k, _ in rows]}, geometry=[g for _, g in rows], crs="EPSG:4326"
    )


def occupied_land_km2(date: DateLike, source: str = DEFAULT_SOURCE, crs: str = AREA_CRS) -> float:
    """Occupied land inside Ukraine on ``date`` in km² (equal-area CRS unless ``crs`` is given).

    >>> 43_000 < occupied_land_km2("2021-06-01") < 46_000
    True
    """
    s = series(source)
    i = s.row(date)
    if crs == AREA_CRS:
        return float(s.land_km2[i])
    on_land = s.areas[i].intersection(ukraine_land())
    return float(gpd.GeoSeries([on_land], crs="EPSG:4326").to_crs(crs).area.iloc[0] / 1e6)


@functools.cache
def oblasts() -> gpd.GeoDataFrame:
    """The 27 first-level units (24 oblasts, Crimea, Kyiv city, Sevastopol).

    Columns: ``iso`` (ISO 3166-2), ``name_en``, ``name_uk``, ``geonames_admin1``,
    ``geometry`` (with territorial waters, for point lookups) and ``land_geometry`` (for areas).

    >>> oblasts().set_index("iso").loc["UA-09", "name_en"]
    'Luhansk Oblast'
    """
    return gpd.read_parquet(data_path("oblasts.parquet"))


@functools.cache
def occupied_2014() -> gpd.GeoDataFrame:
    """Areas held since 2014: ``crimea``, ``sevastopol``, ``donetsk_pre2022``, ``luhansk_pre2022``
    with the date they are counted from (``since``)."""
    return gpd.read_parquet(data_path("occupied_2014.parquet"))


@functools.cache
def _land() -> gpd.GeoDataFrame:
    return gpd.read_parquet(data_path("land.parquet")).set_index("name")


def land() -> shapely.Geometry:
    """Natural Earth 1:10m land for the region (lon 20–42, lat 43–54)."""
    return _land().geometry["land"]


def ukraine_land() -> shapely.Geometry:
    """Ukraine's land: the union of the oblasts clipped to the land mask."""
    return _land().geometry["ukraine_land"]


@functools.cache
def rivers() -> gpd.GeoDataFrame:
    """Natural Earth river centre lines of the region (``name``, ``scalerank``, geometry)."""
    return gpd.read_parquet(data_path("rivers.parquet"))


def info_text() -> str:
    """Human-readable summary of the embedded sources, coverage and sizes (``geomap layers --info``)."""
    lines = ["Embedded control sources:"]
    for source in SOURCES:
        s = series(source)
        size = data_path(f"control_{source}.parquet").stat().st_size
        lines.append(
            f"  {source:10s} {s.first.isoformat()} .. {s.last.isoformat()}  {len(s.dates):4d} snapshots  "
            f"{size / 1e6:5.2f} MB  {SOURCE_NAMES[source]}"
        )
    approx = series(DEFAULT_SOURCE).dates[series(DEFAULT_SOURCE).quality == "approximate"]
    if len(approx):
        lines.append(f"  note: the pre-2022 Donbas areas are approximate before 2015-02-18 "
                     f"(from {approx[0]})")
    lines.append("Other layers:")
    for name in ("oblasts.parquet", "occupied_2014.parquet", "land.parquet", "rivers.parquet"):
        lines.append(f"  {name:22s} {data_path(name).stat().st_size / 1e6:5.2f} MB")
    lines.append("Attribution:")
    lines += [f"  {text}" for text in ATTRIBUTION.values()]
    return "\n".join(lines)
