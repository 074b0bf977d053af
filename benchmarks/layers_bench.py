"""Load and look-up times of the embedded control layers (fresh process per measurement).

    python benchmarks/layers_bench.py

Writes benchmarks/results/layers_bench.md and prints it.
"""
from __future__ import annotations

import json
import subprocess
import sys

from common import publish

RESULTS = "layers_bench.md"

# Runs in a fresh interpreter so nothing is cached; prints JSON timings.
PROBE = r"""
import json, time
t0 = time.perf_counter()
from geomap.spatial import layers
t1 = time.perf_counter()
out = {"import_s": t1 - t0}
for source in layers.SOURCES:
    t = time.perf_counter(); s = layers.series(source); out[source + "_load_s"] = time.perf_counter() - t
    out[source + "_snapshots"] = len(s.dates)
t = time.perf_counter(); layers.oblasts(); out["oblasts_load_s"] = time.perf_counter() - t
t = time.perf_counter(); layers.contact_line("2023-05-01"); out["first_line_s"] = time.perf_counter() - t
t = time.perf_counter()
for _ in range(10000):
    layers.occupied_area("2023-05-01")
out["cached_lookup_us"] = (time.perf_counter() - t) / 10000 * 1e6
print(json.dumps(out))
"""


def main() -> None:
    runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                                      check=True).stdout) for _ in range(3)]
    best = {k: min(r[k] for r in runs) for k in runs[0]}
    lines = [
        "# Layer load benchmark (`benchmarks/layers_bench.py`)",
        "",
        "Best of 3 fresh processes.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| `import geomap.spatial.layers` | {best['import_s']:.2f} s |",
        f"| load liveuamap series ({best['liveuamap_snapshots']:.0f} snapshots) | "
        f"{best['liveuamap_load_s']:.2f} s |",
        f"| load deepstate series ({best['deepstate_snapshots']:.0f} snapshots) | "
        f"{best['deepstate_load_s']:.2f} s |",
        f"| load oblasts | {best['oblasts_load_s']:.2f} s |",
        f"| first contact_line() of a date | {best['first_line_s'] * 1000:.1f} ms |",
        f"| occupied_area() for a date already seen | {best['cached_lookup_us']:.1f} µs |",
        "",
    ]
    publish(RESULTS, lines)


if __name__ == "__main__":
    main()
