"""geomap.extract.incidents on report texts written for these tests (never copied from real reports)."""
import json
import math
from pathlib import Path

import pytest
import shapely
from places import LUHANSK

import geomap
from geomap import cli
from geomap.extract.incidents import extract_incidents, extract_mentions, extract_reports
from geomap.extract.sentence import side_of
from geomap.extract.text import clean, sentences
from geomap.io import incidents as incident_files
from geomap.io.reports import ReportFileError, read_reports
from geomap.schema import CHECK_COLUMNS, INCIDENT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"

# Modelled on the structure of the archetype report, in words of our own: an unnamed town in
# Luhansk oblast shelled (a minister's claim), separatist counter-claims of four attacks with
# three kinds of weapons, an unverifiable-claims line, and capitals used as metonyms.
SEED_LIKE = (
    "Ukraine's foreign minister posted that the town had been hit by heavy guns firing from the "
    "occupied territory of the Donbas, and urged partners to speak out.\n"
    "Hours later, Moscow-backed separatists in the self-styled Luhansk People's Republic said Ukrainian "
    "units had targeted areas under their control on four occasions over the last 24 hours, according to Reuters.\n"
    "Their statement listed mortar rounds, grenade-launcher fire and bursts from a machine gun.\n"
    "None of the accounts could be independently confirmed.\n"
    "Moscow announced on Tuesday that some units were returning to their bases, a claim that officials "
    "in Brussels and Washington met with doubt.\n"
    "Kyiv has not seen any real pullback, the defence minister said.\n"
)
PUBLISHED = "2022-02-17"


@pytest.fixture(scope="module")
def seed_incidents():
    return extract_incidents(SEED_LIKE, published=PUBLISHED, source="test:seed-like")


def test_seed_like_report_gives_two_incidents_with_their_claims(seed_incidents):
    inc = seed_incidents
    assert list(inc.columns[:len(INCIDENT_COLUMNS)]) == list(INCIDENT_COLUMNS)
    assert set(CHECK_COLUMNS) <= set(inc.columns)
    assert inc.crs.to_epsg() == 4326
    assert len(inc) == 2
    town, counter = inc.iloc[0], inc.iloc[1]

    # The town is never named: kept, on the oblast the report supports, and saying so.
    assert town.place_text == "the town"
    assert town.precision == "oblast" and town.oblast == "UA-09"
    assert town.place_note.startswith("place not named")
    assert town.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert town.geometry.contains(shapely.Point(LUHANSK))
    assert town.claimed_by == "Ukraine's foreign minister" and town.claimant_side == "ukraine"
    assert town.origin == "Donbas" and town.event_type == "shelling"
    assert town.date == PUBLISHED

    # The counter-claim: four attacks, three weapon classes, a 24-hour window, relayed by Reuters.
    assert counter.precision == "region" and counter.place_name.startswith("Luhansk People's Republic")
    assert counter.attacks == 4
    assert counter.weapons.split(", ") == ["mortars", "grenade launchers", "machine guns"]
    assert counter.event_type == "mortar"
    assert (counter.date_start, counter.date_end) == ("2022-02-16", "2022-02-17")
    assert counter.claimed_by == "Moscow-backed separatists" and counter.claimant_side == "separatists"
    assert counter.relayed_by == "Reuters"
    assert counter.attributed_to == "Ukrainian units" and counter.attributed_side == "ukraine"
    # the region polygon is the occupied part of Luhansk oblast on that date
    assert counter.control == "occupied_since_2014" and counter.occupied_share > 0.95

    assert (inc.verification == "unverified").all()
    assert inc.verification_text.iloc[0] == "None of the accounts could be independently confirmed."


