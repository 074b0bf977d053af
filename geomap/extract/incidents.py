"""From report text to incidents: place mentions, their roles, and what the text says happened.

The extractor is gazetteer-driven and rule-based (no statistical model is available offline):

1. :mod:`geomap.extract.text` cleans the report (HTML, Markdown) and cuts it into sentences and words.
2. **Mentions** (:mod:`geomap.extract.mentions`): capitalised word runs that are names in the embedded
   gazetteer, minus people ("Minister Dmytro Kuleba"), organisations ("Kyiv Post") and common
   words; spelling variants only next to a place word.
3. **Roles** (:mod:`geomap.extract.mentions`): each mention is an incident ``site``, an ``origin`` ("fired
   from Horlivka"), a ``reference`` ("20 km north of Donetsk"), an ``actor`` ("Moscow announced",
   "Kyiv has not recorded"), an ``admin`` hint ("Luhansk region") or ``context`` (Brussels, places
   in sentences about no attack).
4. **Incidents** (here): one per site of a sentence with an attack cue, carrying what
   :mod:`geomap.extract.sentence` read in the sentence: means, count of attacks, dates resolved against the
   publication date, claimant and attacker with their sides, verification, casualties. A follow-up sentence
   without a place adds its details to the incident before it. An attack on a place the text does
   not name ("the town was shelled") becomes an incident on the region the report best supports,
   with ``precision`` saying so.
5. Sites are resolved (:mod:`geomap.extract.sites`) with :func:`geomap.geocoding.lookup.lookup`, given the
   administrative units named in the same sentence (else in the report) as hints and the report's
   date; the incidents are then checked with :func:`geomap.spatial.checks.check` (control, oblast,
   distance to the line).

Every vocabulary lives in :mod:`geomap.extract.cues`.

>>> report = ("Ukraine's military said Russian forces shelled Avdiivka with mortars four times "
...           "on Monday. The claim could not be independently verified.")
>>> row = extract_incidents(report, published="2023-03-15").iloc[0]
>>> row.place_name, row.event_type, int(row.attacks), row.date, row.claimant_side, row.verification
('Avdiivka', 'mortar', 4, '2023-03-13', 'ukraine', 'unverified')
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyproj
import shapely
from geopandas.array import from_shapely

from geomap.dates import iso_days, parse_date
from geomap.errors import InputError, InputTypeError
from geomap.extract import cues, language, sites
from geomap.extract.confidence import calibrate
from geomap.extract.mentions import add_written_points, assign_roles, find_mentions
from geomap.extract.model import Mention, Sentence
from geomap.extract.sentence import bulletin_author, read_sentence, side
from geomap.extract.sites import best_region, country_match, incident_geometry, resolve_all
from geomap.extract.text import Span, clean, sentences, words
from geomap.geocoding import lookup, morphology
from geomap.geocoding.confidence import confidence
from geomap.geocoding.index import PlaceIndex, default_index
from geomap.schema import INCIDENT_COLUMNS, INTEGER_COLUMNS, MENTION_COLUMNS
from geomap.spatial import checks, layers
from geomap.spatial.checks import check_columns
from geomap.spatial.crs import GEOGRAPHIC_CRS

__all__ = [
    "Incident", "Reading", "extract_incidents", "extract_mentions", "extract_reports", "preload",
]

ATTACH_DISTANCE = 1  # a place-less follow-up sentence adds to an incident this many sentences back
CLAIM_DISTANCE = 2  # a sentence without a claimant takes the one of this many sentences back
LOCATION_LINE_CHARS = 500  # a text this short with no event words is one incident's location line
PART_CHARS = 100_000  # a longer text is read in parts of about this size (bounded memory)

_GEOGRAPHIC = pyproj.CRS(GEOGRAPHIC_CRS)  # parsed once, not once a frame (some 5 µs)


@dataclass
class Incident:
    """One incident while it is assembled (becomes a row of :func:`extract_incidents`)."""

    clauses: list[Sentence]
    site: Mention | None
    place_text: str = ""

    @property
    def first(self) -> Sentence:
        return self.clauses[0]


# -- 4. incidents -------------------------------------------------------------------------------
def _incidents(clauses: list[Sentence]) -> list[Incident]:
    found: list[Incident] = []
    last_clause: dict[int, int] = {}  # incident id -> index of its last clause
    active: list[Incident] = []  # incidents a follow-up sentence may still add to
    orphan: Sentence | None = None  # the last attack sentence that named no place and made no incident
    for clause in clauses:
        if not clause.is_event:
            site = _location_fragment(clause)
            if site is not None and orphan is not None and orphan.index == clause.index - 1:
                # "Two soldiers were killed in shelling. Near the village of X, Y district.": the
                # line after an attack on an unnamed place says where it was.
                site.role = "site"
                found.append(Incident([orphan, clause], site, site.text))
                last_clause[id(found[-1])] = clause.index
            continue
        active = [inc for inc in active if clause.index - last_clause[id(inc)] <= ATTACH_DISTANCE]
        sites = [m for m in clause.mentions if m.role == "site"]
        new = [Incident([clause], m, m.text) for m in sites]
        if not sites:
            intercepts = bool(clause.weapons) and clause.intercepts
            if intercepts and all(clause.claimant != c.claimant for inc in active for c in inc.clauses):
                # Another speaker's air defence report ("the air force said it shot down 9 of 13
                # drones"): an attack of its own, not more about the incident before it.
                active = []
            targets = active or ([found[-1]] if found and clause.definite else [])  # "the city"
            for inc in targets:
                if clause not in inc.clauses:
                    inc.clauses.append(clause)
                    last_clause[id(inc)] = clause.index
            if not targets and clause.strong and (clause.place_country not in ("", "UA") or any(
                    m.role == "context" and m.region is None for m in clause.mentions)):
                pass  # "strikes on Russian territory", "missiles hit Poland": no incident in Ukraine
            elif not targets and clause.strong and (clause.place_noun or intercepts):
                new = [Incident([clause], None, clause.place_noun)]
            elif not targets and clause.strong:
                orphan = clause  # an attack on no named place: the next line may say where
        for inc in new:
            last_clause[id(inc)] = clause.index
        found += new
        active += new
    return found


def _says_only_where(clause: Sentence) -> bool:
    """Whether a sentence is a location line: names and :data:`cues.LOCATION_LINE_WORDS` only.
    Asked while the sentence's words are kept (they are dropped once it is read)."""
    # Word by word, so that a usual sentence is ruled out at its first word outside the vocabulary.
    return bool(clause.mentions) and all(
        low in cues.LOCATION_LINE_WORDS or any(m.start <= word.start < m.end for m in clause.mentions)
        for word, low in zip(clause.words, clause.low))


