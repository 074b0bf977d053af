"""Benchmark geomap.render: build time and file size for 100 / 10,000 / 100,000 incidents, and how
long headless Chromium takes to show the 10,000 and 100,000 maps (and its longest blocking task).

    python benchmarks/render_bench.py [--sizes 100 10000 100000] [--browser 10000 100000] [--repeat 3]

Needs the browser test set-up (``make browser-deps``). Writes benchmarks/results/render_bench.md and
prints the same table. Incidents are synthetic (tests/map_data.py) over 30 dates, so the maps carry a
time slider with 30 occupied-area snapshots; "build" runs render() from unchecked incidents (the
on-the-fly check included) and saves the HTML file.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import map_data  # noqa: E402  (tests/ is put on the path above)
from browser import Browser  # noqa: E402

from geomap.maps.render import render  # noqa: E402
from geomap.spatial import checks

RESULTS = HERE / "results" / "render_bench.md"
DATES = [f"2022-{m:02d}-{d:02d}" for m in (2, 3, 4, 5, 6, 7) for d in (3, 8, 13, 18, 23)]
# Long tasks (> 50 ms) block input; record them from the start of the page.
LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver(l => l.getEntries().forEach(e => window.__longTasks.push(e.duration)))
    .observe({type: 'longtask', buffered: true});"""
READY = """() => document.documentElement.dataset.gmLoading === "0"
    && !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')"""


def build(n: int, out: Path, repeat: int) -> dict:
    gdf = map_data.incidents(n, DATES)
    times, checked_times = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        render(gdf).save(str(out))
        times.append(time.perf_counter() - start)
    pre = checks.check(gdf)
    for _ in range(repeat):
        start = time.perf_counter()
        render(pre).save(str(out))
        checked_times.append(time.perf_counter() - start)
    return {"n": n, "build": statistics.median(times), "build_checked": statistics.median(checked_times),
            "mb": out.stat().st_size / 1e6}


def load(browser: Browser, path: Path, repeat: int) -> dict:
    loads, longest = [], []
    for _ in range(repeat):
        page = browser.new_page(1200, 800)
        page.add_init_script(LONG_TASKS)
        page.goto(browser.publish(path, path.name), wait_until="load")
        page.wait_for_function(READY, timeout=120_000)
        loads.append(page.evaluate("() => performance.now()") / 1000)
        longest.append(page.evaluate("() => Math.max(0, ...window.__longTasks)") / 1000)
        assert not browser.errors, browser.errors
        page.context.close()
    return {"load": statistics.median(loads), "longest_task": statistics.median(longest)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--browser", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Browser() as browser:
        for n in args.sizes:
            out = Path(tmp) / f"bench_{n}.html"
            row = build(n, out, args.repeat)
            if n in args.browser:
                row |= load(browser, out, args.repeat)
            rows.append(row)
            print(row, flush=True)
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")),
               platform.processor())
    lines = [
        "# render benchmark",
        "",
        f"`python benchmarks/render_bench.py` — {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, "
        f"headless Chromium {browser_version()}; median of {args.repeat} runs. Synthetic incidents over "
        f"{len(DATES)} dates (time slider with {len(DATES)} steps).",
        "",
        "| incidents | build incl. check (s) | build, pre-checked (s) | file (MB) | browser load (s) "
        "| longest blocking task (s) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        load_s = f"{r['load']:.2f}" if "load" in r else "–"
        task_s = f"{r['longest_task']:.2f}" if "longest_task" in r else "–"
        lines.append(f"| {r['n']:,} | {r['build']:.2f} | {r['build_checked']:.2f} | {r['mb']:.2f} | "
                     f"{load_s} | {task_s} |")
    lines += [
        "",
        "Browser load = navigation start until the incidents are drawn and clustered (tiles are answered",
        "locally with a blank image). Longest blocking task = the longest stretch the page could not react",
        "to input while loading (Chromium long-task timing).",
    ]
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def browser_version() -> str:
    import subprocess

    out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


if __name__ == "__main__":
    main()