def test_seed_like_report_keeps_metonyms_and_context_out_of_incidents():
    m = extract_mentions(SEED_LIKE, published=PUBLISHED)
    roles = {(t, r) for t, r in zip(m.text, m.role)}
    assert ("Moscow", "actor") in roles and ("Kyiv", "actor") in roles
    assert ("Brussels", "context") in roles and ("Washington", "context") in roles
    assert ("Donbas", "origin") in roles
    assert ("Luhansk People's Republic", "site") in roles
    # offsets point into the (already clean) text
    for text, start, end in zip(m.text, m.start, m.end):
        assert SEED_LIKE[start:end] == text


def test_quotes_and_offsets_point_into_the_cleaned_text(seed_incidents):
    text = clean(SEED_LIKE)
    for row in seed_incidents.itertuples():
        assert text[row.quote_start:row.quote_end] == row.quote
    counter = seed_incidents.iloc[1]
    assert text[counter.place_start:counter.place_end] == "Luhansk People's Republic"


WIRE = (
    "SLOVIANSK, Ukraine (Reuters) - Russian forces hit a market in Sloviansk in three rocket strikes "
    "yesterday, killing two people and wounding nine, the city's mayor said.\n"
    "Firefighters worked through the night. The mayor said the strike damaged the city's bus station.\n"
    "A separate drone attack on Druzhkivka, Donetsk region, caused no casualties, police said."
)


def test_wire_copy_dates_casualties_and_follow_up_sentences():
    inc = extract_incidents(WIRE, published="2023-05-10")
    assert inc.place_name.tolist() == ["Sloviansk", "Druzhkivka"]
    sloviansk, druzhkivka = inc.iloc[0], inc.iloc[1]
    assert sloviansk.event_type == "rocket" and sloviansk.attacks == 3
    assert (sloviansk.killed, sloviansk.injured) == (2, 9)
    assert sloviansk.date == "2023-05-09" and sloviansk.date_text == "yesterday"
    assert sloviansk.attributed_side == "russia" and sloviansk.claimed_by == "the city's mayor"
    assert druzhkivka.event_type == "drone" and (druzhkivka.killed, druzhkivka.injured) == (0, 0)
    assert druzhkivka.claimed_by == "police" and druzhkivka.oblast == "UA-14"
    # "the strike damaged the city's bus station" adds to the Sloviansk incident, no new one
    assert len(inc) == 2


def test_daily_summary_list_items_inherit_claimant_window_and_oblast():
    text = (EXAMPLES / "daily_summary.md").read_text()
    inc = extract_incidents(text, published="2022-10-14")
    assert inc.place_name.tolist() == ["Huliaipole", "Orikhiv", "Stepnohirsk", "Malynivka", "Nikopol", "Marhanets"]
    assert set(inc.oblast[:4]) == {"UA-23"} and set(inc.oblast[4:]) == {"UA-12"}
    assert (inc.claimed_by[:4] == "Regional officials").all()
    assert (inc.date_start[:4] == "2022-10-13").all()
    step = inc.set_index("place_name").loc["Stepnohirsk"]
    assert step.attacks == 2 and step.injured == 1
    assert inc.set_index("place_name").loc["Huliaipole"].weapons == "rockets/MLRS"


def test_html_with_mixed_spellings():
    text = (EXAMPLES / "mixed_spellings.html").read_text()
    inc = extract_incidents(text, published="2017-03-07")
    assert inc.place_name.tolist() == ["Horlivka", "Zaitseve", "Avdiivka", "Marinka", "Stanytsia Luhanska"]
    assert inc.place_text.tolist()[:3] == ["Gorlovka", "Zaitsevo", "Avdeevka"]
    # the script's "Mariupol" is no mention; tags are gone from quotes
    assert "Mariupol" not in set(extract_mentions(text).text)
    assert not any("<" in q for q in inc.quote)
    assert inc.iloc[0].attacks == 3 and inc.iloc[0].claimant_side == "separatists"
    assert inc.iloc[2].attributed_side == "separatists" and inc.iloc[2].event_type == "grenade_launcher"
    assert inc.iloc[4].claimant_side == "ukraine"
    assert (inc.verification == "unverified").all()


