"""``geomap check``: incidents files checked against the occupied area and line of their dates.

>>> import argparse
>>> sub = argparse.ArgumentParser().add_subparsers()
>>> add_check(sub).parse_args(["points.csv", "--date-column", "day"]).date_column
'day'
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from geomap.cli.cluster import add_cluster_options, on_cluster
from geomap.cli.output import Interrupted, add_quiet, add_source, run_in_batches, status
from geomap.cli.tables import add_table_options, geocoded_table
from geomap.errors import NoCoordinatesError

__all__ = ["add_check", "run_check"]

BATCH_ROWS = 100_000  # rows checked per batch (progress, Ctrl-C keeps the batches done)


def add_check(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "check",
        help="check incidents against the occupied area and contact line of their dates",
        description="Add control, oblast, signed distance to the contact line (km) and the layer "
        "used to every incident of a GeoJSON/GPKG/CSV/Parquet file; see geomap.spatial.checks. "
        "A row that cannot be checked is kept, with the reason in control_reason. With --workers or "
        "--scheduler the rows are checked on a Dask cluster: the input may be a folder of Parquet parts, "
        "and a .parquet output is written as one (a part per partition).",
    )
    p.add_argument("input", help="incidents file (.geojson, .gpkg, .csv with lat/lon or WKT, .parquet), or a "
                   "table with a place column and no coordinates (.csv .tsv .xlsx .parquet), geocoded first")
    p.add_argument("-o", "--output",
                   help="file to write (.geojson, .gpkg, .csv, .parquet); default: summary only")
    p.add_argument("--date-column", default="date",
                   help="column holding each incident's date (default: date)")
    p.add_argument("--date", help="check every incident at this date instead (YYYY-MM-DD)")
    add_table_options(p)
    add_source(p)
    add_cluster_options(p)
    add_quiet(p)
    p.set_defaults(func=run_check)
    return p


def run_check(args: argparse.Namespace) -> int:
    from geomap.files import check_output_path
    from geomap.io.incidents import WRITE_SUFFIXES, write_incidents
    from geomap.spatial.checks import check

    if on_cluster(args):
        return _run_on_cluster(args)
    if args.output:
        check_output_path(args.output, WRITE_SUFFIXES)
    incidents = _read(args)
    def check_rows(rows: pd.DataFrame) -> pd.DataFrame:
        return check(rows, date_column=args.date_column, source=args.source, date=args.date)

    interrupted = None
    try:
        parts = run_in_batches(incidents, BATCH_ROWS, check_rows, "rows", args.quiet)
    except Interrupted as stop:
        parts, interrupted = stop.done, stop
    checked = pd.concat(parts) if len(parts) > 1 else (parts[0] if parts else incidents.iloc[:0])
    if args.output and len(checked):
        write_incidents(checked, args.output)
    if interrupted is not None:
        print(f"geomap check: interrupted: {len(checked):,} of {len(incidents):,} rows checked"
              f"{' and written to ' + args.output if args.output and len(checked) else ''}", file=sys.stderr)
        return 130
    _summary(checked.control.value_counts(), checked.control_reason.value_counts(), args)
    return 0


def _read(args: argparse.Namespace) -> pd.DataFrame:
    from geomap.io.incidents import read_incidents

    try:
        return read_incidents(args.input)
    except NoCoordinatesError:  # a sheet of place names: geocode its place column
        return geocoded_table(args.input, "check", args.place_column, args.date_column, args.hint_column,
                              args.quiet)


def _run_on_cluster(args: argparse.Namespace) -> int:
    """The check on a Dask cluster: the parts are checked where they are, the summary counted
    in the same pass as the output is written."""
    import dask
    import dask_geopandas
    import pyarrow as pa

    from geomap.cli.cluster import connected, partitions_for, read_partitioned, writes_partitioned
    from geomap.files import check_output_path
    from geomap.io.incidents import WRITE_SUFFIXES, write_incidents
    from geomap.parallel import check

    partitioned = writes_partitioned(args.output)
    if args.output:  # a folder of parts: its first part must be writable
        check_output_path(f"{args.output}/part.0.parquet" if partitioned else args.output,
                          None if partitioned else WRITE_SUFFIXES)
    with connected(args) as client:
        incidents = read_partitioned(args.input)
        if incidents is None:
            rows = _read(args)
            incidents = dask_geopandas.from_geopandas(rows, npartitions=partitions_for(client, len(rows),
                                                                                       BATCH_ROWS))
        checked = check(incidents, date_column=args.date_column, source=args.source, date=args.date)
        counts, reasons = checked.control.value_counts(), checked.control_reason.value_counts()
        if partitioned:
            # layer_date holds datetime.date objects, which Dask cannot type from an empty frame:
            # as Arrow dates, the type a single-process Parquet file gives them
            dated = checked.assign(layer_date=checked.layer_date.astype(pd.ArrowDtype(pa.date32())))
            writes = dated.to_parquet(args.output, overwrite=True, compute=False)
            _, counts, reasons = dask.compute(writes, counts, reasons)
        else:
            frame, counts, reasons = dask.compute(checked, counts, reasons)
            if args.output and len(frame):
                write_incidents(frame, args.output)
    _summary(counts, reasons, args)
    return 0


def _summary(counts: pd.Series, reasons: pd.Series, args: argparse.Namespace) -> None:
    status(f"{int(counts.sum())} incidents checked against {args.source}: "
           + ", ".join(f"{name} {n}" for name, n in counts.items() if n), args.quiet)
    for reason, n in reasons.items():
        status(f"  {n} x {reason}", args.quiet)
    if args.output:
        status(f"wrote {args.output}", args.quiet)
