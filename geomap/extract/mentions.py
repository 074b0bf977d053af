"""Place mentions in a sentence and their roles.

:func:`find_mentions` finds gazetteer names among a sentence's capitalised words (longest first),
leaving out people ("Minister Dmytro Kuleba"), organisations ("Kyiv Post"), weapon names and
common words; spelling variants and the gazetteer's fuzzy reading count only where the words
around say "place". :func:`assign_roles` then tells what each mention is in the sentence:
``site``, ``origin``, ``reference``, ``actor``, ``admin`` or ``context`` (see :data:`ROLES`).

>>> from geomap.geocoding.lookup import default_index
>>> from geomap.extract.text import words
>>> from geomap.extract.sentence import Sentence, read_sentence
>>> s = "Moscow said its troops shelled Marinka from Donetsk."
>>> ws = words(s)
>>> c = Sentence(0, 0, len(s), ws, [w.text.lower() for w in ws])
>>> c.mentions = find_mentions(s, c, default_index())
>>> read_sentence(s, c, None); assign_roles(s, c, default_index())
>>> [(m.text, m.role) for m in c.mentions]
[('Moscow', 'actor'), ('Marinka', 'site'), ('Donetsk', 'origin')]
"""
from __future__ import annotations

import functools
import re

from geomap.extract import cues
from geomap.extract.model import Mention, Sentence
from geomap.extract.sentence import CLAUSE_BREAK, break_between
from geomap.geocoding import query
from geomap.geocoding.fuzzy import spelled_alike
from geomap.geocoding.index import PlaceIndex, coordinates_match
from geomap.geocoding.names import (
    ADMIN_WORDS,
    DISTANCE_WORDS,
    DISTRICT_WORDS,
    NAME_TAILS,
    OBLAST_WORDS,
    QUALIFIERS,
    SETTLEMENT_WORDS,
    STREET_WORDS,
    UNIT_WORDS,
    WATER_WORDS,
    name_key,
)

__all__ = ["MIN_LOOSE_CHARS", "add_written_points", "assign_roles", "find_mentions"]

# What separates the items of a list of places: "X, Y", "X and Y", "X, and Y", "X or Y".
_LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?")
_PART_NUMBER = re.compile(r"(?<=[^\W\d_])-\d+$")  # "Zolote-4", "Vuhledar-2"
# Words between a distance and the town it is measured from ("20 km north of", "5 miles to the
# south-west of", "not far from"), besides the compass direction
_BETWEEN_DISTANCE_AND_TOWN = DISTANCE_WORDS | {"of", "from", "to", "the", "not"}
_SINGULAR_UNIT = {"regions": "region", "districts": "district", "oblasts": "oblast"}
_STATED_DISTANCE = re.compile(r"\d+(?:[.,]\d+)?(?:km|mi)")  # "50km" written as one word
MAX_NAME_WORDS = 5  # "Luhansk People's Republic": names are short
MIN_LOOSE_CHARS = 5  # spelling-variant matches of shorter words are mostly common words
# A fallback (phonetic or typo) reading may differ from the name by one slip, besides the
# transliteration and Russian-form differences; two from this many letters ("Iloviaks").
FALLBACK_LONG = 8
@functools.lru_cache(maxsize=16_384)
def _word_key(word: str) -> str:
    """:func:`name_key` of one written word, remembered: reports repeat their capitalised words
    ("The", "Russian", "Police", the places of the day) far more often than they bring new ones."""
    return name_key(word)


def _capitalised(word: str) -> bool:
    """Whether a word starts with a capital (names do; in Cyrillic too)."""
    return word[0].isupper()


