"""Reading a query text into mentions: the gazetteer names it holds, and what each one is.

The text is cut into clauses and words; the longest word runs that are gazetteer names (or, where
the words around say "place", a typing slip or an adjective of one: :mod:`geomap.geocoding.fuzzy`) become
:class:`QueryMention` objects. A mention followed by "region", "oblast", "district", "raion" ...
carries that *admin word* and is a hint; so is a town the place is measured from ("20 km from
Kramatorsk": :data:`REFERENCE`); the others are the places asked about. Decimal coordinates
written in a text are read by :func:`written_points`.

>>> from geomap.geocoding.lookup import default_index
>>> [(m.text, m.admin_word) for m in mentions(default_index(), "Oktyabrske, 20 km from Kramatorsk")]
[('Oktyabrske', ''), ('Kramatorsk', 'near')]
"""
from __future__ import annotations

import dataclasses
import re
import warnings
from dataclasses import dataclass

import numpy as np
from geopy.point import Point
from rapidfuzz.distance import OSA  # optimal string alignment: edits incl. swapped neighbours

from geomap.errors import InputError
from geomap.geocoding.fuzzy import FORMER_CENTRE_POP, prefix_places, typo_places, unit_adjective
from geomap.geocoding.index import PlaceIndex, derived_table
from geomap.geocoding.names import (
    ADMIN_WORDS,
    DISTANCE_WORDS,
    DISTRICT_WORDS,
    NAME_TAILS,
    QUALIFIERS,
    SETTLEMENT_WORDS,
    STREET_WORDS,
    UNIT_WORDS,
    WATER_WORDS,
    name_key,
    spelling_key,
)
from geomap.geocoding.weights import RAION_KM
from geomap.spatial.crs import distance_km, distances_km

__all__ = [
    "AIRPORT_WORDS", "DIRECTION_WORDS", "HINT", "LANDMARK_WORDS", "PLANT_WORDS", "QUERY_MEMO", "REFERENCE",
    "SIDE_WORDS", "TOWN_WORDS", "QueryMention", "landmark_reading", "mentions", "plain_place",
    "query_mentions", "query_point", "reference_town", "stated_offset", "unit_like", "written_points",
]

MAX_SPAN_WORDS = 5  # "Velyka Novosilka", "Luhansk People's Republic": names are short
QUERY_MEMO = 100_000  # query texts whose mentions are kept (~450 bytes each: at most ~45 MB)
HINT = "hint"  # admin word of mentions from the ``hint`` argument
# a front sector named after a town
DIRECTION_WORDS = frozenset({"direction", "directions", "sector", "axis"})
AIRPORT_WORDS = frozenset({"airport", "airfield", "aerodrome", "airbase"})
AIRPORT_KM = 30.0
# "Zaporizhzhia NPP", "... nuclear power plant", "... AES": the nuclear power plant named after
# the town (or oblast) before the word, which the gazetteer indexes as "<name> NPP".
PLANT_WORDS = frozenset({"npp", "nuclear", "aes", "nps"})
# Words that call the place after them a town, not a village ("the town of Krasnyi Luch").
TOWN_WORDS = frozenset({"town", "city", "smt", "pgt"})
# Words before a name that say it is a place (a settlement word, "near"): a capitalised word
# after them that is no known name gets a try with names one typing slip away ("near Ilvoaisk").
TYPO_CUES = SETTLEMENT_WORDS | {"near", "outside"}
# Words saying the name next to them is a height (kind "landmark": "Savur-Mohyla height", "Saur-Mogila
# mound", "Mount Karachun"); without one a landmark counts only where no other place has its name.
LANDMARK_WORDS = frozenset({"hill", "hills", "height", "heights", "mound", "mount", "mountain", "monument",
                            "memorial"})
