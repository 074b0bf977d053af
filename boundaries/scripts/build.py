"""Build geomap's embedded boundary and control layers from ``../shared/data``.

Run from the project root (``make boundaries``)::

    python boundaries/scripts/build.py --shared ../shared

Writes compact GeoParquet files next to this script (they are committed and packaged as
``geomap.boundaries``) plus ``VALIDATION.md``. Every transformation is documented in
``SOURCES.md``; the rules that pick snapshots are in this file, not in hand lists of dates.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

HERE = Path(__file__).resolve().parent.parent  # boundaries/: the scripts write the data beside them
sys.path.insert(0, str(HERE.parent))  # run as a script from a source tree

from geomap.spatial.crs import AREA_CRS, LENGTH_CRS, REPORT_AREA_CRS  # noqa: E402

# --- dates that frame the reconciled series -----------------------------------------------
CRIMEA_START = dt.date(2014, 2, 27)  # armed seizure of Crimea's parliament
DONBAS_START = dt.date(2014, 4, 7)  # "DPR" proclaimed in the seized Donetsk administration
DONBAS_EXACT = dt.date(2015, 2, 18)  # fall of Debaltseve: the 2015-2022 line is set

# --- rules --------------------------------------------------------------------------------
PRE2022_MIN_LON = 37.0  # the 2022-02-24 snapshot's parts east of this are the pre-2022 areas
BORDER_MARGIN_M = 2000  # boundary parts this close to the state border or coast are not a line
MIN_LINE_PART_M = 500  # shorter leftovers of that cut are noise, not a front
GLITCH_SHARE = 0.05  # a snapshot whose land area jumps by more than 5 % ...
GLITCH_REVERT_SHARE = 0.01  # ... and comes back within 1 % of the level before ...
GLITCH_MAX_RUN = 7  # ... within 7 snapshots is a scrape glitch and is dropped
OUTLIER_KM2 = 1000  # day-over-day changes listed in the validation report
ZSTD_LEVEL = 19  # consecutive snapshots share most vertices: zstd's long matches pay off

LIVEUAMAP = "data/control/liveuamap_nzz_occupied_2022-2026.parquet"
DEEPSTATE = "data/control/deepstate_occupied_2024-2026.parquet"
ADM1 = "data/admin/geoBoundaries-UKR-ADM1.geojson"
LAND = "data/physical/ne_10m_land_ukraine_region.geojson"
RIVERS = "data/physical/ne_10m_rivers_ukraine_region.geojson"
KATOTTG = "data/gazetteer/UA_katottg2024_settlements_geonames.tsv.gz"

# Spelling of oblast names: the 2010 national transliteration, as in the oblast centres' names.
NAME_FIXES = {"Odessa Oblast": "Odesa Oblast", "Zaporizhia Oblast": "Zaporizhzhia Oblast"}
# KATOTTG writes oblasts as adjectives; cities with special status and Crimea are nouns.
UK_NOUNS = {"Київ", "Севастополь", "Автономна Республіка Крим"}


def write(frame: gpd.GeoDataFrame, name: str) -> Path:
    path = HERE / name
    frame.to_parquet(path, compression="zstd", compression_level=ZSTD_LEVEL, index=False)
    return path


def area_km2(geoms, crs=AREA_CRS) -> np.ndarray:
    return gpd.GeoSeries(geoms, crs=4326).to_crs(crs).area.to_numpy() / 1e6


def polygons_only(geom):
    """Keep the polygonal part of a geometry (unions can leave slivers of lines or points)."""
    parts = shapely.get_parts(geom)
    polys = parts[np.isin(shapely.get_type_id(parts), [3, 6])]
    return shapely.union_all(polys) if len(polys) else shapely.MultiPolygon()


def as_multi(geom, kind):
    """Store every row with one geometry type (GeoParquet readers like homogeneous columns)."""
    if geom.is_empty:
        return kind()
    return geom if geom.geom_type.startswith("Multi") else kind([geom])


# --- oblasts, land, rivers ----------------------------------------------------------------
def build_oblasts(shared: Path, land) -> gpd.GeoDataFrame:
    adm = gpd.read_file(shared / ADM1)[["shapeName", "shapeISO", "geometry"]]
    adm["geometry"] = shapely.make_valid(adm.geometry.values)
    settlements = pd.read_csv(shared / KATOTTG, sep="\t", dtype=str).dropna(subset=["latitude"])
    points = gpd.GeoDataFrame(
        settlements[["oblast_uk", "geonames_admin1"]],
        geometry=gpd.points_from_xy(settlements.longitude.astype(float), settlements.latitude.astype(float)),
        crs=4326,
    )
    # The ISO <-> GeoNames admin1 <-> Ukrainian name table is derived, not typed: each
    # polygon takes the codes most of the register's settlements inside it carry.
    joined = gpd.sjoin(points, adm, predicate="within")
    majority = joined.groupby("shapeISO")[["geonames_admin1", "oblast_uk"]].agg(
        lambda s: s.value_counts().index[0])
    out = adm.join(majority, on="shapeISO")
    out["name_uk"] = [n if n in UK_NOUNS else f"{n} область" for n in out.oblast_uk]
    out["name_en"] = out.shapeName.replace(NAME_FIXES)
    out = out.rename(columns={"shapeISO": "iso"})
    out["land_geometry"] = gpd.GeoSeries(shapely.intersection(out.geometry.values, land), crs=4326)
    out = out[["iso", "name_en", "name_uk", "geonames_admin1", "geometry", "land_geometry"]]
    return gpd.GeoDataFrame(out.sort_values("iso").reset_index(drop=True), geometry="geometry", crs=4326)


def build_land(shared: Path, ukraine) -> gpd.GeoDataFrame:
    land = gpd.read_file(shared / LAND).union_all()
    return gpd.GeoDataFrame(
        {"name": ["land", "ukraine_land"]},
        geometry=[land, ukraine.intersection(land)],
        crs=4326,
    )


def build_rivers(shared: Path) -> gpd.GeoDataFrame:
    rivers = gpd.read_file(shared / RIVERS)
    rivers = rivers.dissolve(by="name_en", as_index=False)[["name_en", "scalerank", "geometry"]]
    return rivers.rename(columns={"name_en": "name"}).reset_index(drop=True)


# --- the fixed areas of 2014 --------------------------------------------------------------
def pre2022_areas(liveuamap: gpd.GeoDataFrame, oblasts: gpd.GeoDataFrame) -> dict[str, object]:
    """Split the first full-scale-invasion snapshot: its eastern parts are the 2015-2022 areas."""
    first = liveuamap.geometry.iloc[0]
    parts = shapely.get_parts(first)
    east = shapely.union_all(parts[shapely.get_x(shapely.point_on_surface(parts)) > PRE2022_MIN_LON])
    by_iso = oblasts.set_index("iso").geometry
    return {
        "donetsk_pre2022": polygons_only(east.intersection(by_iso["UA-14"])),
        "luhansk_pre2022": polygons_only(east.intersection(by_iso["UA-09"])),
    }


def build_occupied_2014(liveuamap, oblasts) -> gpd.GeoDataFrame:
    by_iso = oblasts.set_index("iso").geometry
    areas = {"crimea": by_iso["UA-43"], "sevastopol": by_iso["UA-40"], **pre2022_areas(liveuamap, oblasts)}
    since = {"crimea": CRIMEA_START, "sevastopol": CRIMEA_START}
    return gpd.GeoDataFrame(
        {"name": list(areas), "since": [since.get(k, DONBAS_START) for k in areas]},
        geometry=[as_multi(g, shapely.MultiPolygon) for g in areas.values()],
        crs=4326,
    )


# --- contact lines ------------------------------------------------------------------------
def interior_zone(ukraine_land):
    """Ukraine's land shrunk by BORDER_MARGIN_M: occupied-area edges inside it are lines of contact."""
    metric = gpd.GeoSeries([ukraine_land], crs=4326).to_crs(LENGTH_CRS)
    zone = metric.buffer(-BORDER_MARGIN_M).simplify(100).to_crs(4326).iloc[0]
    shapely.prepare(zone)
    return zone


