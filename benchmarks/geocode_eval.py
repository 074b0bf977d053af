"""Measure the offline geocoder: accuracy on UCDP GED location texts, and lookups per second.

Usage (from the project root)::

    python benchmarks/geocode_eval.py [--shared ../shared] [--queries 100000]
        [--out benchmarks/results/geocode_eval.md]

Accuracy: each row's ``where_description`` and event ``date`` go in; the answer is compared with
the gold point (great-circle km). Reported: share within 25 km (all rows), share within 5 km
(rows with ``where_prec`` == 1, the exact place), median error of the rows found, share not
found (rows without a description count as not found). A naive baseline runs side by side: the
longest settlement name found in the text (characters), most populous of that name wins.

Speed: single core, ``Gazetteer().geocode`` over 100,000 mixed queries drawn from the gazetteer
itself (plain names, other scripts and spellings, qualifiers and oblast hints), after one warm-up
pass over a different sample; the load time of the embedded gazetteer is measured in a fresh
process.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import EVAL, NaiveBaseline, comparison_rows, cpu_name, haversine_km  # noqa: E402

from geomap.data import data_path
from geomap.geocoding.geocoders import Gazetteer  # noqa: E402
from geomap.geocoding.hints import raion_2019_named  # noqa: E402
from geomap.geocoding.index import PlaceIndex, default_index
from geomap.geocoding.names import transliterate_ru, transliterate_uk  # noqa: E402
from geomap.geocoding.query import mentions, query_mentions  # noqa: E402
from geomap.geocoding.regions import oblast_names  # noqa: E402


def accuracy(frame: pd.DataFrame, answer) -> dict[str, float]:
    lat = np.full(len(frame), np.nan)
    lon = np.full(len(frame), np.nan)
    answered: list = [None] * len(frame)  # the name as written that the answer is for
    for i, (text, date) in enumerate(zip(frame.where_description, frame.date)):
        if isinstance(text, str):
            got = answer(text, date)
            if got is not None:
                lat[i], lon[i] = got[:2]
                answered[i] = got[2] if len(got) > 2 else ""
    err = haversine_km(lat, lon, frame.latitude.to_numpy(), frame.longitude.to_numpy())
    found = ~np.isnan(err)
    exact = (frame.where_prec == 1).to_numpy()
    return {
        "within 25 km (all rows)": float(np.mean(found & (err <= 25))),
        "within 5 km (where_prec == 1)": float(np.mean((found & (err <= 5))[exact])),
        "median error, km (found rows)": float(np.median(err[found])),
        "not found": float(np.mean(~found)),
        "_errors": err,
        "_answered": answered,
    }


def miss_breakdown(frame: pd.DataFrame, err: np.ndarray, answered: list) -> dict[str, int]:
    """Why rows miss 25 km: no description; not found; the gold is within 25 km of another
    place the text names (lists such as "2 in Bakhmut, 1 in Toretsk", where UCDP files one event
    per place under the same text); the gold is a namesake of the name answered (homonyms); other."""
    idx = default_index()
    out = {"no description": 0, "not found": 0, "gold is another place named in the text": 0,
           "gold is a namesake of the place answered": 0, "other (gazetteer gap, gold elsewhere)": 0}
    for i in np.flatnonzero(~(err <= 25)):
        text, lat, lon = frame.where_description.iat[i], frame.latitude.iat[i], frame.longitude.iat[i]
        if not isinstance(text, str):
            out["no description"] += 1
            continue
        if answered[i] is None:
            out["not found"] += 1
            continue
        near = {}
        for m in mentions(idx, text):
            rows = np.array([p for p in m.places if p >= 0], dtype=int)
            if len(rows):
                near[m.text] = bool(np.any(haversine_km(idx.lat[rows], idx.lon[rows], lat, lon) <= 25))
        chosen = answered[i]
        if any(ok for name, ok in near.items() if name != chosen):
            out["gold is another place named in the text"] += 1
        elif near.get(chosen):
            out["gold is a namesake of the place answered"] += 1
        else:
            out["other (gazetteer gap, gold elsewhere)"] += 1
    return out


def ceiling(frame: pd.DataFrame) -> np.ndarray:
    """Per row, whether the best one-answer-per-text geocoder on the embedded gazetteer could
    get it (columns: within 25 km, within 5 km): for each distinct (description, date), the one
    candidate of any name read in it that is right for the most of its rows. Rows without a
    description cannot be got."""
    idx = default_index()
    got = np.zeros((len(frame), 2), dtype=bool)
    described = frame.reset_index(drop=True)
    described = described[described.where_description.notna()]
    for (text, _), rows in described.groupby(["where_description", "date"]):
        cands = np.array(sorted({p for m in mentions(idx, text) for p in m.places if p >= 0}), dtype=int)
        if not len(cands):
            continue
        err = haversine_km(idx.lat[cands][:, None], idx.lon[cands][:, None],
                           rows.latitude.to_numpy()[None, :], rows.longitude.to_numpy()[None, :])
        for col, km in enumerate((25, 5)):
            best = int(np.argmax((err <= km).sum(axis=1)))
            got[rows.index.to_numpy(), col] = err[best] <= km
    return got


def places_named(frame: pd.DataFrame) -> np.ndarray:
    """Per row, how many different places (not oblasts or raions) its description names as
    read by the geocoder; -1 without a description."""
    idx = default_index()
    return np.array([len({m.text for m in query_mentions(idx, text) if not m.admin_word and m.lowest >= 0})
                     if isinstance(text, str) else -1 for text in frame.where_description])


def names_raion_2019(frame: pd.DataFrame) -> np.ndarray:
    """Per row, whether its description names a raion as it was before the 2020 reform (a
    district hint the geocoder reads as one of the 490 old raions on the row's date)."""
    idx = default_index()
    out = np.zeros(len(frame), dtype=bool)
    for i, (text, date) in enumerate(zip(frame.where_description, frame.date)):
        if isinstance(text, str):
            when = dt.date.fromisoformat(str(date)[:10])
            out[i] = any(raion_2019_named(idx, m, set(), when) for m in query_mentions(idx, text))
    return out


def mixed_queries(n: int, seed: int, simple: bool = False) -> list[str]:
    """Queries of the kinds users type, generated from the embedded gazetteer's own names;
    ``simple``: names only (any script or spelling), no qualifiers or hints."""
    idx = default_index()
    rng = random.Random(seed)
    settlements = [p for p, k in enumerate(idx.kind) if k == "settlement"]
    oblast_words = ["region", "oblast", "Oblast"]
    names_of_oblasts = oblast_names()
    out = []
    for _ in range(n):
        p = rng.choice(settlements)
        name = idx.name[p]
        form = rng.random() * (0.7 if simple else 1.0)
        if form < 0.35:
            q = name
        elif form < 0.5 and idx.name_uk[p]:
            q = idx.name_uk[p]
        elif form < 0.6 and idx.name_uk[p]:
            q = rng.choice([transliterate_uk, transliterate_ru])(idx.name_uk[p])
        elif form < 0.7:
            q = name.lower()
        elif form < 0.85:
            q = f"{rng.choice(['near', 'village of', 'in the area of', 'outskirts of'])} {name}"
        elif form < 0.93 and idx.raion[p]:
            q = f"{name}, {re.sub(r' (Raion|Rayon)$', '', idx.raion[p])} {rng.choice(['district', 'raion'])}"
        else:
            oblast = re.sub(r" (Oblast|City)$", "", names_of_oblasts.get(idx.admin1[p], ("", ""))[1])
            q = f"{name}, {oblast} {rng.choice(oblast_words)}"
        out.append(q)
    return out


def _rate(queries: list[str]) -> tuple[float, float, float]:
    """Lookups per second in a first pass with a freshly loaded index (its per-name memos start
    empty) and in a second pass over the same queries (memos filled), and the share found."""
    geocoder = Gazetteer(PlaceIndex(data_path("gazetteer_places.parquet"),
                                    data_path("gazetteer_names.parquet")))
    rates = []
    for _ in range(2):
        t0 = time.perf_counter()
        found = sum(geocoder.geocode(q) is not None for q in queries)
        rates.append(len(queries) / (time.perf_counter() - t0))
    return rates[0], rates[1], found / len(queries)


def speed(n: int) -> dict[str, float]:
    Gazetteer().geocode("Bakhmut")  # load the oblast table once (shared, not per index)
    mixed = _rate(mixed_queries(n, seed=2))
    simple = _rate(mixed_queries(n, seed=3, simple=True))
    load = subprocess.run(
        [sys.executable, "-c", "import time, geomap.geocoding.index as g; t = time.perf_counter(); "
                               "g.default_index(); print(time.perf_counter() - t)"],
        capture_output=True, text=True, check=True, cwd=ROOT)
    return {"mixed": mixed, "simple": simple, "load_s": float(load.stdout.strip())}


def report(shared: Path, n_queries: int) -> str:
    frame = pd.read_csv(shared / EVAL)
    geocoder = Gazetteer()

    def ours(text, date):
        loc = geocoder.geocode(text, date=date)
        return None if loc is None else (loc.latitude, loc.longitude, loc.raw.get("matched", ""))

    naive = NaiveBaseline()
    t0 = time.perf_counter()
    a = accuracy(frame, ours)
    t_eval = time.perf_counter() - t0
    b = accuracy(frame, lambda text, date: naive.geocode(text))
    s = speed(n_queries)
    size = sum((ROOT / "boundaries" / f).stat().st_size
               for f in ["gazetteer_places.parquet", "gazetteer_names.parquet"])
    lines = [
        "# Geocoder benchmark", "",
        f"Data: `{EVAL}` ({len(frame):,} UCDP GED events, {int((frame.where_prec == 1).sum())} with "
        "`where_prec` == 1); input = `where_description` + event date; error = great-circle km to the "
        "gold point.", "",
        "| metric | geomap Gazetteer | naive baseline |", "|---|---|---|",
    ]
    lines += comparison_rows(a, b)
    lines += [
        "", "Naive baseline: longest settlement name in the text (characters), most populous of that "
        "name wins.", "",
        "By UCDP id parity: the first description rules were developed on the even ids; later rules "
        "were kept only when neither half lost (a rule that fits one half only shows as a gap).", "",
        "| ids | rows | within 25 km (all rows) | within 5 km (where_prec == 1) |", "|---|---|---|---|",
    ]
    for name, half in [("even", frame.id % 2 == 0), ("odd", frame.id % 2 == 1)]:
        half = half.to_numpy()
        exact = half & (frame.where_prec == 1).to_numpy()
        err = a["_errors"]
        lines.append(f"| {name} | {int(half.sum()):,} | {100 * np.mean(err[half] <= 25):.1f} % | "
                     f"{100 * np.mean(err[exact] <= 5):.1f} % |")
    misses = miss_breakdown(frame, a["_errors"], a["_answered"])
    lines += [
        "", f"Why the {sum(misses.values()):,} rows beyond 25 km miss (each row counted once, "
        "in this order):", "",
        "| reason | rows | share of all rows |", "|---|---|---|",
    ]
    lines += [f"| {reason} | {n:,} | {100 * n / len(frame):.1f} % |" for reason, n in misses.items()]
    best = ceiling(frame)
    described = frame.where_description.notna().to_numpy()
    exact = (frame.where_prec == 1).to_numpy()
    err = a["_errors"]
    lines += [
        "", "What one answer per text can reach. UCDP files a list of places "
        "(\"2 in Bakhmut, 1 in Toretsk\") "
        "as several events with the same text and different points, and some rows have no description. "
        "The ceiling takes, for each distinct description and date, the single candidate (of any name "
        "read in it) right for the most of its rows:", "",
        "| rows | within 25 km: geomap / ceiling | within 5 km (where_prec == 1): geomap / ceiling |",
        "|---|---|---|",
    ]
    for name, rows in [(f"all {len(frame):,}", np.ones(len(frame), dtype=bool)),
                       (f"{int(described.sum()):,} with a description", described)]:
        lines.append(f"| {name} | {100 * np.mean(err[rows] <= 25):.1f} % / "
                     f"{100 * np.mean(best[rows, 0]):.1f} % | "
                     f"{100 * np.mean(err[rows & exact] <= 5):.1f} % / "
                     f"{100 * np.mean(best[rows & exact, 1]):.1f} % |")
    named = places_named(frame)
    lines += [
        "", "By how many places the description names (as the geocoder reads it; oblasts and raions "
        "named as hints do not count). The ceiling of a text naming several places that has one row "
        "here is an oracle's: it knows which of the places that row is about.", "",
        "| description | rows | within 25 km: geomap / ceiling | exact rows "
        "| within 5 km: geomap / ceiling |",
        "|---|---|---|---|---|",
    ]
    for name, rows in [("none (no description)", named == -1),
                       ("no place read (only units, directions)", named == 0),
                       ("one place", named == 1), ("several places", named >= 2)]:
        lines.append(f"| {name} | {int(rows.sum()):,} | {100 * np.mean(err[rows] <= 25):.1f} % / "
                     f"{100 * np.mean(best[rows, 0]):.1f} % | {int((rows & exact).sum()):,} | "
                     f"{100 * np.mean(err[rows & exact] <= 5):.1f} % / "
                     f"{100 * np.mean(best[rows & exact, 1]):.1f} % |")
    old = names_raion_2019(frame)
    lines += [
        "", "Descriptions naming a raion as it was before the 2020 reform (\"Starobeshivskiy district\", "
        "\"Krasnodon district\"; read on the row's date, without the oblast):", "",
        "| rows | within 25 km | exact rows | within 5 km |", "|---|---|---|---|",
        f"| {int(old.sum()):,} | {100 * np.mean(err[old] <= 25):.1f} % | {int((old & exact).sum()):,} | "
        f"{100 * np.mean(err[old & exact] <= 5):.1f} % |",
    ]
    lines += [
        "",
        "## Speed (single core)", "",
        "`Gazetteer().geocode(q)` (geopy Locations with 5 alternatives in `raw`); first pass on a "
        "freshly loaded index / second pass over the same queries (per-name memos filled):", "",
        f"- {n_queries:,} simple queries (a name in any script or spelling, no qualifiers or hints): "
        f"**{s['simple'][0]:,.0f} / {s['simple'][1]:,.0f} lookups/s** ({100 * s['simple'][2]:.1f} % found)",
        f"- {n_queries:,} mixed queries (names, Cyrillic, other spellings, qualifiers, oblast/raion hints): "
        f"**{s['mixed'][0]:,.0f} / {s['mixed'][1]:,.0f} lookups/s** ({100 * s['mixed'][2]:.1f} % found)",
        f"- UCDP descriptions with dates (line-of-contact evidence): {len(frame) / t_eval:,.0f} lookups/s",
        f"- gazetteer load time in a fresh process: **{s['load_s']:.2f} s**; "
        f"embedded size {size / 1e6:.1f} MB",
        "", f"Measured with Python {sys.version.split()[0]} on {cpu_name()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} when done "
        "(other work on the machine slows the speed figures).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "geocode_eval.md"))
    args = parser.parse_args()
    text = report(Path(args.shared), args.queries)
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


if __name__ == "__main__":
    main()
