"""Place-name normalisation for Ukrainian geography: one key for every way a name gets written.

A name reaches us in Ukrainian or Russian Cyrillic, in the Ukrainian national transliteration of
2010 ("Stanytsia Luhanska"), in Russian-based spellings ("Stanitsa Luganskaya", "Avdeevka"), with
any of half a dozen apostrophes, with diacritics, or under a pre-2016 Soviet name. Two keys make
them comparable:

* :func:`name_key` -- a strict key: Latin letters (Cyrillic transliterated), lower case, no
  diacritics or apostrophes, words separated by one space.
* :func:`loose_key` -- a phonetic skeleton of the strict key that folds the differences between
  romanisation systems (g/h, kh/h, ts/c, x/ks, every vowel run to one vowel, doubled consonants,
  no spaces), so "Mar'inka", "Mariinka" and "Marinka" meet.

>>> name_key("Станиця Луганська") == name_key("Stanytsia Luhanska")
True
>>> loose_key("Stanitsa Luganskaya") == loose_key("Stanytsia Luhanska")
True
>>> transliterate_uk("Запоріжжя"), transliterate_ru("Запорожье")
('Zaporizhzhia', 'Zaporozhye')
>>> strip_qualifiers("near the village of Pisky")
'Pisky'
"""
from __future__ import annotations

import functools
import operator
import re
import unicodedata

__all__ = [
    "ADMIN_WORDS", "DISTANCE_WORDS", "DISTRICT_WORDS", "FIND_MEMO", "KEY_VERSION", "NAME_TAILS",
    "OBLAST_WORDS", "QUALIFIERS", "RENAMED", "SETTLEMENT_WORDS", "STREET_WORDS", "UNIT_WORDS", "WATER_WORDS",
    "form_key", "has_cyrillic", "loose_key", "name_key", "spelling_key", "strip_qualifiers",
    "transliterate_ru", "transliterate_uk", "ukrainian_endings", "variants",
]

# Bump when a key function changes: the embedded gazetteer stores keys made by this module and
# refuses to load with a different version (rebuild with boundaries/scripts/build_gazetteer.py).
KEY_VERSION = 2
KEY_MEMO = 100_000  # spelling keys memoised (gazetteer names recur in every comparison)
# Candidate sets (and typo readings, rankings) the gazetteer keeps per key (the index never changes;
# bounded memory).
FIND_MEMO = 200_000

# Every apostrophe-like mark seen in Ukrainian names in the wild: ASCII, typographic, modifier
# letters, backtick, acute, prime and the double quote some feeds use for the "hard sign".
APOSTROPHES = "'’ʼ`´ʻ‘′\"”“ʹ"

_RU_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")

# Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010). The second
# value is used at the start of a word.
_UK_TABLE: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"),
    # Russian-only letters inside a Ukrainian text: read them the Russian way.
    "ы": ("y", "y"), "э": ("e", "e"), "ё": ("io", "yo"), "ъ": ("", ""),
}

# Russian names as the English-language press writes them (BGN/PCGN without diacritics):
# "Avdeyevka", "Stanitsa Luganskaya". "е" is "ye" at the start and after a vowel or sign.
_RU_TABLE: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian-only letters inside a Russian text.
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}

