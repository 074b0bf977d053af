"""Map building without a browser: escaping, attribution, size, offline inlining, slider steps, CLI."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import map_data
import pandas as pd
import pytest
import shapely

import geomap
import geomap.io.incidents
import geomap.maps.elements
import geomap.maps.render
from geomap.cli import main
from geomap.dates import parse_date
from geomap.maps.elements import LEAFLET_JS, MARKERCLUSTER_JS, make_offline, vendored_asset
from geomap.maps.render import MAX_STEPS, _steps, incident_table, layers_map, render
from geomap.spatial import layers

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "tests" / "browser_assets" / "node_modules"


def _html(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def _incident_json(page: str) -> str:
    return re.search(r"_data = (\{.*?\});</script>", page).group(1)


def _one(**columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({k: [v] for k, v in columns.items()}, geometry=[shapely.Point(38.0, 48.3)],
                            crs="EPSG:4326")


@pytest.fixture(scope="module")
def demo_html() -> str:
    return _html(render(gpd.read_file(ROOT / "examples" / "incidents_demo.geojson")))


def test_report_text_never_reaches_the_page_as_markup():
    hostile = _one(date="2022-02-17", quote=map_data.XSS[0], place_text=map_data.XSS[1],
                   claimed_by=map_data.XSS[2], weapons=map_data.XSS[3], source="javascript:alert(1)")
    page = _html(render(hostile, title="<img src=x onerror=alert(9)> {{ 6*7 }}", check=False))
    for text in [*map_data.XSS, "<img src=x onerror=alert(9)>", "<b>bold?</b>"]:
        assert text not in page
    assert "&lt;img src=x onerror=alert(9)&gt; &#123;&#123; 6*7 &#125;&#125;" in page  # the title, escaped
    assert "\\u003cscript\\u003ewindow.__xss = 1\\u003c/script\\u003e" in page  # quote, as JSON data
    # the incident JSON is one script-safe literal: no raw '<' inside it, and it decodes to the input
    assert "<" not in _incident_json(page)
    data = json.loads(_incident_json(page))
    assert {*map_data.XSS, "javascript:alert(1)"} <= set(data["strings"])


def test_jinja_tags_in_report_text_are_not_executed():
    # folium re-reads rendered elements as Jinja templates: "{{ 6*7 }}" must not become 42
    gdf = _one(date="2022-02-17", quote="{{ 6*7 }}", place_text="{% if true %}T{% endif %}",
               claimed_by="{# hidden #}")
    gdf["name"] = "{{ 6*7 }}"
    page = _html(render(gdf, title="{{ 6*7 }}", check=False, places=gdf))
    title = re.search(r'class="gm-title-text">(.*?)</span>', page).group(1)
    assert title == "&#123;&#123; 6*7 &#125;&#125;"  # not "42"
    tooltip = re.search(r"bindTooltip\(\s*`<div>\s*(.*?)\s*</div>`", page).group(1)
    assert tooltip == "&#123;&#123; 6*7 &#125;&#125;"
    data = json.loads(_incident_json(page))
    assert {"{{ 6*7 }}", "{% if true %}T{% endif %}", "{# hidden #}"} <= set(data["strings"])


def test_popups_hold_every_documented_field_and_the_check_results():
    gdf = map_data.incidents(1, ["2022-03-15"])
    gdf.geometry = [shapely.Point(39.4837, 48.6536)]  # Stanytsia Luhanska: occupied from late Feb 2022
    table = incident_table(geomap.check(gdf), [0])
    row = table["rows"][0]
    shown = {field[0]: table["strings"][code] for field, code in zip(table["fields"], row[7:]) if code >= 0}
    assert shown["control"].startswith("occupied since 2022")
    assert re.fullmatch(r"\d+\.\d km, occupied side \(liveuamap snapshot of 2022-03-\d\d\)", shown["line"])
    assert shown["resolved"] == "Village 0 (48.6536, 39.4837)"
    for key in ("date", "place_text", "precision", "event_type", "weapons", "attacks", "claimed",
                "verification", "quote", "source"):
        assert shown.get(key), key
    assert row[3:7] == ["shelling", "ukraine", 1, 1]  # kind, side, verified, approximate ("near")


def test_unchecked_incidents_are_checked_on_the_fly():
    gdf = gpd.GeoDataFrame(geometry=[shapely.Point(39.4837, 48.6536)], crs="EPSG:4326")
    assert "occupied since 2022" in _html(render(gdf, "2022-03-15"))
    assert "government-controlled" in _html(render(gdf, "2022-02-17"))


def test_string_pool_stores_repeated_text_once():
    gdf = map_data.incidents(50)
    table = incident_table(gdf, [0] * 50)
    assert len(table["rows"]) == 50
    assert len(table["strings"]) == len(set(table["strings"]))
    assert table["strings"].count(map_data.QUOTES[0] + " (report 0)") == 1


def test_region_level_and_polygon_incidents_become_areas():
    gdf = gpd.GeoDataFrame(
        {"precision": ["oblast", "exact", None], "oblast": ["UA-09", "UA-09", None]},
        geometry=[shapely.Point(39.3, 48.6), shapely.Point(39.3, 48.6), shapely.box(37.0, 47.9, 37.3, 48.1)],
        crs="EPSG:4326",
    )
    table = incident_table(gdf, [0, 0, 0])
    assert [r[0] is None for r in table["rows"]] == [True, False, True]
    luhansk = shapely.geometry.shape(table["areas"]["features"][0]["geometry"])
    assert luhansk.area > 2.5  # square degrees: the whole oblast, not a dot


def test_map_without_any_attribute_columns():
    gdf = gpd.GeoDataFrame(geometry=[shapely.Point(36.2, 50.0), shapely.box(37.0, 47.9, 37.3, 48.1)])
    page = _html(render(gdf, "2023-05-01"))
    assert "2 incidents, undated" in page


def test_every_data_source_is_attributed(demo_html):
    for key in ("geonames", "geoboundaries", "naturalearth", "liveuamap"):
        assert json.dumps(layers.ATTRIBUTION[key]) in demo_html.replace("&amp;", "&")
    assert "openstreetmap.org/copyright" in demo_html  # tiles
    deepstate = _html(layers_map("2025-01-01", source="deepstate"))
    assert json.dumps(layers.ATTRIBUTION["deepstate"]) in deepstate


def test_title_and_date_stamp(demo_html):
    assert "12 incidents, 2022-02-15 – 2022-02-17 · occupied area as of 2022-02-17" in demo_html
    assert "Situation on 2022-02-17" in _html(layers_map("2022-02-17"))


def test_time_slider_only_for_several_dates(demo_html):
    slider = 'L.DomUtil.create("div", "gm-slider")'
    assert slider in demo_html
    single = _html(render(map_data.incidents(5), check=False))
    assert slider not in single


def test_many_dates_are_grouped_into_periods():
    dates = [f"2023-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15)] * 2
    dates = [parse_date(d) for d in dates] + [parse_date("2024-02-01")]
    step_of, labels, ends = _steps(dates)
    assert len(labels) <= MAX_STEPS and len(labels) == len(ends)
    assert step_of[0] == 0 and step_of[-1] == len(labels) - 1
    assert all(start <= end for start, end in zip(step_of, step_of[1:24]))
    assert ends[-1] == parse_date("2024-02-01")


def test_100_incident_map_is_at_most_2_mb(tmp_path):
    path = tmp_path / "m.html"
    # worst case: 100 distinct dates over four years, so the slider carries MAX_STEPS dated areas
    dates = [(dt.date(2022, 2, 24) + dt.timedelta(days=15 * k)).isoformat() for k in range(100)]
    render(map_data.incidents(100, dates)).save(str(path))
    assert path.read_text().count("gm-occupied") == MAX_STEPS  # one area per slider step
    assert path.stat().st_size <= 2_000_000


def test_offline_map_has_no_cdn_urls():
    page = _html(render(map_data.incidents(300), offline=True, check=False))
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "L.markerClusterGroup" in page and "MarkerClusterGroup=" in page.replace(" ", "")  # plugin inlined
    assert "url(images/" not in page  # Leaflet's images became data URIs
    assert "cdn." not in _html(layers_map("2022-02-17", offline=True))


def test_offline_refuses_assets_it_cannot_inline():
    with pytest.raises(ValueError, match="jquery"):
        make_offline(folium.Map())  # folium's own defaults (jQuery, Bootstrap, …) are not vendored


def test_vendored_assets_match_the_npm_packages():
    for _, url in (LEAFLET_JS, MARKERCLUSTER_JS):
        package, rest = url.split("/npm/")[1].split("@", 1)
        version, path = rest.split("/", 1)
        installed = NODE_MODULES / package
        assert json.loads((installed / "package.json").read_text())["version"] == version
        assert vendored_asset(url) == (installed / path).read_bytes()


def test_cli_map_writes_html_and_embed_snippet(tmp_path, capsys):
    out = tmp_path / "demo.html"
    assert main(["map", str(ROOT / "examples" / "incidents_demo.geojson"), "-o", str(out), "--embed",
                 "--title", "Demo <i>map</i>"]) == 0
    printed = capsys.readouterr().out
    assert '<iframe src="demo.html" title="Demo &lt;i&gt;map&lt;/i&gt;"' in printed
    assert "Demo &lt;i&gt;map&lt;/i&gt;" in out.read_text()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.txt", "A quiet day: nothing was reported.", "no incidents found"),
        ("reports.csv", "published,text\n2022-02-17,A quiet day.\n", "no incidents found"),
        ("bad.csv", "a,b\n1,2\n", "no coordinates: expected a WKT 'geometry' column or latitude/longitude "
                                    "(or lat/lon) columns; as reports: "),
        ("swap.csv", "lat,lon\n148.5,38.0\n", "out of range"),
        ("text.csv", "lat,lon\nnorth,38.0\n", "no row has a geometry"),
        ("bad.geojson", '{"type": ', "cannot read geojson"),
        ("missing.gpkg", None, "no such file"),
    ],
)
def test_cli_map_reports_bad_inputs_in_one_line(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    assert main(["map", str(path), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("error:") == 1 and "Traceback" not in err


def test_cli_map_reads_report_text_through_the_extractor(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("On 17 February 2022 mortar shells landed in Avdiivka, Donetsk oblast, "
                      "the Joint Forces Operation said. Nobody was hurt.\n")
    out = tmp_path / "report.html"
    assert main(["map", str(report), str(ROOT / "examples" / "incidents_demo.geojson"), "-o", str(out)]) == 0
    page = out.read_text()
    assert "13 incidents, 2022-02-15 – 2022-02-17" in page
    assert "mortar shells landed in Avdiivka" in page and "government-controlled" in page


def test_readers_agree_across_formats(tmp_path):
    from geomap.io.incidents import read_incidents

    gdf = map_data.incidents(4)
    gdf.to_file(tmp_path / "a.geojson")
    gdf.to_file(tmp_path / "a.gpkg")
    gdf.to_parquet(tmp_path / "a.parquet")
    table = pd.DataFrame(gdf.drop(columns="geometry"))
    table.assign(geometry=gdf.geometry.to_wkt()).to_csv(tmp_path / "a.csv", index=False)
    table.assign(lat=gdf.geometry.y, lon=gdf.geometry.x).to_parquet(tmp_path / "plain.parquet")
    for name in ("a.geojson", "a.gpkg", "a.parquet", "a.csv", "plain.parquet"):
        read = read_incidents(tmp_path / name)
        assert read.crs == "EPSG:4326"
        assert read.geometry.geom_equals_exact(gdf.geometry, 1e-5).all(), name
        assert list(read["quote"]) == list(gdf["quote"]), name


def test_map_displays_inline_in_a_notebook():
    fmap = render(map_data.incidents(3), check=False)
    assert fmap._repr_html_().startswith("<div") and "srcdoc=" in fmap._repr_html_()


@pytest.mark.parametrize("suffix", ["geojson", "gpkg", "csv", "parquet"])
def test_checked_incidents_round_trip_through_every_format(tmp_path, suffix):
    from geomap.io.incidents import read_incidents, write_incidents

    checked = geomap.check(map_data.incidents(6, ["2022-02-17", "2022-03-10"]))
    read = read_incidents(write_incidents(checked, tmp_path / f"out.{suffix}"))
    assert list(read["control"]) == list(checked["control"].astype(str))
    assert read["line_km"].round(6).tolist() == checked["line_km"].round(6).tolist()
    assert read.geometry.geom_equals_exact(checked.geometry, 1e-5).all()
    # a map of the re-read file shows the same check results without checking again
    assert "occupied since 2014" in render(read, check=False).get_root().render()


def test_cli_map_takes_the_publication_date_of_text_reports(tmp_path):
    report = tmp_path / "undated.txt"
    report.write_text("Artillery fire hit Shchastia, Luhansk oblast, yesterday evening, the regional "
                      "administration said.\n")
    out = tmp_path / "undated.html"
    assert main(["map", str(report), "--published", "2021-07-02", "-o", str(out)]) == 0
    page = out.read_text()
    assert "2021-07-01" in page and "Shchastia" in page
    assert main(["map", str(report), "--published", "last week", "-o", str(out)]) == 2


def test_an_incident_without_geometry_is_left_out_with_a_warning(tmp_path, capsys):
    import json

    features = [{"type": "Feature", "properties": {"date": "2022-03-05", "event_type": "shelling"},
                 "geometry": None if k == 2 else {"type": "Point", "coordinates": [37.5 + k / 10, 48.5]}}
                for k in range(4)]
    src = tmp_path / "points.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert main(["map", str(src), "-o", str(tmp_path / "m.html")]) == 0
    err = capsys.readouterr().err
    assert "warning: 1 of 4 incidents have no geometry and are not drawn" in err
    assert "(3 incidents" in err


def test_fire_detections_have_a_symbol_and_legend_entry_of_their_own():
    import geopandas as gpd
    import shapely

    from geomap import render

    frame = gpd.GeoDataFrame({"date": ["2023-06-01"] * 2, "record_kind": ["fire_detection", "incident"],
                              "event_type": [None, "shelling"]},
                             geometry=[shapely.Point(37.6, 48.1), shapely.Point(37.7, 48.2)], crs=4326)
    with_fire = render(frame).get_root().render()
    assert "Fire detection (satellite)" in with_fire and '"fire"' in with_fire
    without = render(frame.iloc[1:]).get_root().render()
    assert "Fire detection (satellite)" not in without
