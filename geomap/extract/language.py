"""Reports in Ukrainian and Russian: which language a text is in, and how its words are read.

The extractor's rules read English cue words. A Ukrainian or Russian sentence is read by the same
rules through a gloss: each word's dictionary form (:mod:`geomap.geocoding.morphology`) is looked up
in :data:`geomap.extract.cues.SLAVIC_GLOSSES` and stands for its English cue word ("обстріляли" ->
"shelled", "з артилерії" -> "from artillery", "вчора" -> "yesterday"); words without a gloss stay as
written. Place names are looked up in the gazetteer by their nominative ("Горлівку" -> Горлівка), an
adjective by the place it is formed from ("Куп'янського району" -> Куп'янськ), a region noun by its
place ("Нікопольщина" -> Nikopol raion). What Slavic word order says differently from English
(the number after the verb: "загинули двоє людей"; the speaker after the verb: "повідомив голова
ОВА") is read here too, by :func:`read_slavic`.

>>> detect("Російські війська обстріляли Нікополь"), detect("ВСУ обстреляли Горловку")
('uk', 'ru')
>>> detect("Shelling hit Pisky")
'en'
>>> low, keys, _ = gloss("ВСУ обстреляли Горловку из РСЗО", words("ВСУ обстреляли Горловку из РСЗО"), "ru")
>>> low, keys[2]
(['afu', 'shelled', 'горловку', 'with', 'mlrs'], 'horlovka')
"""
from __future__ import annotations

import functools
import re

from geomap import schema
from geomap.extract import cues
from geomap.extract.model import Sentence
from geomap.extract.text import Word, words
from geomap.geocoding.index import PlaceIndex, default_index
from geomap.geocoding.morphology import LANGUAGES as SLAVIC
from geomap.geocoding.morphology import known, lemmas, nominatives, parses, place_nouns, region_base, singular
from geomap.geocoding.names import DISTANCE_WORDS, name_key

__all__ = ["LANGUAGES", "detect", "english", "gloss", "read_slavic", "sentence_language", "settle_roles"]

LANGUAGES = schema.LANGUAGES
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
_UKRAINIAN = re.compile(r"[іїєґ]|\b(?:що|та|це|як|від|або|був|була|було|вони|також)\b", re.I)
_RUSSIAN = re.compile(r"[ыэъё]|\b(?:что|это|как|от|или|был|была|было|они|также|и)\b", re.I)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'"})
_ABBREVIATED = {"с": "village", "м": "city", "г": "city", "смт": "smt", "пгт": "smt", "обл": "oblast"}
_NAME_POS = frozenset(("NOUN", "ADJF", None))  # parts of speech a capitalised first word may be a name as
_PEOPLE = frozenset(("Name", "Surn", "Patr"))
MAX_GAP_WORDS = 5  # a casualty word and its number stand this close ("загинули щонайменше двоє людей")


def detect(text: str, default: str = "") -> str:
    """``uk``, ``ru`` or ``en``: the script of most letters, then the letters and little words only
    one of the two Cyrillic languages has (і ї є ґ, "що"; ы э ъ ё, "что"); where they do not tell,
    ``default`` when given (the language of the report a sentence is from), else the dictionary
    that knows more of the words (which loads both dictionaries)."""
    sample = text[:20_000]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic <= len(_LATIN.findall(sample)):
        return "en"
    uk, ru = len(_UKRAINIAN.findall(sample)), len(_RUSSIAN.findall(sample))
    if uk == ru and default in SLAVIC:
        return default
    if uk == ru:  # no telling letter ("ВСУ обстреляли Горловку"): the dictionary that knows more words
        found = [w.text.lower() for w in words(sample[:2_000]) if _CYRILLIC.search(w.text)]
        uk = sum(known(w, "uk") for w in found)
        ru = sum(known(w, "ru") for w in found)
    return "uk" if uk >= ru else "ru"


