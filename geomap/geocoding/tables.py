"""Geocoding a column of place names: every row kept, in order, with what was found, how sure,
and, for a row not placed, why.

>>> import pandas as pd
>>> sheet = pd.DataFrame({"location": ["Avdiivka, Donetsk region", "Avdiivka, Donetsk region", "", "NATO"],
...                       "date": ["2023-03-01", "2023-03-01", "2023-03-02", "2023-03-02"]})
>>> out = geocode_table(sheet, "location", date="date")
>>> out.place_name.tolist()[:2], out.geometry.isna().tolist()
(['Avdiivka', 'Avdiivka'], [False, False, True, True])
>>> out.unplaced_reason.tolist()[2:]
['blank cell', 'not found with confidence 0.5 or more']
"""
from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.dates import DateLike, date_column, parse_date
from geomap.errors import InputError
from geomap.geocoding.confidence import DEFAULT_MIN_CONFIDENCE
from geomap.geocoding.geocoders import Gazetteer, get_geocoder
from geomap.schema import GEOCODED_COLUMNS

__all__ = ["geocode_table"]


def geocode_table(frame: pd.DataFrame, column: str, date: str | DateLike = None, hint: str | None = None, *,
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE, geocoder: Gazetteer | None = None,
                  progress: Callable[[int], None] | None = None) -> gpd.GeoDataFrame:
    """Geocode the place names in ``frame[column]``: a GeoDataFrame (EPSG:4326) with every input
    row in the same order and every input column, plus :data:`geomap.schema.GEOCODED_COLUMNS`
    (the place found, its precision, oblast, confidence and reasons; ``unplaced_reason`` says why
    a row has no geometry). ``date`` and ``hint`` name columns of ``frame`` or give one value for
    every row. A repeated (name, date, hint) is looked up once. ``progress``, if given, is told
    how many distinct look-ups are done, as they are done.
    """
    if column not in frame.columns:
        raise InputError(f"no column {column!r}; the columns are {', '.join(map(str, frame.columns))}")
    geocoder = geocoder or get_geocoder("gazetteer")
    names = frame[column].to_numpy(dtype=object)
    days = _per_row(frame, date, _dates)
    hints = _per_row(frame, hint, lambda values: [None if _blank(v) else str(v) for v in values])
    answers: dict[tuple, dict[str, Any]] = {}
    rows = []
    for name, day, near in zip(names, days, hints):
        key = (name if isinstance(name, str) else None, day, near)
        if key not in answers:
            answers[key] = _answer(geocoder, key, min_confidence)
            if progress is not None:
                progress(1)
        rows.append(answers[key])
    return _frame(frame, rows)


def _per_row(frame: pd.DataFrame, value: Any, read: Callable[[Any], list]) -> list:
    """A column's values read with ``read``, or one value for every row."""
    if isinstance(value, str) and value in frame.columns:
        return read(frame[value])
    single = read(pd.Series([value]))[0] if value is not None else None
    return [single] * len(frame)


def _dates(values: pd.Series) -> list:
    days, _ = date_column(values)
    return [None if np.isnat(d) else parse_date(str(d)) for d in days]


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()


def _answer(geocoder: Gazetteer, key: tuple, min_confidence: float) -> dict[str, Any]:
    name, day, hint = key
    if name is None or not name.strip():
        return {"unplaced_reason": "blank cell"}
    try:
        location = geocoder.geocode(name, date=day, hint=hint, min_confidence=min_confidence)
    except InputError as exc:
        return {"unplaced_reason": str(exc)}
    if location is None:
        return {"unplaced_reason": f"not found with confidence {min_confidence:g} or more"}
    raw = location.raw
    return {"place_name": raw["name"], "address": location.address, "precision": raw["precision"],
            "geonameid": raw.get("geonameid"), "oblast_name": raw["oblast"]["name"] or None,
            "confidence": raw["confidence"], "place_reasons": "; ".join(raw["reasons"]),
            "geometry": shapely.Point(location.longitude, location.latitude)}


def _frame(frame: pd.DataFrame, rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    out = pd.DataFrame(frame).copy()
    clashes = [c for c in (*GEOCODED_COLUMNS, "geometry") if c in out.columns]
    if clashes:
        kept = ", ".join(c + "_input" for c in clashes)
        warnings.warn(f"the table already has {', '.join(clashes)}: kept as {kept}", stacklevel=3)
        out = out.rename(columns={c: f"{c}_input" for c in clashes})
    for c in GEOCODED_COLUMNS:
        out[c] = [row.get(c) for row in rows]
    out["confidence"] = pd.to_numeric(out["confidence"])
    out["geonameid"] = pd.array(out["geonameid"], dtype="Int64")
    return gpd.GeoDataFrame(out, geometry=[row.get("geometry") for row in rows], crs="EPSG:4326")