def find_mentions(text: str, clause: Sentence, idx: PlaceIndex,
                  people: set[str] | None = None) -> list[Mention]:
    """Gazetteer names among the capitalised words of one sentence (longest first).

    ``people``: the surnames a report has named beside a given name or title so far ("Vyacheslav
    Chaus", then "Chaus said"); surnames found here are added to it."""
    ws, low = clause.words, clause.low
    keys: dict[int, str] = dict(enumerate(clause.name_keys))  # Ukrainian/Russian: nominatives

    def key(i: int) -> str:
        if i not in keys:
            keys[i] = _word_key(ws[i].text)
        return keys[i]

    found: list[Mention] = []
    i = 0  # the first word not read yet
    for start in [k for k, w in enumerate(ws) if w.text[0].isupper()]:  # capitalised (inline: hot loop)
        if start < i:
            continue
        i = start
        if _base(low[i]) in cues.NOT_PLACES or low[i] in QUALIFIERS or low[i] in cues.WEAPON_WORDS \
                or low[i] in cues.MEDIA or low[i] in cues.FUNCTION_WORDS:
            continue
        if _base(low[i]) in cues.CLUB_NAMES and (
                _base(low[i]) != low[i] or (i + 1 < len(ws) and low[i + 1] != low[i]
                                            and key(i + 1) in idx.strict
                                            and not break_between(text, ws[i], ws[i + 1]))):
            # "Shakhtar Donetsk", "Shakhtar's stadium": the club, and the town in its name with it
            i += 1 if _base(low[i]) != low[i] else 2
            continue
        hit = None
        limit = 1
        while limit < MAX_NAME_WORDS and i + limit < len(ws) \
                and (_capitalised(ws[i + limit].text) or low[i + limit] in NAME_TAILS) \
                and not break_between(text, ws[i + limit - 1], ws[i + limit]):
            limit += 1
        listed = bool(found) and _LIST_GAP.fullmatch(text, found[-1].end, ws[i].start) is not None
        for n in range(limit, 0, -1):
            k = " ".join(key(j) for j in range(i, i + n))
            last = ws[i + n - 1].text
            base = _base(last)  # "Russia's war", "Donetsk’s Kirov district", "Zolote-4"
            places = _accept(idx, k, text, clause, i, n, listed) or (base != last and _accept(
                idx, " ".join([*(key(j) for j in range(i, i + n - 1)), name_key(base)]),
                text, clause, i, n, listed))
            if places:
                hit = n, places
                break
        if hit is None:
            hit = _gazetteer_fallback(clause, i, limit, idx)
        if hit is not None and people is not None and _after_name_or_title(clause, i):
            people.add(" ".join(key(j) for j in range(i, i + hit[0])))
        if hit is None or _is_person_or_org(text, clause, i, hit[0], idx) \
                or _is_feature_name(clause, i, hit[0]) or (
                    people and " ".join(key(j) for j in range(i, i + hit[0])) in people
                    and (i == 0 or low[i - 1] not in cues.LOCATIVE_BEFORE)):
            i += hit[0] if hit else 1
            continue
        n, places = hit
        nxt = low[i + n] if i + n < len(low) else ""
        if nxt in ADMIN_WORDS and i + n + 1 < len(low) and low[i + n + 1] in cues.INSTITUTION_WORDS:
            nxt = ""  # "the Kalynivka district council" sits in the town of Kalynivka
        end = ws[i + n - 1].start + len(_base(ws[i + n - 1].text))
        # "the Novopol region", Novopol being only a village: the word means "area" (as the
        # geocoder reads it), and the village is the place.
        admin = nxt if nxt in ADMIN_WORDS and (nxt not in OBLAST_WORDS
                                               or query.unit_like(idx, places)) else ""
        if not admin and i >= 2 and low[i - 1] == "of" and low[i - 2] in OBLAST_WORDS \
                and not _capitalised(ws[i - 2].text) and _oblast_centre(idx, places):
            # (but "the Kuibyshev Region of Donetsk", capitalised, is a district of the city)
            admin = low[i - 2]  # "the captured southern region of Kherson": the oblast, not its centre
        m = Mention(text[ws[i].start:end], ws[i].start, end, places, admin, kind_word=_kind_word(low, i, n),
                    base=" ".join(key(j) for j in range(i, i + n)) if clause.name_keys else "")
        _mark_occupied(m, clause, i, idx)
        found.append(m)
        i += n
    _share_plural_unit_word(found, text, idx)
    return found


