"""Extraction speed on real text: ``extract_incidents`` on ~2 KB place-dense reports made of real
UCDP texts, each report in a fresh process whose memos have never seen its places, and the fixed
cost of one call on a one-sentence report.

Usage (from the project root)::

    python benchmarks/extract_speed_bench.py [--shared ../shared] [--reports 80]

Reports: the rows of ``eval/ucdp_ged_ukraine_dev.csv`` with distinct texts, in date order, 20 at a
time (``headline`` + " " + ``where_description``, one row a line, like a daily bulletin), published
on the date of their last row. Each report is read in a process of its own after ``geomap.preload()``
(the gazetteer, the tables built from it, the layers, the oblasts' polygons) and a warm-up report
(on the same date) of other rows that share no capitalised word with it: every place of the
measured report is new to the process, as it is for a service reading new reports. The measured
call is timed once (a second call would be answered by the memos). A second row measures the same
reports without ``preload`` (the warm-up report and a few geocoder queries only): what a process
pays when the report is among its first, since tables and layers the warm-up did not need are then
built by the measured call.

Fixed cost: the best of 30 calls on one sentence whose place the memos already hold, in the same
processes (as timeit, the best: other work on the machine only adds to a call), the median over the
processes: what every call pays besides reading places (cleaning, the frame, the checks).

A template row repeats the measure on reports made from the sentence templates of
``extract_eval.py`` (labelled as such): their few, often repeated places flatter the speed.

The profile (``cProfile`` over the measured call, in processes of their own for every
PROFILE_EVERY-th report) says where the time goes.
``compare_versions.py`` runs the same probe on two versions side by side.
"""
from __future__ import annotations

import argparse
import json
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import EVAL, cpu_name, publish  # noqa: E402

ROWS_PER_REPORT = 20
FIXED_CALLS = 30
PROFILE_EVERY = 4  # the profile is taken on every 4th report, in processes of their own
# Our own sentence: a place near the line, a means, a date and a claimant, as most reports have.
ONE_SENTENCE = "Russian artillery shelled Marinka on Tuesday, the regional governor said."
# Geocoder queries that make the tables built on first use (raion adjectives, former and current
# raions): a process reading a stream of reports builds them once. Sets of places far apart, so
# that one shares no name with the report measured.
WARM_QUERIES = (
    ("Bilka, Krasnopilsky district, Sumy region", "Mykolaivka, Romny district"),
    ("Ivanivka, Lebedyn district, Sumy region", "Mykolaivka, Romny district"),
    ("Velykyi Bereznyi, Uzhhorodsky district, Zakarpattia region", "Mukachevo, Berehove district"),
)

# Runs inside a fresh interpreter with the version's tree first on sys.path; prints one JSON line.
PROBE = r"""
import cProfile, hashlib, json, sys, time
root, job_path = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
import geomap, shapely
assert geomap.__file__.startswith(root), geomap.__file__
job = json.loads(open(job_path, encoding="utf-8").read())
if job.get("preload"):
    geomap.preload()
geomap.extract_incidents(job["warm"], published=job["published"])
for query in job["warm_queries"]:
    geomap.geocode(query, date=job["published"])
profile = cProfile.Profile() if job.get("profile") else None
if profile:
    profile.enable()
t, cpu = time.perf_counter(), time.process_time()
found = geomap.extract_incidents(job["text"], published=job["published"])
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
if profile:
    profile.disable()
    profile.dump_stats(job["profile"])
times, cpu_times = [], []
for _ in range(job["fixed_calls"] + 1):
    t, c = time.perf_counter(), time.process_time()
    geomap.extract_incidents(job["one_sentence"], published=job["published"])
    times.append(time.perf_counter() - t)
    cpu_times.append(time.process_time() - c)
def value(v):
    if isinstance(v, float):
        return None if v != v else round(v, 6)
    if isinstance(v, shapely.Geometry):
        return shapely.to_wkt(v, rounding_precision=6)
    return None if v is None or v is getattr(__import__("pandas"), "NA") else str(v)
rows = [[value(v) for v in row] for row in found.itertuples(index=False)]
print(json.dumps({"seconds": seconds, "cpu": cpu, "fixed": min(times[1:]), "fixed_cpu": min(cpu_times[1:]),
                  "incidents": len(found),
                  "answers": hashlib.sha1(json.dumps([list(found.columns), rows]).encode()).hexdigest()}))
"""


