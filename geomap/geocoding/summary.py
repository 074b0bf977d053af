"""Summaries of geocoded places for the ``geomap geocode`` command: text for people, dicts for JSON.

A summary holds the place (name, coordinates, oblast, precision, score and reasons), the ranked
alternatives, and the place's control status and distance to the line of contact on a date, from
:func:`geomap.spatial.checks.check`.

>>> from geomap.geocoding.geocoders import geocode
>>> s = summarize("Stanytsia Luhanska", geocode("Stanytsia Luhanska"), "2022-02-17")
>>> s["control"]["control"], s["oblast"]["iso"]
('government', 'UA-09')
"""
from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
from geopy.location import Location

from geomap.dates import parse_date
from geomap.spatial import checks, layers

__all__ = ["as_text", "summarize"]

# Answers that are a point (not an area): their distance to the line of contact is meaningful.
POINT_PRECISIONS = ("coordinates", "site", "settlement")


def summarize(query: str, location: Location | None, date: object = None,
              source: str = layers.DEFAULT_SOURCE) -> dict[str, Any]:
    """A JSON-ready summary of one geocoding answer (``found`` False when there is none).

    Without ``date`` the control status is given for the last date the source covers.
    """
    if location is None:
        return {"query": query, "found": False}
    raw = {k: v for k, v in location.raw.items() if k != "geometry"}
    geometry = location.raw.get("geometry")
    geometry = shapely.geometry.shape(geometry) if geometry is not None else None
    out: dict[str, Any] = {"query": query, "found": True, "address": location.address,
                           "latitude": location.latitude, "longitude": location.longitude, **raw}
    if geometry is not None:
        out["bounds"] = [round(v, 5) for v in geometry.bounds]
    when = parse_date(date) if date is not None else layers.coverage(source)[1]
    out["control"] = control_status(geometry or shapely.Point(location.longitude, location.latitude),
                                    when, source)
    return out


def control_status(geometry: shapely.Geometry, date: object,
                   source: str = layers.DEFAULT_SOURCE) -> dict[str, Any]:
    """Control, distance to the line (km, + government side) and layer date for one geometry."""
    frame = gpd.GeoDataFrame({"date": [parse_date(date)]}, geometry=[geometry], crs=4326)
    row = checks.check(frame, source=source).iloc[0]
    keep = ["control", "control_reason", "line_km", "line_zone", "layer_date", "layer_source",
            "occupied_share"]
    status = {k: row[k] for k in keep if k in row.index}
    status["date"] = parse_date(date).isoformat()
    return {k: (_plain(v)) for k, v in status.items()}


def _plain(value: Any) -> Any:
    """numpy / pandas scalars and dates as plain JSON values (NaN -> None)."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if value != value else round(value, 2)
    return value


def as_text(summary: dict[str, Any]) -> str:
    """Human-readable lines for one summary.

    >>> print(as_text({"query": "Atlantis", "found": False}))
    Atlantis: not found
    >>> print(as_text({"query": "\\x01", "found": False}))
    '\\x01': not found
    """
    if not summary["found"]:
        query = summary["query"]
        # A query the terminal would not show (control characters only) is shown escaped.
        shown = query if query.isprintable() and query.strip() else repr(query) if query else "(empty)"
        return f"{shown}: " + summary.get("error", "not found")
    ob = summary.get("oblast") or {}
    lines = [
        f"{summary['query']} -> {summary['address']}",
        f"  coordinates  {summary['latitude']:.5f}, {summary['longitude']:.5f} (lat, lon)",
        f"  oblast       {ob.get('iso') or '-'} {ob.get('name') or ''}".rstrip(),
        f"  precision    {summary['precision']} (score {summary['score']:.2f}: "
        f"{'; '.join(summary['reasons'])})",
    ]
    c = summary.get("control")
    if c:
        where = c["control"].replace("_", " ")
        if c.get("line_km") is not None and summary["precision"] in POINT_PRECISIONS:
            side = "government side" if c["line_km"] >= 0 else "occupied side"
            where += f", {abs(c['line_km']):.1f} km from the line of contact ({side})"
        if c.get("occupied_share") is not None:
            where += f", {100 * c['occupied_share']:.0f} % of the area occupied"
        if c.get("control_reason"):
            where += f" ({c['control_reason']})"
        lines.append(f"  on {c['date']}   {where} [{c.get('layer_source')} layer of {c.get('layer_date')}]")
    for alt in summary.get("candidates", [])[:3]:
        aob = (alt.get("oblast") or {}).get("name") or alt.get("country", "")
        lines.append(f"  or           {alt['name']}, {aob} ({alt['latitude']:.4f}, {alt['longitude']:.4f}; "
                     f"{alt['precision']}, score {alt['score']:.2f})")
    return "\n".join(lines)
