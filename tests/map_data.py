"""Synthetic incidents for the map tests and benchmark (invented texts, random points in Donbas)."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

EVENT_TYPES = ["shelling", "drone strike", "missile strike", "air strike", "clashes", "unclear explosion"]
SIDES = ["Ukraine", "separatists", "OSCE monitors", None]
QUOTES = [
    "Two mortar rounds landed near a bus stop in the evening; windows were broken in nearby houses.",
    "Officials said a drone hit a warehouse on the edge of the village before dawn.",
    "Residents described several loud explosions after midnight; the report gave no further detail.",
    "The regional office listed damage to a school roof and a cut power line.",
]
# Hostile strings: every one must render as text, never as markup or script.
# The last two are also Jinja tags: folium re-reads rendered elements as templates.
XSS = ["<script>window.__xss = 1</script>", '<img src=x onerror="window.__xss = 2">',
       "`${window.__xss = 3}` </script><b>bold?</b> {{ 7*7 }}", "{% if true %}yes{% endif %}{# gone? #}"]


def incidents(n: int, dates: list[str] | None = None, seed: int = 1,
              bbox=(37.0, 47.2, 39.8, 49.0)) -> gpd.GeoDataFrame:
    """``n`` point incidents with every documented column, spread over ``dates`` in turn.

    >>> len(incidents(3))
    3
    """
    rng = np.random.default_rng(seed)
    dates = dates or ["2022-02-17"]
    x = rng.uniform(bbox[0], bbox[2], n)
    y = rng.uniform(bbox[1], bbox[3], n)
    i = np.arange(n)
    return gpd.GeoDataFrame(
        {
            "date": [dates[k % len(dates)] for k in i],
            "event_type": [EVENT_TYPES[k % len(EVENT_TYPES)] for k in i],
            "weapons": ["mortars" if k % 2 else "122 mm artillery" for k in i],
            "attacks": (i % 4) + 1,
            "place_text": [f"near village no. {k % 500}" for k in i],
            "place_name": [f"Village {k % 500}" for k in i],
            "precision": ["exact" if k % 3 else "near" for k in i],
            "claimed_by": [f"press office {k % 7}" for k in i],
            "claimant_side": [SIDES[k % len(SIDES)] for k in i],
            "attributed_to": ["the other side"] * n,
            "verification": ["confirmed by monitors" if k % 5 == 0 else "not independently confirmed"
                             for k in i],
            "casualties": [None if k % 4 else f"{k % 3} injured" for k in i],
            "quote": [f"{QUOTES[k % len(QUOTES)]} (report {k % 97})" for k in i],
            "source": [f"https://example.org/report/{k % 97}" for k in i],
        },
        geometry=shapely.points(x, y),
        crs="EPSG:4326",
    )