def sentence_language(text: str, start: int, end: int, report: str) -> str:
    """The language of one sentence: its own where its letters tell (a Russian quote in a Ukrainian
    report), else the report's."""
    piece = text[start:end]
    if report == "en" and not _CYRILLIC.search(piece):
        return "en"  # the usual case, without counting letters
    return detect(piece, report) if len(piece) >= 20 else (report if report != "en" else detect(piece))


@functools.lru_cache(maxsize=65_536)
def _gloss_word(low: str, language: str) -> tuple[str, str]:
    """(gloss, dictionary form) of one lower-case word."""
    if low in cues.SLAVIC_GLOSSES:
        return cues.SLAVIC_GLOSSES[low], low
    if not _CYRILLIC.search(low):
        return low, low
    forms = lemmas(low, language)
    for form in forms:
        if form in cues.SLAVIC_GLOSSES:
            return cues.SLAVIC_GLOSSES[form], form
    if "-" in low:  # "fpv-дрон", "дрон-камікадзе": the gloss of a glossed part
        for part in low.split("-"):
            found, form = _gloss_word(part, language)
            if found != part:
                return found, form
    return low, forms[0] if forms else low


def gloss(text: str, ws: list[Word], language: str,
          idx: PlaceIndex | None = None) -> tuple[list[str], list[str], list[str]]:
    """English glosses, gazetteer keys and dictionary forms of a sentence's words."""
    idx = idx or default_index()
    low: list[str] = []
    forms: list[str] = []
    for w in ws:
        word = w.text.lower().translate(_APOSTROPHES)
        if word in _ABBREVIATED and text[w.end:w.end + 1] == ".":
            low.append(_ABBREVIATED[word])  # "с. Іванівка", "м. Херсон"
            forms.append(word)
            continue
        glossed, form = _gloss_word(word, language)
        low.append(glossed)
        forms.append(form)
    _phrases(forms, low)
    for k in range(len(low) - 1):  # "з мінометів": the means, not where the fire came from
        if low[k] == "from" and (low[k + 1] in cues.WEAPON_WORDS or low[k + 1] in ("heavy", "guided")):
            low[k] = "with"
    _numbers([w.text.lower().translate(_APOSTROPHES) for w in ws], forms, low)
    keys = [_key(ws, k, low, forms, language, idx) if w.text[0].isupper() else "" for k, w in enumerate(ws)]
    _keep_written_names(ws, keys, language, idx)
    return low, keys, forms


def _keep_written_names(ws: list[Word], keys: list[str], language: str, idx: PlaceIndex) -> None:
    """A name of two capitalised words is read as one where the gazetteer holds it, as written
    ("Часів Яр": word by word "Часів" is a form of "час" and "Яр" a village of its own) or with both
    words in the nominative ("Станицю Луганську": "Луганську" alone would be the city of Luhansk)."""
    for k in range(len(ws) - 1):
        if not (ws[k].text[0].isupper() and ws[k + 1].text[0].isupper()):
            continue
        first, second = (w.text.lower().translate(_APOSTROPHES) for w in ws[k:k + 2])
        for a, b in [(first, second), *((x, y) for x in nominatives(first, language)
                                        for y in nominatives(second, language))]:
            if name_key(f"{a} {b}") in idx.strict:
                keys[k], keys[k + 1] = name_key(a), name_key(b)
                break


def _phrases(forms: list[str], low: list[str]) -> None:
    """Glosses of phrases read together ("за словами" -> "according to")."""
    for i, n, glossed in cues.SLAVIC_PHRASES.find(forms):
        low[i:i + n] = glossed


def _numbers(written: list[str], forms: list[str], low: list[str]) -> None:
    """Number words as digits; consecutive ones add up ("двадцять сім" -> "27", "more")."""
    def value(k: int) -> int | None:
        return cues.SLAVIC_NUMBERS.get(written[k], cues.SLAVIC_NUMBERS.get(forms[k]))

    i = 0
    while i < len(forms):
        if value(i) is not None:
            j, total = i, 0
            while j < len(forms) and (n := value(j)) is not None:
                total += n
                low[j] = "more"  # a filler the count readers skip
                j += 1
            low[i] = str(total)
            i = j
        else:
            i += 1


