"""Places a written word may stand for when it is no gazetteer name as written: a typing slip of
one ("Iloviaks"), the beginning of one ("Stanytsia"), or a raion written as an adjective of its
centre ("Novoaydarsky district").

Each reading takes the :class:`geomap.geocoding.lookup.PlaceIndex` and answers as its ``find`` does
(place row -> match level), at a spelling level (2 or 3: the weakest kinds of match); the
readings memoised are kept in the index's memo attributes.

>>> from geomap.geocoding.lookup import default_index
>>> idx = default_index()
>>> sorted({idx.name[p] for p in typo_places(idx, "Svitodarsk")})
['Svitlodarsk']
"""
from __future__ import annotations

import bisect
import os

from rapidfuzz.distance import OSA  # optimal string alignment: edits incl. swapped neighbours

from geomap.geocoding.index import PlaceIndex, derived_table
from geomap.geocoding.names import (
    ADMIN_WORDS,
    FIND_MEMO,
    QUALIFIERS,
    STREET_WORDS,
    form_key,
    loose_key,
    name_key,
    spelling_key,
    ukrainian_endings,
)

__all__ = ["FORMER_CENTRE_POP", "prefix_places", "spelled_alike", "typo_places", "unit_adjective"]

PREFIX_KEYS = 200  # names a prefix may stand for ("Stanytsia" -> "Stanytsia Luhanska"); more is no evidence
# A typing slip is at most this many edits of the spelling (one for words under TYPO_LONG letters).
TYPO_EDITS = 2
TYPO_LONG = 7
# Reports of 2014-2022 name the raions before the 2020 reform ("Perevalsky district"). GeoNames
# keeps some of them as ADM2H and marks some of their centres PPLA3, but not all (Perevalsk,
# Stanytsia Luhanska, Marinka are plain PPL): a town of this size may be a former raion centre.
FORMER_CENTRE_POP = 5_000


def unit_adjective(idx: PlaceIndex, key: str) -> dict[int, int]:
    """Raions and raion centres whose name is the stem of an adjectival raion name
    ("Amvrosievsky", "Novoaydarsky", "Yasinovatsky"), as spelling-level matches; {} if the
    word is no such adjective.

    The adjective ends in -sky/-skiy/-skyi/-skoy/-tsky (loose "ska"/"cka"); its stem is
    compared with the loose keys of unit names, allowing the letters the adjective drops
    ("Yasynuvata" -> "Yasynuvatskyi", "Popasna" -> "Popasnianskyi").

    >>> from geomap.geocoding.lookup import default_index
    >>> idx = default_index()
    >>> sorted({idx.name[p] for p in unit_adjective(idx, name_key("Starobeshevsky"))})[:2]
    ['Starobesheve', 'Starobesheve Raion']
    """
    lk = loose_key(key)
    if not (lk.endswith("ska") or lk.endswith("cka")) or len(lk) < 7:
        return {}
    memo = idx.memo("unit_adjectives", FIND_MEMO)  # a report's hints name its raions again and again
    found = memo.get(lk)
    if found is not None:
        return found
    stem = lk[:-3]
    found = {}
    best = 0
    for unit_key, p in _unit_keys(idx).get(stem[:4], ()):
        common = len(os.path.commonprefix((stem, unit_key)))
        if common >= 4 and common >= len(stem) - 1 and common >= len(unit_key) - 3:
            if common > best:
                found, best = {}, common
            if common == best:
                found[p] = 2
    return memo.keep(lk, found)


def _unit_keys(idx: PlaceIndex) -> dict[str, list[tuple[str, int]]]:
    """(loose key, row) of every raion's and raion or oblast centre's own names, by the first
    four letters of the key (a match shares at least those; built once)."""
    return idx.derived(_build_unit_keys)


@derived_table
def _build_unit_keys(idx: PlaceIndex) -> dict[str, list[tuple[str, int]]]:
    centres = ("PPLA", "PPLA2", "PPLA3", "PPLC")
    units: dict[str, list[tuple[str, int]]] = {}
    for lk, p in sorted({(loose_key(k), p) for k, entries in idx.strict.items() for p, level in entries
                         if level == 0 and 0 <= p < idx.first_foreign
                         and (idx.kind[p] == "raion" or idx.fcode[p] in centres
                              or (idx.kind[p] == "settlement" and idx.population[p] >= FORMER_CENTRE_POP))}):
        units.setdefault(lk[:4], []).append((lk, p))
    return units


@derived_table
def _loose_sorted(idx: PlaceIndex) -> list[str]:
    return sorted(idx.loose)


