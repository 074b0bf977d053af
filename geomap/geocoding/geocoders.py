"""geopy geocoders: the offline Ukrainian :class:`Gazetteer`, and opt-in online backends.

:class:`Gazetteer` answers from the embedded gazetteer, offline, in microseconds. Its
``Location.raw`` holds the evidence: GeoNames id, feature code, oblast (ISO code and name),
raion, precision (coordinates / site / settlement / raion / oblast / region / country), score,
reasons and the ranked alternative candidates; for an oblast or named region also its polygon
(``geometry``).

Online backends reach the network and are used only when asked for by name. Each is a small
subclass of :class:`OnlineGeocoder`, which wraps the geopy geocoder in a ``RateLimiter``, requires
a user agent and keeps every answer in a persistent on-disk cache, so a query is sent once.

>>> loc = Gazetteer().geocode("Stanitsa Luganskaya", date="2022-02-17")
>>> loc.raw["oblast"]["iso"], loc.raw["precision"], round(loc.latitude, 2)
('UA-09', 'settlement', 48.66)
"""
from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import geopy.geocoders
import pandas as pd
import shapely
from geopy.exc import ConfigurationError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.dates import DateLike
from geomap.errors import InputError
from geomap.geocoding.confidence import DEFAULT_MIN_CONFIDENCE, confidence
from geomap.geocoding.index import PlaceIndex, address, default_index
from geomap.geocoding.lookup import ALTERNATIVES, Ranking, clean_query, rank
from geomap.geocoding.query import QUERY_MEMO
from geomap.geocoding.regions import oblast_geometry, region_geometry
from geomap.geocoding.summary import control_status
from geomap.spatial import layers
from geomap.spatial.crs import distance_km

__all__ = ["Gazetteer", "GeocodeCache", "Nominatim", "geocode", "get_geocoder", "reverse"]

REVERSE_REACH = 0.5  # degrees beyond Ukraine's land (border areas, the coast) where reverse() answers


