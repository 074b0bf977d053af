"""From report text to incidents: place mentions, their roles, and what the text says happened.

The extractor is gazetteer-driven and rule-based (no statistical model is available offline):

1. :mod:`geomap.text` cleans the report (HTML, Markdown) and cuts it into sentences and words.
2. **Mentions**: capitalised word runs that are names in the embedded gazetteer
   (:func:`geomap.gazetteer.default_index`), minus people ("Minister Dmytro Kuleba"),
   organisations ("Kyiv Post") and common words; spelling variants only next to a place word.
3. **Roles**: each mention is an incident ``site``, an ``origin`` ("fired from Horlivka"), an
   ``actor`` ("Moscow announced", "Kyiv has not recorded"), an ``admin`` hint ("Luhansk region")
   or ``context`` (Brussels, places in sentences about no attack).
4. **Incidents**: one per site of a sentence with an attack cue, carrying the sentence's means
   (:data:`geomap.cues.WEAPONS`), count of attacks, dates resolved against the publication date,
   claimant and attacker with their sides, verification and casualties. A follow-up sentence
   without a place adds its details to the incident before it. An attack on a place the text does
   not name ("the town was shelled") becomes an incident on the region the report best supports,
   with ``precision`` saying so.
5. Sites are resolved with :func:`geomap.gazetteer.lookup`, given the administrative units named
   in the same sentence (else in the report) as hints and the report's date; the incidents are
   then checked with :func:`geomap.checks.check` (control, oblast, distance to the line).

Every vocabulary lives in :mod:`geomap.cues`.

>>> report = ("Ukraine's military said Russian forces shelled Avdiivka with mortars four times "
...           "on Monday. The claim could not be independently verified.")
>>> row = extract_incidents(report, published="2023-03-15").iloc[0]
>>> row.place_name, row.event_type, int(row.attacks), row.date, row.claimant_side, row.verification
('Avdiivka', 'mortar', 4, '2023-03-13', 'ukraine', 'unverified')
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from geomap import cues, layers
from geomap.checks import check
from geomap.gazetteer import (REGIONS, Match, Region, PlaceIndex, default_index, lookup, oblast_geometry, region_geometry,
                              region_match)
from geomap.names import ADMIN_WORDS, QUALIFIERS, name_key
from geomap.text import Span, Word, clean, sentences, words

MAX_NAME_WORDS = 5
MIN_LOOSE_CHARS = 5  # spelling-variant matches of shorter words are mostly common words
ATTACH_DISTANCE = 1  # a place-less follow-up sentence adds to an incident this many sentences back
CLAIM_DISTANCE = 2  # a sentence without a claimant takes the one of this many sentences back
LOCATION_LINE_CHARS = 500  # a text this short with no event words is one incident's location line
MAX_PHRASE_WORDS = 8
SHAPE_TOLERANCE = 0.005  # degrees
PART_CHARS = 100_000  # a longer text is read in parts of about this size (bounded memory)
CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]| - ")

INCIDENT_COLUMNS = (
    "date", "date_start", "date_end", "date_text", "event_type", "weapons", "attacks",
    "place_text", "place_name", "precision", "place_note", "place_support", "geonameid", "origin",
    "claimed_by", "claimant_side", "relayed_by", "attributed_to", "attributed_side",
    "verification", "verification_text", "killed", "injured",
    "quote", "quote_start", "quote_end", "place_start", "place_end", "published", "source",
)
MENTION_COLUMNS = ("text", "start", "end", "sentence_start", "sentence_end", "role", "place_name", "precision", "oblast_iso",
                   "geonameid", "country")
ROLES = ("site", "origin", "reference", "actor", "admin", "context")


@dataclass
class Mention:
    """A gazetteer name found in the text, with offsets into the cleaned text and its role."""

    text: str
    start: int
    end: int
    sentence: int
    places: dict[int, int]  # gazetteer row (negative: named region) -> match level
    admin_word: str = ""
    role: str = "context"
    occupied: bool = False  # "occupied territory of the Donbas": the occupied part is meant
    cues: int = 0  # words around it that say "this is a place": a preposition, "village of", "X region"
    match: Match | None = None

    @property
    def region(self):
        rows = [p for p in self.places if p < 0]
        return REGIONS[-1 - rows[0]] if rows else None


@dataclass
class Clause:
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
    header: bool = False  # ends with ":" - introduces a list whose items inherit its claim and date

    @property
    def is_event(self) -> bool:
        return (self.strong or self.weak or bool(self.weapons)) and not self.background


@dataclass
class Incident:
    """One incident while it is assembled (becomes a row of :func:`extract_incidents`)."""

    clauses: list[Clause]
    site: Mention | None
    place_text: str = ""

    @property
    def first(self) -> Clause:
        return self.clauses[0]


# -- 1. mentions ----------------------------------------------------------------------------------
def _capitalised(word: str) -> bool:
    return word[0].isupper() or (word[0].isdigit() is False and word[0].isalpha() and word.isupper())


def _find_mentions(text: str, clause: Clause, idx: PlaceIndex) -> list[Mention]:
    """Gazetteer names among the capitalised words of one sentence (longest first)."""
    ws, low = clause.words, clause.low
    keys: dict[int, str] = {}

    def key(i: int) -> str:
        if i not in keys:
            keys[i] = name_key(ws[i].text)
        return keys[i]

    found: list[Mention] = []
    i = 0
    while i < len(ws):
        if not _capitalised(ws[i].text) or _base(low[i]) in cues.NOT_PLACES or low[i] in QUALIFIERS \
                or low[i] in cues.WEAPON_WORDS:
            i += 1
            continue
        hit = None
        limit = 1
        while limit < MAX_NAME_WORDS and i + limit < len(ws) and _capitalised(ws[i + limit].text) \
                and not _break_between(text, ws[i + limit - 1], ws[i + limit]):
            limit += 1
        for n in range(limit, 0, -1):
            k = " ".join(key(j) for j in range(i, i + n))
            last = ws[i + n - 1].text
            places = _accept(idx, k, clause, i, n) or (  # "Russia's war", "Donetsk’s Kirov district"
                _base(last) != last and _accept(idx, k[:-1].rstrip(), clause, i, n))
            if places:
                hit = n, places
                break
        if hit is None:
            hit = _gazetteer_fallback(clause, i, limit, idx)
        if hit is None or _is_person_or_org(text, clause, i, hit[0], idx):
            i += hit[0] if hit else 1
            continue
        n, places = hit
        nxt = low[i + n] if i + n < len(low) else ""
        end = ws[i + n - 1].start + len(_base(ws[i + n - 1].text))
        m = Mention(text[ws[i].start:end], ws[i].start, end, clause.index, places, nxt if nxt in ADMIN_WORDS else "")
        _mark_occupied(m, clause, i, idx)
        found.append(m)
        i += n
    return found


def _base(word: str) -> str:
    """A word without a possessive ending: "Russia's" -> "Russia", "Donetsk’s" -> "Donetsk"."""
    return word[:-2] if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS" else word


def _break_between(text: str, a: Word, b: Word) -> bool:
    return bool(CLAUSE_BREAK.search(text, a.end, b.start)) or "." in text[a.end:b.start]


def _accept(idx: PlaceIndex, key: str, clause: Clause, i: int, n: int) -> dict[int, int]:
    """Places named ``key`` at words i..i+n, or {} when the words are unlikely to be that name."""
    strict = {p: lvl for p, lvl in idx.strict.get(key, ())}
    if strict:
        return strict
    # Spelling variants ("Svetlichne" for Svitlychne) only where the words around say "place".
    if len(key) < MIN_LOOSE_CHARS:
        return {}
    before = clause.low[i - 1] if i > 0 else ""
    after = clause.low[i + n] if i + n < len(clause.low) else ""
    if n == 1 and "-" not in clause.words[i].text and before not in cues.LOCATIVE_BEFORE \
            and after not in cues.PLACE_FOLLOWERS:
        return {}  # a run of several capitalised words matching a name is evidence enough
    loose = idx.find(key)
    max_level = 3 if after in ADMIN_WORDS else 2
    return {p: lvl for p, lvl in loose.items() if lvl <= max_level}


def _gazetteer_fallback(clause: Clause, i: int, limit: int, idx: PlaceIndex) -> tuple[int, dict[int, int]] | None:
    """The gazetteer's own reading of a capitalised run the tables missed, where the words around
    say "place": adjectival districts ("Novoaydarsky district"), endings ("Troitsky village"), typos."""
    before = clause.low[i - 1] if i > 0 else ""
    after = clause.low[i + limit] if i + limit < len(clause.low) else ""
    if before not in cues.LOCATIVE_BEFORE and after not in cues.PLACE_FOLLOWERS and after not in ADMIN_WORDS:
        return None
    words = [w.text for w in clause.words[i:i + limit]]
    found = idx.mentions(" ".join(words + ([after] if after else [])))
    if not found or not found[0].text.startswith(words[0]):
        return None
    n = len(found[0].text.split())
    return (n, dict(found[0].places)) if n <= limit else None


def _is_person_or_org(text: str, clause: Clause, i: int, n: int, idx: PlaceIndex) -> bool:
    """A name right after a title or given name, or before another capitalised non-place word."""
    ws, low = clause.words, clause.low
    before = low[i - 1] if i > 0 else ""
    if (before in cues.TITLES and ws[i - 1].text[0].isupper()) or before in cues.HONORIFICS or before in cues.GIVEN_NAMES:
        return True  # "Minister Kuleba", "Mr Reznikov", "Dmytro Kuleba" (but "police chief Stakhanov town")
    if n == 1 and low[i] in cues.GIVEN_NAMES:
        return True
    if i + n < len(ws):
        after = low[i + n]
        if after in cues.ORG_WORDS:
            return True
        if _capitalised(ws[i + n].text) and after not in cues.PLACE_FOLLOWERS and after not in QUALIFIERS \
                and not CLAUSE_BREAK.search(text, ws[i + n - 1].end, ws[i + n].start) \
                and after not in cues.NOT_PLACES and not idx.strict.get(name_key(ws[i + n].text)):
            return True  # "Dmytro Kuleba", "Shakhtar Donetsk" read left to right
    return False


def _mark_occupied(m: Mention, clause: Clause, i: int, idx: PlaceIndex) -> None:
    """"occupied (territory of the) Donbas" names the occupied part: use the gazetteer's alias."""
    window = clause.low[max(0, i - 4):i]
    if "occupied" in window:
        alias = idx.strict.get("occupied " + name_key(m.text), ())
        regions = {p: lvl for p, lvl in alias if p < 0}
        if regions:
            m.places, m.occupied = regions, True


