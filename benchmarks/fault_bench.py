"""Fault benchmark: real-world fault classes run end to end through the ``geomap`` command line.

    python benchmarks/fault_bench.py [--geomap PATH] [--out benchmarks/results/fault_bench.md]
                                     [--eval ../shared/eval/ucdp_ged_ukraine_dev.csv] [--timeout 120]
                                     [--keep]

Each case builds its input in a temporary directory, runs one ``geomap`` subcommand as a child process
(``--geomap``, default: the ``geomap`` next to this Python) and records the exit code and whether it
printed a traceback, lost rows silently or destroyed an output file that existed before the run:

* traceback: "Traceback (most recent call last)" on stderr;
* silent loss: exit code 0 and no warning on stderr, but fewer output rows than usable input rows, rows
  marked ``unknown`` that should be known, or an output claimed written that was not;
* output damaged: a file written by an earlier good run changed after a run that failed while writing
  (writes made to fail with EFBIG through ``RLIMIT_FSIZE``);
* other: a problem outside those three (a private path in a map, markup in text fields, mojibake, a
  valid input refused, an unclear message), named in the note.

Only the command line is used, never ``geomap``'s modules, so the script measures any version of the
package. Cases that fail are the measurement: the script reports them and exits 0. Classes 1 (long
report) and 12 (Ctrl-C) read real report texts from the UCDP dev file at run time (``--eval``; class 1
is skipped without it, class 12 then uses invented reports); every other input is made here, in our
own words. Writes ``benchmarks/results/fault_bench.md`` (``--out``) and prints the same table. About
2-3 minutes; each run is stopped after ``--timeout`` seconds and reported as a timeout.

Classes: 1 a ~100 KB report; 2 mixed date formats for check; 3 an earlier output kept when a later
write fails; 4 unwritable -o (directory, read-only directory, /proc, /sys, /dev/full); 5 stdout closed
early (| head -1); 6 one bad coordinate row; 7 a feature without geometry; 8 a private directory in a
map; 9 cp1251 and UTF-16 input; 10 HTML markup; 11 empty, binary and blank files; 12 Ctrl-C.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import cpu_name  # the helpers only: geomap runs here as a command, not imported

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "fault_bench.md"
EVAL = ROOT.parent / "shared" / "eval" / "ucdp_ged_ukraine_dev.csv"
TRACEBACK = "Traceback (most recent call last)"
MOJIBAKE = re.compile("\ufffd|[\u00c0-\u00ff]{3}")  # replacement characters, or Cyrillic read as Latin-1
WARNING_WORDS = re.compile(r": (?:warning|error|note):|interrupted|not written|Traceback")
MARKUP = re.compile(r"<[a-z/!]|/>|\b(?:href|class|title|data-[a-z]+)\s*=|=\s*[\"']|&(?:[a-z]+|#\d+);", re.I)
# Real places for the inputs made here: name -> (latitude, longitude).
PLACES = {
    "Kyiv": (50.45, 30.52), "Kramatorsk": (48.72, 37.56), "Donetsk": (48.0, 37.8), "Kharkiv": (49.99, 36.23),
}
FRONT_TOWNS = ["Avdiivka", "Marinka", "Pisky", "Shchastia", "Popasna", "Stanytsia Luhanska",
               "Krasnohorivka", "Zolote", "Svitlodarsk", "Novoluhanske", "Shyrokyne", "Hnutove"]
POINT_COLUMNS = ["date", "latitude", "longitude", "note"]
WEAPONS = ["82 mm mortars", "120 mm mortars", "grenade launchers", "Grad rockets", "heavy artillery"]


@dataclass
class Run:
    """One geomap process: exit code (None when it timed out), its output and its wall time."""

    rc: int | None
    stdout: str
    stderr: str
    seconds: float

    @property
    def traceback(self) -> bool:
        return TRACEBACK in self.stderr

    @property
    def error_lines(self) -> list[str]:
        return [line.strip() for line in self.stderr.splitlines() if line.strip()]

    @property
    def warned(self) -> bool:
        """Whether a problem was said on stderr (a warning, a note, an error, an interruption);
        status lines ("wrote ...", counts), which go to stderr when stdout is a pipe, are not."""
        return any(WARNING_WORDS.search(line) for line in self.error_lines) or self.traceback

    @property
    def said(self) -> str:
        """All the process said: its data (stdout) and its status lines (stderr)."""
        return self.stdout + "\n" + self.stderr

    @property
    def last_line(self) -> str:
        lines = self.error_lines or [line.strip() for line in self.stdout.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    @property
    def clear_message(self) -> bool:
        """A failure told in geomap's own words: one or two "geomap ..." lines (the file's reason and
        the summary), no traceback."""
        lines = self.error_lines
        return 1 <= len(lines) <= 2 and all(line.startswith("geomap") for line in lines)

    @property
    def told(self) -> str:
        """What stderr says, for a note: the last line after a traceback, else every line."""
        lines = self.error_lines
        if not lines:
            return "(empty)"
        return lines[-1] if self.traceback else " / ".join(lines[:3]) + (" / …" if len(lines) > 3 else "")


@dataclass
class Result:
    """One row of the results table."""

    cls: str
    command: str
    rc: int | None
    traceback: bool
    loss: bool
    damaged: bool
    other: bool
    note: str
    skipped: bool = False

    @property
    def timed_out(self) -> bool:
        return self.rc is None and not self.skipped


def exit_text(rc: int | None) -> str:
    if rc is None:
        return "timeout"
    if rc < 0:
        return f"{rc} ({signal.Signals(-rc).name})"
    return str(rc)


def yes(flag: bool) -> str:
    return "**yes**" if flag else "no"


def cell(text: str, limit: int = 320) -> str:
    """Text fit for one Markdown table cell."""
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_rows(path: Path) -> list[dict] | None:
    """Rows of a CSV or GeoJSON output file (GeoJSON: feature properties); None if unreadable."""
    try:
        if path.suffix == ".csv":
            with open(path, newline="", encoding="utf-8") as fh:
                return list(csv.DictReader(fh))
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return [f.get("properties") or {} for f in features]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def text_values(rows: Sequence[dict]) -> list[str]:
    return [v for row in rows for v in row.values() if isinstance(v, str)]


def incident_count(run: Run) -> int | None:
    """The count in extract's summary line "N incidents in M reports" (None if absent)."""
    found = re.search(r"^(\d+) incidents in \d+ reports", run.said, re.M)
    return int(found.group(1)) if found else None


