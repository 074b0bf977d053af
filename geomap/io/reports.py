"""Reading reports for the extractor: text files (plain, HTML, Markdown) and report collections.

A collection is a CSV/TSV table or a JSON/JSON Lines list of objects with a text column (``text``,
``body``, ``content``, ...) and optionally a date column (``published``, ``date``, ...) and a source
column. Unusable input (missing, empty, binary, malformed CSV/JSON, no text column) raises a
:class:`ReportFileError` whose message names the file and the problem; a row with an unreadable
date keeps its text and loses only the date (noted in :attr:`Collection.notes`).

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     p = os.path.join(d, "r.csv")
...     _ = open(p, "w").write("date,text\\n2022-02-17,Shelling hit Pisky.\\nnot a date,Quiet day.\\n")
...     got = read_reports(p)
>>> [(r.published, r.text) for r in got.reports]
[('2022-02-17', 'Shelling hit Pisky.'), (None, 'Quiet day.')]
>>> got.notes
["r.csv row 3: unreadable date 'not a date' (kept without a date)"]
"""
from __future__ import annotations

import codecs
import io as _io
import json
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import pandas as pd

from geomap.dates import DateLike, parse_date
from geomap.errors import ReportFileError

__all__ = ["read_text_file", "COLLECTION_SUFFIXES", "Report", "read_reports"]

MAX_BYTES = 200_000_000  # beyond this a "report" is not one; the message says so
ENCODING_SAMPLE = 200_000  # bytes read to detect a legacy encoding
TEXT_COLUMNS = ("text", "body", "content", "article", "report", "story", "message", "description", "headline",
                "title")
DATE_COLUMNS = ("published", "date", "published_at", "pubdate", "datetime", "timestamp", "time")
SOURCE_COLUMNS = ("source", "url", "link", "outlet", "id")
COLLECTION_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")


@dataclass
class Report:
    """One report: its text, publication date (ISO string or None) and source label."""

    text: str
    published: str | None
    source: str


@dataclass
class Collection:
    """The reports read from one file, and notes about rows that lost something."""

    reports: list[Report]
    notes: list[str] = field(default_factory=list)


def read_reports(path: str | Path, published: DateLike = None) -> Collection:
    """Reports from a text file (one report) or a CSV/TSV/JSON collection (one per row).

    ``published`` is the date of a text file's report, and the date of collection rows that
    have none of their own. A report's source is its file's name, never the directories it
    lies in (maps are published, and local paths name users and folders).

    >>> read_reports("examples/reports/wire_copy.txt").reports[0].source
    'wire_copy.txt'
    """
    path = Path(path)
    default = parse_date(published).isoformat() if published is not None else None
    text = read_text_file(path)
    if path.suffix.lower() not in COLLECTION_SUFFIXES:
        return Collection([Report(text, default, path.name)])
    table = _read_table(path, text)
    return _collection(table, path, default)


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file in UTF-8 (with or without a byte-order mark), UTF-16 or a legacy
    encoding such as Windows-1251 or KOI8-R (detected with charset-normalizer); a clear
    :class:`~geomap.errors.ReportFileError` for a missing, empty, huge or binary file.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "r.txt")
    ...     _ = open(p, "wb").write("Обстріл Нікополя".encode("cp1251"))
    ...     read_text_file(p)
    'Обстріл Нікополя'
    """
    path = Path(path)
    if not path.is_file():
        raise ReportFileError(f"{path}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReportFileError(f"{path}: {size / 1e6:,.0f} MB is too large for a report file "
                              f"(at most {max_bytes / 1e6:,.0f} MB)")
    text = _decode(path.read_bytes(), path)
    if not text.strip():
        raise ReportFileError(f"{path}: empty file")
    return text


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    nul = b"\x00" in data[:8192]  # text has none, except in UTF-16 and UTF-32
    if not nul:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    # Detection reads a sample: long files are of one encoding throughout.
    best = charset_normalizer.from_bytes(data[:ENCODING_SAMPLE]).best()
    if best is None or (nul and not best.encoding.startswith(("utf_16", "utf_32"))):
        raise ReportFileError(f"{path}: binary file (not text); "
                              "give a .txt, .html, .md, .csv or .json report")
    return data.decode(best.encoding, errors="replace")


def _read_table(path: Path, text: str) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            return pd.read_csv(_io.StringIO(text), sep="\t" if suffix == ".tsv" else ",", dtype=str,
                               keep_default_na=False)
        if suffix in (".jsonl", ".ndjson"):
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            rows = json.loads(text)
            if isinstance(rows, dict):
                rows = rows.get("reports", [rows])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ReportFileError(f"{path}: expected a list of report objects")
        return pd.DataFrame(rows).astype(object).where(lambda f: f.notna(), "").astype(str)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError) as exc:
        raise ReportFileError(f"{path}: malformed {suffix[1:].upper()}: {str(exc).strip()}") from exc
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"{path}: malformed JSON: {exc}") from exc


def _collection(table: pd.DataFrame, path: Path, default: str | None) -> Collection:
    columns = {str(c).strip().lower(): c for c in table.columns}
    text_col = next((columns[c] for c in TEXT_COLUMNS if c in columns), None)
    if text_col is None:
        raise ReportFileError(f"{path}: no text column; expected one of {', '.join(TEXT_COLUMNS)} "
                              f"(found {', '.join(map(str, table.columns)) or 'none'})")
    date_col = next((columns[c] for c in DATE_COLUMNS if c in columns), None)
    source_col = next((columns[c] for c in SOURCE_COLUMNS if c in columns), None)
    out = Collection([])
    for i, row in enumerate(table.itertuples(index=False), start=2):
        values = dict(zip(table.columns, row))
        text = values[text_col]
        if not text.strip():
            out.notes.append(f"{path.name} row {i}: no text (skipped)")
            continue
        published = default
        raw = values[date_col].strip() if date_col else ""
        if raw:
            try:
                published = parse_date(raw).isoformat()
            except ValueError:
                published = None
                out.notes.append(f"{path.name} row {i}: unreadable date {raw!r} (kept without a date)")
        source = values[source_col] if source_col and values[source_col] else f"{path.name} row {i}"
        out.reports.append(Report(text, published, source))
    if not out.reports:
        raise ReportFileError(f"{path}: no report with text")
    return out
