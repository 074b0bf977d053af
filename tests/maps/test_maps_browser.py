"""Maps in headless Chromium: what a reader's browser actually shows.

One browser for the session (``tests/browser.py``): pages come from a loopback server, CDN assets
from the npm packages in ``tests/browser_assets``; any other request fails the test.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import map_data
import shapely
from browser import Browser

from geomap.maps.render import layers_map, render

ROOT = Path(__file__).resolve().parents[2]

COUNT = """() => ({
    markers: document.querySelectorAll('.leaflet-marker-pane .gm-i').length,
    clusters: document.querySelectorAll('.leaflet-marker-pane .marker-cluster').length,
    clustered: Array.from(document.querySelectorAll('.marker-cluster span'))\
.reduce((s, e) => s + (+e.textContent), 0),
    areas: document.querySelectorAll('path.gm-area').length,
    occupied: document.querySelectorAll('path.gm-occupied').length,
    oblasts: document.querySelectorAll('path.gm-oblast').length,
    fronts: document.querySelectorAll('path.gm-front').length,
})"""


# Clusters are built in chunks, and cluster and zoom animations keep old and new icons in the DOM for
# a moment: count after they end.
SETTLED = """() => document.documentElement.dataset.gmLoading !== "1"
    && !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')"""


def _open(browser: Browser, fmap, tmp_path: Path, name: str = "map.html", **kwargs):
    path = tmp_path / name
    fmap.save(str(path))
    page = browser.open(path, name, **kwargs)
    page.wait_for_function(SETTLED)
    return page


def _clean(browser: Browser) -> None:
    assert browser.errors == [], browser.errors
    assert browser.blocked == [], browser.blocked


def test_demo_map_shows_every_incident_and_layer(browser, tmp_path):
    demo = gpd.read_file(ROOT / "examples" / "incidents_demo.geojson")
    page = _open(browser, render(demo), tmp_path)
    counts = page.evaluate(COUNT)
    # 11 point incidents and one reported for Luhansk oblast as a whole (drawn as the oblast)
    assert counts["markers"] == 11 and counts["areas"] == 1 and counts["clusters"] == 0
    assert counts["occupied"] == 1 and counts["fronts"] >= 1 and counts["oblasts"] == 27
    assert "GeoNames" in page.inner_text(".leaflet-control-attribution")
    assert "liveuamap / NZZ" in page.inner_text(".leaflet-control-attribution")
    assert page.inner_text(".gm-title").startswith("Reported shelling and strikes")
    assert any(url.endswith("/leaflet.js") for url in browser.served)  # CDN assets came from node_modules
    # every incident is inside the initial view (bounds fitted to the incidents)
    inside = page.evaluate("""() => { \
const box = document.querySelector('.leaflet-container').getBoundingClientRect();
        return Array.from(document.querySelectorAll('.gm-i')).every(e => { \
const r = e.getBoundingClientRect();
        return r.left >= box.left && r.right <= box.right && r.top >= box.top && \
r.bottom <= box.bottom; }); }""")
    assert inside
    _clean(browser)


def test_many_incidents_are_clustered(browser, tmp_path):
    page = _open(browser, render(map_data.incidents(400), check=False), tmp_path)
    counts = page.evaluate(COUNT)
    assert counts["clusters"] > 0
    assert counts["clustered"] + counts["markers"] == 400  # nothing lost, nothing doubled
    _clean(browser)


def test_popup_shows_hostile_text_as_text(browser, tmp_path):
    gdf = map_data.incidents(1, ["2022-02-17"])
    gdf["quote"], gdf["place_text"], gdf["claimed_by"], gdf["weapons"] = map_data.XSS
    gdf["source"] = "javascript:window.__xss = 4"
    page = _open(browser, render(gdf, title=map_data.XSS[1]), tmp_path)
    page.click(".gm-i")
    popup = page.wait_for_selector(".leaflet-popup-content")
    text = popup.inner_text()
    for hostile in map_data.XSS:
        assert hostile.strip() in text
    assert "javascript:window.__xss = 4" in text
    assert popup.query_selector("img, script, b, a") is None  # no markup made it into the DOM
    assert page.inner_text(".gm-title").startswith(map_data.XSS[1])
    assert page.evaluate("() => window.__xss") is None
    assert "Place as reported" in text and "Control that day" in text
    _clean(browser)


