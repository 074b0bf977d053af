"""Tables of place names on the command line: ``geomap geocode --table``, and ``check`` and
``map`` on a table that has a place column but no coordinates.

>>> import argparse
>>> p = argparse.ArgumentParser()
>>> add_table_options(p)
>>> p.parse_args(["--place-column", "town"]).place_column
'town'
"""
from __future__ import annotations

import argparse
import sys

import geopandas as gpd

from geomap.cli.output import bar
from geomap.errors import InputError

__all__ = ["add_table_options", "geocoded_table"]


def add_table_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--place-column", help="column of place names to geocode when the table has no "
                   "coordinates (default: the first of location, place, settlement, town, city ...)")
    p.add_argument("--hint-column",
                   help="column of administrative context for the place names (an oblast, a raion)")


def geocoded_table(path: str, command: str, place_column: str | None = None,
                   date_column: str | None = "date", hint_column: str | None = None,
                   quiet: bool = False) -> gpd.GeoDataFrame:
    """The table at ``path`` with its place column geocoded (every row kept); says on stderr which
    column was used and how many rows were placed. Nothing placed at all is the user's error."""
    from geomap.geocoding.tables import geocode_table
    from geomap.io.tables import PLACE_COLUMNS, find_place_column, read_table

    table = read_table(path)
    column = place_column or find_place_column(table)
    if column is None or column not in table.columns:
        wanted = f"no column {place_column!r}" if place_column else (
            f"no coordinates and no place column ({', '.join(PLACE_COLUMNS[:8])} ...)")
        raise InputError(f"{path}: {wanted}; the columns are {', '.join(map(str, table.columns))} "
                         "(name the place column with --place-column)")
    if hint_column and hint_column not in table.columns:
        raise InputError(f"{path}: no column {hint_column!r} (--hint-column)")
    date = date_column if date_column in table.columns else None
    shown = bar(quiet, unit=" look-ups")
    try:
        out = geocode_table(table, column, date=date, hint=hint_column,
                            progress=shown.update if shown else None)
    finally:
        if shown is not None:
            shown.close()
    placed = int(out.geometry.notna().sum())
    reasons = out.unplaced_reason.value_counts()
    why = "; ".join(f"{n} {reason}" for reason, n in reasons.items())
    print(f"geomap {command}: note: geocoded column {column!r}"
          f"{f' with dates from {date!r}' if date else ''}: {placed} of {len(out)} rows placed"
          f"{f' (not placed: {why})' if why else ''}", file=sys.stderr)
    if not placed:
        raise InputError(f"{path}: no row of column {column!r} could be placed")
    return out
