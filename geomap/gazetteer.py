"""The embedded Ukrainian gazetteer: load it, find candidates for a query, rank them with evidence.

A query is a name ("Stanytsia Luhanska", "Станиця Луганська") or a short location description as
reports write it ("near Blagodatne village, Amvrosievsky region Donetsk region"). The text is cut
into clauses and words; the longest word runs that are gazetteer names become *mentions*
(:mod:`geomap.query`). A mention followed by "region", "oblast", "district", "raion" ... is an
administrative *hint*; the first other mention is the place asked for (:mod:`geomap.hints`). Its
candidates (often dozens of villages of one name) are ranked (:mod:`geomap.ranking`) by how well
the name matched, the hints (same oblast, near the named raion), the date (conflict reports come
from near the line of contact of that day), and size (population, feature class, register
category). Each candidate keeps the reasons for its score.

This module holds the index (:class:`PlaceIndex`: the place columns, the key tables and
:meth:`~PlaceIndex.find`), the answers (:class:`Match`, :class:`Ranking`) and the entry points
:func:`lookup` and :func:`rank` that tie those steps together.

>>> best = lookup("Antonovka area, Kherson region")[0]
>>> best.name, best.oblast_iso, best.precision
('Antonivka', 'UA-65', 'settlement')
>>> lookup("Donbas")[0].precision
'region'
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from geomap import layers
from geomap.hints import (
    OBLAST_WORDS,
    Hints,
    foreign,
    foreign_unit,
    hints_from,
    in_hinted_oblast,
    most_specific,
    names_oblast,
    spelled_in,
    with_landmarks,
    within_hinted_oblast,
)
from geomap.names import FIND_MEMO, KEY_VERSION, loose_key, name_key, ukrainian_endings
from geomap.query import (
    HINT,
    QueryMention,
    landmark_reading,
    plain_place,
    query_mentions,
    query_point,
    written_points,
)
from geomap.ranking import TOWN_POP, distance_km, distances_km, memoised_ranking, priors, ranked, score
from geomap.regions import REGIONS, Region, oblast_geometry, oblast_names, region_geometry  # noqa: F401 (oblast_geometry: part of this module's API)

MAX_QUERY_CHARS = 2_000  # longer input is a document, not a place description
MIN_LOOSE_CHARS = 4  # loose keys shorter than this match too much to be evidence
NEAR_UKRAINE_KM = 250.0  # Belgorod, Kursk, Bryansk, Voronezh, Rostov, Gomel: within reach of cross-border fire
FOREIGN_UNIT = 1000  # foreign first-level units are numbered from here (Ukraine's codes are below 100)
MAX_TARGETS = 3  # places compared when a text names several
W_ORDER = 0.6  # how much better a later-named place must score than the first
SITE_OF_TOWN_KM = 30.0  # a site (airport ...) named after a town this near to it refines it

PRECISION = {"settlement": "settlement", "poi": "site", "landmark": "site", "world": "settlement",
             "raion": "raion", "oblast": "oblast"}

_LETTER = re.compile(r"[^\W\d_]")  # a query without letters names nothing ...
_TWO_NUMBERS = re.compile(r"\d\D+\d")  # ... unless it is a coordinate pair (see query.query_point)
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
        return _result_json(_place_values(self.__dict__), self.score, self.reasons, self.matched)


@functools.lru_cache(maxsize=65_536)
def address(name: str, raion: str, precision: str, oblast_name: str, country: str) -> str:
    """:attr:`Match.address` from those fields (memoised: every lookup makes the address of its
    answer, and the answers are a few thousand places).

    >>> address("Pisky", "Pokrovsk Raion", "settlement", "Donetsk Oblast", "UA")
    'Pisky, Pokrovsk Raion, Donetsk Oblast'
    """
    parts = [name, raion if precision in ("settlement", "site", "coordinates") else "", oblast_name]
    if country != "UA":
        parts.append(country)
    return ", ".join(dict.fromkeys(filter(None, parts)))


def _result_json(place: tuple, score: float, reasons: list[str], matched: str) -> dict[str, Any]:
    """A candidate as JSON: its place (the :data:`PLACE_FIELDS` of a Match), then how it matched
    the query."""
    (name, name_uk, latitude, longitude, geonameid, feature_code, precision, oblast_iso, oblast_name,
     raion, hromada, population, country) = place
    return {
        "name": name, "name_uk": name_uk, "latitude": latitude, "longitude": longitude, "geonameid": geonameid,
        "feature_code": feature_code, "precision": precision, "oblast": {"iso": oblast_iso, "name": oblast_name},
        "raion": raion, "hromada": hromada, "population": population, "country": country,
        "score": score, "reasons": reasons, "matched": matched,
    }


# The query-independent fields of a Match that its JSON holds, in :func:`_result_json`'s order.
PLACE_FIELDS = ("name", "name_uk", "latitude", "longitude", "geonameid", "feature_code", "precision",
                "oblast_iso", "oblast_name", "raion", "hromada", "population", "country")
_place_values = operator.itemgetter(*PLACE_FIELDS)


def _one_object_each(values: list) -> list:
    """``values`` with equal values made one object. Arrow makes one per row (36,000 strings "UA",
    34,000 raion names): a lookup reads the values of six places, and shared ones, far fewer,
    stay in the processor's caches.

    >>> a, b = _one_object_each(["Pokrovsk Raion", "".join(["Pokrovsk", " Raion"])])
    >>> a is b
    True
    """
    one: dict = {}
    return [one.setdefault(v, v) for v in values]


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
        # The columns a lookup reads (see _one_object_each).
        for column in ("name", "name_uk", "fcode", "country", "admin1", "admin2", "raion", "hromada_uk", "population",
                       "kind"):
            cols[column] = _one_object_each(cols[column])
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
        self.prior = priors(self)
        # Towns and cities: what "the town of X" can be (see ranking.W_TOWN).
        self.urban = np.array([s >= 1 or p >= TOWN_POP for s, p in zip(self.size_rank, self.population)])
        # key -> ((place, level), ...); strict levels 0-1 and loose levels 2-3 in two maps.
        names = pq.read_table(names_path).to_pydict()
        self.strict: dict[str, tuple[tuple[int, int], ...]] = {}
        self.loose: dict[str, tuple[tuple[int, int], ...]] = {}
        # Grown as tuples (a key has a handful of places), not as lists made tuples at the end:
        # 150,000 lists alive through the load would count towards the garbage collector's
        # next full collection, which the first lookups would then pay for. The (place, level)
        # pairs are made first, in one list, so the collector has stopped tracking them when the
        # key tuples take them in: a key tuple is then untracked in one collection, not two (made
        # pair by pair, 12,000 key tuples were still tracked after the load).
        pairs = list(zip(names["place"], names["level"]))
        for key, pair in zip(names["key"], pairs):
            group = self.loose if pair[1] >= 2 else self.strict
            group[key] = (*group.get(key, ()), pair)
        for i, region in enumerate(REGIONS):
            for alias in region.aliases:
                key = name_key(alias)
                self.strict[key] = (*self.strict.get(key, ()), (-1 - i, 0))
                self.loose[loose_key(key)] = (*self.loose.get(loose_key(key), ()), (-1 - i, 2))
        # The PLACE_FIELDS of every row as a tuple of plain values (see _all_place_values).
        self.place_values: list[tuple] = self._all_place_values()
        # Memos of the steps of a lookup, kept here since they depend on this index only.
        self._units: dict[str, list[tuple[str, int]]] | None = None  # see fuzzy._unit_keys
        self._raion_cells: dict[str, np.ndarray] = {}  # see ranking.raion_of
        self._loose_sorted: list[str] | None = None  # see fuzzy.prefix_places
        self._airports: list[int] | None = None  # see query._airport_near
        self.landmarks = frozenset(p for p, k in enumerate(self.kind) if k == "landmark")  # see query.landmark_reading
        self._landmark_keys: set[str] = set()  # keys whose find() holds a landmark (filled by find)
        # The build sorts places by kind, so the foreign ("world") places form the last block.
        self.first_foreign = self.kind.index("world")
        if any(k != "world" for k in self.kind[self.first_foreign:]):
            raise RuntimeError("embedded gazetteer is not sorted by kind; rebuild it")
        self._found: dict[str, dict[int, int]] = {}
        self._typos: dict[str, dict[int, int]] = {}  # strict key -> fuzzy.typo_places
        self._ranked: dict[tuple[str, int], tuple] = {}  # (name key, limit) -> ranking.ranked
        self._line_memo: dict[tuple[int, bool], np.ndarray] = {}  # see ranking.line_distances
        self._queries: dict[str, list[QueryMention]] = {}  # see query.query_mentions
        self._plain: dict[str, str] = {}  # see query.plain_place
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

    # -- places near a point ---------------------------------------------------------------
    def nearest_settlement(self, lon: float, lat: float) -> int:
        """Row of the settlement nearest to a point."""
        d = distances_km(lon, lat, self.lon[: self.first_foreign], self.lat[: self.first_foreign])
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
        return distance_km(self.lon[p], self.lat[p], self.lon[q], self.lat[q]) <= NEAR_UKRAINE_KM

    # -- results ---------------------------------------------------------------------------
    def match(self, p: int, score: float, reasons: Sequence[str], matched: str) -> Match:
        """A :class:`Match` for a place row (with a list of reasons of its own)."""
        # Filled from the place's values made at load, without running __init__ (lookup builds
        # one per candidate).
        m = object.__new__(Match)
        m.__dict__.update(zip(PLACE_FIELDS, self.place_values[p]))
        m.region, m.score, m.reasons, m.matched = None, score, list(reasons), matched
        return m

    def _all_place_values(self) -> list[tuple]:
        """:attr:`place_values` of every row, made at load (about 15 ms) in one pass over the
        columns: every lookup turns a handful of them into JSON, and tuples of plain values are
        left alone by the garbage collector."""
        oblasts = oblast_names()
        out = []
        for (name, name_uk, lat, lon, geonameid, fcode, kind, country, admin1, raion, hromada,
             population) in zip(self.name, self.name_uk, self.lat.tolist(), self.lon.tolist(), self.geonameid,
                                self.fcode, self.kind, self.country, self.admin1, self.raion, self.hromada,
                                self.population):
            iso, oblast = oblasts.get(admin1, ("", "")) if country == "UA" else ("", "")
            out.append((oblast if kind == "oblast" and oblast else name, name_uk, lat, lon, geonameid, fcode,
                        "country" if fcode == "PCLI" else PRECISION[kind], iso, oblast, raion, hromada,
                        population, country))
        return out


def coordinates_match(idx: PlaceIndex, lat: float, lon: float, matched: str) -> Match:
    """A point written in the text as decimal latitude, longitude: it is the answer, with the
    administrative context of the nearest settlement."""
    near = idx.match(idx.nearest_settlement(lon, lat), 1.0, [], matched)
    d = distance_km(lon, lat, near.longitude, near.latitude)
    return Match(name=f"{lat:.5f}, {lon:.5f}", latitude=round(lat, 6), longitude=round(lon, 6),
                 precision="coordinates", score=1.0, reasons=[f"coordinates in the text; {d:.1f} km from {near.name}"],
                 oblast_iso=near.oblast_iso, oblast_name=near.oblast_name, raion=near.raion,
                 hromada=near.hromada, matched=matched)


def region_match(region: Region, date: dt.date | None, matched: str, reasons: list[str]) -> Match:
    """A region as a Match: its representative point, oblast when it is one oblast's part."""
    geom = region_geometry(region, date)
    point = geom.representative_point()
    iso, oblast = oblast_names().get(region.admin1[0], ("", "")) if len(region.admin1) == 1 else ("", "")
    return Match(name=region.name, latitude=round(point.y, 5), longitude=round(point.x, 5),
                 precision=region.precision, score=1.0, reasons=reasons, feature_code="RGN",
                 oblast_iso=iso, oblast_name=oblast, matched=matched, region=region)


