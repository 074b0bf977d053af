"""Named regions and oblast polygons, from the control and oblast layers.

People write about regions as often as places: "Donbas", "DPR", "ORDLO", "Crimea", "Kherson
region". A :class:`Region` names the oblasts it covers (GeoNames admin1 codes) and whether it is
only their occupied part, which then depends on the date.

>>> from geomap.geocoding.regions import REGIONS, region_geometry
>>> donbas = REGIONS[0]
>>> donbas.name, region_geometry(donbas).geom_type in ("Polygon", "MultiPolygon")
('Donbas', True)
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import shapely

from geomap.spatial import layers

__all__ = ["REGIONS", "Region", "oblast_geometry", "oblast_names", "preload", "region_geometry"]


# "DPR"/"LPR"/"ORDLO" mean the occupied parts of the oblasts on the date asked about, so their
# polygon is cut from the control layer of that date.
@dataclass(frozen=True)
class Region:
    """A named region: its display name, the aliases it is written as, the oblasts it covers,
    whether it means only their occupied part, and its precision ("region" or "country")."""

    name: str
    aliases: tuple[str, ...]
    admin1: tuple[str, ...]
    occupied: bool = False
    precision: str = "region"


REGIONS: tuple[Region, ...] = (
    Region("Donbas", ("Donbas", "Donbass", "Донбас", "Донбасс"), ("05", "14")),
    Region("Donetsk People's Republic (occupied part of Donetsk Oblast)",
           ("DPR", "DNR", "ДНР", "Donetsk People's Republic", "Donetsk Peoples Republic", "Donetsk Republic"),
           ("05",), True),
    Region("Luhansk People's Republic (occupied part of Luhansk Oblast)",
           ("LPR", "LNR", "ЛНР", "Luhansk People's Republic", "Lugansk People's Republic",
            "Luhansk Peoples Republic", "Lugansk Peoples Republic", "Luhansk Republic", "Lugansk Republic"),
           ("14",), True),
    Region("ORDLO (occupied parts of Donetsk and Luhansk oblasts)",
           ("ORDLO", "ОРДЛО", "occupied territories", "occupied Donbas", "occupied territory"),
           ("05", "14"), True),
    Region("Crimea", ("Crimea", "Crimean peninsula", "Krym", "Крим", "Крым"), ("11", "20")),
    Region("Ukraine", ("Ukraine", "Україна", "Украина"), (), precision="country"),
)


def region_geometry(region: Region, date: dt.date | None = None) -> shapely.Geometry:
    """Polygon of a named region; occupied regions are cut by the control layer of ``date``
    (the latest snapshot when no date is given).

    >>> region_geometry(REGIONS[0]).area > 5  # Donbas, square degrees
    True
    """
    if region.precision == "country":
        return layers.ukraine_land()
    if not region.occupied:
        return _region_polygon(region, None)
    when = date if date is not None else layers.coverage()[1]
    # Keyed by snapshot: every day a snapshot holds shares one polygon (reports repeat regions).
    geom = _region_polygon(region, layers.layer_date(max(when, layers.coverage()[0])))
    # Named on a date before the occupation it stands for ("the Donetsk Republic" in a report dated
    # January 2014): the oblasts it claims, never an empty shape.
    return _region_polygon(region, None) if geom.is_empty else geom


def preload() -> None:
    """Make every named region's polygon that no date cuts (its oblasts' union) now, not on first use."""
    for region in REGIONS:
        if region.admin1:
            _region_polygon(region, None)


@functools.lru_cache(maxsize=256)
def _region_polygon(region: Region, layer_day: dt.date | None) -> shapely.Geometry:
    geom = _oblasts_union(region.admin1)
    return geom if layer_day is None else geom.intersection(layers.occupied_area(layer_day))


@functools.lru_cache(maxsize=16)  # one a region: the same union for every snapshot it is cut by
def _oblasts_union(admin1: tuple[str, ...]) -> shapely.Geometry:
    ob = layers.oblasts()
    return shapely.union_all(ob.geometry[ob.geonames_admin1.isin(admin1)].to_numpy())


@functools.lru_cache(maxsize=64)  # a geocoder adds it to every oblast it answers; finding it scans the layer
def oblast_geometry(iso: str) -> shapely.Geometry | None:
    """Polygon of the oblast with this ISO 3166-2 code (None if unknown); like the oblast layer
    it includes inland and territorial waters, so a city on the Dnipro is inside its oblast.

    >>> oblast_geometry("UA-65").geom_type in ("Polygon", "MultiPolygon")
    True
    """
    ob = layers.oblasts()
    rows = ob.geometry[ob.iso == iso]
    return rows.iloc[0] if len(rows) else None


@functools.cache
def oblast_names() -> dict[str, tuple[str, str]]:
    """GeoNames admin1 code -> (ISO 3166-2 code, English name), from the oblast layer."""
    ob = layers.oblasts()
    return {a: (iso, name) for a, iso, name in zip(ob.geonames_admin1, ob.iso, ob.name_en)}
