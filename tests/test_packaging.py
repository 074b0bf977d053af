"""Packaging: dependency lists agree, the CLI answers, and a wheel carries the embedded data."""
import doctest
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

import geomap
from geomap import cli

ROOT = Path(__file__).resolve().parent.parent
# PyPI name -> conda-forge name where they differ
CONDA_NAMES = {"playwright": "playwright-python"}


def _split(spec: str) -> tuple[str, str]:
    name, rest = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", spec).groups()
    return CONDA_NAMES.get(name.lower(), name.lower()), rest.replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(s) for s in project["dependencies"] + project["optional-dependencies"]["test"])
    listed = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:"):].splitlines():
        m = re.match(r"\s+- ([A-Za-z][^:#\s]*(?:[<>=!][^#\s]*)?)\s*$", line)
        if m and not m.group(1).startswith(("python", "pip")):
            name, pins = _split(m.group(1))
            listed[name] = pins
    assert listed == wanted


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"geomap {geomap.__version__}"
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "layers" in capsys.readouterr().out


def test_layers_info(capsys):
    assert cli.main(["layers", "--info"]) == 0
    out = capsys.readouterr().out
    assert "liveuamap  2014-02-27 .. 2026-08-19" in out
    assert "deepstate  2024-07-08 .. 2026-08-22" in out


def test_layers_date_outside_coverage_is_a_clear_error(capsys, tmp_path):
    assert cli.main(["layers", "--date", "2013-05-01", "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "outside the liveuamap coverage (2014-02-27 to 2026-08-19)" in err
    assert not (tmp_path / "x.html").exists()


# Every module of every sub-package (geomap.cli too): each one shows how it is used.
MODULES = sorted(m.name for m in pkgutil.walk_packages(geomap.__path__, "geomap."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    """Every module's docstring examples run and hold (the docs promise examples that work)."""
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_wheel_ships_embedded_data(tmp_path):
    """Build a wheel, install it into an empty folder and use it from another directory."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                    "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("geomap-*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import geomap, shapely; from geomap import layers; print(geomap.__file__); "
            "print(layers.occupied_area('2022-02-17').contains(shapely.Point(39.3078, 48.574)))")
    # -I isolates from the source tree and user site; the venv's packages come via PYTHONPATH
    deps = next(p for p in sys.path if p.endswith("site-packages"))
    out = subprocess.run([sys.executable, "-c",
                          f"import sys; sys.path[:0] = [{str(site)!r}, {deps!r}]; {code}"],
                         cwd=elsewhere, check=True, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin"}).stdout
    path, occupied = out.split()
    assert path.startswith(str(site)) and occupied == "True"