class Gazetteer(Geocoder):
    """Offline geocoder over geomap's embedded Ukrainian gazetteer (a geopy ``Geocoder``).

    ``geocode`` takes a place name or a short location description, plus an optional ``date``
    (favours places near the line of contact that day) and ``hint`` (administrative context such
    as "Kherson oblast"). Bad input (empty, numbers only) gives ``None``; a non-string or a text
    longer than 2,000 characters raises ``TypeError``/``ValueError`` with a clear message.

    >>> g = Gazetteer()
    >>> g.geocode("Mykhailivka", hint="Kherson region").raw["oblast"]["name"]
    'Kherson Oblast'
    >>> [loc.raw["precision"] for loc in g.geocode("Kherson region", exactly_one=False)][:1]
    ['oblast']
    """

    def __init__(self, index: PlaceIndex | None = None) -> None:
        super().__init__(user_agent="geomap-offline-gazetteer")
        self.index = index or default_index()
        # Address and geopy Point of each place answered, made once per place: geopy validates
        # coordinates on every Point it makes, which would cost a plain lookup a third of its time.
        # Kept by place row in two lists (8 bytes a place each), not in a dict of (address, Point)
        # pairs: a list's slot is one read where a dict look-up touches more memory, and the
        # garbage collector would track every pair (as it must the Points).
        self._addresses: list[str | None] = [None] * len(self.index)
        self._points: list[Point | None] = [None] * len(self.index)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                language: str | None = None, date: DateLike = None, hint: str | None = None,
                limit: int | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                ) -> Location | list[Location] | None:
        """Best Location (``exactly_one``) or ranked Locations for ``query``; None if not found.

        Every answer carries ``raw["confidence"]``, the probability that it is right within
        25 km (or, for an area, that the place meant lies in it); answers below
        ``min_confidence`` are not given (None), so a string that names no place ("Zelensky",
        "air defence") is not forced onto a village (``min_confidence=0`` shows what it would
        have been). A blank or missing query (None, NaN) is None too, so ``Series.apply`` works
        on a column with gaps. ``timeout`` and ``language`` are accepted as geopy's geocoders
        take them: an offline answer needs no timeout, and every answer carries the English
        transliteration (``address``) and the Ukrainian name (``raw["name_uk"]``)."""
        if _missing(query):
            return None
        found = rank(query, date=date, hint=hint, limit=max(limit or 0, ALTERNATIVES + 1), index=self.index)
        if not found:
            return None
        # Locations are made from the candidates' JSON: no Match objects for them.
        raws = found.to_dicts(max(limit or 0, ALTERNATIVES + 1))
        raws[0]["candidates"] = raws[1:ALTERNATIVES + 1]
        best = raws[0]["confidence"] = self._confidence(query, raws[0], date is None and hint is None)
        if exactly_one:
            return self._location(raws[0], found, 0, date) if best >= min_confidence else None
        for i, raw in enumerate(raws[1:], 1):
            # A runner-up is right at most when the best answer is not.
            raw["candidates"] = raws[i + 1:i + 1 + ALTERNATIVES]
            raw["confidence"] = min(confidence(query, raw), round(1 - best, 3))
        answers = [self._location({**raw, "candidates": []}, found, i, date)
                   for i, raw in enumerate(raws[:limit]) if raw["confidence"] >= min_confidence]
        return answers or None

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                language: str | None = None, date: DateLike = None,
                source: str = layers.DEFAULT_SOURCE) -> Location | list[Location] | None:
        """The settlement nearest to a point (a geopy ``Point``, ``(lat, lon)`` or ``"lat, lon"``),
        with its raion and oblast, how far it is, and the point's control status and distance to
        the line of contact on ``date`` (default: the last date ``source`` covers) in ``raw``.
        None for a point outside the area the embedded layers cover.

        >>> loc = Gazetteer().reverse("48.1394, 37.7431", date="2023-06-01")
        >>> loc.address, loc.raw["control"]["control"]
        ('Avdiivka, Pokrovsk Raion, Donetsk Oblast', 'government')
        """
        point = Point(query)
        lon, lat = point.longitude, point.latitude
        if not shapely.contains_xy(_reach(), lon, lat):
            return None
        p = self.index.nearest_settlement(lon, lat)
        raw = self.index.match(p, 1.0, [], f"{lat:.5f}, {lon:.5f}").to_dict()
        raw["distance_km"] = round(distance_km(lon, lat, raw["longitude"], raw["latitude"]), 2)
        when = date if date is not None else layers.coverage(source)[1]
        raw["control"] = control_status(shapely.Point(lon, lat), when, source)
        location = Location(address(raw["name"], raw["raion"], raw["precision"], raw["oblast"]["name"],
                                    raw["country"]), Point(raw["latitude"], raw["longitude"]), raw)
        return location if exactly_one else [location]

    def _confidence(self, query: str, raw: dict[str, Any], by_name: bool) -> float:
        """:func:`~geomap.geocoding.confidence.confidence` of the best answer, remembered for a
        query without date or hint (its answer then depends on the query alone)."""
        if not by_name:
            return confidence(query, raw)
        memo = self.index.memo("confidence", QUERY_MEMO)
        known = memo.get(query)
        return known if known is not None else memo.keep(query, confidence(query, raw))

    def _location(self, raw: dict[str, Any], found: Ranking, i: int, date: object) -> Location:
        """The geopy Location of the i-th candidate, whose JSON is ``raw``
        (:meth:`geomap.geocoding.lookup.Match.to_dict`), with the polygon of the oblast or named region
        it is added."""
        oblast = raw["oblast"]
        region = found.region(i)
        if region is not None:
            raw["geometry"] = _geojson(region_geometry(region, _date_or_none(date)))
        elif raw["precision"] == "oblast" and oblast["iso"]:
            raw["geometry"] = _geojson(oblast_geometry(oblast["iso"]))
        p = found.place(i)  # None for a named region or a written point: made every time
        point = self._points[p] if p is not None else None
        if point is None:
            where = address(raw["name"], raw["raion"], raw["precision"], oblast["name"], raw["country"])
            point = Point(raw["latitude"], raw["longitude"])
            if p is None:
                return Location(where, point, raw)
            self._addresses[p], self._points[p] = where, point
        return Location(self._addresses[p], point, raw)


