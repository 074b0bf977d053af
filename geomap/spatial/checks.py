"""Spatial checks at each incident's own date: control, oblast, signed distance to the line.

:func:`check` is vectorized with shapely 2 array functions: rows are grouped by the control
snapshot in force on their date, and each group is tested at once (prepared ``contains_xy``
for areas, an STRtree of line segments for nearest distances). Problems with single rows
(no date, a date outside the data, missing or impossible coordinates) give
``control="unknown"`` and a ``control_reason``; they never fail the whole frame.

Columns added (the checked-incident schema):

=================  ==========================================================================
``control``        ``occupied_since_2014`` | ``occupied_since_2022`` | ``government`` |
                   ``outside_ukraine`` | ``unknown``
``control_reason`` why ``unknown`` (or a caveat, e.g. the approximate line of 2014), else empty;
                   a polygon with 5-95 % of its area occupied is ``unknown`` ("straddles")
``oblast``         ISO 3166-2 code of the first-level unit (``UA-14``), empty outside Ukraine
``oblast_name``    its English name
``line_km``        distance to the contact line in km: positive on the government side,
                   negative on the occupied side (measured in :data:`geomap.spatial.crs.LENGTH_CRS`)
``line_zone``      ``within_5km`` | ``within_15km`` | ``within_30km`` | ``beyond_30km``
``layer_date``     date of the control snapshot used (a snapshot holds until the next one)
``layer_source``   control source used (``liveuamap`` or ``deepstate``)
``occupied_share`` for polygons: share of the area occupied on that date; empty for points
=================  ==========================================================================

>>> import geopandas as gpd, shapely
>>> frame = gpd.GeoDataFrame({"date": ["2022-02-17"]},
...                          geometry=[shapely.Point(39.3078, 48.5740)], crs=4326)
>>> check(frame)[["control", "oblast"]].values.tolist()
[['occupied_since_2014', 'UA-09']]
"""
from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geomap.dates import DateLike, date_column, parse_date
from geomap.errors import InputError, InputTypeError
from geomap.schema import BEYOND_ZONE, CONTROL_VALUES, LINE_ZONES
from geomap.spatial import layers
from geomap.spatial.crs import AREA_CRS, GEOGRAPHIC_CRS, LENGTH_CRS, projected, transformer

__all__ = ["check", "check_columns", "distance_to_line_km", "preload"]

STRADDLE_SHARE = 0.05  # a polygon with 5-95 % of its area occupied lies on both sides of the line
BOX_CHUNK = 65_536  # points per step of the oblast box pre-filter
PAIR_POINTS = 2_000  # up to this many points, oblast_of tests every point-box pair in one call
NEAREST_NODE_CAPACITY = 2  # entries per node of the segment trees (GEOS's smallest)

_TO_METRIC = transformer(LENGTH_CRS)
_GEOGRAPHIC = pyproj.CRS(GEOGRAPHIC_CRS)
_CONTROL_DTYPE = pd.CategoricalDtype(CONTROL_VALUES)
_CONTROL_CODE = {value: code for code, value in enumerate(CONTROL_VALUES)}


def preload(source: str = layers.DEFAULT_SOURCE) -> None:
    """Load the control layers of ``source``, the oblasts and the areas held since 2014 now, not
    on first use (the snapshots' prepared areas and line trees are still made per date)."""
    layers.series(source)
    _oblast_index()
    _since_2014()


# --- cached, prepared layer pieces --------------------------------------------------------
@functools.cache
def _prepared_area(source: str, row: int):
    area = layers.series(source).areas[row]
    shapely.prepare(area)
    return area


@functools.cache
def _since_2014():
    area = shapely.union_all(layers.occupied_2014().geometry.values)
    shapely.prepare(area)
    return area


@functools.cache
def _oblast_index():
    """Oblast polygons, prepared, with their bounding boxes as arrays for a cheap pre-filter."""
    table = layers.oblasts()
    geoms = table.geometry.to_numpy()
    shapely.prepare(geoms)
    return geoms, shapely.bounds(geoms), table.iso.to_numpy(), table.name_en.to_numpy()


