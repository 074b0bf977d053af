"""Roles of place mentions: sites, origins, landmarks, actors and names that only look like places."""
from pathlib import Path

import pytest

import geomap
from geomap.extract.incidents import extract_incidents, extract_mentions
from geomap.extract.sentence import side_of
from geomap.extract.text import sentences
from geomap.schema import INCIDENT_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "reports"
PUBLISHED = "2022-02-17"

def test_background_sentences_and_people_are_not_incidents():
    text = ("Fighting has gone on in Luhansk and Donetsk since 2014. President Volodymyr Zelensky "
            "met Oleksii Reznikov. The Kyiv Post said talks would resume.")
    assert extract_incidents(text, published="2022-02-17").empty
    mentions = extract_mentions(text, published="2022-02-17")
    assert "Volodymyr" not in set(mentions.text) and "Reznikov" not in set(mentions.text)
    assert set(mentions.role) <= {"context", "actor"}


def test_origin_and_site_in_one_sentence():
    inc = extract_incidents("Separatists fired mortars from Horlivka at Zaitseve on Monday.", "2019-06-05")
    assert inc.place_name.tolist() == ["Zaitseve"]
    assert inc.iloc[0].origin == "Horlivka" and inc.iloc[0].date == "2019-06-03"


def test_a_name_said_twice_is_no_landmark_for_itself():
    # As a hint the second "Zolochiv" would read as the best-known one (Lviv oblast) and
    # outvote the oblast the text names.
    text = ("Russians shelled Zolochiv in Kharkiv region overnight; the village of Zolochiv, Kharkiv region, "
            "lost power.")
    assert extract_incidents(text, "2022-09-05").oblast_name.tolist() == ["Kharkiv Oblast"]


@pytest.mark.parametrize("text, place, oblast", [
    ("A sniper wounded a soldier near Zolote-4, Luhansk Obl.", "Zolote", "Luhansk Oblast"),  # numbered part
    ("Golubovskoye settlement came under mortar fire on Tuesday.", "Holubivske", "Luhansk Oblast"),
    # a spelling variant with no preposition, placed by the unit named after the comma
    ("A rocket wounded two people overnight, Apostolovoe, Krivoy Rog district.",
     "Apostolove", "Dnipropetrovsk Oblast"),
    # an English translation of the name, kept apart from its namesakes by the raion after it
    ("Shelling hit Granite, Volnovakha district, Donetsk region.", "Hranitne", "Donetsk Oblast"),
    ("Mortars hit the Dovzhansky checkpoint on Tuesday.", "Dovzhanske", "Luhansk Oblast"),
    # lower-case "post" is a checkpoint, not a newspaper; "Artemivsky district" no surname
    ("Shelling damaged Uglegorsk post No. 3 overnight.", "Vuhlehirsk", "Donetsk Oblast"),
    ("Fighting went on overnight; Uglegorsk Artemivsky district came under fire.",
     "Vuhlehirsk", "Donetsk Oblast"),
])
def test_words_around_a_spelling_variant_say_it_is_a_place(text, place, oblast):
    inc = extract_incidents(text, "2022-09-05")
    assert inc.place_name.tolist() == [place] and inc.oblast_name.tolist() == [oblast]


def test_words_that_only_look_like_places_are_not_sites():
    def sites(text):
        return extract_mentions(text, "2022-09-05").query("role == 'site'").text.tolist()
    # "village of" names the place after it, not the capitalised word before it
    assert sites("The Ukrainian Offensive Widens village of Aleksandrovka was shelled, "
                 "Kharkiv region.") == ["Aleksandrovka"]
    assert sites("Shelling hit the Stanislav platoon stronghold "
                 "near Debaltseve.") == ["Debaltseve"]  # a unit's name
    assert sites("Four soldiers were killed in shelling "
                 "ahead of the Paris talks.") == []  # a capital's own name
    assert sites("Shelling hit the Kyiv Post offices in Kramatorsk.") == ["Kramatorsk"]  # a newspaper
    mentions = extract_mentions("A woman died in Kiev’s shelling of Zaitsevo. Germany will supply tanks "
                                "to Kyiv, while shelling hit Avdiivka.", "2022-09-05")
    assert dict(zip(mentions.text, mentions.role)) == {
        "Kiev": "actor", "Zaitsevo": "site", "Germany": "actor", "Kyiv": "actor", "Avdiivka": "site"}


