"""Folium maps of incidents and of the dated context layers, for articles and notebooks.

``render(incidents)`` returns a ``folium.Map`` (it displays inline in Jupyter; ``.save(path)``
writes a single HTML file) with the occupied area and contact line as of the map date, the
pre-2022 line, oblast borders and rivers, incidents styled by event type and claimant side, a
legend, popups, attributions and a title with a date stamp. Incidents on several dates get a time
slider. ``layers_map(date)`` is the same map without incidents.

>>> import geopandas as gpd, shapely
>>> incidents = gpd.GeoDataFrame(
...     {"date": ["2022-02-17"], "event_type": ["shelling"], "quote": ["<b>not bold</b>"]},
...     geometry=[shapely.Point(38.96, 48.71)], crs="EPSG:4326")
>>> fmap = render(incidents, check=False)
>>> html = fmap.get_root().render()
>>> "<b>not bold</b>" in html, "\\\\u003cb\\\\u003enot bold" in html
(False, True)
"""
from __future__ import annotations

import datetime as dt
import html
import json
import warnings
from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.dates import date_column, parse_date
from geomap.errors import InputTypeError
from geomap.maps.access import FallbackPicture, IncidentList, MapLabel, describe
from geomap.maps.controls import Attribution, CompactLayout, Legend, TitleStamp
from geomap.maps.elements import (
    LEAFLET_CSS,
    LEAFLET_JS,
    IncidentLayer,
    TimeSlider,
    claimant_side,
    event_kind,
    html_text,
    make_offline,
)
from geomap.schema import CONTROL_LABELS
from geomap.spatial import layers

__all__ = ["MAX_STEPS", "incident_dates", "iframe_snippet", "incident_table", "layers_map", "render"]

# Display simplification (degrees): ~500 m for the occupied area and lines (coarser, up to ~2 km,
# when a time slider carries many dated areas), ~1 km for oblast borders and rivers. Invisible at the
# zoom levels an article map is read at, and it keeps a 100-incident page under 2 MB (the
# full-resolution area alone is several MB).
AREA_TOLERANCE = 0.005
MAX_AREA_TOLERANCE = 0.02
CONTEXT_TOLERANCE = 0.01
COORD_DIGITS = 4  # ~10 m: more digits only add bytes
CLUSTER_THRESHOLD = 150  # above this many point incidents, markers are clustered
UNSURE = 0.5  # below this place confidence an incident is drawn as unsure (dashed, like an approximate place)
# Above this many incidents a page grows past ~15 MB (about 0.3 KB an incident) and loads slowly
# on a phone: render() warns and says how to make it smaller.
LARGE_MAP = 50_000
MAX_STEPS = 40  # time-slider positions; more distinct dates are grouped into periods
UKRAINE_BOUNDS = [[44.3, 22.1], [52.4, 40.3]]

OCCUPIED_STYLE = {"color": "#b2182b", "weight": 0.8, "fillColor": "#d6604d", "fillOpacity": 0.25}
FRONT_STYLE = {"color": "#67001f", "weight": 2.2}
ABL_STYLE = {"color": "#67001f", "weight": 1.6, "dashArray": "2 4"}
PRE2022_STYLE = {"color": "#222222", "weight": 1.4, "dashArray": "6 4", "opacity": 0.8}
OBLAST_STYLE = {"color": "#555555", "weight": 0.8, "fill": False, "opacity": 0.7}
RIVER_STYLE = {"color": "#4a90c2", "weight": 1.2, "opacity": 0.8}

# (key, popup label). Keys are incident columns (geomap.extract.incidents's), except the composed ones in
# _popup_columns: "resolved", "claimed", "control", "line", and "date", "verification" and
# "casualties" when the extractor's date_text, verification_text or killed/injured are present.
POPUP_FIELDS = [
    ("date", "Date"),
    ("place_text", "Place as reported"),
    ("resolved", "Resolved to"),
    ("precision", "Precision"),
    ("confidence", "Place confidence"),
    ("event_type", "Event type"),
    ("weapons", "Weapons"),
    ("attacks", "Attacks"),
    ("claimed", "Claimed by"),
    ("relayed_by", "Relayed by"),
    ("attributed_to", "Attributed to"),
    ("origin", "Fired from"),
    ("verification", "Verification"),
    ("casualties", "Casualties"),
    ("control", "Control that day"),
    ("line", "Distance to the line"),
    ("quote", "Quote"),
    ("source", "Source"),
]
_REGION_PRECISION = ("oblast", "region", "admin1", "province")
_APPROX_PRECISION = ("near", "approx", "area", "raion", "district", "hromada", "within", "vicinity", "km",
                     "country")


