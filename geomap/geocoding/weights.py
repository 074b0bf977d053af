"""Score weights and thresholds of the geocoder's ranking: every number that says how much one
kind of evidence counts, in one place (see docs/architecture.md).

>>> W_OBLAST > max(W_FCODE.values())
True
"""
from __future__ import annotations

__all__ = ["LEVEL_REASON", "LINE_KM", "OFFSET_MIN_KM", "OFFSET_SHARE", "RAION_KM", "TOWN_POP", "W_CELL",
           "W_FCODE", "W_KIND", "W_LEVEL", "W_LINE", "W_NEAR", "W_OBLAST", "W_POP", "W_RAION",
           "W_SIZE_RANK", "W_TOWN", "W_WEAKER"]

# Score weights. A hint agreeing or disagreeing outweighs every prior, so "Mykhailivka, Kherson
# region" never lands in Donetsk oblast however big that village is.
# By match level: the place's own name in any spelling (0), another name it had or GeoNames
# lists (1), the same two matched only after folding romanisation differences (2, 3). Level 3
# is also the level of the loosest readings (a typing slip, a name cut short, the other
# language's ending), which its reason says.
W_LEVEL = (0.0, -0.35, -0.25, -0.6)
W_WEAKER = -0.5
LEVEL_REASON = ("name", "former or other name", "spelling variant",
                "loose match: a spelling of another name, a slip or another ending")
W_KIND = {"settlement": 0.0, "region": 0.2, "oblast": 0.0, "raion": -0.3, "poi": -0.2, "landmark": -0.5,
          "world": -0.8}
# A country named is the country ("Russia"), not a village one of its spellings folds to.
W_FCODE = {"PCLI": 1.0, "PPLC": 0.8, "PPLA": 0.7, "PPLA2": 0.2, "PPLA3": 0.05, "PPLX": -0.3, "PPLH": -0.4,
           "PPLQ": -0.4}
W_POP = 0.06  # per decade of population
W_SIZE_RANK = 0.05  # per register category step (village < selyshche < city)
W_OBLAST = 1.5  # in (+) or outside (-) the oblast named in the query or hint
W_RAION = 1.5  # inside the raion named as a hint (its centre within RAION_KM), else decaying
RAION_KM = 25.0
# "28 km south-west of Donetsk": the place lies within OFFSET_SHARE of the distance (at least
# OFFSET_MIN_KM) of the point that distance and direction lead to.
OFFSET_SHARE = 0.1
OFFSET_MIN_KM = 5.0
W_CELL = 1.0  # nearer to the named raion's point than to any other raion's (see raion_of)
W_NEAR = 0.8  # near a town named beside the place (same distance rule as a raion)
W_TOWN = 0.4  # a town or city when the text says so ("the town of Krasnyi Luch" is no hamlet of that name)
TOWN_POP = 3_000  # a town: above a village in the register, or this many people
# Near the line of contact on the report's date; decays with distance. Only the front counts:
# before 2022 Crimea's administrative boundary line was held but not fought over, so a village
# beside it is no likelier to be in a conflict report ("Grigorovka" in 2019 is the Donbas one).
W_LINE = 1.2
LINE_KM = 25.0
