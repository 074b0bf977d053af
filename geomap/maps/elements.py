"""Small folium elements that geomap's maps are built from.

Each element is one template, like a folium plugin: ``IncidentLayer`` (markers, clusters and area
polygons drawn in the browser from one compact JSON table), ``TimeSlider`` and ``InlineAssets``
(for ``--offline``); the boxes around the map (title, legend, credits) are in
``geomap.maps.controls``. Every piece of text that comes from a report reaches the page either
HTML-escaped (``html_text``) or as JSON that the browser puts into the DOM with ``textContent``,
never as markup.
"""
from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geomap.errors import InputError
from geomap.schema import MAP_KIND_OF_EVENT, MAP_KINDS, MAP_SIDE_OF_CLAIMANT, MAP_SIDES

__all__ = [
    "CDN", "LEAFLET_CSS", "LEAFLET_JS", "MARKERCLUSTER_JS", "IncidentLayer", "TimeSlider", "claimant_side",
    "event_kind", "html_text", "make_offline", "safe_json", "vendored_asset",
]

# Leaflet as folium itself links it; the cluster plugin from the npm package on the same CDN, so
# that every asset URL has the form .../npm/<package>@<version>/<path>, which the offline
# inliner and the browser tests map to vendored files without a lookup table.
CDN = "https://cdn.jsdelivr.net/npm/"
LEAFLET_JS = ("leaflet", CDN + "leaflet@1.9.3/dist/leaflet.js")
LEAFLET_CSS = ("leaflet_css", CDN + "leaflet@1.9.3/dist/leaflet.css")
MARKERCLUSTER_JS = ("markercluster", CDN + "leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js")
MARKERCLUSTER_CSS = [
    ("markerclustercss", CDN + "leaflet.markercluster@1.5.3/dist/MarkerCluster.css"),
    ("markerclusterdefaultcss", CDN + "leaflet.markercluster@1.5.3/dist/MarkerCluster.Default.css"),
]
_CDN_PATH = re.compile(re.escape(CDN) + r"(?P<package>(?:@[^/]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>.+)")

# Free text from other files (not the extractor's vocabulary): word starts tried in order; the
# first match decides (so "drone" wins over "strike").
_KIND_WORDS = [
    ("drone", r"drone|uav|shahed|loitering|fpv"),
    ("missile", r"missile|iskander|kalibr|cruise|ballistic"),
    ("airstrike", r"air ?strike|air ?raid|aircraft|aviation|bomb|kab\b|glide"),
    ("shelling", r"shell|artiller|mortar|rocket|mlrs|grad\b|howitzer|grenade|tank fire"),
    ("clash", r"clash|small.arms|machine.gun|firefight|sniper|assault|fighting"),
]
_SIDE_WORDS = [
    ("ukraine", r"ukrain|kyiv|zsu\b|ato\b|jfo\b|joint forces"),
    ("russia", r"russia|separatis|dpr\b|lpr\b|dnr\b|lnr\b|moscow|militia|donetsk people|luhansk people"),
    ("independent", r"osce|un\b|united nations|independ|monitor|journalist|media|reporter|third"),
]


def _first_match(text: object, table: list[tuple[str, str]], default: str) -> str:
    text = str(text or "").lower()
    return next((key for key, words in table if re.search(rf"\b(?:{words})", text)), default)


def event_kind(event_type: object) -> str:
    """Map an event type (the extractor's, or free text) to one of ``MAP_KINDS``.

    >>> (event_kind("Mortar shelling"), event_kind("drone attack"), event_kind("strike on an airport"),
    ...  event_kind(None))
    ('shelling', 'drone', 'other', 'other')
    """
    known = MAP_KIND_OF_EVENT.get(event_type) if isinstance(event_type, str) else None
    return known or _first_match(event_type, _KIND_WORDS, "other")


def claimant_side(side: object) -> str:
    """Map a claimant side (the extractor's, or free text) to one of ``MAP_SIDES``.

    >>> claimant_side("Ukraine"), claimant_side("separatists"), claimant_side("OSCE SMM"), claimant_side("")
    ('ukraine', 'russia', 'independent', 'unknown')
    """
    known = MAP_SIDE_OF_CLAIMANT.get(side) if isinstance(side, str) else None
    return known or _first_match(side, _SIDE_WORDS, "unknown")