def lean_map(**kwargs: Any) -> folium.Map:
    """A ``folium.Map`` that loads Leaflet only (geomap's elements add what they need).

    folium's defaults also load jQuery, Bootstrap and icon fonts from four CDNs; geomap's maps
    use none of them, and an embedded article map should not contact more third parties than it
    needs. Add ``folium.Map.default_js`` back if you add folium ``Icon`` markers yourself.

    >>> [name for name, _ in lean_map().default_js]
    ['leaflet']
    """
    kwargs.setdefault("tiles", "OpenStreetMap")
    kwargs.setdefault("control_scale", True)
    fmap = folium.Map(**kwargs)
    fmap.default_js, fmap.default_css = [LEAFLET_JS], [LEAFLET_CSS]
    return fmap


def _geojson(geom: shapely.Geometry, tolerance: float) -> dict:
    """Simplified, coordinate-rounded GeoJSON geometry for display."""
    geom = shapely.simplify(geom, tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, 10.0**-COORD_DIGITS)
    return json.loads(shapely.to_geojson(geom))


def _geojson_layer(geom: shapely.Geometry, style: dict, name: str, class_name: str,
                   tolerance: float = AREA_TOLERANCE, **kwargs: Any) -> folium.GeoJson:
    return folium.GeoJson(
        _geojson(geom, tolerance), name=name, style_function=lambda _f, s=style: s,
        className=class_name, interactive=False, **kwargs,
    )


def snapshot_tolerance(n_snapshots: int) -> float:
    """Display simplification for a map carrying ``n_snapshots`` dated areas: coarser when there
    are many (up to ~2 km for a 40-step slider), so that a 100-incident map stays under 2 MB.

    >>> snapshot_tolerance(1), snapshot_tolerance(40)
    (0.005, 0.02)
    """
    return min(MAX_AREA_TOLERANCE, AREA_TOLERANCE * max(1.0, n_snapshots / 10))


def _line_group(date: dt.date, source: str, tolerance: float,
                name: str = "Contact line") -> list[folium.GeoJson]:
    """The contact line of ``date`` as layers: front solid, Crimea's ABL dashed."""
    out = []
    for kind, geom in layers.contact_lines(date, source)[["kind", "geometry"]].itertuples(index=False):
        style = FRONT_STYLE if kind == "front" else ABL_STYLE
        out.append(_geojson_layer(geom, style, name, "gm-line gm-" + kind.replace("_", "-"), tolerance,
                                  control=False))
    return out