def test_a_village_near_a_town_is_not_the_town():
    mentions = extract_mentions("Artillery fire hit a village near Zaporizhzhia, Stepnohirsk, on Monday.",
                                "2022-09-05")
    assert dict(zip(mentions.text, mentions.role)) == {"Zaporizhzhia": "reference", "Stepnohirsk": "site"}
    # with no other place named, the town is the best place known (as for "20 km north of X")
    inc = extract_incidents("Artillery hit a village near Zaporizhzhia on Monday.", "2022-09-05")
    assert inc.place_name.tolist() == ["Zaporizhzhia"]


def test_a_place_named_again_in_another_spelling_is_read_in_the_oblast_named():
    text = ("Russians shelled Zolochiv in Kharkiv region overnight; the village of Zolochev, Kharkiv region, "
            "lost power.")
    assert extract_incidents(text, "2022-09-05").oblast_name.tolist() == ["Kharkiv Oblast"]


@pytest.mark.parametrize("text, roles", [
    ("Shelling hit Velyka Kostromka in the Zelenodolsk community overnight.",
     {"Velyka Kostromka": "site", "Zelenodolsk": "admin"}),  # a hromada is a unit
    ("Shelling hit the Avdiivka Coke and Chemical Plant on Monday.",
     {"Avdiivka": "site"}),  # a facility's town
    ("Ukrainian troops fired at Zolote-5, Lugansk militias said.", {"Zolote": "site", "Lugansk": "actor"}),
    # "near" across a semicolon is no landmark for the place before it
    ("Soldiers came under fire north of Mariupol; near the village Starognativka, Volnovakha district, "
     "more shells fell.",
     {"Mariupol": "site", "Starognativka": "site", "Volnovakha": "admin"}),
])
def test_roles_of_units_facilities_and_militias(text, roles):
    mentions = extract_mentions(text, "2022-09-05")
    assert dict(zip(mentions.text, mentions.role)) == roles


def test_the_town_of_a_name_is_passed_on_as_written():
    inc = extract_incidents("Shelling hit the town of Krasnyi Luch on Wednesday.", "2014-08-06")
    assert inc.place_name.tolist() == ["Khrustalnyi"]


@pytest.mark.parametrize("text, place", [
    ("Militants from the unit Azov shelled positions in the Gorlovka area.",
     "Horlivka"),  # a unit named after
    ("Gunners destroyed a depot in the Kherson region, Dniprovsky area.",
     "Dniprovske"),  # "X area" says place
    ("Troops were shelled in the Novopol region of the Donetsk People's Republic.",
     "Novopil"),  # a village's area
    ("In the south, drones hit an ammunition depot near Arkhangelsk.",
     "Arkhanhelske"),  # a spelling beside one exact name
])
def test_the_place_of_units_areas_and_spellings(text, place):
    assert extract_incidents(text, "2022-09-25").place_name.tolist() == [place]


@pytest.mark.parametrize("text, place", [
    ("Shells landed at Donetsk airport overnight.", "Donetsk International Airport"),
    ("Shelling was reported at the Zaporizhzhia nuclear power plant again.",
     "Zaporizhzhia Nuclear Power Plant"),
    ("The operator said a drone hit the roof of a ZNPP building.", "Zaporizhzhia Nuclear Power Plant"),
    ("An explosion damaged the Crimean bridge before dawn.", "Crimean Bridge"),
    ("The Kakhovka dam was breached overnight.", "Kakhovka Dam"),
])
def test_a_facility_named_after_a_town_is_the_facility(text, place):
    inc = extract_incidents(text, "2022-08-20")
    assert inc.place_name.tolist() == [place] and inc.precision.tolist() == ["site"]


def test_of_the_units_named_the_raion_is_the_place():
    inc = extract_incidents("Shelling damaged a grain warehouse in the Nikopol district of the "
                            "Dnipropetrovsk region.", "2022-09-05")
    assert inc.precision.tolist() == ["raion"] and inc.place_name.str.startswith("Nikopol").all()


