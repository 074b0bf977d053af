"""Every column list and enumeration of geomap's outputs, with labels: the extractor, the
checks, the map, the command line and ``docs/schema.md`` read them from here.

>>> CONTROL_LABELS["occupied_since_2014"]
'occupied since 2014'
>>> MAP_KIND_OF_EVENT["mortar"], MAP_SIDE_OF_CLAIMANT["separatists"]
('shelling', 'russia')
"""
from __future__ import annotations

__all__ = [
    "BEYOND_ZONE", "CHECK_COLUMNS", "CLAIMANT_SIDES", "CONTROL_LABELS", "CONTROL_VALUES", "EVENT_TYPES",
    "EVENT_TYPE_LABELS", "GEOCODED_COLUMNS", "IMPORTED_COLUMNS", "INCIDENT_COLUMNS", "INTEGER_COLUMNS",
    "LANGUAGES", "LINE_ZONES", "MAP_KINDS", "MAP_KINDS_IF_PRESENT", "MAP_KIND_OF_EVENT", "MAP_SIDES",
    "MAP_SIDE_OF_CLAIMANT", "MENTION_COLUMNS", "PRECISIONS", "RECORD_KINDS", "ROLES",
    "VERIFICATION_VALUES",
]

# -- checks: control of the ground on the incident's date ------------------------------------
CONTROL_LABELS: dict[str, str] = {
    "occupied_since_2014": "occupied since 2014",
    "occupied_since_2022": "occupied since 2022",
    "government": "government-controlled",
    "outside_ukraine": "outside Ukraine",
    "unknown": "unknown",
}
CONTROL_VALUES = tuple(CONTROL_LABELS)
# Distance bands to the line of contact (km, zone), nearest first; beyond the last one:
LINE_ZONES = ((5.0, "within_5km"), (15.0, "within_15km"), (30.0, "within_30km"))
BEYOND_ZONE = "beyond_30km"
CHECK_COLUMNS = ("control", "control_reason", "oblast", "oblast_name", "line_km", "line_zone",
                 "layer_date", "layer_source", "occupied_share")

# -- extraction: what happened, where, who says so --------------------------------------------
# Event types, heaviest first: an incident naming several means gets the first of them.
EVENT_TYPE_LABELS: dict[str, str] = {
    "missile": "missile", "airstrike": "air strike", "rocket": "rocket (MLRS)",
    "shelling": "shelling, artillery",
    "drone": "drone", "mortar": "mortar", "grenade_launcher": "grenade launcher", "small_arms": "small arms",
    "mine": "mine", "other": "other or not stated",
}
EVENT_TYPES = tuple(EVENT_TYPE_LABELS)
# Who made a claim or is said to have attacked ("" when not stated).
CLAIMANT_SIDES = ("ukraine", "russia", "separatists", "third_party")
# "confirmed": independently verified or geolocated; "unverified": said to be not (yet) verified.
VERIFICATION_VALUES = ("confirmed", "unverified", "")
# How exactly a place is known, finest first.
PRECISIONS = ("coordinates", "site", "settlement", "raion", "oblast", "region", "country")
# What a place mention is in its sentence, in the order the questions are asked about it.
ROLES = ("site", "origin", "reference", "actor", "admin", "context")

INCIDENT_COLUMNS = (
    "date", "date_start", "date_end", "date_text", "event_type", "weapons", "attacks",
    "place_text", "place_name", "precision", "place_note", "place_support", "confidence", "geonameid",
    "origin",
    "claimed_by", "claimant_side", "relayed_by", "attributed_to", "attributed_side",
    "verification", "verification_text", "killed", "injured",
    "quote", "quote_start", "quote_end", "place_start", "place_end", "published", "source", "language",
)
# Languages of the reports geomap reads (ISO 639-1), stored per incident in ``language``.
LANGUAGES = ("en", "uk", "ru")
INTEGER_COLUMNS = ("attacks", "killed", "injured", "geonameid", "place_start", "place_end", "place_support")
# What an imported export (ACLED, UCDP, Bellingcat, CIR, FIRMS) becomes; record_kind is
# "incident" or "fire_detection" (a satellite fire detection is no incident of itself).
IMPORTED_COLUMNS = ("date", "event_type", "weapons", "killed", "injured", "place_text", "precision",
                    "oblast_name", "quote", "source", "source_url", "source_id", "dataset", "record_kind")
RECORD_KINDS = ("incident", "fire_detection")
# What geocode_table adds to a table (unplaced_reason: why a row has no geometry, else empty).
GEOCODED_COLUMNS = ("place_name", "address", "precision", "geonameid", "oblast_name", "confidence",
                    "place_reasons", "unplaced_reason")
MENTION_COLUMNS = ("text", "start", "end", "sentence_start", "sentence_end", "role", "place_name",
                   "precision", "oblast_iso", "geonameid", "country")

# -- maps: marker shapes by kind of event, colours by claimant ---------------------------------
# Kind -> (SVG path in a 20x20 box, legend label); shapes, not only colours, tell kinds apart.
MAP_KINDS: dict[str, tuple[str, str]] = {
    "shelling": ("M10 2a8 8 0 1 0 0.01 0z", "Shelling, artillery"),
    "missile": ("M10 1 19 18H1z", "Missile"),
    "airstrike": ("M2 2h16v16H2z", "Air strike, bomb"),
    "drone": ("M10 1 19 10 10 19 1 10z", "Drone"),
    "clash": ("M7 1h6v6h6v6h-6v6H7v-6H1V7h6z", "Clashes"),
    "other": ("M10 1l2.6 6 6.4.6-4.9 4.3 1.5 6.3L10 15l-5.6 3.2 1.5-6.3L1 7.6 7.4 7z", "Other"),
    "fire": ("M10 1C12 6 16 9 16 13a6 6 0 0 1-12 0c0-4 4-7 6-12z", "Fire detection (satellite)"),
}
# Kinds the legend lists only when the map has them (a satellite fire detection is no incident).
MAP_KINDS_IF_PRESENT = ("fire",)
MAP_KIND_OF_EVENT: dict[str, str] = {
    "missile": "missile", "airstrike": "airstrike", "rocket": "shelling", "shelling": "shelling",
    "drone": "drone", "mortar": "shelling", "grenade_launcher": "shelling", "small_arms": "clash",
    "mine": "other", "other": "other",
}
# Side -> (colour, legend label): colour-blind-safe pairs from the Okabe-Ito palette.
MAP_SIDES: dict[str, tuple[str, str]] = {
    "ukraine": ("#0072B2", "Ukrainian side"),
    "russia": ("#D55E00", "Russian / Russian-backed"),
    "independent": ("#009E73", "Independent"),
    "unknown": ("#666666", "Not stated"),
}
MAP_SIDE_OF_CLAIMANT: dict[str, str] = {
    "ukraine": "ukraine", "russia": "russia", "separatists": "russia", "third_party": "independent",
    "": "unknown",
}
