"""``--workers N`` and ``--scheduler ADDRESS``: ``geomap check`` and ``geomap extract`` on a Dask
cluster, a local one of N worker processes or an existing one, reading and writing partitioned
Parquet (a folder of ``part.N.parquet`` files) for inputs that do not fit one process.

>>> import argparse
>>> p = argparse.ArgumentParser()
>>> add_cluster_options(p)
>>> p.parse_args(["--workers", "2"]).workers
2
"""
from __future__ import annotations

import argparse
import contextlib
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geomap.errors import InputError

__all__ = ["PARTITIONED_SUFFIX", "add_cluster_options", "connected", "on_cluster", "partitions_for",
           "read_partitioned", "writes_partitioned"]

PARTITIONED_SUFFIX = ".parquet"  # on a cluster, an output of this suffix is a folder of parts
PARTS_PER_WORKER = 4  # several parts a worker: a slow part does not leave the others idle


def add_cluster_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--workers", type=int, metavar="N",
                       help="run on a local Dask cluster of N worker processes (needs dask, distributed)")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on an existing Dask cluster (tcp://host:8786); the workers need geomap")


def on_cluster(args: argparse.Namespace) -> bool:
    return bool(args.workers or args.scheduler)


@contextlib.contextmanager
def connected(args: argparse.Namespace) -> Iterator[Any]:
    """A ``distributed`` client of the cluster the options ask for (closed, and a local cluster
    stopped, on leaving)."""
    from distributed import Client

    from geomap.parallel import local_cluster

    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers must be 1 or more, not {args.workers}")
    if args.scheduler:
        try:
            client = Client(args.scheduler, timeout="20s")
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {args.scheduler}: {exc}") from None
        with client:
            yield client
        return
    cluster, client = local_cluster(args.workers)
    with cluster, client:
        yield client


def partitions_for(client: Any, rows: int, rows_per_part: int) -> int:
    """How many parts to cut ``rows`` into: at least a few per worker, at most ``rows_per_part`` each."""
    workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    return max(1, min(rows, max(workers * PARTS_PER_WORKER, math.ceil(rows / rows_per_part))))


def read_partitioned(path: str) -> Any | None:
    """A folder of Parquet parts as a lazy dask-geopandas frame; None when ``path`` is a file."""
    if not Path(path).is_dir():
        return None
    import dask_geopandas

    return dask_geopandas.read_parquet(path)


def writes_partitioned(output: str | None) -> bool:
    return bool(output) and Path(output).suffix.lower() == PARTITIONED_SUFFIX
