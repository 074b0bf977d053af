"""Realistic multi-incident reports (examples/reports, written for geomap), one defect class each."""
from pathlib import Path

import pytest

from geomap.extract.incidents import extract_incidents, extract_mentions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "reports"

# -- realistic multi-incident reports (examples/reports), one defect class each ----------------

def _by_place(inc):
    return inc.set_index("place_text")


def test_water_bodies_are_not_places_and_air_defence_reports_are_unplaced_incidents():
    text = ("Officials in Zaporizhzhia region said a rocket hit a warehouse in Vasylivka on Monday. "
            "Ukraine's air force said it intercepted 11 of 15 Shahed drones launched from the Sea of Azov. "
            "Boats on the Dnipro River near Nikopol were shelled, the regional governor said.")
    inc = extract_incidents(text, published="2023-08-07")
    mentions = extract_mentions(text)
    assert "Azov" not in mentions.text.tolist() and "Dnipro" not in mentions.text.tolist()
    drones = inc[inc.event_type == "drone"].iloc[0]
    # Nowhere named: kept on the oblast the report supports, and saying so, never on a guess.
    assert (drones.place_text == "" and drones.precision == "oblast"
            and drones.place_name == "Zaporizhzhia Oblast")
    assert drones.place_note.startswith("place not named") and drones.claimant_side == "ukraine"
    assert inc.place_name.tolist() == ["Vasylivka", "Zaporizhzhia Oblast", "Nikopol"]


def test_wire_report_sides_of_local_officials_and_a_russian_town():
    inc = _by_place(extract_incidents((EXAMPLES / "wire_multi_incident.txt").read_text(),
                                      published="2023-03-03"))
    kherson = inc.loc["Kherson"]
    assert kherson.claimant_side == "ukraine"  # "the regional governor": Kherson is held by Ukraine
    assert kherson.attributed_side == "russia" and (kherson.killed, kherson.injured) == (2, 5)
    assert inc.loc["Kramatorsk"].claimant_side == "ukraine"  # "the regional police"
    shebekino = inc.loc["Shebekino"]
    assert shebekino.place_name == "Shebekino" and shebekino.control == "outside_ukraine"
    assert shebekino.claimant_side == "russia" and shebekino.attributed_side == "ukraine"
    assert "Azov" not in inc.index and "Donetsk" not in inc.place_name.tolist()


def test_general_staff_front_sectors_are_not_sites():
    inc = extract_incidents((EXAMPLES / "general_staff_directions.txt").read_text(), published="2023-06-14")
    places = inc.place_name.tolist()
    # "In the Bakhmut direction" names a front sector: the villages listed are the sites.
    assert not {"Kupiansk", "Lyman", "Bakhmut", "Marinka", "Shakhtarsk", "Zaporizhzhia",
                "Kherson"} & set(places)
    assert {"Krasne Pershe", "Bilohorivka", "Spirne", "Kurdiumivka", "Vuhledar", "Stepnohirsk",
            "Beryslav"} <= set(places)
    assert len(places) >= 18
    assert set(inc.claimed_by) == {"General Staff of the Armed Forces of Ukraine"}  # not "... as of"


def test_russian_statement_spellings_and_the_ministry_said():
    inc = _by_place(extract_incidents((EXAMPLES / "russian_mod_statement.txt").read_text(),
                                      published="2023-06-13"))
    assert inc.loc["Artemovsk"].place_name == "Bakhmut" and inc.loc["Ugledar"].place_name == "Vuhledar"
    assert inc.loc["Orekhov"].place_name == "Orikhiv" and inc.loc["Sinkovka"].place_name == "Synkivka"
    # "the ministry said" is the Russian Defence Ministry named before
    assert set(inc.claimant_side) == {"russia"}
    assert "Donetsk" not in inc.index  # "the South Donetsk direction"


def test_monitoring_mission_is_the_claimant():
    inc = _by_place(extract_incidents((EXAMPLES / "monitoring_2017.txt").read_text(), published="2017-07-12"))
    assert {"Svitlodarsk", "Horlivka", "Stanytsia Luhanska", "Avdiivka"} <= set(inc.index)
    assert set(inc.claimant_side) == {"third_party"}  # "the SMM recorded / heard / saw"
    assert inc.loc["Svitlodarsk"].date == "2017-07-11"


def test_place_in_the_claimant_is_not_a_site_and_occupation_authorities_are_russian():
    inc = _by_place(extract_incidents((EXAMPLES / "mixed_cyrillic.txt").read_text(), published="2024-05-20"))
    assert "Pokrovsk" not in inc.index  # "the head of the Pokrovsk city military administration"
    assert inc.loc["Мирноград"].place_name == "Myrnohrad" and inc.loc["Торецьк"].place_name == "Toretsk"
    assert inc.loc["Горлівка"].claimant_side == "russia" and inc.loc["Горлівка"].attributed_side == "ukraine"


