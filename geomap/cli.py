"""The ``geomap`` command line.

Each subcommand lives in its own ``_add_<name>`` function that registers a parser and sets
``func``; ``main`` only dispatches. Errors the user can fix (:class:`~geomap.errors.InputError`:
bad dates, unreadable files; :class:`~geomap.errors.OutputError`: unwritable outputs) are
reported as one line on stderr with exit code 2; anything else is a bug and keeps its traceback.

>>> sorted(build_parser()._subparsers._group_actions[0].choices)
['check', 'extract', 'geocode', 'layers', 'map']
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import geomap
from geomap.dates import parse_date
from geomap.errors import InputError, OutputError
from geomap.spatial import layers

__all__ = ["COMMANDS", "build_parser", "main"]

CommandAdder = Callable[["argparse._SubParsersAction"], None]


def _add_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", default=layers.DEFAULT_SOURCE, choices=layers.SOURCES,
                   help=f"control layer for occupied areas and the line (default: {layers.DEFAULT_SOURCE})")


def _date_option(value: str | None):
    """A date given on the command line (None when absent); a bad one is the user's error."""
    return parse_date(value) if value else None


def _add_layers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "layers",
        help="map or describe the embedded occupied-area, contact-line and oblast layers",
        description="Write a map of the occupied area, contact line and oblasts on a date, "
        "or print the embedded sources, their coverage and sizes (--info).",
    )
    p.add_argument("--date", help="date to show (YYYY-MM-DD); default: last date of the source")
    _add_source(p)
    p.add_argument("-o", "--output", default="outputs/layers.html", help="HTML file to write")
    p.add_argument("--info", action="store_true", help="print sources, coverage and sizes, write nothing")
    p.set_defaults(func=_run_layers)


def _run_layers(args: argparse.Namespace) -> int:
    if args.info:
        print(layers.info_text())
        return 0
    when = _date_option(args.date) or layers.coverage(args.source)[1]
    layers.layer_date(when, args.source)  # fails early, with the covered range, before any work
    from geomap.maps.render import layers_map

    fmap = layers_map(when, source=args.source)
    path = _write_html(fmap, args.output)
    print(f"wrote {path} ({when.isoformat()}, source {args.source})")
    return 0


def _add_map(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "map",
        help="render incidents (files or report texts) as an HTML map",
        description="Write a folium map of incidents read from GeoJSON/GPKG/CSV/Parquet files "
        "(e.g. from `geomap check`) or extracted from report text files.",
    )
    p.add_argument("inputs", nargs="+", metavar="REPORT_OR_DATAFILE",
                   help="incidents file(s) or report text file(s)")
    p.add_argument("-o", "--output", default="outputs/map.html", help="HTML file to write")
    p.add_argument("--date",
                   help="date of the occupied area and line (YYYY-MM-DD); default: latest incident date")
    p.add_argument("--published",
                   help="publication date (YYYY-MM-DD) of text reports, and of collection rows without one")
    _add_source(p)
    p.add_argument("--title", help="map title")
    p.add_argument("--embed", action="store_true", help="compact page for an <iframe>; prints the snippet")
    p.add_argument("--offline", action="store_true", help="inline Leaflet and plugins (no CDN; tiles aside)")
    p.set_defaults(func=_run_map)


def _read_map_inputs(paths: Sequence[str], published=None):
    """Incidents from data files, and from report texts (or report collections) through the extractor."""
    import pandas as pd

    frames, texts = [], []
    for name in paths:
        frame, found = _read_map_input(name, published)
        frames.append(frame)
        texts += found
    if texts:  # the extractor loads its gazetteer: only when there is text to read
        from geomap.extract.incidents import extract_reports

        frames.append(extract_reports(texts))
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        raise InputError("no incidents found in the input")
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _read_map_input(name: str, published=None):
    """One input: (incidents, []) for an incidents file, (None, [(text, published, source)]) for
    reports. A CSV/JSON table without coordinates is read as a collection of reports."""
    from geomap.errors import NoCoordinatesError, ReportFileError
    from geomap.io import incidents as incident_files
    from geomap.io import reports

    prefix = ""
    if incident_files.is_incident_file(name):
        try:
            return incident_files.read_incidents(name), []
        except NoCoordinatesError as exc:
            if not name.lower().endswith(reports.COLLECTION_SUFFIXES):
                raise
            prefix = f"{exc}; as reports: "
    try:
        collection = reports.read_reports(name, published)
    except ReportFileError as exc:
        raise ReportFileError(prefix + str(exc)) from exc
    return None, [(r.text, r.published, r.source) for r in collection.reports]


