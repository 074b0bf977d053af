"""Raions before the 2020 reform: hints that name them ("Petrivske, Starobeshivskyi district")
rank the places inside them first, on the real embedded data (KOATUU 2019 facts)."""
import pytest
from lookups import best

from geomap.data import data_path
from geomap.geocoding.index import default_index
from geomap.geocoding.raions_2019 import default_raions, raion_rows

# GeoNames ids of settlements the KOATUU register of 2019 files under the raion named.
PETRIVSKE_PETRIVSKA = 802274  # Петрівське 1424586001, Петрівська сільрада, Старобешівський район
PETRIVSKE_STYLSKA = 697309  # Петрівське 1424587903, Стильська сільрада, Старобешівський район
KRASNYI_YAR = 704174  # Красний Яр 4421456502, Сорокинський (until 2016 Краснодонський) район
RIDKODUB_SHAKHTARSK = 9116568  # Рідкодуб 1425285606, Шахтарський район


def _row(geonameid):
    idx = default_index()
    return idx.geonameid.index(geonameid)


def _raion(name):
    (unit,) = default_raions().named(name)
    return unit


def test_the_490_raions_are_embedded_compactly():
    raions = default_raions()
    assert len(raions) == 490
    assert data_path("raions_2019.parquet").stat().st_size < 400_000


@pytest.mark.parametrize("written, koatuu", [
    ("Starobeshivskyi", "1424500000"), ("Starobeshevsky", "1424500000"), ("Starobeshevo", "1424500000"),
    ("Старобешівський район", "1424500000"),
    ("Krasnodon", "4421400000"), ("Krasnodonskyi", "4421400000"), ("Sorokyne", "4421400000"),
    ("Artemivsky", "1420900000"), ("Krasnoarmeysky", "1422700000"), ("Yasinovatsky", "1425500000"),
])
def test_an_old_raion_is_named_by_its_adjective_or_seat_before_and_after_2016(written, koatuu):
    raions = default_raions()
    assert [raions.koatuu[u] for u in raions.named(f"{written} district", {"05", "14"})] == [koatuu]


def test_the_register_files_both_petrivske_under_starobeshivskyi_raion():
    rows = raion_rows(default_index())
    unit = _raion("Starobeshivskyi")
    assert rows[_row(PETRIVSKE_PETRIVSKA)] == unit and rows[_row(PETRIVSKE_STYLSKA)] == unit


def test_petrivske_starobeshivskyi_district_resolves_inside_the_old_raion():
    m = best("Petrivske, Starobeshivskyi district", date="2014-08-20")
    assert m.geonameid in (PETRIVSKE_PETRIVSKA, PETRIVSKE_STYLSKA)
    assert "in Starobeshivskyi district (a raion before 2020)" in m.reasons


def test_krasnyi_yar_krasnodon_district_resolves_inside_the_old_raion():
    m = best("Krasnyi Yar, Krasnodon district")
    assert m.geonameid == KRASNYI_YAR
    assert "in Krasnodon district (a raion before 2020)" in m.reasons


def test_a_name_of_a_raion_today_means_the_old_raion_in_a_report_before_the_reform():
    # Vodiane on the coast east of Mariupol was in Volnovaskyi raion until 2020 (Mariupol raion
    # since); the Vodiane west of Volnovakha was in Marinskyi raion (Volnovakha raion since).
    before = best("Vodiane, Volnovakha district", date="2015-01-01")
    after = best("Vodiane, Volnovakha district", date="2023-01-01")
    assert before.latitude < 47.2 and before.oblast_iso == "UA-14"
    assert after.latitude > 47.7 and not any("before 2020" in r for r in after.reasons)


def test_a_place_outside_the_old_raion_named_is_not_inside():
    # The only Ridkodub the gazetteer locates is the one of Shakhtarskyi raion, not Artemivskyi.
    m = best("Ridkodub, Artemivsk district", date="2014-08-01")
    assert m.geonameid == RIDKODUB_SHAKHTARSK
    assert raion_rows(default_index())[_row(RIDKODUB_SHAKHTARSK)] != _raion("Artemivsky")
    assert not any(r.startswith("in Artemivsk district") for r in m.reasons)
    assert any(r.endswith("km outside Artemivsk district (a raion before 2020)") for r in m.reasons)


def test_a_city_district_is_no_old_raion():
    # Crimea had a Kirovskyi raion; "Kirovsky district of Donetsk" is the city's district.
    m = best("Kirovsky district of Donetsk", date="2015-01-01")
    assert m.oblast_iso == "UA-14"
    assert not any("before 2020" in r for r in m.reasons)


def test_a_raion_name_shared_by_oblasts_needs_the_oblast():
    # Donetsk (05) and Dnipropetrovsk (04) oblasts both had a Pokrovskyi raion.
    raions = default_raions()
    assert raions.named("Pokrovsky district") == []
    assert [raions.admin1[u] for u in raions.named("Pokrovsky district", {"05"})] == ["05"]
    assert [raions.admin1[u] for u in raions.named("Pokrovsky district", {"04"})] == ["04"]
