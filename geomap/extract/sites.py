"""Where a report's mentions are: gazetteer readings with the report's hints and date, and the
geometry an incident gets (a settlement's point, an oblast's or named region's polygon for the
date), or the region the report supports most when it names no place.

The extractor (:mod:`geomap.extract.incidents`) calls :func:`resolve_all` once the roles are known; the
geocoder answers are remembered, since reports in a batch name the same places again.

>>> from geomap.geocoding.lookup import lookup
>>> incident_geometry(lookup("Kherson region")[0], None).geom_type in ("Polygon", "MultiPolygon")
True
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable

import shapely

from geomap.extract.model import Mention, Sentence
from geomap.geocoding.confidence import confidence
from geomap.geocoding.index import Match, PlaceIndex, default_index, region_match
from geomap.geocoding.lookup import ALTERNATIVES, MAX_QUERY_CHARS, lookup, rank
from geomap.geocoding.names import name_key
from geomap.geocoding.ranking import line_distances
from geomap.geocoding.regions import (
    REGIONS,
    Region,
    oblast_geometry,
    oblast_names,
    region_geometry,
)
from geomap.schema import ROLES
from geomap.spatial import layers

__all__ = ["best_region", "country_match", "incident_geometry", "preload", "resolve_all"]

SHAPE_TOLERANCE = 0.005  # degrees
MAJOR_CITY_POP = 100_000  # a city this big is meant by its name, whatever else a report names
# The report-wide hint is a short list of the units a report names, not the report: a long report
# names hundreds, and the geocoder takes at most MAX_QUERY_CHARS. The first ones named are kept.
MAX_HINT_CHARS = (MAX_QUERY_CHARS - 2) // 2  # a report-wide hint and a sentence's sites, joined


def _hint_text(mentions: Iterable[Mention]) -> str:
    """The administrative units a report names, as one hint for the geocoder (at most
    MAX_HINT_CHARS characters, the units named first).

    >>> from geomap.extract.model import Mention
    >>> many = [Mention(f"Unit{i}", 0, 5, {}, "district") for i in range(500)]
    >>> hint = _hint_text(many)
    >>> len(hint) <= MAX_HINT_CHARS, hint.split(", ")[0]
    (True, 'Unit0 district')
    """
    parts = dict.fromkeys(m.measured_from or (f"{m.query_name} {m.admin_word}".strip() if m.admin_word
                                              else m.query_name)
                          for m in mentions)
    text = ""
    for part in parts:
        longer = f"{text}, {part}" if text else part
        if len(longer) > MAX_HINT_CHARS:
            break
        text = longer
    return text


def _resolve(m: Mention, hint: str, day: dt.date | None, idx: PlaceIndex) -> None:
    """Best gazetteer reading of a mention given the report's administrative hints and date."""
    if m.region is not None and (m.occupied or all(p < 0 for p in m.places) or m.admin_word == ""):
        regions = [REGIONS[-1 - p] for p in m.places if p < 0]
        if regions and (m.occupied or not [p for p in m.places if p >= 0 and idx.kind[p] == "settlement"]):
            m.match = _region_match(regions[0], day, m.text)
            return
    words = m.admin_word or m.kind_word
    name = m.query_name  # as written (an inflected name by its base form)
    query = f"{words} {name}" if words.endswith(" of") else f"{name} {words}".strip()
    if m.position:
        query = f"{query} ({m.position})"  # how far and which way from a town the text names
    m.match = _lookup(query, day, hint or None)


@functools.lru_cache(maxsize=8192)
def _lookup(query: str, day: dt.date | None, hint: str | None) -> Match | None:
    """The geocoder's best answer with its confidence, remembered: reports in a batch name the
    same places again."""
    found = rank(query, date=day, hint=hint, limit=ALTERNATIVES + 1, index=default_index())
    if not found:
        return None
    best = found.match(0)
    best.confidence = confidence(query, found.answer_json())
    return best