def test_military_statement_enemy_is_resolved_against_the_claimant():
    text = (EXAMPLES / "military_statement.txt").read_text()
    inc = extract_incidents(text, published="2023-03-08")
    assert inc.place_name.tolist() == ["Kupiansk", "Dvorichna", "Bilohorivka", "Vuhledar"]
    assert (inc.date == "2023-03-06").all()  # the bulletin's own date, not the publication date
    assert (inc.claimant_side == "ukraine").all()
    assert inc.iloc[0].attributed_to == "enemy" and inc.iloc[0].attributed_side == "russia"
    assert inc.iloc[2].event_type == "drone"


@pytest.mark.parametrize("sentence, published, expected", [
    ("Shelling hit Avdiivka yesterday.", "2022-02-17", ("2022-02-16", "2022-02-16")),
    ("Shelling hit Avdiivka on Wednesday.", "2022-02-17", ("2022-02-16", "2022-02-16")),
    ("Shelling hit Avdiivka overnight.", "2022-02-17", ("2022-02-16", "2022-02-17")),
    ("Shelling hit Avdiivka on 12 February.", "2022-02-17", ("2022-02-12", "2022-02-12")),
    ("Shelling hit Avdiivka on December 30.", "2022-01-03", ("2021-12-30", "2021-12-30")),
    ("Shelling hit Avdiivka over the past week.", "2022-02-17", ("2022-02-10", "2022-02-17")),
    ("Shelling hit Avdiivka on 2022-02-15.", None, ("2022-02-15", "2022-02-15")),
    ("Shelling hit Avdiivka yesterday.", None, (None, None)),
])
def test_dates_resolved_against_publication(sentence, published, expected):
    row = extract_incidents(sentence, published=published).iloc[0]
    assert (row.date_start, row.date_end) == expected


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
    text = "Russians shelled Zolochiv in Kharkiv region overnight; the village of Zolochiv, Kharkiv region, lost power."
    assert extract_incidents(text, "2022-09-05").oblast_name.tolist() == ["Kharkiv Oblast"]


@pytest.mark.parametrize("text, place, oblast", [
    ("A sniper wounded a soldier near Zolote-4, Luhansk Obl.", "Zolote", "Luhansk Oblast"),  # numbered part
    ("Golubovskoye settlement came under mortar fire on Tuesday.", "Holubivske", "Luhansk Oblast"),
    # a spelling variant with no preposition, placed by the unit named after the comma
    ("A rocket wounded two people overnight, Apostolovoe, Krivoy Rog district.", "Apostolove", "Dnipropetrovsk Oblast"),
    # an English translation of the name, kept apart from its namesakes by the raion after it
    ("Shelling hit Granite, Volnovakha district, Donetsk region.", "Hranitne", "Donetsk Oblast"),
    ("Mortars hit the Dovzhansky checkpoint on Tuesday.", "Dovzhanske", "Luhansk Oblast"),
    # lower-case "post" is a checkpoint, not a newspaper; "Artemivsky district" no surname
    ("Shelling damaged Uglegorsk post No. 3 overnight.", "Vuhlehirsk", "Donetsk Oblast"),
    ("Fighting went on overnight; Uglegorsk Artemivsky district came under fire.", "Vuhlehirsk", "Donetsk Oblast"),
])
def test_words_around_a_spelling_variant_say_it_is_a_place(text, place, oblast):
    inc = extract_incidents(text, "2022-09-05")
    assert inc.place_name.tolist() == [place] and inc.oblast_name.tolist() == [oblast]


