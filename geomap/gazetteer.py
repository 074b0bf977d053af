"""The embedded Ukrainian gazetteer: load it, find candidates for a query, rank them with evidence.

A query is a name ("Stanytsia Luhanska", "Станиця Луганська") or a short location description as
reports write it ("near Blagodatne village, Amvrosievsky region Donetsk region"). The text is cut
into clauses and words; the longest word runs that are gazetteer names become *mentions*. A
mention followed by "region", "oblast", "district", "raion" ... is an administrative *hint*; the
first other mention is the place asked for. Its candidates (often dozens of villages of one name)
are ranked by how well the name matched, the hints (same oblast, near the named raion), the date
(conflict reports come from near the line of contact of that day), and size (population, feature
class, register category). Each candidate keeps the reasons for its score.

>>> best = lookup("Antonovka area, Kherson region")[0]
>>> best.name, best.oblast_iso, best.precision
('Antonivka', 'UA-65', 'settlement')
>>> lookup("Donbas")[0].precision
'region'
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pyproj
import shapely
from rapidfuzz.distance import OSA  # optimal string alignment: edits incl. swapped neighbours

from geomap import checks, cues, layers
from geomap.crs import GEOGRAPHIC_CRS, LENGTH_CRS
from geomap.names import ADMIN_WORDS, KEY_VERSION, QUALIFIERS, form_key, loose_key, name_key, spelling_key
from geomap.regions import REGIONS, Region, oblast_geometry, oblast_names, region_geometry  # noqa: F401 (oblast_geometry: part of this module's API)

MAX_QUERY_CHARS = 2_000  # longer input is a document, not a place description
MAX_SPAN_WORDS = 5  # "Velyka Novosilka", "Luhansk People's Republic": names are short
FIND_MEMO = 200_000  # candidate sets kept per key (the index never changes; bounded memory)
QUERY_MEMO = 100_000  # query texts whose mentions are kept (~450 bytes each: at most ~45 MB)
PREFIX_KEYS = 200  # names a prefix may stand for ("Stanytsia" -> "Stanytsia Luhanska"); more is no evidence
MIN_LOOSE_CHARS = 4  # loose keys shorter than this match too much to be evidence
# A typing slip is at most this many edits of the spelling (one for words under TYPO_LONG letters).
TYPO_EDITS = 2
TYPO_LONG = 7
CONFLICT_START = dt.date(2014, 4, 7)  # before this date there is no line of contact to be near
KM_PER_DEGREE = 111.2
NEAR_UKRAINE_KM = 250.0  # Belgorod, Kursk, Bryansk, Voronezh, Rostov, Gomel: within reach of cross-border fire
FOREIGN_UNIT = 1000  # foreign first-level units are numbered from here (Ukraine's codes are below 100)
OBLAST_WORDS = ("region", "oblast", "obl", "province", "hint")  # "<centre> region" = its oblast
HINT = "hint"  # admin word of mentions from the ``hint`` argument
DIRECTION_WORDS = frozenset({"direction", "directions", "sector", "axis"})  # a front sector named after a town
AIRPORT_WORDS = frozenset({"airport", "airfield", "aerodrome", "airbase"})
AIRPORT_KM = 30.0
DISTRICT_WORDS = frozenset({"district", "districts", "raion", "rayon"})
# Words saying the name next to them is a settlement ("Iloviaks town", "village of ...").
SETTLEMENT_WORDS = frozenset({"village", "town", "city", "settlement", "hamlet", "selo", "smt", "pgt"})
# Words before a name that say it is a place: a capitalised word after them that is no known
# name gets a try with names one typing slip away ("near Ilvoaisk").
TYPO_CUES = SETTLEMENT_WORDS | {"near", "outside"}
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "prospekt", "prospect", "lane", "square", "boulevard"})
# Words saying the name next to them is a height (kind "landmark": "Savur-Mohyla height", "Saur-Mogila
# mound", "Mount Karachun"); without one a landmark counts only where no other place has its name.
LANDMARK_WORDS = frozenset({"hill", "hills", "height", "heights", "mound", "mount", "mountain", "monument", "memorial"})

# Score weights. A hint agreeing or disagreeing outweighs every prior, so "Mykhailivka, Kherson
# region" never lands in Donetsk oblast however big that village is.
# By match level: the place's own name in any spelling (0), another name it had or GeoNames
# lists (1), the same two matched only after folding romanisation differences (2, 3).
W_LEVEL = (0.0, -0.35, -0.25, -0.6)
W_WEAKER = -0.5
LEVEL_REASON = ("name", "former or other name", "spelling variant", "spelling of a former or other name")
W_KIND = {"settlement": 0.0, "region": 0.2, "oblast": 0.0, "raion": -0.3, "poi": -0.2, "landmark": -0.5, "world": -0.8}
# A country named is the country ("Russia"), not a village one of its spellings folds to.
W_FCODE = {"PCLI": 1.0, "PPLC": 0.8, "PPLA": 0.7, "PPLA2": 0.2, "PPLA3": 0.05, "PPLX": -0.3, "PPLH": -0.4, "PPLQ": -0.4}
W_POP = 0.06  # per decade of population
W_SIZE_RANK = 0.05  # per register category step (village < selyshche < city)
W_OBLAST = 1.5  # in (+) or outside (-) the oblast named in the query or hint
W_RAION = 1.5  # inside the raion named as a hint (its centre within RAION_KM), else decaying
RAION_KM = 25.0
# "Kirovsky district of Donetsk": a city district (GeoNames section of a populated place, PPLX)
# within CITY_DISTRICT_KM of the city named. Reports (and UCDP) place an event in a district at
# the city itself; only a district further than CITY_CORE_KM from the city's point, a town of its
# own before the city grew over it (Petrovskyi in Donetsk), is placed at its own point.
CITY_DISTRICT_KM = 25.0
CITY_CORE_KM = 12.0
CITY_MIN_POP = 20_000  # a town this big, or an oblast or raion centre, has districts
LOCATIVE_WORDS = frozenset({"in", "of", "near", "outside", "from"})  # "X in Donetsk": Donetsk says where X is
# A town named after the place as the point it is measured from ("Oktyabrske, 20 km from
# Kramatorsk", "Golmovsky in the north of Gorlovka", "Andreevka near Slavyansk") is no place asked about
# but a hint as strong as a raion's (admin word REFERENCE), within the distance stated plus
# REFERENCE_SLACK_KM (reports round, and measure from a town's edge or along roads).
REFERENCE = "near"
SIDE_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                        "southeastern", "southwestern", "outskirts", "outskirt", "suburb", "suburbs"})
REFERENCE_SLACK_KM = 10.0
KM_PER_MILE = 1.609
W_CELL = 1.0  # nearer to the named raion's point than to any other raion's (see raion_of)
W_NEAR = 0.8  # near a town named beside the place (same distance rule as a raion)
W_LINE = 1.2  # near the line of contact on the report's date; decays with distance
LINE_KM = 25.0
LINE_SOURCE = "liveuamap"  # the control layer that spans the whole war (2014 on)
LINE_MEMO = 16  # snapshots whose per-place line distances are kept: at most 16 x len(index) floats (~4.6 MB)
# Until the first Minsk ceasefire the fighting also ran along the state border of Donetsk and
# Luhansk oblasts (border posts, Marynivka, Izvaryne), which the 2014 control layer does not
# draw as a line of contact: until then that border counts as front too.
BORDER_WAR_END = dt.date(2014, 9, 5)
DONBAS_ADMIN1 = ("05", "14")
BORDER_TOLERANCE_M = 200.0
MAX_TARGETS = 3  # places compared when a text names several
W_ORDER = 0.6  # how much better a later-named place must score than the first

PRECISION = {"settlement": "settlement", "poi": "site", "landmark": "site", "world": "settlement",
             "raion": "raion", "oblast": "oblast"}

_CLAUSE = re.compile(r"[;,()\[\]{}/|\n\r\t:!?]+|\s[-–—]\s|\.(?:\s|$)")
# Letters only: "Zolote-4" (a numbered part of a town) is Zolote.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`´-][^\W\d_]+)*")
# "47.3816, 33.7178": decimal latitude and longitude, at least three decimals each.
COORDINATES = re.compile(r"(?<![\d.])(\d{2}\.\d{3,})\s*[,;/ ]\s*(\d{2}\.\d{3,})(?![\d.])")
_LETTER = re.compile(r"[^\W\d_]")  # a query without letters names nothing
_STATED_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet(?:er|re)s?|mi(?:les?)?)\b", re.IGNORECASE)  # "20 km", "9km"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


@dataclass
class Match:
    """One ranked candidate: the place, its administrative context, score and reasons."""

    name: str
    latitude: float
    longitude: float
    precision: str
    score: float
    reasons: list[str]
    geonameid: int | None = None
    feature_code: str = ""
    name_uk: str = ""
    oblast_iso: str = ""
    oblast_name: str = ""
    raion: str = ""
    hromada: str = ""
    population: int = 0
    country: str = "UA"
    matched: str = ""
    region: Region | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        """Display name: place, raion, oblast (as much as is known)."""
        return address(self.name, self.raion, self.precision, self.oblast_name, self.country)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (what a Location's ``raw`` holds for this candidate)."""
        return _result_json(_place_json(self.__dict__), self.score, self.reasons, self.matched)


