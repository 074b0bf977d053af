"""Speed of two versions of geomap side by side, in one run (the shared machine's speed drifts,
so only back-to-back runs compare).

Usage (from the project root)::

    python benchmarks/compare_versions.py --base REV [--rounds 3] [--reports 40]
        [--out benchmarks/results/compare_versions.md]

REV (a commit, branch or tag) is checked out into a temporary git worktree; each round runs, in
a fresh process per version and in alternating order: geocoder lookups per second over distinct
names drawn from the gazetteer (a first pass on a freshly loaded index, then the best of three
warm passes), UCDP location descriptions with their dates, and ``extract_incidents`` on UCDP
headline + description texts (each text once: no memo answers a repeat). Then the reports of
``extract_speed_bench.py`` (20 real UCDP texts each; ``--reports`` of them, spread over the years):
each report in a fresh process per version, the versions in alternating order, for reports per
second with places new to the process and the fixed cost of a one-sentence call. Answers are
compared too: every geocoder point and incident, and every report's incidents column by column.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import cpu_name, publish
from extract_speed_bench import probe as report_probe
from extract_speed_bench import real_reports, summary

# Runs inside a fresh interpreter with the version's tree first on sys.path; prints one JSON line.
PROBE = r"""
import hashlib, json, random, sys, time
import pandas as pd, pyarrow.parquet as pq
root, shared = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
import geomap
assert geomap.__file__.startswith(root), geomap.__file__
places = pq.read_table(f"{root}/boundaries/gazetteer_places.parquet", columns=["name"])
names = sorted(set(places.column(0).to_pylist()))
queries = random.Random(5).sample(names, 20_000)
frame = pd.read_csv(f"{shared}/eval/ucdp_ged_ukraine_dev.csv")
rows = [(d, str(t), h) for d, t, h in zip(frame.where_description, frame.date, frame.headline.fillna(""))
        if isinstance(d, str)]
geomap.geocode("Kyiv")
def rate(items, call):  # per second of wall time and of the process's CPU time
    t, c = time.perf_counter(), time.process_time()
    out = [call(x) for x in items]
    return len(items) / (time.perf_counter() - t), len(items) / (time.process_time() - c), out
first, first_cpu, answers = rate(queries, geomap.geocode)
warm, warm_cpu = map(max, zip(*(rate(queries, geomap.geocode)[:2] for _ in range(3))))
described, described_cpu, found = rate(rows, lambda r: geomap.geocode(r[0], date=r[1]))
extracted, extracted_cpu, incidents = rate(
    rows[:800], lambda r: geomap.extract_incidents(r[2] + " " + r[0], published=r[1]))
key = [None if a is None else (round(a.latitude, 5), round(a.longitude, 5)) for a in answers + found]
key += [[(row.place_name, row.date) for row in f.itertuples()] for f in incidents]
print(json.dumps({"first": first, "warm": warm, "described": described, "extracted": extracted,
                  "first_cpu": first_cpu, "warm_cpu": warm_cpu, "described_cpu": described_cpu,
                  "extracted_cpu": extracted_cpu,
                  "answers": hashlib.sha1(json.dumps(key).encode()).hexdigest()}))
