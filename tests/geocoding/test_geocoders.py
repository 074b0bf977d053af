"""geopy integration: the offline Gazetteer geocoder, online backends against a loopback
Nominatim server (never the internet), the on-disk cache, and the ``geomap geocode`` command."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import shapely
from geopy.exc import ConfigurationError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from places import KHERSON, STANYTSIA_LUHANSKA

import geomap
from geomap.cli import main
from geomap.geocoding.geocoders import Gazetteer, GeocodeCache, Nominatim, get_geocoder

RAW_KEYS = {"geonameid", "feature_code", "oblast", "raion", "precision", "score", "candidates", "reasons"}


def test_gazetteer_is_a_geopy_geocoder_returning_locations():
    g = Gazetteer()
    assert isinstance(g, Geocoder)
    loc = g.geocode("Stanitsa Luganskaya")
    assert isinstance(loc, Location)
    assert RAW_KEYS <= set(loc.raw)
    assert loc.raw["oblast"] == {"iso": "UA-09", "name": "Luhansk Oblast"}
    assert loc.raw["precision"] == "settlement" and loc.raw["feature_code"].startswith("PPL")
    assert (abs(loc.longitude - STANYTSIA_LUHANSKA[0]) < 0.05
            and abs(loc.latitude - STANYTSIA_LUHANSKA[1]) < 0.05)
    assert "Luhansk Oblast" in loc.address


def test_exactly_one_false_gives_ranked_locations_and_candidates_are_alternatives():
    g = Gazetteer()
    locs = g.geocode("Mykhailivka", exactly_one=False, limit=20, min_confidence=0)
    assert len(locs) == 20
    scores = [loc.raw["score"] for loc in locs]
    assert scores == sorted(scores, reverse=True)
    one = g.geocode("Mykhailivka", min_confidence=0)
    assert one.raw["geonameid"] == locs[0].raw["geonameid"]
    assert [c["geonameid"] for c in one.raw["candidates"]] == [loc.raw["geonameid"] for loc in locs[1:6]]
    # A runner-up is right at most when the best answer is not; the default keeps the likely ones.
    assert all(loc.raw["confidence"] <= 1 - locs[0].raw["confidence"] + 1e-9 for loc in locs[1:])
    likely = g.geocode("Mykhailivka", exactly_one=False, limit=20) or []
    assert all(loc.raw["confidence"] >= 0.5 for loc in likely) and len(likely) < 20


@pytest.mark.parametrize("query", ["Zelensky", "NATO", "air defence", "Kremlin", "Russian troops", "Javelin"])
def test_strings_that_name_no_place_get_no_answer(query):
    assert geomap.geocode(query) is None
    forced = geomap.geocode(query, min_confidence=0)
    assert forced is not None and forced.raw["confidence"] < 0.5


@pytest.mark.parametrize("query", ["Kyiv", "Donbas", "Kherson region", "Pisky, Donetsk region", "Russia",
                                   "Stanitsa Luganskaya", "48.5, 37.9"])
def test_places_named_plainly_are_answered_with_high_confidence(query):
    assert geomap.geocode(query).raw["confidence"] >= 0.7


def test_geomap_geocode_convenience_api_with_date_and_hint():
    loc = geomap.geocode("Mykhailivka", hint="Kherson oblast", date="2023-01-05")
    assert loc.raw["oblast"]["iso"] == "UA-65"
    assert geomap.geocode("Artemivsk").raw["geonameid"] == geomap.geocode("Bakhmut").raw["geonameid"]


def test_countries_and_world_cities_come_back_as_such():
    russia = Gazetteer().geocode("Russia")
    assert russia.raw["precision"] == "country" and russia.raw["country"] == "RU"
    assert all(c["country"] != "UA" or c["score"] < russia.raw["score"] for c in russia.raw["candidates"])
    brussels = geomap.geocode("Brussels")
    assert brussels.raw["country"] == "BE" and brussels.address.endswith("BE")
    belgorod = geomap.geocode("Belgorod region")
    assert ((belgorod.raw["precision"], belgorod.raw["name"], belgorod.raw["country"])
            == ("region", "Belgorod region", "RU"))


def test_region_and_oblast_results_carry_their_polygon():
    oblast = geomap.geocode("Kherson region")
    assert oblast.raw["precision"] == "oblast"
    assert shapely.geometry.shape(oblast.raw["geometry"]).contains(shapely.Point(*KHERSON))
    ordlo = geomap.geocode("ORDLO", date="2019-05-01")
    assert ordlo.raw["precision"] == "region"
    shape = shapely.geometry.shape(ordlo.raw["geometry"])
    assert shape.contains(shapely.Point(ordlo.longitude, ordlo.latitude))


@pytest.mark.parametrize("junk", ["", "  ", "0123", "🙂", "\x00"])
def test_bad_input_gives_none(junk):
    assert geomap.geocode(junk) is None


def test_bad_input_types_and_sizes_are_clear_errors():
    with pytest.raises(TypeError, match="string"):
        geomap.geocode(12345)
    with pytest.raises(ValueError, match="characters"):
        geomap.geocode("a" * 1_000_000)


@pytest.mark.parametrize("query", ["47.0951, 37.5413", "47.0951N 37.5413E", "47°05′42″N 37°32′29″E"])
def test_a_coordinate_pair_is_that_point(query):
    loc = geomap.geocode(query, date="2022-03-01")
    assert loc.raw["precision"] == "coordinates"
    assert (round(loc.latitude, 3), round(loc.longitude, 3)) == (47.095, 37.541)
    assert loc.raw["oblast"]["iso"] == "UA-14"


def test_impossible_or_uncovered_coordinates_are_clear_errors():
    with pytest.raises(ValueError, match="impossible coordinates"):
        geomap.geocode("95.5, 30.2")
    with pytest.raises(ValueError, match="outside the area geomap covers"):
        geomap.geocode("40.71, -74.01")
    with pytest.raises(ValueError, match="order latitude, longitude"):
        geomap.geocode("37.54, 47.10")


def test_unknown_geocoder_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown geocoder"):
        get_geocoder("bing")


# --- online backends against a loopback server ------------------------------------------

class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim's JSON API from a two-place table; records requests."""

    PLACES = {
        "kyiv": {"place_id": 1, "lat": "50.4500336", "lon": "30.5241361", "display_name": "Kyiv, Ukraine",
                 "type": "city", "class": "place", "importance": 0.8},
        "kherson": {"place_id": 2, "lat": "46.6354", "lon": "32.6178", "display_name": "Kherson, Ukraine",
                    "type": "city", "class": "place", "importance": 0.7},
    }
    requests: list = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        params = parse_qs(url.query)
        type(self).requests.append({"path": url.path, "params": params,
                                    "agent": self.headers.get("User-Agent")})
        q = params.get("q", [""])[0].lower()
        hits = [p for name, p in self.PLACES.items() if name in q]
        body = json.dumps(hits).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def nominatim_server():
    FakeNominatim.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def make_nominatim(domain, tmp_path, **kw):
    return Nominatim(user_agent="geomap-tests/1.0", domain=domain, scheme="http",
                     cache_path=tmp_path / "cache.sqlite", min_delay_seconds=kw.pop("delay", 0.0), **kw)


