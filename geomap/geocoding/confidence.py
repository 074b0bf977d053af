"""Calibrated confidence of a geocoder answer: the probability that the place is right within
25 km, from the evidence the ranking already has (how the name matched and how alike it is,
the margin to the runner-up, the kind and size of the place, hints and the line of contact,
and how the query is written). A logistic model, fitted by ``benchmarks/fit_confidence.py``
with cross-validation on the development data and stored in ``confidence_model.json``.

>>> import geomap
>>> geomap.geocode("Avdiivka, Donetsk region").raw["confidence"] > 0.9
True
>>> raw = geomap.geocode("Zelensky", min_confidence=0).raw
>>> raw["name"], raw["confidence"] < 0.2
('Zelenkiv', True)
"""
from __future__ import annotations

import functools
import json
import math
import operator
import re
from importlib import resources
from typing import Any

from rapidfuzz.distance import Indel

from geomap.geocoding.names import ADMIN_WORDS, SETTLEMENT_WORDS, name_key
from geomap.geocoding.weights import LEVEL_REASON

__all__ = ["DEFAULT_MIN_CONFIDENCE", "FEATURES", "confidence", "features", "linear_model", "probability"]

# Below this an answer is no answer (geocode() returns None): chosen with the model on held-out
# folds so that at most about 2 % of strings that name no place are answered (docs/geocode.md).
DEFAULT_MIN_CONFIDENCE = 0.5

FEATURES = (
    "level_name", "level_former", "level_spelling", "level_loose", "similarity", "margin", "candidates",
    "population", "settlement", "site", "raion", "oblast", "region", "abroad", "coordinates",
    "query_words", "lower_case", "place_word", "coverage", "cyrillic", "hint_agrees", "hint_disagrees",
    "near_line", "score", "acronym", "other_names",
    # where the reading is not the name as written, what else speaks for it
    "inexact_unsupported", "inexact_similarity", "inexact_lower_case", "inexact_other_names", "exact_unique",
)
# Words that say the query is written as a place ("near the village of X", "X checkpoint").
_PLACE_WORDS = frozenset(ADMIN_WORDS | SETTLEMENT_WORDS | {
    "near", "outskirts", "area", "district", "airport", "checkpoint", "direction", "road", "highway",
    "island", "community", "territorial", "entrance", "between", "outside", "vicinity", "suburb", "station",
    "bridge"})
_LETTERS = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@functools.cache
def linear_model(package: str, name: str, expected: tuple[str, ...]) -> tuple[tuple[float, ...], float]:
    """A stored logistic model (``package``/``name``: features, scaling, weights, intercept as its
    fitting script writes them) with its scaling folded in: z = intercept + w . x."""
    model = json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    if tuple(model["features"]) != expected:
        raise RuntimeError(f"{name} was fitted on other features: run its fitting script again")
    weights = tuple(w / s for w, s in zip(model["weights"], model["scale"]))
    return weights, model["intercept"] - sum(w * m for w, m in zip(weights, model["mean"]))


def probability(model: tuple[tuple[float, ...], float], x: list[float]) -> float:
    """The logistic probability of features ``x`` under a :func:`linear_model`, to 3 places."""
    weights, intercept = model
    z = intercept + sum(map(operator.mul, weights, x))
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def features(query: str, raw: dict[str, Any]) -> list[float]:
    """The evidence of one answer (its JSON, as ``Location.raw`` holds it, with the runner-ups in
    ``raw["candidates"]``) for the query asked, in :data:`FEATURES` order."""
    reasons = raw.get("reasons") or []
    level = LEVEL_REASON.index(reasons[0]) if reasons and reasons[0] in LEVEL_REASON else -1
    precision = raw.get("precision", "")
    runner_ups = raw.get("candidates") or []
    margin = min(raw["score"] - runner_ups[0]["score"], 3.0) if runner_ups else 3.0
    words = _LETTERS.findall(query)
    letters = sum(map(len, words)) or 1
    matched = raw.get("matched") or ""
    hints = " ".join(reasons)
    # The words the answer accounts for: the name matched and the hints read beside it.
    named = {w.lower() for w in _LETTERS.findall(" ".join([matched, *(r[6:] for r in reasons
                                                                      if r.startswith("hint: "))]))}
    others = [w for w in words if w[0].isupper() and w.lower() not in named and w.lower() not in _PLACE_WORDS]
    x = [
        float(level == 0), float(level == 1), float(level == 2), float(level == 3),
        _similarity(matched, raw.get("name", "")) if level >= 0 else 1.0,
        margin, math.log10(len(runner_ups) + 1), math.log10(raw.get("population", 0) + 1) / 6,
        float(precision == "settlement"), float(precision == "site"), float(precision == "raion"),
        float(precision == "oblast"), float(precision in ("region", "country")),
        float(raw.get("country", "UA") != "UA"), float(precision == "coordinates"),
        math.log2(len(words) + 1),
        float(bool(words) and query == query.lower() and not _CYRILLIC.search(query)),
        float(any(w.lower() in _PLACE_WORDS for w in words)),
        min(sum(map(len, _LETTERS.findall(matched))) / letters, 1.0), float(bool(_CYRILLIC.search(query))),
        float("in the oblast named" in hints), float("outside the oblast named" in hints),
        float("from the line of contact" in hints), max(min(raw.get("score", 0.0), 3.0), -3.0),
        float(len(words) == 1 and words[0].isupper() and len(words[0]) <= 6 and not _CYRILLIC.search(query)),
        math.log2(len(others) + 1),
    ]
    inexact = float(level >= 1)  # a region named or a point written is as written
    supported = x[17] or x[20] or x[22]  # a place word, the oblast named, the line of contact near
    x += [inexact * (not supported), inexact * x[4], inexact * x[16], inexact * x[25],
          (1 - inexact) * margin / 3]
    return x


@functools.lru_cache(maxsize=65_536)  # answers repeat: the same names are compared again and again
def _similarity(matched: str, name: str) -> float:
    """How alike the words matched are to the place's name (1: the same key): "Avdeevka" is near
    Avdiivka, "Zelensky" far from Zelenkiv."""
    key = _squashed_key(matched)
    form = _squashed_key(name)
    return Indel.normalized_similarity(key, form) if key and form else 0.0


@functools.lru_cache(maxsize=65_536)
def _squashed_key(text: str) -> str:
    return name_key(text).replace(" ", "")


def confidence(query: str, raw: dict[str, Any]) -> float:
    """The probability that ``raw`` is the right place within 25 km.

    >>> import geomap
    >>> raw = geomap.geocode("Pisky, Donetsk region").raw
    >>> confidence("Pisky, Donetsk region", raw) == raw["confidence"]
    True
    """
    model = linear_model("geomap.geocoding", "confidence_model.json", FEATURES)
    return probability(model, features(query, raw))
