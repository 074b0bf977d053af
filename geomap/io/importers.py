"""Native exports of the datasets people start from, mapped into geomap's columns
(:data:`geomap.schema.IMPORTED_COLUMNS`): ACLED and UCDP GED CSV, Bellingcat's civilian-harm data
(the site's JSON download and the TimeMap API export), the CIR monitor CSV and NASA FIRMS fire
detections (kept as their own kind of record, not as incidents).

Each importer reads the source's own codes: event types and weapon systems into geomap's event
types, precision codes into geomap's precisions, dates in the source's format, fatalities where
given; the original id is kept in ``source_id``.

>>> detect(pd.DataFrame(columns=["event_id_cnty", "sub_event_type", "geo_precision"]))
'acled'
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.dates import date_column
from geomap.schema import IMPORTED_COLUMNS

__all__ = ["IMPORTERS", "detect", "import_bellingcat", "import_table", "open_text"]

# ACLED sub-event types -> geomap event type (drone strikes are told apart by their notes).
ACLED_EVENTS = {
    "Shelling/artillery/missile attack": "shelling", "Air/drone strike": "airstrike",
    "Armed clash": "small_arms", "Remote explosive/landmine/IED": "mine", "Grenade": "grenade_launcher",
}
# ACLED geo_precision and UCDP where_prec codes -> geomap precision.
ACLED_PRECISION = {1: "settlement", 2: "settlement", 3: "raion"}
UCDP_PRECISION = {1: "settlement", 2: "settlement", 3: "raion", 4: "oblast", 5: "region", 6: "country",
                  7: "region"}
# Bellingcat's weapon systems -> geomap event type.
BELLINGCAT_WEAPONS = {
    "HE artillery inc mortars": "shelling", "HE rocket artillery": "rocket", "Cluster munitions": "rocket",
    "Incendiary munitions": "rocket", "Cruise missile": "missile", "Ballistic missile": "missile",
    "Anti-air missile": "missile", "Thermobaric munition": "rocket",
    "Vehicle mounted weapon": "small_arms", "Small arms": "small_arms", "Air strike": "airstrike",
    "Land mines": "mine", "Loitering munition": "drone",
}


def detect(frame: pd.DataFrame) -> str | None:
    """Which native export a table is, by its columns (None: not one geomap knows)."""
    columns = set(frame.columns)
    for name, (wanted, _) in IMPORTERS.items():
        if wanted <= columns:
            return name
    return None


def import_table(frame: pd.DataFrame, name: str) -> gpd.GeoDataFrame:
    """A native export (``name`` from :func:`detect`) in geomap's columns, every row kept."""
    return _frame(IMPORTERS[name][1](frame), name)


def _frame(columns: dict[str, object], dataset: str) -> gpd.GeoDataFrame:
    n = len(next(iter(columns.values())))
    out = {c: columns.get(c, [None] * n) for c in IMPORTED_COLUMNS if c not in ("dataset", "record_kind")}
    out["dataset"] = [dataset] * n
    out["record_kind"] = columns.get("record_kind", ["incident"] * n)
    extra = {k: v for k, v in columns.items() if k not in out and k not in ("x", "y")}
    x = pd.to_numeric(pd.Series(columns["x"]), errors="coerce").to_numpy()
    y = pd.to_numeric(pd.Series(columns["y"]), errors="coerce").to_numpy()
    geometry = [None if np.isnan(a) or np.isnan(b) else shapely.Point(a, b) for a, b in zip(x, y)]
    return gpd.GeoDataFrame({**out, **extra}, geometry=geometry, crs="EPSG:4326")


def _iso(values: object, dayfirst: bool = False) -> list[str | None]:
    """Dates as ISO strings (None where unreadable)."""
    series = pd.Series(values, dtype=object)
    if dayfirst:
        parsed = pd.to_datetime(series, errors="coerce", dayfirst=True, format="mixed")
        days = parsed.to_numpy().astype("datetime64[D]")
    else:
        days, _ = date_column(series)
    return [None if np.isnat(d) else str(d) for d in days]


def _acled(f: pd.DataFrame) -> dict[str, object]:
    notes = f["notes"].fillna("").astype(str)
    kind = [("drone" if "drone" in n.lower() or "uav" in n.lower() else ACLED_EVENTS.get(s, "other"))
            if s == "Air/drone strike" else ACLED_EVENTS.get(s, "other")
            for s, n in zip(f["sub_event_type"], notes)]
    precision = pd.to_numeric(f["geo_precision"], errors="coerce")
    return {"date": _iso(f["event_date"], dayfirst=True), "event_type": kind,
            "weapons": f["sub_event_type"].tolist(),
            "killed": pd.to_numeric(f["fatalities"], errors="coerce"),
            "place_text": f["location"].tolist(), "oblast_name": f["admin1"].tolist(),
            "precision": [ACLED_PRECISION.get(p, "raion") for p in precision],
            "quote": notes.tolist(), "source": f["source"].tolist(), "source_id": f["event_id_cnty"].tolist(),
            "x": f["longitude"], "y": f["latitude"], "acled_event_type": f["event_type"].tolist(),
            "actor1": f["actor1"].tolist(), "actor2": f["actor2"].tolist()}