# folium/branca parse every rendered element again as a Jinja template, so a "{{", "{%" or "{#"
# coming from a report would be *executed* while the map is built (template injection). Text is
# therefore escaped so that no such pair survives: as \u007b in JSON, as &#123; in HTML.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def safe_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` and in folium's templates: ``<``, ``>``,
    ``&`` and a ``{`` that would open a Jinja tag are \\u-escaped.

    >>> safe_json(["</script><img src=x onerror=alert(1)>", "{{ 7*7 }}"])
    '["\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e","\\\\u007b{ 7*7 }}"]'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # a structural "{" is always followed by '"' or "}", so only braces inside strings match
    return _JINJA_OPEN.sub(r"\\u007b", text)


def html_text(text: str) -> str:
    """HTML-escape text for folium elements, braces included (see ``_JINJA_OPEN``).

    >>> html_text("<b>{{ 7*7 }}</b>")
    '&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt;'
    """
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


class RawElement(Element):
    """Text added to a page as is (a branca ``Element`` would parse it as a Jinja template).

    >>> RawElement("{{ not a template }}").render()
    '{{ not a template }}'
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class IncidentLayer(JSCSSMixin, Layer):
    """Incidents as markers (clustered above ``cluster_threshold``) and area polygons.

    The incidents travel as one JSON table with a string pool (reports repeat their quote and
    source for every place they mention), and the browser builds markers and popups from it, so a
    page with 100,000 incidents stays a few MB and builds in seconds. Popups are created on click
    with ``textContent``: report text can never become markup. ``step`` numbers tie each incident
    to a position of a ``TimeSlider``; ``showStep(k, label)`` shows one step, ``showStep(-1)`` all;
    then ``visibleRows`` holds the rows shown, ``stepLabel`` the label, and the layer fires
    ``gmstep`` (the incident list for screen readers follows it).

    >>> layer = IncidentLayer({"strings": [], "fields": [], "rows": [], "areas": []}, name="Incidents")
    >>> layer.cluster
    False
    """

    default_js = [MARKERCLUSTER_JS]
    default_css = MARKERCLUSTER_CSS

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .gm-i{background:none;border:none}
        .gm-i svg{display:block;overflow:visible;filter:drop-shadow(0 0 1px #fff)}
        .gm-popup{font:12px/1.35 system-ui,sans-serif}
        .gm-popup table{border-collapse:collapse;font:inherit}
        .gm-popup th{text-align:left;vertical-align:top;padding:1px 6px 1px 0;color:#555;font-weight:600;"""
        """white-space:nowrap}
        .gm-popup td{padding:1px 0;overflow-wrap:anywhere}
        .gm-popup blockquote{margin:6px 0 2px;padding-left:6px;border-left:3px solid #bbb;font-style:italic;
          max-height:8em;overflow:auto;overflow-wrap:anywhere}
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var data = {{ this.get_name() }}_data;
            var S = data.strings, F = data.fields, kinds = {{ this.kinds_json }}, """
            """sides = {{ this.sides_json }};
            // <html data-gm-loading="1"> while clusters are built in chunks (tests and benchmarks """
            """wait for "0")
            function loading(busy) { document.documentElement.dataset.gmLoading = busy ? "1" : "0"; }
            var markers = {{ 'L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, """
            """maxClusterRadius: 50, disableClusteringAtZoom: 12, """
            """chunkProgress: function (done, total) { loading(done < total); }})' """
            """if this.cluster else 'L.featureGroup()' }};
            var areas = L.featureGroup();
            var layer = L.featureGroup([markers, areas]);
            function popup(i) {
                var r = data.rows[i], box = document.createElement("div"), """
                """table = document.createElement("table");
                box.className = "gm-popup";
                box.appendChild(table);
                for (var f = 0; f < F.length; f++) {
                    var v = r[7 + f];
                    if (v < 0) continue;
                    var text = S[v], key = F[f][0];
                    if (key === "quote") {
                        var q = document.createElement("blockquote");
                        q.textContent = text;
                        box.appendChild(q);
                        continue;
                    }
                    var tr = table.insertRow(), th = document.createElement("th"), td = tr.insertCell();
                    th.textContent = F[f][1];
                    tr.insertBefore(th, td);
                    if (key === "source" && /^https?:\\/\\//i.test(text)) {
                        var a = document.createElement("a");
                        a.href = text; a.target = "_blank"; a.rel = "noopener noreferrer"; """
                        """a.textContent = text;
                        td.appendChild(a);
                    } else {
                        td.textContent = text;
                    }
                }
                return box;
            }
            // pan opened popups clear of the title box at the top
            var popupOptions = {maxWidth: 320, minWidth: 200, autoPanPaddingTopLeft: [10, 90]};
            function icon(r) {
                var colour = sides[r[4]], fill = r[5] ? colour : "#fff", """
                """dash = r[6] ? ' stroke-dasharray="3 2"' : "";
                return L.divIcon({
                    className: "gm-i gm-" + r[3],
                    iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -8],
                    html: '<svg width="16" height="16" viewBox="0 0 20 20"><path d="' + kinds[r[3]] +
                          '" fill="' + fill + '" stroke="' + colour + '" stroke-width="2.5"' + """
                          """dash + '/></svg>'
                });
            }
            var byRow = [];
            data.rows.forEach(function (r, i) {
                if (r[0] === null) return;
                var m = L.marker([r[0], r[1]], {icon: icon(r), keyboard: false});
                m.bindPopup(function () { return popup(i); }, popupOptions);
                byRow[i] = m;
            });
            L.geoJSON(data.areas, {
                className: "gm-area",
                style: function (feature) {
                    var r = data.rows[feature.properties.i];
                    return {color: sides[r[4]], weight: 2, dashArray: "5 4", fillOpacity: 0.12, fill: true};
                },
                onEachFeature: function (feature, l) {
                    l.bindPopup(function () { return popup(feature.properties.i); }, popupOptions);
                    byRow[feature.properties.i] = l;
                }
            });
            var current = -1, currentLabel = "all dates";
            layer.visibleCount = 0;
            layer.showStep = function (step, label) {
                current = step;
                currentLabel = label || "all dates";
                var ms = [], as = [], shown = [];
                byRow.forEach(function (l, i) {
                    if (step >= 0 && data.rows[i][2] !== step) return;
                    (data.rows[i][0] === null ? as : ms).push(l);
                    shown.push(i);
                });
                layer.visibleCount = shown.length;
                layer.visibleRows = shown;
                layer.stepLabel = currentLabel;
                layer.fire("gmstep");
                // Filled only while on the map: the cluster plugin's addLayers is quadratic off the map
                // (100,000 markers would block the page for many seconds) and chunked on it.
                if (!markers._map) return;
                loading({{ 'true' if this.cluster else 'false' }});
                markers.clearLayers();
                areas.clearLayers();
                if (markers.addLayers) { markers.addLayers(ms); } """
                """else { ms.forEach(function (l) { markers.addLayer(l); }); }
                as.forEach(function (l) { areas.addLayer(l); });
            };
            markers.on("add", function () { layer.showStep(current, currentLabel); });
            layer.showStep(-1);
            return layer;
        })();
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "IncidentLayer must be rendered inside a Figure"
        # The data goes in as a raw element: branca would parse an Element's text as a Jinja
        # template, which costs seconds for 100,000 incidents (and would run any "{{" in it).
        figure.header.add_child(
            RawElement(f"<script>var {self.get_name()}_data = {self.data_json};</script>"),
            name=f"{self.get_name()}_data")
        super().render(**kwargs)

    def __init__(self, data: dict, name: str = "Incidents", cluster: bool = False, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "IncidentLayer"
        self.cluster = cluster
        if not cluster:
            # the plugin is only needed for clustering; instance attributes keep the class lists intact
            self.default_js, self.default_css = [], []
        self.data_json = safe_json(data)
        self.kinds_json = safe_json({k: path for k, (path, _) in MAP_KINDS.items()})
        self.sides_json = safe_json({k: colour for k, (colour, _) in MAP_SIDES.items()})


class TimeSlider(MacroElement):
    """A range control that shows one date's incidents, occupied area and line at a time.

    ``steps`` are labels; the last position shows every incident. ``groups`` are FeatureGroups
    whose child layers are swapped: ``layer_for_step[g][k]`` is the index (among the children of
    group ``g``) to show at position ``k``.

    >>> TimeSlider(None, ["17 Feb 2022", "all"], [], []).initial
    1
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .gm-slider{background:rgba(255,255,255,.94);padding:4px 8px;border-radius:4px;"""
        """box-shadow:0 1px 4px rgba(0,0,0,.3);
          font:12px/1.3 system-ui,sans-serif;width:240px;max-width:calc(100vw - 40px);box-sizing:border-box}
        .gm-slider input{display:block;width:100%;height:40px;margin:0}
        .gm-slider output{display:block;font-weight:600}
        .gm-compact .gm-slider{padding:0 8px 4px;font-size:11px}
        .gm-compact .gm-slider-name{position:absolute;width:1px;height:1px;overflow:hidden;
          clip-path:inset(50%)}
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var labels = {{ this.labels_json }}, choice = {{ this.choice_json }};
            var groups = [{% for g in this.groups %}{{ g.get_name() }}{{ ',' if not loop.last }}{% endfor %}];
            var children = groups.map(function (g) { return g.getLayers(); });
            {% if this.incidents %}var incidents = {{ this.incidents.get_name() }};{% endif %}
            var control = L.control({position: "bottomleft"});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "gm-slider");
                div.innerHTML = '<label><span class="gm-slider-name">Date</span>' + """
                """'<input type="range" min="0" """
                """step="1"></label><output aria-live="polite"></output>';
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo(map);
            var input = control.getContainer().querySelector("input"), """
            """out = control.getContainer().querySelector("output");
            input.max = labels.length - 1;
            function show(k) {
                var last = k === labels.length - 1;
                {% if this.incidents %}incidents.showStep(last ? -1 : k, labels[k]);{% endif %}
                input.setAttribute("aria-valuetext", labels[k]);  // read out the date, not the position
                groups.forEach(function (g, j) {
                    g.clearLayers();
                    var idx = choice[j][k];
                    if (idx >= 0) g.addLayer(children[j][idx]);
                });
                out.textContent = labels[k]{% if this.incidents %} + " \u00b7 " + """
                """incidents.visibleCount + " shown"{% endif %};
            }
            input.addEventListener("input", function () { show(+input.value); });
            input.value = {{ this.initial }};
            show({{ this.initial }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, incidents: IncidentLayer | None, labels: Sequence[str], groups: Sequence[Layer],
                 layer_for_step: Sequence[Sequence[int]]) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.incidents, self.groups = incidents, list(groups)
        self.labels_json = safe_json(list(labels))
        self.choice_json = safe_json([list(c) for c in layer_for_step])
        self.initial = len(labels) - 1


def vendored_asset(url: str) -> bytes:
    """Bytes of a CDN asset from the copies shipped in ``geomap/maps/assets`` (for ``--offline``).

    >>> len(vendored_asset(LEAFLET_JS[1])) > 100_000
    True
    """
    match = _CDN_PATH.fullmatch(url)
    if not match:
        raise InputError(f"no offline copy of {url}: only {CDN}<package>@<version>/<path> "
                         "assets are vendored")
    name = f"{match['package']}@{match['version']}/{match['path']}"
    path = resources.files("geomap.maps").joinpath("assets", *name.split("/"))
    if not path.is_file():
        raise InputError(f"no offline copy of {url} (expected geomap/maps/assets/{name})")
    return path.read_bytes()


def _inline_css(url: str) -> str:
    """CSS text with its relative ``url(...)`` images turned into data URIs."""
    css = vendored_asset(url).decode("utf-8")
    base = url.rsplit("/", 1)[0]

    def data_uri(match: re.Match) -> str:
        target = match.group(1).strip("'\"")
        if target.startswith(("data:", "#")):
            return match.group(0)
        mime = "image/svg+xml" if target.endswith(".svg") else "image/png"
        encoded = base64.b64encode(vendored_asset(f"{base}/{target}")).decode("ascii")
        return f"url(data:{mime};base64,{encoded})"

    return re.sub(r"url\(([^)]+)\)", data_uri, css)


class InlineAssets(MacroElement):
    """Puts the given JS/CSS assets into the page itself, so it needs no network (tiles aside).

    Use ``make_offline(map)``, which also removes the CDN links the map's elements would add.
    """

    def __init__(self, js: Sequence[str], css: Sequence[str]) -> None:
        super().__init__()
        self._name = "InlineAssets"
        self.js, self.css = list(js), list(css)

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "InlineAssets must be rendered inside a Figure"
        for i, url in enumerate(self.js):
            code = vendored_asset(url).decode("utf-8")
            if "</script" in code.lower():  # would end the inline script early
                raise InputError(f"{url} contains '</script' and cannot be inlined")
            figure.header.add_child(RawElement(f"<script>{code}</script>"), name=f"inline_js_{i}")
        for i, url in enumerate(self.css):
            figure.header.add_child(RawElement(f"<style>{_inline_css(url)}</style>"), name=f"inline_css_{i}")
        super().render(**kwargs)


def make_offline(fmap: Any) -> Any:
    """Replace every CDN link of a map's elements by inlined copies; returns the map.

    Raises ``ValueError`` when an element links an asset that is not vendored in
    ``geomap/maps/assets`` (folium's jQuery/Bootstrap defaults are not: geomap's maps do not use them).

    >>> import folium
    >>> m = folium.Map(tiles=None)
    >>> m.default_js, m.default_css = [LEAFLET_JS], [LEAFLET_CSS]
    >>> html = make_offline(m).get_root().render()
    >>> "cdn.jsdelivr.net" in html, "L.map(" in html
    (False, True)
    """
    js: list[str] = []
    css: list[str] = []
    for element in [fmap, *_descendants(fmap)]:
        if isinstance(element, JSCSSMixin):
            js += [url for _, url in element.default_js]
            css += [url for _, url in element.default_css]
            # instance attributes: other maps keep the class-level links
            element.default_js, element.default_css = [], []
    for url in js + css:
        vendored_asset(url)  # fail now, with the URL in the message, rather than at save time
    InlineAssets(list(dict.fromkeys(js)), list(dict.fromkeys(css))).add_to(fmap)
    return fmap


def _descendants(element: Any) -> list[Any]:
    out = []
    for child in element._children.values():
        out.append(child)
        out += _descendants(child)
    return out