def _placeable(m: Mention, idx: PlaceIndex) -> bool:
    """A mention that may be an incident's site: no actor, not the country, not only abroad."""
    return m.role != "actor" and not (m.region and m.region.precision == "country") \
        and not all(p >= 0 and idx.country[p] != "UA" for p in m.places)


def _best_backed(mentions: list[Mention]) -> Mention:
    """The mention the words around back most ("near the village of X"), a settlement before a unit."""
    return max(mentions, key=lambda m: (m.cues, not (m.admin_word or m.region)))


def _location_fragment(clause: Sentence) -> Mention | None:
    """The place a location line names (see :func:`_says_only_where`), None for other sentences."""
    if not clause.where_only:
        return None
    idx = default_index()
    names = [m for m in clause.mentions if _placeable(m, idx)]
    return _best_backed(names) if names else None


def _location_line(clauses: list[Sentence], text: str) -> list[Incident]:
    """A short text without any event words (a headline, a location line): one incident at the
    place the words around back most, a settlement before a unit."""
    if len(text) > LOCATION_LINE_CHARS or any(c.strong or c.weak or c.weapons for c in clauses) or (
            len(clauses) > 1 and not cues.VENUE_WORDS.isdisjoint(text.lower().replace(",", " ").split())):
        return []  # (a short item about talks or a visit names where people met, not a site)
    idx = default_index()
    candidates = [m for c in clauses for m in c.mentions if _placeable(m, idx)]
    if not candidates:
        return []
    site = _best_backed(candidates)
    for m in candidates:
        if m is not site and (m.admin_word or m.region):
            m.role = "admin"
    site.role = "site"
    clause = next(c for c in clauses if site in c.mentions)
    return [Incident([clause], site, site.text)]