def test_a_front_direction_written_as_an_adjective_is_its_area():
    inc = extract_incidents("Ukrainian forces counterattacked twice in the Krasnolymansk direction, "
                            "the ministry said.", "2022-12-10")
    assert inc.place_name.tolist() == ["Lyman Raion"] and inc.precision.tolist() == ["raion"]
    # a sector named after two towns is read at the first
    inc = extract_incidents("Losses in the Svatovo-Kremenskoye direction amounted to 200 people a day, "
                            "the ministry said.", "2022-12-10")
    assert inc.place_name.tolist() == ["Svatove"]


def test_the_village_of_a_two_word_name_is_no_person():
    mentions = extract_mentions("Shelling was reported near the village of Pobeda Snezhnyanskaya.",
                                "2014-08-29")
    assert mentions.query("role == 'site'").text.tolist() == ["Pobeda"]


def test_a_height_named_in_another_spelling_without_the_word_height():
    inc = extract_incidents("Fighters stormed Saur-Mohyla overnight.", "2014-07-31")
    assert inc.place_name.tolist() == ["Hora Savur-Mohyla"] and inc.precision.tolist() == ["site"]


def test_region_level_claim_is_a_polygon_for_the_date():
    inc = extract_incidents("The army said it shelled positions in the occupied Donbas.", "2023-06-01")
    row = inc.iloc[0]
    assert row.precision == "region" and row.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert row.occupied_share > 0.95


def test_text_without_places_or_events():
    for text in ["", "   ", "The weather was fine and the markets were calm.", "12345 !!!"]:
        out = extract_incidents(text, published="2022-02-17")
        assert out.empty and list(out.columns[:len(INCIDENT_COLUMNS)]) == list(INCIDENT_COLUMNS)
    with pytest.raises(TypeError, match="must be a string"):
        extract_incidents(b"bytes")


def test_location_line_without_event_words_is_one_incident():
    inc = extract_incidents("near the village of Pisky, Yasynuvata district, Donetsk region", "2015-03-01")
    assert len(inc) == 1 and inc.iloc[0].place_name == "Pisky" and inc.iloc[0].event_type == "other"
    assert inc.iloc[0].oblast == "UA-14"


def test_long_text_is_read_in_parts_with_the_same_answers():
    one = (EXAMPLES / "wire_copy.txt").read_text()
    many = "\n\n".join([one] * 400)  # ~250 KB: more than one part
    single = extract_incidents(one, published="2023-04-14")
    repeated = extract_incidents(many, published="2023-04-14")
    assert repeated.place_name.tolist() == single.place_name.tolist()  # merged: same place, same date


def test_sentences_keep_abbreviations_and_hard_wraps_together():
    text = "Gen. Petrenko said the vil. Pisky was hit\nby mortars. Then it was quiet."
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "Gen. Petrenko said the vil. Pisky was hit\nby mortars.", "Then it was quiet."]


def test_side_of():
    assert side_of("the Joint Forces Operation press office") == "ukraine"
    assert side_of("pro-Russian rebels") == "separatists"
    assert side_of("the Kremlin") == "russia"
    assert side_of("OSCE monitors") == "third_party"
    assert side_of("a local resident") == ""


def test_public_api():
    assert geomap.extract_incidents is extract_incidents and geomap.extract_mentions is extract_mentions


@pytest.mark.parametrize("text", [
    "As reported earlier, artillery shelled Vovchansk overnight.",
    "At dawn, drones struck Nikopol, the governor said.",
])
def test_a_sentence_initial_function_word_is_never_a_settlement(text):
    places = extract_incidents(text, published="2023-05-02").place_name.tolist()
    assert places and "As" not in places and "At" not in places


def test_a_city_named_in_a_report_about_several_oblasts_is_the_city():
    text = ("Missiles struck the Zaporizhzhia region and the Dnipropetrovsk region overnight. "
            "Later in the morning explosions were heard in Lviv, where a power station was hit.")
    rows = extract_incidents(text, published="2022-10-10")
    lviv = rows[rows.place_name == "Lviv"].iloc[0]
    assert lviv.oblast == "UA-46"  # Lviv Oblast, not a village of that name near the front
