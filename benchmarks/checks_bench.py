"""Benchmark geomap.check: 1,000,000 random points in Ukraine over 200 dates, vs what a geopandas
user writes by hand (grouped by date: ``within``, ``sjoin``, a projected ``distance``) and a per-row loop.

    python benchmarks/checks_bench.py [--points 1000000] [--dates 200] [--loop-sample 10000]

Writes benchmarks/results/checks_bench.md and prints the same table. Single process, one core
(shapely/GEOS and pyproj do not multithread these calls). The answers of the peer are compared
row by row; the share of check's time spent inside shapely's own calls is measured with cProfile.
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import resource
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from common import publish

from geomap.spatial import checks, layers
from geomap.spatial.crs import LENGTH_CRS

RESULTS = "checks_bench.md"


def random_points(n: int, n_dates: int, seed: int = 7) -> gpd.GeoDataFrame:
    """Uniform points over Ukraine's land, each with one of ``n_dates`` dates in coverage."""
    rng = np.random.default_rng(seed)
    land = layers.ukraine_land()
    shapely.prepare(land)
    x0, y0, x1, y1 = land.bounds
    xs, ys = [], []
    while sum(map(len, xs)) < n:
        x, y = rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)
        inside = shapely.contains_xy(land, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
    x, y = np.concatenate(xs)[:n], np.concatenate(ys)[:n]
    first, last = (np.datetime64(d) for d in layers.coverage("liveuamap"))
    pool = np.sort(rng.choice(np.arange(first, last + 1), n_dates, replace=False))
    dates = rng.choice(pool, n)
    return gpd.GeoDataFrame({"date": dates}, geometry=gpd.points_from_xy(x, y), crs=4326)


def per_row_loop(frame: gpd.GeoDataFrame) -> list[tuple]:
    """The straightforward version: one shapely predicate and distance call per row."""
    oblasts = layers.oblasts()

    @functools.cache
    def metric_line(day):
        return gpd.GeoSeries([layers.contact_line(day)], crs=4326).to_crs(LENGTH_CRS).iloc[0]

    metric_points = frame.geometry.to_crs(LENGTH_CRS)
    out = []
    for (_, row), mpt in zip(frame.iterrows(), metric_points):
        day = pd.Timestamp(row["date"]).date()
        occupied = row.geometry.within(layers.occupied_area(day))
        oblast = next((o.iso for o in oblasts.itertuples() if row.geometry.within(o.geometry)), None)
        km = metric_line(day).distance(mpt) / 1000
        out.append((occupied, oblast, -km if occupied else km))
    return out


def geopandas_by_hand(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """What a geopandas user writes: per date, ``within`` the occupied area, ``sjoin`` with the
    oblasts, and the distance to the contact line in a metric CRS (sign: negative when occupied)."""
    oblasts = layers.oblasts()[["iso", "geometry"]]
    metric = frame.geometry.to_crs(LENGTH_CRS)
    out = pd.DataFrame(index=frame.index, columns=["occupied", "oblast", "line_km"], dtype=object)
    for day, rows in frame.groupby(frame["date"].dt.date):
        occupied = rows.within(layers.occupied_area(day))
        joined = gpd.sjoin(rows[["geometry"]], oblasts, how="left", predicate="within")
        oblast = joined[~joined.index.duplicated()].iso
        line = gpd.GeoSeries([layers.contact_line(day)], crs=4326).to_crs(LENGTH_CRS).iloc[0]
        km = metric.loc[rows.index].distance(line) / 1000
        out.loc[rows.index, "occupied"] = occupied
        out.loc[rows.index, "oblast"] = oblast
        out.loc[rows.index, "line_km"] = np.where(occupied, -km, km)
    return out


def shapely_seconds(frame: gpd.GeoDataFrame) -> tuple[float, float]:
    """check's time and the part of it spent inside shapely's functions (GEOS), from cProfile."""
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.runcall(checks.check, frame)
    total = time.perf_counter() - start
    inside = sum(stat[2] for (path, _, name), stat in pstats.Stats(profile).stats.items()
                 if "/shapely/" in path or "shapely.lib" in name)
    return total, inside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--dates", type=int, default=200)
    parser.add_argument("--loop-sample", type=int, default=10_000)
    args = parser.parse_args()

    t = time.perf_counter()
    layers.series("liveuamap")
    layers.oblasts()
    load_s = time.perf_counter() - t
    frame = random_points(args.points, args.dates)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    t = time.perf_counter()
    checked = checks.check(frame)
    vector_s = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # a second run shows the cost once prepared layers and segment trees are cached
    t = time.perf_counter()
    checks.check(frame)
    warm_s = time.perf_counter() - t

    t = time.perf_counter()
    by_hand = geopandas_by_hand(frame)
    by_hand_s = time.perf_counter() - t
    # one more run of check, side by side with the peer's (the machine's speed drifts)
    t = time.perf_counter()
    checks.check(frame)
    beside_s = time.perf_counter() - t
    agree_hand = np.mean((by_hand.occupied.to_numpy(bool) == checked.control.str.startswith("occupied"))
                         & (by_hand.oblast.fillna("").to_numpy() == checked.oblast.fillna("").to_numpy()))
    hand_km_diff = np.nanmax(np.abs(by_hand.line_km.to_numpy(float) - checked.line_km.to_numpy()))
    profiled_s, shapely_s = shapely_seconds(frame)

    sample = frame.iloc[: args.loop_sample]
    t = time.perf_counter()
    loop = per_row_loop(sample)
    loop_s = time.perf_counter() - t
    vec_sample = checked.iloc[: args.loop_sample]
    agree_control = np.mean([(occ == c.startswith("occupied"))
                             for (occ, _, _), c in zip(loop, vec_sample.control)])
    agree_oblast = np.mean([o == v for (_, o, _), v in zip(loop, vec_sample.oblast)])
    km_diff = np.nanmax(np.abs(np.array([k for *_, k in loop]) - vec_sample.line_km.to_numpy()))

    per_point_vec = vector_s / len(frame)
    per_point_loop = loop_s / len(sample)
    lines = [
        "# Spatial checks benchmark (`benchmarks/checks_bench.py`)",
        "",
        f"{len(frame):,} random points on Ukraine's land, {args.dates} distinct dates "
        f"{layers.coverage('liveuamap')[0]} … {layers.coverage('liveuamap')[1]}, source liveuamap; "
        "control, oblast and signed distance to the line for every point; one process, one core.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| layer load (liveuamap series + oblasts) | {load_s:.2f} s |",
        f"| `check()` on {len(frame):,} points, cold | {vector_s:.2f} s |",
        f"| `check()` again, layers cached | {warm_s:.2f} s |",
        f"| points per second (cold) | {len(frame) / vector_s:,.0f} |",
        f"| peak resident memory of the process | {peak_mb:,.0f} MB (before checks {rss_before:,.0f} MB) |",
        f"| per-row loop on {len(sample):,} points | {loop_s:.2f} s ({len(sample) / loop_s:,.0f} points/s) |",
        f"| speed ratio, per point (vectorized cold vs loop) | {per_point_loop / per_point_vec:,.0f}x |",
        f"| agreement with the loop: control / oblast | {agree_control:.4%} / {agree_oblast:.4%} |",
        f"| geopandas by hand (per date: `within`, `sjoin`, projected `distance`) | {by_hand_s:.2f} s |",
        f"| `check()` beside it | {beside_s:.2f} s |",
        f"| speed ratio, check vs geopandas by hand | {by_hand_s / beside_s:.1f}x |",
        f"| agreement with geopandas by hand: control and oblast / largest line_km difference | "
        f"{agree_hand:.4%} / {hand_km_diff * 1000:.1f} m |",
        f"| time inside shapely's calls (cProfile: query_nearest, points, contains_xy, ...) | "
        f"{shapely_s:.2f} s of {profiled_s:.2f} s ({shapely_s / profiled_s:.0%}) |",
        f"| largest line_km difference to the loop | {km_diff * 1000:.1f} m |",
        "",
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(the machine is shared; the ratios come from runs side by side).",
        "",
        "Control values: " + ", ".join(f"{k} {v:,}" for k, v in checked.control.value_counts().items()),
        "",
    ]
    publish(RESULTS, lines)


if __name__ == "__main__":
    main()