@functools.cache
def _segment_tree(source: str, row: int, front_only: bool = False) -> shapely.STRtree | None:
    """STRtree over the contact line's segments in the metric CRS (nearest-distance queries);
    ``front_only``: without Crimea's administrative boundary line."""
    line = layers.series(source).fronts[row] if front_only else \
        layers.contact_line(layers.series(source).dates[row], source)
    coords, index = shapely.get_coordinates(shapely.get_parts(line), return_index=True)
    if len(coords) < 2:
        return None
    x, y = _TO_METRIC.transform(coords[:, 0], coords[:, 1])
    same_part = index[1:] == index[:-1]
    starts = np.column_stack([x[:-1], y[:-1]])[same_part]
    ends = np.column_stack([x[1:], y[1:]])[same_part]
    segments = shapely.linestrings(np.stack([starts, ends], axis=1))
    # Two entries a node instead of shapely's ten: the nearest-segment search then opens fewer
    # entries on its way down (twice as fast on the contact lines; the distances are the same).
    return shapely.STRtree(segments, node_capacity=NEAREST_NODE_CAPACITY)


PIECE_TREE_POINTS = 1_000  # up to this many points, line distances are measured on pieces (_piece_tree)
PIECE_SEGMENTS = 8
PIECE_NODE_CAPACITY = 2  # entries per node of the piece trees: the nearest-piece search opens fewer


@functools.cache
def _piece_tree(source: str, row: int, front_only: bool = False) -> shapely.STRtree | None:
    """STRtree over pieces of the contact line of PIECE_SEGMENTS segments each (the last of a
    part fewer), in the metric CRS: a point's distance to its nearest piece is its distance to
    the nearest segment, as :func:`_segment_tree` finds it. For a few hundred points it answers
    faster, and building it costs a fraction of building the tree of segments (a report is often
    the first of its date)."""
    line = layers.series(source).fronts[row] if front_only else \
        layers.contact_line(layers.series(source).dates[row], source)
    coords, part = shapely.get_coordinates(shapely.get_parts(line), return_index=True)
    x, y = _TO_METRIC.transform(coords[:, 0], coords[:, 1])
    starts = np.flatnonzero(np.diff(part)) + 1  # where each part's coordinates begin
    # consecutive pieces share a vertex, so that every segment of a part is in one piece
    pieces = [xy[k:k + PIECE_SEGMENTS + 1] for xy in np.split(np.column_stack([x, y]), starts)
              for k in range(0, len(xy) - 1, PIECE_SEGMENTS)]
    if not pieces:
        return None
    sizes = [len(piece) for piece in pieces]
    lines = shapely.linestrings(np.concatenate(pieces), indices=np.repeat(np.arange(len(pieces)), sizes))
    return shapely.STRtree(lines, node_capacity=PIECE_NODE_CAPACITY)