# One fixed letter-by-letter table for keys, so that a Cyrillic query and a Cyrillic gazetteer
# name always get the same key (the context-dependent tables above make display variants).
_KEY_CYRILLIC = {**{k: v[0] for k, v in _UK_TABLE.items()}, "г": "h", "ё": "e", "й": "i"}
_KEY_TABLE = str.maketrans(
    {**{ord(k): v for k, v in _KEY_CYRILLIC.items()},
     **{ord(k.upper()): v for k, v in _KEY_CYRILLIC.items()},
     **{ord(c): None for c in APOSTROPHES}}
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ASCII_ALNUM = re.compile(r"[a-z0-9 ]*")

# Loose-key folding: multi-letter romanisation units first (longest first), then letters.
_LOOSE_UNITS = [("shch", "s"), ("sch", "s"), ("zh", "z"), ("kh", "h"), ("ch", "c"),
                ("sh", "s"), ("ts", "c"), ("tz", "c"), ("ck", "k")]
_LOOSE_UNIT_RE = re.compile("|".join(u for u, _ in _LOOSE_UNITS))
_LOOSE_UNIT_MAP = dict(_LOOSE_UNITS)
# "Alexandrovka" = Aleksandrovka
_LOOSE_LETTERS = str.maketrans({"g": "h", "w": "v", "q": "k", "x": "ks", " ": None})
_VOWEL_RUN = re.compile(r"[aeiouyj]+")
_DOUBLE = re.compile(r"([a-z])\1+")
# Its replacement, the letter once: a function, not the template r"\1", which Python 3.11
# expands with Python code on every call.
_ONCE = operator.itemgetter(1)

# Words that say what kind of place a name is, not which; dropped around names.
QUALIFIERS = frozenset(
    """village villages vil vill town towns city cities settlement settlements hamlet
    urban type urban-type uts smt pgt pos selo selyshche posyolok poselok s st stn station
    area areas outskirts outskirt suburb suburbs vicinity vicinities environs near nearby
    around outside close to direction directions district districts raion rayon region
    regions oblast obl oblasts province the of in at on from by a an and""".split()
)
# Words that make the name before them an administrative unit ("Kherson region").
# "r n" is the key of the Ukrainian and Russian abbreviation "р-н" (raion).
ADMIN_WORDS = frozenset(
    ("region regions oblast obl province district districts raion rayon county municipality community "
     "hromada").split()
) | {"r n"}
DISTRICT_WORDS = frozenset({"district", "districts", "raion", "rayon", "r n"})  # the admin words of a raion
OBLAST_WORDS = frozenset({"region", "oblast", "obl", "province"})  # "<centre> region" = its oblast
# Words that make the name before them a street's ("Sovetskaya Street" is no place).
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "prospekt", "prospect", "lane", "square",
                          "boulevard"})
# Words after a name, in any case, that make it a military unit's ("Azov battalion", "the
# Stanislav platoon").
UNIT_WORDS = frozenset(
    "brigade battalion regiment division corps battalions brigades platoon squad detachment unit".split()
)
# Words naming a kind of settlement next to a name ("the village of Pisky", "Zolote town",
# "Golubovskoye settlement").
SETTLEMENT_WORDS = frozenset(
    "village villages town towns city cities settlement settlements vil smt pgt township hamlet selo".split()
)
# Water bodies named after a place ("Dnipro river", "Kakhovka reservoir", "Azov Sea") or with
# "of" ("Sea of Azov") are not that settlement: an attack from or over them has no named site.
WATER_WORDS = frozenset(
    "sea seas river rivers reservoir reservoirs lake estuary lagoon strait gulf bay channel canal".split()
)
# Lower-case words that may end a name: "the self-proclaimed Donetsk republic", and the
# generic word of a site's name ("the Crimean bridge", "the Kakhovka dam", "Snake island").
NAME_TAILS = frozenset({"republic", "bridge", "dam", "island", "spit", "peninsula"})
# Words before a name that make it a reference point, not the place itself ("5 km north of").
DISTANCE_WORDS = frozenset("km kilometres kilometers kilometre kilometer miles mile far away".split())


def transliterate_uk(text: str) -> str:
    """Ukrainian national transliteration (2010) of Cyrillic text; other characters pass through.

    >>> transliterate_uk("Станиця Луганська"), transliterate_uk("Їжакевич Юрій")
    ('Stanytsia Luhanska', 'Yizhakevych Yurii')
    """
    out: list[str] = []
    prev_letter = False
    for i, ch in enumerate(text):
        low = ch.lower()
        if low == "г" and i > 0 and text[i - 1].lower() == "з":
            tr = "gh"  # the rule keeps "зг" apart from "ж": Zghurivka, not Zhurivka
        elif low in _UK_TABLE:
            tr = _UK_TABLE[low][0 if prev_letter else 1]
        else:
            out.append(ch)
            prev_letter = ch.isalpha() or ch in APOSTROPHES
            continue
        out.append(_recase(tr, ch, text, i))
        prev_letter = True
    return "".join(out)