# -- 2. what each sentence says -----------------------------------------------------------------
def _read_clause(text: str, clause: Clause, published: dt.date | None) -> None:
    low = clause.low
    for _, _, (etype, label) in cues.WEAPONS.find(low):
        if (etype, label) not in clause.weapons:
            clause.weapons.append((etype, label))
    for _, _, (strong, etype) in cues.ATTACK_CUES.find(low):
        clause.strong |= strong
        clause.weak |= not strong
        if etype != "other":
            clause.generic_type = etype
    _read_place_noun(text, clause)
    clause.attacks = _attack_count(low)
    clause.killed, clause.injured = _casualties(low)
    _read_dates(clause, published)
    _read_claims(text, clause)
    clause.verification = _verification(low)


def _read_place_noun(text: str, clause: Clause) -> None:
    """The first place noun and its determiner: "the town", "their territory"."""
    k = next((k for k, w in enumerate(clause.low) if w in cues.PLACE_NOUNS), None)
    if k is None:
        return
    det = clause.low[k - 1] if k > 0 else ""
    first = k - 1 if det in ("the", "a", "their", "its", "this", "that", "our") else k
    clause.place_noun = _phrase(text, clause.words, first, k)
    clause.definite = det in ("the", "this", "that", "its")


def _number(word: str) -> int | None:
    if word in cues.NUMBER_WORDS and word not in ("a", "an"):
        return cues.NUMBER_WORDS[word]
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() and len(digits) <= 6 else None