# --- the vectorized steps -----------------------------------------------------------------
def oblast_of(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Index into ``layers.oblasts()`` for each lon/lat pair; -1 outside Ukraine.

    >>> int(oblast_of(np.array([30.52]), np.array([50.45]))[0]) >= 0
    True
    """
    geoms, bounds, _, _ = _oblast_index()
    if len(x) <= PAIR_POINTS:
        return _oblast_by_pairs(x, y, geoms, bounds)
    found = np.full(len(x), -1)
    for i in _boxes_hit(x, y, bounds):
        x0, y0, x1, y1 = bounds[i]
        candidate = np.flatnonzero((found < 0) & (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
        if len(candidate):
            inside = shapely.contains_xy(geoms[i], x[candidate], y[candidate])
            found[candidate[inside]] = i
    return found


def _oblast_by_pairs(x: np.ndarray, y: np.ndarray, geoms: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """:func:`oblast_of` for a few points (a report's dozen): every point tested against every
    oblast whose box holds it, in one call instead of one call per oblast (a few µs each). With
    many points testing box by box costs less: a point found is not tested again.
    The answer is the same: the first oblast (lowest index) that contains the point."""
    xs, ys = x[:, None], y[:, None]
    inside = (xs >= bounds[:, 0]) & (xs <= bounds[:, 2]) & (ys >= bounds[:, 1]) & (ys <= bounds[:, 3])
    point, box = np.nonzero(inside)  # by point, then by oblast index
    contained = shapely.contains_xy(geoms[box], x[point], y[point])
    point, box = point[contained], box[contained]
    first = np.ones(len(point), bool)  # each point's first containing oblast
    first[1:] = point[1:] != point[:-1]
    found = np.full(len(x), -1)
    found[point[first]] = box[first]
    return found


def _boxes_hit(x: np.ndarray, y: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Indices (ascending) of the boxes that hold at least one point: a report's dozen points
    fall in a few oblasts, and testing all of them one by one would cost more than the tests."""
    hit = np.zeros(len(bounds), bool)
    for start in range(0, len(x), BOX_CHUNK):  # bounded memory: BOX_CHUNK x boxes at a time
        xs, ys = x[start:start + BOX_CHUNK, None], y[start:start + BOX_CHUNK, None]
        inside = (xs >= bounds[:, 0]) & (xs <= bounds[:, 2]) & (ys >= bounds[:, 1]) & (ys <= bounds[:, 3])
        hit |= inside.any(axis=0)
    return np.flatnonzero(hit)


def line_distance_km(source: str, row: int, mx: np.ndarray, my: np.ndarray,
                     max_km: float | None = None, front_only: bool = False) -> np.ndarray:
    """Unsigned distance (km) from metric points to the contact line of one snapshot; with
    ``max_km``, inf beyond it (the nearest-segment search then stops early: 3x faster)."""
    small = len(mx) <= PIECE_TREE_POINTS
    tree = _piece_tree(source, row, front_only) if small else _segment_tree(source, row, front_only)
    if tree is None:
        return np.full(len(mx), np.nan)
    points = shapely.points(mx, my)
    limit = {} if max_km is None else {"max_distance": max_km * 1000.0}
    (point_idx, _), dist = tree.query_nearest(points, return_distance=True, all_matches=False, **limit)
    out = np.full(len(mx), np.nan if max_km is None else np.inf)
    out[point_idx] = dist / 1000.0
    return out


def distance_to_line_km(lon: object, lat: object, date: DateLike, source: str = layers.DEFAULT_SOURCE,
                        max_km: float | None = None, front_only: bool = False) -> np.ndarray:
    """Unsigned distance in km from lon/lat arrays to the contact line in force on ``date``
    (NaN where the snapshot has no line; with ``max_km``, inf beyond that distance; with
    ``front_only``, to the front alone, without Crimea's administrative boundary line of 2014-22).

    The same computation :func:`check` uses, for callers that rank or filter places by it.

    >>> round(float(distance_to_line_km([30.5234], [50.4501], "2022-02-17")[0]))
    522
    >>> float(distance_to_line_km([30.5234], [50.4501], "2022-02-17", max_km=200)[0])
    inf
    """
    row = layers.series(source).row(date)
    mx, my = _TO_METRIC.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return line_distance_km(source, row, np.atleast_1d(mx), np.atleast_1d(my), max_km, front_only)


def zone_of(line_km: np.ndarray) -> np.ndarray:
    """``line_zone`` labels for signed distances (NaN -> empty)."""
    dist = np.abs(line_km)
    zone = np.full(len(dist), BEYOND_ZONE, dtype=object)
    for limit, label in reversed(LINE_ZONES):
        zone[dist <= limit] = label
    zone[np.isnan(dist)] = None
    return zone


def _dates(frame: pd.DataFrame, date_column_name: str, date: DateLike) -> tuple[np.ndarray, np.ndarray]:
    """Dates as datetime64[D] (NaT where unusable) and the reason per row."""
    n = len(frame)
    if date is not None:
        return np.full(n, np.datetime64(parse_date(date), "D")), np.full(n, None, dtype=object)
    if date_column_name not in frame.columns:
        reason = np.full(n, f"no date: column {date_column_name!r} is missing", dtype=object)
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"), reason
    days, reason = date_column(frame[date_column_name])
    unreadable = reason == "unreadable date"
    if unreadable.any():
        examples = ", ".join(repr(str(v)) for v in pd.unique(frame[date_column_name][unreadable])[:3])
        warnings.warn(f"{int(unreadable.sum())} row(s) with a date that cannot be read ({examples}): kept, "
                      "marked unknown; write dates as YYYY-MM-DD", stacklevel=3)
    return days, reason


def check(
    gdf: gpd.GeoDataFrame | gpd.GeoSeries,
    date_column: str = "date",
    source: str = layers.DEFAULT_SOURCE,
    date: DateLike = None,
) -> gpd.GeoDataFrame:
    """Check each row against the occupied area and contact line of its own date.

    ``gdf`` holds points or polygons (EPSG:4326 assumed when it has no CRS) and a date column;
    ``date`` checks every row at one date instead. Returns a copy in EPSG:4326 with the
    columns described in the module docstring (existing ones of the same name are replaced).

    >>> import geopandas as gpd, shapely
    >>> pts = gpd.GeoDataFrame({"date": ["2022-02-17", "2022-03-15"]},
    ...     geometry=[shapely.Point(39.4837, 48.6536)] * 2, crs=4326)
    >>> check(pts).control.tolist()
    ['government', 'occupied_since_2022']
    """
    if source not in layers.SOURCES:
        raise InputError(f"unknown control source {source!r}; choose one of {', '.join(layers.SOURCES)}")
    if isinstance(gdf, gpd.GeoSeries):
        gdf = gpd.GeoDataFrame(geometry=gdf)
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InputTypeError(f"check() takes a GeoDataFrame or GeoSeries, not {type(gdf).__name__}")
    out = _geographic_copy(gdf)
    days, reason = _dates(out, date_column, date)
    return _with_columns(out, check_columns(out.geometry.to_numpy(), days, reason, source))


def check_columns(geoms: np.ndarray, days: np.ndarray, reason: np.ndarray,
                  source: str = layers.DEFAULT_SOURCE) -> dict[str, Any]:
    """The columns :func:`check` adds, as arrays in :data:`CHECK_COLUMNS` order, for geometries
    in EPSG:4326 with their dates (datetime64[D], NaT where unusable) and the reason each date is
    unusable (None where it is usable): for callers that build their frame in one step."""
    n = len(geoms)
    series = layers.series(source)
    x, y, geom_reason = _anchor_points(geoms)
    reason = np.where(pd.isna(reason), geom_reason, reason)
    rows = series.index(days)
    outside_data = (rows < 0) & pd.isna(reason)
    if outside_data.any():  # the message costs more than the test: written only when needed
        reason[outside_data] = (f"date outside the {source} coverage "
                                f"({series.first.isoformat()} to {series.last.isoformat()})")
    usable = pd.isna(reason)
    rows[~usable] = -1

    oblast_idx = np.full(n, -1)
    line_km = np.full(n, np.nan)
    ok = np.flatnonzero(usable)
    oblast_idx[ok] = oblast_of(x[ok], y[ok])
    mx, my = np.full(n, np.nan), np.full(n, np.nan)
    mx[ok], my[ok] = _TO_METRIC.transform(x[ok], y[ok])

    occupied = np.zeros(n, bool)
    for row, members in _groups(rows[ok], ok):
        occupied[members] = shapely.contains_xy(_prepared_area(source, row), x[members], y[members])
        line_km[members] = line_distance_km(source, row, mx[members], my[members])
    before_2022 = days < np.datetime64(layers.FULL_SCALE_INVASION)
    old = occupied & before_2022
    later = np.flatnonzero(occupied & ~before_2022)  # only these need the test against the 2014 areas
    if len(later):
        old[later] = shapely.contains_xy(_since_2014(), x[later], y[later])
    # Codes into CONTROL_VALUES, later rules overriding earlier ones.
    control = np.full(n, _CONTROL_CODE["unknown"], dtype=np.int8)
    control[usable] = _CONTROL_CODE["government"]
    control[occupied] = _CONTROL_CODE["occupied_since_2022"]
    control[old] = _CONTROL_CODE["occupied_since_2014"]
    control[usable & (oblast_idx < 0)] = _CONTROL_CODE["outside_ukraine"]
    line_km[occupied] *= -1

    approximate = usable & (series.quality[np.maximum(rows, 0)] == "approximate")
    reason[approximate] = "line of contact before 2015-02-18 is approximate"

    # An area on both sides of the line has no single control status and no distance:
    # its representative point would decide arbitrarily.
    share = _occupied_share(geoms, rows, source)
    straddles = (share > STRADDLE_SHARE) & (share < 1 - STRADDLE_SHARE)
    if straddles.any():
        control[straddles] = _CONTROL_CODE["unknown"]
        reason[straddles] = [f"the area straddles the contact line ({s:.0%} occupied)"
                             for s in share[straddles]]
        line_km[straddles] = np.nan

    _, _, iso, names = _oblast_index()
    has_oblast = oblast_idx >= 0
    return {
        "control": pd.Categorical.from_codes(control, dtype=_CONTROL_DTYPE),
        "control_reason": reason,
        "oblast": np.where(has_oblast, iso[np.maximum(oblast_idx, 0)], None),
        "oblast_name": np.where(has_oblast, names[np.maximum(oblast_idx, 0)], None),
        "line_km": np.round(line_km, 3),
        "line_zone": zone_of(line_km),
        "layer_date": _layer_dates(series, rows),
        "layer_source": np.where(rows >= 0, source, None),
        "occupied_share": share,
    }


def _groups(keys: np.ndarray, members: np.ndarray) -> Iterator[tuple[Any, np.ndarray]]:
    """``members`` grouped by their ``keys`` (ascending), each group in its original order: one
    sort instead of one comparison of every key per group (a check spans hundreds of snapshots)."""
    order = np.argsort(keys, kind="stable")
    keys, members = keys[order], members[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.array([], int)
    for start, end in zip(starts, np.r_[starts[1:], len(keys)]):
        yield keys[start], members[start:end]


def _layer_dates(series: layers.ControlSeries,
                 rows: np.ndarray) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """Date of the snapshot used per row: datetime.date objects, None where no snapshot is used
    (NaT datetimes when none is: pandas reads a column of nothing but NaT as datetimes)."""
    used = rows >= 0
    if len(rows) and not used.any():
        return pd.array(np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[s]"))
    dates = series.dates[np.maximum(rows, 0)].astype(object)
    dates[~used] = None
    return dates


def _geographic_copy(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` in EPSG:4326 (assumed when it has no CRS)."""
    if gdf.crs is not None and gdf.crs.is_exact_same(_GEOGRAPHIC):
        return gdf.copy()  # the usual case: to_crs and set_crs would each copy it once more
    out = gdf.copy() if gdf.crs is None else gdf.to_crs(GEOGRAPHIC_CRS)
    return out.set_crs(GEOGRAPHIC_CRS, allow_override=True)


def _with_columns(frame: gpd.GeoDataFrame, columns: dict[str, Any]) -> gpd.GeoDataFrame:
    """``frame`` with ``columns`` set: those it has replaced in place, the others appended in
    one step (pandas rebuilds its column index on every single insert)."""
    for name in [c for c in columns if c in frame.columns]:
        frame[name] = columns[name]
    added = pd.DataFrame({c: v for c, v in columns.items() if c not in frame.columns}, index=frame.index)
    added.attrs = frame.attrs  # pd.concat keeps attrs only where all parts have the same
    return pd.concat([frame, added], axis=1)


def _anchor_points(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lon/lat of each row's point (a polygon's representative point) and why it is unusable."""
    n = len(geoms)
    reason = np.full(n, None, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    reason[missing] = "no geometry"
    is_point = shapely.get_type_id(geoms) == 0
    anchors = np.where(is_point & ~missing, geoms, None)
    other = ~missing & ~is_point
    if other.any():
        valid = shapely.is_valid(geoms[other])
        fixed = np.where(valid, geoms[other], shapely.make_valid(geoms[other]))
        anchors[other] = shapely.point_on_surface(fixed)
    x, y = shapely.get_x(anchors), shapely.get_y(anchors)
    finite = np.isfinite(x) & np.isfinite(y)
    impossible = ~missing & (~finite | (np.abs(x) > 180) | (np.abs(y) > 90))
    reason[impossible] = "impossible coordinates (longitude must be -180..180, latitude -90..90)"
    x[~finite | impossible] = np.nan
    y[~finite | impossible] = np.nan
    return x, y, reason


def _occupied_share(geoms: np.ndarray, rows: np.ndarray, source: str) -> np.ndarray:
    """Share of each polygon occupied on its date (NaN for points, lines and unusable rows)."""
    share = np.full(len(geoms), np.nan)
    kind = shapely.get_type_id(geoms)
    polygonal = ((kind == 3) | (kind == 6)) & (rows >= 0)  # Polygon, MultiPolygon (np.isin costs more)
    for i in np.flatnonzero(polygonal):
        share[i] = _polygon_share(geoms[i], source, int(rows[i]))
    return share


# Reports name the same oblasts and regions on the same dates again and again: the intersection
# with the occupied area is the costly part of a polygon's check.
@functools.lru_cache(maxsize=1024)
def _polygon_share(polygon: shapely.Geometry, source: str, row: int) -> float:
    shape = shapely.make_valid(polygon)
    both = shape.intersection(layers.series(source).areas[row])
    occupied, whole = shapely.area(projected([both, shape], AREA_CRS))
    return round(float(occupied / whole), 4) if whole > 0 else np.nan