def address(name: str, raion: str, precision: str, oblast_name: str, country: str) -> str:
    """:attr:`Match.address` from those fields.

    >>> address("Pisky", "Pokrovsk Raion", "settlement", "Donetsk Oblast", "UA")
    'Pisky, Pokrovsk Raion, Donetsk Oblast'
    """
    parts = [name, raion if precision in ("settlement", "site", "coordinates") else "", oblast_name]
    if country != "UA":
        parts.append(country)
    return ", ".join(dict.fromkeys(filter(None, parts)))


def _result_json(place: dict[str, Any], score: float, reasons: list[str], matched: str) -> dict[str, Any]:
    """A candidate as JSON: its place (see :func:`_place_json`), then how it matched the query."""
    return {**place, "score": score, "reasons": reasons, "matched": matched}


def _place_json(fields: dict[str, Any]) -> dict[str, Any]:
    """The query-independent part of :meth:`Match.to_dict`, from a Match's fields."""
    return {
        "name": fields["name"], "name_uk": fields["name_uk"], "latitude": fields["latitude"],
        "longitude": fields["longitude"], "geonameid": fields["geonameid"], "feature_code": fields["feature_code"],
        "precision": fields["precision"], "oblast": {"iso": fields["oblast_iso"], "name": fields["oblast_name"]},
        "raion": fields["raion"], "hromada": fields["hromada"], "population": fields["population"],
        "country": fields["country"],
    }


@dataclass
class _Mention:
    text: str  # as written
    places: dict[int, int]  # place row (negative: region) -> best match level (see W_LEVEL)
    admin_word: str  # "region", "district", ... following the name, or ""
    key: str = ""  # strict key of the text, when known
    clause: int = 0  # number of the clause it is in (see _CLAUSE)
    before: str = ""  # key of the word before it in its clause ("" at the clause start)
    city: bool = False  # the city of a district named before it ("Kirovsky district in Donetsk")
    radius: float = RAION_KM  # as a hint: the place asked about is within this many km of it

    def __post_init__(self) -> None:
        self.lowest = min(self.places)  # regions have negative ids; foreign places come last


@dataclass
class _Hints:
    admin1: set[str] = field(default_factory=set)
    points: list[tuple[float, float, str, float, float]] = field(default_factory=list)  # lon, lat, label, weight, radius km
    labels: list[str] = field(default_factory=list)
    raions: list[int] = field(default_factory=list)  # raion rows named