def _region_match(region: Region, day: dt.date | None, written: str) -> Match:
    """A named region as a Match, cached per region and layer date (its polygon is costly)."""
    match = _cached_region_match(region.name, _layer_day(day, region))
    return dataclasses.replace(match, matched=written, reasons=list(match.reasons))


@functools.lru_cache(maxsize=256)
def _cached_region_match(name: str, day: dt.date | None) -> Match:
    region = next(r for r in REGIONS if r.name == name)
    return region_match(region, day, "", ["region name"])


def _layer_day(day: dt.date | None, region: Region) -> dt.date | None:
    """The date of the control layer snapshot in force on ``day`` for a region cut by the
    occupied area, None for any other region (its polygon is the same on every date): the key
    of the region caches, since every day a snapshot holds shares its polygons."""
    if day is None or not region.occupied:
        return None
    start, end = layers.coverage()
    return layers.layer_date(min(max(day, start), end))


def preload() -> None:
    """Make every oblast's incident polygon, and every named region's that no date cuts, now
    rather than on first use."""
    for iso, _ in oblast_names().values():
        _oblast_shape(iso)
    for region in REGIONS:
        if region.admin1 and not region.occupied:
            _region_shape(region.name, None)


@functools.lru_cache(maxsize=256)
def _region_shape(name: str, day: dt.date | None) -> shapely.Geometry:
    region = next(r for r in REGIONS if r.name == name)
    return _simplified(region_geometry(region, day))


@functools.lru_cache(maxsize=64)
def _oblast_shape(iso: str) -> shapely.Geometry | None:
    shape = oblast_geometry(iso)
    return None if shape is None else _simplified(shape)


def _simplified(shape: shapely.Geometry) -> shapely.Geometry:
    """An area incident's polygon at ~500 m detail: its precision is an oblast or a region, and
    fewer vertices keep the control check of the polygon fast."""
    return shapely.make_valid(shapely.simplify(shape, SHAPE_TOLERANCE, preserve_topology=True))


def incident_geometry(match: Match, day: dt.date | None) -> shapely.Geometry:
    """Point for a settlement; the polygon for an oblast or a named region (resolved for the date)."""
    if match.region is not None:
        return _region_shape(match.region.name, _layer_day(day, match.region))
    if match.precision == "oblast" and match.oblast_iso:
        shape = _oblast_shape(match.oblast_iso)
        if shape is not None:
            return shape
    return shapely.Point(match.longitude, match.latitude)


def country_match(day: dt.date | None) -> Match:
    """Ukraine as a Match: where an incident is when the report says no more."""
    return _region_match(next(r for r in REGIONS if r.precision == "country"), day, "")


def best_region(clauses: list[Sentence], day: dt.date | None, idx: PlaceIndex) -> tuple[Match, str]:
    """The oblast (or region) the report's places support most, for an incident it does not place."""
    votes: Counter[str] = Counter()
    regions = []
    for c in clauses:
        for m in c.mentions:
            if m.role in ("actor", "context") or m.match is None or m.match.country != "UA":
                continue
            if m.match.region is None:
                isos = [m.match.oblast_iso]
            elif m.match.region.precision != "country":
                regions.append(m.match.region)
                isos = [oblast_names().get(a, ("", ""))[0] for a in m.match.region.admin1]
            else:
                continue
            votes.update(iso for iso in isos if iso)  # Counter keeps first-seen order for ties
    if not votes:
        return country_match(day), "place not named and no region named: Ukraine"
    top = max(votes.values())
    tied = [iso for iso, v in votes.items() if v == top]
    # How sure the guess is: the share of the report's places that lie in it (a report about one
    # oblast gives 1, a round-up of strikes across the country a small share).
    share = round(top * len(tied) / votes.total(), 3)
    covering = [r for r in regions if {oblast_names().get(a, ("", ""))[0] for a in r.admin1} == set(tied)]
    if len(tied) > 1 and covering:
        guess = _region_match(covering[0], day, "")
        return dataclasses.replace(guess, confidence=share), "place not named: the region the report names"
    name = next(name for iso, name in oblast_names().values() if iso == tied[0])
    oblast = next(m for m in lookup(name, limit=3, index=idx) if m.precision == "oblast")
    share = share / len(tied)
    note = "place not named: the oblast the report's places support most"
    return dataclasses.replace(oblast, confidence=share), note