@functools.cache
def _reach() -> shapely.Geometry:
    """Where reverse() answers: Ukraine's land and REVERSE_REACH around it (prepared once)."""
    area = layers.ukraine_land().buffer(REVERSE_REACH)
    shapely.prepare(area)
    return area


# GeoJSON of the polygons answered, by the polygon's id: the layers hand out the same cached
# object for an oblast or a region on a date, and converting a large polygon is costly.
_GEOJSON: dict[int, tuple[shapely.Geometry, dict[str, Any]]] = {}


def _geojson(geometry: shapely.Geometry) -> dict[str, Any]:
    """``geometry`` as a GeoJSON mapping (JSON-ready, unlike the shapely object), made once a
    polygon; each caller gets its own top-level dict."""
    known = _GEOJSON.get(id(geometry))
    if known is None or known[0] is not geometry:
        if len(_GEOJSON) > 512:
            _GEOJSON.clear()
        known = _GEOJSON[id(geometry)] = (geometry, shapely.geometry.mapping(geometry))
    return dict(known[1])


def _missing(query: object) -> bool:
    """Whether a query is absent rather than wrong: None, NaN or pandas' NA."""
    return query is None or (not isinstance(query, str) and pd.isna(query) is True)


def _date_or_none(date: object):
    from geomap.dates import parse_date

    return parse_date(date) if date is not None else None