@functools.cache
def default_index() -> PlaceIndex:
    """The embedded gazetteer (loaded once per process, then shared)."""
    return PlaceIndex(layers.data_path("gazetteer_places.parquet"), layers.data_path("gazetteer_names.parquet"))


def clean_query(query: object) -> str | None:
    """The query as text fit for lookup, None if it holds nothing to look up.

    Raises TypeError for non-strings and ValueError for text longer than MAX_QUERY_CHARS, with a
    message that says so; control characters become spaces.

    >>> clean_query("  Bakhmut\\x00 "), clean_query("   "), clean_query("12345"), clean_query("48.5, 37.9")
    ('Bakhmut', None, None, '48.5, 37.9')
    """
    if not isinstance(query, str):
        raise TypeError(f"a place name must be a string, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise ValueError(f"query is {len(query):,} characters long; geocoding takes a place name or a "
                         f"short location description (at most {MAX_QUERY_CHARS:,} characters)")
    text = _CONTROL.sub(" ", query).strip()
    if not _LETTER.search(text) and not _TWO_NUMBERS.search(text):  # a coordinate pair is something
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

    def place(self, i: int) -> int | None:
        """The index row of the i-th best candidate; None for a named region or written point."""
        return None if self.ready else self.scored[i][1]

    def to_dicts(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The ``limit`` best (all by default) as :meth:`Match.to_dict` makes them, without
        making the Matches."""
        if self.ready:
            return [m.to_dict() for m in self.ready[:limit]]
        if not self.scored:
            return []
        values, notes, matched = self.index.place_values, self.notes, self.matched
        return [_result_json(values[p], s, [*r, *notes], matched) for s, p, r in self.scored[:limit]]


def rank(query: str, date: object = None, hint: str | None = None, limit: int = 10,
         index: PlaceIndex | None = None) -> Ranking:
    """:func:`lookup`'s candidates as a :class:`Ranking` (empty if none).

    >>> found = rank("Artemivsk")
    >>> found.match(0).name, found.to_dicts(1)[0]["name"]
    ('Bakhmut', 'Bakhmut')
    """
    idx = index or default_index()
    when = layers.parse_date(date) if date is not None else None
    # A plain name looked up before, typed the same way, needs no cleaning: the memo's texts
    # are cleaned ones, and cleaning a clean text changes nothing.
    key = idx._plain.get(query) if hint is None and type(query) is str else None
    text = query
    if not key:
        text = clean_query(query)
        if hint is not None and not isinstance(hint, str):
            raise TypeError(f"hint must be a string, not {type(hint).__name__}")
        if text is None:
            return Ranking()
        point = query_point(text)
        if point:  # the whole query is a coordinate pair
            return Ranking(ready=[coordinates_match(idx, *point, text)])
        points = written_points(text)
        if points:
            lat, lon, start, end = points[0]
            return Ranking(ready=[coordinates_match(idx, lat, lon, text[start:end])])
        key = plain_place(idx, text) if hint is None else ""
    if key:
        # One name and nothing else (most lookups): none of the rules below applies.
        # A name ranked before needs no look-up of its places: memory the caches seldom hold.
        scored = memoised_ranking(idx, key, limit) if when is None else None
        if scored is None:
            scored = ranked(idx, landmark_reading(idx, key, "", "")[0], key, _NO_HINTS, when, limit)
        return Ranking(idx, scored, text)
    mentions = query_mentions(idx, text)
    if not mentions:
        return Ranking()
    if hint is None and len(mentions) == 1 and not mentions[0].admin_word and mentions[0].lowest >= 0:
        # One name with words around it that change nothing.
        return Ranking(idx, ranked(idx, mentions[0].places, mentions[0].reading(),
                                   _TOWN_HINTS if mentions[0].town else _NO_HINTS, when, limit),
                       mentions[0].text)
    extra = query_mentions(idx, clean_query(hint) or "") if hint is not None else []
    targets = [m for m in mentions if not m.admin_word and m.lowest >= 0]
    # A Ukrainian place beats a foreign city named in passing ("m." read as "Moscow").
    is_foreign = functools.partial(foreign, idx)
    targets.sort(key=is_foreign)
    if targets and all(map(is_foreign, targets)):
        # "Sumy region, shelled from Russia": the Ukrainian unit is where it happened; but
        # "Orlovsky village, Donetsk region" is the Orlovske there, spelled the Russian way.
        units = [m for m in mentions if m.admin_word and m.lowest >= 0 and not is_foreign(m)]
        if units and not any(spelled_in(idx, t, units) for t in targets):
            targets = []
    if names_oblast(idx, targets):
        # "Pervomaiske, Kharkiv": an oblast centre after the place names its oblast.
        last = targets.pop()
        mentions = [m if m is not last else QueryMention(m.text, m.places, HINT, m.key) for m in mentions]
    hint_mentions = [m for m in mentions if m.admin_word or m.lowest < 0] + [
        QueryMention(m.text, m.places, m.admin_word or HINT) for m in extra]
    hints = hints_from(idx, hint_mentions)
    if not any(in_hinted_oblast(idx, t, hints) for t in targets):
        targets = [within_hinted_oblast(idx, t, hints) for t in targets]
    if targets:
        # Several places named: the first, unless a later one is far better supported
        # ("Butivka mine, south of Avdiivka": no Butivka near the line that day).
        # Compared on evidence (score less the size prior), or a big city named as a landmark
        # ("Ilovaisk, Donetsk") would win over the small place the report is about.
        compared = len(targets) > 1
        options = [(ranked(idx, t.places, t.reading(), _as_written(with_landmarks(idx, hints, targets, t), t), when,
                           limit, compared), t) for t in targets[:MAX_TARGETS]]
        k = max(range(len(options)),
                key=lambda i: options[i][0][0][0] - idx.prior[options[i][0][0][1]] - W_ORDER * i)
        k = _finer_site(idx, options, k)
        scored, target = options[k]
        return Ranking(idx, scored, target.text, _hint_notes(hints))
    # Only administrative names (or foreign places besides them): the most specific is the answer.
    last = most_specific(idx, [m for m in mentions if m.admin_word or m.lowest < 0])
    regions = [REGIONS[-1 - p] for p in last.places if p < 0]
    if regions:
        return Ranking(ready=[region_match(regions[0], when, last.text, ["region name"])])
    units = {} if last.admin_word == "direction" else {
        p: lvl for p, lvl in last.places.items() if idx.kind[p] in ("oblast", "raion")}
    if not units and last.admin_word in OBLAST_WORDS:
        units = {p: lvl for p, lvl in last.places.items() if idx.fcode[p] in ("PPLA", "PPLC")}
        abroad = [p for p in units if idx.country[p] != "UA"]
        if abroad and len(abroad) == len(units):
            # "Belgorod region": the foreign region, at its centre (no polygon for it).
            centre = idx.match(max(abroad, key=idx.prior.__getitem__), 1.0,
                               ["administrative centre of the region named"], last.text)
            return Ranking(ready=[dataclasses.replace(centre, name=f"{centre.name} {last.admin_word}",
                                                      precision="region")])
        units = {p: lvl for p, lvl in units.items() if idx.country[p] == "UA"}
        if units:
            oblast_rows = [q for q, k in enumerate(idx.kind) if k == "oblast" and idx.admin1[q] == idx.admin1[next(iter(units))]]
            units = dict.fromkeys(oblast_rows, 0)
    return Ranking(idx, score(idx, units or last.places, Hints(admin1=hints.admin1 - {""}) if units else hints,
                              when, limit), last.text)


def _finer_site(idx: PlaceIndex, options: list, k: int) -> int:
    """The option a later site of the chosen town refines: "near Lugansk ...; near the Luhansk
    airport" is the airport (a site, within SITE_OF_TOWN_KM of the town chosen), else ``k``."""
    town = options[k][0][0][1]
    for i in range(k + 1, len(options)):
        p = options[i][0][0][1]
        if idx.kind[p] == "poi" and idx.kind[town] == "settlement" \
                and distance_km(idx.lon[town], idx.lat[town], idx.lon[p], idx.lat[p]) <= SITE_OF_TOWN_KM:
            return i
    return k


_NO_HINTS = Hints()  # shared, never modified: evidence functions build new Hints
_TOWN_HINTS = Hints(town=True)


def _as_written(hints: Hints, target: QueryMention) -> Hints:
    """``hints`` for ranking ``target``: with what the words around it say it is (a town)."""
    return dataclasses.replace(hints, town=True) if target.town and not hints.town else hints


def _hint_notes(hints: Hints) -> list[str]:
    return [f"hint: {label}" for label in hints.labels]
