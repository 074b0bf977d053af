"""geomap on Dask: the same rows and values as in one process, on a cluster of two worker processes."""
import subprocess
import sys
from pathlib import Path

import dask
import dask.dataframe as dd
import dask_geopandas
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from distributed import LocalCluster

import geomap
from geomap import cli
from geomap.errors import InputError
from geomap.io.incidents import read_incidents
from geomap.parallel import is_dask, local_cluster
from geomap.schema import CHECK_COLUMNS
from geomap.spatial import layers

ROOT = Path(__file__).resolve().parents[2]
# Our own sentences: one incident with a date, one report without any, one with two places.
REPORTS = pd.DataFrame({
    "text": ["Artillery shelled Pisky, Donetsk oblast, overnight.",
             "The weather in Kyiv was mild and nothing happened.",
             "Russian forces shelled Avdiivka with mortars on Monday; a drone struck Kupiansk.",
             "Rockets hit Kharkiv on Tuesday, the regional governor said."] * 3,
    "published": ["2022-02-17", None, "2023-03-15", "2024-05-21"] * 3,
    "source": [f"bulletin-{i}" for i in range(12)],
})


@pytest.fixture(scope="module")
def client():
    cluster, client = local_cluster(2)
    with cluster, client:
        yield client


@pytest.fixture(scope="module")
def points() -> gpd.GeoDataFrame:
    """Points over eastern Ukraine and beyond at dates across the data, with the rows a check
    cannot use: no date, a date outside the data, no geometry, impossible coordinates."""
    rng = np.random.default_rng(3)
    n = 3_000
    first, last = (np.datetime64(d) for d in layers.coverage("liveuamap"))
    days = rng.integers(0, int((last - first).astype(int)) + 1, n)
    frame = gpd.GeoDataFrame({"date": [str(first + d) for d in days], "note": np.arange(n)},
                             geometry=gpd.points_from_xy(rng.uniform(22, 41, n), rng.uniform(44, 53, n)),
                             crs=4326)
    frame.loc[0, "date"] = None
    frame.loc[1, "date"] = "2001-01-01"
    frame.loc[2, "geometry"] = None
    frame.loc[3, "geometry"] = shapely.Point(200, 100)
    square = shapely.box(37.6, 48.0, 38.4, 48.4)  # a polygon across the line of 2023
    frame.loc[4, ["date", "geometry"]] = ["2023-06-01", square]
    return frame


def _values(frame: pd.DataFrame) -> pd.DataFrame:
    """The values alone, missing ones as None: Dask gives a text column its text type even in
    a part where it holds nothing but None."""
    return frame.astype(object).where(frame.notna(), None)


def _assert_same(computed: gpd.GeoDataFrame, one: gpd.GeoDataFrame) -> None:
    """Same rows and values; the columns check adds of the same types too (Dask gives the
    frame's own text columns its string type)."""
    pd.testing.assert_frame_equal(_values(computed), _values(one))
    pd.testing.assert_frame_equal(computed[list(CHECK_COLUMNS)], one[list(CHECK_COLUMNS)])


def test_check_of_a_dask_frame_is_lazy_and_gives_the_same_rows(client, points):
    lazy = geomap.check(dask_geopandas.from_geopandas(points, npartitions=4))
    assert isinstance(lazy, dask_geopandas.GeoDataFrame) and is_dask(lazy)
    one = geomap.check(points)
    assert list(lazy.columns) == list(one.columns)
    _assert_same(lazy.compute(), one)
    assert set(one.control) >= {"government", "occupied_since_2022", "unknown"}


def test_the_dask_frame_has_the_types_of_its_parts(client, points):
    usable = points.iloc[10:400]  # no row with a problem: control_reason holds nothing in any part
    lazy = geomap.check(dask_geopandas.from_geopandas(usable, npartitions=3))
    computed = lazy.compute()
    assert dict(computed.dtypes) == dict(lazy.dtypes)
    pd.testing.assert_frame_equal(_values(computed), _values(geomap.check(usable)))


def test_layers_are_loaded_once_per_worker(client, points):
    geomap.check(dask_geopandas.from_geopandas(points, npartitions=8)).compute()
    loads = client.run(lambda: layers.series.cache_info().misses)
    assert len(loads) == 2 and all(n == 1 for n in loads.values())


def test_check_of_a_dask_frame_keeps_a_projected_crs(client, points):
    projected = points.iloc[5:200].to_crs(3857)
    lazy = geomap.check(dask_geopandas.from_geopandas(projected, npartitions=2))
    _assert_same(lazy.compute(), geomap.check(projected))
    assert lazy.crs == "EPSG:4326"