class _Context:
    """Adds the dated and static context layers; dated ones per time step (deduplicated by snapshot)."""

    def __init__(self, fmap: folium.Map, source: str) -> None:
        self.fmap, self.source = fmap, source
        name = layers.SOURCE_NAMES.get(source, source)
        self.area_group = folium.FeatureGroup(name=f"Occupied area ({name})", show=True)
        self.line_group = folium.FeatureGroup(name="Contact line", show=True)

    def add_static(self, map_date: dt.date) -> None:
        oblasts = layers.oblasts()[["name_en", "geometry"]].copy()
        oblasts["geometry"] = [shapely.Polygon() if g is None else g for g in oblasts.geometry]
        oblasts["geometry"] = oblasts.geometry.simplify(CONTEXT_TOLERANCE).set_precision(10.0**-COORD_DIGITS)
        folium.GeoJson(
            oblasts, name="Oblast borders", style_function=lambda _f: OBLAST_STYLE, className="gm-oblast",
            tooltip=folium.GeoJsonTooltip(fields=["name_en"], labels=False),
        ).add_to(self.fmap)
        rivers = layers.rivers()
        _geojson_layer(shapely.MultiLineString(list(_lines(rivers.geometry))), RIVER_STYLE, "Rivers",
                       "gm-river", CONTEXT_TOLERANCE).add_to(self.fmap)
        # After the full-scale invasion the 2015–2022 line is a reference; before it, it *is* the line.
        _geojson_layer(layers.contact_line(layers.PRE2022_LINE_DATE), PRE2022_STYLE,
                       "Line of contact 2015–2022", "gm-pre2022",
                       show=map_date >= layers.FULL_SCALE_INVASION).add_to(self.fmap)

    def add_dates(self, dates: Sequence[dt.date]) -> list[list[int]]:
        """Add area and line layers for each date; returns, per group, the child index per date
        (-1: the date is outside the source's coverage, nothing is shown)."""
        snapshots = []
        for date in dates:
            try:
                snapshots.append(layers.layer_date(date, self.source))
            except ValueError:
                snapshots.append(None)
        distinct = list(dict.fromkeys(s for s in snapshots if s is not None))
        tolerance = snapshot_tolerance(len(distinct))
        for snapshot in distinct:
            _geojson_layer(layers.occupied_area(snapshot, self.source), OCCUPIED_STYLE, "occupied",
                           "gm-occupied", tolerance, control=False).add_to(self.area_group)
            # one child per snapshot in the line group too, so both groups share indices
            line = folium.FeatureGroup(name="line", control=False)
            for part in _line_group(snapshot, self.source, tolerance):
                part.add_to(line)
            line.add_to(self.line_group)
        self.area_group.add_to(self.fmap)
        self.line_group.add_to(self.fmap)
        index = {s: i for i, s in enumerate(distinct)}
        steps = [index.get(s, -1) for s in snapshots]
        return [steps, steps]

    def attributions(self) -> list[str]:
        return [layers.ATTRIBUTION.get(self.source, self.source), layers.ATTRIBUTION["geoboundaries"],
                layers.ATTRIBUTION["naturalearth"]]

    def legend_layers(self) -> list[tuple[str, str, str]]:
        return [
            (OCCUPIED_STYLE["fillColor"], "Occupied area", ""),
            (FRONT_STYLE["color"], "Contact line", ""),
            (PRE2022_STYLE["color"], "Line 2015–2022", PRE2022_STYLE["dashArray"]),
            (ABL_STYLE["color"], "Crimea boundary", ABL_STYLE["dashArray"]),
            (OBLAST_STYLE["color"], "Oblast borders", ""),
            (RIVER_STYLE["color"], "Rivers", ""),
        ]


def _lines(geoms: Sequence[shapely.Geometry]) -> list[shapely.LineString]:
    return [part for g in geoms if g is not None for part in shapely.get_parts(g)
            if part.geom_type == "LineString"]


def _finish(fmap: folium.Map, title: str, subtitle: str, attributions: list[str], legend_layers: list,
            embed: bool, offline: bool, kinds: Sequence[str] | set[str] = (),
            description: str | None = None) -> folium.Map:
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    legend = Legend(open_=not embed, layers=legend_layers, present=kinds).add_to(fmap)
    stamp = TitleStamp(title, subtitle).add_to(fmap)
    Attribution(attributions).add_to(fmap)
    CompactLayout(stamp, legend).add_to(fmap)
    MapLabel(title, description or describe(subtitle)).add_to(fmap)
    if offline:
        make_offline(fmap)
    return fmap


def layers_map(date: object = None, source: str = layers.DEFAULT_SOURCE, *, title: str | None = None,
               embed: bool = False, offline: bool = False) -> folium.Map:
    """Map of the occupied area, contact line, pre-2022 line, oblasts and rivers on ``date``.

    >>> fmap = layers_map("2022-02-17")
    >>> "gm-occupied" in fmap.get_root().render()
    True
    """
    when = parse_date(date) if date is not None else layers.coverage(source)[1]
    fmap = lean_map(location=[48.5, 31.5], zoom_start=6)
    ctx = _Context(fmap, source)
    ctx.add_static(when)
    ctx.add_dates([when])
    fmap.fit_bounds(UKRAINE_BOUNDS)
    snapshot = layers.layer_date(when, source)
    subtitle = f"Situation on {when.isoformat()} · occupied area: " \
               f"{layers.SOURCE_NAMES.get(source, source)}, " \
               f"snapshot of {snapshot.isoformat()}"
    return _finish(fmap, title or "Occupied area and line of contact", subtitle, ctx.attributions(),
                   ctx.legend_layers(), embed, offline)