# "Kirovsky district of Donetsk": a city district (GeoNames section of a populated place, PPLX)
# within CITY_DISTRICT_KM of the city named. Reports (and UCDP) place an event in a district at
# the city itself; only a district further than CITY_CORE_KM from the city's point, a town of its
# own before the city grew over it (Petrovskyi in Donetsk), is placed at its own point.
CITY_DISTRICT_KM = 25.0
CITY_CORE_KM = 12.0
CITY_MIN_POP = 20_000  # a town this big, or an oblast or raion centre, has districts
# A town named after the place as the point it is measured from ("Oktyabrske, 20 km from
# Kramatorsk", "Golmovsky in the north of Gorlovka", "Andreevka near Slavyansk") is no place asked about
# but a hint as strong as a raion's (admin word REFERENCE), within the distance stated plus
# REFERENCE_SLACK_KM (reports round, and measure from a town's edge or along roads).
REFERENCE = "near"
SIDE_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                        "southeastern", "southwestern", "outskirts", "outskirt", "suburb", "suburbs"})
REFERENCE_SLACK_KM = 10.0
# A long word that is no name and no slip of one may be a name cut short ("Chervonogryhoriv of the
# Nikopol district"): the last resort then tries the names it begins.
PREFIX_MIN_CHARS = 10
KM_PER_MILE = 1.609

_CLAUSE = re.compile(r"[;,()\[\]{}/|\n\r\t:!?]+|\s[-–—]\s|\.(?:\s|$)")
_SPACED_HYPHEN = re.compile(r"([^\W\d_]+) [-–] ([^\W\d_]+)")  # "Orlovo - Ivanivka" (see _joined)
# "Krasnaya (Chervona) Polyana" (see _unbracketed)
_BRACKETED_WORD = re.compile(r"([^\W\d_]+) \(([^\W\d_]+)\) ([^\W\d_]+)")
# Letters only: "Zolote-4" (a numbered part of a town) is Zolote.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`´-][^\W\d_]+)*")
# "30km south-west of", "5 miles north of", "20 km northeast from": a distance and a direction
_STATED_OFFSET = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet(?:er|re)s?|mi(?:les?)?)\s+(?:to\s+the\s+)?"
                            r"(north|south)?(?:[\s-]?(east|west))?(?:ern)?\s+(?:of|from)\b", re.IGNORECASE)
_STATED_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet(?:er|re)s?|mi(?:les?)?)\b",
                        re.IGNORECASE)  # "20 km", "9km"
# "47.3816, 33.7178": decimal latitude and longitude, at least three decimals each.
COORDINATES = re.compile(r"(?<![\d.])(\d{2}\.\d{3,})\s*[,;/ ]\s*(\d{2}\.\d{3,})(?![\d.])")


@dataclass
class QueryMention:
    """A gazetteer name read in a query, with the places it may be and what the words around say."""

    text: str  # as written
    places: dict[int, int]  # place row (negative: region) -> best match level (see ranking.W_LEVEL)
    admin_word: str  # "region", "district", ... following the name, or ""
    key: str = ""  # strict key of the text, when known
    clause: int = 0  # number of the clause it is in (see _CLAUSE)
    before: str = ""  # key of the word before it in its clause ("" at the clause start)
    city: bool = False  # the city of a district named before it ("Kirovsky district in Donetsk")
    radius: float = RAION_KM  # as a hint: the place asked about is within this many km of it
    town: bool = False  # written as a town or city ("the town of X", "the urban-type settlement of X")
    # As a reference with a distance and a direction ("28 km south-west of Donetsk"): how far and
    # which way (degrees from north) the place asked about lies from it.
    offset: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        self.lowest = min(self.places)  # regions have negative ids; foreign places come last

    def reading(self) -> str:
        """The key :func:`geomap.geocoding.ranking.ranked` memoises this mention's ranking under."""
        return self.key or name_key(self.text)


def query_mentions(idx: PlaceIndex, text: str) -> list[QueryMention]:
    """:func:`mentions` of a query text, memoised per text: geocoder users and reports look
    the same names up again and again (and lookup never changes a mention)."""
    memo = idx.memo("queries", QUERY_MEMO)
    found = memo.get(text)
    if found is None:
        found = memo.keep(text, mentions(idx, text))
    return found


def plain_place(idx: PlaceIndex, text: str) -> str:
    """The strict key of a query that is one name of gazetteer places and nothing else (most
    lookups), "" for any other query (a region's name too): such a query needs no
    :class:`QueryMention`. Memoised per text in a dict of strings, which the garbage collector
    does not track: a first pass over many names spent a fifth of its time in full collections
    over the QueryMention lists of :func:`query_mentions`."""
    memo = idx.memo("plain", QUERY_MEMO)
    key = memo.get(text)
    if key is None:
        key = _one_name(idx, text)
        if key and min(landmark_reading(idx, key, "", "")[0]) < 0:
            key = ""
        memo.keep(text, key)
    return key