def line_parts(geom) -> np.ndarray:
    """The LineStrings inside any geometry (intersections mix lines, points and collections)."""
    parts = shapely.get_parts(shapely.get_parts(geom))
    return parts[shapely.get_type_id(parts) == 1]


def line_of(area, zone) -> shapely.MultiLineString:
    """The edge of ``area`` inside ``zone``, merged, with short leftovers of the cut removed."""
    if area.is_empty:
        return shapely.MultiLineString()
    parts = line_parts(shapely.line_merge(shapely.MultiLineString(
        list(line_parts(shapely.intersection(shapely.boundary(area), zone))))))
    if len(parts):
        lengths = gpd.GeoSeries(parts, crs=4326).to_crs(LENGTH_CRS).length.to_numpy()
        parts = parts[lengths >= MIN_LINE_PART_M]
    return shapely.MultiLineString(list(parts))


# --- the reconciled series ----------------------------------------------------------------
def find_glitches(dates: list[dt.date], areas: np.ndarray) -> tuple[np.ndarray, list[dict]]:
    """Mask of snapshots to keep: drop short runs whose area jumps away and then comes back.

    A run starting at i is a glitch when its first area differs from the last kept area by
    more than GLITCH_SHARE and, within GLITCH_MAX_RUN snapshots, the series returns to within
    GLITCH_REVERT_SHARE of that level. Real front changes do not come back within a week.
    """
    keep = np.ones(len(areas), bool)
    notes = []
    last, i = 0, 1
    while i < len(areas):
        ref = areas[last]
        back = None
        if abs(areas[i] - ref) > GLITCH_SHARE * ref:
            stop = min(i + GLITCH_MAX_RUN + 1, len(areas))
            back = next((j for j in range(i + 1, stop)
                         if abs(areas[j] - ref) <= GLITCH_REVERT_SHARE * ref), None)
        if back is None:
            last, i = i, i + 1
            continue
        keep[i:back] = False
        notes.append({"first": dates[i], "last": dates[back - 1], "snapshots": back - i,
                      "before": ref, "during": float(areas[i:back].min()), "after": float(areas[back])})
        last, i = back, back + 1
    return keep, notes


