"""Base forms of Ukrainian and Russian words, for gazetteer look-ups and cue words.

Reports in Ukrainian and Russian inflect place names ("обстріляли Горлівку", "в Одесі",
"Луганської області") and name areas by adjectives ("Куп'янський район", "Межівська громада") or by
the region suffix -щина ("Нікопольщина"). The gazetteer holds the nominative ("Горлівка", "Межова").
pymorphy3 with its Ukrainian and Russian dictionaries gives the dictionary forms; the analysers load
lazily, once per language, on the first Cyrillic word asked about (English reading never pays for them).

>>> nominatives("Горлівку", "uk")[0], nominatives("Одессе", "ru")[0], nominatives("Новій", "uk")[-1]
('горлівка', 'одесса', 'нова')
>>> "куп'янськ" in place_nouns("куп'янський"), "межова" in place_nouns("межівська")
(True, True)
"""
from __future__ import annotations

import functools
from typing import Any

__all__ = [
    "LANGUAGES", "analyser", "known", "lemmas", "nominatives", "parses", "place_nouns", "region_base",
    "singular",
]

LANGUAGES = ("uk", "ru")  # the languages with an analyser (English needs none)
_CACHE = 65_536  # distinct word forms remembered per function: a long news archive has some 10^5

# Adjective suffixes of place names, longest first, and the endings the place noun may take instead
# ("харківський" -> Харків, "нікопольський" -> Нікополь, "одеський" -> Одеса, "запорізький" ->
# Запоріжжя, "сумський" -> Суми, "межівська" -> Межова, "покровське" -> Покровськ / Покровське).
_ADJECTIVE_SUFFIXES = ("ський", "цький", "зький", "жский", "ский", "цкий", "зкий", "ий", "ій",
                       "ый", "ой")
_NOUN_ENDINGS = ("", "ь", "а", "и", "е", "о", "я", "са", "сса", "си", "ськ", "ск", "цьк", "цк", "жжя",
                 "жье", "ське", "ское", "ка")
# Region nouns: the place's stem + -щина / -ччина / -чина ("Харківщина", "Донеччина", "Белгородчина").
_REGION_SUFFIXES = ("ччина", "щина", "чина")
_PEOPLE = frozenset(("Name", "Surn", "Patr"))


@functools.cache
def analyser(language: str) -> Any:
    """The pymorphy3 analyser of ``language`` ("uk" or "ru"), loaded on first use."""
    import pymorphy3  # imported here: loading the dictionaries is only for Cyrillic reports

    return pymorphy3.MorphAnalyzer(lang=language)


@functools.lru_cache(maxsize=_CACHE)
def parses(word: str, language: str) -> tuple:
    """The analyser's readings of a lower-case word, most likely first; one analysis per word form
    serves its dictionary forms, nominatives and tags."""
    return tuple(analyser(language).parse(word))


@functools.lru_cache(maxsize=_CACHE)
def known(word: str, language: str) -> bool:
    """Whether the dictionary of ``language`` holds a lower-case word (not a guess)."""
    return analyser(language).word_is_known(word)


@functools.lru_cache(maxsize=_CACHE)
def lemmas(word: str, language: str) -> tuple[str, ...]:
    """Dictionary forms of a lower-case word, most likely first ("обстріляли" -> "обстріляти").

    >>> lemmas("погибли", "ru")
    ('погибнуть',)
    """
    return tuple(dict.fromkeys(p.normal_form for p in parses(word, language)))


@functools.lru_cache(maxsize=_CACHE)
def nominatives(word: str, language: str) -> tuple[str, ...]:
    """The word in the nominative, keeping gender and number ("Новій" -> "нова", "Сумах" ->
    "суми"); readings the dictionary marks as place names first, nouns before adjectives."""
    low = word.lower()
    ranked = sorted(parses(low, language),
                    key=lambda p: ("Geox" not in p.tag.grammemes, p.tag.POS not in ("NOUN", "ADJF"),
                                   p.tag.POS != "NOUN"))
    found = []
    for p in ranked:
        if p.tag.case is None:
            found.append(low)
        elif p.tag.case == "nomn" or _normal_is_nominative(p.tag):
            found.append(p.normal_form)
        else:  # "Новій" -> "нова", "Сумах" -> "суми": the paradigm keeps gender and number
            form = p.inflect({"nomn"})
            found.append(form.word if form is not None else p.normal_form)
    return tuple(dict.fromkeys(found))


def _normal_is_nominative(tag: Any) -> bool:
    """Whether a reading's dictionary form is its nominative already (a singular noun, a masculine
    singular adjective), so that no inflection (which builds the word's whole paradigm) is needed;
    people's names are inflected (a woman's surname's dictionary form is the man's)."""
    grammemes = tag.grammemes
    if not _PEOPLE.isdisjoint(grammemes) or "sing" not in grammemes:
        return False
    return tag.POS == "NOUN" or (tag.POS == "ADJF" and "masc" in grammemes)


def singular(word: str, language: str) -> bool:
    """Whether the most likely reading of a verb or noun is singular ("загинув", "жінка")."""
    readings = parses(word.lower(), language)
    return bool(readings) and not {"plur", "Impe"} & readings[0].tag.grammemes


def place_nouns(adjective: str) -> tuple[str, ...]:
    """Candidate place nouns of a place adjective in the nominative, most likely first, for the
    gazetteer to choose from ("межівська" -> ..., "межова")."""
    low = adjective.lower()
    if low.endswith(("ська", "цька", "зька", "ське", "цьке", "зьке")):
        masculine = low[:-1] + "ий"  # межівська -> межівський
    elif low.endswith(("ская", "цкая", "зкая", "ское", "цкое", "зкое")):
        masculine = low[:-2] + "ий"  # луганская -> луганский
    else:
        masculine = low
    found: list[str] = []
    for suffix in _ADJECTIVE_SUFFIXES:
        if masculine.endswith(suffix) and len(masculine) > len(suffix) + 2:
            stem = masculine[:-len(suffix)]
            found += [stem + ending for ending in _NOUN_ENDINGS]
            if len(stem) > 2 and stem[-2] == "і":  # Межів- -> Межова, Харків stays: the o/i alternation
                found += [stem[:-2] + "о" + stem[-1] + ending for ending in ("а", "е", "о", "")]
    return tuple(dict.fromkeys(f for f in found if len(f) > 2))


def region_base(noun: str) -> tuple[str, ...]:
    """Candidate places a region noun is named after ("нікопольщина" -> "нікополь",
    "донеччина" -> "донецьк"), or () for other words.

    >>> region_base("нікопольщина")[0], region_base("донеччина")[0]
    ('нікополь', 'донецьк')
    """
    low = noun.lower()
    for suffix in _REGION_SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[:-len(suffix)]
            if suffix == "ччина":  # Донеччина, Вінниччина: the stem's last consonant doubled
                return (stem + "цьк", stem + "ця", stem + "ч")
            return tuple(stem + ending for ending in ("", "ь", "и", "а", "са", "си", "ськ", "ск"))
    return ()