def transliterate_ru(text: str) -> str:
    """Russian-based romanisation of Cyrillic text as the English-language press uses it.

    >>> transliterate_ru("Авдеевка"), transliterate_ru("Станица Луганская")
    ('Avdeyevka', 'Stanitsa Luganskaya')
    """
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in _RU_TABLE:
            tr = _RU_TABLE[low]
            if low == "е" and (not prev or prev in _RU_VOWELS or prev in "ьъ" or not prev.isalpha()):
                tr = "ye"
            out.append(_recase(tr, ch, text, i))
        else:
            out.append(ch)
        prev = low
    return "".join(out)


def _recase(tr: str, ch: str, text: str, i: int) -> str:
    """Carry the case of a Cyrillic letter over to its (possibly multi-letter) Latin form."""
    if not tr or not ch.isupper():
        return tr
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev = text[i - 1] if i > 0 else ""
    # "ЩАСТЯ" -> "SHCHASTIA", but "Щастя" -> "Shchastia".
    whole_word_upper = nxt.isupper() or (prev.isupper() and not nxt.islower())
    return tr.upper() if whole_word_upper else tr[0].upper() + tr[1:]


def has_cyrillic(text: str) -> bool:
    """True if text holds any Cyrillic letter.

    >>> has_cyrillic("Bakhmut"), has_cyrillic("Бахмут")
    (False, True)
    """
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def name_key(text: str) -> str:
    """Strict comparison key: Latin, lower case, no diacritics/apostrophes, single spaces.

    >>> name_key("  Mar’ïnka "), name_key("Sloviansk-Kramatorsk")
    ('marinka', 'sloviansk kramatorsk')
    """
    s = text.translate(_KEY_TABLE).lower()
    if not _ASCII_ALNUM.fullmatch(s):
        # Only non-ASCII input pays for Unicode decomposition (keeps plain lookups fast).
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", s).strip()


def loose_key(key: str) -> str:
    """Phonetic skeleton of a :func:`name_key` that folds romanisation differences.

    >>> loose_key(name_key("Avdeevka")) == loose_key(name_key("Avdiivka"))
    True
    >>> loose_key("kiev") == loose_key("kyiv"), loose_key("severodonetsk") == loose_key("sievierodonetsk")
    (True, True)
    """
    s = _LOOSE_UNIT_RE.sub(lambda m: _LOOSE_UNIT_MAP[m.group()], key).translate(_LOOSE_LETTERS)
    s = _VOWEL_RUN.sub("a", s)
    return _DOUBLE.sub(_ONCE, s)


# Spelling folding: the letter groups that differ between transliterations of one Cyrillic
# letter (г g/h, х kh/h, и/і/й y/i, я ya/ia, ц ts/c ...), but unlike loose_key vowels stay
# vowels of their own, so "Shebekino" and "Shyrokyne" remain different words.
_SPELLING_UNITS = re.compile(r"shch|kh|ts|tz|zh|ye|ie|yu|iu|ya|ia|yo|io|yi|[gyjwx]")
_SPELLING_MAP = {"x": "ks", "shch": "sc", "kh": "h", "ts": "c", "tz": "c", "zh": "z", "ye": "e", "ie": "e",
                 "yu": "u", "iu": "u", "ya": "a", "ia": "a", "yo": "o", "io": "o", "yi": "i", "g": "h",
                 "y": "i", "j": "i", "w": "v"}


