"""``geomap map`` (incidents files or report texts to an HTML map) and ``geomap layers`` (the
occupied area, line and oblasts of a date).

>>> import argparse
>>> sub = argparse.ArgumentParser().add_subparsers()
>>> add_map(sub).parse_args(["a.geojson", "--source-label", "desk notes"]).source_label
'desk notes'
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from geomap.cli.extract import extract_units
from geomap.cli.output import (
    HTML_SUFFIXES,
    Interrupted,
    add_min_confidence,
    add_quiet,
    add_source,
    date_option,
    keep_confident,
    status,
    write_html,
)
from geomap.cli.tables import add_table_options, geocoded_table
from geomap.errors import InputError, NoCoordinatesError, ReportFileError
from geomap.spatial import layers

__all__ = ["add_layers", "add_map", "run_layers", "run_map"]


def add_layers(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "layers",
        help="map or describe the embedded occupied-area, contact-line and oblast layers",
        description="Write a map of the occupied area, contact line and oblasts on a date, "
        "or print the embedded sources, their coverage and sizes (--info).",
    )
    p.add_argument("--date", help="date to show (YYYY-MM-DD); default: last date of the source")
    add_source(p)
    p.add_argument("-o", "--output", default="outputs/layers.html", help="HTML file to write")
    p.add_argument("--info", action="store_true", help="print sources, coverage and sizes, write nothing")
    add_quiet(p)
    p.set_defaults(func=run_layers)
    return p


def run_layers(args: argparse.Namespace) -> int:
    if args.info:
        print(layers.info_text())
        return 0
    from geomap.files import check_output_path
    from geomap.maps.render import layers_map

    check_output_path(args.output, HTML_SUFFIXES)
    when = date_option(args.date) or layers.coverage(args.source)[1]
    layers.layer_date(when, args.source)  # fails early, with the covered range, before any work
    path = write_html(layers_map(when, source=args.source), args.output)
    status(f"wrote {path} ({when.isoformat()}, source {args.source})", args.quiet)
    return 0


def add_map(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "map",
        help="render incidents (files or report texts) as an HTML map",
        description="Write a folium map of incidents read from GeoJSON/GPKG/CSV/Parquet files "
        "(e.g. from `geomap check`) or extracted from report text files. A report's source on the "
        "map is its file name (never its folders), or --source-label.",
    )
    p.add_argument("inputs", nargs="+", metavar="REPORT_OR_DATAFILE",
                   help="incidents file(s) or report text file(s)")
    p.add_argument("-o", "--output", default="outputs/map.html", help="HTML file to write")
    p.add_argument("--date",
                   help="date of the occupied area and line (YYYY-MM-DD); default: latest incident date")
    p.add_argument("--published",
                   help="publication date (YYYY-MM-DD) of text reports, and of collection rows without one")
    p.add_argument("--source-label", help="the source shown for incidents read from report files")
    add_source(p)
    p.add_argument("--title", help="map title")
    p.add_argument("--embed", action="store_true", help="compact page for an <iframe>; prints the snippet")
    p.add_argument("--offline", action="store_true", help="inline Leaflet and plugins (no CDN; tiles aside)")
    p.add_argument("--png", help="also draw the map as a PNG picture (no tile server needed)")
    p.add_argument("--svg", help="also draw the map as an SVG picture")
    p.add_argument("--picture-size", choices=["print", "social"], default="print",
                   help="picture size: print (2000 x 1400 px) or social (1200 x 630 px)")
    add_table_options(p)
    add_min_confidence(p)
    add_quiet(p)
    p.set_defaults(func=run_map)
    return p


def _read_map_inputs(paths: Sequence[str], args: argparse.Namespace) -> pd.DataFrame:
    """Incidents from data files, and from report texts (or report collections) through the
    extractor."""
    frames, texts = [], []
    for name in paths:
        frame, found = _read_map_input(name, args, date_option(args.published))
        frames.append(frame)
        texts += found
    if args.source_label:
        texts = [(text, published, args.source_label) for text, published, _ in texts]
    if texts:  # the extractor loads its gazetteer: only when there is text to read
        try:
            frames.append(extract_units(texts, args.source, args.quiet))
        except Interrupted as stop:
            print(f"geomap map: interrupted after {stop.finished:,} of {stop.total:,} reports; "
                  "no map written", file=sys.stderr)
            raise KeyboardInterrupt from None
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        raise InputError("no incidents found in the input")
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _read_map_input(name: str, args: argparse.Namespace, published=None):
    """One input: (incidents, []) for an incidents file, (None, [(text, published, source)]) for
    reports. A CSV/JSON table without coordinates is read as a collection of reports."""
    from geomap.io import incidents as incident_files
    from geomap.io import reports
    from geomap.io.tables import find_place_column, read_table

    prefix = ""
    if incident_files.is_incident_file(name):
        try:
            return incident_files.read_incidents(name), []
        except NoCoordinatesError as exc:
            if find_place_column(read_table(name)) is not None or args.place_column:
                table = geocoded_table(name, "map", args.place_column, "date", args.hint_column, args.quiet)
                return table, []
            if not name.lower().endswith(reports.COLLECTION_SUFFIXES):
                raise
            prefix = f"{exc}; as reports: "
    try:
        collection = reports.read_reports(name, published)
    except ReportFileError as exc:
        raise ReportFileError(prefix + str(exc)) from exc
    return None, [(r.text, r.published, r.source) for r in collection.reports]


def run_map(args: argparse.Namespace) -> int:
    from geomap.files import check_output_path
    from geomap.maps.render import iframe_snippet, render

    check_output_path(args.output, HTML_SUFFIXES)
    for picture, suffix in ((args.png, ".png"), (args.svg, ".svg")):
        if picture:
            check_output_path(picture, (suffix,))
    incidents = keep_confident(_read_map_inputs(args.inputs, args), args.min_confidence, "map")
    # the picture, if one is drawn, stands in for the map where scripts do not run
    picture = args.png or args.svg
    if picture:
        picture = Path(os.path.relpath(picture, Path(args.output).parent)).as_posix()
    fmap = render(incidents, args.date, source=args.source, title=args.title, embed=args.embed,
                  offline=args.offline, picture=picture)
    path = write_html(fmap, args.output)
    size = Path(path).stat().st_size / 1e6
    drawn = int((incidents.geometry.notna() & ~incidents.geometry.is_empty).sum())
    status(f"wrote {path} ({drawn} incidents, {size:.2f} MB)", args.quiet)
    for picture in (args.png, args.svg):
        if picture:
            from geomap.maps.static import write_static_map

            write_static_map(incidents, picture, date=args.date, source=args.source, title=args.title,
                             size=args.picture_size)
            status(f"wrote {picture} ({args.picture_size} picture)", args.quiet)
    if args.embed:
        print(iframe_snippet(Path(path).name, title=args.title or "Map of reported incidents"))
    return 0
