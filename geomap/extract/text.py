"""Report text before extraction: markup stripped, sentences and words with character offsets.

Reports arrive as plain text, HTML pages or Markdown. :func:`clean` turns each into plain text
(scripts and styles dropped, tags removed, entities decoded, Markdown emphasis and links
unwrapped) so that every offset geomap reports points into one string: the cleaned text.
:func:`sentences` cuts it into sentences without splitting at abbreviations ("Gen.", "vil.",
"U.S.") and :func:`words` gives the words of a span. Everything here is a single left-to-right
pass, so a 20 MB text costs time and memory in proportion to its size.

>>> text = clean("<p>Shelling hit <b>Avdiivka</b> on Monday.</p><p>Two people were hurt.</p>")
>>> [text[s.start:s.end] for s in sentences(text)]
['Shelling hit Avdiivka on Monday.', 'Two people were hurt.']
>>> [w.text for w in words(text, 0, 21)]
['Shelling', 'hit', 'Avdiivka']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

__all__ = ["Span", "Word", "clean", "sentences", "words"]

MAX_SENTENCE_CHARS = 1_500  # longer runs without a full stop are cut at a space (lists, junk)

# Abbreviations whose full stop does not end a sentence (lower case, without the stop).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj capt sgt cpl pte adm st mt ft vs no nos approx est
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m etc
    vil v s r-n dist obl reg km dept gov rep sen
    с м г смт пгт обл вул ул пос ім им тис млн р-н див см""".split()
)

_HTML_DROPPED = ("script", "style", "noscript", "template")
_BLOCK_END = "\x1e"  # marks the end of a block element while the page's own line breaks are read
_HTML_BLOCKS = ", ".join(
    "title p div br li ul ol tr td th table h1 h2 h3 h4 h5 h6 article section header footer blockquote dd dt "
    "figcaption pre hr".split())
_HTML_HINT = re.compile(r"<(?:html|body|p|div|br|span|a|b|i|script|article|h[1-6]|li|ul|table)\b", re.I)

_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_MD_LINE_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)([^*_`\n]{1,500}?)(?<=\S)\1")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$|^\|?[ \t]*:?-{3,}.*$", re.M)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\u00ad]")
# Runs to make one space: two or more blanks, or a lone tab or no-break space (a lone space
# already is one). Written to start with a character class (sre then skips straight to blanks):
# the plain alternation "[ \t\u00a0]{2,}|[\t\u00a0]" matches the same, about twice as slowly.
_SPACES = re.compile(r"[ \t\u00a0](?:(?<=[\t\u00a0])[ \t\u00a0]*|[ \t\u00a0]+)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n[\s]*")

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space, or at a line break
# that is not a hard wrap (the next line starts with a lower-case letter when it is one).
# That is "[.!?…]+[\"'”’»)\]]*(?=\s)|\n(?=[ \t]*[^\sa-zа-яіїєґ])", written to start with one
# character class so that sre skips straight to the candidates (three times as fast).
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)(?=[ \t]*[^\sa-zа-яіїєґ])|(?<!\n)[.!?…]*[\"'”’»)\]]*(?=\s))")
_WORD = re.compile(r"[^\W_]+(?:['’ʼ`´.\-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the cleaned text: ``text[start:end]``."""

    start: int
    end: int


class Word(NamedTuple):
    """One word with its offsets in the cleaned text (a tuple: a report has thousands, made fast)."""

    text: str
    start: int
    end: int


def looks_like_html(text: str) -> bool:
    """True if ``text`` carries HTML tags (checked on its first 5,000 characters).

    >>> looks_like_html("<p>x</p>"), looks_like_html("3 < 4 and 5 > 2")
    (True, False)
    """
    return bool(_HTML_HINT.search(text[:5_000]))


def html_text(page: str) -> str:
    """The text of an HTML page or fragment, parsed with a real HTML parser (selectolax):
    scripts, styles and templates dropped, a line break after each block element (a line break
    in the source is a space, as a browser shows it), entities decoded, attributes never read as
    text.

    >>> page = '<section><strong>Pisky</strong> hit</section><p>near <a href="x" data-n="0">Avdiivka</a></p>'
    >>> html_text(page)
    'Pisky hit\\nnear Avdiivka\\n'
    """
    tree = LexborHTMLParser(page)
    tree.strip_tags(list(_HTML_DROPPED))
    for node in tree.css(_HTML_BLOCKS):
        node.insert_after(_BLOCK_END)
    text = tree.root.text(separator="") if tree.root is not None else ""
    # A line break in HTML source is a space to the reader ("Stanytsia<newline>Luhanska" is one
    # name); only the ends of block elements break lines.
    return text.replace("\n", " ").replace(_BLOCK_END, "\n")


def clean(raw: str) -> str:
    """Plain text from plain text, HTML or Markdown; control characters become spaces.

    >>> clean("## Update\\n**Kharkiv** was hit, [officials](https://x.example) said.")
    'Update\\nKharkiv was hit, officials said.'
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_text(text)
    else:
        text = _MD_IMAGE_OR_LINK.sub(r"\1", text)
        text = _MD_RULE.sub("", text)
        text = _MD_LINE_MARK.sub("", text)
        text = _MD_EMPHASIS.sub(r"\2", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def sentences(text: str) -> list[Span]:
    """Sentence spans of cleaned text (leading/trailing spaces excluded).

    >>> t = "Gen. Ivanov said the vil. Pisky was shelled. It was 5 p.m. Nobody was hurt."
    >>> [t[s.start:s.end] for s in sentences(t)]
    ['Gen. Ivanov said the vil. Pisky was shelled.', 'It was 5 p.m. Nobody was hurt.']
    """
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        _add_span(text, start, m.end(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial ("J.")."""
    begin = dot
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] in ".-"):
        begin -= 1
    token = text[begin:dot].lower()
    return token in ABBREVIATIONS or (len(token) == 1 and text[begin].isupper())


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append the trimmed span, cut into pieces of at most MAX_SENTENCE_CHARS at spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        spans.append(Span(start, cut))
        start = cut + 1 if text[cut:cut + 1] == " " else cut
    if end > start:
        spans.append(Span(start, end))


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words of ``text[start:end]`` (letters and digits, inner apostrophes and hyphens kept).

    >>> [w.text for w in words("Mar'inka, Vuhledar-2 and U.S.")]
    ["Mar'inka", 'Vuhledar-2', 'and', 'U.S']
    """
    end = len(text) if end is None else end
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
