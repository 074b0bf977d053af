"""Geocoding stage: place names and short location descriptions to places of the embedded
Ukrainian gazetteer, ranked with evidence, behind geopy's Geocoder interface.

>>> from geomap.geocoding import geocode
>>> geocode("Avdiivka").address
'Avdiivka, Pokrovsk Raion, Donetsk Oblast'
"""
from __future__ import annotations

from geomap.geocoding.geocoders import Gazetteer, geocode, reverse
from geomap.geocoding.index import Match, PlaceIndex, default_index
from geomap.geocoding.lookup import Ranking, rank

# (lookup() stays in geocoding.lookup: a name here would hide the module of that name)
__all__ = ["Gazetteer", "Match", "PlaceIndex", "Ranking", "default_index", "geocode", "rank", "reverse"]
