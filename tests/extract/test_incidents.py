"""Incidents from report texts written for these tests (never copied from real reports): claims, dates,
casualties."""
from pathlib import Path

import pytest
import shapely
from places import LUHANSK

from geomap.extract.incidents import extract_incidents, extract_mentions
from geomap.extract.text import clean
from geomap.schema import CHECK_COLUMNS, INCIDENT_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "reports"

# Modelled on the structure of the archetype report, in words of our own: an unnamed town in
# Luhansk oblast shelled (a minister's claim), separatist counter-claims of four attacks with
# three kinds of weapons, an unverifiable-claims line, and capitals used as metonyms.
SEED_LIKE = (
    "Ukraine's foreign minister posted that the town had been hit by heavy guns firing from "
    "occupied areas of Donbas, and urged partners to speak out.\n"
    "Hours later, pro-Russian separatists in the self-styled Luhansk People's Republic said Ukrainian "
    "units had targeted areas under their control on four occasions over the last 24 hours, "
    "according to Reuters.\n"
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
    assert counter.claimed_by == "pro-Russian separatists" and counter.claimant_side == "separatists"
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
    assert inc.place_name.tolist() == ["Huliaipole", "Orikhiv", "Stepnohirsk", "Malynivka", "Nikopol",
                                       "Marhanets"]
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
    ("Shelling hit Avdiivka on 16-17 February.", "2022-02-18", ("2022-02-16", "2022-02-17")),
    ("Shelling hit Avdiivka on 17/02/2022.", None, ("2022-02-17", "2022-02-17")),
    ("Shelling hit Avdiivka two days ago.", "2022-02-17", ("2022-02-15", "2022-02-15")),
    ("Shelling hit Avdiivka on the 28th, officials said.", "2022-03-02", ("2022-02-28", "2022-02-28")),
    ("Shells fell near the 25th brigade by Avdiivka.", "2022-02-17", ("2022-02-17", "2022-02-17")),
])
def test_dates_resolved_against_publication(sentence, published, expected):
    row = extract_incidents(sentence, published=published).iloc[0]
    assert (row.date_start, row.date_end) == expected


def test_a_year_far_from_the_war_is_kept_as_written_and_flagged():
    row = extract_incidents("Shelling hit Avdiivka on 17 February 1850.", published="2022-02-20").iloc[0]
    assert (row.date, row.date_text) == ("1850-02-17", "17 February 1850")
    assert row.control == "unknown" and row.control_reason.startswith("date outside")


def test_a_long_report_naming_hundreds_of_units_is_read_without_error():
    """The report-wide hint of a long report stays within what the geocoder takes."""
    from geomap.geocoding.index import default_index

    idx = default_index()
    raions = sorted({idx.name[p].removesuffix(" Raion") for p in range(idx.first_foreign)
                     if idx.kind[p] == "raion"})[:200]
    text = " ".join(f"Shells fell on a village in the {name} district, officials said." for name in raions)
    assert len(", ".join(raions)) > 2_000
    incidents = extract_incidents(text, published="2023-05-01")
    assert len(incidents) and set(incidents.precision) <= {"raion", "settlement", "oblast"}
