"""Output files: checked before the work, written beside and moved into place."""
import geopandas as gpd
import pyogrio
import pytest
import shapely

from geomap.errors import OutputError
from geomap.files import check_output_path, replacing
from geomap.io.incidents import read_incidents, write_incidents


def _frame(n):
    return gpd.GeoDataFrame({"date": ["2022-02-17"] * n},
                            geometry=[shapely.Point(37.5 + k / 100, 48.5) for k in range(n)], crs=4326)


def test_a_failed_write_leaves_the_previous_file_and_no_debris(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("previous")
    with pytest.raises(RuntimeError), replacing(target) as part:
        part.write_text("half a pa")
        raise RuntimeError("the disk filled up")
    assert target.read_text() == "previous" and sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_a_driver_write_cut_short_is_an_error_and_keeps_the_previous_file(tmp_path, monkeypatch, suffix):
    target = tmp_path / f"incidents{suffix}"
    write_incidents(_frame(3), target)
    before = target.read_bytes()
    real = pyogrio.read_info
    monkeypatch.setattr(pyogrio, "read_info", lambda path, **kw: {**real(path, **kw), "features": 1})
    with pytest.raises(OutputError, match="cut short"):
        write_incidents(_frame(5), target)
    assert target.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_every_format_replaces_the_previous_file_whole(tmp_path):
    for suffix in (".geojson", ".gpkg", ".csv", ".parquet"):
        target = tmp_path / f"incidents{suffix}"
        write_incidents(_frame(5), target)
        write_incidents(_frame(2), target)
        assert len(read_incidents(target)) == 2
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv", ".geojson", ".gpkg", ".parquet"]


@pytest.mark.parametrize("where, reason", [
    ("{tmp}", "is a directory"),
    ("/proc/geomap.html", "cannot write in /proc"),
    ("/dev/full", "not a regular file"),
    ("{tmp}/out.xyz", "cannot write this format"),
])
def test_unwritable_outputs_are_refused_before_any_work(tmp_path, where, reason):
    with pytest.raises(OutputError, match=reason):
        check_output_path(where.format(tmp=tmp_path), (".html", ".geojson") if "xyz" in where else None)
