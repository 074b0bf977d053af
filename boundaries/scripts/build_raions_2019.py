"""Build geomap's embedded pre-2020 raions (``raions_2019.parquet``) from ``../shared/data``.

Run from the project root (``make boundaries`` runs it)::

    python boundaries/scripts/build_raions_2019.py --shared ../shared

Before the July-2020 reform Ukraine had 490 raions; reports of 2014-2020 (and many later ones)
place villages by them ("Petrivske, Starobeshivskyi district"). One row per raion of the KOATUU
edition of 30.05.2019: its code, oblast (GeoNames admin1 code), Ukrainian and Russian names
before and after the 2016 renamings, its seat's names, the GeoNames ids of its settlements, and
its extent (the Voronoi cells of its settlements, simplified). Every step is described in the
``## Pre-2020 raions`` section of ``SOURCES.md``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

HERE = Path(__file__).resolve().parent.parent  # boundaries/: the scripts write the data beside them

KOATUU = "data/gazetteer/UA_koatuu.tsv.gz"
KOATUU_UNITS = "data/gazetteer/UA_koatuu_units.tsv.gz"
VORONOI = "data/admin/UA_raions_pre2020_voronoi.geojson"
GEONAMES = "data/gazetteer/UA_geonames.tsv.gz"
OUT = "raions_2019.parquet"
# The extent only places the few gazetteer places without a KOATUU row and measures how far a
# candidate lies outside a raion named: a few hundred metres of detail change neither.
SIMPLIFY_DEG = 0.003
GRID_DEG = 1e-4
ZSTD_LEVEL = 19
# Seats written in the settlement register under these categories: city, urban-type settlement.
SEAT_CATEGORIES = ("М", "Т")


def _seat_names(units: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The seat's name before 2016 and its Russian name: the register's settlement of the seat's
    name in the raion, else in the oblast (a seat that was a city of oblast significance, as
    Krasnodon/Sorokyne, is filed under its own city council), a town before a village."""
    rows = []
    for u in units.itertuples():
        same = places[(places.name_uk == u.seat_uk) & (places.oblast_koatuu == u.oblast_koatuu)]
        same = same.assign(order=[(r != u.koatuu, c not in SEAT_CATEGORIES)
                                  for r, c in zip(same.raion_koatuu, same.category)]).sort_values("order")
        seat = same.iloc[0] if len(same) else None
        rows.append({"koatuu": u.koatuu,
                     "seat_uk_2015": "" if seat is None else seat.name_uk_2015,
                     "seat_ru": "" if seat is None else seat.name_ru})
    return pd.DataFrame(rows)


def _geonames_admin1(shared: Path) -> dict[int, str]:
    gn = pd.read_csv(shared / GEONAMES, sep="\t", header=None, usecols=[0, 10], names=["geonameid", "admin1"],
                     dtype={"geonameid": np.int64, "admin1": str}, keep_default_na=False)
    return dict(zip(gn.geonameid, gn.admin1))


def build_raions_2019(shared: Path, out_dir: Path) -> Path:
    """Write ``raions_2019.parquet`` into ``out_dir`` and return its path."""
    places = pd.read_csv(shared / KOATUU, sep="\t", dtype=str, keep_default_na=False)
    units = pd.read_csv(shared / KOATUU_UNITS, sep="\t", dtype=str, keep_default_na=False)
    units = units[units.unit_type == "raion"].sort_values("koatuu").reset_index(drop=True)
    units = units.merge(_seat_names(units, places), on="koatuu")
    located = places[(places.raion_type == "raion") & (places.geonameid != "")]
    members = located.groupby("raion_koatuu").geonameid.agg(
        lambda ids: sorted({int(i) for i in ids}))
    units["geonameids"] = [members.get(k, []) for k in units.koatuu]
    # The oblast as the geocoder numbers it (GeoNames admin1): what most of its settlements carry.
    admin1 = _geonames_admin1(shared)
    units["admin1"] = [pd.Series([admin1.get(i, "") for i in ids]).mode().iat[0] if ids else ""
                       for ids in units.geonameids]
    cells = gpd.read_file(shared / VORONOI).set_index("koatuu")
    extents = cells.geometry.reindex(units.koatuu).to_numpy()
    geoms = shapely.set_precision(shapely.simplify(extents, SIMPLIFY_DEG), GRID_DEG)
    missing = units.koatuu[shapely.is_missing(geoms) | (units.admin1 == "")].tolist()
    if missing:
        raise SystemExit(f"raions without an extent or oblast: {missing}")
    frame = gpd.GeoDataFrame(
        units[["koatuu", "admin1", "name_uk", "name_uk_2015", "name_ru", "seat_uk", "seat_uk_2015", "seat_ru",
               "geonameids"]],
        geometry=geoms, crs="EPSG:4326")
    path = out_dir / OUT
    frame.to_parquet(path, compression="zstd", compression_level=ZSTD_LEVEL, index=False)
    print(f"pre-2020 raions: {len(frame)} raions, {sum(map(len, frame.geonameids)):,} settlements located; "
          f"{OUT} {path.stat().st_size / 1e6:.2f} MB")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared", help="path of shared/")
    args = parser.parse_args()
    if not (args.shared / KOATUU).exists():
        parser.error(f"{args.shared / KOATUU} not found: pass --shared PATH")
    build_raions_2019(args.shared, HERE)


if __name__ == "__main__":
    sys.exit(main())