@functools.lru_cache(maxsize=KEY_MEMO)
def spelling_key(key: str) -> str:
    """A :func:`name_key` with transliteration differences folded but vowels kept.

    >>> (spelling_key("grayvoron") == spelling_key("graivoron"), spelling_key("shebekino"),
    ...  spelling_key("shyrokyne"))
    (True, 'shebekino', 'shirokine')
    """
    s = _SPELLING_UNITS.sub(lambda m: _SPELLING_MAP[m.group()], key.replace(" ", ""))
    return _DOUBLE.sub(_ONCE, s)


# The vowels Russian and Ukrainian forms of one name trade (Aleksandrovka / Oleksandrivka,
# Petrovskyi / Petrivske: о, е, и, і, ы, initial а), folded to one; "a" and "u" stay apart.
_FORM_VOWELS = re.compile(r"[eioy]+")


@functools.lru_cache(maxsize=KEY_MEMO)
def form_key(key: str) -> str:
    """A :func:`spelling_key` that also folds the vowels the Russian and Ukrainian forms of a
    name differ by, but keeps the consonants and the vowels "a" and "u".

    >>> form_key("aleksandrovka") == form_key("oleksandrivka"), form_key("olenevka") == form_key("ulianivka")
    (True, False)
    """
    s = spelling_key(key)
    s = "o" + s[1:] if s.startswith("a") else s
    return _FORM_VOWELS.sub("i", s)


# Russian endings of place names and the Ukrainian ones they stand for, on strict keys:
# Zaitsevo/Zaitseve, Pervomaiskoye/Pervomaiske, Lastochkino/Lastochkyne, Novoselovka/Novoselivka,
# Petrovskiy/Petrovskyi, Krasnaya/Krasna.
_RU_ENDINGS = re.compile(r"(?<=...)"  # after a stem of 3+ letters
                         r"(ovo|evo|oye|oe|aya|ino|ovka|evka|iy|yy|ii|sky)$")
_UK_ENDING = {"ovo": "ove", "evo": "eve", "oye": "e", "oe": "e", "aya": "a", "ino": "yne",
              "ovka": "ivka", "evka": "ivka", "iy": "yi", "yy": "yi", "ii": "yi", "sky": "skyi"}
_RU_ENDING_WORDS = tuple(_UK_ENDING)  # str.endswith picks the words worth the regular expression


def ukrainian_endings(key: str) -> tuple[str, ...]:
    """The strict key with a Russian place-name ending read as the Ukrainian one it stands for
    (none when it has no such ending): such a form is a spelling of the name, as strong as the
    name, not a loose match ranked below places that carry the Russian form as an alias.

    >>> ukrainian_endings("zaitsevo"), ukrainian_endings("krasnaya polyana"), ukrainian_endings("bakhmut")
    (('zaitseve',), ('krasna polyana',), ())
    """
    words = [_RU_ENDINGS.sub(lambda m: _UK_ENDING[m.group()], w)
             if len(w) > 4 and w.endswith(_RU_ENDING_WORDS) else w
             for w in key.split(" ")]
    variant = " ".join(words)
    return (variant,) if variant != key else ()


def variants(name: str) -> set[str]:
    """All strict keys one gazetteer name should be found under.

    A Cyrillic name adds its Ukrainian (2010) and Russian-based romanisations and its letter-by-
    letter key; a Latin name adds a form without the trailing qualifier words GeoNames sometimes
    carries ("Pisky Village").

    >>> sorted(variants("Станица Луганская"))
    ['stanitsa luganskaya', 'stanytsa luhanskaia']
    """
    keys = {name_key(name)}
    if has_cyrillic(name):
        keys.add(name_key(transliterate_uk(name)))
        keys.add(name_key(transliterate_ru(name)))
    keys = {k for k in keys if k}
    for k in list(keys):
        stripped = strip_qualifiers(k)
        if stripped and stripped != k:
            keys.add(name_key(stripped))
    return keys


