"""What the commands share: options, status lines, progress bars, batches that survive Ctrl-C,
and output files written safely.

Data (an incident listing, geocoding answers) goes to stdout; status lines ("wrote ...",
counts) go to stdout on a terminal and to stderr when stdout is a pipe or a file, so that
``geomap extract ... | head`` gets data only.

>>> list(batches(range(5), 2))
[[0, 1], [2, 3], [4]]
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from geomap.dates import parse_date
from geomap.files import check_output_path, replacing
from geomap.spatial import layers

__all__ = ["HTML_SUFFIXES", "Interrupted", "add_min_confidence", "add_quiet", "add_source", "bar", "batches",
           "date_option", "keep_confident", "progress", "run_in_batches", "status", "write_html"]

T = TypeVar("T")
R = TypeVar("R")
HTML_SUFFIXES = (".html", ".htm")


class Interrupted(Exception):
    """Ctrl-C during batched work: carries the results of the batches done."""

    def __init__(self, done: list[Any], total: int, finished: int) -> None:
        super().__init__(f"interrupted after {finished:,} of {total:,}")
        self.done, self.total, self.finished = done, total, finished


def add_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", default=layers.DEFAULT_SOURCE, choices=layers.SOURCES,
                   help=f"control layer for occupied areas and the line (default: {layers.DEFAULT_SOURCE})")


def add_min_confidence(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                   help="leave out incidents whose place confidence is below P (0-1; default 0: keep all, "
                   "the map draws those under 0.5 as unsure)")


def keep_confident(incidents, threshold: float, command: str):
    """The incidents whose place confidence reaches ``threshold``; says on stderr how many were
    left out (incidents without a confidence column are all kept)."""
    if threshold <= 0 or "confidence" not in incidents.columns:
        return incidents
    sure = incidents["confidence"].fillna(1.0) >= threshold
    if not sure.all():
        print(f"geomap {command}: note: {int((~sure).sum())} of {len(incidents)} incidents left out "
              f"(place confidence under {threshold:g})", file=sys.stderr)
    return incidents[sure].reset_index(drop=True)


def add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no status lines")


def date_option(value: str | None):
    """A date given on the command line (None when absent); a bad one is the user's error."""
    return parse_date(value) if value else None


def status(message: str, quiet: bool = False) -> None:
    """A status line: on stdout at a terminal, else on stderr (stdout then carries data only)."""
    if not quiet:
        print(message, file=sys.stdout if sys.stdout.isatty() else sys.stderr)


def bar(quiet: bool = False, **options: Any):
    """A tqdm progress bar on stderr (``options`` go to tqdm), or None when stderr is no
    terminal or with --quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(file=sys.stderr, leave=False, **options)


def progress(items: Iterable[T], quiet: bool = False, **options: Any) -> Iterable[T]:
    """``items`` with a progress bar (see :func:`bar`)."""
    shown = bar(quiet, iterable=items, **options)
    return items if shown is None else shown


def batches(items: Any, size: int) -> Iterator[Any]:
    """``items`` (a sequence, or a table's rows) in parts of ``size``, the last one shorter."""
    for start in range(0, len(items), size):
        yield items.iloc[start:start + size] if hasattr(items, "iloc") else list(items[start:start + size])


def run_in_batches(items: Any, size: int, work: Callable[[Any], R], unit: str,
                   quiet: bool = False) -> list[R]:
    """``work`` of each batch of ``items``, with a progress bar counting items; Ctrl-C raises
    :class:`Interrupted` holding the results of the batches done (memory holds one batch of
    input at a time beside the results)."""
    done: list[R] = []
    finished = 0
    shown = bar(quiet, total=len(items), unit=unit)
    try:
        for batch in batches(items, size):
            done.append(work(batch))
            finished += len(batch)
            if shown is not None:
                shown.update(len(batch))
    except KeyboardInterrupt:
        raise Interrupted(done, len(items), finished) from None
    finally:
        if shown is not None:
            shown.close()
    return done


def write_html(fmap, output: str | Path) -> Path:
    """Save a folium map: written beside ``output`` and moved over it, so a failure leaves an
    existing file unchanged."""
    path = check_output_path(output, HTML_SUFFIXES)
    with replacing(path) as part:
        fmap.save(str(part))
    return path