def _attack_count(low: list[str]) -> int | None:
    """"four times", "two separate strikes", "twice" -> the count (the largest stated)."""
    counts = [cues.ADVERB_COUNTS[w] for w in low if w in cues.ADVERB_COUNTS]
    for i, w in enumerate(low):
        n = _number(w)
        if n is None:
            continue
        j = i + 1
        while j < len(low) and low[j] in cues.COUNT_FILLERS:
            j += 1
        if j < len(low) and low[j] in cues.ATTACK_COUNT_NOUNS and not (j + 1 < len(low) and low[j + 1] == "hours"):
            counts.append(n)
    return max(counts) if counts else None


def _casualties(low: list[str]) -> tuple[int | None, int | None]:
    """Killed and injured counts stated in a sentence; 0 where it says nobody was."""
    found: dict[str, int] = {}
    if cues.NO_CASUALTIES.find(low):
        found = {"killed": 0, "injured": 0}
    for i, w in enumerate(low):
        n = _number(w) if w not in ("a", "an") else None
        if n is None and w in ("a", "an", "one") and i + 1 < len(low) and low[i + 1] in cues.CASUALTY_NOUNS:
            n = 1
        if n is None:
            continue
        kind = cues.CASUALTY_WORDS.get(low[i - 1]) if i > 0 and low[i - 1].endswith("ing") else None
        j = i + 1
        while kind is None and j < min(len(low), i + 6):
            if low[j] in cues.CASUALTY_WORDS:
                kind = cues.CASUALTY_WORDS[low[j]]
            elif _number(low[j]) is not None or low[j] not in (cues.CASUALTY_NOUNS | cues.AUXILIARIES
                                                               | {"were", "other", "more", "people's", "at", "least"}):
                break
            j += 1
        if kind:
            found[kind] = found.get(kind, 0) + n
    return found.get("killed"), found.get("injured")


def _read_dates(clause: Clause, published: dt.date | None) -> None:
    """The first date expression of a sentence, resolved to a window against ``published``."""
    low, ws = clause.low, clause.words
    for i, n, (back_start, back_end) in cues.RELATIVE_DATES.find(low):
        if published:
            clause.window = (published - dt.timedelta(days=back_start), published - dt.timedelta(days=back_end))
        clause.date_text = " ".join(w.text for w in ws[i:i + n])
        return
    for i, w in enumerate(low):
        if not (w[0].isdigit() or w in cues.MONTHS or w in cues.WEEKDAYS or w in ("since", "in", "from")):
            continue
        day = _explicit_date(low, i, published)
        if day is not None:
            found, n = day
            clause.date_text = " ".join(x.text for x in ws[i:i + n])
            clause.window = (found, found)
            return
        if w in cues.WEEKDAYS:
            clause.date_text = ws[i].text
            if published:
                back = (published.weekday() - cues.WEEKDAYS.index(w)) % 7
                clause.window = (published - dt.timedelta(days=back),) * 2
            return
        if w in ("since", "in", "from") and i + 1 < len(low) and re.fullmatch(r"(19|20)\d\d", low[i + 1]):
            year = int(low[i + 1])
            if published and year < published.year - (published.month <= 2):
                clause.background = True  # "since 2014": a story's background, not its news
                clause.date_text = " ".join(x.text for x in ws[i:i + 2])
                return


def _explicit_date(low: list[str], i: int, published: dt.date | None) -> tuple[dt.date, int] | None:
    """'17 February (2022)', 'February 17(, 2022)', '2022-02-17', '17.02.2022' at word i."""
    w = low[i]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})", w)
    if m:
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        return _date(int(y), int(mo), int(d)), 1
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if _day_number(w) and nxt in cues.MONTHS:
        day, month, n = _day_number(w), cues.MONTHS[nxt], 2
    elif w in cues.MONTHS and _day_number(nxt):
        day, month, n = _day_number(nxt), cues.MONTHS[w], 2
    else:
        return None
    year_word = low[i + n] if i + n < len(low) else ""
    if re.fullmatch(r"(19|20)\d\d", year_word):
        found = _date(int(year_word), month, day)
        return (found, n + 1) if found else None
    if published is None:
        return None
    found = _date(published.year, month, day)
    if found and found > published + dt.timedelta(days=1):
        found = _date(published.year - 1, month, day)
    return (found, n) if found else None


def _day_number(word: str) -> int:
    """1..31 for a day-of-month word ("17", "17th"), else 0."""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else 0


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _phrase(text: str, ws: list[Word], first: int, last: int) -> str:
    """Words first..last (inclusive) as written, quotes trimmed."""
    if first > last:
        return ""
    return text[ws[first].start:ws[last].end].strip(" \"'“”‘’«»")


def _subject_before(text: str, clause: Clause, j: int) -> tuple[int, int] | None:
    """Word range of the noun phrase before word j, back to the clause start (at most 8 words)."""
    ws, low = clause.words, clause.low
    end = j - 1
    while end >= 0 and low[end] in cues.AUXILIARIES:
        end -= 1
    if end < 0 or _break_between(text, ws[end], ws[j]) and end == j - 1 and CLAUSE_BREAK.search(
            text, ws[end].end, ws[j].start) and low[end] not in cues.MEDIA:
        # "Reznikov, said" is rare; "..., said X" has the subject after the verb
        return None
    start = end
    while start > 0 and end - start < MAX_PHRASE_WORDS and not _break_between(text, ws[start - 1], ws[start]) \
            and low[start - 1] not in ("that", "and", "but", "while", "when", "as", "which", "who"):
        start -= 1
    for k in range(start, end + 1):  # "separatists in the LPR said": the subject ends at the preposition
        if low[k] in ("in", "on", "at", "from", "near") and k > start:
            end = k - 1
            break
    while start <= end and low[start] in ("meanwhile", "later", "earlier", "also", "in", "a", "statement"):
        start += 1
    return (start, end) if start <= end else None