def _one_name(idx: PlaceIndex, text: str) -> str:
    """The strict key of ``text`` when the whole text is one gazetteer name, else ""."""
    key = name_key(text)
    if key in idx.strict and not _CLAUSE.search(text) and key.split(" ", 1)[0] not in QUALIFIERS:
        return key
    return ""


def mentions(idx: PlaceIndex, text: str) -> list[QueryMention]:
    """Gazetteer names in ``text``, longest first, left to right, clause by clause.

    >>> from geomap.geocoding.lookup import default_index
    >>> [(m.text, m.admin_word) for m in mentions(default_index(), "Pobeda village, Novoaidarskyi district")]
    [('Pobeda', ''), ('Novoaidarskyi', 'district')]
    """
    key = _one_name(idx, text)
    if key:
        # The whole query is one name (most lookups): what the general scan would find.
        return [QueryMention(text, landmark_reading(idx, key, "", "")[0], "", key)]
    if " - " in text or " – " in text:
        text = _SPACED_HYPHEN.sub(lambda m: _joined(idx, m), text)
    if ") " in text:
        text = _BRACKETED_WORD.sub(lambda m: _unbracketed(idx, m), text)
    found: list[QueryMention] = []
    waters: list[QueryMention] = []  # names of rivers and lakes, named after their towns
    for c, clause in enumerate(_CLAUSE.split(text)):
        words = _WORD.findall(clause)
        if not words:
            continue
        keys = [name_key(w) for w in words]
        # In a sentence-cased description a place name starts with a capital; in a
        # lower-case query ("Near donetsk") any word may start one.
        cased = any(w[0].isupper() for w in words[1:])
        i = 0
        while i < len(words):
            hit = None
            nxt = keys[i + 1] if i + 1 < len(keys) else ""
            if keys[i] and keys[i] not in QUALIFIERS and keys[i] not in STREET_WORDS \
                    and (not cased or not words[i][0].islower()):
                # A cased name does not run over a lower-case word: "Izyum in Kharkiv".
                longest = next((n for n in range(1, min(MAX_SPAN_WORDS, len(words) - i))
                                if cased and words[i + n][0].islower() and keys[i + n] not in NAME_TAILS),
                               min(MAX_SPAN_WORDS, len(words) - i))
                for n in range(longest, 0, -1):
                    span_key = " ".join(k for k in keys[i:i + n] if k)
                    places, span_key = landmark_reading(idx, span_key, keys[i - 1] if i else "",
                                                        keys[i + n] if i + n < len(keys) else "")
                    if places:
                        hit = n, places, span_key
                        break
                if hit is None and nxt in DIRECTION_WORDS and "-" in words[i]:
                    # "the Svatovo-Kremenskoye direction": a sector named after two towns, at the first.
                    first = name_key(words[i].split("-")[0])
                    places = idx.find(first) if first else {}
                    hit = (1, places, first) if places else None
                if nxt in ADMIN_WORDS and (hit is None or (hit[0] == 1 and not unit_like(idx, hit[1]))):
                    # "Novoaydarsky district": a raion written as an adjective of its centre, also
                    # where the adjective is a village's name too ("Pereval'skiy": Perevalske).
                    places = unit_adjective(idx, keys[i])
                    hit = (1, places, keys[i]) if places else hit
                if words[i][0].isupper() and (nxt in SETTLEMENT_WORDS or (i and keys[i - 1] in TYPO_CUES)
                                              or _airport_word(nxt)) \
                        and (hit is None or (hit[0] == 1 and _units_only(idx, hit[1]))):
                    # "Iloviaks town", "near Ilvoaisk": a word that the words around say is a
                    # place, mistyped; "Luhanks airport": no oblast has an airport.
                    places = typo_places(idx, words[i])
                    hit = (1, places, keys[i]) if places else hit
            if hit is None:
                i += 1
                continue
            n, places, span_key = hit
            nxt = keys[i + n] if i + n < len(keys) else ""
            facility = (_airport_near(idx, places) if _airport_word(nxt)
                        else _plant_of(idx, span_key) if nxt in PLANT_WORDS else {})
            if facility:  # "Donetsk airport", "Zaporizhzhia nuclear power plant": the facility, not the town
                places, span_key = facility, f"{span_key} {nxt}"
            if nxt in WATER_WORDS:  # "Oskol River": the place only when the text names no other
                waters.append(QueryMention(" ".join(words[i:i + n]), places, "", span_key, c,
                                           keys[i - 1] if i else ""))
            elif nxt not in STREET_WORDS and nxt not in UNIT_WORDS:  # "Sovetskaya Street", "Vostok battalion"
                after = keys[i + n + 1] if i + n + 1 < len(keys) else ""
                role = _role(idx, places, nxt, after)
                radius = None if role else _reference_radius(keys, i, clause)
                if radius:
                    asked = [m for m in found if m.admin_word == "" and m.lowest >= 0]
                    if not asked or not _within(idx, asked[-1].places, reference_town(idx, places),
                                                radius + RAION_KM):
                        radius = None  # no place asked about near it: the town is the best place known
                found.append(QueryMention(" ".join(words[i:i + n]), places, REFERENCE if radius else role,
                                          span_key, c, keys[i - 1] if i else "", radius=radius or RAION_KM,
                                          town=_says_town(keys, i, n),
                                          offset=stated_offset(clause) if radius else None))
            i += n
    found = _city_districts(idx, found)
    if not any(m.admin_word == "" and m.lowest >= 0 for m in found):
        # Nothing but administrative names: maybe the place itself was mistyped, or only
        # named with its river ("Kakhovka reservoir").
        found = (waters or _typo_mentions(idx, text, {m.text for m in found})) + found
    return found