def control_frame(rows: list[dict], zone) -> gpd.GeoDataFrame:
    """Rows of (date, quality, basis, area[, front_area, abl_area]) -> the stored series.

    ``front_area`` is the part of the occupied area whose edge is a front; before 2022 the
    edge of Crimea is an administrative boundary line (``abl_area``) and is labelled as such.
    """
    frame = gpd.GeoDataFrame(
        {"date": [r["date"] for r in rows], "quality": [r["quality"] for r in rows],
         "basis": [r["basis"] for r in rows]},
        geometry=[as_multi(r["area"], shapely.MultiPolygon) for r in rows],
        crs=4326,
    )
    frame["front"] = gpd.GeoSeries([line_of(r.get("front_area", r["area"]), zone) for r in rows], crs=4326)
    frame["abl"] = gpd.GeoSeries([line_of(r.get("abl_area", shapely.Polygon()), zone) for r in rows],
                                 crs=4326)
    return frame


def land_areas(geoms, ukraine_land) -> tuple[np.ndarray, np.ndarray]:
    """Land areas in km² (equal-area CRS, and EPSG:6381 for comparison with stated figures)."""
    on_land = shapely.intersection(np.asarray(geoms), ukraine_land)
    return area_km2(on_land, AREA_CRS), area_km2(on_land, REPORT_AREA_CRS)