def _under_title(clauses: list[Sentence], found: list[Incident]) -> list[Incident]:
    """A post titled by its place ("Херсон. Окупанти скинули вибухівку на зупинку"): an attack that
    names no place happened at the title's place, as Telegram channels write."""
    title = _location_fragment(clauses[0]) if clauses and clauses[0].where_only else None
    used = {id(c) for inc in found for c in inc.clauses}
    orphans = [c for c in clauses[1:] if c.is_event and id(c) not in used
               and not any(m.role == "site" for m in c.mentions)]
    orphans = orphans if any(c.strong for c in orphans) else []  # "Постраждалих немає" adds to one
    unnamed = [inc for inc in found if inc.site is None]  # "атаковали город": the title's town
    if title is None or not (orphans or unnamed):
        return []
    title.role = "site"
    for inc in unnamed:
        inc.site, inc.place_text = title, title.text
    return [Incident(orphans, title, title.text)] if orphans else []


# -- 5. the pipeline ------------------------------------------------------------------------------
@dataclass
class Reading:
    """Everything read from one report: cleaned text, sentences with their cues, incidents."""

    text: str
    published: dt.date | None
    clauses: list[Sentence]
    incidents: list[Incident]
    # a sentence about the whole report ("neither claim could be verified")
    verification: Sentence | None = None
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
        raise InputTypeError(f"report text must be a string, not {type(text).__name__}")
    day = parse_date(published) if published is not None and not pd.isna(published) else None
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
    people: set[str] = set()  # surnames named so far ("Vyacheslav Chaus" makes a later "Chaus" a person)
    report_language = language.detect(cleaned[spans[0].start:spans[-1].end]) if spans else "en"
    for k, span in enumerate(spans):
        ws = words(cleaned, span.start, span.end)
        said_in = language.sentence_language(cleaned, span.start, span.end, report_language)
        if said_in == "en":
            clause = Sentence(k, span.start, span.end, ws, [w.text.lower().replace("’", "'") for w in ws])
        else:  # read through English glosses, names by their nominatives (geomap.extract.language)
            low, keys, forms = language.gloss(cleaned, ws, said_in, idx)
            clause = Sentence(k, span.start, span.end, ws, low, language=said_in, name_keys=keys)
        clause.mentions = find_mentions(cleaned, clause, idx, people)
        read_sentence(cleaned, clause, day)
        if said_in != "en":
            language.read_slavic(cleaned, clause, forms)
        assign_roles(cleaned, clause, idx)
        if said_in != "en":
            language.settle_roles(cleaned, clause, idx)
        add_written_points(cleaned, clause, idx)
        clause.where_only = _says_only_where(clause)
        if k == 0:
            author = bulletin_author(cleaned, clause)
        clause.words, clause.low, clause.name_keys = [], [], []  # read: keep memory bounded on long texts
        clauses.append(clause)
    _inherit(cleaned, clauses, author)
    incidents = _incidents(clauses)
    if report_language != "en":
        incidents += _under_title(clauses, incidents)
    if not incidents and (report_language == "en" or all(c.where_only for c in clauses)):
        # (a short Ukrainian or Russian text about something else names places too: only a text of
        # names alone is a location line there)
        incidents = _location_line(clauses, cleaned)
    resolve_all(clauses, day, idx, ("site",))
    own = {c.index for inc in incidents for c in inc.clauses}
    general = next((c for c in clauses if c.verification and c.index not in own), None)
    return Reading(cleaned, day, clauses, incidents, general)