def _capitalised(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", text)}


def real_reports(shared: Path, n: int | None = None) -> list[dict]:
    """Jobs for :data:`PROBE`: ``text`` (20 UCDP rows, one a line), ``published`` (the last row's
    date) and ``warm`` (other rows that share no capitalised word with the report)."""
    frame = pd.read_csv(shared / EVAL)
    texts = [" ".join(t for t in (h, w) if isinstance(t, str))
             for h, w in zip(frame.headline, frame.where_description)]
    frame = frame.assign(text=texts).drop_duplicates("text").sort_values("date", kind="stable")
    rows = list(zip(frame.text, frame.date))
    jobs = []
    for k in range(0, len(rows) - ROWS_PER_REPORT + 1, ROWS_PER_REPORT):
        chunk = rows[k:k + ROWS_PER_REPORT]
        jobs.append({"text": "\n".join(t for t, _ in chunk), "published": chunk[-1][1]})
    jobs = jobs[:n] if n else jobs
    words = [_capitalised(t) for t, _ in rows]
    for j, job in enumerate(jobs):
        named = _capitalised(job["text"])
        # Other rows from the far side of the data set first: other years, other places.
        start = (j * ROWS_PER_REPORT + len(rows) // 2) % len(rows)
        order = list(range(start, len(rows))) + list(range(start))
        warm = [rows[i][0] for i in order if not words[i] & named][:ROWS_PER_REPORT]
        job["warm"] = "\n".join(warm)
        job["warm_queries"] = next(q for q in WARM_QUERIES if not _capitalised(" ".join(q)) & named)
    return jobs


def template_reports(n: int) -> list[dict]:
    """Jobs of reports made from the sentence templates of ``extract_eval.py`` (about 3 KB each)."""
    from extract_eval import sample_reports

    texts, warm = sample_reports(n, seed=11), sample_reports(n, seed=12)
    return [{"text": t, "published": "2022-02-17", "warm": w,
             "warm_queries": next(q for q in WARM_QUERIES if not _capitalised(" ".join(q)) & _capitalised(t))}
            for t, w in zip(texts, warm)]


def probe(tree: Path, job: dict, profile: Path | None = None, preload: bool = False) -> dict:
    """Run :data:`PROBE` for one report on the geomap tree ``tree`` in a fresh process (after
    ``geomap.preload()`` if ``preload``)."""
    job = {**job, "one_sentence": ONE_SENTENCE, "fixed_calls": FIXED_CALLS,
           "profile": str(profile) if profile else None, "preload": preload}
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as f:
        f.write(json.dumps(job))
        f.flush()
        done = subprocess.run([sys.executable, "-c", PROBE, str(tree), f.name], capture_output=True,
                              text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def summary(results: list[dict]) -> dict[str, float]:
    """Reports per second over all the measured calls and the fixed cost (ms, the median over the
    processes of each one's best call), in wall time and in the process's CPU time (what other
    work on a shared machine disturbs least); the mean number of incidents a report."""
    return {"rate": len(results) / sum(r["seconds"] for r in results),
            "cpu_rate": len(results) / sum(r["cpu"] for r in results),
            "fixed_ms": 1000 * statistics.median(r["fixed"] for r in results),
            "fixed_cpu_ms": 1000 * statistics.median(r["fixed_cpu"] for r in results),
            "incidents": statistics.mean(r["incidents"] for r in results)}


# Stages of the pipeline in the profile: (label, file name ending, function name).
STAGES = [
    ("read the sentences: mentions, cues, roles", "extract/incidents.py", "_read_part"),
    ("… of which: find mentions in the gazetteer", "extract/mentions.py", "find_mentions"),
    ("… of which: resolve the sites (geocoder lookups)", "extract/sites.py", "resolve_all"),
    ("… … of which: rank the candidates", "geocoding/lookup.py", "rank"),
    ("… … of which: confidence of the answers", "geocoding/confidence.py", "confidence"),
    ("incident rows (dates, sides, geometry)", "extract/incidents.py", "_incident_row"),
    ("the frame and the checks", "extract/incidents.py", "_frame"),
    ("… of which: the checks (control, oblast, line distance)", "spatial/checks.py", "check_columns"),
]


def profile_lines(paths: list[Path]) -> list[str]:
    """Share of the measured calls' time spent in each of :data:`STAGES` (cumulative time)."""
    stats = pstats.Stats(*map(str, paths))
    total = next(v[3] for k, v in stats.stats.items() if k[2] == "extract_incidents")
    lines = ["| stage | share of the time |", "|---|---:|"]
    for label, file, name in STAGES:
        seconds = sum(v[3] for (f, _, fn), v in stats.stats.items()
                      if f.replace("\\", "/").endswith(file) and fn == name)
        lines.append(f"| {label} | {100 * seconds / total:.0f} % |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reports", type=int, default=None, help="real reports measured (default: all)")
    parser.add_argument("--templates", type=int, default=20, help="templated reports measured")
    args = parser.parse_args()
    jobs = real_reports(args.shared, args.reports)
    real = [probe(ROOT, job, preload=True) for job in jobs]
    unloaded = [probe(ROOT, job) for job in jobs]
    with tempfile.TemporaryDirectory() as tmp:  # profiled apart: the profiler slows what it measures
        profiles = [Path(tmp) / f"{k}.prof" for k in range(0, len(jobs), PROFILE_EVERY)]
        for path, job in zip(profiles, jobs[::PROFILE_EVERY]):
            probe(ROOT, job, path, preload=True)
        stages = profile_lines(profiles)
    templated = [probe(ROOT, job, preload=True) for job in template_reports(args.templates)]
    r, u, t = summary(real), summary(unloaded), summary(templated)
    size = statistics.mean(len(job["text"].encode()) for job in jobs)
    lines = [
        "# Extraction speed on real text (`benchmarks/extract_speed_bench.py`)", "",
        f"{len(jobs)} reports of {ROWS_PER_REPORT} UCDP texts each (~{size:,.0f} bytes, "
        f"{r['incidents']:.1f} incidents a report), each read in a fresh process whose memos have not "
        "seen its places, after `geomap.preload()`; one core.", "",
        "| measure | CPU time | wall time |", "|---|---:|---:|",
        f"| `extract_incidents`, real reports, places new to the process (reports/s) | {r['cpu_rate']:,.1f} "
        f"| {r['rate']:,.1f} |",
        f"| the same without `preload` (a warm-up report only: the tables and layers it did not need are "
        f"built by the measured call; reports/s) | {u['cpu_rate']:,.1f} | {u['rate']:,.1f} |",
        f"| fixed cost of one call on a one-sentence report (ms) | {r['fixed_cpu_ms']:.2f} "
        f"| {r['fixed_ms']:.2f} |",
        f"| template row: {len(templated)} reports from sentence templates (places repeat within a report; "
        f"reports/s) | {t['cpu_rate']:,.1f} | {t['rate']:,.1f} |",
        "", f"Where the time of the real reports goes (cProfile on every {PROFILE_EVERY}th report, "
        "cumulative time of each stage):", "",
        *stages, "",
        f"Measured with Python {sys.version.split()[0]} on {cpu_name()}. CPU time: the process's own "
        "(other work on the shared machine delays the wall time much more than it)."
    ]
    publish("extract_speed.md", lines)


if __name__ == "__main__":
    main()
