"""What the extractor reads a report into: :class:`Sentence` (what one sentence says) and
:class:`Mention` (a gazetteer name found in it, with its role: :data:`geomap.schema.ROLES`).

>>> Sentence(0, 0, 4, [], []).is_event
False
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geomap.extract.text import Word
from geomap.geocoding.index import Match
from geomap.geocoding.regions import REGIONS, Region
from geomap.schema import ROLES

__all__ = ["ROLES", "Mention", "Sentence"]


@dataclass
class Mention:
    """A gazetteer name found in the text, with offsets into the cleaned text and its role."""

    text: str
    start: int
    end: int
    places: dict[int, int]  # gazetteer row (negative: named region) -> match level
    admin_word: str = ""
    kind_word: str = ""  # "village", "town of", "height" ... written next to it: what kind of place is meant
    role: str = "context"
    occupied: bool = False  # "occupied territory of the Donbas": the occupied part is meant
    cues: int = 0  # words around it that say "this is a place": a preposition, "village of", "X region"
    measured_from: str = ""  # "28 km south-west of Donetsk" when a place is measured from this one
    position: str = ""  # the same phrase on the place measured ("Novomykhailivka (28 km south-west ...)")
    match: Match | None = None
    base: str = ""  # the gazetteer key of an inflected name ("Горлівку" -> "horlivka"), else ''

    @property
    def query_name(self) -> str:
        """The name to look up: the base form of an inflected name (capitalised, as a name is
        written: the confidence model reads a lower-case query as a common word), else the name as
        written."""
        return self.base.title() if self.base else self.text

    @property
    def region(self) -> Region | None:
        """The named region (Donbas, DPR, Crimea ...) this mention can be, if any."""
        if not self.places or min(self.places) >= 0:  # the usual case, asked often: one pass in C
            return None
        return REGIONS[-1 - next(p for p in self.places if p < 0)]


@dataclass
class Sentence:
    """What one sentence says: cues found in it, by word index."""

    index: int
    start: int
    end: int
    words: list[Word]
    low: list[str]
    mentions: list[Mention] = field(default_factory=list)
    weapons: list[tuple[str, str]] = field(default_factory=list)  # (event type, label)
    strong: bool = False
    weak: bool = False
    generic_type: str = "other"
    attacks: int | None = None
    killed: int | None = None
    injured: int | None = None
    window: tuple[dt.date, dt.date] | None = None
    date_text: str = ""
    background: bool = False
    claimant: str = ""
    relayed_by: str = ""
    attacker: str = ""
    verification: str = ""
    place_noun: str = ""  # "the town", "their territory": an unnamed place, as written
    definite: bool = False  # the place noun refers back ("the city"), not to a new place
    place_country: str = ""  # whose the unnamed place is, when the text says: "Ukrainian territory" -> "UA"
    header: bool = False  # ends with ":" - introduces a list whose items inherit its claim and date
    intercepts: bool = False  # an air defence report: "shot down", "intercepted"
    where_only: bool = False  # only names and location words: "Near the village of X, Y district."
    language: str = "en"  # geomap.extract.language.LANGUAGES
    name_keys: list[str] = field(default_factory=list)  # Ukrainian/Russian: gazetteer key of each word

    @property
    def is_event(self) -> bool:
        return (self.strong or self.weak or bool(self.weapons)) and not self.background
