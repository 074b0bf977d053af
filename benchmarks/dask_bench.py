"""Dask speed-up on 2 worker processes, side by side with one process, in one run.

    python benchmarks/dask_bench.py [--points 2000000] [--texts 1600] [--workers 2]

Two jobs, each run cold (a fresh process, or a fresh local cluster whose workers load the
embedded data with their first task):

* check: random points on Ukraine's land over 200 dates, in Parquet parts; read, check and
  written back as Parquet parts, by one process part after part, and by ``geomap.check`` of a
  dask-geopandas frame on the cluster;
* extraction: reports of about 2 KB, by ``geomap.extract_reports`` in one process and of a Dask
  DataFrame on the cluster: the news articles of ``eval/news_dev.jsonl`` and bulletins made of UCDP
  GED event descriptions (headline and place description, real varied text), read at run time.

The rows are compared too. On the cluster, the task stream splits the time into the cluster's
start, the extra time of each worker's first task (loading the embedded data), the tasks' work,
the transfers between processes and the time no task ran. Writes benchmarks/results/dask_bench.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, cpu_name, publish

RESULTS = "dask_bench.md"
PARTS = 16  # Parquet parts of the points (8 a worker)
TEXT_PARTS = 16
SPIN_STEPS = 40_000_000  # a few seconds of one core
BULLETIN_CHARS = 2_000  # UCDP descriptions are joined into bulletins of about this size


def make_points(folder: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from checks_bench import random_points

    frame = random_points(n, 200)
    size = -(-n // PARTS)
    folder.mkdir()
    for i in range(PARTS):
        frame.iloc[i * size:(i + 1) * size].to_parquet(folder / f"part.{i}.parquet")


def texts(n: int) -> list[tuple[str, str, str]]:
    """``n`` reports: the news articles, then bulletins of UCDP descriptions (each pass over the
    descriptions in another order, so that no two bulletins are the same)."""
    import pandas as pd

    shared = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
    with open(shared / "eval" / "news_dev.jsonl", encoding="utf-8") as lines:
        reports = [(row["text"], row["published"], row["id"]) for row in map(json.loads, lines)]
    frame = pd.read_csv(shared / "eval" / "ucdp_ged_ukraine_dev.csv")
    events = [(f"{h}. {d}." if isinstance(h, str) else f"{d}.", str(t))
              for d, t, h in zip(frame.where_description, frame.date, frame.headline) if isinstance(d, str)]
    order = random.Random(11)
    while len(reports) < n:
        order.shuffle(events)
        lines, days = [], []
        for line, day in events:
            lines.append(line)
            days.append(day)
            if sum(map(len, lines)) >= BULLETIN_CHARS:  # published after the last of its events
                reports.append(("\n".join(lines), max(days), f"ucdp-bulletin-{len(reports)}"))
                lines, days = [], []
    return reports[:n]


def _spin() -> None:
    total = 0
    for i in range(SPIN_STEPS):
        total += i


def cpu_throughput(workers: int) -> float:
    """How many times the CPU of one process ``workers`` processes get together at this moment
    (the same pure-Python loop in each, at once): the ceiling of any speed-up on this machine."""
    from multiprocessing import get_context

    def wall(n: int) -> float:
        start = time.perf_counter()
        processes = [get_context("spawn").Process(target=_spin) for _ in range(n)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return time.perf_counter() - start

    one = (wall(1) + wall(1)) / 2
    return workers * one / wall(workers)


def task_costs(stream: list[dict], wall: float) -> dict:
    """Where the cluster's time went, from the task stream: the extra time of each worker's first
    task of the main kind over the median of its others (the embedded data it loads), the tasks'
    work, the transfers, and the wall time in which no task ran on some worker."""
    by_worker: dict[str, list[tuple[float, float, str]]] = {}
    work = transfer = 0.0
    for task in stream:
        key = task["key"][0] if isinstance(task["key"], tuple) else task["key"]
        for step in task["startstops"]:
            seconds = step["stop"] - step["start"]
            if step["action"] == "compute":
                work += seconds
                kind = key.rsplit("-", 1)[0]
                by_worker.setdefault(task["worker"], []).append((step["start"], seconds, kind))
            elif step["action"] == "transfer":
                transfer += seconds
    first_extra = []
    for steps in by_worker.values():
        steps.sort()
        kind = max({k for _, _, k in steps}, key=lambda k: sum(s for _, s, kk in steps if kk == k))
        mine = [s for _, s, k in steps if k == kind]
        first_extra.append(mine[0] - statistics.median(mine[1:]) if len(mine) > 1 else 0.0)
    return {"work": work, "transfer": transfer, "first_extra": first_extra,
            "idle": len(by_worker) * wall - work - transfer}


def run_job(job: str, folder: Path, out: Path, n_texts: int, workers: int) -> dict:
    """One job in this (fresh) process; the timing includes importing geomap and loading the
    embedded data, as a command pays them."""
    start = time.perf_counter()
    import geopandas as gpd
    import pandas as pd

    import geomap

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
    from distributed import get_task_stream

    from geomap.parallel import local_cluster

    cluster, client = local_cluster(workers)
    with cluster, client:
        ready = time.perf_counter()
        with get_task_stream(client) as stream:  # the tasks' times are fetched on leaving
            if job == "check-dask":
                checked = geomap.check(dask_geopandas.read_parquet(folder))
                dates = checked.layer_date.astype(pd.ArrowDtype(pa.date32()))  # as geomap check writes them
                checked.assign(layer_date=dates).to_parquet(out)
            else:
                reports = pd.DataFrame(texts(n_texts), columns=["text", "published", "source"])
                parts = dd.from_pandas(reports, npartitions=TEXT_PARTS, sort=False)
                frame = geomap.extract_reports(parts).compute()
            seconds = time.perf_counter() - ready
    costs = {"seconds": seconds, "start": ready - start, **task_costs(stream.data, seconds)}
    if job == "check-dask":
        return costs
    frame = frame.reset_index(drop=True)
    frame.drop(columns="geometry").assign(wkt=frame.geometry.to_wkt()).to_parquet(out)
    return {**costs, "incidents": len(frame)}


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
    parser.add_argument("--texts", type=int, default=1600)
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
        got, loads, throughput = {}, [os.getloadavg()[0]], [cpu_throughput(args.workers)]
        for job in ("check-one", "check-dask", "extract-one", "extract-dask"):
            got[job] = cold(job, tmp / "points", tmp / job, args.texts, args.workers)
            loads.append(os.getloadavg()[0])
        throughput.append(cpu_throughput(args.workers))
        check_same = same_rows(tmp / "check-one", tmp / "check-dask")
        extract_same = same_rows(tmp / "extract-one", tmp / "extract-dask")
    reports = texts(args.texts)
    mean_chars = sum(len(text) for text, _, _ in reports) / len(reports)

    def row(name: str, one: dict, many: dict, same: bool) -> str:
        return (f"| {name} | {one['seconds']:.1f} s | {many['seconds']:.1f} s | "
                f"{one['seconds'] / many['seconds']:.2f}x | {many['start']:.1f} s | "
                f"{one['seconds'] / (many['seconds'] + many['start']):.2f}x | {'yes' if same else 'NO'} |")

    def costs(name: str, one: dict, many: dict) -> str:
        first = " and ".join(f"{s:.1f}" for s in many["first_extra"])
        return (f"| {name} | {one['seconds']:.1f} s | {many['work']:.1f} s | {first} s | "
                f"{many['transfer']:.1f} s | {many['idle']:.1f} s |")

    check_name = f"check {args.points:,} points over 200 dates (Parquet parts in and out)"
    extract_name = (f"extract {args.texts} reports of {mean_chars / 1000:.1f} KB on average "
                    f"({got['extract-one']['incidents']:,} incidents)")
    lines = [
        "# Dask speed-up benchmark (`benchmarks/dask_bench.py`)",
        "",
        f"One process vs a `distributed.LocalCluster` of {args.workers} worker processes (one thread each) "
        f"on {os.cpu_count()} cores ({cpu_name()}), side by side in one run, every job cold (a fresh "
        "process, or a fresh cluster whose workers load the embedded data with their first task; the "
        "times include importing geomap). The "
        "reports are the news articles of the evaluation set and bulletins of UCDP event descriptions.",
        "",
        f"| job | one process | {args.workers} workers | speed-up | cluster start | speed-up with the start "
        "| same rows |",
        "|---|---:|---:|---:|---:|---:|:---:|",
        row(check_name, got["check-one"], got["check-dask"], check_same),
        row(extract_name, got["extract-one"], got["extract-dask"], extract_same),
        "",
        "Where the workers' time went (task stream): the tasks' work summed over the workers (against "
        "the one process's whole time), the extra time of each worker's first task over its others "
        "(loading the layers, and the gazetteer for extraction), transfers between processes, and the "
        "worker time in which no task ran (scheduling, the client's reading and collecting, waiting for "
        "a core):",
        "",
        "| job | one process | tasks' work | first task's extra, per worker | transfers | no task running |",
        "|---|---:|---:|---:|---:|---:|",
        costs(check_name, got["check-one"], got["check-dask"]),
        costs(extract_name, got["extract-one"], got["extract-dask"]),
        "",
        "The machine is shared with other work: load average (1 minute) "
        + ", ".join(f"{load:.1f}" for load in loads)
        + f" on {os.cpu_count()} cores, before the run and after each job. With a load above the "
        "number of cores, a process gets a share of the cores, and several processes do not get as "
        f"many times that share: {args.workers} processes spinning the same loop at once got "
        + " and ".join(f"{x:.2f}" for x in throughput)
        + f" times the CPU of one process, before and after the jobs. That is the ceiling of any "
        f"speed-up on {args.workers} workers during this run, before the workers' costs above.",
        "",
    ]
    publish(RESULTS, lines)


if __name__ == "__main__":
    main()
