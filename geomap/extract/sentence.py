"""What one sentence of a report says, besides its places: means, counts, casualties, dates, claims.

:func:`read_sentence` fills a :class:`Sentence` from the sentence's words with the vocabularies of
:mod:`geomap.extract.cues`: weapons and attack words (event type), "four times" (attacks), "killing two"
(casualties), "in the past 24 hours" / "on Wednesday" / "17 February" (a date window resolved
against the publication date), who says so and who is said to have fired (with their sides), and
whether the sentence says the claims could not be verified.

>>> from geomap.extract.text import words
>>> s = "Separatists said Ukrainian troops fired mortars at the village twice yesterday."
>>> ws = words(s)
>>> c = Sentence(0, 0, len(s), ws, [w.text.lower() for w in ws])
>>> read_sentence(s, c, dt.date(2022, 2, 17))
>>> c.claimant, c.attacker, c.attacks, c.weapons, c.window[0].isoformat()
('Separatists', 'Ukrainian troops', 2, [('mortar', 'mortars')], '2022-02-16')
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from geomap.extract import cues
from geomap.extract.language import english
from geomap.extract.model import Sentence
from geomap.extract.text import Word

__all__ = ["CLAUSE_BREAK", "break_between", "bulletin_author", "phrase", "read_sentence", "side", "side_of"]

MAX_PHRASE_WORDS = 8  # a claimant or attacker is a short noun phrase
CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]| - ")
_NUMERIC_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")  # 2022-02-17, 17.02.2022
_YEAR = re.compile(r"(19|20)\d\d")  # a year of recent history: "since 2014" is background
_ANY_YEAR = re.compile(r"[12]\d\d\d")  # the year of a written date, kept as written even if far off
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\b")  # 17/02/2022, day first (as Ukraine writes)
_DAY_RANGE = re.compile(r"(\d{1,2})[-–](\d{1,2})")  # "16-17 February"
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")  # "on the 17th"
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")


def read_sentence(text: str, clause: Sentence, published: dt.date | None) -> None:
    """Fill ``clause`` with what its words say: means, attack words, counts, dates, claims."""
    low = clause.low
    vocabulary = set(low)  # most sentences hold none of a reader's cue words: skip those readers
    if not vocabulary.isdisjoint(cues.WEAPON_WORDS):
        for _, _, (etype, label) in cues.WEAPONS.find(low):
            if (etype, label) not in clause.weapons:
                clause.weapons.append((etype, label))
    if not vocabulary.isdisjoint(cues.ATTACK_CUES.first_words):
        for _, _, (strong, etype) in cues.ATTACK_CUES.find(low):
            clause.strong |= strong
            clause.weak |= not strong
            if etype != "other":
                clause.generic_type = etype
        clause.intercepts = bool(cues.INTERCEPTS.find(low))
    if clause.strong or clause.weak or clause.weapons:  # counts matter only where something happened
        _read_place_noun(text, clause)
        numbers = _numbers(low)
        clause.attacks = _attack_count(low, numbers)
        clause.killed, clause.injured = _casualties(low, numbers)
    if not vocabulary.isdisjoint(cues.DATE_WORDS) or any(w[0].isdigit() for w in low) or "ago" in vocabulary:
        _read_dates(text, clause, published)
    if not vocabulary.isdisjoint(cues.SPEECH_VERBS) or "according" in vocabulary:
        _read_claims(text, clause)
    elif not vocabulary.isdisjoint(cues.SIDED_WORDS) or not vocabulary.isdisjoint(cues.RELATIVE_ENEMY):
        clause.attacker = _attacker(text, clause, [])
    if not vocabulary.isdisjoint(cues.VERIFICATION_WORDS):
        clause.verification = _verification(low)


def _read_place_noun(text: str, clause: Sentence) -> None:
    """The first place noun and its determiner: "the town", "their territory"."""
    k = next((k for k, w in enumerate(clause.low) if w in cues.PLACE_NOUNS), None)
    if k is None:
        return
    det = clause.low[k - 1] if k > 0 else ""
    clause.place_country = cues.COUNTRY_ADJECTIVES.get(det, "")
    first = k - 1 if det in ("the", "a", "their", "its", "this", "that", "our") or clause.place_country else k
    clause.place_noun = phrase(text, clause.words, first, k)
    clause.definite = det in ("the", "this", "that", "its")


def _number(word: str) -> int | None:
    """4 for "four" or "4", None for other words ("a" is no count)."""
    if not word[0].isdigit():
        return cues.NUMBER_WORDS.get(word) if word not in ("a", "an") else None
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() and len(digits) <= 6 else None


def _numbers(low: list[str]) -> dict[int, int]:
    """Word index -> value of the numbers of a sentence ("four", "4", "1,200"), in word order."""
    # Only words that can be one are read (most words of a sentence are none).
    return {i: n for i, w in enumerate(low)
            if (w[0].isdigit() or w in cues.NUMBER_WORDS) and (n := _number(w)) is not None}


def _attack_count(low: list[str], numbers: dict[int, int]) -> int | None:
    """"four times", "two separate strikes", "twice" -> the count (the largest stated);
    ``numbers`` as :func:`_numbers` reads them."""
    counts = [cues.ADVERB_COUNTS[w] for w in low if w in cues.ADVERB_COUNTS]
    for i, n in numbers.items():
        j = i + 1
        # "two missile strikes"
        while j < len(low) and (low[j] in cues.COUNT_FILLERS or low[j] in cues.WEAPON_WORDS):
            j += 1
        if j < len(low) and low[j] in cues.ATTACK_COUNT_NOUNS \
                and not (j + 1 < len(low) and low[j + 1] == "hours"):
            counts.append(n)
    return max(counts) if counts else None


# Words that may stand between a number and its casualty word ("two other civilians were killed").
_CASUALTY_GAP = cues.CASUALTY_NOUNS | cues.AUXILIARIES | {"were", "other", "more", "people's", "at", "least"}


def _casualties(low: list[str], numbers: dict[int, int]) -> tuple[int | None, int | None]:
    """Killed and injured counts stated in a sentence; 0 where it says nobody was; ``numbers``
    as :func:`_numbers` reads them."""
    found: dict[str, int] = {}
    if cues.NO_CASUALTIES.find(low):
        found = {"killed": 0, "injured": 0}
    counted = list(numbers.items())
    if "a" in low or "an" in low:  # "a civilian was killed" ("a" is no number of its own: "a day")
        counted += [(i, 1) for i, w in enumerate(low[:-1])
                    if w in ("a", "an") and low[i + 1] in cues.CASUALTY_NOUNS]
    for i, n in counted:  # in any order: the counts add up
        kind = cues.CASUALTY_WORDS.get(low[i - 1]) if i > 0 and low[i - 1].endswith("ing") else None
        j = i + 1
        while kind is None and j < min(len(low), i + 6):
            if low[j] in cues.CASUALTY_WORDS:
                kind = cues.CASUALTY_WORDS[low[j]]
            elif j in numbers or low[j] not in _CASUALTY_GAP:
                break
            j += 1
        if kind:
            found[kind] = found.get(kind, 0) + n
    return found.get("killed"), found.get("injured")


# Words that may begin an explicit date or a year of background ("since 2014"), numbers aside.
_DATE_STARTS = frozenset(cues.MONTHS) | frozenset(cues.WEEKDAYS) | {"since", "in", "from"}


def _read_dates(text: str, clause: Sentence, published: dt.date | None) -> None:
    """The first date expression of a sentence, resolved to a window against ``published``."""
    low, ws = clause.low, clause.words
    for i, n, (back_start, back_end) in cues.RELATIVE_DATES.find(low):
        if published:
            clause.window = (published - dt.timedelta(days=back_start),
                             published - dt.timedelta(days=back_end))
        clause.date_text = " ".join(w.text for w in ws[i:i + n])
        return
    ago = _days_ago(low)
    for i, w in enumerate(low):
        if ago is not None and i == ago[0]:
            clause.date_text = " ".join(x.text for x in ws[i:i + 3])
            if published:
                clause.window = (published - dt.timedelta(days=ago[1]),) * 2
            return
        if not (w in _DATE_STARTS or w[0].isdigit()):
            continue
        # An explicit date begins with a number or a month ("17 February", "Feb 17", "2022-02-17").
        found = _explicit_date(low, i, published) if w[0].isdigit() or w in cues.MONTHS else None
        if found is None and w[0].isdigit():
            found = _slash_date(text, ws, i) or _ordinal_day(low, i, published)
        if found is not None:
            window, n = found
            clause.date_text = " ".join(x.text for x in ws[i:i + n])
            clause.window = window
            return
        if w in cues.WEEKDAYS:
            clause.date_text = ws[i].text
            if published:
                back = (published.weekday() - cues.WEEKDAYS.index(w)) % 7
                clause.window = (published - dt.timedelta(days=back),) * 2
            return
        if w in ("since", "in", "from") and i + 1 < len(low) and _YEAR.fullmatch(low[i + 1]):
            year = int(low[i + 1])
            if published and year < published.year - (published.month <= 2):
                clause.background = True  # "since 2014": a story's background, not its news
                clause.date_text = " ".join(x.text for x in ws[i:i + 2])
                return


Window = tuple[dt.date, dt.date]


def _explicit_date(low: list[str], i: int, published: dt.date | None) -> tuple[Window, int] | None:
    """'17 February (2022)', 'February 17(, 2022)', '16-17 February', '2022-02-17', '17.02.2022'
    at word i, as a window and the number of words it takes. A year is kept as written, however
    far from the war (the checks then say the date is outside the data), never replaced."""
    w = low[i]
    m = _NUMERIC_DATE.fullmatch(w)
    if m:
        y, mo, d = ((m.group(1), m.group(2), m.group(3)) if m.group(1)
                    else (m.group(6), m.group(5), m.group(4)))
        found = _date(int(y), int(mo), int(d))
        return ((found, found), 1) if found else None
    nxt = low[i + 1] if i + 1 < len(low) else ""
    days = _DAY_RANGE.fullmatch(w)
    if days and nxt in cues.MONTHS and 1 <= int(days.group(1)) <= int(days.group(2)) <= 31:
        first, day, month, n = int(days.group(1)), int(days.group(2)), cues.MONTHS[nxt], 2
    elif _day_number(w) and nxt in cues.MONTHS:
        first, day, month, n = _day_number(w), _day_number(w), cues.MONTHS[nxt], 2
    elif w in cues.MONTHS and _day_number(nxt):
        first, day, month, n = _day_number(nxt), _day_number(nxt), cues.MONTHS[w], 2
    else:
        return None
    year_word = low[i + n] if i + n < len(low) else ""
    if _ANY_YEAR.fullmatch(year_word):
        year, n = int(year_word), n + 1
    elif published is None:
        return None
    else:  # the last such day up to the day after publication
        year = published.year
        if (_date(year, month, day) or published) > published + dt.timedelta(days=1):
            year -= 1
    start, end = _date(year, month, first), _date(year, month, day)
    return ((start, end), n) if start and end else None


def _slash_date(text: str, ws: list, i: int) -> tuple[Window, int] | None:
    """'17/02/2022' (day, month, year) starting at word i."""
    m = _SLASH_DATE.match(text, ws[i].start)
    found = _date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    return ((found, found), 3) if found else None


def _ordinal_day(low: list[str], i: int, published: dt.date | None) -> tuple[Window, int] | None:
    """'on the 17th': that day of the publication's month (of the month before, if still to come)."""
    m = _ORDINAL.fullmatch(low[i])
    after = low[i + 1] if i + 1 < len(low) else ""
    if m is None or published is None or low[max(i - 2, 0):i] != ["on", "the"] or after in ("of", "century"):
        return None
    day = int(m.group(1))
    month_start = published.replace(day=1)
    if day > published.day + 1:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    found = _date(month_start.year, month_start.month, day)
    return ((found, found), 1) if found else None