def strip_qualifiers(text: str) -> str:
    """Drop qualifier words ("village", "near the", "area", "raion") from both ends of a name.

    >>> strip_qualifiers("Antonovka area"), strip_qualifiers("urban-type settlement Zolote")
    ('Antonovka', 'Zolote')
    """
    words = text.split()
    lo, hi = 0, len(words)
    while lo < hi and _norm_word(words[lo]) in QUALIFIERS:
        lo += 1
    while hi > lo and _norm_word(words[hi - 1]) in QUALIFIERS:
        hi -= 1
    return " ".join(words[lo:hi])


def _norm_word(word: str) -> str:
    return word.strip(".,;:()").lower()


# Renamed places: old name -> (current name, GeoNames admin1 of the oblast). The gazetteer
# indexes the old names as aliases of the current place, found by name within that oblast, so the
# table stays a list of facts (2016 decommunization laws, 2023-24 Verkhovna Rada renamings)
# rather than coordinates. GeoNames already knows many of these; the table fills the gaps.
RENAMED: dict[str, tuple[str, str]] = {
    "Artemivsk": ("Bakhmut", "05"), "Artemovsk": ("Bakhmut", "05"),
    "Dzerzhynsk": ("Toretsk", "05"), "Dzerzhinsk": ("Toretsk", "05"),
    "Krasnoarmiisk": ("Pokrovsk", "05"), "Krasnoarmeysk": ("Pokrovsk", "05"),
    "Krasnyi Lyman": ("Lyman", "05"), "Krasny Liman": ("Lyman", "05"),
    "Dymytrov": ("Myrnohrad", "05"), "Dimitrov": ("Myrnohrad", "05"),
    "Kirovske": ("Khrestivka", "05"), "Zhdanov": ("Mariupol", "05"),
    "Telmanove": ("Boikivske", "05"), "Volodarske": ("Nikolske", "05"),
    "Pershotravneve": ("Manhush", "05"),
    "Sievierodonetsk": ("Siverskodonetsk", "14"), "Severodonetsk": ("Siverskodonetsk", "14"),
    "Sverdlovsk": ("Dovzhansk", "14"), "Krasnyi Luch": ("Khrustalnyi", "14"),
    "Krasny Luch": ("Khrustalnyi", "14"), "Stakhanov": ("Kadiivka", "14"),
    "Kirovsk": ("Holubivka", "14"), "Voroshylovhrad": ("Luhansk", "14"),
    "Voroshilovgrad": ("Luhansk", "14"),
    "Dnipropetrovsk": ("Dnipro", "04"), "Dnepropetrovsk": ("Dnipro", "04"),
    "Ordzhonikidze": ("Pokrov", "04"),
    "Kirovohrad": ("Kropyvnytskyi", "10"), "Kirovograd": ("Kropyvnytskyi", "10"),
    "Komsomolsk": ("Horishni Plavni", "18"),
    "Illichivsk": ("Chornomorsk", "17"), "Ilyichevsk": ("Chornomorsk", "17"),
    "Kotovsk": ("Podilsk", "17"), "Yuzhne": ("Pivdenne", "17"),
    "Yuzhnoukrainsk": ("Pivdennoukrainsk", "16"),
    "Tsiurupynsk": ("Oleshky", "08"), "Tsyurupinsk": ("Oleshky", "08"),
    "Kuibysheve": ("Bilmak", "26"), "Shchorsk": ("Snovsk", "02"),
    "Novohrad-Volynskyi": ("Zviahel", "27"),
    "Komsomolske": ("Kalmiuske", "05"), "Krasnohrad": ("Berestyn", "07"), "Krasnograd": ("Berestyn", "07"),
    "Pervomaiskyi": ("Zlatopil", "07"), "Chervonohrad": ("Sheptytskyi", "15"),
    "Chervonograd": ("Sheptytskyi", "15"), "Pereiaslav-Khmelnytskyi": ("Pereiaslav", "13"),
    "Volodymyr-Volynskyi": ("Volodymyr", "24"),
}