def liveuamap_rows(raw: gpd.GeoDataFrame, fixed: gpd.GeoDataFrame) -> list[dict]:
    """Crimea from 2014, the pre-2022 Donbas areas from April 2014, then liveuamap ∪ both."""
    crimea = shapely.union_all(fixed.geometry[fixed.name.isin(["crimea", "sevastopol"])].values)
    donbas = shapely.union_all(fixed.geometry[fixed.name.str.endswith("pre2022")].values)
    both = shapely.union_all([crimea, donbas])
    rows = [
        {"date": CRIMEA_START, "quality": "exact", "basis": "crimea", "area": crimea,
         "front_area": shapely.Polygon(), "abl_area": crimea},
        {"date": DONBAS_START, "quality": "approximate", "basis": "crimea+pre2022",
         "area": both, "front_area": donbas, "abl_area": crimea},
        {"date": DONBAS_EXACT, "quality": "exact", "basis": "crimea+pre2022",
         "area": both, "front_area": donbas, "abl_area": crimea},
    ]
    # The liveuamap series lacks Crimea always and the pre-2022 areas from 2024-03-14:
    # uniting every snapshot with both makes one consistent series.
    for date, geom in zip(raw.date, raw.geometry):
        rows.append({"date": dt.date.fromisoformat(date), "quality": "exact",
                     "basis": "liveuamap+crimea+pre2022",
                     "area": polygons_only(shapely.union_all([shapely.make_valid(geom), both]))})
    return rows


def deepstate_rows(raw: gpd.GeoDataFrame) -> list[dict]:
    return [{"date": dt.date.fromisoformat(d), "quality": "exact", "basis": "deepstate",
             "area": polygons_only(shapely.make_valid(g))} for d, g in zip(raw.date, raw.geometry)]


def reconcile(rows: list[dict], ukraine_land,
              first_checked: int) -> tuple[list[dict], list[dict], np.ndarray]:
    """Drop glitch snapshots (from row ``first_checked`` on); returns kept rows, glitches, areas."""
    equal_area, report_area = land_areas([r["area"] for r in rows], ukraine_land)
    for row, a, b in zip(rows, equal_area, report_area):
        row["land_km2"], row["land_km2_epsg6381"] = float(a), float(b)
    keep, glitches = find_glitches([r["date"] for r in rows[first_checked:]], equal_area[first_checked:])
    keep = np.concatenate([np.ones(first_checked, bool), keep])
    return [r for r, k in zip(rows, keep) if k], glitches, equal_area


# --- validation report --------------------------------------------------------------------
def validation_report(series: dict[str, gpd.GeoDataFrame], glitches: dict[str, list[dict]],
                      ukraine_land) -> str:
    out = ["# Validation of the embedded control layers", "",
           "Written by `boundaries/scripts/build.py`; do not edit by hand. Areas are land areas inside",
           "Ukraine in km², in an equal-area projection (and, in brackets, in EPSG:6381, which",
           "overstates eastern areas by about 4 %).", ""]
    for name, frame in series.items():
        out += [f"## {name}: area on the first day of each month", "",
                "| month | layer date | land km² | (EPSG:6381) |", "|---|---|---:|---:|"]
        dates = pd.to_datetime(frame.date)
        months = pd.date_range(dates.min().to_period("M").to_timestamp(), dates.max(), freq="MS")
        for m in months:
            idx = dates.searchsorted(m, side="right") - 1
            if idx < 0:
                continue
            row = frame.iloc[idx]
            out.append(f"| {m:%Y-%m} | {row.date} | {row.land_km2:,.0f} | ({row.land_km2_epsg6381:,.0f}) |")
        out += ["", f"### {name}: glitches dropped by the rule", ""]
        if glitches[name]:
            out += ["| first day | last day | snapshots | km² before | km² during | km² after |",
                    "|---|---|---:|---:|---:|---:|"]
            out += [f"| {g['first']} | {g['last']} | {g['snapshots']} | {g['before']:,.0f} | "
                    f"{g['during']:,.0f} | {g['after']:,.0f} |" for g in glitches[name]]
        else:
            out.append("None.")
        change = np.diff(frame.land_km2.to_numpy())
        big = np.flatnonzero(np.abs(change) > OUTLIER_KM2)
        out += ["", f"### {name}: surviving day-over-day changes above {OUTLIER_KM2:,} km² "
                "(kept: real moves)", "",
                "| from | to | change km² |", "|---|---|---:|"]
        out += [f"| {frame.date.iloc[i]} | {frame.date.iloc[i + 1]} | {change[i]:+,.0f} |" for i in big]
        after = frame.date > dt.date(2022, 4, 30)
        worst = np.abs(change[after.to_numpy()[1:]]).max() if after.sum() > 1 else 0.0
        out += ["", f"Largest day-over-day change after 2022-04-30: {worst:,.0f} km².", ""]
    out += _agreement(series, ukraine_land)
    return "\n".join(out) + "\n"