def _joined(idx: PlaceIndex, m: re.Match) -> str:
    """"Orlovo - Ivanivka": a hyphenated name typed with spaces around the hyphen, which would
    otherwise end a clause, is one name when the gazetteer knows it."""
    joined = f"{m[1]}-{m[2]}"
    return joined if name_key(joined) in idx.strict else m[0]


def _unbracketed(idx: PlaceIndex, m: re.Match) -> str:
    """"Krasnaya (Chervona) Polyana": a two-word name with its first word also given in the
    other language, in brackets, is that name when the gazetteer knows it; otherwise the
    brackets stay (and end a clause)."""
    for name in (f"{m[1]} {m[3]}", f"{m[2]} {m[3]}"):
        if name_key(name) in idx.strict:
            return name
    return m[0]


def _says_town(keys: list[str], i: int, n: int) -> bool:
    """Whether the words before the name at keys i..i+n call it a town or city: "the town of X",
    "the urban-type settlement of X", "smt X". ("X town" after the name does not: UCDP's
    descriptions write it after villages too.)

    >>> keys = [name_key(w) for w in "the urban-type settlement of Panteleimonovka".split()]
    >>> _says_town(keys, 4, 1), _says_town(keys[3:], 1, 1)
    (True, False)
    """
    if i >= 1 and keys[i - 1] in ("smt", "pgt"):
        return True
    if i >= 2 and keys[i - 1] == "of":
        return (keys[i - 2] in TOWN_WORDS
                or (keys[i - 2] == "settlement" and i >= 3 and "urban" in keys[i - 3]))
    return False


def _city_districts(idx: PlaceIndex, found: list[QueryMention]) -> list[QueryMention]:
    """Mentions with each "X district of/in <city>" read as that city's district X (the
    nearest section of the city of that name), when it has one: a hint at the district's
    point for the city asked about, or, for a district far from the city's centre
    (:data:`CITY_CORE_KM`), the place asked about, the city then saying only its oblast.

    >>> from geomap.geocoding.lookup import default_index
    >>> idx = default_index()
    >>> [(m.text, m.admin_word) for m in mentions(idx, "Petrovsky district in the west of Donetsk")]
    [('Petrovsky', ''), ('Donetsk', 'hint')]
    >>> [(m.text, m.admin_word) for m in mentions(idx, "Kirovsky district of Donetsk")]
    [('Kirovsky', 'district'), ('Donetsk', '')]
    """
    out = list(found)
    for k, m in enumerate(found[:-1]):
        city_mention = found[k + 1]
        if m.admin_word != "district" or city_mention.admin_word or city_mention.clause != m.clause:
            continue
        cities = [p for p, level in city_mention.places.items() if level == 0 and p >= 0
                  and idx.kind[p] == "settlement" and idx.country[p] == "UA"
                  and (idx.fcode[p] in ("PPLC", "PPLA", "PPLA2") or idx.population[p] >= CITY_MIN_POP)]
        if not cities:
            continue
        city = max(cities, key=idx.prior.__getitem__)
        km = {p: distance_km(idx.lon[city], idx.lat[city], idx.lon[p], idx.lat[p]) for p in m.places
              if p >= 0 and idx.fcode[p] == "PPLX"}
        near = [p for p, d in km.items() if d <= CITY_DISTRICT_KM]
        if not near:
            continue
        district = min(near, key=lambda p: (m.places[p], km[p]))
        places = {district: m.places[district]}
        key = f"{m.key} district of {city_mention.key}"  # a reading of its own (ranked() memoises by key)
        if km[district] > CITY_CORE_KM:
            out[k] = QueryMention(m.text, places, "", key, m.clause, m.before)
            out[k + 1] = dataclasses.replace(city_mention, admin_word=HINT)
        else:
            out[k] = QueryMention(m.text, places, m.admin_word, key, m.clause, m.before)
            out[k + 1] = dataclasses.replace(city_mention, city=True)
    return out


