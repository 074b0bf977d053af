"""The README stays short, the docs pages exist, their links resolve and their figures are current."""
import doctest
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
MARKDOWN = [README, *PAGES]


def _load_include():
    """docs/include.py, imported from its path (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location("docs_include", ROOT / "docs" / "include.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


include = _load_include()

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.MULTILINE)


def _prose(text: str) -> str:
    """Markdown without code blocks and code spans, where brackets are not links."""
    return _CODE_SPAN.sub("", _FENCE.sub("", text))


def _anchors(md: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown file (lower case, punctuation dropped)."""
    seen: dict[str, int] = {}
    out = set()
    for heading in _HEADING.findall(_FENCE.sub("", md.read_text(encoding="utf-8"))):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def broken_links(md: Path) -> list[str]:
    """Relative links of ``md`` whose file (or heading anchor in a Markdown file) does not exist."""
    broken = []
    for target in _LINK.findall(_prose(md.read_text(encoding="utf-8"))):
        if "://" in target or target.startswith("mailto:"):
            continue
        path, _, anchor = target.partition("#")
        dest = (md.parent / path).resolve() if path else md
        if not dest.exists():
            broken.append(target)
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(target)
    return broken


def test_readme_is_at_most_8_kib():
    assert README.stat().st_size <= 8192, f"README.md is {README.stat().st_size} bytes; move detail to docs/"


def test_docs_has_at_least_five_pages():
    assert len(PAGES) >= 5, [p.name for p in PAGES]


def test_readme_names_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text


def test_include_blocks_are_current():
    assert include.stale(MARKDOWN) == [], "run `make docs` (python docs/include.py)"


def test_benchmarks_page_includes_every_results_file_in_full():
    blocks = list(include.blocks((ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")))
    whole = {b.path for b in blocks if b.needle is None}
    results = {f"benchmarks/results/{p.name}" for p in (ROOT / "benchmarks" / "results").glob("*.md")}
    assert results and results <= whole, sorted(results - whole)


@pytest.mark.parametrize("md", MARKDOWN, ids=lambda p: p.name)
def test_relative_links_point_at_existing_files(md):
    assert broken_links(md) == []


def test_broken_link_is_found(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# A heading\n")
    page.write_text("[ok](there.md#a-heading) [gone](missing.md) [bad anchor](there.md#nope) "
                    "`[code](not-checked.md)` [web](https://example.org/x.md)\n")
    assert broken_links(page) == ["missing.md", "there.md#nope"]


def test_stale_block_is_reported_and_updated(tmp_path):
    (tmp_path / "figures.md").write_text("# Figures\n\n| a | b |\n|---|---|\n| x | 1 |\n| y | 2 |\n")
    page = tmp_path / "page.md"
    page.write_text("Intro\n<!-- include: figures.md | y -->\nold\n<!-- end include -->\nEnd\n")
    assert include.stale([page], root=tmp_path) == ["page.md:2 figures.md | y"]
    assert include.update([page], root=tmp_path) == [page]
    assert page.read_text() == ("Intro\n<!-- include: figures.md | y -->\n| a | b |\n|---|---|\n| y | 2 |\n"
                                "<!-- end include -->\nEnd\n")
    assert include.stale([page], root=tmp_path) == []


def test_check_exits_1_on_a_stale_block(tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text("<!-- include: benchmarks/results/layers_bench.md -->\nold\n<!-- end include -->\n")
    assert include.main(["--check", str(page)]) == 1
    assert "stale:" in capsys.readouterr().out
    assert page.read_text().count("old") == 1  # --check changes nothing


@pytest.mark.parametrize("text", [
    "<!-- include: nowhere.md -->\n<!-- end include -->\n",  # no such file
    "<!-- include: figures.md | absent -->\n<!-- end include -->\n",  # the filter matches nothing
    "<!-- include: figures.md -->\nno end line\n",
])
def test_broken_block_is_an_error(tmp_path, text):
    (tmp_path / "figures.md").write_text("| a |\n|---|\n| x |\n")
    with pytest.raises(include.IncludeError):
        include.expand(text, root=tmp_path)


def test_include_docstring_examples():
    result = doctest.testmod(include)
    assert result.attempted > 0 and result.failed == 0


def test_schema_page_names_every_column_and_value_of_geomap_schema():
    from geomap import schema

    page = (ROOT / "docs" / "schema.md").read_text()
    names = [*schema.INCIDENT_COLUMNS, *schema.CHECK_COLUMNS, *schema.MENTION_COLUMNS, *schema.CONTROL_VALUES,
             *schema.EVENT_TYPES, *schema.CLAIMANT_SIDES, *schema.PRECISIONS, *schema.ROLES,
             *(zone for _, zone in schema.LINE_ZONES), schema.BEYOND_ZONE,
             *(v for v in schema.VERIFICATION_VALUES if v), *schema.GEOCODED_COLUMNS,
             *schema.IMPORTED_COLUMNS, *schema.RECORD_KINDS]
    missing = [n for n in names if f"`{n}`" not in page]
    assert not missing
