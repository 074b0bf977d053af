"""Dask speed-up on 2 worker processes, side by side with one process, in one run.

    python benchmarks/dask_bench.py [--points 2000000] [--texts 800] [--workers 2]

Two jobs, each run cold (a fresh process, or a fresh local cluster whose workers load the
embedded data with their first task):

* check: random points on Ukraine's land over 200 dates, in Parquet parts; read, check and
  written back as Parquet parts, by one process part after part, and by ``geomap.check`` of a
  dask-geopandas frame on the cluster;
* extraction: UCDP GED event descriptions (headline and place description, real varied text) as
  reports, by ``geomap.extract_reports`` in one process and of a Dask DataFrame on the cluster.

The rows are compared too. Writes benchmarks/results/dask_bench.md.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, cpu_name, publish

RESULTS = "dask_bench.md"
PARTS = 16  # Parquet parts of the points (8 a worker)
TEXT_PARTS = 16


def make_points(folder: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from checks_bench import random_points

    frame = random_points(n, 200)
    size = -(-n // PARTS)
    folder.mkdir()
    for i in range(PARTS):
        frame.iloc[i * size:(i + 1) * size].to_parquet(folder / f"part.{i}.parquet")


def texts(n: int) -> list[tuple[str, str, str]]:
    import pandas as pd

    shared = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
    frame = pd.read_csv(shared / "eval" / "ucdp_ged_ukraine_dev.csv")
    rows = [(f"{h}. {d}" if isinstance(h, str) else d, str(t), f"ucdp-{i}")
            for i, (d, t, h) in enumerate(zip(frame.where_description, frame.date, frame.headline))
            if isinstance(d, str)]
    return rows[:n]


def run_job(job: str, folder: Path, out: Path, n_texts: int, workers: int) -> dict:
    """One job in this (fresh) process; the timing includes loading the embedded data."""
    import geopandas as gpd
    import pandas as pd

    import geomap

    start = time.perf_counter()
    if job == "check-one":
        out.mkdir()
        for part in sorted(folder.glob("*.parquet")):
            geomap.check(gpd.read_parquet(part)).to_parquet(out / part.name)
        return {"seconds": time.perf_counter() - start}
    if job == "extract-one":
        frame = geomap.extract_reports(texts(n_texts))
        seconds = time.perf_counter() - start
        frame.drop(columns="geometry").assign(wkt=frame.geometry.to_wkt()).to_parquet(out)
        return {"seconds": seconds, "incidents": len(frame)}
    import dask.dataframe as dd
    import dask_geopandas
    import pyarrow as pa

    from geomap.parallel import local_cluster

    cluster, client = local_cluster(workers)
    with cluster, client:
        ready = time.perf_counter()
        if job == "check-dask":
            checked = geomap.check(dask_geopandas.read_parquet(folder))
            dates = checked.layer_date.astype(pd.ArrowDtype(pa.date32()))  # as geomap check writes them
            checked.assign(layer_date=dates).to_parquet(out)
            return {"seconds": time.perf_counter() - ready, "start": ready - start}
        reports = pd.DataFrame(texts(n_texts), columns=["text", "published", "source"])
        frame = geomap.extract_reports(dd.from_pandas(reports, npartitions=TEXT_PARTS, sort=False)).compute()
        seconds = time.perf_counter() - ready
        frame = frame.reset_index(drop=True)
        frame.drop(columns="geometry").assign(wkt=frame.geometry.to_wkt()).to_parquet(out)
        return {"seconds": seconds, "start": ready - start, "incidents": len(frame)}


def cold(job: str, folder: Path, out: Path, n_texts: int, workers: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--job", job, "--folder", str(folder), "--out", str(out),
                           "--texts", str(n_texts), "--workers", str(workers)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_rows(one: Path, other: Path) -> bool:
    """Same rows and values (dates of the layer read back as Arrow dates from a Dask write)."""
    import pandas as pd

    a, b = (pd.read_parquet(path).reset_index(drop=True) for path in (one, other))
    for frame in (a, b):
        if "layer_date" in frame:
            frame["layer_date"] = pd.to_datetime(frame.layer_date.astype(object))
    try:
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    except AssertionError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000)
    parser.add_argument("--texts", type=int, default=800)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--job")
    parser.add_argument("--folder")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.job:
        print(json.dumps(run_job(args.job, Path(args.folder), Path(args.out), args.texts, args.workers)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_points(tmp / "points", args.points)
        got = {job: cold(job, tmp / "points", tmp / job, args.texts, args.workers)
               for job in ("check-one", "check-dask", "extract-one", "extract-dask")}
        check_same = same_rows(tmp / "check-one", tmp / "check-dask")
        extract_same = same_rows(tmp / "extract-one", tmp / "extract-dask")

    def row(name: str, one: dict, many: dict, same: bool) -> str:
        return (f"| {name} | {one['seconds']:.1f} s | {many['seconds']:.1f} s (+ {many['start']:.1f} s "
                f"cluster start) | {one['seconds'] / many['seconds']:.2f}x | {'yes' if same else 'NO'} |")

    lines = [
        "# Dask speed-up benchmark (`benchmarks/dask_bench.py`)",
        "",
        f"One process vs a `distributed.LocalCluster` of {args.workers} worker processes (one thread each) "
        f"on {os.cpu_count()} cores ({cpu_name()}), side by side in one run, every job cold (the workers "
        "load the embedded data with their first task). The machine is shared: other work loads it too.",
        "",
        f"| job | one process | {args.workers} workers | speed-up | same rows |",
        "|---|---:|---:|---:|:---:|",
        row(f"check {args.points:,} points over 200 dates (Parquet parts in and out)",
            got["check-one"], got["check-dask"], check_same),
        row(f"extract {args.texts} UCDP texts ({got['extract-one']['incidents']:,} incidents)",
            got["extract-one"], got["extract-dask"], extract_same),
        "",
        "The cluster's start (scheduler, worker processes) is paid once per session and shown apart. "
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(with a load above the core count, the workers share the cores with other work).",
        "",
    ]
    publish(RESULTS, lines)


if __name__ == "__main__":
    main()