class GeocodeCache:
    """A persistent key -> JSON store (SQLite) shared by the online backends.

    >>> import tempfile, pathlib
    >>> c = GeocodeCache(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite")
    >>> c.put("k", [1, 2]); c.get("k"), c.get("missing")
    ([1, 2], None)
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # one connection, used from any thread
        self._db = sqlite3.connect(str(self.path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT, stored REAL)")
        self._db.commit()

    def get(self, key: str) -> Any:
        with self._lock:
            row = self._db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                             (key, json.dumps(value), time.time()))
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]


def default_cache_path() -> Path:
    """``$GEOMAP_CACHE_DIR`` or ``$XDG_CACHE_HOME/geomap`` or ``~/.cache/geomap``, + geocode.sqlite."""
    base = (os.environ.get("GEOMAP_CACHE_DIR")
            or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "geomap")
    return Path(base) / "geocode.sqlite"


class OnlineGeocoder(Geocoder):
    """Shared base of the online backends: user agent required, rate limit, on-disk cache.

    A subclass names its geopy class in ``service``. ``hint`` is appended to the query text (the
    services parse "Mykhailivka, Kherson Oblast" themselves); ``date`` is not used online.
    """

    service: type[Geocoder]
    name: str

    def __init__(self, user_agent: str | None = None, *, cache_path: str | Path | None = None,
                 min_delay_seconds: float = 1.0, **options: Any) -> None:
        user_agent = user_agent or os.environ.get("GEOMAP_USER_AGENT")
        if not user_agent:
            raise ConfigurationError(
                f"the {self.name} geocoder needs a user agent that identifies your application "
                "(user_agent=... or the GEOMAP_USER_AGENT environment variable)")
        super().__init__(user_agent=user_agent)
        self.client = self.service(user_agent=user_agent, **options)
        # geopy's RateLimiter spaces calls (Nominatim's policy: at most one per second) and
        # retries transient errors; cached answers never reach it.
        self._call = RateLimiter(self.client.geocode, min_delay_seconds=min_delay_seconds,
                                 max_retries=2, error_wait_seconds=min_delay_seconds * 2,
                                 swallow_exceptions=False)
        self.cache = GeocodeCache(cache_path)
        self.endpoint = getattr(self.client, "api", self.name)

    def geocode(self, query: str, *, exactly_one: bool = True, date: DateLike = None,
                hint: str | None = None, **params: Any) -> Location | list[Location] | None:
        """Ask the service (or the cache) for ``query``; geopy Locations as the service returns them.
        ``params`` (``timeout``, ``language`` ...) go to the service as geopy takes them."""
        if _missing(query):
            return None
        text = clean_query(query)
        if text is None:
            return None
        if hint:
            text = f"{text}, {hint}"
        key = json.dumps([self.endpoint, text, sorted(params.items())], ensure_ascii=False, default=str)
        answers = self.cache.get(key)
        if answers is None:
            found = self._call(text, exactly_one=False, **params) or []
            answers = [{"address": loc.address, "point": [loc.latitude, loc.longitude], "raw": loc.raw}
                       for loc in found]
            self.cache.put(key, answers)
        locations = [Location(a["address"], tuple(a["point"]), a["raw"]) for a in answers]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


class Nominatim(OnlineGeocoder):
    """OpenStreetMap Nominatim through geopy (opt-in; rate-limited and cached).

    ``domain``/``scheme`` point it at another Nominatim server (a self-hosted one, or a test
    server); the public server's usage policy asks for a real user agent and one request a second.
    """

    service = geopy.geocoders.Nominatim
    name = "nominatim"


BACKENDS: dict[str, type[Geocoder]] = {"gazetteer": Gazetteer, "nominatim": Nominatim}


def get_geocoder(name: str = "gazetteer", **options: Any) -> Geocoder:
    """A geocoder by name; the offline gazetteer is created once and shared.

    >>> get_geocoder() is get_geocoder()
    True
    """
    if name not in BACKENDS:
        raise InputError(f"unknown geocoder {name!r}; choose one of {', '.join(BACKENDS)}")
    if name == "gazetteer" and not options:
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT
    return BACKENDS[name](**options)


_DEFAULT: Gazetteer | None = None


def reverse(query: Any, date: DateLike = None, exactly_one: bool = True) -> Location | list[Location] | None:
    """The settlement nearest to a point, with its control status on ``date`` (offline).

    >>> reverse((47.0951, 37.5413)).address
    'Mariupol, Mariupolskyi Raion, Donetsk Oblast'
    """
    return get_geocoder("gazetteer").reverse(query, exactly_one=exactly_one, date=date)


def geocode(query: str, date: DateLike = None, hint: str | None = None, exactly_one: bool = True,
            geocoder: str = "gazetteer", *, timeout: Any = DEFAULT_SENTINEL, language: str | None = None,
            min_confidence: float | None = None, **options: Any) -> Location | list[Location] | None:
    """Geocode a place name or location description (offline unless another geocoder is named).
    ``timeout`` and ``language`` are passed on as geopy's geocoders take them; ``min_confidence``
    (the gazetteer's, default :data:`~geomap.geocoding.confidence.DEFAULT_MIN_CONFIDENCE`) is the
    confidence below which no answer is given; ``options`` make the geocoder (``user_agent=`` for
    an online one).

    >>> geocode("Artemivsk").address
    'Bakhmut, Bakhmut Raion, Donetsk Oblast'
    >>> geocode(float("nan")) is None
    True
    """
    params: dict[str, Any] = {} if timeout is DEFAULT_SENTINEL else {"timeout": timeout}
    if language is not None:
        params["language"] = language
    if min_confidence is not None:  # the offline gazetteer's (online services give no confidence)
        params["min_confidence"] = min_confidence
    return get_geocoder(geocoder, **options).geocode(query, exactly_one=exactly_one, date=date, hint=hint,
                                                     **params)