def landmark_reading(idx: PlaceIndex, key: str, before: str, after: str) -> tuple[dict[int, int], str]:
    """The index's :meth:`~geomap.geocoding.lookup.PlaceIndex.find` read with the words around the name,
    and the key of that reading: only the heights (kind "landmark") when a word next to it says
    "hill", "height"... (the key then names the word); without such a word the heights only where
    no other place has the name, or where they match by name (not a spelling fold) and better than
    any other place ("Savur-Mohyla"), so a village is never read as the hill named after it.

    >>> from geomap.geocoding.lookup import default_index
    >>> idx = default_index()
    >>> hill, key = landmark_reading(idx, "savur mohyla", "", "height")
    >>> [(idx.name[p], idx.match(p, 0.0, [], "").precision) for p in hill if idx.admin1[p] == "05"]
    [('Hora Savur-Mohyla', 'site')]
    """
    places = idx.find(key)
    if key not in idx.landmark_keys:
        return places, key
    marks = idx.landmarks.intersection(places)
    word = after if after in LANDMARK_WORDS else before if before in LANDMARK_WORDS else ""
    if word:
        return {p: places[p] for p in marks}, f"{key} {word}"
    others = {p: level for p, level in places.items() if p not in marks}
    if not others and min(places.values()) <= 2:
        # No other place has the name in any spelling, and it spells the height's own name:
        # "Saur-Mohyla" is the mound.
        return places, key
    named = [places[p] for p in marks if places[p] < 2]
    if not named or min(others.values()) <= min(named):
        return others, key
    return places, key


def _airport_near(idx: PlaceIndex, places: dict[int, int]) -> dict[int, int]:
    """The airport nearest to the most likely town of ``places`` (within AIRPORT_KM), as
    a candidate set; empty when there is none."""
    towns = [p for p in places if p >= 0 and idx.kind[p] == "settlement"]
    if not towns:
        return {}
    town = max(towns, key=idx.prior.__getitem__)
    airports = idx.derived(_airports)
    dist = {q: distance_km(idx.lon[town], idx.lat[town], idx.lon[q], idx.lat[q]) for q in airports}
    near = min(dist, key=dist.get, default=None)
    return {near: 0} if near is not None and dist[near] <= AIRPORT_KM else {}


@derived_table
def _airports(idx: PlaceIndex) -> list[int]:
    return [q for q in range(idx.first_foreign) if idx.fcode[q] == "AIRP"]


def _plant_of(idx: PlaceIndex, key: str) -> dict[int, int]:
    """The nuclear power plant named after the place of strict ``key``, as a candidate set; empty
    when none is.

    >>> from geomap.geocoding.lookup import default_index
    >>> idx = default_index()
    >>> [idx.name[p] for p in _plant_of(idx, "zaporozhye")], _plant_of(idx, "donetsk")
    (['Zaporizhzhia Nuclear Power Plant'], {})
    """
    return {p: level for p, level in idx.find(f"{key} npp").items() if p >= 0 and idx.kind[p] == "poi"}