def _text(value: object) -> str | None:
    """Display text of a cell, or None for missing values; lists are joined.

    >>> _text(pd.NA), _text(3.0), _text(["mortars", None, "rockets"]), _text(pd.Timestamp("2022-02-17 10:00"))
    (None, '3', 'mortars, rockets', '2022-02-17')
    """
    if isinstance(value, (list, tuple, np.ndarray)):
        parts = [_text(v) for v in value]
        joined = ", ".join(p for p in parts if p)
        return joined or None
    if pd.api.types.is_scalar(value) and pd.isna(value):  # None, NaN, NaT, pd.NA
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _texts(df: pd.DataFrame, name: str) -> list[str | None]:
    """Display texts of a column (None where missing, all None when absent).

    Plain string, integer and datetime columns are converted column-wise: a 100,000-incident map
    has ~2 million cells, too many for a per-cell Python call. Other columns go through ``_text``.

    >>> _texts(pd.DataFrame({"a": ["x ", "", None], "n": pd.array([1, None, 3], dtype="Int64")}), "n")
    ['1', None, '3']
    """
    if name not in df.columns:
        return [None] * len(df)
    col = df[name]
    if isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype(object)
    kind = pd.api.types.infer_dtype(col, skipna=True)
    if kind in ("datetime64", "datetime", "date"):
        col = pd.to_datetime(col, errors="coerce").dt.strftime("%Y-%m-%d")
    elif kind in ("integer", "boolean"):
        col = col.astype("string")
    elif kind not in ("string", "empty"):
        return [_text(v) for v in col]
    col = col.astype("string").str.strip()
    col = col.where(col.str.len() > 0)
    return col.astype(object).where(col.notna(), None).tolist()


def _popup_columns(df: gpd.GeoDataFrame, points: gpd.GeoSeries) -> dict[str, list[str | None]]:
    """Popup texts per field, composed from the documented incident columns."""
    cols: dict[str, list[str | None]] = {key: _texts(df, key) for key, _ in POPUP_FIELDS}
    # the extractor keeps unresolved dates as text ("over the past 24 hours") and splits casualties
    cols["confidence"] = _confidence_texts(df)
    cols["date"] = [d or t for d, t in zip(cols["date"], _texts(df, "date_text"))]
    cols["verification"] = [
        f"{v}: {t}" if v and t else v or t
        for v, t in zip(cols["verification"], _texts(df, "verification_text"))
    ]
    cols["casualties"] = [
        c or ", ".join(f"{n} {what}" for n, what in ((k, "killed"), (i, "injured")) if n) or None
        for c, k, i in zip(cols["casualties"], _texts(df, "killed"), _texts(df, "injured"))
    ]
    lon, lat = points.x.to_numpy(), points.y.to_numpy()
    cols["resolved"] = [
        None if np.isnan(y) else f"{n + ' ' if n else ''}({y:.4f}, {x:.4f})"
        for n, y, x in zip(_texts(df, "place_name"), lat, lon)
    ]
    cols["claimed"] = [
        (f"{c} ({s})" if c and s and s.lower() not in c.lower() else c or s)
        for c, s in zip(_texts(df, "claimed_by"), _texts(df, "claimant_side"))
    ]
    stamp = [f" ({s} snapshot of {d})" if s and d else ""
             for s, d in zip(_texts(df, "layer_source"), _texts(df, "layer_date"))]
    cols["control"] = [None if c is None else CONTROL_LABELS.get(c, c) + st
                       for c, st in zip(_texts(df, "control"), stamp)]
    km = pd.to_numeric(df["line_km"], errors="coerce") if "line_km" in df.columns else [np.nan] * len(df)
    cols["line"] = [_line_text(k, st) for k, st in zip(km, stamp)]
    return cols


def _line_text(km: float, stamp: str) -> str | None:
    if np.isnan(km):
        return None
    side = "government-controlled" if km >= 0 else "occupied"
    return f"{abs(km):.1f} km, {side} side{stamp}"


def _flags(df: gpd.GeoDataFrame) -> tuple[list[int], list[int], list[bool]]:
    """Per incident: verified (filled marker), approximate (dashed), region-level (area polygon)."""
    ver = [(v or "").lower() for v in _texts(df, "verification")]
    prec = [(p or "").lower() for p in _texts(df, "precision")]
    verified = [int(("confirm" in v or "verif" in v)
                    and not any(w in v for w in ("not", "unconfirm", "unverif", "no ", "claim")))
                for v in ver]
    region = [any(w in p for w in _REGION_PRECISION) for p in prec]
    unsure = _unsure(df)
    approx = [int(_numeric_approx(p) or any(w in p for w in _APPROX_PRECISION) or u)
              for p, u in zip(prec, unsure)]
    return verified, approx, region