def _inherit(text: str, clauses: list[Sentence], author: str) -> None:
    """List items take claimant and date from the line introducing them; a bulletin's title
    ("Update of the General Staff ..., 6 March 2023") gives its author and date to every sentence
    that names none."""
    title = clauses[0] if author else None
    header: Sentence | None = None
    previous: Sentence | None = None
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
        if title is not None and c.window is None:
            c.window, c.date_text = title.window, title.date_text


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
    elif first.place_country == "UA":
        match, note = country_match(day), "place not named: the report says only that it is in Ukraine"
    else:
        if day not in reading.unplaced:
            resolve_all(reading.clauses, reading.published, idx)
            reading.unplaced[day] = best_region(reading.clauses, day, idx)
        match, note = reading.unplaced[day]
    types = ([t for c in clauses for t, _ in c.weapons]
             or [c.generic_type for c in clauses if c.strong or c.weak])
    event_type = min(types, key=cues.EVENT_TYPES.index) if types else "other"
    weapons = list(dict.fromkeys(label for c in clauses for _, label in c.weapons))
    claim_clause = next((c for c in clauses if c.claimant), None) or _claim_before(reading.clauses, first)
    claimed_by = claim_clause.claimant if claim_clause else ""
    relayed_by = next((c.relayed_by for c in clauses if c.relayed_by), "") or (
        claim_clause.relayed_by if claim_clause else "")
    if not claimed_by and relayed_by:
        claimed_by, relayed_by = relayed_by, ""
    claimant_side = side(claimed_by, "", first.language) \
        or _side_named_before(reading.clauses, first, claimed_by)
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
        "confidence": match.confidence if match.confidence is not None else confidence(
            match.matched or match.name, match.to_dict()),
        "geonameid": match.geonameid,
        "origin": "; ".join(dict.fromkeys(origin)),
        "claimed_by": claimed_by,
        "claimant_side": claimant_side,
        "relayed_by": relayed_by,
        "attributed_to": attacker,
        "attributed_side": side(attacker, claimant_side, first.language),
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
        "language": first.language,
        "geometry": incident_geometry(match, day),
        "country": match.country,  # not a column: read by _local_sides after the checks
    }


def _support(site: Mention) -> int:
    """How much the text says the site is this place: cue words around it, hints that agree."""
    reasons = site.match.reasons if site.match is not None else []
    agreed = any(r == "in the oblast named" or (" km from " in r and "line of contact" not in r)
                 for r in reasons)
    return site.cues + agreed


def _side_named_before(clauses: list[Sentence], clause: Sentence, claimed_by: str) -> str:
    """The side of "the ministry", "the governor": that of the last earlier claimant with the same
    head noun ("the Russian Defence Ministry"), or ''.

    >>> text = "The Russian Defence Ministry said it hit Kupyansk. Troops shelled Lyman, the ministry said."
    >>> extract_incidents(text, "2023-06-13").claimant_side.tolist()
    ['russia', 'russia']
    """
    words = claimed_by.lower().split()
    if len(words) != 2 or words[0] != "the":
        return ""
    for c in reversed(clauses[:clause.index]):
        if words[1] in c.claimant.lower().split() and side(c.claimant, "", c.language):
            return side(c.claimant, "", c.language)
    return ""


def _claim_before(clauses: list[Sentence], clause: Sentence) -> Sentence | None:
    """The nearest earlier sentence with a claimant, within CLAIM_DISTANCE."""
    for c in reversed(clauses[max(0, clause.index - CLAIM_DISTANCE):clause.index]):
        if c.claimant or c.relayed_by:
            return c
    return None


def _merge_key(row: dict) -> tuple:
    return (row["geonameid"] if row["geonameid"] is not None else row["place_name"], row["date"],
            row["place_start"] is None)


def _rows(text: str, published: object, source: str | None,
          progress: Callable[[float], None] | None = None) -> list[dict]:
    """Incident rows of one report; the same place on the same date is one incident.
    ``progress`` is told the share of the report read after each part."""
    idx = default_index()
    merged: dict[tuple, dict] = {}
    for reading in read_report(text, published):
        if progress is not None and reading.clauses:
            progress(reading.clauses[-1].end / max(len(reading.text), 1))
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


def _calibrated_rows(text: str, published: object, source: str | None,
                     progress: Callable[[float], None] | None = None) -> list[dict]:
    """:func:`_rows` with each incident's confidence (the geocoder's in the name until then)."""
    return calibrate(_rows(text, published, source, progress))


def _merge(kept: dict, row: dict) -> None:
    """Fold a second account of the same incident into the first."""
    kept["weapons"] = ", ".join(dict.fromkeys(w for r in (kept, row) for w in r["weapons"].split(", ") if w))
    kept["place_support"] = max(kept["place_support"], row["place_support"]) + 1  # named again
    kept["confidence"] = max(kept["confidence"], row["confidence"])
    for column in ("attacks", "killed", "injured"):
        values = [v for v in (kept[column], row[column]) if v is not None]
        kept[column] = max(values) if values else None
    for column in ("claimed_by", "claimant_side", "attributed_to", "attributed_side", "origin", "relayed_by"):
        kept[column] = kept[column] or row[column]
    if kept["event_type"] == "other":
        kept["event_type"] = row["event_type"]