def _share_plural_unit_word(found: list[Mention], text: str, idx: PlaceIndex) -> None:
    """"Donetsk and Luhansk regions": the plural unit word after the last name of a list is every
    name's ("Donetsk region", not the village Donetskyi)."""
    for a, b in zip(found, found[1:]):
        plural = b.admin_word
        if plural in _SINGULAR_UNIT and not a.admin_word and not a.kind_word \
                and _LIST_GAP.fullmatch(text, a.end, b.start) is not None \
                and (_SINGULAR_UNIT[plural] not in OBLAST_WORDS or query.unit_like(idx, a.places)):
            a.admin_word = _SINGULAR_UNIT[plural]


def _oblast_centre(idx: PlaceIndex, places: dict[int, int]) -> bool:
    """Whether a name's own readings include an oblast centre or the capital."""
    return any(p >= 0 and level == 0 and idx.fcode[p] in ("PPLA", "PPLC") for p, level in places.items())


def _kind_word(low: list[str], i: int, n: int) -> str:
    """The settlement or landform word written right after the name at words i..i+n, or before
    it with "of", as written ("Zolote town", "Savur-Mohyla height"; "town of" for "the town of
    Krasnyi Luch", which says more than "X town": see geomap.geocoding.query.TOWN_WORDS), or ''."""
    after = low[i + n] if i + n < len(low) else ""
    if after in SETTLEMENT_WORDS or after in query.LANDMARK_WORDS or after in query.DIRECTION_WORDS \
            or after in query.AIRPORT_WORDS or after in query.PLANT_WORDS:
        # The geocoder reads them too ("Savur-Mohyla height", "Svatovo-Kremenskoye direction",
        # "Donetsk airport", "Zaporizhzhia nuclear power plant": the facility, not the town).
        return after
    if i >= 2 and low[i - 1] == "of" and low[i - 2] in SETTLEMENT_WORDS:
        return f"{low[i - 2]} of"
    return ""


def _base(word: str) -> str:
    """A word without a possessive ending or the number of a part of the place: "Russia's" ->
    "Russia", "Donetsk’s" -> "Donetsk", "Zolote-4" -> "Zolote" (Zolote's numbered mine
    settlements).

    >>> _base("Donetsk’s"), _base("Zolote-4"), _base("Vuhledar")
    ('Donetsk', 'Zolote', 'Vuhledar')
    """
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    return _PART_NUMBER.sub("", word)


def _accept(idx: PlaceIndex, key: str, text: str, clause: Sentence, i: int, n: int,
            listed: bool = False) -> dict[int, int]:
    """Places named ``key`` at words i..i+n of ``text``, or {} when the words are unlikely to be
    that name; ``listed``: the words follow another place in a list ("Prechistovka and
    Ilyinka"), which says "place" as a preposition does."""
    strict = idx.strict.get(key)
    if strict:
        return dict(strict)
    # Spelling variants ("Svetlichne" for Svitlychne) only where the words around say "place",
    # and never in capitals, which hide whether a word is a name ("KILLED IN" is no Koliadyn).
    # (The words around are asked first: they rule out most capitalised words at less cost.)
    before = clause.low[i - 1] if i > 0 else ""
    unit_after = _unit_follows(text, clause, i + n)
    if n == 1 and "-" not in clause.words[i].text and before not in cues.LOCATIVE_BEFORE \
            and not _place_word_follows(clause, i + n) and not listed and not unit_after:
        return {}  # a run of several capitalised words matching a name is evidence enough
    if len(key) < MIN_LOOSE_CHARS or _shouted(clause, i, n):
        return {}
    loose = idx.find(key)
    # The weakest match (a spelling of a former or other name: "Granite" for Hranitne) only
    # where a unit named next to it can tell its namesakes apart.
    max_level = 3 if unit_after or (i + n < len(clause.low) and clause.low[i + n] in ADMIN_WORDS) else 2
    return {p: lvl for p, lvl in loose.items() if lvl <= max_level}


def _place_word_follows(clause: Sentence, j: int) -> bool:
    """Whether word j says the name before it is a place ("Zolote town", "Luhansk Oblast"); not
    when it starts "village of ...", which names the place after it ("Offensive Widens village
    of Aleksandrovka")."""
    low = clause.low
    if j >= len(low) or low[j] not in cues.PLACE_FOLLOWERS:
        return False
    return not (low[j] in SETTLEMENT_WORDS and j + 1 < len(low) and low[j + 1] == "of")


