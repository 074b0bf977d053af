"""Foreign places and countries: there when named, never beating a Ukrainian place."""

import pytest
from lookups import best, km
from places import (
    BELGOROD,
)

# -- foreign places and countries ------------------------------------------------------------

MOSCOW = (37.618, 55.752)
KURSK = (36.185, 51.727)
ROSTOV_ON_DON = (39.708, 47.220)
BRUSSELS = (4.349, 50.850)


@pytest.mark.parametrize("query, iso", [("Russia", "RU"), ("Росія", "RU"), ("Россия", "RU"),
                                        ("Belarus", "BY"), ("Білорусь", "BY"),
                                        ("Poland", "PL"), ("Moldova", "MD"), ("Germany", "DE")])
def test_country_names_are_the_country_not_a_ukrainian_village(query, iso):
    m = best(query)
    assert (m.country, m.precision, m.feature_code) == (iso, "country", "PCLI")


@pytest.mark.parametrize("query, iso, ref", [("Moscow", "RU", MOSCOW), ("Kursk", "RU", KURSK),
                                             ("Rostov-on-Don", "RU", ROSTOV_ON_DON),
                                             ("Brussels", "BE", BRUSSELS),
                                             ("Belgorod", "RU", BELGOROD)])
def test_world_cities_are_the_city_abroad(query, iso, ref):
    m = best(query)
    assert m.country == iso and m.precision == "settlement" and km(m, ref) < 15


def test_foreign_region_is_the_region_at_its_centre():
    m = best("Kursk oblast")
    assert (m.country, m.precision) == ("RU", "region") and km(m, KURSK) < 15
    assert best("Belgorod region").precision == "region"


def test_ukrainian_unit_beats_a_country_named_beside_it():
    m = best("Sumy oblast, shelled from Russia")
    assert m.precision == "oblast" and m.oblast_iso == "UA-59"
    m = best("shelling from the territory of Russia of the Sumy region")
    assert m.precision == "oblast" and m.oblast_iso == "UA-59"


def test_a_village_spelled_like_a_russian_town_is_the_village_in_the_oblast_named():
    # "Orlovsky" is also a town in Rostov oblast; with Donetsk oblast named it is Orlovske there
    m = best("near Orlovsky village, Donetsk region")
    assert (m.name, m.oblast_iso, m.precision) == ("Orlovske", "UA-14", "settlement")
