"""The 490 raions before the July-2020 reform (KOATUU edition of 2019): what a report of
2014-2020 means by "Petrivske, Starobeshivskyi district" or "Krasnyi Yar, Krasnodon district".

The reform merged them into 136 larger raions, often named after another town, and the 2016
renamings had already changed many of their names (Krasnodonskyi became Sorokynskyi). A raion is
known by its adjectival name and its seat's, in Ukrainian or Russian, before or after 2016; its
places are the gazetteer's settlements the KOATUU register files under it, and any other place
lying in its extent (``boundaries/raions_2019.parquet``, see ``boundaries/SOURCES.md``).

>>> raions = default_raions()
>>> [raions.name[u] for u in raions.named("Krasnodon")]
['Sorokynskyi Raion (Krasnodonskyi until 2016)']
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re

import numpy as np
import pyarrow.parquet as pq
import shapely

from geomap.data import data_path
from geomap.geocoding.index import PlaceIndex, derived_table
from geomap.geocoding.names import DISTRICT_WORDS, loose_key, name_key, transliterate_ru, transliterate_uk

__all__ = ["REFORM_DATE", "Raions2019", "default_raions", "raion_rows"]

REFORM_DATE = dt.date(2020, 7, 17)  # the Verkhovna Rada's resolution that replaced the 490 raions
_RAION_WORD = re.compile(r"\s+(район|район\.)$")
_COS = math.cos(math.radians(48.5))  # Ukraine's mid latitude: a km-like plane for distances
_KM_PER_DEG = 111.2


def _stem(loose: str) -> str:
    """An adjectival raion name and its seat's name meet at one stem: "Novoazovskyi" and
    "Novoazovsk" (loose "navaazavska", "navaazavsk"); the seat's loose key is kept whole."""
    return loose[:-1] if loose.endswith(("ska", "cka")) else loose


class Raions2019:
    """The pre-2020 raions: names, oblast, settlements (GeoNames ids) and extent."""

    def __init__(self, path) -> None:
        table = pq.read_table(path).to_pydict()
        self.koatuu: list[str] = table["koatuu"]
        self.admin1: list[str] = table["admin1"]
        self.geonameids: list[list[int]] = table["geonameids"]
        self.geometry = shapely.from_wkb(table["geometry"])
        # The extents in a km-like plane, for outside_km (made once: a lookup measures dozens).
        self._scaled = shapely.transform(self.geometry, lambda xy: xy * (_COS, 1.0))
        self.name = [_english(now, before) for now, before in zip(table["name_uk"], table["name_uk_2015"])]
        self.by_key: dict[str, set[int]] = {}
        self.by_stem: dict[str, set[int]] = {}
        for u, forms in enumerate(zip(table["name_uk"], table["name_uk_2015"], table["name_ru"],
                                      table["seat_uk"], table["seat_uk_2015"], table["seat_ru"])):
            for form in {_RAION_WORD.sub("", f) for f in forms if f}:
                for written in {form, transliterate_uk(form), transliterate_ru(form)}:
                    key = name_key(written)
                    self.by_key.setdefault(key, set()).add(u)
                    self.by_stem.setdefault(_stem(loose_key(key)), set()).add(u)

    def __len__(self) -> int:
        return len(self.koatuu)

    def named(self, text: str, admin1: set[str] | frozenset[str] = frozenset()) -> list[int]:
        """The raions a name written before "district" may be ("Starobeshevo", "Starobeshivskyi",
        "Старобешівський район"), in the oblasts ``admin1`` when given; [] when it names raions
        of several oblasts and no oblast says which.

        >>> raions = default_raions()
        >>> [raions.name[u] for u in raions.named("Starobeshevsky district")]
        ['Starobeshivskyi Raion']
        """
        key = " ".join(w for w in name_key(text).split() if w not in DISTRICT_WORDS)
        units = self.by_key.get(key) or self.by_stem.get(_stem(loose_key(key)), set())
        if admin1:
            units = {u for u in units if self.admin1[u] in admin1}
        if len({self.admin1[u] for u in units}) > 1:
            return []
        return sorted(units)

    def outside_km(self, units: list[int], lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Distance (km) of points from the nearest of ``units``' extents (0 inside)."""
        points = shapely.points(lon * _COS, lat)
        km = np.full(len(points), np.inf)
        for u in units:
            km = np.minimum(km, shapely.distance(points, self._scaled[u]) * _KM_PER_DEG)
        return km


def _english(name_uk: str, name_uk_2015: str) -> str:
    """"Sorokynskyi Raion (Krasnodonskyi until 2016)": the official transliteration of the 2019
    name, and of the name before the 2016 renamings where it differs."""
    now = transliterate_uk(_RAION_WORD.sub("", name_uk))
    before = transliterate_uk(_RAION_WORD.sub("", name_uk_2015))
    return f"{now} Raion" if before == now or not before else f"{now} Raion ({before} until 2016)"


@functools.cache
def default_raions() -> Raions2019:
    """The embedded pre-2020 raions (loaded once per process, on first use)."""
    return Raions2019(data_path("raions_2019.parquet"))


def raion_rows(idx: PlaceIndex) -> np.ndarray:
    """For every place row of ``idx``, the pre-2020 raion it was in (-1: none, as a city of
    oblast significance or a place abroad): the raion the register files its GeoNames id under,
    else the raion whose extent holds its point. Built once per index."""
    return idx.derived(_build_raion_rows)


@derived_table
def _build_raion_rows(idx: PlaceIndex) -> np.ndarray:
    raions = default_raions()
    filed = {g: u for u, ids in enumerate(raions.geonameids) for g in ids}
    n = idx.first_foreign
    rows = np.full(len(idx), -1, dtype=np.int16)
    rows[:n] = [filed.get(g, -1) for g in idx.geonameid[:n]]
    todo = np.flatnonzero(rows[:n] < 0)
    # Places the register does not list (sections of towns, places GeoNames alone has, raions):
    # the extent their point lies in. A city of oblast significance has no raion.
    ukrainian = np.array([idx.country[p] == "UA" for p in todo], dtype=bool)
    todo = todo[ukrainian]
    tree = shapely.STRtree(raions.geometry)
    place, unit = tree.query(shapely.points(idx.lon[todo], idx.lat[todo]), predicate="within")
    rows[todo[place]] = unit
    return rows