def _run_map(args: argparse.Namespace) -> int:
    from pathlib import Path

    from geomap.maps.render import iframe_snippet, render

    incidents = _read_map_inputs(args.inputs, _date_option(args.published))
    fmap = render(incidents, args.date, source=args.source, title=args.title, embed=args.embed,
                  offline=args.offline)
    path = _write_html(fmap, args.output)
    size = Path(path).stat().st_size / 1e6
    print(f"wrote {path} ({len(incidents)} incidents, {size:.2f} MB)")
    if args.embed:
        print(iframe_snippet(Path(path).name, title=args.title or "Map of reported incidents"))
    return 0


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check incidents against the occupied area and contact line of their dates",
        description="Add control, oblast, signed distance to the contact line (km) and the layer "
        "used to every incident of a GeoJSON/GPKG/CSV/Parquet file; see geomap.spatial.checks.",
    )
    p.add_argument("input", help="incidents file (.geojson, .gpkg, .csv with lat/lon or WKT, .parquet)")
    p.add_argument("-o", "--output",
                   help="file to write (.geojson, .gpkg, .csv, .parquet); default: summary only")
    p.add_argument("--date-column", default="date",
                   help="column holding each incident's date (default: date)")
    p.add_argument("--date", help="check every incident at this date instead (YYYY-MM-DD)")
    _add_source(p)
    p.set_defaults(func=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from geomap.io import incidents as incident_files
    from geomap.spatial.checks import check

    incidents = incident_files.read_incidents(args.input)
    checked = check(incidents, date_column=args.date_column, source=args.source, date=args.date)
    if args.output:
        _write_incidents(checked, args.output)
    counts = checked.control.value_counts()
    print(f"{len(checked)} incidents checked against {args.source}: "
          + ", ".join(f"{name} {n}" for name, n in counts.items() if n))
    for reason, n in checked.control_reason.value_counts().items():
        print(f"  {n} x {reason}")
    if args.output:
        print(f"wrote {args.output}")
    return 0


def _write_html(fmap, output: str) -> str:
    """Save a folium map, creating the parent directory; returns the path written."""
    from pathlib import Path

    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fmap.save(str(path))
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    return str(path)


def _write_incidents(incidents, output: str) -> None:
    """Write an incidents file; an unwritable place is the user's to fix."""
    from geomap.io.incidents import write_incidents

    try:
        write_incidents(incidents, output)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from exc


def _add_geocode(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "geocode",
        help="find places by name (offline Ukrainian gazetteer), with control status on a date",
        description="Geocode place names or short location descriptions: prints the place, "
        "coordinates, oblast, precision, alternatives, and the control status and distance to the "
        "line of contact on --date. Exit code 1 if a name is not found.",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help='place name, e.g. "Stanytsia Luhanska"')
    p.add_argument("--file", help="text file with one name per line (blank lines skipped)")
    p.add_argument("--date", help="date of the report (YYYY-MM-DD): ranks places near that day's line, "
                   "and the control status is given for it; default: latest layer")
    p.add_argument("--hint", help='administrative context, e.g. "Kherson oblast" or "Amvrosiivka raion"')
    p.add_argument("--json", action="store_true", help="print one JSON array instead of text")
    _add_source(p)
    p.add_argument("--geocoder", default="gazetteer", choices=["gazetteer", "nominatim"],
                   help="gazetteer (offline, default) or nominatim (online, rate-limited, cached)")
    p.add_argument("--user-agent", help="your application's name, required by --geocoder nominatim")
    p.set_defaults(func=_run_geocode)


def _run_geocode(args: argparse.Namespace) -> int:
    import json

    from geopy.exc import GeopyError

    from geomap.geocode.geocoders import get_geocoder
    from geomap.geocode.summary import as_text, summarize

    names = list(args.names)
    if args.file:
        try:
            with open(args.file, encoding="utf-8", errors="replace") as fh:
                names += [line.strip() for line in fh if line.strip()]
        except OSError as exc:
            raise InputError(f"{args.file}: {exc.strerror}") from exc
    if not names:
        raise InputError("give a place name or --file")
    date = _date_option(args.date)
    try:
        options = {"user_agent": args.user_agent} if args.geocoder != "gazetteer" else {}
        geocoder = get_geocoder(args.geocoder, **options)
    except GeopyError as exc:
        raise InputError(str(exc)) from exc
    summaries = []
    for name in names:
        try:
            loc = geocoder.geocode(name, date=date, hint=args.hint)
            summaries.append(summarize(name, loc, date, args.source))
        except (TypeError, ValueError, GeopyError) as exc:  # one bad line must not lose the others
            summaries.append({"query": name[:80], "found": False, "error": str(exc)})
        if not args.json:
            print(as_text(summaries[-1]))
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
    return 0 if all(s["found"] for s in summaries) else 1


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract checked incidents from report texts or report collections",
        description="Read reports (plain text, HTML, Markdown; or CSV/TSV/JSON collections with a text "
        "and a date column), extract incidents (place, event type, weapons, attacks, dates, claims, "
        "verification, casualties), check them against the control layers and print a summary; "
        "-o writes them. Unusable files are reported and skipped (exit code 2); reports without "
        "incidents are not an error.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help="report file(s): .txt .html .md or .csv .tsv .json .jsonl")
    p.add_argument("--published",
                   help="publication date (YYYY-MM-DD) of text reports, and of collection rows without one")
    p.add_argument("-o", "--output", help="incidents file to write (.geojson, .gpkg, .csv, .parquet)")
    _add_source(p)
    p.set_defaults(func=_run_extract)


def _run_extract(args: argparse.Namespace) -> int:
    from geomap.errors import ReportFileError
    from geomap.extract.incidents import extract_reports
    from geomap.io import incidents as incident_files
    from geomap.io.reports import read_reports

    published = _date_option(args.published)
    if args.output:  # refuse an unwritable format before the work, not after it
        incident_files.writable_path(args.output)
    reports, unusable = [], 0
    for name in args.inputs:
        try:
            collection = read_reports(name, published)
        except ReportFileError as exc:  # one bad file must not lose the others
            print(f"geomap extract: {exc}", file=sys.stderr)
            unusable += 1
            continue
        for note in collection.notes:
            print(f"geomap extract: note: {note}", file=sys.stderr)
        reports += collection.reports
    if not reports:
        raise InputError("no usable report in the input")
    incidents = extract_reports([(r.text, r.published, r.source) for r in reports],
                                control_source=args.source)
    print(f"{len(incidents)} incidents in {len(reports)} reports")
    for row in incidents.itertuples():
        print(f"  {row.date or 'no date'}  {row.event_type:<16} {row.place_name} ({row.precision})"
              f"  claimed by: {row.claimed_by or 'not stated'}  [{row.verification}, {row.control}]")
    if args.output and len(incidents):
        _write_incidents(incidents, args.output)
        print(f"wrote {args.output}")
    elif args.output:
        print(f"no incidents: {args.output} not written")
    return 2 if unusable else 0


# Subcommands in the order ``geomap --help`` lists them: the order data flows through geomap.
COMMANDS: list[CommandAdder] = [_add_extract, _add_geocode, _add_check, _add_map, _add_layers]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap",
        description="Turn reports of shelling and strikes in Ukraine into checked, mapped incidents.",
    )
    parser.add_argument("--version", action="version", version=f"geomap {geomap.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except (InputError, OutputError) as exc:
        print(f"geomap {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
