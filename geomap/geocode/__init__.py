"""Geocoding stage: place names and short location descriptions to places of the embedded
Ukrainian gazetteer, ranked with evidence, behind geopy's Geocoder interface.

>>> from geomap.geocode import geocode
>>> geocode("Avdiivka").address
'Avdiivka, Pokrovsk Raion, Donetsk Oblast'
"""
from __future__ import annotations

from geomap.geocode.geocoders import Gazetteer, geocode
from geomap.geocode.index import Match, PlaceIndex, default_index
from geomap.geocode.lookup import Ranking, lookup, rank

__all__ = ["Gazetteer", "Match", "PlaceIndex", "Ranking", "default_index", "geocode", "lookup", "rank"]
