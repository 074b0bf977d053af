"""The embedded gazetteer in memory (:class:`PlaceIndex`), its answers (:class:`Match`) and the
static part of every place's score.

Every later step of a lookup (query, fuzzy, hints, ranking, lookup) reads the index; the index
reads none of them. Steps keep what they derive from it in :meth:`PlaceIndex.memo` (bounded
memos of answers) and :meth:`PlaceIndex.derived` (tables built once).

>>> idx = default_index()
>>> town = max((p for p in idx.find("bakhmut") if idx.kind[p] == "settlement"),
...            key=idx.population.__getitem__)
>>> idx.match(town, 1.0, [], "Bakhmut").address
'Bakhmut, Bakhmut Raion, Donetsk Oblast'
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pyarrow.parquet as pq

from geomap.data import data_path
from geomap.errors import EmbeddedDataError
from geomap.geocoding.names import FIND_MEMO, KEY_VERSION, loose_key, name_key, ukrainian_endings
from geomap.geocoding.regions import REGIONS, Region, oblast_names, region_geometry
from geomap.geocoding.weights import TOWN_POP, W_FCODE, W_KIND, W_POP, W_SIZE_RANK
from geomap.spatial.crs import distance_km, distances_km

__all__ = ["FOREIGN_UNIT", "PLACE_FIELDS", "PRECISION", "BoundedMemo", "Match", "PlaceIndex", "address",
           "coordinates_match", "default_index", "foreign_unit", "priors", "region_match", "result_json"]

MIN_LOOSE_CHARS = 4  # loose keys shorter than this match too much to be evidence
# Belgorod, Kursk, Bryansk, Voronezh, Rostov, Gomel: within reach of cross-border fire
NEAR_UKRAINE_KM = 250.0
FOREIGN_UNIT = 1000  # foreign first-level units are numbered from here (Ukraine's codes are below 100)

PRECISION = {"settlement": "settlement", "poi": "site", "landmark": "site", "world": "settlement",
             "raion": "raion", "oblast": "oblast"}

T = TypeVar("T")
# Builders of the tables derived from an index (see derived_table): a table is built on first use,
# or with all the others by PlaceIndex.build_tables.
_TABLES: list[Callable[[PlaceIndex], Any]] = []


def derived_table(build: Callable[[PlaceIndex], T]) -> Callable[[PlaceIndex], T]:
    """Declare ``build`` (index -> table) a table derived from the index: :meth:`PlaceIndex.derived`
    builds it on first use and keeps it; :meth:`PlaceIndex.build_tables` builds every one at once."""
    _TABLES.append(build)
    return build


class BoundedMemo(dict):
    """A dict of remembered answers that empties itself when it grows past ``limit`` entries
    (answers depend on the index only, so forgetting them costs time, never correctness).

    >>> memo = BoundedMemo(1)
    >>> memo.keep("a", 1), memo.keep("b", 2), memo.keep("c", 3), sorted(memo)
    (1, 2, 3, ['c'])
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: Any, value: T) -> T:
        """Remember ``value`` under ``key`` and return it."""
        if len(self) > self.limit:
            self.clear()
        self[key] = value
        return value


def foreign_unit(country: str, admin1: str) -> str:
    """The hint code of a first-level unit outside Ukraine (Ukraine's are bare GeoNames codes).

    >>> foreign_unit("RU", "09")
    'RU-09'
    """
    return f"{country}-{admin1}"