def _key(ws: list[Word], k: int, low: list[str], forms: list[str], language: str, idx: PlaceIndex) -> str:
    """The gazetteer key of a capitalised word: its nominative, the place an adjective or region
    noun is formed from, or '' for a word that is no name (a cue word opening the sentence, a person)."""
    word = ws[k].text.translate(_APOSTROPHES)
    lower = word.lower()
    if low[k] != lower and (k == 0 or word.isupper() or low[k] in cues.NOT_PLACES):
        return ""  # "Обстріл ...", "ЗСУ", "Росія": cue words, not places
    if _person(ws, k, language):
        return ""
    if k == 0 and not word.isupper():
        pos = _first_pos(lower, language)
        if pos not in _NAME_POS:
            return ""  # "Внаслідок", "Також": a capitalised first word that is no noun
    return _place_key(lower, language, idx)


@functools.lru_cache(maxsize=65_536)
def _place_key(lower: str, language: str, idx: PlaceIndex) -> str:
    bases = [cues.SLAVIC_NAME_FORMS.get(lower, "")] if lower in cues.SLAVIC_NAME_FORMS else []
    bases += nominatives(lower, language)
    for base in bases:
        region = cues.SLAVIC_REGIONS.get(base) or None
        for place in ([region] if region else region_base(base)):
            key = name_key(place)
            if key in idx.strict:
                # "Харківщина" is the oblast of Kharkiv, "Нікопольщина" the raion of Nikopol.
                for unit in ("oblast", "raion"):
                    if f"{key} {unit}" in idx.strict:
                        return f"{key} {unit}"
                return key
    for base in [*bases, lower]:
        key = name_key(base)
        if key in idx.strict:
            return key
    for base in bases:
        for noun in place_nouns(base):
            key = name_key(noun)
            if key in idx.strict:
                return key
    return name_key(bases[0] if bases else lower)


def _first_pos(lower: str, language: str) -> str | None:
    readings = parses(lower, language)
    return readings[0].tag.POS if readings else None


def _person(ws: list[Word], k: int, language: str) -> bool:
    """A given name, or the word after one ("Олег Синєгубов"): a person, not a place."""
    def given(j: int) -> bool:
        if j < 0 or j >= len(ws) or not ws[j].text[0].isupper():
            return False
        readings = parses(ws[j].text.lower().translate(_APOSTROPHES), language)
        return bool(readings) and "Name" in readings[0].tag.grammemes
    # a given name before another capitalised word ("Сергія Мельника", "Надія Луганської області"
    # aside: a village named like a given name stands before a lower-case word or a unit)
    named_next = k + 1 < len(ws) and ws[k + 1].text[0].isupper() and ws[k + 1].start - ws[k].end == 1 \
        and _first_pos(ws[k + 1].text.lower().translate(_APOSTROPHES), language) != "ADJF"
    return given(k) and (named_next or _surname(ws, k + 1, language)) or given(k - 1)


def _surname(ws: list[Word], j: int, language: str) -> bool:
    if j >= len(ws) or not ws[j].text[0].isupper():
        return False
    readings = parses(ws[j].text.lower().translate(_APOSTROPHES), language)
    return any(not _PEOPLE.isdisjoint(p.tag.grammemes) for p in readings[:2])


@functools.lru_cache(maxsize=4096)
def english(phrase: str, language: str = "") -> str:
    """A claimant's or attacker's phrase with its Cyrillic words glossed, lower case ("голова
    Харківської ОВА" -> "head харківська administration"); English phrases come back lower-cased.
    ``language``: that of the sentence the phrase is from, for a phrase whose letters do not tell."""
    if not _CYRILLIC.search(phrase):
        return phrase.lower()  # as the English rules always read it
    low = phrase.lower().translate(_APOSTROPHES)
    said = detect(phrase, language)
    language = said if said != "en" else "uk"
    return " ".join(_gloss_word(w.text, language)[0] for w in words(low))


