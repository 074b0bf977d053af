"""The map's boxes around the incidents: title and date stamp, legend, credits, and the layout that
keeps them clear of each other on any screen.

``TitleStamp``, ``Legend`` and ``Attribution`` are folium elements; ``CompactLayout`` arranges them
with Leaflet's own controls. On a small map (narrower than ``COMPACT_WIDTH`` or lower than
``COMPACT_HEIGHT`` pixels, as in a phone or a short article iframe) the title shrinks to one line
and the legend and the credits fold into buttons; each opens on a tap as a panel in the free band
between the top and bottom controls, one at a time, so no box ever covers another. Every control
is at least 40 px in both directions (a finger's width) and reachable by keyboard; Escape folds
the panel that has the focus.

>>> import folium
>>> m = folium.Map()
>>> _ = TitleStamp("Shelling <b>reports</b>", "as of 2022-02-17").add_to(m)
>>> "Shelling &lt;b&gt;reports&lt;/b&gt;" in m.get_root().render()
True
"""
from __future__ import annotations

from collections.abc import Sequence

from branca.element import MacroElement
from folium.template import Template

from geomap.maps.elements import html_text
from geomap.schema import MAP_KINDS, MAP_KINDS_IF_PRESENT, MAP_SIDES

__all__ = ["COMPACT_HEIGHT", "COMPACT_WIDTH", "Attribution", "CompactLayout", "Legend", "TitleStamp"]

# Below either size the map is laid out for a phone or a small iframe (a 768 x 500 article frame
# included: there the full credits and an open legend would cover the slider).
COMPACT_WIDTH = 800
COMPACT_HEIGHT = 560


class TitleStamp(MacroElement):
    """Title and date stamp at the top of the map (both escaped), as a disclosure: open on a large
    map, one line with the rest a tap away on a compact one.

    >>> TitleStamp("Title", "17 Feb 2022").subtitle
    '17 Feb 2022'
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .gm-title{position:absolute;z-index:1000;top:10px;left:0;right:0;margin:0 auto;width:fit-content;
          max-width:calc(100% - 130px);overflow:auto;background:rgba(255,255,255,.92);padding:0 10px;
          border-radius:4px;font:600 15px/1.3 system-ui,sans-serif;text-align:center;
          box-shadow:0 1px 4px rgba(0,0,0,.3);box-sizing:border-box}
        .gm-title summary{list-style:none;cursor:pointer;display:flex;align-items:center;
          justify-content:center;gap:6px;min-height:40px}
        .gm-title summary::-webkit-details-marker{display:none}
        .gm-title summary::after{content:"\\25BE";flex:none;font-size:12px}
        .gm-title[open] summary::after{content:"\\25B4"}
        .gm-title small{display:block;font-weight:400;font-size:12px;color:#333;padding-bottom:6px}
        .gm-compact .gm-title{font-size:13px;padding:0 10px}
        .gm-compact .gm-title:not([open]) .gm-title-text{white-space:nowrap;overflow:hidden;
          text-overflow:ellipsis;min-width:0}
        </style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <details class="gm-title" id="{{ this.get_name() }}" open><summary><span class="gm-title-text">"""
        """{{ this.title_html }}</span></summary><small>{{ this.subtitle_html }}</small></details>
        {% endmacro %}
        """
    )

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self._name = "TitleStamp"
        self.title, self.subtitle = title, subtitle
        self.title_html, self.subtitle_html = html_text(title), html_text(subtitle)


