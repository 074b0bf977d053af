"""Measure the extractor on reports in Ukrainian and Russian, and their speed beside English.

Usage (from the project root)::

    python benchmarks/extract_uk_ru_eval.py [--out benchmarks/results/extract_uk_ru.md]

Accuracy: the hand-written, labelled reports of ``benchmarks/data/reports_uk.txt`` and
``reports_ru.txt`` (bulletins, Telegram-style posts, wire items and reports without any attack; our
own words around real place names). An expected site is found when an incident's ``place_name`` is
the expected gazetteer name (compared by the geocoder's loose key, so "Kryvyy Rih" is "Kryvyi
Rih"). Reported per language: site recall, precision (incidents at an expected site / incidents, in
the reports with attacks), event type and casualties (killed and injured both right, "not stated"
included) of the sites found, and reports without attacks that gave an incident.

Speed: processor time (the machine is shared: wall time counts the other jobs too), each language
and corpus in its own fresh process (single core), the median of ROUNDS rounds taking turns, read
after the same English warm-up report (:data:`WARM_UP`) and one unrelated sentence that loads the
dictionaries (reported apart): the real news articles of each language in the development set
``../shared/eval/news_dev.jsonl`` (read at run time: third-party text, never stored in the project),
and our own reports joined into texts of about 3 KB. English news is the yardstick.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import cpu_name  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
LANGUAGES = ("uk", "ru")
TEXT_BYTES = 3_000
NEWS = ROOT.parent / "shared" / "eval" / "news_dev.jsonl"
SPEED_RUNS = (("en", "news"), ("uk", "news"), ("ru", "news"), ("uk", "own"), ("ru", "own"))
ROUNDS = 3  # fresh processes per language, taking turns: the median is reported
# Read first in every process, untimed: it loads the gazetteer and layers and builds the tables made
# once per process (the raion cells of current and former raions, the projection of an oblast
# incident's occupied share), which would otherwise be charged to whichever language needs them first.
WARM_UP = ("Shelling hit Pisky in Pokrovsk Raion. Artillery struck Krasnohorivka in Marinka Raion. "
           "Drones attacked Sumy Oblast.")


def read_reports(language: str) -> list[dict]:
    """The labelled reports of one language: id, published, kind, text, expected sites."""
    reports: list[dict] = []
    for line in (DATA / f"reports_{language}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            rid, published, kind = (p.strip() for p in line[3:].split("|"))
            reports.append({"id": rid, "published": published, "kind": kind, "text": [], "sites": []})
        elif line.startswith("=> "):
            if line.strip() != "=> none":
                place, etype, killed, injured = (p.strip() for p in line[3:].split("|"))
                reports[-1]["sites"].append({"place": place, "type": etype,
                                             "killed": None if killed == "-" else int(killed),
                                             "injured": None if injured == "-" else int(injured)})
        elif line.strip() and reports:
            reports[-1]["text"].append(line)
    for r in reports:
        r["text"] = "\n".join(r["text"])
    return reports


def _value(v: object) -> int | None:
    import pandas as pd

    return None if pd.isna(v) else int(v)


def score(language: str) -> dict[str, float]:
    from geomap.extract.incidents import extract_incidents
    from geomap.geocoding.names import loose_key, name_key

    def same(a: str, b: str) -> bool:
        return loose_key(name_key(a)) == loose_key(name_key(b))

    expected = found = typed = counted = incidents = right = negatives = negatives_hit = 0
    misses: list[str] = []
    for r in read_reports(language):
        frame = extract_incidents(r["text"], r["published"])
        if not r["sites"]:
            negatives += 1
            negatives_hit += not frame.empty
            if not frame.empty:
                got = ", ".join(frame.place_name)
                misses.append(f"{r['id']}: incident in a report without attacks ({got})")
            continue
        incidents += len(frame)
        right += sum(any(same(p, s["place"]) for s in r["sites"]) for p in frame.place_name)
        for s in r["sites"]:
            expected += 1
            rows = frame[[same(p, s["place"]) for p in frame.place_name]]
            if rows.empty:
                got = ", ".join(frame.place_name) or "nothing"
                misses.append(f"{r['id']}: {s['place']} not found (got {got})")
                continue
            row = rows.iloc[0]
            found += 1
            typed += row.event_type == s["type"]
            if row.event_type != s["type"]:
                misses.append(f"{r['id']}: {s['place']} type {row.event_type}, expected {s['type']}")
            casualties = (_value(row.killed), _value(row.injured))
            counted += casualties == (s["killed"], s["injured"])
            if casualties != (s["killed"], s["injured"]):
                misses.append(f"{r['id']}: {s['place']} casualties {casualties}, expected "
                              f"{(s['killed'], s['injured'])}")
    return {"reports": len(read_reports(language)), "sites": expected, "recall": found / expected,
            "precision": right / max(incidents, 1), "event_type": typed / max(found, 1),
            "casualties": counted / max(found, 1), "negatives": negatives, "negatives_hit": negatives_hit,
            "misses": misses}


def _texts(language: str, corpus: str) -> list[str]:
    """The texts timed: the real news articles of a language in the development set (read at run
    time, never stored here), or our own reports joined into texts of about TEXT_BYTES bytes."""
    if corpus == "news":
        lines = NEWS.read_text(encoding="utf-8").splitlines()
        articles = [json.loads(line) for line in lines if line.strip()]
        return [a["text"] for a in articles if a.get("language") == language]
    texts, current = [], ""
    for r in read_reports(language):
        current = f"{current}\n\n{r['text']}" if current else r["text"]
        if len(current.encode()) >= TEXT_BYTES:
            texts.append(current)
            current = ""
    return texts + ([current] if current else [])


def speed_in_process(language: str, corpus: str) -> dict[str, float]:
    """Run in a fresh process: seconds to load the dictionaries, then ms per 1,000 characters."""
    from geomap.extract.incidents import extract_incidents

    extract_incidents(WARM_UP, "2024-03-12")
    start = time.process_time()
    if language != "en":
        warm = {"uk": "Вчора було тихо.", "ru": "Вчера было тихо."}[language]
        extract_incidents(warm, "2024-03-12")
    load = time.process_time() - start
    texts = _texts(language, corpus)
    # Per character, not per byte: a Cyrillic letter is two bytes of UTF-8, a Latin one one.
    size = sum(map(len, texts))
    start = time.process_time()
    for t in texts:
        extract_incidents(t, "2024-03-12")
    seconds = time.process_time() - start
    return {"load_s": load, "ms_per_kchar": 1000 * seconds / (size / 1000), "kchars": size / 1000,
            "texts": len(texts)}


def speed(language: str, corpus: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--speed-of", f"{language}:{corpus}"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def speeds() -> dict[tuple[str, str], dict[str, float]]:
    """Per (language, corpus), the run of median speed of ROUNDS rounds, all taking turns."""
    runs: dict[tuple[str, str], list[dict[str, float]]] = {run: [] for run in SPEED_RUNS}
    for _ in range(ROUNDS):
        for (lang, corpus), found in runs.items():
            found.append(speed(lang, corpus))
    return {run: sorted(found, key=lambda r: r["ms_per_kchar"])[ROUNDS // 2] for run, found in runs.items()}


def report() -> str:
    scores = {lang: score(lang) for lang in LANGUAGES}
    measured = speeds()
    lines = [
        f"Extraction of reports in Ukrainian and Russian (`benchmarks/extract_uk_ru_eval.py`; {cpu_name()}).",
        "",
        "Hand-written labelled reports (`benchmarks/data/reports_uk.txt`, `reports_ru.txt`): bulletins, "
        "Telegram-style posts, wire items and reports without attacks.",
        "",
        "| language | reports | expected sites | site recall | precision | event type | casualties "
        "| reports without attacks with an incident |",
        "|---|---|---|---|---|---|---|---|",
    ]
    names = {"uk": "Ukrainian", "ru": "Russian"}
    for lang, s in scores.items():
        lines.append(f"| {names[lang]} | {s['reports']} | {s['sites']} | {s['recall']:.1%} "
                     f"| {s['precision']:.1%} | {s['event_type']:.1%} | {s['casualties']:.1%} "
                     f"| {s['negatives_hit']} of {s['negatives']} |")
    lines += [
        "",
        "Speed: processor time per 1,000 characters of text, each in a fresh process after the same "
        f"warm-up, the median of {ROUNDS} rounds taking turns in one run: the real news articles of "
        "each language in `eval/news_dev.jsonl` (read at run time), and our own reports joined into "
        "texts of about 3 KB. × English: against the English news articles. The machine is shared with "
        "other jobs.",
        "",
        "| texts | language | count | thousand characters | ms per 1,000 characters | × English "
        "| dictionary load (s, once per process) |",
        "|---|---|---|---|---|---|---|",
    ]
    english = measured[("en", "news")]["ms_per_kchar"]
    corpora = {"news": "real news articles", "own": "our own reports"}
    for (lang, corpus), s in measured.items():
        label = {"en": "English", **names}[lang]
        load = f"{s['load_s']:.2f}" if lang != "en" else "-"
        lines.append(f"| {corpora[corpus]} | {label} | {s['texts']} | {s['kchars']:.1f} "
                     f"| {s['ms_per_kchar']:.1f} | {s['ms_per_kchar'] / english:.2f} | {load} |")
    misses = [m for s in scores.values() for m in s["misses"]]
    if misses:
        lines += ["", "Misses:", "", *(f"- {m}" for m in misses)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="benchmarks/results/extract_uk_ru.md")
    parser.add_argument("--speed-of", choices=[f"{lang}:{corpus}" for lang, corpus in SPEED_RUNS],
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_of:
        print(json.dumps(speed_in_process(*args.speed_of.split(":"))))
        return
    text = report()
    print(text)
    Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
