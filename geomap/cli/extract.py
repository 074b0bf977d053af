"""``geomap extract``: report files to checked incidents.

>>> import argparse
>>> sub = argparse.ArgumentParser().add_subparsers()
>>> add_extract(sub).parse_args(["report.txt", "-o", "out.geojson"]).output
'out.geojson'
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd

from geomap.cli.cluster import add_cluster_options, on_cluster
from geomap.cli.output import (
    Interrupted,
    add_min_confidence,
    add_quiet,
    add_source,
    bar,
    batches,
    date_option,
    keep_confident,
    status,
)
from geomap.errors import InputError, ReportFileError

__all__ = [
    "add_extract", "extract_on_cluster", "extract_units", "listing_line", "read_report_files", "run_extract",
]

# Work is done in batches of this many reports: memory holds one batch's incidents beside the
# results, and Ctrl-C keeps the batches done. A report is the smallest unit kept (the extractor
# merges the repeats of a place and date across a whole report).
BATCH_REPORTS = 50

Unit = tuple[str, object, str | None]


def add_extract(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "extract",
        help="extract checked incidents from report texts or report collections",
        description="Read reports (plain text, HTML, Markdown; or CSV/TSV/JSON collections with a text "
        "and a date column), extract incidents (place, event type, weapons, attacks, dates, claims, "
        "verification, casualties), check them against the control layers; -o writes them (first), "
        "then they are listed. Unusable files are reported and skipped (exit code 2); reports without "
        "incidents are not an error. Ctrl-C writes the incidents of the reports read so far. With "
        "--workers or --scheduler the reports are extracted on a Dask cluster, a part of them a task.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help="report file(s): .txt .html .md or .csv .tsv .json .jsonl")
    p.add_argument("--published",
                   help="publication date (YYYY-MM-DD) of text reports, and of collection rows without one")
    p.add_argument("-o", "--output", help="incidents file to write (.geojson, .gpkg, .csv, .parquet)")
    add_source(p)
    add_min_confidence(p)
    add_cluster_options(p)
    add_quiet(p)
    p.set_defaults(func=run_extract)
    return p


def read_report_files(names: Sequence[str], published, command: str) -> tuple[list[Unit], int]:
    """The reports of every readable file as (text, published, source), and how many files could
    not be read (each one reported on stderr; the others are still read)."""
    from geomap.io.reports import read_reports

    units: list[Unit] = []
    unusable = 0
    for name in names:
        try:
            collection = read_reports(name, published)
        except ReportFileError as exc:
            print(f"geomap {command}: {exc}", file=sys.stderr)
            unusable += 1
            continue
        for note in collection.notes:
            print(f"geomap {command}: note: {note}", file=sys.stderr)
        units += [(r.text, r.published, r.source) for r in collection.reports]
    return units, unusable


class _Ticker:
    """A progress bar in characters of report text, moved as the extractor reads each part."""

    def __init__(self, bar, batch: Sequence[Unit], base: int) -> None:
        self.bar, self.sizes, self.base = bar, [len(t) for t, _, _ in batch], base
        self.report, self.last, self.finished = 0, 0.0, 0

    def __call__(self, share: float) -> None:
        if share < self.last and self.report + 1 < len(self.sizes):  # the next report began
            self.finished += self.sizes[self.report]
            self.report += 1
        self.last = share
        self.bar.n = self.base + self.finished + int(share * self.sizes[self.report])
        self.bar.refresh()


def extract_units(units: Sequence[Unit], control_source: str, quiet: bool) -> pd.DataFrame:
    """Incidents of the reports, extracted in batches with a progress bar in characters; Ctrl-C
    raises :class:`Interrupted`, whose ``done`` holds the frames of the batches done."""
    from geomap.extract.incidents import extract_reports

    shown = bar(quiet, total=sum(len(t) for t, _, _ in units), unit="B", unit_scale=True)
    frames: list = []
    finished = done_chars = 0
    try:
        for batch in batches(units, BATCH_REPORTS):
            ticker = _Ticker(shown, batch, done_chars) if shown is not None else None
            frames.append(extract_reports(batch, control_source, progress=ticker))
            finished += len(batch)
            done_chars += sum(len(t) for t, _, _ in batch)
    except KeyboardInterrupt:
        raise Interrupted(frames, len(units), finished) from None
    finally:
        if shown is not None:
            shown.close()
    return _concat(frames)


def extract_on_cluster(units: Sequence[Unit], args: argparse.Namespace) -> pd.DataFrame:
    """Incidents of the reports extracted on the Dask cluster the options name, a few parts of
    reports a worker, in the order of the reports."""
    import dask.dataframe as dd

    from geomap.cli.cluster import connected, partitions_for
    from geomap.parallel import REPORT_COLUMNS, extract_reports

    table = pd.DataFrame(units, columns=list(REPORT_COLUMNS), dtype=object)
    with connected(args) as client:
        parts = dd.from_pandas(table, npartitions=partitions_for(client, len(table), BATCH_REPORTS),
                               sort=False)
        return extract_reports(parts, args.source).compute().reset_index(drop=True)


def _concat(frames: list) -> pd.DataFrame:
    import geopandas as gpd

    kept = [f for f in frames if len(f)]
    if not kept:
        return frames[0] if frames else gpd.GeoDataFrame()
    return kept[0] if len(kept) == 1 else pd.concat(kept, ignore_index=True)


def run_extract(args: argparse.Namespace) -> int:
    from geomap.files import check_output_path
    from geomap.io.incidents import WRITE_SUFFIXES

    published = date_option(args.published)
    if args.output:  # an unwritable output is refused before the work, not after it
        check_output_path(args.output, WRITE_SUFFIXES)
    reports, unusable = read_report_files(args.inputs, published, "extract")
    if not reports:
        raise InputError("no usable report in the input")
    try:
        incidents = extract_on_cluster(reports, args) if on_cluster(args) else \
            extract_units(reports, args.source, args.quiet)
    except Interrupted as stop:
        incidents = _concat(stop.done)
        _write(incidents, args.output, args.quiet)
        written = f" written to {args.output}" if args.output and len(incidents) else ""
        print(f"geomap extract: interrupted: {len(incidents)} incidents from {stop.finished:,} of "
              f"{stop.total:,} reports{written}", file=sys.stderr)
        return 130
    incidents = keep_confident(incidents, args.min_confidence, "extract")
    before = _file_identity(args.output)
    try:
        _write(incidents, args.output, args.quiet)
    except KeyboardInterrupt:
        # The write replaces the file in one step at its end (geomap.files.replacing): the file
        # is either the new one, whole, or the one that was there.
        done = "written in full" if _file_identity(args.output) != before \
            else "not written (a file already there is unchanged)"
        print(f"geomap extract: interrupted while writing {args.output}: {done}; every report had been "
              f"read ({len(reports):,})", file=sys.stderr)
        return 130
    status(f"{len(incidents)} incidents in {len(reports)} reports", args.quiet)
    try:
        for row in incidents.itertuples():
            print(listing_line(row))
    except KeyboardInterrupt:
        # Only the listing on the screen is cut short: say that nothing was lost.
        written = args.output and len(incidents)
        kept = (f"all {len(incidents)} incidents were written to {args.output}" if written
                else "the incidents were all read; none was written (no -o)")
        print(f"geomap extract: interrupted while listing the incidents: {kept}", file=sys.stderr)
        return 130
    return 2 if unusable else 0


def listing_line(row: Any) -> str:
    """One incident as the command lists it on the screen."""
    return (f"  {row.date or 'no date'}  {row.event_type:<16} {row.place_name} ({row.precision})"
            f"  claimed by: {row.claimed_by or 'not stated'}  [{row.verification}, {row.control}]")


def _file_identity(path: str | None) -> tuple[int, int] | None:
    """The file's inode and modification time (None if there is none): a replaced file has others."""
    try:
        stat = os.stat(path) if path else None
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns) if stat else None


def _write(incidents, output: str | None, quiet: bool) -> None:
    if not output:
        return
    if not len(incidents):
        status(f"no incidents: {output} not written", quiet)
        return
    from geomap.io.incidents import write_incidents

    write_incidents(incidents, output)
    status(f"wrote {output}", quiet)