def resolve_all(clauses: list[Sentence], day: dt.date | None, idx: PlaceIndex,
                roles: tuple[str, ...] = ROLES) -> None:
    """Geocode the mentions of these roles: hints from their own sentence first, else the report's."""
    pending = [(c, m, c.window[1] if c.window else day) for c in clauses for m in c.mentions
               if m.match is None and m.role in roles]
    if not pending:
        return
    report_hints = _hint_text(m for c in clauses for m in c.mentions
                              if m.role != "actor" and (m.admin_word or m.role == "admin" or (
                                  m.region is not None and m.region.precision != "country")))
    _measure_line_distances(pending, idx)
    local_hints: dict[int, str] = {}  # by clause: its mentions share them
    for c, m, when in pending:
        local = local_hints.get(id(c))
        if local is None:
            local = local_hints[id(c)] = _hint_text(o for o in c.mentions if o.role in ("admin", "reference"))
        # Places hit together are near one another ("shelled Opytne and Avdiivka"): the
        # sentence's other sites are landmarks for an ambiguous name. The same name again, in
        # any spelling ("Kiev/Kyiv"), is no landmark: as a hint it would read as its best-known
        # namesake.
        others = _hint_text(o for o in c.mentions if o.role == "site" and o.region is None
                            and o.places.keys() != m.places.keys())
        # A major city named exactly keeps only the units named in its own sentence.
        major = _names_a_major_city(m, idx)
        hint = local if major else ", ".join(h for h in (local or report_hints, others) if h)
        if m.position:
            hint = ""  # "Vodiane, 95 km to the south of Donetsk" says where it is better than any hint
        _resolve(m, hint, when, idx)
        if not local and report_hints and _left_its_own_name(m, idx):
            # Units named elsewhere in a long report may rank a place, not move a name written
            # exactly onto a namesake spelt otherwise ("Chupakhivka" is no "Chepyhivka").
            _resolve(m, others, when, idx)


def _left_its_own_name(m: Mention, idx: PlaceIndex) -> bool:
    """Whether a mention that is exactly the name of some places was read as another place."""
    exact = {idx.geonameid[p] for p, level in m.places.items() if level == 0 and p >= 0}
    return bool(exact) and m.match is not None and m.match.region is None and m.match.geonameid not in exact


def _names_a_major_city(m: Mention, idx: PlaceIndex) -> bool:
    """Whether the mention is the exact name of a city of 100,000 or more: such a city is meant
    by its name, and the oblasts and places a report names beside it ("strikes on Lviv,
    Kremenchuk and the Zaporizhzhia region") must not pull it onto a village of its name."""
    key = name_key(m.text)
    return any(level == 0 and p >= 0 and idx.population[p] >= MAJOR_CITY_POP
               and (idx.fcode[p] in ("PPLA", "PPLC") or name_key(idx.name[p]) == key)
               for p, level in m.places.items())


def _measure_line_distances(pending: list[tuple[Sentence, Mention, dt.date | None]], idx: PlaceIndex) -> None:
    """Measure the distance to the line of contact of every candidate the report's lookups will
    rank, in one call per date: one nearest-line search for the report's few hundred candidates
    costs about what one lookup's search for its own dozen does (the ranking memoises them)."""
    rows_by_day: dict[dt.date, list[int]] = {}
    for _, m, when in pending:
        # The geocoder ranks every reading of the name, spellings of other places too.
        readings = {**m.places, **idx.find(name_key(m.query_name))}
        if when is not None and len(readings) > 1:
            rows_by_day.setdefault(when, []).extend(p for p in readings if p >= 0)
    for when, rows in rows_by_day.items():
        line_distances(idx, rows, when)