def _ucdp(f: pd.DataFrame) -> dict[str, object]:
    return {"date": _iso(f["date_end"]), "event_type": ["other"] * len(f), "killed": f["best"].tolist(),
            "place_text": f["where_description"].tolist(), "oblast_name": f["adm_1"].tolist(),
            "precision": [UCDP_PRECISION.get(p, "region")
                          for p in pd.to_numeric(f["where_prec"], errors="coerce")],
            "quote": f["source_headline"].tolist(), "source": f["source_office"].tolist(),
            "source_id": f["id"].astype(str).tolist(), "x": f["longitude"], "y": f["latitude"],
            "date_start": _iso(f["date_start"]), "side_a": f["side_a"].tolist(),
            "side_b": f["side_b"].tolist()}


def _cir(f: pd.DataFrame) -> dict[str, object]:
    return {"date": _iso(f["date"]), "event_type": ["other"] * len(f),
            "weapons": f["arms/munition"].tolist(),
            "place_text": f["town/city"].tolist(), "oblast_name": f["province"].tolist(),
            "precision": ["coordinates"] * len(f), "quote": f["brief description"].tolist(),
            "source_url": f["link"].tolist(), "source": ["Centre for Information Resilience"] * len(f),
            "source_id": f["entry"].tolist(), "x": f["lon"], "y": f["lat"],
            "cir_group": f["event_group"].tolist()}


def _firms(f: pd.DataFrame) -> dict[str, object]:
    return {"date": _iso(f["acq_date"]), "event_type": [None] * len(f),
            "precision": ["coordinates"] * len(f),
            "source": ["NASA FIRMS"] * len(f), "record_kind": ["fire_detection"] * len(f),
            "source_id": [f"{d} {int(t):04d} {y:.5f},{x:.5f}" for d, t, y, x in
                          zip(f["acq_date"], f["acq_time"], f["latitude"], f["longitude"])],
            "x": f["longitude"], "y": f["latitude"], "frp": f["frp"].tolist(),
            "fire_confidence": f["confidence"].astype(str).tolist(), "acq_time": f["acq_time"].tolist()}


IMPORTERS: dict[str, tuple[set[str], Callable[[pd.DataFrame], dict[str, object]]]] = {
    "acled": ({"event_id_cnty", "sub_event_type", "geo_precision"}, _acled),
    "ucdp": ({"where_prec", "type_of_violence", "where_description"}, _ucdp),
    "cir": ({"entry", "event_group", "town/city"}, _cir),
    "firms": ({"acq_date", "acq_time", "frp"}, _firms),
}


def import_bellingcat(events: list[dict], path: Path) -> gpd.GeoDataFrame:
    """Bellingcat's civilian-harm events: the site's JSON download (sources and filters inside
    each event) or the TimeMap export (ids into ``*sources*.json`` and ``*associations*.json``
    beside the events file, read when present)."""
    sources, filters = _timemap_tables(path) if events and "associations" in events[0] else ({}, {})
    rows: dict[str, list] = {k: [] for k in ("date", "event_type", "weapons", "place_text", "quote",
                                             "source_url", "source_id", "x", "y", "area")}
    for e in events:
        tags = {f["key"]: f["value"] for f in e.get("filters", [])} or {
            filters[a][0]: filters[a][1] for a in e.get("associations", []) if a in filters}
        urls = [s.get("path") for s in e.get("sources", []) if isinstance(s, dict)] or [
            (sources.get(s, {}).get("paths") or [None])[0] for s in e.get("sources", [])]
        weapon = tags.get("Weapon System", "Unknown")
        rows["date"].append(e.get("date")), rows["weapons"].append(weapon)
        rows["event_type"].append(BELLINGCAT_WEAPONS.get(weapon, "other"))
        rows["place_text"].append(e.get("location") or None), rows["quote"].append(e.get("description"))
        rows["source_url"].append(next((u for u in urls if u), None)), rows["source_id"].append(e.get("id"))
        rows["x"].append(e.get("longitude")), rows["y"].append(e.get("latitude"))
        rows["area"].append(tags.get("Type of area affected"))
    rows["date"] = _iso([pd.to_datetime(d, format="%m/%d/%Y", errors="coerce") for d in rows["date"]])
    n = len(events)
    named = {"precision": ["coordinates"] * n, "source": ["Bellingcat, Civilian Harm in Ukraine"] * n}
    return _frame({**rows, **named}, "bellingcat")


def _timemap_tables(path: Path) -> tuple[dict, dict]:
    def sibling(word: str) -> object:
        other = path.with_name(path.name.replace("events", word))
        if other == path or not other.exists():
            return {}
        with open_text(other) as fh:
            return json.load(fh)
    sources = sibling("sources")
    filters = {a["id"]: tuple(a["filter_paths"][:2]) for a in (sibling("associations") or [])}
    return (sources if isinstance(sources, dict) else {}), filters


def open_text(path: Path):
    """A UTF-8 text file for reading, gzipped (``.gz``) or not."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")
