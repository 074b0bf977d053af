"""Maps on phones and for readers who cannot see them, in headless Chromium: the controls measured
at four screen sizes, a walk through the controls with the keyboard, and the hidden table of
incidents read against the incidents themselves."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import map_data
import pytest
from browser import Browser, control_layout

from geomap.maps.access import LIST_COLUMNS
from geomap.maps.render import render

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "incidents_demo.geojson"
# (width, height, compact layout expected): a phone, a large phone, a short article frame, a laptop
VIEWPORTS = [(360, 640, True), (414, 896, True), (768, 500, True), (1280, 720, False)]
MAX_COVERAGE = 0.25
MIN_TARGET = 40
PANELS = [".gm-title summary", ".gm-legend summary", ".gm-credits-toggle"]
TABLE = """() => Array.from(document.querySelectorAll('.gm-incident-list tbody tr'))
    .map(tr => Array.from(tr.cells).map(td => td.textContent))"""
# what has the focus, in words a test can compare
FOCUSED = """() => { const e = document.activeElement;
    if (e.classList.contains('leaflet-container')) return 'map';
    if (e.closest('.gm-title')) return 'title';
    if (e.closest('.gm-legend')) return 'legend';
    if (e.closest('.gm-slider')) return 'slider';
    if (e.classList.contains('gm-credits-toggle')) return 'credits';
    return (e.getAttribute("class") || e.tagName).split(" ")[0]; }"""


@pytest.fixture(scope="module")
def demo() -> gpd.GeoDataFrame:
    return gpd.read_file(DEMO)


@pytest.fixture(scope="module")
def embed_page(tmp_path_factory, demo) -> Path:
    path = tmp_path_factory.mktemp("embed") / "embed.html"
    render(demo, embed=True).save(str(path))
    return path


def _open(browser: Browser, path: Path, width: int, height: int):
    page = browser.open(path, path.name, width=width, height=height)
    page.wait_for_function("() => document.querySelector('.gm-incident-list tbody tr')")
    return page


def _fits(layout: dict) -> None:
    assert layout["overlaps"] == [], layout["boxes"]
    assert layout["outside"] == [], layout["boxes"]


@pytest.mark.parametrize(("width", "height", "compact"), VIEWPORTS)
def test_controls_never_overlap_and_leave_the_map_free(browser, embed_page, width, height, compact):
    page = _open(browser, embed_page, width, height)
    compact_class = "() => document.querySelector('.leaflet-container').classList.contains('gm-compact')"
    assert page.evaluate(compact_class) is compact
    layout = control_layout(page)
    _fits(layout)
    assert layout["coverage"] <= MAX_COVERAGE, layout
    assert layout["smallest_target"][1] >= MIN_TARGET, layout["smallest_target"]
    assert {"gm-title", "gm-slider", "gm-legend", "leaflet-control-zoom", "leaflet-control-layers"} <= \
        set(layout["boxes"])
    credits = page.locator(".leaflet-control-attribution")
    assert "GeoNames" in credits.text_content()  # never dropped, folded at most
    assert credits.is_visible() is not compact
    assert page.locator(".gm-legend").evaluate("e => e.open") is False  # embedded: starts folded
    if not compact:  # a large map's legend opens in its corner, below the title and the layer button
        page.click(".gm-legend summary")
        page.wait_for_function("() => document.querySelector('.gm-legend-body').style.maxHeight")
        _fits(control_layout(page))
        page.click(".gm-legend summary")
    if compact:
        assert page.locator(".gm-title").evaluate("e => e.open") is False
        assert page.locator(".gm-title summary").bounding_box()["height"] <= 44  # one line
        for panel in PANELS:  # each panel opens on a tap, clear of every other control
            page.click(panel)
            page.wait_for_function("() => document.querySelector('.gm-title').open || "
                                   "document.querySelector('.gm-sheet')")
            _fits(control_layout(page))
        # the credits were opened last
        assert credits.is_visible() and "Natural Earth" in credits.inner_text()
        assert page.get_attribute(".gm-credits-toggle", "aria-expanded") == "true"
        page.click(".gm-legend summary")  # one panel at a time: the credits fold
        page.wait_for_function("() => !document.querySelector('.leaflet-control-attribution.gm-open')")
        _fits(control_layout(page))
    assert browser.errors == []


def test_a_standard_map_on_a_phone_starts_with_the_legend_folded(browser, tmp_path, demo):
    path = tmp_path / "full.html"
    render(demo).save(str(path))
    page = _open(browser, path, 360, 640)
    assert page.locator(".gm-legend").evaluate("e => e.open") is False
    _fits(control_layout(page))
    wide = _open(browser, path, 1280, 720)
    assert wide.locator(".gm-legend").evaluate("e => e.open") is True
    layout = control_layout(wide)
    _fits(layout)
    assert "gm-legend-body" not in layout["boxes"]  # a large map's legend opens in place, not as a sheet
    assert browser.errors == []


def test_every_control_is_reached_and_worked_with_the_keyboard(browser, embed_page):
    page = _open(browser, embed_page, 360, 640)
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
    # reading order: the map, its title, zoom, layers, slider, legend, credits
    walk = list(dict.fromkeys(seen))
    assert walk[:8] == ["map", "title", "leaflet-control-zoom-in", "leaflet-control-zoom-out",
                        "leaflet-control-layers-toggle", "slider", "legend", "credits"], seen

    slider = page.locator(".gm-slider input")
    slider.focus()
    assert len(page.evaluate(TABLE)) == 12  # the last position shows all dates
    page.keyboard.press("ArrowLeft")
    assert slider.input_value() == "2" and slider.get_attribute("aria-valuetext") == "2022-02-17"
    assert {row[0] for row in page.evaluate(TABLE)} == {"2022-02-17"}
    page.keyboard.press("Home")
    assert {row[0] for row in page.evaluate(TABLE)} == {"2022-02-15"}
    assert page.inner_text(".gm-slider output").startswith("2022-02-15")

    page.focus(".gm-legend summary")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.gm-legend-body.gm-sheet')")
    page.keyboard.press("Escape")  # folds the panel and leaves the focus on its button
    assert page.locator(".gm-legend").evaluate("e => e.open") is False
    assert page.evaluate(FOCUSED) == "legend"
    page.focus(".gm-credits-toggle")
    page.keyboard.press("Enter")
    assert page.get_attribute(".gm-credits-toggle", "aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.get_attribute(".gm-credits-toggle", "aria-expanded") == "false"
    page.focus(".leaflet-control-layers-toggle")
    page.keyboard.press("Enter")  # the layer list opens with the focus on its first layer
    assert page.locator(".leaflet-control-layers-expanded").count() == 1
    assert page.evaluate("() => document.activeElement.closest('.leaflet-control-layers-list') !== null")
    page.keyboard.press("Tab")  # from the background's radio button to the first overlay
    page.wait_for_function("() => document.activeElement.type === 'checkbox'")
    page.keyboard.press("Space")  # switches that layer off
    page.wait_for_function("() => document.activeElement.checked === false")
    page.keyboard.press("Escape")
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    assert page.evaluate(FOCUSED) == "leaflet-control-layers-toggle"
    page.keyboard.press("Enter")
    page.focus(".gm-slider input")  # leaving the list with the focus folds it
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    assert browser.errors == []


def test_the_hidden_table_lists_the_incidents_shown(browser, embed_page, demo):
    page = _open(browser, embed_page, 1280, 720)
    box = page.locator(".leaflet-container")
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("aria-label") == "Reported shelling and strikes"
    description = page.text_content("#" + box.get_attribute("aria-describedby"))
    assert description.startswith("12 incidents, 2022-02-15 – 2022-02-17")
    assert "Confirmed: 2 of 12" in description and "Claimed by: 9 Ukrainian side, 3 Russian" in description

    assert page.evaluate("() => Array.from(document.querySelectorAll('.gm-incident-list th'))"
                         ".map(th => th.textContent)") == LIST_COLUMNS
    rows = page.evaluate(TABLE)
    approximate = {"near"}  # (the oblast-wide report is drawn as its oblast)
    assert [r[0] for r in rows] == list(demo["date"].astype(str))
    assert [r[1] for r in rows] == [p + (" (approximate place)" if q in approximate else "")
                                    for p, q in zip(demo["place_text"], demo["precision"])]
    assert [r[3] for r in rows] == [f"{c} ({s})" if s.lower() not in c.lower() else c
                                    for c, s in zip(demo["claimed_by"], demo["claimant_side"])]
    assert [r[4] for r in rows] == ["yes" if v.startswith("confirmed") else "no"
                                    for v in demo["verification"]]
    assert [r[5] for r in rows] == list(demo["quote"])
    assert all(w in r[2] for r, w in zip(rows, demo["weapons"]))
    # invisible on the screen, but not hidden from screen readers (display:none would hide it)
    section = page.locator(".gm-incident-list")
    assert section.evaluate("e => getComputedStyle(e).display") != "none"
    assert section.bounding_box()["width"] <= 1

    page.locator(".gm-slider input").fill("1")  # 2022-02-16
    rows = page.evaluate(TABLE)
    assert [r[1] for r in rows] == list(demo.loc[demo["date"].astype(str) == "2022-02-16", "place_text"]
                                        .where(demo["precision"] != "near", demo["place_text"] +
                                               " (approximate place)"))
    assert page.text_content(".gm-incident-list caption").startswith("Incidents shown, 2022-02-16: 4")
    assert browser.errors == []


def test_hostile_report_text_stays_text_in_the_hidden_table(browser, tmp_path):
    gdf = map_data.incidents(1, ["2022-02-17"])
    gdf["quote"], gdf["place_text"], gdf["claimed_by"], gdf["weapons"] = map_data.XSS
    path = tmp_path / "hostile.html"
    render(gdf, title=map_data.XSS[1], check=False).save(str(path))
    page = _open(browser, path, 360, 640)
    (row,) = page.evaluate(TABLE)
    assert row[5] == map_data.XSS[0] and row[1].startswith(map_data.XSS[1])
    assert row[3].startswith(map_data.XSS[2])
    assert page.locator(".gm-incident-list td *").count() == 0  # no markup made it into the cells
    assert page.get_attribute(".leaflet-container", "aria-label") == map_data.XSS[1]
    assert page.evaluate("() => window.__xss") is None
    assert browser.errors == []


def test_the_layout_follows_a_resize(browser, embed_page):
    page = _open(browser, embed_page, 1280, 720)
    state = """() => [document.querySelector('.gm-compact') !== null,
        document.querySelector('.gm-title').open,
        getComputedStyle(document.querySelector('.leaflet-control-attribution')).display]"""
    assert page.evaluate(state) == [False, True, "block"]
    page.set_viewport_size({"width": 360, "height": 640})  # a phone turned upright, a narrowed window
    page.wait_for_function("() => document.querySelector('.gm-compact')")
    assert page.evaluate(state) == [True, False, "none"]
    _fits(control_layout(page))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function("() => !document.querySelector('.gm-compact')")
    assert page.evaluate(state) == [False, True, "block"]
    _fits(control_layout(page))
    assert browser.errors == []


def test_without_scripts_the_picture_stands_in_for_the_map(browser, tmp_path, demo):
    from geomap.maps.static import write_static_map

    write_static_map(demo, tmp_path / "demo.png", size="social")
    render(demo, embed=True, picture="demo.png").save(str(tmp_path / "embed.html"))
    browser.publish(tmp_path / "demo.png", "demo.png")
    page = browser.new_page(600, 400, scripts=False)
    page.goto(browser.publish(tmp_path / "embed.html", "embed.html"), wait_until="load")
    picture = page.locator("img.gm-fallback")
    assert picture.is_visible() and picture.evaluate("e => e.naturalWidth") == 1200
    assert picture.get_attribute("alt").startswith("12 incidents, 2022-02-15 – 2022-02-17")
    assert page.locator(".folium-map").is_visible() is False
    with_scripts = _open(browser, tmp_path / "embed.html", 600, 400)
    assert with_scripts.locator("img.gm-fallback").count() == 0  # noscript content is not rendered
    assert browser.errors == []
