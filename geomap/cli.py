"""The ``geomap`` command line.

Each subcommand lives in its own ``_add_<name>`` function that registers a parser and sets
``func``; ``main`` only dispatches. Errors the user can fix (bad dates, unreadable files) are
reported as one line on stderr with exit code 2, never as a traceback.

>>> main(["--version"])  # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import geomap

CommandAdder = Callable[["argparse._SubParsersAction"], None]


class UserError(Exception):
    """A problem with the user's input: printed as a message, exit code 2."""


def _add_layers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "layers",
        help="map or describe the embedded occupied-area, contact-line and oblast layers",
        description="Write a map of the occupied area, contact line and oblasts on a date, "
        "or print the embedded sources, their coverage and sizes (--info).",
    )
    p.add_argument("--date", help="date to show (YYYY-MM-DD); default: last date of the source")
    p.add_argument("--source", default="liveuamap", choices=["liveuamap", "deepstate"])
    p.add_argument("-o", "--output", default="outputs/layers.html", help="HTML file to write")
    p.add_argument("--info", action="store_true", help="print sources, coverage and sizes, write nothing")
    p.set_defaults(func=_run_layers)


def _run_layers(args: argparse.Namespace) -> int:
    from geomap import layers

    if args.info:
        print(layers.info_text())
        return 0
    try:
        when = layers.parse_date(args.date) if args.date else layers.coverage(args.source)[1]
        layers.layer_date(when, args.source)  # fails early, with the covered range, before any work
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    from geomap.maps import layers_map

    fmap = layers_map(when, source=args.source)
    path = _write_html(fmap, args.output)
    print(f"wrote {path} ({when.isoformat()}, source {args.source})")
    return 0


def _write_html(fmap, output: str) -> str:
    """Save a folium map, creating the parent directory; returns the path written."""
    from pathlib import Path

    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmap.save(str(path))
    return str(path)


# Subcommands in the order ``geomap --help`` lists them.
COMMANDS: list[CommandAdder] = [_add_layers]


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
    except UserError as exc:
        print(f"geomap {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
