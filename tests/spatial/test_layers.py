"""Acceptance facts of the foundation issue, asserted on the real embedded layers."""
import datetime as dt

import geopandas as gpd
import numpy as np
import pytest
import shapely
from places import DONETSK, KHERSON, KUPIANSK, KYIV, LUHANSK, MARIUPOL, SIMFEROPOL, STANYTSIA_LUHANSKA

from geomap.dates import parse_date
from geomap.spatial import layers
from geomap.spatial.crs import LENGTH_CRS, REPORT_AREA_CRS


@pytest.mark.parametrize(
    "place, date",
    [
        (LUHANSK, "2016-06-01"),
        (LUHANSK, "2022-02-17"),
        (DONETSK, "2024-06-01"),
        (DONETSK, "2026-08-01"),
        (SIMFEROPOL, "2015-01-01"),
        (STANYTSIA_LUHANSKA, "2022-03-15"),
        (KHERSON, "2022-06-01"),
    ],
)
def test_occupied(place, date):
    assert layers.occupied_area(date).contains(shapely.Point(place))


@pytest.mark.parametrize(
    "place, date",
    [
        (STANYTSIA_LUHANSKA, "2022-02-17"),
        (KHERSON, "2022-12-01"),
        (KUPIANSK, "2022-10-01"),
        (MARIUPOL, "2022-01-01"),
    ],
)
def test_not_occupied(place, date):
    assert not layers.occupied_area(date).contains(shapely.Point(place))


def test_kyiv_never_occupied():
    s = layers.series("liveuamap")
    kyiv = shapely.Point(KYIV)
    assert not any(area.contains(kyiv) for area in s.areas)


def test_deepstate_agrees_on_donetsk_and_kherson():
    assert layers.occupied_area("2025-01-01", source="deepstate").contains(shapely.Point(DONETSK))
    assert not layers.occupied_area("2025-01-01", source="deepstate").contains(shapely.Point(KHERSON))


def _km_to_line(place, date):
    point = gpd.GeoSeries([shapely.Point(place)], crs=4326).to_crs(LENGTH_CRS).iloc[0]
    line = gpd.GeoSeries([layers.contact_line(date)], crs=4326).to_crs(LENGTH_CRS).iloc[0]
    return point.distance(line) / 1000


def test_distances_to_the_line():
    assert _km_to_line(STANYTSIA_LUHANSKA, "2022-02-17") < 5
    assert _km_to_line(KYIV, "2022-02-17") > 500


def test_occupied_land_areas_in_epsg6381():
    assert 43_000 <= layers.occupied_land_km2("2021-06-01", crs=REPORT_AREA_CRS) <= 46_000
    assert 105_000 <= layers.occupied_land_km2("2022-11-20", crs=REPORT_AREA_CRS) <= 115_000
    # the equal-area figures stored with the series tell the same story
    assert 43_000 <= layers.occupied_land_km2("2021-06-01") <= 46_000
    assert 105_000 <= layers.occupied_land_km2("2022-11-20") <= 115_000


def test_no_surviving_day_jumps_after_april_2022():
    for source in layers.SOURCES:
        s = layers.series(source)
        after = s.dates > np.datetime64("2022-04-30")
        change = np.abs(np.diff(s.land_km2[after]))
        assert change.max() < 10_000, source


def test_glitch_snapshot_of_december_2023_is_dropped():
    # 2023-12-09 held only the pre-2022 areas in the raw data; the rule drops it, so the
    # day resolves to the previous, complete snapshot.
    assert layers.layer_date("2023-12-10") < dt.date(2023, 12, 9)
    assert layers.occupied_land_km2("2023-12-10") > 100_000


def test_pre2022_areas_are_kept_after_liveuamap_drops_them():
    # liveuamap omits the pre-2022 areas from 2024-03-14; the reconciled series keeps them
    assert layers.occupied_area("2024-06-01").contains(shapely.Point(LUHANSK))
    assert layers.occupied_land_km2("2024-03-20") > layers.occupied_land_km2("2024-03-10") - 2_000