def _role(idx: PlaceIndex, places: dict[int, int], next_word: str, after: str) -> str:
    """The admin word that makes a mention a hint, or "" for a place asked about."""
    if next_word in DIRECTION_WORDS:
        return "direction"
    if next_word in ("district", "districts") and after in ("of", "in"):
        return "district"  # "Kievsky district of Kharkov": a part of the city named next
    if next_word not in ADMIN_WORDS:
        # A bare raion name ("Stepanivka, Shakhtarskyi") is context, not the place.
        units = all(p >= 0 and idx.kind[p] in ("raion", "oblast") for p in places)
        return "raion" if units else ""
    return next_word if unit_like(idx, places, former_centres=next_word in DISTRICT_WORDS) else ""


def unit_like(idx: PlaceIndex, places: dict[int, int], former_centres: bool = False) -> bool:
    """Whether a name followed by an admin word may name an administrative unit: a region,
    oblast or raion, the centre of one, or (``former_centres``: the word is "district" or
    "raion") a town big enough to have been a raion centre before the 2020 reform
    (:data:`geomap.geocoding.fuzzy.FORMER_CENTRE_POP`). In "Novopol region", Novopol being only a
    village, the word means "area"."""
    return any(p < 0 or idx.kind[p] in ("oblast", "raion") or idx.fcode[p] in ("PPLA", "PPLC", "PPLA2")
               or (former_centres and idx.kind[p] == "settlement" and idx.population[p] >= FORMER_CENTRE_POP)
               for p in places)


def reference_town(idx: PlaceIndex, places: dict[int, int]) -> int | None:
    """The town a reference point names (see REFERENCE): its best-known settlement of a
    name or spelling of its own; None when it names no settlement."""
    towns = [p for p, level in places.items() if p >= 0 and idx.kind[p] == "settlement"]
    return max(towns, key=lambda p: (places[p] in (0, 2), idx.prior[p]), default=None)


def _within(idx: PlaceIndex, places: dict[int, int], town: int | None, km: float) -> bool:
    """Whether any of ``places`` lies within ``km`` of the settlement ``town``."""
    if town is None:
        return False
    rows = np.array([p for p in places if p >= 0], dtype=np.intp)
    return bool((distances_km(idx.lon[town], idx.lat[town], idx.lon[rows], idx.lat[rows]) <= km).any())


def _units_only(idx: PlaceIndex, places: dict[int, int]) -> bool:
    """Whether all ``places`` are oblasts and raions (no settlement, site or region)."""
    return all(p >= 0 and idx.kind[p] in ("oblast", "raion") for p in places)


def _typo_mentions(idx: PlaceIndex, text: str, known: set[str]) -> list[QueryMention]:
    """Last resort for a text naming no known place: names one typing slip away
    ("Ilvoaisk", "Svitodarsk"), for capitalised words of five letters or more that are no
    part of a name found ("Donetsk" of "Donetsk oblast")."""
    known_words = {w for name in known for w in _WORD.findall(name)}
    for word in _WORD.findall(text):
        if word in known_words or (word[0].islower() and not text.islower()):
            continue
        places = typo_places(idx, word) or (_cut_short(idx, word) if len(word) >= PREFIX_MIN_CHARS else {})
        if places:
            return [QueryMention(word, places, "")]
    return []


def _cut_short(idx: PlaceIndex, word: str) -> dict[int, int]:
    """Settlements whose name begins with ``word`` spelled as written, transliteration aside
    ("Chervonogryhoriv": Chervonohryhorivka): loose keys alone fold every vowel, and
    "Shachastia" would begin "Sukhostav"."""
    start = spelling_key(name_key(word))
    return {p: level for p, level in prefix_places(idx, word).items()
            if spelling_key(name_key(idx.name[p])).startswith(start)}


def stated_offset(clause: str) -> tuple[float, float] | None:
    """(km, bearing) of "28 km south-west of Donetsk" in a clause: how far and which way a place
    lies from the town it is measured from; None without both a distance and a direction.

    >>> stated_offset("30km south-west of Donetsk"), stated_offset("5 miles north of Pisky")
    ((30.0, 225.0), (8.045, 0.0))
    >>> stated_offset("20 km from Kramatorsk") is None
    True
    """
    found = _STATED_OFFSET.search(clause)
    if found is None:
        return None
    km = float(found.group(1).replace(",", "."))
    km *= KM_PER_MILE if found.group(2).lower().startswith("mi") else 1.0
    north_south, east_west = (found.group(3) or "").lower(), (found.group(4) or "").lower()
    vertical = {"north": 0.0, "south": 180.0}.get(north_south)
    across = {"east": 90.0, "west": 270.0}.get(east_west)
    if vertical is None:
        return km, across
    if across is None:
        return km, vertical
    return km, (vertical + across) / 2 if north_south == "south" or east_west == "east" else 315.0