def _unit_follows(text: str, clause: Sentence, j: int) -> bool:
    """Whether word j starts, after a comma, a capitalised unit name and its admin word
    ("Apostolovoe, Krivoy Rog district", "Chuguiev, Kharkiv region"): what comes before is
    then a place, as after a preposition.

    >>> from geomap.extract.text import words
    >>> s = "Apostolovoe, Krivoy Rog district"
    >>> ws = words(s)
    >>> _unit_follows(s, Sentence(0, 0, len(s), ws, [w.text.lower() for w in ws]), 1)
    True
    """
    ws, low = clause.words, clause.low
    if j == 0 or j >= len(ws) or "," not in text[ws[j - 1].end:ws[j].start]:
        return False
    for k in range(j + 1, min(j + 4, len(ws))):
        if low[k] in ADMIN_WORDS:
            return all(_capitalised(w.text) for w in ws[j:k])
    return False


def _shouted(clause: Sentence, i: int, n: int) -> bool:
    """Whether words i..i+n are all in capitals (a shouted headline), two letters or more each."""
    return all(len(w.text) > 1 and w.text.isupper() for w in clause.words[i:i + n])


def _gazetteer_fallback(clause: Sentence, i: int, limit: int,
                        idx: PlaceIndex) -> tuple[int, dict[int, int]] | None:
    """The gazetteer's own reading of a capitalised run the tables missed, where the words around
    say "place": adjectival districts ("Novoaydarsky district"), endings ("Troitsky village"), typos."""
    before = clause.low[i - 1] if i > 0 else ""
    after = clause.low[i + limit] if i + limit < len(clause.low) else ""
    if before not in cues.LOCATIVE_BEFORE and not _place_word_follows(clause, i + limit) \
            and after not in ADMIN_WORDS \
            or _shouted(clause, i, limit):
        return None
    words = [w.text for w in clause.words[i:i + limit]]
    # The word before goes in too: the gazetteer reads a slip after "near" ("near Ilvoaisk").
    around = ([before] if before in cues.LOCATIVE_BEFORE else []) + words + ([after] if after else [])
    found = query.mentions(idx, " ".join(around))
    found = [m for m in found if m.text.startswith(words[0])]
    if not found:
        return None
    n = len(found[0].text.split())
    # The gazetteer's phonetic reading drops every vowel difference; in running text only a
    # transliteration or Russian form of the name counts ("in Glotovo" is no Hlotivka).
    key = name_key(found[0].text)
    edits = 1 if len(key) < FALLBACK_LONG else 2
    # "Novoaydarsky district", "Krasnolymansk direction": an adjective, not a spelling.
    places = found[0].places if after in ADMIN_WORDS or after in query.DIRECTION_WORDS else {
        p: lvl for p, lvl in found[0].places.items()
        if lvl < 2 or spelled_alike(idx, p, key, edits, forms=True)}
    return (n, places) if n <= limit and places else None


def _is_person_or_org(text: str, clause: Sentence, i: int, n: int, idx: PlaceIndex) -> bool:
    """A name right after a title or given name, or before another capitalised non-place word."""
    ws, low = clause.words, clause.low
    before = low[i - 1] if i > 0 else ""
    if before in UNIT_WORDS:
        return True  # "the unit Azov", "battalion Aidar"
    if _after_name_or_title(clause, i):
        return True
    if n == 1 and low[i] in cues.GIVEN_NAMES:
        return True
    if i + n < len(ws):
        after = low[i + n]
        if after in UNIT_WORDS or (after in cues.ORG_WORDS and _capitalised(ws[i + n].text)):
            return True  # "Azov battalion", "Kyiv Post" (but "Uglegorsk post No. 3" is a checkpoint)
        settlement_of = i >= 2 and low[i - 1] == "of" and low[i - 2] in SETTLEMENT_WORDS
        if _capitalised(ws[i + n].text) and after not in cues.PLACE_FOLLOWERS and after not in QUALIFIERS \
                and not settlement_of \
                and not CLAUSE_BREAK.search(text, ws[i + n - 1].end, ws[i + n].start) \
                and after not in cues.NOT_PLACES and not idx.strict.get(_word_key(ws[i + n].text)) \
                and not (i + n + 1 < len(low) and low[i + n + 1] in ADMIN_WORDS) \
                and not _names_facility(clause, i + n):
            # "Dmytro Kuleba", "Shakhtar Donetsk" read left to right; but in "Uglegorsk
            # Artemivsky district" the next word is a raion's adjective, and "the village of
            # Pobeda Snezhnyanskaya" names a village (of Snizhne).
            return True
    return False


