"""Report files and collections, and `geomap extract` on them: every format, bad input loses nothing."""
import json
import math
from pathlib import Path

import pytest

from geomap import cli
from geomap.extract.incidents import extract_reports
from geomap.io import incidents as incident_files
from geomap.io.reports import ReportFileError, read_reports

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "reports"

# -- report files and the command line -------------------------------------------------------------
def test_read_reports_collections(tmp_path):
    got = read_reports(EXAMPLES / "reports.csv")
    assert len(got.reports) == 3 and got.reports[0].published == "2022-02-16"
    js = tmp_path / "r.json"
    js.write_text(json.dumps([{"body": "Shelling hit Pisky.", "published": "2022-02-17"}]))
    assert read_reports(js).reports[0].text == "Shelling hit Pisky."
    batch = extract_reports([(r.text, r.published, r.source) for r in got.reports])
    assert len(batch) == 2 and set(batch.source) == {"example desk"}


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary\x00" * 100, "binary file"),
    (b'date,text\n"2022-02-17,never closed\n', "malformed CSV"),
    (b"date,headline_id\n2022-02-17,7\n", "no text column"),
])
def test_unusable_report_files(tmp_path, content, message):
    path = tmp_path / ("bad.csv" if b"date," in content else "bad.txt")
    path.write_bytes(content)
    with pytest.raises(ReportFileError, match=message):
        read_reports(path)


def test_cli_extract_writes_every_format(tmp_path, capsys):
    inputs = [str(EXAMPLES / "wire_copy.txt"), str(EXAMPLES / "reports.csv")]
    for suffix in (".geojson", ".gpkg", ".csv", ".parquet"):
        out = tmp_path / f"incidents{suffix}"
        assert cli.main(["extract", *inputs, "--published", "2023-04-14", "-o", str(out)]) == 0
        back = incident_files.read_incidents(out)
        assert len(back) == 4 and "Kramatorsk" in set(back.place_name)
    captured = capsys.readouterr()
    assert "4 incidents in 4 reports" in captured.err  # status lines leave stdout to the data
    assert captured.out.count("claimed by:") == 16  # four formats written, four incidents listed each


def test_cli_extract_bad_input_is_reported_and_loses_nothing(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Nothing happened anywhere today.")
    out = tmp_path / "out.geojson"
    code = cli.main(["extract", str(empty), str(EXAMPLES / "seed_like.txt"), "--published", "2022-02-17",
                     "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2 and "empty.txt: empty file" in captured.err
    assert len(incident_files.read_incidents(out)) == 2  # the good file was still extracted and written
    assert cli.main(["extract", str(quiet)]) == 0
    assert "0 incidents in 1 reports" in capsys.readouterr().err
    assert cli.main(["extract", str(empty)]) == 2
    assert "no usable report" in capsys.readouterr().err
    assert cli.main(["extract", str(quiet), "--published", "the day before"]) == 2


def test_cli_extract_twenty_megabytes_of_text(tmp_path, capsys):
    """A 20 MB file runs through (in parts) and gives the answers of its pieces."""
    piece = (EXAMPLES / "military_statement.txt").read_text() + "\n\n" + "filler words " * 300 + "\n\n"
    big = tmp_path / "big.txt"
    big.write_text(piece * math.ceil(20_000_000 / len(piece)))
    assert big.stat().st_size >= 20_000_000
    assert cli.main(["extract", str(big), "--published", "2023-03-06"]) == 0
    assert "4 incidents in 1 reports" in capsys.readouterr().err


def test_a_report_path_does_not_reach_the_published_map(tmp_path, capsys):
    private = tmp_path / "home" / "alice" / "drafts"
    private.mkdir(parents=True)
    report = private / "strike_notes.txt"
    report.write_text("Artillery shelled Avdiivka on 3 March, the regional governor said.", encoding="utf-8")
    out = tmp_path / "map.html"
    assert cli.main(["map", str(report), "--published", "2023-03-04", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "strike_notes.txt" in page and "alice" not in page and "drafts" not in page
