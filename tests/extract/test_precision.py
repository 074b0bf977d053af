"""Extraction precision: places named as people, clubs, institutions, lists of cities, distance
references and unnamed places abroad are no wrong points (sentences written for these tests)."""
import pytest

from geomap.extract.incidents import extract_incidents, extract_mentions

DAY = "2022-10-10"


def _places(text: str, day: str = DAY) -> list[str]:
    return extract_incidents(text, published=day).place_name.tolist()


def test_cities_in_a_list_are_each_the_city_not_a_village_in_the_next_ones_oblast():
    text = ("Overnight rockets struck Zhytomyr, Lviv, and Ternopil, then Kremenchuk, Dnipro and "
            "Zaporizhzhia; by noon Kharkiv had been hit too, regional officials reported.")
    inc = extract_incidents(text, published=DAY)
    assert set(inc.place_name) == {"Lviv", "Ternopil", "Zhytomyr", "Dnipro", "Kremenchuk", "Zaporizhzhia",
                                   "Kharkiv"}
    assert set(inc.oblast_name) == {"Lviv Oblast", "Ternopil Oblast", "Zhytomyr Oblast",
                                    "Dnipropetrovsk Oblast", "Poltava Oblast", "Zaporizhzhia Oblast",
                                    "Kharkiv Oblast"}


def test_a_village_then_its_oblast_centre_is_still_read_as_the_oblast():
    assert extract_incidents("Shelling hit Pisky, Donetsk on Monday.", "2019-06-05").oblast_name.tolist() \
        == ["Donetsk Oblast"]


def test_a_surname_named_with_a_given_name_stays_a_person_in_the_report():
    # Chaus is also a village in Dnipropetrovsk oblast.
    text = ("Rockets hit the centre of Chernihiv on Wednesday, governor Vyacheslav Chaus said. "
            "Chaus said rescuers were at work and asked residents to give blood after the shelling.")
    assert _places(text, "2024-04-17") == ["Chernihiv"]
    assert "Chaus" not in set(extract_mentions(text, published="2024-04-17").text)


def test_a_surname_is_still_a_place_where_the_words_say_place():
    text = "Vyacheslav Chaus said. Later shelling hit the village of Chaus in Dnipropetrovsk region."
    assert "Chaus" in _places(text, "2024-04-17")


@pytest.mark.parametrize("text", [
    "Shakhtar Donetsk played its home games in Lviv after shelling near its stadium in 2014.",
    "Shakhtar's stadium was damaged by shelling in August 2014.",
])
def test_a_football_club_named_after_a_place_is_no_place(text):
    assert not {"Shakhtar"} & set(_places(text, "2014-09-30"))


def test_a_village_that_shares_a_club_name_is_still_found():
    assert _places("Shelling hit Metalist, Slovianoserbsk district, Luhansk region.", "2015-01-20") \
        == ["Metalist"]


def test_an_institution_named_after_its_district_sits_in_its_town():
    text = ("Shells stored at a depot in Kalynivka, Vinnytsia region, went up in flames on 27 September "
            "2017; the shock wave shattered glass at the Kalynivka district council.")
    inc = extract_incidents(text, published="2017-09-27")
    assert set(inc.oblast_name) == {"Vinnytsia Oblast"}


def test_a_plural_unit_word_after_a_list_names_every_unit():
    text = "Observers logged dozens of blasts across the Luhansk and Donetsk regions on Sunday."
    mentions = extract_mentions(text, published="2019-09-01")
    assert set(mentions.precision) == {"oblast"}


def test_a_town_a_place_is_measured_from_is_a_reference_and_gives_the_distance():
    text = ("Mortar rounds landed in Novomykhailivka, 30 km south-west of Donetsk, in Vodiane, 95 km to the "
            "south of Donetsk, and in Novotoshkivske, 55 km west of Luhansk, the brigade said.")
    inc = extract_incidents(text, published="2020-10-15")
    assert set(inc.place_name) == {"Novomykhailivka", "Vodiane", "Novotoshkivske"}
    novo = inc[inc.place_name == "Novomykhailivka"].geometry.iloc[0]
    assert abs(novo.y - 47.855) < 0.05 and abs(novo.x - 37.487) < 0.05  # the one 30 km south-west
    vodiane = inc[inc.place_name == "Vodiane"].geometry.iloc[0]
    assert abs(vodiane.y - 47.147) < 0.05 and abs(vodiane.x - 37.789) < 0.05  # the coastal one