def _after_name_or_title(clause: Sentence, i: int) -> bool:
    """Whether the word before word i is a title or given name: "Minister Kuleba", "Mr Reznikov",
    "Dmytro Kuleba" (but "police chief Stakhanov town": a title in lower case)."""
    if i == 0:
        return False
    before = clause.low[i - 1]
    return (before in cues.TITLES and clause.words[i - 1].text[0].isupper()) or before in cues.HONORIFICS \
        or before in cues.GIVEN_NAMES


def _names_facility(clause: Sentence, j: int) -> bool:
    """Whether the capitalised words from word j on name a facility ("Avdiivka Coke and Chemical
    Plant", "Zaporizhzhia Nuclear Power Plant"): it stands in the town named before them."""
    for k in range(j, min(j + 5, len(clause.words))):
        if clause.low[k] in cues.FACILITY_WORDS:
            return True
        if not (_capitalised(clause.words[k].text) or clause.low[k] in ("and", "of")):
            return False
    return False


def _is_feature_name(clause: Sentence, i: int, n: int) -> bool:
    """A name that is part of a water body's, road's or mountain's: "Dnipro River", "Kakhovka
    reservoir", "Sea of Azov", "the Bakhmutka highway", "Mount Karachun".

    >>> from geomap.extract.text import words
    >>> ws = words("drones launched from the Sea of Azov")
    >>> _is_feature_name(Sentence(0, 0, 36, ws, [w.text.lower() for w in ws]), 6, 1)  # "Azov"
    True
    """
    low = clause.low
    after = low[i + n] if i + n < len(low) else ""
    return after in WATER_WORDS or after in cues.ROAD_WORDS or after in cues.FOREST_WORDS \
        or (i > 0 and low[i - 1] in cues.MOUNT_WORDS) \
        or (i >= 2 and low[i - 1] == "of" and low[i - 2] in WATER_WORDS) or _street_named_after(clause, i)


def _street_named_after(clause: Sentence, i: int) -> bool:
    """A name right after a Ukrainian or Russian street word ("вулиця Сергія Мельника", "на
    проспекте Мира", glossed "street", "avenue"): the street's, not a place's."""
    return clause.language != "en" and i > 0 and clause.low[i - 1] in STREET_WORDS


def _mark_occupied(m: Mention, clause: Sentence, i: int, idx: PlaceIndex) -> None:
    """"occupied (territory of the) Donbas" names the occupied part: use the gazetteer's alias."""
    window = clause.low[max(0, i - 4):i]
    if "occupied" in window:
        alias = idx.strict.get("occupied " + name_key(m.text), ())
        regions = {p: lvl for p, lvl in alias if p < 0}
        if regions:
            m.places, m.occupied = regions, True