def test_nominatim_backend_speaks_to_the_server_and_sends_the_user_agent(nominatim_server, tmp_path):
    g = make_nominatim(nominatim_server, tmp_path)
    assert isinstance(g, Geocoder) and isinstance(g._call, RateLimiter)
    loc = g.geocode("Kyiv")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == (50.4500336, 30.5241361)
    assert loc.address == "Kyiv, Ukraine" and loc.raw["place_id"] == 1
    (req,) = FakeNominatim.requests
    assert req["path"] == "/search" and req["agent"] == "geomap-tests/1.0"
    assert req["params"]["q"] == ["Kyiv"] and req["params"]["format"] == ["json"]


def test_nominatim_answers_are_cached_on_disk_across_instances(nominatim_server, tmp_path):
    first = make_nominatim(nominatim_server, tmp_path)
    a = first.geocode("Kherson")
    assert first.geocode("Kherson").raw == a.raw
    assert len(FakeNominatim.requests) == 1
    second = make_nominatim(nominatim_server, tmp_path)  # a new process would see the same file
    assert second.geocode("Kherson").point == a.point
    assert len(FakeNominatim.requests) == 1
    assert len(GeocodeCache(tmp_path / "cache.sqlite")) == 1


def test_nominatim_empty_answers_are_none_and_cached_too(nominatim_server, tmp_path):
    g = make_nominatim(nominatim_server, tmp_path)
    assert g.geocode("Atlantis") is None
    assert g.geocode("Atlantis") is None
    assert len(FakeNominatim.requests) == 1
    assert g.geocode("   ") is None and len(FakeNominatim.requests) == 1  # junk never goes out


def test_nominatim_hint_goes_into_the_query_and_exactly_one_false_lists(nominatim_server, tmp_path):
    g = make_nominatim(nominatim_server, tmp_path)
    locs = g.geocode("Kyiv", hint="Kherson", exactly_one=False)
    assert [loc.raw["place_id"] for loc in locs] == [1, 2]
    assert FakeNominatim.requests[0]["params"]["q"] == ["Kyiv, Kherson"]


