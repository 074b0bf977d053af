"""Fit the geocoder's confidence model and measure its calibration and abstention.

Usage (from the project root; needs the ``build`` extra for scikit-learn)::

    python benchmarks/fit_confidence.py [--shared ../shared] [--folds 5]

Training rows are the geocoder's best answers to (a) the UCDP GED location descriptions of the
development set with their dates, labelled right when within 25 km of the gold point, and (b)
the strings in ``benchmarks/data/non_places.txt`` that name no place (any that is exactly a
gazetteer name is left out), labelled wrong. A logistic regression on
:data:`geomap.geocoding.confidence.FEATURES` is fitted in grouped folds (a text and its
duplicates stay in one fold); the figures below come from the held-out folds only. The model
fitted on all rows is written to ``geomap/geocoding/confidence_model.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import EVAL, cpu_name, haversine_km, publish
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from geomap.geocoding.confidence import DEFAULT_MIN_CONFIDENCE, FEATURES, features
from geomap.geocoding.index import default_index
from geomap.geocoding.lookup import ALTERNATIVES, rank
from geomap.geocoding.names import name_key
from geomap.geocoding.regions import REGIONS, oblast_names, region_geometry
from geomap.spatial import layers
from geomap.spatial.checks import oblast_of

MODEL = ROOT / "geomap" / "geocoding" / "confidence_model.json"
NON_PLACES = ROOT / "benchmarks" / "data" / "non_places.txt"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def best_raw(query: str, date: object = None) -> dict | None:
    """The best answer's JSON with its runner-ups, as ``Location.raw`` holds it."""
    found = rank(query, date=date, limit=ALTERNATIVES + 1)
    if not found:
        return None
    return found.answer_json()


def non_places() -> tuple[list[str], int]:
    idx = default_index()
    lines = [s.strip() for s in NON_PLACES.read_text().splitlines() if s.strip() and not s.startswith("#")]
    kept = [s for s in lines if not any(level == 0 for level in idx.find(name_key(s)).values())]
    return kept, len(lines) - len(kept)


def right(raw: dict, lat: float, lon: float) -> bool:
    """An answer is right when the gold point is within 25 km of it or, for an area answered (an
    oblast, a named region, a raion), inside it (a raion: within 40 km of its point, since
    GeoNames gives raions no polygon)."""
    if raw["precision"] == "oblast":
        row = int(oblast_of(np.array([lon]), np.array([lat]))[0])
        return row >= 0 and layers.oblasts().iso.iat[row] == raw["oblast"]["iso"]
    if raw["precision"] in ("region", "country"):
        region = next((r for r in REGIONS if r.name == raw["name"]), None)
        return region is not None and region_geometry(region).contains(shapely.Point(lon, lat))
    km = float(haversine_km(raw["latitude"], raw["longitude"], lat, lon))
    return km <= (40 if raw["precision"] == "raion" else 25)


def rows(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """One row a query: the set it comes from, its group, features, label, distance, precision."""
    frame = pd.read_csv(shared / EVAL)
    out = []
    seen_names: set[str] = set()
    for i, (text, date, name) in enumerate(zip(frame.where_description, frame.date, frame.gold_place)):
        lat, lon = frame.latitude.iat[i], frame.longitude.iat[i]
        # The description with its date (the benchmark's rows), the same without a date, and the
        # gold place's own name as UCDP writes it ("Sloviansk town"), as users ask plain names.
        queries = [("ucdp", text, date), ("ucdp_undated", text, None)]
        if isinstance(name, str) and name not in seen_names:
            seen_names.add(name)
            queries.append(("gold_name", name, None))
        for kind, query, when in queries:
            raw = best_raw(query, when) if isinstance(query, str) else None
            km = float(haversine_km(raw["latitude"], raw["longitude"], lat, lon)) if raw else np.nan
            out.append({"set": kind, "group": f"u:{text}" if kind != "gold_name" else f"g:{name}", "row": i,
                        "answered": raw is not None, "km": km, "exact": frame.where_prec.iat[i] == 1,
                        "right": bool(raw) and right(raw, lat, lon),
                        "x": features(query, raw) if raw else None})
    out += unit_rows()
    strings, dropped = non_places()
    for s in strings:
        raw = best_raw(s)
        out.append({"set": "non_place", "group": f"n:{s}", "row": -1, "answered": raw is not None,
                    "km": np.nan, "exact": False, "right": False, "x": features(s, raw) if raw else None})
    table = pd.DataFrame(out)
    table["label"] = table["right"].astype(int)
    return table, frame, dropped


def unit_rows() -> list[dict]:
    """The named regions' own names and aliases ("Donbas", "DPR"), the oblasts' names, and the
    countries and large cities abroad: a query that names one is right when it is the answer."""
    queries = [(alias, region.name) for region in REGIONS for alias in region.aliases]
    for iso, name in oblast_names().values():
        queries += [(name, iso), (name.replace(" Oblast", " region"), iso)]
    # Countries and large cities abroad, named as such ("Russia", "Brussels").
    idx = default_index()
    queries += [(idx.name[p], idx.name[p]) for p in range(idx.first_foreign, len(idx))
                if idx.fcode[p] == "PCLI" or idx.population[p] >= 300_000]
    out = []
    for query, unit in queries:
        raw = best_raw(query)
        ok = bool(raw) and unit in (raw["name"], raw["oblast"]["iso"]) and (
            raw["precision"] != "settlement" or raw["country"] != "UA")
        out.append({"set": "unit_name", "group": f"r:{query}", "row": -1, "answered": raw is not None,
                    "km": np.nan, "exact": False, "right": ok, "x": features(query, raw) if raw else None})
    return out


def logistic_out_of_fold(x: np.ndarray, y: np.ndarray, groups, folds: int,
                         weight: np.ndarray | None = None) -> np.ndarray:
    """Each row's probability from a logistic model fitted on the other folds (grouped)."""
    prob = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        scaler = StandardScaler().fit(x[train])
        model = LogisticRegression(max_iter=2000).fit(
            scaler.transform(x[train]), y[train], sample_weight=None if weight is None else weight[train])
        prob[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    return prob


def logistic_fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...],
                 weight: np.ndarray | None = None) -> dict:
    """A logistic model on all rows, as geomap.geocoding.confidence.linear_model reads it."""
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(x), y, sample_weight=weight)
    return {"features": list(names), "mean": scaler.mean_.round(6).tolist(),
            "scale": scaler.scale_.round(6).tolist(), "weights": model.coef_[0].round(6).tolist(),
            "intercept": round(float(model.intercept_[0]), 6)}