def _days_ago(low: list[str]) -> tuple[int, int] | None:
    """Where 'two days ago', '3 days ago', 'a week ago' begins, and how many days back it means."""
    for j in range(2, len(low)):
        if low[j] != "ago" or low[j - 1] not in ("day", "days", "week", "weeks"):
            continue
        count = cues.NUMBER_WORDS.get(low[j - 2]) or (int(low[j - 2]) if low[j - 2].isdigit() else None)
        if count is not None and count <= 400:
            return j - 2, count * (7 if low[j - 1].startswith("week") else 1)
    return None


def _day_number(word: str) -> int:
    """1..31 for a day-of-month word ("17", "17th"), else 0."""
    m = _DAY.fullmatch(word)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else 0


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def phrase(text: str, ws: list[Word], first: int, last: int) -> str:
    """Words first..last (inclusive) as written, quotes trimmed."""
    if first > last:
        return ""
    return text[ws[first].start:ws[last].end].strip(" \"'“”‘’«»")


def break_between(text: str, a: Word, b: Word) -> bool:
    """Whether punctuation that ends a phrase (a comma, a bracket, a dash, a full stop) stands
    between two words of the text."""
    gap = text[a.end:b.start]
    # Asked for most pairs of words in a sentence, and most are one space apart: no break.
    return gap != " " and (CLAUSE_BREAK.search(gap) is not None or "." in gap)