class PlaceIndex:
    """The embedded gazetteer in memory: place columns as arrays plus two key -> places maps.

    >>> idx = default_index()
    >>> len(idx) > 33_000
    True
    """

    def __init__(self, places_path, names_path) -> None:
        table = pq.read_table(places_path)
        version = (table.schema.metadata or {}).get(b"geomap_key_version", b"?").decode()
        if version != str(KEY_VERSION):
            raise RuntimeError(f"embedded gazetteer has key version {version}, geomap.names {KEY_VERSION}: "
                               "rebuild with `python boundaries/build_gazetteer.py`")
        cols = table.to_pydict()
        self.geonameid: list[int] = cols["geonameid"]
        self.name: list[str] = cols["name"]
        self.name_uk: list[str] = cols["name_uk"]
        self.lat = np.asarray(cols["latitude"], dtype=float)
        self.lon = np.asarray(cols["longitude"], dtype=float)
        self.fcode: list[str] = cols["fcode"]
        self.country: list[str] = cols["country"]
        self.admin1: list[str] = cols["admin1"]
        self.admin2: list[str] = cols["admin2"]  # GeoNames raion code: the current raion a place is in
        self.raion: list[str] = cols["raion"]
        self.hromada: list[str] = cols["hromada_uk"]
        self.population: list[int] = cols["population"]
        self.size_rank: list[int] = cols["size_rank"]
        self.kind: list[str] = cols["kind"]
        # Static part of every place's score, computed once so a lookup only adds evidence.
        self.prior = [
            W_KIND[k] + W_FCODE.get(f, 0.0) + W_POP * math.log10(p + 1) + W_SIZE_RANK * max(s, 0)
            for k, f, p, s in zip(self.kind, self.fcode, self.population, self.size_rank)
        ]
        # key -> ((place, level), ...); strict levels 0-1 and loose levels 2-3 in two maps.
        names = pq.read_table(names_path).to_pydict()
        grouped: tuple[dict[str, list], dict[str, list]] = ({}, {})
        for key, place, level in zip(names["key"], names["place"], names["level"]):
            grouped[level >= 2].setdefault(key, []).append((place, level))
        self.strict: dict[str, tuple[tuple[int, int], ...]] = {k: tuple(v) for k, v in grouped[0].items()}
        self.loose: dict[str, tuple[tuple[int, int], ...]] = {k: tuple(v) for k, v in grouped[1].items()}
        for i, region in enumerate(REGIONS):
            for alias in region.aliases:
                key = name_key(alias)
                self.strict[key] = (*self.strict.get(key, ()), (-1 - i, 0))
                self.loose[loose_key(key)] = (*self.loose.get(loose_key(key), ()), (-1 - i, 2))
        self._info: dict[int, dict[str, Any]] = {}
        self._units: dict[str, list[tuple[str, int]]] | None = None  # see _unit_keys
        self._raion_cells: dict[str, np.ndarray] = {}  # see raion_of
        self._loose_sorted: list[str] | None = None  # see prefix_places
        self._airports: list[int] | None = None  # see _airport_near
        self.landmarks = frozenset(p for p, k in enumerate(self.kind) if k == "landmark")  # see landmark_reading
        self._landmark_keys: set[str] = set()  # keys whose find() holds a landmark (filled by find)
        # The build sorts places by kind, so the foreign ("world") places form the last block.
        self.first_foreign = self.kind.index("world")
        if any(k != "world" for k in self.kind[self.first_foreign:]):
            raise RuntimeError("embedded gazetteer is not sorted by kind; rebuild it")
        self._found: dict[str, dict[int, int]] = {}
        self._typos: dict[str, dict[int, int]] = {}  # strict key -> typo_places
        self._ranked: dict[tuple[str, int], tuple] = {}  # (name key, limit) -> ranking
        self._line_memo: dict[tuple[int, bool], np.ndarray] = {}  # see _line_km
        self._queries: dict[str, list[_Mention]] = {}  # see query_mentions
        self._json: dict[int, dict[str, Any]] = {}  # see place_json
        # Oblast codes as numbers for vectorised comparison: the GeoNames code in Ukraine, a
        # number from FOREIGN_UNIT up for a foreign first-level unit ("Belgorod region" must not
        # read as Ukraine's code 09, Luhansk), -1 when unknown.
        self.unit_num: dict[str, int] = {}
        for a, c in zip(self.admin1, self.country):
            if c != "UA" and a:
                self.unit_num.setdefault(foreign_unit(c, a), FOREIGN_UNIT + len(self.unit_num))
        self.admin1_num = np.array([int(a) if c == "UA" and a.isdigit() else self.unit_num.get(foreign_unit(c, a), -1)
                                    for a, c in zip(self.admin1, self.country)], dtype=np.int16)

    def __len__(self) -> int:
        return len(self.name)

    # -- candidate search ------------------------------------------------------------------
    def find(self, key: str) -> dict[int, int]:
        """Places (row -> best match level) with a name of this strict or loose key.

        Loose matches are kept beside strict ones: "Makarovo, Luhansk region" is the Makarove of
        Luhansk oblast even though other oblasts have a Makarovo.
        """
        found = self._found.get(key)
        if found is not None:
            return found
        if len(self._found) > FIND_MEMO:
            self._found.clear()
        found = self._found[key] = {}
        for variant in (key, *ukrainian_endings(key)):
            for place, level in self.strict.get(variant, ()):
                if found.get(place, 9) > level:
                    found[place] = level
        lk = loose_key(key)
        if len(lk) >= MIN_LOOSE_CHARS:
            for place, level in self.loose.get(lk, ()):
                if found.get(place, 9) > level:
                    found[place] = level
            # Russian forms end in a vowel where Ukrainian ones do not, and the other way
            # round ("Orekhovo" / Orikhiv, "Luhansk" / Luhanske): the weakest kind of match.
            other_ending = lk[:-1] if lk.endswith("a") else lk + "a"
            for place, _ in self.loose.get(other_ending, ()):
                found.setdefault(place, 3)
        if not self.landmarks.isdisjoint(found):
            self._landmark_keys.add(key)
        return found

    def mentions(self, text: str) -> list[_Mention]:
        """Gazetteer names in ``text``, longest first, left to right, clause by clause.

        >>> [(m.text, m.admin_word) for m in default_index().mentions("Pobeda village, Novoaidarskyi district")]
        [('Pobeda', ''), ('Novoaidarskyi', 'district')]
        """
        key = name_key(text)
        if key in self.strict and not _CLAUSE.search(text) and key.split(" ", 1)[0] not in QUALIFIERS:
            # The whole query is one name (most lookups): what the general scan would find.
            return [_Mention(text, self.landmark_reading(key, "", "")[0], "", key)]
        found: list[_Mention] = []
        waters: list[_Mention] = []  # names of rivers and lakes, named after their towns
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
                if keys[i] and keys[i] not in QUALIFIERS and (not cased or not words[i][0].islower()):
                    # A cased name does not run over a lower-case word: "Izyum in Kharkiv".
                    longest = next((n for n in range(1, min(MAX_SPAN_WORDS, len(words) - i))
                                    if cased and words[i + n][0].islower()), min(MAX_SPAN_WORDS, len(words) - i))
                    for n in range(longest, 0, -1):
                        span_key = " ".join(k for k in keys[i:i + n] if k)
                        places, span_key = self.landmark_reading(span_key, keys[i - 1] if i else "",
                                                                 keys[i + n] if i + n < len(keys) else "")
                        if places:
                            hit = n, places, span_key
                            break
                    if hit is None and nxt in ADMIN_WORDS:
                        # "Novoaydarsky district": a raion written as an adjective of its centre.
                        places = self.unit_adjective(keys[i])
                        hit = (1, places, keys[i]) if places else None
                    if words[i][0].isupper() and (nxt in SETTLEMENT_WORDS or (i and keys[i - 1] in TYPO_CUES)
                                                  or _airport_word(nxt)) \
                            and (hit is None or (hit[0] == 1 and self._units_only(hit[1]))):
                        # "Iloviaks town", "near Ilvoaisk": a word that the words around say is a
                        # place, mistyped; "Luhanks airport": no oblast has an airport.
                        places = self.typo_places(words[i])
                        hit = (1, places, keys[i]) if places else hit
                if hit is None:
                    i += 1
                    continue
                n, places, span_key = hit
                nxt = keys[i + n] if i + n < len(keys) else ""
                airport = self._airport_near(places) if _airport_word(nxt) else {}
                if airport:  # "Donetsk airport": the airport of that town
                    places, span_key = airport, f"{span_key} {nxt}"
                if nxt in cues.WATER_WORDS:  # "Oskol River": the place only when the text names no other
                    waters.append(_Mention(" ".join(words[i:i + n]), places, "", span_key, c, keys[i - 1] if i else ""))
                elif nxt not in STREET_WORDS:  # "Sovetskaya Street" is no place
                    after = keys[i + n + 1] if i + n + 1 < len(keys) else ""
                    role = self._role(places, nxt, after)
                    radius = None if role else _reference_radius(keys, i, clause)
                    if radius:
                        asked = [m for m in found if m.admin_word == "" and m.lowest >= 0]
                        if not asked or not self._within(asked[-1].places, self._reference_town(places),
                                                         radius + RAION_KM):
                            radius = None  # no place asked about near it: the town is the best place known
                    found.append(_Mention(" ".join(words[i:i + n]), places, REFERENCE if radius else role,
                                          span_key, c, keys[i - 1] if i else "", radius=radius or RAION_KM))
                i += n
        found = self._city_districts(found)
        if not any(m.admin_word == "" and m.lowest >= 0 for m in found):
            # Nothing but administrative names: maybe the place itself was mistyped, or only
            # named with its river ("Kakhovka reservoir").
            found = (waters or self._typo_mentions(text, {m.text for m in found})) + found
        return found

    def _city_districts(self, found: list[_Mention]) -> list[_Mention]:
        """Mentions with each "X district of/in <city>" read as that city's district X (the
        nearest section of the city of that name), when it has one: a hint at the district's
        point for the city asked about, or, for a district far from the city's centre
        (:data:`CITY_CORE_KM`), the place asked about, the city then saying only its oblast.

        >>> idx = default_index()
        >>> [(m.text, m.admin_word) for m in idx.mentions("Petrovsky district in the west of Donetsk")]
        [('Petrovsky', ''), ('Donetsk', 'hint')]
        >>> [(m.text, m.admin_word) for m in idx.mentions("Kirovsky district of Donetsk")]
        [('Kirovsky', 'district'), ('Donetsk', '')]
        """
        out = list(found)
        for k, m in enumerate(found[:-1]):
            city_mention = found[k + 1]
            if m.admin_word != "district" or city_mention.admin_word or city_mention.clause != m.clause:
                continue
            cities = [p for p, level in city_mention.places.items() if level == 0 and p >= 0
                      and self.kind[p] == "settlement" and self.country[p] == "UA"
                      and (self.fcode[p] in ("PPLC", "PPLA", "PPLA2") or self.population[p] >= CITY_MIN_POP)]
            if not cities:
                continue
            city = max(cities, key=self.prior.__getitem__)
            km = {p: _km(self.lon[city], self.lat[city], self.lon[p], self.lat[p]) for p in m.places
                  if p >= 0 and self.fcode[p] == "PPLX"}
            near = [p for p, d in km.items() if d <= CITY_DISTRICT_KM]
            if not near:
                continue
            district = min(near, key=lambda p: (m.places[p], km[p]))
            places = {district: m.places[district]}
            key = f"{m.key} district of {city_mention.key}"  # a reading of its own (ranked() memoises by key)
            if km[district] > CITY_CORE_KM:
                out[k] = _Mention(m.text, places, "", key, m.clause, m.before)
                out[k + 1] = dataclasses.replace(city_mention, admin_word=HINT)
            else:
                out[k] = _Mention(m.text, places, m.admin_word, key, m.clause, m.before)
                out[k + 1] = dataclasses.replace(city_mention, city=True)
        return out

    def unit_adjective(self, key: str) -> dict[int, int]:
        """Raions and raion centres whose name is the stem of an adjectival raion name
        ("Amvrosievsky", "Novoaydarsky", "Yasinovatsky"), as spelling-level matches; {} if the
        word is no such adjective.

        The adjective ends in -sky/-skiy/-skyi/-skoy/-tsky (loose "ska"/"cka"); its stem is
        compared with the loose keys of unit names, allowing the letters the adjective drops
        ("Yasynuvata" -> "Yasynuvatskyi", "Popasna" -> "Popasnianskyi").

        >>> idx = default_index()
        >>> sorted({idx.name[p] for p in idx.unit_adjective(name_key("Starobeshevsky"))})[:2]
        ['Starobesheve', 'Starobesheve Raion']
        """
        lk = loose_key(key)
        if not (lk.endswith("ska") or lk.endswith("cka")) or len(lk) < 7:
            return {}
        stem = lk[:-3]
        found: dict[int, int] = {}
        best = 0
        for unit_key, p in self._unit_keys().get(stem[:4], ()):
            common = len(os.path.commonprefix((stem, unit_key)))
            if common >= 4 and common >= len(stem) - 1 and common >= len(unit_key) - 3:
                if common > best:
                    found, best = {}, common
                if common == best:
                    found[p] = 2
        return found

    def landmark_reading(self, key: str, before: str, after: str) -> tuple[dict[int, int], str]:
        """:meth:`find` read with the words around the name, and the key of that reading: only
        the heights (kind "landmark") when a word next to it says "hill", "height"... (the key
        then names the word); without such a word the heights only where they match by name
        (not a spelling fold) and better than any other place ("Savur-Mohyla"), so a village is
        never read as the hill named after it.

        >>> idx = default_index()
        >>> hill, key = idx.landmark_reading("savur mohyla", "", "height")
        >>> [(idx.name[p], idx.match(p, 0.0, [], "").precision) for p in hill if idx.admin1[p] == "05"]
        [('Hora Savur-Mohyla', 'site')]
        """
        places = self.find(key)
        if key not in self._landmark_keys:
            return places, key
        marks = self.landmarks.intersection(places)
        word = after if after in LANDMARK_WORDS else before if before in LANDMARK_WORDS else ""
        if word:
            return {p: places[p] for p in marks}, f"{key} {word}"
        others = {p: level for p, level in places.items() if p not in marks}
        named = [places[p] for p in marks if places[p] < 2]
        if not named or (others and min(others.values()) <= min(named)):
            return others, key
        return places, key

    def _unit_keys(self) -> dict[str, list[tuple[str, int]]]:
        """(loose key, row) of every raion's and raion or oblast centre's own names, by the first
        four letters of the key (a match shares at least those; built once)."""
        if self._units is None:
            centres = ("PPLA", "PPLA2", "PPLA3", "PPLC")
            self._units = {}
            for lk, p in sorted({(loose_key(k), p) for k, entries in self.strict.items() for p, level in entries
                                 if level == 0 and 0 <= p < self.first_foreign
                                 and (self.kind[p] == "raion" or self.fcode[p] in centres)}):
                self._units.setdefault(lk[:4], []).append((lk, p))
        return self._units

    def _airport_near(self, places: dict[int, int]) -> dict[int, int]:
        """The airport nearest to the most likely town of ``places`` (within AIRPORT_KM), as
        a candidate set; empty when there is none."""
        towns = [p for p in places if p >= 0 and self.kind[p] == "settlement"]
        if not towns:
            return {}
        town = max(towns, key=self.prior.__getitem__)
        if self._airports is None:
            self._airports = [q for q in range(self.first_foreign) if self.fcode[q] == "AIRP"]
        airports = self._airports
        dist = {q: _km(self.lon[town], self.lat[town], self.lon[q], self.lat[q]) for q in airports}
        near = min(dist, key=dist.get, default=None)
        return {near: 0} if near is not None and dist[near] <= AIRPORT_KM else {}

    def nearest_settlement(self, lon: float, lat: float) -> int:
        """Row of the settlement nearest to a point."""
        d = _km_array(lon, lat, self.lon[: self.first_foreign], self.lat[: self.first_foreign])
        d[[k != "settlement" for k in self.kind[: self.first_foreign]]] = np.inf
        return int(np.argmin(d))

    def near_ukraine(self, p: int) -> bool:
        """Whether a foreign place lies within NEAR_UKRAINE_KM of a Ukrainian settlement (a town
        across the border, where cross-border strikes land), not a capital or a far city.

        >>> idx = default_index()
        >>> [idx.near_ukraine(next(iter(idx.find(n)))) for n in ("shebekino", "tallinn")]
        [True, False]
        """
        if p < 0 or self.country[p] == "UA" or self.fcode[p] in ("PCLI", "PPLC"):
            return False
        q = self.nearest_settlement(self.lon[p], self.lat[p])
        return _km(self.lon[p], self.lat[p], self.lon[q], self.lat[q]) <= NEAR_UKRAINE_KM

    def _role(self, places: dict[int, int], next_word: str, after: str) -> str:
        """The admin word that makes a mention a hint, or "" for a place asked about."""
        if next_word in DIRECTION_WORDS:
            return "direction"
        if next_word in ("district", "districts") and after in ("of", "in"):
            return "district"  # "Kievsky district of Kharkov": a part of the city named next
        if next_word not in ADMIN_WORDS:
            # A bare raion name ("Stepanivka, Shakhtarskyi") is context, not the place.
            units = all(p >= 0 and self.kind[p] in ("raion", "oblast") for p in places)
            return "raion" if units else ""
        # "Novopol region" where Novopol is only a village: the word means "area".
        admin_like = any(p < 0 or self.kind[p] in ("oblast", "raion") or self.fcode[p] in ("PPLA", "PPLC", "PPLA2")
                         for p in places)
        return next_word if admin_like else ""

    def _reference_town(self, places: dict[int, int]) -> int | None:
        """The town a reference point names (see REFERENCE): its best-known settlement of a
        name or spelling of its own; None when it names no settlement."""
        towns = [p for p, level in places.items() if p >= 0 and self.kind[p] == "settlement"]
        return max(towns, key=lambda p: (places[p] in (0, 2), self.prior[p]), default=None)

    def _within(self, places: dict[int, int], town: int | None, km: float) -> bool:
        """Whether any of ``places`` lies within ``km`` of the settlement ``town``."""
        if town is None:
            return False
        rows = np.array([p for p in places if p >= 0], dtype=np.intp)
        return bool((_km_array(self.lon[town], self.lat[town], self.lon[rows], self.lat[rows]) <= km).any())

    def most_specific(self, units: list[_Mention]) -> _Mention:
        """Of administrative mentions, the one naming the smallest unit: a raion ("Volnovakha
        district, Donetsk region") before an oblast or region, else the last named.

        >>> idx = default_index()
        >>> idx.most_specific(idx.mentions("Volnovakha district, Donetsk region")).text
        'Volnovakha'
        """
        def raion(m: _Mention) -> bool:
            kinds = {self.kind[p] for p, level in m.places.items() if p >= 0 and level in (0, 2)}
            return m.admin_word not in OBLAST_WORDS and "oblast" not in kinds and (
                "raion" in kinds or m.admin_word in DISTRICT_WORDS)
        return max(reversed(units), key=raion)

    def _units_only(self, places: dict[int, int]) -> bool:
        """Whether all ``places`` are oblasts and raions (no settlement, site or region)."""
        return all(p >= 0 and self.kind[p] in ("oblast", "raion") for p in places)

    def _typo_mentions(self, text: str, known: set[str]) -> list[_Mention]:
        """Last resort for a text naming no known place: names one typing slip away
        ("Ilvoaisk", "Svitodarsk"), for capitalised words of five letters or more that are no
        part of a name found ("Donetsk" of "Donetsk oblast")."""
        known_words = {w for name in known for w in _WORD.findall(name)}
        for word in _WORD.findall(text):
            if word in known_words or (word[0].islower() and not text.islower()):
                continue
            places = self.typo_places(word)
            if places:
                return [_Mention(word, places, "")]
        return []

    def prefix_places(self, text: str) -> dict[int, int]:
        """Settlements with a name that begins with ``text`` (compared as loose keys; at most
        PREFIX_KEYS names), as the weakest kind of match; {} for short texts.

        >>> sorted({default_index().name[p] for p in default_index().prefix_places("Stanytsia")})
        ['Stanytsia Luhanska']
        """
        lk = loose_key(name_key(text))
        if len(lk) < 5:
            return {}
        if self._loose_sorted is None:
            self._loose_sorted = sorted(self.loose)
        keys = self._loose_sorted
        found: dict[int, int] = {}
        i = bisect.bisect_left(keys, lk)
        for key in keys[i:i + PREFIX_KEYS]:
            if not key.startswith(lk):
                break
            for place, _ in self.loose[key]:
                if place >= 0 and self.kind[place] == "settlement":
                    found.setdefault(place, 3)
        return found

    def typo_places(self, word: str) -> dict[int, int]:
        """Settlements and sites whose name is one typing slip away from ``word`` (weakest match
        level); {} for short words and qualifiers.

        >>> "Ilovaisk" in {default_index().name[p] for p in default_index().typo_places("Iloviaks")}
        True
        """
        key = name_key(word)
        if len(key) < 5 or key in QUALIFIERS or key in ADMIN_WORDS or key in STREET_WORDS:
            return {}
        lk0 = loose_key(key)
        if len(lk0) < 5:  # "xxxxx" folds to "k": one edit from everything short
            return {}
        places = self._typos.get(key)
        if places is not None:  # oblast names recur in every report: memoised like find()
            return places
        if len(self._typos) > FIND_MEMO:
            self._typos.clear()
        places = self._typos[key] = {}
        edits = TYPO_EDITS if len(key) >= TYPO_LONG else 1
        for lk in _one_edit(lk0):
            for place, _ in self.loose.get(lk, ()):
                if place >= 0 and self.kind[place] in ("settlement", "poi") and place not in places \
                        and self.spelled_alike(place, key, edits):
                    places[place] = 3  # ranks as the weakest kind of match
        return places

    def spelled_alike(self, place: int, key: str, edits: int, forms: bool = False) -> bool:
        """Whether the strict ``key`` (or its Ukrainian ending) is within ``edits`` slips of the
        place's name once transliteration differences are folded. Loose keys drop every vowel
        difference, so one loose edit can hide a different name ("Shebekino" is no slip for
        Shyrokyne). With ``forms``, the vowels Russian and Ukrainian forms of a name trade are
        one (:func:`geomap.names.form_key`). Regions (negative rows) always pass.

        >>> idx = default_index()
        >>> p = next(p for p in idx.find("hlotivka") if idx.name[p] == "Hlotivka")
        >>> idx.spelled_alike(p, "glotovka", 1), idx.spelled_alike(p, "glotovo", 1)
        (True, False)
        """
        if place < 0:
            return True
        fold = form_key if forms else spelling_key
        words = [fold(f) for f in (key, *ukrainian_endings(key))]
        for name in (self.name[place], self.name_uk[place]):
            if name:
                folded = fold(name_key(name))
                # Lengths further apart than the edits allowed cannot match: skip the alignment.
                if any(abs(len(w) - len(folded)) <= edits and OSA.distance(w, folded, score_cutoff=edits) <= edits for w in words):
                    return True
        return False

    # -- evidence --------------------------------------------------------------------------
    def hints_from(self, mentions: list[_Mention]) -> _Hints:
        """Administrative context named in the query: oblasts, raions, places as areas."""
        hints = _Hints()
        for m in mentions:
            regions = [REGIONS[-1 - p] for p in m.places if p < 0]
            if regions:
                hints.admin1.update(regions[0].admin1)
                hints.labels.append(regions[0].name)
                continue
            places = m.places
            if m.admin_word in DISTRICT_WORDS:  # a district is no oblast ("Kievsky district" is not Kyiv oblast)
                places = {p: level for p, level in places.items() if self.kind[p] != "oblast"} or places
            if m.admin_word == REFERENCE:  # "20 km from Kramatorsk": the town, not its raion or oblast
                places = {self._reference_town(places): 0}
            best = max(places, key=lambda p: (places[p] in (0, 2), self._hint_rank(p)))
            kind = self.kind[best]
            # "Yasinovatsky raion" may match as one name: do not repeat its unit word.
            written = m.admin_word in (HINT, REFERENCE) or name_key(m.text).rsplit(" ", 1)[-1] in ADMIN_WORDS
            label = m.text if written else f"{m.text} {m.admin_word}".strip()
            if kind == "oblast" or (self.fcode[best] in ("PPLA", "PPLC") and m.admin_word in OBLAST_WORDS):
                # An oblast is named after its centre; so is a Russian or Belarusian region
                # ("Shebekino, Belgorod region"), kept apart from Ukraine's codes.
                ua = self.country[best] == "UA"
                hints.admin1.add(self.admin1[best] if ua else foreign_unit(self.country[best], self.admin1[best]))
                hints.labels.append(label)
            else:
                hints.points.append((self.lon[best], self.lat[best], label, W_RAION, m.radius))
                if kind == "raion":
                    hints.admin1.add(self.admin1[best])
                    hints.raions.append(best)
        return hints

    def with_landmarks(self, hints: _Hints, targets: list[_Mention], target: _Mention) -> _Hints:
        """``hints`` plus the towns named beside ``target`` ("Opytne, Avdiivka"): a place is
        usually reported near the towns named with it. Only unmistakable towns count (an
        oblast or raion centre, or 20,000 people or more, matched by name)."""
        near = []
        for m in targets:
            if m is target:
                continue
            best = max(m.places, key=self.prior.__getitem__)
            if m.places[best] == 0 and (self.fcode[best] in ("PPLA", "PPLC", "PPLA2") or self.population[best] >= 20_000):
                near.append((self.lon[best], self.lat[best], m.text, W_NEAR, RAION_KM))
        if not near:
            return hints
        return _Hints(hints.admin1, hints.points + near, hints.labels, hints.raions)

    def unit_numbers(self, hints: _Hints) -> list[int]:
        """The first-level units the hints name, as :attr:`admin1_num` values.

        >>> idx = default_index()
        >>> idx.unit_numbers(_Hints(admin1={"14"})), idx.unit_numbers(_Hints(admin1={"RU-09"})) != [9]
        ([14], True)
        """
        return [int(a) if a.isdigit() else self.unit_num[a] for a in hints.admin1 if a.isdigit() or a in self.unit_num]

    def in_hinted_oblast(self, mention: _Mention, hints: _Hints) -> bool:
        """Whether any candidate of ``mention`` lies in an oblast the text names (True when it
        names none)."""
        oblasts = self.unit_numbers(hints)
        return not oblasts or any(p >= 0 and self.admin1_num[p] in oblasts for p in mention.places)

    def within_hinted_oblast(self, mention: _Mention, hints: _Hints) -> _Mention:
        """``mention`` plus, when it is not the name of any place (only an alias spelling or a
        slip matched) and none of its candidates is in the oblast the text names, the places
        there whose name is one typing slip away or begins with it ("Granite, Volnovakha
        district, Donetsk region" is the Hranitne of Donetsk oblast, not the one "Granite" is
        an alias of; "Stanytsia, Luhansk region" is Stanytsia Luhanska). An exact name stays as
        it is: GeoNames sometimes files a village under the neighbouring oblast."""
        if self.in_hinted_oblast(mention, hints) or min(mention.places.values()) < 2:
            return mention
        oblasts = self.unit_numbers(hints)
        near = {p: level for p, level in {**self.prefix_places(mention.text), **self.typo_places(mention.text)}.items()
                if self.admin1_num[p] in oblasts}
        if not near:
            return mention
        return _Mention(mention.text, {**mention.places, **near}, mention.admin_word, mention.key,
                        mention.clause, mention.before)

    def foreign(self, mention: _Mention) -> bool:
        """Whether a mention names a place outside Ukraine: all its best-matched places are
        ("Russia" also folds to Ukrainian villages, at a weaker level)."""
        best = min(mention.places.values())
        return all(p >= self.first_foreign for p, level in mention.places.items() if level == best)

    def names_oblast(self, targets: list[_Mention]) -> bool:
        """Whether the last of several ``targets`` is an oblast centre written after the place
        to say its oblast ("Pervomaiske, Kharkiv"; "Novhorodske in Donetsk"), not a list of
        places ("Izium and Kharkiv"): in a clause of its own or after "in"/"of"/"near", and the
        place before it has a candidate in that oblast."""
        if len(targets) < 2:
            return False
        first, last = targets[-2], targets[-1]
        if last.lowest >= self.first_foreign or last.city or (
                last.clause == first.clause and last.before not in LOCATIVE_WORDS):
            return False
        centres = [p for p, level in last.places.items() if level == 0 and self.fcode[p] in ("PPLA", "PPLC")
                   and self.country[p] == "UA"]
        if not centres:
            return False
        oblast = self.admin1[max(centres, key=self.prior.__getitem__)]
        return any(p >= 0 and self.admin1[p] == oblast and self.country[p] == "UA" for p in first.places)

    def raion_of(self, rows: np.ndarray, like: int) -> np.ndarray:
        """For each place row, the raion of the same generation as ``like`` (current ``ADM2`` or
        former ``ADM2H``) it lies in: for a current raion the one GeoNames files the place under
        (its admin2 code), else the raion whose point is nearest, the raion it lies in when raions
        are of like size (GeoNames gives no raion polygons, and former raions, what older reports
        name, have no places filed under them).

        >>> idx = default_index()
        >>> raion = next(p for p in idx.find("amvrosiivka") if idx.kind[p] == "raion")
        >>> town = next(p for p in idx.find("amvrosiivka") if idx.kind[p] == "settlement")
        >>> int(idx.raion_of(np.array([town]), raion)[0]) == raion
        True
        """
        fcode = self.fcode[like]
        table = self._raion_cells.get(fcode)
        if table is None:
            units = np.array([q for q in range(self.first_foreign) if self.fcode[q] == fcode and self.kind[q] == "raion"])
            cos = math.cos(math.radians(48.5))  # Ukraine's mid latitude: a km-like plane for nearest-point search
            nearest = np.full(len(self), -1, dtype=np.intp)  # -1: a place outside Ukraine
            for start in range(0, self.first_foreign, 4096):  # bounded memory: 4096 x units at a time
                stop = min(start + 4096, self.first_foreign)
                dx = (self.lon[start:stop, None] - self.lon[units][None, :]) * cos
                dy = self.lat[start:stop, None] - self.lat[units][None, :]
                nearest[start:stop] = units[np.argmin(dx * dx + dy * dy, axis=1)]
            # "Hranitne (Volnovakha district)": the Hranitne filed under Volnovakha Raion, though
            # another one lies nearer to that (large) raion's point.
            filed = {(self.admin1[q], self.admin2[q]): q for q in units}
            under = np.array([filed.get(code, -1) for code in zip(self.admin1[:self.first_foreign],
                                                                    self.admin2[:self.first_foreign])])
            nearest[:self.first_foreign] = np.where(under >= 0, under, nearest[:self.first_foreign])
            table = self._raion_cells[fcode] = nearest
        return table[rows]

    def _hint_rank(self, p: int) -> tuple:
        kind = self.kind[p]
        unit = 2 if kind == "oblast" else 1 if kind == "raion" else 0
        return (unit, self.prior[p])

    def score(self, places: dict[int, int], hints: _Hints, date: dt.date | None,
              limit: int = 10) -> list[tuple[float, int, tuple[str, ...]]]:
        """(score, place, reasons) of the ``limit`` best candidates, best first.

        Scores are sums of weights (see the W_* constants); reasons are written only for the
        candidates returned, since a common name has dozens of candidates.
        """
        rows = [p for p in places if p >= 0]
        levels = [places[p] for p in rows]
        low = min(levels, default=0)
        # A weaker kind of match counts less when a stronger one exists: "Marynivka" is the
        # places of that name, not a Myronivka that only folds to it.
        s = [self.prior[p] + W_LEVEL[lv] + (W_WEAKER if lv > low else 0.0) for p, lv in zip(rows, levels)]
        line_km = self._line_km(rows, date) if date and len(rows) > 1 else None
        if hints.admin1 or hints.points or hints.raions or line_km is not None:
            s = self._evidence(np.asarray(s), np.asarray(rows, dtype=np.intp), hints, line_km)
            # Best first, ties in their order (as sorted(..., reverse=True)); numpy orders the
            # dozens of candidates of a common name faster than sorted() on numpy scalars.
            order = np.argsort(-s, kind="stable")[:limit].tolist()
            s = s.tolist()
        else:
            order = sorted(range(len(rows)), key=s.__getitem__, reverse=True)[:limit]
        return [(round(float(s[j]), 3), rows[j],
                 self._reasons(rows[j], levels[j], hints, date, None if line_km is None else float(line_km[j])))
                for j in order]

    def _evidence(self, s: np.ndarray, r: np.ndarray, hints: _Hints, line_km: np.ndarray | None) -> np.ndarray:
        """Add the hint and date terms to the scores ``s`` of places ``r`` (vectorised: a common
        name has 100+ candidates)."""
        if hints.admin1:
            # One comparison per unit named (one or two): np.isin costs more on so few candidates.
            units = np.array(self.unit_numbers(hints), dtype=np.int16)
            inside = (self.admin1_num[r][:, None] == units).any(axis=1)
            s += np.where(inside, W_OBLAST, -W_OBLAST)
        for lon, lat, _, weight, radius in hints.points:
            d = _km_array(lon, lat, self.lon[r], self.lat[r])
            s += weight * (np.where(d <= radius, 1.0, np.exp(-(d - radius) / RAION_KM)) - 0.5)
        for raion in hints.raions:
            s += np.where(self.raion_of(r, raion) == raion, W_CELL, 0.0)
        if line_km is not None:
            s += W_LINE * np.exp(-line_km / LINE_KM)
        return s

    def query_mentions(self, text: str) -> list[_Mention]:
        """:meth:`mentions` of a query text, memoised per text: geocoder users and reports look
        the same names up again and again (and lookup never changes a mention)."""
        found = self._queries.get(text)
        if found is None:
            if len(self._queries) > QUERY_MEMO:
                self._queries.clear()
            found = self._queries[text] = self.mentions(text)
        return found

    def ranked(self, mention: _Mention, hints: _Hints, date: dt.date | None,
               limit: int) -> Sequence[tuple[float, int, tuple[str, ...]]]:
        """:meth:`score` of a mention's candidates; without hints or date the ranking depends on
        the name alone and is memoised per name (plain name lookups are the common case)."""
        if hints.admin1 or hints.points or date is not None:
            return self.score(mention.places, hints, date, limit)
        memo_key = (mention.key or name_key(mention.text), limit)
        ranked = self._ranked.get(memo_key)
        if ranked is None:
            if len(self._ranked) > FIND_MEMO:
                self._ranked.clear()
            # Tuples of immutable values, which the garbage collector stops tracking: a memo of
            # lists would make every full collection slower as it grows.
            ranked = self._ranked[memo_key] = tuple(self.score(mention.places, hints, date, limit))
        return ranked

    def _reasons(self, p: int, level: int, hints: _Hints, date: dt.date | None,
                 line_km: float | None) -> tuple[str, ...]:
        reasons = [LEVEL_REASON[level]]
        if self.population[p]:
            reasons.append(f"population {self.population[p]:,}")
        if hints.admin1 and self.admin1_num[p] in self.unit_numbers(hints):
            reasons.append("in the oblast named")  # or the Russian/Belarusian region named
        for lon, lat, label, _, radius in hints.points:
            d = _km(lon, lat, self.lon[p], self.lat[p])
            if d < radius + RAION_KM:
                reasons.append(f"{d:.0f} km from {label}")
        if line_km is not None and line_km < 2 * LINE_KM:
            front = "the line of contact or the Donbas border" if date < BORDER_WAR_END else "the line of contact"
            reasons.append(f"{line_km:.0f} km from {front} on {date.isoformat()}")
        return tuple(reasons)  # immutable: rankings are memoised (see ranked)

    def _line_km(self, rows: list[int], date: dt.date) -> np.ndarray | None:
        """Distance (km) of places to the line of contact on ``date`` (inf where there is no line),
        or None before the conflict or the layer's coverage."""
        start, end = layers.coverage(LINE_SOURCE)
        if date < max(CONFLICT_START, start):
            return None
        # The last snapshot holds after the coverage ends (reports are never newer than the layer by much).
        day = min(date, end)
        border_war = date < BORDER_WAR_END
        known = self._line_memo_of(_snapshot_row(day), border_war)
        km = known[rows]
        todo = np.isnan(km)
        if todo.any():  # measured once per place and snapshot: reports of one period name the same places
            new = np.asarray(rows)[todo]
            km[todo] = known[new] = self._line_km_now(new, day, border_war)
        return km

    def _line_memo_of(self, snapshot: int, border_war: bool) -> np.ndarray:
        """Line distance by place row for one snapshot (NaN: not measured yet); only the LINE_MEMO
        snapshots used last are kept."""
        key = (snapshot, border_war)
        known = self._line_memo.pop(key, None)
        if known is None:
            if len(self._line_memo) >= LINE_MEMO:
                del self._line_memo[next(iter(self._line_memo))]  # the least recently used
            known = np.full(len(self), np.nan)
        self._line_memo[key] = known  # (re)inserted last: dicts keep insertion order
        return known

    def _line_km_now(self, rows: np.ndarray, day: dt.date, border_war: bool) -> np.ndarray:
        """:meth:`_line_km` measured (inf where the snapshot has no line)."""
        km = checks.distance_to_line_km(self.lon[rows], self.lat[rows], day, source=LINE_SOURCE)
        km = np.where(np.isnan(km), np.inf, km)
        if border_war:
            km = np.minimum(km, _border_km(self.lon[rows], self.lat[rows]))
        return km

    # -- results ---------------------------------------------------------------------------
    def match(self, p: int, score: float, reasons: Sequence[str], matched: str) -> Match:
        """A :class:`Match` for a place row (with a list of reasons of its own)."""
        # Filled from the per-place memo without running __init__ (lookup builds one per
        # candidate; the fields were set up once in _static).
        m = object.__new__(Match)
        m.__dict__.update(self._static(p))
        m.score, m.reasons, m.matched = score, list(reasons), matched
        return m

    def _static(self, p: int) -> dict[str, Any]:
        """The fields of a place that do not depend on the query (memoised per place)."""
        info = self._info.get(p)
        if info is None:
            iso, oblast = oblast_names().get(self.admin1[p], ("", "")) if self.country[p] == "UA" else ("", "")
            name = oblast if self.kind[p] == "oblast" and oblast else self.name[p]
            info = self._info[p] = dict(
                name=name, latitude=float(self.lat[p]), longitude=float(self.lon[p]),
                precision="country" if self.fcode[p] == "PCLI" else PRECISION[self.kind[p]], geonameid=self.geonameid[p], feature_code=self.fcode[p],
                name_uk=self.name_uk[p], oblast_iso=iso, oblast_name=oblast, raion=self.raion[p],
                hromada=self.hromada[p], population=self.population[p], country=self.country[p], region=None)
        return info

    def place_json(self, p: int) -> dict[str, Any]:
        """:func:`_place_json` of a place row (memoised per place: kept apart from :meth:`_static`,
        whose dicts of plain values the garbage collector does not track)."""
        json = self._json.get(p)
        if json is None:
            json = self._json[p] = _place_json(self._static(p))
        return json