def _claimant_words(clause: Clause, first: int, last: int) -> bool:
    """Whether words first..last can be a claimant: a name, a title, a side or a group."""
    span = clause.low[first:last + 1]
    return any(w in cues.ACTOR_NOUNS or w in cues.MEDIA or w in cues.CLAIMANT_NOUNS or w in cues.SIDE_OF_WORD or
               clause.words[first + k].text[0].isupper() for k, w in enumerate(span))


def _read_claims(text: str, clause: Clause) -> None:
    """claimant (``claimed_by``), relaying media (``relayed_by``) and attacker of one sentence."""
    ws, low = clause.words, clause.low
    claims: list[tuple[int, int]] = []
    for j, w in enumerate(low):
        if w == "according" and j + 1 < len(low) and low[j + 1] == "to":
            last = j + 2
            while last + 1 < len(ws) and last - j < MAX_PHRASE_WORDS and not _break_between(text, ws[last], ws[last + 1]):
                last += 1
            claims.append((j + 2, last))
        elif w in cues.SPEECH_VERBS and w not in ("accused", "accuses", "accuse") or w in ("accused", "accuses", "accuse"):
            if j > 0 and low[j - 1] in ("was", "were", "been") and j + 2 < len(low) and low[j + 1] == "by":
                last = j + 2
                while last + 1 < len(ws) and last - j < MAX_PHRASE_WORDS and not _break_between(text, ws[last], ws[last + 1]):
                    last += 1
                claims.append((j + 2, last))
                continue
            span = _subject_before(text, clause, j)
            if span and _claimant_words(clause, *span):
                claims.append(span)
    for first, last in claims:
        phrase = _phrase(text, ws, first, last)
        is_media = any(w in cues.MEDIA for w in low[first:last + 1]) and not any(
            w in cues.ACTOR_NOUNS for w in low[first:last + 1])
        if is_media and not clause.relayed_by:
            clause.relayed_by = phrase
        elif not is_media and not clause.claimant:
            clause.claimant = phrase
    clause.attacker = _attacker(text, clause, claims)


def _attacker(text: str, clause: Clause, claims: list[tuple[int, int]]) -> str:
    """The side said to have fired: "accused X of", "by X", "X shelled/fired/used"."""
    ws, low = clause.words, clause.low
    in_claim = {k for first, last in claims for k in range(first, last + 1)}
    j = 0
    while j < len(low):
        if j in in_claim or not (low[j] in cues.SIDE_OF_WORD or low[j] in cues.RELATIVE_ENEMY or low[j] in cues.ACTOR_NOUNS):
            j += 1
            continue
        last = j
        while last + 1 < len(low) and last - j < 3 and low[last + 1] in cues.ACTOR_NOUNS:
            last += 1
        if not any(w in cues.SIDE_OF_WORD or w in cues.RELATIVE_ENEMY for w in low[j:last + 1]) or \
                low[last] in ("ministry", "command") and last == j:
            j = last + 1
            continue
        before = low[max(0, j - 2):j]
        after = [w for w in low[last + 1:last + 5] if w not in cues.AUXILIARIES]
        if any(w in ("accused", "accuses", "accuse", "blamed", "blames", "by") for w in before) or (
                after and after[0] in cues.FIRING_VERBS) or (after[:2] and "of" == after[0] and len(after) > 1
                                                             and after[1] in cues.FIRING_VERBS):
            return _phrase(text, ws, j, last)
        j = last + 1
    return ""


def side_of(phrase: str) -> str:
    """``ukraine`` | ``russia`` | ``separatists`` | ``third_party`` from the words of a phrase, or ''.

    >>> side_of("Moscow-backed separatists"), side_of("Ukraine's foreign minister"), side_of("Reuters")
    ('separatists', 'ukraine', '')
    """
    text = phrase.lower().replace("’", "'")
    found = {cues.SIDE_OF_WORD.get(w.strip("\"'“”‘’«»(),"), "") for w in text.split()}
    for side, _ in cues.SIDE_WORDS:  # in the table's order of precedence
        if side in found:
            return side
    for side, names in cues.SIDE_PHRASES:
        if any(name in text for name in names):
            return side
    return ""


def _side(phrase: str, claimant_side: str = "") -> str:
    side = side_of(phrase)
    if not side and any(w.lower() in cues.RELATIVE_ENEMY for w in phrase.split()):
        side = cues.OPPOSITE.get(claimant_side, "")
    return side


def _verification(low: list[str]) -> str:
    """``unverified`` | ``confirmed`` | '' from a sentence's words."""
    if any(w in cues.UNVERIFIED_WORDS for w in low):
        return "unverified"
    for j, w in enumerate(low):
        if w in cues.VERIFY_WORDS:
            window = low[max(0, j - 4):j]
            if any(x in cues.NEGATORS for x in window):
                return "unverified"
            if "independently" in window or "independently" in low[j + 1:j + 2]:
                return "confirmed"
    if any(w in cues.CONFIRMED_WORDS for w in low):
        return "confirmed"
    return ""