def _subject_before(text: str, clause: Sentence, j: int) -> tuple[int, int] | None:
    """Word range of the noun phrase before word j, back to the clause start (at most 8 words)."""
    ws, low = clause.words, clause.low
    end = j - 1
    while end >= 0 and low[end] in cues.AUXILIARIES:
        end -= 1
    if end < 0 or (end == j - 1 and CLAUSE_BREAK.search(text, ws[end].end, ws[j].start)):
        return None  # "..., said the mayor": the subject follows the verb
    start = end
    while start > 0 and end - start < MAX_PHRASE_WORDS and not break_between(text, ws[start - 1], ws[start]) \
            and low[start - 1] not in ("that", "and", "but", "while", "when", "as", "which", "who"):
        start -= 1
    for k in range(start, end + 1):  # "separatists in the LPR said": the subject ends at the preposition
        if low[k] in ("in", "on", "at", "from", "near") and k > start:
            end = k - 1
            break
    while start <= end and low[start] in ("meanwhile", "later", "earlier", "also", "in", "a", "statement"):
        start += 1
    return (start, end) if start <= end else None


def _phrase_after(text: str, clause: Sentence, first: int) -> tuple[int, int]:
    """Word range from ``first`` to the end of its clause (at most MAX_PHRASE_WORDS words)."""
    ws = clause.words
    last = first
    while last + 1 < len(ws) and last - first < MAX_PHRASE_WORDS \
            and not break_between(text, ws[last], ws[last + 1]):
        last += 1
    return first, last


