"""Ranking a mention's candidates with evidence: the score weights and the scoring.

A candidate's score adds its static prior (kind, feature class, population, register size:
:func:`priors`), how its name matched (:data:`W_LEVEL`), and the evidence of the query: the
oblast named (:data:`W_OBLAST`), nearness to a raion or town named (:data:`W_RAION`,
:data:`W_CELL`, :data:`W_NEAR`) and to the line of contact on the report's date (:data:`W_LINE`).
Each candidate returned keeps the reasons for its score.

>>> from geomap.geocoding.index import default_index
>>> idx = default_index()
>>> _, p, reasons = score(idx, idx.find("pisky"), Hints(), dt.date(2015, 1, 20), limit=1)[0]
>>> idx.raion[p], reasons
('Pokrovsk Raion', ('name', 'population 9', '1 km from the line of contact on 2015-01-20'))
"""
from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

from geomap.geocoding.index import PlaceIndex, derived_table
from geomap.geocoding.names import FIND_MEMO
from geomap.geocoding.raions_2019 import default_raions, raion_rows
from geomap.geocoding.weights import (
    LEVEL_REASON,
    LINE_KM,
    RAION_KM,
    W_CELL,
    W_LEVEL,
    W_LINE,
    W_OBLAST,
    W_RAION,
    W_TOWN,
    W_WEAKER,
)
from geomap.spatial import checks, layers
from geomap.spatial.crs import LENGTH_CRS, distance_km, distances_km, projected, transformer

__all__ = [
    "BORDER_WAR_END", "LINE_FAR_KM", "LINE_MEMO", "LINE_SOURCE", "Hints", "line_distances",
    "memoised_ranking", "raion_of", "ranked", "score", "unit_numbers",
]

CONFLICT_START = dt.date(2014, 4, 7)  # before this date there is no line of contact to be near

LINE_SOURCE = "liveuamap"  # the control layer that spans the whole war (2014 on)
# Beyond this distance the line's pull (W_LINE * exp(-km / LINE_KM) < 0.0005) is below the
# scores' rounding: such places count as infinitely far, which spares most of the search.
LINE_FAR_KM = 200.0
LINE_MEMO = 16  # snapshots whose per-place line distances are kept: at most 16 x len(index) floats (~4.6 MB)
# Until the first Minsk ceasefire the fighting also ran along the state border of Donetsk and
# Luhansk oblasts (border posts, Marynivka, Izvaryne), which the 2014 control layer does not
# draw as a line of contact: until then that border counts as front too.
BORDER_WAR_END = dt.date(2014, 9, 5)
DONBAS_ADMIN1 = ("05", "14")
BORDER_TOLERANCE_M = 200.0


