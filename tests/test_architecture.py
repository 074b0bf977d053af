"""The floor plan holds: imports point one way between stages, no cycle (TYPE_CHECKING imports
included), every module declares ``__all__``, and the top-level API only grows on purpose."""
import ast
from pathlib import Path

import pytest

import geomap

PACKAGE = Path(geomap.__file__).resolve().parent
# Layer of each part of the package: a part may import the parts of lower layers only (maps, io
# and geocoding stand side by side and do not import each other); the core is errors, then the
# modules that raise them.
LAYERS = {
    "errors": 0, "schema": 1, "dates": 1, "data": 1, "files": 1,
    "spatial": 2, "maps": 3, "io": 3, "geocoding": 3, "extract": 4,
    "accessor": 5, "parallel": 5, "__init__": 6, "cli": 7,
}
TOP_LEVEL_API = [
    "Gazetteer", "GeomapError", "InputError", "__version__", "check", "extract_incidents", "extract_mentions",
    "extract_reports", "geocode", "geocode_table", "layers", "preload", "read_incidents", "read_reports",
    "render", "reverse", "write_incidents",
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules of geomap that a file imports, anywhere in it (functions, TYPE_CHECKING blocks)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "geomap":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if _is_module(full) else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "geomap"}
    return found


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").exists() or (PACKAGE / rel / "__init__.py").exists()


GRAPH = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` as a path that ends where it starts, [] if there is none."""
    state: dict[str, int] = {}
    found: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if found or nxt == node or _is_package_of(nxt, node):
                continue
            if state.get(nxt) == 1:
                found.extend(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state and not found:
            visit(module, [module])
    return found


def test_the_import_graph_has_no_cycle():
    assert _cycle(GRAPH) == []


def test_a_cycle_is_found():
    graph = {"geomap.a": {"geomap.b"}, "geomap.b": {"geomap.c"}, "geomap.c": {"geomap.a"}}
    assert _cycle(graph) == ["geomap.a", "geomap.b", "geomap.c", "geomap.a"]


def _is_package_of(package: str, module: str) -> bool:
    """A sub-package's ``__init__`` importing its own modules is not a cycle back to it."""
    return module.startswith(package + ".") and package != "geomap"


def test_no_module_imports_a_later_stage():
    upward = [f"{m} -> {i}" for m, imports in GRAPH.items() for i in imports
              if _part(i) != _part(m) and LAYERS[_part(i)] >= LAYERS[_part(m)]]
    assert not upward


def test_the_graph_sees_imports_inside_functions_and_type_checking_blocks(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from geomap.spatial import layers\n"
                      "def f():\n    from geomap.geocoding.index import PlaceIndex\n")
    assert _imports(sample) == {"geomap.spatial.layers", "geomap.geocoding.index"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_declares_all(path):
    tree = ast.parse(path.read_text())
    declared = [n for n in tree.body if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
    assert declared, f"{path.name} has no __all__"
    names = ast.literal_eval(declared[0].value)
    defined = {getattr(n, "name", None) for n in tree.body} | {
        t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)} | {
        (a.asname or a.name).split(".")[0] for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names}
    assert set(names) <= defined | {"__version__"}, sorted(set(names) - defined)


def test_top_level_api_is_the_declared_one():
    assert sorted(geomap.__all__) == sorted(TOP_LEVEL_API)
    assert all(hasattr(geomap, name) for name in geomap.__all__)


def test_every_module_can_be_imported_by_its_dotted_name():
    """``import geomap.x.y as m`` walks attributes: no top-level name may hide a sub-package."""
    for module in sorted(GRAPH):
        namespace: dict = {}
        exec(f"import {module} as imported", namespace)
        assert namespace["imported"].__name__ == module