def _frame(rows: list[dict], control_source: str) -> gpd.GeoDataFrame:
    """The rows, checked, as one frame: the columns are built first, each already of the type
    pandas would infer for it, then the frame in one step (pandas copies its column index for
    every column added to a frame)."""
    if rows:
        columns: dict[str, Any] = {c: [row[c] for row in rows] for c in INCIDENT_COLUMNS}
    else:  # pandas would read empty lists as floats
        columns = dict.fromkeys(INCIDENT_COLUMNS, np.array([], dtype=object))
    for c in INTEGER_COLUMNS:
        columns[c] = _nullable_ints(columns[c])
    geometry = np.array([row["geometry"] for row in rows], dtype=object)
    checked = check_columns(geometry, *iso_days(columns["date"]), control_source)
    _local_sides(columns, checked["control"], rows)
    text_dtype = _text_dtype()
    columns = {c: _inferred(v, text_dtype) for c, v in columns.items()}
    checked = {c: _inferred(v, text_dtype) for c, v in checked.items()}
    shapes = from_shapely(geometry, crs=_GEOGRAPHIC)  # converted before the frame is: saves it a copy
    # No copies: every column was made for this frame. The geometry goes in as the column (which
    # keeps its place among the columns) and as the geometry argument: geopandas then takes the
    # array as it is instead of reading the column back out of the frame as a GeoSeries.
    return gpd.GeoDataFrame({**columns, "geometry": shapes, **checked}, geometry=shapes, copy=False)


def _text_dtype() -> pd.StringDtype | None:
    """The dtype pandas infers for a column of strings when it is pandas 3's pyarrow-backed
    ``str`` (the one :func:`_inferred` makes directly), else None: pandas 2 infers object, and
    columns of other string types are left to pandas."""
    dtype = pd.api.types.pandas_dtype("str")  # follows pandas' options, as its inference does
    if isinstance(dtype, pd.StringDtype) and dtype.construct_array_type() is pd.arrays.ArrowStringArray:
        return dtype
    return None


def _inferred(values: Any, text_dtype: pd.StringDtype | None) -> Any:
    """A column of Python values as the array pandas would infer from it, made directly for
    strings with Nones (``text_dtype``, None as missing) and for ints (int64): pandas looks at
    every value first, some 15 µs a column, and a frame has some 25 such columns. Anything else
    (arrays already typed, a column of nothing but None, other objects) is returned as it is,
    for pandas to infer as ever."""
    if not (isinstance(values, list) or isinstance(values, np.ndarray) and values.dtype == object) \
            or not len(values):
        return values
    kinds = set(map(type, values))  # exact types: subclasses are left to pandas
    if text_dtype is not None and str in kinds and kinds <= {str, type(None)}:
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()), dtype=text_dtype)
    if kinds == {int} and -2**63 <= min(values) and max(values) < 2**63:
        return np.array(values, dtype=np.int64)  # pandas reads larger ints as uint64 or objects
    return values


def _nullable_ints(values: list[int | None]) -> pd.arrays.IntegerArray:
    """An Int64 column from ints and Nones, made from its values and its mask (pd.array(values,
    dtype="Int64") infers each value's type first: some 20 µs a column, seven columns a frame,
    and extract_incidents makes one frame per report)."""
    mask = np.array([v is None for v in values], dtype=bool)
    data = np.array([0 if v is None else v for v in values], dtype=np.int64)
    return pd.arrays.IntegerArray(data, mask)


def _local_sides(columns: dict[str, Any], control: pd.Categorical, rows: list[dict]) -> None:
    """Sides of claimants who speak for the place attacked ("the regional governor", "city
    police") and name no side: the side holding the place on the incident's date (Ukraine where
    the checks find government control, Russia for a place in Russia). A local official of an
    occupied place is left unknown: the text does not say whose.

    >>> f = extract_incidents("Shelling hit Kherson, the regional governor said.", "2023-03-03")
    >>> f.claimant_side.tolist()
    ['ukraine']
    """
    government = np.asarray(control == "government")  # one comparison: a Categorical's items are slow to read
    for k, row in enumerate(rows):
        if row["claimant_side"] or not _local_claimant(row["claimed_by"], row["language"]):
            continue
        held = "russia" if row["country"] == "RU" else "ukraine" if government[k] else ""
        if held:
            columns["claimant_side"][k] = held
            if not row["attributed_side"]:
                columns["attributed_side"][k] = side(row["attributed_to"], held, row["language"])