def assign_roles(text: str, clause: Sentence, idx: PlaceIndex) -> None:
    if not clause.mentions:  # most sentences name no place
        return
    ws, low = clause.words, clause.low
    positions = {w.start: k for k, w in enumerate(ws)}
    starts = {positions[m.start] for m in clause.mentions}
    for m in clause.mentions:
        i = positions[m.start]
        last = next(k for k in range(i, len(ws)) if ws[k].end >= m.end)
        after = [w for w in low[last + 1:last + 4] if w not in cues.AUXILIARIES]
        before = low[max(0, i - 6):i]
        # Foreign when every place of the name is, or when it is a foreign capital's own name:
        # "Paris" is no Ukrainian village because one was called so once (but "Dzerzhynsk" is
        # still Toretsk, not the Russian town).
        own = [p for p, level in m.places.items() if level == 0] or list(m.places)
        foreign = all(p >= 0 and idx.country[p] != "UA" for p in m.places) or all(
            p >= 0 and idx.country[p] != "UA" and idx.fcode[p] == "PPLC" for p in own)
        region = m.region
        preposition = _governing_preposition(text, clause, i, starts)
        governed = bool(preposition)
        m.cues = governed + (not SETTLEMENT_WORDS.isdisjoint(low[max(0, i - 3):i] + after[:1])) + any(
            o.admin_word and 0 < o.start - m.end < 40 for o in clause.mentions)
        capital = not _capitals(idx).isdisjoint(m.places)
        if i == 0 and clause.index == 0 and m.text.isupper() and text[m.end:m.end + 1] == ",":
            # The dateline ("DNIPRO, June 3 (Wire) -") says where the report was written: a
            # landmark for the places it names, the site only when the sentence names no other
            # (and no more than context when the sentence names that town itself).
            again = any(o is not m and o.text.lower() == m.text.lower() for o in clause.mentions)
            m.role = "context" if again else "reference"
        elif _venue_route_or_destination(low, i, preposition):
            m.role = "context"
        elif clause.claimant and m.text in clause.claimant and preposition not in ("in", "at", "near"):
            m.role = "actor"  # part of who speaks ("the head of the Pokrovsk city military administration")
        elif after and after[0] in cues.DIRECTION_WORDS and any(
                o is not m and o.region is None and not o.admin_word for o in clause.mentions):
            # "In the Bakhmut direction, the enemy shelled X and Y", "near X in the Luhansk
            # sector": a front sector beside the places hit, not the town (named alone, the
            # sector is the place).
            m.role = "reference"
        elif (after and after[0] in cues.ACTOR_VERBS and not governed) \
                or (i > 0 and low[i - 1] in ("accused", "accuses", "blamed")):
            m.role = "actor"
        elif after and (after[0] in cues.ACTOR_NOUNS
                        or after[0] in ("government", "authorities", "officials")):
            m.role = "actor"  # "Kiev troops", "Moscow officials": the place stands for its side
        elif capital and ((text[m.end:m.end + 2] in ("'s", "’s")
                           and not (after and after[0] in cues.LOCATION_LINE_WORDS))
                          or (preposition == "to" and any(w in cues.TRANSFER_VERBS for w in low[:i]))):
            # "Kiev's shelling of ..." (but "Kyiv's suburbs"), "Germany will supply tanks to Kyiv"
            m.role = "actor"
        elif capital and not governed and not (after and (after[0] in cues.PASSIVE_SITE_VERBS
                                                          or after[0] in cues.PLACE_FOLLOWERS)):
            m.role = "actor"  # a capital named without "in/at/near" stands for its government
        elif foreign and not (clause.is_event and (governed or m.cues)
                              and any(map(idx.near_ukraine, m.places))):
            m.role = "context"  # Brussels, Washington; but "shelled the village of Shebekino" is a site
        elif region is not None and region.precision == "country":
            m.role = "context"  # "Ukraine" alone is never where an incident happened
        elif m.admin_word or _names_area_of(text, m, clause, idx):
            m.role = "admin"
        elif _measure(text, clause, m, i) or _unnamed_place_near(before, preposition) or (
                "near" in before[-4:] and not {"and", "or"} & set(before[-4:]) and preposition == "near"
                and any(o.role == "site" and o.region is None and o.cues and 0 < m.start - o.end < 40
                        and "near" in text[o.end:m.start].lower().split()
                        and not CLAUSE_BREAK.search(text, o.end, m.start) for o in clause.mentions)):
            m.role = "reference"  # "20 km north of Donetsk", "not far from X", "Petrivske near Volnovakha"
        elif preposition == "from" and clause.is_event:
            m.role = "origin"
        elif clause.is_event:
            m.role = "site"
        else:
            m.role = "context"
    sites = [m for m in clause.mentions if m.role == "site"]
    settlements = [m for m in sites if m.region is None and not _is_unit(m, idx)]
    if settlements:
        for m in sites:
            if m not in settlements:
                m.role = "admin"  # "Pisky, Donetsk oblast": the oblast qualifies the village
    elif not sites and clause.is_event:
        # "shelling 20 km north of Donetsk", "shelling in Donetsk region": the nearest named place
        fallback = [m for m in clause.mentions if m.role == "reference"] or sorted(
            (m for m in clause.mentions if m.role == "admin"),
            key=lambda m: m.admin_word not in DISTRICT_WORDS)
        if fallback:
            # of units, a raion before an oblast ("the Nikopol district of X region")
            fallback[0].role = "site"