# -- 3. roles -----------------------------------------------------------------------------------
def _assign_roles(text: str, clause: Clause, idx: PlaceIndex) -> None:
    ws, low = clause.words, clause.low
    positions = {w.start: k for k, w in enumerate(ws)}
    starts = {positions[m.start] for m in clause.mentions}
    for m in clause.mentions:
        i = positions[m.start]
        last = next(k for k in range(i, len(ws)) if ws[k].end >= m.end)
        after = [w for w in low[last + 1:last + 4] if w not in cues.AUXILIARIES]
        before = low[max(0, i - 6):i]
        foreign = all(p >= 0 and idx.country[p] != "UA" for p in m.places)
        region = m.region
        preposition = _governing_preposition(text, clause, i, starts)
        governed = bool(preposition)
        m.cues = governed + any(w in cues.SETTLEMENT_WORDS for w in low[max(0, i - 3):i] + after[:1]) + any(
            o.admin_word and 0 < o.start - m.end < 40 for o in clause.mentions)
        capital = any(p >= 0 and idx.fcode[p] == "PPLC" for p in m.places)
        if (after and after[0] in cues.ACTOR_VERBS and not governed) or (i > 0 and low[i - 1] in ("accused", "accuses", "blamed")):
            m.role = "actor"
        elif after and (after[0] in cues.ACTOR_NOUNS or after[0] in ("government", "authorities", "officials")):
            m.role = "actor"  # "Kiev troops", "Moscow officials": the place stands for its side
        elif capital and not governed and not (after and after[0] in cues.PASSIVE_SITE_VERBS):
            m.role = "actor"  # a capital named without "in/at/near" stands for its government
        elif foreign:
            m.role = "context"
        elif region is not None and region.precision == "country":
            m.role = "context"  # "Ukraine" alone is never where an incident happened
        elif m.admin_word:
            m.role = "admin"
        elif any(w in cues.DISTANCE_WORDS for w in before[-4:]) or (
                "near" in before[-4:] and not {"and", "or"} & set(before[-4:]) and preposition == "near"
                and any(o.role == "site" and 0 < m.start - o.end < 40 for o in clause.mentions)):
            m.role = "reference"  # "20 km north of Donetsk", "not far from X", "Petrivske near Volnovakha"
        elif preposition == "from" and clause.is_event:
            m.role = "origin"
        elif clause.is_event:
            m.role = "site"
        else:
            m.role = "context"
    sites = [m for m in clause.mentions if m.role == "site"]
    settlements = [m for m in sites if m.region is None and not _is_unit(m, idx)]
    if settlements:
        for m in sites:
            if m not in settlements:
                m.role = "admin"  # "Pisky, Donetsk oblast": the oblast qualifies the village
    elif not sites and clause.is_event:
        # "shelling 20 km north of Donetsk", "shelling in Donetsk region": the nearest named place
        fallback = [m for m in clause.mentions if m.role == "reference"] or [
            m for m in clause.mentions if m.role == "admin"]
        if fallback:
            fallback[0].role = "site"


def _governing_preposition(text: str, clause: Clause, i: int, starts: set[int]) -> str:
    """The preposition a name at word i depends on ("in Kyiv", "in Brussels and Washington",
    "from the occupied territory of the Donbas" -> "from"), or ''."""
    found = ""
    for k in range(i - 1, max(-1, i - 8), -1):
        if _break_between(text, clause.words[k], clause.words[k + 1]) and clause.low[k] not in ("and", "or"):
            break
        w = clause.low[k]
        if w in cues.PLACE_PREPOSITIONS:
            return w
        if w == "of":
            found = found or "of"  # "territory of", "outskirts of": look for the preposition before
        elif clause.words[k].text[0].isupper() and k not in starts:
            break
    return found


def _is_unit(m: Mention, idx: PlaceIndex) -> bool:
    """Whether a mention's best reading is an oblast or raion rather than a settlement."""
    rows = [p for p, lvl in m.places.items() if p >= 0 and lvl in (0, 2)]
    return bool(rows) and all(idx.kind[p] in ("oblast", "raion") for p in rows)


# -- 4. incidents -------------------------------------------------------------------------------
def _incidents(clauses: list[Clause]) -> list[Incident]:
    found: list[Incident] = []
    last_clause: dict[int, int] = {}  # incident id -> index of its last clause
    active: list[Incident] = []  # incidents a follow-up sentence may still add to
    for clause in clauses:
        if not clause.is_event:
            continue
        active = [inc for inc in active if clause.index - last_clause[id(inc)] <= ATTACH_DISTANCE]
        sites = [m for m in clause.mentions if m.role == "site"]
        new = [Incident([clause], m, m.text) for m in sites]
        if not sites:
            targets = active or ([found[-1]] if found and clause.definite else [])  # "the city"
            for inc in targets:
                if clause not in inc.clauses:
                    inc.clauses.append(clause)
                    last_clause[id(inc)] = clause.index
            if not targets and clause.strong and clause.place_noun:
                new = [Incident([clause], None, clause.place_noun)]
        for inc in new:
            last_clause[id(inc)] = clause.index
        found += new
        active += new
    return found


def _location_line(clauses: list[Clause], text: str) -> list[Incident]:
    """A short text without any event words (a headline, a location line): its first place."""
    if len(text) > LOCATION_LINE_CHARS or any(c.strong or c.weak or c.weapons for c in clauses):
        return []
    for clause in clauses:
        for m in clause.mentions:
            if m.role in ("context", "admin", "site") and not (m.region and m.region.precision == "country") \
                    and not all(p >= 0 and default_index().country[p] != "UA" for p in m.places):
                others = [o for c in clauses for o in c.mentions if o is not m and o.role in ("context", "admin")]
                for o in others:
                    o.role = "admin" if (o.admin_word or o.region) else o.role
                m.role = "site"
                return [Incident([clause], m, m.text)]
    return []


def _hint_text(mentions: Iterable[Mention]) -> str:
    parts = []
    for m in mentions:
        parts.append(f"{m.text} {m.admin_word}".strip() if m.admin_word else m.text)
    return ", ".join(dict.fromkeys(parts))


def _resolve(m: Mention, hint: str, day: dt.date | None, idx: PlaceIndex) -> None:
    """Best gazetteer reading of a mention given the report's administrative hints and date."""
    if m.region is not None and (m.occupied or all(p < 0 for p in m.places) or m.admin_word == ""):
        regions = [REGIONS[-1 - p] for p in m.places if p < 0]
        if regions and (m.occupied or not [p for p in m.places if p >= 0 and idx.kind[p] == "settlement"]):
            m.match = _region_match(regions[0], day, m.text)
            return
    m.match = _lookup(f"{m.text} {m.admin_word}".strip(), day, hint or None)


