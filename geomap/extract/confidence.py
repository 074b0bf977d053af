"""Calibrated confidence of an incident's place: the probability that the incident is where the
map puts it (within 25 km, or inside the oblast or region given), from the geocoder's confidence
in the name and what the extractor knows besides: how much the text says the name is a place,
whether the report named the place or only its unit, how many places the report names, its
language and whether the sentence says what hit. A logistic model fitted by
``benchmarks/fit_incident_confidence.py`` with grouped cross-validation and stored in
``incident_confidence.json``.

>>> row = {"confidence": 0.97, "place_support": 2, "precision": "settlement",
...        "place_note": "named in the report", "event_type": "shelling", "language": "en"}
>>> 0.5 < incident_confidence(row, 1) <= 1.0
True
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from geomap.geocoding.confidence import linear_model, probability

__all__ = ["INCIDENT_FEATURES", "UNNAMED", "calibrate", "incident_confidence", "incident_features"]

INCIDENT_FEATURES = (
    "name_logit", "place_support", "settlement", "raion", "area", "country", "unit_only",
    "report_places", "not_english", "no_weapon",
)
UNNAMED = "place not named"  # how place_note starts for an incident whose place the report does not name
_CLIP = 0.001  # a geocoder confidence of 0 or 1 would be an infinite logit


def incident_features(row: Mapping[str, Any], places_in_report: int) -> list[float]:
    """The evidence for one incident row (before calibration), in :data:`INCIDENT_FEATURES` order."""
    p = min(max(float(row["confidence"]), _CLIP), 1 - _CLIP)
    precision = row["precision"]
    note = row["place_note"]
    return [
        math.log(p / (1 - p)), float(min(row["place_support"], 4)),
        float(precision in ("settlement", "site", "coordinates")), float(precision == "raion"),
        float(precision in ("oblast", "region")), float(precision == "country"),
        float(note.startswith("the report names only")),
        math.log2(places_in_report + 1), float(row.get("language", "en") != "en"),
        float(row["event_type"] == "other"),
    ]


def incident_confidence(row: Mapping[str, Any], places_in_report: int) -> float:
    """The probability that one incident's place is right."""
    model = linear_model("geomap.extract", "incident_confidence.json", INCIDENT_FEATURES)
    return probability(model, incident_features(row, places_in_report))


def calibrate(rows: list[dict]) -> list[dict]:
    """Replace the geocoder's confidence in each row's name by the incident's (one report's rows).
    An incident whose place the report does not name keeps the share of the report's places in
    the oblast guessed for it (:func:`geomap.extract.sites.best_region`): the development data
    hold too few such incidents to learn from."""
    for row in rows:
        if not row["place_note"].startswith(UNNAMED):
            row["confidence"] = incident_confidence(row, len(rows))
    return rows