class Bench:
    """Runs geomap children in one temporary directory and collects the table's rows."""

    def __init__(self, geomap: str, tmp: Path, timeout: float, eval_csv: Path) -> None:
        self.geomap, self.tmp, self.timeout, self.eval_csv = geomap, tmp, timeout, eval_csv
        self.env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # no .pyc writes under RLIMIT_FSIZE
        self.env.pop("PYTHONUNBUFFERED", None)  # stdout buffered as usual (matters for class 5)
        self.results: list[Result] = []

    # inputs ------------------------------------------------------------------------------------------
    def path(self, name: str) -> Path:
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, name: str, data: str | bytes, encoding: str = "utf-8") -> Path:
        path = self.path(name)
        path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        return path

    def write_table(self, name: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
        path = self.path(name)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    # running -----------------------------------------------------------------------------------------
    def _spawn(self, args: Sequence[str], fsize: int | None, **kw) -> subprocess.Popen:
        def preexec() -> None:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # as in a terminal, even if ours is ignored
            if fsize is not None:  # a write past fsize bytes fails with EFBIG instead of killing
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

        return subprocess.Popen([self.geomap, *args], cwd=self.tmp, env=self.env, stdin=subprocess.DEVNULL,
                                preexec_fn=preexec, start_new_session=True, **kw)

    def run(self, args: Sequence[str], fsize: int | None = None, interrupt_after: float | None = None) -> Run:
        """Run ``geomap ARGS`` to its end or the timeout; ``interrupt_after`` sends SIGINT after so
        many seconds, ``fsize`` caps the size of any file the child writes."""
        start = time.perf_counter()
        proc = self._spawn(args, fsize, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, errors="replace")
        try:
            if interrupt_after is not None:
                try:
                    out, err = proc.communicate(timeout=interrupt_after)
                    return Run(proc.returncode, out, err, time.perf_counter() - start)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            return Run(None, out, err, time.perf_counter() - start)
        return Run(proc.returncode, out, err, time.perf_counter() - start)

    def run_into_head(self, args: Sequence[str]) -> Run:
        """``geomap ARGS | head -1``: the reader takes one line and closes the pipe."""
        start = time.perf_counter()
        with open(self.path("pipe.stderr"), "w+", encoding="utf-8", errors="replace") as err:
            proc = self._spawn(args, None, stdout=subprocess.PIPE, stderr=err)
            head = subprocess.Popen(["head", "-1"], stdin=proc.stdout, stdout=subprocess.PIPE, text=True)
            proc.stdout.close()  # only head holds the read end, as in a shell pipeline
            try:
                first, _ = head.communicate(timeout=self.timeout)
                rc = proc.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                head.kill()
                first, rc = "", None
                proc.wait()
            err.seek(0)
            return Run(rc, first, err.read(), time.perf_counter() - start)

    # recording ---------------------------------------------------------------------------------------
    def show(self, args: Sequence[str], tail: str = "") -> str:
        """The command as the table shows it: ``geomap`` and ``$T`` for the temporary directory."""
        words = ["geomap", *(a.replace(str(self.tmp), "$T") for a in args)]
        return " ".join(w if w and " " not in w else repr(w) for w in words) + tail

    def record(self, cls: str, command: str, run: Run, loss: bool = False, damaged: bool = False,
               other: bool = False, note: str = "") -> Result:
        if run.rc is None:  # what the case concluded from a killed run is not a finding
            note = f"timed out after {self.timeout:g} s; " + note
            loss = damaged = other = False
        elif run.rc != 0 or run.traceback:
            note = f"{note}; stderr: {run.told}" if note else f"stderr: {run.told}"
        note = note.replace(str(self.tmp), "$T")
        result = Result(cls, command, run.rc, run.traceback, loss, damaged, other, note)
        self.results.append(result)
        print(f"  [{run.seconds:5.1f} s] {command[:90]:<90} exit {exit_text(run.rc)}", file=sys.stderr)
        return result


# Inputs made here, in our own words -------------------------------------------------------------------
def synthetic_report(rng: random.Random) -> str:
    town, weapon = rng.choice(FRONT_TOWNS), rng.choice(WEAPONS)
    day, houses = rng.randint(1, 28), rng.randint(1, 9)
    return (f"Positions near {town} came under fire from {weapon} overnight, the press office said on "
            f"{day} February 2022. {houses} houses were damaged and one civilian was wounded, local "
            "officials added.")


def synthetic_collection(bench: Bench, name: str, n: int) -> Path:
    """A report collection (text, published) of ``n`` short invented reports at real front-line towns."""
    rng = random.Random(n)
    rows = [(synthetic_report(rng), "2022-02-18") for _ in range(n)]
    return bench.write_table(name, ["text", "published"], rows)


def points_csv(bench: Bench, name: str, dates: Sequence[str]) -> Path:
    """A ``date,latitude,longitude,note`` CSV with one point per date, cycling through PLACES."""
    places = list(PLACES.items())
    rows = [(d, *places[i % len(places)][1], f"point {i} at {places[i % len(places)][0]}")
            for i, d in enumerate(dates)]
    return bench.write_table(name, POINT_COLUMNS, rows)


def points_geojson(bench: Bench, name: str, null_geometry: bool = False) -> Path:
    """Invented incidents at PLACES on 2022-03-05; optionally one more feature without geometry."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                 "properties": {"date": "2022-03-05", "place_name": place, "event_type": "shelling"}}
                for place, (lat, lon) in PLACES.items()]
    if null_geometry:
        props = {"date": "2022-03-05", "place_name": "somewhere", "event_type": "shelling"}
        features.append({"type": "Feature", "geometry": None, "properties": props})
    return bench.write(name, json.dumps({"type": "FeatureCollection", "features": features}, indent=1))


REPORT_EN = ("On 17 February 2022 Russian-backed forces shelled Stanytsia Luhanska with 120 mm mortars, "
             "the press office of the Joint Forces Operation said. A kindergarten and two houses were "
             "damaged.\n\n"
             "Later that day grenade launchers were fired at Shchastia; nobody was hurt, officials added.\n")
REPORT_UK = ("Вранці 17 лютого 2022 року окупанти обстріляли Станицю Луганську з мінометів калібру 120 мм, "
             "повідомили в штабі ООС. Пошкоджено дитячий садок і два житлові будинки.\n\n"
             "Увечері того ж дня з гранатометів обстріляли Щастя, постраждалих немає.\n")
REPORT_RU = ("17 февраля 2022 года боевики обстреляли Станицу Луганскую из минометов, сообщили в штабе ООС. "
             "Повреждены детский сад и два жилых дома.\n\n"
             "Вечером того же дня из гранатометов был обстрелян поселок Счастье, пострадавших нет.\n")
NAMES_UK = ["Станиця Луганська", "Щастя", "Попасна", "Мар'їнка", "Красногорівка"]
HTML_REPORT = """<!DOCTYPE html>
<html><head><title>Evening summary</title>
<style>p > a { color: red; } section strong:after { content: "<b>"; }</style>
<script>var note = "<p>Kharkiv</p>"; if (a < b && c > d) { show(); }</script></head>
<body><section><strong>17 February 2022.</strong> Russian-backed forces shelled
<a href="x" data-n="0">Pisky</a> with 120 mm mortars, the press office said.</section>
<p title="a > b" class='lead'>Two shells hit a school in <span data-place="Stanytsia">Stanytsia
Luhanska</span>, officials added.</p>
<!-- <p>Kyiv was shelled with rockets.</p> -->
<p>Grad rockets struck <b
 class="place">Popasna</b> overnight &amp; houses burned.<br/></p>
</body></html>
"""


def html_as_text(html: str) -> str:
    """What a reader sees in HTML_REPORT (the plain-text reference), written out by hand."""
    return ("17 February 2022. Russian-backed forces shelled Pisky with 120 mm mortars, the press office "
            "said.\n\nTwo shells hit a school in Stanytsia Luhanska, officials added.\n\n"
            "Grad rockets struck Popasna overnight & houses burned.\n")


def ucdp_report(eval_csv: Path, limit: int, sep: str, headlines: bool = True) -> str:
    """About ``limit`` characters of real UCDP headlines and place descriptions (or descriptions
    only), the rows joined by ``sep``."""
    parts, size = [], 0
    with open(eval_csv, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            where = row["where_description"].strip()
            part = f"{row['headline'].strip()}. {where}." if headlines else where
            parts.append(part)
            size += len(part) + len(sep)
            if size >= limit:
                break
    return sep.join(parts)


# The cases --------------------------------------------------------------------------------------------
def class1_long_report(bench: Bench) -> None:
    cls = "1 long report"
    eval_csv = bench.eval_csv
    if not eval_csv.is_file():
        bench.results.append(Result(cls, "geomap extract (100 KB UCDP report)", None, False, False, False,
                                    False, f"skipped: {eval_csv} not found", skipped=True))
        return
    variants = [("headline + description paragraphs", "\n\n", True),
                ("headline + description, one line", " ", True),
                ("descriptions only, paragraphs", "\n\n", False)]
    for i, (label, sep, headlines) in enumerate(variants, 1):
        src = bench.write(f"long_{i}.txt", ucdp_report(eval_csv, 100_000, sep, headlines))
        out = src.with_suffix(".geojson")
        args = ["extract", str(src), "-o", str(out)]
        run = bench.run(args)
        count, rows = incident_count(run), read_rows(out)
        loss = run.rc == 0 and not run.warned and not rows
        note = (f"{src.stat().st_size // 1000} KB of real UCDP texts, {label}: "
                f"{count if count is not None else 'no'} incidents, "
                f"{len(rows) if rows is not None else 'no'} rows written")
        bench.record(cls, bench.show(args), run, loss=loss, note=note)


def check_dates(bench: Bench, name: str, label: str, dates: Sequence[str]) -> None:
    src = points_csv(bench, f"dates_{name}.csv", dates)
    out = bench.path(f"dates_{name}_out.csv")
    args = ["check", str(src), "-o", str(out)]
    run = bench.run(args)
    rows = read_rows(out) if run.rc == 0 else None
    if rows is None:
        bench.record("2 date formats", bench.show(args), run, note=f"{label}: no output rows read")
        return
    unreadable = [r["date"] for r in rows if r.get("control") == "unknown"]
    loss = (len(rows) < len(dates) or bool(unreadable)) and not run.warned
    reasons = sorted({r.get("control_reason", "") for r in rows if r.get("control") == "unknown"})
    note = (f"{label}: {len(rows)}/{len(dates)} rows back, {len(unreadable)} control unknown "
            f"({', '.join(reasons) or '-'}): {', '.join(unreadable) or 'none'}")
    bench.record("2 date formats", bench.show(args), run, loss=loss, note=note)


def class2_dates(bench: Bench) -> None:
    formats = ["2022-03-05T10:00:00Z", "2022-02-17", "17 February 2022", "2022/02/18"]
    check_dates(bench, "mixed", "mixed formats", formats)
    for i, value in enumerate(formats, 1):  # each alone: which format is unreadable by itself
        check_dates(bench, f"only{i}", f"only {value!r}", [value] * 4)


def overwrite_under_limit(bench: Bench, label: str, args: list[str], out: Path) -> None:
    """Write ``out`` with a good run, re-run with writes capped at half its size, compare bytes."""
    cls = "3 output kept on failure"
    good = bench.run(args)
    before = digest(out)
    if good.rc != 0 or before is None:
        bench.record(cls, bench.show(args), good, note=f"{label}: the first (good) run failed")
        return
    size = out.stat().st_size
    run = bench.run(args, fsize=max(1, size // 2))
    after = digest(out)
    damaged = after != before
    state = ("unchanged" if not damaged else "missing" if after is None
             else f"changed ({out.stat().st_size:,} of {size:,} bytes)")
    loss = run.rc == 0 and damaged and not run.warned
    note = f"{label}: previous {size:,}-byte file {state} after writes capped at {size // 2:,} bytes"
    bench.record(cls, bench.show(args, f"  (RLIMIT_FSIZE {size // 2:,})"), run, loss=loss,
                 damaged=damaged, note=note)


def class3_outputs_kept(bench: Bench) -> None:
    src = points_csv(bench, "keep_in.csv", ["2022-03-05"] * 40)
    for suffix in (".csv", ".geojson"):
        out = bench.path(f"keep_check{suffix}")
        overwrite_under_limit(bench, f"check -o {suffix}", ["check", str(src), "-o", str(out)], out)
    data = points_geojson(bench, "keep_points.geojson")
    out = bench.path("keep_map.html")
    overwrite_under_limit(bench, "map -o .html", ["map", str(data), "-o", str(out)], out)
    report = bench.write("keep_report.txt", REPORT_EN)
    out = bench.path("keep_extract.geojson")
    overwrite_under_limit(bench, "extract -o .geojson",
                          ["extract", str(report), "-o", str(out), "--published", "2022-02-17"], out)


def bad_targets(bench: Bench, suffix: str) -> list[tuple[str, Path]]:
    """Output paths that cannot be written (as root, the mode-555 directory still can)."""
    directory = bench.path(f"target_dir/out{suffix}")
    directory.mkdir(exist_ok=True)
    readonly = bench.tmp / "readonly"
    readonly.mkdir(exist_ok=True)
    readonly.chmod(0o555)
    return [("a directory", directory), ("file in a mode-555 directory", readonly / f"out{suffix}"),
            ("under /proc", Path(f"/proc/geomap-fault{suffix}")),
            ("under /sys", Path(f"/sys/geomap-fault{suffix}")), ("/dev/full", Path("/dev/full"))]


def class4_unwritable(bench: Bench) -> None:
    cls = "4 unwritable -o"
    commands: list[tuple[list[str], str]] = [  # (arguments but -o, the output's suffix)
        (["map", str(points_geojson(bench, "target_points.geojson"))], ".html"),
        (["layers", "--date", "2022-02-17"], ".html"),
        (["check", str(points_csv(bench, "target_points.csv", ["2022-03-05"] * 4))], ".csv"),
        (["extract", str(bench.write("target_report.txt", REPORT_EN)), "--published", "2022-02-17"],
         ".geojson"),
    ]
    for base, suffix in commands:
        for label, target in bad_targets(bench, suffix):
            args = [*base, "-o", str(target)]
            run = bench.run(args)
            written = target.is_file() and target.stat().st_size > 0
            if run.rc == 0:
                loss = not written and not run.warned
                note = f"{label}: exit 0, {'file written' if written else 'nothing written'}"
                other = False
            else:
                other = not run.traceback and (run.rc != 2 or not run.clear_message)
                note = f"{label}: " + ("clear message" if run.clear_message
                                       else f"{len(run.error_lines)} stderr lines")
                loss = False
            if written and target.parent.name == "readonly":
                note += " (root ignores the mode)"
                target.unlink()
            bench.record(cls, bench.show(args), run, loss=loss, other=other, note=note)


def class5_closed_pipe(bench: Bench) -> None:
    src = synthetic_collection(bench, "pipe_reports.csv", 400)
    out = bench.path("pipe_out.geojson")
    args = ["extract", str(src), "-o", str(out)]
    run = bench.run_into_head(args)
    written = out.is_file() and (read_rows(out) or []) != []
    note = (f"400 invented reports; head got {run.stdout.strip()[:40]!r}; "
            f"out.geojson {'written' if written else 'NOT written'}")
    bench.record("5 closed stdout", bench.show(args, " | head -1"), run,
                 loss=run.rc == 0 and not written, other=not written, note=note)


def class6_bad_rows(bench: Bench) -> None:
    for label, lat in [("nan latitude", "nan"), ("latitude 95", "95"), ("empty latitude", "")]:
        rows = [("2022-03-05", *coords, f"good row at {place}") for place, coords in PLACES.items()]
        rows.insert(2, ("2022-03-05", lat, "37.0", f"bad row: {label}"))
        src = bench.write_table(f"bad_{label.split()[0]}.csv", POINT_COLUMNS, rows)
        out = bench.path(f"bad_{label.split()[0]}_out.csv")
        args = ["check", str(src), "-o", str(out)]
        run = bench.run(args)
        back = read_rows(out) if run.rc == 0 else None
        if back is None:
            bench.record("6 one bad row", bench.show(args), run, other=not run.traceback,
                         note=f"{label}: the whole file refused, its {len(rows) - 1} good rows with it")
            continue
        bad = [r for r in back if r.get("note", "").startswith("bad row")]
        reason = (bad[0].get("control_reason") or "no reason") if bad else "row dropped"
        good = len(back) - len(bad)
        loss = good < len(rows) - 1 and not run.warned
        control = bad[0].get("control") if bad else "-"
        note = f"{label}: {len(back)}/{len(rows)} rows back; bad row: {reason}, control {control}"
        bench.record("6 one bad row", bench.show(args), run, loss=loss, other=not bad and not run.warned,
                     note=note)


def class7_null_geometry(bench: Bench) -> None:
    src = points_geojson(bench, "null_geometry.geojson", null_geometry=True)
    out = bench.path("null_geometry.html")
    args = ["map", str(src), "-o", str(out)]
    run = bench.run(args)
    found = re.search(r"\((\d+) incidents", run.said)
    mapped = int(found.group(1)) if found else None
    good = len(PLACES)
    if run.rc == 0 and mapped is not None:
        loss = mapped < good and not run.warned
        note = (f"summary counts {mapped} incidents for {good} features with geometry + 1 without; "
                f"{'a warning' if run.warned else 'no warning'} on stderr")
        bench.record("7 null geometry", bench.show(args), run, loss=loss, note=note)
    else:
        bench.record("7 null geometry", bench.show(args), run, other=not run.traceback,
                     note=f"no map: the {good} good features are lost with the one without geometry")
    out = bench.path("null_geometry_checked.geojson")
    args = ["check", str(src), "-o", str(out)]
    run = bench.run(args)
    rows = read_rows(out) if run.rc == 0 else None
    nulls = [r for r in rows or [] if r.get("place_name") == "somewhere"]
    note = (f"{len(rows)}/{good + 1} rows back; the one without geometry: "
            + (f"control {nulls[0].get('control')}, {nulls[0].get('control_reason') or 'no reason'}"
               if nulls else "dropped") if rows is not None else "no output")
    bench.record("7 null geometry", bench.show(args), run,
                 loss=rows is not None and len(rows) < good and not run.warned,
                 other=rows is None and not run.traceback, note=note)


def class8_private_path(bench: Bench) -> None:
    src = bench.write("home/alice/secret/report.txt", REPORT_EN)
    private = "alice/secret"
    out = bench.path("private.html")
    args = ["map", str(src), "-o", str(out), "--published", "2022-02-17"]
    run = bench.run(args)
    html = out.read_text(encoding="utf-8", errors="replace") if out.is_file() else ""
    leaked = private in html
    note = f"HTML {'contains' if leaked else 'does not contain'} the directory part {private!r}"
    bench.record("8 private path", bench.show(args), run, other=leaked, note=note)
    out = bench.path("private.geojson")
    args = ["extract", str(src), "-o", str(out), "--published", "2022-02-17"]
    run = bench.run(args)
    rows = read_rows(out) or []
    leaked = any(private in v for v in text_values(rows))
    note = (f"for comparison (not counted): {len(rows)} rows; text fields "
            f"{'contain' if leaked else 'do not contain'} {private!r} (the source column)")
    bench.record("8 private path", bench.show(args), run, note=note)


def extract_places(bench: Bench, src: Path) -> tuple[list[str], Run, list[dict]]:
    """``geomap extract SRC -o SRC.geojson``: the arguments, the run and the incidents written."""
    out = src.with_name(src.name + ".geojson")
    args = ["extract", str(src), "-o", str(out), "--published", "2022-02-17"]
    run = bench.run(args)
    return args, run, (read_rows(out) or []) if out.is_file() else []


def place_names(rows: Sequence[dict]) -> list[str]:
    return sorted(str(r.get("place_name")) for r in rows)


def class9_encodings(bench: Bench) -> None:
    cls = "9 encodings"
    text = REPORT_UK + "\n" + REPORT_RU
    ref = place_names(extract_places(bench, bench.write("enc_utf8.txt", text))[2])
    for label, encoding in [("cp1251", "cp1251"), ("UTF-16", "utf-16")]:
        args, run, rows = extract_places(bench, bench.write(f"enc_{encoding}.txt", text, encoding))
        places = place_names(rows)
        garbled = any(MOJIBAKE.search(v) for v in text_values(rows) + [run.stdout])
        loss = run.rc == 0 and len(places) < len(ref) and not run.warned
        refused = run.rc != 0 and not run.traceback
        note = (f"{label} report: {len(places)} incidents {places}; the same text in UTF-8: {len(ref)} "
                f"{ref}" + ("; mojibake in output" if garbled else "")
                + ("; a valid report refused" if refused else ""))
        bench.record(cls, bench.show(args), run, loss=loss, other=garbled or refused, note=note)
    found: dict[str, int | None] = {}
    for encoding in ("utf-8", "cp1251"):
        src = bench.write(f"names_{encoding}.txt", "\n".join(NAMES_UK) + "\n", encoding)
        args = ["geocode", "--file", str(src), "--date", "2022-02-17", "--json"]
        run = bench.run(args)
        try:
            found[encoding] = sum(bool(s.get("found")) for s in json.loads(run.stdout))
        except (ValueError, AttributeError):
            found[encoding] = None
    lost = found["utf-8"] is not None and (found["cp1251"] or 0) < found["utf-8"]
    note = (f"cp1251 name list: {found['cp1251']}/{len(NAMES_UK)} found, the same list in UTF-8: "
            f"{found['utf-8']}/{len(NAMES_UK)}")
    if lost:
        note += "; names read as mojibake, nothing said about the encoding"
    bench.record(cls, bench.show(args), run, loss=lost and run.rc == 0 and not run.warned, other=lost,
                 note=note)


def class10_html(bench: Bench) -> None:
    ref = set(place_names(extract_places(bench, bench.write("html_ref.txt", html_as_text(HTML_REPORT)))[2]))
    args, run, rows = extract_places(bench, bench.write("markup.html", HTML_REPORT))
    fragments = sorted({m.group(0) for v in text_values(rows) for m in MARKUP.finditer(v)})
    got = set(place_names(rows))
    missing, extra = sorted(ref - got), sorted(got - ref)
    loss = run.rc == 0 and bool(missing) and not run.warned
    note = (f"{len(rows)} incidents ({len(ref)} from the same text without markup); markup in text fields: "
            f"{' '.join(fragments) or 'none'}; missing places: {', '.join(missing) or 'none'}; "
            f"extra places: {', '.join(extra) or 'none'}")
    bench.record("10 HTML markup", bench.show(args), run, loss=loss, other=bool(fragments or extra),
                 note=note)


def class11_degenerate(bench: Bench) -> None:
    cls = "11 empty/binary input"
    contents = {"empty": b"", "binary": random.Random(11).randbytes(4096), "whitespace": b"  \n\t\n   \r\n\n"}
    for kind, data in contents.items():
        for command, suffix in [("extract", ".txt"), ("map", ".txt"), ("check", ".csv")]:
            src = bench.write(f"{kind}{suffix}", data)
            out = bench.path(f"{kind}_{command}_out" + (".html" if command == "map" else ".csv"))
            args = [command, str(src), "-o", str(out)]
            run = bench.run(args)
            said = run.warned or bool(run.said.strip())
            other = not run.traceback and ((run.rc != 0 and not run.clear_message)
                                           or (run.rc == 0 and kind == "binary") or not said)
            if run.rc == 0:
                note = f"{kind} {suffix}: exit 0, stdout: {run.last_line or '(nothing)'}"
            else:
                note = f"{kind} {suffix}: " + ("clear message" if run.clear_message
                                                else f"{len(run.error_lines)} stderr lines")
            bench.record(cls, bench.show(args), run, other=other, note=note)


def ucdp_collection(bench: Bench, name: str) -> Path:
    """Every UCDP dev row as one report (headline and place description; its date)."""
    with open(bench.eval_csv, newline="", encoding="utf-8") as fh:
        rows = [(f"{r['headline'].strip()}. {r['where_description'].strip()}.", r["date"])
                for r in csv.DictReader(fh)]
    return bench.write_table(name, ["text", "published"], rows)


def class12_interrupt(bench: Bench) -> None:
    """SIGINT after 1 s (start-up, gazetteer load) and after 4 s (extracting)."""
    if bench.eval_csv.is_file():
        src, what = ucdp_collection(bench, "interrupt_reports.csv"), "the UCDP dev rows as reports"
    else:  # invented reports repeat their places, so they take many more to last 4 s
        src, what = synthetic_collection(bench, "interrupt_reports.csv", 40_000), "40,000 invented reports"
    args = ["extract", str(src), "-o", str(bench.path("interrupt_out.geojson"))]
    for after in (1.0, 4.0):
        run = bench.run(args, interrupt_after=after)
        ended = ("finished before the interrupt" if run.seconds < after
                 else f"ended {run.seconds - after:.1f} s after it")
        note = f"{what}, SIGINT after {after:.0f} s; {ended}"
        bench.record("12 Ctrl-C", bench.show(args, f"  (SIGINT after {after:.0f} s)"), run, note=note)


CASES: list[Callable[[Bench], None]] = [
    class1_long_report, class2_dates, class3_outputs_kept, class4_unwritable, class5_closed_pipe,
    class6_bad_rows, class7_null_geometry, class8_private_path, class9_encodings, class10_html,
    class11_degenerate, class12_interrupt,
]


# The report -------------------------------------------------------------------------------------------
def table(results: Sequence[Result]) -> list[str]:
    lines = ["| class | command | exit | traceback | silent loss | output damaged | other | note |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        code = "skipped" if r.skipped else exit_text(r.rc)
        lines.append(f"| {r.cls} | `{cell(r.command, 160)}` | {code} | {yes(r.traceback)} | "
                     f"{yes(r.loss)} | {yes(r.damaged)} | {yes(r.other)} | {cell(r.note)} |")
    return lines


def totals(results: Sequence[Result]) -> str:
    timeouts = sum(r.timed_out for r in results)
    clean = sum(not (r.traceback or r.loss or r.damaged or r.other or r.rc is None) for r in results)
    counts = [sum(getattr(r, flag) for r in results) for flag in ("traceback", "loss", "damaged", "other")]
    return (f"tracebacks: {counts[0]}, silent losses: {counts[1]}, outputs damaged: {counts[2]}, "
            f"other problems: {counts[3]}, timeouts: {timeouts} ({clean} of {len(results)} cases clean)")


def geomap_version(geomap: str) -> str:
    try:
        done = subprocess.run([geomap, "--version"], capture_output=True, text=True, timeout=60)
        return done.stdout.strip() or done.stderr.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unknown ({exc})"


def report(results: Sequence[Result], geomap: str, seconds: float) -> str:
    user = "root" if os.geteuid() == 0 else "a normal user"
    head = [
        "# Fault benchmark: real-world fault classes through the `geomap` command line",
        "",
        f"`python benchmarks/fault_bench.py` on {geomap_version(geomap)}, "
        f"Python {platform.python_version()}, {cpu_name()}, run as {user}; {len(results)} cases in "
        f"{seconds:.0f} s. `$T` is the temporary directory the inputs are made in.",
        "",
        "Traceback: \"Traceback (most recent call last)\" on stderr. Silent loss: exit 0, nothing on "
        "stderr, but rows lost or marked unknown that should be known, or an output claimed written that "
        "was not. Output damaged: a file from an earlier good run changed after a run whose writes failed "
        "(RLIMIT_FSIZE, EFBIG). Other: a problem outside those (private path in a map, markup in text "
        "fields, mojibake, a valid input refused, an unclear message, an output not written).",
        "",
        f"**{totals(results)}**",
        "",
    ]
    return "\n".join(head + table(results)) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geomap", default=str(Path(sys.executable).parent / "geomap"),
                        help="geomap executable (default: the one next to this Python)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="Markdown file to write")
    parser.add_argument("--eval", type=Path, default=EVAL,
                        help="UCDP dev CSV (report texts of classes 1 and 12)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed to each geomap run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (printed)")
    args = parser.parse_args()
    if not shutil.which(args.geomap):
        parser.error(f"{args.geomap}: not an executable; give --geomap PATH")

    start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="geomap-faults-"))
    bench = Bench(args.geomap, tmp, args.timeout, args.eval)
    try:
        for case in CASES:
            case(bench)
    finally:
        if (tmp / "readonly").exists():
            (tmp / "readonly").chmod(0o755)
        if args.keep:
            print(f"inputs and outputs kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    text = report(bench.results, args.geomap, time.perf_counter() - start)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