def test_dateline_is_not_the_site():
    text = ("DNIPRO, June 3 (Wire) - A missile struck an industrial site in Pavlohrad overnight, "
            "the regional governor said.")
    inc = extract_incidents(text, published="2024-06-03")
    # Dnipro, named in the dateline, is no incident, but it says which Pavlohrad is meant.
    assert inc.place_name.tolist() == ["Pavlohrad"] and inc.iloc[0].oblast == "UA-12"
    assert inc.iloc[0].claimant_side == "ukraine"


def test_attacks_on_russian_border_towns_are_outside_ukraine():
    inc = _by_place(extract_incidents((EXAMPLES / "cross_border.txt").read_text(), published="2023-05-22"))
    for town in ("Graivoron", "Kozinka", "Shebekino", "Sudzha", "Klintsy"):
        assert inc.loc[town].control == "outside_ukraine", town
        assert inc.loc[town].claimant_side == "russia", town
    assert inc.loc["Graivoron"].place_name == "Grayvoron"
    # Glotovo, a Belgorod village too small for the gazetteer, is not read as Ukraine's Hlotivka.
    assert "Glotovo" not in inc.index and set(inc.place_name) <= {"Grayvoron", "Kozinka", "Shebekino",
                                                                   "Sudzha", "Klintsy"}
    assert (inc.loc["Sudzha"].killed, inc.loc["Sudzha"].injured) == (0, 0)


def test_written_coordinates_are_the_site_and_named_places_landmarks():
    text = "Video shows a drone hitting a radar at 47.1032, 37.6215, some 9 km west of Mariupol."
    inc = extract_incidents(text, published="2023-06-01")
    assert len(inc) == 1
    row = inc.iloc[0]
    assert row.precision == "coordinates" and row.place_text == "47.1032, 37.6215"
    assert (row.geometry.y, row.geometry.x) == pytest.approx((47.1032, 37.6215))
    assert row.oblast == "UA-14" and row.control == "occupied_since_2022"
    roles = dict(extract_mentions(text, published="2023-06-01")[["text", "role"]].values)
    assert roles["Mariupol"] == "reference"


def test_sector_named_after_the_places_hit_is_not_a_site():
    text = "Enemy mortars shelled the village of Novoselivka in the Lyman direction overnight."
    mentions = extract_mentions(text, published="2023-02-10")
    assert dict(mentions[["text", "role"]].values) == {"Novoselivka": "site", "Lyman": "reference"}


def test_republic_in_lower_case_is_the_occupied_region():
    text = "Shelling killed a man in the self-proclaimed Lugansk republic, its militia said."
    row = extract_incidents(text, published="2019-05-01").iloc[0]
    assert row.precision == "region" and row.place_name.startswith("Luhansk People's Republic")


def test_location_line_after_an_attack_on_an_unnamed_place():
    text = ("Two soldiers died in an artillery strike on Sunday.\n"
            "Near the village of Pavlopil, Volnovakha district.")
    inc = extract_incidents(text, published="2021-11-03")
    assert inc.place_name.tolist() == ["Pavlopil"]
    assert inc.iloc[0].event_type == "shelling" and inc.iloc[0].date == "2021-10-31"
    # A sentence that says more than where is no location line: its town is not the attack's site.
    other = ("Two soldiers died in an artillery strike on Sunday.\n"
             "Relatives met for the funeral in Kramatorsk.")
    assert "Kramatorsk" not in extract_incidents(other, published="2021-11-03").place_name.tolist()


def test_capitals_roads_and_mountains_are_not_read_as_villages():
    shouted = extract_mentions("A MAN WAS KILLED IN SHELLING OF STANYTSIA LUHANSKA", published="2019-05-01")
    assert shouted.text.tolist() == ["STANYTSIA LUHANSKA"]
    road = extract_incidents("Militants fired on a checkpoint on the Bakhmutka highway near the town of "
                             "Novotoshkivske.", published="2017-03-01")
    assert road.place_name.tolist() == ["Novotoshkivske"]
    mount = extract_mentions("Troops came under fire on Mount Karachun near Sloviansk.",
                             published="2014-06-01")
    assert "Karachun" not in mount.text.tolist()


def test_kind_words_and_slips_after_near_are_read_like_the_geocoder_does():
    slip = extract_mentions("Mortar fire hit a house near Ilvoaisk, Donetsk region.", published="2014-08-20")
    assert dict(slip[["text", "place_name"]].values)["Ilvoaisk"] == "Ilovaisk"
    town = extract_incidents("Shelling hit the outskirts of Luhanks town overnight.", published="2014-08-20")
    assert town.place_name.tolist() == ["Luhansk"] and town.precision.tolist() == ["settlement"]