def _agreement(series: dict[str, gpd.GeoDataFrame], ukraine_land) -> list[str]:
    """Monthly IoU over land between the two sources where both exist."""
    live, deep = series["liveuamap"], series["deepstate"]
    start = pd.Timestamp(deep.date.iloc[0])
    months = pd.date_range(start.to_period("M").to_timestamp() + pd.offsets.MonthBegin(1),
                           pd.Timestamp(min(live.date.iloc[-1], deep.date.iloc[-1])), freq="MS")
    out = ["## Agreement between liveuamap (+ Crimea + pre-2022) and DeepStateMap", "",
           "Intersection over union of the two occupied areas over Ukraine's land on the first day",
           "of each month, and the area each assesses as occupied while the other does not.", "",
           "| month | IoU | only liveuamap km² | only DeepStateMap km² |", "|---|---:|---:|---:|"]
    ious = []
    for m in months:
        a = live.geometry.iloc[
            pd.to_datetime(live.date).searchsorted(m, side="right") - 1].intersection(ukraine_land)
        b = deep.geometry.iloc[
            pd.to_datetime(deep.date).searchsorted(m, side="right") - 1].intersection(ukraine_land)
        inter, union, only_a, only_b = area_km2([a.intersection(b), a.union(b),
                                                 a.difference(b), b.difference(a)])
        ious.append(inter / union)
        out.append(f"| {m:%Y-%m} | {inter / union:.4f} | {only_a:,.0f} | {only_b:,.0f} |")
    out += ["", f"Mean IoU {np.mean(ious):.4f}, minimum {np.min(ious):.4f}.", ""]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    args = parser.parse_args(argv)
    shared = args.shared
    if not (shared / LIVEUAMAP).exists():
        parser.error(f"{shared / LIVEUAMAP} not found: pass --shared PATH")

    land = gpd.read_file(shared / LAND).union_all()
    oblasts = build_oblasts(shared, land)
    ukraine = shapely.union_all(oblasts.geometry.values)
    land_frame = build_land(shared, ukraine)
    ukraine_land = land_frame.geometry.iloc[1]
    shapely.prepare(ukraine_land)
    zone = interior_zone(ukraine_land)
    write(oblasts, "oblasts.parquet")
    write(land_frame, "land.parquet")
    write(build_rivers(shared), "rivers.parquet")

    live_raw = gpd.read_parquet(shared / LIVEUAMAP).sort_values("date")
    deep_raw = gpd.read_parquet(shared / DEEPSTATE).sort_values("date")
    fixed = build_occupied_2014(live_raw, oblasts)
    write(fixed, "occupied_2014.parquet")

    series, glitches = {}, {}
    for name, rows, first_checked in [("liveuamap", liveuamap_rows(live_raw, fixed), 3),
                                      ("deepstate", deepstate_rows(deep_raw), 0)]:
        print(f"{name}: {len(rows)} snapshots, reconciling ...", flush=True)
        kept, glitches[name], _ = reconcile(rows, ukraine_land, first_checked)
        frame = control_frame(kept, zone)
        frame["land_km2"] = [r["land_km2"] for r in kept]
        frame["land_km2_epsg6381"] = [r["land_km2_epsg6381"] for r in kept]
        series[name] = frame
        path = write(frame, f"control_{name}.parquet")
        print(f"  kept {len(frame)}, dropped {sum(g['snapshots'] for g in glitches[name])}, "
              f"{path.stat().st_size / 1e6:.2f} MB", flush=True)
    (HERE / "VALIDATION.md").write_text(validation_report(series, glitches, ukraine_land))
    total = sum(p.stat().st_size for p in HERE.glob("*.parquet"))
    print(f"embedded data: {total / 1e6:.2f} MB in {len(list(HERE.glob('*.parquet')))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