class Attribution(MacroElement):
    """Adds data-source credits to the map's attribution control (escaped, one entry each).

    >>> Attribution(["GeoNames, CC BY 4.0"]).texts
    ['GeoNames, CC BY 4.0']
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>.leaflet-control-attribution{max-width:calc(100vw - 270px)}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {% for text in this.texts %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.escaped(text) | tojson }});
        {% endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, texts: Sequence[str]) -> None:
        super().__init__()
        self._name = "Attribution"
        # dict.fromkeys keeps order and drops repeats (several layers often share one source)
        self.texts = list(dict.fromkeys(t for t in texts if t))

    @staticmethod
    def escaped(text: str) -> str:
        """Leaflet inserts attribution as HTML, so escape it first."""
        return html_text(text)


def _legend_symbol(path: str, colour: str, filled: bool = True, dashed: bool = False) -> str:
    fill = colour if filled else "#fff"
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (f'<svg width="16" height="16" viewBox="0 0 20 20" aria-hidden="true"><path d="{path}" '
            f'fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/></svg>')


class Legend(MacroElement):
    """A collapsible legend box explaining colours, shapes, precision, verification and layers.

    ``open_`` decides whether it starts open on a large map (embedded maps start closed; compact
    ones always do); ``layers`` are (colour, label, SVG dash pattern or "") of the context layers.

    >>> "Ukrainian side" in Legend().body
    True
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .gm-legend{max-width:min(310px,calc(100vw - 24px));background:rgba(255,255,255,.94);border-radius:4px;
          box-shadow:0 1px 4px rgba(0,0,0,.3);font:11px/1.3 system-ui,sans-serif;padding:0 8px;
          box-sizing:border-box}
        .gm-legend summary{cursor:pointer;font-weight:600;font-size:12px;display:flex;align-items:center;
          gap:4px;min-height:40px;list-style:none}
        .gm-legend summary::-webkit-details-marker{display:none}
        .gm-legend summary::before{content:"\\25B8"}
        .gm-legend[open] summary::before{content:"\\25BE"}
        .gm-legend-body{overflow:auto;padding-bottom:4px}
        .gm-legend h4{margin:5px 0 1px;font-size:11px}
        .gm-rows{display:grid;grid-template-columns:auto auto;column-gap:8px}
        .gm-rows div{display:flex;align-items:center;gap:4px;margin:1px 0}
        .gm-legend svg{flex:none}
        </style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <details class="gm-legend" id="{{ this.get_name() }}" {{ 'open' if this.open_ else '' }}>
        <summary>Legend</summary><div class="gm-legend-body">{{ this.body }}</div></details>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            // a Leaflet control, so it stacks above the attribution instead of covering it
            var control = L.control({position: "bottomright"});
            control.onAdd = function () {
                var box = document.getElementById({{ this.get_name() | tojson }});
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, open_: bool = True, layers: Sequence[tuple[str, str, str]] = (),
                 present: Sequence[str] = ()) -> None:
        super().__init__()
        self._name = "Legend"
        self.open_ = open_
        shape = MAP_KINDS["shelling"][0]
        kinds = [k for k in MAP_KINDS if k not in MAP_KINDS_IF_PRESENT or k in present]
        sections = {
            "Claimed by (colour)": [_legend_symbol(shape, c) + html_text(t) for c, t in MAP_SIDES.values()],
            "Event type (shape)": [_legend_symbol(MAP_KINDS[k][0], "#444") + html_text(MAP_KINDS[k][1])
                                   for k in kinds],
            "Verification, precision": [
                _legend_symbol(shape, "#444") + "confirmed",
                _legend_symbol(shape, "#444", filled=False) + "claimed only",
                _legend_symbol(shape, "#444", dashed=True) + "approximate or unsure place",
                '<svg width="16" height="16" aria-hidden="true"><rect x="1" y="1" width="14" height="14" '
                'fill="#444" fill-opacity="0.12" stroke="#444" stroke-width="2" stroke-dasharray="3 2"/>'
                '</svg>'
                'whole region',
            ],
            "Layers": [
                f'<svg width="16" height="16" aria-hidden="true"><path d="M0 8h16" stroke="{c}" '
                f'stroke-width="3"'
                f'{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/></svg>{html_text(t)}'
                for c, t, dash in layers
            ],
        }
        rows = [f"<h4>{title}</h4><div class=\"gm-rows\">{''.join(f'<div>{e}</div>' for e in entries)}</div>"
                for title, entries in sections.items() if entries]
        self.body = "".join(rows)


