"""Static pictures of a map (PNG, SVG): sizes, a real drawing, the legend's symbols."""
import geopandas as gpd
import matplotlib.image
import pytest
import shapely

from geomap.cli import main
from geomap.maps.static import SIZES, static_map, write_static_map


def _incidents():
    return gpd.GeoDataFrame(
        {"date": ["2022-02-17"] * 3, "event_type": ["shelling", "drone", "missile"],
         "claimant_side": ["ukraine", "separatists", ""]},
        geometry=[shapely.Point(38.0, 48.5), shapely.Point(37.8, 48.1), shapely.Point(39.2, 48.6)], crs=4326)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_a_png_has_the_size_asked_and_is_drawn(tmp_path, size):
    path = write_static_map(_incidents(), tmp_path / "map.png", size=size)
    pixels = matplotlib.image.imread(path)
    assert pixels.shape[1::-1] == SIZES[size]
    assert pixels[..., :3].std() > 0.05  # a drawing, not a blank page


def test_the_legend_lists_the_symbols_on_the_map_and_the_credits_are_there():
    figure = static_map(_incidents(), title="Test picture")
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert {"Shelling, artillery", "Drone", "Missile", "Ukrainian side", "Russian / Russian-backed",
            "Contact line", "Occupied area"} <= set(labels) and "Clashes" not in labels
    texts = " ".join(t.get_text() for t in figure.texts)
    assert "Test picture" in texts and "as of 2022-02-17" in texts and "GeoNames" in texts


def test_the_map_command_writes_the_pictures_too(tmp_path, capsys):
    source = tmp_path / "incidents.geojson"
    _incidents().to_file(source)
    png, svg = tmp_path / "card.png", tmp_path / "map.svg"
    assert main(["map", str(source), "-o", str(tmp_path / "m.html"), "--png", str(png), "--svg", str(svg),
                 "--picture-size", "social"]) == 0
    assert matplotlib.image.imread(png).shape[:2] == (630, 1200)
    assert svg.read_text().lstrip().startswith("<?xml") and "<svg" in svg.read_text()


def test_the_picture_stands_in_for_an_embedded_map_without_scripts(tmp_path, capsys):
    source = tmp_path / "incidents.geojson"
    _incidents().to_file(source)
    (tmp_path / "maps").mkdir()
    assert main(["map", str(source), "-o", str(tmp_path / "maps" / "m.html"), "--embed",
                 "--png", str(tmp_path / "pictures" / "m.png")]) == 0
    page = (tmp_path / "maps" / "m.html").read_text()
    assert '<img class="gm-fallback" src="../pictures/m.png" alt="3 incidents, 2022-02-17' in page


def test_a_picture_url_is_escaped():
    from geomap.maps.render import render

    page = render(_incidents(), check=False, picture='x.png" onerror="alert(1)').get_root().render()
    assert 'src="x.png&quot; onerror=&quot;alert(1)"' in page
