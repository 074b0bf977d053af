"""Tables in: geocode_table on a 10,000-row sheet with repeats (rows per second, and answers equal
to geocode row by row), each importer on its sample (rows, mapped fields), and the worked
notebooks' run time.

Usage (from the project root)::

    python benchmarks/tables_bench.py [--shared ../shared]

The sheet's place names are real location descriptions of the UCDP development set (their dates
with them), drawn with repeats as a newsroom sheet repeats places; one run in a fresh process,
so no answer is remembered from before.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import EVAL, cpu_name, publish

import geomap
from geomap.schema import IMPORTED_COLUMNS

SAMPLES = {
    "ACLED": "acled/acled_ukraine_sample_1000.csv.gz", "UCDP GED": "ucdp/ucdp_ged231_ukraine_dev_ids.csv.gz",
    "Bellingcat (site download)": "bellingcat/ukr-civharm-2023-06-01.json.gz",
    "Bellingcat (TimeMap export)": "bellingcat/timemap_export_events.json.gz",
    "CIR monitor": "cir_monitor/cir_russia_ukraine_monitor_events.csv.gz",
    "NASA FIRMS": "firms/fire_nrt_SV-C2_400448.csv.gz",
}


def sheet(shared: Path, rows: int = 10_000) -> pd.DataFrame:
    frame = pd.read_csv(shared / EVAL).dropna(subset=["where_description"])
    picks = random.Random(3).choices(range(len(frame)), k=rows)
    return pd.DataFrame({"location": frame.where_description.to_numpy()[picks],
                         "date": frame.date.to_numpy()[picks]})


def geocoding(shared: Path) -> list[str]:
    table = sheet(shared)
    t0 = time.perf_counter()
    out = geomap.geocode_table(table, "location", date="date")
    seconds = time.perf_counter() - t0
    placed = int(out.geometry.notna().sum())
    distinct = table.drop_duplicates()
    same = 0
    for (name, day), row in zip(table.itertuples(index=False), out.itertuples()):
        one = geomap.geocode(name, date=day)
        point = None if row.geometry is None else (row.geometry.y, row.geometry.x)
        same += point == (None if one is None else (one.latitude, one.longitude))
    return ["## geocode_table", "",
            f"{len(table):,} rows ({len(distinct):,} distinct place and date pairs), UCDP location "
            "descriptions with their dates:", "",
            "| measure | value |", "|---|---:|",
            f"| rows per second (first run, fresh process) | {len(table) / seconds:,.0f} |",
            f"| rows placed | {placed:,} ({100 * placed / len(out):.1f} %) |",
            f"| rows equal to `geocode` row by row | {same:,} of {len(table):,} |", ""]


def importers(shared: Path) -> list[str]:
    lines = ["## Importers (`read_incidents` on the samples in `shared/data/imports`)", "",
             "| source | rows | with a geometry | with a date | event types | fields filled (of "
             f"{len(IMPORTED_COLUMNS)}) |", "|---|---:|---:|---:|---|---:|"]
    for name, path in SAMPLES.items():
        frame = geomap.read_incidents(shared / "data" / "imports" / path)
        counts = frame.event_type.value_counts().head(4)
        kinds = ", ".join(f"{k} {n}" for k, n in counts.items()) or "(detections)"
        filled = sum(frame[c].notna().any() for c in IMPORTED_COLUMNS)
        lines.append(f"| {name} | {len(frame):,} | {int(frame.geometry.notna().sum()):,} | "
                     f"{int(frame.date.notna().sum()):,} | {kinds} | {filled} |")
    return lines + [""]


def notebooks() -> list[str]:
    import nbclient
    import nbformat

    lines = ["## Worked notebooks (`examples/notebooks`, a fresh kernel each)", "", "| notebook | seconds |",
             "|---|---:|"]
    for path in sorted((ROOT / "examples" / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        lines.append(f"| `{path.name}` | {time.perf_counter() - t0:.1f} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    lines = ["# Tables, importers and notebooks (`benchmarks/tables_bench.py`)", "",
             *geocoding(args.shared), *importers(args.shared), *notebooks(),
             f"Measured with Python {sys.version.split()[0]} on {cpu_name()}."]
    publish("tables_bench.md", lines)


if __name__ == "__main__":
    main()
