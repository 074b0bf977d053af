"""Helpers of the geocoder tests: the best answer of a lookup, and its distance to a reference point."""
import math

from geomap.geocoding.lookup import lookup


def km(match, ref):
    lon, lat = ref
    x = (match.longitude - lon) * math.cos(math.radians(lat))
    return 111.2 * math.hypot(x, match.latitude - lat)


def best(query, **kw):
    found = lookup(query, **kw)
    assert found, f"{query!r} not found"
    return found[0]
