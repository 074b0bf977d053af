"""Geocoding a column of place names: every row kept in order, repeats looked up once."""
import pandas as pd
import pytest

import geomap
from geomap.geocoding.geocoders import Gazetteer
from geomap.schema import GEOCODED_COLUMNS


def test_every_row_is_kept_in_order_with_a_reason_when_not_placed():
    sheet = pd.DataFrame({"town": ["Kramatorsk", None, "  ", "Zelensky", "Попасна", "Kramatorsk"],
                          "note": list("abcdef")})
    out = geomap.geocode_table(sheet, "town")
    assert out.note.tolist() == list("abcdef") and out.crs.to_epsg() == 4326
    assert set(GEOCODED_COLUMNS) <= set(out.columns)
    assert out.place_name.tolist()[4] == "Popasna" and out.geometry.isna().tolist() == [
        False, True, True, True, False, False]
    assert out.unplaced_reason.tolist()[1:4] == ["blank cell", "blank cell",
                                                 "not found with confidence 0.5 or more"]


def test_repeated_names_dates_and_hints_are_looked_up_once(monkeypatch):
    calls = []
    real = Gazetteer.geocode

    def counted(self, query, **kw):
        calls.append((query, kw.get("date"), kw.get("hint")))
        return real(self, query, **kw)

    monkeypatch.setattr(Gazetteer, "geocode", counted)
    sheet = pd.DataFrame({"place": ["Mykhailivka"] * 6, "day": ["2023-01-05"] * 3 + ["2023-02-01"] * 3,
                          "oblast": ["Kherson oblast", "Kherson oblast", "Kherson oblast", None, None, None]})
    out = geomap.geocode_table(sheet, "place", date="day", hint="oblast", min_confidence=0)
    assert len(calls) == 2 and out.oblast_name.tolist()[0] == "Kherson Oblast"


def test_answers_equal_geocode_row_by_row():
    names = ["Avdiivka", "Pisky, Donetsk region", "Stanitsa Luganskaya", "Kherson region", "Donbas"]
    out = geomap.geocode_table(pd.DataFrame({"where": names}), "where", date="2019-05-01")
    for name, row in zip(names, out.itertuples()):
        one = geomap.geocode(name, date="2019-05-01")
        assert (row.geometry.y, row.geometry.x, row.confidence) == (one.latitude, one.longitude,
                                                                     one.raw["confidence"])


def test_a_table_that_already_has_the_columns_keeps_its_own(recwarn):
    out = geomap.geocode_table(pd.DataFrame({"town": ["Kramatorsk"], "confidence": ["my own"]}), "town")
    assert out.confidence_input.tolist() == ["my own"] and out.confidence.iloc[0] > 0.5
    assert "kept as confidence_input" in str(recwarn.pop(UserWarning).message)


def test_the_accessor_and_a_missing_column():
    assert pd.DataFrame({"city": ["Kharkiv"]}).geomap.geocode("city").place_name.tolist() == ["Kharkiv"]
    with pytest.raises(geomap.InputError, match="no column 'town'"):
        geomap.geocode_table(pd.DataFrame({"city": ["Kharkiv"]}), "town")
