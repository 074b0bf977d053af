"""``geomap geocode``: place names to places, with their control status on a date.

>>> import argparse
>>> sub = argparse.ArgumentParser().add_subparsers()
>>> add_geocode(sub).parse_args(["Pisky", "--hint", "Donetsk oblast"]).hint
'Donetsk oblast'
"""
from __future__ import annotations

import argparse
import json
import sys

from geomap.cli.output import add_quiet, add_source, date_option, progress, status
from geomap.errors import InputError

__all__ = ["add_geocode", "run_geocode"]


def add_geocode(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "geocode",
        help="find places by name (offline Ukrainian gazetteer), with control status on a date",
        description="Geocode place names or short location descriptions: prints the place, "
        "coordinates, oblast, precision, alternatives, and the control status and distance to the "
        "line of contact on --date. Exit code 1 if a name is not found.",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help='place name, e.g. "Stanytsia Luhanska"')
    p.add_argument("--table", help="a table of place names (.csv .tsv .xlsx .parquet .geojson .gpkg) to "
                   "geocode row by row, every row kept; needs -o")
    p.add_argument("--column", dest="place_column", help="--table: the column of place names (default: found "
                   "by its name: location, place, settlement, town, city ...)")
    p.add_argument("--date-column", default="date",
                   help="--table: the column of dates (default: date, if there is one)")
    p.add_argument("--hint-column", help="--table: a column of administrative context (an oblast, a raion)")
    p.add_argument("-o", "--output", help="--table: the file to write (.geojson, .gpkg, .csv, .parquet)")
    p.add_argument("--file", help="text file with one name per line (blank lines skipped; any encoding)")
    p.add_argument("--date", help="date of the report (YYYY-MM-DD): ranks places near that day's line, "
                   "and the control status is given for it; default: latest layer")
    p.add_argument("--hint", help='administrative context, e.g. "Kherson oblast" or "Amvrosiivka raion"')
    p.add_argument("--json", action="store_true", help="print one JSON array instead of text")
    add_source(p)
    p.add_argument("--geocoder", default="gazetteer", choices=["gazetteer", "nominatim"],
                   help="gazetteer (offline, default) or nominatim (online, rate-limited, cached)")
    p.add_argument("--user-agent", help="your application's name, required by --geocoder nominatim")
    add_quiet(p)
    p.set_defaults(func=run_geocode)
    return p


def _run_table(args: argparse.Namespace) -> int:
    from geomap.cli.tables import geocoded_table
    from geomap.files import check_output_path
    from geomap.io.incidents import WRITE_SUFFIXES, write_incidents

    if not args.output:
        raise InputError("--table needs -o FILE (.geojson, .gpkg, .csv or .parquet)")
    check_output_path(args.output, WRITE_SUFFIXES)
    table = geocoded_table(args.table, "geocode", args.place_column, args.date_column, args.hint_column,
                           args.quiet)
    write_incidents(table, args.output)
    status(f"wrote {args.output} ({len(table)} rows)", args.quiet)
    return 0


def _names(args: argparse.Namespace) -> list[str]:
    from geomap.io.reports import read_text_file

    names = list(args.names)
    if args.file:
        names += [line.strip() for line in read_text_file(args.file).splitlines() if line.strip()]
    if not names:
        raise InputError("give a place name or --file")
    return names


def run_geocode(args: argparse.Namespace) -> int:
    if args.table:
        return _run_table(args)
    from geopy.exc import GeopyError

    from geomap.geocoding.geocoders import get_geocoder
    from geomap.geocoding.summary import as_text, summarize

    names = _names(args)
    date = date_option(args.date)
    try:
        options = {"user_agent": args.user_agent} if args.geocoder != "gazetteer" else {}
        geocoder = get_geocoder(args.geocoder, **options)
    except GeopyError as exc:
        raise InputError(str(exc)) from exc
    summaries = []
    try:
        for name in progress(names, args.quiet or not args.file, total=len(names), unit="names"):
            try:
                loc = geocoder.geocode(name, date=date, hint=args.hint)
                summaries.append(summarize(name, loc, date, args.source))
            except (InputError, GeopyError) as exc:  # one bad line must not lose the others
                summaries.append({"query": name[:80], "found": False, "error": str(exc)})
            if not args.json:
                print(as_text(summaries[-1]))
    except KeyboardInterrupt:
        print(f"geomap geocode: interrupted after {len(summaries):,} of {len(names):,} names",
              file=sys.stderr)
        if args.json:
            print(json.dumps(summaries, ensure_ascii=False, indent=2))
        return 130
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
    return 0 if all(s["found"] for s in summaries) else 1
