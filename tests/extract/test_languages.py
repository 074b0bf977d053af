"""Reports in Ukrainian and Russian: our own sentences, read with the embedded gazetteer and the
pymorphy3 dictionaries."""
import pytest

from geomap.extract.incidents import extract_incidents, extract_mentions
from geomap.extract.language import detect, english
from geomap.geocoding.morphology import nominatives, place_nouns, region_base


def _one(text: str, published: str = "2024-03-12"):
    frame = extract_incidents(text, published)
    assert len(frame) == 1, frame[["place_text", "place_name"]]
    return frame.iloc[0]


@pytest.mark.parametrize(("text", "language"), [
    ("Російські війська обстріляли Нікополь з артилерії.", "uk"),
    ("ВСУ обстреляли Горловку из РСЗО.", "ru"),
    ("Вчера было тихо, сообщили в администрации.", "ru"),
    ("Shelling hit Pisky on Monday.", "en"),
])
def test_detects_the_language_of_a_report(text, language):
    assert detect(text) == language


def test_shelling_of_nikopol_in_ukrainian_with_its_casualties():
    row = _one("Російські війська обстріляли Нікополь з артилерії, поранено двох мешканців.")
    assert (row.place_name, row.place_text, row.event_type, row.injured, row.language) == (
        "Nikopol", "Нікополь", "shelling", 2, "uk")
    assert row.attributed_side == "russia"


def test_inflected_name_and_words_for_numbers_in_russian():
    row = _one("ВСУ обстреляли Горловку из РСЗО, погибли три человека.")
    assert (row.place_name, row.place_text, row.event_type, row.killed, row.language) == (
        "Horlivka", "Горловку", "rocket", 3, "ru")
    assert row.attributed_side == "ukraine"


def test_missile_on_odesa_in_the_locative():
    row = _one("Росіяни вдарили ракетою по Одесі.")
    assert (row.place_name, row.event_type) == ("Odesa", "missile")


def test_region_noun_and_compound_number():
    row = _one("Вночі окупанти атакували шахедами Харківщину, загинули двадцять сім людей, "
               "повідомив голова Харківської ОВА.")
    assert (row.place_name, row.precision, row.event_type, row.killed) == (
        "Kharkiv Oblast", "oblast", "drone", 27)
    assert row.claimed_by == "голова Харківської ОВА" and row.claimant_side == "ukraine"


def test_hromada_adjective_is_its_centre_and_the_date_is_read():
    row = _one("Ворог скинув КАБ на Межівську громаду Синельниківського району 17 лютого.")
    assert (row.place_name, row.event_type, row.date) == ("Mezhova", "airstrike", "2024-02-17")


def test_night_of_a_date_in_russian():
    row = _one("В ночь на 11 марта ВСУ атаковали беспилотниками Белгород, пострадали двое мирных жителей.")
    assert (row.place_name, row.event_type, row.injured, row.date) == ("Belgorod", "drone", 2, "2024-03-11")


def test_nobody_hurt_and_a_title_line():
    row = _one("Херсон. Окупанти скинули вибухівку з дрона на зупинку. Постраждалих немає.")
    assert (row.place_name, row.event_type, row.killed, row.injured) == ("Kherson", "drone", 0, 0)


@pytest.mark.parametrize("text", [
    "У Москві заявили, що готові до переговорів.",
    "Переговори в Стамбулі завершилися без результату.",
    "Київ звинуватив Москву у зриві зернової угоди.",
    "В Одессе прошел концерт в поддержку пострадавших семей.",
    "У Львові відкрили новий центр реабілітації для військових.",
])
def test_no_incident_from_reports_without_attacks(text):
    assert extract_incidents(text, "2024-03-12").empty


def test_moscow_speaks_and_donetsk_is_the_site():
    row = _one("У Москві заявили, що ЗСУ обстріляли Донецьк.")
    assert row.place_name == "Donetsk"


def test_base_forms_and_place_adjectives():
    assert nominatives("Горлівку", "uk")[0] == "горлівка"
    assert "межова" in place_nouns("межівська")
    assert "куп'янськ" in place_nouns("куп'янський")
    assert region_base("нікопольщина")[0] == "нікополь"


def test_side_words_are_read_through_their_glosses():
    assert english("Минобороны России") == "ministry russia"


@pytest.mark.parametrize(("text", "places"), [
    # "через": a region passed through is a route, not a site
    ("Ракеты летели через Сумскую область и ударили по Харькову.", ["Kharkiv"]),
    # a name after a street word is the street's, not a village's
    ("У Херсоні внаслідок обстрілу загинула жінка на вулиці Сергія Мельника.", ["Kherson"]),
    ("Обстрел Харькова: снаряд попал в дом на улице Сергея Мельника.", ["Kharkiv"]),
    # where officials spoke and where the wounded were taken are no sites
    ("На брифінгу в Києві повідомили, що росіяни обстріляли Нікополь.", ["Nikopol"]),
    ("Поранених евакуювали до Запоріжжя після обстрілу Оріхова.", ["Orikhiv"]),
])
def test_routes_streets_venues_and_destinations_are_no_sites(text, places):
    assert list(extract_incidents(text, "2024-03-12").place_name) == places


def test_a_sentence_without_telling_letters_keeps_its_reports_language():
    from geomap.extract.language import sentence_language

    text = "ВСУ обстреляли Горловку из РСЗО ночью."  # no і ї є ґ ы э ъ ё, no telling little word
    assert [sentence_language(text, 0, len(text), report) for report in ("uk", "ru")] == ["uk", "ru"]


def test_a_two_word_name_is_read_whole_and_a_forest_is_no_village():
    assert extract_incidents("Окупанти обстріляли Часів Яр з артилерії.",
                             published="2024-02-01").place_name.tolist() == ["Chasiv Yar"]
    assert extract_incidents("Ворог атакував район Серебрянського лісництва.", published="2024-02-01").empty


def test_fire_from_the_territory_of_a_town_is_its_origin_and_a_given_name_before_a_surname_is_a_person():
    mentions = extract_mentions("Боевики обстреляли Краматорск из РСЗО с территории Горловки.",
                                published="2015-02-10")
    assert mentions[["text", "role"]].values.tolist() == [["Краматорск", "site"], ["Горловки", "origin"]]
    text = "Снаряд упал у дома на улице генерала Сергея Мельника в Харькове."
    assert extract_incidents(text, published="2024-04-22").place_name.tolist() == ["Kharkiv"]
    # a village named like a given name, before its oblast's adjective, is still the village
    assert extract_incidents("Ворог обстріляв Надію Луганської області.",
                             published="2024-02-01").place_name.tolist() == ["Nadiia"]


@pytest.mark.parametrize("text, place", [
    ("Окупанти обстріляли Станицю Луганську з мінометів.", "Stanytsia Luhanska"),  # not the city of Luhansk
    ("Боевики обстреляли Станицу Луганскую из минометов.", "Stanytsia Luhanska"),
    ("Ворог вдарив по Великій Новосілці керованими авіабомбами.", "Velyka Novosilka"),
])
def test_an_inflected_two_word_name_is_read_whole(text, place):
    assert extract_incidents(text, published="2022-02-17").place_name.tolist() == [place]


def test_places_under_enemy_fire_in_a_list_are_sites():
    text = ("Берислав, Антонівка та Білозерка протягом дня були під ворожим вогнем, зазначив голова "
            "обласної адміністрації.")
    inc = extract_incidents(text, published="2025-12-21")
    assert set(inc.place_name) >= {"Beryslav", "Antonivka", "Bilozerka"}
