"""Where the embedded data files are: in an installed wheel (``geomap.boundaries``) or beside
the package in a source checkout (``boundaries/``).

>>> data_path("oblasts.parquet").name
'oblasts.parquet'
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from geomap.errors import EmbeddedDataError

__all__ = ["data_path"]


def data_path(name: str) -> Path:
    """Path of an embedded data file, from an installed wheel or a source checkout."""
    try:
        path = Path(str(resources.files("geomap.boundaries") / name))
    except ModuleNotFoundError:  # source tree on sys.path without installation
        path = Path(__file__).resolve().parent.parent / "boundaries" / name
    if not path.exists():
        raise EmbeddedDataError(f"embedded data file {name!r} is missing ({path}); "
                                "rebuild with `make boundaries`")
    return path