_CLAIMANT_WORDS = cues.ACTOR_NOUNS | cues.MEDIA | cues.CLAIMANT_NOUNS | cues.SIDED_WORDS


def _claimant_words(clause: Sentence, first: int, last: int) -> bool:
    """Whether words first..last can be a claimant: a name, a title, a side or a group."""
    span = clause.low[first:last + 1]
    return any(w in _CLAIMANT_WORDS or clause.words[first + k].text[0].isupper() for k, w in enumerate(span))


_CLAIM_WORDS = cues.SPEECH_VERBS | {"according"}  # the words a claim hangs on: "X said", "according to X"


def _read_claims(text: str, clause: Sentence) -> None:
    """claimant (``claimed_by``), relaying media (``relayed_by``) and attacker of one sentence."""
    ws, low = clause.words, clause.low
    claims: list[tuple[int, int]] = []
    for j in [j for j, w in enumerate(low) if w in _CLAIM_WORDS]:
        w = low[j]
        if w == "according" and j + 2 < len(low) and low[j + 1] == "to":
            claims.append(_phrase_after(text, clause, j + 2))  # "according to Reuters"
        elif w in cues.SPEECH_VERBS:
            if j > 0 and low[j - 1] in ("was", "were", "been") and j + 2 < len(low) and low[j + 1] == "by":
                claims.append(_phrase_after(text, clause, j + 2))  # "was reported by local media"
                continue
            span = _subject_before(text, clause, j)
            if span and _claimant_words(clause, *span):
                claims.append(span)
    for first, last in claims:
        written = phrase(text, ws, first, last)
        is_media = any(w in cues.MEDIA for w in low[first:last + 1]) and not any(
            w in cues.ACTOR_NOUNS for w in low[first:last + 1])
        if is_media and not clause.relayed_by:
            clause.relayed_by = written
        elif not is_media and not clause.claimant:
            clause.claimant = written
    clause.attacker = _attacker(text, clause, claims)