@functools.lru_cache(maxsize=8192)
def _lookup(query: str, day: dt.date | None, hint: str | None) -> Match | None:
    """The geocoder's best answer, remembered: reports in a batch name the same places again."""
    matches = lookup(query, date=day, hint=hint, limit=1, index=default_index())
    return matches[0] if matches else None


def _region_match(region: Region, day: dt.date | None, written: str) -> Match:
    """A named region as a Match, cached per region and layer date (its polygon is costly)."""
    match = _cached_region_match(region.name, _layer_day(day))
    return dataclasses.replace(match, matched=written, reasons=list(match.reasons))


@functools.lru_cache(maxsize=256)
def _cached_region_match(name: str, day: dt.date | None) -> Match:
    region = next(r for r in REGIONS if r.name == name)
    return region_match(region, day, "", ["region name"])


def _layer_day(day: dt.date | None) -> dt.date | None:
    """A date the control layers cover (regions cut by the occupied area need one)."""
    if day is None:
        return None
    start, end = layers.coverage()
    return min(max(day, start), end)


@functools.lru_cache(maxsize=256)
def _region_shape(name: str, day: dt.date | None) -> shapely.Geometry:
    region = next(r for r in REGIONS if r.name == name)
    return _simplified(region_geometry(region, day))


@functools.lru_cache(maxsize=64)
def _oblast_shape(iso: str) -> shapely.Geometry | None:
    shape = oblast_geometry(iso)
    return None if shape is None else _simplified(shape)


def _simplified(shape: shapely.Geometry) -> shapely.Geometry:
    """An area incident's polygon at ~500 m detail: its precision is an oblast or a region, and
    fewer vertices keep the control check of the polygon fast."""
    return shapely.make_valid(shapely.simplify(shape, SHAPE_TOLERANCE, preserve_topology=True))


def _geometry(match: Match, day: dt.date | None) -> shapely.Geometry:
    """Point for a settlement; the polygon for an oblast or a named region (resolved for the date)."""
    if match.region is not None:
        return _region_shape(match.region.name, _layer_day(day))
    if match.precision == "oblast" and match.oblast_iso:
        shape = _oblast_shape(match.oblast_iso)
        if shape is not None:
            return shape
    return shapely.Point(match.longitude, match.latitude)


def _best_region(clauses: list[Clause], day: dt.date | None, idx: PlaceIndex) -> tuple[Match, str]:
    """The oblast (or region) the report's places support most, for an incident it does not place."""
    votes: Counter[str] = Counter()
    regions = []
    for c in clauses:
        for m in c.mentions:
            if m.role == "actor" or m.match is None or m.match.country != "UA":
                continue
            if m.match.region is None:
                isos = [m.match.oblast_iso]
            elif m.match.region.precision != "country":
                regions.append(m.match.region)
                isos = [_admin1_iso().get(a, "") for a in m.match.region.admin1]
            else:
                continue
            votes.update(iso for iso in isos if iso)  # Counter keeps first-seen order for ties
    if not votes:
        country = next(r for r in REGIONS if r.precision == "country")
        return _region_match(country, day, ""), "place not named and no region named: Ukraine"
    top = max(votes.values())
    tied = [iso for iso, v in votes.items() if v == top]
    covering = [r for r in regions if {_admin1_iso().get(a) for a in r.admin1} == set(tied)]
    if len(tied) > 1 and covering:
        return _region_match(covering[0], day, ""), "place not named: the region the report names"
    name = _oblast_names()[tied[0]]
    oblast = next(m for m in lookup(name, limit=3, index=idx) if m.precision == "oblast")
    return oblast, "place not named: the oblast the report's places support most"


@functools.cache
def _admin1_iso() -> dict[str, str]:
    """GeoNames admin1 code -> ISO 3166-2 code of the oblast."""
    ob = layers.oblasts()
    return dict(zip(ob.geonames_admin1, ob.iso))


@functools.cache
def _oblast_names() -> dict[str, str]:
    ob = layers.oblasts()
    return dict(zip(ob.iso, ob.name_en))


# -- 5. the pipeline ------------------------------------------------------------------------------
@dataclass
class Reading:
    """Everything read from one report: cleaned text, sentences with their cues, incidents."""

    text: str
    published: dt.date | None
    clauses: list[Clause]
    incidents: list[Incident]
    verification: Clause | None = None  # a sentence about the whole report ("neither claim could be verified")
    unplaced: dict = field(default_factory=dict)  # date -> best supported region, for unnamed places


def read_report(text: str, published: object = None) -> Iterator[Reading]:
    """Clean, split and read a report: mentions with roles, sentence cues, incidents.

    A text longer than PART_CHARS is read in parts cut at paragraph breaks, one
    :class:`Reading` each, so memory stays bounded however long the input is.

    >>> [r] = read_report("Kyiv said shelling hit Marinka.", "2022-02-17")
    >>> [(m.text, m.role) for c in r.clauses for m in c.mentions]
    [('Kyiv', 'actor'), ('Marinka', 'site')]
    """
    if not isinstance(text, str):
        raise TypeError(f"report text must be a string, not {type(text).__name__}")
    day = layers.parse_date(published) if published is not None and not pd.isna(published) else None
    cleaned = clean(text)
    for part in _parts(cleaned, sentences(cleaned)):
        yield _read_part(cleaned, part, day, default_index())


def _parts(text: str, spans: list[Span]) -> Iterator[list[Span]]:
    """Sentence spans in groups of about PART_CHARS, cut at a paragraph break when there is one."""
    part: list[Span] = []
    for span in spans:
        if part:
            size = span.start - part[0].start
            paragraph = "\n\n" in text[part[-1].end:span.start]
            if (size > PART_CHARS and paragraph) or size > 2 * PART_CHARS:
                yield part
                part = []
        part.append(span)
    if part:
        yield part


