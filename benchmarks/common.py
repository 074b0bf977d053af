"""Helpers shared by the accuracy benchmarks (``geocode_eval.py``, ``extract_eval.py``): the
evaluation file, great-circle error, the naive baseline geocoder and the CPU name.

>>> round(float(haversine_km(50.45, 30.52, 49.99, 36.23)))
409
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = "eval/ucdp_ged_ukraine_dev.csv"  # relative to shared/


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance (km) between arrays of points (NaN where a point is NaN)."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


class NaiveBaseline:
    """The issue's naive geoparser: the longest populated-place name (in characters, strict key)
    found as a word run in the text; among places of that name the most populous wins.

    >>> NaiveBaseline().geocode("shelling near Bakhmut") is not None
    True
    """

    def __init__(self) -> None:
        # Imported here: benchmarks that run geomap only as a command (fault_bench) share the
        # other helpers without loading the package.
        from geomap.geocoding.index import default_index
        from geomap.geocoding.names import name_key

        self.idx, self.key = default_index(), name_key

    def geocode(self, text: str) -> tuple[float, float] | None:
        """(latitude, longitude) of the answer, None if the text holds no settlement name."""
        words = self.key(text).split()
        best, best_chars = None, 0
        for n in range(min(5, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i:i + n])
                if len(key) < best_chars:
                    continue
                places = [p for p, _ in self.idx.strict.get(key, ())
                          if p >= 0 and self.idx.kind[p] == "settlement"]
                if not places:
                    continue
                p = max(places, key=lambda q: self.idx.population[q])
                if len(key) > best_chars or self.idx.population[p] > self.idx.population[best]:
                    best, best_chars = p, len(key)
        return None if best is None else (float(self.idx.lat[best]), float(self.idx.lon[best]))


def cpu_name() -> str:
    """The CPU model from /proc/cpuinfo ("unknown CPU" elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def publish(name: str, lines: list[str]) -> str:
    """Write a results table to ``benchmarks/results/NAME`` and print it; returns the text."""
    text = "\n".join(lines)
    path = ROOT / "benchmarks" / "results" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    print(text)
    return text


def comparison_rows(ours: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """Markdown table rows of two accuracy dicts (shares as %, ``median…`` keys as km)."""
    rows = []
    for key in [k for k in ours if not k.startswith("_")]:
        fmt = (lambda v: f"{v:.1f}") if key.startswith("median") else (lambda v: f"{100 * v:.1f} %")
        rows.append(f"| {key} | {fmt(ours[key])} | {fmt(baseline[key])} |")
    return rows
