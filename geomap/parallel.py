"""geomap's work spread over cores or machines with Dask: :func:`check` and :func:`extract_reports`
take a Dask collection as well as a pandas one, and then return a lazy dask-geopandas frame.

Each partition is checked (or extracted) in one call of the single-process function, so a Dask
frame gives the same rows and values as the same frame in one process. The embedded layers and the
gazetteer are module-level caches: each worker process loads them with its first task and keeps
them for every later one; the client loads neither (the result's column types come from
:mod:`geomap.schema`). Extraction is CPU-bound Python: run it on worker processes (a
``distributed`` cluster, see :func:`local_cluster`), not threads.

Dask is imported only when a Dask collection (or a cluster) is asked for: ``import geomap`` stays
as cheap as before.

Dask frames have fixed column types: every partition takes the types of the frame's ``_meta``
(a text column with no value in one partition is still text), and the index of
:func:`extract_reports` restarts at 0 in each partition.

>>> import geopandas as gpd, shapely
>>> frame = gpd.GeoDataFrame({"date": ["2022-02-17"]}, geometry=[shapely.Point(39.3078, 48.5740)], crs=4326)
>>> check(frame).control.tolist()  # a pandas frame is checked at once, as by geomap.spatial.checks.check
['occupied_since_2014']
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geomap.dates import DateLike
from geomap.errors import InputError
from geomap.extract import incidents
from geomap.schema import CHECK_COLUMNS, CONTROL_VALUES, INCIDENT_COLUMNS, INTEGER_COLUMNS
from geomap.spatial import checks, layers
from geomap.spatial.crs import GEOGRAPHIC_CRS

__all__ = ["REPORT_COLUMNS", "check", "extract_reports", "is_dask", "local_cluster"]

REPORT_COLUMNS = ("text", "published", "source")  # what extract_reports reads from a Dask frame
# The types of the columns check and the extractor write that are not text: the frame description
# (meta) of a Dask result is built from them and the schema's column lists, so that the client
# loads no layer and no gazetteer (tests/parallel compares them with real outputs).
_NUMBER_TYPES = {"confidence": "float64", "quote_start": "int64", "quote_end": "int64",
                 "line_km": "float64", "occupied_share": "float64"}
_DATE_OBJECT_COLUMNS = ("layer_date",)  # object columns of datetime.date values, not text
_TEXT = pd.Series(["text"]).dtype  # object with pandas 2, its string type with pandas 3

def is_dask(obj: object) -> bool:
    """Whether ``obj`` is a Dask collection (False without importing Dask when it is not loaded:
    nothing can be a Dask collection then)."""
    if "dask" not in sys.modules:
        return False
    import dask

    return dask.is_dask_collection(obj)


def check(gdf: Any, date_column: str = "date", source: str = layers.DEFAULT_SOURCE,
          date: DateLike = None) -> Any:
    """:func:`geomap.spatial.checks.check` of a GeoDataFrame, or of a dask-geopandas GeoDataFrame
    partition by partition: then a lazy dask-geopandas GeoDataFrame with the same columns (call
    ``.compute()`` or write it with ``.to_parquet()``)."""
    if not is_dask(gdf):
        return checks.check(gdf, date_column=date_column, source=source, date=date)
    if source not in layers.SOURCES:  # refused now, not in a worker at compute time
        raise InputError(f"unknown control source {source!r}; choose one of {', '.join(layers.SOURCES)}")
    import dask_geopandas

    if not isinstance(gdf, dask_geopandas.GeoDataFrame):
        raise InputError(f"check() takes a dask-geopandas GeoDataFrame, not {type(gdf).__name__}: "
                         "make one with dask_geopandas.from_dask_dataframe(frame, geometry=...)")
    meta = _checked_meta(gdf._meta)
    return gdf.map_partitions(_check_partition, date_column, source, date, meta, meta=meta)


def _checked_meta(meta: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """No rows, the columns and types :func:`check` gives a frame of the columns of ``meta``: its
    own columns keep their types, check's replace those of the same name or come after them."""
    out = meta.set_crs(GEOGRAPHIC_CRS) if meta.crs is None else meta.to_crs(GEOGRAPHIC_CRS)
    for name in CHECK_COLUMNS:
        out[name] = _empty_column(name)
    return out


