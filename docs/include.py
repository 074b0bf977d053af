"""Keep the figures in the docs equal to the files they come from: never retype them, include them.

A block in a Markdown file starts with a line ``<!-- include: PATH -->`` and ends with the next
line ``<!-- end include -->``; everything between the two is generated and is replaced by the
content of PATH (relative to the repository root). The filtered form
``<!-- include: PATH | TEXT -->`` includes only the lines of PATH that contain TEXT.

A filter picks the body rows of a table (or plain lines such as list items), never a table's
header or delimiter row. A table row is included with its table's header and delimiter rows
before it, taken from the same file: on GitHub an HTML comment ends a table, so rows standing
alone under a header written above the opening marker would not render as a table. A filter
that matches no line is an error, so a renamed row cannot silently empty a block.

Usage (from anywhere)::

    python docs/include.py            # rewrite stale blocks in README.md and docs/*.md
    python docs/include.py --check    # list stale blocks and exit 1 if there are any
    python docs/include.py FILE ...   # only these Markdown files

Exit codes: 0 all current (or updated), 1 stale blocks found by ``--check``, 2 a broken block
(missing file, a filter matching nothing, an opening line without its end line).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ROOT", "Block", "IncludeError", "blocks", "included", "select_lines", "expand", "stale",
    "update", "default_files", "main",
]

ROOT = Path(__file__).resolve().parents[1]
_OPEN = re.compile(r"^<!-- include: (?P<spec>.+?) -->$", re.MULTILINE)
_END = "<!-- end include -->"
_BLOCK = re.compile(
    r"^<!-- include: (?P<spec>.+?) -->\n(?P<body>.*?)^<!-- end include -->$", re.MULTILINE | re.DOTALL
)
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


class IncludeError(Exception):
    """A block that cannot be generated: its file is missing, or its filter matches nothing."""


class Block(NamedTuple):
    """One include block of a Markdown file."""

    path: str  # the included file, relative to the repository root
    needle: str | None  # the filter text, None for the whole file
    body: str  # the generated lines as they stand now
    line: int  # line number of the opening comment (1-based)
    span: tuple[int, int]  # character span of the body in the Markdown text

    @property
    def label(self) -> str:
        return self.path if self.needle is None else f"{self.path} | {self.needle}"


def _parse_spec(spec: str) -> tuple[str, str | None]:
    """'a.md' -> ('a.md', None); 'a.md | within 25 km' -> ('a.md', 'within 25 km')."""
    path, bar, needle = spec.partition("|")
    return path.strip(), (needle.strip() or None) if bar else None


def blocks(text: str) -> Iterator[Block]:
    """The include blocks of a Markdown text, in order; an opening line without an end is an error."""
    found = list(_BLOCK.finditer(text))
    if len(found) != len(_OPEN.findall(text)):
        raise IncludeError(f"an '<!-- include: ... -->' line has no '{_END}' line after it")
    for match in found:
        path, needle = _parse_spec(match["spec"])
        line = text.count("\n", 0, match.start()) + 1
        yield Block(path, needle, match["body"], line, match.span("body"))


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _header_start(lines: Sequence[str], row: int) -> int | None:
    """Index of the header row of the table holding body row ``row``; None if ``row`` is a header."""
    top = row
    while top > 0 and _is_row(lines[top - 1]):
        top -= 1
    if row >= top + 2 and _DELIMITER_ROW.match(lines[top + 1]):
        return top
    return None


def select_lines(lines: Sequence[str], needle: str) -> list[str]:
    """The lines containing ``needle``; a table body row comes with its table's header rows.

    >>> table = ["# t", "| a | b |", "|---|---|", "| x | 1 |", "| y | 2 |", "- y is 2"]
    >>> select_lines(table, "y")
    ['| a | b |', '|---|---|', '| y | 2 |', '- y is 2']
    >>> select_lines(table, "a")
    []
    """
    out: list[str] = []
    header_done: set[int] = set()
    for i, line in enumerate(lines):
        if needle not in line:
            continue
        if not _is_row(line):
            out.append(line)
            continue
        header = _header_start(lines, i)
        if header is None:
            continue  # a header or delimiter row: it comes with its body rows only
        if header not in header_done:
            header_done.add(header)
            out.extend(lines[header:header + 2])
        out.append(line)
    return out


def included(path: str, needle: str | None, root: Path = ROOT) -> str:
    """The text a block naming ``path`` (and ``needle``) holds, ending with one newline."""
    source = root / path
    if not source.is_file():
        raise IncludeError(f"{path}: no such file")
    lines = source.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if needle is not None:
        lines = select_lines(lines, needle)
        if not lines:
            raise IncludeError(f"{path}: no line contains {needle!r}")
    return "\n".join(lines) + "\n"


def expand(text: str, root: Path = ROOT) -> str:
    """``text`` with every include block regenerated."""
    out, last = [], 0
    for block in blocks(text):
        start, end = block.span
        out += [text[last:start], included(block.path, block.needle, root)]
        last = end
    return "".join(out) + text[last:]


def stale(files: Sequence[Path], root: Path = ROOT) -> list[str]:
    """'FILE:LINE PATH | TEXT' for each block that differs from what it includes."""
    return [
        f"{_shown(md, root)}:{block.line} {block.label}"
        for md in files
        for block in blocks(md.read_text(encoding="utf-8"))
        if block.body != included(block.path, block.needle, root)
    ]


def update(files: Sequence[Path], root: Path = ROOT) -> list[Path]:
    """Rewrite the stale blocks of ``files`` in place; returns the files changed."""
    changed = []
    for md in files:
        text = md.read_text(encoding="utf-8")
        new = expand(text, root)
        if new != text:
            md.write_text(new, encoding="utf-8")
            changed.append(md)
    return changed


def default_files(root: Path = ROOT) -> list[Path]:
    """README.md and every Markdown page in docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: README.md, docs/*.md)")
    parser.add_argument("--check", action="store_true", help="list stale blocks, change nothing")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    try:
        if args.check:
            found = stale(files)
            for entry in found:
                print(f"stale: {entry}")
            return 1 if found else 0
        for md in update(files):
            print(f"updated {_shown(md, ROOT)}")
    except (IncludeError, OSError) as exc:
        print(f"include.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