def test_words_that_only_look_like_places_are_not_sites():
    def sites(text):
        return extract_mentions(text, "2022-09-05").query("role == 'site'").text.tolist()
    # "village of" names the place after it, not the capitalised word before it
    assert sites("The Ukrainian Offensive Widens village of Aleksandrovka was shelled, Kharkiv region.") == ["Aleksandrovka"]
    assert sites("Shelling hit the Stanislav platoon stronghold near Debaltseve.") == ["Debaltseve"]  # a unit's name
    assert sites("Four soldiers were killed in shelling ahead of the Paris talks.") == []  # a capital's own name
    assert sites("Shelling hit the Kyiv Post offices in Kramatorsk.") == ["Kramatorsk"]  # a newspaper
    mentions = extract_mentions("A woman died in Kiev’s shelling of Zaitsevo. Germany will supply tanks to Kyiv, "
                                "while shelling hit Avdiivka.", "2022-09-05")
    assert dict(zip(mentions.text, mentions.role)) == {"Kiev": "actor", "Zaitsevo": "site", "Germany": "actor",
                                                       "Kyiv": "actor", "Avdiivka": "site"}


def test_a_village_near_a_town_is_not_the_town():
    mentions = extract_mentions("Artillery fire hit a village near Zaporizhzhia, Stepnohirsk, on Monday.", "2022-09-05")
    assert dict(zip(mentions.text, mentions.role)) == {"Zaporizhzhia": "reference", "Stepnohirsk": "site"}
    # with no other place named, the town is the best place known (as for "20 km north of X")
    inc = extract_incidents("Artillery hit a village near Zaporizhzhia on Monday.", "2022-09-05")
    assert inc.place_name.tolist() == ["Zaporizhzhia"]


def test_a_place_named_again_in_another_spelling_is_read_in_the_oblast_named():
    text = "Russians shelled Zolochiv in Kharkiv region overnight; the village of Zolochev, Kharkiv region, lost power."
    assert extract_incidents(text, "2022-09-05").oblast_name.tolist() == ["Kharkiv Oblast"]


@pytest.mark.parametrize("text, roles", [
    ("Shelling hit Velyka Kostromka in the Zelenodolsk community overnight.",
     {"Velyka Kostromka": "site", "Zelenodolsk": "admin"}),  # a hromada is a unit
    ("Shelling hit the Avdiivka Coke and Chemical Plant on Monday.", {"Avdiivka": "site"}),  # a facility's town
    ("Ukrainian troops fired at Zolote-5, Lugansk militias said.", {"Zolote": "site", "Lugansk": "actor"}),
    # "near" across a semicolon is no landmark for the place before it
    ("Soldiers came under fire north of Mariupol; near the village Starognativka, Volnovakha district, more shells fell.",
     {"Mariupol": "site", "Starognativka": "site", "Volnovakha": "admin"}),
])
def test_roles_of_units_facilities_and_militias(text, roles):
    mentions = extract_mentions(text, "2022-09-05")
    assert dict(zip(mentions.text, mentions.role)) == roles


def test_the_town_of_a_name_is_passed_on_as_written():
    inc = extract_incidents("Shelling hit the town of Krasnyi Luch on Wednesday.", "2014-08-06")
    assert inc.place_name.tolist() == ["Khrustalnyi"]


@pytest.mark.parametrize("text, place", [
    ("Militants from the unit Azov shelled positions in the Gorlovka area.", "Horlivka"),  # a unit named after
    ("Gunners destroyed a depot in the Kherson region, Dniprovsky area.", "Dniprovske"),  # "X area" says place
    ("Troops were shelled in the Novopol region of the Donetsk People's Republic.", "Novopil"),  # a village's area
    ("In the south, drones hit an ammunition depot near Arkhangelsk.", "Arkhanhelske"),  # a spelling beside one exact name
])
def test_the_place_of_units_areas_and_spellings(text, place):
    assert extract_incidents(text, "2022-09-25").place_name.tolist() == [place]