def _measure(text: str, clause: Sentence, m: Mention, i: int) -> bool:
    """Whether a place is measured from the name at word i ("20 km north of Donetsk", "45km
    east of Kharkiv"); if so the mention keeps the phrase as a hint, and the place named
    right before it as where that place lies (which tells the geocoder how far and which way).

    >>> from geomap.extract.text import words
    >>> s = "mortars hit Prychepylivka, 50 kilometres north-west of Luhansk"
    >>> ws = words(s)
    >>> p = Mention("Prychepylivka", 12, 25, {})
    >>> m = Mention("Luhansk", s.index("Luhansk"), s.index("Luhansk") + 7, {})
    >>> c = Sentence(0, 0, len(s), ws, [w.text.lower() for w in ws], mentions=[p, m])
    >>> _measure(s, c, m, 7), m.measured_from, p.position
    (True, '50 kilometres north-west of Luhansk', '50 kilometres north-west of Luhansk')
    """
    low = clause.low
    for k in range(i - 1, max(-1, i - 6), -1):  # "95 km to the south of Donetsk"
        if low[k] not in DISTANCE_WORDS and not _STATED_DISTANCE.fullmatch(low[k]):
            if low[k] in _BETWEEN_DISTANCE_AND_TOWN or _compass(low[k]):
                continue
            break  # "30 km south-west of Donetsk, in Vodiane": the distance is another place's
        start = k - 1 if k > 0 and low[k - 1].replace(".", "").replace(",", "").isdigit() else k
        phrase_start = clause.words[start].start
        m.measured_from = text[phrase_start:m.end]
        measured = [o for o in clause.mentions if o.end <= phrase_start]
        if measured and text[measured[-1].end:phrase_start].strip(" ,(") == "":
            measured[-1].position = m.measured_from
        return True
    return False


def _venue_route_or_destination(low: list[str], i: int, preposition: str) -> bool:
    """Whether the name at word i is where people met or spoke ("a briefing in Kyiv"), an end of a
    journey ("a bus from Kramatorsk to Dnipro") or where people were taken ("evacuated to
    Zaporizhzhia", "buried in Dnipro"): named beside an attack, but not where it hit.

    >>> low = "a bus from kramatorsk to dnipro was hit near sloviansk".split()
    >>> [_venue_route_or_destination(low, i, p) for i, p in ((3, "from"), (5, "to"), (9, "near"))]
    [True, True, False]
    """
    if preposition in cues.TRANSIT_PREPOSITIONS:
        return True  # "missiles flew through Chernihiv oblast": a route, not a site
    if preposition in ("in", "at") and i >= 2 and low[i - 1] in ("in", "at") \
            and not cues.VENUE_WORDS.isdisjoint(low[max(0, i - 4):i - 1]):
        return True
    before = low[max(0, i - 8):i]
    if preposition in ("from", "to") and not cues.ROUTE_WORDS.isdisjoint(before):
        return True
    return preposition in ("to", "in") and not cues.DESTINATION_VERBS.isdisjoint(before[-4:])


def _compass(word: str) -> bool:
    """Whether a word is a compass direction ("north", "south-west", "northeastern").

    >>> _compass("south-west"), _compass("northeastern"), _compass("in")
    (True, True, False)
    """
    return all(part in query.SIDE_WORDS for part in word.replace("-", " ").split())


def _unnamed_place_near(before: list[str], preposition: str) -> bool:
    """Whether the words before a name say "a village near" it: the place hit is another one,
    unnamed, and the town only says where it is ("artillery fire on a village near Zaporizhzhia").

    >>> (_unnamed_place_near(["fire", "on", "a", "village", "near"], "near"),
    ...  _unnamed_place_near(["shelled"], ""))
    (True, False)
    """
    return preposition == "near" and len(before) >= 3 and before[-1] == "near" \
        and before[-2] in SETTLEMENT_WORDS and before[-3] in ("a", "one", "another")


