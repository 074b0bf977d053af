"""Native exports read by read_incidents: the samples in ../shared/data/imports (real files)."""
from pathlib import Path

import pandas as pd
import pytest

import geomap
from geomap import cli
from geomap.schema import EVENT_TYPES, IMPORTED_COLUMNS, PRECISIONS

IMPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "imports"
SAMPLES = {
    "acled": ("acled/acled_ukraine_sample_1000.csv.gz", 1000),
    "ucdp": ("ucdp/ucdp_ged231_ukraine_dev_ids.csv.gz", 1571),
    "cir": ("cir_monitor/cir_russia_ukraine_monitor_events.csv.gz", 40),
    "firms": ("firms/fire_nrt_SV-C2_400448.csv.gz", 42415),
    "bellingcat": ("bellingcat/ukr-civharm-2023-06-01.json.gz", 30),
}


@pytest.mark.parametrize("dataset", sorted(SAMPLES))
def test_each_export_is_read_into_geomaps_columns_with_every_row(dataset):
    path, rows = SAMPLES[dataset]
    frame = geomap.read_incidents(IMPORTS / path)
    assert len(frame) == rows and set(IMPORTED_COLUMNS) <= set(frame.columns)
    assert (frame.dataset == dataset).all() and frame.geometry.notna().all() and frame.date.notna().all()
    assert set(frame.precision) <= set(PRECISIONS)
    kinds = set(frame.event_type.dropna())
    assert kinds <= set(EVENT_TYPES) and (kinds or dataset == "firms")


def test_acled_codes_dates_and_fatalities():
    frame = geomap.read_incidents(IMPORTS / SAMPLES["acled"][0])
    clash = frame[frame.source_id == "UKR10558"].iloc[0]  # 09/10/2018, DD/MM/YYYY in this re-save
    assert (clash.date, clash.event_type, clash.place_text, clash.precision) == (
        "2018-10-09", "small_arms", "Stanytsia Luhanska", "settlement")
    assert frame.event_type.value_counts()["shelling"] == 660 and frame.killed.notna().all()


def test_bellingcat_timemap_export_reads_its_sibling_files(tmp_path):
    for part in ("events", "sources", "associations"):
        source = IMPORTS / "bellingcat" / f"timemap_export_{part}.json.gz"
        (tmp_path / f"export_{part}.json.gz").write_bytes(source.read_bytes())
    frame = geomap.read_incidents(tmp_path / "export_events.json.gz")
    first = frame[frame.source_id == "CIV0001"].iloc[0]
    assert len(frame) == 40 and first.area == "Residential" and first.source_url.startswith("https://")
    download = geomap.read_incidents(IMPORTS / SAMPLES["bellingcat"][0])
    cluster = download[download.weapons == "Cluster munitions"]  # the site's own name is kept
    assert len(cluster) == 5 and set(cluster.event_type) == {"rocket"}


def test_firms_detections_are_their_own_kind_and_checked(tmp_path):
    frame = geomap.read_incidents(IMPORTS / SAMPLES["firms"][0]).iloc[:2000]
    assert set(frame.record_kind) == {"fire_detection"} and frame.event_type.isna().all()
    checked = geomap.check(frame)
    known = ["government", "occupied_since_2022", "outside_ukraine", "occupied_since_2014"]
    assert checked.control.isin(known).mean() > 0.95


def test_geomap_map_reads_an_export_as_it_is(tmp_path, capsys):
    sample = pd.read_csv(IMPORTS / SAMPLES["acled"][0]).head(50)
    path = tmp_path / "acled.csv"
    sample.to_csv(path, index=False)
    assert cli.main(["map", str(path), "-o", str(tmp_path / "acled.html")]) == 0
    assert "(50 incidents" in capsys.readouterr().err
