"""A static picture of an incidents map (PNG or SVG) for print, social cards and the fallback
image of an embedded map: drawn with matplotlib from the embedded layers (land, oblasts, the
occupied area and contact line of the date, rivers), so it needs no tile server. Incidents carry
the HTML map's symbols (shape by kind of event, colour by who claimed it); the picture has a
title, a date stamp, a legend, a scale bar and the full attribution.

>>> import geopandas as gpd, shapely
>>> gdf = gpd.GeoDataFrame({"date": ["2023-03-03"], "event_type": ["shelling"]},
...                        geometry=[shapely.Point(37.75, 48.14)], crs=4326)
>>> figure = static_map(gdf, size="social")
>>> [round(v) for v in figure.get_size_inches() * figure.dpi]
[1200, 630]
"""
from __future__ import annotations

import datetime as dt
import logging
import math
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display: pictures are files
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from geomap.dates import DateLike, parse_date  # noqa: E402
from geomap.errors import InputError  # noqa: E402
from geomap.maps.elements import claimant_side, event_kind  # noqa: E402
from geomap.maps.render import incident_dates  # noqa: E402
from geomap.schema import MAP_KINDS, MAP_SIDES  # noqa: E402
from geomap.spatial import layers  # noqa: E402

__all__ = ["MARKERS", "SIZES", "static_map", "write_static_map"]

# Pixel sizes: a print picture, and the 1200 x 630 card social networks show.
SIZES = {"print": (2000, 1400), "social": (1200, 630)}
DPI = 100
# The HTML map's shapes (geomap.schema.MAP_KINDS) as matplotlib markers.
MARKERS = {"shelling": "o", "missile": "^", "airstrike": "s", "drone": "D", "clash": "P", "other": "*",
           "fire": "v"}
OCCUPIED = "#d6604d"
LINE = "#67001f"


def static_map(incidents: gpd.GeoDataFrame, date: DateLike = None, *, source: str = layers.DEFAULT_SOURCE,
               title: str | None = None, size: str = "print") -> Figure:
    """The picture as a matplotlib Figure (``size``: a key of :data:`SIZES`)."""
    if size not in SIZES:
        raise InputError(f"unknown picture size {size!r}; choose one of {', '.join(SIZES)}")
    incidents = incidents.to_crs(4326) if incidents.crs else incidents.set_crs(4326)
    incidents = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    day = _date(incidents, date, source)
    width, height = SIZES[size]
    figure = plt.figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    ax = figure.add_axes((0.01, 0.08, 0.98, 0.8))
    _background(ax, day, source)
    kinds, sides = _incidents(ax, incidents)
    _frame_view(ax, incidents)
    _scale_bar(ax)
    _legend(ax, kinds, sides)
    scale = width / 2000
    figure.text(0.01, 0.955, title or "Reported shelling and strikes", fontsize=30 * scale, weight="bold",
                va="top")
    stamp = (f"{len(incidents)} incidents · occupied area and contact line as of {day.isoformat()} "
             f"({layers.SOURCE_NAMES.get(source, source)})")
    figure.text(0.01, 0.905, stamp, fontsize=17 * scale, va="top", color="#333")
    figure.text(0.01, 0.02, "Sources: " + " · ".join(_attributions(incidents)), fontsize=11 * scale,
                color="#555", wrap=True)
    return figure


def write_static_map(incidents: gpd.GeoDataFrame, path: str | Path, **options) -> Path:
    """Write :func:`static_map` to ``path`` (.png or .svg), beside and then moved into place."""
    from geomap.files import check_output_path, replacing

    path = check_output_path(path, (".png", ".svg"))
    figure = static_map(incidents, **options)
    try:
        with replacing(path) as part:
            figure.savefig(part, format=path.suffix[1:].lower(), dpi=DPI)
    finally:
        plt.close(figure)
    return path


def _date(incidents: gpd.GeoDataFrame, date: DateLike, source: str) -> dt.date:
    if date is not None:
        return parse_date(date)
    known = [d for d in incident_dates(incidents) if d is not None]
    day = max(known) if known else layers.coverage(source)[1]
    first, last = layers.coverage(source)
    return min(max(day, first), last)


def _background(ax, day: dt.date, source: str) -> None:
    ax.set_facecolor("#cfe3f3")  # sea
    _fill(ax, layers.land(), "#f2efe9", "#bbbbbb", 0.4)
    _fill(ax, layers.ukraine_land(), "#ffffff", "none", 0)
    _fill(ax, layers.occupied_area(day, source), OCCUPIED, "none", 0, alpha=0.35)
    for geom in layers.oblasts().geometry:
        _outline(ax, geom, "#777777", 0.6)
    for geom in layers.rivers().geometry:
        _outline(ax, geom, "#4a90c2", 0.8)
    _outline(ax, layers.contact_line(day, source), LINE, 2.2)