# Words an attacker's phrase may begin with: a side's word, "the enemy", a group ("forces").
_ACTOR_WORDS = cues.SIDED_WORDS | cues.RELATIVE_ENEMY | cues.ACTOR_NOUNS


def _attacker(text: str, clause: Sentence, claims: list[tuple[int, int]]) -> str:
    """The side said to have fired: "accused X of", "by X", "X shelled/fired/used"."""
    ws, low = clause.words, clause.low
    in_claim = {k for first, last in claims for k in range(first, last + 1)}
    end = 0  # the first word not read yet
    actors = [k for k, w in enumerate(low) if w in _ACTOR_WORDS]
    for j in actors:
        if j < end or j in in_claim:
            continue
        last = j
        while last + 1 < len(low) and last - j < 3 and low[last + 1] in cues.ACTOR_NOUNS:
            last += 1
        end = last + 1
        if not any(w in cues.SIDE_OF_WORD or w in cues.RELATIVE_ENEMY for w in low[j:last + 1]) or \
                low[last] in ("ministry", "command") and last == j:
            continue
        before = low[max(0, j - 2):j]
        after = [w for w in low[last + 1:last + 5] if w not in cues.AUXILIARIES]
        if any(w in ("accused", "accuses", "accuse", "blamed", "blames", "by") for w in before) or (
                after and after[0] in cues.FIRING_VERBS) or (after[:2] and "of" == after[0] and len(after) > 1
                                                             and after[1] in cues.FIRING_VERBS):
            return phrase(text, ws, j, last)
    return ""


def side_of(phrase: str, language: str = "") -> str:
    """``ukraine`` | ``russia`` | ``separatists`` | ``third_party`` from the words of a phrase, or ''
    (``language``: that of the sentence the phrase is from).

    >>> side_of("Moscow-backed separatists"), side_of("Ukraine's foreign minister"), side_of("Reuters")
    ('separatists', 'ukraine', '')
    """
    text = english(phrase, language).replace("’", "'")  # Ukrainian and Russian words by their English glosses
    found = {cues.SIDE_OF_WORD.get(w.strip("\"'“”‘’«»(),"), "") for w in text.split()}
    for side, _ in cues.SIDE_WORDS:  # in the table's order of precedence
        if side in found:
            return side
    for side, names in cues.SIDE_PHRASES:
        if any(name in text for name in names):
            return side
    return ""


@functools.lru_cache(maxsize=4096)
def side(phrase: str, claimant_side: str = "", language: str = "") -> str:
    """:func:`side_of` a phrase, "the enemy" read against the claimant's side; remembered: the
    same claimants and attackers come back report after report."""
    if not phrase:  # most incidents name no claimant or no attacker
        return ""
    side = side_of(phrase, language)
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


def bulletin_author(text: str, title: Sentence) -> str:
    """Author named in a bulletin's title line, if the first sentence is one."""
    low = title.low
    if any(w in cues.SPEECH_VERBS for w in low):
        return ""
    for k, w in enumerate(low[:-1]):
        if w in cues.BULLETIN_WORDS and low[k + 1] in ("of", "from", "by"):
            first = k + 2 + (low[k + 2] == "the" if k + 2 < len(low) else 0)
            last = first
            while last + 1 < len(low) and not break_between(text, title.words[last], title.words[last + 1]) \
                    and not _day_number(low[last + 1]) and low[last + 1] != "as":  # "... as of 06:00"
                last += 1
            return phrase(text, title.words, first, last) if first < len(low) else ""
    return ""