def _confidence_texts(df: gpd.GeoDataFrame) -> list[str | None]:
    """'87 %' or '42 % (unsure)' per incident; None where the file has no confidence."""
    if "confidence" not in df.columns:
        return [None] * len(df)
    values = pd.to_numeric(df["confidence"], errors="coerce")
    return [None if pd.isna(v) else f"{100 * v:.0f} %" + (" (unsure)" if v < UNSURE else "") for v in values]


def _unsure(df: gpd.GeoDataFrame) -> list[bool]:
    """Incidents whose place the geocoder is unsure of (confidence under UNSURE): drawn like an
    approximate place, so a reader tells them from the sure ones."""
    if "confidence" not in df.columns:
        return [False] * len(df)
    values = pd.to_numeric(df["confidence"], errors="coerce").to_numpy()
    return [bool(v < UNSURE) for v in np.nan_to_num(values, nan=1.0)]


def _numeric_approx(precision: str) -> bool:
    """UCDP-style ``where_prec``: 1 exact, 2 and more approximate."""
    try:
        return float(precision) >= 2
    except ValueError:
        return False


def incident_dates(df: pd.DataFrame) -> list[dt.date | None]:
    """Each incident's date as the checks read it (None where there is none)."""
    if "date" not in df.columns:
        return [None] * len(df)
    return [None if np.isnat(d) else d.item() for d in date_column(df["date"])[0]]