def test_extract_reports_of_a_dask_frame_gives_the_same_incidents(client):
    lazy = geomap.extract_reports(dd.from_pandas(REPORTS, npartitions=3))
    assert isinstance(lazy, dask_geopandas.GeoDataFrame)
    one = geomap.extract_reports(list(REPORTS.itertuples(index=False, name=None)))
    computed = lazy.compute().reset_index(drop=True)
    assert len(one) >= 9 and list(computed.columns) == list(one.columns)
    pd.testing.assert_frame_equal(_values(computed), _values(one))


def test_the_frame_descriptions_have_the_types_of_real_outputs(points):
    """The meta is built from the schema's column lists: the types of a real check and a real
    extraction (every column filled in one row or another) are those it says."""
    checked = geomap.check(points)
    lazy = geomap.check(dask_geopandas.from_geopandas(points, npartitions=2))
    assert list(lazy.columns) == list(checked.columns)  # the frame's own text columns get Dask's type
    assert dict(lazy.dtypes[list(CHECK_COLUMNS)]) == dict(checked.dtypes[list(CHECK_COLUMNS)])
    one = geomap.extract_reports(list(REPORTS.itertuples(index=False, name=None)))
    lazy = geomap.extract_reports(dd.from_pandas(REPORTS, npartitions=2))
    filled = [c for c in one.columns if one[c].notna().any()]
    assert len(filled) >= 30 and list(lazy.columns) == list(one.columns)
    assert dict(lazy.dtypes[filled]) == dict(one.dtypes[filled])


def test_the_client_loads_no_layer_and_no_gazetteer_to_describe_the_result():
    """Only the workers load the embedded data: the lazy frames are described without it."""
    script = (
        "import dask.dataframe as dd, dask_geopandas, geopandas as gpd, pandas as pd, shapely, geomap\n"
        "from geomap.geocoding.index import default_index\n"
        "from geomap.spatial import layers\n"
        "points = gpd.GeoDataFrame({'date': ['2023-01-05']}, geometry=[shapely.Point(37.8, 48)], crs=4326)\n"
        "geomap.check(dask_geopandas.from_geopandas(points, npartitions=1))\n"
        "reports = pd.DataFrame({'text': ['Shelling of Pisky.']})\n"
        "geomap.extract_reports(dd.from_pandas(reports, npartitions=1))\n"
        "print(layers.series.cache_info().misses, default_index.cache_info().misses)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "0"]


def test_extract_reports_needs_a_text_column(client):
    with pytest.raises(InputError, match="'text' column"):
        geomap.extract_reports(dd.from_pandas(REPORTS.rename(columns={"text": "body"}), npartitions=1))


def test_a_pandas_frame_is_not_taken_for_a_dask_one(points):
    assert not is_dask(points) and not is_dask(REPORTS)


def test_cli_check_on_a_cluster_writes_parquet_parts_with_the_same_rows(client, points, tmp_path, capsys):
    source = tmp_path / "points.parquet"
    points.to_parquet(source)
    out = tmp_path / "checked.parquet"
    assert cli.main(["check", str(source), "-o", str(out), "--scheduler", client.scheduler.address]) == 0
    assert out.is_dir() and len(list(out.glob("*.parquet"))) > 1
    again = tmp_path / "again.parquet"  # a folder of parts is an input too
    assert cli.main(["check", str(out), "-o", str(again), "--scheduler", client.scheduler.address]) == 0
    written = dask_geopandas.read_parquet(again).compute()
    pd.testing.assert_frame_equal(_values(written), _values(geomap.check(points)))
    assert f"{len(points)} incidents checked" in capsys.readouterr().err


def test_cli_extract_on_a_local_cluster_lists_the_same_incidents(tmp_path, capsys):
    reports = tmp_path / "reports.csv"
    REPORTS.to_csv(reports, index=False)
    assert cli.main(["extract", str(reports), "-o", str(tmp_path / "one.geojson")]) == 0
    alone = capsys.readouterr().out
    assert cli.main(["extract", str(reports), "-o", str(tmp_path / "many.geojson"), "--workers", "2"]) == 0
    assert capsys.readouterr().out == alone and alone.count("\n") >= 9
    many, one = (read_incidents(tmp_path / name) for name in ("many.geojson", "one.geojson"))
    pd.testing.assert_frame_equal(many, one)


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys):
    code = cli.main(["check", str(ROOT / "examples" / "incidents_demo.geojson"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and err.count("\n") == 1


def test_local_cluster_runs_one_thread_per_worker_process(client):
    assert isinstance(client.cluster, LocalCluster)
    threads = client.nthreads()
    assert len(threads) == 2 and set(threads.values()) == {1}
    profiling = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(profiling.values()) == [False, False]  # it slows pure-Python tasks