def _reference_radius(keys: list[str], i: int, clause: str) -> float | None:
    """The radius (km) around the name at word ``i`` of a clause (``keys``: its words' keys)
    within which the place named before it lies, when the words before the name make it the
    point that place is measured from; None when they do not.

    >>> words = "km north west of luhansk".split()
    >>> (_reference_radius(words, 4, "32km north-west of Luhansk"),
    ...  _reference_radius(["village", "of", "pisky"], 2, ""))
    (42.0, None)
    """
    before = keys[i - 1] if i else ""
    side = keys[i - 2].rsplit(" ", 1)[-1] if i > 1 else ""
    if not (before in ("outside", "near") or (before == "of" and side in SIDE_WORDS)
            or (before == "from" and not DISTANCE_WORDS.isdisjoint(keys[max(0, i - 4):i - 1]))):
        return None
    stated = _STATED_KM.search(clause)
    if stated is None:
        return RAION_KM
    km = (float(stated.group(1).replace(",", "."))
          * (KM_PER_MILE if stated.group(2).lower().startswith("mi") else 1.0))
    return max(RAION_KM, km + REFERENCE_SLACK_KM)


def _airport_word(word: str) -> bool:
    """Whether a word says "airport", also with one typing slip ("aiport").

    >>> _airport_word("aiport"), _airport_word("airfield"), _airport_word("support")
    (True, True, False)
    """
    return word in AIRPORT_WORDS or (len(word) >= 6 and any(
        OSA.distance(word, w, score_cutoff=1) <= 1 for w in AIRPORT_WORDS))


def _in_region(lat: float, lon: float) -> bool:
    """Inside the box of Ukraine and its neighbours that geomap's layers cover."""
    return 43.0 <= lat <= 54.0 and 20.0 <= lon <= 42.0


_COORDINATE_TEXT = re.compile(r"[\d\s.,;°º'′’\"″NSEWnsew+-]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def query_point(text: str) -> tuple[float, float] | None:
    """(lat, lon) of a query that is a coordinate pair and nothing else, in any form geopy reads
    ("50.45, 30.52", "48.0N 37.8E", "47°30′44″N 34°35′09″E"); None for any other query.

    Raises ValueError, saying so, for impossible coordinates and for a point outside the region
    geomap's layers cover.

    >>> query_point("47°30′44″N 34°35′09″E"), query_point("Kyiv"), query_point("48.5")
    ((47.51222, 34.58583), None, None)
    """
    if not _COORDINATE_TEXT.fullmatch(text) or len(_NUMBER.findall(text)) not in (2, 4, 6):
        return None  # two numbers, or degrees and minutes (and seconds) of each
    with warnings.catch_warnings():  # geopy warns of the values it then refuses
        warnings.simplefilter("ignore")
        try:
            point = Point.from_string(text)
        except ValueError as exc:
            if "range" not in str(exc):
                return None
            raise InputError(f"impossible coordinates {text.strip()!r}: {exc}") from None
    lat, lon = round(point.latitude, 5), round(point.longitude, 5)
    if point.altitude or not _in_region(lat, lon):
        swapped = " (is the order latitude, longitude?)" if _in_region(lon, lat) else ""
        raise InputError(f"coordinates {text.strip()!r} lie outside the area geomap covers "
                         f"(latitude 43 to 54, longitude 20 to 42){swapped}")
    return lat, lon


def written_points(text: str, start: int = 0, end: int | None = None) -> list[tuple[float, float, int, int]]:
    """Decimal "lat, lon" pairs written in ``text[start:end]`` inside the covered region, as
    (lat, lon, start, end).

    >>> written_points("a strike at 47.0951, 37.5413 was filmed")
    [(47.0951, 37.5413, 12, 28)]
    """
    found = []
    for point in COORDINATES.finditer(text, start, len(text) if end is None else end):
        lat, lon = float(point.group(1)), float(point.group(2))
        if _in_region(lat, lon):
            found.append((lat, lon, point.start(), point.end()))
    return found
