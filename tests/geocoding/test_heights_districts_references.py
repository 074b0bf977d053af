"""Heights, city districts, raions, places measured from a town, and typing slips."""

import pytest
from lookups import best, km

from geomap.geocoding.index import default_index

# -- heights, city districts, raions, references, slips ----------------------------------------

SAVUR_MOHYLA_HILL = 803037  # GeoNames "Hora Savur-Mohyla" (T.HLL, Donetsk oblast)


@pytest.mark.parametrize("query", ["Savur-Mohyla height", "the Saur-Mogila hill",
                                   "during the storming of Savur-Mohyla",
                                   "Savur-Mohyla height, Shakhtarskyi district, Donetsk region"])
def test_a_height_is_found_by_its_name_without_the_generic_word(query):
    m = best(query, date="2014-08-01")
    assert (m.geonameid, m.feature_code, m.precision) == (SAVUR_MOHYLA_HILL, "HLL", "site")


def test_a_village_is_never_read_as_the_height_named_like_it():
    idx = default_index()
    # GeoNames has a mountain "Hora Chorna" and villages named Chorna: the village's own name
    # wins, the height only when the text says "hill"/"height"/"mountain"...
    assert best("Chorna").precision == "settlement"
    hill = best("Chorna hill")
    assert hill.precision == "site" and idx.kind[idx.geonameid.index(hill.geonameid)] == "landmark"


def test_a_city_district_far_from_the_centre_is_placed_at_its_own_point():
    idx = default_index()
    donetsk = best("Donetsk")
    # GeoNames section (PPLX) Voznesenskyi, formerly Petrovskyi
    district = best("Petrovsky district of Donetsk")
    assert district.feature_code == "PPLX" and district.oblast_iso == "UA-14"
    assert idx.geonameid.index(district.geonameid) in idx.find("petrovskyi")  # a listed name of it
    assert km(district, (donetsk.longitude, donetsk.latitude)) > 12
    assert best("Petrovsky district in the west of Donetsk").geonameid == district.geonameid


@pytest.mark.parametrize("query", ["Kirovsky district of Donetsk", "a market in Kirovsky district in Donetsk",
                                   "Kuibyshevsky district of Donetsk"])
def test_a_district_near_the_city_centre_is_the_city(query):
    m = best(query)
    assert m.name == "Donetsk" and m.feature_code == "PPLA"
    assert any(r.endswith("km from " + query.split(" district")[0].split()[-1] + " district")
               for r in m.reasons)


@pytest.mark.parametrize("query, raion", [("Volnovakha district, Donetsk region", "Volnovakha Raion"),
                                          ("Amvrosiivka raion, Donetsk oblast", "Amvrosiivka Raion")])
def test_a_raion_and_its_oblast_are_the_raion(query, raion):
    m = best(query)
    assert (m.precision, m.name) == ("raion", raion)


@pytest.mark.parametrize("query", ["the village of Hranitne (Volnovakha district)",
                                   "Granite, Volnovakha district, Donetsk region"])
def test_a_raion_named_picks_the_namesake_filed_under_it(query):
    idx = default_index()
    namesakes = [p for p in idx.find("hranitne") if idx.admin1[p] == "05" and idx.kind[p] == "settlement"]
    assert {idx.raion[p] for p in namesakes} >= {"Volnovakha Raion", "Mariupolskyi Raion"}
    assert best(query, date="2015-03-03").raion == "Volnovakha Raion"


def test_a_town_the_place_is_measured_from_is_a_hint_not_the_place():
    # Oktyabrske (now Shakhove) 20 km from Kramatorsk, not the Oktyabrske villages of Crimea
    m = best("Oktyabrske village, 20 km from Kramatorsk", date="2014-05-13")
    assert m.name == "Shakhove" and m.oblast_iso == "UA-14"
    assert any(r.endswith("km from Kramatorsk") for r in m.reasons)
    assert best("village of Golmovsky in the north of Gorlovka").name == "Holmivskyi"
    # no place of that name near the town: the town is the best place known
    assert best("Butivka mine, south of Avdiivka", date="2017-04-03").name == "Avdiivka"


@pytest.mark.parametrize("query, point", [
    # several Vodianes in Donetsk oblast: the coastal one is about 95 km south of Donetsk
    ("Vodiane, 95 km to the south of Donetsk", (37.789, 47.147)),
    ("Novomykhailivka, 30 km south-west of Donetsk", (37.487, 47.855)),
])
def test_a_stated_distance_and_direction_pick_the_namesake_there(query, point):
    m = best(query, date="2020-10-15")
    assert km(m, point) < 2
    assert any(r.endswith(" of Donetsk") and "the point" in r for r in m.reasons)


@pytest.mark.parametrize("query, name", [("Donetsk aiport", None), ("Luhanks airport", None),
                                         ("near Luhanks town", "Luhansk"),
                                         ("near Ilvoaisk, Donetsk", "Ilovaisk")])
def test_typing_slips_around_words_that_say_place(query, name):
    m = best(query)
    if name is None:
        assert m.feature_code == "AIRP"
    else:
        assert m.name == name and m.precision == "settlement"


def test_a_river_names_its_town_only_when_no_other_place_is_named():
    assert best("Oskol River near the settlement of Dvurechnoye, Kharkov region").name == "Dvorichna"
    assert best("Kakhovka reservoir").name == "Kakhovka"
