"""The fast paths give the answers of the plain ones: memoised line distances and query mentions,
rankings made into Matches or JSON on demand, frames built in one step."""
import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from places import DONETSK, KYIV

from geomap.data import data_path
from geomap.dates import iso_days
from geomap.geocoding import ranking
from geomap.geocoding.geocoders import Gazetteer
from geomap.geocoding.index import PlaceIndex
from geomap.geocoding.lookup import lookup, rank
from geomap.geocoding.query import mentions, query_mentions
from geomap.geocoding.ranking import LINE_FAR_KM, LINE_MEMO, LINE_SOURCE, line_distances
from geomap.schema import CHECK_COLUMNS
from geomap.spatial import checks
from geomap.spatial.checks import check, check_columns

QUERIES = ["Bakhmut", "Mykolaivka", "near Pisky, Donetsk oblast", "Antonovka area, Kherson region",
           "Donbas", "Belgorod region", "47.3816, 33.7178", "Kherson region", "zzzz"]


@pytest.fixture(scope="module")
def fresh_index():
    return PlaceIndex(data_path("gazetteer_places.parquet"), data_path("gazetteer_names.parquet"))


@pytest.mark.parametrize("date", [None, "2014-08-01", "2022-06-01"])
def test_ranking_to_dicts_are_the_matches_to_dict(date):
    for query in QUERIES:
        found = rank(query, date=date, limit=6)
        matches = lookup(query, date=date, limit=6)
        assert len(found) == len(matches)
        assert found.to_dicts() == [m.to_dict() for m in matches]
        assert found.to_dicts(2) == [m.to_dict() for m in matches[:2]]
        assert [found.region(i) for i in range(len(found))] == [m.region for m in matches]


def test_reasons_are_not_shared_between_lookups():
    first = lookup("Mykolaivka")[0]
    first.reasons.append("changed by the caller")
    assert "changed by the caller" not in lookup("Mykolaivka")[0].reasons
    raw = Gazetteer().geocode("Mykolaivka").raw
    raw["reasons"].append("changed by the caller")
    assert "changed by the caller" not in Gazetteer().geocode("Mykolaivka").raw["reasons"]


def test_a_name_looked_up_again_gets_the_first_answer(fresh_index):
    # The second lookup of a plain name skips cleaning (see rank); dirty and hinted forms of the
    # same text must still be cleaned and read in full.
    for query in ["Bakhmut", "Mykolaivka", "Kherson region", "47.3816, 33.7178", "zzzz"]:
        first = rank(query, date="2022-06-01", index=fresh_index).to_dicts()
        assert rank(query, date="2022-06-01", index=fresh_index).to_dicts() == first
        assert rank(f" {query}\x00", date="2022-06-01", index=fresh_index).to_dicts() == first
    hinted = rank("Mykolaivka", hint="Luhansk region", index=fresh_index).match(0)
    assert hinted.oblast_name == "Luhansk Oblast"
    with pytest.raises(TypeError):
        rank(["Bakhmut"], index=fresh_index)


def test_memoised_line_distances_are_the_measured_ones(fresh_index):
    rows = [p for p in range(0, fresh_index.first_foreign, 997)]
    for day in (dt.date(2014, 8, 1), dt.date(2016, 7, 20), dt.date(2023, 5, 22)):
        measured = checks.distance_to_line_km(fresh_index.lon[rows], fresh_index.lat[rows], day,
                                              source=LINE_SOURCE, max_km=LINE_FAR_KM, front_only=True)
        exact = checks.distance_to_line_km(fresh_index.lon[rows], fresh_index.lat[rows], day,
                                           source=LINE_SOURCE, front_only=True)
        near = exact <= LINE_FAR_KM  # the search stops at LINE_FAR_KM: the same distances within it
        assert near.any() and (~near).any()
        np.testing.assert_array_equal(measured[near], exact[near])
        assert np.isinf(measured[~near & ~np.isnan(exact)]).all()
        measured = np.where(np.isnan(measured), np.inf, measured)
        if day < ranking.BORDER_WAR_END:
            measured = np.minimum(measured, ranking._border_km(fresh_index.lon[rows], fresh_index.lat[rows]))
        # half of them first
        np.testing.assert_array_equal(line_distances(fresh_index, rows[::2], day), measured[::2])
        np.testing.assert_array_equal(line_distances(fresh_index, rows, day), measured)


def test_line_memo_keeps_a_bounded_number_of_snapshots(fresh_index):
    for month in range(LINE_MEMO + 8):
        line_distances(fresh_index, [0, 1], dt.date(2015, 1, 1) + dt.timedelta(days=31 * month))
    assert len(fresh_index.memo("line_km", LINE_MEMO)) <= LINE_MEMO


def test_query_mentions_are_the_mentions(fresh_index):
    for query in QUERIES:
        again = query_mentions(fresh_index, query)
        assert again is query_mentions(fresh_index, query)
        assert again == mentions(fresh_index, query)


def test_check_columns_are_the_columns_check_adds():
    dates = ["2022-02-17", None, "2015-01-10", "2030-01-01"]
    geoms = [shapely.Point(DONETSK), shapely.Point(KYIV), shapely.box(37.5, 47.8, 38.2, 48.3),
             shapely.Point(DONETSK)]
    checked = check(gpd.GeoDataFrame({"date": dates}, geometry=geoms, crs=4326))
    columns = check_columns(np.array(geoms, dtype=object), *iso_days(dates))
    pd.testing.assert_frame_equal(pd.DataFrame(columns), pd.DataFrame(checked[list(CHECK_COLUMNS)]))


def test_iso_days_read_as_check_reads_dates():
    days, reason = iso_days(["2022-02-17", None])
    assert days.tolist() == [dt.date(2022, 2, 17), None]
    assert reason.tolist() == [None, "no date"]