def priors(idx: PlaceIndex) -> list[float]:
    """The static part of every place's score (kind, feature class, population, register size
    category): the index computes it once so that a lookup only adds evidence."""
    return [W_KIND[k] + W_FCODE.get(f, 0.0) + W_POP * math.log10(p + 1) + W_SIZE_RANK * max(s, 0)
            for k, f, p, s in zip(idx.kind, idx.fcode, idx.population, idx.size_rank)]


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
    confidence: float | None = None  # see geomap.geocoding.confidence; None until measured

    @property
    def address(self) -> str:
        """Display name: place, raion, oblast (as much as is known)."""
        return address(self.name, self.raion, self.precision, self.oblast_name, self.country)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (what a Location's ``raw`` holds for this candidate)."""
        return result_json(_place_values(self.__dict__), self.score, self.reasons, self.matched)


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


def result_json(place: tuple, score: float, reasons: list[str], matched: str) -> dict[str, Any]:
    """A candidate as JSON: its place (the :data:`PLACE_FIELDS` of a Match), then how it matched
    the query."""
    (name, name_uk, latitude, longitude, geonameid, feature_code, precision, oblast_iso, oblast_name,
     raion, hromada, population, country) = place
    return {
        "name": name, "name_uk": name_uk, "latitude": latitude, "longitude": longitude,
        "geonameid": geonameid, "feature_code": feature_code, "precision": precision,
        "oblast": {"iso": oblast_iso, "name": oblast_name},
        "raion": raion, "hromada": hromada, "population": population, "country": country,
        "score": score, "reasons": reasons, "matched": matched,
    }


# The query-independent fields of a Match that its JSON holds, in :func:`result_json`'s order.
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
            raise EmbeddedDataError(f"embedded gazetteer has key version {version}, "
                               f"geomap.geocoding.names {KEY_VERSION}: "
                               "rebuild with `python boundaries/scripts/build_gazetteer.py`")
        cols = table.to_pydict()
        # The columns a lookup reads (see _one_object_each).
        for column in ("name", "name_uk", "fcode", "country", "admin1", "admin2", "raion", "hromada_uk",
                       "population", "kind"):
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
        # What later steps of a lookup remember or derive, kept here since it depends on this
        # index only (see memo and derived).
        self._memos: dict[str, BoundedMemo] = {}
        self._derived: dict[Callable[[PlaceIndex], Any], Any] = {}
        # see query.landmark_reading
        self.landmarks = frozenset(p for p, k in enumerate(self.kind) if k == "landmark")
        self.landmark_keys: set[str] = set()  # keys whose find() holds a landmark (filled by find)
        # The build sorts places by kind, so the foreign ("world") places form the last block.
        self.first_foreign = self.kind.index("world")
        if any(k != "world" for k in self.kind[self.first_foreign:]):
            raise EmbeddedDataError("embedded gazetteer is not sorted by kind; rebuild it")
        self._found = BoundedMemo(FIND_MEMO)
        # Oblast codes as numbers for vectorised comparison: the GeoNames code in Ukraine, a
        # number from FOREIGN_UNIT up for a foreign first-level unit ("Belgorod region" must not
        # read as Ukraine's code 09, Luhansk), -1 when unknown.
        self.unit_num: dict[str, int] = {}
        for a, c in zip(self.admin1, self.country):
            if c != "UA" and a:
                self.unit_num.setdefault(foreign_unit(c, a), FOREIGN_UNIT + len(self.unit_num))
        self.admin1_num = np.array([int(a) if c == "UA" and a.isdigit()
                                    else self.unit_num.get(foreign_unit(c, a), -1)
                                    for a, c in zip(self.admin1, self.country)], dtype=np.int16)

    def __len__(self) -> int:
        return len(self.name)

    # -- what later steps keep ---------------------------------------------------------------
    def memo(self, name: str, limit: int) -> BoundedMemo:
        """The bounded memo called ``name`` (made on first use): a step's answers by its input."""
        try:  # asked several times a lookup: the common case costs one dict subscription
            return self._memos[name]
        except KeyError:
            memo = self._memos[name] = BoundedMemo(limit)
            return memo

    def derived(self, build: Callable[[PlaceIndex], T]) -> T:
        """The table ``build`` (a :func:`derived_table`) makes of the index: built on first use, then kept."""
        try:
            return self._derived[build]
        except KeyError:
            table = self._derived[build] = build(self)
            return table

    def build_tables(self) -> None:
        """Build every :func:`derived_table` now rather than on first use (a service or a worker
        at start: its first report is then no slower than the others)."""
        for build in _TABLES:
            self.derived(build)

    # -- candidate search ------------------------------------------------------------------
    def find(self, key: str) -> dict[int, int]:
        """Places (row -> best match level) with a name of this strict or loose key.

        Loose matches are kept beside strict ones: "Makarovo, Luhansk region" is the Makarove of
        Luhansk oblast even though other oblasts have a Makarovo.
        """
        found = self._found.get(key)
        if found is not None:
            return found
        found = self._found.keep(key, {})
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
            self.landmark_keys.add(key)
        return found

    # -- places near a point ---------------------------------------------------------------
    def nearest_settlement(self, lon: float, lat: float) -> int:
        """Row of the settlement nearest to a point."""
        rows = self.derived(_settlement_rows)
        return int(rows[np.argmin(distances_km(lon, lat, self.lon[rows], self.lat[rows]))])

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
        m.region, m.score, m.reasons, m.matched, m.confidence = None, score, list(reasons), matched, None
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
                 precision="coordinates", score=1.0,
                 reasons=[f"coordinates in the text; {d:.1f} km from {near.name}"],
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
    return PlaceIndex(data_path("gazetteer_places.parquet"), data_path("gazetteer_names.parquet"))


@derived_table
def _settlement_rows(idx: PlaceIndex) -> np.ndarray:
    """Rows of the settlements of Ukraine, in row order (the first of equally near ones wins)."""
    return np.flatnonzero([k == "settlement" for k in idx.kind[: idx.first_foreign]])