def coordinates_match(idx: PlaceIndex, lat: float, lon: float, matched: str) -> Match:
    """A point written in the text as decimal latitude, longitude: it is the answer, with the
    administrative context of the nearest settlement."""
    near = idx.match(idx.nearest_settlement(lon, lat), 1.0, [], matched)
    d = _km(lon, lat, near.longitude, near.latitude)
    return Match(name=f"{lat:.5f}, {lon:.5f}", latitude=round(lat, 6), longitude=round(lon, 6),
                 precision="coordinates", score=1.0, reasons=[f"coordinates in the text; {d:.1f} km from {near.name}"],
                 oblast_iso=near.oblast_iso, oblast_name=near.oblast_name, raion=near.raion,
                 hromada=near.hromada, matched=matched)


@functools.cache
def _donbas_border() -> shapely.Geometry:
    """The state border of Donetsk and Luhansk oblasts with Russia, in LENGTH_CRS metres: their
    outer boundary less the other oblasts' and the sea (the oblast layer includes territorial waters)."""
    ob = layers.oblasts()
    east = ob.geonames_admin1.isin(DONBAS_ADMIN1)
    outer = shapely.union_all(ob.geometry[east].to_numpy()).boundary
    border = outer.difference(shapely.union_all(ob.geometry[~east].to_numpy()).buffer(0.01))
    border = border.intersection(layers.land())
    border = shapely.transform(border, lambda xy: np.column_stack(_TO_LENGTH.transform(xy[:, 0], xy[:, 1])))
    return border.simplify(BORDER_TOLERANCE_M)  # km-level distances: fewer vertices, faster