def _read_part(cleaned: str, spans: list[Span], day: dt.date | None, idx: PlaceIndex) -> Reading:
    clauses = []
    author = ""
    for k, span in enumerate(spans):
        ws = words(cleaned, span.start, span.end)
        clause = Clause(k, span.start, span.end, ws, [w.text.lower().replace("’", "'") for w in ws])
        clause.mentions = _find_mentions(cleaned, clause, idx)
        _read_clause(cleaned, clause, day)
        _assign_roles(cleaned, clause, idx)
        if k == 0:
            author = _bulletin_author(cleaned, clause)
        clause.words, clause.low = [], []  # read: keep memory bounded on long texts
        clauses.append(clause)
    _inherit(cleaned, clauses, author)
    incidents = _incidents(clauses) or _location_line(clauses, cleaned)
    _resolve_all(clauses, day, idx, ("site",))
    own = {c.index for inc in incidents for c in inc.clauses}
    general = next((c for c in clauses if c.verification and c.index not in own), None)
    return Reading(cleaned, day, clauses, incidents, general)


def _inherit(text: str, clauses: list[Clause], author: str) -> None:
    """List items take claimant and date from the line introducing them; a bulletin's title
    ("Update of the General Staff ...") names the claimant of every sentence that names none."""
    header: Clause | None = None
    previous: Clause | None = None
    for c in clauses:
        c.header = text[c.end - 1] == ":"
        if header is not None and previous is not header and "\n\n" in text[previous.end:c.start]:
            header = None  # a blank line after the list (one right after its header is Markdown)
        if header is not None:
            c.claimant = c.claimant or header.claimant
            c.relayed_by = c.relayed_by or header.relayed_by
            if c.window is None:
                c.window, c.date_text = header.window, header.date_text
        if c.header:
            header = c
        previous = c
        c.claimant = c.claimant or (author if not c.relayed_by else "")


def _bulletin_author(text: str, title: Clause) -> str:
    """Author named in a bulletin's title line, if the first sentence is one."""
    low = title.low
    if any(w in cues.SPEECH_VERBS for w in low):
        return ""
    for k, w in enumerate(low[:-1]):
        if w in cues.BULLETIN_WORDS and low[k + 1] in ("of", "from", "by"):
            first = k + 2 + (low[k + 2] == "the" if k + 2 < len(low) else 0)
            last = first
            while last + 1 < len(low) and not _break_between(text, title.words[last], title.words[last + 1]) \
                    and not _day_number(low[last + 1]):
                last += 1
            return _phrase(text, title.words, first, last) if first < len(low) else ""
    return ""


def _resolve_all(clauses: list[Clause], day: dt.date | None, idx: PlaceIndex, roles: tuple[str, ...] = ROLES) -> None:
    """Geocode the mentions of these roles: hints from their own sentence first, else the report's."""
    report_hints = _hint_text(m for c in clauses for m in c.mentions
                              if m.role != "actor" and (m.admin_word or m.role == "admin" or (
                                  m.region is not None and m.region.precision != "country")))
    for c in clauses:
        local = _hint_text(m for m in c.mentions if m.role in ("admin", "reference"))
        when = c.window[1] if c.window else day
        for m in c.mentions:
            if m.match is None and m.role in roles:
                _resolve(m, local or report_hints, when, idx)


def _incident_row(reading: Reading, inc: Incident, source: str | None, idx: PlaceIndex) -> dict:
    clauses = inc.clauses
    first = inc.first
    window = next((c.window for c in clauses if c.window), None)
    if window is None and reading.published:
        window = (reading.published, reading.published)
    day = window[1] if window else None
    if inc.site is not None and inc.site.match is not None:
        match, note = inc.site.match, "named in the report"
        if inc.site.role == "admin" or (inc.site.match.precision in ("oblast", "raion", "region")):
            note = "the report names only the administrative unit or region"
    else:
        if day not in reading.unplaced:
            _resolve_all(reading.clauses, reading.published, idx)
            reading.unplaced[day] = _best_region(reading.clauses, day, idx)
        match, note = reading.unplaced[day]
    types = [t for c in clauses for t, _ in c.weapons] or [c.generic_type for c in clauses if c.strong or c.weak]
    event_type = min(types, key=cues.EVENT_TYPES.index) if types else "other"
    weapons = list(dict.fromkeys(label for c in clauses for _, label in c.weapons))
    claim_clause = next((c for c in clauses if c.claimant), None) or _claim_before(reading.clauses, first)
    claimed_by = claim_clause.claimant if claim_clause else ""
    relayed_by = next((c.relayed_by for c in clauses if c.relayed_by), "") or (
        claim_clause.relayed_by if claim_clause else "")
    if not claimed_by and relayed_by:
        claimed_by, relayed_by = relayed_by, ""
    claimant_side = _side(claimed_by)
    attacker = next((c.attacker for c in clauses if c.attacker), "")
    verification_clause = next((c for c in clauses if c.verification), None) or reading.verification
    origin = [m.text for c in clauses for m in c.mentions if m.role == "origin"]
    counts = [c.attacks for c in clauses if c.attacks is not None]
    killed = [c.killed for c in clauses if c.killed is not None]
    injured = [c.injured for c in clauses if c.injured is not None]
    return {
        "date": day.isoformat() if day else None,
        "date_start": window[0].isoformat() if window else None,
        "date_end": day.isoformat() if day else None,
        "date_text": next((c.date_text for c in clauses if c.date_text), ""),
        "event_type": event_type,
        "weapons": ", ".join(weapons),
        "attacks": max(counts) if counts else None,
        "place_text": inc.place_text,
        "place_name": match.name,
        "precision": match.precision if inc.site is not None else match.precision,
        "place_note": note,
        "place_support": _support(inc.site) if inc.site else 0,
        "geonameid": match.geonameid,
        "origin": "; ".join(dict.fromkeys(origin)),
        "claimed_by": claimed_by,
        "claimant_side": claimant_side,
        "relayed_by": relayed_by,
        "attributed_to": attacker,
        "attributed_side": _side(attacker, claimant_side),
        "verification": verification_clause.verification if verification_clause else "unknown",
        "verification_text": reading.text[verification_clause.start:verification_clause.end]
        if verification_clause else "",
        "killed": max(killed) if killed else None,
        "injured": max(injured) if injured else None,
        "quote": reading.text[first.start:first.end],
        "quote_start": first.start,
        "quote_end": first.end,
        "place_start": inc.site.start if inc.site else None,
        "place_end": inc.site.end if inc.site else None,
        "published": reading.published.isoformat() if reading.published else None,
        "source": source,
        "geometry": _geometry(match, day),
    }