def _empty_column(name: str) -> pd.Series:
    """No values, of the type the column ``name`` has in geomap's outputs."""
    if name == "control":
        dtype = pd.CategoricalDtype(CONTROL_VALUES)
    elif name in _DATE_OBJECT_COLUMNS:
        dtype = np.dtype(object)
    elif name in INTEGER_COLUMNS:
        dtype = pd.Int64Dtype()
    else:
        dtype = _NUMBER_TYPES.get(name, _TEXT)
    return pd.Series([], dtype=dtype)


def _check_partition(part: gpd.GeoDataFrame, date_column: str, source: str, date: DateLike,
                     meta: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return _conformed(checks.check(part, date_column=date_column, source=source, date=date), meta,
                      CHECK_COLUMNS)


def extract_reports(reports: Any, control_source: str = layers.DEFAULT_SOURCE, **options: Any) -> Any:
    """:func:`geomap.extract.incidents.extract_reports` of ``(text, published, source)`` tuples,
    or of a Dask DataFrame with a ``text`` column (``published`` and ``source`` if it has them)
    partition by partition: then a lazy dask-geopandas GeoDataFrame of the incidents."""
    if not is_dask(reports):
        return incidents.extract_reports(reports, control_source, **options)
    if control_source not in layers.SOURCES:
        raise InputError(f"unknown control source {control_source!r}; "
                         f"choose one of {', '.join(layers.SOURCES)}")
    import dask.dataframe as dd
    import dask_geopandas

    if not isinstance(reports, dd.DataFrame) or "text" not in reports.columns:
        raise InputError("extract_reports() takes a Dask DataFrame with a 'text' column "
                         f"(and 'published', 'source'); got {type(reports).__name__}"
                         + (f" with columns {', '.join(map(str, reports.columns))}"
                            if isinstance(reports, dd.DataFrame) else ""))
    meta = _checked_meta(gpd.GeoDataFrame({name: _empty_column(name) for name in INCIDENT_COLUMNS},
                                          geometry=gpd.GeoSeries([], crs=GEOGRAPHIC_CRS)))
    extracted = reports.map_partitions(_extract_partition, control_source, meta, meta=meta)
    return dask_geopandas.from_dask_dataframe(extracted, geometry="geometry")


def _extract_partition(part: pd.DataFrame, control_source: str, meta: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    columns = [part[c] if c in part.columns else [None] * len(part) for c in REPORT_COLUMNS]
    return _conformed(incidents.extract_reports(_report_tuples(*columns), control_source), meta, meta.columns)


def _report_tuples(texts: Iterable, published: Iterable, sources: Iterable) -> list[tuple]:
    """Rows of a report table as the extractor's tuples; missing values (NaN, NA) as None."""
    return [(text if isinstance(text, str) else "", None if _missing(day) else day,
             None if _missing(source) else str(source))
            for text, day, source in zip(texts, published, sources)]


def _missing(value: object) -> bool:
    return value is None or (np.ndim(value) == 0 and bool(pd.isna(value)))


def _conformed(part: gpd.GeoDataFrame, meta: gpd.GeoDataFrame, names: Iterable[str]) -> gpd.GeoDataFrame:
    """``part`` with the types of ``meta`` for the columns ``names`` where they differ: a column of
    nothing but None (pandas infers object) becomes text; dates of nothing but NaT become None."""
    for name in names:
        want = meta[name].dtype
        if part[name].dtype == want:
            continue
        if name in _DATE_OBJECT_COLUMNS and part[name].isna().all():
            part[name] = np.full(len(part), None, dtype=object)
        else:
            part[name] = part[name].astype(want)
    return part


def local_cluster(workers: int):
    """A ``distributed`` cluster on this machine: ``workers`` processes of one thread each (the
    extractor is pure Python: threads would share one core), and a client connected to it.

    The workers' statistical profiler is off: it samples the running task's Python stack many
    times a second, holding the interpreter's lock, which slows the extractor's deep Python calls
    a good deal, and it feeds only the dashboard, which is off too."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):  # read as the workers start
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    return cluster, Client(cluster)