def test_report_wide_units_do_not_move_an_exact_name_onto_a_namesake_spelt_otherwise():
    # The units named elsewhere would favour Chepyhivka (Luhansk oblast), a spelling away.
    text = ("Fighting went on across the Donbas and the Kherson region. "
            "The soldier is accused of shooting a man in the village of Chupakhivka in February.")
    mentions = extract_mentions(text, published="2022-05-11")
    assert mentions[mentions.text == "Chupakhivka"].place_name.tolist() == ["Chupakhivka"]
    assert mentions[mentions.text == "Chupakhivka"].oblast_iso.tolist() == ["UA-59"]


@pytest.mark.parametrize("text", [
    "The Skhid operational group reported three mortar attacks on its trenches.",
    "A rocket hit School No 57 in Donetsk on Wednesday.",
])
def test_group_names_and_numbered_schools_are_no_villages(text):
    assert set(_places(text, "2019-12-19")) <= {"Donetsk", "Ukraine"}  # Ukraine: no place named


def test_an_attack_on_territory_abroad_is_no_incident_and_one_on_the_country_is_the_country():
    assert extract_incidents("Moscow warned it would answer any strike on Russian territory with missiles.",
                             published="2022-11-15").empty
    inc = extract_incidents("Missiles struck Ukrainian territory overnight, the air force said.",
                            published="2022-11-15")
    assert inc.precision.tolist() == ["country"] and inc.place_name.tolist() == ["Ukraine"]


def test_an_unnamed_place_guessed_from_a_round_up_is_less_sure_than_one_from_a_local_report():
    filler = "Schools moved online. Trains ran late. Shops closed early. Diplomats met in the evening. "
    tail = "Later a missile hit an industrial area."
    round_up = extract_incidents("Explosions were reported in Lviv, Kharkiv, Odesa and Dnipro. " + filler
                                 + tail, published=DAY)
    local = extract_incidents("Explosions were reported in Kharkiv, Chuhuiv, Izium and Balakliia. " + filler
                              + tail, published=DAY)
    guess, local_guess = (f[f.place_note.str.startswith("place not named")] for f in (round_up, local))
    assert len(guess) == 1 and len(local_guess) == 1
    assert guess.confidence.iloc[0] < local_guess.confidence.iloc[0]
    assert guess.confidence.iloc[0] < round_up.confidence.drop(guess.index).min()


@pytest.mark.parametrize("text, places", [
    ("Speaking at a briefing in Kyiv, the minister said Russian artillery shelled Kupiansk overnight.",
     ["Kupiansk"]),
    ("Talks in Istanbul ended without result, while shelling hit Nikopol on Tuesday.", ["Nikopol"]),
    ("A bus carrying evacuees from Kramatorsk to Dnipro was hit by a drone near Sloviansk.", ["Sloviansk"]),
    ("Residents were evacuated to Zaporizhzhia after shelling of Orikhiv.", ["Orikhiv"]),
    ("The soldier killed in the strike on Kostiantynivka was buried in Dnipro.", ["Kostiantynivka"]),
])
def test_venues_route_ends_and_destinations_are_not_sites(text, places):
    assert _places(text, "2023-05-10") == places


def test_a_region_of_an_oblast_centre_is_the_oblast_but_a_district_named_region_is_not():
    assert extract_incidents("Russian air strikes hit villages in the occupied southern region of Kherson.",
                             published="2023-05-10").place_name.tolist() == ["Kherson Oblast"]
    inc = extract_incidents("A mortar round fell near a tram depot in the Kuibyshev Region of Donetsk.",
                            published="2015-01-22")
    assert inc.place_name.tolist() == ["Donetsk"] and inc.precision.tolist() == ["settlement"]


@pytest.mark.parametrize("text, places", [
    ("The DPR said Ukrainian forces shelled Horlivka twice.", ["Horlivka"]),
    ("The Donetsk railway said a train was damaged by shelling near Kostiantynivka.", ["Kostiantynivka"]),
    ("The Zaporizhzhia regional administration reported that shelling hit Huliaipole.", ["Huliaipole"]),
    ("As reported, Russian troops shelled Bakhmut on Monday.", ["Bakhmut"]),
])
def test_speakers_and_organisations_named_after_places_are_not_sites(text, places):
    assert _places(text, "2023-05-10") == places


def test_a_report_about_talks_between_capitals_makes_no_incident():
    text = ("Delegations from Kyiv and Moscow met in Istanbul on Tuesday. The talks, hosted by Turkey, "
            "covered prisoner exchanges and grain exports from Odesa; officials in Kyiv said a new round "
            "could follow in Geneva.")
    assert extract_incidents(text, published="2022-03-29").empty
