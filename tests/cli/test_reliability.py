"""The command line under real-world trouble: unwritable outputs, closed pipes, Ctrl-C, bad rows."""

import subprocess
import sys
from pathlib import Path

import pytest

from geomap import cli
from geomap.io.incidents import read_incidents

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "reports"
GEOMAP = str(Path(sys.executable).parent / "geomap")


@pytest.mark.parametrize("command", [
    ["map", str(ROOT / "examples" / "incidents_demo.geojson")],
    ["layers", "--date", "2022-02-17"],
    ["check", str(ROOT / "examples" / "incidents_demo.geojson")],
    ["extract", str(EXAMPLES / "wire_copy.txt")],
])
@pytest.mark.parametrize("output", ["{tmp}", "/proc/geomap-out{suffix}", "/dev/full"])
def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path, capsys, command, output):
    suffix = ".html" if command[0] in ("map", "layers") else ".geojson"
    code = cli.main([*command, "-o", output.format(tmp=tmp_path, suffix=suffix)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"geomap {command[0]}: error:")


def test_a_closed_pipe_ends_quietly_after_the_file_is_written(tmp_path):
    out = tmp_path / "incidents.geojson"
    report = EXAMPLES / "wire_multi_incident.txt"
    shell = f"{GEOMAP} extract {report} --published 2023-04-14 -o {out} | head -c 1"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {shell}"], capture_output=True, text=True,
                          timeout=120)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert out.exists() and out.stat().st_size > 0


def test_ctrl_c_keeps_the_batches_done(tmp_path, capsys, monkeypatch):
    """Ctrl-C (simulated in the third batch) ends with exit 130 and writes the batches done."""
    from geomap.extract import incidents

    reports = tmp_path / "reports.csv"
    towns = ["Avdiivka", "Marinka", "Pisky", "Popasna", "Zolote", "Shchastia", "Toretsk", "Kurakhove"]
    rows = [f'"Shelling hit {towns[k % len(towns)]} on 3 March, officials said ({k}).",2023-03-04'
            for k in range(500)]
    reports.write_text("text,published\n" + "\n".join(rows) + "\n")
    real, calls = incidents.extract_reports, []

    def interrupted_in_the_third_batch(batch, *args, **kwargs):
        calls.append(len(batch))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(batch, *args, **kwargs)

    monkeypatch.setattr(incidents, "extract_reports", interrupted_in_the_third_batch)
    out = tmp_path / "out.geojson"
    assert cli.main(["extract", str(reports), "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert f"from {2 * calls[0]} of 500 reports written to {out}" in err
    assert len(read_incidents(out)) == 2 * calls[0]


def test_ctrl_c_while_listing_says_the_output_is_whole(tmp_path, capsys, monkeypatch):
    """Ctrl-C after the file is written, while the incidents are listed: exit 130, nothing lost."""
    from geomap.cli import extract

    real, lines = extract.listing_line, []

    def interrupted_on_the_second_line(row):
        lines.append(row)
        if len(lines) == 2:
            raise KeyboardInterrupt
        return real(row)

    monkeypatch.setattr(extract, "listing_line", interrupted_on_the_second_line)
    out = tmp_path / "out.geojson"
    report = EXAMPLES / "wire_multi_incident.txt"
    assert cli.main(["extract", str(report), "--published", "2023-04-14", "-o", str(out)]) == 130
    err = capsys.readouterr().err.splitlines()
    written = len(read_incidents(out))
    assert written > 2 and err[-1] == ("geomap extract: interrupted while listing the incidents: "
                                       f"all {written} incidents were written to {out}")


def test_ctrl_c_while_writing_keeps_the_file_there(tmp_path, capsys, monkeypatch):
    """Ctrl-C while the output is written: the file already there is left as it was, and said so."""
    from geomap.io import incidents

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "out.geojson"
    out.write_text("an earlier run's output")
    monkeypatch.setattr(incidents, "write_incidents", interrupted)
    report = EXAMPLES / "wire_multi_incident.txt"
    assert cli.main(["extract", str(report), "--published", "2023-04-14", "-o", str(out)]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"geomap extract: interrupted while writing {out}: not written (a file already there is "
        "unchanged); every report had been read (1)")
    assert out.read_text() == "an earlier run's output"


def test_one_bad_row_is_kept_with_a_reason(tmp_path, capsys):
    table = tmp_path / "points.csv"
    table.write_text("date,latitude,longitude\n2022-03-05,48.6,37.8\n2022-03-05,north,37.8\n"
                     "2022-03-05,95,37.8\n2022-03-05,48.7,37.9\n")
    out = tmp_path / "checked.csv"
    assert cli.main(["check", str(table), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "not numbers (line 3)" in err
    import pandas as pd

    checked = pd.read_csv(out)
    assert len(checked) == 4
    assert checked.control_reason.fillna("").tolist()[1:3] == [
        "no geometry", "impossible coordinates (longitude must be -180..180, latitude -90..90)"]


def test_reports_in_legacy_encodings_are_read(tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_bytes("Попасна\nЩастя\n".encode("cp1251"))
    assert cli.main(["geocode", "--file", str(names)]) == 0
    out = capsys.readouterr().out
    assert "-> Popasna, " in out and "-> Shchastia, " in out
    for encoding in ("cp1251", "utf-16"):
        report = tmp_path / f"report-{encoding}.txt"
        text = "Shelling hit Popasna on 3 March, officials said. Обстріл тривав."
        report.write_bytes(text.encode(encoding))
        assert cli.main(["extract", str(report), "--published", "2023-03-04"]) == 0
        assert "Popasna" in capsys.readouterr().out


def test_min_confidence_leaves_unsure_incidents_out_and_says_so(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text("Shelling hit Avdiivka on 3 March, officials said. Drones struck Kharkiv overnight.")
    every, sure = tmp_path / "every.csv", tmp_path / "sure.csv"
    assert cli.main(["extract", str(report), "--published", "2023-03-04", "-o", str(every)]) == 0
    least = read_incidents(every).confidence.min()
    assert cli.main(["extract", str(report), "--published", "2023-03-04", "-o", str(sure),
                     "--min-confidence", f"{least + 0.0005:.4f}"]) == 0
    assert len(read_incidents(sure)) == len(read_incidents(every)) - 1
    assert "1 of 2 incidents left out (place confidence under" in capsys.readouterr().err