def _local_claimant(claimed_by: str, said_in: str) -> bool:
    """Whether a claimant phrase names a local authority and no side ("the regional police")."""
    return bool(claimed_by) and any(w in cues.LOCAL_AUTHORITY_WORDS
                                    for w in language.english(claimed_by, said_in).split())


def extract_incidents(text: str, published: object = None, source: str | None = None,
                      control_source: str = layers.DEFAULT_SOURCE) -> gpd.GeoDataFrame:
    """Incidents a report describes, one row each, checked against the control layers.

    ``published`` (date or ISO string) resolves "yesterday", "on Wednesday", "17 February"; without
    it relative dates stay empty. ``source`` is stored as given (file name, URL, outlet).
    Columns: :data:`INCIDENT_COLUMNS` (documented in the README) plus those of
    :func:`geomap.spatial.checks.check`; geometry is a point, or a polygon for oblast/region precision.

    >>> extract_incidents("No places here.").empty
    True
    """
    return _frame(_calibrated_rows(text, published, source), control_source)


def extract_reports(reports: Iterable[tuple[str, object, str | None]],
                    control_source: str = layers.DEFAULT_SOURCE,
                    progress: Callable[[float], None] | None = None) -> gpd.GeoDataFrame:
    """Incidents of many ``(text, published, source)`` reports in one frame (checked once).
    ``progress``, if given, is called as each report is read, part by part, with the share of
    that report read so far (a progress bar for long texts).

    >>> extract_reports([("Shelling hit Pisky, Donetsk oblast.", "2022-02-17", "a"),
    ...                  ("Nothing happened.", None, "b")]).source.tolist()
    ['a']
    """
    rows = [row for text, published, source in reports
            for row in _calibrated_rows(text, published, source, progress)]
    return _frame(rows, control_source)


def preload(control_source: str = layers.DEFAULT_SOURCE, languages: Iterable[str] = ("uk", "ru")) -> None:
    """Load now what extraction otherwise loads on first use: the gazetteer and every table
    derived from it, the control layers of ``control_source``, the oblasts' incident polygons
    and the dictionaries of ``languages`` ("uk", "ru"; English needs none). A service or a Dask
    worker calls it as it starts, so that its first report costs no more than the next ones.

    >>> preload(languages=())
    """
    if control_source not in layers.SOURCES:
        raise InputError(f"unknown control source {control_source!r}; "
                         f"choose one of {', '.join(layers.SOURCES)}")
    lookup.preload()
    checks.preload(control_source)
    sites.preload()
    for code in languages:
        if code not in morphology.LANGUAGES:
            raise InputError(f"no dictionary for language {code!r}; "
                             f"choose from {', '.join(morphology.LANGUAGES)}")
        morphology.analyser(code)


def _mention_rows(reading: Reading) -> list[dict]:
    rows = []
    for c in reading.clauses:
        for m in c.mentions:
            got = m.match
            rows.append({
                "text": m.text, "start": m.start, "end": m.end,
                "sentence_start": c.start, "sentence_end": c.end,
                "role": m.role, "place_name": got.name if got else None,
                "precision": got.precision if got else None, "oblast_iso": got.oblast_iso if got else None,
                "geonameid": got.geonameid if got else None, "country": got.country if got else None,
                "geometry": shapely.Point(got.longitude, got.latitude) if got else None,
            })
    return rows


def extract_mentions(text: str, published: object = None) -> gpd.GeoDataFrame:
    """Every place mention with its role (site, origin, actor, admin, context) and reading.

    Offsets are into the cleaned text (:func:`geomap.extract.text.clean`); geometry is the resolved
    place's point (a region's representative point), empty when unresolved.

    >>> m = extract_mentions("Moscow said shelling hit Horlivka.")
    >>> m[["text", "role", "place_name"]].values.tolist()
    [['Moscow', 'actor', 'Moscow'], ['Horlivka', 'site', 'Horlivka']]
    """
    rows = []
    for reading in read_report(text, published):
        resolve_all(reading.clauses, reading.published, default_index())
        rows += _mention_rows(reading)
    frame = pd.DataFrame(rows, columns=[*MENTION_COLUMNS, "geometry"])
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