def read_slavic(text: str, clause: Sentence, forms: list[str]) -> None:
    """What Slavic word order says that the English readers miss: casualties with the number
    after the verb, the speaker after the verb, "перевірити не вдалося"."""
    if clause.weak and not clause.strong and not clause.weapons \
            and _attributive(clause, forms, _lang_of(clause)):
        clause.weak = False
    if clause.strong or clause.weak or clause.weapons:
        killed, injured = _casualties(text, clause, forms)
        if killed is not None or injured is not None:
            clause.killed, clause.injured = killed, injured
    if not clause.claimant:
        _claim_after_verb(text, clause)
    if not clause.verification and ("verify" in clause.low or "confirm" in clause.low):
        at = [j for j, w in enumerate(clause.low) if w in ("verify", "confirm")]
        if any(w in cues.NEGATORS for j in at for w in clause.low[max(0, j - 4):j + 4]):
            clause.verification = "unverified"


def _sentence_break(text: str, a: Word, b: Word) -> bool:
    gap = text[a.end:b.start]
    return any(c in gap for c in ".;:!?()")


def _counted(clause: Sentence, forms: list[str], i: int) -> int | None:
    """The number at word i if it counts people (not "12 років", "5 будинків", "17 лютого")."""
    w = clause.low[i]
    if not w.isdigit() or len(w) > 5 or "-" in clause.words[i].text:
        return None
    nxt = clause.low[i + 1] if i + 1 < len(clause.low) else ""
    if nxt in cues.MONTHS or nxt in cues.WEAPON_WORDS or nxt in cues.ATTACK_COUNT_NOUNS \
            or nxt in DISTANCE_WORDS or (i + 1 < len(forms) and forms[i + 1] in cues.SLAVIC_NOT_COUNTED):
        return None
    return int(w)


def _casualties(text: str, clause: Sentence, forms: list[str]) -> tuple[int | None, int | None]:
    written = [w.text.lower() for w in clause.words]
    found: dict[str, int] = {}
    used: set[int] = set()
    marks = [j for j, f in enumerate(forms) if f in cues.SLAVIC_CASUALTIES]
    for j in marks:
        kind = cues.SLAVIC_CASUALTIES[forms[j]]
        before = {*forms[max(0, j - 2):j], *written[max(0, j - 2):j]}
        if not cues.SLAVIC_NONE_BEFORE.isdisjoint(before) or (
                j + 1 < len(forms) and {forms[j + 1], written[j + 1]} & cues.SLAVIC_NONE_AFTER):
            found.setdefault("killed", 0)
            found.setdefault("injured", 0)  # "без жертв", "загиблих немає": nobody
            continue
        n = _total(clause, forms, j) if j > 0 and forms[j - 1] in cues.SLAVIC_TOTALS else None
        if n is None and j > 0 and j - 1 not in used:
            n = _counted(clause, forms, j - 1)  # "троє загиблих": the number right before
            used.add(j - 1)
        if n is None:
            n = _number_near(text, clause, forms, j, marks, used)
        if n is not None:
            found[kind] = found.get(kind, 0) + n
        elif _one_person(clause, forms, j):
            found[kind] = found.get(kind, 0) + 1
    return found.get("killed"), found.get("injured")


def _total(clause: Sentence, forms: list[str], j: int) -> int | None:
    """"кількість загиблих зросла до 55": the number after "до"."""
    for k in range(j + 1, len(forms) - 1):
        if clause.low[k] == "to" and (n := _counted(clause, forms, k + 1)) is not None:
            return n
    return None


