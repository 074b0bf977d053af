"""The ``geomap`` command line: one module a command (``extract``, ``geocode``, ``check``,
``maps`` for map and layers) over shared helpers (``output``).

Errors the user can fix (:class:`~geomap.errors.InputError`: bad dates, unreadable files;
:class:`~geomap.errors.OutputError`: unwritable outputs) are one line on stderr with exit code 2;
anything else is a bug and keeps its traceback. Warnings are one line each on stderr. A closed
pipe (``geomap extract ... | head``) ends the command quietly, its files already written;
Ctrl-C ends it with exit code 130, after writing what was done.

>>> sorted(build_parser()._subparsers._group_actions[0].choices)
['check', 'extract', 'geocode', 'layers', 'map']
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable, Sequence

import geomap
from geomap.cli.check import add_check
from geomap.cli.extract import add_extract
from geomap.cli.geocode import add_geocode
from geomap.cli.maps import add_layers, add_map
from geomap.errors import InputError, OutputError

__all__ = ["COMMANDS", "build_parser", "main"]

# Subcommands in the order ``geomap --help`` lists them: the order data flows through geomap.
COMMANDS: list[Callable[[argparse._SubParsersAction], argparse.ArgumentParser]] = [
    add_extract, add_geocode, add_check, add_map, add_layers]


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
    with warnings.catch_warnings():
        warnings.showwarning = _one_line_warning(args.command)
        try:
            return args.func(args)
        except (InputError, OutputError) as exc:
            print(f"geomap {args.command}: error: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            _quiet_stdout()
            return 0
        except KeyboardInterrupt:
            print(f"geomap {args.command}: interrupted", file=sys.stderr)
            return 130


def _one_line_warning(command: str):
    def show(message, category, filename, lineno, file=None, line=None) -> None:
        print(f"geomap {command}: warning: {message}", file=sys.stderr)
    return show


def _quiet_stdout() -> None:
    """After a reader closed the pipe: send what is left of stdout nowhere, so that Python's
    final flush does not fail again (the pattern the Python docs give for SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