"""


def probe(tree: Path, shared: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, str(tree), str(shared)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the version to compare with (a git revision)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reports", type=int, default=40,
                        help="real reports timed, a fresh process each per version (0: none)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "compare_versions.md")
    args = parser.parse_args()
    base_rev = subprocess.run(["git", "rev-parse", "--short", args.base], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    head_rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.base], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            runs: dict[str, list[dict]] = {"base": [], "this": []}
            for k in range(args.rounds):
                order = [("base", base), ("this", ROOT)] if k % 2 == 0 else [("this", ROOT), ("base", base)]
                for name, tree in order:
                    runs[name].append(probe(tree, args.shared))
                    shown = {m: round(v) for m, v in runs[name][-1].items() if m != "answers"}
                    print(name, shown, flush=True)
            reports: dict[str, list[dict]] = {"base": [], "this": []}
            jobs = real_reports(args.shared)
            picked = jobs[::max(1, len(jobs) // args.reports)][:args.reports] if args.reports else []
            for k, job in enumerate(picked):
                order = [("base", base), ("this", ROOT)] if k % 2 == 0 else [("this", ROOT), ("base", base)]
                for name, tree in order:
                    reports[name].append(report_probe(tree, job))
                shown = {n: round(1000 * r[-1]["seconds"]) for n, r in reports.items()}
                print(f"report {k + 1}/{len(picked)}, ms", shown, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True)
    publish(args.out.name, report(runs, reports, base_rev, head_rev, args.rounds))


def report(runs: dict[str, list[dict]], reports: dict[str, list[dict]], base_rev: str, head_rev: str,
           rounds: int) -> list[str]:
    labels = [("first", "geocoder, distinct names, first pass (lookups/s)"),
              ("warm", "geocoder, same names again, best of 3 (lookups/s)"),
              ("described", "geocoder, UCDP descriptions with dates (lookups/s)"),
              ("extracted", "extract_incidents, UCDP texts, one call each (reports/s)")]
    lines = ["# Two versions side by side (`benchmarks/compare_versions.py`)", "",
             f"Base `{base_rev}` against this version (`{head_rev}` plus uncommitted changes), {rounds} "
             "rounds in alternating order, a fresh process per version and round; the median of the rounds.",
             "",
             "| measure | base | this version | change | base, CPU time | this version, CPU time | change |",
             "|---|---:|---:|---:|---:|---:|---:|"]

    def row(label: str, a: float, b: float, a_cpu: float, b_cpu: float, fmt: str) -> str:
        return (f"| {label} | {a:{fmt}} | {b:{fmt}} | {100 * (b / a - 1):+.1f} % | {a_cpu:{fmt}} | "
                f"{b_cpu:{fmt}} | {100 * (b_cpu / a_cpu - 1):+.1f} % |")

    def median(name: str, key: str) -> float:
        return sorted(r[key] for r in runs[name])[len(runs[name]) // 2]

    for key, label in labels:
        lines.append(row(label, median("base", key), median("this", key), median("base", f"{key}_cpu"),
                         median("this", f"{key}_cpu"), ",.0f"))
    n = len(reports["this"])
    if n:
        a, b = summary(reports["base"]), summary(reports["this"])
        lines.append(row(f"extract_incidents, {n} reports of 20 real UCDP texts, places new to the process "
                         "(reports/s)", a["rate"], b["rate"], a["cpu_rate"], b["cpu_rate"], ",.1f"))
        lines.append(row("fixed cost of one extract_incidents call on a one-sentence report (ms)",
                         a["fixed_ms"], b["fixed_ms"], a["fixed_cpu_ms"], b["fixed_cpu_ms"], ".2f"))
    same = len({r["answers"] for r in runs["base"] + runs["this"]}) == 1
    same_reports = sum(x["answers"] == y["answers"] for x, y in zip(reports["base"], reports["this"]))
    lines += ["", f"Answers (every geocoder point, every incident's place and date): "
                  f"{'identical' if same else 'DIFFERENT'} between the versions."]
    if n:
        lines += [f"Reports whose incidents are identical in every column (confidence to 6 places): "
                  f"{same_reports} of {n}."]
    lines += ["", "The reports: `benchmarks/extract_speed_bench.py` (each in a fresh process per version, "
                  "after a warm-up on other texts; the fixed cost is each process's best of 30 calls, "
                  "the median over the processes). "
                  "Other work on the shared machine makes the figures noisy, the wall times most (the "
                  "CPU time is the process's own); the alternating order spreads it over both versions.", "",
              f"Measured with Python {sys.version.split()[0]} on {cpu_name()}."]
    return lines


if __name__ == "__main__":
    main()