@dataclass
class Hints:
    """The administrative context a query names: oblast codes (Ukraine's GeoNames codes, or
    :func:`foreign_unit` codes), points to be near with their weight and radius, labels for the
    reasons, and the raion rows named."""

    admin1: set[str] = field(default_factory=set)
    # lon, lat, label, weight, radius km
    points: list[tuple[float, float, str, float, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    raions: list[int] = field(default_factory=list)  # raion rows named
    # pre-2020 raions named (see geomap.geocoding.raions_2019): the raions a name may be, label
    raions_2019: list[tuple[tuple[int, ...], str]] = field(default_factory=list)
    town: bool = False  # the place is written as a town or city (see ranking.W_TOWN)


def unit_numbers(idx: PlaceIndex, hints: Hints) -> list[int]:
    """The first-level units the hints name, as the index's ``admin1_num`` values.

    >>> from geomap.geocoding.index import default_index
        >>> idx = default_index()
    >>> unit_numbers(idx, Hints(admin1={"14"})), unit_numbers(idx, Hints(admin1={"RU-09"})) != [9]
    ([14], True)
    """
    return [int(a) if a.isdigit() else idx.unit_num[a] for a in hints.admin1
            if a.isdigit() or a in idx.unit_num]


def score(idx: PlaceIndex, places: dict[int, int], hints: Hints, date: dt.date | None,
          limit: int = 10, compared: bool = False) -> list[tuple[float, int, tuple[str, ...]]]:
    """(score, place, reasons) of the ``limit`` best candidates, best first.

    Scores are sums of weights (see the W_* constants); reasons are written only for the
    candidates returned, since a common name has dozens of candidates. ``compared``: the
    scores will be compared with another name's, so a lone candidate needs its evidence too.
    """
    rows = [p for p in places if p >= 0]
    levels = [places[p] for p in rows]
    low = min(levels, default=0)
    # A weaker kind of match counts less when a stronger one exists: "Marynivka" is the
    # places of that name, not a Myronivka that only folds to it.
    prior = idx.prior  # bound once: a common name has 100+ candidates
    s = [prior[p] + W_LEVEL[lv] + (W_WEAKER if lv > low else 0.0) for p, lv in zip(rows, levels)]
    # A lone candidate needs no line distance to be ranked, but does to be compared with the
    # best of another place the text names ("Vuhledar and Vodiane": Vuhledar is as near the line).
    line_km = line_distances(idx, rows, date) if date and (len(rows) > 1 or compared) else None
    r = np.asarray(rows, dtype=np.intp)
    reach = _raion_reach(idx, r, hints)  # measured once for the scores and the reasons alike
    if hints.admin1 or hints.points or hints.raions or hints.raions_2019 or hints.town or line_km is not None:
        s = _evidence(idx, np.asarray(s), r, hints, line_km, reach)
        # Best first, ties in their order (as sorted(..., reverse=True)); numpy orders the
        # dozens of candidates of a common name faster than sorted() on numpy scalars.
        order = np.argsort(-s, kind="stable")[:limit].tolist()
        s = s.tolist()
    else:
        order = sorted(range(len(rows)), key=s.__getitem__, reverse=True)[:limit]
    units = unit_numbers(idx, hints) if hints.admin1 else []  # once, not once a candidate
    unmeasured = line_km is None
    return [(round(float(s[j]), 3), rows[j],
             _reasons(idx, rows[j], levels[j], hints, units, date, None if unmeasured else float(line_km[j]),
                      [(bool(inside[j]), float(km[j])) for inside, km in reach]))
            for j in order]


def _raion_reach(idx: PlaceIndex, r: np.ndarray, hints: Hints) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each pre-2020 raion the hints name: whether each place of ``r`` is in it, and its
    distance (km) outside the raion's extent."""
    if not hints.raions_2019:
        return []
    raions = default_raions()
    return [(np.isin(raion_rows(idx)[r], units), raions.outside_km(list(units), idx.lon[r], idx.lat[r]))
            for units, _ in hints.raions_2019]


def _evidence(idx: PlaceIndex, s: np.ndarray, r: np.ndarray, hints: Hints,
              line_km: np.ndarray | None, reach: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Add the hint and date terms to the scores ``s`` of places ``r`` (vectorised: a common
    name has 100+ candidates); ``reach``: for each pre-2020 raion named, whether each place is
    in it and its distance (km) outside its extent."""
    if hints.admin1:
        # One comparison per unit named (one or two): np.isin costs more on so few candidates.
        units = np.array(unit_numbers(idx, hints), dtype=np.int16)
        inside = (idx.admin1_num[r][:, None] == units).any(axis=1)
        s += np.where(inside, W_OBLAST, -W_OBLAST)
    if hints.points:
        # An oblast holds the towns named beside it: the distance from its label point to
        # them is no evidence for it ("Luhansk" near Shchastia is the city, not the oblast).
        oblast = idx.derived(_is_oblast)[r]
    for lon, lat, _, weight, radius in hints.points:
        d = distances_km(lon, lat, idx.lon[r], idx.lat[r])
        near = np.where(d <= radius, 1.0, np.exp(-(d - radius) / RAION_KM))
        s += weight * (np.where(oblast, 0.0, near) - 0.5)
    for raion in hints.raions:
        s += np.where(raion_of(idx, r, raion) == raion, W_CELL, 0.0)
    for inside, outside_km in reach:
        # As a raion of today: inside it (filed under it by the register, else within its
        # extent) counts as much as near a raion's point and in its cell, and the pull decays
        # with the distance from its edge.
        km = np.where(inside, 0.0, outside_km)
        s += W_RAION * (np.exp(-km / RAION_KM) - 0.5) + np.where(inside, W_CELL, 0.0)
    if hints.town:
        s += np.where(idx.urban[r], W_TOWN, 0.0)
    if line_km is not None:
        s += W_LINE * np.exp(-line_km / LINE_KM)
    return s


def ranked(idx: PlaceIndex, places: dict[int, int], key: str, hints: Hints, date: dt.date | None,
           limit: int, compared: bool = False) -> Sequence[tuple[float, int, tuple[str, ...]]]:
    """:func:`score` of the candidate ``places`` of a name of strict ``key``; without hints or
    date the ranking depends on the name alone and is memoised per key (plain name lookups are
    the common case)."""
    if hints.admin1 or hints.points or hints.raions_2019 or hints.town or date is not None:
        return score(idx, places, hints, date, limit, compared)
    ranked = memoised_ranking(idx, key, limit)
    if ranked is None:
        # Tuples of immutable values, which the garbage collector stops tracking: a memo of
        # lists would make every full collection slower as it grows.
        ranked = idx.memo("ranked", FIND_MEMO).keep((key, limit),
                                                    tuple(score(idx, places, hints, date, limit)))
    return ranked


def memoised_ranking(idx: PlaceIndex, key: str,
                     limit: int) -> Sequence[tuple[float, int, tuple[str, ...]]] | None:
    """The ranking :func:`ranked` keeps of a name of strict ``key`` without hints or date, None
    if it has made none yet: a caller that would look the name's places up only to rank them asks
    here first."""
    return idx.memo("ranked", FIND_MEMO).get((key, limit))


def _reasons(idx: PlaceIndex, p: int, level: int, hints: Hints, units: list[int], date: dt.date | None,
             line_km: float | None, reach: list[tuple[bool, float]]) -> tuple[str, ...]:
    named = _name_reasons(level, idx.population[p])
    if not (hints.admin1 or hints.town or hints.points or hints.raions_2019) and line_km is None:
        return named  # a ranking by the name alone (see _name_reasons)
    reasons = list(named)
    if hints.admin1:  # or the Russian/Belarusian region named
        reasons.append("in the oblast named" if idx.admin1_num[p] in units
                       else "outside the oblast named")
    if hints.town and idx.urban[p]:
        reasons.append("a town, as written")
    if hints.points and idx.kind[p] != "oblast":  # the hints first: most lookups have none
        for lon, lat, label, _, radius in hints.points:
            d = distance_km(lon, lat, idx.lon[p], idx.lat[p])
            if d < radius + RAION_KM:
                reasons.append(f"{d:.0f} km from {label}")
    for (_, label), (inside, km) in zip(hints.raions_2019, reach):
        reasons.append(f"in {label} (a raion before 2020)" if inside
                       else f"{max(km, 0.5):.0f} km outside {label} (a raion before 2020)")
    if line_km is not None and line_km < 2 * LINE_KM:
        front = "the line of contact or the Donbas border" if date < BORDER_WAR_END else "the line of contact"
        reasons.append(f"{line_km:.0f} km from {front} on {date.isoformat()}")
    return tuple(reasons)  # immutable: rankings are memoised (see ranked)


@functools.lru_cache(maxsize=65_536)
def _name_reasons(level: int, population: int) -> tuple[str, ...]:
    """The reasons of a candidate ranked by its name alone, the start of any candidate's reasons.

    Shared, not made per ranking: the garbage collector stops tracking a tuple only once all it
    holds is untracked, one level of nesting per collection, so a memoised ranking (see
    :func:`ranked`) of new reasons tuples was still tracked when it reached the oldest generation,
    and the 23,000 new names of a first pass over 100,000 lookups started an extra full collection
    (~70 ms). Of shared reasons, it is untracked while still young.
    """
    return (LEVEL_REASON[level], f"population {population:,}") if population else (LEVEL_REASON[level],)


def line_distances(idx: PlaceIndex, rows: list[int], date: dt.date) -> np.ndarray | None:
    """Distance (km) of places to the line of contact on ``date`` (inf where there is no line),
    or None before the conflict or the layer's coverage."""
    start, end = layers.coverage(LINE_SOURCE)
    if date < max(CONFLICT_START, start):
        return None
    # The last snapshot holds after the coverage ends (reports are never newer than the layer by much).
    day = min(date, end)
    border_war = date < BORDER_WAR_END
    known = _line_memo_of(idx, _snapshot_row(day), border_war)
    km = known[rows]
    todo = np.isnan(km)
    if todo.any():  # measured once per place and snapshot: reports of one period name the same places
        new = np.asarray(rows)[todo]
        km[todo] = known[new] = _line_km_now(idx, new, day, border_war)
    return km


def _line_memo_of(idx: PlaceIndex, snapshot: int, border_war: bool) -> np.ndarray:
    """Line distance by place row for one snapshot (NaN: not measured yet); only the LINE_MEMO
    snapshots used last are kept."""
    key = (snapshot, border_war)
    memo = idx.memo("line_km", LINE_MEMO)
    known = memo.pop(key, None)
    if known is None:
        if len(memo) >= LINE_MEMO:
            del memo[next(iter(memo))]  # the least recently used
        known = np.full(len(idx), np.nan)
    memo[key] = known  # (re)inserted last: dicts keep insertion order
    return known


def _line_km_now(idx: PlaceIndex, rows: np.ndarray, day: dt.date, border_war: bool) -> np.ndarray:
    """:func:`line_distances` measured (inf where the snapshot has no line)."""
    km = checks.distance_to_line_km(idx.lon[rows], idx.lat[rows], day, source=LINE_SOURCE, max_km=LINE_FAR_KM,
                                    front_only=True)
    km = np.where(np.isnan(km), np.inf, km)
    if border_war:
        km = np.minimum(km, _border_km(idx.lon[rows], idx.lat[rows]))
    return km


def raion_of(idx: PlaceIndex, rows: np.ndarray, like: int) -> np.ndarray:
    """For each place row, the raion of the same generation as ``like`` (current ``ADM2`` or
    former ``ADM2H``) it lies in: for a current raion the one GeoNames files the place under
    (its admin2 code), else the raion whose point is nearest, the raion it lies in when raions
    are of like size (GeoNames gives no raion polygons, and former raions, what older reports
    name, have no places filed under them).

    >>> from geomap.geocoding.index import default_index
    >>> idx = default_index()
    >>> raion = next(p for p in idx.find("amvrosiivka") if idx.kind[p] == "raion")
    >>> town = next(p for p in idx.find("amvrosiivka") if idx.kind[p] == "settlement")
    >>> int(raion_of(idx, np.array([town]), raion)[0]) == raion
    True
    """
    return idx.derived(_raion_cells)[idx.fcode[like]].of(idx, rows)


@derived_table
def _raion_cells(idx: PlaceIndex) -> dict[str, _RaionCells]:
    return {fcode: _RaionCells(idx, fcode) for fcode in RAION_FCODES}


@derived_table
def _is_oblast(idx: PlaceIndex) -> np.ndarray:
    return np.array([k == "oblast" for k in idx.kind])


RAION_FCODES = ("ADM2", "ADM2H")  # current raions and former ones (before July 2020)
_MID_LATITUDE_COS = math.cos(math.radians(48.5))  # Ukraine's: a km-like plane for nearest-point search


class _RaionCells:
    """The raion of one generation (``fcode``) each place lies in, found for the places asked
    about only: a report's ranking asks for a few dozen, and the whole gazetteer's costs a
    nearest-point search over all its places."""

    def __init__(self, idx: PlaceIndex, fcode: str) -> None:
        n = idx.first_foreign
        self.units = np.array([q for q, (f, kind) in enumerate(zip(idx.fcode[:n], idx.kind[:n]))
                               if f == fcode and kind == "raion"])
        self.tree = shapely.STRtree(shapely.points(idx.lon[self.units] * _MID_LATITUDE_COS,
                                                   idx.lat[self.units]))
        # "Hranitne (Volnovakha district)": the Hranitne filed under Volnovakha Raion, though
        # another one lies nearer to that (large) raion's point.
        self.filed = {(idx.admin1[q], idx.admin2[q]): q for q in self.units.tolist()}
        self.known = np.full(len(idx), -2, dtype=np.intp)  # -2: not asked yet; -1: outside Ukraine
        self.known[n:] = -1

    def of(self, idx: PlaceIndex, rows: np.ndarray) -> np.ndarray:
        found = self.known[rows]
        todo = np.unique(np.asarray(rows)[found == -2])
        if len(todo):
            under = np.array([self.filed.get((idx.admin1[p], idx.admin2[p]), -1) for p in todo.tolist()])
            near = todo[under < 0]
            if len(near):
                place, unit = self.tree.query_nearest(
                    shapely.points(idx.lon[near] * _MID_LATITUDE_COS, idx.lat[near]), all_matches=True)
                first = np.full(len(near), len(self.units))
                np.minimum.at(first, place, unit)  # of raion points at one distance, the first (as argmin)
                under[under < 0] = self.units[first]
            self.known[todo] = under
            found = self.known[rows]
        return found


_TO_LENGTH = transformer(LENGTH_CRS)


@functools.cache
def donbas_border() -> shapely.Geometry:
    """The state border of Donetsk and Luhansk oblasts with Russia, in LENGTH_CRS metres: their
    outer boundary less the other oblasts' and the sea (the oblast layer includes territorial waters)."""
    ob = layers.oblasts()
    east = ob.geonames_admin1.isin(DONBAS_ADMIN1)
    outer = shapely.union_all(ob.geometry[east].to_numpy()).boundary
    border = outer.difference(shapely.union_all(ob.geometry[~east].to_numpy()).buffer(0.01))
    border = border.intersection(layers.land())
    border = projected(border, LENGTH_CRS)
    return border.simplify(BORDER_TOLERANCE_M)  # km-level distances: fewer vertices, faster


@functools.lru_cache(maxsize=4096)
def _snapshot_row(day: dt.date) -> int:
    """Row of the LINE_SOURCE snapshot in force on ``day`` (remembered: reports repeat their dates)."""
    return layers.series(LINE_SOURCE).row(day)


def _border_km(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Distance (km) from points to the Donbas state border with Russia."""
    x, y = _TO_LENGTH.transform(lons, lats)
    return shapely.distance(shapely.points(x, y), donbas_border()) / 1000.0
