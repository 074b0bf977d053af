"""Reading tables of places (a newsroom sheet of reported strikes: date, location, note) in the
formats people keep them in, and finding their place column.

>>> find_place_column(pd.DataFrame(columns=["Date", "Location", "Note"]))
'Location'
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geomap.errors import IncidentFileError
from geomap.io.reports import read_text_file

__all__ = ["PLACE_COLUMNS", "TABLE_SUFFIXES", "find_place_column", "read_table"]

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".parquet", ".geojson", ".json", ".gpkg")
# Column names that hold a place, most specific first (compared without case and spaces).
PLACE_COLUMNS = ("location", "place", "place_name", "placename", "settlement", "town", "city", "village",
                 "locality", "place_text", "where", "admin3", "admin2", "name", "місце", "населений пункт",
                 "место", "населенный пункт")


def read_table(path: str | Path) -> pd.DataFrame:
    """A table from CSV, TSV, XLSX (the first sheet that has a place column, else the first),
    Parquet, GeoJSON or GeoPackage; text files in any common encoding.

    Raises :class:`~geomap.errors.IncidentFileError` for a missing, empty or unreadable file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise IncidentFileError(f"{path}: no such file")
    try:
        if suffix in (".csv", ".tsv", ".txt"):
            import io

            text = read_text_file(path)
            return pd.read_csv(io.StringIO(text), sep=_separator(text, suffix))
        if suffix == ".xlsx":
            return _first_sheet_with_places(pd.read_excel(path, sheet_name=None))
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix in (".geojson", ".json", ".gpkg"):
            return gpd.read_file(path)
    except IncidentFileError:
        raise
    except Exception as exc:  # readers raise many types; the message is what the user needs
        raise IncidentFileError(f"{path}: cannot read {suffix[1:]} table: {exc}") from exc
    raise IncidentFileError(f"{path}: unknown table format; use one of {', '.join(TABLE_SUFFIXES)}")


def _separator(text: str, suffix: str) -> str:
    """Tab for .tsv; else the separator of the header line: a semicolon (as spreadsheets write CSV
    in many European locales) or a comma.

    >>> _separator("date;location", ".csv"), _separator("location", ".csv")
    (';', ',')
    """
    if suffix == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _first_sheet_with_places(sheets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    for frame in sheets.values():
        if find_place_column(frame) is not None:
            return frame
    return next(iter(sheets.values()))


def find_place_column(frame: pd.DataFrame) -> str | None:
    """The column that holds place names, by its name (:data:`PLACE_COLUMNS`), or None."""
    by_name = {str(c).strip().lower().replace("_", " "): c for c in frame.columns}
    for name in PLACE_COLUMNS:
        found = by_name.get(name.replace("_", " "))
        if found is not None:
            return found
    return None