@pytest.mark.parametrize("text, place", [
    ("Shells landed at Donetsk airport overnight.", "Donetsk International Airport"),
    ("Shelling was reported at the Zaporizhzhia nuclear power plant again.", "Zaporizhzhia Nuclear Power Plant"),
    ("The operator said a drone hit the roof of a ZNPP building.", "Zaporizhzhia Nuclear Power Plant"),
    ("An explosion damaged the Crimean bridge before dawn.", "Crimean Bridge"),
    ("The Kakhovka dam was breached overnight.", "Kakhovka Dam"),
])
def test_a_facility_named_after_a_town_is_the_facility(text, place):
    inc = extract_incidents(text, "2022-08-20")
    assert inc.place_name.tolist() == [place] and inc.precision.tolist() == ["site"]


def test_of_the_units_named_the_raion_is_the_place():
    inc = extract_incidents("Shelling damaged a grain warehouse in the Nikopol district of the Dnipropetrovsk region.",
                            "2022-09-05")
    assert inc.precision.tolist() == ["raion"] and inc.place_name.str.startswith("Nikopol").all()


def test_a_front_direction_written_as_an_adjective_is_its_area():
    inc = extract_incidents("Ukrainian forces counterattacked twice in the Krasnolymansk direction, the ministry said.",
                            "2022-12-10")
    assert inc.place_name.tolist() == ["Lyman Raion"] and inc.precision.tolist() == ["raion"]
    # a sector named after two towns is read at the first
    inc = extract_incidents("Losses in the Svatovo-Kremenskoye direction amounted to 200 people a day, the ministry said.",
                            "2022-12-10")
    assert inc.place_name.tolist() == ["Svatove"]


def test_the_village_of_a_two_word_name_is_no_person():
    mentions = extract_mentions("Shelling was reported near the village of Pobeda Snezhnyanskaya.", "2014-08-29")
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


# -- report files and the command line -------------------------------------------------------------
def test_read_reports_collections(tmp_path):
    got = read_reports(EXAMPLES / "reports.csv")
    assert len(got.reports) == 3 and got.reports[0].published == "2022-02-16"
    js = tmp_path / "r.json"
    js.write_text(json.dumps([{"body": "Shelling hit Pisky.", "published": "2022-02-17"}]))
    assert read_reports(js).reports[0].text == "Shelling hit Pisky."
    batch = extract_reports([(r.text, r.published, r.source) for r in got.reports])
    assert len(batch) == 2 and set(batch.source) == {"example desk"}


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary\x00" * 100, "binary file"),
    (b'date,text\n"2022-02-17,never closed\n', "malformed CSV"),
    (b"date,headline_id\n2022-02-17,7\n", "no text column"),
])
def test_unusable_report_files(tmp_path, content, message):
    path = tmp_path / ("bad.csv" if b"date," in content else "bad.txt")
    path.write_bytes(content)
    with pytest.raises(ReportFileError, match=message):
        read_reports(path)


def test_cli_extract_writes_every_format(tmp_path, capsys):
    inputs = [str(EXAMPLES / "wire_copy.txt"), str(EXAMPLES / "reports.csv")]
    for suffix in (".geojson", ".gpkg", ".csv", ".parquet"):
        out = tmp_path / f"incidents{suffix}"
        assert cli.main(["extract", *inputs, "--published", "2023-04-14", "-o", str(out)]) == 0
        back = incident_files.read_incidents(out)
        assert len(back) == 4 and "Kramatorsk" in set(back.place_name)
    assert "4 incidents in 4 reports" in capsys.readouterr().out