def _attributive(clause: Sentence, forms: list[str], language: str) -> bool:
    """Whether every casualty word is an attribute of a thing ("в поддержку пострадавших семей"),
    not a report of casualties."""
    marks = [j for j, f in enumerate(forms) if f in cues.SLAVIC_CASUALTIES]
    for j in marks:
        if j + 1 >= len(forms) or forms[j + 1] in cues.SLAVIC_PERSONS \
                or forms[j + 1] in cues.SLAVIC_NONE_AFTER:
            return False
        readings = parses(clause.words[j + 1].text.lower(), language)
        if not readings or readings[0].tag.POS != "NOUN" \
                or _first_pos(clause.words[j].text.lower(), language) not in ("ADJF", "PRTF"):
            return False
    return bool(marks)


def settle_roles(text: str, clause: Sentence, idx: PlaceIndex) -> None:
    """Roles the English rules give by English word order, read again for Slavic order: a place
    before ", повідомив мер" is no speaker ("ранил жителя Горловки, сообщил мэр"); a place across
    the border attacked without a preposition ("обстреляли Рыльск") is a site."""
    if not clause.is_event:
        return
    for m in clause.mentions:
        if m.role == "actor" and text[m.end:m.end + 1] == "," and m.region is None \
                and all(p >= 0 and idx.country[p] == "UA" for p in m.places):
            m.role = "site"
        elif m.role == "context" and m.region is None and not m.admin_word \
                and not any(o.role == "site" for o in clause.mentions) \
                and any(map(idx.near_ukraine, m.places)):  # measured last: a search of all settlements
            m.role = "site"


def _number_near(text: str, clause: Sentence, forms: list[str], j: int, marks: list[int],
                 used: set[int]) -> int | None:
    """The count of a casualty word at j: the nearest number after it ("загинули двоє"), else
    before it ("двоє людей загинули"), neither past a full stop nor past another casualty word."""
    ws = clause.words
    for step in (1, -1):
        k = j + step
        while 0 <= k < len(ws) and abs(k - j) <= MAX_GAP_WORDS and k not in marks \
                and not _sentence_break(text, *(sorted((ws[k], ws[k - step]), key=lambda w: w.start))):
            if k not in used and (n := _counted(clause, forms, k)) is not None:
                used.add(k)
                return n
            if step == 1 and forms[k] in cues.SLAVIC_PERSONS:
                break  # "загинула жінка, ще двоє поранені": the woman is the count
            k += step
    return None


def _one_person(clause: Sentence, forms: list[str], j: int) -> bool:
    """"загинула жінка", "поранено чоловіка", "загинув": one person without a number."""
    near = forms[max(0, j - 2):j + 3]
    if any(f in cues.SLAVIC_PERSONS for f in near):
        people = [f for f in near if f in cues.SLAVIC_PERSONS]
        k = forms.index(people[0], max(0, j - 2))
        return singular(clause.words[k].text, _lang_of(clause))
    return clause.low[j] in ("killed", "wounded", "injured") \
        and singular(clause.words[j].text, _lang_of(clause)) \
        and clause.words[j].text.lower().endswith(("в", "ла", "л", "ся", "сь"))


def _lang_of(clause: Sentence) -> str:
    return clause.language if clause.language != "en" else "uk"


def _claim_after_verb(text: str, clause: Sentence) -> None:
    """"Про це повідомив голова ОВА Олег Синєгубов", "заявили в Генштабі": the speaker after the verb."""
    ws, low = clause.words, clause.low
    for j, w in enumerate(low):
        if w not in cues.SPEECH_VERBS or j + 1 >= len(ws) or _sentence_break(text, ws[j], ws[j + 1]):
            continue
        first = j + 1
        while first < len(ws) and low[first] in ("in", "on", "from"):
            first += 1
        last = first
        while last + 1 < len(ws) and last - first < 7 and not _sentence_break(text, ws[last], ws[last + 1]) \
                and "," not in text[ws[last].end:ws[last + 1].start] and low[last + 1] != "that":
            last += 1
        span = range(first, last + 1)
        if first < len(ws) and any(ws[k].text[0].isupper() or low[k] in cues.CLAIMANT_NOUNS for k in span):
            clause.claimant = text[ws[first].start:ws[last].end].strip(" \"'“”«»")
            return
