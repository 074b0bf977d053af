"""The embedded Ukrainian gazetteer: load it, find candidates for a query, rank them with evidence.

A query is a name ("Stanytsia Luhanska", "Станиця Луганська") or a short location description as
reports write it ("near Blagodatne village, Amvrosievsky region Donetsk region"). The text is cut
into clauses and words; the longest word runs that are gazetteer names become *mentions*
(:mod:`geomap.geocoding.query`). A mention followed by "region", "oblast", "district", "raion" ... is an
administrative *hint*; the first other mention is the place asked for (:mod:`geomap.geocoding.hints`). Its
candidates (often dozens of villages of one name) are ranked (:mod:`geomap.geocoding.ranking`) by how well
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
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from geomap.dates import DateLike, parse_date
from geomap.errors import InputError, InputTypeError
from geomap.geocoding import regions
from geomap.geocoding.hints import (
    OBLAST_WORDS,
    foreign,
    hints_from,
    in_hinted_oblast,
    most_specific,
    names_oblast,
    spelled_in,
    with_landmarks,
    within_hinted_oblast,
)
from geomap.geocoding.index import (
    Match,
    PlaceIndex,
    coordinates_match,
    default_index,
    region_match,
    result_json,
)
from geomap.geocoding.query import (
    HINT,
    QUERY_MEMO,
    QueryMention,
    landmark_reading,
    plain_place,
    query_mentions,
    query_point,
    written_points,
)
from geomap.geocoding.ranking import Hints, donbas_border, memoised_ranking, ranked, score
from geomap.geocoding.regions import REGIONS, Region
from geomap.spatial.crs import distance_km

__all__ = ["ALTERNATIVES", "MAX_QUERY_CHARS", "Ranking", "clean_query", "lookup", "preload", "rank"]

MAX_QUERY_CHARS = 2_000  # longer input is a document, not a place description
ALTERNATIVES = 5  # runner-ups an answer's JSON keeps in "candidates" (and its confidence weighs)
MAX_TARGETS = 3  # places compared when a text names several
W_ORDER = 0.6  # how much better a later-named place must score than the first
SITE_OF_TOWN_KM = 30.0  # a site (airport ...) named after a town this near to it refines it

_LETTER = re.compile(r"[^\W\d_]")  # a query without letters names nothing ...
_TWO_NUMBERS = re.compile(r"\d\D+\d")  # ... unless it is a coordinate pair (see query.query_point)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def preload() -> None:
    """Load the gazetteer and build every table derived from it, the Donbas border and the named
    regions' polygons now, not on first use."""
    default_index().build_tables()
    donbas_border()
    regions.preload()


def clean_query(query: object) -> str | None:
    """The query as text fit for lookup, None if it holds nothing to look up.

    Raises TypeError for non-strings and ValueError for text longer than MAX_QUERY_CHARS, with a
    message that says so; control characters become spaces.

    >>> clean_query("  Bakhmut\\x00 "), clean_query("   "), clean_query("12345"), clean_query("48.5, 37.9")
    ('Bakhmut', None, None, '48.5, 37.9')
    """
    if not isinstance(query, str):
        raise InputTypeError(f"a place name must be a string, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"query is {len(query):,} characters long; geocoding takes a place name or a "
                         f"short location description (at most {MAX_QUERY_CHARS:,} characters)")
    text = _CONTROL.sub(" ", query).strip()
    if not _LETTER.search(text) and not _TWO_NUMBERS.search(text):  # a coordinate pair is something
        return None
    return text


def lookup(query: str, date: DateLike = None, hint: str | None = None, limit: int = 10,
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

    def answer_json(self) -> dict[str, Any]:
        """The best candidate's JSON with the next ALTERNATIVES in ``candidates``: what a geocoder
        answer's ``raw`` holds, and what its confidence is measured on (rank with a limit of at
        least ALTERNATIVES + 1)."""
        best, *others = self.to_dicts(ALTERNATIVES + 1)
        best["candidates"] = others
        return best

    def to_dicts(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The ``limit`` best (all by default) as :meth:`Match.to_dict` makes them, without
        making the Matches."""
        if self.ready:
            return [m.to_dict() for m in self.ready[:limit]]
        if not self.scored:
            return []
        values, notes, matched = self.index.place_values, self.notes, self.matched
        return [result_json(values[p], s, [*r, *notes], matched) for s, p, r in self.scored[:limit]]


def rank(query: str, date: DateLike = None, hint: str | None = None, limit: int = 10,
         index: PlaceIndex | None = None) -> Ranking:
    """:func:`lookup`'s candidates as a :class:`Ranking` (empty if none).

    >>> found = rank("Artemivsk")
    >>> found.match(0).name, found.to_dicts(1)[0]["name"]
    ('Bakhmut', 'Bakhmut')
    """
    idx = index or default_index()
    when = parse_date(date) if date is not None else None
    # A plain name looked up before, typed the same way, needs no cleaning: the memo's texts
    # are cleaned ones, and cleaning a clean text changes nothing.
    key = idx.memo("plain", QUERY_MEMO).get(query) if hint is None and type(query) is str else None
    text = query
    if not key:
        text = clean_query(query)
        if hint is not None and not isinstance(hint, str):
            raise InputTypeError(f"hint must be a string, not {type(hint).__name__}")
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
    hints = hints_from(idx, hint_mentions, when)
    if not any(in_hinted_oblast(idx, t, hints) for t in targets):
        targets = [within_hinted_oblast(idx, t, hints) for t in targets]
    if targets:
        # Several places named: the first, unless a later one is far better supported
        # ("Butivka mine, south of Avdiivka": no Butivka near the line that day).
        # Compared on evidence (score less the size prior), or a big city named as a landmark
        # ("Ilovaisk, Donetsk") would win over the small place the report is about.
        compared = len(targets) > 1
        options = [(ranked(idx, t.places, t.reading(), _as_written(with_landmarks(idx, hints, targets, t), t),
                           when, limit, compared), t) for t in targets[:MAX_TARGETS]]
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
            oblast_rows = [q for q, k in enumerate(idx.kind)
                           if k == "oblast" and idx.admin1[q] == idx.admin1[next(iter(units))]]
            units = dict.fromkeys(oblast_rows, 0)
    return Ranking(idx, score(idx, units or last.places,
                              Hints(admin1=hints.admin1 - {""}) if units else hints,
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