def test_time_slider_switches_incidents_and_occupied_area(browser, tmp_path):
    dates = ["2022-02-20", "2022-03-10", "2022-03-10", "2022-09-20", "2022-09-20", "2022-09-20"]
    gdf = map_data.incidents(len(dates))
    gdf["date"] = dates
    page = _open(browser, render(gdf, check=False), tmp_path)
    slider = page.locator(".gm-slider input")
    assert page.evaluate(COUNT)["markers"] == 6  # starts on "all dates"
    seen = {}
    for step, expected in enumerate([1, 2, 3]):
        slider.fill(str(step))
        counts = page.evaluate(COUNT)
        assert counts["markers"] == expected and counts["occupied"] == 1
        seen[step] = page.get_attribute("path.gm-occupied", "d")
        assert page.inner_text(".gm-slider output").startswith(dates[sum([1, 2, 3][:step])])
    assert len(set(seen.values())) == 3  # the occupied area changes with the date
    slider.fill("3")
    assert page.evaluate(COUNT)["markers"] == 6
    assert page.get_attribute("path.gm-occupied", "d") == seen[2]  # "all" shows the latest area
    _clean(browser)


def test_embedded_map_fits_a_600px_iframe(browser, tmp_path):
    gdf = map_data.incidents(30, ["2022-02-17", "2022-03-01"])
    render(gdf, embed=True, check=False).save(str(tmp_path / "embed.html"))
    browser.publish(tmp_path / "embed.html", "embed.html")
    outer = ('<!DOCTYPE html><html><body style="margin:20px">'
             '<iframe src="embed.html" width="600" height="600" style="border:0"></iframe></body></html>')
    page = browser.new_page(1000, 800)
    browser.errors.clear()
    page.goto(browser.publish(outer, "article.html"))
    frame = page.frame_locator("iframe")
    frame.locator(".gm-i, .marker-cluster").first.wait_for()
    frame_page = page.frames[1]
    fit = frame_page.evaluate("""() => {
        const d = document.documentElement, \
map = document.querySelector('.leaflet-container').getBoundingClientRect();
        const boxes = ['.gm-title', '.gm-legend', '.gm-slider', '.leaflet-control-layers', \
'.leaflet-control-attribution']
            .map(s => document.querySelector(s).getBoundingClientRect());
        return {scrollW: d.scrollWidth, scrollH: d.scrollHeight, mapW: map.width, mapH: map.height,
                inside: boxes.every(r => r.left >= 0 && r.top >= 0 && r.right <= 600 && r.bottom <= 600),
                legendOpen: document.querySelector('.gm-legend').open};
    }""")
    assert fit == {"scrollW": 600, "scrollH": 600, "mapW": 600, "mapH": 600, "inside": True,
                   "legendOpen": False}
    assert browser.errors == []


def test_offline_map_loads_with_no_requests_at_all(browser, tmp_path):
    page = _open(browser, render(map_data.incidents(300), offline=True, check=False), tmp_path,
                 "offline.html")
    counts = page.evaluate(COUNT)
    assert counts["clustered"] + counts["markers"] == 300 and counts["occupied"] == 1
    assert browser.served == []  # no CDN request was even attempted
    requests = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in requests if not r.startswith(browser.base) and "tile.openstreetmap.org" not in r] == []
    _clean(browser)


def test_layers_map(browser, tmp_path):
    page = _open(browser, layers_map("2022-02-17"), tmp_path)
    counts = page.evaluate(COUNT)
    assert counts["occupied"] == 1 and counts["fronts"] == 1 and counts["oblasts"] == 27
    assert page.locator("path.gm-administrative-boundary-line").count() == 1  # Crimea's ABL before 2022
    assert "Situation on 2022-02-17" in page.inner_text(".gm-title")
    _clean(browser)


def test_polygon_only_geodataframe(browser, tmp_path):
    gdf = gpd.GeoDataFrame(geometry=[shapely.box(36.1, 49.9, 36.4, 50.1),
                                     shapely.box(30.4, 50.3, 30.7, 50.6)],
                           crs="EPSG:4326")
    page = _open(browser, render(gdf, "2024-01-10"), tmp_path)
    assert page.evaluate(COUNT)["areas"] == 2
    page.click(".gm-legend summary")  # fold the legend, which covers the eastern box at this size
    assert page.evaluate("() => document.querySelector('.gm-legend').open") is False
    page.locator("path.gm-area").first.click()
    assert "Resolved to" in page.wait_for_selector(".leaflet-popup-content").inner_text()
    _clean(browser)