def _fill(ax, geom: shapely.Geometry, face: str, edge: str, width: float, alpha: float = 1.0) -> None:
    if geom is None or geom.is_empty:
        return
    gpd.GeoSeries([geom]).plot(ax=ax, facecolor=face, edgecolor=edge, linewidth=width, alpha=alpha)


def _outline(ax, geom: shapely.Geometry, colour: str, width: float) -> None:
    if geom is None or geom.is_empty:
        return
    boundary = geom.boundary if geom.geom_type in ("Polygon", "MultiPolygon") else geom
    for part in shapely.get_parts(boundary):
        x, y = np.asarray(part.coords).T if not part.is_empty else ([], [])
        ax.plot(x, y, color=colour, linewidth=width)


def _incidents(ax, incidents: gpd.GeoDataFrame) -> tuple[set[str], set[str]]:
    points = incidents.geometry.representative_point()
    types = incidents["event_type"] if "event_type" in incidents else [None] * len(points)
    kinds = [event_kind(v) for v in types]
    if "record_kind" in incidents.columns:
        kinds = ["fire" if r == "fire_detection" else k for k, r in zip(kinds, incidents["record_kind"])]
    sides = [claimant_side(v) for v in (incidents["claimant_side"] if "claimant_side" in incidents
                                        else [None] * len(points))]
    size = 90 if len(points) < 200 else 25
    for kind in sorted(set(kinds)):
        for side in sorted(set(sides)):
            chosen = [i for i, (k, s) in enumerate(zip(kinds, sides)) if k == kind and s == side]
            if chosen:
                ax.scatter(points.x.iloc[chosen], points.y.iloc[chosen], marker=MARKERS.get(kind, "*"),
                           s=size, c=MAP_SIDES[side][0], edgecolors="#222222", linewidths=0.6, zorder=5)
    return set(kinds), set(sides)


def _frame_view(ax, incidents: gpd.GeoDataFrame) -> None:
    """Incidents and some margin, or all Ukraine; aspect true at the view's middle latitude."""
    west, south, east, north = incidents.total_bounds if len(incidents) else (22.0, 44.3, 40.3, 52.4)
    pad = max(east - west, north - south, 1.0) * 0.15
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    # The view grows to fill the picture rather than leaving bands beside the map (matplotlib
    # logs that it widens the limits set here: that is the point).
    logging.getLogger("matplotlib.axes._base").setLevel(logging.ERROR)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)), adjustable="datalim")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def _scale_bar(ax) -> None:
    """A bar of a round length in km at the lower left of the view."""
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    km_per_degree = 111.2 * math.cos(math.radians((south + north) / 2))
    target = (east - west) * km_per_degree / 5
    length = next(v for v in (500, 200, 100, 50, 20, 10, 5, 2, 1) if v <= target) if target >= 1 else 1
    x0, y0 = west + (east - west) * 0.03, south + (north - south) * 0.04
    ax.plot([x0, x0 + length / km_per_degree], [y0, y0], color="#222222", linewidth=3, zorder=6)
    ax.text(x0, y0 + (north - south) * 0.012, f"{length} km", fontsize=10, zorder=6)


def _legend(ax, kinds: set[str], sides: set[str]) -> None:
    handles = [Line2D([], [], marker=MARKERS.get(k, "*"), linestyle="", color="#444444", markersize=9,
                      label=MAP_KINDS[k][1]) for k in MAP_KINDS if k in kinds]
    handles += [Line2D([], [], marker="o", linestyle="", color=MAP_SIDES[s][0], markeredgecolor="#222222",
                       markersize=9, label=MAP_SIDES[s][1]) for s in MAP_SIDES if s in sides]
    handles += [Line2D([], [], color=LINE, linewidth=2.2, label="Contact line"),
                Line2D([], [], color=OCCUPIED, linewidth=8, alpha=0.35, label="Occupied area")]
    ax.legend(handles=handles, loc="upper right", fontsize=10, framealpha=0.9)


def _attributions(incidents: gpd.GeoDataFrame) -> list[str]:
    credits = [layers.ATTRIBUTION[key] for key in ("geonames", "liveuamap", "geoboundaries", "naturalearth")]
    if "source" in incidents.columns:
        credits += sorted({s for s in incidents["source"].dropna().astype(str)
                           if s and "/" not in s and len(s) < 60})[:3]
    return credits