class CompactLayout(MacroElement):
    """Keeps the title, legend, credits, slider and Leaflet's controls clear of each other.

    The map container gets the class ``gm-compact`` while it is smaller than ``COMPACT_WIDTH`` x
    ``COMPACT_HEIGHT`` (it follows resizes). Compact: the title is one line, the legend and a
    "©" button that opens the full credits sit at the bottom right, and an opened panel is placed
    in the band between the top and the bottom controls, one panel at a time. Large: title and
    credits are shown in full and the open legend is kept below the top controls.

    >>> CompactLayout(TitleStamp("t", "s"), Legend()).legend_open
    True
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .folium-map.leaflet-container .leaflet-bar a{width:40px;height:40px;line-height:40px;font-size:22px}
        .folium-map.leaflet-container .leaflet-control-layers-toggle{width:44px;height:44px}
        .folium-map :focus-visible{outline:3px solid #1a5fb4;outline-offset:1px}
        .folium-map.leaflet-container:focus-visible{outline-offset:-3px}
        .gm-credits-toggle{display:none}
        .gm-compact .gm-credits-toggle{display:block;width:40px;height:40px;padding:0;border:0;
          border-radius:4px;background:rgba(255,255,255,.94);box-shadow:0 1px 4px rgba(0,0,0,.3);
          font:600 18px/40px system-ui,sans-serif;color:#333;cursor:pointer}
        .gm-compact .leaflet-control-attribution{display:none}
        .gm-compact .leaflet-control-attribution.gm-open{display:block}
        .gm-sheet{position:absolute;z-index:1000;box-sizing:border-box;overflow:auto;background:#fff;
          padding:6px 8px;border-radius:4px;box-shadow:0 1px 6px rgba(0,0,0,.35)}
        .leaflet-container .leaflet-control-attribution.gm-sheet{font-size:12px;line-height:1.5;
          max-width:none;margin:0}
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, box = map.getContainer(), GAP = 8;
            var title = document.getElementById({{ this.title.get_name() | tojson }});
            var legend = document.getElementById({{ this.legend.get_name() | tojson }});
            var legendBody = legend.querySelector(".gm-legend-body");
            var credits = map.attributionControl.getContainer();
            credits.id = {{ (this.get_name() ~ "_credits") | tojson }};
            // The title joins the controls: placed on the map, and first in the keyboard order.
            var corners = box.querySelector(".leaflet-control-container");
            corners.insertBefore(title, corners.firstChild);
            L.DomEvent.disableClickPropagation(title);
            L.DomEvent.disableScrollPropagation(title);
            var button = L.DomUtil.create("button", "leaflet-control gm-credits-toggle");
            button.type = "button";
            button.textContent = "\\u00a9";
            button.setAttribute("aria-label", "Sources and credits");
            button.setAttribute("aria-controls", credits.id);
            button.setAttribute("aria-expanded", "false");
            L.DomEvent.disableClickPropagation(button);
            credits.parentNode.insertBefore(button, credits);  // just above the (folded) credits
            var panels = [title, legend, credits], compact = null;

            function isOpen(p) { return p === credits ? credits.classList.contains("gm-open") : p.open; }
            function setOpen(p, open) {
                if (p !== credits) { if (p.open !== open) p.open = open; return; }  // "toggle" places it
                credits.classList.toggle("gm-open", open);
                button.setAttribute("aria-expanded", String(open));
                place();
            }
            // compact: one panel at a time, so an opened panel never covers another
            function opened(p) {
                if (compact) panels.forEach(function (q) { if (q !== p) setOpen(q, false); });
            }
            [title, legend].forEach(function (p) {
                p.addEventListener("toggle", function () { if (p.open) opened(p); place(); });
            });
            button.addEventListener("click", function () {
                var open = !isOpen(credits);
                if (open) opened(credits);
                setOpen(credits, open);
            });
            map.on("click", function () {
                if (compact) panels.forEach(function (p) { setOpen(p, false); });
            });
            box.addEventListener("keydown", function (e) {
                if (e.key !== "Escape") return;
                var p = panels.find(function (q) {
                    return q.contains(e.target) || (q === credits && e.target === button);
                });
                if (!p || !isOpen(p) || (p !== legend && !compact)) return;
                setOpen(p, false);
                (p === credits ? button : p.querySelector("summary")).focus();
                e.stopPropagation();
            });
            // Leaflet opens the layer list on Enter but hides the button that had the focus: the focus
            // moves into the list, and the list folds when the focus leaves it or on Escape.
            var layerList = box.querySelector(".leaflet-control-layers");
            if (layerList) {
                var layerToggle = layerList.querySelector(".leaflet-control-layers-toggle");
                var fold = function () { layerList.classList.remove("leaflet-control-layers-expanded"); };
                layerList.addEventListener("keydown", function (e) {
                    var open = layerList.classList.contains("leaflet-control-layers-expanded");
                    if (e.key === "Enter" && e.target === layerToggle && open) {
                        layerList.querySelector("input").focus();
                    } else if (e.key === "Escape" && open) {
                        fold();
                        layerToggle.focus();
                        e.stopPropagation();
                    }
                });
                layerList.addEventListener("focusout", function (e) {
                    if (e.relatedTarget && !layerList.contains(e.relatedTarget)) fold();
                });
            }
            function rect(el) { return el.getBoundingClientRect(); }
            // the free band (map coordinates) between the top controls and the bottom ones
            function band(m) {
                var top = 0, bottom = m.height;
                box.querySelectorAll(".leaflet-top .leaflet-control").forEach(function (c) {
                    top = Math.max(top, rect(c).bottom - m.top);
                });
                if (!(compact && title.open)) top = Math.max(top, rect(title).bottom - m.top);
                box.querySelectorAll(".leaflet-bottom .leaflet-control").forEach(function (c) {
                    var r = rect(c);
                    // (a large map's open legend is placed below the top controls instead)
                    if ((compact || c !== legend) && !c.classList.contains("gm-sheet") && r.height) {
                        bottom = Math.min(bottom, r.top - m.top);
                    }
                });
                return [top + GAP, bottom - GAP];
            }
            function unsheet(el) {
                el.classList.remove("gm-sheet");
                ["left", "top", "width", "maxHeight"].forEach(function (k) { el.style[k] = ""; });
            }
            // a panel across the map, its foot at the bottom of the free band
            function sheet(el, m, free) {
                el.classList.add("gm-sheet");
                el.style.width = (m.width - 20) + "px";
                el.style.maxHeight = (free[1] - free[0]) + "px";
                var parent = rect(el.offsetParent);
                el.style.left = (m.left + 10 - parent.left) + "px";
                el.style.top = (m.top + free[1] - el.offsetHeight - parent.top) + "px";
            }
            function place() {
                var m = rect(box), slider = box.querySelector(".gm-slider");
                var sheets = !compact ? [] :
                    [legend.open && legendBody, isOpen(credits) && credits].filter(Boolean);
                // a sheet is taken out of the flow before measuring, so its corner keeps its button size
                [legendBody, credits].forEach(function (el) {
                    if (sheets.indexOf(el) < 0) unsheet(el); else el.classList.add("gm-sheet");
                });
                if (slider) {  // compact: the slider ends left of the legend and credits buttons
                    var right = Math.max(rect(legend).width, rect(button).width);
                    slider.style.maxWidth = compact ? (m.width - 40 - right) + "px" : "";
                }
                var free = band(m);
                title.style.maxHeight = (free[1] - (rect(title).top - m.top)) + "px";
                sheets.forEach(function (el) { sheet(el, m, free); });
                if (!compact && legend.open) {  // grows upwards from its corner: stop below the top controls
                    var l = rect(legend), chrome = l.height - rect(legendBody).height;
                    legendBody.style.maxHeight = Math.max(0, l.bottom - m.top - free[0] - chrome) + "px";
                }
            }
            function layout() {
                var m = rect(box), small = m.width < {{ this.width }} || m.height < {{ this.height }};
                if (small !== compact) {
                    compact = small;
                    box.classList.toggle("gm-compact", small);
                    title.open = !small;
                    legend.open = !small && {{ this.legend_open | tojson }};
                    setOpen(credits, false);
                }
                place();
            }
            map.whenReady(layout);
            new ResizeObserver(layout).observe(box);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: TitleStamp, legend: Legend, width: int = COMPACT_WIDTH,
                 height: int = COMPACT_HEIGHT) -> None:
        super().__init__()
        self._name = "CompactLayout"
        self.title, self.legend = title, legend
        self.legend_open = legend.open_
        self.width, self.height = int(width), int(height)