def add_written_points(text: str, clause: Sentence, idx: PlaceIndex) -> None:
    """Coordinates written in an attack sentence ("hit at 47.0951, 37.5413", as OSINT posts
    give them) are its most precise site: the places named beside them become landmarks."""
    if not clause.is_event:  # asked first: most sentences are no attack, and the search costs more
        return
    points = query.written_points(text, clause.start, clause.end)
    if not points:
        return
    for m in clause.mentions:
        if m.role == "site":
            m.role = "reference"
    for lat, lon, start, end in points:
        m = Mention(text[start:end], start, end, {}, role="site", cues=2)
        m.match = coordinates_match(idx, lat, lon, m.text)
        clause.mentions.append(m)
    clause.mentions.sort(key=lambda m: m.start)


def _names_area_of(text: str, m: Mention, clause: Sentence, idx: PlaceIndex) -> bool:
    """"Komsomolske village, Donetsk": an oblast centre right after another place names its oblast
    (but "Shchastya, near Luhansk city" names the city). In a list ("Zhytomyr, Lviv and Ternopil",
    "towns across eastern Ukraine, Kharkiv among them") each city is a place of its own."""
    if m.kind_word:
        return False
    before = [o for o in clause.mentions if o.end <= m.start]
    if not before or not 0 < m.start - before[-1].end <= 12 or "," not in text[before[-1].end:m.start]:
        return False
    if before[-1].region is not None or _continues_list(text, m, clause) \
            or {"and", "or"} & set(text[before[-1].end:m.start].lower().split()):
        return False
    return any(p >= 0 and idx.fcode[p] in ("PPLA", "PPLC") for p in m.places)


def _continues_list(text: str, m: Mention, clause: Sentence) -> bool:
    """Whether another place follows the name as the next item of a list (", X", "and X", "or X").

    >>> s = "Blasts shook Zhytomyr, Lviv, and Ternopil"
    >>> ms = [Mention(n, s.index(n), s.index(n) + len(n), {}) for n in ("Zhytomyr", "Lviv", "Ternopil")]
    >>> c = Sentence(0, 0, len(s), [], [], mentions=ms)
    >>> _continues_list(s, ms[1], c), _continues_list(s, ms[2], c)
    (True, False)
    """
    after = [o for o in clause.mentions if o.start >= m.end]
    if not after or after[0].region is not None:
        return False
    between = text[m.end:after[0].start].replace(",", " ").split()
    return between in ([], ["and"], ["or"])


def _governing_preposition(text: str, clause: Sentence, i: int, starts: set[int]) -> str:
    """The preposition a name at word i depends on ("in Kyiv", "in Brussels and Washington",
    "from occupied areas of Donbas" -> "from"), or ''."""
    found = ""
    for k in range(i - 1, max(-1, i - 8), -1):
        if break_between(text, clause.words[k], clause.words[k + 1]) and clause.low[k] not in ("and", "or"):
            break
        w = clause.low[k]
        if w in cues.PLACE_PREPOSITIONS:
            return w
        if w == "of":
            found = found or "of"  # "territory of", "outskirts of": look for the preposition before
        elif clause.words[k].text[0].isupper() and k not in starts:
            break
    return found


def _is_unit(m: Mention, idx: PlaceIndex) -> bool:
    """Whether a mention's best reading is an oblast or raion rather than a settlement."""
    unit = False
    for p, lvl in m.places.items():
        if p >= 0 and lvl in (0, 2):
            if idx.kind[p] not in ("oblast", "raion"):
                return False  # a settlement among the best readings (most names: its first one)
            unit = True
    return unit


@functools.lru_cache(maxsize=4)
def _capitals(idx: PlaceIndex) -> frozenset[int]:
    """Gazetteer rows of capital cities (GeoNames PPLC): a handful, so that a mention's readings
    are tested against them in one set operation."""
    return frozenset(p for p, code in enumerate(idx.fcode) if code == "PPLC")