@functools.lru_cache(maxsize=4096)
def _snapshot_row(day: dt.date) -> int:
    """Row of the LINE_SOURCE snapshot in force on ``day`` (remembered: reports repeat their dates)."""
    return layers.series(LINE_SOURCE).row(day)


def _border_km(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Distance (km) from points to the Donbas state border with Russia."""
    x, y = _TO_LENGTH.transform(lons, lats)
    return shapely.distance(shapely.points(x, y), _donbas_border()) / 1000.0


def _in_region(lat: float, lon: float) -> bool:
    """Inside the box of Ukraine and its neighbours that geomap's layers cover."""
    return 43.0 <= lat <= 54.0 and 20.0 <= lon <= 42.0


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


def region_match(region: Region, date: dt.date | None, matched: str, reasons: list[str]) -> Match:
    """A region as a Match: its representative point, oblast when it is one oblast's part."""
    geom = region_geometry(region, date)
    point = geom.representative_point()
    iso, oblast = oblast_names().get(region.admin1[0], ("", "")) if len(region.admin1) == 1 else ("", "")
    return Match(name=region.name, latitude=round(point.y, 5), longitude=round(point.x, 5),
                 precision=region.precision, score=1.0, reasons=reasons, feature_code="RGN",
                 oblast_iso=iso, oblast_name=oblast, matched=matched, region=region)


_TO_LENGTH = pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, LENGTH_CRS, always_xy=True)
# Russian endings of place names and the Ukrainian ones they stand for, on strict keys:
# Zaitsevo/Zaitseve, Pervomaiskoye/Pervomaiske, Lastochkino/Lastochkyne, Novoselovka/Novoselivka,
# Petrovskiy/Petrovskyi, Krasnaya/Krasna.
_RU_ENDINGS = re.compile(r"(?<=...)(ovo|evo|oye|oe|aya|ino|ovka|evka|iy|yy|ii|sky)$")  # after a stem of 3+ letters
_UK_ENDING = {"ovo": "ove", "evo": "eve", "oye": "e", "oe": "e", "aya": "a", "ino": "yne",
              "ovka": "ivka", "evka": "ivka", "iy": "yi", "yy": "yi", "ii": "yi", "sky": "skyi"}


