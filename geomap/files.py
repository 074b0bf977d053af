"""Writing output files safely: the path is checked before any work, and a file is written
beside its target and moved over it in one step, so a failed write (a full disk, Ctrl-C, a
crash) leaves the previous file as it was.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     target = os.path.join(d, "map.html")
...     with replacing(target) as part:
...         _ = part.write_text("<html></html>")
...     open(target).read(), sorted(os.listdir(d))
('<html></html>', ['map.html'])
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geomap.errors import OutputError

__all__ = ["check_output_path", "replacing"]


def check_output_path(path: str | Path, suffixes: tuple[str, ...] | None = None) -> Path:
    """``path`` as a Path if a file can be written there (its folder is made if missing), else
    :class:`~geomap.errors.OutputError` saying why: checked before the work, not after it.

    >>> check_output_path("/proc/geomap-test.html")
    Traceback (most recent call last):
    ...
    geomap.errors.OutputError: /proc/geomap-test.html: cannot write in /proc (permission denied or read-only)
    """
    path = Path(path)
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise OutputError(f"{path}: cannot write this format; use one of {', '.join(suffixes)}")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    if path.exists() and not path.is_file():
        raise OutputError(f"{path}: not a regular file (a device or a pipe); give a file name")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the folder {folder}: {exc.strerror or exc}") from exc
    if not _can_create_in(folder) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"{path}: cannot write in {folder} (permission denied or read-only)")
    return path


def _can_create_in(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` (tried for real: root passes access() checks on
    read-only file systems)."""
    probe = folder / f".geomap-probe-{uuid.uuid4().hex}"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` (same suffix, so drivers see the format) to write to;
    when the block ends without error it replaces ``path`` in one step (``os.replace``), else it
    is removed and ``path`` is left untouched. Write errors become
    :class:`~geomap.errors.OutputError`."""
    path = Path(path)
    part = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:12]}.part{path.suffix}")
    try:
        yield part
        os.replace(part, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}; the previous file, if any, "
                          "is unchanged") from exc
    finally:
        part.unlink(missing_ok=True)