def prefix_places(idx: PlaceIndex, text: str) -> dict[int, int]:
    """Settlements with a name that begins with ``text`` (compared as loose keys; at most
    PREFIX_KEYS names), as the weakest kind of match; {} for short texts.

    >>> from geomap.geocoding.lookup import default_index
    >>> sorted({default_index().name[p] for p in prefix_places(default_index(), "Stanytsia")})
    ['Stanytsia Luhanska']
    """
    lk = loose_key(name_key(text))
    if len(lk) < 5:
        return {}
    keys = idx.derived(_loose_sorted)
    found: dict[int, int] = {}
    i = bisect.bisect_left(keys, lk)
    for key in keys[i:i + PREFIX_KEYS]:
        if not key.startswith(lk):
            break
        for place, _ in idx.loose[key]:
            if place >= 0 and idx.kind[place] == "settlement":
                found.setdefault(place, 3)
    return found


def typo_places(idx: PlaceIndex, word: str) -> dict[int, int]:
    """Settlements and sites whose name is one typing slip away from ``word`` (weakest match
    level); {} for short words and qualifiers.

    >>> from geomap.geocoding.lookup import default_index
    >>> "Ilovaisk" in {default_index().name[p] for p in typo_places(default_index(), "Iloviaks")}
    True
    """
    key = name_key(word)
    if len(key) < 5 or key in QUALIFIERS or key in ADMIN_WORDS or key in STREET_WORDS:
        return {}
    lk0 = loose_key(key)
    if len(lk0) < 5:  # "xxxxx" folds to "k": one edit from everything short
        return {}
    memo = idx.memo("typos", FIND_MEMO)
    places = memo.get(key)
    if places is not None:  # oblast names recur in every report: memoised like find()
        return places
    places = memo.keep(key, {})
    edits = TYPO_EDITS if len(key) >= TYPO_LONG else 1
    # One loose edit, and the loose keys of the word with a letter dropped or two swapped as
    # typed: a slip inside a letter group ("Shachastia" for Shchastia) moves the loose key more.
    typed = {loose_key(k) for k in _drops_and_swaps(key)}
    # Sorted: a set's order of strings changes from run to run, and ties keep it.
    for lk in sorted(_one_edit(lk0) | typed - {lk0}):
        for place, _ in idx.loose.get(lk, ()):
            if place >= 0 and idx.kind[place] in ("settlement", "poi") and place not in places \
                    and spelled_alike(idx, place, key, edits):
                places[place] = 3  # ranks as the weakest kind of match
    return places


def spelled_alike(idx: PlaceIndex, place: int, key: str, edits: int, forms: bool = False) -> bool:
    """Whether the strict ``key`` (or its Ukrainian ending) is within ``edits`` slips of the
    place's name once transliteration differences are folded. Loose keys drop every vowel
    difference, so one loose edit can hide a different name ("Shebekino" is no slip for
    Shyrokyne). With ``forms``, the vowels Russian and Ukrainian forms of a name trade are
    one (:func:`geomap.geocoding.names.form_key`). Regions (negative rows) always pass.

    >>> from geomap.geocoding.lookup import default_index
    >>> idx = default_index()
    >>> p = next(p for p in idx.find("hlotivka") if idx.name[p] == "Hlotivka")
    >>> spelled_alike(idx, p, "glotovka", 1), spelled_alike(idx, p, "glotovo", 1)
    (True, False)
    """
    if place < 0:
        return True
    fold = form_key if forms else spelling_key
    words = [fold(f) for f in (key, *ukrainian_endings(key))]
    for name in (idx.name[place], idx.name_uk[place]):
        if name:
            strict = name_key(name)
            folded = fold(strict)
            # Lengths further apart than the edits allowed cannot match: skip the alignment.
            if any(abs(len(w) - len(folded)) <= edits
                   and OSA.distance(w, folded, score_cutoff=edits) <= edits for w in words):
                return True
            # The slip as typed: folding "shch" to one letter puts "Shachastia" three edits
            # from Shchastia, which it is one letter from.
            if abs(len(key) - len(strict)) <= edits \
                    and OSA.distance(key, strict, score_cutoff=edits) <= edits:
                return True
    return False


_LOOSE_ALPHABET = "abcdfhklmnprstvz"


def _drops_and_swaps(key: str) -> set[str]:
    """``key`` with one letter dropped or two neighbours swapped."""
    splits = [(key[:i], key[i:]) for i in range(len(key))]
    return {a + b[1:] for a, b in splits} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}


def _one_edit(key: str) -> set[str]:
    """Loose keys one deletion, transposition, substitution or insertion away from ``key``."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = _drops_and_swaps(key)
    out |= {a + c + b[1:] for a, b in splits if b for c in _LOOSE_ALPHABET}
    out |= {a + c + b for a, b in splits for c in _LOOSE_ALPHABET}
    out.discard(key)
    return out