def _support(site: Mention) -> int:
    """How much the text says the site is this place: cue words around it, hints that agree."""
    reasons = site.match.reasons if site.match is not None else []
    agreed = any(r == "in the oblast named" or (" km from " in r and "line of contact" not in r) for r in reasons)
    return site.cues + agreed


def _claim_before(clauses: list[Clause], clause: Clause) -> Clause | None:
    """The nearest earlier sentence with a claimant, within CLAIM_DISTANCE."""
    for c in reversed(clauses[max(0, clause.index - CLAIM_DISTANCE):clause.index]):
        if c.claimant or c.relayed_by:
            return c
    return None


def _merge_key(row: dict) -> tuple:
    return (row["geonameid"] if row["geonameid"] is not None else row["place_name"], row["date"],
            row["place_start"] is None)


def _rows(text: str, published: object, source: str | None) -> list[dict]:
    """Incident rows of one report; the same place on the same date is one incident."""
    idx = default_index()
    merged: dict[tuple, dict] = {}
    for reading in read_report(text, published):
        listed = {inc.site.match.oblast_iso for inc in reading.incidents
                  if inc.site and inc.site.match and inc.site.match.precision == "settlement"}
        for inc in reading.incidents:
            if inc.first.header and inc.site and inc.site.match and inc.site.match.precision == "oblast" \
                    and inc.site.match.oblast_iso in listed:
                continue  # "Shelling in Zaporizhzhia oblast:" introduces the places listed after it
            row = _incident_row(reading, inc, source, idx)
            key = _merge_key(row)
            if key in merged:
                _merge(merged[key], row)
            else:
                merged[key] = row
    return list(merged.values())


def _merge(kept: dict, row: dict) -> None:
    """Fold a second account of the same incident into the first."""
    kept["weapons"] = ", ".join(dict.fromkeys(w for r in (kept, row) for w in r["weapons"].split(", ") if w))
    kept["place_support"] = max(kept["place_support"], row["place_support"]) + 1  # named again
    for column in ("attacks", "killed", "injured"):
        values = [v for v in (kept[column], row[column]) if v is not None]
        kept[column] = max(values) if values else None
    for column in ("claimed_by", "claimant_side", "attributed_to", "attributed_side", "origin", "relayed_by"):
        kept[column] = kept[column] or row[column]
    if kept["event_type"] == "other":
        kept["event_type"] = row["event_type"]


def _frame(rows: list[dict], control_source: str) -> gpd.GeoDataFrame:
    columns = [*INCIDENT_COLUMNS, "geometry"]
    frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry="geometry", crs="EPSG:4326")
    for column in ("attacks", "killed", "injured", "geonameid", "place_start", "place_end", "place_support"):
        frame[column] = frame[column].astype("Int64")
    return check(frame, date_column="date", source=control_source)


def extract_incidents(text: str, published: object = None, source: str | None = None,
                      control_source: str = layers.DEFAULT_SOURCE) -> gpd.GeoDataFrame:
    """Incidents a report describes, one row each, checked against the control layers.

    ``published`` (date or ISO string) resolves "yesterday", "on Wednesday", "17 February"; without
    it relative dates stay empty. ``source`` is stored as given (file name, URL, outlet).
    Columns: :data:`INCIDENT_COLUMNS` (documented in the README) plus those of
    :func:`geomap.checks.check`; geometry is a point, or a polygon for oblast/region precision.

    >>> extract_incidents("No places here.").empty
    True
    """
    return _frame(_rows(text, published, source), control_source)


def extract_reports(reports: Iterable[tuple[str, object, str | None]],
                    control_source: str = layers.DEFAULT_SOURCE) -> gpd.GeoDataFrame:
    """Incidents of many ``(text, published, source)`` reports in one frame (checked once).

    >>> extract_reports([("Shelling hit Pisky, Donetsk oblast.", "2022-02-17", "a"),
    ...                  ("Nothing happened.", None, "b")]).source.tolist()
    ['a']
    """
    rows = [row for text, published, source in reports for row in _rows(text, published, source)]
    return _frame(rows, control_source)


def _mention_rows(reading: Reading) -> list[dict]:
    rows = []
    for c in reading.clauses:
        for m in c.mentions:
            got = m.match
            rows.append({
                "text": m.text, "start": m.start, "end": m.end, "sentence_start": c.start, "sentence_end": c.end,
                "role": m.role, "place_name": got.name if got else None,
                "precision": got.precision if got else None, "oblast_iso": got.oblast_iso if got else None,
                "geonameid": got.geonameid if got else None, "country": got.country if got else None,
                "geometry": shapely.Point(got.longitude, got.latitude) if got else None,
            })
    return rows


def extract_mentions(text: str, published: object = None) -> gpd.GeoDataFrame:
    """Every place mention with its role (site, origin, actor, admin, context) and reading.

    Offsets are into the cleaned text (:func:`geomap.text.clean`); geometry is the resolved
    place's point (a region's representative point), empty when unresolved.

    >>> m = extract_mentions("Moscow said shelling hit Horlivka.")
    >>> m[["text", "role", "place_name"]].values.tolist()
    [['Moscow', 'actor', 'Moscow'], ['Horlivka', 'site', 'Horlivka']]
    """
    rows = []
    for reading in read_report(text, published):
        _resolve_all(reading.clauses, reading.published, default_index())
        rows += _mention_rows(reading)
    frame = pd.DataFrame(rows, columns=[*MENTION_COLUMNS, "geometry"])
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
