"""Fit the incidents' confidence model and measure its calibration.

Usage (from the project root; needs the ``build`` extra for scikit-learn)::

    python benchmarks/fit_incident_confidence.py [--shared ../shared] [--folds 5]

Training rows are incidents the extractor finds before calibration (their ``confidence`` is the
geocoder's confidence in the name), labelled right or wrong:

- UCDP GED development rows (``headline`` + ``where_description``, the event date as publication
  date): the report's primary incident (as in ``extract_eval.py``), right when within 25 km of the
  gold point (an area: containing it);
- the real news articles of ``eval/news_dev.jsonl``: every placed incident whose place is named,
  right when it matches a gold site of its article and wrong when it matches none (scored with the rules of
  ``eval/news_score.py``, which this script imports; incidents that only match an ambiguous entry
  or restate a gold site's oblast are left out; every incident of an article without attacks is
  wrong).

A logistic regression on :data:`geomap.extract.confidence.INCIDENT_FEATURES` is fitted in grouped
folds (a text and its duplicates, an article, stay in one fold); the figures come from the
held-out folds only. The model fitted on all rows is written to
``geomap/extract/incident_confidence.json``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import EVAL, cpu_name, haversine_km, publish
from extract_eval import PRECISION_ORDER
from fit_confidence import logistic_fit, logistic_out_of_fold, reliability

from geomap.extract.confidence import INCIDENT_FEATURES, UNNAMED, incident_features
from geomap.extract.incidents import _rows

MODEL = ROOT / "geomap" / "extract" / "incident_confidence.json"
NEWS = "eval/news_dev.jsonl"


def _point(geometry):
    return geometry if geometry.geom_type == "Point" else geometry.representative_point()


def ucdp_rows(shared: Path) -> list[dict]:
    frame = pd.read_csv(shared / EVAL)
    out = []
    for headline, where, date, lat, lon in zip(frame.headline, frame.where_description, frame.date,
                                               frame.latitude, frame.longitude):
        text = " ".join(t for t in (headline, where) if isinstance(t, str))
        rows = _rows(text, date, None)
        if not rows:
            continue
        primary = min(range(len(rows)), key=lambda k: (-rows[k]["place_support"],
                                                       PRECISION_ORDER.get(rows[k]["precision"], 9), k))
        row = rows[primary]
        if row["place_note"].startswith(UNNAMED):
            continue  # keeps its own confidence (see geomap.extract.confidence.calibrate)
        point = _point(row["geometry"])
        inside = row["precision"] in ("oblast", "region", "country") and row["geometry"].covers(
            shapely.Point(lon, lat))
        right = inside or float(haversine_km(point.y, point.x, lat, lon)) <= 25
        out.append({"set": "ucdp", "group": f"u:{text}", "before": row["confidence"],
                    "x": incident_features(row, len(rows)), "label": int(right)})
    return out


def news_rows(shared: Path) -> list[dict]:
    spec = importlib.util.spec_from_file_location("news_score", shared / "eval" / "news_score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = []
    for line in (shared / NEWS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article = json.loads(line)
        for key in ("gold", "ambiguous"):
            for e in article.get(key, []):
                if e.get("precision") in ("oblast", "region"):
                    e["_area"] = score.area_of(e)
        gold = [g for g in article.get("gold", []) if score.located(g)]
        ambiguous = [g for g in article.get("ambiguous", []) if score.located(g)]
        rows = _rows(article["text"], article.get("published"), None)
        for row in rows:
            inc = score.Inc(pd.Series(row))
            if inc.geom is None or inc.precision == "country" or row["place_note"].startswith(UNNAMED):
                continue
            if article.get("negative"):
                label = 0
            elif any(score.prec_match(inc, g) for g in gold):
                label = 1
            elif any(score.prec_match(inc, g, lenient=g["precision"] == "oblast") for g in ambiguous) or (
                    inc.precision in ("oblast", "region") and any(
                        inc.geom.covers(score.Point(g["lon"], g["lat"])) for g in gold)):
                continue  # neither right nor wrong
            else:
                label = 0
            out.append({"set": "news", "group": f"n:{article['id']}", "before": row["confidence"],
                        "x": incident_features(row, len(rows)), "label": label})
    return out


def weights(table: pd.DataFrame) -> np.ndarray:
    """Each set weighs as much as the other in the fit: news articles are few but are what users
    bring, and UCDP's short location lines would otherwise decide alone."""
    counts = table.set.value_counts()
    return (len(table) / (len(counts) * counts[table.set])).to_numpy()


def fit_all(table: pd.DataFrame) -> dict:
    x, y = np.array(table.x.tolist()), table.label.to_numpy()
    model = logistic_fit(x, y, INCIDENT_FEATURES, weights(table))
    model["trained_on"] = (f"{int((table.set == 'ucdp').sum())} UCDP primary incidents, "
                           f"{int((table.set == 'news').sum())} incidents of real news articles")
    return model


def summary(prob: np.ndarray, label: np.ndarray) -> str:
    _, ece = reliability(prob, label)
    sure = prob >= 0.9
    return (f"ECE {ece:.3f}; right among confidence ≥ 0.9: {100 * label[sure].mean():.1f} % "
            f"({int(sure.sum()):,} incidents); right among confidence < 0.5: "
            f"{100 * label[prob < 0.5].mean() if (prob < 0.5).any() else float('nan'):.1f} % "
            f"({int((prob < 0.5).sum()):,})")


def report(table: pd.DataFrame, prob: np.ndarray, folds: int) -> list[str]:
    label, before = table.label.to_numpy(), table.before.to_numpy()
    rel, _ = reliability(prob, label)
    lines = ["# Incident confidence (`benchmarks/fit_incident_confidence.py`)", "",
             f"Logistic model on {len(INCIDENT_FEATURES)} features ({', '.join(INCIDENT_FEATURES)}); "
             f"{folds} grouped folds, every calibrated figure from the held-out folds. Rows: the primary "
             f"incident of {int((table.set == 'ucdp').sum()):,} UCDP development texts (`{EVAL}`) and "
             f"{int((table.set == 'news').sum())} placed incidents of the real news articles of `{NEWS}` "
             "(development set; the held-out set is not used). Right = the place within 25 km of the "
             "gold point, or an area holding it.", "",
             "| rows | geocoder's confidence in the name (before) | incident confidence (held-out folds) |",
             "|---|---|---|"]
    for name, rows in (("all", np.ones(len(table), dtype=bool)), ("UCDP", (table.set == "ucdp").to_numpy()),
                       ("news", (table.set == "news").to_numpy())):
        lines.append(f"| {name} | {summary(before[rows], label[rows])} | "
                     f"{summary(prob[rows], label[rows])} |")
    lines += ["", "## Reliability of the incident confidence (held-out folds, all rows)", "", *rel, "",
              "The map draws incidents under 0.5 as unsure; `--min-confidence` leaves them out.", "",
              f"Measured with Python {sys.version.split()[0]} on {cpu_name()}."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    table = pd.DataFrame(ucdp_rows(args.shared) + news_rows(args.shared))
    prob = logistic_out_of_fold(np.array(table.x.tolist()), table.label.to_numpy(), table.group, args.folds,
                                weights(table))
    MODEL.write_text(json.dumps(fit_all(table), indent=1) + "\n")
    publish("incident_confidence.md", report(table, prob, args.folds))


if __name__ == "__main__":
    main()