def test_coverage_and_out_of_range_dates():
    assert layers.coverage("liveuamap") == (dt.date(2014, 2, 27), dt.date(2026, 8, 19))
    assert layers.coverage("deepstate") == (dt.date(2024, 7, 8), dt.date(2026, 8, 22))
    with pytest.raises(ValueError, match="2014-02-27 to 2026-08-19"):
        layers.occupied_area("2014-01-01")
    with pytest.raises(ValueError, match="2024-07-08 to 2026-08-22"):
        layers.contact_line("2023-01-01", source="deepstate")
    with pytest.raises(ValueError, match="unknown control source"):
        layers.occupied_area("2023-01-01", source="osm")
    with pytest.raises(ValueError, match="not a date"):
        layers.occupied_area("yesterday-ish")


def test_same_date_same_object():
    assert layers.occupied_area("2023-05-01") is layers.occupied_area(dt.date(2023, 5, 1))
    assert layers.contact_line("2023-05-01") is layers.contact_line("2023-05-01")


def test_contact_line_excludes_border_and_coast():
    line = layers.contact_line("2022-11-20")
    assert line.geom_type == "MultiLineString"
    assert not line.is_empty
    # the line lies inside Ukraine and clear of the Russian border crossing at Izvaryne
    assert layers.ukraine_land().buffer(0.01).contains(line)
    assert line.distance(shapely.Point(39.80, 48.37)) > 0.01


def test_crimea_abl_labelled_before_2022_only():
    before = layers.contact_lines("2020-01-01").set_index("kind")
    assert set(before.index) == {"front", "administrative_boundary_line"}
    # Perekop
    assert before.geometry["administrative_boundary_line"].distance(shapely.Point(33.75, 46.15)) < 0.1
    assert before.geometry["front"].distance(shapely.Point(STANYTSIA_LUHANSKA)) < 0.05
    assert list(layers.contact_lines("2023-01-01").kind) == ["front"]
    only_crimea = layers.contact_lines("2014-03-15")
    assert list(only_crimea.kind) == ["administrative_boundary_line"]


def test_oblasts():
    table = layers.oblasts()
    assert len(table) == 27
    assert table.crs.to_epsg() == 4326
    by_iso = table.set_index("iso")
    assert by_iso.loc["UA-43", "name_en"] == "Autonomous Republic of Crimea"
    assert by_iso.loc["UA-09", "name_uk"] == "Луганська область"
    assert by_iso.loc["UA-30", "name_uk"] == "Київ"
    assert by_iso.loc["UA-14", "geonames_admin1"] == "05"
    assert by_iso.geometry["UA-14"].contains(shapely.Point(DONETSK))
    # land-clipped geometry is smaller for coastal units, equal inland
    assert by_iso.land_geometry["UA-43"].area < by_iso.geometry["UA-43"].area * 0.8
    assert by_iso.land_geometry["UA-30"].area == pytest.approx(by_iso.geometry["UA-30"].area, rel=1e-3)


def test_context_layers():
    assert {"Dnieper", "Donets"} & set(layers.rivers().name)
    assert layers.land().contains(shapely.Point(KYIV))
    assert layers.occupied_2014().set_index("name").since["crimea"] == dt.date(2014, 2, 27)


def test_parse_date_variants():
    import pandas as pd

    expected = dt.date(2022, 2, 17)
    for value in ["2022-02-17", " 2022-02-17 ", dt.datetime(2022, 2, 17, 23, 0), pd.Timestamp("2022-02-17"),
                  np.datetime64("2022-02-17")]:
        assert parse_date(value) == expected
    for bad in ["", "   ", None, 17, "2022-13-45", float("nan")]:
        with pytest.raises(ValueError):
            parse_date(bad)