def out_of_fold(table: pd.DataFrame, folds: int) -> np.ndarray:
    answered = table[table.answered]
    p = logistic_out_of_fold(np.array(answered.x.tolist()), answered.label.to_numpy(), answered.group, folds)
    prob = np.full(len(table), np.nan)
    prob[table.answered.to_numpy()] = p
    return prob


def fit_all(table: pd.DataFrame) -> dict:
    answered = table[table.answered]
    model = logistic_fit(np.array(answered.x.tolist()), answered.label.to_numpy(), FEATURES)
    model["trained_on"] = (f"{int((answered.set == 'ucdp').sum())} UCDP answers, "
                           f"{int((answered.set == 'non_place').sum())} answers to non-place strings")
    return model


def reliability(prob: np.ndarray, label: np.ndarray) -> tuple[list[str], float]:
    edges = np.linspace(0, 1, 11)
    lines = ["| confidence | answers | right within 25 km | mean confidence |", "|---|---:|---:|---:|"]
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (prob >= lo) & ((prob < hi) | (hi == 1.0))
        if inside.any():
            right, mean = label[inside].mean(), prob[inside].mean()
            ece += inside.sum() / len(prob) * abs(right - mean)
            lines.append(f"| {lo:.1f}–{hi:.1f} | {int(inside.sum()):,} | {100 * right:.1f} % | {mean:.2f} |")
    return lines, ece


def report(table: pd.DataFrame, prob: np.ndarray, frame: pd.DataFrame, dropped: int, folds: int) -> list[str]:
    answered = table.answered.to_numpy()
    ucdp, non = (table.set == "ucdp").to_numpy(), (table.set == "non_place").to_numpy()
    rel, ece = reliability(prob[answered], table.label.to_numpy()[answered])
    sure = answered & (prob >= 0.9)
    count = {kind: int((table.set == kind).sum()) for kind in ("gold_name", "unit_name")}
    right_share = 100 * table.label.to_numpy()[sure].mean()
    lines = ["# Geocoder confidence and abstention (`benchmarks/fit_confidence.py`)", "",
             f"Logistic model on {len(FEATURES)} features; {folds} grouped folds, every figure from the "
             f"held-out folds. Rows: the best answers to the {int(ucdp.sum()):,} UCDP descriptions of "
             f"`{EVAL}` with their dates, to the same without dates, to the gold places' names as UCDP "
             f"writes them ({count['gold_name']}), to the names of the oblasts, the named regions, the "
             f"countries and large cities abroad ({count['unit_name']}), and to {int(non.sum())} strings "
             f"that name no place (`benchmarks/data/non_places.txt`; {dropped} exact gazetteer names left "
             "out). Right = within 25 km of the gold point, or, for an oblast or a named region answered, "
             "the gold point inside it.", "",
             f"**Expected calibration error: {ece:.3f}**; right among answers with confidence ≥ 0.9: "
             f"**{right_share:.1f} %** ({int(sure.sum()):,} answers).", "",
             "## Reliability (held-out folds)", "", *rel, "",
             "## Abstention: answers below the confidence threshold are `None`", "",
             "| threshold | non-place strings answered | UCDP within 25 km (all rows) | "
             "UCDP within 5 km (where_prec 1) | UCDP within 25 km, distinct texts |",
             "|---|---:|---:|---:|---:|"]
    km, exact = table.km.to_numpy(), table.exact.to_numpy()
    texts = table.group.to_numpy()
    for t in (0.0, *THRESHOLDS):
        kept = answered & (np.nan_to_num(prob, nan=-1) >= t)
        near25 = kept & (km <= 25)
        near5 = kept & (km <= 5)
        distinct = pd.Series(near25[ucdp]).groupby(texts[ucdp]).max().mean()
        mark = " (default)" if t == DEFAULT_MIN_CONFIDENCE else (" (no abstention)" if t == 0 else "")
        lines.append(f"| {t:.1f}{mark} | {100 * kept[non].mean():.1f} % | "
                     f"{100 * near25[ucdp].mean():.1f} % | {100 * near5[ucdp & exact].mean():.1f} % | "
                     f"{100 * distinct:.1f} % |")
    lines += ["", "UCDP rows without a description, or not found, count as misses; a text coded as several "
              "events (lists) can only be right for one of them.", "",
              f"Measured with Python {sys.version.split()[0]} on {cpu_name()}."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    table, frame, dropped = rows(args.shared)
    prob = out_of_fold(table, args.folds)
    MODEL.write_text(json.dumps(fit_all(table), indent=1) + "\n")
    publish("confidence.md", report(table, prob, frame, dropped, args.folds))


if __name__ == "__main__":
    main()
