"""The map for readers who cannot see it: an accessible name and description on the map, and a
visually hidden table of the incidents shown that screen readers read and that follows the slider.

``MapLabel`` makes the map container a region named by the title and described by a hidden
paragraph (``describe``: dates, counts by type and claimant, how many were confirmed).
``IncidentList`` adds the table after the map: date, place, type, who claimed it, confirmed or
not, and the report's words. Its cells are filled with ``textContent``, so report text stays text.
``FallbackPicture`` shows a static picture of the map (``geomap.maps.static``) where scripts do
not run, with the description as its text alternative.

>>> describe("3 incidents, 2022-02-17", ["shelling", "shelling", "drone"], ["ukraine"] * 3, [1, 0, 0])
'3 incidents, 2022-02-17. By type: 2 shelling, artillery, 1 drone. Claimed by: 3 Ukrainian side. \
Confirmed: 1 of 3. The incidents are listed in a table after the map.'
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from branca.element import MacroElement
from folium.template import Template

from geomap.maps.elements import IncidentLayer, html_text, safe_json
from geomap.schema import MAP_KINDS, MAP_SIDES

__all__ = ["LIST_COLUMNS", "LIST_LIMIT", "FallbackPicture", "IncidentList", "MapLabel", "describe"]

LIST_COLUMNS = ["Date", "Place", "Type", "Claimed by", "Confirmed", "Report"]
# A screen reader reads a table row by row: past a thousand rows nobody listens to the end, and
# building a 100,000-row table would hold up a large map's page for seconds.
LIST_LIMIT = 1000

# Visually hidden but read by screen readers (display:none would hide it from them too).
SR_ONLY = ".gm-sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;" \
          "overflow:hidden;clip-path:inset(50%);white-space:nowrap}"


def describe(subtitle: str, kinds: Sequence[str] = (), sides: Sequence[str] = (),
             confirmed: Sequence[int] = ()) -> str:
    """The map's accessible description: the subtitle, then counts by type, claimant and
    confirmation of the incidents (keys of ``MAP_KINDS``, ``MAP_SIDES``, 1 for confirmed).

    >>> describe("Situation on 2022-02-17")
    'Situation on 2022-02-17.'
    """
    if not kinds:
        return f"{subtitle}."
    by_kind = ", ".join(f"{n} {MAP_KINDS[k][1].lower()}" for k, n in Counter(kinds).most_common())
    by_side = ", ".join(f"{n} {MAP_SIDES[s][1]}" for s, n in Counter(sides).most_common())
    return (f"{subtitle}. By type: {by_kind}. Claimed by: {by_side}. Confirmed: {sum(confirmed)} of "
            f"{len(kinds)}. The incidents are listed in a table after the map.")


class MapLabel(MacroElement):
    """Names the map container (a ``region`` described as a map) and describes it.

    >>> MapLabel("Title", "12 incidents").description
    '12 incidents'
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.sr_only }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, box = map.getContainer();
            var text = document.createElement("p");
            text.id = {{ (this.get_name() ~ "_description") | tojson }};
            text.className = "gm-sr-only";
            text.textContent = {{ this.description_json }};
            box.parentNode.insertBefore(text, box.nextSibling);
            box.setAttribute("role", "region");
            box.setAttribute("aria-roledescription", "map");
            box.setAttribute("aria-label", {{ this.title_json }});
            box.setAttribute("aria-describedby", text.id);
            // Shapes with a tooltip or popup (27 oblasts, area incidents) would each be a stop of the
            // Tab key before the controls; their contents are in the description and the table.
            function untabbable(layer) {
                var el = layer.getElement && layer.getElement();
                if (el && el.namespaceURI === "http://www.w3.org/2000/svg") el.setAttribute("tabindex", "-1");
            }
            map.eachLayer(untabbable);
            map.on("layeradd", function (e) { untabbable(e.layer); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, description: str) -> None:
        super().__init__()
        self._name = "MapLabel"
        self.title, self.description = title, description
        self.title_json, self.description_json = safe_json(title), safe_json(description)
        self.sr_only = SR_ONLY


class IncidentList(MacroElement):
    """A visually hidden table of the incidents an ``IncidentLayer`` shows (at most ``limit``
    rows, in the order of the input), refilled whenever the time slider moves. ``kinds``: the
    keys of ``MAP_KINDS`` on the map.

    >>> layer = IncidentLayer({"strings": [], "fields": [], "rows": [], "areas": []})
    >>> IncidentList(layer).limit
    1000
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var box = {{ this._parent.get_name() }}.getContainer(), layer = {{ this.incidents.get_name() }};
            var data = {{ this.incidents.get_name() }}_data, S = data.strings, col = {};
            var kinds = {{ this.kinds_json }}, sides = {{ this.sides_json }}, LIMIT = {{ this.limit }};
            data.fields.forEach(function (f, j) { col[f[0]] = 7 + j; });  // (incident_table's row layout)
            function text(r, key) { var v = r[col[key]]; return v >= 0 ? S[v] : ""; }
            function cells(r) {
                var weapons = text(r, "weapons");
                return [text(r, "date"),
                        (text(r, "place_text") || text(r, "resolved")) + (r[6] ? " (approximate place)" : ""),
                        kinds[r[3]] + (weapons ? " (" + weapons + ")" : ""),
                        text(r, "claimed") || sides[r[4]],
                        r[5] ? "yes" : "no",
                        text(r, "quote")];
            }
            var section = document.createElement("section"), table = document.createElement("table");
            section.className = "gm-sr-only gm-incident-list";
            section.setAttribute("aria-label", "Incidents on the map");
            var caption = table.createCaption(), head = table.createTHead().insertRow();
            {{ this.columns_json }}.forEach(function (name) {
                var th = document.createElement("th");
                th.scope = "col";
                th.textContent = name;
                head.appendChild(th);
            });
            table.appendChild(document.createElement("tbody"));
            section.appendChild(table);
            box.parentNode.insertBefore(section, box.nextSibling);
            function fill() {
                var rows = layer.visibleRows || [], body = document.createElement("tbody");
                rows.slice(0, LIMIT).forEach(function (i) {
                    var tr = body.insertRow();
                    cells(data.rows[i]).forEach(function (t) { tr.insertCell().textContent = t; });
                });
                table.replaceChild(body, table.tBodies[0]);
                caption.textContent = "Incidents shown, " + layer.stepLabel + ": " +
                    rows.length.toLocaleString("en") +
                    (rows.length > LIMIT ? " (the first " + LIMIT.toLocaleString("en") + " are listed)" : "");
            }
            layer.on("gmstep", fill);
            fill();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, incidents: IncidentLayer, kinds: Collection[str] = tuple(MAP_KINDS),
                 limit: int = LIST_LIMIT) -> None:
        super().__init__()
        self._name = "IncidentList"
        self.incidents, self.limit = incidents, int(limit)
        self.columns_json = safe_json(LIST_COLUMNS)
        # the labels of the kinds on the map only (a page names satellite fires only when it has some)
        self.kinds_json = safe_json({k: label for k, (_, label) in MAP_KINDS.items() if k in kinds})
        self.sides_json = safe_json({k: label for k, (_, label) in MAP_SIDES.items()})


class FallbackPicture(MacroElement):
    """A picture of the map shown instead of it when scripts are off (some article readers, feed
    readers and e-mail views): ``src`` is its URL relative to the page, ``alt`` its text.

    >>> FallbackPicture("maps/demo.png", "12 incidents <b>").alt_html
    '12 incidents &lt;b&gt;'
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <noscript><style>.folium-map{display:none}</style><img class="gm-fallback" """
        """src="{{ this.src_html }}" alt="{{ this.alt_html }}" """
        """style="display:block;width:100%;height:100%;object-fit:contain"></noscript>
        {% endmacro %}
        """
    )

    def __init__(self, src: str, alt: str) -> None:
        super().__init__()
        self._name = "FallbackPicture"
        self.src_html, self.alt_html = html_text(src), html_text(alt)