def test_nominatim_requests_are_spaced_by_the_rate_limiter(nominatim_server, tmp_path):
    g = make_nominatim(nominatim_server, tmp_path, delay=0.3)
    t0 = time.monotonic()
    g.geocode("Kyiv")
    g.geocode("Kherson")
    assert time.monotonic() - t0 >= 0.3
    assert len(FakeNominatim.requests) == 2


def test_online_backend_needs_a_user_agent(monkeypatch, tmp_path):
    monkeypatch.delenv("GEOMAP_USER_AGENT", raising=False)
    with pytest.raises(ConfigurationError, match="user agent"):
        Nominatim(cache_path=tmp_path / "c.sqlite")


def test_geomap_geocode_reaches_an_online_backend_only_when_named(nominatim_server, tmp_path):
    loc = geomap.geocode("Kherson", geocoder="nominatim", user_agent="geomap-tests/1.0",
                         domain=nominatim_server, scheme="http", cache_path=tmp_path / "c.sqlite",
                         min_delay_seconds=0)
    assert loc.raw["place_id"] == 2
    geomap.geocode("Kherson")  # offline default: no request
    assert len(FakeNominatim.requests) == 1


# --- the command line ----------------------------------------------------------------------

def test_cli_geocode_text_output(capsys):
    assert main(["geocode", "Stanytsia Luhanska", "--date", "2022-02-17"]) == 0
    out = capsys.readouterr().out
    assert "Stanytsia Luhanska, Shchastynskyi Raion, Luhansk Oblast" in out
    assert "UA-09" in out and "precision    settlement" in out
    assert "government" in out and "km from the line of contact" in out


def test_cli_geocode_json_has_place_alternatives_and_control(capsys):
    assert main(["geocode", "Stanytsia Luhanska", "--date", "2022-03-15", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["found"] and item["oblast"]["iso"] == "UA-09"
    assert item["control"]["control"] == "occupied_since_2022"
    assert item["control"]["line_km"] < 0  # occupied side
    assert isinstance(item["candidates"], list)


def test_cli_geocode_region_with_hint_and_file(capsys, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Mykhailivka\n\nDPR\n" + "x" * 5000 + "\n12345\n", encoding="utf-8")
    rc = main(["geocode", "--file", str(names), "--hint", "Zaporizhzhia oblast",
               "--date", "2023-06-01", "--json"])
    items = json.loads(capsys.readouterr().out)
    assert rc == 1  # some lines were not found
    assert [i["found"] for i in items] == [True, True, False, False]
    assert items[0]["oblast"]["iso"] == "UA-23"
    assert items[1]["precision"] == "region" and items[1]["control"]["occupied_share"] > 0.9
    assert "characters" in items[2]["error"]


def test_cli_geocode_file_shows_unprintable_lines_escaped(capsys, tmp_path):
    names = tmp_path / "names.txt"
    names.write_bytes(b"Bakhmut\n\x01\x02\n")
    assert main(["geocode", "--file", str(names)]) == 1
    out = capsys.readouterr().out
    assert "Bakhmut -> Bakhmut" in out and "'\\x01\\x02': not found" in out


def test_cli_geocode_user_errors(capsys, tmp_path):
    assert main(["geocode"]) == 2
    assert main(["geocode", "Kyiv", "--date", "not-a-date"]) == 2
    assert main(["geocode", "--file", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("geomap geocode: error:") == 3


def test_geopy_habits_work_offline():
    """timeout= and language= are accepted as geopy takes them; gaps in a column give None."""

    import pandas as pd

    assert geomap.geocode("Kherson", timeout=5, language="uk").address.startswith("Kherson")
    assert geomap.Gazetteer().geocode("Kherson", timeout=None, language="en") is not None
    column = pd.Series(["Bakhmut", None, float("nan"), "  ", pd.NA])
    answers = column.apply(geomap.geocode)
    assert answers.iloc[0] is not None and answers.iloc[1:].isna().all()


@pytest.mark.parametrize("query", ["Kherson oblast", "Donbas"])
def test_raw_answers_are_json(query):
    import json

    raw = geomap.geocode(query, date="2023-01-01").raw
    assert json.loads(json.dumps(raw))["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_reverse_gives_the_nearest_settlement_and_the_control_of_the_date():
    before = geomap.reverse("48.0159, 37.8028", date="2021-06-01")  # central Donetsk
    assert before.address.startswith("Donetsk") and before.raw["control"]["control"] == "occupied_since_2014"
    assert before.raw["distance_km"] < 3
    from geopy.point import Point

    mariupol = Point(47.0951, 37.5413)
    assert geomap.reverse(mariupol, date="2021-06-01").raw["control"]["control"] == "government"
    later = geomap.reverse((47.0951, 37.5413), date="2023-06-01")
    assert later.raw["control"]["control"] == "occupied_since_2022"
    assert geomap.reverse((52.52, 13.40)) is None  # Berlin: outside the area covered
