"""geomap.check on the real embedded layers."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from places import (
    BELGOROD,
    DONETSK,
    KHERSON,
    KUPIANSK,
    KYIV,
    LUHANSK,
    LVIV,
    MARIUPOL,
    MINSK,
    SIMFEROPOL,
    STANYTSIA_LUHANSKA,
)

import geomap
from geomap.schema import CHECK_COLUMNS
from geomap.spatial import checks, layers
from geomap.spatial.checks import check


def frame(rows, crs=4326):
    dates, places = zip(*rows)
    geoms = [shapely.Point(p) if isinstance(p, tuple) else p for p in places]
    return gpd.GeoDataFrame({"date": list(dates)}, geometry=geoms, crs=crs)


def test_foundation_facts_through_check():
    rows = [
        ("2016-06-01", LUHANSK, "occupied_since_2014"),
        ("2022-02-17", LUHANSK, "occupied_since_2014"),
        ("2024-06-01", DONETSK, "occupied_since_2014"),
        ("2026-08-01", DONETSK, "occupied_since_2014"),
        ("2015-01-01", SIMFEROPOL, "occupied_since_2014"),
        ("2022-03-15", STANYTSIA_LUHANSKA, "occupied_since_2022"),
        ("2022-06-01", KHERSON, "occupied_since_2022"),
        ("2022-02-17", STANYTSIA_LUHANSKA, "government"),
        ("2022-12-01", KHERSON, "government"),
        ("2022-10-01", KUPIANSK, "government"),
        ("2022-01-01", MARIUPOL, "government"),
        ("2022-06-01", MARIUPOL, "occupied_since_2022"),
        ("2018-03-03", KYIV, "government"),
        ("2025-03-03", KYIV, "government"),
    ]
    out = check(frame([(d, p) for d, p, _ in rows]))
    assert out.control.tolist() == [c for *_, c in rows]
    assert set(CHECK_COLUMNS) <= set(out.columns)


def test_oblast_and_signed_distance():
    out = check(frame([("2022-02-17", STANYTSIA_LUHANSKA), ("2022-03-15", STANYTSIA_LUHANSKA),
                       ("2022-02-17", KYIV), ("2022-02-17", LUHANSK)]))
    assert out.oblast.tolist() == ["UA-09", "UA-09", "UA-30", "UA-09"]
    assert out.oblast_name.iloc[0] == "Luhansk Oblast"
    km = out.line_km.to_numpy()
    assert 0 < km[0] < 5  # government side, close to the line
    assert km[1] < 0  # the same town on the occupied side a month later
    assert km[2] > 500
    assert km[3] < -5  # Luhansk city lies behind the line
    assert out.line_zone.tolist()[:3] == ["within_5km", "within_5km", "beyond_30km"]
    assert out.layer_source.unique().tolist() == ["liveuamap"]
    assert str(out.layer_date.iloc[0]) == "2015-02-18"


def test_outside_ukraine():
    out = check(frame([("2023-05-01", BELGOROD), ("2023-05-01", MINSK), ("2023-05-01", LVIV)]))
    assert out.control.tolist() == ["outside_ukraine", "outside_ukraine", "government"]
    assert out.oblast.isna().tolist() == [True, True, False]


def test_bad_rows_become_unknown_with_reasons():
    rows = [
        ("2014-01-01", KYIV),
        ("2030-01-01", KYIV),
        (None, KYIV),
        ("not a date", KYIV),
        ("2023-01-01", (200.0, 50.0)),
        ("2023-01-01", (30.0, -95.0)),
        ("2023-01-01", shapely.Point(np.nan, np.nan)),
        ("2023-01-01", None),
        ("2023-01-01", shapely.Point()),
        ("2023-01-01", KYIV),
    ]
    with pytest.warns(UserWarning, match="cannot be read"):
        out = check(frame(rows))
    assert out.control.tolist() == ["unknown"] * 9 + ["government"]
    reasons = out.control_reason.tolist()
    assert "outside the liveuamap coverage (2014-02-27 to 2026-08-19)" in reasons[0]
    assert "outside the liveuamap coverage" in reasons[1]
    assert reasons[2] == "no date" and reasons[3] == "unreadable date"
    assert all("impossible coordinates" in r for r in reasons[4:7])
    assert reasons[7] == reasons[8] == "no geometry"
    assert pd.isna(reasons[9])
    assert out.line_km.iloc[:9].isna().all() and out.layer_date.iloc[:9].isna().all()


def test_polygons_get_an_occupied_share():
    half_and_half = shapely.box(37.0, 47.5, 38.5, 48.5)  # across the 2023 line west of Donetsk
    kyiv_box = shapely.box(30.3, 50.3, 30.7, 50.6)
    out = check(frame([("2023-01-01", half_and_half), ("2023-01-01", kyiv_box), ("2023-01-01", KYIV)]))
    assert 0.2 < out.occupied_share.iloc[0] < 0.9
    assert out.control.iloc[0] == "unknown" and "straddles the contact line" in out.control_reason.iloc[0]
    assert np.isnan(out.line_km.iloc[0])
    assert out.occupied_share.iloc[1] == 0
    assert out.control.iloc[1] == "government" and out.line_km.iloc[1] > 400
    assert np.isnan(out.occupied_share.iloc[2])


def test_deepstate_source_and_fixed_date():
    pts = frame([("2025-01-01", DONETSK), ("2023-01-01", DONETSK)])
    out = check(pts, source="deepstate")
    assert out.control.tolist() == ["occupied_since_2014", "unknown"]
    assert "deepstate coverage" in out.control_reason.iloc[1]
    fixed = check(pts, date="2022-02-17")
    assert fixed.layer_date.astype(str).tolist() == ["2015-02-18", "2015-02-18"]


def test_input_forms():
    projected = frame([("2022-02-17", LUHANSK)]).to_crs(3857)
    assert check(projected).control.iloc[0] == "occupied_since_2014"
    assert check(projected).crs.to_epsg() == 4326
    no_crs = frame([("2022-02-17", LUHANSK)]).set_crs(None, allow_override=True)
    assert check(no_crs, date="2022-02-17").control.iloc[0] == "occupied_since_2014"
    series = gpd.GeoSeries([shapely.Point(KYIV)], crs=4326)
    assert check(series, date="2024-01-01").control.iloc[0] == "government"
    assert check(frame([("2022-02-17", KYIV)]).iloc[:0]).empty
    no_dates = gpd.GeoDataFrame(geometry=[shapely.Point(KYIV)], crs=4326)
    assert check(no_dates).control_reason.iloc[0] == "no date: column 'date' is missing"
    timestamps = frame([(pd.Timestamp("2022-03-15 23:30"), STANYTSIA_LUHANSKA)])
    assert check(timestamps).control.iloc[0] == "occupied_since_2022"
    with pytest.raises(ValueError, match="unknown control source"):
        check(series, source="wikipedia")
    with pytest.raises(TypeError):
        check(pd.DataFrame({"a": [1]}))


def test_accessor_and_top_level_function():
    pts = frame([("2022-06-01", KHERSON)])
    assert pts.geomap.check().control.iloc[0] == "occupied_since_2022"
    assert geomap.check(pts).equals(pts.geomap.check())


def test_vectorized_matches_a_per_row_reference():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(33, 40, 400), rng.uniform(46, 50, 400)
    dates = rng.choice(pd.date_range("2014-03-01", "2026-08-01", freq="37D").strftime("%Y-%m-%d"), 400)
    pts = gpd.GeoDataFrame({"date": dates}, geometry=gpd.points_from_xy(x, y), crs=4326)
    out = check(pts)
    from geomap.spatial import layers
    for (_, row), control in zip(pts.iterrows(), out.control):
        inside_ua = any(row.geometry.within(g) for g in layers.oblasts().geometry)
        occupied = row.geometry.within(layers.occupied_area(row.date))
        expected = "outside_ukraine" if not inside_ua else ("government" if not occupied else "occupied")
        assert control.startswith(expected)


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".csv", ".parquet"])
def test_check_command_round_trip(tmp_path, capsys, suffix):
    from geomap import cli
    from geomap.io import incidents as incident_files

    source = tmp_path / "incidents.geojson"
    frame([("2022-02-17", STANYTSIA_LUHANSKA), ("2022-06-01", KHERSON), ("2013-01-01", KYIV)]).to_file(source)
    target = tmp_path / f"checked{suffix}"
    assert cli.main(["check", str(source), "-o", str(target)]) == 0
    out = capsys.readouterr().err  # the summary is a status line: stderr when stdout is no terminal
    assert "3 incidents checked against liveuamap" in out and "outside the liveuamap coverage" in out
    back = incident_files.read_incidents(target)
    assert back.control.tolist() == ["government", "occupied_since_2022", "unknown"]
    assert back.oblast.tolist()[:2] == ["UA-09", "UA-65"]
    from geomap.spatial import layers

    assert str(back.layer_date.iloc[1]).startswith(layers.layer_date("2022-06-01").isoformat())


def test_check_command_bad_input(tmp_path, capsys):
    from geomap import cli

    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [')
    assert cli.main(["check", str(broken)]) == 2
    assert "broken.geojson" in capsys.readouterr().err
    assert cli.main(["check", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    good = tmp_path / "ok.geojson"
    frame([("2022-02-17", KYIV)]).to_file(good)
    assert cli.main(["check", str(good), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert "cannot write this format" in capsys.readouterr().err


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_a_date_column_mixing_formats_is_read_row_by_row_in_any_text_dtype(dtype):
    written = ["2022-03-05T10:00:00Z", "2022-02-17", "17 February 2022", "2022/02/18"]
    pts = gpd.GeoDataFrame({"date": pd.Series(written, dtype=dtype)},
                           geometry=[shapely.Point(37.80, 48.60)] * 4, crs=4326)
    iso = pts.assign(date=["2022-03-05", "2022-02-17", "2022-02-17", "2022-02-18"])
    checked, expected = check(pts), check(iso)
    assert checked.control_reason.isna().all()
    assert checked.layer_date.tolist() == expected.layer_date.tolist()
    assert checked.control.tolist() == expected.control.tolist()


def test_unreadable_dates_are_named_in_a_warning_and_the_rows_kept():
    pts = gpd.GeoDataFrame({"date": ["2022-02-17", "soon", "32/13/2022"]},
                           geometry=[shapely.Point(37.80, 48.60)] * 3, crs=4326)
    named = r"2 row\(s\) with a date that cannot be read \('soon', '32/13/2022'\)"
    with pytest.warns(UserWarning, match=named):
        checked = check(pts)
    assert checked.control_reason.tolist()[1:] == ["unreadable date", "unreadable date"]


@pytest.mark.parametrize("day", ["2015-03-01", "2022-09-20", "2024-11-05"])
def test_nearest_segment_search_gives_the_exact_distance_of_every_point(day):
    """The segment trees are tuned for speed: every distance must still equal, bit for bit, the
    plain GEOS distance from the point to the whole line (row by row, on real layers)."""
    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(22.5, 40, 2_000), rng.uniform(44.5, 52.3, 2_000)
    row = layers.series("liveuamap").row(day)
    mx, my = checks._TO_METRIC.transform(lon, lat)
    segments = checks._segment_tree("liveuamap", row).geometries
    plain = shapely.distance(shapely.points(mx, my), shapely.multilinestrings(segments)) / 1000
    assert np.array_equal(checks.line_distance_km("liveuamap", row, mx, my), plain)
