"""Sheets of place names on the command line: geocode --table, and check and map on such a sheet."""
import pandas as pd
import pytest

from geomap import cli
from geomap.io.incidents import read_incidents


def _sheet(tmp_path, name="sheet.csv"):
    frame = pd.DataFrame({"Date": ["2023-03-01", "2023-03-02", "2023-03-02", "17 February 2022"],
                          "Location": ["Avdiivka", "Pisky, Donetsk region", None, "Попасна"],
                          "Note": ["shelling", "mortars", "blank place", "written date"]})
    path = tmp_path / name
    if name.endswith(".xlsx"):
        with pd.ExcelWriter(path) as book:
            pd.DataFrame({"x": [1]}).to_excel(book, sheet_name="About", index=False)
            frame.to_excel(book, sheet_name="Strikes", index=False)
    else:
        frame.to_csv(path, index=False, sep="\t" if name.endswith(".tsv") else ",")
    return path


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.tsv", "sheet.xlsx"])
def test_geocode_table_writes_every_row(tmp_path, capsys, name):
    out = tmp_path / "out.gpkg"
    assert cli.main(["geocode", "--table", str(_sheet(tmp_path, name)), "--date-column", "Date",
                     "-o", str(out)]) == 0
    back = read_incidents(out)
    assert back.Note.tolist() == ["shelling", "mortars", "blank place", "written date"]
    assert back.place_name.tolist()[3] == "Popasna" and back.geometry.isna().sum() == 1
    assert "geocoded column 'Location' with dates from 'Date': 3 of 4 rows placed" in capsys.readouterr().err


def test_check_and_map_find_the_place_column_themselves(tmp_path, capsys):
    sheet = _sheet(tmp_path)
    checked = tmp_path / "checked.csv"
    assert cli.main(["check", str(sheet), "--date-column", "Date", "-o", str(checked)]) == 0
    rows = pd.read_csv(checked)
    assert len(rows) == 4 and rows.control.tolist()[0] == "government"
    assert cli.main(["map", str(sheet), "-o", str(tmp_path / "m.html")]) == 0
    assert "3 of 4 rows placed" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    ("day,comment\n2023-01-01,nothing\n", "no coordinates and no place column"),
    ("location\nNATO\nZelensky\n", "no row of column 'location' could be placed"),
])
def test_a_sheet_with_nothing_to_place_is_one_line_and_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("error:") == 1 and "Traceback" not in err
