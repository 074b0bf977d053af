"""Measure the map's controls on four screens and the claimant colours for colour-blind readers.

    python benchmarks/map_layout_bench.py

Renders ``examples/incidents_demo.geojson`` as an article embed (``--embed``) and as a standard
page, loads both in headless Chromium at 360x640, 414x896, 768x500 and 1280x720, and measures the
boxes of every control (tests/browser.py ``control_layout``): the share of the map they cover
(their union), pairs that overlap, and the smallest tap target; then opens each panel (title,
legend, credits) in turn and counts overlaps again. The claimant colours are compared in CIEDE2000
after simulating protanopia, deuteranopia and tritanopia (Machado et al. 2009;
tests/maps/colour_vision.py). Writes benchmarks/results/map_layout.md and the phone screenshot
docs/images/demo_phone.png (the embed at 360x640, folded and with the legend open; blank tiles).
"""
from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "maps")]

import colour_vision  # noqa: E402  (tests/ and tests/maps/ are put on the path above)
import geopandas as gpd  # noqa: E402
from browser import Browser, control_layout  # noqa: E402
from PIL import Image  # noqa: E402

from geomap.maps.render import render  # noqa: E402
from geomap.schema import MAP_SIDES  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "map_layout.md"
PHONE_PNG = ROOT / "docs" / "images" / "demo_phone.png"
VIEWPORTS = [(360, 640), (414, 896), (768, 500), (1280, 720)]
PANELS = {"title": ".gm-title summary", "legend": ".gm-legend summary", "credits": ".gm-credits-toggle"}
SETTLED = "() => !document.querySelector('.leaflet-zoom-anim')"
IS_OPEN = """s => { const e = document.querySelector(s);
    return e.getAttribute('aria-expanded') === 'true' || e.closest('details[open]') !== null; }"""


def measure(browser: Browser, page_path: Path, width: int, height: int) -> dict:
    page = browser.open(page_path, page_path.name, width=width, height=height)
    page.wait_for_function("() => document.querySelector('.gm-incident-list tbody tr')")
    folded = control_layout(page)
    compact = page.evaluate("() => document.querySelector('.gm-compact') !== null")
    opened = {}
    for name, selector in PANELS.items():
        already = page.evaluate(IS_OPEN, selector)
        if page.locator(selector).is_visible() and not already:
            page.click(selector)
            page.wait_for_timeout(100)  # the details "toggle" event that places a panel is asynchronous
            layout = control_layout(page)
            opened[name] = layout
            page.click(selector)  # fold it again
            page.wait_for_timeout(100)
    assert not browser.errors, browser.errors
    page.context.close()
    return {"compact": compact, "folded": folded, "opened": opened}


def phone_screenshot(browser: Browser, page_path: Path) -> None:
    """The embed on a 360x640 phone, folded and with the legend open, side by side."""
    shots = []
    for open_legend in (False, True):
        page = browser.open(page_path, page_path.name, width=360, height=640)
        page.wait_for_function(SETTLED)
        if open_legend:
            page.click(".gm-legend summary")
            page.wait_for_selector(".gm-legend-body.gm-sheet")
        page.wait_for_timeout(300)
        shots.append(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
        page.context.close()
    both = Image.new("RGB", (360 * 2 + 12, 640), "white")
    for i, shot in enumerate(shots):
        both.paste(shot, (i * 372, 0))
    # few colours (blank tiles, flat shapes): a palette image keeps the file small
    both.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(PHONE_PNG, optimize=True)


def main() -> None:
    demo = gpd.read_file(ROOT / "examples" / "incidents_demo.geojson")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Browser() as browser:
        pages = {"embed": Path(tmp) / "embed.html", "standard": Path(tmp) / "standard.html"}
        render(demo, embed=True).save(str(pages["embed"]))
        render(demo).save(str(pages["standard"]))
        for kind, path in pages.items():
            for width, height in VIEWPORTS:
                rows.append((kind, width, height, measure(browser, path, width, height)))
                print(kind, width, height, f"{rows[-1][3]['folded']['coverage']:.1%}", flush=True)
        phone_screenshot(browser, pages["embed"])
    lines = [
        "# map layout benchmark",
        "",
        "`python benchmarks/map_layout_bench.py` — the demo incidents (12, three dates: time slider) in "
        "headless Chromium. Coverage = share of the map under any control (union of their boxes: zoom, "
        "layers, title, legend, slider, scale, credits), as the page opens; overlaps = pairs of controls "
        "whose boxes intersect; tap target = smallest side of any button, summary or slider.",
        "",
        "| page | viewport | layout | coverage | overlaps | smallest tap target "
        "| overlaps with a panel opened |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for kind, width, height, m in rows:
        folded = m["folded"]
        opened = ", ".join(f"{name} {len(layout['overlaps'])} ({layout['coverage']:.0%})"
                           for name, layout in m["opened"].items())
        lines.append(f"| {kind} | {width} × {height} | {'compact' if m['compact'] else 'large'} | "
                     f"{folded['coverage']:.1%} | {len(folded['overlaps'])} | "
                     f"{folded['smallest_target'][1]:.0f} px | {opened} |")
    colours = {MAP_SIDES[s][1]: c for s, (c, _) in MAP_SIDES.items()}
    lines += [
        "",
        "Each panel that starts folded is opened in turn; the figure in brackets is the coverage then (a",
        "compact map's legend opens over the map on purpose, between the top and bottom controls).",
        "",
        "Claimant colours (`geomap.schema.MAP_SIDES`) after simulating colour-vision deficiencies (Machado "
        "et al. 2009, severity 1): the closest pair in CIEDE2000 (about 10 tells categories apart at a "
        "glance; 2 is just noticeable), and each colour's contrast on white.",
        "",
        "| vision | closest pair | CIEDE2000 |",
        "|---|---|---:|",
    ]
    for vision in colour_vision.VISIONS:
        distances = colour_vision.palette_distances(colours, vision)
        (a, b), closest = min(distances.items(), key=lambda item: item[1])
        lines.append(f"| {vision} | {a} / {b} | {closest:.1f} |")
    lines += ["", "| colour | contrast on white |", "|---|---:|"]
    lines += [f"| {name} ({c}) | {colour_vision.contrast_with_white(c):.1f} : 1 |"
              for name, c in colours.items()]
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
