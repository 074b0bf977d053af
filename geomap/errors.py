"""geomap's exceptions: one root, and input errors that are also the builtin they resemble.

Catch :class:`GeomapError` for anything geomap raises on purpose; catch ``ValueError`` or
``TypeError`` as with any library. The command line turns :class:`InputError` (and its
subclasses) into a one-line message with exit status 2; anything else is a bug and shows its
traceback.

>>> issubclass(ReportFileError, ValueError) and issubclass(ReportFileError, GeomapError)
True
"""
from __future__ import annotations

__all__ = ["EmbeddedDataError", "GeomapError", "IncidentFileError", "InputError", "InputTypeError",
           "NoCoordinatesError", "OutputError", "ReportFileError"]


class GeomapError(Exception):
    """Root of the exceptions geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """What the caller gave cannot be used: a date, a value, a query, a table."""


class InputTypeError(GeomapError, TypeError):
    """An argument of the wrong type (a number where a place name is expected)."""


class ReportFileError(InputError):
    """A report or collection file cannot be read as one (empty, binary, too big, malformed)."""


class IncidentFileError(InputError):
    """An incidents file (GeoJSON, GeoPackage, CSV, Parquet) cannot be read or written as one."""


class NoCoordinatesError(IncidentFileError):
    """A table has neither a geometry nor latitude/longitude columns."""


class OutputError(GeomapError, OSError):
    """An output file cannot be written where it was asked for."""


class EmbeddedDataError(GeomapError, RuntimeError):
    """The embedded data in ``boundaries/`` is missing or was built for another version."""