def foreign_unit(country: str, admin1: str) -> str:
    """The hint code of a first-level unit outside Ukraine (Ukraine's are bare GeoNames codes).

    >>> foreign_unit("RU", "09")
    'RU-09'
    """
    return f"{country}-{admin1}"


def ukrainian_endings(key: str) -> tuple[str, ...]:
    """The strict key with a Russian place-name ending read as the Ukrainian one it stands for
    (none when it has no such ending): such a form is a spelling of the name, as strong as the
    name, not a loose match ranked below places that carry the Russian form as an alias.

    >>> ukrainian_endings("zaitsevo"), ukrainian_endings("krasnaya polyana"), ukrainian_endings("bakhmut")
    (('zaitseve',), ('krasna polyana',), ())
    """
    words = [_RU_ENDINGS.sub(lambda m: _UK_ENDING[m.group()], w) if len(w) > 4 else w for w in key.split(" ")]
    variant = " ".join(words)
    return (variant,) if variant != key else ()


_LOOSE_ALPHABET = "abcdfhklmnprstvz"


def _one_edit(key: str) -> set[str]:
    """Loose keys one deletion, transposition, substitution or insertion away from ``key``."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LOOSE_ALPHABET}
    out |= {a + c + b for a, b in splits for c in _LOOSE_ALPHABET}
    out.discard(key)
    return out


def _reference_radius(keys: list[str], i: int, clause: str) -> float | None:
    """The radius (km) around the name at word ``i`` of a clause (``keys``: its words' keys)
    within which the place named before it lies, when the words before the name make it the
    point that place is measured from; None when they do not.

    >>> words = "km north west of luhansk".split()
    >>> _reference_radius(words, 4, "32km north-west of Luhansk"), _reference_radius(["village", "of", "pisky"], 2, "")
    (42.0, None)
    """
    before = keys[i - 1] if i else ""
    side = keys[i - 2].rsplit(" ", 1)[-1] if i > 1 else ""
    if not (before in ("outside", "near") or (before == "of" and side in SIDE_WORDS)
            or (before == "from" and not cues.DISTANCE_WORDS.isdisjoint(keys[max(0, i - 4):i - 1]))):
        return None
    stated = _STATED_KM.search(clause)
    if stated is None:
        return RAION_KM
    km = float(stated.group(1).replace(",", ".")) * (KM_PER_MILE if stated.group(2).lower().startswith("mi") else 1.0)
    return max(RAION_KM, km + REFERENCE_SLACK_KM)


def _airport_word(word: str) -> bool:
    """Whether a word says "airport", also with one typing slip ("aiport").

    >>> _airport_word("aiport"), _airport_word("airfield"), _airport_word("support")
    (True, True, False)
    """
    return word in AIRPORT_WORDS or (len(word) >= 6 and any(
        OSA.distance(word, w, score_cutoff=1) <= 1 for w in AIRPORT_WORDS))


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Equirectangular distance in km; exact enough below a few hundred km."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return KM_PER_DEGREE * math.hypot(x, lat2 - lat1)


def _km_array(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """:func:`_km` from one point to many."""
    x = (lons - lon) * math.cos(math.radians(lat))
    return KM_PER_DEGREE * np.hypot(x, lats - lat)


@functools.cache
def default_index() -> PlaceIndex:
    """The embedded gazetteer (loaded once per process, then shared)."""
    return PlaceIndex(layers.data_path("gazetteer_places.parquet"), layers.data_path("gazetteer_names.parquet"))


def clean_query(query: object) -> str | None:
    """The query as text fit for lookup, None if it holds nothing to look up.

    Raises TypeError for non-strings and ValueError for text longer than MAX_QUERY_CHARS, with a
    message that says so; control characters become spaces.

    >>> clean_query("  Bakhmut\\x00 "), clean_query("   "), clean_query("12345")
    ('Bakhmut', None, None)
    """
    if not isinstance(query, str):
        raise TypeError(f"a place name must be a string, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise ValueError(f"query is {len(query):,} characters long; geocoding takes a place name or a "
                         f"short location description (at most {MAX_QUERY_CHARS:,} characters)")
    text = _CONTROL.sub(" ", query).strip()
    if not _LETTER.search(text):
        return None
    return text


def lookup(query: str, date: object = None, hint: str | None = None, limit: int = 10,
           index: PlaceIndex | None = None) -> list[Match]:
    """Ranked candidates for a place name or location description (best first; [] if none).

    ``date`` (ISO string or date) favours places near the line of contact on that day; ``hint``
    is extra administrative context ("Kherson oblast", "Amvrosiivka raion").

    >>> [m.oblast_iso for m in lookup("Mykhailivka", hint="Kherson region")][:1]
    ['UA-65']
    """
    found = rank(query, date, hint, limit, index)
    return [found.match(i) for i in range(len(found))]


@dataclass
class Ranking:
    """:func:`lookup`'s answer before Match objects are made of it (a geocoder makes one of the
    best only, and JSON of the others): places of ``index`` as (score, place, reasons) matched by
    ``matched``, with ``notes`` added to each one's reasons; or ``ready`` Matches (a point, a region)."""

    index: PlaceIndex | None = None
    scored: Sequence[tuple[float, int, tuple[str, ...]]] = ()
    matched: str = ""
    notes: Sequence[str] = ()
    ready: Sequence[Match] = ()

    def __len__(self) -> int:
        return len(self.ready) or len(self.scored)

    def match(self, i: int) -> Match:
        """The i-th best candidate."""
        if self.ready:
            return self.ready[i]
        s, p, r = self.scored[i]
        return self.index.match(p, s, (*r, *self.notes), self.matched)

    def region(self, i: int) -> Region | None:
        """``self.match(i).region``, without making the Match."""
        return self.ready[i].region if self.ready else None

    def to_dicts(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The ``limit`` best (all by default) as :meth:`Match.to_dict` makes them, without
        making the Matches."""
        if self.ready:
            return [m.to_dict() for m in self.ready[:limit]]
        return [_result_json(self.index.place_json(p), s, [*r, *self.notes], self.matched)
                for s, p, r in self.scored[:limit]]


def rank(query: str, date: object = None, hint: str | None = None, limit: int = 10,
         index: PlaceIndex | None = None) -> Ranking:
    """:func:`lookup`'s candidates as a :class:`Ranking` (empty if none).

    >>> found = rank("Artemivsk")
    >>> found.match(0).name, found.to_dicts(1)[0]["name"]
    ('Bakhmut', 'Bakhmut')
    """
    text = clean_query(query)
    if hint is not None and not isinstance(hint, str):
        raise TypeError(f"hint must be a string, not {type(hint).__name__}")
    if text is None:
        return Ranking()
    when = layers.parse_date(date) if date is not None else None
    idx = index or default_index()
    points = written_points(text)
    if points:
        lat, lon, start, end = points[0]
        return Ranking(ready=[coordinates_match(idx, lat, lon, text[start:end])])
    mentions = idx.query_mentions(text)
    if not mentions:
        return Ranking()
    if hint is None and len(mentions) == 1 and not mentions[0].admin_word and mentions[0].lowest >= 0:
        # One name and nothing else (most lookups): none of the rules below applies.
        return Ranking(idx, idx.ranked(mentions[0], _NO_HINTS, when, limit), mentions[0].text)
    extra = idx.query_mentions(clean_query(hint) or "") if hint is not None else []
    targets = [m for m in mentions if not m.admin_word and m.lowest >= 0]
    # A Ukrainian place beats a foreign city named in passing ("m." read as "Moscow").
    targets.sort(key=idx.foreign)
    if targets and all(map(idx.foreign, targets)) and any(m.admin_word and m.lowest >= 0 and not idx.foreign(m)
                                                          for m in mentions):
        # "Sumy region, shelled from Russia": the Ukrainian unit is where it happened.
        targets = []
    if idx.names_oblast(targets):
        # "Pervomaiske, Kharkiv": an oblast centre after the place names its oblast.
        last = targets.pop()
        mentions = [m if m is not last else _Mention(m.text, m.places, HINT, m.key) for m in mentions]
    hint_mentions = [m for m in mentions if m.admin_word or m.lowest < 0] + [
        _Mention(m.text, m.places, m.admin_word or HINT) for m in extra]
    hints = idx.hints_from(hint_mentions)
    if not any(idx.in_hinted_oblast(t, hints) for t in targets):
        targets = [idx.within_hinted_oblast(t, hints) for t in targets]
    if targets:
        # Several places named: the first, unless a later one is far better supported
        # ("Butivka mine, south of Avdiivka": no Butivka near the line that day).
        # Compared on evidence (score less the size prior), or a big city named as a landmark
        # ("Ilovaisk, Donetsk") would win over the small place the report is about.
        options = [(idx.ranked(t, idx.with_landmarks(hints, targets, t), when, limit), t) for t in targets[:MAX_TARGETS]]
        k = max(range(len(options)),
                key=lambda i: options[i][0][0][0] - idx.prior[options[i][0][0][1]] - W_ORDER * i)
        scored, target = options[k]
        return Ranking(idx, scored, target.text, _hint_notes(hints))
    # Only administrative names (or foreign places besides them): the most specific is the answer.
    last = idx.most_specific([m for m in mentions if m.admin_word or m.lowest < 0])
    regions = [REGIONS[-1 - p] for p in last.places if p < 0]
    if regions:
        return Ranking(ready=[region_match(regions[0], when, last.text, ["region name"])])
    units = {} if last.admin_word == "direction" else {
        p: lvl for p, lvl in last.places.items() if idx.kind[p] in ("oblast", "raion")}
    if not units and last.admin_word in OBLAST_WORDS:
        units = {p: lvl for p, lvl in last.places.items() if idx.fcode[p] in ("PPLA", "PPLC")}
        foreign = [p for p in units if idx.country[p] != "UA"]
        if foreign and len(foreign) == len(units):
            # "Belgorod region": the foreign region, at its centre (no polygon for it).
            centre = idx.match(max(foreign, key=idx.prior.__getitem__), 1.0,
                               ["administrative centre of the region named"], last.text)
            return Ranking(ready=[dataclasses.replace(centre, name=f"{centre.name} {last.admin_word}",
                                                      precision="region")])
        units = {p: lvl for p, lvl in units.items() if idx.country[p] == "UA"}
        if units:
            oblast_rows = [q for q, k in enumerate(idx.kind) if k == "oblast" and idx.admin1[q] == idx.admin1[next(iter(units))]]
            units = dict.fromkeys(oblast_rows, 0)
    return Ranking(idx, idx.score(units or last.places, _Hints(admin1=hints.admin1 - {""}) if units else hints,
                                  when, limit), last.text)


_NO_HINTS = _Hints()  # shared, never modified: evidence methods build new _Hints


def _hint_notes(hints: _Hints) -> list[str]:
    return [f"hint: {label}" for label in hints.labels]