def test_cli_extract_bad_input_is_reported_and_loses_nothing(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Nothing happened anywhere today.")
    out = tmp_path / "out.geojson"
    code = cli.main(["extract", str(empty), str(EXAMPLES / "seed_like.txt"), "--published", "2022-02-17",
                     "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2 and "empty.txt: empty file" in captured.err
    assert len(incident_files.read_incidents(out)) == 2  # the good file was still extracted and written
    assert cli.main(["extract", str(quiet)]) == 0
    assert "0 incidents in 1 reports" in capsys.readouterr().out
    assert cli.main(["extract", str(empty)]) == 2
    assert "no usable report" in capsys.readouterr().err
    assert cli.main(["extract", str(quiet), "--published", "the day before"]) == 2


def test_cli_extract_twenty_megabytes_of_text(tmp_path, capsys):
    """A 20 MB file runs through (in parts) and gives the answers of its pieces."""
    piece = (EXAMPLES / "military_statement.txt").read_text() + "\n\n" + "filler words " * 300 + "\n\n"
    big = tmp_path / "big.txt"
    big.write_text(piece * math.ceil(20_000_000 / len(piece)))
    assert big.stat().st_size >= 20_000_000
    assert cli.main(["extract", str(big), "--published", "2023-03-06"]) == 0
    assert "4 incidents in 1 reports" in capsys.readouterr().out


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
    assert drones.place_text == "" and drones.precision == "oblast" and drones.place_name == "Zaporizhzhia Oblast"
    assert drones.place_note.startswith("place not named") and drones.claimant_side == "ukraine"
    assert inc.place_name.tolist() == ["Vasylivka", "Zaporizhzhia Oblast", "Nikopol"]


def test_wire_report_sides_of_local_officials_and_a_russian_town():
    inc = _by_place(extract_incidents((EXAMPLES / "wire_multi_incident.txt").read_text(), published="2023-03-03"))
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
    assert not {"Kupiansk", "Lyman", "Bakhmut", "Marinka", "Shakhtarsk", "Zaporizhzhia", "Kherson"} & set(places)
    assert {"Krasne Pershe", "Bilohorivka", "Spirne", "Kurdiumivka", "Vuhledar", "Stepnohirsk", "Beryslav"} <= set(places)
    assert len(places) >= 18
    assert set(inc.claimed_by) == {"General Staff of the Armed Forces of Ukraine"}  # not "... as of"


def test_russian_statement_spellings_and_the_ministry_said():
    inc = _by_place(extract_incidents((EXAMPLES / "russian_mod_statement.txt").read_text(), published="2023-06-13"))
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
    assert "Glotovo" not in inc.index and set(inc.place_name) <= {"Grayvoron", "Kozinka", "Shebekino", "Sudzha", "Klintsy"}
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
    text = "Two soldiers died in an artillery strike on Sunday.\nNear the village of Pavlopil, Volnovakha district."
    inc = extract_incidents(text, published="2021-11-03")
    assert inc.place_name.tolist() == ["Pavlopil"]
    assert inc.iloc[0].event_type == "shelling" and inc.iloc[0].date == "2021-10-31"
    # A sentence that says more than where is no location line: its town is not the attack's site.
    other = "Two soldiers died in an artillery strike on Sunday.\nRelatives met for the funeral in Kramatorsk."
    assert "Kramatorsk" not in extract_incidents(other, published="2021-11-03").place_name.tolist()


def test_capitals_roads_and_mountains_are_not_read_as_villages():
    shouted = extract_mentions("A MAN WAS KILLED IN SHELLING OF STANYTSIA LUHANSKA", published="2019-05-01")
    assert shouted.text.tolist() == ["STANYTSIA LUHANSKA"]
    road = extract_incidents("Militants fired on a checkpoint on the Bakhmutka highway near the town of "
                             "Novotoshkivske.", published="2017-03-01")
    assert road.place_name.tolist() == ["Novotoshkivske"]
    mount = extract_mentions("Troops came under fire on Mount Karachun near Sloviansk.", published="2014-06-01")
    assert "Karachun" not in mount.text.tolist()


def test_kind_words_and_slips_after_near_are_read_like_the_geocoder_does():
    slip = extract_mentions("Mortar fire hit a house near Ilvoaisk, Donetsk region.", published="2014-08-20")
    assert dict(slip[["text", "place_name"]].values)["Ilvoaisk"] == "Ilovaisk"
    town = extract_incidents("Shelling hit the outskirts of Luhanks town overnight.", published="2014-08-20")
    assert town.place_name.tolist() == ["Luhansk"] and town.precision.tolist() == ["settlement"]