def _steps(dates: Sequence[dt.date | None]) -> tuple[list[int], list[str], list[dt.date]]:
    """Time-slider positions: one per distinct date, or per period when there are more than
    ``MAX_STEPS``; returns the step of each incident (-1: undated), the labels and the date whose
    layers each step shows (its last day)."""
    distinct = sorted({d for d in dates if d is not None})
    if len(distinct) <= MAX_STEPS:
        index = {d: i for i, d in enumerate(distinct)}
        return [index.get(d, -1) for d in dates], [d.isoformat() for d in distinct], distinct
    first, last = distinct[0], distinct[-1]
    width = (last - first).days // MAX_STEPS + 1
    starts = [first + dt.timedelta(days=k * width) for k in range((last - first).days // width + 1)]
    ends = [min(s + dt.timedelta(days=width - 1), last) for s in starts]
    labels = [f"{s.isoformat()} – {e.isoformat()}" for s, e in zip(starts, ends)]
    return [-1 if d is None else (d - first).days // width for d in dates], labels, ends


def _checked(incidents: gpd.GeoDataFrame, map_date: dt.date, source: str) -> gpd.GeoDataFrame:
    """Incidents with the check columns (control, line_km, …), checking them if not done yet.

    Undated incidents are checked against the map date.
    """
    if "control" in incidents.columns:
        return incidents
    from geomap.spatial.checks import check

    if "date" in incidents.columns:
        return check(incidents, date_column="date", source=source)
    return check(incidents, source=source, date=map_date)


def incident_table(incidents: gpd.GeoDataFrame, steps: Sequence[int]) -> dict:
    """The compact JSON table ``IncidentLayer`` draws: a string pool, field labels, one row per
    incident ``[lat, lon, step, kind, side, verified, approx, *string indices]`` and area features.
    Geometries are taken as longitude/latitude (``render`` converts them first).

    >>> import shapely
    >>> gdf = gpd.GeoDataFrame({"quote": ["x", "x"]}, geometry=[shapely.Point(30, 50)] * 2)
    >>> t = incident_table(gdf, [0, 0])
    >>> t["strings"], t["rows"][1][:3]
    (['(50.0000, 30.0000)', 'x'], [50.0, 30.0, 0])
    """
    geoms = incidents.geometry
    verified, approx, region = _flags(incidents)
    region_shapes = _region_shapes(incidents, region)
    is_point = [g is not None and g.geom_type == "Point" and r is None for g, r in zip(geoms, region_shapes)]
    # representative points give "resolved to" coordinates for area incidents too
    reps = gpd.GeoSeries([None if g is None else (g if g.geom_type == "Point" else g.representative_point())
                          for g in geoms])
    popup = _popup_columns(incidents, reps)
    keys = [k for k, _ in POPUP_FIELDS]
    stacked = pd.Series([v for k in keys for v in popup[k]], dtype=object)
    codes, pool = pd.factorize(stacked, use_na_sentinel=True)
    codes = codes.reshape(len(keys), len(incidents))
    # few distinct values: classify each once
    event_types, claimant_sides = _texts(incidents, "event_type"), _texts(incidents, "claimant_side")
    kind_of = {v: event_kind(v) for v in set(event_types)}
    side_of = {v: claimant_side(v) for v in set(claimant_sides)}
    kinds, sides = [kind_of[v] for v in event_types], [side_of[v] for v in claimant_sides]
    if "record_kind" in incidents.columns:  # satellite fire detections get a symbol of their own
        record_kinds = _texts(incidents, "record_kind")
        kinds = ["fire" if r == "fire_detection" else k for k, r in zip(kinds, record_kinds)]
    lat = np.round(reps.y.to_numpy(), 5)
    lon = np.round(reps.x.to_numpy(), 5)
    rows, areas = [], []
    for i in range(len(incidents)):
        point = is_point[i]
        if not point:
            shape = region_shapes[i] if region_shapes[i] is not None else geoms.iloc[i]
            if shape is None or shape.is_empty:
                continue  # nothing to draw
            areas.append({"type": "Feature", "properties": {"i": len(rows)},
                          "geometry": _geojson(shape, AREA_TOLERANCE)})
        rows.append([float(lat[i]) if point else None, float(lon[i]) if point else None, int(steps[i]),
                     kinds[i], sides[i], verified[i], approx[i], *codes[:, i].tolist()])
    return {"strings": pool.tolist(), "fields": [list(f) for f in POPUP_FIELDS], "rows": rows,
            "areas": {"type": "FeatureCollection", "features": areas}}


def _region_shapes(incidents: gpd.GeoDataFrame, region: Sequence[bool]) -> list[shapely.Geometry | None]:
    """Oblast polygons for *point* incidents reported only at oblast level (when the oblast is known);
    incidents that already come as polygons keep them."""
    if not any(region) or "oblast" not in incidents.columns:
        return [None] * len(incidents)
    shapes = layers.oblasts().set_index("iso")["land_geometry"]
    return [shapes.get(iso) if flag and isinstance(iso, str) and g is not None and g.geom_type == "Point"
            else None
            for flag, iso, g in zip(region, incidents["oblast"], incidents.geometry)]


def render(incidents: gpd.GeoDataFrame, date: object = None, *, source: str = layers.DEFAULT_SOURCE,
           title: str | None = None, embed: bool = False, offline: bool = False, time_slider: bool = True,
           check: bool = True, cluster_threshold: int = CLUSTER_THRESHOLD,
           places: gpd.GeoDataFrame | None = None, picture: str | None = None) -> folium.Map:
    """Map incidents (any GeoDataFrame of points or polygons; only ``geometry`` is required).

    ``date`` is the date of the occupied area and contact line (default: the latest incident
    date). Incidents on several dates get a time slider showing each date's incidents and area;
    its last position shows all. Unchecked incidents are checked on the fly (``check=False``
    skips it). ``embed`` starts legend and layer list collapsed for small iframes; ``offline``
    inlines Leaflet and the plugins. ``places`` (a GeoDataFrame with ``name``) adds context places.
    ``picture`` is the URL (relative to the page) of a static picture of the map
    (``geomap.maps.static``), shown instead of the map where scripts do not run.

    >>> import shapely
    >>> gdf = gpd.GeoDataFrame(geometry=[shapely.Point(37.55, 47.1)], crs="EPSG:4326")
    >>> render(gdf, "2022-03-01", check=False).location
    [48.5, 31.5]
    """
    if isinstance(incidents, gpd.GeoSeries):
        incidents = gpd.GeoDataFrame(geometry=incidents)
    if not isinstance(incidents, gpd.GeoDataFrame):
        raise InputTypeError(f"render() takes a GeoDataFrame or GeoSeries, not {type(incidents).__name__}")
    # no CRS is taken as longitude/latitude, like geomap.check does
    incidents = incidents.set_crs("EPSG:4326") if incidents.crs is None else incidents.to_crs("EPSG:4326")
    incidents = _drawable(incidents.reset_index(drop=True))
    dates = incident_dates(incidents)
    known = [d for d in dates if d is not None]
    map_date = parse_date(date) if date is not None else (max(known) if known else layers.coverage(source)[1])
    incidents = _checked(incidents, map_date, source) if check and len(incidents) else incidents

    step_of, labels, step_dates = _steps(dates)
    slider = time_slider and len(labels) > 1
    fmap = lean_map(location=[48.5, 31.5], zoom_start=6)
    ctx = _Context(fmap, source)
    ctx.add_static(map_date)
    choice = ctx.add_dates([*step_dates, map_date] if slider else [map_date])
    if places is not None and len(places):
        _add_places(fmap, places)
    table = incident_table(incidents, step_of)
    n_points = sum(r[0] is not None for r in table["rows"])
    layer = IncidentLayer(table, name=f"Incidents ({len(table['rows'])})",
                          cluster=n_points > cluster_threshold)
    layer.add_to(fmap)
    IncidentList(layer, kinds={row[3] for row in table["rows"]}).add_to(fmap)
    if slider:
        all_label = f"All dates ({labels[0].split(' ')[0]} – {labels[-1].split(' ')[-1]})"
        TimeSlider(layer, [*labels, all_label], [ctx.area_group, ctx.line_group], choice).add_to(fmap)
    fmap.fit_bounds(_bounds(incidents) or UKRAINE_BOUNDS, padding=(30, 30), max_zoom=10)

    span = f"{min(known).isoformat()} – {max(known).isoformat()}" if len(set(known)) > 1 else \
        (known[0].isoformat() if known else "undated")
    subtitle = (f"{len(table['rows'])} incident{'s' if len(table['rows']) != 1 else ''}, {span} · "
                f"occupied area as of {map_date.isoformat()} ({layers.SOURCE_NAMES.get(source, source)})")
    attributions = [layers.ATTRIBUTION["geonames"], *ctx.attributions()]
    rows = table["rows"]
    description = describe(subtitle, [r[3] for r in rows], [r[4] for r in rows], [r[5] for r in rows])
    if picture:
        FallbackPicture(picture, description).add_to(fmap)
    return _finish(fmap, title or "Reported shelling and strikes", subtitle, attributions,
                   ctx.legend_layers(), embed, offline, kinds={row[3] for row in rows},
                   description=description)


def _drawable(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The incidents that can be drawn; a warning says how many cannot (no geometry) and when
    the page will be large."""
    missing = incidents.geometry.isna() | incidents.geometry.is_empty
    if missing.any():
        warnings.warn(f"{int(missing.sum())} of {len(incidents)} incidents have no geometry "
                      "and are not drawn", stacklevel=3)
        incidents = incidents[~missing].reset_index(drop=True)
    if len(incidents) > LARGE_MAP:
        size_mb = len(incidents) * 0.3 / 1000
        warnings.warn(f"{len(incidents):,} incidents make a page of about {size_mb:,.0f} MB that loads "
                      "slowly; map a period, an oblast or a sample, or count them by area", stacklevel=3)
    return incidents


def _bounds(incidents: gpd.GeoDataFrame) -> list[list[float]] | None:
    geoms = incidents.geometry.dropna()
    if geoms.empty:
        return None
    minx, miny, maxx, maxy = geoms.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def _add_places(fmap: folium.Map, places: gpd.GeoDataFrame) -> None:
    """Context places: small grey dots with their (escaped) names as tooltips."""
    group = folium.FeatureGroup(name="Places", show=True)
    names = places["name"] if "name" in places.columns else [None] * len(places)
    for name, geom in zip(names, places.geometry):
        if geom is None or geom.is_empty:
            continue
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        folium.CircleMarker([point.y, point.x], radius=3, color="#333", weight=1, fill=True, fill_opacity=0.8,
                            tooltip=folium.Tooltip(_tooltip_html(_text(name))) if _text(name) else None,
                            class_name="gm-place").add_to(group)
    group.add_to(fmap)


def _tooltip_html(text: str) -> str:
    """Escape text for folium's Tooltip, which pastes it into a JS template literal as HTML.

    >>> _tooltip_html("<b>`${x}`</b>")
    '&lt;b&gt;&#96;&#36;&#123;x&#125;&#96;&lt;/b&gt;'
    """
    return html_text(text).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def iframe_snippet(src: str, title: str = "Map of reported incidents", height: int = 600) -> str:
    """The ``<iframe>`` to paste into an article for a map written with ``embed=True``.

    >>> iframe_snippet("maps/demo.html", height=500)
    '<iframe src="maps/demo.html" title="Map of reported incidents" width="100%" height="500" style="border:0;max-width:100%" loading="lazy"></iframe>'
    """  # noqa: E501
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" '
            f'height="{int(height)}" '
            f'style="border:0;max-width:100%" loading="lazy"></iframe>')
