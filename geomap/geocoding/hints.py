"""What a query's mentions say besides the place asked about: the administrative *hints* they
give (oblasts, raions, towns named beside or measured from, as :class:`Hints` for ranking), and
the rules that tell the places asked about from context (a foreign place, an oblast centre
naming its oblast, the most specific unit when no place is named).

>>> from geomap.geocoding.lookup import default_index
>>> from geomap.geocoding.query import mentions
>>> idx = default_index()
>>> hints = hints_from(idx, [m for m in mentions(idx, "Pisky, Donetsk region") if m.admin_word])
>>> hints.admin1, hints.labels
({'05'}, ['Donetsk region'])
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from geopy.distance import geodesic
from geopy.point import Point as GeopyPoint

from geomap.geocoding import names
from geomap.geocoding.fuzzy import prefix_places, typo_places
from geomap.geocoding.index import PlaceIndex, derived_table, foreign_unit
from geomap.geocoding.names import ADMIN_WORDS, DISTRICT_WORDS, name_key
from geomap.geocoding.query import HINT, REFERENCE, QueryMention, reference_town
from geomap.geocoding.raions_2019 import REFORM_DATE, default_raions
from geomap.geocoding.ranking import Hints, unit_numbers
from geomap.geocoding.regions import REGIONS
from geomap.geocoding.weights import OFFSET_MIN_KM, OFFSET_SHARE, RAION_KM, W_NEAR, W_RAION

__all__ = [
    "OBLAST_WORDS", "foreign", "hints_from", "in_hinted_oblast", "most_specific", "names_oblast",
    "raion_2019_named", "spelled_in", "with_landmarks", "within_hinted_oblast",
]

OBLAST_WORDS = names.OBLAST_WORDS | {HINT}  # a hint naming a centre names its oblast too
LOCATIVE_WORDS = frozenset({"in", "of", "near", "outside", "from"})  # "X in Donetsk": Donetsk says where X is


def hints_from(idx: PlaceIndex, mentions: list[QueryMention], date: dt.date | None = None) -> Hints:
    """Administrative context named in the query: oblasts, raions, places as areas. Oblasts are
    read first: a town named as a landmark is then its namesake in an oblast named, if it has
    one ("Kharkiv region, Zolochiv" is not the better-known Zolochiv of Lviv oblast). A raion
    named as it was before the 2020 reform is that raion (see :func:`raion_2019_named`)."""
    hints = Hints()
    # places named as areas, read after the oblasts
    areas: list[tuple[QueryMention, dict[int, int], str]] = []
    for m in mentions:
        regions = [REGIONS[-1 - p] for p in m.places if p < 0]
        if regions:
            hints.admin1.update(regions[0].admin1)
            hints.labels.append(regions[0].name)
            continue
        places = m.places
        if m.admin_word in DISTRICT_WORDS:  # a district is no oblast ("Kievsky district" is not Kyiv oblast)
            places = {p: level for p, level in places.items() if idx.kind[p] != "oblast"} or places
        if m.admin_word == REFERENCE:  # "20 km from Kramatorsk": the town, not its raion or oblast
            places = {reference_town(idx, places): 0}
        best = _best_hint(idx, places)
        # "Yasinovatsky raion" may match as one name: do not repeat its unit word.
        written = m.admin_word in (HINT, REFERENCE) or name_key(m.text).rsplit(" ", 1)[-1] in ADMIN_WORDS
        label = m.text if written else f"{m.text} {m.admin_word}".strip()
        if idx.kind[best] == "oblast" \
                or (idx.fcode[best] in ("PPLA", "PPLC") and m.admin_word in OBLAST_WORDS):
            # An oblast is named after its centre; so is a Russian or Belarusian region
            # ("Shebekino, Belgorod region"), kept apart from Ukraine's codes.
            ua = idx.country[best] == "UA"
            hints.admin1.add(idx.admin1[best] if ua else foreign_unit(idx.country[best], idx.admin1[best]))
            hints.labels.append(label)
        else:
            areas.append((m, places, label))
    for m, places, label in areas:
        old = raion_2019_named(idx, m, hints.admin1, date)
        if old:
            hints.raions_2019.append((tuple(old), label))
            hints.admin1.add(default_raions().admin1[old[0]])
            continue
        inside = {p: level for p, level in places.items() if idx.admin1[p] in hints.admin1}
        best = _best_hint(idx, inside or places)
        if m.offset is not None:  # the reasons then say "4 km from the point 94 km south of Donetsk"
            label = f"the point {m.offset[0]:g} km {COMPASS[round(m.offset[1] / 45) % 8]} of {label}"
        hints.points.append((*_measured_point(idx, best, m), label, W_RAION, _measured_radius(m)))
        if idx.kind[best] == "raion":
            hints.admin1.add(idx.admin1[best])
            hints.raions.append(best)
    return hints


COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


def _measured_point(idx: PlaceIndex, best: int, m: QueryMention) -> tuple[float, float]:
    """(lon, lat) where the place asked about should be: the hint's own point, or the point the
    stated distance and direction lead to from it ("28 km south-west of Donetsk")."""
    if m.offset is None:
        return idx.lon[best], idx.lat[best]
    km, bearing = m.offset
    there = geodesic(kilometers=km).destination(GeopyPoint(idx.lat[best], idx.lon[best]), bearing)
    return there.longitude, there.latitude


def _measured_radius(m: QueryMention) -> float:
    """Within how many km of :func:`_measured_point` the place lies: a stated direction is one of
    eight and a stated distance is rounded or measured along roads, so the area grows with it."""
    return m.radius if m.offset is None else max(OFFSET_MIN_KM, OFFSET_SHARE * m.offset[0])


def raion_2019_named(idx: PlaceIndex, m: QueryMention, admin1: set[str], date: dt.date | None) -> list[int]:
    """The pre-2020 raions (:mod:`geomap.geocoding.raions_2019`) a district mention names, in the
    oblasts named if any; [] where the name is read otherwise: a city's district ("Kirovsky
    district of Donetsk"), or a raion of today's when the report is dated after the reform or
    undated ("Volnovakha district" in 2023 is the larger raion of 2020)."""
    if m.admin_word not in DISTRICT_WORDS:
        return []
    best = min(m.places.values())
    read = [p for p, level in m.places.items() if level == best and p >= 0]
    if any(idx.fcode[p] == "PPLX" for p in read):
        return []
    if (date is None or date >= REFORM_DATE) and any(
            idx.fcode[p] == "ADM2" for p, level in m.places.items() if p >= 0 and level in (0, 2)):
        return []
    return default_raions().named(m.text, {a for a in admin1 if a.isdigit()})


def _best_hint(idx: PlaceIndex, places: dict[int, int]) -> int:
    """The place a hint most likely names: an own name or its spelling first, then by rank."""
    rank = idx.derived(_hint_ranks)  # by row: a common name has dozens of places
    return max(places, key=lambda p: (places[p] in (0, 2), rank[p]))


@derived_table
def _hint_ranks(idx: PlaceIndex) -> list[tuple[int, float]]:
    """What a hint names best, by index row: an oblast over a raion over a place, then the
    bigger place."""
    return [(2 if kind == "oblast" else 1 if kind == "raion" else 0, prior)
            for kind, prior in zip(idx.kind, idx.prior)]


def with_landmarks(idx: PlaceIndex, hints: Hints, targets: list[QueryMention], target: QueryMention) -> Hints:
    """``hints`` plus the towns named beside ``target`` ("Opytne, Avdiivka"): a place is
    usually reported near the towns named with it ("Vodiane, Vuhledar and Prechystivka" is
    the Vodiane by Vuhledar). Only towns count (an oblast or raion centre, or a town as
    :data:`geomap.geocoding.ranking.TOWN_POP` defines one, matched by name): a village's name has too
    many namesakes to say where the others are."""
    near = []
    for m in targets:
        # "Stepne; at Stepne": the place named again is no landmark for itself
        if m is target or m.key == target.key:
            continue
        best = max(m.places, key=idx.prior.__getitem__)
        if m.places[best] == 0 and (idx.fcode[best] in ("PPLA", "PPLC", "PPLA2") or idx.urban[best]):
            near.append((idx.lon[best], idx.lat[best], m.text, W_NEAR, RAION_KM))
    if not near:
        return hints
    return dataclasses.replace(hints, points=hints.points + near)


def in_hinted_oblast(idx: PlaceIndex, mention: QueryMention, hints: Hints) -> bool:
    """Whether any candidate of ``mention`` lies in an oblast the text names (True when it
    names none)."""
    oblasts = unit_numbers(idx, hints)
    return not oblasts or any(p >= 0 and idx.admin1_num[p] in oblasts for p in mention.places)


def within_hinted_oblast(idx: PlaceIndex, mention: QueryMention, hints: Hints) -> QueryMention:
    """``mention`` plus, when it is not the name of any place (only an alias spelling or a
    slip matched) and none of its candidates is in the oblast the text names, the places
    there whose name is one typing slip away or begins with it ("Granite, Volnovakha
    district, Donetsk region" is the Hranitne of Donetsk oblast, not the one "Granite" is
    an alias of; "Stanytsia, Luhansk region" is Stanytsia Luhanska). An exact name stays as
    it is: GeoNames sometimes files a village under the neighbouring oblast."""
    if in_hinted_oblast(idx, mention, hints) or min(mention.places.values()) < 2:
        return mention
    oblasts = unit_numbers(idx, hints)
    near = {p: level
            for p, level in {**prefix_places(idx, mention.text), **typo_places(idx, mention.text)}.items()
            if idx.admin1_num[p] in oblasts}
    if not near:
        return mention
    return QueryMention(mention.text, {**mention.places, **near}, mention.admin_word, mention.key,
                        mention.clause, mention.before)


def foreign(idx: PlaceIndex, mention: QueryMention) -> bool:
    """Whether a mention names a place outside Ukraine: all its best-matched places are
    ("Russia" also folds to Ukrainian villages, at a weaker level)."""
    best = min(mention.places.values())
    return all(p >= idx.first_foreign for p, level in mention.places.items() if level == best)


def spelled_in(idx: PlaceIndex, mention: QueryMention, units: list[QueryMention]) -> bool:
    """Whether a foreign-looking ``mention`` is also a spelling of a settlement in an oblast that
    ``units`` name: a Russian-style rendering of a village name ("Orlovsky") can be a town's
    name in Russia too. A country named ("Russia", which folds to a Sumy village) is the country."""
    best = min(mention.places.values())
    if any(not idx.fcode[p].startswith("PPL") for p, level in mention.places.items() if level == best):
        return False
    oblasts = {idx.admin1[p] for u in units for p in u.places
               if p >= 0 and idx.kind[p] in ("oblast", "raion")}
    return any(0 <= p < idx.first_foreign and idx.kind[p] == "settlement" and level <= 2
               and idx.admin1[p] in oblasts
               for p, level in mention.places.items())


def names_oblast(idx: PlaceIndex, targets: list[QueryMention]) -> bool:
    """Whether the last of several ``targets`` is an oblast centre written after the place
    to say its oblast ("Pervomaiske, Kharkiv"; "Novhorodske in Donetsk"), not a list of
    places ("Izium and Kharkiv"): in a clause of its own or after "in"/"of"/"near", and the
    place before it has a candidate in that oblast."""
    if len(targets) < 2:
        return False
    first, last = targets[-2], targets[-1]
    if last.lowest >= idx.first_foreign or last.city or (
            last.clause == first.clause and last.before not in LOCATIVE_WORDS):
        return False
    centres = [p for p, level in last.places.items() if level == 0 and idx.fcode[p] in ("PPLA", "PPLC")
               and idx.country[p] == "UA"]
    if not centres:
        return False
    oblast = idx.admin1[max(centres, key=idx.prior.__getitem__)]
    return any(p >= 0 and idx.admin1[p] == oblast and idx.country[p] == "UA" for p in first.places)


def most_specific(idx: PlaceIndex, units: list[QueryMention]) -> QueryMention:
    """Of administrative mentions, the one naming the smallest unit: a raion ("Volnovakha
    district, Donetsk region") before an oblast or region, else the last named.

    >>> from geomap.geocoding.lookup import default_index
    >>> from geomap.geocoding.query import mentions
    >>> idx = default_index()
    >>> most_specific(idx, mentions(idx, "Volnovakha district, Donetsk region")).text
    'Volnovakha'
    """
    def raion(m: QueryMention) -> bool:
        kinds = {idx.kind[p] for p, level in m.places.items() if p >= 0 and level in (0, 2)}
        return m.admin_word not in OBLAST_WORDS and "oblast" not in kinds and (
            "raion" in kinds or m.admin_word in DISTRICT_WORDS)
    return max(reversed(units), key=raion)
