"""Headless Chromium for the map tests and the benchmark, with no network.

Pages are served from a loopback HTTP server (127.0.0.1 only). Requests to the CDN URLs the maps
emit (``https://cdn.jsdelivr.net/npm/<package>@<version>/<path>``) are answered from the npm
packages installed in ``tests/browser_assets/node_modules`` (``make browser-deps``), served by the
same loopback server; map tiles get a blank PNG; anything else is aborted and recorded, so a test
can assert that a page asked for nothing unexpected.

    with Browser() as b:
        page = b.open(path_to_html)
        assert b.errors == []
"""
from __future__ import annotations

import base64
import functools
import http.server
import json
import re
import shutil
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
NODE_MODULES = Path(__file__).parent / "browser_assets" / "node_modules"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
_CDN = re.compile(r"https://cdn\.jsdelivr\.net/npm/(?P<package>(?:@[^/]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>[^?#]+)")
_TILE = re.compile(r"https?://[^/]*tile\.openstreetmap\.org/")
# 1x1 transparent PNG for tile requests (tiles are decoration; the tests never need their content)
_BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII="
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass


class Browser:
    """One Chromium and one loopback server; ``open(html_path)`` loads a page through them."""

    def __init__(self) -> None:
        if not (NODE_MODULES / "leaflet" / "package.json").is_file():
            raise RuntimeError(f"{NODE_MODULES} is missing: run `make browser-deps`")
        self.root = Path(tempfile.mkdtemp(prefix="geomap-browser-"))
        (self.root / "npm").symlink_to(NODE_MODULES.resolve())
        handler = functools.partial(_Quiet, directory=str(self.root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self._pw = sync_playwright().start()
        # Playwright gives every launch a fresh temporary profile (user-data dir).
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.served: list[str] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.root, ignore_errors=True)

    def publish(self, html: str | Path, name: str) -> str:
        """Put a page (its text or a file) on the loopback server; returns its URL."""
        target = self.root / name
        if isinstance(html, Path):
            shutil.copyfile(html, target)
        else:
            target.write_text(html, encoding="utf-8")
        return f"{self.base}/{name}"

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.base + "/"):
            route.continue_()
            return
        cdn = _CDN.match(url)
        if cdn:
            package_json = NODE_MODULES / cdn["package"] / "package.json"
            if package_json.is_file() and json.loads(package_json.read_text())["version"] == cdn["version"]:
                self.served.append(url)
                response = route.fetch(url=f"{self.base}/npm/{cdn['package']}/{cdn['path']}")
                route.fulfill(response=response)
                return
        if _TILE.match(url):
            route.fulfill(status=200, content_type="image/png", body=_BLANK_PNG)
            return
        self.blocked.append(url)
        route.abort()

    def new_page(self, width: int = 1000, height: int = 700, scripts: bool = True) -> Page:
        """A page in a fresh context whose network goes through the routing above (``scripts=False``:
        as a reader with JavaScript off sees it)."""
        context = self.browser.new_context(viewport={"width": width, "height": height},
                                           java_script_enabled=scripts)
        context.route("**/*", self._route)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("dialog", lambda dialog: (self.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        return page

    def open(self, html: str | Path, name: str = "map.html", width: int = 1000, height: int = 700) -> Page:
        """Publish and load a map page; waits until Leaflet has drawn the map."""
        self.errors.clear()
        self.blocked.clear()
        self.served.clear()
        page = self.new_page(width, height)
        page.goto(self.publish(html, name), wait_until="load")
        page.wait_for_selector(".leaflet-container .leaflet-pane", state="attached")
        return page


# The boxes a reader sees over a map: Leaflet's controls, geomap's title, and opened panels (legend,
# credits) placed as sheets; in map coordinates. Hidden elements (no box) are left out.
_CONTROLS = """() => {
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const names = ['gm-legend-body', 'gm-title', 'gm-legend', 'gm-slider', 'gm-credits-toggle',
        'leaflet-control-zoom', 'leaflet-control-layers', 'leaflet-control-scale',
        'leaflet-control-attribution'];
    return Array.from(document.querySelectorAll('.leaflet-control, .gm-title, .gm-sheet'))
        .map(e => [e, e.getBoundingClientRect()])
        .filter(([e, r]) => r.width > 0 && r.height > 0)
        .map(([e, r]) => ({name: names.find(n => e.classList.contains(n)) || e.className,
                           box: [r.left - map.left, r.top - map.top, r.right - map.left,
                                 r.bottom - map.top]}))
        .concat([{name: 'map', box: [0, 0, map.width, map.height]}]);
}"""
# Everything a finger taps on the controls (text links inside the credits are exempt, as in WCAG 2.5.8).
_TARGETS = """() => ['.leaflet-control-zoom a', '.leaflet-control-layers-toggle', '.gm-title summary',
        '.gm-legend summary', '.gm-credits-toggle', '.gm-slider input']
    .flatMap(s => Array.from(document.querySelectorAll(s)).map(e => [s, e.getBoundingClientRect()]))
    .filter(([s, r]) => r.width > 0 && r.height > 0)
    .map(([s, r]) => ({name: s, size: Math.min(r.width, r.height)}))"""


def control_layout(page: Page) -> dict:
    """How the controls sit on a map page: ``boxes`` (name -> [x0, y0, x1, y1] in map pixels),
    ``overlaps`` (pairs of names whose boxes share more than a pixel's width), ``coverage`` (the
    share of the map under any control, their union), ``outside`` (boxes not within the map) and
    ``smallest_target`` (name, smallest side in px of any tap target)."""
    import shapely

    found = page.evaluate(_CONTROLS)
    width, height = found.pop()["box"][2:]
    boxes = {}
    for item in found:  # two boxes of one kind (rare) get a number
        name = item["name"] if item["name"] not in boxes else f"{item['name']} {len(boxes)}"
        boxes[name] = [round(v, 1) for v in item["box"]]
    shapes = {name: shapely.box(*box) for name, box in boxes.items()}
    names = sorted(shapes)
    overlaps = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
                if shapes[a].intersection(shapes[b]).buffer(-0.5).area > 0]
    covered = shapely.union_all(list(shapes.values())).intersection(shapely.box(0, 0, width, height)).area
    outside = [n for n, (x0, y0, x1, y1) in boxes.items() if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5
               or y1 > height + 0.5]
    targets = page.evaluate(_TARGETS)
    smallest = min(targets, key=lambda t: t["size"])
    return {"boxes": boxes, "overlaps": overlaps, "coverage": covered / (width * height), "outside": outside,
            "smallest_target": (smallest["name"], smallest["size"]), "map": (width, height)}


def screenshot(html: Path, png: Path, width: int = 1000, height: int = 640) -> None:
    """Save a PNG of a map page as the browser tests see it (blank tiles)."""
    with Browser() as b:
        page = b.open(html, width=width, height=height)
        page.wait_for_timeout(300)  # let marker and cluster animations settle
        if b.errors or b.blocked:
            raise RuntimeError(f"page errors {b.errors} / unexpected requests {b.blocked}")
        page.screenshot(path=str(png))


if __name__ == "__main__":
    import sys

    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
